"""Gardien's own files, checked on request; a damaged one is put aside — only with the user's consent — and
Gardien starts again from what could still be read. Used by `gardien reparer` and the interface's « Réparer » page.

Nothing is ever deleted: a damaged file is renamed beside itself with the date (« historique.sqlite3.abime-… »).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from gardien import statefile
from gardien.errors import DamagedFile
from gardien.paths import data_dir


@dataclass(frozen=True)
class Damage:
    path: Path
    diagnosis: str  # French, with no command in it: shown by the command line and the web page alike
    mend: Callable[[], str]  # puts the file aside and starts again; returns what was done, in French


def _state_checks() -> dict[str, Callable[[Path], object]]:
    """JSON state file name -> how its owner reads it fully (raising DamagedState); others are only parsed.
    A module that keeps a JSON state file adds its reader here."""
    from gardien.registre import breaches, storage
    from gardien.reminders import install

    return {
        install.MANIFEST: lambda _path: install.installed(),
        storage.FILE: lambda _path: storage.load(),
        breaches.FILE: lambda _path: breaches.stored(),
    }


def damages() -> list[Damage]:
    """Every damaged file in Gardien's data folder (empty when all is well). Changes nothing."""
    from gardien.store import salvage

    found = []
    damage = salvage.diagnose()
    if damage is not None:
        found.append(Damage(damage.path, damage.diagnosis, _mend_database))
    checks = _state_checks()
    for path in sorted(data_dir().glob("*.json")):
        try:
            checks.get(path.name, lambda p: statefile.read(p, kind=object))(path)
        except DamagedFile as state:
            found.append(Damage(path, state.diagnosis, lambda p=path: _mend_state(p)))
    return found


def _mend_database() -> str:
    from gardien.store import salvage

    result = salvage.salvage()
    return f"Le fichier abîmé est gardé sous le nom {result.aside.name}, un nouveau fichier a été créé. {result.summary()}"


def _mend_state(path: Path) -> str:
    aside = statefile.set_aside(path)
    return f"Le fichier abîmé est gardé sous le nom {aside.name} ; Gardien repart sans lui."
