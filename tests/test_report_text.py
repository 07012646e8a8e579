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
