"""Witness files (canaries): two small PDFs Gardien places in each watched folder and checks by hash.

No one has a reason to change them, so a change means something is rewriting files it has no business with. A
program that goes through a folder's files in alphabetical order (the order Windows lists them in) or in reverse
meets one of them before the practice's documents: one name is listed first (it starts with a dot), the other last
(it starts with a full-width tilde, after every letter). Both are hidden: the dot hides the first on Linux and
macOS; Windows gets the hidden attribute, macOS Finder its hidden flag, and the Linux file managers (GNOME Files,
Dolphin, Nemo, Thunar…) read the names to hide from the folder's `.hidden` list, where Gardien adds the second.
Folders placed by an earlier version (one witness each) get their second at the next start of the watch.
"""

from __future__ import annotations

import io
import os
import stat
import sys
from collections.abc import Iterable
from pathlib import Path

from gardien import statefile
from gardien.paths import data_dir
from gardien.veille.detector import CANARY_NAME, CANARY_NAMES, LAST_CANARY_NAME, Canary, file_sha256

NAME = CANARY_NAME
LAST_NAME = LAST_CANARY_NAME
HIDDEN_LIST = ".hidden"  # Linux file managers: one name per line, not shown
FILE = "veille-temoins.json"
MAX_DEPTH = 2  # the watched folders and two levels of sub-folders
MAX_CANARIES = 200


def manifest_path() -> Path:
    return data_dir() / FILE


def _content() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, pageCompression=0)
    page.setTitle("Fichier témoin de Gardien")
    page.setFont("Helvetica", 12)
    lines = ("Fichier témoin de Gardien.", "Ne le modifiez pas, ne le déplacez pas, ne le supprimez pas :",
             "s'il change, Gardien comprend qu'un programme chiffre vos fichiers et donne l'alerte.",
             "Pour retirer ces fichiers : arrêtez la veille de Gardien (« Arrêter la veille »).")
    for number, line in enumerate(lines):
        page.drawString(60, 780 - 20 * number, line)
    page.showPage()
    page.save()
    return buffer.getvalue()


def folders_for(roots: Iterable[str], ignored: Iterable[str] = ()) -> list[str]:
    """The watched folders and their sub-folders down to MAX_DEPTH (hidden folders skipped), at most MAX_CANARIES."""
    ignored = tuple(os.path.abspath(i) for i in ignored)
    chosen: list[str] = []
    for root in roots:
        root = os.path.abspath(root)
        for folder, folders, _files in os.walk(root):
            depth = 0 if folder == root else folder[len(root):].count(os.sep)
            folders[:] = sorted(f for f in folders if not f.startswith(".") and not os.path.join(folder, f).startswith(ignored))
            if depth >= MAX_DEPTH:
                folders[:] = []
            chosen.append(folder)
            if len(chosen) >= MAX_CANARIES:
                return chosen
    return chosen


def _hide(path: Path) -> None:
    """Hide a witness the way the system's file manager understands (a leading dot is enough on Linux and macOS)."""
    if os.name == "nt":  # the dot hides nothing on Windows; the attribute does
        import ctypes

        ctypes.windll.kernel32.SetFileAttributesW(str(path), 0x2)
    elif _listed_hidden(path):
        _hidden_list(path.parent, add=path.name)
    elif not path.name.startswith(".") and hasattr(os, "chflags"):
        try:
            os.chflags(path, stat.UF_HIDDEN)
        except OSError:
            return  # a file system without the flag: the witness only shows


def _listed_hidden(path: Path) -> bool:
    """Linux (and other Unix desktops): a name without a leading dot is hidden by the folder's `.hidden` list."""
    return os.name != "nt" and sys.platform != "darwin" and not path.name.startswith(".")


def _hidden_list(folder: Path, add: str = "", drop: str = "") -> None:
    """Add a name to the folder's `.hidden` list, or take one out (the list is deleted when nothing is left in it);
    the names already there stay."""
    listing = folder / HIDDEN_LIST
    try:
        names = listing.read_text(encoding="utf-8").splitlines() if listing.is_file() else []
    except (OSError, UnicodeDecodeError):
        return  # a list Gardien cannot read is not rewritten: the witness only shows
    if add and add not in names:
        names.append(add)
    elif drop and drop in names:
        names.remove(drop)
    else:
        return
    try:
        if any(n.strip() for n in names):
            listing.write_text("".join(f"{n}\n" for n in names), encoding="utf-8")
        else:
            listing.unlink(missing_ok=True)
    except OSError:
        return


def place(roots: Iterable[str], ignored: Iterable[str] = ()) -> list[Canary]:
    """Put the witness files in each folder (those of Gardien already there are checked and kept) and remember them."""
    content = _content()
    placed: list[Canary] = []
    known = load()
    for folder in folders_for(roots, ignored):
        for name in CANARY_NAMES:
            path = Path(folder) / name
            witness = _place_one(path, content, known.get(str(path)))
            if witness is not None:
                placed.append(witness)
    _save(placed)
    return placed


def _place_one(path: Path, content: bytes, previous: Canary | None) -> Canary | None:
    if previous is not None and path.is_file() and file_sha256(str(path)) == previous.sha256:
        return previous
    if path.exists() and previous is None:
        return None  # a file of that name Gardien did not write: left alone
    try:
        if path.exists() and os.name == "nt":
            import ctypes

            ctypes.windll.kernel32.SetFileAttributesW(str(path), 0x80)  # a hidden file cannot be overwritten
        path.write_bytes(content)
        _hide(path)
        info = path.stat()
    except OSError:
        return None  # a folder Gardien may not write to: watched without a witness
    return Canary(str(path), file_sha256(str(path)) or "", info.st_size, info.st_mtime_ns)


def load() -> dict[str, Canary]:
    raw = statefile.read(manifest_path(), default=lambda: {"temoins": []})
    canaries = {}
    for item in raw.get("temoins", []):
        if isinstance(item, dict) and isinstance(item.get("chemin"), str) and isinstance(item.get("sha256"), str):
            canaries[item["chemin"]] = Canary(item["chemin"], item["sha256"], int(item.get("taille", -1)),
                                              int(item.get("mtime_ns", -1)))
    return canaries


def _save(canaries: list[Canary]) -> None:
    statefile.write(manifest_path(), {"temoins": [
        {"chemin": c.path, "sha256": c.sha256, "taille": c.size, "mtime_ns": c.mtime_ns} for c in canaries]})


def remove() -> int:
    """Delete the witness files Gardien placed (only those still holding what it wrote); returns how many."""
    removed = 0
    for canary in load().values():
        path = Path(canary.path)
        if path.is_file() and file_sha256(str(path)) == canary.sha256:
            try:
                path.unlink()
                removed += 1
            except OSError:
                continue
            if _listed_hidden(path):
                _hidden_list(path.parent, drop=path.name)
    manifest_path().unlink(missing_ok=True)
    return removed
