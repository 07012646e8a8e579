"""What `effacer` refuses, before it looks inside: links given as the target, system folders, the home folder, its
ancestors and its top-level folders, Gardien's own data, and the root of a disk or of a USB key (that is a job for
the end-of-life procedure, which erases a whole device)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path, PureWindowsPath

from gardien.errors import GardienError

# The folder and everything inside it belong to the system or to installed programs.
SYSTEM_TREES_POSIX = ("/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/libx32", "/opt", "/proc", "/run",
                      "/sbin", "/snap", "/srv", "/sys", "/usr", "/var", "/System", "/Library", "/Applications",
                      "/private/etc", "/private/var/db", "/cores", "/nix")
# These folders themselves hold other people's folders or disks: only what is inside may be erased.
CONTAINERS_POSIX = ("/", "/home", "/Users", "/mnt", "/media", "/Volumes", "/tmp", "/private", "/private/tmp",
                    "/private/var", "/private/var/folders")
WINDOWS_TREES = ("Windows", "Program Files", "Program Files (x86)", "ProgramData", "$Recycle.Bin", "System Volume Information",
                 "Recovery", "PerfLogs")
# Top-level folders of the home: the system and the programs expect them to exist.
HOME_FOLDERS = {"desktop", "bureau", "documents", "downloads", "téléchargements", "telechargements", "pictures", "images",
                "music", "musique", "videos", "vidéos", "public", "templates", "modèles", "modeles", "onedrive",
                "icloud drive", "dropbox", "google drive", "movies", "applications", "favorites", "contacts",
                "links", "saved games", "searches", "3d objects"}
HOME_TREES = ("Library", "AppData", "snap")  # settings and programs of the home: the folder and what is inside


class Refused(GardienError):
    """`effacer` will not touch this target; the message says why and what to do instead."""


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_target(given: Path, home: Path | None = None, data: Path | None = None) -> Path:
    """The absolute target (its links not followed), or Refused. `given` may be relative."""
    absolute = Path(os.path.abspath(given))
    if not os.path.lexists(absolute):
        raise GardienError(f"Introuvable : {given}. Rien n'a été effacé.")
    if absolute.is_symlink():
        raise Refused(f"{given} est un raccourci (un lien) vers un autre endroit : Gardien ne suit pas les liens. "
                      "Indiquez le fichier ou le dossier lui-même.")
    real = absolute.resolve()
    home = (home or Path.home()).resolve()
    kind = "un dossier" if real.is_dir() else "un fichier"  # a file is never « un dossier » (round 22)
    if _system(real) or _system(absolute):
        raise Refused(f"{given} est {kind} du système ou des logiciels installés : Gardien ne l'effacera pas.")
    if real == home or real in home.parents:
        raise Refused(f"{given} contient votre dossier personnel : Gardien ne l'effacera pas. Indiquez les fichiers ou "
                      "les dossiers précis à effacer.")
    if real.parent == home and (real.name.casefold() in HOME_FOLDERS or real.name.startswith(".")):
        if not real.is_dir():  # « .bashrc », « .profile »: settings files, nothing inside to point to
            raise Refused(f"« {real.name} » est un fichier de réglages de votre dossier personnel que le système et vos "
                          "logiciels utilisent : Gardien ne l'efface pas.")
        raise Refused(f"« {real.name} » est un dossier de votre dossier personnel que le système et vos logiciels "
                      "utilisent : Gardien ne l'efface pas. Indiquez les fichiers ou les dossiers qu'il contient.")
    # the folder itself « contient » them; a file or a folder inside « fait partie » of them
    if tree := next((home / name for name in HOME_TREES if _inside(real, home / name)), None):
        verb = "contient les" if real == tree else "fait partie des"
        raise Refused(f"{given} {verb} réglages de vos logiciels : Gardien ne l'effacera pas.")
    if data is not None and (_inside(real, data.resolve()) or real in data.resolve().parents):
        verb = "fait partie des" if real != data.resolve() and data.resolve() in real.parents else "contient les"
        raise Refused(f"{given} {verb} données de Gardien : utilisez ses propres commandes pour les gérer.")
    if os.path.ismount(real) or real.parent == real:
        raise Refused(f"{given} est la racine d'un disque ou d'une clé USB. Pour effacer tout un appareil avant de "
                      "le donner, le vendre ou le jeter, suivez plutôt « gardien fin-de-vie ».")
    return absolute


def _system(path: Path) -> bool:
    if os.name == "nt":
        parts = PureWindowsPath(path).parts
        if len(parts) <= 1:
            return True  # a drive root
        top = parts[1].casefold()
        return top in {t.casefold() for t in WINDOWS_TREES} or (top == "users" and len(parts) == 2)
    text = str(path)
    temp_roots = {tempfile.gettempdir(), os.path.realpath(tempfile.gettempdir())}
    if any(text.startswith(root + os.sep) for root in temp_roots):
        return False  # inside the system's temporary folder: the user's own throwaway files
    if text in CONTAINERS_POSIX or text in temp_roots:
        return True
    return any(text == tree or text.startswith(tree + "/") for tree in SYSTEM_TREES_POSIX)
