"""The correspondence between placeholders and original values, kept only when the user asks: encrypted
(Fernet, from the cryptography package) with a key held in the OS keyring, user-only file, expiring."""

from __future__ import annotations

import json
import os
import secrets
from datetime import datetime, timedelta
from pathlib import Path

from gardien import secure_keyring
from gardien.errors import GardienError
from gardien.paths import data_dir

SERVICE = "gardien-pseudonymiser"
ACCOUNT = "cle-correspondances"
NO_KEYRING = (
    "Aucun trousseau sécurisé (Trousseau de macOS, Gestionnaire d'identification de Windows, GNOME Keyring ou KWallet) "
    "n'est disponible : Gardien ne garde pas la correspondance, car elle contient les noms des patients et ne doit "
    "jamais être écrite en clair. Pseudonymisez sans --garder, ou ouvrez votre session de bureau habituelle."
)


def _folder() -> Path:
    folder = data_dir() / "correspondances"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


BAD_KEY = (
    "La clé de Gardien dans le trousseau du système (entrée « gardien-pseudonymiser ») est abîmée : un autre programme "
    "l'a sans doute modifiée. Gardien n'a rien gardé. Ouvrez le trousseau (Trousseaux d'accès sur Mac, Gestionnaire "
    "d'identification sur Windows, « Mots de passe et clés » sous Linux), supprimez cette entrée, puis recommencez : "
    "Gardien en créera une nouvelle. Les correspondances gardées avec l'ancienne clé ne pourront plus être relues."
)


def _cipher():
    from cryptography.fernet import Fernet

    key = secure_keyring.get_password(SERVICE, ACCOUNT, NO_KEYRING)
    if not key:
        key = Fernet.generate_key().decode("ascii")
        secure_keyring.set_password(SERVICE, ACCOUNT, key, NO_KEYRING)
    try:
        return Fernet(key.encode("ascii"))
    except (ValueError, UnicodeEncodeError) as exc:  # not 32 url-safe base64 bytes (binascii.Error is a ValueError)
        raise GardienError(BAD_KEY) from exc


def ready() -> None:
    """Raise the French reason now if no correspondence could be kept (no keyring, damaged key)."""
    _cipher()


def purge_expired(now: datetime | None = None) -> int:
    """Delete every expired correspondence (their names say when they expire); returns how many."""
    now = now or datetime.now().astimezone()
    removed = 0
    for path in _folder().glob("*.gardien"):
        try:
            expires = datetime.fromisoformat(path.stem.split("_", 1)[1].replace("h", ":"))
        except (IndexError, ValueError):
            continue
        if expires <= now:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def save(mapping: dict[str, str], date_offset: int | None, keep_for: timedelta) -> tuple[str, datetime]:
    """Encrypt and store; returns (identifier, expiry)."""
    cipher = _cipher()  # before anything is written: without a keyring, nothing is kept
    purge_expired()
    expires = (datetime.now().astimezone() + keep_for).replace(microsecond=0)
    identifier = secrets.token_hex(4)
    payload = json.dumps({"mapping": mapping, "date_offset": date_offset, "expires": expires.isoformat()}).encode("utf-8")
    path = _folder() / f"{identifier}_{expires.isoformat().replace(':', 'h')}.gardien"
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(cipher.encrypt(payload))
    return identifier, expires


def load(identifier: str) -> dict[str, str]:
    purge_expired()
    matches = list(_folder().glob(f"{identifier}_*.gardien")) if identifier.isalnum() else []
    if not matches:
        raise GardienError(f"Aucune correspondance « {identifier} » : elle a expiré ou n'a jamais été gardée.")
    from cryptography.fernet import InvalidToken

    try:
        return json.loads(_cipher().decrypt(matches[0].read_bytes()))["mapping"]
    except (InvalidToken, ValueError, KeyError) as exc:
        raise GardienError("La correspondance est illisible (clé du trousseau changée ?).") from exc


def load_all() -> dict[str, dict[str, str]]:
    """Every kept correspondence that can be read, by identifier (to tell the user which one an answer belongs to)."""
    found = {}
    for path in _folder().glob("*.gardien"):
        identifier = path.stem.split("_", 1)[0]
        try:
            found[identifier] = load(identifier)
        except GardienError:
            continue
    return found


def forget(identifier: str) -> bool:
    removed = False
    for path in _folder().glob(f"{identifier}_*.gardien") if identifier.isalnum() else []:
        path.unlink()
        removed = True
    return removed
