"""Self-contained, printable HTML report: the web interface's audit page, with its stylesheet inlined."""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files

from gardien.core.model import AuditResult, Severity, Status
from gardien.core.registry import discover, themes
from gardien.report.order import numbered


def audit_context(result: AuditResult) -> dict:
    """What the audit template needs, for the report and for the web page alike."""
    from gardien.plan import admin_session, first
    from gardien.plan.audit_notes import for_audit
    from gardien.plan.other_computers import this_computer_only

    notes = for_audit(result)  # « À vérifier — déclaré fait le … », and the steps this audit puts back in the plan
    result = admin_session.for_audit(result)  # a step needing admin rights says how, as in the plan
    todo = numbered(result)
    planned = first.for_audit(result)  # the plan's first step: the one « premier pas » of Gardien
    number = next((n for n, f in enumerate(todo, 1) if planned is not None and f.id == planned.id), None)
    return {
        "declared": notes.declared,
        "reopened": notes.reopened_sentence,
        "result": result,
        "todo": todo,
        # the first step: one of this audit's points (its number in the list), or a step of the plan from elsewhere
        "first_number": number or (1 if planned is None and todo else None),
        "first_planned": planned if planned is not None and number is None else None,
        "this_computer_only": this_computer_only() if result.mode == "live" else "",
        "themes": themes(),
        "passed": [f for f in result.findings if f.status is Status.PASS],
        "not_applicable": [f for f in result.findings if f.status is Status.NOT_APPLICABLE],
        "counts": result.counts(),
    }


@dataclass(frozen=True)
class PastPoint:
    """One point of a saved audit: what the history keeps (never what the check read, nor its sentence)."""

    id: str
    title: str
    status: Status
    severity: Severity


# the groups of a saved audit, in the order the page shows them (« à vérifier » is also a check that could not run)
PAST_GROUPS = ((Status.FAIL,), (Status.MANUAL, Status.ERROR), (Status.PASS,), (Status.NOT_APPLICABLE,))


def past_context(past) -> dict:
    """The audit page with no audit run since the interface started: the last saved audit (a store.history.PastAudit,
    or None), its date, score and each point's result, grouped as the page shows them, the most serious first."""
    if past is None:
        return {"result": None, "latest": None, "past_groups": ()}
    specs = {spec.id: spec for spec in discover()}
    points = []
    for check_id, status in past.findings.items():
        spec = specs.get(check_id)
        if spec is None:  # a check this version no longer has
            continue
        title = past.titles.get(check_id, spec.meta.title)
        points.append(PastPoint(check_id, title, Status(status), Severity(past.severities.get(check_id, "info"))))
    groups = []
    for statuses in PAST_GROUPS:
        found = sorted((p for p in points if p.status in statuses), key=lambda p: (-p.severity.rank, p.title))
        if found:
            groups.append((statuses[0], tuple(found)))
    return {"result": None, "latest": past, "past_groups": tuple(groups)}


def render(result: AuditResult) -> str:
    from gardien.web.render import environment

    css = files("gardien.web").joinpath("static/gardien.css").read_text(encoding="utf-8")
    return environment().get_template("audit.html.j2").render(
        title="Bilan de sécurité", standalone=True, css=css, logged_in=False, path="", **audit_context(result)
    )
