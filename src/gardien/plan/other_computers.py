"""A practice with other computers than this one (walkthrough, round 13: in a group practice with a shared reception
computer, the audit, the plan and the register's security measures spoke of « cet ordinateur » as if it were the
practice's only one).

Known from the questionnaire (« bilan_chaque_ordinateur » answered other than « non concerné ») or, before she answers
it, from the register's interview (several practitioners, or a secretary: registre/facts.py). The question's step,
« Faire le même bilan sur chaque ordinateur du cabinet », is a plan step like the others, done on her word; this module
gives the one sentence said where Gardien speaks of « cet ordinateur » (the audit, the register's measures).
"""

from __future__ import annotations

from gardien.questionnaire.questions import Answer

QUESTION = "bilan_chaque_ordinateur"
# the register's measures of this computer, for a practice with others (the register is the practice's)
AUDIT_GROUP_TITLE = "Cet ordinateur seulement, vérifié par Gardien (pas les autres ordinateurs du cabinet)"


def this_computer_only(given=None) -> str:
    """One sentence when the practice has other computers (empty otherwise). `given`: answers.current()."""
    from gardien.store import answers

    given = answers.current() if given is None else given
    answer = given.get(QUESTION, (None,))[0]
    fact = getattr(given, "facts", {}).get(QUESTION)
    if answer == Answer.YES:
        return "Ce bilan ne porte que sur cet ordinateur ; d'après vous, chaque autre ordinateur du cabinet a eu le sien."
    if answer in (Answer.NO, Answer.UNKNOWN) or (answer is None and fact is not None and fact.concerned):
        return ("Ce bilan ne porte que sur cet ordinateur, pas sur les autres ordinateurs du cabinet : faites le même "
                "sur chacun, en commençant par celui de l'accueil.")
    return ""


def several() -> bool:
    """The practice has other computers than this one, as far as Gardien knows."""
    return bool(this_computer_only())
