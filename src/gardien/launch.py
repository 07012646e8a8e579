"""How to type Gardien in this terminal, for the commands Gardien tells her to type next.

After the README's first command Gardien lives in .venv/bin, which the terminal does not search: « gardien audit »
then answers « command not found ». Like pip, which names the command that works (« /chemin/python -m pip install
--upgrade pip »), Gardien writes its next commands in the form it was launched with when the plain one would fail.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

PLAIN = "gardien"
NAMES = frozenset({"gardien", "gardien.exe"})
# Gardien's commands (tests/test_launch.py checks them against the command line's): « gardien » followed by one of
# them or by an option is a command to type, not the word of « le gardien numérique »
COMMANDS = ("audit", "historique", "interface", "questionnaire", "plan", "rappels", "motdepasse", "mail", "sauvegarde",
            "registre", "veille", "urgence", "formation", "pseudonymiser", "reidentifier", "reparer", "envoyer-chiffre",
            "effacer", "fin-de-vie", "desinstaller")
# the help's placeholder for any of them (« L'aide d'une commande : gardien COMMANDE --help »)
PLACEHOLDERS = ("COMMANDE",)
# (« gardien [COMMANDE] », the usage line of `gardien --help`, is a command too)
_COMMAND = re.compile(r"(?<![\w./-])gardien(?=(?: (?:--|\[[A-Z]+\]|(?:" + "|".join(COMMANDS + PLACEHOLDERS) + r")\b)|[ »]*$|\s*»))",
                      re.M)


# what the shell reads as one plain word (letters with accents included): anything else is quoted. PowerShell reads
# « , » « @ » « % » « + » « = » specially, a POSIX shell reads the backslash
_PLAIN_WORD = re.compile(r"[\w@%+=:,./-]+")
_PLAIN_WORD_NT = re.compile(r"[\w:./\\-]+")


def quoted(argument: str, nt: bool | None = None) -> str:
    """One value as it must be typed in this terminal, for every command Gardien prints with a value she gave (a
    prénom « Thomas (remplaçant) », « D'Artagnan », a path with a space): it stays one argument when pasted. POSIX
    shells: shlex's single quotes; Windows (PowerShell, cmd): double quotes, an inner one doubled."""
    nt = os.name == "nt" if nt is None else nt
    if (_PLAIN_WORD_NT if nt else _PLAIN_WORD).fullmatch(argument):
        return argument
    if nt:
        return '"' + argument.replace('"', '""') + '"'
    return shlex.quote(argument)


def typed_again() -> str:
    """The command being answered, to type again after Ctrl+C: « gardien » and what was typed after it (its files,
    folders, disks and options, « -- » included), each argument as it must be typed in this terminal. Used by the
    commands whose question is asked again with the same arguments (`sauvegarde`, `effacer`; walkthrough, round 15:
    a « gardien effacer » given back without its paths is refused)."""
    return " ".join([PLAIN, *(quoted(argument) for argument in sys.argv[1:])])


def _shown(path: str) -> str:
    """`path` as she can type it from here: relative when it is under the current folder."""
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute)
    except ValueError:  # Windows: another drive
        relative = absolute
    shown = relative if not relative.startswith("..") else absolute
    if os.sep not in shown and "/" not in shown:
        shown = os.path.join(".", shown)  # « gardien » alone would be searched in the PATH again
    return quoted(shown)


def _same(found: str | None, path: str) -> bool:
    try:
        return found is not None and os.path.samefile(found, path)
    except OSError:
        return False


def typed(argv0: str | None = None) -> str:
    """What to type here to run Gardien: « gardien » when the terminal finds this Gardien under that name (pipx,
    an activated environment), else the path it was launched by (« .venv/bin/gardien »). Anything else (python -m
    gardien, Gardien imported by another program): « gardien »."""
    argv0 = sys.argv[0] if argv0 is None else argv0
    script = Path(argv0)
    if script.name.lower() in NAMES:
        if os.sep not in argv0 and "/" not in argv0:  # typed as « gardien »: the terminal found it
            return PLAIN
        if _same(shutil.which(PLAIN), argv0):
            return PLAIN
        return _shown(argv0)
    # « python -m gardien » (a developer, the tests, a helper at her side): who typed it knows how to type it again,
    # and the tests run that way from the repository, beside its .venv, must read the commands as she will
    return PLAIN


def typed_anywhere(argv0: str | None = None) -> str:
    """What to type in any terminal, wherever it opens (a reminder's notification, a page of the interface): « gardien »
    when the terminal finds this Gardien under that name, else the full path of the `gardien` this Python runs (the
    script it was launched by, or the one beside the Python of « python -m gardien », the shortcut's and the
    scheduler's way)."""
    argv0 = sys.argv[0] if argv0 is None else argv0
    if Path(argv0).name.lower() in NAMES:
        if os.sep not in argv0 and "/" not in argv0:  # typed as « gardien »: the terminal found it
            return PLAIN
        script = Path(argv0)
    else:
        script = Path(sys.executable).with_name("gardien.exe" if os.name == "nt" else PLAIN)
    if not script.is_file() or _same(shutil.which(PLAIN), str(script)):
        return PLAIN
    shown = os.path.abspath(script)
    return quoted(shown)


def as_typed(text: str, command: str | None = None) -> str:
    """`text` with each « gardien … » command written as it must be typed here."""
    command = typed() if command is None else command
    return text if command == PLAIN else _COMMAND.sub(lambda _: command, text)


def notice(command: str | None = None) -> str:
    """One sentence when the plain « gardien » does not work in this terminal (empty otherwise)."""
    command = typed() if command is None else command
    if command == PLAIN:
        return ""
    # its own name is not written here: every « gardien » the terminal shows is rewritten as typed (TypedCommands)
    if _in_pipx_folder(command):  # installed with pipx: the terminal opened before « pipx ensurepath » does not know it
        return (f"Dans ce terminal, Gardien se lance en tapant {command} : son nom seul n'y est pas encore reconnu. "
                "Fermez et rouvrez le Terminal : son nom seul suffira (si ce n'est pas le cas, tapez pipx ensurepath, "
                "puis rouvrez-le).")
    return (f"Dans ce terminal, Gardien se lance en tapant {command} : son nom seul n'y est pas reconnu. Pour le lancer "
            "par son seul nom, où que vous soyez, installez-le avec pipx (README, « Installer Gardien sur votre "
            "ordinateur »).")


def _in_pipx_folder(command: str) -> bool:
    """`command` is a gardien in pipx's (and uv's) folder of commands: ~/.local/bin, or PIPX_BIN_DIR."""
    try:
        path = shlex.split(command)[0] if os.name != "nt" else command.strip('"')
    except (ValueError, IndexError):
        return False
    folder = os.environ.get("PIPX_BIN_DIR") or os.path.join(os.path.expanduser("~"), ".local", "bin")
    return _same(os.path.dirname(os.path.abspath(path)), folder)


# --- Every command Gardien prints, as typed here (walkthrough, round 13: `sauvegarde configurer`, `plan`, `formation`,
# `--help`… printed a bare « gardien … » that the terminal of the README's install does not find) ----------------------

_verbatim = False


@contextlib.contextmanager
def verbatim() -> Iterator[None]:
    """What is written inside is data, passed on as it is: JSON, a pseudonymised or restored text, a generated
    password (a « gardien plan » in them is not Gardien speaking, and a Windows path would break a JSON string)."""
    global _verbatim
    before, _verbatim = _verbatim, True
    try:
        yield
    finally:
        _verbatim = before


class TypedCommands:
    """sys.stdout or sys.stderr, writing each « gardien … » command as it must be typed here (`as_typed`): the one
    place every printed command goes through, whatever printed it (typer.echo, Rich, a prompt, an error, the help)."""

    def __init__(self, stream, command: str) -> None:
        self._stream = stream
        self._command = command

    def write(self, text: str) -> int:
        self._stream.write(text if _verbatim or not isinstance(text, str) else as_typed(text, self._command))
        return len(text)

    def __getattr__(self, name):  # isatty, fileno, flush, encoding, buffer, at_line_start…: the stream's own
        return getattr(self._stream, name)


def install(command: str | None = None) -> None:
    """Standard output and error write the commands as typed here, when the plain « gardien » would not work (once, for
    the whole command line: cli.main)."""
    command = typed() if command is None else command
    if command == PLAIN:
        return
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is not None and not isinstance(stream, TypedCommands):
            setattr(sys, name, TypedCommands(stream, command))
