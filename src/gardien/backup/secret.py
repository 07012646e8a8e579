"""The repository password: generated with `secrets`, kept in the OS keyring, never in clear in a file
unless the user explicitly chooses a file of her own (for a machine without a keyring service)."""

from __future__ import annotations

import getpass
import os
import secrets
from pathlib import Path

from gardien import secure_keyring
from gardien.errors import GardienError
from gardien.paths import write_private
from gardien.secure_keyring import NoKeyring

SERVICE = "gardien-sauvegarde"
ACCOUNT = "depot"
NO_KEYRING = (
    "Aucun trousseau sécurisé (Trousseau de macOS, Gestionnaire d'identification de Windows, GNOME Keyring ou KWallet) "
    "n'est disponible pour garder le mot de passe de la sauvegarde. Choisissez : ouvrir votre session de bureau habituelle "
    "(le trousseau s'y trouve), ou --mot-de-passe-fichier CHEMIN pour le garder dans un fichier à vous, lisible par vous "
    "seule (de préférence sur un disque chiffré), ou --demander-mot-de-passe pour le taper à chaque sauvegarde."
)


def generate() -> str:
    """A random password of 32 URL-safe characters (about 190 bits)."""
    return secrets.token_urlsafe(24)


def _keyring():
    return secure_keyring.keyring(NO_KEYRING)


def check_available(secret: dict) -> None:
    """Raise NoKeyring now if the chosen place cannot hold the password."""
    if secret["kind"] == "trousseau":
        _keyring()
    elif secret["kind"] == "fichier" and not Path(secret["chemin"]).expanduser().parent.exists():
        raise GardienError(f"Le dossier du fichier de mot de passe n'existe pas : {Path(secret['chemin']).parent}.")


def store(secret: dict, password: str) -> None:
    """Keep the password where the configuration says: keyring, a user's file, or nowhere (asked each time)."""
    if secret["kind"] == "trousseau":
        try:
            _keyring().set_password(SERVICE, ACCOUNT, password)
        except NoKeyring:
            raise
        except Exception as exc:  # keyring backends raise their own errors (locked keyring, D-Bus...)
            raise NoKeyring(f"Le trousseau a refusé d'enregistrer le mot de passe ({exc.__class__.__name__}). " + NO_KEYRING) from exc
    elif secret["kind"] == "fichier":
        path = Path(secret["chemin"]).expanduser()
        path.parent.mkdir(parents=True, exist_ok=True)
        write_private(path, password + "\n")


def load(secret: dict) -> str:
    if secret["kind"] == "trousseau":
        try:
            password = _keyring().get_password(SERVICE, ACCOUNT)
        except NoKeyring:
            raise
        except Exception as exc:
            raise NoKeyring(f"Le trousseau n'a pas répondu ({exc.__class__.__name__}). " + NO_KEYRING) from exc
        if not password:
            raise GardienError("Le mot de passe de la sauvegarde n'est plus dans le trousseau. Reprenez-le sur la fiche de "
                               "secours et enregistrez-le : gardien sauvegarde mot-de-passe --enregistrer.")
        return password
    if secret["kind"] == "fichier":
        path = Path(secret["chemin"]).expanduser()
        try:
            return path.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise GardienError(f"Le fichier du mot de passe ({path}) est illisible : {exc.strerror}.") from exc
    if os.environ.get("GARDIEN_SAUVEGARDE_MOT_DE_PASSE"):  # scripts and tests, for the "asked" mode only
        return os.environ["GARDIEN_SAUVEGARDE_MOT_DE_PASSE"]
    return getpass.getpass("Mot de passe de la sauvegarde : ")
