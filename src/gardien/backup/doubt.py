"""Before a backup: do the files about to be copied look encrypted? (walkthrough, round 17, S1)

A backup made after files were silently encrypted copies the encrypted files; the old retention then erased the day's
clean copy. So before backing up, the watch's own test (veille/detector.at_rest: the same signatures, the same
threshold as its alarm) reads the first bytes of every document changed since the last backup. When they look
encrypted, Gardien does not back up and says why; she looks at the files, and goes on only if they open normally
(`--malgre-doute` on the command line, « Sauvegarder quand même » on the page). A backup made despite the doubt prunes
no old copy (operations.run_backup).

While the emergency mode is open (an alert of the watch not closed), backups are refused before this (emergency.py).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from gardien import fr
from gardien.backup import config as cfg
from gardien.backup import state
from gardien.backup.state import Event
from gardien.errors import GardienError

ANYWAY_OPTION = "--malgre-doute"
ANYWAY_HELP = ("Sauvegarder même si des documents semblent chiffrés (seulement après les avoir ouverts : s'ils s'ouvrent "
               "normalement). Aucune ancienne copie n'est alors retirée.")
SHOWN = 3


class FilesLookEncrypted(GardienError):
    """Documents about to be copied look encrypted: nothing was backed up."""

    def __init__(self, lost: tuple[str, ...]) -> None:
        shown = fr.quoted(list(lost[:SHOWN]))
        more = f" et {fr.plural(len(lost) - SHOWN, 'autre')}" if len(lost) > SHOWN else ""
        why = (f"Gardien a vu des documents qui semblent chiffrés : ne sauvegardez pas avant d'avoir vérifié. "
               f"{fr.plural(len(lost), 'document modifié', 'documents modifiés')} depuis la dernière sauvegarde "
               f"{'a' if len(lost) == 1 else 'ont'} un contenu illisible, comme après un rançongiciel : {shown}{more}. "
               "Rien n'a été sauvegardé : vos copies d'avant restent telles quelles. Essayez d'ouvrir ces documents. "
               "S'ils ne s'ouvrent pas, c'est peut-être une attaque : débranchez le disque de sauvegarde et suivez les "
               "consignes du mode urgence")
        super().__init__(f"{why} (gardien urgence). S'ils s'ouvrent normalement, sauvegardez quand même : gardien "
                         f"sauvegarde lancer {ANYWAY_OPTION}",
                         f"{why} (page « En cas d'attaque »). S'ils s'ouvrent normalement, vous pouvez sauvegarder quand "
                         "même avec le bouton ci-dessous.")
        self.lost = lost


def last_backup(configuration: cfg.BackupConfig) -> float | None:
    """Since when the files are already in every copy: the oldest of the destinations' last backups (complete or
    partial); None when one destination has none (every file is then about to be copied)."""
    history = state.load() if state.path().exists() else {}
    moments = []
    for destination in configuration.destinations:
        dates = [history.get(destination.nom, {}).get(event.value, {}).get("date") for event in (Event.BACKUP, Event.PARTIAL)]
        found = [datetime.fromisoformat(d).timestamp() for d in dates if isinstance(d, str)]
        if not found:
            return None
        moments.append(max(found))
    return min(moments) if moments else None


def refuse_if_doubtful(configuration: cfg.BackupConfig, anyway: bool = False) -> None:
    """FilesLookEncrypted when the documents changed since the last backup look encrypted, unless she said to go on."""
    if anyway:
        return
    from gardien.veille import detector

    folders = [Path(f) for f in configuration.dossiers if Path(f).is_dir()]
    found = detector.at_rest([str(f) for f in folders], last_backup(configuration))
    if found.alarming:
        raise FilesLookEncrypted(tuple(_short(p, folders) for p in found.lost_files or [e.path for e in found.evidence]))


def _short(path: str, folders: list[Path]) -> str:
    """« Cabinet/courriers/bilan.txt.locked »: from the protected folder's name, as she knows it."""
    for folder in folders:
        if Path(path).is_relative_to(folder):
            return str(folder.name / Path(path).relative_to(folder))
    return path
