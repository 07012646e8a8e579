"""Witness files (canaries): a small PDF Gardien places in each watched folder and checks by hash.

No one has a reason to change them, so a change means something is rewriting files it has no business with. Their
name starts with a dot: hidden on Linux and macOS (and marked hidden on Windows), and listed first in a folder, where a
program that goes through the files in alphabetical order meets it before the practice's documents.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable
from pathlib import Path

from gardien import statefile
from gardien.paths import data_dir
from gardien.veille.detector import CANARY_NAME, Canary, file_sha256

NAME = CANARY_NAME
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
    if os.name == "nt":  # the dot hides it elsewhere; Windows needs the attribute
        import ctypes

        ctypes.windll.kernel32.SetFileAttributesW(str(path), 0x2)


def place(roots: Iterable[str], ignored: Iterable[str] = ()) -> list[Canary]:
    """Put a witness file in each folder (an existing one of Gardien's is checked and kept) and remember them."""
    content = _content()
    placed: list[Canary] = []
    known = load()
    for folder in folders_for(roots, ignored):
        path = Path(folder) / NAME
        previous = known.get(str(path))
        if previous is not None and path.is_file() and file_sha256(str(path)) == previous.sha256:
            placed.append(previous)
            continue
        if path.exists() and previous is None:
            continue  # a file of that name Gardien did not write: left alone
        try:
            if path.exists() and os.name == "nt":
                import ctypes

                ctypes.windll.kernel32.SetFileAttributesW(str(path), 0x80)  # a hidden file cannot be overwritten
            path.write_bytes(content)
            _hide(path)
            info = path.stat()
        except OSError:
            continue  # a folder Gardien may not write to: watched without a witness
        placed.append(Canary(str(path), file_sha256(str(path)) or "", info.st_size, info.st_mtime_ns))
    _save(placed)
    return placed


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
    manifest_path().unlink(missing_ok=True)
    return removed
