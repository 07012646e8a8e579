"""External drives a backup can go to, for the interface's set-up page (the command line takes paths)."""

from __future__ import annotations

from dataclasses import dataclass

import psutil

# where desktops mount a plugged-in disk: udisks (/media/USER, /run/media/USER) and macOS (/Volumes)
REMOVABLE_ROOTS = ("/media/", "/run/media/", "/Volumes/")
BACKUP_FOLDER = "Sauvegarde Gardien"


@dataclass(frozen=True)
class Drive:
    mountpoint: str
    free_bytes: int | None

    @property
    def label(self) -> str:
        free = f", {self.free_bytes / 1e9:.0f} Go libres" if self.free_bytes is not None else ""
        return f"{self.mountpoint}{free}"


def external_drives() -> list[Drive]:
    """Plugged-in external disks; an empty list when none is seen (the page then asks for a folder)."""
    found = []
    try:
        partitions = psutil.disk_partitions(all=False)
    except OSError:
        return []
    for partition in partitions:
        removable = partition.mountpoint.startswith(REMOVABLE_ROOTS) or "removable" in partition.opts.split(",")
        if not removable or partition.mountpoint == "/Volumes/Macintosh HD":
            continue
        try:
            free = psutil.disk_usage(partition.mountpoint).free
        except OSError:
            free = None
        found.append(Drive(partition.mountpoint, free))
    return found
