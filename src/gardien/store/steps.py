"""The state the user gave to plan steps (done, postponed), and its history for the progress view."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from gardien.store.db import database_path, notice, session, transaction

STATUSES = ("fait", "reporte")


@dataclass(frozen=True)
class StepState:
    status: str  # "fait" or "reporte"
    until: str | None  # ISO date, for "reporte"
    changed_at: str
    answer_before: str | None = None  # a question's step marked done: the answer « fait » replaced (« non », « nsp »)


def mark(step_id: str, status: str, until: str | None = None, answer_before: str | None = None) -> None:
    now = datetime.now().astimezone().isoformat(timespec="seconds")
    with session() as db, transaction(db):
        db.execute(
            "INSERT INTO steps (step_id, status, until, changed_at, answer_before) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT(step_id) DO UPDATE SET status = excluded.status, until = excluded.until,"
            " changed_at = excluded.changed_at, answer_before = excluded.answer_before",
            (step_id, status, until, now, answer_before),
        )
        db.execute("INSERT INTO step_events (step_id, status, at) VALUES (?, ?, ?)", (step_id, status, now))


def clear(step_id: str) -> None:
    now = datetime.now().astimezone().isoformat(timespec="seconds")
    with session() as db, transaction(db):
        db.execute("DELETE FROM steps WHERE step_id = ?", (step_id,))
        db.execute("INSERT INTO step_events (step_id, status, at) VALUES (?, 'a_faire', ?)", (step_id, now))


def states() -> dict[str, StepState]:
    """step id -> its state; an unreadable one is skipped and said."""
    if not database_path().exists():
        return {}
    with session() as db:
        rows = db.execute("SELECT step_id, status, until, changed_at, answer_before FROM steps").fetchall()
    found = {}
    for step_id, status, until, changed_at, answer_before in rows:
        if isinstance(step_id, str) and status in STATUSES and isinstance(changed_at, str) and (
            until is None or isinstance(until, str)
        ):
            found[step_id] = StepState(status, until, changed_at, answer_before if isinstance(answer_before, str) else None)
        else:
            notice(f"L'état d'une étape du plan est illisible (fichier {database_path().name} abîmé) : "
                   "elle n'est pas prise en compte.")
    return found


def done_events() -> list[tuple[str, str]]:
    """(step id, ISO date) of every "fait", oldest first: progress over time."""
    if not database_path().exists():
        return []
    with session() as db:
        rows = db.execute("SELECT step_id, at FROM step_events WHERE status = 'fait' ORDER BY id").fetchall()
    return [(step_id, at) for step_id, at in rows if isinstance(step_id, str) and isinstance(at, str)]
