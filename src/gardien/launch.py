"""How to type Gardien in this terminal, for the commands Gardien tells her to type next.

After the README's first command Gardien lives in .venv/bin, which the terminal does not search: « gardien audit »
then answers « command not found ». Like pip, which names the command that works (« /chemin/python -m pip install
--upgrade pip »), Gardien writes its next commands in the form it was launched with when the plain one would fail.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import sys
from pathlib import Path

PLAIN = "gardien"
NAMES = frozenset({"gardien", "gardien.exe"})
# Gardien's commands (tests/test_launch.py checks them against the command line's): « gardien » followed by one of
# them or by an option is a command to type, not the word of « le gardien numérique »
COMMANDS = ("audit", "historique", "interface", "questionnaire", "plan", "rappels", "motdepasse", "mail", "sauvegarde",
            "registre", "veille", "urgence", "formation", "pseudonymiser", "reidentifier", "reparer", "envoyer-chiffre",
            "effacer", "fin-de-vie")
_COMMAND = re.compile(r"(?<![\w./-])gardien(?=(?: (?:--|(?:" + "|".join(COMMANDS) + r")\b)|[ »]*$|\s*»))", re.M)


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
    return shlex.quote(shown) if os.name != "nt" else (f'"{shown}"' if " " in shown else shown)


def _same(found: str | None, path: str) -> bool:
    try:
        return found is not None and os.path.samefile(found, path)
    except OSError:
        return False


def typed(argv0: str | None = None, executable: str | None = None) -> str:
    """What to type here to run Gardien: « gardien » when the terminal finds this Gardien under that name (pipx,
    an activated environment), else the path it was launched by (« .venv/bin/gardien »), or « python3 -m gardien »
    with the Python that ran it when that is short to type. Anything else (Gardien imported by another program, a
    Python far from here): « gardien »."""
    argv0 = sys.argv[0] if argv0 is None else argv0
    executable = sys.executable if executable is None else executable
    script = Path(argv0)
    if script.name.lower() in NAMES:
        if os.sep not in argv0 and "/" not in argv0:  # typed as « gardien »: the terminal found it
            return PLAIN
        if _same(shutil.which(PLAIN), argv0):
            return PLAIN
        return _shown(argv0)
    if script.name == "__main__.py" and script.parent.name == "gardien":  # python -m gardien
        if _same(shutil.which(PLAIN), str(Path(executable).with_name(PLAIN))):
            return PLAIN
        if _plain_python(executable):
            return "python3 -m gardien"
        if _under_here(executable):  # « .venv/bin/python -m gardien », from the README's folder
            return f"{_shown(executable)} -m gardien"
        # a Python elsewhere (a developer's, the tests'): its full path would fill the line, and who typed it knows it
    return PLAIN


def _under_here(path: str) -> bool:
    try:
        return not os.path.relpath(os.path.abspath(path)).startswith("..")
    except ValueError:  # Windows: another drive
        return False


def _plain_python(executable: str) -> bool:
    """Whether « python3 » in this terminal is this very Python, not the system's (a virtual environment's python
    is a link to the system's: the same file, other packages)."""
    found = shutil.which("python3")
    return found is not None and os.path.abspath(found) == os.path.abspath(executable)


def as_typed(text: str, command: str | None = None) -> str:
    """`text` with each « gardien … » command written as it must be typed here."""
    command = typed() if command is None else command
    return text if command == PLAIN else _COMMAND.sub(lambda _: command, text)


def notice(command: str | None = None) -> str:
    """One sentence when the plain « gardien » does not work in this terminal (empty otherwise)."""
    command = typed() if command is None else command
    if command == PLAIN:
        return ""
    return (f"Dans ce terminal, Gardien se lance en tapant {command} (et non gardien seul). Pour taper simplement "
            "« gardien » : installez-le avec pipx (README, « Installer Gardien sur votre ordinateur »).")
