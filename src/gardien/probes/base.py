"""Gathering raw facts: one subprocess wrapper, probe declarations, and concurrent collection.

A probe only gathers text (a command's output, a file, a folder summary). It never judges.
Its output is kept in memory for the checks and, on request, recorded to a folder (record.py).
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from gardien.compat import oem_encoding

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
    """Run one command without a shell, under a timeout, decoding with errors="replace"."""
    env = dict(os.environ)
    if c_locale:
        env["LC_ALL"] = "C"
        env["LANG"] = "C"
    start = time.monotonic()
    command = " ".join(argv)
    try:
        completed = subprocess.run(
            list(argv),
            capture_output=True,
            timeout=timeout,
            env=env,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return RawOutput(name, returncode=None, error=TIMEOUT, command=command, duration_s=timeout)
    except FileNotFoundError:
        return RawOutput(name, returncode=None, error=NOT_FOUND, command=command)
    except PermissionError:
        return RawOutput(name, returncode=None, error=PERMISSION, command=command)
    except OSError as exc:
        return RawOutput(name, stderr=str(exc), returncode=None, error=FAILED, command=command)
    return RawOutput(
        name,
        stdout=_decode(completed.stdout),
        stderr=_decode(completed.stderr),
        returncode=completed.returncode,
        command=command,
        duration_s=time.monotonic() - start,
    )


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


def collect(probes: Sequence[Probe], workers: int = 8) -> dict[str, RawOutput]:
    """Run every probe concurrently: most wait on other processes, so threads are enough."""
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(probes)))) as pool:
        outputs = list(pool.map(run_probe, probes))
    return {output.name: output for output in outputs}
