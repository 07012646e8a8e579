"""The tripwire's decision: a state machine fed with file events, that says when what happens looks like encryption.

What counts is the loss of a document, never a new file on its own: a backup, an archive, a GPG-encrypted copy or
photos from a phone add files and leave the originals readable. A document is lost when
- it is rewritten in place with random-looking bytes (its format signature, its text are gone),
- it is renamed and its content is random-looking,
- it disappears while a random-looking file named after it appears in the same folder, or one of about its size
  under a name no program uses for its own data (Locky's random names).
Each lost document is one point; a known ransomware extension adds one; a ransom note adds two (at most two in all);
a witness file (canary) rewritten or renamed raises the alarm at once, one that disappears counts two. Every event in a
folder also checks that folder's witnesses (a size and date compared): the witness's own event may come later, or never
when the queue overflowed. The alarm goes off at THRESHOLD points within WINDOW_S seconds: slow families, that
encrypt a file a minute to stay unnoticed, are caught after as many files as fast ones.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from pathlib import PurePath

from gardien.veille import signals
from gardien.veille.signals import Kind, Signature

THRESHOLD = 3
WINDOW_S = 24 * 3600
PAIR_WINDOW_S = 120.0  # a deleted document and its encrypted copy appear within this delay
PAIR_SIZE_SLACK = 65536  # an encrypted copy is the original's size plus a header or footer (key, nonce, tag)
MAX_INDEX = 500_000  # files remembered; beyond, new files are watched by extension only
MAX_NOTE_POINTS = 2
MAX_EVIDENCE = 200
# The witness files' names (canary.py places both in each folder): one listed first (a leading dot comes before
# letters and digits), one listed last (a full-width tilde, U+FF5E, comes after every Latin letter, accented or not).
CANARY_NAME = ".gardien-temoin.pdf"
LAST_CANARY_NAME = "\uff5egardien-temoin.pdf"
CANARY_NAMES = (CANARY_NAME, LAST_CANARY_NAME)
SIGNS = "Signes de rançongiciel : "  # how an alert's summary begins
SEEN_FILES = 5  # the files named in seen(): enough to recognise them, short enough to read at a glance


class EventKind(StrEnum):
    CREATED = "cree"
    MODIFIED = "modifie"
    CLOSED = "ferme"
    MOVED = "renomme"
    DELETED = "supprime"


@dataclass(frozen=True)
class FileEvent:
    kind: EventKind
    path: str
    dest: str = ""  # for MOVED
    at: float | None = None  # seconds since the epoch; None: now


class Clue(StrEnum):
    """One piece of evidence."""

    ENCRYPTED_IN_PLACE = "chiffre_sur_place"
    RENAMED_ENCRYPTED = "renomme_chiffre"
    REPLACED = "remplace_par_copie_chiffree"
    RANSOM_EXTENSION = "extension_rancongiciel"
    RANSOM_NOTE = "note_de_rancon"
    CANARY_CHANGED = "temoin_modifie"
    CANARY_GONE = "temoin_disparu"


CLUE_POINTS = {
    Clue.ENCRYPTED_IN_PLACE: 1, Clue.RENAMED_ENCRYPTED: 1, Clue.REPLACED: 1, Clue.RANSOM_EXTENSION: 1,
    Clue.RANSOM_NOTE: 2, Clue.CANARY_CHANGED: THRESHOLD, Clue.CANARY_GONE: 2,
}
CLUE_LABEL = {
    Clue.ENCRYPTED_IN_PLACE: "document réécrit avec un contenu illisible (chiffré)",
    Clue.RENAMED_ENCRYPTED: "document renommé, au contenu devenu illisible",
    Clue.REPLACED: "document effacé et remplacé par une copie illisible",
    Clue.RANSOM_EXTENSION: "extension utilisée par un rançongiciel connu",
    Clue.RANSOM_NOTE: "message de rançon déposé",
    Clue.CANARY_CHANGED: "fichier témoin de Gardien modifié ou renommé",
    Clue.CANARY_GONE: "fichier témoin de Gardien disparu",
}
LOST_CLUES = frozenset({Clue.ENCRYPTED_IN_PLACE, Clue.RENAMED_ENCRYPTED, Clue.REPLACED})


@dataclass(frozen=True)
class Evidence:
    clue: Clue
    path: str
    at: float

    @property
    def points(self) -> int:
        return CLUE_POINTS[self.clue]

    def to_dict(self) -> dict:
        return {"indice": self.clue.value, "fichier": self.path, "a": self.at}


@dataclass(frozen=True)
class Alert:
    at: float
    points: int
    evidence: tuple[Evidence, ...]
    # followed after the alarm (Detector.followed): when the evidence was last counted, and the documents lost at the
    # alarm; None and 0 for the alert as it went off
    counted_at: float | None = None
    lost_at_alarm: int = 0

    @property
    def lost_files(self) -> tuple[str, ...]:
        """The documents seen lost when the alarm went off."""
        return tuple(dict.fromkeys(e.path for e in self.evidence if e.clue in LOST_CLUES))

    @property
    def canary(self) -> bool:
        return any(e.clue in (Clue.CANARY_CHANGED, Clue.CANARY_GONE) for e in self.evidence)

    def summary(self) -> str:
        """One French sentence for the notification and the journal. The alarm goes off as soon as the first documents
        are lost, while the attack goes on: the count is « au moins » (walkthrough, round 11: 30 replaced, « 2 » said),
        and once followed after the alarm it says until when, and how many there were at the alarm (round 12)."""
        lost = len(self.lost_files)
        parts = []
        if lost:
            parts.append(f"au moins {lost} document{'s' if lost > 1 else ''} chiffré{'s' if lost > 1 else ''} ou "
                         f"remplacé{'s' if lost > 1 else ''} ({self._counted()})")
        clues = {e.clue for e in self.evidence}
        for clue in (Clue.CANARY_CHANGED, Clue.CANARY_GONE, Clue.RANSOM_NOTE, Clue.RANSOM_EXTENSION):
            if clue in clues:
                parts.append(CLUE_LABEL[clue])
        return SIGNS + " ; ".join(parts) + "."

    def _counted(self) -> str:
        if self.counted_at is None:
            return "l'alerte est donnée dès les premiers"
        when = datetime.fromtimestamp(self.counted_at).astimezone()
        return f"vus jusqu'à {when.hour}h{when.minute:02d} ; {self.lost_at_alarm} au moment de l'alerte"

    def to_dict(self) -> dict:
        return {"a": self.at, "points": self.points, "indices": [e.to_dict() for e in self.evidence]}


def seen(at: datetime | str, summary: str, files: Iterable[str] = ()) -> str:
    """What the watch saw, one way for `gardien veille etat`, `gardien urgence` and the emergency page (walkthrough,
    round 17: after an alert the page said « Mode urgence ouvert » and no word of why, so a real alert could not be
    told from a false one). `summary`: an alert's summary(); `files`: its evidence's files, first seen first."""
    from gardien import fr

    named = [f for f in dict.fromkeys(files) if PurePath(f).name not in CANARY_NAMES]
    folders = list(dict.fromkeys(PurePath(f).parent.name or str(PurePath(f).parent) for f in dict.fromkeys(files)))
    where = ""
    if folders:
        shown = [f"« {name} »" for name in folders[:3]]
        where = " dans " + fr.listed(shown if len(folders) <= 3 else [*shown, fr.plural(len(folders) - 3, "autre dossier",
                                                                                          "autres dossiers")])
    text = f"La veille de Gardien a donné l'alerte le {fr.day_and_time(at)}{where} : {summary.removeprefix(SIGNS)}"
    if named:
        more = len(named) - SEEN_FILES
        text += (" Fichiers touchés : " + ", ".join(PurePath(f).name for f in named[:SEEN_FILES])
                 + (f" (et {fr.plural(more, 'autre')})" if more > 0 else "") + ".")
    return text


@dataclass
class _Entry:
    size: int = -1
    signature: Signature | None = None  # the last readable content seen; None: never read
    new: bool = False  # appeared while watching (no assumption about what it held before)
    counted: bool = False  # already counted as lost
    ransom_extension: bool = False
    inspected: tuple[int, int] = (-1, -1)  # (size, modification time) when its content was last read


@dataclass
class _Loose:
    """A deleted document waiting for its encrypted copy, or a random-looking newcomer waiting for its original."""

    folder: str
    name: str
    size: int
    at: float
    path: str


@dataclass
class Canary:
    path: str
    sha256: str
    size: int = -1
    mtime_ns: int = -1
    gone: bool = False


def file_sha256(path: str) -> str | None:
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


@dataclass
class Detector:
    """Feed it with `observe(event)` and call `check_canaries()` now and then; `alert` is set once, then stays."""

    roots: tuple[str, ...]
    canaries: dict[str, Canary] = field(default_factory=dict)
    ignored: tuple[str, ...] = ()  # folders whose events are not ours to judge (Gardien's own data folder)
    threshold: int = THRESHOLD
    window_s: float = WINDOW_S
    sample: Callable[[str], tuple[bytes, int] | None] = signals.read_sample
    clock: Callable[[], float] = time.time
    evidence: list[Evidence] = field(default_factory=list)
    alert: Alert | None = None
    bytes_seen: int = 0  # sizes of the files seen written: matched against programs' writes to name the culprit

    def __post_init__(self) -> None:
        self.roots = tuple(os.path.abspath(r) for r in self.roots)
        self.ignored = tuple(os.path.abspath(r) for r in self.ignored)
        self._index: dict[str, _Entry] = {}
        self._orphans: list[_Loose] = []
        self._newcomers: list[_Loose] = []
        self._notes: set[str] = set()
        signals.prepare()

    # --- set-up ---------------------------------------------------------------------------------------------

    def prime(self, limit: int = MAX_INDEX) -> int:
        """Remember the size of every file under the roots (no content is read); returns how many."""
        for root in self.roots:
            for folder, folders, files in os.walk(root):
                folders[:] = [f for f in folders if not self._is_ignored(os.path.join(folder, f))]
                for name in files:
                    if len(self._index) >= limit:
                        return len(self._index)
                    path = os.path.join(folder, name)
                    try:
                        self._index[path] = _Entry(size=os.lstat(path).st_size)
                    except OSError:
                        continue
        return len(self._index)

    def add_canaries(self, canaries: Iterable[Canary]) -> None:
        for canary in canaries:
            self.canaries[os.path.abspath(canary.path)] = canary

    def _folder_canaries(self, path: str) -> list[Canary]:
        """The witness files beside `path` (not itself)."""
        if not path:
            return []
        folder = os.path.dirname(path)
        found = (self.canaries.get(os.path.join(folder, name)) for name in CANARY_NAMES)
        return [c for c in found if c is not None and c.path != path]

    # --- events ---------------------------------------------------------------------------------------------

    def observe(self, event: FileEvent) -> Alert | None:
        at = self.clock() if event.at is None else event.at
        path = os.path.abspath(event.path)
        if event.kind is EventKind.MOVED:
            dest = os.path.abspath(event.dest) if event.dest else ""
            if not dest or not self._inside(dest):
                self._deleted(path, at)
            elif self._is_ignored(path) and self._is_ignored(dest):
                return self.alert
            else:
                self._moved(path, dest, at)
        elif self._is_ignored(path):
            return self.alert
        elif event.kind is EventKind.DELETED:
            self._deleted(path, at)
        else:
            self._written(path, at, created=event.kind is EventKind.CREATED)
        for touched in {path, event.dest}:
            for canary in self._folder_canaries(os.path.abspath(touched) if touched else ""):
                self._check_canary(canary, at)
        return self._decide(at)

    def check_canaries(self, at: float | None = None) -> Alert | None:
        """Compare every witness file with what Gardien wrote (OS event queues overflow under a burst: this does not)."""
        at = self.clock() if at is None else at
        for canary in list(self.canaries.values()):
            self._check_canary(canary, at)
        return self._decide(at)

    def points(self, at: float | None = None) -> int:
        at = self.clock() if at is None else at
        recent = [e for e in self.evidence if e.at >= at - self.window_s]
        notes = min(MAX_NOTE_POINTS, sum(e.points for e in recent if e.clue is Clue.RANSOM_NOTE))
        return notes + sum(e.points for e in recent if e.clue is not Clue.RANSOM_NOTE)

    # --- what each event means ------------------------------------------------------------------------------

    def _written(self, path: str, at: float, created: bool) -> None:
        if path in self.canaries:
            self._check_canary(self.canaries[path], at)
            return
        entry = self._index.get(path)
        if entry is None:
            entry = _Entry(new=created)
            if len(self._index) < MAX_INDEX:
                self._index[path] = entry
        self._inspect(path, entry, at, Clue.ENCRYPTED_IN_PLACE)

    def _moved(self, source: str, dest: str, at: float) -> None:
        if source in self.canaries:
            canary = self.canaries.pop(source)
            if os.path.basename(source) == os.path.basename(dest):  # its folder was renamed or moved: follow it
                canary.path = dest
                self.canaries[dest] = canary
            else:
                self._add(Clue.CANARY_CHANGED, source, at)
            return
        if dest in self.canaries:
            self._check_canary(self.canaries[dest], at)
            return
        entry = self._index.pop(source, None) or _Entry(new=self._is_ignored(source))
        for newcomer in self._newcomers:
            if newcomer.path == source:
                newcomer.path, newcomer.name = dest, os.path.basename(dest)
        if len(self._index) < MAX_INDEX:
            self._index[dest] = entry
        if (signals.ransomware_extension(dest) and signals.extension(dest) != signals.extension(source)
                and not entry.ransom_extension):
            entry.ransom_extension = True
            self._add(Clue.RANSOM_EXTENSION, dest, at)
        self._inspect(dest, entry, at, Clue.RENAMED_ENCRYPTED, prior_path=source)

    def _deleted(self, path: str, at: float) -> None:
        if path in self.canaries:  # gone for good or replaced: the pairing and the periodic check tell
            self._orphans.append(_Loose(os.path.dirname(path), os.path.basename(path), self.canaries[path].size, at, path))
            self._pair(at)
            self._check_canary(self.canaries[path], at)
            return
        entry = self._index.pop(path, None)
        if entry is None or entry.counted:
            return
        if self._was_intact(path, entry):
            self._orphans.append(_Loose(os.path.dirname(path), os.path.basename(path), entry.size, at, path))
            self._pair(at)

    def _inspect(self, path: str, entry: _Entry, at: float, clue: Clue, prior_path: str = "") -> None:
        try:
            info = os.stat(path)
            stamp = (info.st_size, info.st_mtime_ns)
        except OSError:
            stamp = (-1, -1)
        known = stamp != (-1, -1) and stamp == entry.inspected  # the same content read a moment ago
        if known and not prior_path:
            return  # a burst of events for one write
        sample = self.sample(path)
        if sample is None:
            return
        entry.inspected = stamp
        head, size = sample
        if not known:  # new content (a rename of content already seen writes nothing)
            self.bytes_seen += size
        signature = signals.classify(head)
        if entry.new and signals.ransom_note_name(path, size) and path not in self._notes:
            self._notes.add(path)
            self._add(Clue.RANSOM_NOTE, path, at)
        if signature.kind is Kind.EMPTY:  # truncated before being rewritten: remember what it held
            return
        lost = unreadable(signature, prior_path or path)
        if lost and not entry.counted and self._was_intact(prior_path or path, entry):
            entry.counted = True
            self._add(clue, path, at)
        elif signature.kind is Kind.OPAQUE and entry.new and not entry.counted:
            if not any(n.path == path for n in self._newcomers):
                self._newcomers.append(_Loose(os.path.dirname(path), os.path.basename(path), size, at, path))
                self._pair(at)
        if signature.kind.intact:
            entry.counted = False
        entry.signature, entry.size = signature, size

    def _was_intact(self, path: str, entry: _Entry) -> bool:
        """Did this file hold readable content before? What Gardien saw, else what its extension promises."""
        if entry.signature is not None:
            return entry.signature.kind.intact
        return not entry.new and signals.is_document(path)

    def _pair(self, at: float) -> None:
        """Match each deleted document with a random-looking newcomer of the same folder: named after it, or of
        about its size. Each side is used once."""
        self._orphans = [o for o in self._orphans if at - o.at <= PAIR_WINDOW_S]
        self._newcomers = [n for n in self._newcomers if at - n.at <= PAIR_WINDOW_S]
        for orphan in list(self._orphans):
            match = next((n for n in self._newcomers if _replaces(orphan, n)), None)
            if match is None:
                continue
            self._orphans.remove(orphan)
            self._newcomers.remove(match)
            entry = self._index.get(match.path)
            if entry is not None:
                entry.counted = True
            if orphan.path in self.canaries:
                self._add(Clue.CANARY_CHANGED, orphan.path, at)
            else:
                self._add(Clue.REPLACED, orphan.path, at)
            if signals.ransomware_extension(match.path) and signals.extension(match.path) != signals.extension(orphan.path):
                self._add(Clue.RANSOM_EXTENSION, match.path, at)

    def _check_canary(self, canary: Canary, at: float) -> None:
        try:
            info = os.stat(canary.path)
        except OSError:
            if not os.path.isdir(os.path.dirname(canary.path)):  # the whole folder was deleted: not an attack sign
                canary.gone = True
            elif not canary.gone:
                canary.gone = True
                self._add(Clue.CANARY_GONE, canary.path, at)
            return
        if canary.gone:  # put back (by Gardien): watched again
            canary.gone = False
        if (info.st_size, info.st_mtime_ns) == (canary.size, canary.mtime_ns):
            return
        digest = file_sha256(canary.path)
        if digest is None:
            return
        if digest != canary.sha256:
            self._add(Clue.CANARY_CHANGED, canary.path, at)
        else:
            canary.size, canary.mtime_ns = info.st_size, info.st_mtime_ns

    def _add(self, clue: Clue, path: str, at: float) -> None:
        if len(self.evidence) < MAX_EVIDENCE:
            self.evidence.append(Evidence(clue, path, at))

    def followed(self, at: float | None = None) -> Alert | None:
        """The alert with what was seen since it went off (the attack goes on after the alarm): None before it."""
        if self.alert is None:
            return None
        return replace(self.alert, evidence=tuple(self.evidence), counted_at=self.clock() if at is None else at,
                       lost_at_alarm=len(self.alert.lost_files))

    def _decide(self, at: float) -> Alert | None:
        if self.alert is None:
            points = self.points(at)
            if points >= self.threshold:
                self.alert = Alert(at, points, tuple(self.evidence))
        return self.alert

    def _inside(self, path: str) -> bool:
        return any(path == root or path.startswith(root + os.sep) for root in self.roots)

    def _is_ignored(self, path: str) -> bool:
        return any(path == folder or path.startswith(folder + os.sep) for folder in self.ignored)


def unreadable(signature: Signature, path: str) -> bool:
    """The content is what encryption leaves: random-looking, or an encrypted container under a name no user tool gives
    one (a document's name). The watch's test and the one before a backup (`at_rest`)."""
    return signature.kind is Kind.OPAQUE or (
        signature.kind is Kind.SEALED and signals.extension(path) not in signals.CONTAINER_EXTENSIONS)


@dataclass(frozen=True)
class AtRest:
    """What the files changed since a moment look like now, without having seen them change (before a backup)."""

    evidence: tuple[Evidence, ...]
    read: int  # files whose first bytes were read

    @property
    def points(self) -> int:
        notes = min(MAX_NOTE_POINTS, sum(e.points for e in self.evidence if e.clue is Clue.RANSOM_NOTE))
        return notes + sum(e.points for e in self.evidence if e.clue is not Clue.RANSOM_NOTE)

    @property
    def alarming(self) -> bool:
        """As many points as make the watch's alarm go off (THRESHOLD)."""
        return self.points >= THRESHOLD

    @property
    def lost_files(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.path for e in self.evidence if e.clue in LOST_CLUES))


MAX_AT_REST = 20_000  # files read before a backup: the most recently changed first


def at_rest(roots: Iterable[str], since: float | None = None,
            sample: Callable[[str], tuple[bytes, int] | None] = signals.read_sample) -> AtRest:
    """The watch's test on files as they are: every file under `roots` changed (written or renamed) since `since`
    (all when None) whose name says it is a document — or carries a ransomware extension after one (« bilan.txt.locked »)
    — and whose content is unreadable (`unreadable`) is a lost document, one point, and one more for the ransomware
    extension; a ransom note counts two. Without the history the watch has, a document that was always unreadable
    cannot be told from one just encrypted: hence the watch's threshold, not one file."""
    changed: list[tuple[float, str]] = []
    for root in roots:
        for folder, _folders, files in os.walk(root):
            for name in files:
                if name in CANARY_NAMES:
                    continue
                path = os.path.join(folder, name)
                try:
                    info = os.lstat(path)
                except OSError:
                    continue
                moment = max(info.st_mtime, info.st_ctime)
                if since is None or moment >= since:
                    changed.append((moment, path))
    changed.sort(reverse=True)
    evidence, read = [], 0
    for moment, path in changed[:MAX_AT_REST]:
        ransom_extension = signals.ransomware_extension(path)
        before = PurePath(path).stem if ransom_extension else path
        note = signals.ransom_note_name(path)
        if not (signals.is_document(before) or ransom_extension or note):
            continue
        got = sample(path)
        if got is None:
            continue
        read += 1
        head, size = got
        if note and signals.ransom_note_name(path, size):
            evidence.append(Evidence(Clue.RANSOM_NOTE, path, moment))
            continue
        if unreadable(signals.classify(head), before):
            evidence.append(Evidence(Clue.ENCRYPTED_IN_PLACE, path, moment))
            if ransom_extension:
                evidence.append(Evidence(Clue.RANSOM_EXTENSION, path, moment))
    return AtRest(tuple(evidence[:MAX_EVIDENCE]), read)


def _replaces(orphan: _Loose, newcomer: _Loose) -> bool:
    if orphan.folder != newcomer.folder:
        return False
    if newcomer.name.startswith(orphan.name) or PurePath(newcomer.name).stem == PurePath(orphan.name).stem:
        return True
    if signals.extension(newcomer.name) in signals.COMMON_EXTENSIONS:  # a program's own data file
        return False
    return orphan.size > 0 and orphan.size <= newcomer.size <= orphan.size + PAIR_SIZE_SLACK + orphan.size // 50
