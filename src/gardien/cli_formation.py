"""`gardien formation`: the staff's awareness quizzes, the « Repérez le piège » exercise, learners, certificates and
the IT charter. A thin shell over gardien.formation."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from gardien.cli_registre import _write as write_file  # the same care: never overwrite silently, French errors
from gardien.errors import GardienError, Interrupted
from gardien.explain import refuse_folder
from gardien.fr import de, plural
from gardien.launch import quoted

T = TypeVar("T")

app = typer.Typer(help="Sensibiliser l'équipe : quiz par thème, exercice « Repérez le piège », attestations, charte informatique.",
                  invoke_without_command=True, rich_markup_mode=None)

PRENOM = typer.Option("--prenom", help="Prénom de la personne qui se forme (voir : gardien formation).")


def _echo(text: str = "") -> None:
    typer.echo(text)


def _ask(prompt: str) -> str | None:
    """A line typed by the learner; None at the end of input or on « q »."""
    try:
        typed = input(prompt)
    except EOFError:
        return None
    return None if typed.strip().lower() == "q" else typed.strip()


def _again(command: str, learner) -> str:
    """The command to type again after Ctrl+C: the one she typed, with the learner named (a bare « gardien formation
    quiz » is refused for want of its module)."""
    return f"gardien formation {command} --prenom {quoted(learner.first_name)}"


def _until_valid(prompt: str, parse: Callable[[str], T | None], hint: str) -> T | None:
    """Ask until `parse` accepts what is typed; None when the learner stops (« q » or the end of input)."""
    while True:
        typed = _ask(prompt)
        if typed is None:
            return None
        value = parse(typed)
        if value is not None:
            return value
        _echo(hint)


def _numbers(typed: str, count: int) -> list[int] | None:
    """« 1 3 » -> [0, 2] when every number is between 1 and `count`; None otherwise."""
    numbers = typed.replace(",", " ").split()
    if all(n.isdigit() and 1 <= int(n) <= count for n in numbers):
        return [int(n) - 1 for n in numbers]
    return None


def _one(typed: str, count: int) -> int | None:
    numbers = _numbers(typed, count)
    return numbers[0] if numbers is not None and len(numbers) == 1 else None


def _learner(prenom: str | None):
    from gardien.formation import progress

    people = progress.learners()
    if prenom:
        return progress.find_learner(prenom) if people else _register(prenom)
    if not people:  # a practitioner working alone: no list to fill in before the first quiz
        _echo("Personne n'est encore inscrit : Gardien note votre prénom pour suivre votre progression.")
        typed = _until_valid("Votre prénom (q pour arrêter) : ", _first_name, "Tapez seulement un prénom, par exemple Camille.")
        if typed is None:
            raise GardienError("Aucun prénom tapé : rien n'a été fait. Ajoutez d'abord chaque personne : "
                               "gardien formation ajouter Camille")
        return _register(typed)
    if len(people) == 1:
        return people[0]
    _echo("Qui se forme ?")
    for number, person in enumerate(people, 1):
        _echo(f"  {number}. {person.first_name}")
    chosen = _until_valid("Numéro : ", lambda typed: _one(typed, len(people)), f"Tapez un numéro de 1 à {len(people)}.")
    if chosen is None:
        raise GardienError("Arrêt : personne n'a été choisi, rien n'a été enregistré.")
    return people[chosen]


def _first_name(typed: str) -> str | None:
    from gardien.formation import progress

    try:
        return progress.clean_first_name(typed)
    except GardienError:
        return None


def _register(first_name: str):
    """Add the first person of the list (the practitioner alone, usually) and say so."""
    from gardien.formation import progress

    learner = progress.add_learner(first_name)
    _echo(f"{learner.first_name} est la première personne de la liste des personnes formées. Pour en ajouter d'autres : "
          "gardien formation ajouter PRÉNOM")
    return learner


@app.callback()
def overview(ctx: typer.Context) -> None:
    """Montre qui suit la formation, où chacun en est, et les rappels."""
    if ctx.invoked_subcommand is not None:
        return
    from gardien.formation import text, tracking

    people = tracking.everyone()
    if not people:
        _echo("Personne n'est encore inscrit. Ajoutez chaque personne du cabinet (prénom seulement) :")
        _echo("  gardien formation ajouter Camille")
        _echo("Puis, pour son premier quiz (« Mots de passe et double authentification »), tapez :")
        _echo("  gardien formation quiz mots_de_passe --prenom Camille")
        _echo("Les autres modules et le mot à taper pour chacun : gardien formation modules")
        return
    for person in people:
        _echo(text.learner(person))
        _echo()
    due = tracking.reminders(people)
    for line in tracking.reminder_lines(due):
        _echo(f"Rappel : {line.text}")
    if due:
        from gardien.core.registry import sources

        known = sources()
        _echo("Sources : " + " ; ".join(known[rule].label for rule in tracking.REMINDER_SOURCES) + ".")
    _echo("Pour un quiz, tapez : gardien formation quiz MODULE --prenom PRÉNOM (le mot à taper pour chaque module : "
          "gardien formation modules) ; l'exercice : gardien formation piege --prenom PRÉNOM")


@app.command("ajouter")
def add(prenom: Annotated[str, typer.Argument(metavar="PRÉNOM", help="Le prénom seulement (par exemple Camille, Camille B., ou « Sophie (secrétariat) » avec le rôle entre parenthèses).")]) -> None:
    """Inscrit une personne du cabinet (prénom seulement)."""
    from gardien.formation import progress

    learner = progress.add_learner(prenom)
    _echo(f"{learner.first_name} fait maintenant partie de la liste. Premier module conseillé : « Mots de passe et double "
          f"authentification » ; pour le suivre, tapez : gardien formation quiz mots_de_passe --prenom {quoted(learner.first_name)}")


@app.command("retirer")
def remove(
    prenom: Annotated[str, typer.Argument(metavar="PRÉNOM")],
    oui: Annotated[bool, typer.Option("--oui", help="Ne demande pas de confirmation.")] = False,
) -> None:
    """Retire une personne partie du cabinet, avec tous ses résultats."""
    from gardien.formation import progress

    learner = progress.find_learner(prenom)
    if not oui:
        typed = _ask(f"Retirer {learner.first_name} et tous ses résultats ? (oui/non) : ")
        if (typed or "").lower() not in ("oui", "o"):
            _echo("Rien n'a été retiré.")
            return
    progress.remove_learner(learner.id)
    _echo(f"{learner.first_name} ne fait plus partie du suivi ; ses résultats sont retirés.")


@app.command("modules")
def list_modules() -> None:
    """Liste les modules (un par thème) et le mot à taper pour suivre chacun."""
    from gardien.formation.content import modules

    for mod in modules():
        _echo(f"{mod.title} ({mod.per_attempt} questions, tirées parmi {len(mod.questions)})")
        _echo(f"   pour le suivre, tapez : gardien formation quiz {mod.id}")


@app.command("quiz")
def quiz(
    module: Annotated[str, typer.Argument(metavar="MODULE", help="Identifiant du module (voir : gardien formation modules).")],
    prenom: Annotated[str | None, PRENOM] = None,
) -> None:
    """Pose les questions d'un module, une à une, et explique chaque réponse avec sa source."""
    from gardien import fr
    from gardien.formation import quiz as quiz_module
    from gardien.formation import text
    from gardien.formation.content import module as find_module
    from gardien.formation.quiz import PASS_RATIO
    from gardien.formation.tracking import REFRESH_DAYS, REFRESH_PERIOD, REFRESH_RULE

    mod = find_module(module)
    learner = _learner(prenom)
    attempt = quiz_module.start(learner.id, mod.id)
    _echo(f"{learner.first_name}, module « {mod.title} » : {len(attempt.asked)} questions. Tapez le numéro de votre "
          "réponse (q pour arrêter).")
    shown: set[str] = set()  # sources already given in full: then only named
    while attempt.current is not None:
        index = attempt.current
        asked = attempt.asked[index]
        _echo()
        _echo(text.question(asked, index + 1, len(attempt.asked)))
        count = len(asked.shown)
        try:
            position = _until_valid("Votre réponse : ", lambda typed, count=count: _one(typed, count),
                                    f"Tapez un numéro de 1 à {count}.")
        except KeyboardInterrupt:
            raise Interrupted(_again(f"quiz {mod.id}", learner)) from None
        if position is None:
            _echo("\nArrêt : cet essai ne compte pas. Reprenez quand vous voulez.")
            return
        attempt = quiz_module.answer(attempt.id, index, position)
        _echo(text.feedback(attempt.asked[index], shown))
    _echo()
    verdict = "module validé" if attempt.passed else f"module à reprendre (il faut {fr.percent(PASS_RATIO)} de bonnes réponses)"
    _echo(f"Résultat : {attempt.right}/{len(attempt.asked)} ({fr.percent(attempt.score)}) — {verdict}.")
    if attempt.passed:
        _echo(f"Rappel conseillé dans {REFRESH_PERIOD} (environ {REFRESH_DAYS} jours) : le canevas de l'ANS prévoit "
              f"{REFRESH_RULE}.")


@app.command("piege")
def trap(
    prenom: Annotated[str | None, PRENOM] = None,
    dossier: Annotated[list[Path] | None, typer.Option("--dossier", help="Dossier de vrais messages (.eml, .txt) à mêler à l'exercice.")] = None,
) -> None:
    """« Repérez le piège » : des e-mails à examiner ; indiquez ce qui vous semble suspect, Gardien montre tous les indices."""
    from gardien.formation import rounds, text

    folders = tuple(dossier or ())
    for folder in folders:
        if not folder.is_dir():
            raise GardienError(f"Dossier introuvable : {folder}.")
    learner = _learner(prenom)
    current = rounds.start(learner.id, folders)
    shown: set[str] = set()  # sources already given in full: then only named
    _echo(f"{learner.first_name} : {len(current.items)} messages. Pour chacun, tapez les numéros de ce qui vous semble "
          "suspect, séparés par des espaces (Entrée seule : rien de suspect ; q pour arrêter).")
    while current.current is not None:
        index = current.current
        item = current.items[index]
        zones = text.mail_zones(item.mail)
        _echo()
        _echo(text.mail(item.mail, index + 1, len(current.items)))
        count = len(zones)
        try:
            numbers = _until_valid("Suspect : ", lambda typed, count=count: _numbers(typed, count),
                                   f"Tapez des numéros de 1 à {count}, séparés par des espaces.")
        except KeyboardInterrupt:
            again = _again("piege", learner) + "".join(f" --dossier {quoted(str(f))}" for f in folders)
            raise Interrupted(again, "les messages déjà corrigés sont gardés" if index else "") from None
        if numbers is None:
            _echo("\nArrêt : les messages déjà corrigés sont gardés.")
            return
        current = rounds.answer(current.id, index, [zones[n][0] for n in numbers], folders)
        _echo()
        _echo(text.correction(current.items[index].correction, shown))
    found, total, alarms = current.totals()
    _echo()
    _echo(f"Exercice terminé : {plural(found, 'indice trouvé', 'indices trouvés')} sur {total}, "
          f"{plural(alarms, 'fausse alerte', 'fausses alertes')}.")


# suggested inside a folder named instead of the file
CERTIFICATE_NAME = "attestation.html"
CHARTER_NAME = "charte.html"


@app.command("attestation")
def certificate(
    nom: Annotated[str | None, typer.Argument(metavar="PRÉNOM", help="Prénom de la personne (ou --prenom, comme pour le quiz).")] = None,
    prenom: Annotated[str | None, PRENOM] = None,
    fichier: Annotated[Path | None, typer.Option("--fichier", help="Écrit l'attestation dans une page .html à imprimer.")] = None,
    remplacer: Annotated[bool, typer.Option("--remplacer", help="Remplace le fichier s'il existe déjà.")] = False,
) -> None:
    """Affiche l'attestation de sensibilisation d'une personne, ou l'écrit dans une page à imprimer."""
    from gardien.formation import printable, progress, text, tracking

    if nom and prenom and nom.strip().casefold() != prenom.strip().casefold():
        raise GardienError(f"Deux prénoms donnés (« {nom} » et « {prenom} ») : indiquez-en un seul.")
    refuse_folder(fichier, CERTIFICATE_NAME, "l'attestation")  # before the first name is asked
    learner = _learner(prenom or nom)
    state = progress.read()
    person = tracking.learner_progress(progress.find_learner(learner.id, state), state)
    if fichier is None:
        _echo(text.learner(person))
        if person.certificate_refusal:
            _echo(person.certificate_refusal)
        return
    if fichier.suffix.lower() not in (".html", ".htm"):
        raise GardienError("L'attestation s'écrit dans une page .html (à ouvrir puis imprimer).")
    if person.certificate_refusal:
        raise GardienError(person.certificate_refusal)
    write_file(fichier, printable.certificate_html(person).encode("utf-8"), remplacer, "l'attestation", CERTIFICATE_NAME)
    _echo(f"Attestation {de(person.learner.first_name)} écrite dans {fichier} : ouvrez-la puis imprimez-la.")


@app.command("charte")
def charter(
    fichier: Annotated[Path | None, typer.Option("--fichier", help="Écrit la charte dans une page .html à imprimer, ou un .txt.")] = None,
    remplacer: Annotated[bool, typer.Option("--remplacer", help="Remplace le fichier s'il existe déjà.")] = False,
) -> None:
    """Prépare la charte informatique du cabinet à partir de vos réponses, à imprimer et à faire signer."""
    from gardien.formation import charter as charter_module
    from gardien.formation import printable

    refuse_folder(fichier, CHARTER_NAME, "la charte")  # « --fichier Documents »: said so, before any work
    built = charter_module.build()
    if fichier is None:
        _echo(charter_module.plain_text(built))
    else:
        suffix = fichier.suffix.lower()
        if suffix not in (".html", ".htm", ".txt"):
            raise GardienError("La charte s'écrit dans une page .html (à imprimer) ou un fichier .txt.")
        content = charter_module.plain_text(built) if suffix == ".txt" else printable.charter_html(built)
        write_file(fichier, content.encode("utf-8"), remplacer, "la charte", CHARTER_NAME)
        _echo(f"Charte écrite dans {fichier}.")
    if built.to_fill:
        _echo(f"{plural(built.to_fill, 'ligne reste', 'lignes restent')} à compléter à la main avant de la faire signer.")
    for note in built.notes:
        _echo(note)
