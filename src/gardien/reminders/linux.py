"""Linux: systemd user timers, or a marked block in the user's crontab when systemd is not there."""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path

from gardien.reminders.routines import Routine, When

SYSTEMD_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
CRON_BEGIN = "# >>> gardien : rappels (géré par « gardien rappels », ne pas modifier) >>>"
CRON_END = "# <<< gardien : rappels <<<"


def systemd_dir() -> Path:
    return Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config")) / "systemd" / "user"


def on_calendar(when: When) -> str:
    """systemd OnCalendar= expression."""
    time = f"{when.hour:02d}:{when.minute:02d}:00"
    if when.weekday is not None:
        return f"{SYSTEMD_DAYS[when.weekday]} *-*-* {time}"
    months = ",".join(f"{m:02d}" for m in when.months) if when.months else "*"
    return f"*-{months}-{when.day:02d} {time}"


def systemd_units(routine: Routine, command: list[str]) -> dict[str, str]:
    """File name -> content of the service and timer units of one routine."""
    exec_start = " ".join(_systemd_quote(part) for part in command)
    service = (
        "[Unit]\n"
        f"Description=Gardien : {routine.title}\n\n"
        "[Service]\n"
        "Type=oneshot\n"
        f"ExecStart={exec_start}\n"
    )
    timer = (
        "[Unit]\n"
        f"Description=Gardien : {routine.title}\n\n"
        "[Timer]\n"
        f"OnCalendar={on_calendar(routine.when)}\n"
        "Persistent=true\n\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )
    return {f"gardien-{routine.id}.service": service, f"gardien-{routine.id}.timer": timer}


def _systemd_quote(part: str) -> str:
    if part and all(c.isalnum() or c in "/._-=:" for c in part):
        return part
    # « % » starts a systemd specifier even between quotes (a data folder may hold one)
    return '"' + part.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%") + '"'


CRON_ENVIRONMENT = "DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/$(id -u)/bus "  # where the notification goes


def _cron_shell(command: list[str]) -> str:
    shell = CRON_ENVIRONMENT + " ".join(shlex.quote(p) for p in command)
    return shell.replace("%", "\\%")  # cron reads an unescaped « % » as the end of the command


def cron_line(when: When, command: list[str]) -> str:
    """A crontab line; cron counts weekdays from Sunday = 0."""
    shell = _cron_shell(command)
    if when.weekday is not None:
        return f"{when.minute} {when.hour} * * {(when.weekday + 1) % 7} {shell}"
    months = ",".join(str(m) for m in when.months) if when.months else "*"
    return f"{when.minute} {when.hour} {when.day} {months} * {shell}"


CATCH_UP_MINUTE = 17  # each hour, away from the reminders' own minutes (:00, :30)


def cron_catch_up_line(command: list[str]) -> str:
    """Each hour, the catch-up of a reminder missed while the computer was off or asleep (reminders/missed.py)."""
    return f"{CATCH_UP_MINUTE} * * * * {_cron_shell(command)}"


def systemd_available() -> bool:
    try:
        result = subprocess.run(["systemctl", "--user", "show-environment"], capture_output=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return result.returncode == 0


# the cron daemons' process names (Debian and Ubuntu's cron, cronie's and BusyBox's crond, fcron, dcron)
CRON_DAEMONS = frozenset({"cron", "crond", "fcron", "dcron"})


def cron_daemon_running() -> bool | None:
    """Whether a cron daemon runs now (a crontab is read by it, and by nothing else): None when this account cannot
    see the other accounts' processes (the daemon runs as root), so that its absence cannot be known."""
    import psutil

    for process in psutil.process_iter(["name"]):
        if process.info.get("name") in CRON_DAEMONS:
            return True
    return False if os.geteuid() == 0 or psutil.pid_exists(1) else None


def crontab_command() -> list[str]:
    """`crontab`, or what GARDIEN_CRONTAB says (the tests point it at a throwaway account)."""
    return shlex.split(os.environ.get("GARDIEN_CRONTAB", "crontab"))


class CrontabFailed(OSError):
    """crontab could not be read or written. When `crontab -l` fails for another reason than « no crontab
    yet », the user's own lines are unknown, so nothing may be written (writing would replace them)."""


def read_crontab() -> str:
    """The user's crontab ("" when there is none yet); CrontabFailed when it cannot be read."""
    try:
        result = subprocess.run([*crontab_command(), "-l"], capture_output=True, timeout=10, check=False)
    except subprocess.TimeoutExpired as exc:
        raise CrontabFailed("crontab -l n'a pas répondu en 10 secondes") from exc
    stderr = result.stderr.decode("utf-8", "replace").strip()
    if result.returncode == 0:
        try:
            return result.stdout.decode("utf-8")
        except UnicodeDecodeError as exc:  # rewriting it from a lossy decoding would damage the user's lines
            raise CrontabFailed("la crontab contient des caractères illisibles") from exc
    if result.returncode == 1 and _no_crontab_yet(stderr.lower()):
        return ""
    raise CrontabFailed(stderr.splitlines()[0] if stderr else f"code de sortie {result.returncode}")


def write_crontab(text: str) -> None:
    try:
        result = subprocess.run([*crontab_command(), "-"], input=text, capture_output=True, text=True, errors="replace",
                                timeout=10, check=False)
    except subprocess.TimeoutExpired as exc:
        raise CrontabFailed("crontab n'a pas répondu en 10 secondes") from exc
    if result.returncode != 0:
        raise CrontabFailed(result.stderr.strip().splitlines()[0] if result.stderr.strip() else "crontab a refusé la modification")


def _no_crontab_yet(stderr: str) -> bool:
    """What crontab -l says when the user simply has none yet: cronie, Vixie and macOS « no crontab for NAME »,
    BusyBox « can't open 'NAME': No such file or directory »."""
    return "no crontab for" in stderr or ("can't open" in stderr and "no such file or directory" in stderr)


def without_block(text: str) -> str:
    """The crontab without Gardien's block; every other line is kept as it was."""
    kept, inside = [], False
    for line in text.splitlines():
        if line == CRON_BEGIN:
            inside = True
        elif line == CRON_END:
            inside = False
        elif not inside:
            kept.append(line)
    return "\n".join(kept) + ("\n" if kept else "")


def block_commands(text: str) -> list[list[str]]:
    """The commands of the lines in Gardien's crontab block, as cron_line wrote them (its environment prefix dropped)."""
    commands, inside = [], False
    for line in text.splitlines():
        if line in (CRON_BEGIN, CRON_END):
            inside = line == CRON_BEGIN
        elif inside and line.strip() and not line.lstrip().startswith("#"):
            shell = line.split(None, 5)[5] if len(line.split(None, 5)) == 6 else ""
            try:
                commands.append(shlex.split(shell.removeprefix(CRON_ENVIRONMENT).replace("\\%", "%")))
            except ValueError:  # a line edited by hand: not one Gardien can read
                continue
    return commands


def unit_command(text: str) -> list[str]:
    """The command of a systemd service unit Gardien wrote (its ExecStart=), [] when there is none."""
    for line in text.splitlines():
        if line.startswith("ExecStart="):
            try:
                return shlex.split(line.removeprefix("ExecStart=").replace("%%", "%"))
            except ValueError:
                return []
    return []


def with_block(text: str, lines: list[str]) -> str:
    return without_block(text) + "\n".join([CRON_BEGIN, *lines, CRON_END]) + "\n"
