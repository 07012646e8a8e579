"""Typed errors carrying a French message for the user, and the CLI exit codes."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit codes of the `gardien` command.

    0: done, nothing at or above the `--echec-a` threshold failed;
    1: a finding at or above that threshold failed;
    2: bad input or usage (nothing written, nothing lost);
    3: internal error (the message says where the log is).
    """

    OK = 0
    FINDINGS = 1
    USAGE = 2
    INTERNAL_ERROR = 3


class GardienError(Exception):
    """An error the user can act on; `message` is French and shown as is."""

    exit_code = ExitCode.USAGE

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UnsupportedSystem(GardienError):
    """Gardien does not know how to audit this operating system."""


class BadRecording(GardienError):
    """A recording folder given to --rejouer cannot be read."""
