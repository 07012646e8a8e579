"""Where each learner stands: modules validated, to take or to refresh, the exercise, the certificate, and the gentle
reminders surfaced in the plan.

Dates come from references.md: awareness « dès son arrivée » and regularly (SENS-01, ANSSI), within six months of
taking up the post and with reminders twice a year (SENS-02, ANS canevas). So a newcomer is reminded at once, and a
module validated more than six months ago is proposed again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from gardien import fr, statefile
from gardien.formation import progress, rounds
from gardien.formation.content import Module, modules
from gardien.formation.quiz import Attempt, day_of, finished_attempts

REFRESH_DAYS = 183  # SENS-02: reminders twice a year
REFRESH_PERIOD = "six mois"  # REFRESH_DAYS in words, for every text that says when the reminder comes
REFRESH_TIMES = "deux fois par an"  # SENS-02 (ANS canevas 2.2.1.2); the module and questionnaire data are tied to it by a test
REFRESH_RULE = f"un rappel {REFRESH_TIMES}"  # said the same in the charter and questionnaire
ARRIVAL_PERIOD = "six mois"  # SENS-02 (ANS canevas 1.1.2.1); the module and source data are tied to it by a test
ARRIVAL_RULE = f"au plus tard dans les {ARRIVAL_PERIOD} de la prise de fonction"  # a newcomer's first awareness
PLAN_STEP_PREFIX = "formation_rappel_"
# the word she types for it (« gardien plan fait formation »): its id changes with each new reminder (plan_steps), a
# date and a digest nobody can read or retype (walkthrough, round 13)
PLAN_STEP_TYPED = "formation"
REMINDER_SOURCES = ("SENS-01", "SENS-02")


class ModuleState(StrEnum):
    TODO = "a_faire"
    TO_RETAKE = "a_reprendre"  # taken, not validated
    VALIDATED = "valide"
    TO_REFRESH = "a_revoir"  # validated more than REFRESH_DAYS ago


STATE_LABEL = {ModuleState.TODO: "à faire", ModuleState.TO_RETAKE: "à reprendre", ModuleState.VALIDATED: "validé",
               ModuleState.TO_REFRESH: "à revoir"}


@dataclass(frozen=True)
class ModuleProgress:
    module: Module
    state: ModuleState
    last: Attempt | None
    validated: Attempt | None  # the last passed attempt
    refresh_on: date | None

    @property
    def label(self) -> str:
        return STATE_LABEL[self.state]


@dataclass(frozen=True)
class LearnerProgress:
    learner: progress.Learner
    modules: tuple[ModuleProgress, ...]
    exercise: rounds.Summary

    @property
    def validated(self) -> tuple[ModuleProgress, ...]:
        return tuple(m for m in self.modules if m.state in (ModuleState.VALIDATED, ModuleState.TO_REFRESH))

    @property
    def to_refresh(self) -> tuple[ModuleProgress, ...]:
        return tuple(m for m in self.modules if m.state is ModuleState.TO_REFRESH)

    @property
    def not_validated(self) -> tuple[ModuleProgress, ...]:
        return tuple(m for m in self.modules if m.validated is None)

    @property
    def certificate_refusal(self) -> str | None:
        """Why no certificate can be written yet, or None. A certificate says only what was passed: with no module
        passed, a signed and dated page would certify training that did not happen (walkthrough r13)."""
        if self.validated:
            return None
        from gardien.formation.quiz import PASS_RATIO

        tried = [f"« {m.module.title} » : {m.last.right}/{len(m.last.asked)}, pas validé"
                 for m in self.modules if m.last is not None]
        return (f"Pas d'attestation pour {self.learner.first_name} : aucun module n'est encore validé"
                + (f" ({'; '.join(tried)})" if tried else "") + ". Une attestation ne dit que ce qui a été réussi : "
                f"elle sera possible dès le premier module validé (au moins {fr.percent(PASS_RATIO)} de bonnes réponses).")


class ReminderKind(StrEnum):
    ARRIVAL = "arrivee"
    REFRESH = "rappel"


@dataclass(frozen=True)
class Reminder:
    learner: progress.Learner
    kind: ReminderKind
    since: date
    modules: tuple[Module, ...] = ()

    @property
    def text(self) -> str:
        if self.kind is ReminderKind.ARRIVAL:
            return (f"{self.learner.first_name} n'a encore validé aucun module : la sensibilisation se fait dès "
                    f"l'arrivée, et {ARRIVAL_RULE}.")
        names = fr.quoted_listed(m.title for m in self.modules)
        return (f"{self.learner.first_name} : {fr.plural(len(self.modules), 'module validé', 'modules validés')} il y a "
                f"plus de {REFRESH_PERIOD}, à refaire ({names}).")


@dataclass(frozen=True)
class ReminderLine:
    """One line of the reminders as shown: every newcomer who has validated nothing is told in one line (the same
    sentence once per person, four times over, read as noise: walkthrough, round 15); `learner` is the person's page
    when the line is about one person."""
    text: str
    learner: progress.Learner | None = None


def reminder_lines(due: list[Reminder]) -> list[ReminderLine]:
    arrivals = [r for r in due if r.kind is ReminderKind.ARRIVAL]
    lines = [ReminderLine(r.text, r.learner) for r in arrivals] if len(arrivals) == 1 else []
    if len(arrivals) > 1:
        names = fr.listed([r.learner.first_name for r in arrivals])
        lines.append(ReminderLine(f"{names} n'ont encore validé aucun module : la sensibilisation se fait dès "
                                  f"l'arrivée, et {ARRIVAL_RULE}."))
    return lines + [ReminderLine(r.text, r.learner) for r in due if r.kind is ReminderKind.REFRESH]


NO_EXERCISE = rounds.Summary(0, 0, 0, 0, 0, None)


def learner_progress(learner: progress.Learner, state: dict, today: date | None = None,
                     exercise: bool = True) -> LearnerProgress:
    """Where a learner stands; without `exercise`, the exercise's results (which re-read the messages through the
    mail analyser) are left out: reminders need only the modules."""
    today = today or date.today()
    attempts = finished_attempts(state, learner.id)
    rows = []
    for mod in modules():
        mine = [a for a in attempts if a.module.id == mod.id]
        passed = [a for a in mine if a.passed]
        last, validated = (mine[-1] if mine else None), (passed[-1] if passed else None)
        refresh_on = day_of(validated.finished_at) + timedelta(days=REFRESH_DAYS) if validated else None
        if validated is None:
            module_state = ModuleState.TO_RETAKE if last else ModuleState.TODO
        elif refresh_on is not None and refresh_on <= today:
            module_state = ModuleState.TO_REFRESH
        else:
            module_state = ModuleState.VALIDATED
        rows.append(ModuleProgress(mod, module_state, last, validated, refresh_on))
    return LearnerProgress(learner, tuple(rows), rounds.summary(state, learner.id) if exercise else NO_EXERCISE)


def everyone(today: date | None = None, exercise: bool = True) -> list[LearnerProgress]:
    state = progress.read()
    return [learner_progress(learner, state, today, exercise) for learner in progress.learners(state)]


def reminders(people: list[LearnerProgress], today: date | None = None) -> list[Reminder]:
    today = today or date.today()
    found = []
    for person in people:
        if not person.validated:
            added = day_of(person.learner.added_at) if person.learner.added_at else today
            found.append(Reminder(person.learner, ReminderKind.ARRIVAL, added))
        elif person.to_refresh:
            since = min(m.refresh_on for m in person.to_refresh if m.refresh_on)
            found.append(Reminder(person.learner, ReminderKind.REFRESH, since, tuple(m.module for m in person.to_refresh)))
    return found


# --- The plan's step --------------------------------------------------------------------------------

def plan_steps(today: date | None = None) -> list:
    """At most one gentle step in the plan: who has a module to take or to refresh. Its id names the reminders it
    holds (the date the newest started, and a short digest of who and what), so that a step marked done comes back
    with the next reminder, not never."""
    import hashlib

    from gardien.core.model import RemediationStep
    from gardien.plan.build import Step

    try:
        due = reminders(everyone(today, exercise=False), today)
    except statefile.DamagedState as exc:
        return [Step(id=f"{PLAN_STEP_PREFIX}abime", title="Vérifier le suivi de la formation du personnel", source="formation",
                     effort_minutes=5, impact=1, why=exc.message, how=(), reason="Fichier de suivi illisible.",
                     status="a_verifier")]
    if not due:
        return []
    since = max(r.since for r in due)
    digest = hashlib.sha256(repr(sorted((r.learner.id, r.kind.value, [m.id for m in r.modules]) for r in due)).encode())
    how = tuple(RemediationStep(line.text) for line in reminder_lines(due)) + (
        RemediationStep("Dans Gardien, rubrique « Formation » : chaque module prend une dizaine de minutes.",
                        terminal="Chaque module prend une dizaine de minutes ; la liste des modules et le mot à taper "
                                 "pour suivre chacun : gardien formation modules"),)
    return [Step(id=f"{PLAN_STEP_PREFIX}{since.isoformat()}-{digest.hexdigest()[:6]}", title="Sensibiliser l'équipe : un module à faire ou à revoir",
                 source="formation", effort_minutes=10 * len(due), impact=1,
                 why="L'accueil et le secrétariat reçoivent les appels et les e-mails piégés en premier ; "
                     f"{REFRESH_RULE} entretient les bons réflexes.",
                 how=how, reason=fr.plural(len(due), "rappel de formation", "rappels de formation") + ".",
                 status="a_faire")]


def plan_step_ids(today: date | None = None) -> set[str]:
    return {step.id for step in plan_steps(today)}
