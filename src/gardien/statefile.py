"""Gardien's small JSON state files (backup state and configuration, reminders manifest…).

Each is written atomically (a crash mid-write leaves the previous version), only under a lock (two Gardien
processes never lose each other's updates), owner-only, and checked when read: a damaged file is reported with
its name and put aside — never silently read as empty and overwritten, which would lose what it held.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from gardien.errors import DamagedFile
from gardien.paths import read_regular, write_private

LOCK_WAIT_SECONDS = 30


class DamagedState(DamagedFile):
    """A state file exists but cannot be read as what it should hold; `path` names it."""


def _lock(path: Path):
    from filelock import FileLock

    return FileLock(str(path.with_name(f".{path.name}.lock")), timeout=LOCK_WAIT_SECONDS, mode=0o600)


def read(path: Path, default: Callable[[], Any] = dict, kind: type = dict) -> Any:
    """The file's content, `default()` when the file does not exist; DamagedState when it is not valid JSON of `kind`."""
    try:
        raw = read_regular(path)  # a FIFO in its place would make the read wait for ever
    except FileNotFoundError:
        return default()
    except OSError as exc:
        from gardien.explain import reason

        raise DamagedState(path, f"il ne peut pas être lu ({reason(exc)})") from exc
    try:
        value = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise DamagedState(path, "son contenu est coupé ou illisible") from exc
    if not isinstance(value, kind):
        raise DamagedState(path, "son contenu n'a pas la forme attendue")
    return value


def write(path: Path, value: Any) -> None:
    """Replace the file's content atomically, under its lock."""
    with _lock(path):
        write_private(path, json.dumps(value, ensure_ascii=False, indent=2))


@contextmanager
def updating(path: Path, default: Callable[[], Any] = dict, kind: type = dict) -> Iterator[Any]:
    """Read, let the caller change the value in place, write it back — all under the lock, so that concurrent
    updates are applied one after the other instead of overwriting each other."""
    with _lock(path):
        value = read(path, default, kind)
        yield value
        write_private(path, json.dumps(value, ensure_ascii=False, indent=2))


def set_aside(path: Path) -> Path:
    """Rename a damaged file next to itself with the date (never delete it) and return the new name."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.abime-{stamp}")
    with _lock(path):
        path.rename(aside)
    return aside
