"""Which program is rewriting the files, where the system lets a user-level program see it (psutil).

Two clues, gathered in about a second: the programs that have files open in the watched folders, and those that
wrote the most in that second. Only the person's own programs can be seen without administrator rights (and on
macOS, without them, no program's disk writes can be measured): the report says when nothing could be seen.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass

SAMPLE_S = 1.0
MAX_SUSPECTS = 3
MAX_PROCESSES = 2000


@dataclass(frozen=True)
class Suspect:
    pid: int
    name: str
    exe: str
    written: int  # bytes written during the sample (-1: not measurable here)
    open_in_folders: bool

    def describe(self) -> str:
        where = f", programme {self.exe}" if self.exe else ""
        activity = " ; il a des fichiers ouverts dans vos dossiers" if self.open_in_folders else ""
        return f"« {self.name} » (processus n° {self.pid}{where}){activity}"

    def to_dict(self) -> dict:
        return {"pid": self.pid, "nom": self.name, "programme": self.exe, "octets_ecrits": self.written,
                "fichiers_ouverts_dans_les_dossiers": self.open_in_folders}


def _inside(path: str, roots: tuple[str, ...]) -> bool:
    return any(path == r or path.startswith(r + os.sep) for r in roots)


def suspects(roots: tuple[str, ...], sample_s: float = SAMPLE_S, observed: Callable[[], int] | None = None) -> list[Suspect]:
    """The most likely culprits, most likely first (may be empty). `observed` counts the bytes the watcher saw written
    in the folders: the program whose writes during the sample come closest to it is the likeliest."""
    import psutil

    roots = tuple(os.path.abspath(r) for r in roots)
    me = {os.getpid()}
    try:
        user = psutil.Process().username()
    except psutil.Error:
        user = None
    before: dict[int, tuple[psutil.Process, int]] = {}
    for process in list(psutil.process_iter(["pid", "username", "exe"]))[:MAX_PROCESSES]:
        if process.pid in me or (user is not None and process.info.get("username") != user):
            continue
        if not process.info.get("exe"):  # kernel threads (the disk's own writers) and what cannot be seen
            continue
        try:
            counters = process.io_counters() if hasattr(process, "io_counters") else None
        except psutil.Error:
            counters = None
        before[process.pid] = (process, _written(counters))
    seen_before = observed() if observed else 0
    time.sleep(sample_s)
    seen = (observed() - seen_before) if observed else 0
    found: list[Suspect] = []
    for pid, (process, written_before) in before.items():
        try:
            with process.oneshot():
                written = -1
                if written_before >= 0:
                    written = _written(process.io_counters()) - written_before
                try:
                    opened = any(_inside(f.path, roots) for f in process.open_files())
                except psutil.Error:
                    opened = False
                if not opened and written <= 0:
                    continue
                found.append(Suspect(pid, process.name(), _exe(process), written, opened))
        except psutil.Error:
            continue
    found.sort(key=lambda s: (not s.open_in_folders, -_closeness(s.written, seen), -s.written))
    return found[:MAX_SUSPECTS]


def _closeness(written: int, seen: int) -> float:
    """1 when a program wrote as much as the watcher saw written in the folders, towards 0 when far from it."""
    if seen <= 0 or written <= 0:
        return 0.0
    return min(written, seen) / max(written, seen)


def _written(counters) -> int:
    """Bytes written so far; on Linux the characters handed to write() (write_bytes only counts what reached the disk,
    which a file still in the page cache or on a memory file system has not)."""
    if counters is None:
        return -1
    return getattr(counters, "write_chars", None) or counters.write_bytes


def _exe(process) -> str:
    import psutil

    try:
        return process.exe()
    except psutil.Error:
        return ""


def describe(found: list[Suspect]) -> str:
    if not found:
        return ("Gardien n'a pas pu voir quel programme modifie les fichiers (le système ne le montre pas à un "
                "programme sans droits d'administrateur, ou il s'est déjà arrêté).")
    holding = [s for s in found if s.open_in_folders]
    if holding:
        return "Programme suspect : " + " ; puis ".join(s.describe() for s in holding) + "."
    return ("Aucun programme n'avait de fichier ouvert dans vos dossiers à ce moment. Programmes qui écrivaient le plus "
            "sur le disque (pas forcément coupables) : " + " ; ".join(s.describe() for s in found) + ".")
