"""Self-contained, printable HTML report: the web interface's audit page, with its stylesheet inlined."""

from __future__ import annotations

from importlib.resources import files

from gardien.core.model import AuditResult, Status
from gardien.core.registry import themes


def audit_context(result: AuditResult) -> dict:
    """What the audit template needs, for the report and for the web page alike."""
    grouped = [
        (title, [f for f in result.findings if f.theme == theme_id and f.status is not Status.NOT_APPLICABLE])
        for theme_id, title in themes().items()
    ]
    return {
        "result": result,
        "groups": [(title, findings) for title, findings in grouped if findings],
        "not_applicable": [f for f in result.findings if f.status is Status.NOT_APPLICABLE],
        "steps": [result.finding(i) for i in result.first_steps],
        "counts": result.counts(),
    }


def render(result: AuditResult) -> str:
    from gardien.web.render import environment

    css = files("gardien.web").joinpath("static/gardien.css").read_text(encoding="utf-8")
    return environment().get_template("audit.html.j2").render(
        title="Bilan de sécurité", standalone=True, css=css, logged_in=False, path="", **audit_context(result)
    )
