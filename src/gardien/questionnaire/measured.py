"""What Gardien has measured of a question, to show beside it while she answers (walkthrough r13: the restore test
passed that morning, yet « Avez-vous réussi à restaurer un fichier… ? » came as if Gardien knew nothing, and her
« non » was then set aside by the plan without a word).

Measured: its own backups (plan/backup_facts.py: the restore test, the copy kept away from the practice) and the
team's training (formation/tracking.py). Her answer is still asked and kept; the plan says which one counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from gardien import fr, statefile

TEAM_QUESTION = "sensibilisation_equipe"
NAMED_PEOPLE = 5  # beyond, the training is told in numbers


@dataclass(frozen=True)
class Measured:
    said: str  # « Restauration d'essai réussie sur … (vérifié par Gardien le …). »
    done: bool | None = None  # what the measure answers: True « oui », False « non », None (the training) neither


def notes(now: datetime | None = None) -> dict[str, Measured]:
    """Question id -> what Gardien measured of it."""
    from gardien.plan import backup_facts

    # the fact says itself that Gardien measured it, and when (« … (vérifié par Gardien le 30/11/2026) »): said once
    found = {question_id: Measured(fact.said, fact.done) for question_id, fact in backup_facts.facts(now).items()}
    team = _training()
    if team:
        found[TEAM_QUESTION] = Measured(f"D'après le suivi de la formation dans Gardien : {team}")
    return found


def contradiction(measured: Measured | None, answer: str) -> str:
    """One sentence when her answer says the opposite of the measure (the plan follows the measure); "" otherwise."""
    from gardien.questionnaire.questions import Answer

    if measured is None or measured.done is None or answer not in (Answer.YES, Answer.NO):
        return ""
    if (answer == Answer.YES) == measured.done:
        return ""
    return "Votre réponse dit le contraire de ce que Gardien a mesuré : le plan suit la mesure de Gardien."


def _training() -> str:
    from gardien.formation import tracking

    try:
        people = tracking.everyone(exercise=False)
    except statefile.DamagedState:
        return ""
    if not people:
        return ""
    if len(people) > NAMED_PEOPLE:  # in numbers, saying only what is not zero (« dont 0 … » read twice for nothing)
        none = sum(not p.validated for p in people)
        late = sum(bool(p.validated and p.to_refresh) for p in people)
        listed = [said for count, said in ((none, fr.plural(none, "n'a validé aucun module", "n'ont validé aucun module")),
                                           (late, fr.plural(late, "a des modules à revoir", "ont des modules à revoir")))
                  if count]
        inscribed = fr.plural(len(people), "personne inscrite", "personnes inscrites")
        if not listed:
            return f"{inscribed}, chacune avec au moins un module validé et rien à revoir."
        return f"{inscribed} : {' ; '.join(listed)}."
    said = []
    for person in people:
        name = person.learner.first_name
        if not person.validated:
            said.append(f"{name} n'a validé aucun module")
        else:
            late = f", dont {len(person.to_refresh)} à revoir" if person.to_refresh else ""
            said.append(f"{name} a validé {fr.plural(len(person.validated), 'module', 'modules')} sur "
                        f"{len(person.modules)}{late}")
    return " ; ".join(said) + "."
