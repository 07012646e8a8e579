"""Questionnaire answers: one current answer per question, revisable."""

from __future__ import annotations

from contextlib import closing
from datetime import datetime

from gardien.store.db import connect, database_path


def save(question_id: str, answer: str) -> None:
    now = datetime.now().astimezone().isoformat(timespec="seconds")
    with closing(connect()) as db:
        db.execute(
            "INSERT INTO answers (question_id, answer, answered_at) VALUES (?, ?, ?)"
            " ON CONFLICT(question_id) DO UPDATE SET answer = excluded.answer, answered_at = excluded.answered_at",
            (question_id, answer, now),
        )


def current() -> dict[str, tuple[str, str]]:
    """question id -> (answer, ISO date)."""
    if not database_path().exists():
        return {}
    with closing(connect()) as db:
        return {row[0]: (row[1], row[2]) for row in db.execute("SELECT question_id, answer, answered_at FROM answers")}
