"""The global score and the order of the first steps.

Score: the share of severity points earned by verified findings. A finding Gardien could not verify
(manual or error) earns nothing, so not knowing never raises the score.
First steps: failed findings by decreasing severity, then least effort; then the serious findings
the user must check herself. The very first step is the most protective one she can finish alone in
about a quarter of an hour (`quick_first`): a first success, before the bigger steps that need help.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from gardien.core.model import Autonomy, Finding, Severity, Status

COUNTED = (Status.PASS, Status.FAIL, Status.MANUAL, Status.ERROR)
FIRST_STEPS = 3
QUICK_MINUTES = 15  # « about 15 minutes »: what fits between two patients

T = TypeVar("T")


def score(findings: Iterable[Finding]) -> int:
    """0 to 100; 0 when nothing could be counted."""
    counted = [f for f in findings if f.status in COUNTED and f.severity.weight]
    total = sum(f.severity.weight for f in counted)
    if not total:
        return 0
    earned = sum(f.severity.weight for f in counted if f.status is Status.PASS)
    return round(100 * earned / total)


def quick_first(ordered: list[T], quick: Callable[[T], bool]) -> list[T]:
    """`ordered` with its first `quick` item moved to the front (the order is otherwise kept).

    `ordered` is already sorted most protective first, so its first quick item is the most protective
    step that can be finished alone in about 15 minutes.
    """
    for index, item in enumerate(ordered):
        if quick(item):
            return [item, *ordered[:index], *ordered[index + 1:]]
    return list(ordered)


def done_alone_quickly(who: Autonomy, minutes: int) -> bool:
    """Finished alone in about a quarter of an hour: the one rule for the first step, of the audit and of the plan.
    `who` says whether she needs help (core.model.autonomy_here: a command typed in a terminal does), the same that
    the step's time says beside it (core.model.effort_label)."""
    return who is Autonomy.ALONE and 0 < minutes <= QUICK_MINUTES


def _is_quick_fix(finding: Finding) -> bool:
    return (finding.status is Status.FAIL and finding.severity.rank >= Severity.MEDIUM.rank
            and done_alone_quickly(finding.who, finding.effort_minutes))


def action_order(findings: Iterable[Finding]) -> list[Finding]:
    """Every finding that needs action, most useful first."""

    def key(f: Finding) -> tuple:
        to_fix = f.status is Status.FAIL
        # a serious unknown (manual/error on a high or critical point) comes before a minor failure
        urgent_unknown = not to_fix and f.severity.rank >= Severity.HIGH.rank
        group = 0 if to_fix and f.severity.rank >= Severity.MEDIUM.rank else 1 if urgent_unknown else 2
        return (group, -f.severity.rank, f.effort_minutes, f.id)

    ordered = sorted((f for f in findings if f.needs_action and f.severity is not Severity.INFO), key=key)
    return quick_first(ordered, _is_quick_fix)


def first_steps(findings: Iterable[Finding]) -> tuple[str, ...]:
    """The ids of the first three steps."""
    return tuple(f.id for f in action_order(findings)[:FIRST_STEPS])
