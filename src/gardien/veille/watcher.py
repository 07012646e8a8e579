"""The watcher: OS file events fed to the detector as they come (Linux: inotify read directly by this thread;
elsewhere watchdog: FSEvents, ReadDirectoryChangesW), and a check of the witness files every CHECK_INTERVAL_S
seconds, which still works when the event queue overflowed under a burst. Runs in the foreground
(`gardien veille lancer`); the service starts it at logon.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from datetime import datetime

from gardien import statefile
from gardien.paths import data_dir
from gardien.veille import canary
from gardien.veille.config import WatchConfig
from gardien.veille.detector import Alert, Detector, EventKind, FileEvent

CHECK_INTERVAL_S = 10.0
STOP_POLL_S = 0.5  # how soon a stop request is seen
ALERT_FINISH_S = 15.0  # on stopping, how long the alert being handled may take to finish
JOURNAL_EVERY_S = 60.0  # after the alarm, the incident's journal is told the new count at most once a minute
STATUS_FILE = "veille-etat.json"
LAST_ALERT = "derniere_alerte"
MAX_FILES = 20  # the files of the last alert kept with it, for detector.seen()
log = logging.getLogger("gardien.veille")


def _event_kinds():
    from watchdog import events

    return {
        events.FileCreatedEvent: EventKind.CREATED, events.FileModifiedEvent: EventKind.MODIFIED,
        events.FileClosedEvent: EventKind.CLOSED, events.FileMovedEvent: EventKind.MOVED,
        events.FileDeletedEvent: EventKind.DELETED,
    }


class Watcher:
    """One watching session; `run()` blocks until `stop()` (or SIGTERM/SIGINT)."""

    def __init__(self, config: WatchConfig, on_alert: Callable[..., object] | None = None,
                 interval_s: float = CHECK_INTERVAL_S) -> None:
        self.config = config
        self.interval_s = interval_s
        self.on_alert = on_alert or _default_alert
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._handled = False
        self._alert_done = threading.Event()
        self._paused: list[int] = []  # programs paused on the last alert (resumed by « gardien veille reprendre »)
        self._last_alert = last_alert()  # kept in every status written, also once stopped (`gardien veille etat`)
        self._counted = self._journaled = 0  # documents lost last said after the alarm, in the state, in the journal
        self._journaled_at: float | None = None  # time.monotonic() of the last count journaled
        self.detector = self._arm()

    def _arm(self) -> Detector:
        ignored = (str(data_dir()),)
        detector = Detector(self.config.folders, ignored=ignored)
        detector.add_canaries(canary.place(self.config.folders, ignored))
        detector.prime()
        return detector

    def feed(self, event: FileEvent) -> None:
        with self._lock:
            alert = self.detector.observe(event)
        self._maybe_alert(alert)

    def _maybe_alert(self, alert: Alert | None) -> None:
        """Act on the first alert at once, from the thread that saw it: what acts starts before anything is written."""
        if alert is None or self._handled:
            return
        self._handled = True
        threading.Thread(target=self._alert, args=(alert,), name="gardien-alerte", daemon=True).start()
        self._write_status("alerte", alert)  # then « gardien veille etat » and the web page see it
        log.warning("alerte : %s", alert.summary())

    def _alert(self, alert: Alert) -> None:
        from gardien.veille.alert import AlertReport

        try:
            report = self.on_alert(alert, self.config, lambda: self.detector.bytes_seen)
            if isinstance(report, AlertReport):
                self._paused = [s.pid for s in report.paused]
        except Exception:  # noqa: BLE001 - the watcher must keep watching whatever the alert's side effects do
            log.exception("l'alerte n'a pas pu être traitée entièrement")
        self._write_status("alerte", alert)
        self._alert_done.set()

    def stop(self, *_args) -> None:
        self._stop.set()

    def run(self) -> None:
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, self.stop)
            signal.signal(signal.SIGINT, self.stop)
        notifier = self._direct_events()
        if notifier is not None:
            with notifier:
                self._run_direct(notifier)
        else:
            self._run_watchdog()
        if self._handled:  # stopped while the alert was being handled: its journal, page and words are not cut off
            self._alert_done.wait(ALERT_FINISH_S)

    def _direct_events(self):
        """Linux: the kernel's events read by this thread (veille/inotify.py); None elsewhere or when unavailable."""
        if not sys.platform.startswith("linux"):
            return None
        from gardien.veille.inotify import Inotify

        try:
            notifier = Inotify(self.config.folders, (str(data_dir()),))
        except OSError as exc:
            log.warning("événements du noyau indisponibles (%s) : watchdog prend le relais", exc)
            return None
        for folder in notifier.failed:
            log.warning("dossier %s surveillé par ses fichiers témoins seulement (limite de surveillance)", folder)
        return notifier

    def _run_direct(self, notifier) -> None:
        from gardien.veille.inotify import UNPAIRED_S, Overflow

        self._write_status("en_veille")
        next_check = time.monotonic() + self.interval_s
        try:
            while not self._stop.is_set():
                timeout = min(max(0.0, next_check - time.monotonic()), STOP_POLL_S)
                try:
                    events = notifier.read(min(timeout, UNPAIRED_S) if notifier.waiting else timeout)
                except Overflow:  # events were lost: the witness files tell what happened
                    events, next_check = [], 0.0
                for event in events:
                    self.feed(event)
                if time.monotonic() >= next_check:
                    self._periodic()
                    next_check = time.monotonic() + self.interval_s
        finally:
            self._follow_alert(stopping=True)
            self._write_status("arretee")

    def _run_watchdog(self) -> None:
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer

        kinds = _event_kinds()
        watcher = self

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event) -> None:
                kind = kinds.get(type(event))
                if kind is not None:
                    watcher.feed(FileEvent(kind, os.fsdecode(event.src_path), os.fsdecode(event.dest_path or "")))

        observer = Observer()
        for folder in self.config.folders:
            try:
                observer.schedule(Handler(), folder, recursive=True, event_filter=list(kinds))
            except OSError as exc:  # inotify watch limit, a folder gone: the witness files still watch
                log.warning("dossier %s surveillé par ses fichiers témoins seulement : %s", folder, exc)
        observer.start()
        self._write_status("en_veille")
        try:
            while not self._stop.wait(self.interval_s):
                self._periodic()
        finally:
            observer.stop()
            observer.join(timeout=10)
            self._follow_alert(stopping=True)
            self._write_status("arretee")

    def _periodic(self) -> None:
        with self._lock:
            alert = self.detector.check_canaries()
        self._maybe_alert(alert)
        self._follow_alert()
        self._rearm_after_emergency()

    def _follow_alert(self, stopping: bool = False) -> None:
        """The attack goes on after the alarm: the count of documents lost follows what the watch still sees, in
        « gardien veille etat » at each check, and in the incident's journal at most once a minute and when the watch
        stops (round 12: « au moins 2 », the count at the alarm, was never updated)."""
        if not self._alert_done.is_set():
            return
        with self._lock:
            followed = self.detector.followed()
        if followed is None:
            return
        lost = len(followed.lost_files)
        if lost > max(self._counted, followed.lost_at_alarm):
            self._counted = lost
            self._write_status("alerte", followed)
        due = stopping or self._journaled_at is None or time.monotonic() - self._journaled_at >= JOURNAL_EVERY_S
        if due and self._counted > self._journaled:
            self._journaled, self._journaled_at = self._counted, time.monotonic()
            _journal_count(followed)

    def _rearm_after_emergency(self) -> None:
        """Once the emergency mode is closed, watch afresh (new witness files, new evidence)."""
        if not self._alert_done.is_set():
            return
        from gardien.urgence import state

        if state.current() is None:
            with self._lock:
                self.detector = self._arm()
                self._handled = False
                self._counted = self._journaled = 0
                self._journaled_at = None
                self._alert_done.clear()
            self._write_status("en_veille")

    def _write_status(self, status: str, alert: Alert | None = None) -> None:
        value = {"etat": status, "pid": os.getpid(), "depuis": datetime.now().astimezone().isoformat(timespec="seconds"),
                 "dossiers": list(self.config.folders), "temoins": len(self.detector.canaries),
                 "dossiers_temoins": len({os.path.dirname(p) for p in self.detector.canaries}),
                 "coupure_reseau_auto": self.config.auto_cut, "pause_programme": self.config.suspend}
        self._paused = _still_paused(self._paused)  # « gardien veille reprendre » may have resumed them
        if self._paused:
            value["mis_en_pause"] = self._paused
        if alert is not None:
            value["alerte"] = alert.to_dict()
            self._last_alert = {"date": datetime.fromtimestamp(alert.at).astimezone().isoformat(timespec="seconds"),
                                "resume": alert.summary(), "fichiers": list(dict.fromkeys(e.path for e in alert.evidence))[:MAX_FILES]}
        if self._last_alert:
            value[LAST_ALERT] = self._last_alert
        try:
            statefile.write(status_path(), value)
        except OSError:
            log.exception("état de la veille non écrit")


def _journal_count(followed: Alert) -> None:
    """The new count, in the journal of the emergency the alert opened (none once it was closed)."""
    from gardien.urgence import journal, state
    from gardien.urgence.journal import EntryKind

    emergency = state.current()
    if emergency is None:
        return
    try:
        journal.append(emergency.incident, EntryKind.ALERT, "La veille voit encore des documents touchés depuis "
                       f"l'alerte. {followed.summary()}", {"documents_perdus": len(followed.lost_files)})
    except Exception:  # noqa: BLE001 - the watcher must keep watching whatever the journal says (full, locked)
        log.exception("nouveau décompte non écrit dans le journal")


def _still_paused(pids: list[int]) -> list[int]:
    if not pids:
        return pids
    import psutil

    still = []
    for pid in pids:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_STOPPED:
                still.append(pid)
        except psutil.Error:
            continue
    return still


def status_path():
    return data_dir() / STATUS_FILE


def last_alert() -> dict | None:
    """The last alert a watcher wrote (« derniere_alerte »: date, resume), or None."""
    try:
        last = statefile.read(status_path(), default=dict).get(LAST_ALERT)
    except statefile.DamagedState:
        return None
    return last if isinstance(last, dict) and isinstance(last.get("date"), str) and isinstance(last.get("resume"), str) else None


def still_paused() -> list[int]:
    """The programs the last alert paused that are paused still (`gardien veille reprendre` resumes them)."""
    try:
        value = statefile.read(status_path(), default=dict)
    except statefile.DamagedState:
        return []
    return _still_paused([p for p in value.get("mis_en_pause", []) if isinstance(p, int)])


def forget_status() -> None:
    """Once the watch is turned off, its status goes with it, unless it still tells her something: its last alert
    (`gardien veille etat`), or programs it paused (`gardien veille reprendre` reads them there). A damaged one
    stays as it is."""
    try:
        statefile.read(status_path(), default=dict)
    except statefile.DamagedState:
        return
    if last_alert() is None and not still_paused():
        status_path().unlink(missing_ok=True)


def status() -> dict:
    """What the last watcher said about itself, with whether its process is still alive."""
    value = statefile.read(status_path(), default=dict)
    pid = value.get("pid")
    if isinstance(pid, int) and value.get("etat") in ("en_veille", "alerte"):
        import psutil

        value["vivante"] = psutil.pid_exists(pid)
    else:
        value["vivante"] = False
    return value


def resume_paused() -> tuple[list[int], list[int]]:
    """Resume the programs the last alert paused: (those paused, those resumed — the others have ended)."""
    from gardien.veille import process

    value = statefile.read(status_path(), default=dict)
    paused = [p for p in value.get("mis_en_pause", []) if isinstance(p, int)]
    if not paused:
        return [], []
    resumed = process.resume(paused)
    value.pop("mis_en_pause", None)
    statefile.write(status_path(), value)
    return paused, resumed


def _default_alert(alert: Alert, config: WatchConfig, observed: Callable[[], int]):
    from gardien.veille.alert import NEXT_IN_TERMINAL, OPENED_IN_TERMINAL, handle

    report = handle(alert, config, observed)
    cut = f"\n{report.network.summary()}" if report.network is not None else ""
    print(f"{time.strftime('%H:%M:%S')} ALERTE — {report.summary}{cut}\n{NEXT_IN_TERMINAL}\n{OPENED_IN_TERMINAL}",  # noqa: T201 - the service's log
          flush=True)
    return report
