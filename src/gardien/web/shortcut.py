"""A desktop shortcut that starts `gardien interface`: people who never open a terminal start Gardien from it.

Linux: a freedesktop .desktop entry in the applications menu and, when the folder exists, on the Desktop.
macOS: a Gardien.command file on the Desktop (it opens Terminal, which shows how to stop Gardien).
Windows: a Gardien.bat file on the Desktop (it opens a console window; closing it stops Gardien).
The shortcut runs this same Python, so it keeps working inside a virtual environment.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from gardien.errors import GardienError
from gardien.explain import failure

NAME = "Gardien"
COMMENT = "Vérifier l'ordinateur du cabinet et suivre son plan de sécurité, dans le navigateur"


def _desktop_entry(python: str) -> str:
    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.0",
        f"Name={NAME}",
        "GenericName=Sécurité du cabinet",
        f"Comment={COMMENT}",
        f'Exec="{python}" -m gardien interface',
        "Terminal=false",
        "Categories=Utility;",
        "",
    ])


def contents(platform: str, python: str) -> tuple[str, str]:
    """(file name, text) of the shortcut for `platform`."""
    if platform == "linux":
        return "gardien.desktop", _desktop_entry(python)
    if platform == "macos":
        return f"{NAME}.command", f'#!/bin/sh\n# {COMMENT}\nexec "{python}" -m gardien interface\n'
    if platform == "windows":
        return f"{NAME}.bat", f'@echo off\r\nREM {COMMENT}\r\n"{python}" -m gardien interface\r\n'
    raise GardienError("Gardien ne sait pas créer de raccourci sur ce système : lancez « gardien interface ».")


def folders(platform: str) -> list[Path]:
    """Where the shortcut goes: the applications menu (Linux) and the Desktop when it exists."""
    import platformdirs

    found = []
    if platform == "linux":
        data = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
        found.append(data / "applications")
    desktop = Path(platformdirs.user_desktop_dir())
    if desktop.is_dir():
        found.append(desktop)
    return found


def where_said(path: Path) -> str:
    """Where the person finds the shortcut, in her words."""
    if path.parent.name == "applications":
        return "dans le menu des applications (touche Super, tapez « Gardien »)"
    return "sur le Bureau (double-cliquez dessus)"


def installed(platform: str | None = None) -> list[Path]:
    """The shortcuts `create` wrote that are still in place; none when Gardien was installed from its README only."""
    from gardien.compat import current_platform

    platform = platform or current_platform() or ""
    try:
        name, _ = contents(platform, sys.executable)
        places = folders(platform)
    except (GardienError, OSError):
        return []
    return [folder / name for folder in places if (folder / name).is_file()]


def ours() -> list[Path]:
    """The shortcuts in place that start this Gardien (another Gardien's, beside it, starts another Python)."""
    found = []
    for path in installed():
        try:
            if sys.executable in path.read_text(encoding="utf-8", errors="replace"):
                found.append(path)
        except OSError:
            continue
    return found


def remove() -> list[Path]:
    """Remove this Gardien's shortcuts (`gardien interface --retirer-raccourci`); returns those removed."""
    removed = []
    for path in ours():
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            raise failure(f"de retirer le raccourci {path}", exc) from exc
        removed.append(path)
    return removed


def places_said() -> str:
    """Where the shortcuts of this computer are, in her words (empty: Gardien has no shortcut here)."""
    return " ou ".join(where_said(path) for path in installed())


def create(platform: str, targets: list[Path], python: str | None = None) -> list[Path]:
    """Write the shortcut into each folder of `targets` (created if needed); returns the files written."""
    name, text = contents(platform, python or sys.executable)
    written = []
    for folder in targets:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / name
            path.write_text(text, encoding="utf-8", newline="")
            path.chmod(0o755)  # GNOME and macOS only launch an executable shortcut
        except OSError as exc:
            raise failure(f"de créer le raccourci dans {folder}", exc) from exc
        written.append(path)
    if not written:
        raise GardienError("Aucun dossier où poser le raccourci (pas de Bureau) : lancez « gardien interface ».")
    return written
