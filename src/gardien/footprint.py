"""What Gardien put on this computer, found now, and how `gardien desinstaller` removes it: the one place that knows
Gardien's own traces outside its install folder (walkthrough r16: « gardien desinstaller » did not exist and nothing
said how to remove Gardien; deleting its folder left reminders pointing at nothing, the watch's autostart, the
shortcuts, the keyring entries and the data folder, whose path nothing gave).

The scheduled things and the shortcuts go after one confirmation; the data folder (her own records: the register,
the training, the incident journal...) and the keyring entries that go with it only when she asks for it.
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from gardien.errors import GardienError

# the files of the data folder that are her own records, in her words (the others are Gardien's working files)
RECORDS = (
    ("gardien.registre.storage", "FILE", "le registre RGPD"),
    ("gardien.registre.storage", "VERSIONS", "les versions du registre"),
    ("gardien.registre.breaches", "FILE", "le registre des violations de données"),
    ("gardien.formation.progress", "FILE", "le suivi de la formation de l'équipe"),
    ("gardien.urgence.journal", "FILE", "le journal des incidents"),
    ("gardien.urgence.contacts", "FILE", "les contacts d'urgence"),
    ("gardien.fin_de_vie.certificat", "FILE", "les attestations de fin de vie des appareils"),
    ("gardien.store.db", "FILE_NAME", "l'historique des bilans"),
    ("gardien.backup.config", "FILE", "les réglages des sauvegardes"),
)
# the keyring entries Gardien writes: (service, account) -> what they hold
KEYRING = (
    ("gardien.backup.secret", "le mot de passe des sauvegardes"),
    ("gardien.pseudonym.mapping", "la clé des correspondances gardées du pseudonymiseur"),
)
KEYRING_UNREAD = "le trousseau n'a pas pu être lu"


@dataclass
class Footprint:
    reminders: list[str] = field(default_factory=list)  # what the scheduler holds of Gardien's reminders
    other_reminders: object = None  # reminders.install.OtherGardien: they are another Gardien's, left alone
    reminders_unread: str = ""  # why the scheduler could not be read
    watch: bool = False  # the watch (veille) is set up: its autostart, its witness files
    shortcuts: list[Path] = field(default_factory=list)
    keyring: list[tuple[str, str, str]] = field(default_factory=list)  # (service, account, what it holds)
    keyring_unread: str = ""
    data: Path = Path()
    records: list[str] = field(default_factory=list)  # her own records found in the data folder, in her words
    install_folder: Path | None = None  # the folder the README's install made (its .venv inside), if this is one


def measure() -> Footprint:
    """What Gardien put on this computer, looked for now."""
    import importlib

    from gardien.paths import data_dir
    from gardien.reminders import install
    from gardien.veille import config as watch_config
    from gardien.veille import service, watcher
    from gardien.web import shortcut

    found = Footprint(data=data_dir())
    try:
        found.other_reminders = install.other_gardien()
        found.reminders = install.traces()
    except GardienError as exc:
        found.reminders_unread = exc.args[0] if exc.args else str(exc)
    found.watch = service.installed() or watch_config.path().exists()
    found.shortcuts = shortcut.ours()
    for module, words in KEYRING:
        imported = importlib.import_module(module)
        try:
            if _keyring_get(imported.SERVICE, imported.ACCOUNT) is not None:
                found.keyring.append((imported.SERVICE, imported.ACCOUNT, words))
        except GardienError:
            found.keyring_unread = KEYRING_UNREAD
    for module, name, words in RECORDS:
        if (found.data / getattr(importlib.import_module(module), name)).exists():
            found.records.append(words)
    if watcher.last_alert() is not None:  # kept when the watch is turned off (`gardien veille desinstaller`)
        found.records.append("la dernière alerte de la veille")
    found.install_folder = install_folder()
    return found


def _keyring_get(service: str, account: str) -> str | None:
    from gardien import secure_keyring

    return secure_keyring.get_password(service, account, KEYRING_UNREAD)


def install_folder() -> Path | None:
    """The folder Gardien was installed in by the README (« python3 -m venv .venv » inside it): the one she deletes
    last. None when this Python is not a virtual environment, or is pipx's (then pipx removes it)."""
    prefix = Path(sys.prefix)
    if prefix == Path(sys.base_prefix) or "pipx" in prefix.parts:  # pipx keeps its own folders: « pipx uninstall »
        return None
    return prefix.parent if prefix.name in (".venv", "venv") else prefix


def remove(found: Footprint, with_data: bool) -> list[str]:
    """Remove the scheduled things and the shortcuts; the keyring entries and the data folder too when `with_data`.
    Returns what was removed, in her words. Another Gardien's reminders are left where they are."""
    from gardien.reminders import install
    from gardien.veille import setup

    if with_data:
        _own_folder(found.data)  # checked before anything is removed
    removed = []
    other = found.other_reminders
    if found.reminders and (other is None or other.gone):
        install.uninstall()
        removed.append("les rappels")
    if found.watch:
        setup.disable()
        removed.append("la veille et son démarrage automatique")
    for path in found.shortcuts:
        path.unlink(missing_ok=True)
        removed.append(f"le raccourci {path}")
    if with_data:
        from gardien import secure_keyring

        for service, account, words in found.keyring:
            secure_keyring.keyring(KEYRING_UNREAD).delete_password(service, account)
            removed.append(f"{words} (trousseau)")
        shutil.rmtree(found.data)
        removed.append(f"le dossier de données {found.data}")
    return removed


def _own_folder(folder: Path) -> Path:
    """The data folder, if it can only be Gardien's: never the home folder nor one that holds it (GARDIEN_HOME may
    have been set to any folder)."""
    resolved = folder.resolve()
    if resolved == Path.home().resolve() or Path.home().resolve().is_relative_to(resolved):
        raise GardienError(f"{folder} est votre dossier personnel (ou le contient) : Gardien ne l'efface pas. "
                           "Supprimez vous-même ses fichiers de Gardien.")
    return folder
