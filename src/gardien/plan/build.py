"""Build the plan: what to do first, then next, with effort, impact and how-to.

Order, explained to the user, the same as the audit's first steps (core/scoring.py): first what is to
fix and matters (impact: the audit severity, or the question's weight), then what is important and
unknown, then the rest; at equal impact, the quickest first; then the question's priority. The very
first step is the most protective one she can finish alone in about 15 minutes; the bigger ones, some
needing help, come next. Points Gardien could not verify ("à vérifier", "je ne sais pas") are steps
too: not knowing is a finding.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum

from gardien import fr, texts
from gardien.backup import emergency as backup_emergency
from gardien.compat import current_platform
from gardien.core import distribution
from gardien.core.model import Autonomy, RemediationStep, Severity, Status, autonomy_here, effort_label
from gardien.core.registry import HELP_PREFIX, discover
from gardien.core.scoring import done_alone_quickly, quick_first
from gardien.plan.deadlines import Deadlines, pending
from gardien.plan.moments import at_or_after, moment
from gardien.questionnaire.questions import Answer, questions
from gardien.store import answers, history, steps

IMPACT_LABEL = {4: "critique", 3: "important", 2: "moyen", 1: "faible"}
BACKUP_CHECK = "sauvegarde"  # the audit's check of the backups (checks/sauvegarde)
SEVERITY_IMPACT = {Severity.CRITICAL: 4, Severity.HIGH: 3, Severity.MEDIUM: 2, Severity.LOW: 1}
IMPACT_SEVERITY = {impact: severity for severity, impact in SEVERITY_IMPACT.items()}
WEIGHT_IMPACT = {3.0: 3, 2.0: 2, 1.0: 1, 0.5: 1}
ORDER_EXPLANATION = (
    "Ordre du plan : en premier, ce qui vous protège le plus parmi ce que vous pouvez faire sans aide en un quart "
    "d'heure environ ; ensuite les autres corrections, des plus importantes aux moins importantes, y compris les "
    "plus longues, pour lesquelles mieux vaut vous faire aider ; puis les points importants à vérifier. À importance "
    "égale, le plus rapide passe d'abord."
)


class WordCheck(StrEnum):
    """A step done on the practitioner's word: whether an audit will check it (its value ends `Step.declared`)."""

    NONE = ""  # nothing to check: a question, the printed emergency sheet, or not on her word
    NEXT_AUDIT = "le prochain bilan le vérifiera"
    CANNOT = "Gardien ne peut pas le vérifier sur cet ordinateur"


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    source: str  # "audit" or "questionnaire"
    effort_minutes: int
    impact: int  # 4 critique .. 1 faible
    why: str
    how: tuple[RemediationStep, ...]  # str(step) is the plain text
    reason: str  # why this step is in the plan
    status: str  # "a_faire", "a_verifier", "fait", "reporte"
    until: str | None = None
    priority: int = 5
    who: Autonomy = Autonomy.ALONE
    ask_for: str | None = None  # with help: what to ask for, and why
    declared: str = ""  # done on the practitioner's word only (« déclaré le 29/11/2026 »): said beside « faite »
    word_check: WordCheck = WordCheck.NONE  # for a step done on her word: whether an audit will check it
    contradicted: str = ""  # marked done, but what Gardien knows says otherwise: shown wherever the step is
    measured: str = ""  # done as Gardien measured it (« … : vérifié par Gardien le 30/11/2026. »): nothing to reopen
    waiting: bool = False  # waits for something else first (waits()): neither « C'est fait » nor « Plus tard »

    @property
    def typed_id(self) -> str:
        """The identifier she types (`gardien plan fait …`): the id, except the training reminder's, whose id holds a
        date and a digest (formation.tracking.plan_steps): « formation » (typed_step_id reads it back)."""
        return typed_id(self.id)

    @property
    def effort_label(self) -> str:
        """« environ 20 minutes », « environ 4 h, avec de l'aide »."""
        return effort_label(self.effort_minutes, self.who)

    @property
    def quick(self) -> bool:
        """To do, protective, and finished alone in about 15 minutes: the kind of step that comes first."""
        return (self.status == "a_faire" and self.impact >= 2 and not self.waiting
                and done_alone_quickly(self.who, self.effort_minutes))

    @property
    def impact_label(self) -> str:
        """The plan's JSON value (« important »)."""
        return IMPACT_LABEL[self.impact]

    @property
    def severity_said(self) -> str:
        """« gravité importante », as the audit says it (texts.severity_said)."""
        return texts.severity_said(IMPACT_SEVERITY[self.impact])


@dataclass(frozen=True)
class Plan:
    steps: tuple[Step, ...]  # open steps in order, then postponed, then done
    audit_date: str | None
    unanswered: int
    done_history: tuple[tuple[str, str], ...]
    deadlines: Deadlines = Deadlines(())  # shown before every step: a breach's CNIL decision still open

    @property
    def open_steps(self) -> tuple[Step, ...]:
        return tuple(s for s in self.steps if s.status in ("a_faire", "a_verifier"))

    @property
    def first(self) -> Step | None:
        """« Votre premier pas », the same in the plan, on the dashboard and in the audit (plan/first.py)."""
        return self.open_steps[0] if self.open_steps else None

    @property
    def done(self) -> int:
        return sum(s.status == "fait" for s in self.steps)

    def recently_done(self, limit: int = 3) -> tuple[tuple[Step, str], ...]:
        """The last `limit` steps the counter counts as done, with the day each was last marked, oldest first: a step
        reopened since, or marked done while the audit or the emergency sheet still says otherwise, is not among them."""
        done = {step.id: step for step in self.steps if step.status == "fait"}
        marked = {step_id: at for step_id, at in self.done_history if step_id in done}  # the last « fait » wins
        # in time, not as text (« 10:30+01:00 » is before « 09:45+00:00 »); a day that cannot be read is not recent
        timed = [(when, step_id, at) for step_id, at in marked.items() if (when := moment(at)) is not None]
        ordered = sorted(timed, key=lambda item: item[0])
        return tuple((done[step_id], at) for _when, step_id, at in ordered[-limit:]) if limit > 0 else ()

    @property
    def progress(self) -> str:
        """« 3 étapes faites sur 15 », saying which are done on her word only (no audit has seen them yet)."""
        declared = sum(s.status == "fait" and bool(s.declared) for s in self.steps)
        total = len(self.steps)
        if declared and declared == self.done:
            text = f"{fr.plural(declared, 'étape déclarée faite', 'étapes déclarées faites')} sur {total}"
        else:
            text = f"{fr.plural(self.done, 'étape faite', 'étapes faites')} sur {total}"
            text += f", dont {fr.plural(declared, 'déclarée', 'déclarées')} par vous" if declared else ""
        # before any bilan, « 0 étape faite sur 1 » read as a plan of one step (walkthrough r21)
        return text + (" pour l'instant : le bilan de l'ordinateur en ajoutera d'autres" if self.audit_date is None else "")


def linux_here(past: history.PastAudit):
    """The plan is for this computer, whose last live audit it follows: its Linux distribution is this one's."""
    return distribution.this_machine() if past.os == "linux" and current_platform() == "linux" else None


def audit_how(spec, past: history.PastAudit, chosen, linux) -> tuple[RemediationStep, ...]:
    """A check's steps for the system `past` audited, as `chosen` (StepConditions) selects them, on Linux for the
    distribution `linux` (linux_here)."""
    return distribution.for_machine(chosen.select(spec.meta.remediation.get(past.os, ())), linux)


def _audit_steps(past: history.PastAudit | None) -> tuple[list[Step], str | None]:
    if past is None:
        return [], None
    specs = {spec.id: spec for spec in discover()}
    linux = linux_here(past)
    found = []
    for check_id, status in past.findings.items():
        spec = specs.get(check_id)
        severity = Severity(past.severities.get(check_id, "info"))
        if spec is None or status not in ("fail", "manual", "error") or severity not in SEVERITY_IMPACT:
            continue
        to_check = Status(status).unread
        effort = spec.meta.effort.get(past.os)
        if effort is None:
            continue
        # the steps the audit showed: those its measures left (a program already installed, a step already done),
        # and for a fact it could not read, how to look for oneself
        how = audit_how(spec, past, replace(past.steps_chosen(check_id), unknown=to_check), linux)
        if waiting := waits(check_id):
            how = (RemediationStep(waiting),)  # its buttons are hidden and its commands refused during the incident
        title = past.titles.get(check_id, spec.meta.title)
        found.append(
            Step(
                id=check_id,
                title=_to_check(title) if to_check else title,
                source="audit",
                effort_minutes=effort.minutes,
                impact=SEVERITY_IMPACT[severity],
                why=spec.meta.why,
                how=how,
                reason=f"Bilan du {fr.day(past.started_at)} : {'à vérifier vous-même' if to_check else 'à corriger'}"
                + (", une fois l'incident fermé." if waiting else "."),
                status="a_verifier" if to_check else "a_faire",
                who=autonomy_here(effort.who, how),
                ask_for=effort.ask_for,
                waiting=bool(waiting),
            )
        )
    return found, past.started_at


def waits(step_id: str) -> str:
    """What a step waits for before it can be done or postponed, else "": the backups, while the emergency mode is
    open (backup/emergency.py)."""
    return backup_emergency.plan_step_waits() if step_id == BACKUP_CHECK else ""


def _to_check(title: str) -> str:
    """The title of a step she is to check herself: « Vérifier : … », unless it already says « Vérifier »."""
    return title if title.startswith("Vérifier") else f"Vérifier : {title}"


def unanswered_questions(given: dict[str, tuple[str, str]] | None = None) -> int:
    """How many questions of the questionnaire have no answer yet (in `given`, else in the saved answers)."""
    given = answers.current() if given is None else given
    return sum(question.id not in given for question in questions())


def _question_steps(given: dict[str, tuple[Answer, str]], saved: dict[str, steps.StepState]) -> tuple[list[Step], int]:
    found = []
    for question in questions():
        answer = given.get(question.id, (None, None))[0]
        state = saved.get(question.id)
        if answer == Answer.YES and state is not None and state.status == "fait" and state.answer_before in tuple(Answer):
            answer = Answer(state.answer_before)  # « oui » because it was marked done here: a done step of the plan
        if answer in (None, Answer.YES, Answer.NOT_CONCERNED):  # not answered yet, or nothing to do
            continue
        found.append(question_step(question, answer))
    return found, unanswered_questions(given)


def question_step(question, answer: str) -> Step:
    """A question's step, for an answer « non » or « je ne sais pas »; one she cannot finish alone says so first, as
    an audit step does (« Faites-vous aider : … »)."""
    helped = (RemediationStep(HELP_PREFIX + question.ask_for),) if question.ask_for else ()
    return Step(
        id=question.id,
        title=(question.to_check or _to_check(question.action)) if answer == "nsp" else question.action,
        source="questionnaire",
        effort_minutes=question.effort_minutes,
        impact=WEIGHT_IMPACT[question.weight],
        why=question.why,
        how=helped + tuple(RemediationStep(text, terminal=terminal if terminal != text else None)
                           for text, terminal in zip(question.how, question.how_in_terminal, strict=True)),
        reason="Vous avez répondu « je ne sais pas » : à vérifier." if answer == "nsp" else "Vous avez répondu « non ».",
        status="a_verifier" if answer == "nsp" else "a_faire",
        priority=question.priority,
        who=Autonomy.WITH_HELP if question.ask_for else Autonomy.ALONE,
        ask_for=question.ask_for or None,
    )


EMERGENCY_SHEET = "fiche_reflexe"


def declared_said(step: Step, audit_command: str = "") -> str:
    """What the confirmation of « fait » adds for a step done on her word: whether an audit will check it
    (`audit_command`: how to run it, for the command line)."""
    if step.word_check is WordCheck.CANNOT:
        return ("Gardien ne peut pas vérifier ce point sur cet ordinateur : les prochains bilans ne le remettront pas "
                "dans le plan.")
    audit = f"Le prochain bilan ({audit_command})" if audit_command else "Le prochain bilan"
    return f"{audit} le vérifiera." if step.word_check is WordCheck.NEXT_AUDIT else ""


def _emergency_sheet_step() -> Step:
    """Issue 18: the emergency contacts prepared and the « fiche réflexe » printed (gardien.urgence)."""
    from gardien.urgence.contacts import plan_step_fields

    return Step(**plan_step_fields())


def _apply_state(step: Step, state: steps.StepState | None, audit_date: str | None, today: date) -> Step:
    if state is None:
        return step
    if state.status == "reporte" and state.until and date.fromisoformat(state.until) > today:
        return _replace(step, status="reporte", until=state.until)
    if state.status == "fait" and step.id == EMERGENCY_SHEET and step.status != "fait":
        from gardien.urgence.contacts import changed_at, readiness

        missing = readiness().missing
        if missing:  # marked done in the plan while a contact is missing: not done, said once with what to do
            said = sheet_incomplete(missing)
            return _replace(step, reason=said, contradicted=said)
        changed = changed_at()
        if changed and not at_or_after(state.changed_at, changed):  # the sheet she printed is outdated
            said = ("Marquée faite, mais vos contacts d'urgence ont changé depuis : imprimez la nouvelle fiche, puis "
                    "dites-le à Gardien.")
            return _replace(step, reason=said, contradicted=said)
        return _replace(step, status="fait", declared=f"déclaré le {fr.day(state.changed_at)}")  # her word: the print
    if state.status == "fait":
        declared = f"déclaré le {fr.day(state.changed_at)}"
        # the last audit could not read the fact: no audit will see it, her word stands (it did come back after
        # every audit). Only an audit that measured the problem still there contradicts her.
        if step.source == "audit" and step.status == "a_verifier":
            return _done_on_her_word(step, declared, WordCheck.CANNOT)
        # an audit made after the step was marked done, and still failing, reopens it
        if step.source == "audit" and audit_date and at_or_after(audit_date, state.changed_at):
            return _contradicted(step, "Marqué fait, mais le dernier bilan trouve encore le problème.")
        if step.source == "audit":  # her word until an audit sees it: the last one still saw the problem
            return _done_on_her_word(step, declared, WordCheck.NEXT_AUDIT)
        return _replace(step, status="fait")
    return step


def _done_on_her_word(step: Step, declared: str, check: WordCheck) -> Step:
    return _replace(step, status="fait", declared=f"{declared}, {check.value}", word_check=check)


def sheet_incomplete(missing: tuple[str, ...]) -> str:
    """One sentence: the emergency sheet marked done, and what it lacks; where to note them is the step's « how »,
    in the terminal's words or the interface's."""
    listed = fr.listed(list(missing))
    return f"Marquée faite, mais la fiche n'est pas complète : il manque {listed} ; notez-les, puis imprimez la fiche."


def _contradicted(step: Step, said: str) -> Step:
    return _replace(step, reason=f"{step.reason} {said}", contradicted=said)


def _replace(step: Step, **changes) -> Step:
    return replace(step, **changes)


def build(today: date | None = None, audit: history.PastAudit | None = None) -> Plan:
    """The current plan; `audit`: an audit just made, as the last one (else the last saved one)."""
    from gardien.plan import admin_session, backup_facts, register_facts

    today = today or datetime.now().date()
    past = audit or history.latest()  # read once: the audit's steps and what it saw of the daily account
    audit, audit_date = _audit_steps(past)
    saved, given = steps.states(), answers.current()
    asked, unanswered = _question_steps(given, saved)
    asked = [s for s in asked if s.id != "contacts_crise"] + [_emergency_sheet_step()]  # the sheet covers that question
    asked += _formation_steps(today)
    asked += register_facts.concerned_steps(given, question_step)  # what she told the register concerns her
    states = [_apply_state(s, saved.get(s.id), audit_date, today) for s in _one_step_each(audit + asked)]
    states = _not_measured(states, audit_date)
    states = backup_facts.apply(states, given, question_step, past=past)  # what Gardien measured of its backups
    states = register_facts.apply(states, given, question_step)  # what Gardien reads of its register
    states = admin_session.for_plan(states, past)  # a step needing admin rights says how, once the account is standard
    ordered = quick_first(sorted(states, key=_order), lambda step: step.quick)
    return Plan(tuple(ordered), audit_date, unanswered, tuple(steps.done_events()), pending())


# a question whose step says the same thing as a more concrete one: that one only, saying her answer too
COVERED_BY: dict[str, Callable[[Step], bool]] = {
    "sensibilisation_equipe": lambda step: step.source == "formation",  # the reminder names who has which module
    "mobilite": lambda step: step.id == "wifi_ouvert",  # the audit's open Wi-Fi, with this system's own steps
    # the audit's backup step to do names the copy unplugged and the second one kept elsewhere (check.fr.toml)
    "sauvegarde_hors_ligne": lambda step: step.id == "sauvegarde" and step.status == "a_faire",
    "sauvegarde_hors_site": lambda step: step.id == "sauvegarde" and step.status == "a_faire",
    # the alerts of an antivirus the audit found missing or off: getting or turning one on comes first (PRESUMES)
    "alertes_antivirus": lambda step: step.id == "antivirus" and step.status == "a_faire",
}


def _one_step_each(found: list[Step]) -> list[Step]:
    """One step for one thing (COVERED_BY): the question's step is left out, its answer said in the step kept."""
    kept = list(found)
    for question_id, covers in COVERED_BY.items():
        asked = next((s for s in kept if s.id == question_id), None)
        cover = next((s for s in kept if covers(s)), None)
        if asked is None or cover is None:
            continue
        kept.remove(asked)
        said = f"Au questionnaire (« {asked.title} ») : {asked.reason[0].lower()}{asked.reason[1:]}"
        kept[kept.index(cover)] = _replace(cover, reason=f"{cover.reason} {said}", impact=max(cover.impact, asked.impact))
    return kept


# a question whose step presumes what an audit check measures (the antivirus whose alerts she is to read), with that
# fact in words: when the audit found it missing, the check's step covers the question (COVERED_BY); when no audit
# measured it, the question's step says so and points to the check's step, if any
PRESUMES: dict[str, tuple[str, str]] = {"alertes_antivirus": ("antivirus", "si un antivirus est actif sur cet ordinateur")}


def _not_measured(found: list[Step], audit_date: str | None) -> list[Step]:
    """The question's steps that presume a fact no audit measured say so (round 12: « lire les alertes de
    l'antivirus » while the audit saw none)."""
    by_id = {step.id: step for step in found}
    for question_id, (check_id, fact) in PRESUMES.items():
        asked, check = by_id.get(question_id), by_id.get(check_id)
        if asked is None or asked.status not in ("a_faire", "a_verifier"):
            continue
        if audit_date is None:
            said = f"Aucun bilan n'a encore mesuré {fact}."
        elif check is not None and check.status == "a_verifier":
            said = f"Le dernier bilan n'a pas pu mesurer {fact} : voyez d'abord l'étape « {check.title} »."
        else:
            continue
        found[found.index(asked)] = _replace(asked, reason=f"{asked.reason} {said}")
    return found


def _formation_steps(today: date) -> list[Step]:
    from gardien.formation.tracking import plan_steps  # staff awareness reminders (issue 20)

    return plan_steps(today)


def _order(step: Step) -> tuple:
    state_rank = {"a_faire": 0, "a_verifier": 0, "reporte": 1, "fait": 2}[step.status]
    if step.waiting:  # nothing to do on it for now: after what can be done
        group = 3
    elif step.status == "a_faire" and step.impact >= 2:
        group = 0
    elif step.status == "a_verifier" and step.impact >= 3:
        group = 1
    else:
        group = 2
    return (state_rank, group, -step.impact, step.effort_minutes, step.priority, step.id)


def step_ids() -> set[str]:
    """Every id a step can have: check ids, question ids (kept distinct by a test), the emergency sheet and today's
    formation reminder."""
    from gardien.formation.tracking import plan_step_ids
    from gardien.urgence.contacts import PLAN_STEP

    return {spec.id for spec in discover()} | {q.id for q in questions()} | {PLAN_STEP} | plan_step_ids()


def typed_id(step_id: str) -> str:
    """What she types for the step `step_id` (Step.typed_id)."""
    from gardien.formation.tracking import PLAN_STEP_PREFIX, PLAN_STEP_TYPED

    return PLAN_STEP_TYPED if step_id.startswith(PLAN_STEP_PREFIX) else step_id


def typed_step_id(given: str) -> str:
    """The step id behind what she typed: « formation » is today's training reminder (Step.typed_id); any other word is
    the id itself."""
    from gardien.formation.tracking import PLAN_STEP_TYPED, plan_step_ids

    if given == PLAN_STEP_TYPED:
        return next(iter(sorted(plan_step_ids())), given)  # at most one; none: « formation » stays unknown
    return given


def step_title(step_id: str, plan: Plan) -> str | None:
    """A step's title, also once it left the plan (a question's step done means the answer is now « oui »)."""
    titles = {step.id: step.title for step in plan.steps}
    titles.update((q.id, q.action) for q in questions() if q.id not in titles)
    titles.update((spec.id, spec.meta.title) for spec in discover() if spec.id not in titles)
    return titles.get(step_id)
