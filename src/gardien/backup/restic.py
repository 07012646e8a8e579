"""One wrapper around the restic program: find it, run it with the password in its environment (never
on a command line or in a file), with a deadline that ends it and everything it started, read its JSON messages
(stdout and, for restic 0.14, its error messages on stderr), and turn what it says in English into French."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from gardien import process
from gardien.compat import current_platform
from gardien.errors import GardienError
from gardien.paths import data_dir

MIN_VERSION = (0, 14)
INCOMPLETE = 3  # restic's exit code when some source files could not be read: the snapshot is partial
VERSION_SECONDS = 10  # `restic version` answers at once; a restic that hangs there is broken
SHORT_SECONDS = 300  # init, unlock, snapshots, ls


class Failure(StrEnum):
    """How restic failed: the kinds a user can act on differently."""

    WRONG_PASSWORD = "wrong_password"
    LOCKED = "locked"
    FULL = "full"
    MISSING = "missing"  # no repository there (disk not plugged, wrong folder)
    CORRUPT = "corrupt"  # restic check found damaged data
    READ_ONLY = "read_only"
    DISK_ERROR = "disk_error"
    UNREACHABLE = "unreachable"  # a server that does not answer
    TIMEOUT = "timeout"
    MISSING_PROGRAM = "missing_program"
    BROKEN_PROGRAM = "broken_program"
    NOTHING_TO_SAVE = "nothing_to_save"
    NO_SNAPSHOT = "no_snapshot"
    OTHER = "other"


class ResticError(GardienError):
    """restic failed; `kind` says how, `detail` keeps restic's own words for the person who helps (never shown
    as the message: the message is French)."""

    def __init__(self, message: str, kind: Failure = Failure.OTHER, detail: str = "", web_message: str | None = None) -> None:
        super().__init__(message, web_message)
        self.kind = kind
        self.detail = detail


WEB_INSTALL_HINT = ("Faites-vous aider pour l'installer : la personne qui a installé Gardien installe aussi restic, "
                    "l'outil avec lequel il fait les sauvegardes.")


def _missing(message: str, kind: Failure, detail: str = "") -> ResticError:
    """restic absent or unusable: on the command line how to install it; in the interface, whom to ask."""
    return ResticError(message + " " + install_hint(), kind, detail, message + " " + WEB_INSTALL_HINT)


def install_hint() -> str:
    platform = current_platform() or ""
    if platform == "linux":
        return _linux_install_hint()
    return {
        "windows": "Installez restic : ouvrez un terminal et tapez « winget install restic.restic ».",
        "macos": "Installez restic : dans le Terminal, tapez « brew install restic » (Homebrew).",
    }.get(platform, "Installez le programme restic.")


def _linux_install_hint() -> str:
    """The command of this distribution only; both when Gardien does not know it."""
    from gardien.core.distribution import this_machine
    from gardien.core.model import Distribution

    here = this_machine()
    if here is Distribution.FEDORA:
        return "Installez restic : « sudo dnf install restic »."
    if here is not None:
        return "Installez restic : « sudo apt install restic »."
    return "Installez restic : « sudo apt install restic » (Fedora : « sudo dnf install restic »)."


def binary() -> str:
    path = os.environ.get("GARDIEN_RESTIC") or shutil.which("restic")
    if not path:
        raise _missing("Le programme de sauvegarde restic est introuvable.", Failure.MISSING_PROGRAM)
    return path


@dataclass(frozen=True)
class Version:
    major: int
    minor: int
    patch: int

    def at_least(self, major: int, minor: int) -> bool:
        return (self.major, self.minor) >= (major, minor)


def version() -> Version:
    try:
        result = process.run([binary(), "version"], timeout=VERSION_SECONDS)
    except process.Timeout as exc:
        raise _missing(f"Le programme restic ne répond pas (rien en {VERSION_SECONDS} secondes) : il est peut-être "
                       "abîmé. Rien n'a été sauvegardé ni modifié.", Failure.BROKEN_PROGRAM) from exc
    except OSError as exc:
        raise _missing("Le programme restic ne peut pas être lancé : il est peut-être abîmé.", Failure.BROKEN_PROGRAM,
                       str(exc)) from exc
    match = re.search(r"restic (\d+)\.(\d+)\.(\d+)", result.stdout)
    if not match:
        raise _missing("restic ne donne pas sa version : il est peut-être abîmé.", Failure.BROKEN_PROGRAM,
                       (result.stdout + result.stderr)[:300])
    found = Version(*(int(g) for g in match.groups()))
    if not found.at_least(*MIN_VERSION):
        raise _missing(f"restic {found.major}.{found.minor} est trop ancien : Gardien demande la version 0.14 au moins.",
                       Failure.BROKEN_PROGRAM)
    return found


def _environment(repository: str, password: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RESTIC_")}
    # Gardien's own cache folder: the audit reads ~/.cache/restic as traces of *other* backups, never of these
    env.update(RESTIC_REPOSITORY=repository, RESTIC_PASSWORD=password, RESTIC_PROGRESS_FPS="2",
               RESTIC_CACHE_DIR=str(data_dir() / "cache-restic"))
    return env


# --- restic's English, in French -------------------------------------------------------------------------------------

_ERRNO = {1: "opération refusée", 2: "introuvable", 5: "erreur de lecture du disque", 13: "accès refusé",
          16: "fichier occupé", 36: "nom trop long", 40: "trop de liens symboliques"}
_REASONS = (  # the end of restic's (and Go's) error lines -> French
    ("permission denied", "accès refusé"),
    ("no such file or directory", "introuvable"),
    ("input/output error", "erreur de lecture du disque"),
    ("device or resource busy", "fichier occupé"),
    ("file name too long", "nom trop long"),
    ("is not readable", "illisible"),
    ("read-only file system", "disque en lecture seule"),
)


def reason_in_french(text: str) -> str:
    lowered = text.lower()
    return next((french for english, french in _REASONS if english in lowered), "illisible")


@dataclass
class Problems:
    """What restic could not save: unreadable items and source paths it skipped (they do not exist)."""

    unreadable: dict[str, str] = field(default_factory=dict)  # path -> reason in French
    skipped: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)  # lines Gardien could not read (restic's words, for the log)

    def add_message(self, message: dict) -> None:
        """A restic JSON error message (stdout for restic >= 0.15, stderr for 0.14)."""
        item = str(message.get("item") or "")
        error = message.get("error") if isinstance(message.get("error"), dict) else {}
        path = item or str(error.get("Path") or "")
        number = error.get("Err")
        reason = _ERRNO.get(number, "illisible") if isinstance(number, int) else reason_in_french(str(error.get("message", "")))
        if path and path not in self.unreadable:
            self.unreadable[path] = reason

    def add_line(self, line: str) -> None:
        """One line of restic's stderr."""
        stripped = line.strip()
        if not stripped:
            return
        if stripped.startswith("{"):
            try:
                message = json.loads(stripped)
            except ValueError:
                message = None
            if isinstance(message, dict):
                if message.get("message_type") == "error":
                    self.add_message(message)
                return
        skipped = re.match(r"^(.*) does not exist, skipping$", stripped)
        unreadable = re.match(r"^(?:error: )?(?:path )?(.+?)(?:: | )(?:is not readable|permission denied).*$", stripped, re.I)
        if skipped:
            self.skipped.append(skipped.group(1))
        elif stripped.lower().startswith("warning: at least one source file could not be read"):
            return
        elif unreadable and stripped.lower().startswith(("error:", "path ")):
            self.unreadable.setdefault(unreadable.group(1).removeprefix("open ").removeprefix("lstat "),
                                       reason_in_french(stripped))
        else:
            self.other.append(stripped[:300])


READ_ONLY_MESSAGE = ("Gardien ne peut pas écrire sur ce disque : il est en lecture seule ou protégé. Une clé USB ou une "
                     "carte SD a parfois un petit bouton de verrouillage sur le côté : mettez-le sur la position ouverte, "
                     "rebranchez-la, puis recommencez. Un disque formaté pour Mac ou pour Windows (NTFS) peut n'être "
                     "lisible qu'en lecture sur cet ordinateur : prenez un autre disque, ou faites-vous aider. Les copies "
                     "déjà faites ne sont pas en cause.")


def classify(stderr: str, returncode: int) -> ResticError:
    """A French error for what restic printed when it failed."""
    text = stderr.lower()
    detail = "\n".join(line for line in stderr.splitlines() if line.strip())[:1000]

    def error(message: str, kind: Failure) -> ResticError:
        return ResticError(message, kind, detail)

    # before the lock: restic's first write on a read-only disk is its lock file (« unable to create lock … read-only
    # file system »), which is no lock of another backup (walkthrough, round 17, B1)
    if "read-only file system" in text or ("permission denied" in text and "lock" in text):
        return error(READ_ONLY_MESSAGE, Failure.READ_ONLY)
    if "wrong password" in text or "no key found" in text:
        return error("Le mot de passe de la sauvegarde ne correspond pas à ces copies (les données ne sont pas en cause : "
                     "c'est le mot de passe).", Failure.WRONG_PASSWORD)
    if "already locked" in text or "unable to create lock" in text:
        busy = ("Le dossier des copies est occupé (verrouillé) : une autre sauvegarde ou vérification est sans doute "
                "en cours. Attendez qu'elle se termine puis recommencez. Si aucune n'est en cours (elle a été interrompue), ")
        return ResticError(busy + "« gardien sauvegarde deverrouiller » retire le verrou. Les données ne sont pas en cause.",
                           Failure.LOCKED, detail,
                           busy + "la personne qui vous aide peut retirer le verrou. Les données ne sont pas en cause.")
    if "no space left" in text or "disk quota" in text:
        return error("La destination est pleine : libérez de la place ou changez de disque.", Failure.FULL)
    if "all target directories/files do not exist" in text:
        return error("Aucun des dossiers à protéger n'existe : rien n'a été sauvegardé.", Failure.NOTHING_TO_SAVE)
    if "no snapshot found" in text or "no snapshot matched" in text:
        return error("Aucune sauvegarde n'a encore été faite vers cette destination.", Failure.NO_SNAPSHOT)
    if "repository contains errors" in text or "error for tree" in text or ("pack " in text and "contains" in text):
        return error("Le contrôle a trouvé des données abîmées dans cette copie.", Failure.CORRUPT)
    if ("unable to open config file" in text or "is there a repository" in text or "does not exist" in text
            or "no such file" in text):
        return error("La destination est introuvable : le disque est-il branché, et est-ce le bon dossier ?", Failure.MISSING)
    if "input/output error" in text:
        return error("Le disque de destination n'a pas pu être lu ou écrit (erreur du disque) : il est peut-être abîmé.",
                     Failure.DISK_ERROR)
    if any(marker in text for marker in ("connection refused", "no such host", "network is unreachable", "ssh:",
                                         "connection timed out", "dial tcp")):
        return error("Le serveur de sauvegarde ne répond pas : vérifiez la connexion à Internet et son adresse.",
                     Failure.UNREACHABLE)
    unknown = f"restic a échoué (code {returncode}) sans que Gardien sache traduire sa réponse. Le détail technique est noté "
    return ResticError(unknown + "dans l'état des sauvegardes (« gardien sauvegarde etat --json ») pour la personne qui vous aide.",
                       Failure.OTHER, detail, unknown + "dans l'état des sauvegardes de Gardien, pour la personne qui vous aide.")


# --- running it -----------------------------------------------------------------------------------------------------

def run(args: list[str], repository: str, password: str, timeout: float | None = SHORT_SECONDS,
        ok_codes: tuple[int, ...] = (0,)) -> subprocess.CompletedProcess:
    try:
        result = process.run([binary(), *args], timeout=timeout, env=_environment(repository, password))
    except process.Timeout as exc:
        raise ResticError(f"restic n'a pas terminé à temps ({args[0]}) : il a été arrêté, rien n'a été effacé.",
                          Failure.TIMEOUT) from exc
    except OSError as exc:
        raise _missing("Le programme restic ne peut pas être lancé.", Failure.BROKEN_PROGRAM, str(exc)) from exc
    if result.returncode not in ok_codes:
        raise classify(result.stderr, result.returncode)
    return result


def stream_json(args: list[str], repository: str, password: str, on_message: Callable[[dict], None],
                problems: Problems) -> int:
    """Run restic with --json, hand each JSON message of stdout to `on_message`, collect what could not be
    saved into `problems` (stdout errors and stderr lines), return the exit code (0 or 3)."""
    stderr_lines: list[str] = []
    try:
        child = process.start([binary(), *args, "--json"], _environment(repository, password),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except OSError as exc:
        raise _missing("Le programme restic ne peut pas être lancé.", Failure.BROKEN_PROGRAM, str(exc)) from exc
    assert child.stdout is not None and child.stderr is not None
    # stderr read at the same time: restic 0.14 writes one line per unreadable file there, enough to fill the pipe
    reader = threading.Thread(target=lambda: stderr_lines.extend(child.stderr), daemon=True)
    reader.start()
    try:
        for line in child.stdout:
            line = line.strip()
            if not line:
                continue
            try:
                message = json.loads(line)
            except ValueError:
                continue
            if not isinstance(message, dict):
                continue
            if message.get("message_type") == "error":
                problems.add_message(message)
            else:
                on_message(message)
        code = child.wait()
    except BaseException:
        process.kill_group(child)
        child.wait()
        raise
    finally:
        reader.join(timeout=10)
        child.stdout.close()
        child.stderr.close()
    for line in stderr_lines:
        problems.add_line(line)
    if code not in (0, INCOMPLETE):
        raise classify("".join(stderr_lines), code)
    return code
