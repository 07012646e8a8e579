"""`gardien reparer`: check Gardien's own files; put a damaged one aside (never deleted) only when the user agrees."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from gardien.errors import ExitCode


def reparer(
    oui: Annotated[bool, typer.Option("--oui", help="Répare sans poser la question (pour les scripts).")] = False,
) -> None:
    """Vérifie les fichiers de Gardien ; met de côté un fichier abîmé et repart de ce qui peut être lu."""
    from gardien import repair
    from gardien.paths import data_dir

    damages = repair.damages()
    if not damages:
        typer.echo(f"Les fichiers de Gardien ({data_dir()}) sont en bon état : rien à réparer.")
        return
    for damage in damages:
        typer.echo(damage.diagnosis)
    typer.echo(
        "\nRéparer, c'est : garder le fichier abîmé à côté, sous un autre nom (rien n'est effacé), et repartir avec "
        "un fichier neuf qui reprend tout ce qui peut encore être lu."
    )
    if not oui:
        if not sys.stdin.isatty():
            typer.echo("Rien n'a été modifié. Pour réparer : gardien reparer --oui", err=True)
            raise typer.Exit(ExitCode.USAGE)
        try:
            typed = input("Réparer maintenant ? [o/N] ")
        except EOFError:
            typed = ""
        if typed.strip().lower() not in ("o", "oui", "y", "yes"):
            typer.echo("Rien n'a été modifié.")
            raise typer.Exit(ExitCode.USAGE)
    for damage in damages:
        typer.echo(f"{damage.path.name} : {damage.mend()}")
