"""Real distinct file systems for the backup tests: fresh ext4 images mounted through loop devices (root only).

A backup destination must be on another disk than the folders it protects; in a test that means another file
system for real, not a folder of /tmp. Without root (or without mount, mkfs.ext4), the tests that need it are
skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

REASON = "il faut être root pour monter de vrais systèmes de fichiers distincts (images ext4 sur des périphériques loop)"


def available() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0 and all(shutil.which(t) for t in ("mount", "umount", "mkfs.ext4"))


def skip_unless_available() -> None:
    if not available():
        pytest.skip(REASON)


@contextmanager
def disk(folder: Path, size_mb: int = 64, fstype: str = "ext4"):
    """A fresh file system mounted at `folder` (created): ext4 on a loop device, or a tmpfs."""
    folder.mkdir(parents=True, exist_ok=True)
    if fstype == "tmpfs":
        command = ["mount", "-t", "tmpfs", "-o", f"size={size_mb}m", "tmpfs", str(folder)]
    else:
        image = folder.with_name(folder.name + ".img")
        with image.open("wb") as handle:
            handle.truncate(size_mb * 1024 * 1024)
        made = subprocess.run(["mkfs.ext4", "-q", "-F", str(image)], capture_output=True, text=True, check=False)
        if made.returncode != 0:
            pytest.skip(f"mkfs.ext4 a échoué : {made.stderr.strip()}")
        command = ["mount", "-o", "loop", str(image), str(folder)]
    mounted = subprocess.run(command, capture_output=True, text=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"montage impossible ici ({mounted.stderr.strip()}) : {REASON}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)


@pytest.fixture
def two_disks(tmp_path):
    """Two external « disks » (ext4 loop images) mounted under tmp_path, unmounted after the test."""
    skip_unless_available()
    with ExitStack() as stack:
        first = stack.enter_context(disk(tmp_path / "disque-cabinet", 256))
        second = stack.enter_context(disk(tmp_path / "disque-maison", 256))
        yield first, second


def offered_as_plugged_in(monkeypatch) -> None:
    """The interface hides loop images and the mounts of the temporary folder (backup/drives.choosable): the disks
    above are both. For a test where they stand for disks she plugged in and mounted by hand, those two exclusions
    are lifted; the rest of the rule (another disk, outside the system's folders, writable) still decides."""
    from gardien.backup import drives

    monkeypatch.setattr(drives, "LOOP_DEVICE", "/dev/aucun-periph-loop")
    monkeypatch.setattr(drives, "TEMPORARY_FOLDERS", ())
