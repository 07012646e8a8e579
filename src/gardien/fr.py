"""Dates, durations and numbers written as people write them in France (29/11/2026, « le 1er », « hier », 2,5).

One place for these, used by the command line, the reports and the web pages alike.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import TypeVar

E = TypeVar("E", bound=StrEnum)


def _as_date(value: date | datetime | str) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return datetime.fromisoformat(value).date()
    except (TypeError, ValueError):
        return None


def day(value: date | datetime | str | None) -> str:
    """« 29/11/2026 »; an ISO string is accepted; what is not a date comes back unchanged (or empty)."""
    if value is None or value == "":
        return ""
    parsed = _as_date(value)
    return parsed.strftime("%d/%m/%Y") if parsed else str(value)


def day_and_time(value: datetime | str | None) -> str:
    """« 29/11/2026 à 14h05 »."""
    if not value:
        return ""
    try:
        moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    except ValueError:
        return str(value)
    return f"{moment.strftime('%d/%m/%Y')} à {moment.hour}h{moment.minute:02d}"


DAYS_BACK = {"aujourd'hui": 0, "hier": 1, "avant-hier": 2}
TYPED_EXAMPLES = ("23/11/2026, 23/11/26, 23/11, « 23 novembre 2026 », « hier » ou « aujourd'hui », avec l'heure si vous "
                  "la savez (« hier 14h05 »)")
# « le 28 novembre vers 18h », « le lundi 28/11 à 18 heures », « hier vers 18h » (walkthrough round 16): the words
# people put around a date and an hour are read, not refused
_TYPED = re.compile(
    r"^(?:le\s+)?(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?"
    r"(?:(?P<back>aujourd'hui|avant-hier|hier)"
    r"|(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})(?:[/.-](?P<y>\d{4}|\d{2}))?"
    r"|(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})"
    r"|(?P<wd>\d{1,2})(?:er)?\s+(?P<wm>[^\W\d_]+)\.?(?:\s+(?P<wy>\d{4}))?)"  # « 29 novembre 2026 », « 1er déc. »
    r"(?:[ T]*(?:(?:à|a|vers|aux alentours de)\s+|à)?(?P<h>\d{1,2})\s*(?:(?::|h(?:eures?)?)\s*(?P<mi>\d{2})?)?)?$",
    re.IGNORECASE)


def typed_moment(text: str, now: datetime | None = None) -> datetime:
    """A date as people type it: « 23/11/2026 », « 3/2/26 », « 23/11 » (the last such day not in the future),
    « hier », « avant-hier », « aujourd'hui », ISO « 2026-11-23 », each with an optional time (« 14h05 », « 14:05 »,
    « à 14h »). Local time zone; midnight when no time is given. ValueError when it is none of these, or impossible
    (31/02)."""
    now = now or datetime.now().astimezone()
    cleaned = " ".join(str(text or "").replace("\u2019", "'").split())
    match = _TYPED.match(cleaned)
    if not match:
        raise ValueError(cleaned)
    parts = match.groupdict()
    hour, minute = int(parts["h"] or 0), int(parts["mi"] or 0)
    if parts["back"]:
        day_ = (now - timedelta(days=DAYS_BACK[parts["back"].lower()])).date()
        return datetime(day_.year, day_.month, day_.day, hour, minute, tzinfo=now.tzinfo)
    if parts["iy"]:
        return datetime(int(parts["iy"]), int(parts["im"]), int(parts["id"]), hour, minute, tzinfo=now.tzinfo)
    if parts["wm"]:
        parts.update(d=parts["wd"], m=str(_month_named(parts["wm"], cleaned)), y=parts["wy"])
    year = parts["y"]
    full_year = int(year) + 2000 if year and len(year) == 2 else int(year or now.year)
    moment = datetime(full_year, int(parts["m"]), int(parts["d"]), hour, minute, tzinfo=now.tzinfo)
    if not year and moment > now:
        moment = moment.replace(year=moment.year - 1)
    return moment


def _month_named(word: str, typed: str) -> int:
    """1-12 for a French month written whole or shortened (« novembre », « nov », « déc », « fevrier »); ValueError
    for any other word or an ambiguous start (« ju »)."""
    key = _bare(word).lower()
    found = [n for n, name in enumerate(MONTHS, 1) if _bare(name).startswith(key)] if len(key) >= 3 else []
    if len(found) != 1:
        raise ValueError(typed)
    return found[0]


def _bare(text: str) -> str:
    """`text` without its accents (« décembre » -> « decembre »): what people type without them is understood."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def typed_time_given(text: str) -> bool:
    """Whether a date typed for typed_moment names a time of day (« hier 18h ») or only a day (« hier »)."""
    match = _TYPED.match(" ".join(str(text or "").replace("\u2019", "'").split()))
    return bool(match and match.group("h"))


def days_ago(days: int) -> str:
    """« aujourd'hui », « hier », « il y a 12 jours »; a negative count (a date in the future) is not a date we know."""
    if days < 0:
        return "à une date inconnue (elle est dans le futur)"
    if days == 0:
        return "aujourd'hui"
    if days == 1:
        return "hier"
    return f"il y a {days} jours"


def relative_day(value: date | datetime | str | None, today: date | None = None) -> str:
    """« aujourd'hui », « hier », « le 29/11/2026 »: how a date in the past reads best in a sentence."""
    parsed = _as_date(value) if value else None
    if parsed is None:
        return "à une date inconnue"
    delta = ((today or date.today()) - parsed).days
    if delta in (0, 1):
        return days_ago(delta)
    return f"le {day(parsed)}"


def duration(seconds: int) -> str:
    """A delay in plain French: « immédiatement », « 30 secondes », « 5 minutes », « 1 h 30 », « 4 h »."""
    if seconds <= 0:
        return "immédiatement"
    if seconds < 60:
        return plural(seconds, "seconde")
    if seconds < 3600:
        return plural(round(seconds / 60), "minute")
    hours, rest = divmod(round(seconds / 60), 60)
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")


def month(value: date) -> str:
    """« septembre 2026 »: for a date known only roughly."""
    return f"{MONTHS[value.month - 1]} {value.year}"


def day_of_month(number: int) -> str:
    """« le 1er », « le 15 »."""
    return "le 1er" if number == 1 else f"le {number}"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """« 1 fichier », « 3 fichiers », « 0 fichier » (French uses the singular for 0 and 1)."""
    word = singular if abs(count) < 2 else (plural_form or singular + "s")
    return f"{count} {word}"


def decimal(value: float, digits: int = 1) -> str:
    """« 2,5 », « 1 234,5 »: a decimal comma and a narrow no-break space between thousands."""
    text = f"{value:,.{digits}f}"
    return text.replace(",", "\u202f").replace(".", ",")


def percent(value: float, digits: int = 0) -> str:
    """0.954 -> « 95 % » (a no-break space before the sign, as French typography wants)."""
    return f"{decimal(value * 100, digits)}\u00a0%"


def size(count: int) -> str:
    """A file size as a French reader writes it: « 812 octets », « 245 ko », « 3,4 Mo », « 1,2 Go »."""
    if count < 1000:
        return plural(count, "octet")
    for unit, scale in (("ko", 1000), ("Mo", 1000**2), ("Go", 1000**3)):
        value = count / scale
        digits = 0 if value >= 100 else 1
        if round(value, digits) < 1000 or unit == "Go":
            return f"{decimal(value, digits).removesuffix(',0')}\u00a0{unit}"
    raise AssertionError("unreachable")


def capitalised(text: str) -> str:
    """The first letter in capitals, the rest untouched (« le serveur SFTP » -> « Le serveur SFTP »; str.capitalize
    would lower « SFTP »)."""
    return text[:1].upper() + text[1:]


def after_colon(text: str) -> str:
    """A sentence that follows « : » opens in lower case, as French writes it (« Pourquoi c'est important : un
    compte… »); a word in capitals (« ANSSI », « PIN ») keeps them."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def fingerprint(digest: str) -> str:
    """« 3f2a 9c01 be77… »: the first 12 characters of a SHA-256, in groups of four joined by no-break spaces (never cut
    at the end of a line), enough to compare by eye with a printed copy; files keep the whole value."""
    head = digest[:12]
    return "\u00a0".join(head[i:i + 4] for i in range(0, len(head), 4)) + ("…" if len(digest) > 12 else "")


def de(name: str) -> str:
    """« de La Poste », « d'Ameli », « de l'Assurance Maladie », « du Crédit Agricole », « des Finances publiques »: the
    preposition elided before a vowel or a mute h, joined to the article « le » or « les ». A name that takes an
    article is given with it (domains.organisation_named does so for the organisations the mail analyser knows)."""
    if name.startswith(("le ", "les ")):
        return ("du " if name.startswith("le ") else "des ") + name.split(" ", 1)[1]
    return f"d'{name}" if name[:1].lower() in "aeiouyhàâäéèêëîïôöùûü" else f"de {name}"


NO_BREAK_SPACE = "\u00a0"
# the space just inside guillemets: « Standard » is never cut there at the end of a line
INSIDE_GUILLEMETS = re.compile(r"(?<=«) | (?=»)")


def listed(items: list[str], conjunction: str = "et") -> str:
    """« a, b et c » (or « a, b ou c »): the items of a non-empty list as a sentence says them."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


def quoted(items: Iterable[str]) -> str:
    """« a », « b », « c »: a few examples told in a sentence, not as a program writes it (['a', 'b'])."""
    return ", ".join(f"« {item} »" for item in items)


def quoted_listed(items: Iterable[str]) -> str:
    """« a », « b » et « c »: a whole list of names, each quoted, as a sentence says them ("" for none)."""
    named = [f"« {item} »" for item in items]
    return listed(named) if named else ""


def hold_guillemets(text: str) -> str:
    """« Standard » with a no-break space just inside each guillemet: no line ends with a lone « nor starts with a
    lone » (in a web page, in a wrapped terminal paragraph)."""
    return INSIDE_GUILLEMETS.sub(NO_BREAK_SPACE, text)


def _choice_key(text: str) -> str:
    return re.sub(r"[\s_-]+", "_", _bare(str(text)).casefold()).strip("_")


def typed_choice(typed: str, known: Iterable[str]) -> str | None:
    """The value of `known` she meant, or None: capitals, accents and what separates the words do not matter
    (« fausse alerte », « Fausse-alerte » and « fausse_alerte » are one choice). One place for every option whose
    value is one word of a list."""
    wanted = _choice_key(typed)
    return next((value for value in known if _choice_key(value) == wanted), None)


def enum_choice(kind: type[E], typed: str, what: str) -> E:
    """The member of the enum `kind` she typed (typed_choice); GardienError listing the choices when it is none of
    them. `what` follows « pour » (« l'appareil », « la nature »)."""
    from gardien.errors import GardienError

    value = typed_choice(str(typed or ""), [member.value for member in kind])
    if value is None:
        raise GardienError(f"Valeur inconnue pour {what} : « {typed} ». Choisissez parmi : "
                           + ", ".join(member.value for member in kind) + ".")
    return kind(value)
