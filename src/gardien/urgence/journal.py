"""The incident journal: what happened and what was done, each entry timestamped and chained to the previous one.

The police, the insurer and the CNIL ask for a dated record (references.md INC-01: « consigner l'incident dans un
registre »; INC-07: document every breach). Entries are only ever added: the database refuses changes and deletions
(triggers), each entry's fingerprint (SHA-256) covers its content and the previous entry's fingerprint, and the last
fingerprint is also kept in a separate file. An entry edited or removed afterwards breaks the chain and `verify()`
says where. This is tamper-evident, not tamper-proof: someone with access to the computer could rewrite the whole
chain; the printed export, which shows the last fingerprint, is the copy that cannot be changed.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from gardien import fr, statefile
from gardien.errors import GardienError
from gardien.explain import reason
from gardien.paths import data_dir

FILE = "journal-incidents.sqlite"
ANCHOR = "journal-incidents-ancre.json"
GENESIS = "0" * 64
MAX_TEXT = 8000
MAX_ENTRIES = 100_000

SCHEMA = """
CREATE TABLE IF NOT EXISTS entrees (
    numero INTEGER PRIMARY KEY,
    moment TEXT NOT NULL,
    incident TEXT NOT NULL,
    sorte TEXT NOT NULL,
    texte TEXT NOT NULL,
    details TEXT NOT NULL,
    precedent TEXT NOT NULL,
    empreinte TEXT NOT NULL UNIQUE
);
CREATE TRIGGER IF NOT EXISTS entrees_sans_modification BEFORE UPDATE ON entrees
BEGIN SELECT RAISE(ABORT, 'journal en ajout seul'); END;
CREATE TRIGGER IF NOT EXISTS entrees_sans_suppression BEFORE DELETE ON entrees
BEGIN SELECT RAISE(ABORT, 'journal en ajout seul'); END;
"""


class EntryKind(StrEnum):
    OPENED = "ouverture"
    ALERT = "alerte"
    STEP = "etape"  # an instruction shown (she moved on: that says nothing of whether it was done)
    DONE = "fait"  # an instruction she said she had carried out
    NETWORK = "reseau"
    CALL = "appel"
    RANSOM_NOTE = "message_de_rancon"
    NOTE = "note"
    STOPPED = "arret"  # she left the instructions (« q », Ctrl+C): where, so the record shows the gap
    ONSET = "debut_declare"  # when she says her files stopped opening: the restore steers before it (round 19)
    CLOSED = "cloture"


KIND_LABEL = {
    EntryKind.OPENED: "Début de l'incident", EntryKind.ALERT: "Alerte de Gardien", EntryKind.STEP: "Consigne affichée",
    # « Réseau », not « action de Gardien »: its text says what Gardien did, or could not do (review r24). Her own
    # entries carry no « déclaré »: the journal is hers, she signs it (round 10)
    EntryKind.DONE: "Fait", EntryKind.NETWORK: "Réseau", EntryKind.CALL: "Appel ou démarche", EntryKind.RANSOM_NOTE: "Message de rançon recopié",
    EntryKind.NOTE: "Note", EntryKind.STOPPED: "Arrêt", EntryKind.CLOSED: "Fin de l'incident",
    EntryKind.ONSET: "Fichiers illisibles depuis (déclaré)",
}


@dataclass(frozen=True)
class Entry:
    number: int
    at: str  # ISO, local time zone
    incident: str
    kind: EntryKind
    text: str
    details: dict[str, Any] = field(default_factory=dict)
    previous: str = GENESIS
    fingerprint: str = ""

    @property
    def label(self) -> str:
        return KIND_LABEL[self.kind]

    def to_dict(self) -> dict[str, Any]:
        return {"numero": self.number, "moment": self.at, "incident": self.incident, "sorte": self.kind.value,
                "texte": self.text, "details": self.details, "precedent": self.previous, "empreinte": self.fingerprint}


def fingerprint(number: int, at: str, incident: str, kind: str, text: str, details: str, previous: str) -> str:
    """SHA-256 of the previous fingerprint and the entry's fields, in a fixed order (JSON, so no field can leak
    into another)."""
    payload = json.dumps([previous, number, at, incident, kind, text, details], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def path() -> Path:
    return data_dir() / FILE


def anchor_path() -> Path:
    return data_dir() / ANCHOR


@contextmanager
def _connect() -> Iterator[sqlite3.Connection]:
    try:
        connection = sqlite3.connect(path(), timeout=15, isolation_level=None)
    except sqlite3.Error as exc:
        raise GardienError(f"Le journal des incidents ({path()}) ne peut pas être ouvert : {reason(exc)}.") from exc
    with closing(connection):
        try:
            connection.executescript(SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise GardienError(f"Le journal des incidents ({path()}) est abîmé ({reason(exc)}). Gardien ne l'a pas modifié.") from exc
        path().chmod(0o600)
        yield connection


def _row(row: tuple) -> Entry:
    number, at, incident, kind, text, details, previous, print_ = row
    try:
        parsed = json.loads(details)
    except ValueError:
        parsed = {"illisible": details}
    try:
        entry_kind = EntryKind(kind)
    except ValueError:
        entry_kind = EntryKind.NOTE
    return Entry(number, at, incident, entry_kind, text, parsed if isinstance(parsed, dict) else {}, previous, print_)


def new_incident_id() -> str:
    return secrets.token_hex(4)


def append(incident: str, kind: EntryKind, text: str, details: dict[str, Any] | None = None) -> Entry:
    """Add one entry at the end of the chain (several Gardien processes may append at once: one at a time)."""
    text = _checked(text)
    details_text = json.dumps(details or {}, ensure_ascii=False, sort_keys=True)
    at = datetime.now().astimezone().isoformat(timespec="seconds")
    with _connect() as db:
        db.execute("BEGIN IMMEDIATE")
        try:
            last = db.execute("SELECT numero, empreinte FROM entrees ORDER BY numero DESC LIMIT 1").fetchone()
            number, previous = (last[0] + 1, last[1]) if last else (1, GENESIS)
            if number > MAX_ENTRIES:
                raise GardienError(f"Le journal des incidents a déjà {MAX_ENTRIES} entrées.")
            print_ = fingerprint(number, at, incident, kind.value, text, details_text, previous)
            db.execute("INSERT INTO entrees VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       (number, at, incident, kind.value, text, details_text, previous, print_))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    statefile.write(anchor_path(), {"nombre": number, "derniere_empreinte": print_})
    return Entry(number, at, incident, kind, text, json.loads(details_text), previous, print_)


def _checked(text: Any) -> str:
    text = str(text).strip()
    if not text:
        raise GardienError("Une entrée du journal ne peut pas être vide.")
    if len(text) > MAX_TEXT:
        raise GardienError(f"Texte trop long pour le journal ({len(text)} caractères ; {MAX_TEXT} au plus).")
    return text


def record_step(incident: str, title: str, done: bool | None) -> Entry:
    """She moved past an instruction. Moving on only says it was shown: « fait » is written when she said so
    (done=True); done=False is her « pas encore »; None, a step with nothing to do or a question left unanswered.
    An instruction already journaled before what she wrote under it (`append_under`) is not said shown again."""
    if done:
        return append(incident, EntryKind.DONE, f"{title}.")
    if done is None:
        found = entries(incident)
        shown = _last_instruction(found, title)
        if shown is not None and shown.kind is EntryKind.STEP and shown.text == f"{title}." and shown.number != found[-1].number:
            return shown
    return append(incident, EntryKind.STEP, f"{title}." + (" Pas encore fait." if done is False else ""))


def append_under(incident: str, title: str, kind: EntryKind, text: str, details: dict[str, Any] | None = None) -> Entry:
    """What she writes while an instruction is shown (a ransom message, a call, a note), journaled after that
    instruction's « Consigne affichée », written first unless it is the last instruction journaled: the journal reads
    in order, as on the command line."""
    text = _checked(text)
    if _last_instruction(entries(incident), title) is None:
        append(incident, EntryKind.STEP, f"{title}.")
    return append(incident, kind, text, details)


def _last_instruction(found: list[Entry], title: str) -> Entry | None:
    """The last instruction entry (shown or done) among `found`, when it is this instruction."""
    last = next((e for e in reversed(found) if e.kind in (EntryKind.STEP, EntryKind.DONE)), None)
    return last if last is not None and last.text.startswith(f"{title}.") else None


def entries(incident: str | None = None) -> list[Entry]:
    if not path().exists():
        return []
    with _connect() as db:
        query = "SELECT numero, moment, incident, sorte, texte, details, precedent, empreinte FROM entrees"
        rows = db.execute(query + (" WHERE incident = ?" if incident else "") + " ORDER BY numero",
                          (incident,) if incident else ()).fetchall()
    return [_row(r) for r in rows]


@dataclass(frozen=True)
class Verification:
    entries: int
    problems: tuple[str, ...]
    last_fingerprint: str

    @property
    def intact(self) -> bool:
        return not self.problems

    def summary(self, full: bool = False) -> str:
        """`full`: the whole last fingerprint, for the exported copy; the screen shows its start (fr.fingerprint)."""
        if not self.entries:
            return "Le journal est vide."
        if self.intact:
            last = self.last_fingerprint if full else fr.fingerprint(self.last_fingerprint)
            return (f"Journal intact : {self.entries} entrée{'s' if self.entries > 1 else ''}, aucune modifiée ni retirée "
                    f"depuis son écriture. Dernière empreinte : {last}")
        return "Journal altéré : " + " ".join(self.problems)


def verify() -> Verification:
    """Recompute the chain from the first entry; compare its end with the separate anchor."""
    if not path().exists():
        return Verification(0, (), GENESIS)
    with _connect() as db:
        rows = db.execute("SELECT numero, moment, incident, sorte, texte, details, precedent, empreinte FROM entrees "
                          "ORDER BY numero").fetchall()
    problems: list[str] = []
    previous, expected_number = GENESIS, 1
    for number, at, incident, kind, text, details, stored_previous, stored in rows:
        if number != expected_number:
            problems.append(f"Entrées {expected_number} à {number - 1} manquantes.")
        if stored_previous != previous:
            problems.append(f"L'entrée {number} n'est plus reliée à celle qui la précède.")
        if fingerprint(number, at, incident, kind, text, details, stored_previous) != stored:
            problems.append(f"L'entrée {number} a été modifiée après son écriture.")
        previous, expected_number = stored, number + 1
    anchor = statefile.read(anchor_path(), default=dict)
    count = anchor.get("nombre")
    if isinstance(count, int) and count > len(rows):
        problems.append(f"Le journal comptait {count} entrées : {count - len(rows)} ont été retirées à la fin.")
    elif isinstance(count, int) and rows and count <= len(rows) and rows[count - 1][7] != anchor.get("derniere_empreinte"):
        problems.append(f"L'entrée {count} ne correspond plus à l'empreinte gardée à part.")
    return Verification(len(rows), tuple(problems), previous)


def incidents() -> list[tuple[str, list[Entry]]]:
    """Every incident, oldest first, with its entries."""
    grouped: dict[str, list[Entry]] = {}
    for entry in entries():
        grouped.setdefault(entry.incident, []).append(entry)
    return list(grouped.items())
