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
    if not text.strip():
        raise UnknownFormat("netsh : réponse vide")
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
    if not links and "0 interface" not in text and "no wireless interface" not in text.lower():
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


class RegValues(dict):
    """Value name -> RegValue, looked up without regard to case, as Windows does.

    reg.exe echoes a value name as it was written: "ScreenSaveTimeout" by one tool, "ScreenSaveTimeOut"
    by Windows itself.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__()
        self.update(*args, **kwargs)

    def __setitem__(self, key: str, value: RegValue) -> None:
        super().__setitem__(key.lower(), value)

    def __getitem__(self, key: str) -> RegValue:
        return super().__getitem__(key.lower())

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and super().__contains__(key.lower())

    def get(self, key: str, default=None):
        return super().get(key.lower(), default)

    def update(self, *args, **kwargs) -> None:
        for key, value in dict(*args, **kwargs).items():
            self[key] = value


def parse_reg_query(text: str) -> dict[str, RegValues]:
    """Parse `reg query KEY [/s] [/v NAME]`: key path -> value name -> value.

    An absent key or value gives an empty dict (reg prints a translated error and exits with 1).
    """
    keys: dict[str, RegValues] = {}
    current: RegValues | None = None
    for line in text.splitlines():
        if line.startswith("HKEY_"):
            current = keys.setdefault(line.strip(), RegValues())
            continue
        match = _REG_VALUE.match(line)
        if match and current is not None:
            current[match.group(1)] = RegValue(match.group(2), match.group(3) or "")
    return keys


# What reg.exe says when the key or value does not exist (exit code 1), in the languages Gardien knows.
# Any other text with that exit code (access denied, another language, another program) is not "absent".
_REG_ABSENT = (
    "unable to find the specified registry key or value",
    "n'a pas trouvé la clé ou la valeur de registre spécifiée",
    "n’a pas trouvé la clé ou la valeur de registre spécifiée",
    "end of search: 0 match",
    "fin de la recherche : 0 correspondance",
)


def reg_says_absent(text: str) -> bool:
    """True when reg.exe's message says the key or value does not exist."""
    lowered = " ".join(text.lower().split())
    return any(message in lowered for message in _REG_ABSENT)


def reg_values(text: str) -> RegValues:
    """All values of a `reg query` output merged (for a query of a single key)."""
    merged = RegValues()
    for values in parse_reg_query(text).values():
        merged.update(values)
    return merged


def reg_display_names(text: str) -> list[str]:
    """DisplayName values of `reg query ...\\Uninstall /s /v DisplayName` (installed programs)."""
    return [values["DisplayName"].data for values in parse_reg_query(text).values() if "DisplayName" in values]


# --- powercfg -----------------------------------------------------------------------------------

_HEX = re.compile(r":\s*(0x[0-9a-fA-F]+)\s*$")


def parse_powercfg_setting(text: str) -> tuple[int, int]:
    """Parse `powercfg /q SCHEME_CURRENT SUB SETTING`: (AC index, DC index).

    The current AC then DC indexes are the last two lines of the output, both hexadecimal, whatever the
    language. When they are not (an output cut short, another command), the setting is not guessed: a
    range setting also prints hexadecimal minimum, maximum and increment lines before them.
    """
    lines = [line for line in text.splitlines() if line.strip()]
    last_two = [_HEX.search(line) for line in lines[-2:]]
    if len(last_two) < 2 or not all(last_two):
        raise UnknownFormat("powercfg : valeurs du réglage introuvables")
    return int(last_two[0].group(1), 16), int(last_two[1].group(1), 16)


# --- Accounts -----------------------------------------------------------------------------------

ADMINISTRATORS_SID = "S-1-5-32-544"
MANDATORY_LABEL_PREFIX = "S-1-16-"  # the integrity level: whoami prints it last
_SID = re.compile(r"^S-1-[0-9-]+$")
_SID_IN_TEXT = re.compile(r"(?<![\w-])S-1-\d+(?:-\d+)+(?![\w-])")


def parse_whoami_groups(text: str) -> set[str]:
    """SIDs of `whoami /groups`, CSV (`/fo csv`) or table (group names are translated, SIDs are not)."""
    sids = {cell.strip() for row in csv.reader(io.StringIO(text)) for cell in row if _SID.match(cell.strip())}
    sids |= set(_SID_IN_TEXT.findall(text))
    if not sids:
        raise UnknownFormat("whoami : aucun SID de groupe trouvé")
    return sids


def whoami_complete(sids: set[str]) -> bool:
    """True when the list reaches its last line, the integrity level (an output cut short may lack a group)."""
    return any(sid.startswith(MANDATORY_LABEL_PREFIX) for sid in sids)


# Built-in account names, in the languages Gardien has seen, for the plain Get-LocalUser table (no SID)
_BUILTIN_GUEST_NAMES = {"guest", "invité", "gast", "invitado", "convidado", "ospite"}
_BUILTIN_NAMES = _BUILTIN_GUEST_NAMES | {"administrator", "administrateur", "administrador", "administratör",
                                         "defaultaccount", "wdagutilityaccount"}


@dataclass(frozen=True)
class LocalUser:
    sid: str | None  # None when read from the plain table, which has no SID column
    enabled: bool
    name: str

    @property
    def rid(self) -> str | None:
        return self.sid.rsplit("-", 1)[-1] if self.sid else None

    @property
    def is_builtin_guest(self) -> bool:
        """The built-in Guest account: RID 501 whatever its name (« Invité » on a French Windows)."""
        return self.rid == "501" if self.sid else self.name.lower() in _BUILTIN_GUEST_NAMES

    @property
    def is_builtin(self) -> bool:
        """Built-in accounts (Administrator 500, Guest 501, DefaultAccount 503, WDAGUtilityAccount 504)."""
        return self.rid in ("500", "501", "503", "504") if self.sid else self.name.lower() in _BUILTIN_NAMES


def parse_local_users(text: str) -> list[LocalUser]:
    """Parse our probe's `SID<TAB>Enabled<TAB>Name` lines, or the plain `Get-LocalUser` table.

    The probe's format carries SIDs, which do not depend on the language; the table is read for
    recordings made by hand. An empty or unrecognised output raises UnknownFormat: every Windows has
    accounts, so "no account" is never an answer.
    """
    users = []
    for line in text.splitlines():
        parts = line.strip("\r").split("\t")
        if len(parts) != 3 or not _SID.match(parts[0]):
            continue
        enabled = parse_bool(parts[1])
        if enabled is None:
            raise UnknownFormat(f"Get-LocalUser : valeur Enabled illisible {parts[1]!r}")
        users.append(LocalUser(parts[0], enabled, parts[2]))
    if users:
        complete_lines(text)  # the probe's list must be whole: a cut-short one may lack an account
    else:
        users = _local_users_table(text)
    if not users:
        raise UnknownFormat("Get-LocalUser : aucun compte lu")
    return users


def _local_users_table(text: str) -> list[LocalUser]:
    lines = text.splitlines()
    header = next((i for i, line in enumerate(lines) if re.match(r"^Name\s+Enabled\b", line)), None)
    if header is None or header + 1 >= len(lines) or not lines[header + 1].startswith("----"):
        return []
    users = []
    for line in lines[header + 2:]:
        match = re.match(r"^(\S(?:.*?\S)?)\s+(True|False)\b", line)
        if match:
            users.append(LocalUser(None, match.group(2) == "True", match.group(1)))
        elif line.strip():
            raise UnknownFormat("Get-LocalUser : ligne du tableau illisible")
    return users


# --- Updates and small probe formats -----------------------------------------------------------

_HOTFIX = re.compile(r"^(\d{4})-(\d{2})-(\d{2})\s+(KB\d+)", re.I)


def parse_hotfix_dates(text: str) -> date | None:
    """Latest install date among our probe's `yyyy-MM-dd KBnnnn` lines (from Get-HotFix); None when there is none.

    The probe writes the dates itself: Get-HotFix's own table shows them in the regional format
    (21.04.2023, 10/02/2020 a.m.), where 10/02 is February or October. Such a table raises
    UnknownFormat rather than be guessed.
    """
    dates = [date(int(m[1]), int(m[2]), int(m[3])) for line in text.splitlines() if (m := _HOTFIX.match(line.strip()))]
    if not dates and re.search(r"\bKB\d+\b", text):
        raise UnknownFormat("Get-HotFix : dates dans un format régional, non lues")
    return max(dates) if dates else None


def parse_lines(text: str) -> list[str]:
    """Non-empty stripped lines (adapter descriptions, package names...)."""
    return [line.strip() for line in text.splitlines() if line.strip()]


END_MARKER = "# gardien: fin"  # printed last by the PowerShell probes whose honest answer may be "nothing"


def complete_lines(text: str) -> list[str]:
    """The lines of a PowerShell probe that ends with END_MARKER, without it.

    An empty list then means "none" for sure; an output without the marker (empty, cut short, stopped
    by an error) raises UnknownFormat.
    """
    lines = parse_lines(text)
    if not lines or lines[-1] != END_MARKER:
        raise UnknownFormat("la réponse de PowerShell est incomplète")
    return lines[:-1]


@dataclass(frozen=True)
class WindowsVersion:
    build: int  # 19045 for Windows 10 22H2, 26100 for Windows 11 24H2
    display_version: str | None  # "22H2"
    edition: str | None  # EditionID: "Core" (Famille), "Professional", "Enterprise", "EnterpriseS" (LTSC)...

    @property
    def is_windows_11(self) -> bool:
        """Windows 11 starts at build 22000 (its ProductName still says "Windows 10": not read)."""
        return self.build >= 22000


def parse_windows_version(text: str) -> WindowsVersion:
    """Parse `reg query "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion"` (values do not depend on the language)."""
    values = reg_values(text)
    build = values.get("CurrentBuildNumber") or values.get("CurrentBuild")
    number = build.as_int() if build else None
    if number is None:
        raise UnknownFormat("version de Windows illisible")
    display = values.get("DisplayVersion") or values.get("ReleaseId")
    edition = values.get("EditionID")
    return WindowsVersion(number, display.data.strip() if display else None, edition.data.strip() if edition else None)


@dataclass(frozen=True)
class RemovableDrive:
    letter: str
    bitlocker: BitLockerState | None  # None when Windows gave no BitLocker value for it


def parse_removable_drives(text: str) -> list[RemovableDrive]:
    """Parse our probe's `E:<TAB>n` lines (then END_MARKER): removable drive letter and its BitLockerProtection value."""
    drives = []
    for line in complete_lines(text):
        letter, _, value = line.partition("\t")
        if not re.fullmatch(r"[A-Z]:", letter):
            raise UnknownFormat(f"lecteur amovible illisible : {line[:40]!r}")
        try:
            state = parse_bitlocker_shell_property(value)
        except UnknownFormat:
            state = None
        drives.append(RemovableDrive(letter, state))
    return drives
