"""`gardien envoyer-chiffre`: a thin shell over gardien.envoi."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gardien.errors import GardienError
from gardien.fr import plural


def _sources_line(advice) -> str:
    from gardien.envoi.consignes import SAME_AS_ABOVE

    labels = ([SAME_AS_ABOVE] if advice.said_above else []) + [
        s.label + s.caveat + (f" — {s.url}" if s.url else "")
        for s in advice.new_sources]
    return f"     Source : {' ; '.join(labels)}" if labels else ""


def envoyer_chiffre(
    fichiers: Annotated[list[Path] | None, typer.Argument(metavar="FICHIER…", help="Le ou les fichiers à envoyer (PDF, Word, LibreOffice, photo, texte…).")] = None,
    sortie: Annotated[Path | None, typer.Option("--sortie", metavar="FICHIER", help="Où écrire la copie chiffrée (par défaut, à côté du premier fichier : document-chiffre.pdf, un nom qui ne dit rien du patient).")] = None,
    en_piece_jointe: Annotated[bool, typer.Option("--en-piece-jointe", help="Joint les fichiers d'origine dans le PDF au lieu d'en faire des pages (le destinataire les reçoit modifiables, mais seuls certains lecteurs les montrent).")] = False,
) -> None:
    """Prépare une copie chiffrée à envoyer par e-mail, et son mot de passe à dicter par téléphone."""
    from gardien.envoi import package
    from gardien.envoi.consignes import instructions

    if not fichiers:
        raise GardienError("Indiquez le ou les fichiers à envoyer, par exemple : gardien envoyer-chiffre compte-rendu.pdf")
    documents = package.read_inputs(fichiers)
    target = package.output_path(fichiers, sortie)
    sealed = package.seal(documents, attach_all=en_piece_jointe)
    package.write_new(target, sealed.data, "la copie chiffrée")
    guide = instructions(sealed, target.name)
    echo = typer.echo
    echo(f"Copie chiffrée prête : {target}")
    echo(f"  {sealed.size_text}, {plural(sealed.pages, 'page')}"
         + (f", {plural(len(sealed.attached), 'fichier joint', 'fichiers joints')} à l'intérieur" if sealed.attached else "")
         + ". Vos fichiers d'origine n'ont pas été modifiés.")
    echo()
    echo(f"Mot de passe ({package.WORDS} mots suivis chacun d'un nombre, en minuscules, tout attaché) :")
    echo(f"    {sealed.passphrase}")
    echo(f"  Au téléphone : {sealed.dictation} (épelez un mot qui peut s'écrire de plusieurs façons).")
    echo()
    echo("Pour l'envoyer :")
    for number, step in enumerate(guide.steps, start=1):
        echo(f"  {number}. {step.text}")
        if line := _sources_line(step):
            echo(line)
    echo(f"  {len(guide.steps) + 1}. {guide.reading}")
    if sealed.heavy:
        echo(f"Attention : ce fichier pèse {sealed.size_text} ; certaines messageries refusent des pièces jointes aussi lourdes.")
    echo()
    echo("Bon à savoir :")
    for tip in guide.advice:
        echo(f"  • {tip.text}")
        if line := _sources_line(tip):
            echo(line)
