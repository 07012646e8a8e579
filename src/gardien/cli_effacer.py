"""`gardien effacer`: a thin shell over gardien.effacement."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gardien import fr
from gardien.cli_french import not_erased, prompt
from gardien.errors import ExitCode, GardienError, Interrupted
from gardien.launch import typed_again


def effacer(
    cibles: Annotated[list[Path] | None, typer.Argument(metavar="FICHIER|DOSSIER…", help="Ce qu'il faut effacer pour de bon.")] = None,
    essai: Annotated[bool, typer.Option("--essai", help="Montre ce qui serait fait, sans rien effacer.")] = False,
    oui: Annotated[bool, typer.Option("--oui", help="Ne demande pas de confirmation (pour un script).")] = False,
) -> None:
    """Efface des fichiers ou des dossiers comme il faut pour le disque qui les porte, et dit ce qui a été fait."""
    from gardien.effacement import apercu, messages
    from gardien.effacement.operation import execute

    if not cibles:
        raise GardienError("Indiquez le fichier ou le dossier à effacer, par exemple : gardien effacer ancien-dossier")
    preview = apercu.prepare(cibles)  # every refusal before anything is touched
    echo = typer.echo
    for item in preview.items:
        echo(f"À effacer : {item.plan.target} — {item.summary}.")
        echo(f"  Support : {item.medium}.")
        echo(f"  Ce que Gardien fait : {fr.after_colon(item.method)}")
        echo(f"  {item.encryption}")
        if item.in_backups:
            echo(f"  {item.in_backups}")
    echo(preview.elsewhere)
    echo("Sources :")
    for line in preview.sources:
        echo(f"  • {line}")
    if not essai and not oui:
        echo()
        echo(preview.confirmation)
        try:
            answer = prompt("Pour confirmer, tapez oui", default="", show_default=False, prompt_suffix=" : ")
        except KeyboardInterrupt:
            raise Interrupted(typed_again(), "rien n'a été effacé") from None
        except (typer.Abort, EOFError):
            raise GardienError("Pas de confirmation : rien n'a été effacé. (Pour un script, ajoutez --oui.)") from None
        if (refused := not_erased(answer.strip().lower())) is not None:
            echo(refused)
            return
    complete = True
    for plan in preview.plans:
        report = execute(plan, dry_run=essai)
        for line in messages.report_text(plan, report):
            echo(line)
        complete = complete and report.complete
    if not complete:
        raise typer.Exit(ExitCode.FINDINGS)
