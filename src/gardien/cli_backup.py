"""`gardien sauvegarde`: configure, run, verify, show, restore the 3-2-1 backups (restic)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from gardien.errors import ExitCode, GardienError

app = typer.Typer(help="Sauvegardes 3-2-1 chiffrées (restic), automatiques, et vérifiées en restaurant.",
                  no_args_is_help=True, rich_markup_mode=None)

HDS = ("Rappel : un prestataire en ligne qui héberge des données de santé pour vous doit être certifié HDS "
       "(article L1111-8 du code de la santé publique) et stocker les données dans l'Espace économique européen.")


def _destinations(disques: list[str], hors_site: list[str], sftp: list[str], s3: list[str]):
    from gardien.backup.config import Destination, repository_for

    found = [Destination(f"disque-{i}", "disque", repository_for("disque", p)) for i, p in enumerate(disques, 1)]
    found += [Destination(f"hors-site-{i}", "disque", repository_for("disque", p), hors_site=True) for i, p in enumerate(hors_site, 1)]
    found += [Destination(f"sftp-{i}", "sftp", repository_for("sftp", p), hors_site=True) for i, p in enumerate(sftp, 1)]
    found += [Destination(f"s3-{i}", "s3", repository_for("s3", p), hors_site=True) for i, p in enumerate(s3, 1)]
    return found


@app.command()
def configurer(
    dossier: Annotated[list[Path] | None, typer.Option("--dossier", help="Dossier à protéger (répétable).")] = None,
    disque: Annotated[list[str] | None, typer.Option("--disque", help="Dossier du dépôt sur un disque externe gardé au cabinet.")] = None,
    hors_site: Annotated[list[str] | None, typer.Option("--hors-site", help="Dossier du dépôt sur un second disque gardé ailleurs ou débranché.")] = None,
    sftp: Annotated[list[str] | None, typer.Option("--sftp", help="Dépôt sur un serveur : utilisateur@serveur:/chemin.")] = None,
    s3: Annotated[list[str] | None, typer.Option("--s3", help="Dépôt S3 compatible : https://serveur/compartiment.")] = None,
    mot_de_passe_fichier: Annotated[Path | None, typer.Option("--mot-de-passe-fichier", help="Sans trousseau : garder le mot de passe dans ce fichier (lisible par vous seule).")] = None,
    demander_mot_de_passe: Annotated[bool, typer.Option("--demander-mot-de-passe", help="Sans trousseau : taper le mot de passe à chaque sauvegarde.")] = False,
) -> None:
    """Choisit les dossiers à protéger et au moins deux destinations, et crée les dépôts chiffrés."""
    from gardien.backup import operations
    from gardien.backup.config import usual_folders

    folders = list(dossier or [])
    if not folders:
        proposed = usual_folders()
        if not proposed:
            raise GardienError("Indiquez les dossiers à protéger avec --dossier.")
        for folder in proposed:
            if typer.confirm(f"Protéger {folder} ?", default=True):
                folders.append(folder)
    destinations = _destinations(disque or [], hors_site or [], sftp or [], s3 or [])
    if not destinations:
        first = typer.prompt("Dossier de sauvegarde sur le disque externe (par exemple /media/moi/DISQUE/sauvegarde)")
        second = typer.prompt("Dossier de sauvegarde sur le second disque, gardé hors du cabinet")
        destinations = _destinations([first], [second], [], [])
    if demander_mot_de_passe:
        choice = {"kind": "demander"}
    elif mot_de_passe_fichier:
        choice = {"kind": "fichier", "chemin": str(mot_de_passe_fichier.expanduser().resolve())}
        typer.echo("Le mot de passe sera gardé dans ce fichier, lisible par vous seule : placez-le de préférence sur un disque chiffré.", err=True)
    else:
        choice = {"kind": "trousseau"}
    if any(d.type in ("sftp", "s3") for d in destinations):
        typer.echo(HDS, err=True)
    configuration = operations.configure(folders, destinations, choice)
    if choice["kind"] == "demander":
        typer.echo("Mot de passe généré (notez-le, il ne sera plus affiché, et il vous sera demandé à chaque sauvegarde) :", err=True)
    typer.echo("Sauvegarde configurée :")
    for destination in configuration.destinations:
        typer.echo(f"  • {destination.label} : {destination.depot}")
    typer.echo("\nImprimez la fiche de secours (gardien sauvegarde fiche) et recopiez-y le mot de passe à la main "
               "(gardien sauvegarde mot-de-passe --afficher). Puis lancez la première sauvegarde : gardien sauvegarde lancer")


@app.command()
def lancer() -> None:
    """Sauvegarde maintenant vers chaque destination branchée, avec une barre de progression."""
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

    from gardien.backup import config, operations

    configuration = config.load()
    with Progress(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), transient=True) as progress:
        tasks: dict[str, int] = {}

        def on_progress(name: str, fraction: float) -> None:
            if name not in tasks:
                tasks[name] = progress.add_task(f"Sauvegarde vers {name}", total=1.0)
            progress.update(tasks[name], completed=fraction)

        outcomes = operations.run_backup(configuration, on_progress)
    for outcome in outcomes:
        typer.echo(f"{outcome.destination} : {operations.OUTCOME_WORD[outcome.status]} — {outcome.message}")
    if any(o.status != "ok" for o in outcomes):
        typer.echo("Au moins une copie n'a pas été faite : la règle 3-2-1 n'est pas tenue tant que ce n'est pas réglé.", err=True)
        raise typer.Exit(ExitCode.FINDINGS)
    typer.echo("Pensez à débrancher le disque et à ranger le second ailleurs.")


@app.command()
def verifier(
    echantillon: Annotated[float, typer.Option("--echantillon", min=0.01, max=100, help="Part des fichiers restaurés pour l'essai, en % (1 par défaut).")] = 1.0,
    controle: Annotated[float, typer.Option("--controle", min=0.01, max=100, help="Part des données relues par le contrôle, en % (5 par défaut).")] = 5.0,
) -> None:
    """Contrôle les dépôts et restaure un échantillon de fichiers pour vérifier qu'ils sont intacts."""
    from gardien.backup import config, operations

    outcomes = operations.verify(config.load(), echantillon, controle)
    for outcome in outcomes:
        typer.echo(f"{outcome.destination} : {operations.OUTCOME_WORD[outcome.status]} — {outcome.message}")
    if any(o.status != "ok" for o in outcomes):
        raise typer.Exit(ExitCode.FINDINGS)


@app.command()
def etat(json_output: Annotated[bool, typer.Option("--json", help="Affiche l'état en JSON.")] = False) -> None:
    """Dernière sauvegarde et dernière restauration d'essai de chaque destination, et la règle 3-2-1."""
    from gardien.backup import config, operations

    report = operations.status(config.load())
    if json_output:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    for row in report["destinations"]:
        last = f"il y a {row['jours_depuis_sauvegarde']} jour(s)" if row["derniere_sauvegarde"] else "jamais"
        checked = f"il y a {row['jours_depuis_verification']} jour(s)" if row["derniere_verification"] else "jamais"
        typer.echo(f"{row['destination']} : dernière sauvegarde {last}, dernière restauration d'essai {checked}")
    typer.echo(report["phrase"])
    typer.echo(report["verification"])


@app.command()
def restaurer(
    destination: Annotated[str, typer.Option("--destination", help="Nom de la destination (voir gardien sauvegarde etat).")],
    vers: Annotated[Path, typer.Option("--vers", help="Dossier neuf ou vide où restaurer : rien n'est écrasé.")],
    chemin: Annotated[str | None, typer.Option("--chemin", help="Un fichier ou dossier seulement (chemin complet tel que sauvegardé).")] = None,
) -> None:
    """Restaure tout, un dossier ou un fichier dans un dossier neuf, sans jamais écraser."""
    from gardien.backup import config, operations

    target = operations.restore(config.load(), destination, vers, chemin)
    typer.echo(f"Restauré dans {target}. Vérifiez les fichiers avant de les remettre à leur place.")


@app.command("mot-de-passe")
def mot_de_passe(
    afficher: Annotated[bool, typer.Option("--afficher", help="Affiche le mot de passe pour le recopier sur la fiche de secours.")] = False,
    enregistrer: Annotated[bool, typer.Option("--enregistrer", help="Remet dans le trousseau un mot de passe recopié de la fiche.")] = False,
) -> None:
    """Le mot de passe des sauvegardes : l'afficher pour la fiche, ou le remettre dans le trousseau."""
    from gardien.backup import config, secret

    configuration = config.load()
    if afficher:
        typer.echo(secret.load(configuration.secret))
    elif enregistrer:
        import getpass

        secret.store(configuration.secret, getpass.getpass("Mot de passe de la fiche de secours : "))
        typer.echo("Mot de passe enregistré.")
    else:
        raise GardienError("Précisez --afficher ou --enregistrer.")


@app.command()
def fiche() -> None:
    """La fiche de secours à imprimer : ce qu'il faut pour tout récupérer si l'ordinateur est perdu."""
    from gardien.backup import config, sheet

    typer.echo(sheet.text(config.load()))


@app.command()
def deverrouiller() -> None:
    """Retire le verrou laissé par une sauvegarde interrompue (à faire quand aucune sauvegarde n'est en cours)."""
    from gardien.backup import config, operations, restic, secret

    configuration = config.load()
    password = secret.load(configuration.secret)
    for destination in configuration.destinations:
        if operations._reachable(destination):
            restic.run(["unlock"], destination.depot, password, timeout=300)
            typer.echo(f"{destination.nom} : déverrouillé.")
