"""Parsers for Linux outputs: gsettings, lsblk, apt, dnf, dpkg, systemctl, ufw, nmcli, passwd, id, fprintd,
os-release.

Probes run with LC_ALL=C, so messages are in English whatever the desktop language.
"""

from __future__ import annotations

import configparser
import json
import re
from dataclasses import dataclass
from datetime import datetime

from gardien.parsers import UnknownFormat

# --- gsettings ---------------------------------------------------------------------------------


def parse_gsettings(text: str) -> dict[str, bool | int | str]:
    """Parse `gsettings list-recursively [SCHEMA]`: "schema.key" -> typed value.

    "uint32 30" -> 30, "true" -> True, "'zoom'" -> "zoom"; other values are kept as text.
    """
    settings: dict[str, bool | int | str] = {}
    for line in text.splitlines():
        parts = line.split(" ", 2)
        if len(parts) != 3 or "." not in parts[0]:
            continue
        schema, key, raw = parts
        settings[f"{schema}.{key}"] = _gvariant(raw.strip())
    return settings


def _gvariant(raw: str) -> bool | int | str:
    if raw in ("true", "false"):
        return raw == "true"
    match = re.fullmatch(r"(?:u?int(?:32|64)\s+)?(-?\d+)", raw)
    if match:
        return int(match.group(1))
    if len(raw) >= 2 and raw[0] == raw[-1] == "'":
        return raw[1:-1]
    return raw


@dataclass(frozen=True)
class KdeLock:
    """KDE's screen locker settings (kscreenlockerrc); an absent key keeps KDE's default."""

    autolock: bool  # default: on
    timeout_min: int  # default: 5
    lock_on_resume: bool  # default: on


def parse_kscreenlockerrc(text: str) -> KdeLock:
    """Parse KDE's ~/.config/kscreenlockerrc (an empty text is a file with only the defaults)."""
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # KDE keys are case-sensitive
    try:
        parser.read_string(text)
    except configparser.Error as exc:
        raise UnknownFormat("kscreenlockerrc illisible") from exc
    section = parser["Daemon"] if parser.has_section("Daemon") else {}

    def flag(key: str) -> bool:
        value = str(section.get(key, "true")).strip().lower()
        if value not in ("true", "false"):
            raise UnknownFormat(f"kscreenlockerrc : {key}={value} non reconnu")
        return value == "true"

    timeout = str(section.get("Timeout", "5")).strip()
    if not timeout.isdigit():
        raise UnknownFormat(f"kscreenlockerrc : Timeout={timeout} non reconnu")
    return KdeLock(flag("Autolock"), int(timeout), flag("LockOnResume"))


# --- Block devices (lsblk) ---------------------------------------------------------------------


@dataclass(frozen=True)
class BlockDevice:
    name: str
    type: str | None
    fstype: str | None
    mountpoints: tuple[str, ...]
    transport: str | None  # "usb", "nvme", "sata"... inherited from the disk
    hotplug: bool | None
    ancestors: tuple[str, ...]  # fstypes/types of the devices below, nearest first
    label: str | None = None  # the name the user gave the volume ("CLE-CABINET")
    size: str | None = None  # as lsblk prints it ("14,9G" or "14.9G")

    @property
    def encrypted(self) -> bool:
        """True when this device or one below it is a LUKS container or a dm-crypt mapping."""
        layers = (self.fstype, self.type, *self.ancestors)
        return any(layer in ("crypto_LUKS", "crypt") for layer in layers)


def parse_lsblk(text: str) -> list[BlockDevice]:
    """Parse `lsblk --json -o ...`, or the recorded tree text of `lsblk -o NAME,SIZE,FSTYPE,MOUNTPOINT`."""
    stripped = text.strip()
    if stripped.startswith("{"):
        try:
            return _lsblk_json(json.loads(stripped))
        except (json.JSONDecodeError, AttributeError, TypeError) as exc:
            raise UnknownFormat("lsblk : JSON illisible") from exc
    return _lsblk_tree(stripped)


def _lsblk_json(data: dict) -> list[BlockDevice]:
    devices: list[BlockDevice] = []

    def walk(node: dict, ancestors: tuple[str, ...], transport: str | None) -> None:
        mounts = node.get("mountpoints") or ([node.get("mountpoint")] if node.get("mountpoint") else [])
        transport = node.get("tran") or transport
        device = BlockDevice(
            name=str(node.get("name", "")),
            type=node.get("type"),
            fstype=node.get("fstype"),
            mountpoints=tuple(m for m in mounts if m),
            transport=transport,
            hotplug=node.get("hotplug") if isinstance(node.get("hotplug"), bool) else _flag(node.get("hotplug")),
            ancestors=ancestors,
            label=node.get("label") or None,
            size=str(node["size"]) if node.get("size") else None,
        )
        devices.append(device)
        layers = tuple(x for x in (node.get("fstype"), node.get("type")) if x)
        for child in node.get("children", []) or []:
            walk(child, layers + ancestors, transport)

    for node in data["blockdevices"]:
        walk(node, (), None)
    if not devices:
        raise UnknownFormat("lsblk : aucun disque")
    return devices


def _flag(value: object) -> bool | None:
    if value in ("1", 1):
        return True
    if value in ("0", 0):
        return False
    return None


_TREE_PREFIX = re.compile(r"^((?:[│|]\s|\s\s)*)(?:[├└|`]─|[|`]-)?")


def _lsblk_tree(text: str) -> list[BlockDevice]:
    lines = text.splitlines()
    if not lines or not lines[0].startswith("NAME"):
        raise UnknownFormat("lsblk : en-tête NAME absent")
    header = lines[0]
    columns = [(m.group(0), m.start()) for m in re.finditer(r"\S+", header)]
    devices: list[BlockDevice] = []
    stack: list[tuple[int, tuple[str, ...], BlockDevice]] = []
    for line in lines[1:]:
        if not line.strip():
            continue
        cells = _columns(line, columns)
        raw_name = cells.get("NAME", "")
        prefix = _TREE_PREFIX.match(raw_name)
        depth = len(prefix.group(0)) // 2 if prefix and prefix.group(0) else 0
        name = raw_name[prefix.end() :] if prefix else raw_name
        while stack and stack[-1][0] >= depth:
            stack.pop()
        ancestors = stack[-1][1] if stack else ()
        fstype = cells.get("FSTYPE") or None
        mount = cells.get("MOUNTPOINT") or cells.get("MOUNTPOINTS")
        device = BlockDevice(name.strip(), cells.get("TYPE") or None, fstype, (mount,) if mount else (), None, None, ancestors,
                             cells.get("LABEL") or None, cells.get("SIZE") or None)
        devices.append(device)
        stack.append((depth, tuple(x for x in (fstype, device.type) if x) + ancestors, device))
    return devices


def _columns(line: str, columns: list[tuple[str, int]]) -> dict[str, str]:
    """Cut a fixed-width line. Right-aligned columns (SIZE) end at their header's end."""
    cells: dict[str, str] = {}
    for index, (name, start) in enumerate(columns):
        end = columns[index + 1][1] if index + 1 < len(columns) else len(line)
        if index == 0:
            # names hold no spaces, and SIZE is right-aligned into the space under NAME
            cells[name] = re.match(r"^\s*\S*", line).group(0)
        else:
            cells[name] = line[start:end].strip()
    return cells


# --- Package updates ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PendingUpdates:
    count: int
    security: int | None  # None when the package manager does not say


def parse_apt_upgradable(text: str) -> PendingUpdates:
    """Parse `apt list --upgradable` (LC_ALL=C): "Listing..." then "name/suite version arch [upgradable from: ...]".

    apt always prints "Listing..." first: without it the list was not read (an empty output, a failure,
    another language), and "no update pending" would be a guess.
    """
    if not re.search(r"^Listing\.\.\.", text, re.M):
        raise UnknownFormat("apt : la liste des mises à jour n'a pas été lue")
    count = security = 0
    for line in text.splitlines():
        match = re.match(r"^\S+/(\S+) \S+ \S+ \[upgradable from", line)
        if match:
            count += 1
            security += "-security" in match.group(1)
    return PendingUpdates(count, security)


def parse_dnf_check_update(text: str, returncode: int | None) -> PendingUpdates:
    """Parse `dnf check-update`: exit 100 with one line per package, 0 when up to date, 1 on error."""
    if returncode == 0:
        return PendingUpdates(0, None)
    if returncode != 100:
        raise UnknownFormat("dnf n'a pas pu vérifier les mises à jour")
    lines = [
        line for line in text.splitlines()
        if re.match(r"^\S+\.(?:x86_64|noarch|i686|aarch64|armv7hl|ppc64le|s390x|src)\s+\S+\s+\S+", line)
    ]
    return PendingUpdates(len(lines), None)


def parse_dpkg_log_last_upgrade(text: str) -> datetime | None:
    """Date of the last " upgrade " line of /var/log/dpkg.log, or None when there is none."""
    last = None
    for match in re.finditer(r"^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}) upgrade ", text, re.M):
        last = match.group(1)
    return datetime.strptime(last, "%Y-%m-%d %H:%M:%S") if last else None


def parse_apt_config(text: str) -> dict[str, str]:
    """Parse `apt-config dump`: 'APT::Periodic::Unattended-Upgrade "1";' -> {key: "1"}.

    A real dump always holds the APT::Architecture key; without it the output is not a dump.
    """
    values = {m.group(1): m.group(2) for m in re.finditer(r'^(\S+) "(.*)";$', text, re.M)}
    if "APT::Architecture" not in values:
        raise UnknownFormat("apt-config : configuration illisible")
    return values


def parse_dpkg_query_status(text: str) -> bool:
    """Parse `dpkg-query -W -f='${Status}\\n' PACKAGE`: True when installed ("install ok installed")."""
    status = text.strip()
    if re.fullmatch(r"\w+ ok installed", status):
        return status.startswith("install")
    if re.fullmatch(r"\w+ ok [\w-]+", status) or "no packages found matching" in text:
        return False
    raise UnknownFormat("dpkg-query : état du paquet non reconnu")


# --- Services and firewall ---------------------------------------------------------------------


@dataclass(frozen=True)
class UnitState:
    exists: bool
    enabled: bool | None
    active: bool


def parse_systemctl_status(text: str) -> UnitState:
    """Parse `systemctl status UNIT` (LC_ALL=C): whether the unit exists, is enabled, is running."""
    if re.search(r"could not be found|not-found|Unit \S+ not found", text):
        return UnitState(False, None, False)
    loaded = re.search(r"^\s*Loaded: \S+ \([^;]*;\s*(\w[\w-]*)", text, re.M)
    active = re.search(r"^\s*Active: (\S+)", text, re.M)
    if not active:
        raise UnknownFormat("systemctl : ligne Active absente")
    enabled = None if not loaded else loaded.group(1) in ("enabled", "enabled-runtime", "static")
    return UnitState(True, enabled, active.group(1) == "active")


def parse_ufw_status(text: str) -> bool:
    """Parse `ufw status` (needs root): True when active."""
    match = re.search(r"^Status: (active|inactive)", text, re.M)
    if not match:
        raise UnknownFormat("ufw : état non reconnu")
    return match.group(1) == "active"


def parse_ufw_conf(text: str) -> bool:
    """Parse /etc/ufw/ufw.conf (readable without root): ENABLED=yes."""
    match = re.search(r"^\s*ENABLED\s*=\s*(\w+)", text, re.M)
    if not match:
        raise UnknownFormat("ufw.conf : ENABLED absent")
    return match.group(1).lower() == "yes"


# --- Wi-Fi (nmcli) -----------------------------------------------------------------------------


@dataclass(frozen=True)
class WifiNetwork:
    in_use: bool
    ssid: str
    security: str  # "" or "--" for an open network

    @property
    def is_open(self) -> bool:
        return self.security.strip() in ("", "--") or self.security.strip().upper() == "WEP"


def _split_terse(line: str) -> list[str]:
    """Split an `nmcli -t` line on unescaped colons and unescape "\\:" and "\\\\"."""
    fields, current, escaped = [], [], False
    for char in line:
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == ":":
            fields.append("".join(current))
            current = []
        else:
            current.append(char)
    fields.append("".join(current))
    return fields


def parse_nmcli_wifi_terse(text: str) -> list[WifiNetwork]:
    """Parse `nmcli -t -f IN-USE,BSSID,SSID,MODE,CHAN,RATE,SIGNAL,BARS,SECURITY device wifi list`."""
    networks = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("//"):
            continue
        fields = _split_terse(line)
        if len(fields) != 9:
            raise UnknownFormat(f"nmcli : {len(fields)} champs au lieu de 9")
        networks.append(WifiNetwork(fields[0].strip() == "*", fields[2], fields[8]))
    return networks


def parse_nmcli_wifi_multiline(text: str) -> list[WifiNetwork]:
    """Parse `nmcli --mode=multiline --fields=all device wifi list`."""
    networks, record = [], {}
    for line in [*text.lstrip("\ufeff").splitlines(), "NAME: end"]:
        key, _, value = line.lstrip("\ufeff").partition(":")
        key = key.strip()
        if key == "NAME" and record:
            networks.append(WifiNetwork(record.get("IN-USE", "") == "*", record.get("SSID", ""), record.get("SECURITY", "")))
            record = {}
        elif key:
            record[key] = value.strip()
    return networks


def parse_nmcli_active_types(text: str) -> list[str]:
    """Types of `nmcli -t -f TYPE connection show --active` ("vpn", "wireguard", "802-11-wireless"...)."""
    return [line.split(":")[0].strip() for line in text.splitlines() if line.strip()]


# --- Accounts ----------------------------------------------------------------------------------


def parse_passwd_status(text: str) -> str:
    """Parse `passwd -S USER`: "P" (usable password), "NP" (no password) or "L" (locked)."""
    parts = text.split()
    if len(parts) < 2 or parts[1] not in ("P", "PS", "NP", "L", "LK"):
        raise UnknownFormat("passwd -S : réponse non reconnue")
    return {"PS": "P", "LK": "L"}.get(parts[1], parts[1])


def parse_username(text: str) -> str:
    """Parse `id -un`: one login name on one line."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) != 1 or not re.fullmatch(r"[\w.$@-]+", lines[0]):
        raise UnknownFormat("id -un : nom de compte illisible")
    return lines[0]


def parse_id_groups(text: str) -> set[str]:
    """Parse `id -Gn`: the names of the user's groups."""
    lines = [line for line in text.splitlines() if line.strip()]
    groups = set(lines[0].split()) if len(lines) == 1 else set()
    if not groups or not all(re.fullmatch(r"[\w.$@-]+", g) for g in groups):
        raise UnknownFormat("id : liste de groupes illisible")
    return groups


@dataclass(frozen=True)
class LocalAccount:
    name: str
    uid: int
    shell: str

    @property
    def can_log_in(self) -> bool:
        return not self.shell.endswith(("nologin", "false", "sync", "shutdown", "halt"))


def parse_passwd_file(text: str) -> list[LocalAccount]:
    """Parse /etc/passwd: every account with its uid and shell."""
    accounts = []
    for line in text.splitlines():
        parts = line.split(":")
        if len(parts) >= 7 and parts[2].isdigit():
            accounts.append(LocalAccount(parts[0], int(parts[2]), parts[6]))
    if not accounts:
        raise UnknownFormat("/etc/passwd illisible")
    return accounts


@dataclass(frozen=True)
class Fingerprints:
    reader: bool  # fprintd found a fingerprint reader
    enrolled: int  # fingers enrolled for the user (0 without a reader)


def parse_fprintd_list(text: str) -> Fingerprints:
    """Parse `fprintd-list USER` (LC_ALL=C).

    Only fprintd's own sentences count: "No devices available", "User X has no fingers enrolled for
    <reader>", "Fingerprints for user X on <reader>:" followed by " - #0: right-index-finger". Anything
    else (an error, an empty output, another language) is not a fact about the reader.
    """
    if re.search(r"^No devices available", text, re.M):
        return Fingerprints(False, 0)
    if re.search(r"has no fingers enrolled for", text):
        return Fingerprints(True, 0)
    if re.search(r"^Fingerprints for user \S+ on ", text, re.M):
        count = len(re.findall(r"^\s*-\s*#\d+:", text, re.M))
        if count:
            return Fingerprints(True, count)
    raise UnknownFormat("fprintd-list : réponse non reconnue")


# --- Release (os-release) ----------------------------------------------------------------------


@dataclass(frozen=True)
class OsRelease:
    id: str  # "ubuntu", "debian", "fedora", "linuxmint"...
    version_id: str  # "24.04", "12", "41"
    name: str  # PRETTY_NAME, for the user
    ubuntu_codename: str | None  # set by Ubuntu and its derivatives (Mint, Pop!_OS, Zorin...)
    id_like: tuple[str, ...] = ()  # ID_LIKE: the distributions this one is built on ("ubuntu", "debian")


def parse_os_release(text: str) -> OsRelease:
    """Parse /etc/os-release (KEY=value lines, values possibly quoted)."""
    values = {}
    for line in text.splitlines():
        key, sep, value = line.strip().partition("=")
        if sep and re.fullmatch(r"[A-Z_]+", key):
            values[key] = value.strip().strip('"').strip("'")
    if not values.get("ID"):
        raise UnknownFormat("os-release : identifiant du système absent")
    return OsRelease(
        values["ID"].lower(),
        values.get("VERSION_ID", ""),
        values.get("PRETTY_NAME") or values.get("NAME") or values["ID"],
        values.get("UBUNTU_CODENAME") or None,
        tuple(values.get("ID_LIKE", "").lower().split()),
    )
