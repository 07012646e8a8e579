"""Plan what `effacer` will do (count, size, medium), then do it and say what was done.

The plan lists the target's content without following any link and without crossing into another disk; running it
re-checks every file before writing to it (same file as planned, not replaced by a link in the meantime).
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from gardien import fr
from gardien.effacement.garde import Refused, check_target
from gardien.effacement.support import Storage, detect

MAX_ENTRIES = 100_000
CHUNK = 1024 * 1024


class EntryKind(StrEnum):
    FILE = "fichier"
    LINK = "lien"  # removed as a link: what it points to is never touched
    FOLDER = "dossier"


@dataclass(frozen=True)
class Entry:
    path: Path
    kind: EntryKind
    size: int
    identity: tuple[int, int]  # (device, inode) when planned
    links: int = 1  # hard links: a file seen elsewhere under another name is not overwritten, only unlinked here
    modified_ns: int = 0  # a file written again since the plan (or a new file that got the same inode) is not touched


@dataclass(frozen=True)
class Plan:
    target: Path
    entries: tuple[Entry, ...]  # children before their folder: the order in which they are removed
    storage: Storage

    @property
    def files(self) -> list[Entry]:
        return [e for e in self.entries if e.kind is EntryKind.FILE]

    @property
    def size(self) -> int:
        return sum(e.size for e in self.files)

    @property
    def overwrite(self) -> bool:
        """Overwrite before deleting, unless the medium is known not to keep the new data where the old one was."""
        return self.storage.overwrite_reaches_data is not False

    def summary(self) -> str:
        """« 12 fichiers (3,4 Mo), 2 dossiers, 1 lien »."""
        folders = sum(1 for e in self.entries if e.kind is EntryKind.FOLDER)
        links = sum(1 for e in self.entries if e.kind is EntryKind.LINK)
        parts = [f"{fr.plural(len(self.files), 'fichier')} ({fr.size(self.size)})"]
        if folders:
            parts.append(fr.plural(folders, "dossier"))
        if links:
            parts.append(fr.plural(links, "lien"))
        return ", ".join(parts)


@dataclass
class Report:
    dry_run: bool
    overwritten: int = 0
    deleted: int = 0  # files deleted (overwritten or not)
    links: int = 0
    folders: int = 0
    shared_not_overwritten: list[Path] = field(default_factory=list)  # hard-linked: unlinked, not overwritten
    failed: list[tuple[Path, str]] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.failed


def make_plan(given: Path, home: Path | None = None, data: Path | None = None) -> Plan:
    target = check_target(given, home, data)
    top = os.lstat(target)
    entries: list[Entry] = []
    if stat.S_ISREG(top.st_mode):
        entries.append(_entry(target, top))
    elif stat.S_ISDIR(top.st_mode):
        _walk(target, top.st_dev, entries)
        entries.append(Entry(target, EntryKind.FOLDER, 0, (top.st_dev, top.st_ino)))
    else:
        raise Refused(f"{given} n'est ni un fichier ni un dossier (un périphérique ou un fichier spécial du système) : "
                      "Gardien ne l'efface pas.")
    return Plan(target, tuple(entries), detect(target))


def _entry(path: Path, info: os.stat_result) -> Entry:
    return Entry(path, EntryKind.FILE, info.st_size, (info.st_dev, info.st_ino), info.st_nlink, info.st_mtime_ns)


def _walk(folder: Path, device: int, entries: list[Entry]) -> None:
    try:
        children = sorted(os.scandir(folder), key=lambda e: e.name)
    except PermissionError as exc:
        raise Refused(f"Gardien n'a pas le droit d'ouvrir {folder} : rien n'a été effacé.") from exc
    for child in children:
        info = child.stat(follow_symlinks=False)
        path = Path(child.path)
        if stat.S_ISLNK(info.st_mode):
            entries.append(Entry(path, EntryKind.LINK, 0, (info.st_dev, info.st_ino)))
        elif stat.S_ISDIR(info.st_mode):
            if info.st_dev != device or os.path.ismount(path):
                raise Refused(f"{path} est un autre disque (ou une clé) monté dans ce dossier : Gardien ne passe pas "
                              "d'un disque à l'autre. Retirez-le ou indiquez un dossier qui ne le contient pas.")
            _walk(path, device, entries)
            entries.append(Entry(path, EntryKind.FOLDER, 0, (info.st_dev, info.st_ino)))
        elif stat.S_ISREG(info.st_mode):
            entries.append(_entry(path, info))
        else:
            raise Refused(f"{path} est un fichier spécial du système (tube, prise, périphérique) : Gardien s'arrête "
                          "là, rien n'a été effacé.")
        if len(entries) > MAX_ENTRIES:
            raise Refused(f"Ce dossier contient plus de {MAX_ENTRIES} éléments : indiquez des dossiers plus petits.")


def execute(plan: Plan, dry_run: bool = False, progress: Callable[[int, int], None] | None = None) -> Report:
    """Carry out the plan; with `dry_run`, count what would be done and touch nothing. One failure does not stop
    the others: the report lists what could not be done, with the reason."""
    report = Report(dry_run)
    total = len(plan.entries)
    for done, entry in enumerate(plan.entries, start=1):
        try:
            _remove(entry, plan.overwrite, report, dry_run)
        except _Changed:
            report.failed.append((entry.path, "il a changé depuis le début (remplacé ou déplacé) : laissé tel quel"))
        except OSError as exc:
            report.failed.append((entry.path, _reason(exc)))
        if progress:
            progress(done, total)
    return report


class _Changed(Exception):
    pass


def _remove(entry: Entry, overwrite: bool, report: Report, dry_run: bool) -> None:
    if entry.kind is EntryKind.LINK:
        if not dry_run:
            _same(entry)
            os.unlink(entry.path)
        report.links += 1
        return
    if entry.kind is EntryKind.FOLDER:
        if not dry_run:
            _same(entry)
            with os.scandir(entry.path) as left:
                if next(left, None) is not None:  # something stayed or arrived: keep the folder under its name
                    raise OSError(errno.ENOTEMPTY, "non vide")
            _remove_renamed(entry.path, os.rmdir)
        report.folders += 1
        return
    shared = entry.links > 1
    if not dry_run:
        _same(entry, content=True)
    if overwrite and not shared:
        if not dry_run:
            _overwrite(entry)
        report.overwritten += 1
    elif overwrite and shared:
        report.shared_not_overwritten.append(entry.path)
    if not dry_run:
        _same(entry)  # its content is Gardien's own random bytes now: only its identity is checked
        _remove_renamed(entry.path, os.unlink)
    report.deleted += 1


def _same(entry: Entry, content: bool = False) -> None:
    """Raise _Changed unless the path still holds what was planned (same kind, same inode; same content date)."""
    info = os.lstat(entry.path)
    kind_ok = {EntryKind.LINK: stat.S_ISLNK, EntryKind.FOLDER: stat.S_ISDIR, EntryKind.FILE: stat.S_ISREG}[entry.kind]
    if (info.st_dev, info.st_ino) != entry.identity or not kind_ok(info.st_mode):
        raise _Changed
    if content and info.st_mtime_ns != entry.modified_ns:
        raise _Changed


def _overwrite(entry: Entry) -> None:
    """Random bytes over the whole length of the file, pushed to the disk, without following a link."""
    flags = os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(entry.path, flags)
    except PermissionError:
        os.chmod(entry.path, stat.S_IMODE(os.lstat(entry.path).st_mode) | stat.S_IWUSR)  # a read-only file of hers
        descriptor = os.open(entry.path, flags)
    try:
        info = os.fstat(descriptor)
        if (info.st_dev, info.st_ino) != entry.identity or not stat.S_ISREG(info.st_mode) or info.st_mtime_ns != entry.modified_ns:
            raise _Changed
        left = info.st_size
        while left > 0:
            written = os.write(descriptor, secrets.token_bytes(min(CHUNK, left)))
            left -= written
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _remove_renamed(path: Path, remove: Callable[[Path], None]) -> None:
    """Rename, then remove: the name (often a patient's) does not stay in the folder's records. If the removal
    fails, the old name comes back, so that nothing is left under a name she would not recognise."""
    other = path.with_name(secrets.token_hex(8))
    if os.path.lexists(other):
        other = path
    else:
        os.rename(path, other)
    try:
        remove(other)
    except OSError:
        if other != path:
            os.rename(other, path)
        raise


def _reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "accès refusé (fichier ouvert dans un logiciel, ou qui appartient à un autre compte)"
    if isinstance(exc, FileNotFoundError):
        return "il a disparu entre-temps"
    if exc.errno == errno.ENOTEMPTY or getattr(exc, "winerror", None) == 145:
        return "le dossier n'est pas vide (un fichier y a été ajouté entre-temps)"
    return f"erreur du système ({exc.strerror or exc})"
