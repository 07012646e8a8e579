"""Parsers for macOS outputs: sysadminctl, fdesetup, diskutil, socketfilterfw, softwareupdate,
tmutil, system_profiler, bioutil, pmset, scutil, sw_vers, dscl and property lists (JSON, and the
old-style text `defaults read` prints).

Probes run with LC_ALL=C; plist and JSON outputs are preferred where macOS offers them.
"""

from __future__ import annotations

import json
import plistlib
import re
from dataclasses import dataclass
from datetime import datetime

from gardien.explain import reason
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
    """Parse `fdesetup status`: "on", "off", "pending", "encrypting" or "decrypting".

    "pending": "FileVault is Off, but needs to be restarted to finish." — turned on, not yet in force
    (deferred enablement waits for the next restart).
    """
    # "FileVault is On." is followed by "Encryption in progress" until the whole disk is encrypted
    if "Encryption in progress" in text:
        return "encrypting"
    if "Decryption in progress" in text:
        return "decrypting"
    if "FileVault is On" in text:
        return "on"
    if re.search(r"FileVault is Off, but needs to be restarted", text) or "Deferred enablement" in text:
        return "pending"
    if "FileVault is Off" in text:
        return "off"
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
        raise UnknownFormat(f"diskutil : plist illisible ({reason(exc)})") from exc
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


def parse_defaults_plist(text: str) -> dict:
    """Parse what `defaults read DOMAIN` prints: the old-style (NeXTSTEP) text property list.

    { Key = value; "Other key" = "quoted value"; List = ( a, "b" ); Dict = { k = v; }; }
    Numbers and YES/NO stay text, as written: read them with plist_bool / int().
    """
    tokens = re.findall(r'"(?:[^"\\]|\\.)*"|[{}();=,]|[^\s{}();=,"]+', text)
    if not tokens or tokens[0] != "{":
        raise UnknownFormat("defaults : liste de réglages illisible")
    position = 0

    def value() -> object:
        nonlocal position
        token = tokens[position]
        position += 1
        if token == "{":
            result = {}
            while tokens[position] != "}":
                key = _unquote(tokens[position])
                if tokens[position + 1] != "=":
                    raise UnknownFormat("defaults : « = » attendu")
                position += 2
                result[key] = value()
                if tokens[position] != ";":
                    raise UnknownFormat("defaults : « ; » attendu")
                position += 1
            position += 1
            return result
        if token == "(":
            items = []
            while tokens[position] != ")":
                items.append(value())
                if tokens[position] == ",":
                    position += 1
            position += 1
            return items
        if token in "});=,":
            raise UnknownFormat(f"defaults : « {token} » inattendu")
        return _unquote(token)

    try:
        data = value()
    except IndexError as exc:
        raise UnknownFormat("defaults : liste de réglages coupée") from exc
    if not isinstance(data, dict):
        raise UnknownFormat("defaults : dictionnaire attendu")
    return data


def _unquote(token: str) -> str:
    if len(token) >= 2 and token[0] == token[-1] == '"':
        return re.sub(r"\\(.)", r"\1", token[1:-1])
    return token


def plist_bool(value: object) -> bool | None:
    """A preference flag as macOS stores it: true/1/YES or false/0/NO; None for anything else."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "yes", "true"):
        return True
    if text in ("0", "no", "false"):
        return False
    return None


def plist_date(value: object) -> datetime | None:
    """A date as `defaults read` prints it ("2020-10-10 14:14:38 +0000") or as ISO 8601."""
    text = str(value).strip()
    for parse in (lambda t: datetime.strptime(t, "%Y-%m-%d %H:%M:%S %z"),
                  lambda t: datetime.fromisoformat(t.replace("Z", "+00:00"))):
        try:
            return parse(text)
        except ValueError:
            continue
    return None


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
    enrolled: int | None  # number of fingerprints of the current user, None when bioutil did not say


def parse_bioutil(text: str) -> TouchId:
    """Parse `bioutil -r` and `bioutil -c` ("Touch ID for unlock: 1", "User 501: 2 fingerprint(s)")."""
    unlock = re.search(r"^\s*Touch ID for unlock:\s*(\d)", text, re.M)
    count = re.search(r"User \d+:\s*(\d+)\s+(?:fingerprint|biometric template)", text)
    if not unlock and not count:
        raise UnknownFormat("bioutil : réponse non reconnue")
    return TouchId(bool(int(unlock.group(1))) if unlock else None, int(count.group(1)) if count else None)


# --- Accounts ---------------------------------------------------------------------------------


def parse_dscl_group_membership(text: str) -> set[str]:
    """Parse `dscl . -read /Groups/admin GroupMembership`: the account names of the group."""
    match = re.search(r"^GroupMembership:(.*)$", text, re.M)
    if not match:
        raise UnknownFormat("dscl : membres du groupe illisibles")
    return set(match.group(1).split())


# --- Version (sw_vers, system_profiler SPSoftwareDataType) ---------------------------------------


@dataclass(frozen=True)
class MacVersion:
    version: tuple[int, ...]  # (15, 3) or (10, 13)
    text: str  # "15.3" as the system writes it
    build: str | None

    @property
    def major(self) -> int:
        """13 for Ventura, 10 for every Mac OS X / macOS 10.x."""
        return self.version[0]

    @property
    def release(self) -> tuple[int, ...]:
        """The release as Apple counts them: (10, 13) for High Sierra, (15,) for Sequoia."""
        return self.version[:2] if self.major == 10 else self.version[:1]


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def parse_sw_vers(text: str) -> MacVersion:
    """Parse `sw_vers`: "ProductVersion:\t15.3" (and BuildVersion)."""
    values = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
    version = values.get("ProductVersion", "").strip()
    if not re.fullmatch(r"\d+(?:\.\d+){0,2}", version):
        raise UnknownFormat("sw_vers : version de macOS illisible")
    build = values.get("BuildVersion", "").strip() or None
    return MacVersion(_version(version), version, build)


def parse_system_profiler_software(text: str) -> MacVersion:
    """Parse `system_profiler SPSoftwareDataType`: "System Version: macOS 15.3 (24D60)" (or "OS X 10.10.5")."""
    match = re.search(r"^\s*System Version:\s*(?:macOS|Mac OS X|OS X)\s+(\d+(?:\.\d+){0,2})(?:\s+\((\w+)\))?", text, re.M)
    if not match:
        raise UnknownFormat("system_profiler : version de macOS illisible")
    return MacVersion(_version(match.group(1)), match.group(1), match.group(2))


# --- Disks (diskutil info) ---------------------------------------------------------------------


@dataclass(frozen=True)
class DiskInfo:
    """What `diskutil info DISK` says of one disk or volume (text format)."""

    identifier: str
    protocol: str | None  # "USB", "Apple Fabric", "PCI-Express"...
    location: str | None  # "External" or "Internal"
    removable: str | None  # "Removable", "Fixed"... not reliable: USB sticks can say "Fixed"
    file_system: str | None
    encrypted: bool | None  # None when diskutil says nothing about it (a whole disk)
    virtual: bool | None = None  # a disk image or another virtual disk, not a drive
    mounted: bool | None = None

    @property
    def external(self) -> bool:
        """External by its location or its USB/Thunderbolt protocol, not by "Removable Media"."""
        return self.location == "External" or (self.protocol or "") in ("USB", "Thunderbolt")


def parse_diskutil_info(text: str) -> DiskInfo:
    """Parse `diskutil info DISK` (LC_ALL=C)."""
    values = {}
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip():
            values.setdefault(key.strip(), value.strip())
    if "Device Identifier" not in values:
        raise UnknownFormat("diskutil info : disque non reconnu")
    encrypted = None
    for key in ("Encrypted", "FileVault"):
        if values.get(key) in ("Yes", "No"):
            encrypted = bool(encrypted) or values[key] == "Yes"
    file_system = values.get("File System Personality") or values.get("File System")
    return DiskInfo(
        values["Device Identifier"],
        values.get("Protocol"),
        values.get("Device Location"),
        values.get("Removable Media"),
        None if file_system in (None, "None") else file_system,
        encrypted,
        _yes_no(values.get("Virtual")),
        _yes_no(values.get("Mounted")),
    )


def _yes_no(value: str | None) -> bool | None:
    return True if value == "Yes" else False if value == "No" else None


# --- External drives (diskutil list -plist external, then diskutil info of each) ---------------------------------

SECTION_MARK = "# gardien: "
END_MARK = "# gardien: fin"
# Partitions that hold no files of their own: boot areas, and APFS or Core Storage stores whose volumes are listed apart.
NOT_VOLUMES = ("EFI", "Apple_Boot", "Apple_APFS", "Apple_APFS_ISC", "Apple_APFS_Recovery", "Apple_CoreStorage",
               "Apple_partition_map", "Apple_Free", "Apple_KernelCoreDump")


@dataclass(frozen=True)
class ExternalVolume:
    identifier: str
    disk: str  # the whole disk it is on (for an APFS volume, the disk of its physical store)
    name: str | None
    mounted: bool
    size: int | None  # bytes, from the list
    info: DiskInfo | None  # its `diskutil info`, when it could be read


@dataclass(frozen=True)
class ExternalDisks:
    disks: dict[str, DiskInfo | None]  # whole external disk -> its `diskutil info`
    volumes: tuple[ExternalVolume, ...]
    complete: bool  # the report reached its end: nothing was cut short


def external_identifiers(listing: str) -> list[str]:
    """Whole disks first, then their volumes, from `diskutil list -plist external` (for the probe to ask about)."""
    data = _plist(listing)
    disks = [str(d) for d in data.get("WholeDisks", [])]
    volumes = [v["DeviceIdentifier"] for entry in data.get("AllDisksAndPartitions", []) for v in _volumes(entry)]
    return disks + [v for v in volumes if v not in disks]


def _plist(text: str) -> dict:
    try:
        data = plistlib.loads(text.strip().encode("utf-8"))
    except Exception as exc:  # plistlib raises several exception types for bad input
        raise UnknownFormat(f"diskutil list : plist illisible ({reason(exc)})") from exc
    if not isinstance(data, dict):
        raise UnknownFormat("diskutil list : plist inattendue")
    return data


def _volumes(entry: dict) -> list[dict]:
    """The volumes of one entry of AllDisksAndPartitions: its partitions with files, its APFS volumes, or itself."""
    found = [p for p in entry.get("Partitions", []) if p.get("Content") not in NOT_VOLUMES]
    found += list(entry.get("APFSVolumes", []))
    if not entry.get("Partitions") and not entry.get("APFSVolumes") and entry.get("MountPoint"):
        found.append(entry)  # a file system written on the whole disk, without partitions
    return [v for v in found if v.get("DeviceIdentifier")]


def parse_external_disks(text: str) -> ExternalDisks:
    """The probe's report: « # gardien: diskutil list -plist external », the plist, then « # gardien: diskutil info
    diskN » sections, then « # gardien: fin ». A section left empty is a `diskutil info` that failed."""
    sections: dict[str, list[str]] = {}
    current = None
    complete = False
    for line in text.splitlines():
        if line.strip() == END_MARK:
            complete = True
            break
        if line.startswith(SECTION_MARK):
            current = line[len(SECTION_MARK):].strip()
            sections[current] = []
        elif current is not None:
            sections[current].append(line)
    listing = sections.get("diskutil list -plist external")
    if listing is None:
        raise UnknownFormat("disques externes : liste absente")
    data = _plist("\n".join(listing))
    infos = {}
    for title, lines in sections.items():
        if title.startswith("diskutil info "):
            try:
                infos[title.removeprefix("diskutil info ")] = parse_diskutil_info("\n".join(lines))
            except UnknownFormat:
                infos[title.removeprefix("diskutil info ")] = None
    whole = [str(d) for d in data.get("WholeDisks", [])]
    stores = {}  # APFS container -> the whole disk of its physical store
    for entry in data.get("AllDisksAndPartitions", []):
        for store in entry.get("APFSPhysicalStores", []):
            stores[entry.get("DeviceIdentifier")] = re.sub(r"s\d+$", "", str(store.get("DeviceIdentifier", "")))
    volumes = []
    for entry in data.get("AllDisksAndPartitions", []):
        disk = stores.get(entry.get("DeviceIdentifier"), entry.get("DeviceIdentifier"))
        for volume in _volumes(entry):
            identifier = volume["DeviceIdentifier"]
            volumes.append(ExternalVolume(identifier, str(disk), volume.get("VolumeName") or None,
                                          bool(volume.get("MountPoint")), volume.get("Size"), infos.get(identifier)))
    return ExternalDisks({d: infos.get(d) for d in whole}, tuple(volumes), complete)


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
