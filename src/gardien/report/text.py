"""Terminal renderer (rich): the score, « Votre premier pas », then every finding by theme."""

from __future__ import annotations

from datetime import datetime

from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.text import Text

from gardien import texts
from gardien.core.model import AuditResult, Finding, Status
from gardien.core.registry import themes

STATUS_STYLE = {
    Status.PASS: "green",
    Status.FAIL: "bold red",
    Status.MANUAL: "yellow",
    Status.NOT_APPLICABLE: "dim",
    Status.ERROR: "magenta",
}


def _date(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).strftime("%d/%m/%Y %H:%M")
    except ValueError:
        return iso


def _steps(finding: Finding) -> Text:
    text = Text()
    for number, step in enumerate(finding.remediation, 1):
        text.append(f"  {number}. {step}\n")
    return text


def _sources(finding: Finding) -> Text:
    text = Text()
    for source in finding.sources:
        label = source.label if source.verified else f"{source.label} ({texts.COMMON_PRACTICE})"
        text.append(f"{texts.SOURCE} : ", style="dim")
        text.append(label, style="dim")
        if source.url:
            text.append(f" — {source.url}", style="dim underline")
        text.append("\n")
    return text


def _finding(finding: Finding) -> Group:
    head = Text()
    head.append(f"{texts.STATUS_ICON[finding.status]} {texts.STATUS_LABEL[finding.status]}", style=STATUS_STYLE[finding.status])
    if finding.status is Status.FAIL:
        head.append(f" · gravité {texts.SEVERITY_LABEL[finding.severity]}", style="red")
    head.append("  ")
    head.append(finding.title, style="bold")
    parts: list = [head, Padding(Text(finding.detail), (0, 0, 0, 4))]
    if finding.needs_action:
        body = Text()
        body.append(f"{texts.WHY} : ", style="bold")
        body.append(finding.why + " " + finding.risk + "\n")
        body.append(f"{texts.HOW} ({finding.effort_minutes} {texts.MINUTES} environ) :\n", style="bold")
        body.append_text(_steps(finding))
        body.append_text(_sources(finding))
        parts.append(Padding(body, (0, 0, 0, 4)))
    return Group(*parts)


def _first_steps(result: AuditResult) -> Panel:
    if not result.first_steps:
        return Panel(Text(texts.NOTHING_TO_DO), title=texts.FIRST_STEP, border_style="green")
    first = result.finding(result.first_steps[0])
    body = Text()
    body.append(first.title + "\n", style="bold")
    body.append(first.detail + "\n")
    body.append_text(_steps(first))
    if len(result.first_steps) > 1:
        body.append(f"\n{texts.NEXT_STEPS} :\n", style="bold")
        for number, finding_id in enumerate(result.first_steps[1:], 2):
            finding = result.finding(finding_id)
            body.append(f"  {number}. {finding.title} — {finding.detail}\n")
    return Panel(body, title=texts.FIRST_STEP, border_style="cyan")


def render(result: AuditResult, console: Console) -> None:
    """Print the whole report on `console`."""
    console.print(Text(texts.TITLE, style="bold"))
    console.print(
        f"{texts.OS_LABEL.get(result.os, result.os)} ({result.os_version}) · {_date(result.started_at)} · "
        f"{result.duration_s:.1f} s".replace(".", ",", 1)
    )
    if result.mode == "replay":
        console.print(Text(texts.REPLAY_NOTE, style="yellow"))
    counts = result.counts()
    score_style = "green" if result.score >= 80 else "yellow" if result.score >= 50 else "red"
    console.print()
    summary = Text()
    summary.append(f"Score : {result.score}/100", style=f"bold {score_style}")
    summary.append(
        f"   {counts['fail']} à corriger · {counts['manual'] + counts['error']} à vérifier · {counts['pass']} en ordre"
    )
    console.print(summary)
    console.print(Text(texts.SCORE_CAVEAT, style="dim"))
    console.print()
    console.print(_first_steps(result))
    for theme_id, theme_title in themes().items():
        findings = [f for f in result.findings if f.theme == theme_id and f.status is not Status.NOT_APPLICABLE]
        if not findings:
            continue
        console.print(Rule(theme_title, align="left"))
        for finding in findings:
            console.print(_finding(finding))
    hidden = [f for f in result.findings if f.status is Status.NOT_APPLICABLE]
    console.print()
    console.print(Text(texts.NEXT_COMMANDS, style="cyan"))
    if hidden:
        console.print(Rule("Non concerné", align="left", style="dim"))
        for finding in hidden:
            console.print(Text(f"– {finding.title} : {finding.detail}", style="dim"))
