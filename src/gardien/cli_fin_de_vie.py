"""`gardien fin-de-vie`: the guided end-of-life procedure of a device and its certificate. A thin shell over
gardien.fin_de_vie."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gardien.cli_french import prompt
from gardien.errors import GardienError

app = typer.Typer(help="Fin de vie d'un ordinateur, d'un disque, d'une clé USB ou d'un téléphone qui quitte le cabinet.",
                  rich_markup_mode=None)
STATE_WORDS = {"o": "fait", "oui": "fait", "f": "fait", "fait": "fait", "n": "pas_fait", "non": "pas_fait",
               "s": "sans_objet", "sans objet": "sans_objet", "so": "sans_objet"}


def _prompt(question: str, default: str = "") -> str:
    try:
        return str(prompt(question, default=default, show_default=bool(default), prompt_suffix=" : ")).strip()
    except (typer.Abort, EOFError):
        raise GardienError("Procédure interrompue avant la fin : aucun certificat n'a été enregistré.") from None


def _choose(question: str, labels: dict, default=None) -> str:
    keys = list(labels)
    typer.echo(question)
    for number, key in enumerate(keys, start=1):
        typer.echo(f"  {number}. {labels[key]}")
    while True:
        answer = _prompt("Votre choix (numéro)", str(keys.index(default) + 1) if default in keys else "")
        if answer.isdigit() and 1 <= int(answer) <= len(keys):
            return keys[int(answer) - 1].value
        typer.echo(f"Tapez un numéro de 1 à {len(keys)}.")


def _print_step(number: int, step) -> None:
    typer.echo()
    typer.echo(f"{number}. {step.title}")
    typer.echo(f"   {step.text}")
    for source in step.sources:
        typer.echo(f"   Source : {source.label}{source.caveat}" + (f" — {source.url}" if source.url else ""))


@app.callback(invoke_without_command=True)
def guided(
    ctx: typer.Context,
    appareil: Annotated[str | None, typer.Option("--appareil", help="ordinateur, disque, cle ou telephone.")] = None,
    systeme: Annotated[str | None, typer.Option("--systeme", help="windows, macos, linux (ordinateur, disque, clé) ; android, iphone (téléphone).")] = None,
    raison: Annotated[str | None, typer.Option("--raison", help="vente (ou don), recyclage, location (retour au loueur), reparation.")] = None,
    etat: Annotated[str | None, typer.Option("--etat", help="marche, ou panne (il ne démarre plus, ou n'est plus reconnu).")] = None,
    afficher: Annotated[bool, typer.Option("--afficher", help="Affiche seulement les étapes, sans questions ni certificat.")] = False,
) -> None:
    """Guide pas à pas la sortie d'un appareil du cabinet (vente, recyclage, fin de location, réparation), puis
    enregistre un certificat daté pour le registre."""
    if ctx.invoked_subcommand is not None:
        return
    from gardien.compat import current_platform
    from gardien.fin_de_vie import certificat, procedure
    from gardien.fin_de_vie.procedure import (
        DEVICE_LABEL,
        REASON_LABEL,
        SYSTEM_LABEL,
        Condition,
        Device,
        Reason,
        Situation,
        System,
        condition_labels,
        systems_for,
    )
    from gardien.fr import enum_choice

    # every value given on the command line is checked before the first question, never after three answers
    appareil, systeme, raison, etat = (None if typed is None else enum_choice(kind, typed, what).value
                                       for typed, kind, what in ((appareil, Device, "l'appareil"),
                                                                 (systeme, System, "le système"),
                                                                 (raison, Reason, "la raison"),
                                                                 (etat, Condition, "son état")))
    if appareil and systeme and System(systeme) not in systems_for(Device(appareil)):
        Situation.parse(appareil, systeme, Reason.SALE.value, Condition.WORKS.value)  # says which systems go with it
    if afficher and not (appareil and systeme and raison):
        raise GardienError("Avec --afficher, indiquez --appareil, --systeme et --raison (voir « gardien fin-de-vie --help »).")
    if not afficher:
        typer.echo("Fin de vie d'un appareil qui a contenu des données de patients : quelques questions, puis les étapes "
                   "une à une. À la fin, Gardien enregistre un certificat daté pour votre registre.")
    device = appareil or _choose("Quel appareil quitte le cabinet ?", DEVICE_LABEL)
    here = current_platform()
    if systeme is None:
        choices = {s: SYSTEM_LABEL[s] for s in systems_for(Device(device))}
        question = "Son système :" if device in (Device.COMPUTER, Device.PHONE) else "Le système de l'ordinateur avec lequel vous l'effacerez :"
        systeme = _choose(question, choices, System(here) if here in {s.value for s in System} else None)
    reason = raison or _choose("Pourquoi ?", REASON_LABEL)
    condition = etat or (Condition.WORKS.value if afficher else _choose("Dans quel état ?", condition_labels(Device(device)), Condition.WORKS))
    situation = Situation.parse(device, systeme, reason, condition)
    typer.echo()
    typer.echo(situation.describe())
    _say_media_backups(situation.device)
    verified, encrypted, this_computer = "", None, False
    if not afficher and situation.device is Device.COMPUTER and situation.system.value == here:
        if _prompt("Est-ce l'ordinateur sur lequel Gardien fonctionne en ce moment ? (oui/non)", "non").lower().startswith("o"):
            this_computer = True
            verified, encrypted = _check_this_computer()
    steps = procedure.steps(situation, this_computer)
    if notice := procedure.help_notice(steps):
        typer.echo()
        typer.echo(notice)
    answers = {}
    for number, step in enumerate(steps, start=1):
        _print_step(number, step)
        if afficher:
            continue
        if step.by_gardien:
            typer.echo("   Gardien s'en charge en enregistrant le certificat, à la fin : rien à répondre ici.")
            continue
        if step.after_certificate:
            typer.echo("   À faire après le certificat, en dernier : rien à répondre ici.")
            continue
        while True:
            word = _prompt("   Fait ? (oui / non / sans objet)", "").lower()
            if word in STATE_WORDS:
                answers[step.id] = STATE_WORDS[word]
                break
            typer.echo("   Répondez oui, non ou sans objet (s).")
        if this_computer and step.about_backup and answers[step.id] == certificat.StepState.DONE:
            remark = procedure.backup_remark()  # about this computer only; said at once, the certificate keeps it
            if remark:
                typer.echo(f"   Remarque : {remark}")
        if step.about_encryption and answers[step.id] == certificat.StepState.DONE and encrypted is False:
            typer.echo(f"   Remarque : {certificat.NOT_ENCRYPTED}")
    if afficher:
        return
    typer.echo()
    description = _prompt("Décrivez l'appareil (marque, modèle, par exemple « portable Dell du bureau »)")
    serial = _prompt("Son numéro de série (facultatif, Entrée pour passer)", "")
    recipient = _prompt("Remis à (acheteur, recycleur, loueur, réparateur ; facultatif)", "")
    done_by = certificat.known_done_by()
    if done_by:
        typer.echo(f"Fait par : {done_by} (d'après votre registre)")
    else:
        done_by = _prompt("Fait par (votre nom ; facultatif)", "")
    made = certificat.create(situation, answers, description, serial, recipient, done_by, verified=verified,
                             this_computer=this_computer, encrypted=encrypted)
    certificat.save(made)
    typer.echo()
    typer.echo(f"Certificat n° {made.id} enregistré. Il apparaît dans les mesures de sécurité de votre registre RGPD.")
    for label, value in made.rows():
        typer.echo(f"  {label} : {value}")
    if made.after:
        _before_wiping(made)
        return
    typer.echo(f"Pour l'imprimer : gardien fin-de-vie pdf {made.id} certificat-{made.id}.pdf")


def _say_media_backups(device) -> None:
    """A disk or a key leaving: whether Gardien's backups go to it, said before any step (round 19)."""
    from gardien.fin_de_vie.procedure import media_backups

    notice = media_backups(device)
    if notice is None:
        return
    typer.echo()
    typer.echo(notice.text)
    if notice.names:
        typer.echo("Dans cet ordre : une autre copie ailleurs (DOSSIER : un dossier neuf sur un autre disque), une "
                   "sauvegarde, puis ce disque retiré de vos sauvegardes :")
        typer.echo("  gardien sauvegarde ajouter --hors-site DOSSIER")
        typer.echo("  gardien sauvegarde lancer")
        if len(notice.names) == 1:
            typer.echo(f"  gardien sauvegarde retirer --destination {notice.names[0]}")
        else:
            typer.echo(f"  gardien sauvegarde retirer --destination NOM   (NOM : {' ou '.join(notice.names)}, celui qui part)")


def _before_wiping(made) -> None:
    """The computer leaving runs Gardien: what to copy elsewhere before wiping it, with Gardien's own exports."""
    from gardien.fin_de_vie.certificat import register_to_copy

    register = register_to_copy()
    typer.echo()
    typer.echo("Avant d'effacer cet ordinateur, copiez sur une clé USB (ou un autre ordinateur) ce qui doit lui survivre. "
               "Branchez la clé, puis tapez, en remplaçant CLE par son dossier :")
    typer.echo(f"  - le certificat en PDF : gardien fin-de-vie pdf {made.id} CLE/certificat-{made.id}.pdf")
    if register:
        typer.echo("  - votre registre RGPD, où figure ce certificat : gardien registre exporter CLE/registre.pdf")
    opened = "ces fichiers sur la clé pour vérifier qu'ils s'y trouvent" if register else "ce fichier sur la clé pour vérifier qu'il s'y trouve"
    typer.echo(f"Ouvrez {opened}. "
               f"Puis seulement, effacez l'ordinateur : c'est la dernière étape (« {made.after[0].title} »).")


def _check_this_computer() -> tuple[str, bool | None]:
    """The audit's disk-encryption check on this computer, as a line of the certificate, and whether the disk is
    encrypted (None when Gardien could not tell)."""
    from datetime import datetime

    from gardien import fr
    from gardien.core.audit import check_live
    from gardien.core.model import Status

    finding = check_live("chiffrement_disque")
    typer.echo(f"Gardien a vérifié le chiffrement du disque : {finding.detail}")
    if finding.status not in (Status.PASS, Status.FAIL):
        return "", None
    return f"Chiffrement du disque, le {fr.day(datetime.now())} : {finding.detail}", finding.status is Status.PASS


@app.command("certificats")
def listing() -> None:
    """Liste les certificats de fin de vie enregistrés."""
    from gardien import fr
    from gardien.fin_de_vie import certificat

    made = certificat.load_all()
    if not made:
        typer.echo("Aucun certificat de fin de vie pour l'instant. Pour en établir un : gardien fin-de-vie")
        return
    for item in made:
        state = ("complet" if item.complete else fr.plural(len(item.left_undone), "étape pas faite", "étapes pas faites")
                 if item.left_undone else "effacement à faire en dernier")
        typer.echo(f"{item.id}  {fr.day(item.created_at)}  {item.heading}  ({state})")


@app.command("pdf")
def export_pdf(
    numero: Annotated[str, typer.Argument(help="Le numéro du certificat (voir « gardien fin-de-vie certificats »).")],
    fichier: Annotated[Path, typer.Argument(help="Le fichier PDF à écrire.")],
) -> None:
    """Écrit un certificat en PDF, à imprimer ou à ranger avec vos papiers."""
    from gardien.envoi.package import write_new
    from gardien.explain import refuse_folder
    from gardien.fin_de_vie import certificat

    refuse_folder(fichier, "certificat.pdf", "le certificat")  # not « Documents.pdf » beside it: she is told so
    if fichier.suffix.lower() != ".pdf":
        fichier = fichier.with_name(fichier.name + ".pdf")
    refuse_folder(fichier, "certificat.pdf")
    write_new(fichier, certificat.pdf(certificat.get(numero)), "le certificat")
    typer.echo(f"Certificat écrit dans {fichier}")
