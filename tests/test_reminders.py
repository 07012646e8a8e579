"""Reminders: real install and removal on Linux (cron on a throwaway account), generated files for the others."""

from __future__ import annotations

import os
import plistlib
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from gardien.errors import GardienError
from gardien.reminders import linux, macos, windows
from gardien.reminders.routines import When, parse_day, parse_time, routines

COMMAND = ["/opt/gardien/bin/python", "-m", "gardien", "rappels", "notifier"]
TEST_ACCOUNT = "gardien-essai"  # created by .ci/run; the real user's crontab is never touched


def test_days_and_hours_in_french():
    assert parse_day("Jeudi") == 3 and parse_time("13h30") == (13, 30) and parse_time("9") == (9, 0)
    for bad_day, bad_time in (("thursday", "25:00"), ("", "13h60")):
        with pytest.raises(GardienError):
            parse_day(bad_day)
        with pytest.raises(GardienError):
            parse_time(bad_time)


def test_default_update_window_is_thursday_13h():
    updates = next(r for r in routines() if r.id == "mises_a_jour")
    assert updates.when == When(13, 0, weekday=3)


def test_systemd_calendar_expressions():
    expressions = {r.id: linux.on_calendar(r.when) for r in routines()}
    assert expressions == {
        "sauvegarde": "Mon *-*-* 12:30:00",
        "restauration": "*-03,09-01 12:30:00",  # once a semester (test_walk14_reminders.py)
        "mises_a_jour": "Thu *-*-* 13:00:00",
        "bilan": "*-01,04,07,10-01 12:00:00",
    }


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze absent")
def test_systemd_units_pass_systemd_analyze_verify(tmp_path):
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    files = []
    for routine in routines():
        for name, content in linux.systemd_units(routine, [sys.executable, "-m", "gardien", "rappels", "notifier", routine.id]).items():
            (tmp_path / name).write_text(content, encoding="utf-8")
            files.append(str(tmp_path / name))
    result = subprocess.run(["systemd-analyze", "verify", "--user", *files], capture_output=True, text=True,
                            env=dict(os.environ, XDG_RUNTIME_DIR=str(runtime)), check=False, timeout=60)
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr


def test_cron_lines_count_weekdays_from_sunday():
    lines = [linux.cron_line(r.when, [*COMMAND, r.id]) for r in routines()]
    assert lines[0].startswith("30 12 * * 1 ") and lines[2].startswith("0 13 * * 4 ")
    assert lines[1].startswith("30 12 1 3,9 * ") and lines[3].startswith("0 12 1 1,4,7,10 * ")


def test_cron_block_keeps_every_other_line():
    mine = "MAILTO=moi\n0 8 * * * /usr/bin/mon-script\n"
    installed = linux.with_block(mine, ["1 2 3 4 5 x"])
    assert installed.startswith(mine) and linux.CRON_BEGIN in installed
    reinstalled = linux.with_block(installed, ["9 9 9 9 9 y"])
    assert reinstalled.count(linux.CRON_BEGIN) == 1 and "x" not in reinstalled.split(linux.CRON_BEGIN)[1].split()[0:5]
    assert linux.without_block(reinstalled) == mine


def test_launchd_agents():
    for routine in routines():
        agent = plistlib.loads(macos.agent_plist(routine, [*COMMAND, routine.id]))
        assert agent["Label"] == f"fr.gardien.{routine.id}"
        assert agent["ProgramArguments"][-1] == routine.id
    updates = plistlib.loads(macos.agent_plist(routines()[2], COMMAND))
    assert updates["StartCalendarInterval"] == {"Hour": 13, "Minute": 0, "Weekday": 4}
    quarterly = plistlib.loads(macos.agent_plist(routines()[3], COMMAND))
    assert [i["Month"] for i in quarterly["StartCalendarInterval"]] == [1, 4, 7, 10]


def test_windows_task_xml():
    ns = {"t": "http://schemas.microsoft.com/windows/2004/02/mit/task"}
    command = ["C:\\Program Files\\Gardien\\pythonw.exe", "-m", "gardien", "rappels", "notifier", "mises_a_jour"]
    root = ET.fromstring(windows.task_xml(routines()[2], command, date(2026, 11, 23)).split("\n", 1)[1])
    trigger = root.find("t:Triggers/t:CalendarTrigger", ns)
    assert trigger.find("t:StartBoundary", ns).text == "2026-11-23T13:00:00"
    assert trigger.find("t:ScheduleByWeek/t:DaysOfWeek/t:Thursday", ns) is not None
    assert root.find("t:Actions/t:Exec/t:Command", ns).text == command[0]
    assert root.find("t:Settings/t:StartWhenAvailable", ns).text == "true"
    assert root.find("t:Principals/t:Principal/t:RunLevel", ns).text == "LeastPrivilege"
    quarterly = ET.fromstring(windows.task_xml(routines()[3], command).split("\n", 1)[1])
    months = quarterly.find("t:Triggers/t:CalendarTrigger/t:ScheduleByMonth/t:Months", ns)
    assert [m.tag.split("}")[1] for m in months] == ["January", "April", "July", "October"]


def _account_exists() -> bool:
    try:
        import pwd

        pwd.getpwnam(TEST_ACCOUNT)
        return shutil.which("crontab") is not None and os.geteuid() == 0
    except (ImportError, KeyError):
        return False


def _gardien(args, home, crontab_env):
    env = dict(os.environ, GARDIEN_HOME=str(home), GARDIEN_CRONTAB=crontab_env)
    return subprocess.run([sys.executable, "-m", "gardien", *args], capture_output=True, text=True, env=env,
                          timeout=60, check=False)


@pytest.mark.linux_live
@pytest.mark.skipif(not _account_exists(), reason=f"needs root, crontab and the account {TEST_ACCOUNT} (.ci/run creates it)")
def test_real_cron_install_and_clean_removal(isolated_home):
    crontab = f"crontab -u {TEST_ACCOUNT}"
    other = "MAILTO=\"\"\n15 7 * * * /usr/bin/true\n"
    subprocess.run(["crontab", "-u", TEST_ACCOUNT, "-"], input=other, text=True, check=True)
    try:
        installed = _gardien(["rappels", "installer", "--jour-maj", "vendredi", "--heure-maj", "12:15"], isolated_home, crontab)
        fires = 0 if linux.cron_daemon_running() else 1  # written either way; exit 1 says they will not fire
        assert installed.returncode == fires, installed.stderr
        table = subprocess.run(["crontab", "-u", TEST_ACCOUNT, "-l"], capture_output=True, text=True, check=True).stdout
        assert table.startswith(other) and "15 12 * * 5 " in table and table.count("rappels notifier") == 4
        assert "cron" in _gardien(["rappels", "etat"], isolated_home, crontab).stdout
        again = _gardien(["rappels", "installer"], isolated_home, crontab)  # re-install replaces, never duplicates
        assert again.returncode == fires
        table = subprocess.run(["crontab", "-u", TEST_ACCOUNT, "-l"], capture_output=True, text=True, check=True).stdout
        assert table.count("rappels notifier") == 4
        removed = _gardien(["rappels", "desinstaller"], isolated_home, crontab)
        assert removed.returncode == 0 and "retirés" in removed.stdout
        table = subprocess.run(["crontab", "-u", TEST_ACCOUNT, "-l"], capture_output=True, text=True, check=True).stdout
        assert table == other, "every other line is kept, Gardien's block is gone"
        assert not (isolated_home / "rappels.json").exists()
        subprocess.run(["crontab", "-u", TEST_ACCOUNT, "-r"], check=True)
        _gardien(["rappels", "installer"], isolated_home, crontab)
        _gardien(["rappels", "desinstaller"], isolated_home, crontab)
        gone = subprocess.run(["crontab", "-u", TEST_ACCOUNT, "-l"], capture_output=True, text=True, check=False)
        assert gone.returncode != 0, "a crontab that held only Gardien's block is removed entirely"
    finally:
        subprocess.run(["crontab", "-u", TEST_ACCOUNT, "-r"], capture_output=True, check=False)


def test_notifier_prints_when_no_desktop_and_refuses_unknown(isolated_home):
    env = dict(os.environ, GARDIEN_HOME=str(isolated_home), PATH="/nonexistent")
    shown = subprocess.run([sys.executable, "-m", "gardien", "rappels", "notifier", "sauvegarde"], capture_output=True,
                           text=True, env=env, timeout=60, check=False)
    assert shown.returncode == 0 and "Sauvegarde de la semaine" in shown.stdout
    unknown = subprocess.run([sys.executable, "-m", "gardien", "rappels", "notifier", "vacances"], capture_output=True,
                             text=True, env=env, timeout=60, check=False)
    assert unknown.returncode == 2 and "Rappel inconnu" in unknown.stderr


def test_windows_active_hours_commands():
    commands = windows.active_hours_commands(8, 19)
    assert any("ActiveHoursStart /t REG_DWORD /d 8" in c for c in commands)
    assert any("ActiveHoursEnd /t REG_DWORD /d 19" in c for c in commands)


FAKE_CRONTAB = '''import pathlib, sys
table = pathlib.Path(sys.argv[1])
if sys.argv[2] == "-l":
    if not table.exists():
        sys.exit("no crontab for essai")
    sys.stdout.write(table.read_text())
elif sys.argv[2] == "-r":
    table.unlink()
else:
    table.write_text(sys.stdin.read())
'''


def test_the_installed_reminder_runs_with_the_same_data_folder_and_interpreter(tmp_path):
    """« gardien rappels installer » run with GARDIEN_HOME installed a reminder that ran in the default data folder
    (failed on main: no data folder in the crontab line). A fake crontab in a file: the real one is never touched,
    and no systemd on PATH (cron is then used), XDG_CONFIG_HOME in the test's folder."""
    import shlex

    fake = tmp_path / "crontab.py"
    fake.write_text(FAKE_CRONTAB, encoding="utf-8")
    table = tmp_path / "table"
    home = tmp_path / "dossier 100% cabinet"  # a space and a « % »: quoted for the shell, escaped for cron
    env = {"GARDIEN_HOME": str(home), "GARDIEN_CRONTAB": f"{shlex.quote(sys.executable)} {shlex.quote(str(fake))} {table}",
           "PATH": str(tmp_path / "rien"), "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    installed = subprocess.run([sys.executable, "-m", "gardien", "rappels", "installer"], capture_output=True, text=True,
                               env=env, timeout=60, check=False)
    # written either way; exit 1 when no cron daemon runs here to fire them (test_reminders_scheduler.py)
    assert installed.returncode == (0 if linux.cron_daemon_running() else 1), installed.stdout + installed.stderr
    line = next(x for x in table.read_text(encoding="utf-8").splitlines() if "notifier sauvegarde" in x)
    command = shlex.split(line.split("/bus ", 1)[1].replace("\\%", "%"))  # as cron then the shell read it
    assert command[0] == sys.executable and command[-2:] == ["--donnees", str(home)]
    # run as the scheduler would, without GARDIEN_HOME (and no desktop to notify: the reminder is printed)
    ran = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False,
                         env={"PATH": "/nonexistent", "HOME": str(tmp_path / "ailleurs")})
    assert ran.returncode == 0 and "Sauvegarde de la semaine" in ran.stdout, ran.stderr
    removed = subprocess.run([sys.executable, "-m", "gardien", "rappels", "desinstaller"], capture_output=True,
                             text=True, env=env, timeout=60, check=False)
    assert removed.returncode == 0 and not table.exists()


def test_the_reminder_takes_the_data_folder_it_was_installed_with(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from gardien.cli import app
    from gardien.paths import data_dir

    monkeypatch.setenv("PATH", "/nonexistent")  # no desktop notification
    shown = CliRunner().invoke(app, ["rappels", "notifier", "bilan", "--donnees", str(tmp_path / "cabinet")])
    assert shown.exit_code == 0, shown.output
    assert data_dir() == tmp_path / "cabinet"  # what the reminder then reads and logs goes there


def test_a_data_folder_with_a_percent_sign_reaches_the_reminder_intact():
    """systemd reads « % » as a specifier even between quotes, cron as the end of the command (failed on main)."""
    command = [*COMMAND, "sauvegarde", "--donnees", "/home/sf/100% cabinet"]
    service = linux.systemd_units(routines()[0], command)[f"gardien-{routines()[0].id}.service"]
    assert '"/home/sf/100%% cabinet"' in service
    assert r"'/home/sf/100\% cabinet'" in linux.cron_line(routines()[0].when, command)
