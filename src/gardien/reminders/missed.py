"""Catching up a reminder missed while the computer was off or asleep, where the scheduler does not.

systemd (`Persistent=true`) and the Windows Task Scheduler (`StartWhenAvailable`) run a missed reminder themselves;
launchd runs one missed during sleep at wake, but not one missed while the Mac was off; cron never catches up. For
those two, the installer adds a catch-up (`gardien rappels rattraper`): at each login on macOS, each hour with cron.
It shows a reminder whose last moment came after it was last shown (and after it was installed), and only that one.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from gardien import statefile
from gardien.paths import data_dir
from gardien.reminders import install
from gardien.reminders.routines import When, falls_on

SHOWN = install.SHOWN  # one of the reminders' own files, all listed there
LOOK_BACK_DAYS = 400  # the rarest reminder comes twice a year
GRACE = timedelta(minutes=10)  # a moment just passed is the scheduler's own line to show, not a missed one


def last_due(when: When, now: datetime) -> datetime | None:
    """The routine's last moment at or before `now` (same time zone as `now`); None if none in LOOK_BACK_DAYS."""
    for back in range(LOOK_BACK_DAYS):
        day = (now - timedelta(days=back)).date()
        moment = datetime.combine(day, time(when.hour, when.minute), tzinfo=now.tzinfo)
        if moment <= now and falls_on(when, day):
            return moment
    return None


def record(routine_id: str, now: datetime | None = None) -> None:
    """Its notification was shown now (by the scheduler at its moment, or by the catch-up)."""
    path = data_dir() / SHOWN
    try:
        with statefile.updating(path) as shown:
            shown[routine_id] = (now or datetime.now().astimezone()).isoformat(timespec="seconds")
    except statefile.DamagedState:  # kept aside; at worst a reminder is shown once more, never one less
        statefile.set_aside(path)
        statefile.write(path, {routine_id: (now or datetime.now().astimezone()).isoformat(timespec="seconds")})


def _shown() -> dict:
    try:
        return statefile.read(data_dir() / SHOWN)
    except statefile.DamagedState:
        return {}


def missed(entry: dict, installed_at: str, now: datetime | None = None) -> bool:
    """Whether the routine's last moment passed without its notification: after the last one shown, after the
    reminders were installed (never one from before Gardien programmed it)."""
    now = now or datetime.now().astimezone()
    due = last_due(install.when_of(entry), now)
    if due is None or now - due < GRACE:
        return False
    floor = datetime.fromisoformat(installed_at)
    said = _shown().get(str(entry.get("id")))
    if isinstance(said, str):
        try:
            floor = max(floor, datetime.fromisoformat(said))
        except ValueError:
            pass  # a damaged date: the installation's is the floor
    return due > floor
