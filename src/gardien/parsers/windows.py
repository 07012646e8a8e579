"""Parsers for Windows outputs: PowerShell lists, reg.exe, netsh, manage-bde, powercfg, whoami.

Where Windows translates its output (netsh, manage-bde), English and French are recognised; any
other language raises UnknownFormat so that the check says it could not tell, never "pass".
Language-independent sources (registry values, CIM numbers, SIDs, enum names) are preferred.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date

from gardien.parsers import UnknownFormat, key_values, list_records, parse_bool

# --- Security Center (root/SecurityCenter2 AntivirusProduct) -------------------------------------


@dataclass(frozen=True)
class AntivirusProduct:
    """An antivirus registered with Windows Security Center.

    productState is a bit field: bits 12-15 say whether real-time scanning is on (0x1000),
    bits 4-7 whether signatures are out of date (0x10). Examples from recorded machines:
    397568 = 0x061100 (on, up to date), 393472 = 0x060100 (registered but off),
    266240 = 0x041000 (on, up to date).
    """

    name: str
    product_state: int

    @property
    def enabled(self) -> bool:
        return bool(self.product_state & 0x1000)

    @property
    def up_to_date(self) -> bool:
        return not self.product_state & 0x10

    @property
    def is_defender(self) -> bool:
        return self.name.strip().lower() in ("windows defender", "microsoft defender antivirus")


def parse_antivirus_products(text: str) -> list[AntivirusProduct]:
    """Parse `Get-CimInstance -Namespace root/SecurityCenter2 -ClassName AntivirusProduct` (list format)."""
    products = []
    for record in list_records(text):
        if "displayName" not in record:
            continue
        state = record.get("productState", "")
        if not state.isdigit():
            raise UnknownFormat(f"productState illisible : {state!r}")
        products.append(AntivirusProduct(record["displayName"], int(state)))
    return products


# --- Microsoft Defender (Get-MpComputerStatus) ----------------------------------------------------


@dataclass(frozen=True)
class DefenderStatus:
    service_enabled: bool | None
    antivirus_enabled: bool | None
    real_time_enabled: bool | None
    signature_age_days: int | None
    signatures_out_of_date: bool | None


def parse_mp_computer_status(text: str) -> DefenderStatus:
    """Parse `Get-MpComputerStatus` (list format; property names do not depend on the UI language)."""
    values = key_values(text)
    if "AntivirusEnabled" not in values:
        raise UnknownFormat("la sortie de Get-MpComputerStatus ne contient pas AntivirusEnabled")
    age = values.get("AntivirusSignatureAge", "")
    return DefenderStatus(
        service_enabled=parse_bool(values.get("AMServiceEnabled", "")),
        antivirus_enabled=parse_bool(values["AntivirusEnabled"]),
        real_time_enabled=parse_bool(values.get("RealTimeProtectionEnabled", "")),
        # 65535 or 4294967295 mean "never updated"
        signature_age_days=int(age) if age.isdigit() else None,
        signatures_out_of_date=parse_bool(values.get("DefenderSignaturesOutOfDate", "")),
    )


# --- BitLocker ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BitLockerState:
    """encryption: "encrypted", "decrypted", "encrypting", "decrypting" or "unknown"."""

    encryption: str
    protection_on: bool | None
    source: str


def parse_manage_bde_status(text: str, drive: str = "C:") -> BitLockerState:
    """Parse `manage-bde -status` in English or French; the block of `drive` when several are listed."""
    blocks = re.split(r"(?m)^(?=Volume [A-Z]:)", text)
    chosen = next((b for b in blocks if b.startswith(f"Volume {drive.upper()}")), None)
    if chosen is None:
        chosen = next((b for b in blocks if _bde_value(b, _BDE_PROTECTION_KEYS)), "")
    protection = _bde_value(chosen, _BDE_PROTECTION_KEYS)
    conversion = _bde_value(chosen, _BDE_CONVERSION_KEYS)
    if protection is None or conversion is None:
        raise UnknownFormat("manage-bde : état de protection introuvable (langue non reconnue ?)")
    return BitLockerState(_encryption_word(conversion), _protection_word(protection), "manage-bde")


_BDE_PROTECTION_KEYS = ("Protection Status", "État de la protection", "Etat de la protection")
_BDE_CONVERSION_KEYS = ("Conversion Status", "État de la conversion", "Etat de la conversion")


def _bde_value(block: str, keys: tuple[str, ...]) -> str | None:
    values = key_values(block)
    for key in keys:
        if key in values:
            return values[key]
    return None


def _encryption_word(conversion: str) -> str:
    value = conversion.lower()
    if "decrypt" in value or "déchiffr" in value:
        in_progress = "progress" in value or "en cours" in value
        return "decrypting" if in_progress else "decrypted"
    if "encrypt" in value or "chiffr" in value:
        in_progress = "progress" in value or "en cours" in value or "paused" in value or "suspendu" in value
        return "encrypting" if in_progress else "encrypted"
    return "unknown"


def _protection_word(protection: str) -> bool | None:
    value = protection.lower()
    if value in ("protection off", "protection désactivée", "protection desactivee"):
        return False
    if value in ("protection on", "protection activée", "protection activee"):
        return True
    return None


def parse_bitlocker_volume(text: str) -> BitLockerState:
    """Parse `Get-BitLockerVolume -MountPoint C: | Format-List` (enum names, any UI language)."""
    values = key_values(text)
    status = values.get("VolumeStatus")
    protection = values.get("ProtectionStatus")
    if not status or not protection:
        raise UnknownFormat("Get-BitLockerVolume : VolumeStatus ou ProtectionStatus absent")
    encryption = {
        "FullyEncrypted": "encrypted",
        "FullyDecrypted": "decrypted",
        "EncryptionInProgress": "encrypting",
        "EncryptionSuspended": "encrypting",
        "DecryptionInProgress": "decrypting",
        "DecryptionSuspended": "decrypting",
    }.get(status, "unknown")
    protection_on = {"On": True, "Off": False}.get(protection)
    return BitLockerState(encryption, protection_on, "Get-BitLockerVolume")


# Values of the Shell property System.Volume.BitLockerProtection, readable without admin rights.
# Only the values seen in public code with a clear meaning are mapped; any other value (0, 5,
# empty...) is reported as unknown rather than guessed.
_SHELL_BITLOCKER = {
    1: ("encrypted", True),
    2: ("decrypted", False),
    3: ("encrypting", None),
    4: ("decrypting", False),
    6: ("encrypted", True),  # on and locked
}


def parse_bitlocker_shell_property(text: str) -> BitLockerState:
    """Parse the number printed by our probe reading System.Volume.BitLockerProtection for C:."""
    value = text.strip()
    if not value.isdigit() or int(value) not in _SHELL_BITLOCKER:
        raise UnknownFormat(f"valeur BitLockerProtection inconnue : {value!r}")
    encryption, protection = _SHELL_BITLOCKER[int(value)]
    return BitLockerState(encryption, protection, "Shell.Application")


# --- Firewall (netsh advfirewall) ---------------------------------------------------------------

_PROFILE_HEADERS = (
    (re.compile(r"^\s*domain profile settings", re.I), "domaine"),
    (re.compile(r"^\s*private profile settings", re.I), "privé"),
    (re.compile(r"^\s*public profile settings", re.I), "public"),
    (re.compile(r"^\s*paramètres profil de domaine", re.I), "domaine"),
    (re.compile(r"^\s*paramètres profil privé", re.I), "privé"),
    (re.compile(r"^\s*paramètres profil public", re.I), "public"),
)
_STATE_LINE = re.compile(r"^\s*(State|État|Etat)\s+(\S+)\s*$", re.I)
_STATE_WORDS = {"on": True, "off": False, "actif": True, "inactif": False}


def parse_netsh_firewall(text: str) -> dict[str, bool]:
    """Parse `netsh advfirewall show allprofiles` (or currentprofile): profile name -> on."""
    profiles: dict[str, bool] = {}
    current: str | None = None
    for line in text.splitlines():
        header = next((name for pattern, name in _PROFILE_HEADERS if pattern.match(line)), None)
        if header:
            current = header
            continue
        match = _STATE_LINE.match(line)
        if match and current is not None:
            word = match.group(2).lower()
            if word not in _STATE_WORDS:
                raise UnknownFormat(f"état du pare-feu non reconnu : {match.group(2)!r}")
            profiles[current] = _STATE_WORDS[word]
            current = None
    if not profiles:
        raise UnknownFormat("aucun profil de pare-feu reconnu (langue de Windows non prise en charge ?)")
    return profiles


# --- Wi-Fi (netsh wlan show interfaces) -------------------------------------------------------


@dataclass(frozen=True)
class WifiLink:
    """The Wi-Fi network an interface uses (or None values when it is not connected)."""

    connected: bool
    ssid: str | None
    authentication: str | None
    is_open: bool | None


_WLAN_STATE_KEYS = ("State", "État", "Etat")
_WLAN_AUTH_KEYS = ("Authentication", "Authentification")
_OPEN_AUTH = ("open", "ouvrir", "ouvert", "ouverte")
_CONNECTED = ("connected", "connecté", "connecte")
_DISCONNECTED = ("disconnected", "déconnecté", "deconnecte", "disconnecting", "associating", "authenticating")


def parse_netsh_wlan_interfaces(text: str) -> list[WifiLink]:
    """Parse `netsh wlan show interfaces` in English or French: one link per interface."""
    if "wlan" in text.lower() and "service" in text.lower() and "running" in text.lower():
        return []  # "The Wireless AutoConfig Service (wlansvc) is not running." : no Wi-Fi in use
    blocks = re.split(r"(?m)^\s*(?=(?:Name|Nom)\s+:)", text)
    links = []
    for block in blocks:
        values = key_values(block)
        state = next((values[k] for k in _WLAN_STATE_KEYS if k in values), None)
        if state is None:
            continue
        state_word = state.lower()
        if state_word in _CONNECTED:
            auth = next((values[k] for k in _WLAN_AUTH_KEYS if k in values), None)
            if auth is None:
                raise UnknownFormat("authentification Wi-Fi introuvable")
            links.append(WifiLink(True, values.get("SSID"), auth, auth.lower() in _OPEN_AUTH or auth.upper() == "WEP"))
        elif state_word in _DISCONNECTED:
            links.append(WifiLink(False, None, None, None))
        else:
            raise UnknownFormat(f"état Wi-Fi non reconnu : {state!r}")
    if not links and text.strip() and "0 interface" not in text and "no wireless interface" not in text.lower():
        raise UnknownFormat("aucune interface Wi-Fi reconnue (langue de Windows non prise en charge ?)")
    return links


# --- Registry (reg query) -----------------------------------------------------------------------

_REG_VALUE = re.compile(r"^\s{2,}(.+?)\s{2,}(REG_[A-Z_]+)(?:\s{2,}(.*))?$")


@dataclass(frozen=True)
class RegValue:
    kind: str
    data: str

    def as_int(self) -> int | None:
        """REG_DWORD "0x12c" -> 300; REG_SZ "300" -> 300; None when not a number."""
        text = self.data.strip()
        try:
            return int(text, 16) if text.lower().startswith("0x") else int(text)
        except ValueError:
            return None


def parse_reg_query(text: str) -> dict[str, dict[str, RegValue]]:
    """Parse `reg query KEY [/s] [/v NAME]`: key path -> value name -> value.

    An absent key or value gives an empty dict (reg prints a translated error and exits with 1).
    """
    keys: dict[str, dict[str, RegValue]] = {}
    current: dict[str, RegValue] | None = None
    for line in text.splitlines():
        if line.startswith("HKEY_"):
            current = keys.setdefault(line.strip(), {})
            continue
        match = _REG_VALUE.match(line)
        if match and current is not None:
            current[match.group(1)] = RegValue(match.group(2), match.group(3) or "")
    return keys


def reg_values(text: str) -> dict[str, RegValue]:
    """All values of a `reg query` output merged (for a query of a single key)."""
    merged: dict[str, RegValue] = {}
    for values in parse_reg_query(text).values():
        merged.update(values)
    return merged


def reg_display_names(text: str) -> list[str]:
    """DisplayName values of `reg query ...\\Uninstall /s /v DisplayName` (installed programs)."""
    return [v.data for values in parse_reg_query(text).values() for n, v in values.items() if n == "DisplayName"]


# --- powercfg -----------------------------------------------------------------------------------

_HEX = re.compile(r":\s*(0x[0-9a-fA-F]+)\s*$")


def parse_powercfg_setting(text: str) -> tuple[int, int]:
    """Parse `powercfg /q SCHEME_CURRENT SUB SETTING`: (AC index, DC index).

    The current AC then DC indexes are always the last two hexadecimal lines, whatever the language.
    """
    values = [int(m.group(1), 16) for line in text.splitlines() if (m := _HEX.search(line))]
    if len(values) < 2:
        raise UnknownFormat("powercfg : valeurs du réglage introuvables")
    return values[-2], values[-1]


# --- Accounts -----------------------------------------------------------------------------------

ADMINISTRATORS_SID = "S-1-5-32-544"
_SID = re.compile(r"^S-1-[0-9-]+$")


def parse_whoami_groups(text: str) -> set[str]:
    """SIDs of `whoami /groups /fo csv` (group names are translated, SIDs are not)."""
    sids = {cell.strip() for row in csv.reader(io.StringIO(text)) for cell in row if _SID.match(cell.strip())}
    if not sids:
        raise UnknownFormat("whoami : aucun SID de groupe trouvé")
    return sids


@dataclass(frozen=True)
class LocalUser:
    sid: str
    enabled: bool
    name: str

    @property
    def is_builtin_guest(self) -> bool:
        return self.sid.endswith("-501")

    @property
    def is_builtin(self) -> bool:
        """Built-in accounts (Administrator 500, Guest 501, DefaultAccount 503, WDAGUtilityAccount 504)."""
        return self.sid.rsplit("-", 1)[-1] in ("500", "501", "503", "504")


def parse_local_users(text: str) -> list[LocalUser]:
    """Parse our probe's `SID<TAB>Enabled<TAB>Name` lines (from Get-LocalUser)."""
    users = []
    for line in text.splitlines():
        parts = line.strip("\r").split("\t")
        if len(parts) != 3 or not _SID.match(parts[0]):
            continue
        enabled = parse_bool(parts[1])
        if enabled is None:
            raise UnknownFormat(f"Get-LocalUser : valeur Enabled illisible {parts[1]!r}")
        users.append(LocalUser(parts[0], enabled, parts[2]))
    if not users and text.strip():
        raise UnknownFormat("Get-LocalUser : aucun compte lu")
    return users


# --- Updates and small probe formats -----------------------------------------------------------

_HOTFIX = re.compile(r"^(\d{4})-(\d{2})-(\d{2})\s+(KB\d+)", re.I)


def parse_hotfix_dates(text: str) -> date | None:
    """Latest install date among our probe's `yyyy-MM-dd KBnnnn` lines (from Get-HotFix)."""
    dates = [date(int(m[1]), int(m[2]), int(m[3])) for line in text.splitlines() if (m := _HOTFIX.match(line.strip()))]
    return max(dates) if dates else None


def parse_lines(text: str) -> list[str]:
    """Non-empty stripped lines (adapter descriptions, package names...)."""
    return [line.strip() for line in text.splitlines() if line.strip()]


@dataclass(frozen=True)
class RemovableDrive:
    letter: str
    bitlocker: BitLockerState | None  # None when Windows gave no BitLocker value for it


def parse_removable_drives(text: str) -> list[RemovableDrive]:
    """Parse our probe's `E:<TAB>n` lines: removable drive letter and its BitLockerProtection value."""
    drives = []
    for line in text.splitlines():
        letter, _, value = line.strip().partition("\t")
        if not re.fullmatch(r"[A-Z]:", letter):
            continue
        try:
            state = parse_bitlocker_shell_property(value)
        except UnknownFormat:
            state = None
        drives.append(RemovableDrive(letter, state))
    return drives
