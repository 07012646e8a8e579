"""The reminders say whether the system will run them, measured (walkthrough, round 11: « Rappels installés (cron) »
where no cron daemon ran). Fakes only: a crontab script writing to the test's folder (GARDIEN_CRONTAB), a copy of
`sleep` named « cron » as the daemon, a `systemctl` script; the real crontab and scheduler are never touched."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gardien.reminders import linux, scheduler

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the cron and systemd paths are Linux's")
NOT_RUNNING = "Attention : le service des tâches programmées (cron) ne tourne pas sur cet ordinateur (vérifié à l'instant)."


def fake_crontab(folder: Path) -> str:
    table = folder / "table"
    script = folder / "crontab"
    script.write_text(f"""#!/bin/sh
case "$1" in
  -l) if [ -f "{table}" ]; then cat "{table}"; else echo "no crontab for test" >&2; exit 1; fi ;;
  -) cat > "{table}" ;;
  -r) rm -f "{table}" ;;
esac
""", encoding="utf-8")
    script.chmod(0o755)
    return str(script)


def gardien(home: Path, crontab: str, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, GARDIEN_HOME=str(home), GARDIEN_CRONTAB=crontab)
    return subprocess.run([sys.executable, "-m", "gardien", "rappels", *args], capture_output=True, text=True, env=env,
                          timeout=60, check=False)


@pytest.fixture
def cron_path(tmp_path):
    """The cron path of the installer (no systemd user session here) with a fake crontab."""
    if linux.systemd_available():
        pytest.skip("a systemd user session is here: the reminders would go to systemd, not cron")
    return fake_crontab(tmp_path)


def test_without_a_cron_daemon_the_reminders_are_not_said_installed(tmp_path, isolated_home, cron_path):
    if linux.cron_daemon_running():
        pytest.skip("a cron daemon runs on this machine")
    installed = gardien(isolated_home, cron_path, "installer")
    said = " ".join(installed.stdout.split())
    assert installed.returncode == 1, installed.stdout + installed.stderr
    assert "Rappels installés" not in said and "mais ils ne se déclencheront pas" in said and NOT_RUNNING in said, said
    assert (tmp_path / "table").read_text(encoding="utf-8").count("rappels notifier") == 4  # written, said as it is
    shown = gardien(isolated_home, cron_path, "etat")
    assert shown.returncode == 1, shown.stdout + shown.stderr  # « will not fire »: not 0, the same code as « installer »
    status = " ".join(shown.stdout.split())
    # what matters first (round 12: « Rappels installés le … » came just before « they will not fire »), then the date
    assert status.startswith(NOT_RUNNING) and "Rappels installés" not in status, status
    assert status.index("démarrer ce service") < status.index("Rappels notés dans le planificateur le "), status
    assert gardien(isolated_home, cron_path, "desinstaller").returncode == 0


def test_with_a_cron_daemon_running_they_are(tmp_path, isolated_home, cron_path):
    daemon = tmp_path / "daemon" / "cron"
    daemon.parent.mkdir()
    shutil.copy(shutil.which("sleep"), daemon)
    process = subprocess.Popen([str(daemon), "120"])
    try:
        installed = gardien(isolated_home, cron_path, "installer")
        said = " ".join(installed.stdout.split())
        assert installed.returncode == 0 and said.startswith("Rappels installés (cron) :"), installed.stdout + installed.stderr
        assert "Le service des tâches programmées (cron) tourne sur cet ordinateur (vérifié à l'instant)" in said
    finally:
        process.kill()
        process.wait(timeout=10)
    gardien(isolated_home, cron_path, "desinstaller")


def test_hidden_processes_make_it_unknown_never_ok(monkeypatch):
    import psutil

    monkeypatch.setattr(psutil, "process_iter", lambda *_a, **_k: iter(()))
    monkeypatch.setattr(psutil, "pid_exists", lambda _pid: False)
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    checked = scheduler.check({"backend": "cron", "traces": ["crontab"]})
    assert checked.runs is scheduler.Runs.UNKNOWN and "ne peut pas vérifier" in checked.said


@pytest.mark.parametrize("answer, runs", [("active\nactive\n", scheduler.Runs.YES), ("active\ninactive\n", scheduler.Runs.NO)])
def test_systemd_timers_are_asked_whether_they_are_active(tmp_path, monkeypatch, answer, runs):
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "systemctl").write_text(f"#!/bin/sh\nprintf '{answer}'\n", encoding="utf-8")
    (fake / "systemctl").chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake}:{os.environ['PATH']}")
    checked = scheduler.check({"backend": "systemd", "traces": ["/u/gardien-sauvegarde.timer", "/u/gardien-sauvegarde.service",
                                                                "/u/gardien-bilan.timer"]})
    assert checked.runs is runs, checked


def test_when_gardien_cannot_tell_whether_they_will_fire_the_exit_code_is_not_success(tmp_path, isolated_home):
    """Round 13: `rappels etat` exited 0 after « Gardien n'a pas pu demander à systemd si les rappels sont actifs ».
    Hand-written manifest, as `installer` writes it, for systemd timers, with no `systemctl` to ask (empty PATH).
    Round 17: the timer is in the test's own systemd folder (XDG_CONFIG_HOME), as `installer` leaves it; the manifest
    alone, with no timer left, is no longer « je ne sais pas » but « ne sont plus programmés » (exit 1), as the web
    page says it."""
    import json

    isolated_home.mkdir()
    units = tmp_path / "config" / "systemd" / "user"
    units.mkdir(parents=True)
    timer = units / "gardien-sauvegarde.timer"
    timer.write_text("[Timer]\nOnCalendar=Mon *-*-* 12:30:00\n", encoding="utf-8")
    (isolated_home / "rappels.json").write_text(json.dumps({
        "backend": "systemd", "installed_at": "2026-11-30T09:00:00+01:00", "traces": [str(timer)],
        "routines": [{"id": "sauvegarde", "title": "Sauvegarde de la semaine", "weekday": 0, "day": None,
                      "months": None, "hour": 12, "minute": 30}]}), encoding="utf-8")
    empty = tmp_path / "rien"
    empty.mkdir()
    env = dict(os.environ, GARDIEN_HOME=str(isolated_home), PATH=str(empty), XDG_CONFIG_HOME=str(tmp_path / "config"))
    shown = subprocess.run([sys.executable, "-m", "gardien", "rappels", "etat"], capture_output=True, text=True,
                           env=env, timeout=60, check=False)
    assert shown.stdout.startswith("Gardien n'a pas pu demander à systemd si les rappels sont actifs"), shown.stdout
    assert shown.returncode == 4, shown.stdout + shown.stderr  # « je ne sais pas »: neither 0 nor « will not fire »
    helped = subprocess.run([sys.executable, "-m", "gardien", "rappels", "etat", "--help"], capture_output=True,
                            text=True, env=env, timeout=60, check=False)
    assert "4 si Gardien n'a pas pu le vérifier" in " ".join(helped.stdout.split())

    timer.unlink()  # the saved list alone: the scheduler no longer holds them, whatever systemd would say
    gone = subprocess.run([sys.executable, "-m", "gardien", "rappels", "etat"], capture_output=True, text=True,
                          env=env, timeout=60, check=False)
    assert gone.stdout.startswith("Les rappels ne sont plus programmés") and gone.returncode == 1, gone.stdout


def test_installing_when_gardien_cannot_tell_whether_they_will_fire_is_not_success(tmp_path, isolated_home, cron_path):
    """Round 14: `rappels installer` exited 0 after « Gardien n'a pas pu vérifier qu'ils se déclencheront » (`etat`
    exited 4). The cron path of a session that cannot see the other accounts' processes: the daemon's presence is
    unknown (cron_daemon_running() is None, set in the subprocess itself; the fake crontab as above)."""
    env = dict(os.environ, GARDIEN_HOME=str(isolated_home), GARDIEN_CRONTAB=cron_path)
    hidden = ("import sys; from gardien.reminders import linux; linux.cron_daemon_running = lambda: None; "
              "sys.argv = ['gardien', 'rappels', 'installer']; from gardien.entry import main; main()")
    installed = subprocess.run([sys.executable, "-c", hidden], capture_output=True, text=True, env=env, timeout=60,
                               check=False)
    said = " ".join(installed.stdout.split())
    assert installed.returncode == 4, installed.stdout + installed.stderr  # failed on main: 0
    assert "Gardien n'a pas pu vérifier qu'ils se déclencheront" in said and "Rappels installés" not in said, said
    assert "Gardien ne peut pas vérifier que le service des tâches programmées (cron) tourne" in said and "Traceback" not in installed.stderr
    assert gardien(isolated_home, cron_path, "desinstaller").returncode == 0
