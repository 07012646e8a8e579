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
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from gardien import fr
from gardien.errors import GardienError
from gardien.plan.moments import moment
from gardien.questionnaire.questions import ANSWER_LABEL, Answer, questions

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


def apply(steps: list, given: dict[str, tuple[str, str]], question_step, now: datetime | None = None) -> list:
    """The plan's steps once Gardien's measures are read: a question measured done is done (whatever she answered or
    marked), one measured failing is to do, added when her answer or a « fait » had taken it out of the plan.
    `question_step(question, answer)` makes a question's step as the plan does."""
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
