"""Terminal renderer (rich): a first screen that fits, and the full explanations on demand.

The first screen is what a practitioner reads between two patients: the score, what is wrong in one line each,
numbered in the order to tackle it, and the first step in full, printed last so that it is what stays in view
when the terminal scrolls. It never takes more than SCREEN_LINES lines (the list is shortened to make room).
`--details` prints every point with why it matters, what to do and its source, then the same first screen.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from gardien import fr, launch, texts
from gardien.core.model import AuditResult, Finding, RemediationStep, Status
from gardien.core.registry import passed_title, themes
from gardien.report.order import numbered, todo_title

SCREEN_LINES = 50  # a terminal window of a usual size shows about this many lines
STATUS_STYLE = {
    Status.PASS: "green",
    Status.FAIL: "bold red",
    Status.MANUAL: "yellow",
    Status.NOT_APPLICABLE: "dim",
    Status.ERROR: "magenta",
}


NO_NOTES: Mapping[str, str] = {}


def _header(result: AuditResult, reopened: str = "") -> list:
    when = fr.day_and_time(result.started_at)
    lines = [
        Text(texts.TITLE, style="bold"),
        Text(f"{texts.system_name(result.os, result.os_version)} · {when}"),
    ]
    if result.mode == "replay":
        lines.append(Text(texts.REPLAY_NOTE, style="yellow"))
    elif only := _this_computer_only():  # a practice with other computers: this audit is not theirs
        lines.append(_Prose(only, style="yellow"))
    counts = result.counts()
    score_style = "green" if result.score >= 80 else "yellow" if result.score >= 50 else "red"
    summary = Text()
    summary.append(f"Score : {result.score}/100", style=f"bold {score_style}")
    summary.append(f" · {counts['fail']} à corriger · {counts['manual'] + counts['error']} à vérifier · {counts['pass']} en ordre")
    lines += [Text(), summary, Text(texts.SCORE_CAVEAT_SHORT, style="dim")]
    if reopened:  # a step she marked done that this audit still finds: said at once, not only in the plan
        lines.append(_Prose(reopened, style="bold red"))
    return lines


def _this_computer_only() -> str:
    from gardien.plan.other_computers import this_computer_only

    return this_computer_only()


def _status(finding: Finding, declared: Mapping[str, str]) -> str:
    """« À vérifier », or « À vérifier — déclaré fait le 29/11/2026 » when she said so in the plan (never « OK »)."""
    label = texts.STATUS_LABEL[finding.status]
    return f"{label} — {declared[finding.id]}" if finding.status.unread and finding.id in declared else label


def _line(number: int, finding: Finding, declared: Mapping[str, str] = NO_NOTES) -> Text:
    line = Text(f"{number:>3}. ")
    line.append(_status(finding, declared), style=STATUS_STYLE[finding.status])
    line.append(f" · {finding.title}")
    if finding.status is Status.FAIL:
        line.append(f" ({texts.severity_said(finding.severity)})", style="dim")
    return line


def _sources(finding: Finding, with_links: bool) -> Text:
    lines = []
    for source in finding.sources:
        label = source.label + source.caveat
        line = Text(f"{texts.SOURCE} : {label}", style="dim")
        if with_links and source.url:
            line.append(f" — {source.url}", style="dim underline")
        lines.append(line)
    return Text("\n").join(lines)


_POWERSHELL = re.compile(r"[A-Z][a-z]+-[A-Z]")  # « Set-MpPreference … »


def shell_lines(command: str, width: int) -> list[str]:
    """A command cut into lines that fit `width` and that the shell still reads as one when she pastes them all: after
    « && » (the shell waits for what follows), else at a space with « \\ » at the end of the line. A terminal that
    wraps a long line itself would make two commands of it when copied line by line."""
    if len(command) <= width or _POWERSHELL.match(command):  # PowerShell continues lines otherwise: left whole
        return [command]
    lines: list[str] = []
    parts = command.split(" && ")
    for index, part in enumerate(parts):
        ending = " &&" if index < len(parts) - 1 else ""
        words, line = part.split(" "), ""
        for word in words:
            if line and len(line) + 1 + len(word) + len(" \\") > width:
                lines.append(line + " \\")
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line + ending)
    return lines


class _Command:
    """A command to type, laid out for the width it is given (see shell_lines)."""

    def __init__(self, command: str) -> None:
        self.command = command

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in shell_lines(launch.as_typed(self.command), options.max_width):  # cut at the length it is printed
            yield Text(line, style="bold")


class _Prose:
    """A sentence that may name a « gardien … » command, laid out for the width it is given as it will be printed:
    the command written as typed here (« .venv/bin/gardien sauvegarde configurer ») before the line is cut, and kept
    whole on one line. Rich cut the short « gardien … », then the output wrote the longer form into a line already
    full, which the terminal cut again: « configurer. Un seul disque     suffit » (walkthrough round 22)."""

    def __init__(self, text: str, style: str = "") -> None:
        self.text, self.style = text, style

    def _laid_out(self, width: int) -> list[str]:
        return [line for paragraph in launch.as_typed(self.text).split("\n")  # its own line breaks are kept
                for line in commands_whole(paragraph, width).split("\n")]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self._laid_out(options.max_width):
            yield Text(line, style=self.style)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        pieces = _glued(launch.as_typed(self.text), options.max_width).split()
        widest = max((len(p) for p in pieces), default=0)
        return Measurement(min(widest, options.max_width), min(len(self.text), options.max_width))


def _step(step: RemediationStep) -> Group | _Prose:
    """A step as text; a terminal step with its command on lines of its own, to be typed as it is."""
    if not step.in_terminal:
        return _Prose(step.terminal_text)
    return Group(_Prose(step.terminal_text), Padding(_Command(step.command), (0, 0, 0, 2)),
                 _Prose(step.command_note(), style="dim"))


def _how(finding: Finding) -> Group:
    return _steps(finding.remediation, finding.effort_label)


def _steps(remediation: tuple[RemediationStep, ...], effort_label: str) -> Group:
    """The steps of a remediation, lettered so that the report's only numbers are those of its list; a step
    that wraps stays aligned after its letter."""
    steps = Table.grid(padding=(0, 1))
    steps.add_column(justify="right", min_width=4)
    steps.add_column()
    for letter, step in zip("abcdefghijklmnopqrstuvwxyz", remediation, strict=False):
        steps.add_row(f"{letter})", _step(step))
    title = Text(f"{texts.HOW} ({effort_label}) :", style="bold")
    return Group(title, steps)


def _first_step(result: AuditResult, number_of: dict[str, int]) -> Panel:
    from gardien.plan.first import for_audit

    planned = for_audit(result)  # the plan's first step: the one « premier pas » of Gardien
    if planned is not None and planned.id not in number_of:  # from the questionnaire, or another part of the plan
        why = Text()
        why.append(f"{texts.WHY} : ", style="bold")
        why.append(fr.after_colon(planned.why))
        body = Group(Text(planned.title, style="bold"), _Prose(planned.reason), why,
                     _steps(planned.how, planned.effort_label), _Prose(texts.FIRST_STEP_FROM_PLAN))
        return Panel(body, title=texts.FIRST_STEP, title_align="left", border_style="cyan")
    if planned is None and not result.first_steps:
        return Panel(Text(texts.NOTHING_TO_DO), title=texts.FIRST_STEP, border_style="green")
    first = result.finding(planned.id if planned is not None else result.first_steps[0])
    why = Text()
    why.append(f"{texts.WHY} : ", style="bold")
    why.append(fr.after_colon(first.why))
    first_source = replace(first, sources=first.sources[:1])  # all of them in --details
    body = Group(Text(first.title, style="bold"), _Prose(first.detail), why, _how(first),
                 _sources(first_source, with_links=False))
    return Panel(body, title=f"{texts.FIRST_STEP} (n° {number_of[first.id]})", title_align="left", border_style="cyan")


def _height(renderable, console: Console) -> int:
    return len(console.render_lines(renderable, console.options, pad=False))


_TYPED_COMMAND = re.compile(r"\S*gardien(?: (?:--)?[\w-]+)+")  # « .venv/bin/gardien audit --details »
_GLUE = "\u00a0"


def _glued(text: str, width: int | None = None) -> str:
    """Each command's spaces made no-break, unless the command is longer than a line: cut anyway, it flows with the
    sentence rather than standing alone on lines of its own."""
    return _TYPED_COMMAND.sub(lambda m: m.group() if width is not None and len(m.group()) > width
                              else m.group().replace(" ", _GLUE), text)


def commands_whole(text: str, width: int, **indents: str) -> str:
    """`text` wrapped at `width` with no command cut across two lines (walkthrough round 14: « .venv/bin/gardien » then
    « interface. » on the next line), nor « … » nor « : » (wrapping.fill). The spaces are plain again once wrapped: a
    command is copied as it reads."""
    from gardien.report.wrapping import fill

    width = max(width, 20)
    return fill(_glued(text, width), width, break_long_words=False, break_on_hyphens=False, **indents).replace(_GLUE, " ")


def first_screen(result: AuditResult, console: Console, questions_left: bool = True,
                 declared: Mapping[str, str] = NO_NOTES, reopened: str = "") -> None:
    """The score, what is wrong in one line each, the first step in full last; at most SCREEN_LINES lines.
    `declared`: check id -> « déclaré fait le … » for points she marked done that the audit could not read;
    `reopened`: the sentence naming steps marked done that this audit still finds."""
    todo = numbered(result)
    number_of = {f.id: n for n, f in enumerate(todo, 1)}
    header = _header(result, reopened)
    said = [launch.as_typed(texts.DETAILS_HINT),
            launch.as_typed(texts.NEXT_COMMANDS_SHORT if questions_left else texts.NEXT_PLAN_ONLY)]
    if notice := launch.notice():  # « gardien » alone would be « command not found » here
        said.append(notice)
    closing = [Text(commands_whole(line, console.width), style="cyan") for line in said]
    panel = _first_step(result, number_of)
    fixed = sum(_height(line, console) for line in header + closing) + _height(panel, console) + 3  # blank lines
    lines = [_line(n, f, declared) for n, f in enumerate(todo, 1)]
    room = SCREEN_LINES - fixed - 1  # the list's title
    if sum(_height(line, console) for line in lines) > room:
        kept, used = [], 1  # keep a line for « … et N autres »
        for line in lines:
            used += _height(line, console)
            if used > room:
                break
            kept.append(line)
        hidden = todo[len(kept):]
        what = fr.plural(len(hidden), "autre point", "autres points")
        if all(f.status is not Status.FAIL for f in hidden):
            what += " à vérifier"
        lines = kept + [Text(f"     … et {what} : voir le détail.", style="dim")]
    for line in header:
        console.print(line)
    console.print()
    if todo:
        console.print(Text(f"{todo_title(result)} :", style="bold"))
        for line in lines:
            console.print(line)
    else:
        console.print(Text(texts.ALL_VERIFIED, style="green"))
    console.print()
    for line in closing:
        console.print(line)
    console.print()
    console.print(panel)


def _finding(finding: Finding, number: int, theme: str | None, declared: Mapping[str, str] = NO_NOTES) -> Group:
    head = Text(f"{number}. ")
    head.append(_status(finding, declared), style=STATUS_STYLE[finding.status])
    if finding.status is Status.FAIL:
        head.append(f" · {texts.severity_said(finding.severity)}", style="red")
    head.append(" · ")
    head.append(finding.title, style="bold")
    if theme:
        head.append(f" ({theme})", style="dim")
    why = Text()
    why.append(f"{texts.WHY} : ", style="bold")
    why.append(fr.after_colon(finding.why) + " " + finding.risk)
    return Group(head, Padding(Group(_Prose(finding.detail), why, _how(finding), _sources(finding, with_links=True)), (0, 0, 0, 4)))


def details(result: AuditResult, console: Console, declared: Mapping[str, str] = NO_NOTES) -> None:
    """Every point that needs attention in the list's order, with why it matters, what to do and its source;
    then what is in order, then what does not apply here."""
    theme_title = themes()
    todo = numbered(result)
    if todo:
        console.print(Rule(texts.DETAILS_TITLE, align="left"))
    for number, finding in enumerate(todo, 1):
        console.print(_finding(finding, number, theme_title.get(finding.theme), declared))
        console.print()
    passed = [f for f in result.findings if f.status is Status.PASS]
    if passed:
        console.print(Rule(texts.IN_ORDER, align="left", style="green"))
        for finding in passed:
            console.print(Text(f"✔ {passed_title(finding.id, finding.title)} : {finding.detail}"))
    hidden = [f for f in result.findings if f.status is Status.NOT_APPLICABLE]
    if hidden:
        console.print(Rule(texts.STATUS_LABEL[Status.NOT_APPLICABLE], align="left", style="dim"))
        for finding in hidden:
            console.print(Text(f"– {finding.title} : {finding.detail}", style="dim"))
    console.print()


def render(result: AuditResult, console: Console, full: bool = False, questions_left: bool = True,
           declared: Mapping[str, str] = NO_NOTES, reopened: str = "") -> None:
    """The first screen; with `full`, every point's explanation before it (the first step stays last)."""
    if full:
        details(result, console, declared)
    first_screen(result, console, questions_left, declared, reopened)
