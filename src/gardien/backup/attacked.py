"""Which copies were made during an attack (round 18): after the first sign of encryption and before the incident was
closed. After ransomware the newest copy may hold encrypted files; a restore is steered to the newest copy made before
the attack, and the copies made during it are said « peut contenir des fichiers chiffrés ».

The attacks are the incidents of the journal not closed as a false alarm. Each starts at the watch's first sign of
encryption or at the moment she said her files stopped opening (journaled, round 19: the earlier of the two), else at
the opening of the emergency mode (opened by hand: the files may have stopped opening earlier, which only she knows). It ends when she closed
the incident as an attack, once the computer was cleaned: copies made after that are made on a clean computer.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from gardien.errors import GardienError

if TYPE_CHECKING:
    from gardien.backup.operations import Snapshot


@dataclass(frozen=True)
class Attack:
    start: datetime
    end: datetime | None  # closed (the computer cleaned); None: the incident is still open
    seen_by_watch: bool  # start is the watch's first sign; else the moment she declared, or the opening
    declared: bool = False  # start is the moment she said her files stopped opening (round 19)

    @property
    def said(self) -> str:
        """« le premier signe de chiffrement vu par la veille (28/11 à 18:00) »."""
        from gardien.backup.operations import moment_label

        if self.seen_by_watch:
            return f"le premier signe de chiffrement vu par la veille ({moment_label(self.start)})"
        if self.declared:
            return f"le moment où vos fichiers ont cessé de s'ouvrir, déclaré par vous ({moment_label(self.start)})"
        return f"l'ouverture du mode urgence ({moment_label(self.start)})"

    def holds(self, taken: datetime) -> bool:
        return self.start <= taken and (self.end is None or taken <= self.end)


def _incidents() -> list:
    """The journal's incidents, oldest first; [] when the journal cannot be read (said on its own page)."""
    from gardien.urgence import incident

    try:
        return incident.all_incidents()
    except (GardienError, OSError, ValueError, sqlite3.Error):
        return []


def attacks() -> list[Attack]:
    """The journal's incidents that were not false alarms, oldest first."""
    from gardien.urgence.incident import OnsetSource

    return [Attack(i.onset, i.closed_at, i.onset_source is OnsetSource.WATCH, i.onset_source is OnsetSource.DECLARED)
            for i in _incidents() if not i.false_alarm]


def incident_starts() -> list[datetime]:
    """The start of every incident, false alarms included: the copy made before each is kept (keep_before_alerts)."""
    return [i.onset for i in _incidents()]


def during(snapshot: Snapshot, known: list[Attack]) -> Attack | None:
    """The attack a copy was made during, or None."""
    return next((a for a in reversed(known) if a.holds(snapshot.taken)), None)


def newest_clean(found: list[Snapshot], known: list[Attack]) -> Snapshot | None:
    """The newest copy made outside every attack (`found`: most recent first), or None."""
    return next((s for s in found if during(s, known) is None), None)


def marked(snapshot: Snapshot, known: list[Attack], clean: Snapshot | None) -> str:
    """The copy's label, with what an attack says of it: « copie du 28/11 à 19:00 — faite après le premier signe … :
    peut contenir des fichiers chiffrés »; « — la dernière d'avant l'attaque » for the one to restore."""
    attack = during(snapshot, known)
    if attack is not None:
        return f"{snapshot.label} — faite après {attack.said} : peut contenir des fichiers chiffrés"
    if clean is not None and snapshot.id == clean.id and any(a.start > snapshot.taken for a in known):
        return f"{snapshot.label} — la dernière d'avant l'attaque"
    return snapshot.label


def steered(found: list[Snapshot], known: list[Attack]) -> Snapshot | None:
    """The copy a restore takes when she names none: None (the newest) unless the newest was made during an attack;
    then the newest made before (None too when every copy was made during one: nothing better to take)."""
    if not found or during(found[0], known) is None:
        return None
    return newest_clean(found, known)
