"""Reminders missed while the computer was off or asleep (round 15). What each scheduler does by itself, checked in
the generated text: systemd `Persistent=true`, Windows `StartWhenAvailable`, launchd a calendar job missed during sleep
run at wake (but not one missed while the Mac was off); cron catches nothing up. For cron and macOS, Gardien adds a
catch-up (`gardien rappels rattraper`): each hour with cron, at each login on macOS.

Only the cron path and the catch-up itself run here (a fake crontab, as tests/test_reminders_scheduler.py); launchd
and the Task Scheduler are not run on this Linux machine, their files are read back. Manifests are hand-written, in
the format `rappels installer` writes."""

from __future__ import annotations

import json
import os
import plistlib
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

import pytest
from test_reminders_scheduler import fake_crontab

from gardien.reminders import linux, macos, missed, windows
from gardien.reminders.routines import When, by_id, routines

COMMAND = ["/opt/gardien/bin/python", "-m", "gardien", "rappels"]


def test_each_scheduler_is_told_to_run_a_missed_reminder():
    for routine in routines():
        timer = linux.systemd_units(routine, [*COMMAND, "notifier", routine.id])[f"gardien-{routine.id}.timer"]
        assert "\nPersistent=true\n" in timer, timer  # systemd: at the next start of the session
        task = ET.fromstring(windows.task_xml(routine, [*COMMAND, "notifier", routine.id]).split("\n", 1)[1])
        settings = task.find("{http://schemas.microsoft.com/windows/2004/02/mit/task}Settings")
        assert settings.findtext("{http://schemas.microsoft.com/windows/2004/02/mit/task}StartWhenAvailable") == "true"
        agent = plistlib.loads(macos.agent_plist(routine, [*COMMAND, "notifier", routine.id]))
        assert agent["StartCalendarInterval"] and agent["RunAtLoad"] is False  # not at each login: the catch-up does
    catch_up = plistlib.loads(macos.catch_up_plist([*COMMAND, "rattraper"]))
    assert catch_up == {"Label": "fr.gardien.rattrapage", "ProgramArguments": [*COMMAND, "rattraper"], "RunAtLoad": True}
    assert linux.cron_catch_up_line([*COMMAND, "rattraper"]).startswith("17 * * * * ")


def test_the_last_moment_of_each_rhythm():
    now = datetime(2026, 11, 30, 9, 0).astimezone()  # a Monday
    weekly = by_id(routines())["sauvegarde"].when  # Monday 12:30
    assert missed.last_due(weekly, now) == datetime(2026, 11, 23, 12, 30, tzinfo=now.tzinfo)
    assert missed.last_due(weekly, now.replace(hour=13)) == datetime(2026, 11, 30, 12, 30, tzinfo=now.tzinfo)
    semester = by_id(routines())["restauration"].when  # 1 March and 1 September, 12:30
    assert missed.last_due(semester, now) == datetime(2026, 9, 1, 12, 30, tzinfo=now.tzinfo)
    assert missed.last_due(When(12, 0, day=1, months=(1, 4, 7, 10)), now) == datetime(2026, 10, 1, 12, 0, tzinfo=now.tzinfo)


def _rappels(home, crontab: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "GARDIEN_HOME": str(home), "GARDIEN_CRONTAB": crontab}
    return subprocess.run([sys.executable, "-m", "gardien", "rappels", *args], capture_output=True, text=True, env=env,
                          timeout=60, check=False)


@pytest.mark.skipif(sys.platform != "linux", reason="the cron path is Linux's")
def test_cron_gets_an_hourly_catch_up_line(tmp_path):
    if linux.systemd_available():
        pytest.skip("a systemd user session is here: the reminders would go to systemd, not cron")
    crontab = fake_crontab(tmp_path)
    home = tmp_path / "home"
    installed = _rappels(home, crontab, "installer")
    assert "Traceback" not in installed.stderr, installed.stderr
    table = (tmp_path / "table").read_text(encoding="utf-8")
    assert table.count("rappels notifier") == 4 and table.count("rappels rattraper") == 1, table
    catch_up = next(line for line in table.splitlines() if "rappels rattraper" in line)
    assert catch_up.startswith("17 * * * * ") and f"--donnees {home}" in catch_up, catch_up
    assert _rappels(home, crontab, "rattraper").stdout == ""  # just installed: nothing was missed
    assert _rappels(home, crontab, "desinstaller").returncode == 0
    assert not (tmp_path / "table").exists()


def test_the_catch_up_shows_a_reminder_missed_since_the_last_one_shown_once(tmp_path):
    """Installed ten days ago; the weekly backup's moment came two days ago, the computer off; the restore test's last
    moment came before the installation (not missed: Gardien had not programmed it yet)."""
    now = datetime.now().astimezone()
    two_days_ago, long_ago = now - timedelta(days=2), now - timedelta(days=60)
    home = tmp_path / "home"
    home.mkdir()
    (home / "rappels.json").write_text(json.dumps({
        "backend": "cron", "installed_at": (now - timedelta(days=10)).isoformat(timespec="seconds"), "traces": ["crontab"],
        "routines": [
            {"id": "sauvegarde", "title": "Sauvegarde de la semaine", "weekday": two_days_ago.weekday(), "day": None,
             "months": None, "hour": two_days_ago.hour, "minute": two_days_ago.minute},
            {"id": "restauration", "title": "Test de restauration du semestre", "weekday": None, "day": long_ago.day,
             "months": [long_ago.month], "hour": 12, "minute": 30}]}), encoding="utf-8")
    shown = _rappels(home, "crontab-absent", "rattraper")
    assert shown.returncode == 0 and "Traceback" not in shown.stderr, shown.stderr
    assert shown.stdout.startswith("Sauvegarde de la semaine — C'est le moment de la sauvegarde"), shown.stdout
    assert "restauration" not in shown.stdout.lower(), shown.stdout
    assert _rappels(home, "crontab-absent", "rattraper").stdout == ""  # shown: not again
    helped = " ".join(_rappels(home, "crontab-absent", "--help").stdout.split())
    assert "rattraper Affiche un rappel manqué pendant que l'ordinateur était éteint (lancé par le service des tâches programmées de l'ordinateur)." in helped
