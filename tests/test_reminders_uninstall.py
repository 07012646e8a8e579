"""`gardien rappels desinstaller` removes every trace of the reminders: the files they keep in the data folder (round 15:
`rappels-vus.json` was left behind) and, on Windows, every task Gardien created in its folder of the Task Scheduler,
not only the ones this version knows by name.

Windows is not run here: its test reads the commands Gardien gives `schtasks`, against a listing hand-written in the
format of `schtasks /Query /FO CSV /NH` (« "\\Dossier\\Nom","Prochaine exécution","État" », one task a line)."""

from __future__ import annotations

import os
import subprocess
import sys
from types import SimpleNamespace

from gardien.reminders import install, windows


def _gardien(args: list[str], home, tmp_path) -> subprocess.CompletedProcess:
    # no scheduler reachable (empty PATH, a home of its own): the real user's crontab and units are never touched
    env = dict(os.environ, GARDIEN_HOME=str(home), HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"),
               PATH="/nonexistent")
    return subprocess.run([sys.executable, "-m", "gardien", *args], capture_output=True, text=True, env=env,
                          timeout=60, check=False)


def test_uninstall_removes_the_record_of_the_reminders_shown(tmp_path):
    home = tmp_path / "gardien-home"
    shown = _gardien(["rappels", "notifier", "sauvegarde"], home, tmp_path)
    assert shown.returncode == 0 and (home / "rappels-vus.json").is_file(), shown.stdout + shown.stderr
    removed = _gardien(["rappels", "desinstaller"], home, tmp_path)
    assert removed.returncode == 0, removed.stdout + removed.stderr
    assert "Aucun rappel de Gardien n'était installé." in removed.stdout, removed.stdout  # the record is no reminder
    left = sorted(path.name for path in home.iterdir() if path.name.startswith("rappels"))
    assert left == [], left


def test_every_file_the_reminders_keep_is_one_uninstall_removes():
    """The reminders' files in the data folder are named in one place, the list uninstall goes through."""
    from gardien.reminders import missed

    assert install.MANIFEST in install.FILES and missed.SHOWN in install.FILES


LISTING = (  # hand-written in the format of `schtasks /Query /FO CSV /NH`
    '"\\Microsoft\\Windows\\Defrag\\ScheduledDefrag","N/A","Prêt"\n'
    '"\\Gardien\\sauvegarde","07/12/2026 12:30:00","Prêt"\n'
    '"\\Gardien\\sauvegarde","14/12/2026 12:30:00","Prêt"\n'  # one line per trigger on some versions: deleted once
    '"\\Gardien\\restauration-mensuelle","01/12/2026 10:00:00","Prêt"\n'  # a name this version no longer gives
    '"\\Gardien\\veille","N/A","En cours d\'exécution"\n'  # the ransomware watcher: not a reminder, left alone
    '"\\GardienDeNuit\\copie","N/A","Prêt"\n'  # another program's folder, whose name starts the same
)


def _windows(monkeypatch) -> list[list[str]]:
    """Gardien on Windows, its `schtasks` commands recorded and answered: LISTING for the list, success otherwise."""
    ran: list[list[str]] = []

    def run(argv, allowed=(0,)):
        ran.append(argv)
        listing = argv[:2] == ["schtasks", "/Query"] and "/TN" not in argv  # the list of every task
        return SimpleNamespace(returncode=0, stdout=LISTING if listing else "", stderr="")

    monkeypatch.setattr(install, "current_platform", lambda: "windows")
    monkeypatch.setattr(install, "_run", run)
    return ran


def test_windows_uninstall_removes_every_task_of_gardiens_folder_but_the_watcher(monkeypatch, isolated_home):
    ran = _windows(monkeypatch)
    removed = install.uninstall()
    deleted = [argv for argv in ran if "/Delete" in argv]
    assert deleted == [["schtasks", "/Delete", "/TN", "Gardien\\sauvegarde", "/F"],
                       ["schtasks", "/Delete", "/TN", "Gardien\\restauration-mensuelle", "/F"]], ran
    assert removed == ["Gardien\\sauvegarde", "Gardien\\restauration-mensuelle"]


def test_windows_traces_are_every_task_of_gardiens_folder_but_the_watcher(monkeypatch, isolated_home):
    _windows(monkeypatch)
    assert install.traces() == ["Gardien\\sauvegarde", "Gardien\\restauration-mensuelle"]


def test_the_watcher_and_the_reminders_share_gardiens_folder():
    from gardien.reminders.routines import routines
    from gardien.veille import service

    assert service.WINDOWS_TASK == windows.WATCHER_TASK
    assert all(windows.reminder_tasks(f'"\\{windows.task_name(r)}","N/A","Prêt"') == [windows.task_name(r)]
               for r in routines())
