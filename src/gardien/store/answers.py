"""Questionnaire answers: one current answer per question, revisable."""

from __future__ import annotations

from datetime import datetime

from gardien.questionnaire.questions import Answer
from gardien.store.db import database_path, notice, session


def save(question_id: str, answer: Answer) -> None:
    now = datetime.now().astimezone().isoformat(timespec="seconds")
    with session() as db:
        db.execute(
            "INSERT INTO answers (question_id, answer, answered_at) VALUES (?, ?, ?)"
            " ON CONFLICT(question_id) DO UPDATE SET answer = excluded.answer, answered_at = excluded.answered_at",
            (question_id, answer, now),
        )


def current() -> dict[str, tuple[Answer, str]]:
    """question id -> (answer, ISO date); an unreadable answer is skipped and said."""
    if not database_path().exists():
        return {}
    with session() as db:
        rows = db.execute("SELECT question_id, answer, answered_at FROM answers").fetchall()
    given = {}
    for question_id, answer, answered_at in rows:
        if isinstance(question_id, str) and answer in tuple(Answer) and isinstance(answered_at, str):
            given[question_id] = (Answer(answer), answered_at)
        else:
            notice(f"Une réponse au questionnaire est illisible (fichier {database_path().name} abîmé) : "
                   "elle n'est pas prise en compte.")
    return given
