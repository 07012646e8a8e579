"""The routines that keep the plan true, and when they run.

- weekly backup (the awareness documents' routine: every week on an external disk);
- a restore test every semester: Gardien's one rhythm for it, everywhere (references.md SAUV-04: MonAideCyber « à
  minima une fois par semestre », the stricter of the rhythms cited; document 000's « vérifier une fois par mois » is
  a check, not a restore);
- the update window the user chooses (document 000's example: a Thursday at 13:00, MonAideCyber:
  a weekly or daily maintenance slot, references.md MAJ-02);
- a quarterly audit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from gardien.errors import GardienError

# the restore test, once a semester (backup/status.py RESTORE_TEST_DAYS): 1 March and 1 September, away from the
# quarterly audit's days and from 1 January
RESTORE_TEST_MONTHS = (3, 9)
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
    message: str  # what to do, in Gardien's interface (notification() adds how to open it)
    when: When
    command: str = ""  # the same on the command line (« sauvegarde lancer »), for who uses a terminal


def notification(routine: Routine, shortcut_places: str, typed: str) -> str:
    """What the notification says: the page of Gardien first; how to open Gardien (its shortcut, where it is, else the
    command that opens it); the command line only after, written as it must be typed (`typed`: launch.typed_anywhere)."""
    text = routine.message
    if shortcut_places:
        text += f" Gardien s'ouvre avec son raccourci « Gardien », {shortcut_places}."
    else:
        text += f" Pour ouvrir Gardien, tapez « {typed} interface » dans un terminal."
    if routine.command:
        text += f" Ou, dans un terminal : « {typed} {routine.command} »."
    return text


def said_when(when: When) -> str:
    """« chaque lundi à 12h30 », « le 1er mars et septembre à 12h30 »: the moment as `rappels etat` and the page say it."""
    from gardien.fr import MONTHS, day_of_month, listed

    clock = f"{when.hour:02d}h{when.minute:02d}"
    if when.weekday is not None:
        return f"chaque {DAYS[when.weekday % 7]} à {clock}"
    if when.months:
        return f"{day_of_month(when.day)} {listed([MONTHS[m - 1] for m in when.months])} à {clock}"
    return f"{day_of_month(when.day)} de chaque mois à {clock}"


def falls_on(when: When, day: date) -> bool:
    """The routine comes on that day (its weekday, or its day of the month in one of its months)."""
    if when.weekday is not None:
        return day.weekday() == when.weekday
    return day.day == when.day and (not when.months or day.month in when.months)


def next_moment(when: When, now: datetime) -> datetime | None:
    """The routine's next moment after `now` (same time zone), None if none within a year and a half."""
    for ahead in range(550):
        day = (now + timedelta(days=ahead)).date()
        moment = datetime.combine(day, time(when.hour, when.minute), tzinfo=now.tzinfo)
        if moment > now and falls_on(when, day):
            return moment
    return None


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
            ("C'est le moment de la sauvegarde de la semaine : branchez le disque, ouvrez Gardien, page « Sauvegardes », "
             "bouton « Sauvegarder maintenant », puis débranchez le disque."),
            When(*backup_time, weekday=backup_day),
            "sauvegarde lancer",
        ),
        Routine(
            "restauration",
            "Test de restauration du semestre",
            ("Une fois par semestre : vérifiez que la sauvegarde se restaure bien. Ouvrez Gardien, page « Sauvegardes », "
             "bouton « Faire une restauration d'essai »."),
            When(12, 30, day=1, months=RESTORE_TEST_MONTHS),
            "sauvegarde verifier",
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
            ("Trois mois ont passé : refaites le bilan de l'ordinateur. Ouvrez Gardien, page « Bilan de l'ordinateur », "
             "bouton « Refaire le bilan », puis suivez « Mon plan »."),
            When(12, 0, day=1, months=(1, 4, 7, 10)),
            "audit",
        ),
    )


def by_id(chosen: tuple[Routine, ...]) -> dict[str, Routine]:
    return {r.id: r for r in chosen}
