"""One wrapper around the restic program: find it, run it with the password in its environment (never
on a command line or in a file), read its JSON messages, and turn its failures into French errors."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from gardien.compat import current_platform
from gardien.errors import GardienError

MIN_VERSION = (0, 14)
INCOMPLETE = 3  # restic's exit code when some source files could not be read: the snapshot is partial


class ResticError(GardienError):
    """restic failed; `kind` says how: locked, wrong_password, missing, full, other."""

    def __init__(self, message: str, kind: str = "other") -> None:
        super().__init__(message)
        self.kind = kind


def install_hint() -> str:
    return {
        "windows": "Installez restic : ouvrez un terminal et tapez « winget install restic.restic ».",
        "macos": "Installez restic : dans le Terminal, tapez « brew install restic » (Homebrew).",
        "linux": "Installez restic : « sudo apt install restic » (Fedora : « sudo dnf install restic »).",
    }.get(current_platform() or "", "Installez le programme restic.")


def binary() -> str:
    path = os.environ.get("GARDIEN_RESTIC") or shutil.which("restic")
    if not path:
        raise ResticError("Le programme de sauvegarde restic est introuvable. " + install_hint(), "missing_program")
    return path


@dataclass(frozen=True)
class Version:
    major: int
    minor: int
    patch: int

    def at_least(self, major: int, minor: int) -> bool:
        return (self.major, self.minor) >= (major, minor)


def version() -> Version:
    result = subprocess.run([binary(), "version"], capture_output=True, text=True, timeout=30, check=False)
    match = re.search(r"restic (\d+)\.(\d+)\.(\d+)", result.stdout)
    if not match:
        raise ResticError("restic ne donne pas sa version : il est peut-être abîmé. " + install_hint())
    found = Version(*(int(g) for g in match.groups()))
    if not found.at_least(*MIN_VERSION):
        raise ResticError(f"restic {found.major}.{found.minor} est trop ancien : Gardien demande la version 0.14 au moins. " + install_hint())
    return found


def _environment(repository: str, password: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RESTIC_")}
    env.update(RESTIC_REPOSITORY=repository, RESTIC_PASSWORD=password, RESTIC_PROGRESS_FPS="2")
    return env


def classify(stderr: str, returncode: int) -> ResticError:
    """A French error for what restic printed."""
    text = stderr.lower()
    if "wrong password" in text or "no key found" in text:
        return ResticError("Le mot de passe de la sauvegarde ne correspond pas à ce dépôt.", "wrong_password")
    if "locked" in text and "repository" in text:
        return ResticError("Le dépôt de sauvegarde est verrouillé : une autre sauvegarde est peut-être en cours, ou une "
                           "sauvegarde a été interrompue. Si aucune n'est en cours : gardien sauvegarde deverrouiller.", "locked")
    if "no space left" in text or "disk quota" in text:
        return ResticError("La destination est pleine : libérez de la place ou changez de disque.", "full")
    if ("does not exist" in text or "unable to open config file" in text or "no such file" in text
            or "is there a repository" in text):
        return ResticError("La destination est introuvable : le disque est-il branché ?", "missing")
    detail = next((line.strip() for line in stderr.splitlines() if line.strip()), f"code {returncode}")
    return ResticError(f"restic a échoué : {detail[:200]}")


def run(args: list[str], repository: str, password: str, timeout: float | None = None,
        ok_codes: tuple[int, ...] = (0,)) -> subprocess.CompletedProcess:
    try:
        result = subprocess.run([binary(), *args], capture_output=True, text=True, env=_environment(repository, password),
                                timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        raise ResticError(f"restic n'a pas répondu à temps ({' '.join(args[:1])}).") from exc
    if result.returncode not in ok_codes:
        raise classify(result.stderr, result.returncode)
    return result


def stream_json(args: list[str], repository: str, password: str, on_message: Callable[[dict], None]) -> int:
    """Run restic with --json, hand each JSON message to `on_message`, return the exit code (0 or 3)."""
    with subprocess.Popen([binary(), *args, "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          env=_environment(repository, password)) as process:
        assert process.stdout is not None and process.stderr is not None
        for line in _lines(process.stdout):
            try:
                message = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(message, dict):
                on_message(message)
        stderr = process.stderr.read()
        code = process.wait()
    if code not in (0, INCOMPLETE):
        raise classify(stderr, code)
    return code


def _lines(stream) -> Iterator[str]:
    for line in stream:
        line = line.strip()
        if line:
            yield line
