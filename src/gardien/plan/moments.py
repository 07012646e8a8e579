"""When an audit ran and when a step was marked done, compared in time, never as text: the same instant reads
« 10:30+01:00 » and « 09:30+00:00 », and a day alone (« 2026-11-29 ») sorts after any time of that day as text."""

from __future__ import annotations

from datetime import datetime


def moment(value: str) -> datetime | None:
    """An ISO date or timestamp as an aware datetime: without an offset it is this computer's local time, a day alone
    its midnight; None when it is no date."""
    try:
        parsed = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return parsed if parsed.tzinfo else parsed.astimezone()


def at_or_after(later: str, earlier: str) -> bool:
    """Whether `later` is the same instant as `earlier` or after it. When either is no date, the order is unknown: it
    counts as after, so that what an audit measured is not hidden behind a date Gardien cannot read (the plan: a step
    marked done; the register: an answer given) — an unreadable date never counts as « done since »."""
    first, second = moment(earlier), moment(later)
    return first is None or second is None or second >= first
