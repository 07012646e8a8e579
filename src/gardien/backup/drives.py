"""The disks the interface offers to choose (the command line takes paths): for the backups and their second copy,
and Effacer's « Aller à ». The removable mounts, and on Linux and macOS any other disk mounted outside the system's
folders (a disk mounted by hand, as the round 13 walkthrough's were, was not offered and had to be typed); never the
mounts a person did not plug in (`choosable`, the one rule). For a backup, whether it really is another disk than the
folders' is checked afterwards, by measuring (backup/volumes.py)."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import psutil

# where desktops mount a plugged-in disk: udisks (/media/USER, /run/media/USER) and macOS (/Volumes)
REMOVABLE_ROOTS = ("/media/", "/run/media/", "/Volumes/")
BACKUP_FOLDER = "Sauvegarde Gardien"
LOOP_DEVICE = "/dev/loop"  # Linux: a file mounted as a disk
SYSTEM_VOLUMES = ("/Volumes/Macintosh HD",)  # macOS lists the system's own volume under /Volumes
TEMPORARY_FOLDERS = (tempfile.gettempdir(), "/tmp")  # the second when TMPDIR names another
# mounted there, a disk belongs to the system (boot, programs, containers), not to the practitioner
SYSTEM_TREES = ("/boot", "/snap", "/var", "/usr", "/opt", "/srv", "/etc", "/nix", "/proc", "/sys", "/dev", "/System",
                "/private", "/Library", "/Applications")


@dataclass(frozen=True)
class Drive:
    mountpoint: str
    free_bytes: int | None

    @property
    def label(self) -> str:
        if self.free_bytes is None:
            return self.mountpoint
        if self.free_bytes < 1e9:  # a small key: « 0 Go libres » read as full
            return f"{self.mountpoint}, {self.free_bytes / 1e6:.0f} Mo libres"
        return f"{self.mountpoint}, {self.free_bytes / 1e9:.0f} Go libres"


def external_drives() -> list[Drive]:
    """The disks a person is offered to choose, wherever Gardien offers them (the backup set-up, the second copy,
    Effacer's « Aller à »): the mounts `choosable` lets through; an empty list when none is seen (the page then asks
    for a folder)."""
    try:
        partitions = psutil.disk_partitions(all=False)
    except OSError:
        return []
    found = []
    for partition in partitions:
        if not choosable(partition):
            continue
        try:
            free = psutil.disk_usage(partition.mountpoint).free
        except OSError:
            free = None
        found.append(Drive(partition.mountpoint, free))
    return found


def choosable(partition) -> bool:
    """The one rule of which mounts (psutil's partitions) a practitioner may choose as a disk: a disk she plugged in
    (a removable mount, or another disk mounted outside the system's folders) that can be written to. Never an image
    mounted through a loop device (a snap, a disk image or an installation DVD opened from a file), a read-only mount,
    nor a mount inside the temporary folder (a program's or a test's, left mounted: walkthrough, round 15)."""
    mountpoint, options = partition.mountpoint, partition.opts.split(",")
    if (partition.device.startswith(LOOP_DEVICE) or "ro" in options or mountpoint in SYSTEM_VOLUMES
            or _in_temporary_folder(mountpoint)):
        return False
    return mountpoint.startswith(REMOVABLE_ROOTS) or "removable" in options or _another_disk(mountpoint)


def _in_temporary_folder(mountpoint: str) -> bool:
    if not os.path.isabs(mountpoint):  # another system's form (« E:\\ » read here): never resolved against this folder
        return False
    inside = os.path.realpath(mountpoint)
    return any(inside.startswith(os.path.realpath(folder).rstrip(os.sep) + os.sep) for folder in TEMPORARY_FOLDERS)


def _another_disk(mountpoint: str) -> bool:
    """A folder where another disk than the system's and the home folder's is mounted, outside the system's folders."""
    if os.name == "nt" or mountpoint in ("/", "/home", "/tmp") or any(
            mountpoint == tree or mountpoint.startswith(tree + "/") for tree in SYSTEM_TREES):
        return False
    try:
        device = os.stat(mountpoint).st_dev
        return os.path.isdir(mountpoint) and device not in {os.stat("/").st_dev, os.stat(Path.home()).st_dev}
    except OSError:
        return False
