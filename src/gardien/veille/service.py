"""The watcher as a user-level service started at logon, beside the reminders: a systemd user service (Linux; an
XDG autostart entry where the session has no systemd), a launchd agent (macOS), a Task Scheduler task at logon
(Windows). No administrator rights. The watcher runs at the user's normal priority: at rest it uses no processor
time, and during an attack it must keep pace with the program that encrypts (a lowered priority let it fall behind).

Names are chosen outside the reminders' patterns (reminders/install.py removes every `gardien-*.service` and
`fr.gardien.*.plist` when it re-installs): re-installing the reminders never stops the watcher.
"""

from __future__ import annotations

import os
import plistlib
import subprocess
import sys
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

from gardien.compat import current_platform
from gardien.errors import UnsupportedSystem
from gardien.reminders import linux, macos, windows
from gardien.reminders.install import _run  # the reminders' runner: French errors, a timeout, no shell

SYSTEMD_UNIT = "veille-gardien.service"
LAUNCHD_LABEL = "fr.gardien-veille"
WINDOWS_TASK = windows.WATCHER_TASK  # in Gardien's folder, beside the reminders (which leave it alone)
AUTOSTART = "veille-gardien.desktop"
TIMEOUT_S = 20


def command() -> list[str]:
    python = Path(sys.executable)
    if current_platform() == "windows" and (python.parent / "pythonw.exe").exists():
        python = python.parent / "pythonw.exe"  # no console window
    return [str(python), "-m", "gardien", "veille", "lancer"]


def _environment() -> dict[str, str]:
    """GARDIEN_HOME is passed on: the service reads the same data folder as the command that installed it."""
    home = os.environ.get("GARDIEN_HOME")
    return {"GARDIEN_HOME": home} if home else {}


def systemd_unit(argv: list[str]) -> str:
    environment = "".join(f'Environment="{k}={v}"\n' for k, v in _environment().items())
    exec_start = " ".join(linux._systemd_quote(part) for part in argv)
    return (
        "[Unit]\n"
        "Description=Gardien : veille contre les rançongiciels\n\n"
        "[Service]\n"
        "Type=simple\n"
        f"ExecStart={exec_start}\n"
        f"{environment}"
        "Restart=on-failure\n"
        "RestartSec=30\n\n"
        "[Install]\n"
        "WantedBy=default.target\n"
    )


def launchd_agent(argv: list[str]) -> bytes:
    agent = {"Label": LAUNCHD_LABEL, "ProgramArguments": argv, "RunAtLoad": True, "KeepAlive": {"SuccessfulExit": False},
             "ProcessType": "Standard"}
    if _environment():
        agent["EnvironmentVariables"] = _environment()
    return plistlib.dumps(agent)


def windows_task(argv: list[str]) -> str:
    """At logon, as the user, least privilege, no time limit, restarted if it stops on an error."""
    program, *arguments = argv
    args = " ".join(f'"{a}"' if " " in a else a for a in arguments)
    return f"""<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo><Description>Gardien : veille contre les rançongiciels</Description></RegistrationInfo>
  <Triggers><LogonTrigger><Enabled>true</Enabled></LogonTrigger></Triggers>
  <Principals><Principal id="Author"><LogonType>InteractiveToken</LogonType><RunLevel>LeastPrivilege</RunLevel></Principal></Principals>
  <Settings>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <ExecutionTimeLimit>PT0S</ExecutionTimeLimit>
    <Priority>5</Priority>
    <RestartOnFailure><Interval>PT1M</Interval><Count>10</Count></RestartOnFailure>
  </Settings>
  <Actions Context="Author"><Exec><Command>{escape(program)}</Command><Arguments>{escape(args)}</Arguments></Exec></Actions>
</Task>
"""


def autostart_entry(argv: list[str]) -> str:
    """A freedesktop.org autostart entry: desktop sessions start it at logon."""
    environment = " ".join(f"{k}={linux._systemd_quote(v)}" for k, v in _environment().items())
    exec_line = ("env " + environment + " " if environment else "") + " ".join(linux._systemd_quote(p) for p in argv)
    return ("[Desktop Entry]\nType=Application\nName=Gardien : veille\n"
            "Comment=Surveille vos dossiers contre les rançongiciels\n"
            f"Exec={exec_line}\nTerminal=false\nNoDisplay=true\nX-GNOME-Autostart-enabled=true\n")


def _autostart_path() -> Path:
    return Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config")) / "autostart" / AUTOSTART


def start_detached(argv: list[str]) -> int:
    """Start the watcher now, in the background, detached from this terminal; returns its process number."""
    process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True,
                               env={**os.environ, **_environment()})
    return process.pid


def running_pid() -> int | None:
    """The process of the watcher this data folder's status names, when it still runs and is a Gardien watcher."""
    import psutil

    from gardien.veille.watcher import status

    pid = status().get("pid")
    if not isinstance(pid, int) or pid == os.getpid() or not psutil.pid_exists(pid):
        return None
    try:
        line = " ".join(psutil.Process(pid).cmdline())
    except psutil.Error:
        return None
    return pid if "veille" in line and "lancer" in line else None


def stop_running() -> bool:
    """Stop the watcher this data folder's status names, if it is still running (and is a Gardien watcher)."""
    import psutil

    pid = running_pid()
    if pid is None:
        return False
    try:
        process = psutil.Process(pid)
        process.terminate()
        process.wait(timeout=15)
    except psutil.TimeoutExpired:
        process.kill()
    except psutil.Error:
        return False
    return True


def install() -> str:
    """Register and start the service; returns where (a file or a task name)."""
    platform = current_platform()
    argv = command()
    if platform == "linux":
        if not linux.systemd_available():
            entry = _autostart_path()
            entry.parent.mkdir(parents=True, exist_ok=True)
            entry.write_text(autostart_entry(argv), encoding="utf-8")
            start_detached(argv)
            return str(entry)
        folder = linux.systemd_dir()
        folder.mkdir(parents=True, exist_ok=True)
        unit = folder / SYSTEMD_UNIT
        unit.write_text(systemd_unit(argv), encoding="utf-8")
        _run(["systemctl", "--user", "daemon-reload"])
        _run(["systemctl", "--user", "enable", "--now", SYSTEMD_UNIT])
        return str(unit)
    if platform == "macos":
        folder = macos.agents_dir()
        folder.mkdir(parents=True, exist_ok=True)
        agent = folder / f"{LAUNCHD_LABEL}.plist"
        _run(["launchctl", "bootout", f"gui/{os.getuid()}/{LAUNCHD_LABEL}"], allowed=(0, 3, 5, 36, 113))
        agent.write_bytes(launchd_agent(argv))
        _run(["launchctl", "bootstrap", f"gui/{os.getuid()}", str(agent)])
        return str(agent)
    if platform == "windows":
        with tempfile.TemporaryDirectory() as tmp:
            xml_path = Path(tmp) / "veille.xml"
            xml_path.write_text(windows_task(argv), encoding="utf-16")
            _run(["schtasks", "/Create", "/TN", WINDOWS_TASK, "/XML", str(xml_path), "/F"])
        _run(["schtasks", "/Run", "/TN", WINDOWS_TASK])
        return WINDOWS_TASK
    raise UnsupportedSystem("Gardien ne sait pas installer la veille sur ce système.")


def uninstall() -> list[str]:
    """Stop and remove the service; returns what was removed."""
    platform = current_platform()
    removed: list[str] = []
    if platform == "linux":
        entry = _autostart_path()
        if entry.exists():
            entry.unlink()
            removed.append(str(entry))
        unit = linux.systemd_dir() / SYSTEMD_UNIT
        if unit.exists():
            if linux.systemd_available():
                _run(["systemctl", "--user", "disable", "--now", SYSTEMD_UNIT], allowed=(0, 1, 5))
            unit.unlink()
            removed.append(str(unit))
            if linux.systemd_available():
                _run(["systemctl", "--user", "daemon-reload"], allowed=(0, 1))
    elif platform == "macos":
        agent = macos.agents_dir() / f"{LAUNCHD_LABEL}.plist"
        if agent.exists():
            _run(["launchctl", "bootout", f"gui/{os.getuid()}/{LAUNCHD_LABEL}"], allowed=(0, 3, 5, 36, 113))
            agent.unlink()
            removed.append(str(agent))
    elif platform == "windows":
        _run(["schtasks", "/End", "/TN", WINDOWS_TASK], allowed=(0, 1))
        if _run(["schtasks", "/Delete", "/TN", WINDOWS_TASK, "/F"], allowed=(0, 1)).returncode == 0:
            removed.append(WINDOWS_TASK)
    if stop_running():
        removed.append("veille en cours")
    return removed


def installed() -> bool:
    platform = current_platform()
    if platform == "linux":
        return (linux.systemd_dir() / SYSTEMD_UNIT).exists() or _autostart_path().exists()
    if platform == "macos":
        return (macos.agents_dir() / f"{LAUNCHD_LABEL}.plist").exists()
    if platform == "windows":
        try:
            return subprocess.run(["schtasks", "/Query", "/TN", WINDOWS_TASK], capture_output=True, timeout=TIMEOUT_S,
                                  check=False).returncode == 0
        except (OSError, subprocess.TimeoutExpired):
            return False
    return False
