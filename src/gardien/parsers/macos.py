"""Parsers for macOS outputs: sysadminctl, fdesetup, diskutil, socketfilterfw, softwareupdate,
tmutil, system_profiler, bioutil, pmset, scutil and property lists converted to JSON.

Probes run with LC_ALL=C; plist and JSON outputs are preferred where macOS offers them.
"""

from __future__ import annotations

import json
import plistlib
import re
from dataclasses import dataclass
from datetime import datetime

from gardien.parsers import UnknownFormat

# --- Screen lock (sysadminctl -screenLock status, written to stderr) ---------------------------


@dataclass(frozen=True)
class ScreenLockDelay:
    """Delay before the password is required after sleep or screen saver; None when off."""

    enabled: bool
    delay_s: int | None


def parse_sysadminctl_screenlock(text: str) -> ScreenLockDelay:
    """Parse `sysadminctl -screenLock status` ("screenLock delay is 300 seconds", "... is immediate", "... is off")."""
    if re.search(r"screenLock is off", text):
        return ScreenLockDelay(False, None)
    if re.search(r"screenLock delay is immediate", text):
        return ScreenLockDelay(True, 0)
    match = re.search(r"screenLock delay is (\d+) seconds?", text)
    if match:
        return ScreenLockDelay(True, int(match.group(1)))
    raise UnknownFormat("sysadminctl : état du verrouillage non reconnu")


def parse_sysadminctl_guest(text: str) -> bool:
    """Parse `sysadminctl -guestAccount status`: True when the guest account is enabled."""
    if re.search(r"Guest account (is )?(already )?disabled", text):
        return False
    if re.search(r"Guest account (is )?(already )?enabled", text):
        return True
    raise UnknownFormat("sysadminctl : état du compte invité non reconnu")


# --- FileVault ------------------------------------------------------------------------------


def parse_fdesetup_status(text: str) -> str:
    """Parse `fdesetup status`: "on", "off", "encrypting" or "decrypting"."""
    if "FileVault is On" in text:
        return "on"
    if "FileVault is Off" in text:
        return "off"
    if "Encryption in progress" in text:
        return "encrypting"
    if "Decryption in progress" in text:
        return "decrypting"
    raise UnknownFormat("fdesetup : état de FileVault non reconnu")


@dataclass(frozen=True)
class ApfsVolume:
    name: str
    roles: tuple[str, ...]
    encrypted: bool
    filevault: bool


def parse_apfs_list(text: str) -> list[ApfsVolume]:
    """Parse `diskutil apfs list -plist`: every APFS volume with its roles and encryption."""
    try:
        data = plistlib.loads(text.strip().encode("utf-8"))
    except Exception as exc:  # plistlib raises several exception types for bad input
        raise UnknownFormat(f"diskutil : plist illisible ({exc.__class__.__name__})") from exc
    volumes = []
    for container in data.get("Containers", []):
        for volume in container.get("Volumes", []):
            volumes.append(
                ApfsVolume(
                    str(volume.get("Name", "")),
                    tuple(volume.get("Roles", [])),
                    bool(volume.get("Encryption")),
                    bool(volume.get("FileVault")),
                )
            )
    return volumes


# --- Firewall (socketfilterfw) ---------------------------------------------------------------


def parse_socketfilterfw_state(text: str) -> int:
    """Parse `socketfilterfw --getglobalstate`: 0 off, 1 on, 2 on and blocking all incoming."""
    match = re.search(r"\(State = (\d)\)", text)
    if match:
        return int(match.group(1))
    if re.search(r"Firewall is disabled", text):
        return 0
    raise UnknownFormat("socketfilterfw : état du pare-feu non reconnu")


# --- Software updates -----------------------------------------------------------------------


@dataclass(frozen=True)
class SoftwareUpdates:
    labels: tuple[str, ...]
    restart_needed: bool


def parse_softwareupdate_list(text: str) -> SoftwareUpdates:
    """Parse `softwareupdate --list [--no-scan]`; a scan error raises UnknownFormat."""
    if "No new software available" in text:
        return SoftwareUpdates((), False)
    labels = tuple(m.group(1).strip() for m in re.finditer(r"^\* Label: (.+)$", text, re.M))
    if labels:
        return SoftwareUpdates(labels, "Action: restart" in text)
    if "error" in text.lower():
        raise UnknownFormat("softwareupdate n'a pas pu chercher les mises à jour (erreur réseau ?)")
    raise UnknownFormat("softwareupdate : réponse non reconnue")


def parse_plist_json(text: str) -> dict:
    """Parse `plutil -convert json -o - FILE` (or any JSON object)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UnknownFormat("préférences illisibles (JSON attendu)") from exc
    if not isinstance(data, dict):
        raise UnknownFormat("préférences illisibles (objet JSON attendu)")
    return data


# --- Time Machine ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TimeMachineDestination:
    name: str
    kind: str  # "Local" or "Network"


def parse_tmutil_destinationinfo(text: str) -> list[TimeMachineDestination]:
    """Parse `tmutil destinationinfo`: the configured destinations (empty when none)."""
    if "No destinations configured" in text:
        return []
    destinations = []
    for block in re.split(r"^[>\s]*=+\s*$", text, flags=re.M):
        fields = {}
        for line in block.splitlines():
            key, sep, value = line.lstrip("> ").partition(":")
            if sep:
                fields[key.strip()] = value.strip()
        if "Name" in fields or "ID" in fields:
            destinations.append(TimeMachineDestination(fields.get("Name", ""), fields.get("Kind", "")))
    if not destinations and text.strip():
        raise UnknownFormat("tmutil : réponse non reconnue")
    return destinations


def parse_tmutil_latestbackup(text: str) -> datetime | None:
    """Parse `tmutil latestbackup`: the date in the snapshot name (YYYY-MM-DD-HHMMSS), or None."""
    match = re.search(r"(\d{4})-(\d{2})-(\d{2})-(\d{2})(\d{2})(\d{2})", text)
    if not match:
        return None
    return datetime(*(int(g) for g in match.groups()))


# --- Wi-Fi (system_profiler -json SPAirPortDataType) ----------------------------------------


@dataclass(frozen=True)
class MacWifi:
    connected: bool
    ssid: str | None
    security: str | None  # e.g. "spairport_security_mode_wpa2_personal"

    @property
    def is_open(self) -> bool | None:
        if self.security is None:
            return None
        return self.security.endswith(("_none", "_wep"))


def parse_airport_profile(text: str) -> list[MacWifi]:
    """Parse `system_profiler -json SPAirPortDataType`: one entry per Wi-Fi interface."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UnknownFormat("system_profiler : JSON illisible") from exc
    interfaces = []
    for entry in data.get("SPAirPortDataType", []):
        for interface in entry.get("spairport_airport_interfaces", []):
            status = interface.get("spairport_status_information", "")
            current = interface.get("spairport_current_network_information")
            if status == "spairport_status_connected" and isinstance(current, dict):
                interfaces.append(MacWifi(True, current.get("_name"), current.get("spairport_security_mode")))
            elif status:
                interfaces.append(MacWifi(False, None, None))
    return interfaces


def parse_scutil_nc_list(text: str) -> list[str]:
    """Names of the VPN services `scutil --nc list` shows as "(Connected)"."""
    return [m.group(1) for m in re.finditer(r'\(Connected\).*?"([^"]+)"', text)]


# --- Touch ID (bioutil) ------------------------------------------------------------------------


@dataclass(frozen=True)
class TouchId:
    unlock_enabled: bool | None
    enrolled: int | None  # number of fingerprints of the current user


def parse_bioutil(text: str) -> TouchId:
    """Parse `bioutil -r` and `bioutil -c` ("Touch ID for unlock: 1", "User 501: 2 fingerprint(s)")."""
    unlock = re.search(r"^\s*Touch ID for unlock:\s*(\d)", text, re.M)
    count = re.search(r"User \d+:\s*(\d+)\s+(?:fingerprint|biometric template)", text)
    if not unlock and not count:
        raise UnknownFormat("bioutil : réponse non reconnue")
    return TouchId(bool(int(unlock.group(1))) if unlock else None, int(count.group(1)) if count else None)


# --- Accounts ---------------------------------------------------------------------------------


def parse_dscl_users(text: str) -> dict[str, int]:
    """Parse `dscl . -list /Users UniqueID`: account name -> uid."""
    users = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 2 and re.fullmatch(r"-?\d+", parts[1]):
            users[parts[0]] = int(parts[1])
    if not users:
        raise UnknownFormat("dscl : liste des comptes illisible")
    return users


# --- Power (pmset -g custom) --------------------------------------------------------------------


def parse_pmset_custom(text: str) -> dict[str, dict[str, str]]:
    """Parse `pmset -g custom`: power source ("Battery Power", "AC Power") -> setting -> value."""
    sources: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for line in text.splitlines():
        if line.strip().endswith(":") and not line.startswith(" "):
            current = sources.setdefault(line.strip().rstrip(":"), {})
            continue
        parts = line.split()
        if current is not None and len(parts) >= 2:
            current[" ".join(parts[:-1])] = parts[-1]
    if not sources:
        raise UnknownFormat("pmset : réponse non reconnue")
    return sources
