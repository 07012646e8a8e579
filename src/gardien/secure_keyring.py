"""The OS keyring, refusing backends that do not protect secrets (plaintext files, the "fail" and "null" ones)."""

from __future__ import annotations

from gardien.errors import GardienError
from gardien.explain import reason

INSECURE_BACKENDS = ("fail.Keyring", "null.Keyring", "PlaintextKeyring", "EncryptedKeyring", "Windows.RegistryKeyring")


class NoKeyring(GardienError):
    """The OS offers no secure keyring."""


def keyring(explanation: str):
    """The keyring backend, or NoKeyring with `explanation` when only an insecure one is available. The backend
    checked is the one used: keyring's module functions ask their own, which may be another (once chosen, keyring
    keeps it)."""
    import keyring as module

    backend = module.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    if any(name.endswith(bad) for bad in INSECURE_BACKENDS):
        raise NoKeyring(explanation)
    return backend


def _why(exc: Exception) -> str:
    from keyring.errors import KeyringLocked

    return "il est verrouillé" if isinstance(exc, KeyringLocked) else reason(exc)


def get_password(service: str, account: str, explanation: str) -> str | None:
    try:
        return keyring(explanation).get_password(service, account)
    except NoKeyring:
        raise
    except Exception as exc:  # keyring backends raise their own errors (locked keyring, D-Bus...)
        raise NoKeyring(f"Le trousseau n'a pas répondu ({_why(exc)}). " + explanation) from exc


def set_password(service: str, account: str, value: str, explanation: str) -> None:
    try:
        keyring(explanation).set_password(service, account, value)
    except NoKeyring:
        raise
    except Exception as exc:
        raise NoKeyring(f"Le trousseau a refusé d'enregistrer ce secret ({_why(exc)}). " + explanation) from exc
