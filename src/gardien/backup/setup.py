"""Setting a backup up in two steps, so that nothing exists that cannot be restored.

1. `prepare` checks everything without creating anything: the folders, where the password will be kept, and the
   disk under each destination, measured — a destination on the disk of the folders it protects is no copy at all,
   and two destinations on one disk are one support; both are refused with the reason.
2. The caller shows the password to the user and has her type it back (or she typed her own twice); only then
   `create` keeps the password, reads it back, creates the encrypted repositories and saves the configuration.
   If any step fails, what was created is removed (it was new and empty) and nothing is saved.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from gardien import fr
from gardien.backup import config as cfg
from gardien.backup import restic, secret, volumes
from gardien.backup.snapshot_paths import ON_WINDOWS, kept_drive, tree_parts
from gardien.backup.volumes import Medium, Removable, Volume
from gardien.errors import GardienError
from gardien.launch import quoted


class Refused(GardienError):
    """A set-up that would give a false sense of safety (same disk, one support, memory…)."""


@dataclass
class Plan:
    """A set-up checked and measured, not created yet."""

    folders: list[Path]
    destinations: list[cfg.Destination]
    secret: cfg.Secret
    folder_volumes: list[Volume]

    def configuration(self) -> cfg.BackupConfig:
        return cfg.BackupConfig([str(f) for f in self.folders], self.destinations, self.secret)


def prepare(folders: list[Path], destinations: list[cfg.Destination], secret_choice: cfg.Secret) -> Plan:
    """Everything checked and measured; nothing created. Refused or GardienError with the reason.

    One destination is enough to start (most practices own one external disk): the status then says the 3-2-1 rule
    is not yet held and what to add (`add`)."""
    if not destinations:
        raise Refused("Indiquez au moins une destination : le dossier de sauvegarde sur un disque externe.")
    folders = [Path(f).expanduser() for f in folders]
    missing = [str(f) for f in folders if not f.is_dir()]
    if missing or not folders:
        raise GardienError(f"Dossier à protéger introuvable : {', '.join(missing) or 'aucun dossier indiqué'}.")
    # ticked and typed again: protected once; a network drive keeps its letter (snapshot_paths.kept_drive)
    folders = list(dict.fromkeys(Path(kept_drive(Path(os.path.abspath(f)), f.resolve())) for f in folders))
    _refuse_unrestorable(folders)
    restic.version()
    secret.check_available(secret_choice)
    folder_volumes = [volumes.measure(f) for f in folders]
    measured = []
    for destination in destinations:
        found = _measured(destination, folders, folder_volumes)
        for other in measured:
            _refuse_shared_support(other, found)
        measured.append(found)
    return Plan(folders, measured, secret_choice, folder_volumes)


def _refuse_unrestorable(folders: list[Path]) -> None:
    """A folder restic could back up but not put back on this computer: a network address on Windows."""
    for folder in folders:
        if ON_WINDOWS and tree_parts(str(folder), windows=True) is None:
            raise Refused(f"Gardien ne peut pas protéger {folder} : c'est l'adresse d'un dossier partagé sur le réseau, et "
                          "restic, le programme qui fait les copies, ne sait pas le restaurer sous Windows. Si ce dossier "
                          "a une lettre de lecteur (par exemple Z:), indiquez-le avec cette lettre ; sinon, faites-vous "
                          "aider.")


def _measured(destination: cfg.Destination, folders: list[Path], folder_volumes: list[Volume]) -> cfg.Destination:
    """The destination with the disk it is on, measured; Refused when that disk would not be another support."""
    _check_place(destination, folders)
    where = (volumes.remote(destination.type.value, destination.depot) if destination.type.remote
             else volumes.measure(Path(destination.depot)))
    _refuse_same_disk(destination, where, folder_volumes, folders)
    if destination.hors_site and not destination.type.remote and where.removable is Removable.FIXED:
        raise Refused(f"« {destination.depot} » est sur un {where.describe()} : un disque fixe ne peut "
                      "pas être gardé hors du cabinet. Choisissez un disque externe que vous emporterez ou rangerez "
                      "débranché.")
    return cfg.Destination(destination.nom, destination.type, destination.depot, destination.hors_site, where)


def _refuse_shared_support(first: cfg.Destination, second: cfg.Destination) -> None:
    if first.appareil and second.appareil and first.appareil.same_support_as(second.appareil):
        why = ("Cela ne fait qu'un support : si ce disque tombe en panne ou est perdu, les deux copies partent avec lui. "
               "Choisissez deux disques différents (règle 3-2-1).")
        raise Refused(f"« {first.nom} » et « {second.nom} » sont sur le même disque — {first.appareil.describe()}. {why}",
                      f"Le dossier choisi pour {second.spoken} est sur le même disque que celui choisi pour {first.spoken} — "
                      f"{first.appareil.describe()}. {why}")


def _check_place(destination: cfg.Destination, folders: list[Path]) -> None:
    if destination.type.remote:
        return
    repository = Path(destination.depot)
    if not repository.parent.is_dir():
        raise GardienError(f"La destination « {destination.nom} » ({repository.parent}) est introuvable : branchez le "
                           "disque, puis recommencez.",
                           f"Le dossier choisi pour {destination.spoken} ({repository.parent}) est introuvable : branchez "
                           "ce disque, puis recommencez.")
    if repository.exists() and (not repository.is_dir() or any(repository.iterdir())):
        taken_back = (f" S'il contient les copies d'un autre ordinateur, pour les restaurer : gardien sauvegarde restaurer "
                      f"--depuis {quoted(str(repository))} --vers DOSSIER-NEUF"
                      if (repository / "config").is_file() else "")
        raise GardienError(f"{repository} n'est pas un dossier vide : choisissez un dossier neuf pour la sauvegarde."
                           f"{taken_back}",
                           f"{repository} n'est pas un dossier vide : choisissez un dossier neuf pour la sauvegarde."
                           + (" S'il contient les copies d'un autre ordinateur, la page « Restaurer des fichiers » les "
                              "restaure (partie « Copies faites sur un autre ordinateur »)." if taken_back else ""))
    # before the password is shown and typed back (walkthrough, round 17): a read-only disk is said now
    from gardien.backup import operations

    operations.refuse_read_only_folder(repository if repository.is_dir() else repository.parent)
    for folder in folders:
        if repository == folder or folder in repository.parents:
            raise Refused(f"La destination {repository} est à l'intérieur du dossier à protéger {folder} : la sauvegarde "
                          "se copierait elle-même. Choisissez un dossier sur un autre disque.")


def _refuse_same_disk(destination: cfg.Destination, where: Volume, folder_volumes: list[Volume],
                      folders: list[Path]) -> None:
    if where.medium is Medium.MEMORY:
        raise Refused(f"« {destination.depot} » est dans un {where.describe()} : ce n'est pas un disque, une copie y "
                      "disparaîtrait à l'arrêt de l'ordinateur. Choisissez un disque externe.")
    for folder, volume in zip(folders, folder_volumes, strict=True):
        if where.same_support_as(volume):
            raise Refused(f"« {destination.depot} » est sur le même disque que le dossier à protéger {folder} — "
                          f"{where.describe()}. Ce n'est pas un autre support : si ce disque tombe en panne, ou si "
                          "l'ordinateur est volé, la copie part avec. Choisissez un disque externe ou un serveur.")


def create(plan: Plan, password: str) -> cfg.BackupConfig:
    """Keep the password (read back), create the repositories, save the configuration. The caller has made sure
    the user has the password. On failure, what was created is removed and nothing is saved."""
    if not password:
        raise GardienError("Le mot de passe de la sauvegarde est vide : rien n'a été créé.")
    restic.version()
    _refuse_unplugged(plan.destinations, plan.folder_volumes, "Rien n'a été créé.")
    secret.store(plan.secret, password)
    created: list[tuple[Path, bool]] = []  # (repository folder, whether the folder was there before)
    try:
        for destination in plan.destinations:
            if not destination.type.remote:
                created.append((Path(destination.depot), Path(destination.depot).exists()))
            restic.run(["init"], destination.depot, password, timeout=restic.SHORT_SECONDS)
        configuration = plan.configuration()
        cfg.save(configuration)
    except BaseException:
        for repository, was_there in created:
            _remove_new_repository(repository, was_there)
        secret.forget(plan.secret)
        raise
    return configuration


def _refuse_unplugged(destinations: list[cfg.Destination], folder_volumes: list[Volume], nothing_done: str) -> None:
    """The disks measured at the first step, measured again right before anything is written on them."""
    from gardien.backup import operations

    for destination in destinations:
        unplugged = operations.not_in_place(destination, folder_volumes)
        if unplugged:
            raise GardienError(f"{fr.capitalised(unplugged)}. {nothing_done}")


def prepare_addition(configuration: cfg.BackupConfig, destination: cfg.Destination) -> cfg.Destination:
    """A destination to add to a set-up in place, checked and measured like the first ones: not on the disk of the
    protected folders, nor on the disk of a destination already there. Nothing created."""
    if any(d.depot == destination.depot for d in configuration.destinations):
        raise Refused(f"{destination.depot} est déjà une destination de cette sauvegarde.")
    folders = [Path(f) for f in configuration.dossiers if Path(f).is_dir()]  # a missing folder is the run's business
    restic.version()
    found = _measured(destination, folders, [volumes.measure(f) for f in folders])
    for other in configuration.destinations:
        _refuse_shared_support(other, found)
    return found


def add(configuration: cfg.BackupConfig, destination: cfg.Destination, password: str) -> cfg.BackupConfig:
    """Create the repository of a measured destination (`prepare_addition`) with the password of the copies in place,
    and save the configuration with it. The destinations in place and their copies are not touched; on failure the
    new repository is removed and the configuration stays as it was."""
    if not password:
        raise GardienError("Le mot de passe de la sauvegarde est vide : rien n'a été ajouté.")
    _refuse_unplugged([destination], [volumes.measure(Path(f)) for f in configuration.dossiers if Path(f).is_dir()],
                      "Aucune copie n'a été ajoutée.")
    repository = None if destination.type.remote else Path(destination.depot)
    was_there = repository is not None and repository.exists()
    try:
        restic.run(["init"], destination.depot, password, timeout=restic.SHORT_SECONDS)
        extended = cfg.BackupConfig(configuration.dossiers, [*configuration.destinations, destination],
                                    configuration.secret, configuration.retention, configuration.retirees)
        cfg.save(extended)
    except BaseException:
        if repository is not None:
            _remove_new_repository(repository, was_there)
        raise
    return extended


ONLY_COPY = ("C'est la seule copie de vos sauvegardes : la retirer laisserait vos dossiers sans aucune copie. Ajoutez "
             "d'abord la nouvelle destination, faites-y une sauvegarde, puis retirez celle-ci.")


def copies_left(removed: cfg.Destination, tail: bool = True) -> str:
    """What stays on a destination taken out of the set-up: everything (said after the removal, and before it).
    `tail=False`: without the LEAVING sentence, which the pages write with links."""
    if removed.type.remote:
        return (f"Les copies déjà faites n'ont pas été effacées : elles restent sur {removed.spoken} ({removed.depot}), "
                "chiffrées avec le mot de passe de la fiche de secours. Pour les supprimer, voyez avec votre hébergeur.")
    stay = (f"Les copies déjà faites n'ont pas été effacées : elles restent dans le dossier {removed.depot}, chiffrées "
            "avec le mot de passe de la fiche de secours.")
    return f"{stay} {LEAVING}" if tail else stay


# the pages make links of « effacez » (the Effacer page) and « la fin de vie d'un appareil » (its page)
LEAVING = ("Si ce disque quitte le cabinet, effacez d'abord ce dossier, ou tout le disque en suivant la fin de vie d'un "
           "appareil.")


def remove(configuration: cfg.BackupConfig, name: str) -> cfg.BackupConfig:
    """Take a destination out of the set-up (a disk given away, a wrong folder) and save the configuration. Nothing
    on the destination is touched: its copies stay there, encrypted, under the same password. Its history goes with
    it, so that a destination added later under the same name does not inherit its dates. The only destination is
    refused: the folders would be left with no copy at all."""
    from gardien.backup import state

    removed = configuration.destination(name)
    if len(configuration.destinations) == 1:
        raise GardienError(ONLY_COPY + " (gardien sauvegarde ajouter)", ONLY_COPY)
    retired = cfg.Retired(removed.spoken, removed.depot, datetime.now().astimezone().isoformat(timespec="seconds"))
    remaining = cfg.BackupConfig(configuration.dossiers, [d for d in configuration.destinations if d is not removed],
                                 configuration.secret, configuration.retention, [*configuration.retirees, retired])
    cfg.save(remaining)
    state.forget(removed.nom)
    return remaining


def password_for_addition(configuration: cfg.BackupConfig, typed: str | None = None) -> str:
    """The password of the copies in place, for the new one. Typed by the user (kept nowhere), it is first tried on a
    copy in place: a new copy under another password would not open with the recovery sheet's."""
    from gardien.backup import recovery

    password = secret.load(configuration.secret, typed)
    if configuration.secret.kind is cfg.SecretKind.ASKED:
        recovery.opens(configuration, password, nothing_done="Aucune copie n'a été ajoutée.")
    return password


def next_name(configuration: cfg.BackupConfig, prefix: str) -> str:
    """« hors-site-1 », or « hors-site-2 » when that name is taken."""
    taken = {d.nom for d in configuration.destinations}
    return next(f"{prefix}-{n}" for n in range(1, len(taken) + 2) if f"{prefix}-{n}" not in taken)


def _remove_new_repository(repository: Path, was_there: bool) -> None:
    """Remove a repository created seconds ago (it holds no data yet); an empty folder the user had stays, empty."""
    if (repository / "config").is_file():
        shutil.rmtree(repository, ignore_errors=True)
        if was_there:
            repository.mkdir(exist_ok=True)
