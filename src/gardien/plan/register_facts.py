"""What the GDPR register tells the plan (walkthrough, round 12: right after « registre creer » the plan still said
« Tenir le registre des traitements — vous avez répondu « non » »; files hosted online did not bring the HDS step).

Two kinds of facts, kept apart:
- measured: Gardien reads its own register file, when it was changed and how many elements are still « à compléter »
  (registre/facts.completeness). A complete register settles the step « Tenir le registre des traitements » (done,
  « vérifié par Gardien »); one with elements left to complete keeps or brings the step back, with how many. Her
  answer is still said, as backup_facts does. Without a register in Gardien, her answer stands (it may be on paper).
- declared: what she said in the register's interview (questions.RegisterFact). A question the register says concerns
  her (files online: the HDS host) becomes a step to check when she has not answered it, or answered « non
  concerné » against the register (said, not overridden).
"""

from __future__ import annotations

from dataclasses import replace

from gardien import fr
from gardien.core.model import RemediationStep
from gardien.questionnaire.questions import Answer, by_id, register_conflict

REGISTER_QUESTION = "registre_traitements"
# the register is there: how to complete it, instead of « Partez du modèle de registre de la CNIL »
TO_COMPLETE_HOW = (RemediationStep("Dans Gardien, ouvrez « Registre RGPD », puis « Compléter ce qui manque » : des "
                                   "choix vous sont proposés rubrique par rubrique, chacun avec sa source.",
                                   terminal="Complétez-le rubrique par rubrique, par des choix numérotés, chacun avec "
                                            "sa source : gardien registre completer"),)


def concerned_steps(given, question_step) -> list:
    """Steps « to check » for the questions the register says concern her, unanswered or answered « non concerné »
    against it. `question_step(question, answer)` makes a question's step as the plan does."""
    found = []
    for question_id, fact in getattr(given, "facts", {}).items():
        answer = given.get(question_id, (None,))[0]
        conflict = register_conflict(question_id, given)
        if not fact.concerned or question_id not in by_id() or not (answer is None or conflict):
            continue
        made = question_step(by_id()[question_id], Answer.UNKNOWN)
        said = f"D'après {fact.source}, {fact.said}."
        if conflict:
            found.append(replace(made, reason=conflict, contradicted=conflict))
        else:
            found.append(replace(made, reason=f"{said} Pas encore de réponse au questionnaire : à vérifier."))
    return found


def apply(steps: list, given, question_step) -> list:
    """The plan's steps once Gardien has read its register: the register step settled (complete) or to do (elements
    left to complete), whatever she answered or marked."""
    from gardien.registre.facts import completeness

    read = completeness()
    if read is None:
        return steps
    question = by_id()[REGISTER_QUESTION]
    answered = _answered(given)
    if read.to_complete == 0:
        said = f"Registre tenu dans Gardien, complet (vérifié par Gardien ; dernière modification le {fr.day(read.updated_at)})."
        return [replace(s, title=question.action, status="fait", declared="", contradicted="", measured=said,
                        reason=f"{said} Au questionnaire : {answered}.")
                if s.id == REGISTER_QUESTION and s.source == "questionnaire" else s for s in steps]
    left = fr.plural(read.to_complete, "élément reste", "éléments restent")
    # where to complete it is the step's « how », said in the terminal's words or the interface's
    said = (f"Votre registre existe dans Gardien (modifié le {fr.day(read.updated_at)}), mais {left} « à compléter » "
            "(vérifié par Gardien).")
    result, found = [], False
    for step in steps:
        if step.id == REGISTER_QUESTION and step.source == "questionnaire":
            found = True
            step = replace(step, title=question.action, status="a_faire", declared="", measured="", how=_how(step),
                           reason=f"{said} Au questionnaire : {answered}.",
                           contradicted=said if step.status == "fait" else step.contradicted)
        result.append(step)
    if not found:  # answered « oui » (or not yet): the elements left bring the step in
        made = question_step(question, Answer.NO)
        result.append(replace(made, how=_how(made),
                              reason=f"{said} Au questionnaire : {answered}."))
    return result


def _how(step) -> tuple[RemediationStep, ...]:
    """How to complete the register in Gardien, after the step's « Faites-vous aider » (the question's)."""
    from gardien.core.registry import HELP_PREFIX

    helped = tuple(line for line in step.how if line.text.startswith(HELP_PREFIX))
    return helped + TO_COMPLETE_HOW


def _answered(given) -> str:
    from gardien.questionnaire.questions import ANSWER_LABEL

    answer = given.get(REGISTER_QUESTION, (None,))[0]
    return f"vous avez répondu « {ANSWER_LABEL[Answer(answer)].lower()} »" if answer in set(Answer) else "pas encore de réponse"
