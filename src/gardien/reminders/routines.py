"""The routines that keep the plan true, and when they run.

- weekly backup (the awareness documents' routine: every week on an external disk);
- monthly restore test (document 000: check once a month that the backup still works);
- the update window the user chooses (document 000's example: a Thursday at 13:00, MonAideCyber:
  a weekly or daily maintenance slot, references.md MAJ-02);
- a quarterly audit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gardien.errors import GardienError

DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


@dataclass(frozen=True)
class When:
    """A recurring moment: every week on `weekday` (0 = Monday), or on `day` of `months` (None = every month)."""

    hour: int
    minute: int
    weekday: int | None = None
    day: int | None = None
    months: tuple[int, ...] | None = None


@dataclass(frozen=True)
class Routine:
    id: str
    title: str
    message: str  # what the notification says, pointing to the command to run
    when: When


def parse_day(text: str) -> int:
    word = text.strip().lower()
    if word not in DAYS:
        raise GardienError(f"Jour inconnu : « {text} ». Choisissez parmi : {', '.join(DAYS)}.")
    return DAYS.index(word)


def parse_time(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d{1,2})(?:[:h](\d{2}))?\s*", text.lower())
    if not match or int(match.group(1)) > 23 or int(match.group(2) or 0) > 59:
        raise GardienError(f"Heure invalide : « {text} ». Écrivez par exemple 13:00 ou 13h30.")
    return int(match.group(1)), int(match.group(2) or 0)


def routines(update_day: int = 3, update_time: tuple[int, int] = (13, 0),
             backup_day: int = 0, backup_time: tuple[int, int] = (12, 30)) -> tuple[Routine, ...]:
    """The four routines, with the days and hours the user chose (defaults: updates on Thursday 13:00)."""
    return (
        Routine(
            "sauvegarde",
            "Sauvegarde de la semaine",
            ("C'est le moment de la sauvegarde de la semaine : branchez le disque, lancez « gardien sauvegarde lancer » "
             "(ou la page Sauvegardes de « gardien interface »), puis débranchez-le."),
            When(*backup_time, weekday=backup_day),
        ),
        Routine(
            "restauration",
            "Test de restauration du mois",
            ("Une fois par mois : vérifiez que la sauvegarde se restaure bien avec « gardien sauvegarde verifier » "
             "(ou « Faire une restauration d'essai » dans « gardien interface »)."),
            When(12, 30, day=1),
        ),
        Routine(
            "mises_a_jour",
            "Créneau des mises à jour",
            "C'est votre créneau de mises à jour : installez-les et redémarrez maintenant, pas en pleine consultation.",
            When(*update_time, weekday=update_day),
        ),
        Routine(
            "bilan",
            "Bilan trimestriel",
            ("Trois mois ont passé : refaites le bilan de l'ordinateur avec « gardien audit », puis « gardien plan » "
             "(ou depuis « gardien interface »)."),
            When(12, 0, day=1, months=(1, 4, 7, 10)),
        ),
    )


def by_id(chosen: tuple[Routine, ...]) -> dict[str, Routine]:
    return {r.id: r for r in chosen}
