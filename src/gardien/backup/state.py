"""What happened to each destination: last backup, last partial run, last failure, last restore test, and the
disk each copy was measured on (a JSON file in the data folder, through statefile: locked, atomic, validated).

A damaged file is reported, never read as « jamais » and never overwritten: `set_aside` renames it (with the
user's consent) so that a new history can start."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from pathlib import Path

from gardien import statefile
from gardien.paths import data_dir

FILE = "sauvegarde-etat.json"


class Event(StrEnum):
    BACKUP = "sauvegarde"  # a complete backup
    PARTIAL = "sauvegarde_partielle"  # a snapshot was made, but some folders or files are not in it
    FAILED = "echec"  # the backup could not be made
    ABSENT = "absente"  # the destination was not plugged in: nothing was tried (normal for a disk kept elsewhere)
    VERIFIED = "verification"  # a restore test that succeeded
    VERIFY_FAILED = "echec_verification"  # a restore test that found damaged data
    VERIFY_NOT_DONE = "verification_impossible"  # a restore test that could not run (password, lock…)


def path() -> Path:
    return data_dir() / FILE


def _valid(value: dict) -> dict:
    for name, entry in value.items():
        if not isinstance(entry, dict) or not all(isinstance(e, dict) and isinstance(e.get("date"), str) for e in entry.values()):
            raise statefile.DamagedState(path(), f"l'entrée « {name} » n'a pas la forme attendue")
    return value


def load() -> dict[str, dict[str, dict]]:
    """Destination name -> event -> {"date": ISO, …}. DamagedState when the file is cut or of the wrong shape."""
    return _valid(statefile.read(path()))


def record(destination: str, event: Event | str, **details) -> None:
    """Note an event for a destination, under the lock: concurrent runs never lose each other's updates."""
    event = Event(event)
    with statefile.updating(path()) as value:
        _valid(value)
        entry = value.setdefault(destination, {})
        entry[event.value] = {"date": datetime.now().astimezone().isoformat(timespec="seconds"), **details}


def forget(destination: str) -> None:
    """The history of a destination taken out of the set-up, removed. A damaged history is left as it is (the page
    and `etat` say so, and it is set aside as a whole)."""
    if not path().exists():
        return
    try:
        with statefile.updating(path()) as value:
            _valid(value)
            value.pop(destination, None)
    except statefile.DamagedState:
        return


def check_readable() -> None:
    """DamagedState now rather than after an hour of backup."""
    load()


def set_aside() -> Path | None:
    """Rename a damaged state file next to itself (kept, never deleted); None when there is none."""
    if not path().exists():
        return None
    return statefile.set_aside(path())
