"""Run every check that applies to one machine (live or recorded) and build the AuditResult."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime

from gardien import __version__
from gardien.core import distribution
from gardien.core.context import CannotTell, Context
from gardien.core.model import AuditResult, Autonomy, Finding, Outcome, Severity, Status, StepConditions, autonomy_here
from gardien.core.registry import CheckSpec, discover
from gardien.core.scoring import first_steps, score
from gardien.parsers import UnknownFormat
from gardien.probes.base import RawOutput

log = logging.getLogger("gardien")

INTERNAL_ERROR = "Gardien a rencontré une erreur interne pendant cette vérification : le résultat est inconnu."
UNKNOWN_ANSWER = "Gardien ne reconnaît pas la réponse du système (autre langue, autre version ou réponse incomplète) : vérifiez vous-même ce réglage."


def evaluate(spec: CheckSpec, ctx: Context) -> Finding:
    """Run one check on one context. It never raises: every failure becomes MANUAL or ERROR."""
    meta = spec.meta
    function = spec.functions.get(ctx.platform)
    if function is None:
        outcome = Outcome(Status.NOT_APPLICABLE, "Cette vérification ne concerne pas ce système.")
    else:
        try:
            outcome = function(ctx)
            if not isinstance(outcome, Outcome):
                raise TypeError(f"{meta.id} returned {type(outcome).__name__}")
        except CannotTell as exc:
            outcome = Outcome(exc.status, exc.reason, exc.evidence)
        except UnknownFormat as exc:
            outcome = Outcome(Status.MANUAL, UNKNOWN_ANSWER, {"raison": str(exc)})
        except Exception:  # noqa: BLE001 - a bug in one check must not hide the others
            log.exception("check %s failed", meta.id)
            outcome = Outcome(Status.ERROR, INTERNAL_ERROR)
    severity = meta.severity
    effort = meta.effort.get(ctx.platform)
    if outcome.severity is not None and outcome.severity.rank < severity.rank:
        severity = outcome.severity
    written = meta.remediation.get(ctx.platform, ())
    conditions = _conditions(written, ctx, outcome)
    remediation = _distribution_steps(conditions.select(written), ctx)
    return Finding(
        id=meta.id,
        status=outcome.status,
        severity=severity,
        theme=meta.theme,
        title=outcome.title or meta.title,
        detail=outcome.detail,
        why=meta.why,
        risk=meta.risk,
        remediation=remediation,
        sources=meta.sources,
        effort_minutes=effort.minutes if effort else 0,
        evidence=outcome.evidence,
        who=autonomy_here(effort.who if effort else Autonomy.ALONE, remediation),
        ask_for=effort.ask_for if effort else None,
        conditions=conditions,
    )


def _distribution_steps(steps: tuple, ctx: Context) -> tuple:
    """On Linux, the steps of this machine's distribution only (read from the audited machine: live or recorded)."""
    if ctx.platform == "linux" and any(step.distributions for step in steps):
        return distribution.for_machine(steps, distribution.identify(ctx.optional(distribution.OS_RELEASE_PROBE)))
    return steps


def _conditions(steps: tuple, ctx: Context, outcome: Outcome) -> StepConditions:
    """What the check measured done, whether it could read the fact at all, and which of the programs its steps
    install are already there (a step installing one is left out; unknown when the list of programs cannot be read,
    and then every step is kept)."""
    unknown = outcome.status.unread
    named = {step.unless_installed.lower() for step in steps if step.unless_installed}
    if not named:
        return StepConditions(frozenset(), outcome.done, unknown)
    from gardien.checks.common import installed_programs  # the checks' reading of the list, loaded when needed

    try:
        installed = {name.strip().lower() for name in installed_programs(ctx)}
    except (CannotTell, UnknownFormat):
        return StepConditions(None, outcome.done, unknown)
    return StepConditions(frozenset(named & installed), outcome.done, unknown)


def run_checks(
    platform: str,
    os_version: str,
    output: Callable[[str], RawOutput],
    now: datetime,
    mode: str,
    started: float,
) -> AuditResult:
    """Evaluate every discovered check against the given outputs."""
    ctx = Context(platform, output, now)
    findings = tuple(evaluate(spec, ctx) for spec in discover())
    return AuditResult(
        os=platform,
        os_version=os_version,
        gardien_version=__version__,
        started_at=now.isoformat(timespec="seconds"),
        mode=mode,
        findings=findings,
        score=score(findings),
        first_steps=first_steps(findings),
        duration_s=round(time.monotonic() - started, 3),
    )


def severity_at_least(result: AuditResult, threshold: Severity) -> bool:
    """True when a failed finding is at or above `threshold` (for --echec-a)."""
    return any(f.status is Status.FAIL and f.severity.rank >= threshold.rank for f in result.findings)
