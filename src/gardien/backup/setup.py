"""Setting a backup up in two steps, so that nothing exists that cannot be restored.

1. `prepare` checks everything without creating anything: the folders, where the password will be kept, and the
   disk under each destination, measured — a destination on the disk of the folders it protects is no copy at all,
   and two destinations on one disk are one support; both are refused with the reason.
2. The caller shows the password to the user and has her type it back (or she typed her own twice); only then
   `create` keeps the password, reads it back, creates the encrypted repositories and saves the configuration.
   If any step fails, what was created is removed (it was new and empty) and nothing is saved.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from gardien.backup import config as cfg
from gardien.backup import restic, secret, volumes
from gardien.backup.volumes import Medium, Removable, Volume
from gardien.errors import GardienError


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
    """Everything checked and measured; nothing created. Refused or GardienError with the reason."""
    if len(destinations) < 2:
        raise Refused("Indiquez au moins deux destinations, sur deux disques différents : un disque externe et une copie "
                      "gardée hors du cabinet ou débranchée (règle 3-2-1 : 3 copies, 2 supports, dont 1 hors ligne).")
    folders = [Path(f).expanduser() for f in folders]
    missing = [str(f) for f in folders if not f.is_dir()]
    if missing or not folders:
        raise GardienError(f"Dossier à protéger introuvable : {', '.join(missing) or 'aucun dossier indiqué'}.")
    folders = [f.resolve() for f in folders]
    restic.version()
    secret.check_available(secret_choice)
    folder_volumes = [volumes.measure(f) for f in folders]
    measured = []
    for destination in destinations:
        _check_place(destination, folders)
        where = (volumes.remote(destination.type.value, destination.depot) if destination.type.remote
                 else volumes.measure(Path(destination.depot)))
        _refuse_same_disk(destination, where, folder_volumes, folders)
        measured.append(cfg.Destination(destination.nom, destination.type, destination.depot, destination.hors_site, where))
    for index, first in enumerate(measured):
        for second in measured[index + 1:]:
            if first.appareil and second.appareil and first.appareil.same_support_as(second.appareil):
                raise Refused(f"« {first.nom} » et « {second.nom} » sont sur le même disque — {first.appareil.describe()}. "
                              "Cela ne fait qu'un support : si ce disque tombe en panne ou est perdu, les deux copies partent "
                              "avec lui. Choisissez deux disques différents (règle 3-2-1).")
    for destination in measured:
        if destination.hors_site and not destination.type.remote and destination.appareil.removable is Removable.FIXED:
            raise Refused(f"« {destination.depot} » est sur un {destination.appareil.describe()} : un disque fixe ne peut "
                          "pas être gardé hors du cabinet. Choisissez un disque externe que vous emporterez ou rangerez "
                          "débranché.")
    return Plan(folders, measured, secret_choice, folder_volumes)


def _check_place(destination: cfg.Destination, folders: list[Path]) -> None:
    if destination.type.remote:
        return
    repository = Path(destination.depot)
    if not repository.parent.is_dir():
        raise GardienError(f"La destination « {destination.nom} » ({repository.parent}) est introuvable : branchez le "
                           "disque, puis recommencez.")
    if repository.exists() and (not repository.is_dir() or any(repository.iterdir())):
        raise GardienError(f"{repository} n'est pas un dossier vide : choisissez un dossier neuf pour la sauvegarde.")
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


def _remove_new_repository(repository: Path, was_there: bool) -> None:
    """Remove a repository created seconds ago (it holds no data yet); an empty folder the user had stays, empty."""
    if (repository / "config").is_file():
        shutil.rmtree(repository, ignore_errors=True)
        if was_there:
            repository.mkdir(exist_ok=True)
