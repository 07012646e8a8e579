"""Self-contained, printable HTML report: the web interface's audit page, with its stylesheet inlined."""

from __future__ import annotations

from importlib.resources import files

from gardien.core.model import AuditResult, Status
from gardien.core.registry import themes
from gardien.report.order import numbered


def audit_context(result: AuditResult) -> dict:
    """What the audit template needs, for the report and for the web page alike."""
    from gardien.plan.audit_notes import for_audit

    notes = for_audit(result)  # « À vérifier — déclaré fait le … », and the steps this audit puts back in the plan
    return {
        "declared": notes.declared,
        "reopened": notes.reopened_sentence,
        "result": result,
        "todo": numbered(result),
        "themes": themes(),
        "passed": [f for f in result.findings if f.status is Status.PASS],
        "not_applicable": [f for f in result.findings if f.status is Status.NOT_APPLICABLE],
        "counts": result.counts(),
    }


def render(result: AuditResult) -> str:
    from gardien.web.render import environment

    css = files("gardien.web").joinpath("static/gardien.css").read_text(encoding="utf-8")
    return environment().get_template("audit.html.j2").render(
        title="Bilan de sécurité", standalone=True, css=css, logged_in=False, path="", **audit_context(result)
    )
