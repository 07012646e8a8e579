"""Where Gardien keeps its data: platformdirs' user data folder, or $GARDIEN_HOME."""

from __future__ import annotations

import os
import stat
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


class NotAFile(OSError):
    """The path is a FIFO, a device or a folder: reading it could wait for ever or never end."""


def read_regular(path: Path, max_bytes: int | None = None, tail: bool = False) -> bytes:
    """A regular file's bytes, never blocking: opened without waiting (a FIFO put in place of a file would
    otherwise hold Gardien for ever), refused unless it is a plain file (NotAFile), at most `max_bytes` read —
    the last ones when `tail` (a log's latest lines), else the first ones."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise NotAFile(f"{path} n'est pas un fichier ordinaire")
        if tail and max_bytes is not None and info.st_size > max_bytes:
            os.lseek(descriptor, info.st_size - max_bytes, os.SEEK_SET)
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            return handle.read() if max_bytes is None else handle.read(max_bytes)
    finally:
        os.close(descriptor)
