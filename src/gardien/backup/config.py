"""The backup configuration (folders, destinations, retention, where the password is) in the data folder.
The password itself is never in it. Written atomically under a lock and checked when read (statefile): a damaged
file is reported with its name and what is wrong in it, never read as something else."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from gardien import fr, statefile
from gardien.backup.volumes import Volume
from gardien.errors import GardienError
from gardien.paths import data_dir

FILE = "sauvegarde.json"
# restic's forget options. keep-daily alone kept only the LAST copy of each day: a backup made after files were silently
# encrypted erased the day's only clean copy on that disk (walkthrough, round 17). So every copy of the last 7 days is
# kept (keep-within), and the last 10 whatever their age (keep-last: after a holiday, the copies before it), then one a
# day for 7 days, one a week for 4 weeks, one a month for 12 months. A practitioner backing up 2 to 5 times a day keeps
# all her copies of the last week (10 to 35), then one a day, a week, a month. The last copy made before an alert of
# the watch is never pruned either (operations.keep_before_alerts).
RETENTION = {"keep-last": 10, "keep-within": "7d", "keep-daily": 7, "keep-weekly": 4, "keep-monthly": 12}
DURATION = re.compile(r"^(?:\d+[ymdh])+$")  # restic's durations for keep-within: « 7d », « 1m15d »


class Kind(StrEnum):
    DISK = "disque"
    SFTP = "sftp"
    S3 = "s3"

    @property
    def label(self) -> str:
        """For the command line and the person who helps: the technical name."""
        return {"disque": "disque", "sftp": "serveur SFTP", "s3": "stockage S3"}[self.value]

    @property
    def spoken(self) -> str:
        """For the pages and Gardien's sentences: plain words (round 13)."""
        return {"disque": "disque", "sftp": "serveur", "s3": "stockage en ligne"}[self.value]

    @property
    def remote(self) -> bool:
        return self is not Kind.DISK


class SecretKind(StrEnum):
    KEYRING = "trousseau"  # the OS keyring
    FILE = "fichier"  # a file of the user's choice, owner-only
    ASKED = "demander"  # kept nowhere: typed at each backup


class NotConfigured(GardienError):
    """No backup has been set up in this data folder."""


class DamagedConfig(statefile.DamagedState):
    """The configuration file exists but one of its values is not what it should be."""


@dataclass
class Destination:
    nom: str
    type: Kind
    depot: str  # the restic repository: a path, sftp:user@host:/path, s3:https://host/bucket
    hors_site: bool = False  # declared by the user: kept away from the practice, or off-line
    appareil: Volume | None = None  # measured at set-up: the disk it is on
    # copies made elsewhere and taken back for a restore (operations.taken_back): read without writing, never saved
    lecture_seule: bool = False

    def __post_init__(self) -> None:
        self.type = Kind(self.type)  # "disque" as well as Kind.DISK

    @property
    def place(self) -> str:
        """Where the copy is kept, with who says so: the user for a disk, the address for a server."""
        if self.type.remote:
            return "hors du cabinet (copies sur un serveur : toujours en ligne, ce n'est pas une copie hors ligne)"
        return "hors du cabinet (déclaré par vous)" if self.hors_site else "au cabinet (déclaré par vous)"

    @property
    def label(self) -> str:
        """For the command line: the name to type, the spoken one, what it is and where."""
        return f"{self.named} — {self.type.label}, {self.place}"

    @property
    def named(self) -> str:
        """For the command line, where the name is typed: « disque-1 (le disque du cabinet) »."""
        return f"{self.nom} ({self.spoken})"

    @property
    def heading(self) -> str:
        """The spoken name at the start of a sentence or as a title: « Le disque du cabinet »."""
        return fr.capitalised(self.spoken)

    @property
    def spoken(self) -> str:
        """What the pages and Gardien's sentences call it, rather than the name typed on the command line: « le disque
        gardé hors du cabinet » for « hors-site-1 », « le disque du cabinet n° 2 » for « disque-2 »."""
        if self.lecture_seule:
            return "le dossier de copies repris"
        if self.type.remote:
            words = f"le {self.type.spoken}"
        else:
            words = "le disque gardé hors du cabinet" if self.hors_site else "le disque du cabinet"
        number = self.nom.rpartition("-")[2]
        return f"{words} n° {number}" if number.isdigit() and int(number) > 1 else words


@dataclass
class Secret:
    kind: SecretKind
    chemin: str | None = None  # the password file, for SecretKind.FILE

    def __post_init__(self) -> None:
        self.kind = SecretKind(self.kind)

    def to_dict(self) -> dict:
        return {"kind": self.kind.value, **({"chemin": self.chemin} if self.chemin else {})}


@dataclass(frozen=True)
class Retired:
    """A disk destination taken out of the set-up: nothing was erased on it."""

    appellation: str  # « le disque gardé hors du cabinet »
    depot: str  # the folder of copies left on it
    date: str  # ISO, when it was taken out

    def to_dict(self) -> dict:
        return {"appellation": self.appellation, "depot": self.depot, "date": self.date}


@dataclass
class BackupConfig:
    dossiers: list[str]
    destinations: list[Destination]
    secret: Secret = field(default_factory=lambda: Secret(SecretKind.KEYRING))
    retention: dict = field(default_factory=lambda: dict(RETENTION))
    # disks taken out of the set-up (« retirer »): their copies stay on them, and `effacer` says so
    retirees: list[Retired] = field(default_factory=list)

    def __post_init__(self) -> None:
        if isinstance(self.secret, dict):  # {"kind": "fichier", "chemin": …} as written in the file
            self.secret = Secret(SecretKind(self.secret.get("kind")), self.secret.get("chemin"))

    def destination(self, name: str) -> Destination:
        found = next((d for d in self.destinations if d.nom == name), None)
        if found is None:
            names = ", ".join(d.named for d in self.destinations)
            raise GardienError(f"Destination inconnue : « {name} ». Destinations : {names}.",
                               "Cette copie n'est pas (ou plus) dans vos sauvegardes : choisissez-en une dans la liste.")
        return found

    def to_dict(self) -> dict:
        return {
            "dossiers": self.dossiers,
            "destinations": [{"nom": d.nom, "type": d.type.value, "depot": d.depot, "hors_site": d.hors_site,
                              **({"appareil": d.appareil.to_dict()} if d.appareil else {})} for d in self.destinations],
            "secret": self.secret.to_dict(),
            "retention": self.retention,
            **({"retirees": [r.to_dict() for r in self.retirees]} if self.retirees else {}),
        }


def path() -> Path:
    return data_dir() / FILE


def save(config: BackupConfig) -> None:
    statefile.write(path(), config.to_dict())


def exists() -> bool:
    return path().is_file()


def load() -> BackupConfig:
    target = path()
    if not target.is_file():
        raise NotConfigured("Aucune sauvegarde n'est configurée : commencez par « gardien sauvegarde configurer » "
                            "(ou la page Sauvegardes de « gardien interface »).",
                            "Aucune sauvegarde n'est encore en place sur cet ordinateur.")
    raw = statefile.read(target)
    try:
        return _parse(raw)
    except (KeyError, TypeError, ValueError) as exc:
        raise DamagedConfig(target, f"{exc.args[0] if exc.args else 'valeur inattendue'} ; vos copies ne sont pas "
                            "touchées, corrigez ce fichier ou faites-vous aider") from exc


def _parse(raw: dict) -> BackupConfig:
    folders = raw.get("dossiers")
    if not isinstance(folders, list) or not folders or not all(isinstance(f, str) and f for f in folders):
        raise ValueError("la liste des dossiers à protéger manque")
    destinations = raw.get("destinations")
    if not isinstance(destinations, list) or not destinations:
        raise ValueError("la liste des destinations manque")
    parsed = []
    for entry in destinations:
        if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) and entry.get(k) for k in ("nom", "depot")):
            raise ValueError("une destination n'a pas de nom ou de dépôt")
        try:
            kind = Kind(entry.get("type"))
        except ValueError:
            raise ValueError(f"type de destination inconnu : « {entry.get('type')} »") from None
        parsed.append(Destination(entry["nom"], kind, entry["depot"], entry.get("hors_site") is True,
                                  Volume.from_dict(entry.get("appareil"))))
    secret = raw.get("secret")
    if not isinstance(secret, dict) or secret.get("kind") not in {k.value for k in SecretKind}:
        raise ValueError("l'endroit où est gardé le mot de passe n'est pas indiqué (« secret »)")
    kind = SecretKind(secret["kind"])
    if kind is SecretKind.FILE and not (isinstance(secret.get("chemin"), str) and secret["chemin"]):
        raise ValueError("le chemin du fichier du mot de passe manque (« secret »)")
    retention = raw.get("retention", RETENTION)
    if not isinstance(retention, dict) or not all(_kept(k, v) for k, v in retention.items()):
        raise ValueError("la durée de conservation (« retention ») n'est pas lisible")
    # a set-up written before round 17 keeps only one copy a day: the recent copies are kept too (RETENTION)
    retention = {**{k: v for k, v in RETENTION.items() if k in ("keep-last", "keep-within")}, **retention}
    retirees = [Retired(r["appellation"], r["depot"], r["date"]) for r in raw.get("retirees", [])
                if isinstance(r, dict) and all(isinstance(r.get(k), str) and r[k] for k in ("appellation", "depot", "date"))]
    return BackupConfig(folders, parsed, Secret(kind, secret.get("chemin") if kind is SecretKind.FILE else None), retention,
                        retirees)


def _kept(key: object, value: object) -> bool:
    """One retention setting as restic reads it: a count, or a duration for keep-within."""
    if key == "keep-within":
        return isinstance(value, str) and bool(DURATION.match(value))
    return isinstance(key, str) and isinstance(value, int) and not isinstance(value, bool) and 0 < value < 10_000


def repository_for(kind: Kind, where: str) -> str:
    """restic's repository string for a destination typed by the user."""
    if kind is Kind.DISK:
        return str(Path(where).expanduser().resolve())
    prefix = f"{kind.value}:"
    return where if where.startswith(prefix) else prefix + where


def home_folders() -> list[Path]:
    """The other visible folders of the home, to be ticked rather than typed (never ticked for her)."""
    home = Path.home()
    try:
        found = sorted((p for p in home.iterdir() if p.is_dir() and not p.is_symlink() and not p.name.startswith(".")
                        and p.name != "snap"),
                       key=lambda p: p.name.casefold())
    except OSError:
        return []
    usual = set(usual_folders())
    return [p for p in found if p not in usual][:20]


def usual_folders() -> list[Path]:
    """Folders worth proposing when they exist: Documents, the Desktop, a "Cabinet" folder.

    The data folders of practice software are not listed: their locations were not verified for any
    product, and a wrong guess would give a false sense of safety. The user adds them with --dossier."""
    home = Path.home()
    candidates = [home / "Documents", home / "Bureau", home / "Desktop", home / "Cabinet"]
    return [p for p in candidates if p.is_dir()]
