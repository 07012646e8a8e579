"""Helpers shared by several checks (this module is not a check: only sub-packages are)."""

from __future__ import annotations

import re
from datetime import datetime

from gardien.core.context import CannotTell, Context
from gardien.parsers import UnknownFormat
from gardien.parsers import windows as w
from gardien.parsers.windows import parse_lines
from gardien.probes.readers import APPLICATIONS_HEADER

UNINSTALL_PROBES = ("uninstall_hklm", "uninstall_hklm32", "uninstall_hkcu")


def installed_programs(ctx: Context) -> list[str]:
    """Names of installed programs on any platform; CannotTell when none of the sources could be read."""
    if ctx.platform == "windows":
        names: list[str] = []
        read_any = False
        for probe in UNINSTALL_PROBES:
            text = ctx.optional(probe, ok_codes=(0, 1))
            if text is not None and w.parse_reg_query(text):
                read_any = True
                names += w.reg_display_names(text)
        appx = ctx.optional("appx")
        if appx is not None and all(re.fullmatch(r"[\w.-]+", line) for line in parse_lines(appx)):
            read_any = True
            names += parse_lines(appx)
        if not read_any:
            raise CannotTell("Gardien n'a pas pu lire la liste des programmes installés.")
        return names
    lines = parse_lines(ctx.text("applications"))
    if not lines or lines[0] != APPLICATIONS_HEADER:
        raise UnknownFormat("liste des applications sans l'en-tête de Gardien")
    return [line.removeprefix("cmd:") for line in lines[1:]]


def registry(ctx: Context, probe: str) -> dict[str, w.RegValue]:
    """Values of a `reg query` probe of one key, merged (see registry_tree)."""
    merged: dict[str, w.RegValue] = {}
    for values in registry_tree(ctx, probe).values():
        merged.update(values)
    return merged


def optional_registry(ctx: Context, probe: str) -> dict[str, w.RegValue]:
    """registry(), or {} when unreadable: only for values that can never turn a finding into a pass."""
    try:
        return registry(ctx, probe)
    except (CannotTell, UnknownFormat):
        return {}


def registry_tree(ctx: Context, probe: str) -> dict[str, dict[str, w.RegValue]]:
    """Key path -> values of a `reg query` probe; empty when reg.exe says the key is absent (exit 1).

    An exit 0 without any registry key in the text is not "absent" but unreadable: UnknownFormat.
    """
    text = ctx.text(probe, ok_codes=(0, 1))
    if ctx.output(probe).returncode == 1:
        return {}
    parsed = w.parse_reg_query(text)
    if not parsed:
        raise UnknownFormat(f"réponse du registre illisible ({probe})")
    return parsed


def minutes(seconds: int) -> str:
    """A delay in plain French: "immédiatement", "30 secondes", "5 minutes", "1 h 30"."""
    if seconds <= 0:
        return "immédiatement"
    if seconds < 60:
        return f"{seconds} secondes"
    if seconds < 3600:
        value = round(seconds / 60)
        return f"{value} minute{'s' if value > 1 else ''}"
    hours, rest = divmod(round(seconds / 60), 60)
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


def days_between(then: datetime, now: datetime) -> int:
    """Whole days from `then` to `now` (naive datetimes are taken as local time)."""
    if then.tzinfo is None and now.tzinfo is not None:
        then = then.replace(tzinfo=now.tzinfo)
    elif now.tzinfo is None and then.tzinfo is not None:
        now = now.replace(tzinfo=then.tzinfo)
    return max(0, (now - then).days)


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


def days_ago(days: int) -> str:
    """"aujourd'hui", "hier", "il y a 12 jours"."""
    if days == 0:
        return "aujourd'hui"
    if days == 1:
        return "hier"
    return f"il y a {days} jours"
