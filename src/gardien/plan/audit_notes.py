"""What the audit says of the steps she marked done in the plan.

A point the audit could not read stays « À vérifier », never « OK », but says she declared it done (and when);
a point she marked done that this audit still finds to fix is said in one line (the plan puts it back), by the first
audit after she marked it, not by every audit after. Only for an
audit of this computer: a replayed recording is another machine, to which her declarations do not apply.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gardien import fr
from gardien.core.model import AuditResult, Status
from gardien.plan.moments import at_or_after
from gardien.store import history, steps


@dataclass(frozen=True)
class AuditNotes:
    declared: dict[str, str] = field(default_factory=dict)  # check id -> « déclaré fait le 29/11/2026 »
    reopened: tuple[str, ...] = ()  # titles of the steps marked done that this audit still finds to fix
    saved: bool = True  # the audit goes to the history: the plan, which reads the last saved audit, puts them back

    @property
    def reopened_sentence(self) -> str:
        """One line, or "" when no step marked done is contradicted. An audit not saved (--no-save) changes nothing
        in the plan: it says so, and how to put the step back, rather than « l'étape y revient » (walkthrough r22)."""
        if not self.reopened:
            return ""
        names = fr.quoted_listed(self.reopened)
        one = len(self.reopened) == 1
        seen = (f"Vous aviez marqué fait {names} dans votre plan, mais ce bilan trouve encore le problème" if one
                else f"Vous aviez marqué faits {names} dans votre plan, mais ce bilan trouve encore les problèmes")
        if self.saved:
            return seen + (" : l'étape y revient." if one else " : ces étapes y reviennent.")
        return (seen + ". Ce bilan n'étant pas enregistré, votre plan n'a pas changé"
                + (" : l'étape y reste marquée faite. Pour l'y remettre, refaites le bilan sans --no-save" if one
                   else " : ces étapes y restent marquées faites. Pour les y remettre, refaites le bilan sans --no-save")
                + " : gardien audit.")


def for_audit(result: AuditResult, saved: bool = True) -> AuditNotes:
    """`saved`: this audit is written to the history (not `gardien audit --no-save`)."""
    if result.mode != "live":
        return AuditNotes()
    return _notes(result.started_at, {f.id: (f.status, f.title) for f in result.findings}, saved)


def for_past(started_at: str, points: dict[str, tuple[Status, str]]) -> AuditNotes:
    """The same notes for the last saved audit (check id -> its status and title), as the web's audit page shows it
    (review r24: it said only « marqué fait dans votre plan », without « déclaré » nor the date the terminal gives).
    Only this computer's audits are saved."""
    return _notes(started_at, points, True)


def _notes(started_at: str, findings: dict[str, tuple[Status, str]], saved: bool) -> AuditNotes:
    """`findings`: check id -> (status, title) of the audit made at `started_at`."""
    marked = steps.states()
    # the audit before this one (the web saves an audit before showing it): a step it already put back is not news
    earlier = [past for past in history.recent(2) if not at_or_after(past.started_at, started_at)]
    previous = earlier[-1] if earlier else None
    declared, reopened = {}, []
    for check_id, (status, title) in findings.items():
        state = marked.get(check_id)
        if state is None or state.status != "fait":
            continue
        if status.unread:
            declared[check_id] = f"déclaré fait le {fr.day(state.changed_at)}"
        elif status is Status.FAIL and at_or_after(started_at, state.changed_at):
            said_before = (previous is not None and at_or_after(previous.started_at, state.changed_at)
                           and previous.findings.get(check_id) == Status.FAIL.value)
            if not said_before:
                reopened.append(title)
    return AuditNotes(declared, tuple(reopened), saved)
