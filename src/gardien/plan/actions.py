"""What the user does to a plan step, the same from the command line and from the interface."""

from __future__ import annotations

from datetime import datetime, timedelta

from gardien.errors import GardienError
from gardien.plan.build import EMERGENCY_SHEET, build, step_ids, step_title, typed_step_id, waits
from gardien.questionnaire.questions import Answer, by_id, settled_reason
from gardien.store import answers, steps
from gardien.urgence import contacts


def _known(step_id: str) -> None:
    """A step Gardien knows, and not a question an earlier answer settled (nothing to do: said, with what to change)."""
    if step_id not in step_ids():
        raise GardienError(f"Étape inconnue : « {step_id} ». Tapez le numéro de l'étape dans « gardien plan », ou l'identifiant donné après « Une fois fait ».",
                           f"Étape inconnue : « {step_id} ». Revenez à la page « Mon plan », qui montre les étapes à jour.")
    reason = settled_reason(step_id, answers.current()) if step_id in by_id() else ""
    if reason:
        said = f"« {by_id()[step_id].action} » n'est pas dans le plan : la question ne vous est pas posée, {reason}."
        raise GardienError(f"{said} Pour y répondre, changez d'abord cette réponse-là : gardien questionnaire "
                           f"repondre {by_id()[step_id].settled_by} oui (ou non, nsp).",
                           f"{said} Pour y répondre, changez d'abord cette réponse-là (page « Questionnaire »).")


def _not_waiting(step_id: str) -> None:
    """A step that waits (the backups during an open emergency) is neither done nor postponed: it cannot be yet."""
    if waits(step_id):
        said = f"« {step_title(step_id, build()) or step_id} » attend la fin de l'incident : rien à marquer pour l'instant."
        raise GardienError(f"{said} Quand l'ordinateur a été nettoyé ou réinstallé par un professionnel, fermez "
                           "l'incident : gardien urgence terminer --issue attaque (ou --issue \"fausse alerte\" si "
                           "c'en était une)",
                           f"{said} Quand l'ordinateur a été nettoyé ou réinstallé par un professionnel, fermez "
                           "l'incident dans la page « En cas d'attaque ».")


def mark_done(step_id: str) -> None:
    """A question's step done means the answer is now « oui »; the answer it replaces is kept with the step, which
    stays in the plan as done (counted, listed) and gets that answer back if it is reopened."""
    step_id = typed_step_id(step_id)  # « formation »: today's training reminder
    _known(step_id)
    _not_waiting(step_id)
    before = answers.current().get(step_id, (None,))[0] if step_id in by_id() else None
    # not answered yet (a step the register brought, « à vérifier »): done, it stays counted, and comes back to check
    unanswered = step_id in by_id() and before is None
    replaced = before if before in (Answer.NO, Answer.UNKNOWN) else Answer.UNKNOWN if unanswered else None
    steps.mark(step_id, "fait", answer_before=replaced)
    if step_id in by_id():
        answers.save(step_id, Answer.YES)
    if step_id == EMERGENCY_SHEET:  # « C'est fait » is her word that she printed it: the same as « Je l'ai imprimée »
        contacts.confirm_printed()


def postpone(step_id: str, days: int = 7) -> str:
    """Postpone by `days`; returns the ISO date the step comes back."""
    step_id = typed_step_id(step_id)  # « formation »: today's training reminder
    _known(step_id)
    _not_waiting(step_id)
    until = (datetime.now().date() + timedelta(days=days)).isoformat()
    steps.mark(step_id, "reporte", until)
    return until


def reopen(step_id: str) -> Answer | None:
    """Put a done or postponed step back in the plan. A question's step marked done in the plan gets back the answer
    it had (« non », « je ne sais pas »); one that left the plan with its answer otherwise (« oui » given in the
    questionnaire, or « non concerné ») comes back as « je ne sais pas », else « rouvrir » would not bring it back;
    returns the answer it replaces, None for any other step. When nothing would change, says why and what to do
    instead."""
    step_id = typed_step_id(step_id)  # « formation »: today's training reminder
    _known(step_id)
    answer = answers.current().get(step_id, (None,))[0]
    state = steps.states().get(step_id)
    reopens_answer = step_id in by_id() and answer in (Answer.YES, Answer.NOT_CONCERNED)
    printed = step_id == EMERGENCY_SHEET and bool(contacts.printed_at())  # done on the « En cas d'attaque » page
    if state is None and not reopens_answer and not printed:  # nothing to reopen: the plan is built only to name the step
        title = step_title(step_id, build()) or step_id
        if step_id in by_id() and answer is None:
            raise GardienError(f"« {title} » : la question n'a pas encore de réponse, rien à rouvrir. Elle vous sera "
                               "posée par : gardien questionnaire",
                               f"« {title} » : la question n'a pas encore de réponse, rien à rouvrir (page « Questionnaire »).")
        raise GardienError(f"« {title} » n'est ni faite ni reportée : il n'y a rien à rouvrir. Les étapes à jour : gardien plan",
                           f"« {title} » n'est ni faite ni reportée : il n'y a rien à rouvrir.")
    if state is not None:
        steps.clear(step_id)
    if step_id == EMERGENCY_SHEET:
        contacts.withdraw_printed()
    if reopens_answer:
        given_back = state.answer_before if state is not None and answer == Answer.YES and state.answer_before else Answer.UNKNOWN
        answers.save(step_id, Answer(given_back))
        return answer
    return None
