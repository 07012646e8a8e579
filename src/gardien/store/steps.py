"""The state the user gave to plan steps (done, postponed), and its history for the progress view."""

from __future__ import annotations

from contextlib import closing
from dataclasses import dataclass
from datetime import datetime

from gardien.store.db import connect, database_path


@dataclass(frozen=True)
class StepState:
    status: str  # "fait" or "reporte"
    until: str | None  # ISO date, for "reporte"
    changed_at: str


def mark(step_id: str, status: str, until: str | None = None) -> None:
    now = datetime.now().astimezone().isoformat(timespec="seconds")
    with closing(connect()) as db:
        db.execute("BEGIN IMMEDIATE")
        db.execute(
            "INSERT INTO steps (step_id, status, until, changed_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT(step_id) DO UPDATE SET status = excluded.status, until = excluded.until,"
            " changed_at = excluded.changed_at",
            (step_id, status, until, now),
        )
        db.execute("INSERT INTO step_events (step_id, status, at) VALUES (?, ?, ?)", (step_id, status, now))
        db.execute("COMMIT")


def clear(step_id: str) -> None:
    now = datetime.now().astimezone().isoformat(timespec="seconds")
    with closing(connect()) as db:
        db.execute("DELETE FROM steps WHERE step_id = ?", (step_id,))
        db.execute("INSERT INTO step_events (step_id, status, at) VALUES (?, 'a_faire', ?)", (step_id, now))


def states() -> dict[str, StepState]:
    if not database_path().exists():
        return {}
    with closing(connect()) as db:
        return {r[0]: StepState(r[1], r[2], r[3]) for r in db.execute("SELECT step_id, status, until, changed_at FROM steps")}


def done_events() -> list[tuple[str, str]]:
    """(step id, ISO date) of every "fait", oldest first: progress over time."""
    if not database_path().exists():
        return []
    with closing(connect()) as db:
        return list(db.execute("SELECT step_id, at FROM step_events WHERE status = 'fait' ORDER BY id"))
