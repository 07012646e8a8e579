"""The CNIL notification draft of an incident: a moment she typed is said « déclaré », and the deadline is not
computed, as if certain, from a later moment than the one she declared. Hand-written moments; the journal is real."""

from __future__ import annotations

from datetime import datetime, timedelta

from gardien import fr
from gardien.registre import breaches
from gardien.urgence import journal, state
from gardien.urgence.incident import cnil_notification, find
from gardien.urgence.journal import EntryKind


def _said(draft) -> str:
    text = draft.intro + "\n" + "\n".join(f"{h} : {t}" for h, t in draft.sections)
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def _declare(incident: str, moment: datetime) -> None:
    journal.append(incident, EntryKind.ONSET, f"Vos fichiers ont cessé de s'ouvrir le {fr.day_and_time(moment)} (déclaré).",
                   {"depuis": moment.isoformat(timespec="minutes")})


def test_a_declared_earlier_moment_is_said_declared_and_moves_the_deadline_earlier():
    """Failed on main: she declared her files stopped opening 80 hours before she opened the emergency mode; the
    draft said « si possible avant » the opening plus 72 hours, a deadline three days away, and never named her
    moment."""
    emergency = state.open_(state.Origin.USER, "")
    declared = (datetime.now().astimezone() - timedelta(hours=80)).replace(second=0, microsecond=0)
    _declare(emergency.incident, declared)
    incident = find()
    said = _said(cnil_notification(incident))
    assert "déclaré" in said and fr.day_and_time(declared).replace("\u00a0", " ").replace("\u202f", " ") in said
    later = breaches.when_text(incident.deadline().isoformat())
    assert f"si possible avant le {later}" not in said, said
    assert breaches.CNIL_LATE_TEXT in said, said


def test_a_declared_moment_is_only_a_latest_date_of_the_breach():
    """Failed on main: « Date de la violation : à compléter », though she had said when her files stopped opening."""
    emergency = state.open_(state.Origin.USER, "")
    declared = (datetime.now().astimezone() - timedelta(hours=5)).replace(second=0, microsecond=0)
    _declare(emergency.incident, declared)
    sections = dict(cnil_notification(find()).sections)
    violation = sections["Date de la violation"]
    assert violation.startswith("au plus tard le ") and "déclaré" in violation, violation


def test_without_a_declared_moment_the_opening_stays_the_discovery():
    emergency = state.open_(state.Origin.USER, "")
    assert emergency.incident
    incident = find()
    said = _said(cnil_notification(incident))
    assert f"si possible avant le {breaches.when_text(incident.deadline().isoformat())}" in said.replace("\u00a0", " ")
    assert "déclaré" not in said


def test_the_plan_says_a_typed_discovery_date_is_declared():
    """Failed on main: « Violation découverte le … » and its deadline, for a date she typed in the register, read as
    if Gardien had recorded it."""
    from gardien.plan import deadlines

    typed = (datetime.now().astimezone() - timedelta(hours=3)).strftime("%d/%m/%Y %H:%M")
    breaches.record(breaches.manual(typed, "Clé USB perdue."))
    pending = deadlines.pending()
    due = pending.due[0]
    # round 24: said once above the plan's deadlines, not in each title and text
    assert pending.declared_note == breaches.DEADLINES_DECLARED, pending
    assert "déclarée" not in due.why and "déclarée" not in due.title, (due.title, due.why)
