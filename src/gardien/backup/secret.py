"""The repository password: generated with `secrets` in characters that cannot be misread when copied by hand,
kept in the OS keyring, or in a file of the user's own, or nowhere (typed at each backup).

The library never prompts: where the password is typed, the command line or the page asks for it and hands it in.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from gardien import secure_keyring
from gardien.backup.config import Secret, SecretKind
from gardien.errors import GardienError
from gardien.paths import write_private

SERVICE = "gardien-sauvegarde"
ACCOUNT = "depot"
ENVIRONMENT = "GARDIEN_SAUVEGARDE_MOT_DE_PASSE"  # a password chosen by the user, for scripts (never shown back)
# No I, l, 1, O, 0 (nor uppercase at all): the password is copied by hand onto the recovery sheet
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
GROUPS, GROUP_SIZE = 6, 4  # 24 characters of 31 kinds: about 119 bits
MAX_FILE_BYTES = 4096
NO_KEYRING = (
    "Aucun trousseau sécurisé (Trousseau de macOS, Gestionnaire d'identification de Windows, GNOME Keyring ou KWallet) "
    "n'est disponible pour garder le mot de passe de la sauvegarde. Choisissez : ouvrir votre session de bureau habituelle "
    "(le trousseau s'y trouve), ou garder le mot de passe dans un fichier à vous, lisible seulement depuis votre compte (de préférence "
    "sur un disque chiffré ; option --mot-de-passe-fichier CHEMIN, ou « Dans un fichier » sur la page Sauvegardes), ou "
    "le taper à chaque sauvegarde (--demander-mot-de-passe)."
)


# after « the disk is not encrypted » or « not checked »: the proposed file is in Gardien's folder, on that disk
FILE_AT_RISK = ("le fichier proposé, rangé sur ce disque, pourrait être lu par qui emporterait l'ordinateur. Préférez un "
                "fichier sur un disque chiffré, ou de taper le mot de passe à chaque sauvegarde.")


def file_place_note() -> str:
    """Beside « Dans un fichier »: what the last audit measured of this computer's disk encryption (review r24: the
    page said « de préférence sur un disque chiffré » above a file on a disk the audit had found not encrypted)."""
    from gardien import fr
    from gardien.registre.breaches import DiskMeasure, audited_disk

    disk = audited_disk()
    if disk is None:
        return f"Gardien n'a pas encore pu vérifier si le disque de cet ordinateur est chiffré : {FILE_AT_RISK}"
    if disk.measure is DiskMeasure.NOT_ENCRYPTED:
        return f"D'après le bilan du {fr.day(disk.audited_at)}, le disque de cet ordinateur n'est pas chiffré : {FILE_AT_RISK}"
    return f"D'après le bilan du {fr.day(disk.audited_at)}, le disque de cet ordinateur est chiffré."


class PasswordNeeded(GardienError):
    """The password is typed at each backup and none was given."""


def generate() -> str:
    """« abcd-efgh-jkmn-pqrs-tuvw-xyz2 »: six groups of four, easy to copy and to read back."""
    text = "".join(secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_SIZE))
    return "-".join(text[i:i + GROUP_SIZE] for i in range(0, len(text), GROUP_SIZE))


def normalise(typed: str) -> str:
    """What the user typed, read as a generated password when it is one (spaces, case and dashes forgiven);
    any other password is kept exactly as typed (only the end of line is removed)."""
    text = typed.rstrip("\r\n")
    compact = "".join(c for c in text.lower() if c not in " -\t")
    if len(compact) == GROUPS * GROUP_SIZE and all(c in ALPHABET for c in compact):
        return "-".join(compact[i:i + GROUP_SIZE] for i in range(0, len(compact), GROUP_SIZE))
    return text


def from_environment() -> str | None:
    value = os.environ.get(ENVIRONMENT)
    return normalise(value) if value else None


def check_available(secret: Secret) -> None:
    """Raise now if the chosen place cannot hold the password (nothing is created before this passed)."""
    if secret.kind is SecretKind.KEYRING:
        secure_keyring.keyring(NO_KEYRING)
    elif secret.kind is SecretKind.FILE:
        target = Path(secret.chemin or "").expanduser()
        if not target.parent.is_dir():
            raise GardienError(f"Le dossier du fichier de mot de passe n'existe pas : {target.parent}.")
        if target.exists():
            raise GardienError(f"Le fichier {target} existe déjà : il ouvre peut-être des copies faites avant, Gardien ne "
                               f"le remplace pas. Choisissez un nom de fichier nouveau, par exemple {free_file(target)}.")


def free_file(wanted: Path) -> Path:
    """`wanted`, or « …-2.txt », « …-3.txt »… when it exists: an old password file is never replaced (it opens the
    copies made with it), and the set-up form proposes a name it will accept."""
    candidates = (wanted, *(wanted.with_name(f"{wanted.stem}-{n}{wanted.suffix}") for n in range(2, 1000)))
    return next((c for c in candidates if not c.exists()), wanted)


def store(secret: Secret, password: str) -> None:
    """Keep the password where the configuration says (keyring or file), then read it back: a password that
    cannot be read back is a set-up that cannot be restored."""
    if secret.kind is SecretKind.ASKED:
        return
    if secret.kind is SecretKind.KEYRING:
        secure_keyring.set_password(SERVICE, ACCOUNT, password, NO_KEYRING)
    else:
        target = Path(secret.chemin or "").expanduser()
        try:
            write_private(target, password + "\n")
        except OSError as exc:
            raise GardienError(f"Le fichier du mot de passe ({target}) n'a pas pu être écrit : {exc.strerror or exc}.") from exc
    if stored(secret) != password:
        raise GardienError("Le mot de passe n'a pas pu être relu après avoir été enregistré : rien n'a été créé.")


def forget(secret: Secret) -> None:
    """Undo `store` after a failed set-up (the file was new: removing it loses nothing)."""
    try:
        if secret.kind is SecretKind.KEYRING:
            secure_keyring.keyring(NO_KEYRING).delete_password(SERVICE, ACCOUNT)
        elif secret.kind is SecretKind.FILE:
            Path(secret.chemin or "").expanduser().unlink(missing_ok=True)
    except Exception:  # noqa: BLE001 - best effort: the set-up already failed and says so
        pass


def stored(secret: Secret) -> str | None:
    """The password kept by Gardien, None when it is typed each time (SecretKind.ASKED)."""
    if secret.kind is SecretKind.ASKED:
        return None
    if secret.kind is SecretKind.KEYRING:
        password = secure_keyring.get_password(SERVICE, ACCOUNT, NO_KEYRING)
        if not password:
            raise GardienError("Le mot de passe de la sauvegarde n'est plus dans le trousseau. Reprenez-le sur la fiche de "
                               "secours et remettez-le : gardien sauvegarde mot-de-passe --enregistrer.",
                               "Le mot de passe de la sauvegarde n'est plus dans le trousseau. Reprenez-le sur la fiche de "
                               "secours et remettez-le : page Sauvegardes, « Afficher le mot de passe des sauvegardes », "
                               "puis tapez-le ; Gardien le remet à sa place.")
        return password
    return _read_file(Path(secret.chemin or "").expanduser())


def _read_file(target: Path) -> str:
    try:
        with target.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise GardienError(f"Le fichier du mot de passe ({target}) est illisible : "
                           f"{'introuvable' if isinstance(exc, FileNotFoundError) else exc.strerror or exc}. "
                           "Reprenez le mot de passe sur la fiche de secours.") from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    lines = [line for line in (text or "").splitlines() if line.strip()] if text is not None else []
    if text is None or len(raw) > MAX_FILE_BYTES or len(lines) != 1 or "\x00" in text:
        raise GardienError(f"Le fichier du mot de passe ({target}) ne contient pas un mot de passe lisible (une seule ligne "
                           "de texte est attendue) : il a peut-être été remplacé ou abîmé. Gardien ne l'a pas modifié. "
                           "Reprenez le mot de passe sur la fiche de secours.")
    return lines[0].strip()


def load(secret: Secret, typed: str | None = None) -> str:
    """The password for a run: the one kept, or the one typed (SecretKind.ASKED), or the environment's."""
    if typed:
        return normalise(typed)
    kept = stored(secret)
    if kept is not None:
        return kept
    environment = from_environment()
    if environment:
        return environment
    raise PasswordNeeded("Tapez le mot de passe de la sauvegarde (celui de la fiche de secours).")
