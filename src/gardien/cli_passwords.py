"""`gardien motdepasse`: check, generate, advise. The password typed is never printed, logged or stored."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from typing import Annotated

import typer

from gardien.errors import GardienError
from gardien.launch import verbatim

app = typer.Typer(
    help="Vérifier un mot de passe, en générer un solide, et les bons réflexes.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

VERDICT_STYLE = {"faible": "bold red", "moyen": "yellow", "fort": "bold green"}


def _read_passwords(stdin: bool) -> list[str]:
    from gardien import limits

    if stdin:
        what = "Ce qui a été reçu sur l'entrée standard"
        data = limits.read_stdin(limits.MAX_PASSWORD_INPUT_BYTES, what)
        passwords = []
        for raw in limits.decode_text(data, what, legacy=False).split("\n"):
            line = raw.rstrip("\r")
            if len(line) > limits.MAX_PASSWORD_CHARS:
                raise limits.BadInput(f"Une ligne de plus de {limits.MAX_PASSWORD_CHARS} caractères n'est pas un mot de passe : "
                                      "rien n'a été vérifié.")
            if line:
                passwords.append(line)
        if not passwords:
            raise GardienError("Aucun mot de passe reçu sur l'entrée standard.")
        return passwords
    if not sys.stdin.isatty():
        raise GardienError("Gardien ne peut pas lire ici le mot de passe que vous taperiez : tapez la commande dans un "
                           "Terminal, ou vérifiez-le dans l'interface de Gardien (gardien interface, page « Mot de passe »). "
                           "Pour un script : l'option --stdin lit le mot de passe envoyé à la commande.")
    password = limits.ask_hidden("Mot de passe à vérifier (rien ne s'affiche pendant la frappe) : ",
                                 "Ou donnez-le par l'entrée standard (--stdin).")
    if not password:
        raise GardienError("Aucun mot de passe tapé : rien n'a été vérifié.")
    return [password]


@app.command()
def verifier(
    stdin: Annotated[bool, typer.Option("--stdin", help="Lit un mot de passe par ligne sur l'entrée standard (pour les scripts).")] = False,
    json_output: Annotated[bool, typer.Option("--json", help="Un objet JSON par mot de passe, une ligne chacun.")] = False,
    en_ligne: Annotated[bool, typer.Option("--en-ligne", help="Demande aussi à Have I Been Pwned s'il a fuité (seuls 5 caractères de son empreinte SHA-1 sont envoyés).")] = False,
) -> None:
    """Dit si un mot de passe est faible, moyen ou fort, et pourquoi (seuils de la CNIL)."""
    from gardien.passwords import breach, strength

    passwords = _read_passwords(stdin)
    strength.warm_up()
    if en_ligne:
        typer.echo(
            "Vérification en ligne : seuls les 5 premiers caractères de l'empreinte SHA-1 de chaque mot de passe sont "
            "envoyés à Have I Been Pwned ; le mot de passe lui-même ne quitte pas l'ordinateur.",
            err=True,
        )
    for index, password in enumerate(passwords, 1):
        evaluation = strength.evaluate(password)
        online = Online(breach.OnlineStatus.NOT_ASKED)
        if en_ligne:
            try:
                online = Online(breach.OnlineStatus.DONE, breach.pwned_count(password))
            except breach.OnlineCheckFailed as exc:
                online = Online(breach.OnlineStatus.IMPOSSIBLE, message=exc.message)
        if json_output:
            with verbatim():  # data, as it is
                typer.echo(json.dumps(_as_json(index, evaluation, online, stdin), ensure_ascii=False))
        else:
            _print(evaluation, online, index if len(passwords) > 1 else None)
    if not json_output:  # what the numbers mean: once, after every verdict (not once per password)
        from rich.console import Console

        _laid_out(Console(), strength.CNIL_NOTE, style="dim")


@dataclass(frozen=True)
class Online:
    """The online check of one password: not asked, done (with its count), or impossible (with why)."""

    status: str
    pwned: int | None = None
    message: str = ""


def _as_json(index: int, evaluation, online: Online, with_parts: bool) -> dict:
    """One password's verdict as data. The parts that form a pattern only when the password came from standard
    input: typed hidden, it is not shown back, not even a part of it."""
    return {
        "rang": index,
        "entropy_bits": evaluation.entropy_bits,
        "verdict": evaluation.verdict,
        "cnil": evaluation.cnil,
        "exemple_cnil": evaluation.example,
        "reasons": list(evaluation.reasons),
        "motifs": [{"type": p.kind, "debut": p.start, "fin": p.end} | ({"partie": p.part} if with_parts else {})
                   for p in evaluation.patterns],
        "liste_hors_ligne": evaluation.in_offline_list,
        "en_ligne": online.status,
        "pwned": online.pwned,
    }


def _print(evaluation, online: Online, index: int | None) -> None:
    from rich.console import Console

    from gardien.passwords import breach, strength

    console = Console()
    head = f"Mot de passe n° {index} : " if index else "Verdict : "
    _laid_out(console, f"{head}{evaluation.verdict} ({evaluation.solidity})",
              styled=(len(head), len(head) + len(evaluation.verdict), VERDICT_STYLE[evaluation.verdict]))
    for reason in evaluation.reasons:
        _laid_out(console, reason, bullet=True)
    if evaluation.verdict != strength.Verdict.STRONG:
        _laid_out(console, "Pour en créer une : gardien motdepasse generer.", bullet=True)
    if online.status == breach.OnlineStatus.IMPOSSIBLE:
        _laid_out(console, online.message, bullet=True, style="bold yellow")
    elif online.pwned:
        _laid_out(console, f"Have I Been Pwned l'a vu {online.pwned} fois dans des fuites : ne l'utilisez plus.",
                  bullet=True, style="bold red")
    elif online.status == breach.OnlineStatus.DONE:
        _laid_out(console, "Have I Been Pwned ne l'a jamais vu dans une fuite connue.", bullet=True)


def _laid_out(console, text: str, bullet: bool = False, style: str = "", styled: tuple[int, int, str] | None = None) -> None:
    """A sentence cut to the terminal's width here, its lines under its words rather than under the bullet, no command
    cut in two, no space left at the lines' ends: Rich wrapped « • Ce qui se devine… » back to column 0 (review r23).
    `styled`: (start, end, style) of one part of the text, the verdict's word (in the head line, before any cut)."""
    from rich.text import Text

    from gardien import launch
    from gardien.report.text import commands_whole

    first, then = ("  • ", "    ") if bullet else ("", "")
    shown = Text(commands_whole(launch.as_typed(text), console.width, initial_indent=first, subsequent_indent=then),
                 style=style)
    if styled is not None:
        shown.stylize(styled[2], *styled[:2])
    console.print(shown, soft_wrap=True, highlight=False)  # already cut: Rich must not cut again


PASSPHRASE_WORDS = (7, 5, 20)  # default, lowest, highest
RANDOM_LENGTH = (14, 13, 128)


def _one_kind(random: bool, words: int | None, accents: bool, length: int | None) -> None:
    """An option of the other kind of password would be silently ignored: refused, saying what it is for (walkthrough
    r18: `--aleatoire --mots 3` only said that --mots must be 5 to 20). Checked before the ranges, hence by hand."""
    passphrase_only = [name for name, given in (("--mots", words is not None), ("--accents", accents)) if given]
    if random and passphrase_only:
        said = " et ".join(passphrase_only)
        raise GardienError(f"{said} ne sert qu'à la phrase de passe, pas au mot de passe aléatoire (--aleatoire) : "
                           f"retirez {said}, ou retirez --aleatoire pour une phrase de passe. La longueur du mot de passe "
                           "aléatoire se choisit avec --longueur.")
    if not random and length is not None:
        raise GardienError("--longueur ne sert qu'au mot de passe aléatoire : ajoutez --aleatoire, ou retirez --longueur "
                           "pour une phrase de passe (son nombre de mots se choisit avec --mots).")


def _in_range(option: str, given: int | None, bounds: tuple[int, int, int]) -> int:
    default, low, high = bounds
    if given is None:
        return default
    if not low <= given <= high:  # as the other options' ranges are said (cli_french.explain)
        raise GardienError(f"Valeur invalide pour l'option {option} : il faut un nombre entier de {low} à {high}.")
    return given


@app.command()
def generer(
    mots: Annotated[int | None, typer.Option("--mots", help="Nombre de mots de la phrase de passe, de 5 à 20 (7 par défaut, l'exemple de la CNIL).")] = None,
    accents: Annotated[bool, typer.Option("--accents", help="Garde les accents des mots (é, è, ç…).")] = False,
    aleatoire: Annotated[bool, typer.Option("--aleatoire", help="Un mot de passe aléatoire (4 types de caractères) au lieu d'une phrase de passe.")] = False,
    longueur: Annotated[int | None, typer.Option("--longueur", help="Longueur du mot de passe aléatoire, de 13 à 128 (14 par défaut, 13 au minimum : Gardien ne donne rien sous le repère de la CNIL pour un mot de passe seul).")] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Affiche {\"password\": ..., \"entropy_bits\": ...}.")] = False,
) -> None:
    """Génère une phrase de passe facile à retenir, ou un mot de passe aléatoire."""
    from gardien import fr
    from gardien.passwords import generate, strength

    _one_kind(aleatoire, mots, accents, longueur)
    if aleatoire:
        result = generate.random_password(_in_range("--longueur", longueur, RANDOM_LENGTH))
    else:
        result = generate.passphrase(_in_range("--mots", mots, PASSPHRASE_WORDS), accents)
    if json_output:
        with verbatim():  # data, as it is
            typer.echo(json.dumps({"password": result.password, "entropy_bits": result.entropy_bits}, ensure_ascii=False))
        return
    with verbatim():  # data, as it is
        typer.echo(result.password)
    kind = "caractères tirés au hasard" if aleatoire else f"mots tirés au hasard parmi {len(generate.passphrase_words())}"
    typer.echo(f"{fr.capitalised(strength.solidity(result.entropy_bits))} ({kind}).", err=True)
    if result.entropy_bits < strength.STRONG_BITS:
        typer.echo("Sous le repère de la CNIL pour un mot de passe seul : à réserver à un compte qui se bloque après "
                   "quelques essais ratés.", err=True)
    typer.echo(strength.CNIL_NOTE, err=True)  # what the number means, as `verifier` says it
    typer.echo("Gardien ne garde aucune trace de ce mot de passe : notez-le dans votre gestionnaire.", err=True)


@app.command()
def conseils(
    sujet: Annotated[str | None, typer.Argument(help="gestionnaire, double-authentification, cps, un-par-service, apres-une-fuite")] = None,
) -> None:
    """Les bons réflexes : gestionnaire, double authentification, CPS et e-CPS, après une fuite."""
    from gardien.fr import typed_choice
    from gardien.passwords import advice

    topics = advice.topics()
    sujet = sujet if sujet is None else (typed_choice(sujet, topics) or sujet)
    if sujet is not None and sujet not in topics:
        raise GardienError(f"Sujet inconnu : « {sujet} ». Sujets : {', '.join(topics)}.")
    for key in [sujet] if sujet else list(topics):
        topic = topics[key]
        typer.echo(f"\n{topic.title}\n" + "─" * len(topic.title))
        for paragraph in topic.paragraphs:
            typer.echo(f"{paragraph}\n")
        for source in topic.sources:
            label = source.label + source.caveat
            typer.echo(f"Source : {label}" + (f" — {source.url}" if source.url else ""))
    typer.echo("\nLe générateur de Gardien, ici : gardien motdepasse generer (ou --aleatoire).")
