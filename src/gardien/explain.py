"""System and library errors told in plain French: what failed, and what to do.

The system speaks English (« No such file or directory ») and libraries speak their own jargon (pypdf's
« invalid pdf header »). Nothing of that reaches the user: every place where such an error can reach her
goes through `failure()` (or `reason()`), and the command's last resort (cli.main) through `known()`.
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
from pathlib import Path

from gardien.errors import GardienError
from gardien.paths import NotAFile

# errno -> (what happened, what to do). Windows maps its own codes to these errno values too.
_OS_REASONS: dict[int, tuple[str, str]] = {
    errno.ENOENT: ("ce fichier ou ce dossier n'existe pas", "Vérifiez le nom et l'emplacement."),
    errno.EACCES: ("l'accès est refusé", "Choisissez un emplacement à vous (par exemple dans vos Documents)."),
    errno.EPERM: ("le système n'autorise pas cette opération", "Choisissez un emplacement à vous (par exemple dans vos Documents)."),
    errno.ENOSPC: ("le disque est plein", "Libérez de la place (corbeille, téléchargements, vieux fichiers) puis recommencez."),
    errno.EDQUOT: ("votre espace disque autorisé est plein", "Libérez de la place puis recommencez."),
    errno.EROFS: ("ce disque est en lecture seule", "Choisissez un autre emplacement."),
    errno.EISDIR: ("c'est un dossier, pas un fichier", "Indiquez un nom de fichier."),
    errno.ENOTDIR: ("une partie du chemin n'est pas un dossier", "Vérifiez le chemin."),
    errno.EEXIST: ("il existe déjà", "Choisissez un autre nom : rien n'est écrasé."),
    errno.ENAMETOOLONG: ("le nom est trop long", "Choisissez un nom plus court."),
    errno.EIO: ("le disque n'a pas pu être lu ou écrit (disque retiré ou abîmé ?)",
                "Vérifiez que le disque est bien branché, puis recommencez."),
    errno.EBUSY: ("le fichier est utilisé par un autre programme", "Fermez ce programme puis recommencez."),
    errno.EAGAIN: ("le système est momentanément occupé", "Réessayez dans quelques instants."),
    errno.EMFILE: ("trop de fichiers sont ouverts", "Fermez quelques programmes puis recommencez."),
    errno.ENFILE: ("trop de fichiers sont ouverts", "Fermez quelques programmes puis recommencez."),
    errno.ELOOP: ("le chemin tourne en rond (liens qui se désignent l'un l'autre)", "Vérifiez le chemin."),
    errno.ENXIO: ("l'appareil n'est pas disponible", "Vérifiez qu'il est branché."),
    errno.ENODEV: ("l'appareil n'est pas disponible", "Vérifiez qu'il est branché."),
    errno.ETIMEDOUT: ("l'opération a pris trop de temps", "Réessayez plus tard."),
    errno.EINVAL: ("le système refuse ce nom ou cette valeur", "Choisissez un autre nom (sans caractères spéciaux)."),
    errno.EADDRINUSE: ("il est déjà utilisé par un autre programme", "Choisissez-en un autre."),
    errno.EADDRNOTAVAIL: ("cette adresse n'existe pas sur cet ordinateur", "Vérifiez l'adresse."),
    errno.ECONNREFUSED: ("la connexion a été refusée", "Vérifiez la connexion à Internet, puis réessayez."),
    errno.ENETUNREACH: ("le réseau n'est pas joignable", "Vérifiez la connexion à Internet, puis réessayez."),
    errno.EHOSTUNREACH: ("le serveur n'est pas joignable", "Vérifiez la connexion à Internet, puis réessayez."),
}
if hasattr(errno, "ETXTBSY"):
    _OS_REASONS[errno.ETXTBSY] = _OS_REASONS[errno.EBUSY]
DISK_FULL = {errno.ENOSPC, errno.EDQUOT}
LOW_SPACE_BYTES = 1024 * 1024  # below this, an unexplained write error is most likely a full disk


def reason(exc: BaseException) -> str:
    """What happened, in a few French words (no English, no jargon)."""
    if isinstance(exc, NotAFile):
        return "ce n'est pas un fichier ordinaire, mais un tube ou un périphérique"
    if isinstance(exc, OSError) and exc.errno in _OS_REASONS:
        return _OS_REASONS[exc.errno][0]
    if isinstance(exc, (UnicodeDecodeError, UnicodeEncodeError)):
        return "il contient des caractères illisibles"
    if isinstance(exc, sqlite3.Error):
        return "la base de données n'a pas pu être lue ou écrite"
    if isinstance(exc, OSError):
        return f"erreur du système (code {exc.errno})" if exc.errno else "erreur du système"
    return "erreur inattendue"


def advice(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.errno in _OS_REASONS:
        return _OS_REASONS[exc.errno][1]
    return ""


def failure(action: str, exc: BaseException) -> GardienError:
    """A GardienError to raise: failure("d'écrire le rapport dans /x", exc) says « Impossible d'écrire le rapport
    dans /x : ce fichier ou ce dossier n'existe pas. Vérifiez le nom et l'emplacement. »"""
    return GardienError(f"Impossible {action} : {reason(exc)}. {advice(exc)}".strip())


def is_disk_full(exc: BaseException, folder: Path | None = None) -> bool:
    """ENOSPC, or SQLite's « database or disk is full », or a write error while almost no space is left
    (SQLite reports a full disk as « disk I/O error » when it cannot grow its journal)."""
    if isinstance(exc, OSError) and exc.errno in DISK_FULL:
        return True
    if isinstance(exc, sqlite3.OperationalError):
        text = str(exc).lower()
        if "disk is full" in text:
            return True
        if "disk i/o error" in text and folder is not None:
            try:
                return shutil.disk_usage(folder).free < LOW_SPACE_BYTES
            except OSError:
                return False
    return False


def disk_full(folder: Path | None = None) -> GardienError:
    where = f"enregistrer dans {folder}" if folder else "écrire ce qu'il devait"
    return GardienError(
        f"Le disque est plein : Gardien n'a pas pu {where}. Ce qui était déjà enregistré n'a pas été modifié. "
        "Libérez de la place (corbeille, téléchargements, vieux fichiers) puis recommencez."
    )


def missing_folder(path: Path, what: str) -> GardienError:
    """The folder of a file she named does not exist: said the same by every command, before any work (the audit's
    --html, the pseudonymiser's --sortie) or after a failed write (`write_failure`). `what`: what would have been
    written there, in her words (« le rapport à imprimer », « le certificat »)."""
    return GardienError(f"Le dossier {path.parent} n'existe pas : Gardien ne peut pas y écrire {what}. Rien n'a été fait.")


def not_a_file(path: Path, example: str | None = None, wanted: str = "le fichier lui-même") -> GardienError:
    """A folder named where a file is expected (« registre exporter Documents », « pseudonymiser Courriers »): said the
    same by every command, before any work, and the folder is left as it is. `example`: for a file to create, a name
    to suggest inside that folder (« rapport.html »); else `wanted`, what to name instead, in her words."""
    if example is not None:
        wanted = f"le nom du fichier à créer, par exemple {path / example}"
    return GardienError(f"{path} est un dossier, pas un fichier : indiquez {wanted}. "
                        "Rien n'a été fait, le dossier reste tel quel.")


def refuse_folder(path: Path | None, example: str, what: str = "") -> None:
    """Before any work: a folder named where the file to create goes (`example` inside it is suggested) is refused,
    and left as it is. With `what` (what would be written, in her words, as for `missing_folder`), a file whose
    folder does not exist is refused too. None (no file asked for) passes."""
    if path is None:
        return
    if path.is_dir():
        raise not_a_file(path, example)
    if what and not path.parent.is_dir():  # Path("x.txt").parent is « . »
        raise missing_folder(path, what)


def write_failure(path: Path, exc: OSError, what: str) -> GardienError:
    """A file she named could not be written (« registre exporter /nope/r.ods », « fin-de-vie pdf ID /nope/x.pdf »),
    in plain French (never the system's English « No such file or directory »); `what` as for `missing_folder`."""
    folder = path.parent
    if not folder.is_dir():
        return missing_folder(path, what)
    if exc.errno == errno.EISDIR or path.is_dir():
        return not_a_file(path, wanted="un nom de fichier")
    if is_disk_full(exc, folder):
        return disk_full(folder)
    return failure(f"d'écrire {path}", exc)


def known(exc: BaseException, folder: Path | None = None) -> GardienError | None:
    """A French error for what reached the command's last resort, when it is something the user can act on
    (a full disk, a missing or forbidden file); None for a real bug (then: « erreur interne » and the log)."""
    if is_disk_full(exc, folder):
        if isinstance(exc, OSError):  # a write outside the data folder (--sortie, --html) names its own file
            return disk_full(Path(exc.filename).parent if exc.filename else None)
        return disk_full(folder)
    if isinstance(exc, OSError) and exc.errno == errno.EISDIR and exc.filename:
        return not_a_file(Path(exc.filename), wanted="un fichier")
    if isinstance(exc, OSError) and exc.errno in _OS_REASONS:
        name = exc.filename
        return failure("de lire ou d'écrire un fichier" if name is None else f"d'utiliser « {name} »", exc)
    return None
