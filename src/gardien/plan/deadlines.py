"""Deadlines the plan shows before any step: a data breach whose CNIL decision is still open (INC-06, art. 33.1).

The 72 hours run from the discovery. The register of violations (gardien.registre.breaches) is the one place that
knows them; the plan only reads it, and the decision is recorded there (« gardien registre violations suivi », or
the violation's page of the register in the interface), never by « gardien plan fait ».
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from gardien.core.model import Source
from gardien.core.registry import sources
from gardien.errors import GardienError
from gardien.registre import breaches
from gardien.urgence.incident import number_of

SOURCE_ID = "INC-06"
CNIL_FORM = breaches.CNIL_NOTIFY_URL


@dataclass(frozen=True)
class NotificationDue:
    """One breach of the register whose notification to the CNIL is still « à décider »."""

    violation_id: str
    discovered: str  # « 29/11/2026 à 22h55 »
    deadline: str  # ISO: discovery + 72 hours
    deadline_text: str  # « 02/12/2026 à 22h55 »
    overdue: bool
    description: str
    incident_id: str = ""  # the emergency mode's incident, whose CNIL draft Gardien can write; "" for a typed entry
    incident_number: int = 0  # that incident's number, as « gardien urgence journal liste » shows it and « --incident » takes it
    declared: bool = False  # the discovery date was typed by her (register), not journaled by Gardien

    # Whether her date is declared is said once for the screen (Deadlines.declared_note), not in each title (round 24).
    @property
    def title(self) -> str:
        """The heading and how its date is counted, in one line (the plan's JSON)."""
        return f"{self.heading} ({self.counted.removesuffix('.')})" if self.counted else self.heading

    @property
    def heading(self) -> str:
        """The banner's bold line: what to do, and by when (review r24: the count in it made four bold lines)."""
        if self.overdue:
            return (f"Violation de données — {breaches.CNIL_LATE_TEXT} (le {self.discovered}), notifiez-la "
                    "quand même à la CNIL, en expliquant le retard")
        return f"Violation de données — la CNIL doit être prévenue si possible avant le {self.deadline_text}"

    @property
    def counted(self) -> str:
        """Under the heading, in normal weight: how the deadline is counted; "" once it has passed. Whether her date
        is declared is said once for the screen, not here."""
        if self.overdue:
            return ""
        return f"{breaches.counted_said(datetime.fromisoformat(self.deadline))}."

    @property
    def why(self) -> str:
        found = f"Violation découverte le {self.discovered} : « {self.description.rstrip(' .')} »."
        if self.overdue:
            return (f"{found} Notifiez la CNIL quand même, en expliquant le retard. {breaches.NO_RISK_SENTENCE} "
                    "Dans les deux cas, votre décision doit figurer au registre des violations.")
        return (f"{found} Si des données de patients ont pu être vues, modifiées, perdues ou rendues inaccessibles, la "
                f"CNIL doit être prévenue {breaches.CNIL_DELAY_TEXT} après la découverte (au-delà, en expliquant le "
                f"retard). {breaches.NO_RISK_SENTENCE} Dans les deux cas, votre décision doit figurer au registre des "
                "violations.")

    @property
    def source(self) -> Source:
        return sources()[SOURCE_ID]


@dataclass(frozen=True)
class Deadlines:
    due: tuple[NotificationDue, ...]
    unreadable: str = ""  # the register could not be read: said, never taken for « nothing pending »
    declared_note: str = ""  # breaches.declared_note: said once above the deadlines


def pending(now: datetime | None = None) -> Deadlines:
    """The breaches whose CNIL decision is still open, the nearest deadline first."""
    now = now or datetime.now().astimezone()
    try:
        entries = breaches.all_violations()
    except (GardienError, OSError, ValueError) as exc:  # a damaged register or journal: say so in the plan
        said = getattr(exc, "diagnosis", "") or getattr(exc, "web_message", "") or str(exc)
        return Deadlines((), f"Le registre des violations n'a pas pu être lu. {said} S'il contient une violation dont "
                             "la notification à la CNIL reste à décider, Gardien ne peut pas vous la rappeler ici.")
    due = [
        NotificationDue(
            violation_id=v.id, discovered=breaches.when_text(v.discovered_at), deadline=v.deadline.isoformat(),
            deadline_text=breaches.deadline_text(v.deadline), overdue=v.overdue(now),
            description=v.description,
            incident_id=v.id[1:] if v.source is breaches.ViolationSource.INCIDENT_JOURNAL else "",
            incident_number=number_of(v.id) if v.source is breaches.ViolationSource.INCIDENT_JOURNAL else 0,
            declared=v.source is breaches.ViolationSource.MANUAL,
        )
        for v in entries if v.cnil is breaches.Decision.TO_DECIDE
    ]
    return Deadlines(tuple(sorted(due, key=lambda d: d.deadline)), declared_note=breaches.declared_note(entries))


URGENT = "Urgent :"  # what names it first, in the terminal and on the pages (one wording for both)


@dataclass(frozen=True)
class FirstOfAll:
    """What comes before any step of the audit: an open emergency, a CNIL decision to take (the plan and the dashboard
    put it first; the audit names it in one line so that the three views agree)."""

    text: str
    command: str  # where to go, in the terminal
    page: str  # where to go, in the interface
    link: str  # the link's words
    note: str = ""  # a line under it, not in bold: how a CNIL deadline is counted

    @property
    def label(self) -> str:
        return URGENT

    @property
    def after_label(self) -> str:
        """The text as it reads after « Urgent : », in lower case (« Urgent : violation de données — … »), one colon."""
        from gardien import fr

        return fr.after_colon(self.text)

    @property
    def in_terminal(self) -> str:
        return f"{URGENT} {self.after_label} Voir : {self.command}"

    @property
    def note_line(self) -> str:
        """What follows in_terminal, in normal weight: the note on its own line, then a blank line."""
        return f"{self.note}\n" if self.note else ""


def first_of_all(deadlines: Deadlines | None = None) -> FirstOfAll | None:
    """The line the audit shows first; None when no emergency is open and no CNIL decision is waiting."""
    from gardien.urgence import state

    deadlines = pending() if deadlines is None else deadlines
    first = deadlines.due[0] if deadlines.due else None
    decision = f" {first.heading}." if first else ""
    # the audit's line is the only mention of this deadline on its screen: it says the declared date itself
    note = " ".join(part for part in (first.counted, breaches.DEADLINES_DECLARED if first.declared else "") if part) if first else ""
    try:
        emergency = state.current()
    except GardienError:  # unreadable: said, never taken for « no emergency »
        return FirstOfAll(f"L'état du mode urgence n'a pas pu être lu : Gardien ne peut pas dire si un incident est en "
                          f"cours.{decision}", "gardien urgence", "/urgence", "Voir le mode urgence", note)
    if emergency is not None:
        return FirstOfAll(f"Un incident est en cours : le mode urgence est ouvert depuis le "
                          f"{breaches.when_text(emergency.opened_at)}.{decision}", "gardien urgence", "/urgence",
                          "Voir le mode urgence", note)
    if deadlines.due:
        return FirstOfAll(decision.strip(), "gardien plan", "/plan", "Voir mon plan", note)
    if deadlines.unreadable:
        return FirstOfAll(deadlines.unreadable, "gardien plan", "/plan", "Voir mon plan")
    return None
