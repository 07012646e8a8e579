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


def check_available(secret: dict) -> None:
    """Raise NoKeyring now if the chosen place cannot hold the password."""
    if secret["kind"] == "trousseau":
        secure_keyring.keyring(NO_KEYRING)
    elif secret["kind"] == "fichier" and not Path(secret["chemin"]).expanduser().parent.exists():
        raise GardienError(f"Le dossier du fichier de mot de passe n'existe pas : {Path(secret['chemin']).parent}.")


def store(secret: dict, password: str) -> None:
    """Keep the password where the configuration says: keyring, a user's file, or nowhere (asked each time)."""
    if secret["kind"] == "trousseau":
        secure_keyring.set_password(SERVICE, ACCOUNT, password, NO_KEYRING)
    elif secret["kind"] == "fichier":
        path = Path(secret["chemin"]).expanduser()
        path.parent.mkdir(parents=True, exist_ok=True)
        write_private(path, password + "\n")


def load(secret: dict) -> str:
    if secret["kind"] == "trousseau":
        password = secure_keyring.get_password(SERVICE, ACCOUNT, NO_KEYRING)
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
