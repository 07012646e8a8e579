"""Which disk a folder is on, measured from the operating system — never taken from the name the user typed.

A backup destination is a support of its own only when it is on another disk than the folders it protects, and
two destinations on one disk are one support. Each folder is identified by its file system (its UUID when the
system gives it, else the device number of `os.stat`) and, where the system says it, by the physical disk under
it (Linux: /sys/dev/block and lsblk; macOS: diskutil; Windows: Get-Volume, Get-Partition and Get-Disk), with
whether that disk is removable or fixed as the system reports it.

Limit, said here on purpose: a disk image mounted through a loop device counts as a disk of its own (Gardien does
not follow it to the disk that holds the image file).
"""

from __future__ import annotations

import json
import os
import plistlib
import re
import sys
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path

from gardien import process

TOOL_SECONDS = 15

MEMORY_FILESYSTEMS = {"tmpfs", "ramfs", "devtmpfs"}
NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "afpfs", "webdav", "davfs", "fuse.sshfs", "9p", "fuse.rclone"}


class Medium(StrEnum):
    DISK = "disque"  # a disk of this computer or plugged into it
    MEMORY = "memoire"  # tmpfs and the like: erased when the computer stops
    NETWORK = "reseau"  # a network share mounted as a folder
    REMOTE = "distant"  # an SFTP or S3 repository, reached through the network


class Removable(StrEnum):
    REMOVABLE = "amovible"
    FIXED = "fixe"
    UNKNOWN = "inconnu"


@dataclass(frozen=True)
class Volume:
    """Where a folder really is. `volume` identifies the file system, `disk` the physical disk by something
    stable (a serial number), `disk_name` the disk as the system names it now (sdb, disk2, « disque 1 »)."""

    volume: str
    medium: Medium = Medium.DISK
    removable: Removable = Removable.UNKNOWN
    said_by: str = ""  # which system tool told removable/fixed
    disk: str | None = None
    disk_name: str | None = None
    mountpoint: str | None = None
    filesystem: str | None = None

    @property
    def support(self) -> str:
        """The key two copies share when they are on one support (compared across days: stable names only)."""
        return self.disk or self.volume

    def same_support_as(self, other: Volume) -> bool:
        """Both measured now: the same file system, or the same physical disk."""
        if self.volume == other.volume:
            return True
        if self.disk and self.disk == other.disk:
            return True
        return bool(self.disk_name) and self.disk_name == other.disk_name

    def describe(self) -> str:
        """« disque amovible « SAUVEGARDE » (d'après le système) », « espace en mémoire (tmpfs)… »."""
        if self.medium is Medium.REMOTE:
            return f"serveur distant {self.volume.partition(':')[2]}"
        if self.medium is Medium.MEMORY:
            return f"espace en mémoire ({self.filesystem}), effacé à l'extinction"
        if self.medium is Medium.NETWORK:
            return "dossier partagé sur le réseau"
        name = self.name()
        if self.removable is Removable.REMOVABLE:
            return f"disque amovible {name} (d'après le système)"
        if self.removable is Removable.FIXED:
            return f"disque fixe {name} (d'après le système)"
        return f"disque {name} (amovible ou fixe : le système ne l'a pas dit)"

    def name(self) -> str:
        """How the user knows the disk: the name the file manager shows (the last part of where it is mounted),
        « du système » for the system's own disk."""
        point = (self.mountpoint or "").replace("\\", "/").rstrip("/")
        if (point == "" and self.mountpoint) or point == "/System/Volumes/Data":  # "/" itself, macOS's data volume
            return "du système"
        if point.upper() == "C:":
            return "du système (C:)"
        last = point.rsplit("/", 1)[-1] or self.disk_name
        return f"«\u00a0{last}\u00a0»" if last else "sans nom"

    def to_dict(self) -> dict:
        return {k: (str(v) if isinstance(v, StrEnum) else v) for k, v in asdict(self).items()}

    @classmethod
    def from_dict(cls, raw: object) -> Volume | None:
        if not isinstance(raw, dict) or not isinstance(raw.get("volume"), str):
            return None
        try:
            return cls(raw["volume"], Medium(raw.get("medium", "disque")), Removable(raw.get("removable", "inconnu")),
                       str(raw.get("said_by") or ""), _text(raw.get("disk")), _text(raw.get("disk_name")),
                       _text(raw.get("mountpoint")), _text(raw.get("filesystem")))
        except ValueError:
            return None


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def remote(kind: str, repository: str) -> Volume:
    """An SFTP or S3 repository: its support is the server (two repositories on one server are one support)."""
    address = repository.split(":", 1)[1] if ":" in repository else repository
    if kind == "sftp":
        host = address.split(":", 1)[0].rpartition("@")[2]
    else:
        host = re.sub(r"^[a-z]+://", "", address).split("/", 1)[0]
    return Volume(f"{kind}:{host.lower()}", Medium.REMOTE, said_by="l'adresse du serveur", disk=f"{kind}:{host.lower()}")


def existing_part(path: Path) -> Path:
    """The folder itself or its nearest existing parent (a destination folder is created later)."""
    path = Path(os.path.abspath(path))
    while not path.exists() and path.parent != path:
        path = path.parent
    return path


def measure(path: Path) -> Volume:
    """The volume and disk `path` is on, as this system says. Never raises for a path that exists: what the
    system tools do not say stays unknown."""
    here = existing_part(path)
    stat = os.stat(here)
    fallback = Volume(f"st_dev:{stat.st_dev}")
    try:
        if sys.platform.startswith("linux"):
            return _linux(here, stat) or fallback
        if sys.platform == "darwin":
            return _macos(here) or fallback
        if sys.platform == "win32":
            return _windows(here) or fallback
    except (OSError, ValueError, process.Timeout):
        return fallback
    return fallback


def _tool(argv: list[str]) -> str | None:
    try:
        result = process.run(argv, timeout=TOOL_SECONDS)
    except (OSError, process.Timeout):
        return None
    return result.stdout if result.returncode == 0 else None


# --- Linux ----------------------------------------------------------------------------------------------------------

def _mount_of(path: Path):
    import psutil

    real = os.path.realpath(path)
    best = None
    for partition in psutil.disk_partitions(all=True):
        point = partition.mountpoint
        if real == point or real.startswith(point.rstrip("/") + "/"):
            if best is None or len(point) > len(best.mountpoint):
                best = partition
    return best


def _linux(path: Path, stat: os.stat_result) -> Volume | None:
    mount = _mount_of(path)
    fstype = mount.fstype if mount else None
    mountpoint = mount.mountpoint if mount else None
    if fstype in MEMORY_FILESYSTEMS:
        return Volume(f"st_dev:{stat.st_dev}", Medium.MEMORY, mountpoint=mountpoint, filesystem=fstype)
    if fstype in NETWORK_FILESYSTEMS or (fstype or "").startswith("fuse.sshfs"):
        return Volume(f"{fstype}:{mount.device}", Medium.NETWORK, mountpoint=mountpoint, filesystem=fstype)
    device_number = stat.st_dev
    if mount and mount.device.startswith("/dev/"):
        try:
            device_number = os.stat(mount.device).st_rdev  # btrfs subvolumes have an anonymous st_dev
        except OSError:
            pass
    if os.major(device_number) == 0:
        return Volume(f"st_dev:{stat.st_dev}", mountpoint=mountpoint, filesystem=fstype)
    block = Path(f"/sys/dev/block/{os.major(device_number)}:{os.minor(device_number)}").resolve()
    disks = sorted(linux_disks(block))
    info = parse_lsblk(_tool(["lsblk", "--json", "--nodeps", "-o", "KNAME,RM,HOTPLUG,TRAN,SERIAL,WWN,UUID",
                              *(f"/dev/{d}" for d in sorted({block.name, *disks}))]) or "")
    uuid = info.get(block.name, {}).get("uuid") or _linux_uuid(block.name)
    volume = f"uuid:{uuid}" if uuid else f"st_dev:{stat.st_dev}"
    if not disks:
        return Volume(volume, mountpoint=mountpoint, filesystem=fstype)
    removable, said_by = linux_removable(disks, info)
    serials = [info.get(d, {}).get("serial") or info.get(d, {}).get("wwn") for d in disks]
    disk = "serie:" + "+".join(serials) if serials and all(serials) else None
    return Volume(volume, Medium.DISK, removable, said_by, disk, "+".join(disks), mountpoint, fstype)


def linux_disks(block: Path) -> set[str]:
    """The whole disks under a block device of /sys: a partition's parent, a device-mapper's (LUKS, LVM) slaves."""
    if (block / "partition").exists():
        return {block.parent.name}
    slaves = block / "slaves"
    if slaves.is_dir() and any(slaves.iterdir()):
        found: set[str] = set()
        for slave in slaves.iterdir():
            found |= linux_disks(slave.resolve())
        return found
    return {block.name} if (block / "dev").exists() else set()


def _linux_uuid(device_name: str) -> str | None:
    folder = Path("/dev/disk/by-uuid")
    try:
        for link in folder.iterdir():
            if link.resolve().name == device_name:
                return link.name
    except OSError:
        return None
    return None


def parse_lsblk(text: str) -> dict[str, dict]:
    """lsblk --json --nodeps -o KNAME,RM,HOTPLUG,TRAN,SERIAL,WWN,UUID -> {kernel name: {rm, hotplug, …}}.
    Old lsblk writes "0"/"1" strings where new ones write booleans."""
    try:
        devices = json.loads(text).get("blockdevices", []) if text.strip() else []
    except (ValueError, AttributeError):
        return {}
    found = {}
    for device in devices if isinstance(devices, list) else []:
        name = device.get("kname") or device.get("name") if isinstance(device, dict) else None
        if not name:
            continue
        found[str(name)] = {
            "rm": _flag(device.get("rm")), "hotplug": _flag(device.get("hotplug")),
            "tran": (device.get("tran") or None), "serial": (str(device.get("serial") or "").strip() or None),
            "wwn": (str(device.get("wwn") or "").strip() or None), "uuid": (device.get("uuid") or None),
        }
    return found


def _flag(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    if value in ("1", 1):
        return True
    if value in ("0", 0):
        return False
    return None


def linux_removable(disks: list[str], lsblk: dict[str, dict]) -> tuple[Removable, str]:
    """Removable when the kernel says the medium is removable (/sys/block/X/removable), or lsblk says the disk
    is hot-pluggable or on USB (a USB hard disk has removable=0 but is hot-pluggable). A loop device is an image
    file: whether it is removable depends on where that file is, which is not followed (unknown)."""
    if all(d.startswith("loop") for d in disks):
        return Removable.UNKNOWN, ""
    for disk in disks:
        try:
            if Path(f"/sys/block/{disk}/removable").read_text().strip() == "1":
                return Removable.REMOVABLE, f"/sys/block/{disk}/removable"
        except OSError:
            pass
        info = lsblk.get(disk, {})
        if info.get("rm") or info.get("hotplug") or info.get("tran") in ("usb", "ieee1394"):
            return Removable.REMOVABLE, "lsblk"
    if disks and all(lsblk.get(d, {}).get("hotplug") is False for d in disks):
        return Removable.FIXED, "lsblk"
    return Removable.UNKNOWN, ""


# --- macOS ----------------------------------------------------------------------------------------------------------

def _macos(path: Path) -> Volume | None:
    mount = _mount_of(path)  # diskutil wants a mount point (or a device), not any folder
    text = _tool(["diskutil", "info", "-plist", mount.mountpoint if mount else str(path)])
    if text is None:
        return None
    return volume_from_diskutil(parse_diskutil_plist(text))


def parse_diskutil_plist(text: str) -> dict[str, object]:
    """`diskutil info -plist` -> its dictionary (empty when it is not a plist)."""
    try:
        value = plistlib.loads(text.encode("utf-8"))
    except (plistlib.InvalidFileException, ValueError, TypeError):
        return {}
    return value if isinstance(value, dict) else {}


def diskutil_text_as_plist(info) -> dict[str, object]:
    """`diskutil info` in text (parsers.macos.parse_diskutil_info) -> the keys of `diskutil info -plist`, for
    volume_from_diskutil. Gardien asks for the plist; the text form is what people copy from a terminal."""
    found: dict[str, object] = {"DeviceIdentifier": info.identifier}
    if info.protocol:
        found["BusProtocol"] = info.protocol
    if info.location:
        found["Internal"] = info.location.lower() == "internal"
    if info.removable:
        found["RemovableMedia"] = info.removable.lower() == "removable"
    if info.file_system:
        found["FilesystemType"] = info.file_system
    return found


def volume_from_diskutil(info: dict[str, object]) -> Volume | None:
    """External when diskutil says the device is not internal, or is on USB/Thunderbolt/FireWire, or its
    medium is removable. Trap (recorded): a USB stick says « Removable Media: Fixed » — the location and the
    protocol are the reliable fields."""
    if not info:
        return None
    protocol = str(info.get("BusProtocol") or "")
    internal = info.get("Internal")
    external_flags = (internal is False, protocol in ("USB", "Thunderbolt", "FireWire", "SD", "Secure Digital"),
                      info.get("RemovableMedia") is True, info.get("RemovableMediaOrExternalDevice") is True)
    if any(external_flags):
        removable = Removable.REMOVABLE
    elif internal is True:
        removable = Removable.FIXED
    else:
        removable = Removable.UNKNOWN
    whole = str(info.get("ParentWholeDisk") or info.get("DeviceIdentifier") or "") or None
    stores = info.get("APFSPhysicalStores")
    if isinstance(stores, list) and stores and isinstance(stores[0], dict):  # APFS: the container's physical disk
        store = str(stores[0].get("APFSPhysicalStore") or "")
        whole = re.sub(r"s\d+$", "", store) or whole
    uuid = info.get("VolumeUUID") or info.get("DiskUUID")
    volume = f"uuid:{uuid}" if uuid else f"diskutil:{info.get('DeviceIdentifier') or whole}"
    return Volume(volume, Medium.DISK, removable, "diskutil" if removable is not Removable.UNKNOWN else "", None, whole,
                  _text(info.get("MountPoint")), _text(info.get("FilesystemType")))


# --- Windows --------------------------------------------------------------------------------------------------------

_WINDOWS_SCRIPT = """
$ErrorActionPreference = 'Stop'
$v = Get-Volume -FilePath '{path}'
$d = $null
try {{ $d = Get-Partition -Volume $v | Select-Object -First 1 | Get-Disk }} catch {{ }}
[pscustomobject]@{{ UniqueId = $v.UniqueId; DriveType = "$($v.DriveType)"; FileSystemType = "$($v.FileSystemType)";
  DriveLetter = "$($v.DriveLetter)"; DiskNumber = $d.Number; BusType = "$($d.BusType)"; SerialNumber = $d.SerialNumber }} |
  ConvertTo-Json -Compress
"""


def _windows(path: Path) -> Volume | None:
    script = _WINDOWS_SCRIPT.format(path=str(path).replace("'", "''"))
    text = _tool(["powershell", "-NoProfile", "-NonInteractive", "-Command", script])
    return volume_from_windows(text or "")


_DRIVE_TYPES = {"0": "Unknown", "2": "Removable", "3": "Fixed", "4": "Remote", "5": "CD-ROM", "6": "RAM Disk"}


def volume_from_windows(text: str) -> Volume | None:
    """The JSON of _WINDOWS_SCRIPT -> Volume. Windows calls a USB hard disk « Fixed »: its bus (USB) says it is
    removable; only a USB stick or a card is « Removable »."""
    try:
        info = json.loads(text) if text.strip() else None
    except ValueError:
        return None
    if not isinstance(info, dict) or not info.get("UniqueId"):
        return None
    drive_type = _DRIVE_TYPES.get(str(info.get("DriveType")), str(info.get("DriveType") or ""))
    bus = str(info.get("BusType") or "")
    medium = {"Remote": Medium.NETWORK, "RAM Disk": Medium.MEMORY}.get(drive_type, Medium.DISK)
    if drive_type == "Removable" or bus in ("USB", "1394", "SD", "MMC"):
        removable, said_by = Removable.REMOVABLE, "Get-Volume" if drive_type == "Removable" else "Get-Disk"
    elif drive_type == "Fixed":
        removable, said_by = Removable.FIXED, "Get-Volume"
    else:
        removable, said_by = Removable.UNKNOWN, ""
    number = info.get("DiskNumber")
    serial = str(info.get("SerialNumber") or "").strip()
    letter = str(info.get("DriveLetter") or "").strip()
    return Volume(f"volume:{info['UniqueId']}", medium, removable, said_by, f"serie:{serial}" if serial else None,
                  f"disque {number}" if isinstance(number, int) else None, f"{letter}:\\" if letter else None,
                  _text(info.get("FileSystemType")))
