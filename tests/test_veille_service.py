"""The watcher's service: the files each system's scheduler reads, and on this machine (no systemd session) the
desktop autostart entry, installed and removed for real from the command line — the watcher it starts is stopped."""

from __future__ import annotations

import os
import plistlib
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

import psutil
import pytest

from gardien.reminders import linux
from gardien.veille import service

ARGV = ["/opt/gardien/bin/python", "-m", "gardien", "veille", "lancer"]


def test_unit_files_restart_the_watcher_and_stay_out_of_the_reminders_patterns(isolated_home):
    unit = service.systemd_unit(ARGV)
    assert "ExecStart=/opt/gardien/bin/python -m gardien veille lancer" in unit and "Restart=on-failure" in unit
    assert f'Environment="GARDIEN_HOME={isolated_home}"' in unit
    assert "Nice=" not in unit and "IOSchedulingClass" not in unit  # the tripwire keeps pace with what it watches
    assert not service.SYSTEMD_UNIT.startswith("gardien-")  # `gardien rappels installer` removes gardien-*.service
    agent = plistlib.loads(service.launchd_agent(ARGV))
    assert agent["RunAtLoad"] and agent["KeepAlive"] == {"SuccessfulExit": False} and agent["ProgramArguments"] == ARGV
    assert not agent["Label"].startswith("fr.gardien.")  # the reminders remove fr.gardien.*.plist
    task = ET.fromstring(service.windows_task(ARGV).split("\n", 1)[1])
    ns = {"t": "http://schemas.microsoft.com/windows/2004/02/mit/task"}
    assert task.find(".//t:LogonTrigger", ns) is not None and task.find(".//t:ExecutionTimeLimit", ns).text == "PT0S"
    assert task.find(".//t:RunLevel", ns).text == "LeastPrivilege"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze absent")
def test_systemd_accepts_the_unit(tmp_path):
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    path = tmp_path / service.SYSTEMD_UNIT
    path.write_text(service.systemd_unit([sys.executable, "-m", "gardien", "veille", "lancer"]), encoding="utf-8")
    result = subprocess.run(["systemd-analyze", "verify", "--user", str(path)], capture_output=True, text=True,
                            env=dict(os.environ, XDG_RUNTIME_DIR=str(runtime)), check=False, timeout=60)
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux" or linux.systemd_available(), reason="autostart path: Linux without systemd session")
def test_install_then_uninstall_from_the_command_line(tmp_path, isolated_home):
    folder = tmp_path / "Documents"
    folder.mkdir()
    (folder / "compte-rendu.txt").write_text("Suivi de grossesse.\n", encoding="utf-8")
    environment = {**os.environ, "GARDIEN_HOME": str(isolated_home), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    environment.pop("DISPLAY", None)

    def gardien(*args):
        return subprocess.run([sys.executable, "-m", "gardien", "veille", *args], capture_output=True, text=True,
                              env=environment, timeout=120)

    installed = gardien("installer", "--dossier", str(folder))
    assert installed.returncode == 0, installed.stderr
    assert "Veille activée" in installed.stdout and "veille-gardien.desktop" in installed.stdout
    entry = (tmp_path / "config" / "autostart" / "veille-gardien.desktop").read_text(encoding="utf-8")
    assert "veille lancer" in entry and f"GARDIEN_HOME={isolated_home}" in entry
    pid = None
    try:
        for _attempt in range(200):
            state = gardien("etat").stdout
            if "La veille tourne" in state:
                pid = int(state.split("processus ")[1].split(")")[0])
                break
            time.sleep(0.2)
        assert pid is not None and psutil.pid_exists(pid)
        assert "2 fichiers témoins dans 1 dossier." in state
        assert "listé en premier" in installed.stdout and "listé en dernier" in installed.stdout
        assert (folder / ".gardien-temoin.pdf").exists() and (folder / "\uff5egardien-temoin.pdf").exists()
    finally:
        removed = gardien("desinstaller")
    assert removed.returncode == 0 and "veille en cours" in removed.stdout
    assert not (folder / ".gardien-temoin.pdf").exists() and not (folder / "\uff5egardien-temoin.pdf").exists()
    assert (folder / "compte-rendu.txt").exists() and not (folder / ".hidden").exists()
    assert not (tmp_path / "config" / "autostart" / "veille-gardien.desktop").exists()
    time.sleep(0.5)
    assert pid is None or not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE


def test_a_second_watcher_of_the_same_data_is_refused_while_one_runs(tmp_path, isolated_home):
    """A watch run by hand while the activated one runs would take over its status file, and « veille desinstaller »
    would no longer find the activated watcher to stop it (round 11: the journey found it left running)."""
    from gardien import statefile
    from gardien.veille import watcher

    folder = tmp_path / "Cabinet"
    folder.mkdir()
    # a stand-in for the activated watcher: a process whose command line is a watcher's
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)", "veille", "lancer"])
    try:
        # until the child has replaced itself with Python, its command line is still pytest's (CI once read it then)
        deadline = time.monotonic() + 20
        while "lancer" not in psutil.Process(running.pid).cmdline() and time.monotonic() < deadline:
            time.sleep(0.05)
        isolated_home.mkdir(exist_ok=True)
        statefile.write(watcher.status_path(), {"pid": running.pid, "etat": "en_veille"})
        assert service.running_pid() == running.pid
        second = subprocess.run([sys.executable, "-m", "gardien", "veille", "lancer", "--dossier", str(folder)],
                                capture_output=True, text=True, timeout=60, check=False,
                                env=dict(os.environ, GARDIEN_HOME=str(isolated_home)))
        assert second.returncode == 2 and "La veille tourne déjà" in second.stderr, second.stdout + second.stderr
        assert not list(folder.iterdir())  # no witness file placed
    finally:
        running.kill()
        running.wait(timeout=10)
    assert service.running_pid() is None  # ended: a new watch may start
