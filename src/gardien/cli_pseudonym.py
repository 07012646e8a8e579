"""`gardien pseudonymiser` and `gardien reidentifier`: the safe way to use an AI with a patient's letter."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from gardien.errors import GardienError


def _read(source: str) -> str:
    """The text of a file or of standard input, within the same limits as the web page."""
    from gardien import limits
    from gardien.pseudonym.documents import read_text

    if source == "-":
        return limits.stdin_text()
    return limits.check_text_length(read_text(Path(source)))


def _write(text: str, sortie: Path | None) -> None:
    if sortie is None:
        typer.echo(text)
        return
    if sortie.exists():
        raise GardienError(f"{sortie} existe déjà : choisissez un autre nom, rien n'est écrasé.")
    sortie.write_text(text, encoding="utf-8")


def pseudonymiser(
    source: Annotated[str, typer.Argument(metavar="FICHIER", help="Le texte (.txt, .docx, .odt, .pdf) ou - pour l'entrée standard.")] = "-",
    nom: Annotated[list[str] | None, typer.Option("--nom", help="Nom du patient, toujours remplacé (répétable).")] = None,
    dates: Annotated[str, typer.Option("--dates", help="balises (par défaut), decaler (toutes d'un même écart secret) ou relatif (J0, J+3).")] = "balises",
    garder: Annotated[bool, typer.Option("--garder", help="Garde la correspondance, chiffrée, pour remettre les noms dans la réponse de l'IA.")] = False,
    duree: Annotated[str, typer.Option("--duree", help="Combien de temps la garder (7j par défaut ; 12h, 30j...).")] = "7j",
    json_output: Annotated[bool, typer.Option("--json", help="Affiche {text, entities} en JSON (positions dans le texte d'origine).")] = False,
    sortie: Annotated[Path | None, typer.Option("--sortie", help="Écrit le texte dans ce fichier au lieu de l'afficher.")] = None,
) -> None:
    """Retire d'un texte ce qui identifie un patient, avant de le confier à une IA."""
    from gardien.pseudonym import engine, mapping

    if dates not in ("balises", "decaler", "relatif"):
        raise GardienError(f"Choix de dates inconnu : « {dates} ». Choisissez balises, decaler ou relatif.")
    from gardien.limits import parse_duration

    keep_for = parse_duration(duree) if garder else None
    text = _read(source)
    if not text.strip():
        raise GardienError("Le texte est vide : rien à pseudonymiser.")
    result = engine.pseudonymise(text, engine.Options(patient_names=list(nom or []), dates=dates))
    identifier = None
    if keep_for is not None:
        identifier, expires = mapping.save(result.mapping, result.date_offset_days, keep_for)
    if json_output:
        payload = {"text": result.text, "entities": [
            {"start": e.start, "end": e.end, "label": e.label, "replacement": e.replacement} for e in result.entities]}
        if identifier:
            payload["correspondance"] = identifier
        _write(json.dumps(payload, ensure_ascii=False, indent=2), sortie)
    else:
        _write(result.text, sortie)
    typer.echo(f"{result.summary_sentence()} Relisez le texte avant de l'envoyer : aucun outil n'est parfait.", err=True)
    if identifier:
        typer.echo(f"Correspondance gardée, chiffrée, jusqu'au {expires.strftime('%d/%m/%Y %H:%M')} : "
                   f"gardien reidentifier --correspondance {identifier} REPONSE.txt", err=True)


def reidentifier(
    source: Annotated[str, typer.Argument(metavar="FICHIER", help="La réponse de l'IA, ou - pour l'entrée standard.")] = "-",
    correspondance: Annotated[str, typer.Option("--correspondance", help="Le numéro donné par gardien pseudonymiser --garder.")] = "",
    oublier: Annotated[bool, typer.Option("--oublier", help="Efface la correspondance après usage.")] = False,
    sortie: Annotated[Path | None, typer.Option("--sortie", help="Écrit le texte dans ce fichier au lieu de l'afficher.")] = None,
) -> None:
    """Remet les vrais noms dans la réponse de l'IA, sur votre ordinateur seulement."""
    from gardien.pseudonym import mapping
    from gardien.pseudonym.reidentify import reidentify

    if not correspondance:
        raise GardienError("Indiquez --correspondance, le numéro donné par « gardien pseudonymiser --garder ».")
    restored, count = reidentify(_read(source), mapping.load(correspondance))
    _write(restored, sortie)
    typer.echo(f"{count} remplacement(s).", err=True)
    if oublier:
        mapping.forget(correspondance)
        typer.echo("Correspondance effacée.", err=True)
