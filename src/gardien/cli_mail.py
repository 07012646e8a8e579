"""`gardien mail analyser`: is this message a trap, and why. Files, folders, or the raw source on stdin."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from gardien.errors import ExitCode

app = typer.Typer(help="Analyser un e-mail suspect (.eml, .msg ou source brute).", no_args_is_help=True, rich_markup_mode=None)

VERDICT_STYLE = {"safe": "green", "suspicious": "bold yellow", "dangerous": "bold red", "incomplete": "bold yellow"}
MESSAGE_SUFFIXES = {".eml", ".msg", ".txt", ".mbox"}


def _files(paths: list[Path], problems: list[str]) -> list[Path]:
    found = []
    for path in paths:
        if str(path) == "-":
            found.append(path)
        elif path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in MESSAGE_SUFFIXES))
        elif path.is_file():
            found.append(path)
        else:
            problems.append(f"{path} : fichier ou dossier introuvable.")
    return found


def _load(path: Path):
    from gardien.mail.message import MAX_MESSAGE_BYTES, parse_bytes, parse_msg

    if str(path) == "-":
        return parse_bytes(sys.stdin.buffer.read(MAX_MESSAGE_BYTES + 1))
    if path.suffix.lower() == ".msg":
        return parse_msg(str(path))
    with path.open("rb") as handle:
        return parse_bytes(handle.read(MAX_MESSAGE_BYTES + 1))


@app.command()
def analyser(
    chemins: Annotated[list[Path], typer.Argument(metavar="FICHIER|DOSSIER…", help="Messages .eml ou .msg, dossiers, ou - pour l'entrée standard.")],
    json_output: Annotated[bool, typer.Option("--json", help="Un objet JSON par message, une ligne chacun.")] = False,
) -> None:
    """Dit si un message est sans danger apparent, suspect ou dangereux, et pourquoi."""
    from gardien.mail.analyze import REFLEXES, analyse

    problems: list[str] = []
    files = _files(chemins, problems)
    if not files and not problems:
        problems.append("Aucun message (.eml, .msg) trouvé dans ce qui a été donné.")
    for path in files:
        name = "(entrée standard)" if str(path) == "-" else str(path)
        try:
            analysis = analyse(_load(path))
        except OSError as exc:
            from gardien.explain import reason

            problems.append(f"{name} : illisible ({reason(exc)}).")
            continue
        if json_output:
            typer.echo(json.dumps({
                "file": name, "verdict": analysis.verdict, "score": analysis.score,
                "findings": [{"id": s.id, "severity": s.severity, "message": s.message, "detail": s.technical} for s in analysis.signals],
                "errors": analysis.errors,
            }, ensure_ascii=False))
        else:
            _print(name, analysis, len(files) == 1)
    if not json_output and files:
        typer.echo("\nLes bons réflexes :")
        for reflex in REFLEXES:
            typer.echo(f"  • {reflex}")
    for problem in problems:
        typer.echo(problem, err=True)
    if problems:
        raise typer.Exit(ExitCode.USAGE)


def _print(name: str, analysis, alone: bool) -> None:
    from rich.console import Console

    from gardien.mail.analyze import VERDICT_NOTE

    console = Console()
    console.print(f"\n[bold]{name}[/] : [{VERDICT_STYLE[analysis.verdict]}]{analysis.label.upper()}[/]", highlight=False)
    if analysis.verdict in VERDICT_NOTE:
        console.print(f"  {VERDICT_NOTE[analysis.verdict]}", highlight=False)
    for signal in analysis.signals:
        console.print(f"  • {signal.message}", highlight=False)
        if signal.technical:
            console.print(f"    [dim]{signal.technical}[/]", highlight=False)
    for error in analysis.errors:
        console.print(f"  [yellow]! {error}[/]", highlight=False)
