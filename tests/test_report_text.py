"""A command shown in the terminal report stays one command when she copies its lines (walkthrough, round 8: an
80-column terminal cut « … dpkg-reconfigure -plow » and « unattended-upgrades » into two commands). The commands are
Gardien's own remediation commands, written out here by hand."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from gardien.report.text import shell_lines

LONG = "sudo apt install unattended-upgrades && sudo dpkg-reconfigure -plow unattended-upgrades"
SED = "sudo sed -i 's/^[[:space:]]*allow-guest[[:space:]]*=[[:space:]]*true/allow-guest=false/I' /etc/lightdm/lightdm.conf"


def test_a_command_that_fits_is_one_line():
    assert shell_lines("sudo ufw enable", 60) == ["sudo ufw enable"]
    assert shell_lines(LONG, 100) == [LONG]


@pytest.mark.parametrize("width", [30, 50, 66])
def test_lines_fit_and_are_cut_where_the_shell_goes_on(width):
    lines = shell_lines(LONG, width)
    assert len(lines) > 1 and all(len(line) <= width for line in lines)
    assert all(line.endswith((" &&", " \\")) for line in lines[:-1])
    # pasted together, the lines are the same words as the command
    assert " ".join(line.removesuffix(" \\") for line in lines) == LONG


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash absent")
@pytest.mark.parametrize("command", [LONG, SED])
def test_bash_reads_the_lines_as_the_one_command(command):
    pasted = "\n".join(shell_lines(command, 50))
    # a `sudo` function that prints its arguments stands for the real one: nothing is run
    shown = subprocess.run(["bash", "-c", f"sudo() {{ echo \"$*\"; }}\n{pasted}"], capture_output=True, text=True)
    expected = subprocess.run(["bash", "-c", f"sudo() {{ echo \"$*\"; }}\n{command}"], capture_output=True, text=True)
    assert shown.stdout == expected.stdout and shown.stdout


def test_powershell_is_left_whole():
    command = "Set-MpPreference -EnableControlledFolderAccess AuditMode"
    assert shell_lines(command, 20) == [command]


# --- French guillemets in narrow terminals ------------------------------------------------------------------------
# A practitioner's 80-column audit box showed « cliquez sur « Déverrouiller » with « » » alone at the start of the
# next line, and « passez-le en « » / « Standard » ». The sentence below is one of Gardien's own remediation steps.
STEP = ("GNOME : ouvrez Paramètres > Utilisateurs, cliquez sur « Déverrouiller », puis « Ajouter un utilisateur » de "
        "type Administrateur. Passez votre compte en « Standard » (désactivez « Administrateur »).")


def _lone_guillemets(lines: list[str]) -> list[str]:
    inner = [line.strip("│ ╭╮╰╯─") for line in lines]
    return [line for line in inner if line.startswith("»") or line.endswith("«")]


@pytest.mark.parametrize("width", range(30, 70, 3))
def test_no_guillemet_is_left_alone_at_a_line_break_in_a_narrow_box(width):
    from rich.console import Console
    from rich.panel import Panel

    from gardien.report import wrapping

    wrapping.install()
    console = Console(width=width, record=True, color_system=None)
    console.print(Panel(STEP))
    lines = console.export_text().splitlines()
    assert not _lone_guillemets(lines), "\n".join(lines)
    # the same words, ordinary spaces: nothing a legacy console cannot show, nothing odd in a copied command
    assert " ".join(line.strip("│ ╭╮╰╯─") for line in lines).split() == STEP.split()
    assert "\u00a0" not in console.export_text()


def test_no_break_spaces_are_not_line_breaks_and_the_help_keeps_guillemets_whole():
    from rich.console import Console

    from gardien.report import wrapping

    wrapping.install()
    console = Console(width=20, record=True, color_system=None)
    console.print("un deux trois quatre\u00a0cinq six")
    assert "quatre\u00a0cinq" in console.export_text()
    for width in range(20, 60, 2):
        assert not _lone_guillemets(wrapping.fill(STEP, width).splitlines())


@pytest.mark.slow
def test_the_audit_in_a_narrow_terminal_has_no_lone_guillemet(isolated_home, tmp_path):
    import os
    import sys

    env = dict(os.environ, GARDIEN_HOME=str(isolated_home), COLUMNS="46")
    shown = subprocess.run([sys.executable, "-m", "gardien", "audit", "--details", "--no-save"], capture_output=True,
                           text=True, env=env, timeout=120)
    assert shown.returncode == 0, shown.stderr
    assert "«" in shown.stdout and max(len(line) for line in shown.stdout.splitlines()) <= 46
    assert not _lone_guillemets(shown.stdout.splitlines())
