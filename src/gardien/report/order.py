"""The one numbering of an audit report, shared by the terminal, the printable report and the interface."""

from __future__ import annotations

from gardien.core.model import AuditResult, Finding
from gardien.core.scoring import action_order


def numbered(result: AuditResult) -> list[Finding]:
    """Every point that needs something from the user, in the order to tackle them: the first steps chosen by
    the audit, then the others by usefulness. Point n° 1 is the first step."""
    first = [result.finding(i) for i in result.first_steps]
    ordered = first + [f for f in action_order(result.findings) if f.id not in result.first_steps]
    return ordered + [f for f in result.findings if f.needs_action and f not in ordered]
