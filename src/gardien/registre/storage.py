"""Where the register lives: one JSON file in the data folder, owner-only, through gardien.statefile.

JSON rather than the SQLite history: the register is one document, read whole, replaced whole by an import or a new
interview, and exported as a whole; statefile gives it the locked atomic write and the damaged-file check. Before an
import or a new interview replaces it, the previous version is copied to registre-versions/ (the last few are kept):
nothing the practitioner typed is lost.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from gardien import statefile
from gardien.paths import data_dir, write_private
from gardien.registre.model import Register

FILE = "registre.json"
DRAFT = "registre-entretien-en-cours.json"  # the answers of an interview stopped before its end
VERSIONS = "registre-versions"
KEPT_VERSIONS = 10


def path() -> Path:
    return data_dir() / FILE


def exists() -> bool:
    return path().is_file()


def load() -> Register | None:
    """The register, None when none was made yet; statefile.DamagedState when the file is damaged."""
    raw = statefile.read(path(), default=lambda: None)
    if raw is None:
        return None
    try:
        return Register.from_dict(raw)
    except (KeyError, TypeError, ValueError) as exc:
        raise statefile.DamagedState(path(), "ce n'est pas un registre que Gardien sait lire") from exc


def save(register: Register, keep_previous: str | None = None) -> Path | None:
    """Write the register; with `keep_previous` (« import », « entretien »), copy the current file first and
    return where."""
    kept = _keep_copy(keep_previous) if keep_previous and exists() else None
    statefile.write(path(), register.to_dict())
    return kept


def _keep_copy(reason: str) -> Path:
    folder = data_dir() / VERSIONS
    folder.mkdir(mode=0o700, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    copy = folder / f"registre-avant-{reason}-{stamp}.json"
    write_private(copy, path().read_text(encoding="utf-8"))
    for old in sorted(folder.glob("registre-avant-*.json"), key=lambda p: p.stat().st_mtime)[:-KEPT_VERSIONS]:
        old.unlink(missing_ok=True)
    return copy


def load_draft() -> dict:
    """The answers of an interview she stopped before the end ({} when none)."""
    try:
        return statefile.read(data_dir() / DRAFT)
    except statefile.DamagedState:  # only answers to offer again: the interview asks them anew
        return {}


def save_draft(answers: dict) -> None:
    """Keep the answers given so far, for the next interview to offer them; nothing to keep, nothing written."""
    if answers:
        statefile.write(data_dir() / DRAFT, answers)


def clear_draft() -> None:
    (data_dir() / DRAFT).unlink(missing_ok=True)
