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


def _cipher():
    from cryptography.fernet import Fernet

    key = secure_keyring.get_password(SERVICE, ACCOUNT, NO_KEYRING)
    if not key:
        key = Fernet.generate_key().decode("ascii")
        secure_keyring.set_password(SERVICE, ACCOUNT, key, NO_KEYRING)
    return Fernet(key.encode("ascii"))


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


def forget(identifier: str) -> bool:
    removed = False
    for path in _folder().glob(f"{identifier}_*.gardien") if identifier.isalnum() else []:
        path.unlink()
        removed = True
    return removed
