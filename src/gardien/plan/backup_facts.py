"""What Gardien measured of its own backups, against the questionnaire's backup questions (walkthrough, round 11:
right after a successful restore test the plan's first step was still « Tester une restauration — vous avez répondu
« non » »).

A fact measured recently settles the question's step (done, « vérifié par Gardien le … », her answer still said);
a measured failure keeps or brings the step back whatever was answered or marked done. Measured here:
- the restore test (restauration_testee): a successful one less than six months old (SAUV-04), or a test that found a
  damaged copy, not followed by a successful one on that copy (backup/operations.py);
- the copy kept away from the practice (sauvegarde_hors_site): the 3-2-1 rule met, with an up-to-date copy on a disk
  she declared kept elsewhere or on a server (backup/status.py).
Whether the disk is unplugged after each backup (sauvegarde_hors_ligne) cannot be measured: her answer stands.

The audit's own backup step (checks/sauvegarde) follows the backups too (walkthrough, round 13: after a backup and a
successful restore test the plan still said « Sauvegarde récente — critique, à corriger » until a new audit). A backup
or restore test Gardien recorded after the last audit is newer than it: Gardien's backups are judged again as the
audit's check judges them (own_verdict), and that verdict wins. The rule met, the step is done, « vérifié par
Gardien », and stays counted as done after the next audit, which then measures the same.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from gardien import fr
from gardien.errors import GardienError
from gardien.plan.moments import moment
from gardien.questionnaire.questions import ANSWER_LABEL, Answer, questions

BACKUP_STEP = "sauvegarde"  # the audit's check of the backups, and its plan step
RESTORE_TESTED = "restauration_testee"
KEPT_AWAY = "sauvegarde_hors_site"


@dataclass(frozen=True)
class Fact:
    done: bool  # True: measured done; False: measured failing
    said: str  # one sentence, with the day Gardien measured it


def facts(now: datetime | None = None) -> dict[str, Fact]:
    """Question id -> what Gardien measured; empty when no backup is set up or its files cannot be read (the
    backup page says why): the answers then stand."""
    from gardien.backup import config, state, status

    try:
        configuration = config.load()
        report = status.report(configuration, now)
        recorded = state.load()
    except GardienError:
        return {}
    found = {}
    restore = _restore_fact(report.destinations, recorded)
    if restore is not None:
        found[RESTORE_TESTED] = restore
    away = [r for r in report.destinations if r.compte and (r.hors_site_declare or r.distant)]
    if report.regle_3_2_1 and away:
        row = max(away, key=lambda r: moment(r.derniere_sauvegarde) or datetime.min.astimezone())
        whose = "d'après l'adresse du serveur" if row.distant else "c'est vous qui l'avez déclaré"
        found[KEPT_AWAY] = Fact(True, f"Copie à jour sur {row.appellation} (vérifié par Gardien le "
                                      f"{fr.day(row.derniere_sauvegarde)} ; hors du cabinet : {whose}).")
    return found


def _restore_fact(rows: Iterable, recorded: dict[str, dict[str, dict]]) -> Fact | None:
    from gardien.backup.state import Event
    from gardien.backup.status import RESTORE_TEST_DAYS

    rows = list(rows)
    for row in rows:  # a damaged copy found, and no good test on it since: the failure stands
        entry = recorded.get(row.destination, {})
        failed, verified = entry.get(Event.VERIFY_FAILED), entry.get(Event.VERIFIED)
        failed_at = moment(failed["date"]) if failed else None
        verified_at = moment(verified["date"]) if verified else None
        if failed_at is not None and (verified_at is None or failed_at > verified_at):
            return Fact(False, f"La restauration d'essai faite par Gardien le {fr.day(failed['date'])} sur "
                               f"{row.appellation} a échoué : {str(failed.get('message') or 'copie abîmée.')}")
    recent = [r for r in rows if r.derniere_verification and r.jours_depuis_verification is not None
              and 0 <= r.jours_depuis_verification <= RESTORE_TEST_DAYS]
    if not recent:
        return None
    row = min(recent, key=lambda r: r.jours_depuis_verification)
    return Fact(True, f"Restauration d'essai réussie sur {row.appellation} (vérifié par Gardien le "
                      f"{fr.day(row.derniere_verification)}).")


def last_recorded(recorded: dict[str, dict[str, dict]]) -> str | None:
    """The day of the last backup or restore test Gardien recorded, on any copy (ISO), or None."""
    from gardien.backup.state import Event

    dated = [(when, event["date"]) for entry in recorded.values() for name, event in entry.items()
             if name in (Event.BACKUP, Event.PARTIAL, Event.VERIFIED, Event.VERIFY_FAILED)
             and (when := moment(event["date"])) is not None]
    return max(dated)[1] if dated else None


def audit_step(steps: list, past, now: datetime | None = None) -> list:
    """The audit's backup step once the backups Gardien recorded since the audit (`past`, a PastAudit) are read:
    done when they meet the 3-2-1 rule now, else what is left (its title and importance as the audit would say it)."""
    from gardien.backup import state, status
    from gardien.checks.sauvegarde.check import own_verdict
    from gardien.core.context import CannotTell
    from gardien.core.model import Status
    from gardien.parsers import UnknownFormat
    from gardien.plan.moments import at_or_after

    if past is None:
        return steps
    try:
        recorded = state.load()
        last = last_recorded(recorded)
        measured = status.audit_json() if last else ""
        verdict = own_verdict(measured)
    except (GardienError, CannotTell, UnknownFormat):
        return steps
    if verdict is None:
        return steps
    progress = json.loads(measured).get("progression") or ""  # what is done and left, as the backup page says it
    step = next((s for s in steps if s.id == BACKUP_STEP and s.source == "audit"), None)
    newer = not at_or_after(past.started_at, last)
    if verdict.status is Status.PASS:
        said = (f"Règle 3-2-1 respectée, dernière sauvegarde ou restauration d'essai le {fr.day(last)} (vérifié par "
                "Gardien).")
        if step is not None and newer and step.status in ("a_faire", "a_verifier"):
            after = f"Après le bilan du {fr.day(past.started_at)} : "
            return [replace(s, status="fait", declared="", contradicted="", measured=said, reason=after + said)
                    if s is step else s for s in steps]
        if step is None and past.findings.get(BACKUP_STEP) == Status.PASS.value:  # the audit measured it too
            return [*steps, _done_backup_step(past, said)]
        return steps
    if step is not None and newer and step.status == "a_faire" and verdict.title:
        from gardien.core.model import StepConditions, autonomy_here
        from gardien.core.registry import discover
        from gardien.plan.build import SEVERITY_IMPACT, audit_how, linux_here

        said = f"Gardien a fait une sauvegarde le {fr.day(last)}, après le bilan du {fr.day(past.started_at)}"
        said = f"{said}. {progress}" if progress else f"{said} : il reste « {verdict.title} »."
        impact = SEVERITY_IMPACT.get(verdict.severity, step.impact) if verdict.severity else step.impact
        how, who = step.how, step.who
        if not step.waiting:  # the steps left as the audit's check would choose them now (set-up done: not again)
            spec = next(spec for spec in discover() if spec.id == BACKUP_STEP)
            chosen = StepConditions(past.steps_chosen(BACKUP_STEP).installed, verdict.done)
            how = audit_how(spec, past, chosen, linux_here(past))
            effort = spec.meta.effort.get(past.os)
            who = autonomy_here(effort.who, how) if effort else who
        return [replace(s, title=verdict.title, impact=impact, reason=said, how=how, who=who) if s is step else s
                for s in steps]
    if step is not None and step.status == "a_faire" and progress:  # the audit measured them: what is done and left
        return [replace(s, reason=f"{s.reason} {progress}") if s is step else s for s in steps]
    return steps


def _done_backup_step(past, said: str):
    """The audit's backup step, done as the audit and Gardien's backups measured it: still counted in the plan."""
    from gardien.core.model import Autonomy
    from gardien.core.registry import discover
    from gardien.plan.build import Step

    spec = next(spec for spec in discover() if spec.id == BACKUP_STEP)
    effort = spec.meta.effort.get(past.os)
    return Step(id=BACKUP_STEP, title=past.titles.get(BACKUP_STEP, spec.meta.title), source="audit",
                effort_minutes=effort.minutes if effort else 30, impact=4, why=spec.meta.why, how=(),
                reason=f"Bilan du {fr.day(past.started_at)} : en ordre. {said}", status="fait", measured=said,
                who=effort.who if effort else Autonomy.ALONE)


def apply(steps: list, given: dict[str, tuple[str, str]], question_step, now: datetime | None = None,
          past=None) -> list:
    """The plan's steps once Gardien's measures are read: a question measured done is done (whatever she answered or
    marked), one measured failing is to do, added when her answer or a « fait » had taken it out of the plan; the
    audit's backup step as the backups made since the audit `past` say (audit_step).
    `question_step(question, answer)` makes a question's step as the plan does."""
    steps = audit_step(steps, past, now)
    found = facts(now)
    if not found:
        return steps
    asked = {q.id: q for q in questions()}
    result = []
    for step in steps:
        fact = found.pop(step.id, None) if step.source == "questionnaire" else None
        if fact is None:
            result.append(step)
        elif fact.done:
            result.append(replace(step, title=asked[step.id].action, status="fait", declared="", contradicted="",
                                  measured=fact.said, reason=f"{fact.said} Au questionnaire : {_answered(given, step.id)}."))
        else:
            result.append(replace(step, title=asked[step.id].action, status="a_faire", declared="",
                                  reason=f"{fact.said} Au questionnaire : {_answered(given, step.id)}.",
                                  contradicted=fact.said if step.status == "fait" else step.contradicted))
    for question_id, fact in found.items():  # answered « oui » (or not yet): a measured failure brings the step in
        if not fact.done and question_id in asked:
            made = question_step(asked[question_id], Answer.NO)
            result.append(replace(made, reason=f"{fact.said} Au questionnaire : {_answered(given, question_id)}."))
    return result


def _answered(given: dict[str, tuple[str, str]], question_id: str) -> str:
    answer = given.get(question_id, (None, None))[0]
    return f"vous avez répondu « {ANSWER_LABEL[Answer(answer)].lower()} »" if answer in set(Answer) else "pas encore de réponse"
