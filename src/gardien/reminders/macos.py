"""macOS: one launchd agent per routine in ~/Library/LaunchAgents."""

from __future__ import annotations

import plistlib
from pathlib import Path

from gardien.reminders.routines import Routine, When

LABEL_PREFIX = "fr.gardien."
CATCH_UP = "rattrapage"  # the agent that catches up, at login, a reminder missed while the Mac was off


def agents_dir() -> Path:
    return Path.home() / "Library" / "LaunchAgents"


def calendar_interval(when: When) -> dict | list[dict]:
    """launchd StartCalendarInterval; launchd counts weekdays from Sunday = 0."""
    base = {"Hour": when.hour, "Minute": when.minute}
    if when.weekday is not None:
        return {**base, "Weekday": (when.weekday + 1) % 7}
    if when.months:
        return [{**base, "Day": when.day, "Month": month} for month in when.months]
    return {**base, "Day": when.day}


def agent_plist(routine: Routine, command: list[str]) -> bytes:
    return plistlib.dumps(
        {
            "Label": LABEL_PREFIX + routine.id,
            "ProgramArguments": command,
            "StartCalendarInterval": calendar_interval(routine.when),
            "RunAtLoad": False,
        }
    )


def catch_up_plist(command: list[str]) -> bytes:
    """Run at each login (RunAtLoad): launchd runs at wake a calendar job missed during sleep, not one missed while the
    Mac was off (man launchd.plist, StartCalendarInterval)."""
    return plistlib.dumps({"Label": LABEL_PREFIX + CATCH_UP, "ProgramArguments": command, "RunAtLoad": True})
