"""Round 16 leftover: `gardien rappels etat` trusted its saved list (rappels.json) when the computer's scheduler had lost
the lines (crontab emptied, launchd agent deleted) or held another Gardien's instead: « Rappels installés … » for
reminders that would never show, where the web page (which re-read the scheduler) said they were gone. The judgement
is now made once, beside scheduler.check, and the terminal and the page say it in the same words.

Fakes only: a crontab script writing to the test's folder (GARDIEN_CRONTAB), a LaunchAgents folder of the test's own;
the real crontab and scheduler are never touched. The other Gardien's lines are hand-written, as `rappels installer`
writes them (linux.cron_line)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from test_reminders_other_install import _other_install
from test_reminders_scheduler import fake_crontab, gardien

from gardien.reminders import linux

LOST = ("Les rappels ne sont plus programmés : le planificateur de l'ordinateur ne les a plus (vérifié à l'instant), "
        "ils ne s'afficheront pas.")


def said(result: subprocess.CompletedProcess) -> str:
    return " ".join(result.stdout.split())


@pytest.fixture
def crontab(tmp_path):
    if sys.platform != "linux":
        pytest.skip("the cron path is Linux's")
    if linux.systemd_available():
        pytest.skip("a systemd user session is here: the reminders would go to systemd, not cron")
    return fake_crontab(tmp_path)


def test_a_crontab_emptied_by_hand_is_said_lost_with_the_command_that_programs_them_again(tmp_path, isolated_home,
                                                                                           crontab):
    gardien(isolated_home, crontab, "installer", "--jour-sauvegarde", "mardi", "--heure-sauvegarde", "09:15")
    (tmp_path / "table").unlink()  # « crontab -r », or another program rewrote it
    shown = gardien(isolated_home, crontab, "etat")
    text = said(shown)
    assert shown.returncode == 1, shown.stdout + shown.stderr  # « they will not show »: as when cron does not run
    assert text.startswith(LOST), text  # on main: « Le service cron tourne … » / « Rappels installés … »
    assert ("Pour les programmer de nouveau, avec les mêmes jours et heures : gardien rappels installer "
            "--jour-sauvegarde mardi --heure-sauvegarde 09:15") in text, text
    assert "Rappels installés" not in text and "Rappels notés" not in text, text
    assert "Ce qui était programmé le " in text and "Sauvegarde de la semaine : chaque mardi à 09h15" in text, text
    assert "Traceback" not in shown.stderr


def test_lines_replaced_by_another_gardiens_are_said_lost_and_the_other_one_is_named(tmp_path, isolated_home, crontab):
    gardien(isolated_home, crontab, "installer")
    _other_install(tmp_path, "/nulle/part/.venv/bin/python3")  # the table now holds another install's lines only
    shown = gardien(isolated_home, crontab, "etat")
    text = said(shown)
    assert shown.returncode == 1, shown.stdout + shown.stderr
    assert text.startswith(LOST) and "Rappels installés" not in text, text
    assert "sont ceux d'un autre Gardien, pas de celui-ci : ils lancent /nulle/part/.venv/bin/python3" in text, text
    # what to do is the other Gardien's sentence (it was deleted: remove its reminders, or program these): said once
    assert "Pour les programmer de nouveau" not in text and "Cet autre Gardien a été supprimé" in text, text


def test_a_deleted_launchd_agent_is_said_lost(tmp_path, isolated_home):
    """macOS, played on any system: the platform is said to be macOS and the LaunchAgents folder is the test's own,
    empty (the agents were deleted); the saved list is hand-written, as `installer` writes it. On main: « Gardien n'a
    pas pu demander à macOS … » (no launchctl here), exit 4, and « Rappels notés dans le planificateur »."""
    isolated_home.mkdir()
    agents = tmp_path / "LaunchAgents"
    agents.mkdir()
    (isolated_home / "rappels.json").write_text(json.dumps({
        "backend": "launchd", "installed_at": "2026-11-30T09:00:00+01:00",
        "traces": [str(agents / "fr.gardien.sauvegarde.plist")],
        "routines": [{"id": "sauvegarde", "title": "Sauvegarde de la semaine", "weekday": 0, "day": None,
                      "months": None, "hour": 12, "minute": 30}]}), encoding="utf-8")
    played = (f"import sys, pathlib; from gardien.reminders import install, macos; "
              f"install.current_platform = lambda: 'macos'; macos.agents_dir = lambda: pathlib.Path({str(agents)!r}); "
              "sys.argv = ['gardien', 'rappels', 'etat']; from gardien.entry import main; main()")
    shown = subprocess.run([sys.executable, "-c", played], capture_output=True, text=True, timeout=60, check=False,
                           env=dict(os.environ, GARDIEN_HOME=str(isolated_home)))
    text = said(shown)
    assert shown.returncode == 1, shown.stdout + shown.stderr
    assert text.startswith(LOST) and "Pour les programmer de nouveau, avec les mêmes jours et heures : gardien rappels " \
                                     "installer" in text, text
    assert "Rappels notés" not in text and "Traceback" not in shown.stderr, text + shown.stderr


def test_without_the_crontab_command_the_reminders_are_not_said_lost_but_unknown(tmp_path, isolated_home):
    """« ne les a plus (vérifié à l'instant) » only when the scheduler was read: cron reminders, and no `crontab`
    command to read them with (GARDIEN_CRONTAB names one that does not exist). Hand-written saved list, as `installer`
    writes it. Without this, the first version of check_installed said them lost, unmeasured."""
    isolated_home.mkdir()
    (isolated_home / "rappels.json").write_text(json.dumps({
        "backend": "cron", "installed_at": "2026-11-30T09:00:00+01:00", "traces": ["crontab"],
        "routines": [{"id": "sauvegarde", "title": "Sauvegarde de la semaine", "weekday": 0, "day": None,
                      "months": None, "hour": 12, "minute": 30}]}), encoding="utf-8")
    shown = gardien(isolated_home, str(tmp_path / "pas-de-crontab"), "etat")
    text = said(shown)
    assert shown.returncode == 4, shown.stdout + shown.stderr  # « je ne sais pas »
    assert text.startswith("Gardien ne trouve pas la commande crontab : il ne peut pas vérifier que les rappels sont "
                           "toujours programmés.") and LOST not in text, text
