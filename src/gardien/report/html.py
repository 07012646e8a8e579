"""Self-contained, printable HTML report: the web interface's audit page, with its stylesheet inlined."""

from __future__ import annotations

from dataclasses import dataclass, replace
from importlib.resources import files

from gardien import texts
from gardien.core.model import AuditResult, Severity, Status
from gardien.core.registry import discover, passed_title, themes
from gardien.report.order import numbered, todo_title


def audit_context(result: AuditResult, saved: bool = True) -> dict:
    """What the audit template needs, for the report and for the web page alike. `saved`: the audit goes to the
    history (not `gardien audit --no-save`)."""
    from gardien.plan import admin_session, first
    from gardien.plan.audit_notes import for_audit
    from gardien.plan.other_computers import this_computer_only

    notes = for_audit(result, saved)  # « À vérifier — déclaré fait le … », and the steps this audit puts back in the plan
    result = admin_session.for_audit(result)  # a step needing admin rights says how, as in the plan
    todo = numbered(result)
    planned = first.for_audit(result)  # the plan's first step: the one « premier pas » of Gardien
    number = next((n for n, f in enumerate(todo, 1) if planned is not None and f.id == planned.id), None)
    return {
        "declared": notes.declared,
        "reopened": notes.reopened_sentence,
        "result": result,
        "todo": todo,
        "todo_title": todo_title(result),
        # the first step: one of this audit's points (its number in the list), or a step of the plan from elsewhere
        "first_number": number or (1 if planned is None and todo else None),
        "first_planned": planned if planned is not None and number is None else None,
        "this_computer_only": this_computer_only() if result.mode == "live" else "",
        "themes": themes(),
        "passed": [replace(f, title=passed_title(f.id, f.title)) for f in result.findings if f.status is Status.PASS],
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


# what a saved audit's page lists after the points to act on (« à corriger », « à vérifier »), in this order
PAST_GROUPS = (Status.PASS, Status.NOT_APPLICABLE)


def past_context(past) -> dict:
    """The audit page with no audit run since the interface started: the last saved audit (a store.history.PastAudit,
    or None), its date, score and each point's result: first what needs her, in the plan's order as on the page of
    an audit just made (walkthrough r14: sorted by severity here, by the plan there), then what is in order, then
    what does not apply."""
    from gardien.plan.audit_notes import for_past
    from gardien.plan.build import build
    from gardien.plan.first import in_plan_order

    if past is None:
        return {"result": None, "latest": None, "past_todo": (), "past_groups": ()}
    specs = {spec.id: spec for spec in discover()}
    points = []
    for check_id, status in past.findings.items():
        spec = specs.get(check_id)
        if spec is None:  # a check this version no longer has
            continue
        title = past.titles.get(check_id, spec.meta.title)
        title = passed_title(check_id, title) if status == Status.PASS else title
        points.append(PastPoint(check_id, title, Status(status), Severity(past.severities.get(check_id, "info"))))
    notes = for_past(past.started_at, {p.id: (p.status, p.title) for p in points})  # as the terminal says them
    by_severity = sorted(points, key=lambda p: (-p.severity.rank, p.title))  # for the points the plan leaves out
    plan = build(audit=past)
    todo = in_plan_order([p for p in by_severity if p.status in (Status.FAIL, Status.MANUAL, Status.ERROR)], plan)
    groups = tuple((status, found) for status in PAST_GROUPS if (found := tuple(p for p in by_severity if p.status is status)))
    # each point leads to its step of the plan, where its « Comment faire » is (review, round 22: a list she could
    # not click, the detail of the audit not being kept)
    return {"result": None, "latest": past, "past_todo": tuple(todo), "past_groups": groups,
            "todo_title": texts.TODO_IN_PLAN_ORDER, "in_plan": frozenset(s.id for s in plan.open_steps),
            "declared": notes.declared, "reopened": notes.reopened_sentence,
            # a point she marked done since: listed last (the plan's order puts done steps last), and said why
            "marked_done": frozenset(s.id for s in plan.steps if s.status == "fait")}


def render(result: AuditResult, saved: bool = True) -> str:
    from gardien.web.render import environment

    css = files("gardien.web").joinpath("static/gardien.css").read_text(encoding="utf-8")
    return environment().get_template("audit.html.j2").render(
        title="Bilan de sécurité", standalone=True, css=css, logged_in=False, path="", **audit_context(result, saved)
    )
