"""What happened to each destination: last backup, last check, last restore test (a JSON file in the data folder)."""

from __future__ import annotations

import json
from datetime import datetime

from gardien.paths import data_dir, write_private

FILE = "sauvegarde-etat.json"


def _path():
    return data_dir() / FILE


def load() -> dict:
    try:
        return json.loads(_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def record(destination: str, event: str, **details) -> None:
    """event: "sauvegarde", "sauvegarde_partielle", "verification", "echec"."""
    state = load()
    entry = state.setdefault(destination, {})
    entry[event] = {"date": datetime.now().astimezone().isoformat(timespec="seconds"), **details}
    write_private(_path(), json.dumps(state, ensure_ascii=False, indent=2))
