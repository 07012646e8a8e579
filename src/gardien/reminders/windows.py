"""Windows: one Task Scheduler task per routine, in the \\Gardien folder, run as the user, no admin rights."""

from __future__ import annotations

import csv
import io
from datetime import date
from xml.sax.saxutils import escape

from gardien.reminders.routines import Routine, When

TASK_FOLDER = "Gardien"  # every task Gardien creates is in this folder of the Task Scheduler
WATCHER_TASK = f"{TASK_FOLDER}\\veille"  # the ransomware watcher's (veille/service.py): the one task there that is not a reminder
LIST_TASKS = ["schtasks", "/Query", "/FO", "CSV", "/NH"]  # every task of this account: « "\Dossier\nom","…","…" » lines
DAY_TAGS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_TAGS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December")


def task_name(routine: Routine) -> str:
    return f"{TASK_FOLDER}\\{routine.id}"


def reminder_tasks(listing: str) -> list[str]:
    """The reminder tasks Gardien created, from the listing of LIST_TASKS: every task of Gardien's folder but the
    watcher's, whatever its name (one a previous version named otherwise, or no longer installs, included)."""
    folder = f"{TASK_FOLDER}\\".casefold()
    found: list[str] = []
    for row in csv.reader(io.StringIO(listing)):
        name = row[0].strip().lstrip("\\") if row else ""
        if name.casefold().startswith(folder) and name.casefold() != WATCHER_TASK.casefold() and name not in found:
            found.append(name)
    return found


def _schedule(when: When) -> str:
    if when.weekday is not None:
        return (f"<ScheduleByWeek><DaysOfWeek><{DAY_TAGS[when.weekday]} /></DaysOfWeek>"
                "<WeeksInterval>1</WeeksInterval></ScheduleByWeek>")
    months = when.months or tuple(range(1, 13))
    month_tags = "".join(f"<{MONTH_TAGS[m - 1]} />" for m in months)
    return f"<ScheduleByMonth><DaysOfMonth><Day>{when.day}</Day></DaysOfMonth><Months>{month_tags}</Months></ScheduleByMonth>"


def task_xml(routine: Routine, command: list[str], today: date | None = None) -> str:
    """Task Scheduler XML (schtasks /Create /XML). StartWhenAvailable runs a reminder missed while the PC was off."""
    start = (today or date.today()).isoformat()
    program, *arguments = command
    args = " ".join(f'"{a}"' if " " in a else a for a in arguments)
    return f"""<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo><Description>Gardien : {escape(routine.title)}</Description></RegistrationInfo>
  <Triggers>
    <CalendarTrigger>
      <StartBoundary>{start}T{routine.when.hour:02d}:{routine.when.minute:02d}:00</StartBoundary>
      <Enabled>true</Enabled>
      {_schedule(routine.when)}
    </CalendarTrigger>
  </Triggers>
  <Principals><Principal id="Author"><LogonType>InteractiveToken</LogonType><RunLevel>LeastPrivilege</RunLevel></Principal></Principals>
  <Settings>
    <StartWhenAvailable>true</StartWhenAvailable>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <ExecutionTimeLimit>PT10M</ExecutionTimeLimit>
  </Settings>
  <Actions Context="Author"><Exec><Command>{escape(program)}</Command><Arguments>{escape(args)}</Arguments></Exec></Actions>
</Task>
"""


def active_hours_commands(start: int, end: int) -> list[str]:
    """Commands (admin terminal) that set Windows Update's active hours: no automatic restart between them."""
    key = r"HKLM\SOFTWARE\Microsoft\WindowsUpdate\UX\Settings"
    return [
        f'reg add "{key}" /v SmartActiveHoursState /t REG_DWORD /d 0 /f',
        f'reg add "{key}" /v ActiveHoursStart /t REG_DWORD /d {start} /f',
        f'reg add "{key}" /v ActiveHoursEnd /t REG_DWORD /d {end} /f',
    ]
