"""What a path is stored on, as the operating system says it: a hard disk, flash memory (SSD, USB key, memory
card), memory (tmpfs), or unknown — and whether its file system writes in place.

Linux: /proc/self/mountinfo and /sys/block/*/queue/rotational (through partitions, device-mapper and RAID layers).
macOS: `diskutil info -plist` (SolidState, Internal). Windows: Get-Partition / Get-PhysicalDisk (MediaType, BusType).
Only reads; never needs admin rights. When the system does not say, the medium is UNKNOWN, never guessed.
"""

from __future__ import annotations

import os
import plistlib
import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from gardien.compat import current_platform

# File systems that write a change somewhere else than the old data (copy-on-write, log-structured, overlays):
# overwriting a file there leaves the old blocks as they were, whatever the medium.
ELSEWHERE = {"btrfs", "zfs", "bcachefs", "apfs", "refs", "f2fs", "nilfs2", "overlay", "overlayfs", "aufs", "fuse.mergerfs"}
MEMORY_FS = {"tmpfs", "ramfs"}


class Medium(StrEnum):
    HARD_DISK = "disque_dur"  # spinning platters: overwriting in place reaches the data
    FLASH = "memoire_flash"  # SSD, USB key, memory card: the drive decides where it writes (wear levelling)
    VIRTUAL = "disque_virtuel"  # a virtual machine's disk: the host decides where the data really goes
    MEMORY = "memoire_vive"  # tmpfs: nothing on a disk
    UNKNOWN = "inconnu"


@dataclass(frozen=True)
class Storage:
    medium: Medium
    file_system: str | None  # as the system names it: "ext4", "apfs", "NTFS"…
    mount_point: Path | None
    removable: bool | None  # a USB drive, a memory card
    system_disk: bool | None  # the disk that holds the system or the home folder
    device: str | None = None  # the system's name of the volume (sda1, disk4s1, E:), for matching the audit's answers

    @property
    def writes_elsewhere(self) -> bool:
        return (self.file_system or "").lower() in ELSEWHERE

    @property
    def overwrite_reaches_data(self) -> bool | None:
        """True: overwriting replaces the old data; False: it cannot be trusted; None: the system does not say."""
        if self.writes_elsewhere or self.medium is Medium.FLASH:
            return False
        if self.medium in (Medium.HARD_DISK, Medium.MEMORY):
            return True
        return None


def detect(path: Path) -> Storage:
    """The storage of `path` on this computer; UNKNOWN when the system cannot say (never an exception)."""
    platform = current_platform()
    try:
        if platform == "linux":
            return linux(path)
        if platform == "macos":
            return macos(path)
        if platform == "windows":
            return windows(path)
    except (OSError, ValueError):
        pass
    return Storage(Medium.UNKNOWN, None, None, None, None)


# --- Linux ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mount:
    device_number: str  # "major:minor"
    mount_point: str
    file_system: str
    source: str


def parse_mountinfo(text: str) -> list[Mount]:
    """/proc/self/mountinfo: "36 35 98:0 /mnt1 /mnt/parent rw,noatime master:1 - ext3 /dev/root rw,errors=continue"."""
    mounts = []
    for line in text.splitlines():
        left, sep, right = line.partition(" - ")
        fields, tail = left.split(), right.split()
        if not sep or len(fields) < 5 or len(tail) < 2:
            continue
        mounts.append(Mount(fields[2], _unescape(fields[4]), tail[0], _unescape(tail[1])))
    return mounts


def _unescape(text: str) -> str:
    """mountinfo writes a space as \\040, a tab as \\011…"""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), text)


def mount_of(path: Path, mounts: list[Mount]) -> Mount | None:
    """The mount holding `path` (resolved): the longest mount point that contains it; the last one mounted wins."""
    target = str(path)
    best = None
    for mount in mounts:
        point = mount.mount_point.rstrip("/") or "/"
        if target == point or target.startswith(point + "/") or point == "/":
            if best is None or len(point) >= len(best.mount_point.rstrip("/") or "/"):
                best = mount
    return best


def linux(path: Path, sys_root: Path = Path("/sys"), mountinfo: str | None = None, home: Path | None = None) -> Storage:
    text = mountinfo if mountinfo is not None else Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="replace")
    mounts = parse_mountinfo(text)
    mount = mount_of(path.resolve(), mounts)
    if mount is None:
        return Storage(Medium.UNKNOWN, None, None, None, None)
    point = Path(mount.mount_point)
    if mount.file_system in MEMORY_FS:
        return Storage(Medium.MEMORY, mount.file_system, point, False, False, None)
    block = _block_dir(mount, sys_root)
    if block is None:
        return Storage(Medium.UNKNOWN, mount.file_system, point, None, None, None)
    disks = _physical_disks(block, sys_root)
    medium = _medium(disks)
    if medium is Medium.HARD_DISK and any("/usb" in str(d) for d in disks):
        medium = Medium.UNKNOWN  # USB bridges report « rotational » for flash keys too: the flag says nothing there
    if any(_virtual(d) for d in disks):
        medium = Medium.VIRTUAL  # virtio, Xen, VMware, VirtualBox, Hyper-V disks say « rotational » whatever the host has
    removable = _removable(disks)
    system = _disks_of(Path("/"), mounts, sys_root) | _disks_of(home or Path.home(), mounts, sys_root)
    disk_names = {d.name for d in disks}
    return Storage(medium, mount.file_system, point, removable, bool(disk_names & system) if system else None, block.name)


def _block_dir(mount: Mount, sys_root: Path) -> Path | None:
    """/sys/dev/block/<major:minor>, or, for file systems with a virtual device number (Btrfs), the source device."""
    major = mount.device_number.split(":")[0]
    if major != "0":
        candidate = sys_root / "dev" / "block" / mount.device_number
        if candidate.exists():
            return candidate.resolve()
    if mount.source.startswith("/dev/"):
        name = Path(os.path.realpath(mount.source) if os.path.exists(mount.source) else mount.source).name  # /dev/mapper/x -> dm-0
        candidate = sys_root / "class" / "block" / name
        if candidate.exists():
            return candidate.resolve()
    return None


def _physical_disks(block: Path, sys_root: Path, depth: int = 0) -> list[Path]:
    """The whole disks under a volume: a partition's parent disk; the disks under device-mapper (LUKS, LVM) or RAID."""
    if depth > 8:
        return []
    if (block / "partition").exists():
        block = block.parent
    slaves = block / "slaves"
    below = sorted(slaves.iterdir()) if slaves.is_dir() else []
    if not below:
        return [block]
    disks = []
    for slave in below:
        disks.extend(_physical_disks((sys_root / "class" / "block" / slave.name).resolve(), sys_root, depth + 1))
    return disks


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return None


def _medium(disks: list[Path]) -> Medium:
    values = {_read(d / "queue" / "rotational") for d in disks}
    if not disks or None in values or values - {"0", "1"}:
        return Medium.UNKNOWN
    return Medium.FLASH if "0" in values else Medium.HARD_DISK  # one flash layer is enough to lose the guarantee


# A virtual machine's disk, by its bus (virtio, Xen) or by the name the hypervisor gives it (SCSI/ATA emulation).
_VIRTUAL_MODELS = re.compile(r"QEMU|VBOX|VMware|Virtual ?disk|Msft|Xen", re.I)


def _virtual(disk: Path) -> bool:
    if "/virtio" in str(disk) or "/vbd-" in str(disk) or disk.name.startswith(("vd", "xvd")):
        return True
    return any(_VIRTUAL_MODELS.search(_read(disk / "device" / name) or "") for name in ("vendor", "model"))


def _removable(disks: list[Path]) -> bool | None:
    flags = [_read(d / "removable") for d in disks]
    if any(f == "1" for f in flags) or any("/usb" in str(d) for d in disks):
        return True
    return False if flags and all(f == "0" for f in flags) else None


def _disks_of(path: Path, mounts: list[Mount], sys_root: Path) -> set[str]:
    mount = mount_of(path.resolve(), mounts) if path.exists() else None
    block = _block_dir(mount, sys_root) if mount else None
    return {d.name for d in _physical_disks(block, sys_root)} if block else set()


# --- macOS ---------------------------------------------------------------------------------------------------------


def _mount_point(path: Path) -> Path:
    current = path.resolve()
    while not os.path.ismount(current) and current.parent != current:
        current = current.parent
    return current


def macos(path: Path) -> Storage:
    from gardien.probes.base import run_command

    point = _mount_point(path)
    out = run_command("diskutil_info", ("diskutil", "info", "-plist", str(point)))
    if out.error or out.returncode != 0:
        return Storage(Medium.UNKNOWN, None, point, None, None)
    return parse_diskutil_plist(out.stdout, point)


def parse_diskutil_plist(text: str, point: Path | None = None) -> Storage:
    """`diskutil info -plist VOLUME`: SolidState, Internal, RemovableMedia/Ejectable, FilesystemType, DeviceIdentifier."""
    try:
        info = plistlib.loads(text.encode("utf-8"))
    except Exception:  # plistlib raises several exception types for bad input
        return Storage(Medium.UNKNOWN, None, point, None, None)
    solid = info.get("SolidState")
    medium = Medium.FLASH if solid is True else Medium.HARD_DISK if solid is False else Medium.UNKNOWN
    internal = info.get("Internal")
    removable = True if internal is False or info.get("RemovableMedia") is True else False if internal is True else None
    system = True if point is not None and str(point) in ("/", "/System/Volumes/Data") else internal
    return Storage(medium, info.get("FilesystemType"), point, removable, system, info.get("DeviceIdentifier"))


# --- Windows -------------------------------------------------------------------------------------------------------

WINDOWS_SCRIPT = (
    "$ErrorActionPreference='Stop'; $p = Get-Partition -DriveLetter {letter}; "
    "$d = Get-PhysicalDisk | Where-Object {{ $_.DeviceId -eq [string]$p.DiskNumber }}; "
    "\"media`t$($d.MediaType)\"; \"bus`t$($d.BusType)\"; \"fs`t$((Get-Volume -DriveLetter {letter}).FileSystemType)\""
)


def windows(path: Path) -> Storage:
    from gardien.probes.base import run_command

    drive = path.resolve().drive
    if not re.fullmatch(r"[A-Za-z]:", drive):
        return Storage(Medium.UNKNOWN, None, None, None, None)  # a network share: no disk of this computer
    letter = drive[0].upper()
    out = run_command("physical_disk", ("powershell", "-NoProfile", "-NonInteractive", "-Command",
                                        WINDOWS_SCRIPT.format(letter=letter)), timeout=15)
    system_drive = os.environ.get("SystemDrive", "C:").upper()
    if out.error or out.returncode != 0:
        return Storage(Medium.UNKNOWN, None, Path(f"{letter}:\\"), None, drive.upper() == system_drive, f"{letter}:")
    return parse_windows(out.stdout, letter, system_drive)


def parse_windows(text: str, letter: str, system_drive: str = "C:") -> Storage:
    """The script's three lines: « media<TAB>SSD », « bus<TAB>NVMe », « fs<TAB>NTFS » (names, or numbers)."""
    values = dict(line.split("\t", 1) for line in text.splitlines() if "\t" in line)
    media = values.get("media", "").strip()
    medium = {"HDD": Medium.HARD_DISK, "3": Medium.HARD_DISK, "SSD": Medium.FLASH, "4": Medium.FLASH,
              "SCM": Medium.FLASH, "5": Medium.FLASH}.get(media, Medium.UNKNOWN)
    bus = values.get("bus", "").strip()
    removable = True if bus in ("USB", "7", "SD", "12", "MMC", "13") else (False if bus else None)
    file_system = values.get("fs", "").strip() or None
    return Storage(medium, file_system, Path(f"{letter}:\\"), removable, f"{letter}:".upper() == system_drive.upper(), f"{letter}:")
