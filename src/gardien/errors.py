"""Typed errors carrying a French message for the user, and the CLI exit codes."""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    """Exit codes of the `gardien` command.

    0: done, nothing at or above the `--echec-a` threshold failed;
    1: a finding at or above that threshold failed;
    2: bad input or usage, or a problem the user can fix (a full disk, a damaged file): nothing written, nothing lost;
    3: internal error (the message says where the log is);
    4: Gardien could not tell (`rappels etat`: whether the scheduler will run the reminders): « je ne sais pas » is
       no success;
    130: stopped by Ctrl+C (the message says what was kept and how to resume).
    """

    OK = 0
    FINDINGS = 1
    USAGE = 2
    INTERNAL_ERROR = 3
    CANNOT_TELL = 4
    INTERRUPTED = 130


class GardienError(Exception):
    """An error the user can act on; `message` is French and shown as is on the command line. `web_message` is
    what the interface shows: the same facts, with where to click or whom to ask, never a command to type."""

    exit_code = ExitCode.USAGE

    def __init__(self, message: str, web_message: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self._web_message = web_message

    @property
    def web_message(self) -> str:
        return getattr(self, "_web_message", None) or self.message


class Interrupted(GardienError):
    """Ctrl+C. `resume` is the command that picks up again; `kept` says what was already saved, when the command
    saves as it goes (empty: the command is simply started again)."""

    exit_code = ExitCode.INTERRUPTED

    def __init__(self, resume: str, kept: str = "") -> None:
        again = f"Pour reprendre : {resume}" if kept else f"Pour recommencer : {resume}"
        super().__init__(f"Interrompu (Ctrl+C){' : ' + kept if kept else ''}. {again}")


class UnsupportedSystem(GardienError):
    """Gardien does not know how to audit this operating system."""


class BadRecording(GardienError):
    """A recording folder given to --rejouer cannot be read."""


class DamagedFile(GardienError):
    """One of Gardien's own files exists but cannot be read as it should. Nothing was changed; `gardien reparer`
    (or the interface's « Réparer » page) puts it aside, with the user's consent, and starts again from what could
    be read. `diagnosis` says what is wrong; `explanation` adds that nothing was changed — both without a command,
    for the web page; `message` (the command line) ends with the command that repairs."""

    def __init__(self, path: Path, what: str, holds: str = "", cause: str = "") -> None:
        holding = f" ({holds})" if holds else ""
        self.diagnosis = f"Le fichier {path}{holding} est abîmé : {what}.{' ' + cause if cause else ''}"
        self.explanation = f"{self.diagnosis} Gardien ne l'a pas modifié et s'arrête là pour ne rien perdre."
        super().__init__(f"{self.explanation} Pour le mettre de côté et repartir avec ce qui peut encore être lu : "
                         "gardien reparer",
                         f"{self.explanation} La page « Réparer » de Gardien le met de côté et repart de ce qui peut "
                         "encore être lu.")
        self.path = path
        self.what = what
