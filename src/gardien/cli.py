"""The `gardien` command: parses arguments, calls the library, picks a renderer, returns an exit code.

Exit codes (gardien.errors.ExitCode): 0 done; 1 a finding at or above --echec-a failed;
2 bad input or usage; 3 internal error (the message gives the log file).
"""

from __future__ import annotations

import os
import sys
import warnings
from pathlib import Path
from typing import Annotated

import typer

from gardien.cli_french import HELP_OPTION_NAMES, FrenchGroup, click_errors, explain, usage_hint
from gardien.errors import ExitCode, GardienError, Interrupted


class GardienCommands(FrenchGroup):
    """The commands in the order a practitioner needs them: the bilan first, then the tools, then the follow-up."""

    SECTIONS = (
        ("En cas d'attaque par rançongiciel", ("urgence",)),
        ("Pour commencer, dans cet ordre", ("audit", "interface", "questionnaire", "plan")),
        ("Les outils", ("sauvegarde", "motdepasse", "mail", "pseudonymiser", "reidentifier", "envoyer-chiffre",
                        "effacer")),
        ("Le cabinet", ("registre", "formation", "fin-de-vie", "veille")),
        ("Le suivi", ("historique", "rappels", "reparer", "desinstaller")),
    )


app = typer.Typer(
    name="gardien",
    cls=GardienCommands,
    help="Gardien, le gardien numérique du cabinet : vérifie l'ordinateur et explique quoi faire, pas à pas.",
    add_completion=False,
    invoke_without_command=True,
    context_settings={"help_option_names": HELP_OPTION_NAMES},
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

WELCOME = """Gardien, le gardien numérique de votre cabinet.

Pour commencer :
  gardien audit
      le bilan de sécurité de cet ordinateur (quelques secondes, sans rien modifier)
  gardien interface
      Gardien dans votre navigateur, pour tout faire à la souris

Ensuite : « gardien questionnaire », puis « gardien plan ».
Pour ouvrir Gardien d'un double-clic : gardien interface --raccourci (une fois).
Toutes les commandes : gardien --help"""

# once a bilan is on record, « Pour commencer : gardien audit » would send her back to the start: she continues instead
WELCOME_BACK = """Gardien, le gardien numérique de votre cabinet.

Votre dernier bilan : le {day} (score {score}/100, {fails} à corriger).

Pour continuer :
  gardien plan
      ce qu'il reste à faire, un pas après l'autre
  gardien audit
      refaire le bilan de cet ordinateur (quelques secondes, sans rien modifier)
  gardien interface
      Gardien dans votre navigateur, pour tout faire à la souris

Toutes les commandes : gardien --help"""


def welcome_text() -> str:
    from gardien import fr
    from gardien.store import history

    last = history.recent(1)
    if not last:
        return WELCOME
    audit = last[-1]
    return WELCOME_BACK.format(day=fr.day_and_time(audit.started_at), score=audit.score,
                               fails=audit.counts.get("fail", 0))


def _show_version(value: bool) -> None:
    if value:
        from gardien import __version__

        typer.echo(f"Gardien {__version__}")
        raise typer.Exit()


@app.callback()
def welcome(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version", callback=_show_version, is_eager=True, help="Affiche la version de Gardien.")] = False,
) -> None:
    """Gardien, le gardien numérique du cabinet : vérifie l'ordinateur et explique quoi faire, pas à pas."""
    if ctx.invoked_subcommand is None:
        from gardien import launch
        from gardien.plan.deadlines import first_of_all

        urgent = first_of_all()  # an open emergency or a CNIL decision: said before anything else, as the audit does
        if urgent is not None:
            typer.echo(launch.as_typed(f"{urgent.in_terminal}\n{urgent.note_line}"))
        typer.echo(launch.as_typed(welcome_text()))
        if notice := launch.notice():
            typer.echo(f"\n{notice}")


def _add_subcommands() -> None:
    from gardien.cli_backup import app as backup_app
    from gardien.cli_formation import app as formation_app
    from gardien.cli_mail import app as mail_app
    from gardien.cli_passwords import app as passwords_app
    from gardien.cli_plan import plan_app, questionnaire_app
    from gardien.cli_registre import app as registre_app
    from gardien.cli_reminders import app as reminders_app
    from gardien.cli_urgence import app as urgence_app
    from gardien.cli_veille import app as veille_app

    app.add_typer(passwords_app, name="motdepasse")
    app.add_typer(questionnaire_app, name="questionnaire")
    app.add_typer(plan_app, name="plan")
    app.add_typer(reminders_app, name="rappels")
    app.add_typer(mail_app, name="mail")
    app.add_typer(backup_app, name="sauvegarde")
    app.add_typer(registre_app, name="registre")
    app.add_typer(veille_app, name="veille")
    app.add_typer(urgence_app, name="urgence")
    app.add_typer(formation_app, name="formation")
    from gardien.cli_pseudonym import pseudonymiser, reidentifier
    from gardien.cli_repair import reparer

    app.command("pseudonymiser")(pseudonymiser)
    app.command("reidentifier")(reidentifier)
    app.command("reparer")(reparer)
    from gardien.cli_envoi import envoyer_chiffre

    app.command("envoyer-chiffre")(envoyer_chiffre)
    from gardien.cli_effacer import effacer
    from gardien.cli_fin_de_vie import app as fin_de_vie_app

    app.command("effacer")(effacer)
    app.add_typer(fin_de_vie_app, name="fin-de-vie")
    from gardien.cli_desinstaller import desinstaller

    app.command("desinstaller")(desinstaller)


_add_subcommands()

HTML_REPORT = "le rapport à imprimer"  # what `audit --html` writes, as its errors name it (« HTML » is jargon to her)
SEVERITY_WORDS = {  # read as every typed choice (fr.typed_choice): capitals and accents do not matter
    "critique": "critical", "critical": "critical",
    "importante": "high", "haute": "high", "élevée": "high", "high": "high",
    "moyenne": "medium", "medium": "medium",
    "faible": "low", "low": "low",
    "info": "info", "information": "info",
}


def _severity(value: str | None):
    from gardien.core.model import Severity
    from gardien.fr import typed_choice

    if value is None:
        return None
    key = SEVERITY_WORDS.get(typed_choice(value, SEVERITY_WORDS) or "")
    if key is None:
        raise GardienError(
            f"Gravité inconnue : « {value} ». Choisissez parmi : critique, importante, moyenne, faible, info."
        )
    return Severity(key)


@app.command()
def audit(
    json_output: Annotated[bool, typer.Option("--json", help="Affiche le résultat en JSON (schéma dans docs/json-schema.md).")] = False,
    html: Annotated[Path | None, typer.Option("--html", metavar="FICHIER", help="Écrit aussi le rapport dans une page à ouvrir dans le navigateur et à imprimer (nom en .html).")] = None,
    details: Annotated[bool, typer.Option("--details", help="Explique chaque point : pourquoi il compte, que faire, la source.")] = False,
    no_save: Annotated[bool, typer.Option("--no-save", help="N'enregistre pas ce bilan dans l'historique.")] = False,
    echec_a: Annotated[str | None, typer.Option("--echec-a", metavar="GRAVITE", help="Code de sortie 1 si un point de cette gravité ou plus est à corriger (critique, importante, moyenne, faible).")] = None,
    enregistrer: Annotated[Path | None, typer.Option("--enregistrer", metavar="DOSSIER", help="Enregistre les sorties brutes des commandes dans DOSSIER, pour l'assistance.")] = None,
    rejouer: Annotated[Path | None, typer.Option("--rejouer", metavar="DOSSIER", help="Fait le bilan à partir d'un enregistrement au lieu de cet ordinateur.")] = None,
) -> None:
    """Vérifie la sécurité de cet ordinateur et dit quoi faire en premier."""
    from gardien.core.audit import audit_live, audit_replay
    from gardien.core.runner import severity_at_least

    threshold = _severity(echec_a)
    if rejouer is not None and enregistrer is not None:
        raise GardienError("--rejouer et --enregistrer ne vont pas ensemble : on ne réenregistre pas un enregistrement.")
    from gardien.explain import refuse_folder

    refuse_folder(html, "rapport.html", HTML_REPORT)  # said before the audit, not after it has been shown
    if html is not None and html.exists() and not html.is_file():  # a FIFO, that would block the write
        raise GardienError(f"{html} n'est pas un fichier : indiquez un nom de fichier, par exemple rapport.html.")
    if html is not None and html.suffix.lower() not in (".html", ".htm"):  # a .docx or .pdf name would not open
        raise GardienError(f"Le rapport est une page à ouvrir dans le navigateur : donnez-lui un nom qui finit par .html, "
                           f"par exemple {html.with_suffix('.html').name}.")
    if enregistrer is not None:
        _err(
            "Attention : l'enregistrement contient les réponses brutes du système, dont le nom de votre compte, "
            "des noms de réseaux Wi-Fi et de logiciels installés. Ne l'envoyez qu'à une personne de confiance."
        )
    result = audit_replay(rejouer) if rejouer is not None else audit_live(enregistrer)
    from gardien.plan import first

    with first.once():  # the terminal and the HTML report show the same first step: the plan is built once
        if json_output:
            from gardien.launch import verbatim
            from gardien.report import json as json_report

            with verbatim():
                typer.echo(json_report.render(result))
        else:
            from rich.console import Console

            from gardien.plan import admin_session
            from gardien.plan.audit_notes import for_audit
            from gardien.plan.build import unanswered_questions
            from gardien.plan.deadlines import first_of_all
            from gardien.report import text as text_report

            notes = for_audit(result, saved=not no_save)  # what she marked done in the plan: declared, or seen again
            console = Console()
            urgent = first_of_all()  # an open emergency or a CNIL decision comes before the audit's first step
            if urgent is not None:
                console.print(urgent.in_terminal, style="bold red", markup=False, highlight=False)
                console.print(urgent.note_line, markup=False, highlight=False)
            text_report.render(admin_session.for_audit(result), console, full=details, questions_left=unanswered_questions() > 0,
                               declared=notes.declared, reopened=notes.reopened_sentence)
        if html is not None:
            from gardien.report import html as html_report

            try:
                html.write_text(html_report.render(result, saved=not no_save), encoding="utf-8")
            except OSError as exc:
                from gardien.explain import failure

                raise failure(f"d'écrire {HTML_REPORT} dans {html}", exc) from exc
            _err(f"Rapport écrit dans {html} : ouvrez-le dans votre navigateur (double-clic), puis imprimez-le si besoin.")
    if not no_save and result.mode == "live":
        from gardien.store import history

        # --details explains the audit just shown (its last lines name the option): the same findings, not a new audit
        history.save_details(result) if details else history.save(result)
    if threshold is not None and severity_at_least(result, threshold):
        raise typer.Exit(ExitCode.FINDINGS)


@app.command()
def historique(
    json_output: Annotated[bool, typer.Option("--json", help="Affiche l'historique en JSON.")] = False,
    nombre: Annotated[int, typer.Option("--nombre", min=1, max=1000, help="Nombre de bilans à afficher.")] = 20,
) -> None:
    """Liste les bilans passés et l'évolution du score."""
    from gardien import fr
    from gardien.store import history

    audits = history.recent(nombre)
    if json_output:
        import json

        from gardien.launch import verbatim

        with verbatim():
            typer.echo(json.dumps([a.to_dict() for a in audits], ensure_ascii=False, indent=2))
        return
    if not audits:
        typer.echo("Aucun bilan enregistré pour l'instant. Lancez : gardien audit")
        return
    previous = None
    for past in audits:
        trend = "" if previous is None else f"  ({past.score - previous:+d})"
        counts = past.counts
        typer.echo(
            f"{fr.day_and_time(past.started_at):<20}  score {past.score:>3}/100{trend}   "
            f"{counts.get('fail', 0)} à corriger, {counts.get('manual', 0) + counts.get('error', 0)} à vérifier"
        )
        previous = past.score
    first, last = audits[0].score, audits[-1].score
    if len(audits) > 1:
        word = "progresse" if last > first else "recule" if last < first else "est stable"
        typer.echo(f"Tendance : le score {word} ({first} → {last}).")


@app.command()
def interface(
    port: Annotated[int, typer.Option("--port", help="Port local, de 1024 à 65535 (par défaut, un port libre au hasard).")] = 0,
    sans_navigateur: Annotated[bool, typer.Option("--sans-navigateur", help="N'ouvre pas le navigateur : affiche le fichier à ouvrir.")] = False,
    raccourci: Annotated[bool, typer.Option("--raccourci", help="Crée un raccourci « Gardien » (menu, Bureau) qui ouvre l'interface, puis s'arrête.")] = False,
    retirer_raccourci: Annotated[bool, typer.Option("--retirer-raccourci", help="Retire le raccourci « Gardien » de ce Gardien (menu, Bureau), puis s'arrête ; Gardien reste installé.")] = False,
    a_part: Annotated[bool, typer.Option("--a-part", help="Ouvre un second Gardien, à part, même si un autre est déjà ouvert (sinon, c'est lui qui revient).")] = False,
) -> None:
    """Ouvre Gardien dans votre navigateur, sur cet ordinateur seulement."""
    if raccourci and retirer_raccourci:
        raise GardienError("--raccourci crée le raccourci, --retirer-raccourci le retire : choisissez l'un ou l'autre.")
    if port and not 1024 <= port <= 65535:  # refused before anything else: it said « already open » for 80 (review r23)
        raise GardienError(f"Port {port} impossible : choisissez un port de 1024 à 65535, ou retirez --port pour que "
                           "Gardien en prenne un libre.")
    if retirer_raccourci:
        from gardien.web import shortcut

        removed = shortcut.remove()
        for path in removed:
            typer.echo(f"Raccourci retiré : {path}")
        if removed:
            typer.echo("Gardien reste installé. Pour l'ouvrir : gardien interface ; pour recréer son raccourci : "
                       "gardien interface --raccourci")
        else:
            typer.echo("Gardien n'a pas de raccourci sur cet ordinateur. Pour en créer un : gardien interface --raccourci")
        return
    if raccourci:
        from gardien.compat import current_platform
        from gardien.web import shortcut

        platform = current_platform() or "inconnu"
        written = shortcut.create(platform, shortcut.folders(platform))
        for path in written:
            typer.echo(f"Raccourci créé : {path}")
        places = [shortcut.where_said(path) for path in written]
        typer.echo(f"Pour ouvrir l'interface : « Gardien » {' ou '.join(places)}. Le bouton « Fermer Gardien » l'arrête.")
        return
    from gardien.web.server import serve

    try:
        serve(port, not sans_navigateur, _err, separate=a_part)
    except KeyboardInterrupt:  # Ctrl+C is how the README says to stop it: not an error
        _err("Gardien est fermé.")


def _err(message: str) -> None:
    typer.echo(message, err=True)


def main() -> None:
    """Entry point: turns every error into a French message and an exit code, never a traceback."""
    from gardien import logs
    from gardien.report import wrapping

    logs.install()
    wrapping.install()  # no « » » alone at the start of a line in any box of any command
    wrapping.wrap_terminal_output()  # no word cut in two by the terminal at the end of a line
    from gardien import launch

    launch.install()  # every « gardien … » printed as it must be typed in this terminal (.venv/bin/gardien …)
    if not sys.warnoptions:  # Python's warnings are English notes for developers, not for a practitioner
        warnings.simplefilter("ignore")
    try:
        code = app(standalone_mode=False, prog_name="gardien")
    except GardienError as exc:
        if isinstance(exc, Interrupted):  # the terminal left « ^C » at the end of the line being typed
            _err("")
        _err(exc.message)
        code = exc.exit_code
    except click_errors.NoArgsIsHelpError as exc:  # a group alone (« gardien sauvegarde »): its help is the answer
        typer.echo(exc.ctx.get_help())
        code = ExitCode.OK
    except click_errors.UsageError as exc:
        _err(f"{explain(exc)}\n{usage_hint(exc)}")
        code = ExitCode.USAGE
    except (typer.Abort, KeyboardInterrupt):
        _err("Interrompu.")
        code = 130
    except Exception as exc:  # noqa: BLE001 - last resort: in French when the user can act, else log it
        code = _last_resort(exc)
    _notices()
    sys.exit(int(code or 0))


def _notices() -> None:
    """What the store had to skip (an unreadable row…), said once at the end rather than hidden."""
    from gardien.store.db import take_notices

    notices = take_notices()
    for text in notices:
        _err(text)
    if notices:
        _err("Pour mettre de côté ce qui est abîmé et repartir avec le reste : gardien reparer")


def _last_resort(exc: Exception) -> int:
    from gardien import logs
    from gardien.explain import known
    from gardien.paths import data_dir

    if isinstance(exc, BrokenPipeError):  # the reader stopped early (« gardien plan | head »): nothing to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return ExitCode.OK

    try:
        folder = data_dir()
    except OSError:
        folder = None
    plain = known(exc, folder)
    if plain is not None:
        _err(plain.message)
        return plain.exit_code
    log_path = logs.log_error("erreur interne", exc)
    where = f" Le détail est dans {log_path}." if log_path else " Le détail n'a pas pu être écrit (disque plein ?)."
    _err(f"Gardien a rencontré une erreur interne ; rien n'a été modifié.{where}")
    return ExitCode.INTERNAL_ERROR
