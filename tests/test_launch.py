"""Walkthrough round 12, finding 5: after the README's first command, Gardien lives in .venv/bin and « gardien audit »
answers « command not found ». Gardien now writes its next commands as they must be typed in this terminal."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gardien import launch
from gardien.cli import WELCOME

INSTALLED = Path(sys.executable).with_name("gardien")


@pytest.fixture
def venv_folder(tmp_path, monkeypatch):
    """A folder holding .venv/bin/gardien, as after the README's first command, the terminal in that folder."""
    script = tmp_path / ".venv" / "bin" / "gardien"
    script.parent.mkdir(parents=True)
    script.write_text("#!/bin/sh\n", encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    return script


@pytest.mark.skipif(os.name == "nt", reason="chemins POSIX")
def test_a_gardien_outside_the_path_is_written_with_its_path(venv_folder):
    assert launch.typed(".venv/bin/gardien") == ".venv/bin/gardien"
    assert launch.typed(str(venv_folder)) == ".venv/bin/gardien"  # launched by its full path: shown from here


@pytest.mark.skipif(os.name == "nt", reason="chemins POSIX")
def test_a_gardien_the_terminal_finds_is_plain_gardien(venv_folder, monkeypatch):
    monkeypatch.setenv("PATH", f"{venv_folder.parent}:/usr/bin:/bin")  # pipx's folder, or an activated venv
    assert launch.typed(str(venv_folder)) == "gardien"
    assert launch.typed("gardien") == "gardien"  # typed bare: the terminal found it


@pytest.mark.skipif(os.name == "nt", reason="chemins POSIX")
def test_python_dash_m_keeps_plain_gardien(venv_folder):
    # who typed « python -m gardien » knows how to type it; the test suite runs Gardien so from the repository, beside
    # its .venv, and must read the commands as she will after the README's first command
    main = str(Path(launch.__file__).with_name("__main__.py"))
    assert launch.typed(main) == "gardien"


def test_another_program_importing_gardien_keeps_plain_gardien():
    assert launch.typed("/usr/lib/python3/site-packages/pytest/__main__.py") == "gardien"
    assert launch.as_typed(WELCOME, "gardien") == WELCOME and launch.notice("gardien") == ""


def test_only_commands_are_rewritten():
    text = launch.as_typed(WELCOME, ".venv/bin/gardien")
    assert text.startswith("Gardien, le gardien numérique de votre cabinet.")
    assert "  .venv/bin/gardien audit\n" in text
    assert "« .venv/bin/gardien questionnaire », puis « .venv/bin/gardien plan »" in text
    assert "Toutes les commandes : .venv/bin/gardien --help" in text
    assert launch.as_typed("Tapez « gardien ».", "x/gardien") == "Tapez « x/gardien »."


def test_the_command_words_are_gardiens_commands():
    from typer.main import get_command

    from gardien.cli import app

    assert set(launch.COMMANDS) == set(get_command(app).commands)


@pytest.mark.skipif(not INSTALLED.is_file() or os.name == "nt", reason="la commande gardien installée est absente")
def test_after_the_readme_first_command_the_next_commands_work_as_shown():
    """Launched as .venv/bin/gardien from its folder, with a PATH that does not hold it: what it says to type next
    starts with that path, and one sentence says how to get the plain « gardien »."""
    folder = INSTALLED.parent.parent
    env = dict(os.environ, PATH="/usr/bin:/bin")
    shown = subprocess.run([str(INSTALLED)], capture_output=True, text=True, cwd=folder, env=env, timeout=60, check=False)
    assert shown.returncode == 0
    assert "bin/gardien audit" in shown.stdout and "bin/gardien --help" in shown.stdout
    assert "installez-le avec pipx" in shown.stdout
    for line in shown.stdout.splitlines():
        assert not line.lstrip().startswith("gardien ") and " : gardien " not in line, line


def test_the_notice_reads_the_same_through_the_stream_that_rewrites_commands():
    # round 13: the output stream writes every « gardien » as typed, so the notice that explains the plain name read
    # « tapant .venv/bin/gardien (et non .venv/bin/gardien seul). Pour taper simplement « .venv/bin/gardien » »
    import io

    command = ".venv/bin/gardien"
    out = io.StringIO()
    launch.TypedCommands(out, command).write(launch.notice(command))
    assert out.getvalue() == launch.notice(command)
    assert out.getvalue().count(command) == 1


# --- Walkthrough round 14, finding 1: the README's pipx line on a fresh account ---------------------------------------

def test_the_readme_pipx_line_calls_gardien_where_pipx_puts_it():
    """On a fresh Debian/Ubuntu account ~/.local/bin is not in the PATH yet (~/.profile adds it only if it existed at
    login): « pipx install . && gardien interface --raccourci » ended on « gardien: command not found ». The line
    calls Gardien by pipx's folder (pipx's documented default, ~/.local/bin) and has pipx add it for the next
    terminals. Tried as is on a fresh account: docs/distribution.md, « Aujourd'hui »."""
    import re

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Installer Gardien sur votre ordinateur", 1)[1].split("\n## ", 1)[0]
    lines = re.findall(r"```bash\n(.*?)```", section, flags=re.S)[0].splitlines()  # the install's block
    assert lines == ["pipx install . && pipx ensurepath && ~/.local/bin/gardien interface --raccourci"]
    assert "rouvrez le Terminal" in section
    assert lines[0] in (Path(__file__).resolve().parents[1] / "docs" / "distribution.md").read_text(encoding="utf-8")


@pytest.mark.skipif(not INSTALLED.is_file() or os.name == "nt", reason="la commande gardien installée est absente")
def test_gardien_run_from_pipx_folder_says_to_reopen_the_terminal(tmp_path):
    """Run as the README's pipx line runs it (~/.local/bin/gardien, that folder not yet in the PATH): it said
    « installez-le avec pipx », which she just did. It says to reopen the terminal."""
    pipx_folder = tmp_path / ".local" / "bin"
    pipx_folder.mkdir(parents=True)
    (pipx_folder / "gardien").symlink_to(INSTALLED)
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "GARDIEN_HOME": str(tmp_path / "donnees")}
    sources = tmp_path.parent / f"{tmp_path.name}-gardien"  # the line is typed in Gardien's folder
    sources.mkdir()
    shown = subprocess.run([str(pipx_folder / "gardien")], capture_output=True, text=True, cwd=sources, env=env,
                           timeout=60, check=False)
    assert shown.returncode == 0, shown.stderr
    text = " ".join(shown.stdout.split())
    assert f"en tapant {pipx_folder / 'gardien'} : son nom seul n'y est pas encore reconnu" in text
    assert "Fermez et rouvrez le Terminal" in text and "installez-le avec pipx" not in text


@pytest.mark.skipif(not INSTALLED.is_file() or os.name == "nt", reason="la commande gardien installée est absente")
def test_the_main_help_names_gardien_as_typed_here(tmp_path):
    """Walkthrough round 14, finding 19: `gardien --help` said « Utilisation : gardien [COMMANDE] » while every
    sub-command's help said « .venv/bin/gardien … »."""
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "GARDIEN_HOME": str(tmp_path / "donnees"), "COLUMNS": "100"}
    shown = subprocess.run([str(INSTALLED), "--help"], capture_output=True, text=True, cwd=tmp_path, env=env,
                           timeout=60, check=False)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith(f"Utilisation : {INSTALLED} [COMMANDE]"), shown.stdout[:200]
    assert launch.as_typed("Le gardien [numérique]", "x/gardien") == "Le gardien [numérique]"  # prose stays


@pytest.mark.skipif(not INSTALLED.is_file() or os.name == "nt", reason="la commande gardien installée est absente")
@pytest.mark.parametrize("columns", [60, 80, 100])
def test_the_audit_closing_lines_never_cut_a_command(tmp_path, columns):
    """Walkthrough round 14, finding 19: at 80 columns the audit ended « … ou .venv/bin/gardien » and « interface. » on
    the next line, a command that cannot be copied in one piece. Launched as after the README's first command."""
    script = tmp_path / ".venv" / "bin" / "gardien"
    script.parent.mkdir(parents=True)
    script.symlink_to(INSTALLED)
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "GARDIEN_HOME": str(tmp_path / "donnees"),
           "COLUMNS": str(columns), "LINES": "50", "TERM": "xterm", "NO_COLOR": "1"}
    shown = subprocess.run([".venv/bin/gardien", "audit", "--no-save"], capture_output=True, text=True, cwd=tmp_path,
                           env=env, timeout=180, check=False)
    closing = shown.stdout[shown.stdout.index("Chaque point expliqué"):].split("╭")[0]
    lines = closing.splitlines()
    assert not [line for line in lines if line.rstrip().endswith(".venv/bin/gardien")], closing
    for command in ("audit --details", "interface.", "questionnaire,", "plan."):
        assert any(f".venv/bin/gardien {command}" in line for line in lines), (command, closing)


@pytest.mark.parametrize(("value", "posix", "windows"), [
    ("Thomas (remplaçant)", "'Thomas (remplaçant)'", '"Thomas (remplaçant)"'),
    ("D'Artagnan", "'D'\"'\"'Artagnan'", "\"D'Artagnan\""),
    ("Éloïse", "Éloïse", "Éloïse"),
    ("Mes documents/registre.ods", "'Mes documents/registre.ods'", '"Mes documents/registre.ods"'),
    ("a,b", "a,b", '"a,b"'),
    ('dit "Jo"', "'dit \"Jo\"'", '"dit ""Jo"""'),
])
def test_a_value_in_a_printed_command_is_quoted_for_the_terminal(value, posix, windows):
    """Walkthrough round 16: the values Gardien prints in a command to type stay one argument when pasted."""
    assert launch.quoted(value, nt=False) == posix
    assert launch.quoted(value, nt=True) == windows


@pytest.mark.skipif(os.name == "nt", reason="shell POSIX")
@pytest.mark.parametrize("value", ["Thomas (remplaçant)", "D'Artagnan", "D'Art!", "a$b `c` \\d", "", "x y"])
def test_the_posix_quoting_reads_back_as_the_same_value(value):
    shell = subprocess.run(["bash", "-c", f"printf %s {launch.quoted(value, nt=False)}"], capture_output=True, text=True)
    assert shell.stdout == value
