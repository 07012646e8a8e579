"""Whether the emergency mode is open, since when, why, and which instruction the practitioner has reached.

Opening it starts an incident in the journal; closing it says how it ended (an attack, or a false alarm — a false
alarm is not a personal data breach and does not go to the breach register).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from gardien import statefile
from gardien.errors import GardienError
from gardien.paths import data_dir
from gardien.urgence import journal
from gardien.urgence.journal import EntryKind

FILE = "urgence.json"


class Origin(StrEnum):
    ALERT = "alerte"  # the tripwire went off
    USER = "utilisateur"  # the practitioner opened it


class Outcome(StrEnum):
    ATTACK = "attaque"
    FALSE_ALARM = "fausse_alerte"


# how to close it when it was opened for nothing (the command line; the page has its own button)
FALSE_ALARM_HINT = "Fausse alerte ? Fermez le mode urgence : gardien urgence terminer --issue \"fausse alerte\""
OUTCOME_LABEL = {Outcome.ATTACK: "attaque confirmée ou probable", Outcome.FALSE_ALARM: "fausse alerte"}


@dataclass(frozen=True)
class Emergency:
    active: bool
    incident: str
    opened_at: str
    origin: Origin
    step: int  # index of the instruction shown

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Emergency:
        try:
            return cls(bool(raw["active"]), str(raw["incident"]), str(raw["ouvert_le"]), Origin(raw["origine"]),
                       int(raw.get("etape", 0)))
        except (KeyError, ValueError, TypeError) as exc:
            raise statefile.DamagedState(path(), "ce n'est pas un état d'urgence que Gardien sait lire") from exc


def path() -> Path:
    return data_dir() / FILE


def current() -> Emergency | None:
    """The open emergency, or None."""
    raw = statefile.read(path(), default=dict)
    if not raw.get("active"):
        return None
    return Emergency.from_dict(raw)


def open_(origin: Origin, reason: str, details: dict[str, Any] | None = None) -> Emergency:
    """Open the emergency mode (or keep the one already open) and write why in the journal."""
    with statefile.updating(path(), default=dict) as raw:
        if raw.get("active"):
            emergency = Emergency.from_dict(raw)
            kind = EntryKind.ALERT if origin is Origin.ALERT else EntryKind.NOTE
            journal.append(emergency.incident, kind, reason, details)
            return emergency
        incident = journal.new_incident_id()
        journal.append(incident, EntryKind.OPENED, "Mode urgence ouvert " + (
            "par l'alerte de la veille de Gardien." if origin is Origin.ALERT else "à la main."))
        if origin is Origin.ALERT:
            journal.append(incident, EntryKind.ALERT, reason, details)
        elif reason:
            journal.append(incident, EntryKind.NOTE, reason, details)
        raw.clear()
        raw.update({"active": True, "incident": incident, "ouvert_le": datetime.now().astimezone().isoformat(timespec="seconds"),
                    "origine": origin.value, "etape": 0})
        return Emergency.from_dict(raw)


def set_step(step: int) -> None:
    with statefile.updating(path(), default=dict) as raw:
        if raw.get("active"):
            raw["etape"] = max(0, step)


def close(outcome: Outcome, note: str = "") -> Emergency:
    with statefile.updating(path(), default=dict) as raw:
        if not raw.get("active"):
            raise GardienError("Le mode urgence n'est pas ouvert.")
        emergency = Emergency.from_dict(raw)
        text = f"Mode urgence fermé : {OUTCOME_LABEL[outcome]}." + (f" {note.strip()}" if note.strip() else "")
        journal.append(emergency.incident, EntryKind.CLOSED, text, {"issue": outcome.value})
        raw["active"] = False
        raw["ferme_le"] = datetime.now().astimezone().isoformat(timespec="seconds")
        raw["issue"] = outcome.value
    return emergency
