"""`gardien mail analyser`: is this message a trap, and why. Files, folders, or the raw source on stdin."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from gardien import fr
from gardien.errors import ExitCode
from gardien.launch import verbatim

app = typer.Typer(help="Analyser un e-mail suspect (.eml, .msg, source brute ou texte copié de l'écran).", no_args_is_help=True, rich_markup_mode=None)

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


def _load(path: Path, as_text: bool = False):
    from gardien.mail.message import MAX_MESSAGE_BYTES, parse_msg
    from gardien.mail.not_a_mail import refusal
    from gardien.mail.pasted import parse_any

    if str(path) == "-":
        from gardien.limits import stdin_bytes

        data = stdin_bytes(MAX_MESSAGE_BYTES)
        if not data.strip():
            raise NotAMail("il est vide, il n'y a rien à analyser. Copiez le message (ou son texte) et recommencez.")
    elif path.suffix.lower() == ".msg" and not as_text:
        return parse_msg(str(path))
    else:
        with path.open("rb") as handle:
            data = handle.read(MAX_MESSAGE_BYTES + 1)
    if (why := refusal(data)) is not None:
        raise NotAMail(why)
    return parse_any(data, as_text)


def _reference(path: Path, problems: list[str]):
    """The genuine earlier message of --reference, or None with the reason in `problems`: a folder, a missing file,
    no mail, or a message Gardien cannot read enough of (no sender) is refused, never compared as « le message
    authentique »."""
    from gardien.explain import not_a_file
    from gardien.mail.compare import unusable_reference

    if path.is_dir():
        problems.append(str(not_a_file(path, wanted="l'ancien message lui-même (un fichier .eml ou .msg)")))
        return None
    if not path.is_file():
        problems.append(f"{path} : message de référence introuvable.")
        return None
    try:
        genuine = _load(path)
    except OSError as exc:
        problems.append(f"{path} : message de référence illisible ({exc.strerror or exc}).")
        return None
    except NotAMail as exc:
        problems.append(f"{path} : {exc}")
        return None
    if (why := unusable_reference(genuine)) is not None:
        problems.append(f"{path} : {why}")
        return None
    return genuine


PASTED_NAME = "Texte collé"  # what « - » (the text pasted into the terminal) is called in the results


class NotAMail(ValueError):
    """The bytes given are no e-mail (empty, a PDF, an image…): said, not analysed."""


@app.command()
def analyser(
    chemins: Annotated[list[Path], typer.Argument(metavar="FICHIER|DOSSIER…", help="Messages .eml ou .msg, dossiers, ou - pour coller la source d'un message ici.")],
    json_output: Annotated[bool, typer.Option("--json", help="Un objet JSON par message, une ligne chacun.")] = False,
    reference: Annotated[Path | None, typer.Option(
        "--reference", metavar="ANCIEN.eml",
        help="Un ancien e-mail authentique du même service (banque, Ameli…), pour comparer l'expéditeur, la signature, "
             "les liens et l'adresse de réponse.")] = None,
    details: Annotated[bool, typer.Option(
        "--details", help="Ajoute les détails techniques de chaque constat (pour la personne qui vous aide en "
                          "informatique).")] = False,
    texte: Annotated[bool, typer.Option(
        "--texte", help="Ce qui est donné est le texte du message tel qu'il s'affiche (copié-collé), pas sa source. "
                        "Sans cette option, Gardien le reconnaît seul.")] = False,
) -> None:
    """Dit si un message est sans danger apparent, suspect ou dangereux, et pourquoi."""
    from gardien.mail.analyze import REFLEXES, analyse

    problems: list[str] = []
    files = _files(chemins, problems)
    genuine = None
    if reference is not None:
        genuine = _reference(reference, problems)
        if problems:
            files = []
    if not files and not problems:
        problems.append("Aucun message (.eml, .msg) trouvé dans ce qui a été donné.")
    analysed = 0
    verdicts: list[str] = []
    more_in_details = False  # --details would show something these results do not
    for path in files:
        name = PASTED_NAME if str(path) == "-" else str(path)
        try:
            analysis = analyse(_load(path, texte), genuine)
        except OSError as exc:
            from gardien.explain import reason

            problems.append(f"{name} : illisible ({reason(exc)}).")
            continue
        except NotAMail as exc:
            problems.append(f"{name} : {exc}")
            continue
        analysed += 1
        verdicts.append(analysis.verdict)
        more_in_details = more_in_details or _has_details(analysis)
        if json_output:
            with verbatim():  # data, as it is
                typer.echo(json.dumps(analysis_dict(name, analysis), ensure_ascii=False))
        else:
            _print(name, analysis, details)
    if not json_output and analysed:
        from rich.console import Console

        console = Console(highlight=False)
        if len(files) > 1:  # a folder: the count at the end, not only a scroll of verdicts
            console.print()
            _say(console, _summary(verdicts, len(files) - analysed), indent=0, style="bold")
        console.print("\nLes bons réflexes :")
        for reflex in REFLEXES:
            _say(console, reflex, mark="•")
        if not details and more_in_details:
            typer.echo("\nDétails techniques, pour la personne qui vous aide en informatique : ajoutez --details à la commande.")
    for problem in problems:
        typer.echo(problem, err=True)
    if problems:
        raise typer.Exit(ExitCode.USAGE)


SUMMARY_WORDS = {"dangerous": ("dangereux", "dangereux"), "suspicious": ("suspect", "suspects"),
                 "incomplete": ("analyse incomplète", "analyses incomplètes"),
                 "safe": ("sans danger apparent", "sans danger apparent")}


def _summary(verdicts: list[str], not_read: int) -> str:
    """« En tout : 5 messages analysés, 2 dangereux, 1 suspect, 2 sans danger apparent. »"""
    counts = [fr.plural(verdicts.count(verdict), *words) for verdict, words in SUMMARY_WORDS.items() if verdict in verdicts]
    text = f"En tout : {fr.plural(len(verdicts), 'message analysé', 'messages analysés')}, {', '.join(counts)}."
    if not_read:
        unread = fr.plural(not_read, "fichier n'a pas pu être analysé", "fichiers n'ont pas pu être analysés")
        text += f" {unread} (voir ci-dessous)."
    return text


def analysis_dict(name: str, analysis) -> dict:
    comparison = analysis.comparison
    return {
        "file": name, "verdict": analysis.verdict, "score": analysis.score, "pasted_text": analysis.pasted,
        "reasons": [s.id for s in analysis.reasons],
        "findings": [{"id": s.id, "severity": s.severity, "message": s.message, "detail": s.technical} for s in analysis.signals],
        "comparison": None if comparison is None else {"alike": comparison.alike, "different": comparison.different,
                                                       "notes": comparison.notes},
        "errors": analysis.errors,
    }


def _print(name: str, analysis, details: bool) -> None:
    from rich.console import Console

    from gardien.mail.analyze import PASTED_NOTE, VERDICT_NOTE

    console = Console(highlight=False)
    # the file name on its own line: a long path wrapped the verdict in two (« SANS DANGER » / « APPARENT »)
    console.print()
    _say(console, name, indent=0, style="bold")
    _say(console, analysis.label.upper(), style=VERDICT_STYLE[analysis.verdict])
    for note in (VERDICT_NOTE.get(analysis.verdict, ""), analysis.note, PASTED_NOTE if analysis.pasted else ""):
        if note:
            _say(console, note)
    if analysis.reasons:
        _say(console, "Pourquoi :")
    for signal in analysis.reasons:
        _print_signal(console, signal, details)
    remarks = analysis.remarks if details else analysis.remarks_shown
    if remarks:
        _say(console, "Autres remarques :" if analysis.reasons else "Remarques :")
    for signal in remarks:
        _print_signal(console, signal, details)
    if not details and analysis.remarks_folded:
        _say(console, f"… et {fr.plural(len(analysis.remarks_folded), 'autre signe', 'autres signes')} : ajoutez --details.")
    if analysis.comparison is not None:
        _print_comparison(console, analysis.comparison, analysis.differences)
    for error in analysis.errors:
        _say(console, error, mark="!", style="yellow")


def _say(console, text: str, indent: int = 2, mark: str = "", style: str = "") -> None:
    """One paragraph, its wrapped lines kept under its first word, a guillemet never alone at a line break. The text
    is the mail's words too (quoted phrases, addresses, names): plain text, never read as rich markup; a NUL of the
    mail itself is shown as a space."""
    from rich.text import Text

    from gardien.report import wrapping

    lead = " " * indent + (f"{mark} " if mark else "")
    lines = wrapping.fill(text.replace("\x00", " "), max(console.width - 1, 40), initial_indent=lead,
                          subsequent_indent=" " * len(lead), break_long_words=False, break_on_hyphens=False)
    console.print(Text(lines or lead.rstrip(), style=style), soft_wrap=True)


def _has_details(analysis) -> bool:
    """Whether --details adds to this result: a signal's technical line, or the remarks folded away."""
    return bool(analysis.remarks_folded) or any(s.technical for s in (*analysis.reasons, *analysis.remarks))


def _print_signal(console, signal, details: bool) -> None:
    _say(console, signal.message, mark="•")
    if details and signal.technical:
        _say(console, signal.technical, indent=4, style="dim")


def _print_comparison(console, comparison, differences: list[str]) -> None:
    _say(console, "Comparaison avec le message authentique :")
    for line in differences:  # the differences not already told as reasons
        _say(console, line, mark="≠")
    for line in comparison.alike:
        _say(console, line, mark="=")
    if comparison.notes:
        _say(console, "À savoir :")
    for line in comparison.notes:
        _say(console, line, mark="?")
    if comparison.different and not (differences or comparison.alike or comparison.notes):
        _say(console, "Ce qui diffère est dit plus haut, dans « Pourquoi ».")
    if comparison.consistent and comparison.alike:
        _say(console, "Sur ces points, il ressemble au message authentique ; cela ne prouve pas qu'il le soit.")
