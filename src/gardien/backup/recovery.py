"""Getting the password back: show the one Gardien keeps, or put back (and first check) the one from the sheet."""

from __future__ import annotations

from collections.abc import Callable

from gardien.backup import config as cfg
from gardien.backup import restic, secret
from gardien.backup.config import SecretKind
from gardien.errors import GardienError


def shown(configuration: cfg.BackupConfig) -> str | None:
    """The password as kept by Gardien (keyring or file); None when it is kept nowhere (typed each time)."""
    return secret.stored(configuration.secret)


def typed_twice(first: Callable[[], str], second: Callable[[], str]) -> str:
    """The password of the environment, or typed twice the same."""
    chosen = secret.from_environment()
    if chosen:
        return chosen
    typed = secret.normalise(first())
    if secret.normalise(second()) != typed:
        raise GardienError("Les deux saisies ne sont pas identiques : rien n'a été enregistré. Recommencez.")
    return typed


def opens(configuration: cfg.BackupConfig, password: str, nothing_done: str = "Rien n'a été enregistré.") -> cfg.Destination:
    """A reachable destination this password opens; GardienError when it opens none, or none is there,
    ending with what was therefore not done (`nothing_done`: the password not recorded, the copy not added)."""
    from gardien.backup.operations import reachable

    restic.version()
    tried = False
    for destination in configuration.destinations:
        if not reachable(destination):
            continue
        tried = True
        try:
            restic.run(["cat", "config"], destination.depot, password)
        except restic.ResticError as exc:
            if exc.kind is restic.Failure.WRONG_PASSWORD:
                raise GardienError(f"Ce mot de passe n'ouvre pas les copies gardées sur {destination.spoken} : ce n'est "
                                   f"pas le bon. {nothing_done}") from exc
            continue
        return destination
    if not tried:
        raise GardienError("Aucune copie n'est branchée : branchez un disque de sauvegarde, pour que Gardien essaie le mot "
                           f"de passe sur une copie. {nothing_done}")
    raise GardienError(f"Aucune copie n'a pu être ouverte pour vérifier ce mot de passe. {nothing_done}")


def put_back(configuration: cfg.BackupConfig, typed: str) -> str:
    """Check the typed password on a copy, then keep it where the configuration says. Returns what was done."""
    opened = opens(configuration, typed)
    if configuration.secret.kind is SecretKind.ASKED:
        return (f"C'est le bon mot de passe (il ouvre les copies gardées sur {opened.spoken}). Gardien ne le garde pas : "
                "vous le taperez à chaque sauvegarde.")
    secret.store(configuration.secret, typed)
    return f"Mot de passe vérifié sur les copies gardées sur {opened.spoken}, et enregistré."
