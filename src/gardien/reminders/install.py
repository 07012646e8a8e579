"""Install and remove the reminders with the OS scheduler; a manifest in the data folder lists what was set up.

Removal does not trust the manifest alone: it looks for every trace Gardien can leave (unit files,
the crontab block, launchd agents, scheduled tasks) so that nothing is left behind.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from gardien import statefile
from gardien.compat import current_platform
from gardien.errors import GardienError, UnsupportedSystem
from gardien.explain import reason
from gardien.paths import data_dir
from gardien.reminders import linux, macos, windows
from gardien.reminders.routines import DAYS, Routine, When, by_id, routines

MANIFEST = "rappels.json"  # what was installed (this module)
SHOWN = "rappels-vus.json"  # routine id -> when its notification was last shown (missed.py)
FILES = (MANIFEST, SHOWN)  # every file the reminders keep in the data folder: `uninstall` removes them all
TIMEOUT_S = 20


class SchedulerError(GardienError):
    """The OS scheduler refused: nothing is left half-installed."""


def notifier_command(routine_id: str) -> list[str]:
    """What the scheduler runs: this interpreter, and the data folder GARDIEN_HOME names now (the scheduler starts
    the reminder without this terminal's environment; an option, since Windows' tasks take no environment)."""
    return _scheduled(["notifier", routine_id])


def catch_up_command() -> list[str]:
    """What catches up a reminder missed while the computer was off (reminders/missed.py): cron and launchd."""
    return _scheduled(["rattraper"])


def _scheduled(arguments: list[str]) -> list[str]:
    python = Path(sys.executable)
    if current_platform() == "windows" and (python.parent / "pythonw.exe").exists():
        python = python.parent / "pythonw.exe"  # no console window flashing at each reminder
    command = [str(python), "-m", "gardien", "rappels", *arguments]
    home = os.environ.get("GARDIEN_HOME")
    if home:  # absolute: the scheduler starts it from another folder
        command += [DATA_OPTION, str(Path(home).expanduser().absolute())]
    return command


DATA_OPTION = "--donnees"


def _run(argv: list[str], allowed: tuple[int, ...] = (0,)) -> subprocess.CompletedProcess:
    try:
        result = subprocess.run(argv, capture_output=True, text=True, errors="replace", timeout=TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired as exc:
        raise SchedulerError(f"La commande « {argv[0]} » n'a pas répondu en {TIMEOUT_S} secondes : "
                             "les rappels n'ont pas été changés. Réessayez dans quelques minutes.") from exc
    except OSError as exc:
        raise SchedulerError(f"La commande « {argv[0]} » n'a pas pu être lancée : {reason(exc)}.") from exc
    if result.returncode not in allowed:
        detail = (result.stderr or result.stdout).strip().splitlines()[:1]
        said = f"elle a répondu « {detail[0][:200]} »" if detail else f"code {result.returncode}"
        raise SchedulerError(f"Le planificateur du système a refusé « {' '.join(argv[:3])} » ({said}).")
    return result


def _crontab() -> str:
    """The user's crontab; SchedulerError (nothing changed) when it cannot be read."""
    try:
        return linux.read_crontab()
    except linux.CrontabFailed as exc:
        raise SchedulerError(
            f"Gardien n'a pas pu lire vos tâches programmées (crontab -l : « {exc} »). Il n'a rien modifié, pour "
            "ne pas effacer les vôtres. Réessayez dans quelques minutes ; si cela dure, demandez de l'aide."
        ) from exc


def install(chosen: tuple[Routine, ...] | None = None) -> dict:
    """Register every routine; returns the manifest written. On failure, removes what was done, then raises."""
    chosen = chosen or routines()
    platform = current_platform()
    uninstall()  # start clean: re-installing replaces, never duplicates
    try:
        if platform == "linux":
            backend, traces = _install_linux(chosen)
        elif platform == "macos":
            backend, traces = "launchd", _install_macos(chosen)
        elif platform == "windows":
            backend, traces = "planificateur", _install_windows(chosen)
        else:
            raise UnsupportedSystem("Gardien ne sait pas programmer de rappels sur ce système.")
    except (GardienError, OSError) as exc:
        uninstall()
        if isinstance(exc, GardienError):
            raise
        said = reason(exc) if exc.errno else f"« {exc} »"  # crontab's own words when it refused
        raise SchedulerError(f"Les rappels n'ont pas pu être installés : {said}.") from exc
    manifest = {
        "backend": backend,
        "installed_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "routines": [entry(r) for r in chosen],
        "traces": traces,
    }
    statefile.write(data_dir() / MANIFEST, manifest)
    return manifest


def entry(routine: Routine) -> dict:
    """One routine as the manifest lists it (what `rappels etat` describes)."""
    when = routine.when
    return {"id": routine.id, "title": routine.title, "weekday": when.weekday, "day": when.day, "months": when.months,
            "hour": when.hour, "minute": when.minute}


def when_of(entry: dict) -> When:
    """A routine's moment as its manifest entry (`entry`) records it: the inverse of `entry`."""
    months = entry.get("months")
    return When(entry["hour"], entry["minute"], entry.get("weekday"), entry.get("day"), tuple(months) if months else None)


def installed() -> dict | None:
    """The manifest of the installed reminders, None when there is none; DamagedState when it cannot be read
    as one (then the reminders themselves may still be installed: see traces())."""
    path = data_dir() / MANIFEST
    manifest = statefile.read(path, default=lambda: None)
    if manifest is not None and not _well_formed(manifest):
        raise statefile.DamagedState(path, "son contenu n'a pas la forme attendue")
    return manifest


@dataclass(frozen=True)
class Outdated:
    """Reminders installed by another version of Gardien, whose schedule is not the one this version installs (an
    older Gardien tested the restore each month). Said by `rappels etat`, not refreshed on its own: re-installing
    rewrites the scheduler's entries with the Gardien that runs now (its interpreter, its data folder), a change she
    makes herself, with the one command given."""

    changed: tuple[Routine, ...]  # scheduled otherwise, or not at all, by the version that installed them
    dropped: tuple[str, ...]  # the titles of reminders this version no longer installs
    command: str  # the one step: install them again, with the days and hours she chose


# the routines whose day and hour she chooses, with the options of `rappels installer` that choose them
CHOSEN = {"mises_a_jour": ("--jour-maj", "--heure-maj"), "sauvegarde": ("--jour-sauvegarde", "--heure-sauvegarde")}


def outdated(manifest: dict) -> Outdated | None:
    """What differs between the installed reminders (their manifest) and what `installer` would install now with the
    same chosen days and hours; None when they are the same."""
    entries = {entry.get("id"): entry for entry in manifest["routines"]}
    defaults = by_id(routines())
    chosen = _chosen(manifest)
    now = routines(*chosen["mises_a_jour"], *chosen["sauvegarde"])
    changed = tuple(r for r in now if r.id not in entries or when_of(entries[r.id]) != when_of(entry(r)))
    dropped = tuple(str(e.get("title")) for key, e in entries.items() if key not in defaults)
    if not changed and not dropped:
        return None
    return Outdated(changed, dropped, command_again(manifest))


def _chosen(manifest: dict) -> dict[str, tuple[int, tuple[int, int]]]:
    """Routine id -> (weekday, (hour, minute)), as chosen at the last installation, else the default."""
    entries = {entry.get("id"): entry for entry in manifest["routines"]}
    defaults = by_id(routines())
    chosen = {}
    for routine_id in CHOSEN:
        given, default = entries.get(routine_id), defaults[routine_id].when
        known = given is not None and given.get("weekday") is not None
        chosen[routine_id] = ((given["weekday"], (given["hour"], given["minute"])) if known
                              else (default.weekday, (default.hour, default.minute)))
    return chosen


def command_again(manifest: dict) -> str:
    """The command that programs the reminders of `manifest` again, with the days and hours she chose."""
    defaults = by_id(routines())
    options = []
    for routine_id, (weekday, (hour, minute)) in _chosen(manifest).items():
        day_option, hour_option = CHOSEN[routine_id]
        default = defaults[routine_id].when
        if weekday != default.weekday:
            options.append(f"{day_option} {DAYS[weekday]}")
        if (hour, minute) != (default.hour, default.minute):
            options.append(f"{hour_option} {hour:02d}:{minute:02d}")
    return " ".join(["gardien rappels installer", *options])


RANGES = {"hour": range(24), "minute": range(60), "weekday": range(7), "day": range(1, 32)}


def _well_formed(manifest: dict) -> bool:
    entries = manifest.get("routines")
    if not (isinstance(manifest.get("backend"), str) and isinstance(manifest.get("installed_at"), str)
            and isinstance(entries, list)):
        return False
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("title"), str):
            return False
        if entry.get("weekday") is None and entry.get("day") is None:
            return False
        for key, allowed in RANGES.items():
            value = entry.get(key)
            if (value is not None or key in ("hour", "minute")) and not (type(value) is int and value in allowed):
                return False
        months = entry.get("months")
        if months is not None and not (isinstance(months, list) and all(type(m) is int and 1 <= m <= 12 for m in months)):
            return False
    return True


def traces() -> list[str]:
    """What of Gardien's reminders is registered with the OS scheduler now, whatever the manifest says."""
    platform = current_platform()
    found: list[str] = []
    if platform == "linux":
        folder = linux.systemd_dir()
        if folder.is_dir():
            found += [str(p) for p in sorted(folder.glob("gardien-*.timer"))]
        if shutil.which(linux.crontab_command()[0]) and linux.CRON_BEGIN in _crontab():
            found.append("crontab")
    elif platform == "macos":
        folder = macos.agents_dir()
        if folder.is_dir():
            found += [str(p) for p in sorted(folder.glob(f"{macos.LABEL_PREFIX}*.plist"))]
    elif platform == "windows":
        found += windows.reminder_tasks(_run(windows.LIST_TASKS).stdout)
    return found


@dataclass(frozen=True)
class OtherGardien:
    """Reminders on this computer's account that another Gardien installed (another folder of Gardien, or another
    data folder): one set of reminders per account, so installing or removing them here would remove that one's."""

    program: str  # the Python its reminders run
    data: str | None  # the data folder they name; None: that Gardien's usual one
    gone: bool  # `program` no longer exists: that Gardien was deleted, its reminders can no longer show

    def said(self, install_how: str, remove_how: str) -> str:
        """In her words; `install_how` and `remove_how`: how she installs or removes them from where she reads it."""
        data = f", avec les données du dossier {self.data}" if self.data else ""
        text = (f"Les rappels programmés sur cet ordinateur sont ceux d'un autre Gardien, pas de celui-ci : ils lancent "
                f"{self.program}{data}. ")
        if self.gone:
            return text + (f"Cet autre Gardien a été supprimé ({self.program} n'existe plus) : ses rappels ne peuvent "
                           f"plus s'afficher. Pour les retirer : {remove_how} ; pour programmer ceux de ce Gardien-ci à "
                           f"leur place : {install_how}.")
        return text + ("Cet autre Gardien est toujours sur l'ordinateur : ne retirez pas ses rappels d'ici. Un seul jeu de "
                       "rappels est possible par compte de l'ordinateur : programmer ceux de ce Gardien-ci remplacerait "
                       f"les siens. Si c'est bien ce Gardien-ci que vous utilisez désormais : {install_how}.")


def other_gardien() -> OtherGardien | None:
    """The other Gardien whose reminders the scheduler holds now (read from the commands it runs), None when they
    are this one's or there are none. Linux (crontab, systemd) and macOS; Windows' tasks are not read."""
    ours = notifier_command("x")
    for command in scheduled_commands():
        if "-m" not in command or "gardien" not in command:
            continue
        data = command[command.index(DATA_OPTION) + 1] if DATA_OPTION in command[:-1] else None
        our_data = ours[ours.index(DATA_OPTION) + 1] if DATA_OPTION in ours else None
        if command[0] != ours[0] or data != our_data:
            return OtherGardien(command[0], data, not Path(command[0]).exists())
    return None


def scheduled_commands() -> list[list[str]]:
    """The commands Gardien's reminders registered with the scheduler run, as it holds them now."""
    platform = current_platform()
    commands: list[list[str]] = []
    if platform == "linux":
        folder = linux.systemd_dir()
        for unit in sorted(folder.glob("gardien-*.service")) if folder.is_dir() else []:
            try:
                commands.append(linux.unit_command(unit.read_text(encoding="utf-8", errors="replace")))
            except OSError:
                continue
        if shutil.which(linux.crontab_command()[0]):
            commands += linux.block_commands(_crontab())
    elif platform == "macos":
        import plistlib

        folder = macos.agents_dir()
        for path in sorted(folder.glob(f"{macos.LABEL_PREFIX}*.plist")) if folder.is_dir() else []:
            try:
                commands.append([str(a) for a in plistlib.loads(path.read_bytes()).get("ProgramArguments", [])])
            except (OSError, ValueError, AttributeError):
                continue
    return [c for c in commands if c]


def uninstall() -> list[str]:
    """Remove every trace of Gardien's reminders, in the scheduler and in the data folder (FILES); returns the
    reminders removed (their scheduler entries and their manifest)."""
    platform = current_platform()
    removed: list[str] = []
    if platform == "linux":
        removed = _uninstall_linux()
    elif platform == "macos":
        removed = _uninstall_macos()
    elif platform == "windows":
        removed = _uninstall_windows()
    manifest = data_dir() / MANIFEST
    try:
        installed()
    except statefile.DamagedState:  # its content is what was installed, now removed: kept aside, not deleted
        statefile.set_aside(manifest)
    if manifest.exists():
        removed.append(str(manifest))
    for name in FILES:  # the record of the reminders shown goes too, unsaid: it is no reminder
        (data_dir() / name).unlink(missing_ok=True)
    return removed


def _install_linux(chosen: tuple[Routine, ...]) -> tuple[str, list[str]]:
    if linux.systemd_available():
        folder = linux.systemd_dir()
        folder.mkdir(parents=True, exist_ok=True)
        traces = []
        for routine in chosen:
            for name, content in linux.systemd_units(routine, notifier_command(routine.id)).items():
                (folder / name).write_text(content, encoding="utf-8")
                traces.append(str(folder / name))
        _run(["systemctl", "--user", "daemon-reload"])
        _run(["systemctl", "--user", "enable", "--now", *(f"gardien-{r.id}.timer" for r in chosen)])
        return "systemd", traces
    if shutil.which(linux.crontab_command()[0]):
        lines = [linux.cron_line(r.when, notifier_command(r.id)) for r in chosen]
        lines.append(linux.cron_catch_up_line(catch_up_command()))  # cron runs no missed line: each hour, catch up
        linux.write_crontab(linux.with_block(_crontab(), lines))
        return "cron", ["crontab"]
    raise SchedulerError(
        "Cet ordinateur n'a pas de service de tâches programmées (ni systemd pour votre session, ni cron) : "
        "Gardien ne peut pas programmer de rappel. Demandez à la personne qui vous aide d'installer cron "
        "(sudo apt install cron), puis recommencez."
    )


def _uninstall_linux() -> list[str]:
    removed = []
    folder = linux.systemd_dir()
    units = sorted(folder.glob("gardien-*.timer")) + sorted(folder.glob("gardien-*.service")) if folder.is_dir() else []
    if units and linux.systemd_available():
        timers = [u.name for u in units if u.suffix == ".timer"]
        if timers:
            _run(["systemctl", "--user", "disable", "--now", *timers], allowed=(0, 1, 5))
    for unit in units:
        unit.unlink()
        removed.append(str(unit))
    if units and linux.systemd_available():
        _run(["systemctl", "--user", "daemon-reload"], allowed=(0, 1))
    if shutil.which(linux.crontab_command()[0]):
        current = _crontab()
        if linux.CRON_BEGIN in current:
            rest = linux.without_block(current)
            if rest.strip():
                linux.write_crontab(rest)
            else:  # the crontab held only Gardien's block: leave none behind
                _run([*linux.crontab_command(), "-r"], allowed=(0, 1))
            removed.append("crontab")
    return removed


def _install_macos(chosen: tuple[Routine, ...]) -> list[str]:
    folder = macos.agents_dir()
    folder.mkdir(parents=True, exist_ok=True)
    traces = []
    for routine in chosen:
        path = folder / f"{macos.LABEL_PREFIX}{routine.id}.plist"
        path.write_bytes(macos.agent_plist(routine, notifier_command(routine.id)))
        _run(["launchctl", "bootstrap", f"gui/{os.getuid()}", str(path)])
        traces.append(str(path))
    # launchd runs at wake a reminder missed during sleep, not one missed while the Mac was off: at each login
    path = folder / f"{macos.LABEL_PREFIX}{macos.CATCH_UP}.plist"
    path.write_bytes(macos.catch_up_plist(catch_up_command()))
    _run(["launchctl", "bootstrap", f"gui/{os.getuid()}", str(path)])
    traces.append(str(path))
    return traces


def _uninstall_macos() -> list[str]:
    removed = []
    folder = macos.agents_dir()
    for path in sorted(folder.glob(f"{macos.LABEL_PREFIX}*.plist")) if folder.is_dir() else []:
        _run(["launchctl", "bootout", f"gui/{os.getuid()}/{path.stem}"], allowed=(0, 3, 5, 36, 113))
        path.unlink()
        removed.append(str(path))
    return removed


def _install_windows(chosen: tuple[Routine, ...]) -> list[str]:
    traces = []
    for routine in chosen:
        with tempfile.TemporaryDirectory() as tmp:
            xml_path = Path(tmp) / "tache.xml"
            xml_path.write_text(windows.task_xml(routine, notifier_command(routine.id)), encoding="utf-16")
            _run(["schtasks", "/Create", "/TN", windows.task_name(routine), "/XML", str(xml_path), "/F"])
        traces.append(windows.task_name(routine))
    return traces


def _uninstall_windows() -> list[str]:
    removed = []
    for name in windows.reminder_tasks(_run(windows.LIST_TASKS).stdout):
        if _run(["schtasks", "/Delete", "/TN", name, "/F"], allowed=(0, 1)).returncode == 0:
            removed.append(name)
    return removed
