"""What a target of `effacer` has to do with Gardien's own backups (backup/config.py, backup/state.py).

- It is, holds or lies inside the folder of copies of a disk destination: refused before anything is touched (one
  wrong path, and a copy of the 3-2-1 rule would be overwritten for good).
- It lies in (or holds) a folder Gardien backs up: the files that were already there at a destination's last backup
  (their status-change time is older than that backup) are also in that copy, which `effacer` does not reach. They
  stay there until the retention settings (config.retention, applied after each complete backup) let them go: said so,
  with how long.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from gardien import fr
from gardien.backup import config as cfg
from gardien.backup import state
from gardien.backup.state import Event
from gardien.effacement.garde import Refused
from gardien.effacement.operation import Plan
from gardien.errors import GardienError
from gardien.launch import quoted

UNREADABLE = ("Sauvegardes : Gardien n'a pas pu lire ses réglages ou son historique de sauvegarde ; il ne peut pas dire "
              "si ces fichiers sont dans vos sauvegardes, ni si ce dossier en contient les copies. Vérifiez-le avant "
              "de confirmer.")
# restic's --keep-* options as config.RETENTION writes them: one copy per …, and how many days one unit lasts
KEEP = {"keep-daily": ("jour", "jours", 1), "keep-weekly": ("semaine", "semaines", 7), "keep-monthly": ("mois", "mois", 31),
        "keep-yearly": ("an", "ans", 366)}


def stay(retention: dict) -> str:
    """How long the copies of an erased file stay in the backups, from the retention settings."""
    # the recent copies (keep-last, keep-within: config.RETENTION) do not make the copies stay longer than the monthly ones
    retention = {key: count for key, count in retention.items() if key not in ("keep-last", "keep-within")}
    known = [(KEEP[key], count) for key, count in retention.items() if key in KEEP]
    said = "Effacer ici ne touche pas ces copies. Elles y restent jusqu'à ce que Gardien les retire"
    if not known or len(known) != len(retention):
        return said + ", selon les réglages de conservation de vos sauvegardes."
    kept = fr.listed([f"une copie par {one} pendant {count} {one if count == 1 else many}" for (one, many, _), count in known])
    longest = max(days * count for (_, _, days), count in known)
    horizon = f"{round(longest / 30.5)} mois" if longest >= 61 else fr.plural(longest, "jour")
    return (f"{said} : il garde {kept}. Comptez environ {horizon} après l'effacement, si vous sauvegardez "
            "régulièrement (plus longtemps sinon).")


@dataclass(frozen=True)
class Backups:
    configuration: cfg.BackupConfig | None  # None: no backup set up, or unreadable
    history: dict
    unreadable: bool = False


def load() -> Backups:
    """Gardien's backup settings and history, never an exception: what cannot be read is said so by `copies_line`."""
    if not cfg.exists():
        return Backups(None, {})
    try:
        return Backups(cfg.load(), state.load() if state.path().exists() else {})
    except GardienError:
        return Backups(None, {}, unreadable=True)


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def refuse_copies(plan: Plan, backups: Backups) -> None:
    """Refused when the target is, holds or lies inside the folder of copies of one of Gardien's backup disks."""
    if backups.configuration is None:
        return
    real = plan.target.resolve()
    for destination in backups.configuration.destinations:
        if destination.type.remote:
            continue
        copies = Path(destination.depot).resolve()
        folder = f"le dossier où Gardien garde vos copies de sauvegarde sur {destination.spoken}"
        if real == copies:
            where = f"{plan.target} est {folder}"
        elif copies in real.parents:
            where = f"{plan.target} est à l'intérieur du dossier où Gardien garde vos copies de sauvegarde sur " \
                    f"{destination.spoken} ({copies})"
        elif real in copies.parents:
            where = f"{plan.target} contient {folder} ({copies})"
        else:
            continue
        said = (f"{where}. C'est une des copies chiffrées de vos dossiers. L'effacer détruirait cette copie pour de "
                "bon, et la règle 3-2-1 (3 copies, sur 2 supports, dont 1 hors ligne ou hors du cabinet) ne serait plus "
                "tenue. Gardien ne l'efface donc pas. Pour ne plus utiliser ce disque pour vos sauvegardes, retirez-le "
                "d'abord des réglages de sauvegarde")
        raise Refused(f"{said} : gardien sauvegarde retirer --destination {quoted(destination.nom)}",
                      f"{said} : bouton « Retirer cette copie » de la page Sauvegardes.")


def _last_backup(entry: dict) -> datetime | None:
    dates = []
    for event in (Event.BACKUP, Event.PARTIAL):
        try:
            moment = datetime.fromisoformat(entry.get(event.value, {}).get("date", ""))
        except ValueError:
            continue
        dates.append(moment if moment.tzinfo else moment.astimezone())
    return max(dates, default=None)


def copies_line(plan: Plan, backups: Backups) -> str:
    """« Sauvegardes : ce fichier est aussi dans … » when some of the plan's files are in Gardien's backups; "" when
    none is, or no backup is set up."""
    if backups.unreadable:
        return UNREADABLE
    if backups.configuration is None:
        return ""
    real = plan.target.resolve()
    protected = [Path(folder).expanduser().resolve() for folder in backups.configuration.dossiers]
    changed = []  # the status-change time of each file inside a protected folder
    for entry in plan.files:
        path = real / entry.path.relative_to(plan.target) if entry.path != plan.target else real
        if any(_inside(path, folder) for folder in protected):
            try:
                changed.append(datetime.fromtimestamp(os.lstat(entry.path).st_ctime).astimezone())
            except OSError:
                continue
    if not changed:
        return ""
    return " ".join(part for part in (_held_line(plan, backups, changed), _retired_line(backups)) if part)


def _retired_line(backups: Backups) -> str:
    """The disks taken out of the backups keep their copies, which Gardien no longer follows (walkthrough, round 15)."""
    retired = backups.configuration.retirees
    if not retired:
        return ""
    named = fr.listed([f"{r.appellation}, retiré le {fr.day(r.date)} (dossier {r.depot})" for r in retired])
    one = len(retired) == 1
    return (f"Retiré{'' if one else 's'} des sauvegardes : {named}. Rien n'y a été effacé : "
            f"{'il peut' if one else 'ils peuvent'} encore garder des copies de ces fichiers, que Gardien ne suit plus. "
            f"Si {'ce disque' if one else 'un de ces disques'} quitte le cabinet, effacez-les aussi.")


def _held_line(plan: Plan, backups: Backups, changed: list[datetime]) -> str:
    held = []
    for destination in backups.configuration.destinations:
        last = _last_backup(backups.history.get(destination.nom, {}))
        count = sum(1 for moment in changed if last is not None and moment <= last)
        if count:
            held.append((destination, last, count))
    if not held:
        return ""
    where = fr.listed([f"{d.spoken} (sauvegarde du {fr.day(last)})" for d, last, _ in held])
    total = len(plan.files)
    if total == 1:
        return f"Sauvegardes : ce fichier est aussi dans vos sauvegardes Gardien, sur {where}. {stay(backups.configuration.retention)}"
    if all(count == total for _, _, count in held):
        return (f"Sauvegardes : ces {total} fichiers sont aussi dans vos sauvegardes Gardien, sur {where}. "
                f"{stay(backups.configuration.retention)}")
    counted = fr.listed([f"{count} sur {d.spoken} (sauvegarde du {fr.day(last)})" for d, last, count in held])
    return (f"Sauvegardes : une partie de ces {total} fichiers est aussi dans vos sauvegardes Gardien : {counted}. "
            f"{stay(backups.configuration.retention)}")
