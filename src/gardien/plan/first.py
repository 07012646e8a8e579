"""« Votre premier pas »: one rule for the audit (terminal, HTML report, web page), the plan and the dashboard
(walkthrough, round 13: the audit said « Travail quotidien sans droits d'administrateur » while the plan and the
dashboard said « Activer la double authentification sur la messagerie »).

The first step is the plan's first open step (plan.build: the most protective step she can finish alone in about a
quarter of an hour, audit and questionnaire together). An audit of this computer names the first step of the plan as
it is with that audit, saved or not yet; a replayed recording (another machine) has no plan: its own first point.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from gardien.core.model import AuditResult
from gardien.plan.build import Step, build
from gardien.store import history

_built: dict[str, Step | None] | None = None  # inside once(): the first step of each audit shown, by its start


@contextlib.contextmanager
def once() -> Iterator[None]:
    """Inside it, the plan is built once for an audit however many reports show its first step (`gardien audit
    --html`: the terminal and the HTML report each show it, and each built the whole plan)."""
    global _built
    before, _built = _built, {}
    try:
        yield
    finally:
        _built = before


def for_audit(result: AuditResult) -> Step | None:
    """The plan's first step with `result` as its last audit; None for a replayed recording, or when the plan has no
    open step (every point of the audit postponed or marked done: the audit's own order then)."""
    if result.mode != "live":
        return None
    if _built is not None and result.started_at in _built:
        return _built[result.started_at]
    past = history.as_past(result)
    planned = build(audit=past).first if past is not None else None
    if _built is not None:
        _built[result.started_at] = planned
    return planned
