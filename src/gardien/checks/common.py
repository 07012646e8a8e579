"""Helpers shared by several checks (this module is not a check: only sub-packages are)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from gardien import fr
from gardien.core.context import CannotTell, Context
from gardien.parsers import UnknownFormat
from gardien.parsers import windows as w
from gardien.parsers.windows import parse_lines
from gardien.probes.readers import APPLICATIONS_HEADER


def installed_programs(ctx: Context) -> list[str]:
    """Names of installed programs on any platform; CannotTell when the list could not be read whole.

    Windows: the machine-wide uninstall list must be read (the user's list and the Store apps only add
    to it); an empty list is never "nothing installed".
    """
    if ctx.platform == "windows":
        text = ctx.optional("uninstall_hklm", ok_codes=(0,))
        names = w.reg_display_names(text) if text is not None else []
        if not names:
            raise CannotTell("Gardien n'a pas pu lire la liste des programmes installés.")
        for probe in ("uninstall_hklm32", "uninstall_hkcu"):
            names += w.reg_display_names(ctx.optional(probe, ok_codes=(0, 1)) or "")
        try:
            appx = w.complete_lines(ctx.optional("appx") or "")
        except UnknownFormat:
            appx = []
        names += [name for name in appx if re.fullmatch(r"[\w.-]+", name)]
        return names
    lines = parse_lines(ctx.text("applications"))
    if not lines or lines[0] != APPLICATIONS_HEADER:
        raise UnknownFormat("liste des applications sans l'en-tête de Gardien")
    if len(lines) == 1:
        raise CannotTell("La liste des applications installées est vide : Gardien n'a pas pu la lire.")
    return [line.removeprefix("cmd:") for line in lines[1:]]


def registry(ctx: Context, probe: str) -> w.RegValues:
    """Values of a `reg query` probe of one key, merged (see registry_tree); names are matched without case."""
    merged = w.RegValues()
    for values in registry_tree(ctx, probe).values():
        merged.update(values)
    return merged


def optional_registry(ctx: Context, probe: str) -> w.RegValues:
    """registry(), or no value when unreadable: only for values that can never turn a finding into a pass."""
    try:
        return registry(ctx, probe)
    except (CannotTell, UnknownFormat):
        return w.RegValues()


def registry_tree(ctx: Context, probe: str) -> dict[str, w.RegValues]:
    """Key path -> values of a `reg query` probe; empty when reg.exe says the key is absent (exit 1).

    An exit 1 with another message (access denied, a language Gardien does not know) and an exit 0
    without any registry key in the text are not "absent" but unreadable.
    """
    text = ctx.text(probe, ok_codes=(0, 1))
    if ctx.output(probe).returncode == 1:
        if w.reg_says_absent(text):
            return {}
        if "access" in text.lower() or "accès" in text.lower():
            raise CannotTell("Lire ce réglage demande des droits d'administrateur.")
        raise UnknownFormat(f"réponse du registre non reconnue ({probe})")
    parsed = w.parse_reg_query(text)
    if not parsed:
        raise UnknownFormat(f"réponse du registre illisible ({probe})")
    return parsed


def days_between(then: datetime, now: datetime) -> int:
    """Whole days from `then` to `now` (naive datetimes are taken as local time); 0 for a date in the future."""
    return max(0, _delta(then, now).days)


def days_since(then: datetime, now: datetime, what: str) -> int:
    """Whole days from `then` to `now`; CannotTell for a date in the future (a wrong clock or a wrong file
    date says nothing about freshness). `what` names the date in the message: « la base de virus »."""
    delta = _delta(then, now)
    if delta.total_seconds() < -FUTURE_TOLERANCE_S:
        raise CannotTell(f"La date de {what} est dans le futur ({fr.day(then)}) : l'horloge de l'ordinateur ou la date "
                         "du fichier est fausse, Gardien ne peut pas savoir de quand elle date vraiment.")
    return max(0, delta.days)


FUTURE_TOLERANCE_S = 6 * 3600  # time zones and small clock drifts


def _delta(then: datetime, now: datetime) -> timedelta:
    if then.tzinfo is None and now.tzinfo is not None:
        then = then.replace(tzinfo=now.tzinfo)
    elif now.tzinfo is None and then.tzinfo is not None:
        now = now.replace(tzinfo=then.tzinfo)
    return now - then


def dated_lines(text: str) -> list[tuple[str, datetime]]:
    """Parse `label<TAB>ISO date` lines written by the Python readers."""
    rows = []
    for line in text.splitlines():
        label, _, stamp = line.partition("\t")
        try:
            rows.append((label, datetime.fromisoformat(stamp.strip())))
        except ValueError:
            continue
    return rows
