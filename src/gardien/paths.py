"""Where Gardien keeps its data: platformdirs' user data folder, or $GARDIEN_HOME."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def data_dir() -> Path:
    """The data folder, created on first use with user-only permissions."""
    override = os.environ.get("GARDIEN_HOME")
    if override:
        path = Path(override)
    else:
        import platformdirs  # imported here: only commands that store data need it

        path = Path(platformdirs.user_data_dir("gardien", appauthor=False))
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def write_private(path: Path, text: str) -> None:
    """Write a file only its owner can read, all at once: a crash mid-write leaves the previous version intact."""
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")  # created 0600
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
