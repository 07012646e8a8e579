"""What the watcher watches and what it may do on its own (veille.json): the folders, and whether, on alert, to cut the
network and to pause the program that encrypts — only if the practitioner chose it beforehand."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from gardien import statefile
from gardien.errors import GardienError
from gardien.paths import data_dir

FILE = "veille.json"
MAX_FOLDERS = 20


@dataclass(frozen=True)
class WatchConfig:
    folders: tuple[str, ...]
    auto_cut: bool = False
    suspend: bool = False  # pause (suspend, never kill) the program seen encrypting

    def to_dict(self) -> dict:
        return {"dossiers": list(self.folders), "coupure_reseau_auto": self.auto_cut, "pause_programme": self.suspend}


def path() -> Path:
    return data_dir() / FILE


def default_folders() -> list[str]:
    """The backed-up folders when backups are configured, else Documents, the Desktop and a « Cabinet » folder."""
    from gardien.backup import config as backup_config

    try:
        folders = backup_config.load().dossiers
    except GardienError:
        folders = [str(p) for p in backup_config.usual_folders()]
    return [f for f in folders if Path(f).is_dir()]


def no_default_said(web: bool = False) -> str:
    """Why there is no folder to watch by default, said as it is (walkthrough round 14: « pas configurée » where
    neither Documents nor the Desktop exists)."""
    return (f"Gardien n'a aucun dossier à proposer : aucune sauvegarde n'est configurée, et il n'y a ni dossier "
            f"Documents, ni Bureau, ni Cabinet dans {Path.home()}. Indiquez le dossier de vos documents"
            + ("." if web else " avec --dossier."))


def offered_folders() -> list[tuple[str, bool]]:
    """The folders the web form offers to tick, each with whether it is ticked already: the default ones (ticked),
    then the usual ones that exist but are not backed up; her personal folder when there is none of these (unticked:
    she chooses). She never has to type a path she does not know."""
    from gardien.backup import config as backup_config

    defaults = default_folders()
    offered = [(folder, True) for folder in defaults]
    offered += [(str(p), False) for p in backup_config.usual_folders() if str(p) not in defaults]
    if not offered and Path.home().is_dir():
        offered.append((str(Path.home()), False))
    return offered


def checked_folders(folders: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Absolute, existing, distinct folders, none inside another; GardienError saying which is wrong."""
    chosen: list[Path] = []
    for folder in folders:
        candidate = Path(folder).expanduser()
        if not candidate.is_dir():
            raise GardienError(f"Le dossier « {folder} » n'existe pas (ou n'est pas un dossier).")
        candidate = candidate.resolve()
        if candidate == Path(candidate.anchor):
            raise GardienError(f"« {folder} » est la racine du disque : choisissez les dossiers de vos documents.")
        if any(candidate == c or c in candidate.parents for c in chosen):
            continue
        chosen = [c for c in chosen if candidate not in c.parents] + [candidate]
    if not chosen:
        raise GardienError("Aucun dossier à surveiller : indiquez-en un (celui de vos documents, par exemple).")
    if len(chosen) > MAX_FOLDERS:
        raise GardienError(f"Trop de dossiers ({len(chosen)}) : {MAX_FOLDERS} au plus.")
    return tuple(str(c) for c in chosen)


def save(config: WatchConfig) -> None:
    statefile.write(path(), config.to_dict())


def load() -> WatchConfig | None:
    raw = statefile.read(path(), default=dict)
    if not raw:
        return None
    folders = raw.get("dossiers")
    if not isinstance(folders, list) or not all(isinstance(f, str) for f in folders):
        raise statefile.DamagedState(path(), "liste de dossiers illisible")
    return WatchConfig(tuple(folders), bool(raw.get("coupure_reseau_auto", False)), bool(raw.get("pause_programme", False)))


def remove() -> None:
    path().unlink(missing_ok=True)
