"""Run a program (restic, lsblk, diskutil, PowerShell, the audit's probes) with a deadline that really ends it.

The program runs in its own process group (a session on Unix): when it does not answer in time, the whole
group is killed, so nothing it started is left running behind Gardien.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Sequence


class Timeout(Exception):
    """The program did not finish in time; it and its children were killed."""


def group_options() -> dict:
    if sys.platform == "win32":
        return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
    return {"start_new_session": True}


def kill_group(process: subprocess.Popen) -> None:
    """Kill the process and every process of its group (Unix); the process tree (Windows)."""
    try:
        if sys.platform == "win32":
            subprocess.run(["taskkill", "/F", "/T", "/PID", str(process.pid)], capture_output=True, check=False, timeout=10)
        else:
            os.killpg(process.pid, signal.SIGKILL)
    except (OSError, subprocess.SubprocessError):
        pass
    try:
        process.kill()
    except OSError:
        pass


def start(argv: Sequence[str], env: dict[str, str] | None = None, stdin=subprocess.DEVNULL, **options) -> subprocess.Popen:
    """Popen in a group of its own, text mode, undecodable bytes replaced (never a UnicodeDecodeError)."""
    return subprocess.Popen(list(argv), env=env, stdin=stdin, text=True, encoding="utf-8", errors="replace",
                            **group_options(), **options)


def run(argv: Sequence[str], timeout: float | None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run to the end and capture its output; Timeout after `timeout` seconds (the whole group killed first).
    OSError when the program cannot be started."""
    process = start(argv, env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        kill_group(process)
        process.communicate()
        raise Timeout(" ".join(argv[:2])) from exc
    except BaseException:  # Ctrl+C: the child must not outlive us
        kill_group(process)
        process.wait()
        raise
    return subprocess.CompletedProcess(list(argv), process.returncode, stdout, stderr)
