"""External drives a backup can go to, for the interface's set-up page (the command line takes paths): the removable
mounts, and on Linux and macOS any other disk mounted outside the system's folders (a disk mounted by hand, as the
round 13 walkthrough's were, was not offered and had to be typed). Whether it really is another disk than the
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


def external_drives(temporary: bool = True) -> list[Drive]:
    """Plugged-in external disks; an empty list when none is seen (the page then asks for a folder).
    `temporary=False`: without the disks mounted inside the temporary folder (a program's or a test's images, left
    mounted): the places a person is offered to go to are the disks she would call so (walkthrough, round 15)."""
    found = []
    try:
        partitions = psutil.disk_partitions(all=False)
    except OSError:
        return []
    for partition in partitions:
        removable = partition.mountpoint.startswith(REMOVABLE_ROOTS) or "removable" in partition.opts.split(",")
        if not (removable or _another_disk(partition.mountpoint)) or partition.mountpoint == "/Volumes/Macintosh HD":
            continue
        if not temporary and _in_temporary_folder(partition.mountpoint):
            continue
        try:
            free = psutil.disk_usage(partition.mountpoint).free
        except OSError:
            free = None
        found.append(Drive(partition.mountpoint, free))
    return found


def _in_temporary_folder(mountpoint: str) -> bool:
    temporary = os.path.realpath(tempfile.gettempdir())
    return os.path.realpath(mountpoint).startswith(temporary.rstrip(os.sep) + os.sep)


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
