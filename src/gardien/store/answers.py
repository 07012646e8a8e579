"""Questionnaire answers: one current answer per question, revisable."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from gardien.questionnaire.questions import Answer, Answers, settles, with_register, with_settled
from gardien.store.db import database_path, notice, session, transaction


def save(question_id: str, answer: Answer) -> None:
    """Her answer; a « non concerné » that settles later questions forgets what was said to them: should she change
    this answer, they are asked again."""
    now = datetime.now().astimezone().isoformat(timespec="seconds")
    settled = settles(question_id) if answer == Answer.NOT_CONCERNED else ()
    with session() as db, transaction(db):  # her answer and the settled ones forgotten: both or neither
        db.execute(
            "INSERT INTO answers (question_id, answer, answered_at) VALUES (?, ?, ?)"
            " ON CONFLICT(question_id) DO UPDATE SET answer = excluded.answer, answered_at = excluded.answered_at",
            (question_id, answer, now),
        )
        db.executemany("DELETE FROM answers WHERE question_id = ?", [(later,) for later in settled])


def current() -> Answers:
    """question id -> (answer, ISO date) as they count: a question an earlier « non concerné » settles is
    « non concerné » (questions.settled), whatever was saved for it; one she has not answered that the GDPR register
    says does not concern her is « non concerné » too, d'après votre registre (questions.with_register). People
    followed in « Formation » say she works with others: that outdates a register, or an answer, that said alone."""
    from gardien.formation.progress import team_fact
    from gardien.registre.facts import TEAM_QUESTION, questionnaire_facts

    facts = questionnaire_facts()
    team = team_fact()
    if team is not None and not (TEAM_QUESTION in facts and facts[TEAM_QUESTION].concerned):
        if TEAM_QUESTION in facts:  # the register said alone: said too, it is out of date
            team = replace(team, said=f"{team.said}, alors que votre registre dit encore : {facts[TEAM_QUESTION].said}")
        facts[TEAM_QUESTION] = team
    return with_settled(with_register(saved(), facts))


def saved() -> dict[str, tuple[Answer, str]]:
    """question id -> (answer, ISO date), as she gave them; an unreadable answer is skipped and said."""
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
