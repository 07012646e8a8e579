"""The one numbering of an audit report, shared by the terminal, the printable report and the interface."""

from __future__ import annotations

from gardien import texts
from gardien.core.model import AuditResult, Finding
from gardien.core.scoring import action_order


def numbered(result: AuditResult) -> list[Finding]:
    """Every point that needs something from the user, in the order to tackle them: the plan's, for an audit of this
    computer (plan/first.py); for a replayed recording (no plan), the first steps chosen by the audit, then the others
    by usefulness."""
    from gardien.plan.first import in_plan_order, plan_for_audit

    first = [result.finding(i) for i in result.first_steps]
    ordered = first + [f for f in action_order(result.findings) if f.id not in result.first_steps]
    ordered += [f for f in result.findings if f.needs_action and f not in ordered]
    plan = plan_for_audit(result)
    return in_plan_order(ordered, plan) if plan is not None else ordered


def todo_title(result: AuditResult) -> str:
    """The list's heading, saying which order it follows."""
    return texts.TODO_IN_PLAN_ORDER if result.mode == "live" else texts.TODO_IN_OWN_ORDER
