"""« Votre premier pas »: one rule for the audit (terminal, HTML report, web page), the plan and the dashboard
(walkthrough, round 13: the audit said « Travail quotidien sans droits d'administrateur » while the plan and the
dashboard said « Activer la double authentification sur la messagerie »).

The first step is the plan's first open step (plan.build: the most protective step she can finish alone in about a
quarter of an hour, audit and questionnaire together). An audit of this computer names the first step of the plan as
it is with that audit, saved or not yet; a replayed recording (another machine) has no plan: its own first point.
"""

from __future__ import annotations

from gardien.core.model import AuditResult
from gardien.plan.build import Step, build
from gardien.store import history


def for_audit(result: AuditResult) -> Step | None:
    """The plan's first step with `result` as its last audit; None for a replayed recording, or when the plan has no
    open step (every point of the audit postponed or marked done: the audit's own order then)."""
    if result.mode != "live":
        return None
    past = history.as_past(result)
    return build(audit=past).first if past is not None else None
