"""`gardien pseudonymiser` and `gardien reidentifier`: the safe way to use an AI with a patient's letter."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated

import typer

from gardien.errors import GardienError
from gardien.fr import plural


def _read(source: str) -> str:
    """The text of a file or of standard input, within the same limits as the web page."""
    from gardien import limits
    from gardien.pseudonym.documents import read_text

    if source == "-":
        return limits.stdin_text()
    return limits.check_text_length(read_text(Path(source)))


def _check_output(sortie: Path | None) -> None:
    """Refuse a --sortie that cannot be written before any work is done and before any correspondence is kept."""
    if sortie is None:
        return
    from gardien.explain import refuse_folder

    refuse_folder(sortie, "texte.txt", "le texte préparé")
    if sortie.exists():
        raise GardienError(f"{sortie} existe déjà : choisissez un autre nom, rien n'est écrasé.")
    folder = sortie.parent
    if not os.access(folder, os.W_OK):
        raise GardienError(f"Gardien ne peut pas écrire dans le dossier {folder} : choisissez-en un autre. Rien n'a été fait.")


def _write(text: str, sortie: Path | None) -> None:
    if sortie is None:
        from gardien.launch import verbatim

        with verbatim():  # her text, as it is
            typer.echo(text)
        return
    try:
        with sortie.open("x", encoding="utf-8") as handle:  # "x": never overwrite, even a file created meanwhile
            handle.write(text)
    except FileExistsError as exc:
        raise GardienError(f"{sortie} existe déjà : choisissez un autre nom, rien n'est écrasé.") from exc
    except OSError as exc:
        from gardien.explain import failure

        raise failure(f"d'écrire {sortie}", exc) from exc


# each command loads the language model again (the web page only the first time): say why the wait is long
READING = ("Lecture du texte… Gardien charge d'abord son dictionnaire de la langue française : cela peut prendre "
           "jusqu'à une demi-minute sur un ordinateur occupé.")
NOT_ANONYMOUS = ("Ce texte est pseudonymisé, pas anonyme : l'âge, une maladie rare ou un événement daté peuvent encore "
                 "faire reconnaître le patient. Relisez-le avant de l'envoyer, et ne confiez à une IA que le nécessaire.")


def pseudonymiser(
    source: Annotated[str, typer.Argument(metavar="FICHIER", help="Le texte (.txt, .docx, .odt, .pdf), ou - pour coller le texte ici.")] = "-",
    nom: Annotated[list[str] | None, typer.Option("--nom", "--patient", help="Nom d'un patient, toujours remplacé (répétable : un --nom par patient, chacun aura son repère ; pour une patiente connue sous deux noms, écrivez-les ensemble : --nom \"Camille Fournier Lefèvre\").")] = None,
    dates: Annotated[str, typer.Option("--dates", help="balises (par défaut), decaler (toutes d'un même écart secret) ou relatif (J0, J+3).")] = "balises",
    garder: Annotated[bool, typer.Option("--garder", help="Garde la correspondance, chiffrée, pour remettre les noms dans la réponse de l'IA.")] = False,
    duree: Annotated[str, typer.Option("--duree", help="Combien de temps la garder (7j par défaut ; 12h, 30j...).")] = "7j",
    json_output: Annotated[bool, typer.Option("--json", help="Affiche {text, entities} en JSON (positions dans le texte d'origine).")] = False,
    sortie: Annotated[Path | None, typer.Option("--sortie", help="Écrit le texte dans ce fichier au lieu de l'afficher.")] = None,
) -> None:
    """Retire d'un texte ce qui identifie un patient, avant de le confier à une IA. Le résultat est pseudonymisé, pas anonyme."""
    from gardien.fr import typed_choice
    from gardien.pseudonym import engine, mapping

    dates = typed_choice(dates, ("balises", "decaler", "relatif")) or dates
    if dates not in ("balises", "decaler", "relatif"):
        raise GardienError(f"Choix de dates inconnu : « {dates} ». Choisissez balises, decaler ou relatif.")
    from gardien.limits import parse_duration

    keep_for = parse_duration(duree) if garder else None
    _check_output(sortie)
    if keep_for is not None:
        mapping.ready()  # a missing or damaged keyring is said before the text is read
    text = _read(source)
    if not text.strip():
        raise GardienError("Le texte est vide : rien à pseudonymiser.")
    typer.echo(READING, err=True)
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
    typer.echo(f"{result.summary_sentence()} {NOT_ANONYMOUS}", err=True)
    if identifier:
        typer.echo(f"Correspondance gardée, chiffrée, jusqu'au {expires.strftime('%d/%m/%Y %H:%M')} : "
                   f"gardien reidentifier --correspondance {identifier} REPONSE.txt", err=True)


def _check_quietly(answer: str, kept: dict[str, str]) -> bool:
    from gardien.pseudonym.reidentify import Mismatch, check

    try:
        check(answer, kept)
    except Mismatch:
        return False
    return True


def reidentifier(
    source: Annotated[str, typer.Argument(metavar="FICHIER", help="La réponse de l'IA (un fichier), ou - pour la coller ici.")] = "-",
    correspondance: Annotated[str, typer.Option("--correspondance", help="Le numéro donné par gardien pseudonymiser --garder.")] = "",
    oublier: Annotated[bool, typer.Option("--oublier", help="Efface la correspondance après usage.")] = False,
    sortie: Annotated[Path | None, typer.Option("--sortie", help="Écrit le texte dans ce fichier au lieu de l'afficher.")] = None,
    laisser_inconnus: Annotated[bool, typer.Option("--laisser-inconnus", help="Remet les noms même si l'IA a écrit des repères qu'aucune correspondance gardée n'a (inventés ou renumérotés) : ceux-là restent tels quels.")] = False,
) -> None:
    """Remet les vrais noms dans la réponse de l'IA, sur votre ordinateur seulement."""
    from gardien.pseudonym import mapping
    from gardien.pseudonym.reidentify import Mismatch, UnknownMarkers, check, placeholders_in, reidentify

    if not correspondance:
        raise GardienError("Indiquez --correspondance, le numéro donné par « gardien pseudonymiser --garder ».")
    _check_output(sortie)
    answer = _read(source)
    chosen = mapping.load(correspondance)
    found = placeholders_in(answer)
    kept_all = mapping.load_all()
    # the markers no kept correspondence holds (an AI that invented or renumbered one): left as written if she asks
    unknown = sorted(found - set(chosen) - {p for kept in kept_all.values() for p in kept})
    as_is = "tels quels" if len(unknown) > 1 else "tel quel"
    try:
        check(answer, chosen, f"de la correspondance {correspondance}", frozenset(unknown) if laisser_inconnus else frozenset())
    except Mismatch as exc:
        others = [i for i, kept in kept_all.items() if i != correspondance and _check_quietly(answer, kept)]
        hint = f" Elle correspond à la correspondance {others[0]} : gardien reidentifier --correspondance {others[0]}" if len(others) == 1 else ""
        if not laisser_inconnus and unknown and found - set(unknown) <= set(chosen) and found - set(unknown):
            # walkthrough round 17: one marker the AI invented refused the whole answer, naming others first
            unknown_only = UnknownMarkers(unknown, f"de la correspondance {correspondance}", True,
                                          where="dans aucune correspondance gardée")
            raise Mismatch(f"Gardien n'a remis aucun nom. {unknown_only.message} Si le reste de la réponse concerne bien ce "
                           "texte, relancez avec --laisser-inconnus.") from exc
        raise Mismatch(exc.message + hint) from exc
    restored, count = reidentify(answer, chosen)
    _write(restored, sortie)
    typer.echo(f"{plural(count, 'remplacement')}.", err=True)
    if unknown:
        typer.echo(f"Dans aucune correspondance, donc laissé{'s' if len(unknown) > 1 else ''} {as_is} : {', '.join(unknown)}. "
                   f"Corrigez-{'les' if len(unknown) > 1 else 'le'} vous-même avant d'utiliser ce texte.", err=True)
    if oublier:
        mapping.forget(correspondance)
        typer.echo("Correspondance effacée.", err=True)
