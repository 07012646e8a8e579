"""Gathering raw facts: one subprocess wrapper, probe declarations, and concurrent collection.

A probe only gathers text (a command's output, a file, a folder summary). It never judges.
Its output is kept in memory for the checks and, on request, recorded to a folder (record.py).
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from gardien import process as process_group
from gardien.compat import oem_encoding
from gardien.limits import Deadline

DEFAULT_TIMEOUT_S = 8.0

# Why a probe produced no usable output. None means the command ran (whatever its exit code).
TIMEOUT = "timeout"
NOT_FOUND = "not_found"  # the program does not exist on this machine
PERMISSION = "permission"  # the system refused (admin rights needed)
FAILED = "failed"  # any other failure to start or read
ABSENT = "absent"  # replay only: the recording has no such output


@dataclass(frozen=True)
class RawOutput:
    """What one probe gathered. `error` is None when the command ran to its end."""

    name: str
    stdout: str = ""
    stderr: str = ""
    returncode: int | None = 0
    error: str | None = None
    command: str = ""
    duration_s: float = 0.0

    @property
    def text(self) -> str:
        """stdout then stderr: some tools (sysadminctl) write their answer to stderr."""
        if self.stdout and self.stderr:
            return self.stdout + "\n" + self.stderr
        return self.stdout or self.stderr


Argv = Sequence[str]


@dataclass(frozen=True)
class Probe:
    """A named way to gather one raw fact: a command line, or a Python function returning text.

    `argv` may be a callable, for command lines that depend on the user (e.g. her login name).
    `c_locale` runs the command with LC_ALL=C so that its messages are in English on Linux and macOS.
    """

    name: str
    argv: Argv | Callable[[], Argv] | None = None
    read: Callable[[], str] | None = None
    timeout: float = DEFAULT_TIMEOUT_S
    c_locale: bool = True

    def describe(self) -> str:
        """The command line as text, for recordings and messages."""
        if self.read is not None:
            return f"(lecture par Gardien : {self.name})"
        argv = self.argv() if callable(self.argv) else self.argv
        return " ".join(argv or ())


def run_command(name: str, argv: Argv, timeout: float = DEFAULT_TIMEOUT_S, c_locale: bool = True) -> RawOutput:
    """Run one command without a shell, under a timeout, decoding with errors="replace".

    The command runs in its own process group: on timeout the whole group is killed, so that nothing it
    started (a shell script's `sleep`, a helper daemon) is left running after the audit."""
    env = dict(os.environ)
    if c_locale:
        env["LC_ALL"] = "C"
        env["LANG"] = "C"
    start = time.monotonic()
    command = " ".join(argv)
    try:
        process = subprocess.Popen(
            list(argv),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            env=env,
            **process_group.group_options(),
        )
    except FileNotFoundError:
        return RawOutput(name, returncode=None, error=NOT_FOUND, command=command)
    except PermissionError:
        return RawOutput(name, returncode=None, error=PERMISSION, command=command)
    except OSError as exc:
        return RawOutput(name, stderr=str(exc), returncode=None, error=FAILED, command=command)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_group(process)
        return RawOutput(name, returncode=None, error=TIMEOUT, command=command, duration_s=timeout)
    except BaseException:
        kill_group(process)
        raise
    return RawOutput(
        name,
        stdout=_decode(stdout),
        stderr=_decode(stderr),
        returncode=process.returncode,
        command=command,
        duration_s=time.monotonic() - start,
    )


def kill_group(process: subprocess.Popen) -> None:
    """Kill a command and everything it started, then reap it (no zombie, no orphan)."""
    process_group.kill_group(process)
    try:  # the pipes may be held open by a grandchild that escaped the group: do not wait for them for ever
        process.communicate(timeout=2)
    except (subprocess.TimeoutExpired, OSError, ValueError):
        pass
    if process.poll() is None:
        try:
            process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            pass


def decode(data: bytes, fallback: str | None = None) -> str:
    """Decode command output, never failing: UTF-16 with a BOM, else UTF-8, else `fallback`.

    Windows tools (netsh, manage-bde, PowerShell) write piped output in the console's OEM code page,
    so "État" arrives as cp850 bytes on a French system: `fallback` is that code page there.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError:
        return data.decode(fallback or "utf-8", errors="replace")


_OEM = oem_encoding()


def _decode(data: bytes) -> str:
    return decode(data, _OEM)


def run_probe(probe: Probe) -> RawOutput:
    """Run one probe; a Python reader that fails gives an error output, never an exception."""
    if probe.read is not None:
        start = time.monotonic()
        try:
            text = probe.read()
        except FileNotFoundError:
            return RawOutput(probe.name, returncode=None, error=NOT_FOUND, command=probe.describe())
        except PermissionError:
            return RawOutput(probe.name, returncode=None, error=PERMISSION, command=probe.describe())
        except Exception as exc:  # noqa: BLE001 - a reader bug must not stop the audit
            return RawOutput(probe.name, stderr=repr(exc), returncode=None, error=FAILED, command=probe.describe())
        return RawOutput(probe.name, stdout=text, command=probe.describe(), duration_s=time.monotonic() - start)
    argv = probe.argv() if callable(probe.argv) else probe.argv
    if not argv:
        return RawOutput(probe.name, returncode=None, error=NOT_FOUND, command="")
    return run_command(probe.name, argv, probe.timeout, probe.c_locale)


def collect(probes: Sequence[Probe], workers: int = 8, deadline_s: float | None = None) -> dict[str, RawOutput]:
    """Run every probe concurrently: most wait on other processes, so threads are enough.

    Each probe has its own timeout; the whole collection also has a deadline, so that a Python reader stuck on
    a file (a network home that stopped answering) cannot hold the audit: past the deadline its output is a
    timeout. Daemon threads, so that such a reader never keeps Gardien from exiting either."""
    deadline = Deadline(deadline_s if deadline_s is not None else overall_deadline(probes, workers))
    outputs: dict[str, RawOutput] = {}
    slots = threading.Semaphore(max(1, workers))

    def work(probe: Probe) -> None:
        with slots:
            if deadline.expired():
                return
            outputs[probe.name] = run_probe(probe)

    threads = [threading.Thread(target=work, args=(p,), name=f"sonde-{p.name}", daemon=True) for p in probes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(deadline.remaining())
    for probe in probes:
        if probe.name not in outputs:
            outputs[probe.name] = RawOutput(probe.name, returncode=None, error=TIMEOUT, command=probe.describe(),
                                            duration_s=deadline.seconds)
    return {probe.name: outputs[probe.name] for probe in probes}


def overall_deadline(probes: Sequence[Probe], workers: int) -> float:
    """Long enough for every probe to use its whole timeout, run `workers` at a time (plus a margin)."""
    timeouts = sorted((p.timeout for p in probes), reverse=True)
    return sum(timeouts[::max(1, workers)]) + 10.0
