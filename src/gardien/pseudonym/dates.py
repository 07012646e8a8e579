"""French dates: read them, shift them by one secret offset (intervals kept), or make them relative (J0, J+3)."""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {
    "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "fevr": 2, "mars": 3, "avril": 4, "avr": 4, "mai": 5,
    "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8, "septembre": 9, "sept": 9, "octobre": 10, "oct": 10,
    "novembre": 11, "nov": 11, "décembre": 12, "decembre": 12, "déc": 12, "dec": 12,
}
MONTH_NAMES = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]


NUMBER_WORDS = {
    "un": 1, "une": 1, "premier": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9,
    "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20, "trente": 30,
    "quarante": 40, "cinquante": 50, "soixante": 60, "cent": 100, "cents": 100, "mil": 1000, "mille": 1000, "et": 0,
}


def words_number(text: str) -> int | None:
    """French number words to an int: « vingt-deux » 22, « mil neuf cent cinquante-trois » 1953."""
    total, current = 0, 0
    for word in re.split(r"[\s-]+", text.lower().strip()):
        if word not in NUMBER_WORDS:
            return None
        value = NUMBER_WORDS[word]
        if value == 1000:
            total += (current or 1) * 1000
            current = 0
        elif value == 100:
            current = (current or 1) * 100
        elif word == "vingt" and current % 100 == 4:  # quatre-vingt
            current = current - 4 + 80
        else:
            current += value
    return total + current


def _year(text: str) -> int:
    value = int(text)
    if len(text) == 2:
        return 2000 + value if value <= date.today().year % 100 else 1900 + value
    return value


def parse_date(text: str) -> date | None:
    """12/05/1985, 12-05-85, 22|8|1923, 08 . 04 . 1941, 1985-05-12, 1er mars 2024, 12 mars 2024, mars 2024, 03/2024,
    vingt-deux août mil neuf cent cinquante-trois; None otherwise (and for a day and month without year)."""
    text = re.sub(r"\s*([|./-])\s*(?=\d)", r"\1", text.strip().lower()).replace("|", "/")
    if re.fullmatch(r"\d{1,2} \d{1,2} \d{4}", text):
        text = text.replace(" ", "/")
    text = re.sub(r"^(\d{4})[/.](\d{2})[/.](\d{2})$", r"\1-\2-\3", text).replace(",", "")
    if m := re.fullmatch(r"([a-zéû]+)\s+(\d{2})", text):  # « décembre 93 »
        text = f"{m.group(1)} {_year(m.group(2))}"
    if words := _in_words(text):
        return words
    try:
        if m := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})", text):
            return date(_year(m.group(3)), int(m.group(2)), int(m.group(1)))
        if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text):
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m := re.fullmatch(r"(?:\w+\s+)?(1er|\d{1,2})\s+([a-zéû]+)\.?\s+(\d{4})", text):
            month = MONTHS.get(m.group(2))
            return date(int(m.group(3)), month, 1 if m.group(1) == "1er" else int(m.group(1))) if month else None
        if m := re.fullmatch(r"([a-zéû]+)\s+(\d{4})", text):
            month = MONTHS.get(m.group(1))
            return date(int(m.group(2)), month, 1) if month else None
        if m := re.fullmatch(r"(\d{1,2})[/.-](\d{4})", text):
            return date(int(m.group(2)), int(m.group(1)), 1)
        if m := re.fullmatch(r"(19|20)\d{2}", text):
            return date(int(text), 1, 1)
    except ValueError:
        return None
    return None


def parse_day_month(text: str) -> tuple[int, int] | None:
    """« 20 octobre », « lundi 2 mars », « 12/03 »: (day, month) of a date written without its year."""
    text = text.strip().lower()
    if m := re.fullmatch(r"(?:\w+\s+)?(1er|\d{1,2})\s+([a-zéû]+)\.?", text):
        month = MONTHS.get(m.group(2))
        return (1 if m.group(1) == "1er" else int(m.group(1)), month) if month else None
    if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})", text):
        return int(m.group(1)), int(m.group(2))
    return None


def in_year(day_month: tuple[int, int], year: int) -> date | None:
    try:
        return date(year, day_month[1], day_month[0])
    except ValueError:  # 29 February of a common year
        return None


def _in_words(text: str) -> date | None:
    m = re.fullmatch(r"(.+?)\s+([a-zéû]+)\s+(.+)", text)
    if not m or m.group(2) not in MONTHS or not re.search(r"[a-z]", m.group(1)):
        return None
    day, year = words_number(m.group(1)), (int(m.group(3)) if m.group(3).isdigit() else words_number(m.group(3)))
    try:
        return date(year, MONTHS[m.group(2)], day) if day and year else None
    except ValueError:
        return None


def year_only(text: str) -> bool:
    """« 2019 »: a year says no day, so it is never J0 nor a number of days from it."""
    return bool(re.fullmatch(r"(19|20)\d{2}", text.strip()))


def shifted(original: str, when: date, offset: timedelta) -> str:
    """The same kind of writing, moved by the secret offset."""
    moved = when + offset
    text = original.strip().lower()
    if re.fullmatch(r"(19|20)\d{2}", text):
        return str(moved.year)
    if re.fullmatch(r"[a-zéû]+\s+\d{4}|\d{1,2}[/.-]\d{4}", text):
        return f"{MONTH_NAMES[moved.month - 1]} {moved.year}"
    if re.search(r"[a-zéû]", text):
        return f"{moved.day} {MONTH_NAMES[moved.month - 1]} {moved.year}"
    return moved.strftime("%d/%m/%Y")


def shifted_day_month(original: str, when: date, offset: timedelta) -> str:
    """A day and month without year, moved by the secret offset and written the same way (« 20 octobre » or « 20/10 »)."""
    moved = when + offset
    if "/" in original:
        return f"{moved.day:02d}/{moved.month:02d}"
    return f"{moved.day} {MONTH_NAMES[moved.month - 1]}"


def relative(when: date, reference: date) -> str:
    days = (when - reference).days
    return "J0" if days == 0 else f"J{days:+d}"


def age_on(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def age_words(birth: date, on: date) -> str:
    """An age as a letter says it: « 35 ans », « 1 an », a newborn's « 3 mois » or « 12 jours » (« 0 ans » says nothing
    of a baby, and its age in weeks is what the care depends on)."""
    years = age_on(birth, on)
    if years >= 2:
        return f"{years} ans"
    if years == 1:
        return "1 an"
    months = (on.year - birth.year) * 12 + on.month - birth.month - (on.day < birth.day)
    if months >= 1:
        return f"{months} mois"
    days = (on - birth).days
    return f"{days} jour{'s' if days > 1 else ''}" if days >= 1 else "moins d'un jour"
