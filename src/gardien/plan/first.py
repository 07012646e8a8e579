"""« Votre premier pas »: one rule for the audit (terminal, HTML report, web page), the plan and the dashboard
(walkthrough, round 13: the audit said « Travail quotidien sans droits d'administrateur » while the plan and the
dashboard said « Activer la double authentification sur la messagerie »).

The first step is the plan's first open step (plan.build: the most protective step she can finish alone in about a
quarter of an hour, audit and questionnaire together). An audit of this computer names the first step of the plan as
it is with that audit, saved or not yet; a replayed recording (another machine) has no plan: its own first point.
The audit's list of points follows the plan's order too (in_plan_order), so that its n° 1 is the first step whenever
that step is one of its points, and the saved audit's page shows the same order as the audit just made.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from operator import attrgetter
from typing import TypeVar

from gardien.core.model import AuditResult
from gardien.plan.build import Plan, Step, build
from gardien.store import history

Point = TypeVar("Point")
_built: dict[str, Plan | None] | None = None  # inside once(): the plan of each audit shown, by its start


@contextlib.contextmanager
def once() -> Iterator[None]:
    """Inside it, the plan is built once for an audit however many reports show it (`gardien audit --html`: the
    terminal and the HTML report each show its first step and its order, and each built the whole plan)."""
    global _built
    before, _built = _built, {}
    try:
        yield
    finally:
        _built = before


def plan_for_audit(result: AuditResult) -> Plan | None:
    """The plan with `result` as its last audit; None for a replayed recording (another machine: no plan)."""
    if result.mode != "live":
        return None
    if _built is not None and result.started_at in _built:
        return _built[result.started_at]
    past = history.as_past(result)
    plan = build(audit=past) if past is not None else None
    if _built is not None:
        _built[result.started_at] = plan
    return plan


def for_audit(result: AuditResult) -> Step | None:
    """The plan's first step with `result` as its last audit; None for a replayed recording, or when the plan has no
    open step (every point of the audit postponed or marked done: the audit's own order then)."""
    plan = plan_for_audit(result)
    return plan.first if plan is not None else None


def in_plan_order(points: Iterable[Point], plan: Plan, key: Callable[[Point], str] = attrgetter("id")) -> list[Point]:
    """An audit's points in the plan's order (walkthrough r14: the saved audit was sorted by severity, the fresh one
    by the audit's own order, the plan by its own): the plan's open steps, then those postponed, then those done; a
    point the plan leaves out (a mere information) last, in the order given."""
    rank = {step.id: number for number, step in enumerate(plan.steps)}
    return sorted(points, key=lambda point: rank.get(key(point), len(rank)))
