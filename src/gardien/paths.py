"""Where Gardien keeps its data: platformdirs' user data folder, or $GARDIEN_HOME."""

from __future__ import annotations

import os
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
