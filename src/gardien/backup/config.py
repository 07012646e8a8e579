"""The backup configuration (folders, destinations, retention, where the password is) in the data folder.
The password itself is never in it."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from gardien.errors import GardienError
from gardien.paths import data_dir, write_private

FILE = "sauvegarde.json"
KINDS = {"disque": "disque externe", "sftp": "serveur SFTP", "s3": "stockage S3"}
RETENTION = {"keep-daily": 7, "keep-weekly": 4, "keep-monthly": 12}


@dataclass
class Destination:
    nom: str
    type: str  # disque, sftp, s3
    depot: str  # the restic repository: a path, sftp:user@host:/path, s3:https://host/bucket
    hors_site: bool = False  # kept away from the practice, or off-line (a second disk stored elsewhere)

    @property
    def label(self) -> str:
        place = "hors du cabinet" if self.hors_site else "au cabinet"
        return f"{self.nom} ({KINDS.get(self.type, self.type)}, {place})"


@dataclass
class BackupConfig:
    dossiers: list[str]
    destinations: list[Destination]
    secret: dict = field(default_factory=lambda: {"kind": "trousseau"})
    retention: dict = field(default_factory=lambda: dict(RETENTION))


def path() -> Path:
    return data_dir() / FILE


def save(config: BackupConfig) -> None:
    write_private(path(), json.dumps(asdict(config), ensure_ascii=False, indent=2))


def load() -> BackupConfig:
    target = path()
    if not target.is_file():
        raise GardienError("Aucune sauvegarde n'est configurée : commencez par « gardien sauvegarde configurer ».")
    try:
        raw = json.loads(target.read_text(encoding="utf-8"))
        return BackupConfig(raw["dossiers"], [Destination(**d) for d in raw["destinations"]], raw["secret"], raw["retention"])
    except (ValueError, KeyError, TypeError) as exc:
        raise GardienError(f"La configuration de sauvegarde ({target}) est abîmée : reconfigurez avec « gardien sauvegarde configurer ».") from exc


def repository_for(kind: str, where: str) -> str:
    """restic's repository string for a destination typed by the user."""
    if kind == "disque":
        return str(Path(where).expanduser().resolve())
    if kind == "sftp":
        return where if where.startswith("sftp:") else f"sftp:{where}"
    if kind == "s3":
        return where if where.startswith("s3:") else f"s3:{where}"
    raise GardienError(f"Type de destination inconnu : « {kind} ». Types : {', '.join(KINDS)}.")


def usual_folders() -> list[Path]:
    """Folders worth proposing when they exist: Documents, the Desktop, a "Cabinet" folder.

    The data folders of practice software are not listed: their locations were not verified for any
    product, and a wrong guess would give a false sense of safety. The user adds them with --dossier."""
    home = Path.home()
    candidates = [home / "Documents", home / "Bureau", home / "Desktop", home / "Cabinet"]
    return [p for p in candidates if p.is_dir()]
