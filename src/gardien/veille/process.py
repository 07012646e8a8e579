"""Which program is rewriting the files, where the system lets a user-level program see it (psutil).

Two clues: the programs that have files open in the watched folders (looked at first, at once), and those that wrote
the most in 0.3 s (1.2 s when that showed no one surely at work). Only the person's own programs can be seen without
administrator rights (and on macOS, without them, no program's disk writes can be measured): the report says when
nothing could be seen.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass

SAMPLE_S = 0.3  # long enough to see a program that encrypts many files a second, short enough to pause it early
LONG_SAMPLE_S = 1.2  # for one that encrypts a file now and then
MAX_SUSPECTS = 3
MAX_PROCESSES = 2000
SURE_CLOSENESS = 0.5  # its writes are at least half (and at most twice) what the watcher saw written in the folders
# Programs whose pause would freeze the desktop or the system: named, never paused.
NEVER_PAUSED = frozenset(name.lower() for name in (
    "systemd", "init", "launchd", "loginwindow", "Finder", "Dock", "WindowServer", "explorer.exe", "dwm.exe",
    "winlogon.exe", "csrss.exe", "lsass.exe", "services.exe", "svchost.exe", "gnome-shell", "plasmashell", "kwin_x11",
    "kwin_wayland", "Xorg", "Xwayland", "dbus-daemon", "dbus-broker", "pipewire", "sshd",
))


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

    def sure(self, seen: int) -> bool:
        """Seen at work in the folders: a file open there, or writes matching what the watcher saw written."""
        return self.open_in_folders or _closeness(self.written, seen) >= SURE_CLOSENESS


def _inside(path: str, roots: tuple[str, ...]) -> bool:
    return any(path == r or path.startswith(r + os.sep) for r in roots)


def suspects(roots: tuple[str, ...], sample_s: float = SAMPLE_S, observed: Callable[[], int] | None = None) -> Sample:
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
    started = time.monotonic()
    # At once: a program holding a file open in the folders; then writes measured over a short, then a longer time.
    for window in (0.0, sample_s, LONG_SAMPLE_S):
        time.sleep(max(0.0, window - (time.monotonic() - started)))
        sample = _measure(before, roots, (observed() - seen_before) if observed else 0)
        if any(s.sure(sample.seen) for s in sample.found):
            break
    return sample


def _measure(before: dict, roots: tuple[str, ...], seen: int) -> Sample:
    import psutil

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
    return Sample(tuple(found[:MAX_SUSPECTS]), seen)


@dataclass(frozen=True)
class Sample:
    """The suspects, most likely first, and the bytes the watcher saw written in the folders meanwhile."""

    found: tuple[Suspect, ...]
    seen: int


def pause(sample: Sample) -> list[Suspect]:
    """Suspend (never kill: it can be resumed, nothing in its memory is lost) the suspects seen at work in the folders,
    except the system's and the desktop's own programs and Gardien. Returns those paused."""
    import psutil

    paused = []
    for suspect in sample.found:
        if not suspect.sure(sample.seen) or suspect.pid in _protected_pids() or suspect.name.lower() in NEVER_PAUSED:
            continue
        try:
            psutil.Process(suspect.pid).suspend()
        except psutil.Error:
            continue
        paused.append(suspect)
    return paused


def resume(pids: list[int]) -> list[int]:
    """Resume programs Gardien paused; returns those resumed (those gone are skipped)."""
    import psutil

    resumed = []
    for pid in pids:
        try:
            psutil.Process(pid).resume()
        except psutil.Error:
            continue
        resumed.append(pid)
    return resumed


def _protected_pids() -> set[int]:
    """This process, its parents (the session, the service manager) and process 1."""
    import psutil

    protected = {1, os.getpid()}
    try:
        protected.update(p.pid for p in psutil.Process().parents())
    except psutil.Error:
        pass
    return protected


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


def describe_paused(paused: list[Suspect]) -> str:
    if not paused:
        return ""
    return ("Mis en pause par Gardien (pas arrêté : rien de ce qu'il avait en mémoire n'est perdu) : "
            + " ; ".join(s.describe() for s in paused) + ". Ne le relancez pas vous-même : la personne qui vous aide "
            "décidera. Redémarrer l'ordinateur l'arrêterait, ce qu'il ne faut pas faire avant son avis.")


def describe(sample: Sample) -> str:
    found = sample.found
    if not found:
        return ("Gardien n'a pas pu voir quel programme modifie les fichiers (le système ne le montre pas à un "
                "programme sans droits d'administrateur, ou il s'est déjà arrêté).")
    holding = [s for s in found if s.open_in_folders]
    if holding:
        return "Programme suspect : " + " ; puis ".join(s.describe() for s in holding) + "."
    matching = [s for s in found if s.sure(sample.seen)]
    if matching:
        return ("Programme suspect (il a écrit à peu près autant que ce que Gardien a vu changer dans vos dossiers) : "
                + " ; puis ".join(s.describe() for s in matching) + ".")
    return ("Aucun programme n'avait de fichier ouvert dans vos dossiers à ce moment. Programmes qui écrivaient le plus "
            "sur le disque (pas forcément coupables) : " + " ; ".join(s.describe() for s in found) + ".")
