"""Which program is rewriting the files, where the system lets a user-level program see it (psutil).

Two clues, gathered in about a second: the programs that have files open in the watched folders, and those that
wrote the most in that second. Only the person's own programs can be seen without administrator rights (and on
macOS, without them, no program's disk writes can be measured): the report says when nothing could be seen.
"""

from __future__ import annotations

import os
import time
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


def suspects(roots: tuple[str, ...], sample_s: float = SAMPLE_S) -> list[Suspect]:
    """The most likely culprits, most likely first (may be empty)."""
    import psutil

    roots = tuple(os.path.abspath(r) for r in roots)
    me = {os.getpid()}
    try:
        user = psutil.Process().username()
    except psutil.Error:
        user = None
    before: dict[int, tuple[psutil.Process, int]] = {}
    for process in list(psutil.process_iter(["pid", "username"]))[:MAX_PROCESSES]:
        if process.pid in me or (user is not None and process.info.get("username") != user):
            continue
        try:
            counters = process.io_counters() if hasattr(process, "io_counters") else None
        except psutil.Error:
            counters = None
        before[process.pid] = (process, counters.write_bytes if counters else -1)
    time.sleep(sample_s)
    found: list[Suspect] = []
    for pid, (process, written_before) in before.items():
        try:
            with process.oneshot():
                written = -1
                if written_before >= 0:
                    written = process.io_counters().write_bytes - written_before
                try:
                    opened = any(_inside(f.path, roots) for f in process.open_files())
                except psutil.Error:
                    opened = False
                if not opened and written <= 0:
                    continue
                found.append(Suspect(pid, process.name(), _exe(process), written, opened))
        except psutil.Error:
            continue
    found.sort(key=lambda s: (not s.open_in_folders, -s.written))
    return found[:MAX_SUSPECTS]


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
