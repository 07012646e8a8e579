"""Probes done in Python rather than by a command: reading a file, summarising a folder.

Each returns text in a small documented format (docs/enregistrement.md), so that it can be recorded
and replayed like a command output. Summaries never contain file names: a desktop file name may
hold a patient's name.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path

from gardien import paths

APPLICATIONS_HEADER = "# gardien: applications installées"  # tells our list from any other text
DOCUMENT_EXTENSIONS = {
    ".pdf", ".doc", ".docx", ".odt", ".rtf", ".txt", ".xls", ".xlsx", ".ods", ".csv", ".ppt", ".pptx", ".odp",
    ".jpg", ".jpeg", ".png", ".heic", ".tif", ".tiff",
}
MAX_ENTRIES = 20_000  # a huge desktop is summarised partially rather than slowing the audit


MAX_FILE_BYTES = 8 * 1024 * 1024  # a log longer than this is read from its end (the latest lines are what counts)


def read_regular(path: Path, max_bytes: int = MAX_FILE_BYTES) -> str:
    """A regular file's text, never blocking on a FIFO or a device (paths.read_regular), its last `max_bytes`."""
    return paths.read_regular(path, max_bytes, tail=True).decode("utf-8", errors="replace")


def read_file(path: str | Path) -> Callable[[], str]:
    """A reader returning a text file's content (FileNotFoundError when absent, NotAFile for a FIFO or device)."""
    def read() -> str:
        return read_regular(Path(path).expanduser())

    return read


def file_dates(paths: Iterable[str | Path]) -> Callable[[], str]:
    """A reader printing `path<TAB>ISO modification time` for each path that exists."""
    def read() -> str:
        lines = []
        for raw in paths:
            path = Path(raw).expanduser()
            if path.exists():
                lines.append(f"{path}\t{datetime.fromtimestamp(path.stat().st_mtime).isoformat(timespec='seconds')}")
        return "\n".join(lines)

    return read


def desktop_session() -> str:
    """The graphical session, as `XDG_CURRENT_DESKTOP<TAB>DESKTOP_SESSION` (empty outside a desktop)."""
    current = os.environ.get("XDG_CURRENT_DESKTOP", "")
    session = os.environ.get("DESKTOP_SESSION", "")
    return f"{current}\t{session}" if current or session else ""


def desktop_folders() -> list[Path]:
    """The user's desktop folder(s): XDG's (translated name, e.g. "Bureau"), ~/Desktop, OneDrive's."""
    home = Path.home()
    candidates = [home / "Desktop"]
    if sys.platform.startswith("linux"):
        xdg = _xdg_desktop()
        if xdg:
            candidates.insert(0, xdg)
    onedrive = os.environ.get("OneDrive")
    if onedrive:
        candidates.append(Path(onedrive) / "Desktop")
    unique = []
    for path in candidates:
        if path.is_dir() and path.resolve() not in [p.resolve() for p in unique] and path.resolve() != home.resolve():
            unique.append(path)
    return unique


def _xdg_desktop() -> Path | None:
    config = Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config")) / "user-dirs.dirs"
    try:
        for line in read_regular(config, 64 * 1024).splitlines():
            if line.startswith("XDG_DESKTOP_DIR="):
                value = line.split("=", 1)[1].strip().strip('"').replace("$HOME", str(Path.home()))
                return Path(value)
    except OSError:
        return None
    return None


def desktop_documents() -> str:
    """Count documents on the desktop(s): `dossiers<TAB>n`, `documents<TAB>n`, `partiel<TAB>0|1`."""
    folders = desktop_folders()
    count = seen = 0
    for folder in folders:
        for _root, dirs, files in os.walk(folder):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in files:
                seen += 1
                if Path(name).suffix.lower() in DOCUMENT_EXTENSIONS:
                    count += 1
            if seen > MAX_ENTRIES:
                break
    return f"dossiers\t{len(folders)}\ndocuments\t{count}\npartiel\t{int(seen > MAX_ENTRIES)}\n"


def linux_applications() -> str:
    """Names of installed desktop applications (.desktop files), then `cmd:NAME` for known commands."""
    home = Path.home()
    folders = [
        Path("/usr/share/applications"),
        Path("/usr/local/share/applications"),
        home / ".local/share/applications",
        Path("/var/lib/flatpak/exports/share/applications"),
        home / ".local/share/flatpak/exports/share/applications",
        Path("/var/lib/snapd/desktop/applications"),
    ]
    names = set()
    for folder in folders:
        if not folder.is_dir():
            continue
        for entry in folder.glob("*.desktop"):
            names.add(_desktop_name(entry) or entry.stem)
    names.update(f"cmd:{c}" for c in KNOWN_COMMANDS if shutil.which(c))
    return "\n".join([APPLICATIONS_HEADER, *sorted(names)])


KNOWN_COMMANDS = ("restic", "borg", "kopia", "timeshift", "deja-dup", "clamscan", "clamd", "anydesk", "teamviewer",
                  "rustdesk", "x11vnc", "keepassxc", "bitwarden", "1password")


def _desktop_name(path: Path) -> str | None:
    try:
        in_entry = False
        for line in read_regular(path, 256 * 1024).splitlines():
            if line.startswith("["):
                in_entry = line.strip() == "[Desktop Entry]"
            elif in_entry and line.startswith("Name="):
                return line[5:].strip()
    except OSError:
        return None
    return None


def mac_applications() -> str:
    """Names of the .app bundles in /Applications (and one level below) and ~/Applications."""
    names = set()
    for folder in (Path("/Applications"), Path.home() / "Applications"):
        if not folder.is_dir():
            continue
        for entry in folder.iterdir():
            if entry.suffix == ".app":
                names.add(entry.stem)
            elif entry.is_dir():
                names.update(sub.stem for sub in entry.glob("*.app"))
    return "\n".join([APPLICATIONS_HEADER, *sorted(names)])


def backup_traces() -> str:
    """Traces of restic and borg repositories in the user's cache and config, as `tool<TAB>ISO date` lines.

    restic keeps one file per snapshot in ~/.cache/restic/<repo>/snapshots; borg writes
    ~/.config/borg/security/<repo>/manifest-timestamp at each backup.
    """
    lines = []
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "restic"
    if sys.platform == "darwin":
        cache = Path.home() / "Library/Caches/restic"
    elif sys.platform == "win32":
        cache = Path(os.environ.get("LOCALAPPDATA", Path.home())) / "restic"
    for snapshots in cache.glob("*/snapshots"):
        newest = max((f.stat().st_mtime for f in snapshots.iterdir() if f.is_file()), default=None)
        if newest:
            lines.append(f"restic\t{datetime.fromtimestamp(newest).isoformat(timespec='seconds')}")
    borg = Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config")) / "borg" / "security"
    for stamp in borg.glob("*/manifest-timestamp"):
        lines.append(f"borg\t{datetime.fromtimestamp(stamp.stat().st_mtime).isoformat(timespec='seconds')}")
    return "\n".join(lines)


def windows_file_history() -> str:
    """File History configuration files with their dates (`name<TAB>ISO date`), empty when not set up."""
    base = Path(os.environ.get("LOCALAPPDATA", "")) / "Microsoft/Windows/FileHistory/Configuration"
    if not base.is_dir():
        return ""
    return "\n".join(
        f"{f.name}\t{datetime.fromtimestamp(f.stat().st_mtime).isoformat(timespec='seconds')}"
        for f in sorted(base.iterdir())
        if f.is_file()
    )


def gardien_backup_status() -> str:
    """Gardien's own backup status (measured supports, last runs and restore tests, 3-2-1) as JSON; empty when none
    is set up; the reason when its files cannot be read."""
    from gardien.backup.status import audit_json

    return audit_json()
