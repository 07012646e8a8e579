"""Gardien's log file: where the detail of an internal error goes, readable by its owner only.

Never a password, a patient's text or a request body: callers log what failed and where, not what was given.
Writing the log must never make things worse: on a full disk the failure is noted, not printed as a Python
traceback (« --- Logging error --- »), and the message to the user does not point to a log that was not written.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

LOG_NAME = "gardien.log"
MAX_LOG_BYTES = 1024 * 1024  # beyond, the old log is replaced: it only serves to report the latest errors
FORMAT = "%(asctime)s %(name)s %(levelname)s %(message)s"


class OwnerOnlyLog(logging.Handler):
    """Appends to gardien.log in the data folder, opened (0600) at the first record only, so that a command
    that logs nothing writes nothing. A failed write is remembered, never printed."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.setFormatter(logging.Formatter(FORMAT))
        self.path: Path | None = None
        self.failed = False

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = self.format(record) + "\n"
            path = self.path = self._path()
            if path.exists() and path.stat().st_size > MAX_LOG_BYTES:
                path.unlink()
            descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                if os.name == "posix":
                    os.fchmod(descriptor, 0o600)  # a log left 0644 by an older Gardien becomes private too
                os.write(descriptor, text.encode("utf-8", "replace"))
                os.fsync(descriptor)  # a full disk shows here, not later when nobody is listening
            finally:
                os.close(descriptor)
        except Exception:  # noqa: BLE001 - the log must never be the cause of a second error
            self.failed = True

    @staticmethod
    def _path() -> Path:
        # read at each record, not once: the data folder is where GARDIEN_HOME says now (it was cached, and a later
        # record went to the folder of the first one)
        from gardien.paths import data_dir

        return data_dir() / LOG_NAME


def install() -> OwnerOnlyLog:
    """Send the `gardien` loggers' warnings and errors to the log file (and not to the terminal). Idempotent."""
    logger = logging.getLogger("gardien")
    for handler in logger.handlers:
        if isinstance(handler, OwnerOnlyLog):
            return handler
    handler = OwnerOnlyLog()
    logger.addHandler(handler)
    logger.propagate = False
    return handler


def log_error(message: str, exc: BaseException | None = None, *args: object, name: str = "gardien") -> Path | None:
    """Write an error (with its traceback) to the log; returns the log's path, or None when it could not be written."""
    handler = install()
    handler.failed = False
    logging.getLogger(name).error(message, *args, exc_info=exc)
    return None if handler.failed else handler.path
