"""Self-contained, printable HTML report (Jinja2; the web interface will reuse these templates)."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape

from gardien import texts
from gardien.core.model import AuditResult, Status
from gardien.core.registry import themes


def environment() -> Environment:
    return Environment(loader=PackageLoader("gardien", "report/templates"), autoescape=select_autoescape(["html", "j2"]))


def render(result: AuditResult) -> str:
    grouped = [
        (title, [f for f in result.findings if f.theme == theme_id and f.status is not Status.NOT_APPLICABLE])
        for theme_id, title in themes().items()
    ]
    return environment().get_template("audit.html.j2").render(
        result=result,
        groups=[(title, findings) for title, findings in grouped if findings],
        not_applicable=[f for f in result.findings if f.status is Status.NOT_APPLICABLE],
        steps=[result.finding(i) for i in result.first_steps],
        counts=result.counts(),
        t=texts,
        Status=Status,
    )
