"""`gardien sauvegarde`: configure, run, verify, show, restore the 3-2-1 backups (restic)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from gardien.backup import doubt
from gardien.backup.emergency import ANYWAY_HELP, ANYWAY_OPTION, refuse_if_open
from gardien.cli_french import confirm
from gardien.errors import ExitCode, GardienError, Interrupted
from gardien.launch import quoted, typed_again, verbatim

# Plain words in every help (round 24); restic named once, here, for whoever installs it.
app = typer.Typer(help="Sauvegardes chiffrées selon la règle 3-2-1 : trois copies de vos données, sur deux supports "
                  "différents, dont une hors du cabinet ou débranchée, qui se vérifient par une restauration d'essai. "
                  "C'est vous qui les lancez : rien ne se sauvegarde tout seul ; les rappels de Gardien peuvent "
                  "vous le rappeler chaque semaine. Gardien fait les copies avec l'outil restic, installé à part.",
                  invoke_without_command=True, rich_markup_mode=None)

HDS = ("Rappel : un prestataire en ligne qui héberge des données de santé pour vous doit être certifié HDS "
       "(article L1111-8 du code de la santé publique) et stocker les données dans l'Espace économique européen.")
CONFIRM_TRIES = 3
# every command that touches the copies stops while a ransomware incident is open (backup/emergency.py)
Anyway = Annotated[bool, typer.Option(ANYWAY_OPTION, help=ANYWAY_HELP)]


def _destinations(disques: list[str], hors_site: list[str], sftp: list[str], s3: list[str]):
    from gardien.backup.config import Destination, Kind, repository_for

    found = [Destination(f"disque-{i}", Kind.DISK, repository_for(Kind.DISK, p)) for i, p in enumerate(disques, 1)]
    found += [Destination(f"hors-site-{i}", Kind.DISK, repository_for(Kind.DISK, p), hors_site=True)
              for i, p in enumerate(hors_site, 1)]
    found += [Destination(f"sftp-{i}", Kind.SFTP, repository_for(Kind.SFTP, p), hors_site=True) for i, p in enumerate(sftp, 1)]
    found += [Destination(f"s3-{i}", Kind.S3, repository_for(Kind.S3, p), hors_site=True) for i, p in enumerate(s3, 1)]
    return found


def _prompt(text: str, hide: bool = False) -> str:
    """A prompt that ends in a French error, not « Interrompu », when there is nobody to answer. Hidden input only
    on a terminal (elsewhere getpass would warn in English and show it anyway)."""
    if not sys.stdin.isatty():
        typer.echo(f"{text} : ", err=True, nl=False)
        line = sys.stdin.readline()
        if not line:
            raise GardienError("Pas de réponse (aucun clavier ?) : rien n'a été créé ni modifié.")
        return line.rstrip("\r\n")
    try:
        return typer.prompt(text, hide_input=hide, err=True, prompt_suffix=" : ")
    except typer.Abort as exc:
        if isinstance(exc.__context__, KeyboardInterrupt):  # Ctrl+C: said as everywhere else, with how to resume
            raise Interrupted(typed_again(), "rien n'a été créé ni modifié") from None
        raise GardienError("Pas de réponse : rien n'a été créé ni modifié.") from exc


def _password_in_hand() -> str:
    """A new password the user has: hers (GARDIEN_SAUVEGARDE_MOT_DE_PASSE), or one generated, shown, and typed back."""
    from gardien.backup import secret

    chosen = secret.from_environment()
    if chosen:
        return chosen
    password = secret.generate()
    typer.echo("\nMot de passe des sauvegardes, créé par Gardien :\n", err=True)
    with verbatim():  # data, as it is
        typer.echo(f"    {password}\n", err=True)
    typer.echo("Notez-le maintenant à la main, sur papier (vous le reporterez sur la fiche de secours, à imprimer ensuite) : "
               "sans lui, personne ne peut relire les copies, vous non plus. Il ne contient ni l, ni i, ni o, ni 1, ni 0.",
               err=True)
    for attempt in range(CONFIRM_TRIES, 0, -1):
        typed = _prompt("Tapez-le pour confirmer que vous l'avez noté")
        if secret.normalise(typed) == password:
            return password
        if attempt > 1:
            typer.echo(f"Ce n'est pas le même (encore {attempt - 1} essai{'s' if attempt > 2 else ''}).", err=True)
    raise GardienError("Le mot de passe tapé n'est pas celui affiché : rien n'a été créé. Recommencez quand vous aurez "
                       "de quoi le noter.")


HORS_SITE_HELP = "Dossier neuf pour les copies, sur un second disque gardé ailleurs ou débranché."
SFTP_HELP = "Copies sur un serveur joint par une connexion sécurisée : utilisateur@serveur:/chemin."
S3_HELP = ("Copies chez un hébergeur de stockage en ligne, à l'adresse qu'il vous donne : "
           "https://serveur/compartiment.")
# how to add the second copy: the same words after « configurer », « lancer », « etat » and « retirer » (round 17, B3)
ADD_HINT = ("Pour l'ajouter, branchez le second disque puis tapez : gardien sauvegarde ajouter --hors-site DOSSIER, en "
            "remplaçant DOSSIER par un dossier neuf sur ce disque-là (par exemple /media/moi/DISQUE-MAISON/sauvegarde si "
            "le disque s'appelle DISQUE-MAISON). Pour une copie en ligne plutôt qu'un second disque : la même commande, "
            "avec --sftp ou --s3 au lieu de --hors-site DOSSIER, suivi de l'adresse que vous donne votre hébergeur "
            "certifié HDS.")


HISTORY_HINT = (" Pour le garder à part et repartir d'un historique neuf (vos copies ne sont pas touchées) : "
                "gardien sauvegarde etat --mettre-de-cote")


def _hinted(error: GardienError) -> GardienError:
    """A damaged history gets the command that sets it aside (the web page has its button instead)."""
    from gardien import statefile
    from gardien.backup import state

    if isinstance(error, statefile.DamagedState) and error.path == state.path() and HISTORY_HINT not in error.message:
        error.message += HISTORY_HINT
    return error


@app.command(short_help="Mettre en place la sauvegarde")
def configurer(
    dossier: Annotated[list[Path] | None, typer.Option("--dossier", help="Dossier à protéger (répétable).")] = None,
    disque: Annotated[list[str] | None, typer.Option("--disque", help="Dossier neuf pour les copies, sur un disque externe gardé au cabinet.")] = None,
    hors_site: Annotated[list[str] | None, typer.Option("--hors-site", help=HORS_SITE_HELP)] = None,
    sftp: Annotated[list[str] | None, typer.Option("--sftp", help=SFTP_HELP)] = None,
    s3: Annotated[list[str] | None, typer.Option("--s3", help=S3_HELP)] = None,
    mot_de_passe_fichier: Annotated[Path | None, typer.Option("--mot-de-passe-fichier", help="Garder le mot de passe dans ce fichier neuf (lisible seulement depuis votre compte), quand l'ordinateur n'a pas de coffre à mots de passe.")] = None,
    demander_mot_de_passe: Annotated[bool, typer.Option("--demander-mot-de-passe", help="Ne le garder nulle part : le taper à chaque sauvegarde.")] = False,
    malgre_urgence: Anyway = False,
) -> None:
    """Choisit les dossiers à protéger et les destinations (un disque externe suffit pour commencer ; la règle 3-2-1
    demande ensuite une deuxième copie gardée ailleurs), puis prépare les dossiers des copies (chiffrées) une fois le
    mot de passe noté et confirmé."""
    from gardien.backup import setup
    from gardien.backup import status as backup_status
    from gardien.backup.config import Secret, SecretKind, usual_folders

    refuse_if_open(malgre_urgence)
    if mot_de_passe_fichier and demander_mot_de_passe:
        raise GardienError("--mot-de-passe-fichier et --demander-mot-de-passe ne vont pas ensemble : choisissez où est "
                           "gardé le mot de passe (dans ce fichier, ou nulle part et tapé à chaque sauvegarde).")
    if demander_mot_de_passe:
        choice = Secret(SecretKind.ASKED)
    elif mot_de_passe_fichier:
        choice = Secret(SecretKind.FILE, str(mot_de_passe_fichier.expanduser().absolute()))
    else:
        choice = Secret(SecretKind.KEYRING)
    folders = list(dossier or [])
    if not folders:
        proposed = usual_folders()
        if not proposed:
            raise GardienError("Indiquez les dossiers à protéger avec --dossier, par exemple : gardien sauvegarde "
                               f"configurer --dossier {quoted(str(Path.home() / 'Cabinet'))} --disque /media/moi/CLE/Sauvegarde")
        for folder in proposed:
            if confirm(f"Protéger {folder} ?", default=True, err=True):
                folders.append(folder)
    destinations = _destinations(disque or [], hors_site or [], sftp or [], s3 or [])
    if not destinations:
        first = _prompt("Dossier de sauvegarde sur le disque externe (par exemple /media/moi/DISQUE/sauvegarde)")
        second = _prompt("Dossier de sauvegarde sur un second disque, gardé hors du cabinet (laissez vide si vous n'avez "
                         "qu'un disque pour l'instant)")
        destinations = _destinations([first] if first.strip() else [], [second] if second.strip() else [], [], [])
    plan = setup.prepare(folders, destinations, choice)  # everything checked and measured, nothing created yet
    if any(d.type.remote for d in destinations):
        typer.echo(HDS, err=True)
    if choice.kind is SecretKind.FILE:
        typer.echo("Le mot de passe sera aussi gardé dans ce fichier, lisible seulement depuis votre compte : placez-le de préférence "
                   "sur un disque chiffré.", err=True)
    configuration = setup.create(plan, _password_in_hand())
    typer.echo("Sauvegarde configurée :")
    for destination in configuration.destinations:
        typer.echo(f"  • {destination.label}")
        typer.echo(f"    dossier des copies : {destination.depot}")
        typer.echo(f"    support mesuré : {destination.appareil.describe() if destination.appareil else 'non mesuré'}")
    typer.echo("\nImprimez la fiche de secours (gardien sauvegarde fiche) et vérifiez que le mot de passe y est recopié. "
               "Puis lancez la première sauvegarde : gardien sauvegarde lancer")
    if len(configuration.destinations) == 1:
        typer.echo("\nUne seule copie hors de l'ordinateur : la règle 3-2-1 ne sera pas encore tenue. Dès que possible, "
                   f"ajoutez {backup_status.SECOND_COPY}. " + ADD_HINT)


def _typed_password(configuration) -> str | None:
    """The password typed now when the configuration keeps it nowhere (else None: it is read where it is kept)."""
    from gardien.backup import secret
    from gardien.backup.config import SecretKind

    if configuration.secret.kind is not SecretKind.ASKED or secret.from_environment():
        return None
    return _prompt("Mot de passe de la sauvegarde (celui de la fiche de secours)", hide=True)


def _print_rule() -> None:
    """The 3-2-1 sentence after a run: what the copies now amount to, measured."""
    from gardien.backup import config
    from gardien.backup import status as backup_status

    try:
        report = backup_status.report(config.load())
    except GardienError:
        return  # the run's own lines said what happened; `etat` says why the status cannot be read
    typer.echo(report.phrase)
    if report.single_destination:
        typer.echo(ADD_HINT)


def _print_outcomes(outcomes, configuration) -> None:
    for outcome in outcomes:
        typer.echo(f"{configuration.destination(outcome.destination).named} : {outcome.status.word} — {outcome.message}")
    if any(outcome.details.get("refaire") for outcome in outcomes):
        typer.echo("Pour refaire la mise en place : gardien sauvegarde configurer")


@app.command(short_help="Ajouter une copie (second disque, serveur)")
def ajouter(
    hors_site: Annotated[str | None, typer.Option("--hors-site", help=HORS_SITE_HELP)] = None,
    disque: Annotated[str | None, typer.Option("--disque", help="Dossier neuf pour les copies, sur un autre disque externe gardé au cabinet.")] = None,
    sftp: Annotated[str | None, typer.Option("--sftp", help=SFTP_HELP)] = None,
    s3: Annotated[str | None, typer.Option("--s3", help=S3_HELP)] = None,
    malgre_urgence: Anyway = False,
) -> None:
    """Ajoute une destination à la sauvegarde en place (par exemple le second disque, gardé ailleurs), chiffrée avec le
    même mot de passe. Les copies déjà faites ne sont pas touchées."""
    from gardien.backup import config, setup
    from gardien.backup.config import Destination, Kind, repository_for

    refuse_if_open(malgre_urgence)
    given = [(kind, where) for kind, where in ((Kind.DISK, hors_site), (Kind.DISK, disque), (Kind.SFTP, sftp), (Kind.S3, s3))
             if where is not None]
    if len(given) != 1 or not given[0][1].strip():
        raise GardienError("Indiquez une seule destination à ajouter : --hors-site DOSSIER (second disque gardé ailleurs), "
                           "--disque DOSSIER, --sftp ou --s3.")
    kind, where = given[0]
    prefix = {Kind.SFTP: "sftp", Kind.S3: "s3"}.get(kind, "disque" if disque else "hors-site")
    configuration = config.load()
    new = Destination(setup.next_name(configuration, prefix), kind, repository_for(kind, where),
                      hors_site=hors_site is not None or kind.remote)
    measured = setup.prepare_addition(configuration, new)  # checked and measured, nothing created yet
    if kind.remote:
        typer.echo(HDS, err=True)
    password = setup.password_for_addition(configuration, _typed_password(configuration))
    setup.add(configuration, measured, password)
    typer.echo(f"Destination ajoutée : {measured.label}")
    typer.echo(f"  dossier des copies : {measured.depot}")
    typer.echo(f"  support mesuré : {measured.appareil.describe() if measured.appareil else 'non mesuré'}")
    typer.echo("Elle est chiffrée avec le même mot de passe : la fiche de secours reste valable, réimprimez-la pour y "
               "voir la nouvelle destination (gardien sauvegarde fiche). Puis faites-y une première copie : "
               "gardien sauvegarde lancer")


@app.command(short_help="Retirer une destination (disque donné, mauvais dossier)")
def retirer(
    destination: Annotated[str, typer.Option("--destination", help="Nom de la destination à retirer (voir gardien sauvegarde etat).")],
    oui: Annotated[bool, typer.Option("--oui", help="Ne demande pas de confirmation (pour un script).")] = False,
    malgre_urgence: Anyway = False,
) -> None:
    """Retire une destination des réglages de sauvegarde (un disque donné ou perdu, un mauvais dossier). Les copies
    qui s'y trouvent ne sont pas effacées ; Gardien n'y fera plus de sauvegarde, et la règle 3-2-1 est recalculée."""
    from gardien.backup import config, setup

    refuse_if_open(malgre_urgence)
    configuration = config.load()
    removed = configuration.destination(destination)
    if len(configuration.destinations) == 1:
        raise GardienError(f"{setup.ONLY_COPY} {ADD_HINT}")
    question = (f"Retirer {removed.named} des sauvegardes ? Gardien n'y fera plus de copie ; celles qui y sont déjà ne "
                "sont pas effacées.")
    if not oui and not confirm(question, default=False):
        typer.echo("Rien n'a été retiré.")
        return
    setup.remove(configuration, destination)
    typer.echo(f"Destination retirée : {removed.named}.")
    typer.echo(setup.copies_left(removed))
    if not removed.type.remote:
        typer.echo(f"Pour effacer ce dossier : gardien effacer \"{removed.depot}\" ; pour tout le disque : gardien fin-de-vie")
    _print_rule()


@app.command(short_help="Sauvegarder maintenant")
def lancer(
    malgre_urgence: Anyway = False,
    malgre_doute: Annotated[bool, typer.Option(doubt.ANYWAY_OPTION, help=doubt.ANYWAY_HELP)] = False,
) -> None:
    """Sauvegarde maintenant vers chaque destination branchée, avec une barre de progression."""
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

    from gardien.backup import config, operations

    refuse_if_open(malgre_urgence)
    configuration = config.load()
    try:
        doubt.refuse_if_doubtful(configuration, malgre_doute)
    except GardienError as exc:  # a damaged history (read for the last backup's date) gets its hint here too
        raise _hinted(exc) from exc
    password = _typed_password(configuration)
    with Progress(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), transient=True) as progress:
        tasks: dict[str, int] = {}

        def on_progress(name: str, fraction: float) -> None:
            if name not in tasks:
                tasks[name] = progress.add_task(f"Sauvegarde vers {configuration.destination(name).named}", total=1.0)
            progress.update(tasks[name], completed=fraction)

        try:
            outcomes = operations.run_backup(configuration, on_progress, password, prune=not malgre_doute)
        except GardienError as exc:
            raise _hinted(exc) from exc
    _print_outcomes(outcomes, configuration)
    if operations.made_a_copy(outcomes):
        _print_rule()
    else:  # nothing new was copied: never « règle 3-2-1 respectée » after such a run
        typer.echo(operations.NO_COPY)
    if any(o.status is not operations.Result.OK for o in outcomes):
        typer.echo("Au moins une copie n'a pas été faite en entier cette fois (la raison est ci-dessus). Ce qui compte "
                   "encore dans la règle 3-2-1, avec vos dernières copies : gardien sauvegarde etat", err=True)
        raise typer.Exit(ExitCode.FINDINGS)
    typer.echo(operations.unplug_hint(outcomes))


@app.command(short_help="Restauration d'essai : vérifier les copies")
def verifier(
    echantillon: Annotated[float, typer.Option("--echantillon", min=0.01, max=100, help="Part des fichiers restaurés pour l'essai, en % (1 par défaut).")] = 1.0,
    controle: Annotated[float, typer.Option("--controle", min=0.01, max=100, help="Part des données relues par le contrôle, en % (5 par défaut).")] = 5.0,
    malgre_urgence: Anyway = False,
) -> None:
    """Relit les copies et en restaure une petite partie des fichiers, pour vérifier qu'ils sont intacts."""
    from gardien.backup import config, operations

    refuse_if_open(malgre_urgence)
    configuration = config.load()
    try:
        outcomes = operations.verify(configuration, echantillon, controle, _typed_password(configuration))
    except GardienError as exc:
        raise _hinted(exc) from exc
    _print_outcomes(outcomes, configuration)
    if any(o.status is not operations.Result.OK for o in outcomes):
        raise typer.Exit(ExitCode.FINDINGS)


@app.command(short_help="Où en sont les sauvegardes (règle 3-2-1)")
def etat(
    json_output: Annotated[bool, typer.Option("--json", help="Affiche l'état en JSON.")] = False,
    mettre_de_cote: Annotated[bool, typer.Option("--mettre-de-cote", help="Si l'historique des sauvegardes est abîmé : le garder à part (renommé) et repartir d'un historique neuf.")] = False,
) -> None:
    """Dernière sauvegarde et dernière restauration d'essai de chaque copie, le disque où elle se trouve (mesuré par
    Gardien), et où vous en êtes de la règle 3-2-1."""
    from gardien.backup import config, state
    from gardien.backup import status as backup_status

    if mettre_de_cote:
        try:
            state.load()
        except GardienError:
            aside = state.set_aside()
            typer.echo(f"L'historique abîmé est gardé à part sous le nom {aside} ; un nouvel historique commencera à la "
                       "prochaine sauvegarde. Vos copies ne sont pas touchées.")
            return
        typer.echo("L'historique des sauvegardes n'est pas abîmé : rien n'a été mis de côté.")
        return
    if not config.exists():
        if json_output:
            with verbatim():  # data, as it is
                typer.echo(json.dumps(backup_status.not_configured(), ensure_ascii=False, indent=2))
        else:
            typer.echo("Aucune sauvegarde n'est configurée. Pour en mettre une en place : gardien sauvegarde configurer "
                       "(ou la page Sauvegardes de « gardien interface »).")
        return
    try:
        report = backup_status.report(config.load())
    except GardienError as exc:
        raise _hinted(exc) from exc
    if json_output:
        with verbatim():  # data, as it is
            typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return
    for row in report.destinations:
        for line in row.lines():
            typer.echo(line)
    typer.echo("")
    if report.progress:
        typer.echo(report.progress)
    typer.echo(report.phrase)
    if report.single_destination:
        typer.echo(ADD_HINT)
    if report.verification_news:  # else each copy's line above already gave its last restore test
        typer.echo(report.verification_news)
    typer.echo(backup_status.sources_line())


DEPUIS_HELP = ("Le dossier des copies noté sur la fiche de secours, disque branché : pour des copies faites sur un autre "
               "ordinateur (lues sans rien y écrire ; le mot de passe de la fiche est demandé).")


def _copies_from(destination: str | None, depuis: Path | None):
    """(configuration, destination name): a destination of this computer's set-up, or a folder of copies made on
    another computer (the rescue sheet's), taken back for this command only."""
    from gardien.backup import config, operations

    if destination is not None and depuis is not None:
        raise GardienError("Indiquez --destination (une copie de cet ordinateur, voir gardien sauvegarde etat) ou --depuis "
                           "(le dossier des copies noté sur la fiche de secours), l'un des deux.")
    if depuis is not None:
        return operations.taken_back(depuis), operations.TAKEN_BACK
    if destination is None and not config.exists():  # nothing set up here: no option would help, say what would
        raise config.NotConfigured(
            "Aucune sauvegarde n'est configurée sur cet ordinateur : il n'y a pas encore de copies. Pour en mettre une "
            "en place : gardien sauvegarde configurer (ou la page Sauvegardes de « gardien interface »). Si vos copies "
            "ont été faites sur un autre ordinateur, ajoutez --depuis et le dossier des copies noté sur la fiche de "
            "secours.")
    configuration = config.load()
    if destination is None:
        if len(configuration.destinations) != 1:
            names = ", ".join(d.nom for d in configuration.destinations)
            raise GardienError(f"Indiquez de quelle copie avec --destination : {names} (voir gardien sauvegarde etat).")
        destination = configuration.destinations[0].nom  # the only one: nothing to choose
    return configuration, destination


@app.command(short_help="Récupérer des fichiers dans un dossier neuf")
def restaurer(
    vers: Annotated[Path, typer.Option("--vers", help="Dossier neuf ou vide où restaurer : rien n'est écrasé.")],
    chemin: Annotated[str | None, typer.Option("--chemin", help="Un fichier ou dossier seulement (chemin complet tel que sauvegardé).")] = None,
    avant: Annotated[str | None, typer.Option("--avant", help="Prendre la dernière copie faite à ce moment ou avant, « JJ/MM HH:MM » (après une attaque, la plus récente peut contenir des fichiers chiffrés). Voir gardien sauvegarde copies.")] = None,
    destination: Annotated[str | None, typer.Option("--destination", help="Nom de la destination (voir gardien sauvegarde etat).")] = None,
    depuis: Annotated[Path | None, typer.Option("--depuis", help=DEPUIS_HELP)] = None,
) -> None:
    """Restaure tout, un dossier ou un fichier dans un dossier neuf, sans jamais écraser."""
    from gardien import fr
    from gardien.backup import operations
    from gardien.backup.emergency import restore_warning

    warning = restore_warning()
    if warning:
        typer.echo(warning, err=True)
    moment = operations.parse_moment(avant) if avant else None
    configuration, destination = _copies_from(destination, depuis)
    restored = operations.restore(configuration, destination, vers, chemin, _typed_password(configuration), moment)
    which = ""
    if restored.snapshot is not None:
        which = f" depuis la {restored.snapshot.label}" + (
            f" (la plus récente faite le {operations.moment_label(moment)} ou avant)" if moment else "")
    check = ("Vérifiez-le avant de le remettre à sa place." if restored.count == 1
             else "Vérifiez-les avant de les remettre à leur place.")
    typer.echo(f"{fr.plural(restored.count, 'fichier restauré', 'fichiers restaurés')}{which} dans "
               f"{restored.where(vers)}. {check}")
    if restored.attack_note:  # an older copy taken than the newest, or a copy made during an attack
        typer.echo(restored.attack_note)


@app.command(short_help="Lister les copies gardées, avec leur date")
def copies(
    destination: Annotated[str | None, typer.Option("--destination", help="Nom de la destination (voir gardien sauvegarde etat).")] = None,
    depuis: Annotated[Path | None, typer.Option("--depuis", help=DEPUIS_HELP)] = None,
) -> None:
    """Les copies gardées dans une destination, la plus récente d'abord : pour choisir celle d'avant une attaque."""
    from gardien.backup import attacked, operations

    configuration, destination = _copies_from(destination, depuis)
    found = operations.snapshots(configuration, destination, _typed_password(configuration))
    named = configuration.destination(destination).named if depuis is None else str(depuis)
    if not found:
        typer.echo(f"Aucune copie dans {named} pour l'instant.")
        return
    known = attacked.attacks()
    clean = attacked.newest_clean(found, known)
    typer.echo(f"Copies gardées dans {named}, la plus récente d'abord :")
    for snapshot in found:
        typer.echo(f"  • {attacked.marked(snapshot, known, clean)}")
    source = f"--destination {destination}" if depuis is None else f"--depuis {quoted(str(depuis))}"
    steered = attacked.steered(found, known)
    what = "la dernière d'avant l'attaque" if steered else "celle d'avant un moment"
    typer.echo(f"Pour restaurer {what} : gardien sauvegarde restaurer {source} --vers DOSSIER-NEUF "
               f"--avant \"{operations.moment_label((steered or found[0]).taken).replace(' à ', ' ')}\"")


@app.command("mot-de-passe", short_help="Afficher ou remettre le mot de passe")
def mot_de_passe(
    afficher: Annotated[bool, typer.Option("--afficher", help="Affiche le mot de passe pour le recopier sur la fiche de secours.")] = False,
    enregistrer: Annotated[bool, typer.Option("--enregistrer", help="Remet à sa place un mot de passe recopié de la fiche (tapé deux fois, vérifié sur une copie).")] = False,
) -> None:
    """Le mot de passe des sauvegardes : l'afficher pour la fiche, ou le remettre à sa place."""
    from gardien.backup import config, recovery, sheet

    configuration = config.load()
    if afficher == enregistrer:
        raise GardienError("Précisez --afficher ou --enregistrer (l'un des deux).")
    if afficher:
        shown = recovery.shown(configuration)
        if shown is None:
            typer.echo(sheet.password_place(configuration))
            typer.echo("Pour vérifier que celui que vous avez noté est le bon : gardien sauvegarde mot-de-passe --enregistrer "
                       "(il est essayé sur une copie, rien n'est gardé).")
            return
        typer.echo(shown)
        return
    typed = recovery.typed_twice(lambda: _prompt("Mot de passe de la fiche de secours", hide=True),
                                          lambda: _prompt("Tapez-le une deuxième fois", hide=True))
    typer.echo(recovery.put_back(configuration, typed))


SHEET_NAME = "fiche-de-secours.txt"  # suggested inside a folder named instead of the file


@app.command(short_help="Fiche de secours à imprimer")
def fiche(
    fichier: Annotated[Path | None, typer.Option("--fichier", help="Écrit la fiche dans un fichier texte (.txt) à imprimer.")] = None,
    remplacer: Annotated[bool, typer.Option("--remplacer", help="Remplace le fichier s'il existe déjà.")] = False,
) -> None:
    """La fiche de secours à imprimer : ce qu'il faut pour tout récupérer si l'ordinateur est perdu."""
    from gardien.backup import config, sheet
    from gardien.cli_registre import _write as write_file  # the same care: never overwrite silently, French errors
    from gardien.explain import refuse_folder

    refuse_folder(fichier, SHEET_NAME, "la fiche de secours")  # « --fichier Documents »: said so, before any work
    if fichier is not None and fichier.suffix.lower() != ".txt":
        raise GardienError(f"La fiche s'écrit dans un fichier .txt (par exemple {SHEET_NAME}), à ouvrir puis imprimer.")
    content = sheet.text(config.load())
    if fichier is None:
        with verbatim():  # a sheet for another computer: « gardien … » there, not this install's path
            typer.echo(content)
        return
    write_file(fichier, content.encode("utf-8"), remplacer, "la fiche de secours", SHEET_NAME)
    typer.echo(f"Fiche de secours écrite dans {fichier} : ouvrez-la, imprimez-la, recopiez-y le mot de passe à la main, "
               "puis rangez-la sous clé, hors de l'ordinateur.")


@app.command(short_help="Retirer le verrou d'une sauvegarde coupée")
def deverrouiller() -> None:
    """Retire le verrou laissé par une sauvegarde interrompue (à faire quand aucune sauvegarde n'est en cours)."""
    from gardien.backup import config, operations, restic, secret

    configuration = config.load()
    password = secret.load(configuration.secret, _typed_password(configuration))
    failed = False
    for destination in configuration.destinations:
        if not operations.reachable(destination):
            typer.echo(f"{destination.named} : absente, rien à faire.")
        elif not operations.writable(destination):  # nothing can be removed there: never said « retiré »
            typer.echo(f"{destination.named} : rien n'a été retiré. {restic.READ_ONLY_MESSAGE}", err=True)
            failed = True
        else:
            locks = operations.lock_count(destination)
            restic.run(["unlock"], destination.depot, password)
            if locks is None:
                typer.echo(f"{destination.named} : verrou d'une sauvegarde interrompue retiré (s'il y en avait un).")
            elif locks == 0:
                typer.echo(f"{destination.named} : aucun verrou, rien à retirer.")
            elif (left := operations.lock_count(destination)) and left >= locks:
                typer.echo(f"{destination.named} : le verrou est celui d'une sauvegarde ou d'une vérification en cours : "
                           "il n'a pas été retiré. Attendez qu'elle se termine.")
            else:
                typer.echo(f"{destination.named} : verrou d'une sauvegarde interrompue retiré.")
    if failed:
        raise typer.Exit(ExitCode.USAGE)


@app.callback()
def sauvegarde_alone(ctx: typer.Context) -> None:
    """« gardien sauvegarde » alone says where things stand and what to do first (its « etat »), not the sub-commands."""
    from gardien.cli_french import state_then_commands

    if ctx.invoked_subcommand is None:
        state_then_commands("sauvegarde", etat)
