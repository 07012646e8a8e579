"""What the user does to a plan step, the same from the command line and from the interface."""

from __future__ import annotations

from datetime import datetime, timedelta

from gardien.errors import GardienError
from gardien.plan.build import step_ids
from gardien.questionnaire.questions import Answer, by_id
from gardien.store import answers, steps


def _known(step_id: str) -> None:
    if step_id not in step_ids():
        raise GardienError(f"Étape inconnue : « {step_id} ». Tapez le numéro de l'étape dans « gardien plan », ou l'identifiant donné après « Une fois fait ».",
                           f"Étape inconnue : « {step_id} ». Revenez à la page « Mon plan », qui montre les étapes à jour.")


def mark_done(step_id: str) -> None:
    _known(step_id)
    steps.mark(step_id, "fait")
    if step_id in by_id():  # a question's step done means the answer is now "oui"
        answers.save(step_id, Answer.YES)


def postpone(step_id: str, days: int = 7) -> str:
    """Postpone by `days`; returns the ISO date the step comes back."""
    _known(step_id)
    until = (datetime.now().date() + timedelta(days=days)).isoformat()
    steps.mark(step_id, "reporte", until)
    return until


def reopen(step_id: str) -> None:
    _known(step_id)
    steps.clear(step_id)
    # a question's step done left the plan with the answer « oui »: back in the plan as « je ne sais pas »
    # (the answer before is not kept), otherwise « rouvrir » would not bring it back
    if step_id in by_id() and answers.current().get(step_id, (None,))[0] == Answer.YES:
        answers.save(step_id, Answer.UNKNOWN)
