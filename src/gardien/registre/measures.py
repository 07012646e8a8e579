"""The register's security-measures section (art. 30.1.g), filled from what Gardien knows, read-only: the last audit
of this computer (store/history), the questionnaire answers (store/answers) and the backups (backup/).

Each measure says when it was last checked, and whether Gardien verified it or the practitioner declared it.
Computed each time it is shown or exported, never stored: it cannot go stale in the register.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from gardien import fr
from gardien.errors import GardienError
from gardien.plan.moments import at_or_after

if TYPE_CHECKING:
    from gardien.questionnaire.questions import Question
    from gardien.store.history import PastAudit

log = logging.getLogger("gardien.registre")


class MeasureState(StrEnum):
    VERIFIED = "verifie"  # Gardien checked it: in place
    PARTLY_DECLARED = "verifie_en_partie"  # in place: Gardien checked part of it, the practitioner declared the rest
    FAILED = "a_corriger"  # Gardien checked it: not in place
    DECLARED = "declare"  # the practitioner said yes
    DECLARED_ABSENT = "declare_absent"  # the practitioner said no
    CONTRADICTED = "declare_contredit"  # the practitioner said yes, the last audit measured it to fix
    NOT_CONCERNED = "non_concerne"  # the practitioner said the question does not concern her (never « en place »)
    NONE = "aucune"  # Gardien's own records hold none (no backup set up, no test restore): measured, not unknown
    TO_CHECK = "a_verifier"  # nobody knows yet: the audit's word for what it could not settle

    @property
    def label(self) -> str:
        return STATE_LABEL[self]


STATE_LABEL = {
    MeasureState.VERIFIED: "En place (vérifié par Gardien)",
    MeasureState.PARTLY_DECLARED: "En place (en partie déclaré)",
    MeasureState.FAILED: "À corriger (vérifié par Gardien)",
    MeasureState.DECLARED: "En place (déclaré)",
    MeasureState.DECLARED_ABSENT: "Pas en place (déclaré)",
    MeasureState.CONTRADICTED: "Déclaré en place, contredit par le dernier bilan",
    MeasureState.NOT_CONCERNED: "Non concerné (déclaré)",
    MeasureState.NONE: "Aucune (vérifié par Gardien)",
    MeasureState.TO_CHECK: "À vérifier",  # as the audit and the plan say it (walkthrough r14: « Inconnu » here)
}


class Group(StrEnum):
    AUDIT = "audit"
    BACKUP = "sauvegarde"
    DECLARED = "questionnaire"
    END_OF_LIFE = "fin_de_vie"


GROUP_TITLE = {
    Group.AUDIT: "Cet ordinateur, vérifié par Gardien",
    Group.BACKUP: "Sauvegardes faites par Gardien",
    Group.DECLARED: "Déclaré au questionnaire de Gardien",
    Group.END_OF_LIFE: "Appareils sortis du cabinet (certificats de fin de vie, déclarés)",
}


# The section's heading and what it says of itself, on the web page and in `gardien registre voir` alike (walkthrough
# r19: the terminal did not show the section at all)
SECTION_TITLE = "Mesures de sécurité"
SECTION_INTRO = ("Tirées de ce que Gardien sait : son dernier bilan de cet ordinateur, vos sauvegardes et vos réponses au "
                 "questionnaire. Elles sont recalculées à chaque export.")


# A line under a group's title where its words could be misread: « déclaré » here is her answers to the questionnaire,
# not the interview of the register (walkthrough, round 15).
GROUP_NOTE = {Group.DECLARED: "Ce que vous avez répondu au questionnaire de Gardien : Gardien ne l'a pas vérifié."}


def group_titles() -> dict[Group, str]:
    """GROUP_TITLE, saying that this computer's measures are not the other computers' of the practice when it has
    some (plan/other_computers.py): the register is the practice's."""
    from gardien.plan.other_computers import AUDIT_GROUP_TITLE, several

    return {**GROUP_TITLE, Group.AUDIT: AUDIT_GROUP_TITLE} if several() else dict(GROUP_TITLE)


@dataclass(frozen=True)
class Measure:
    group: Group
    label: str
    state: MeasureState
    checked_at: str | None  # ISO date of the last check or answer; None when never
    detail: str = ""
    sources: tuple[str, ...] = ()

    @property
    def when(self) -> str:
        return f"le {fr.day(self.checked_at)}" if self.checked_at else "jamais"

    def lines(self) -> list[str]:
        """The measure as `gardien registre voir` says it: the web table's four columns, in two lines."""
        return [f"  • {self.label} : {self.state.label} — dernier contrôle : {self.when}"] + ([f"    {self.detail}"] if self.detail else [])


def security_measures() -> list[Measure]:
    from gardien.store import history

    try:
        audit, unreadable = history.latest(), False
    except (GardienError, sqlite3.Error, ValueError) as exc:
        log.warning("historique des bilans illisible pour le registre : %s", exc)
        audit, unreadable = None, True
    return _from_audit(audit, unreadable) + _from_backups() + _from_answers(audit) + _from_end_of_life()


def _from_audit(audit: PastAudit | None, unreadable: bool) -> list[Measure]:
    from gardien.core.model import Status
    from gardien.core.registry import discover, passed_title

    if unreadable:
        return [Measure(Group.AUDIT, "Bilan de cet ordinateur", MeasureState.TO_CHECK, None,
                        "L'historique des bilans est illisible : refaites un bilan.")]
    if audit is None:
        return [Measure(Group.AUDIT, "Bilan de cet ordinateur", MeasureState.TO_CHECK, None,
                        "Aucun bilan de cet ordinateur n'est encore enregistré.")]
    states = {Status.PASS: MeasureState.VERIFIED, Status.FAIL: MeasureState.FAILED}
    declared = _declared_done()
    backup_since = _backup_since(audit.started_at)
    measures = []
    for spec in discover():
        status = audit.findings.get(spec.id)
        if status is None or status == Status.NOT_APPLICABLE:
            continue
        state = states.get(Status(status), MeasureState.TO_CHECK)
        detail = ""
        if state is MeasureState.TO_CHECK:  # as the audit says it: « À vérifier — déclaré fait le … » (round 16)
            detail = (f"Déclaré fait le {fr.day(declared[spec.id])} dans votre plan ; Gardien n'a pas pu le vérifier."
                      if spec.id in declared else "Gardien n'a pas pu le vérifier : à contrôler vous-même.")
        if spec.id == BACKUP_CHECK and state is not MeasureState.VERIFIED and backup_since:
            detail = backup_since  # « Sauvegarde récente — À corriger » beside a copy made since (walkthrough r19)
        # a passed check is said as the good state measured, not by a title naming the bad thing (walkthrough r19)
        label = audit.titles.get(spec.id, spec.meta.title)
        label = passed_title(spec.id, label) if state is MeasureState.VERIFIED else label
        measures.append(Measure(Group.AUDIT, label, state, audit.started_at, detail, tuple(s.id for s in spec.meta.sources)))
    return measures


BACKUP_CHECK = "sauvegarde"  # the audit's check that Gardien's own backups, made after it, may have settled


def _backup_since(audited_at: str) -> str:
    """What the dashboard says (plan/since_audit.py) when Gardien recorded a backup or a restore test after the audit:
    the audit's « Sauvegarde récente » is that day's measure, the copies below are newer; "" otherwise."""
    from gardien.plan.since_audit import backup_after

    when = backup_after(audited_at)
    if when is None:
        return ""
    return (f"Depuis ce bilan, une sauvegarde ou une restauration d'essai a été faite avec Gardien, le {fr.day_and_time(when)} "
            "(voir « Sauvegardes faites par Gardien ») : refaites le bilan pour mettre cette ligne à jour.")


def _declared_done() -> dict[str, str]:
    """Check id -> when she marked its step done in the plan; empty when the plan's states cannot be read."""
    from gardien.store import steps

    try:
        return {step_id: state.changed_at for step_id, state in steps.states().items() if state.status == "fait"}
    except (GardienError, sqlite3.Error) as exc:
        log.warning("états du plan illisibles pour le registre : %s", exc)
        return {}


def _from_backups() -> list[Measure]:
    from gardien.backup import config
    from gardien.backup import status as backup_status

    if not config.path().is_file():  # known, measured now: not « unknown », never « jamais » checked
        return [Measure(Group.BACKUP, "Sauvegarde avec Gardien", MeasureState.NONE, _now(),
                        "Aucune sauvegarde n'est configurée dans Gardien.", ("SAUV-01",))]
    try:
        status = backup_status.report(config.load()).to_dict()
    except GardienError as exc:
        return [Measure(Group.BACKUP, "Sauvegarde avec Gardien", MeasureState.TO_CHECK, None, exc.message, ("SAUV-01",))]
    measures = []
    for row in status["destinations"]:
        name = row["appellation"]  # « le disque du cabinet », not the command line's « disque-1 »
        last = row["derniere_sauvegarde"]
        # verified only when the copy is recent, complete and measured on another disk than the protected folders
        state = (MeasureState.VERIFIED if row["compte"] else MeasureState.TO_CHECK if row["inconnu"]
                 else MeasureState.FAILED)
        measures.append(Measure(
            Group.BACKUP, f"Copie chiffrée sur {name}", state, last,
            ("Copie à jour sur un autre disque (mesuré)." if row["compte"] else f"Ne compte pas : {row['pourquoi']}.")
            + (" Copie gardée hors du cabinet ou débranchée (déclaré)." if row["hors_site_declare"] else ""),
            ("SAUV-01",)))
        verified = row["derniere_verification"]
        measures.append(Measure(
            Group.BACKUP, f"Restauration d'essai depuis {name}",
            MeasureState.VERIFIED if verified else MeasureState.NONE, verified or _now(),
            # what that test really compared (walkthrough r19: « comparés aux originaux » after a test that compared 0)
            fr.capitalised(backup_status.restore_test_said(row["verification_fichiers"], row["verification_comparees"])) + "."
            if verified else "Aucune restauration d'essai enregistrée.",
            ("SAUV-04",)))
    measures.append(Measure(Group.BACKUP, "Règle 3-2-1", _rule_state(status),
                            max((r["derniere_sauvegarde"] for r in status["destinations"] if r["derniere_sauvegarde"]), default=None),
                            status["phrase"], ("SAUV-01",)))
    return measures


def _now() -> str:
    """When a measure Gardien reads from its own records was checked: now (the section is computed when shown)."""
    from datetime import datetime

    return datetime.now().astimezone().isoformat(timespec="seconds")


def _rule_state(status: dict) -> MeasureState:
    """The 3-2-1 rule: the copies and their disks are measured, but a disk is « hors du cabinet » on the practitioner's
    word; only a copy on a server is away by its address."""
    if not status["regle_3_2_1"]:
        return MeasureState.FAILED
    away_by_address = any(row["compte"] and row["distant"] for row in status["destinations"])
    return MeasureState.VERIFIED if away_by_address else MeasureState.PARTLY_DECLARED


def _from_answers(audit: PastAudit | None) -> list[Measure]:
    from gardien.questionnaire.questions import Answer, questions, register_conflict, register_note, settled_reason
    from gardien.store import answers

    try:
        given = answers.current()
    except (GardienError, sqlite3.Error) as exc:
        log.warning("réponses au questionnaire illisibles pour le registre : %s", exc)
        return [Measure(Group.DECLARED, "Questionnaire", MeasureState.TO_CHECK, None, "Les réponses au questionnaire sont illisibles.")]
    states = {Answer.YES: MeasureState.DECLARED, Answer.NO: MeasureState.DECLARED_ABSENT, Answer.UNKNOWN: MeasureState.TO_CHECK,
              Answer.NOT_CONCERNED: MeasureState.NOT_CONCERNED}
    at_practice = _every_gardien_copy_at_practice()
    failing = _measured_failing()
    measures = []
    for q in questions():
        if q.id not in given:
            continue
        answer, answered_at = given[q.id]
        state = states.get(answer, MeasureState.TO_CHECK)
        reason = settled_reason(q.id, given)
        detail = ("Réponse « je ne sais pas »." if answer is Answer.UNKNOWN
                  else f"Question passée, {reason}." if reason else "")
        if q.id in given.from_register or register_conflict(q.id, given):  # the register answered, or says otherwise
            detail = register_note(q.id, given)
            state = state if q.id in given.from_register else MeasureState.TO_CHECK
        against = contradiction(q, answered_at, audit, at_practice) if answer is Answer.YES else ""
        if answer is Answer.YES and q.id in failing:  # Gardien's own backups measured it failing (as the plan says)
            against = f"Déclaré en place le {fr.day(answered_at)}, mais {failing[q.id]}"
        if against:
            state, detail = MeasureState.CONTRADICTED, against
        state, detail = _register_read(q.id, state, detail)
        measures.append(Measure(Group.DECLARED, q.action, state, answered_at, detail, tuple(s.id for s in q.sources)))
    unanswered = sum(1 for q in questions() if q.id not in given)
    if unanswered:
        measures.append(Measure(Group.DECLARED, "Questions sans réponse", MeasureState.TO_CHECK, None,
                                f"{fr.plural(unanswered, 'question')} du questionnaire de Gardien sans réponse."))
    return measures


def _register_read(question_id: str, state: MeasureState, detail: str) -> tuple[MeasureState, str]:
    """The register's own line (« Tenir le registre des traitements ») as Gardien reads the register, as the plan
    does (plan/register_facts.py): complete, in place; elements left, to complete. Her answer otherwise."""
    from gardien.plan.register_facts import REGISTER_QUESTION
    from gardien.registre.facts import completeness

    read = completeness() if question_id == REGISTER_QUESTION else None
    if read is None:
        return state, detail
    if read.to_complete == 0:
        return MeasureState.VERIFIED, "Registre tenu dans Gardien, complet."
    left = fr.plural(read.to_complete, "élément reste", "éléments restent")
    return MeasureState.FAILED, f"Le registre existe dans Gardien, mais {left} « à compléter »."


OFF_SITE_QUESTION = "sauvegarde_hors_site"  # the question a copy declared « au cabinet » cannot answer


def contradiction(question: Question, answered_at: str, audit: PastAudit | None, at_practice: bool = False) -> str:
    """The sentence saying that the last audit measured, to fix, what the practitioner declared in place; "" when it
    does not. A failure milder than the check's own severity is a partial one (one backup copy found, the second
    missing): it does not contradict a « oui » (a disconnected copy may be that very one), so it is left out — unless
    the question names the check in `measured_by_any_failure` (no antivirus found on Linux is rated lower), and except
    for the off-site copy when every copy Gardien makes is declared at the practice (`at_practice`): the copy found
    cannot be the one kept elsewhere."""
    from gardien.core.model import Severity, Status
    from gardien.core.registry import discover

    if audit is None or not (question.measured_by or question.measured_by_any_failure):
        return ""
    partial_counts = at_practice and question.id == OFF_SITE_QUESTION
    specs = {spec.id: spec for spec in discover()}
    failed = [
        audit.titles.get(check_id, specs[check_id].meta.title)
        for check_id in question.measured_by + question.measured_by_any_failure
        if check_id in specs and audit.findings.get(check_id) == Status.FAIL
        and (partial_counts or check_id in question.measured_by_any_failure
             or Severity(audit.severities.get(check_id, specs[check_id].meta.severity)) is specs[check_id].meta.severity)
    ]
    if not failed:
        return ""
    measured = " ; ".join(f"« {title} »" for title in failed)
    said = f"Déclaré en place le {fr.day(answered_at)}, mais le dernier bilan, le {fr.day(audit.started_at)}, a mesuré {measured} : à corriger."
    if partial_counts:
        said += (" Les copies faites par Gardien sont toutes au cabinet (déclaré par vous) : seule une copie faite sans "
                 "Gardien pourrait être gardée ailleurs.")
    # her answer came after that audit: it may have been fixed since (an unreadable date is not « after »)
    if not at_or_after(audit.started_at, answered_at):
        said += " Refaites un bilan pour le confirmer."
    return said


def _measured_failing() -> dict[str, str]:
    """Question id -> what Gardien measured failing of its own backups (plan/backup_facts.py: a test restore that
    found a damaged copy), lower-cased to follow « mais »; the plan brings these steps back whatever she answered."""
    from gardien.plan import backup_facts

    return {question_id: fact.said[:1].lower() + fact.said[1:]
            for question_id, fact in backup_facts.facts().items() if not fact.done}


def _every_gardien_copy_at_practice() -> bool:
    """Gardien makes backups, and every destination is declared at the practice (none declared away, none on a
    server); False when nothing is set up or the state cannot be read (nothing then contradicts her word)."""
    from gardien.backup import config
    from gardien.backup import status as backup_status

    if not config.path().is_file():
        return False
    try:
        rows = backup_status.report(config.load()).destinations
    except GardienError:
        return False
    return bool(rows) and not any(row.hors_site_declare or row.distant for row in rows)


def _from_end_of_life() -> list[Measure]:
    """One line per end-of-life certificate (gardien.fin_de_vie): the device, and whether every step was done."""
    from gardien.fin_de_vie import certificat

    try:
        made = certificat.load_all()
    except GardienError as exc:
        return [Measure(Group.END_OF_LIFE, "Certificats de fin de vie", MeasureState.TO_CHECK, None, exc.message, ("POSTE-09",))]
    return [_end_of_life_line(certificate) for certificate in made]


def _end_of_life_line(certificate) -> Measure:
    """A certificate as a line of the register: declared in place when every step was done (or had no object)."""
    state = MeasureState.DECLARED if certificate.complete else MeasureState.DECLARED_ABSENT
    return Measure(Group.END_OF_LIFE, f"Effacement avant sortie : {certificate.heading}", state, certificate.created_at,
                   _end_of_life_detail(certificate), ("POSTE-09",))


def _end_of_life_detail(certificate) -> str:
    """Its number, then the steps not done, those left for after it, and the backup Gardien did not see, in that order."""
    said = [f"Certificat n° {certificate.id}."]
    if certificate.left_undone:
        undone = "Pas faites" if len(certificate.left_undone) > 1 else "Pas faite"
        said.append(f"{undone} : {_titles(certificate.left_undone)}.")
    if certificate.after:
        said.append(f"À faire après le certificat : {_titles(certificate.after)}.")
    if certificate.no_backup_seen:
        said.append("Gardien ne voyait aucune sauvegarde en place.")
    return " ".join(said)


def _titles(steps) -> str:
    return " ; ".join(step.title for step in steps)
