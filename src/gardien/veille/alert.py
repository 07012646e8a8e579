"""What happens when the tripwire goes off, in this order: first what acts — the network cut (only if chosen
beforehand), a notification that cannot be missed, the suspect program named and paused (only if chosen beforehand) —
then what records: the emergency mode opened, the journal written, the emergency page opened."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from gardien.compat import current_platform
from gardien.registre.breaches import CNIL_DELAY_TEXT
from gardien.reminders.notify import _applescript_string, _powershell_string, notification_command
from gardien.urgence import journal, network, state
from gardien.urgence.journal import EntryKind
from gardien.urgence.state import FALSE_ALARM_HINT
from gardien.veille import process
from gardien.veille.config import WatchConfig
from gardien.veille.detector import CLUE_LABEL, Alert

TITLE = "Gardien : ALERTE RANÇONGICIEL"
MESSAGE = ("Des fichiers de vos dossiers sont en train d'être chiffrés. Débranchez le câble réseau et coupez le Wi-Fi. "
           "Ne branchez pas votre disque de sauvegarde. N'éteignez pas l'ordinateur. Suivez la page « En cas d'attaque » "
           "de Gardien.")
# the same first gestures, for the terminal the watch runs in (`gardien veille lancer`)
NEXT_IN_TERMINAL = ("À faire maintenant : débranchez le câble réseau et coupez le Wi-Fi ; ne branchez pas votre disque de "
                    "sauvegarde ; n'éteignez pas l'ordinateur. Puis suivez les consignes une à une : gardien urgence")
# what the alert has recorded, for that terminal (walkthrough round 14: a try of the watch opened the emergency mode and
# a data breach to decide on, and the terminal did not say so)
OPENED_IN_TERMINAL = ("Le mode urgence est ouvert et l'incident est noté dans le journal des incidents (gardien urgence "
                      "journal liste). Tant qu'il reste ouvert, Gardien le compte comme une violation de données : son "
                      "tableau de bord et son plan vous demandent de décider s'il faut la notifier à la CNIL, "
                      f"{CNIL_DELAY_TEXT}. " + FALSE_ALARM_HINT + " (un essai de la veille, des fichiers que vous avez "
                      "vous-même modifiés) : l'incident reste au journal, mais aucune violation n'est gardée.")
MAX_LISTED = 20


@dataclass(frozen=True)
class AlertReport:
    summary: str
    suspects: tuple[process.Suspect, ...]
    paused: tuple[process.Suspect, ...]
    network: network.CutResult | None
    notified: bool
    page_opened: bool


def _urgent_commands(title: str, message: str, platform: str) -> list[list[str]]:
    """The usual notification, made as insistent as each system allows: critical (stays on screen) on Linux, plus a
    dialog box that waits for a click on macOS and Windows."""
    commands = []
    usual = notification_command(title, message, platform)
    if usual and platform == "linux":
        usual = [usual[0], "--urgency=critical", *usual[1:]]
    if usual:
        commands.append(usual)
    if platform == "macos":
        commands.append(["osascript", "-e", f"display alert {_applescript_string(title)} message {_applescript_string(message)} as critical"])
    elif platform == "windows":
        commands.append(["powershell.exe", "-NoProfile", "-NonInteractive", "-Command",
                         "Add-Type -AssemblyName System.Windows.Forms; [System.Windows.Forms.MessageBox]::Show("
                         f"{_powershell_string(message)}, {_powershell_string(title)}, 'OK', 'Error', 'Button1', 'DefaultDesktopOnly')"])
    return commands


def notify_urgently(title: str, message: str) -> bool:
    """Start the notifications without waiting for a click; False when this system has none."""
    started = False
    for command in _urgent_commands(title, message, current_platform() or ""):
        try:
            subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=os.name != "nt")
            started = True
        except OSError:
            continue
    return started


def graphical_session() -> bool:
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return sys.platform in ("darwin", "win32")


def open_page(page: Path) -> bool:
    """Open the emergency page (a file: it works without the web interface and without the network)."""
    if not graphical_session():
        return False
    try:
        if sys.platform == "win32":
            os.startfile(str(page))  # noqa: S606 - a file Gardien wrote
        else:
            subprocess.Popen(["open" if sys.platform == "darwin" else "xdg-open", str(page)], stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        return False
    return True


def handle(alert: Alert, config: WatchConfig, observed: Callable[[], int] | None = None) -> AlertReport:
    """`observed`: the watcher's count of bytes seen written in the folders (to pick out the program writing them)."""
    cut = network.cut() if config.auto_cut else None
    notified = notify_urgently(TITLE, MESSAGE)
    sample = process.suspects(config.folders, observed=observed)
    paused = process.pause(sample) if config.suspend else []
    lost = alert.lost_files
    listed = "\n".join(f"• {CLUE_LABEL[e.clue]} : {e.path}" for e in alert.evidence[:MAX_LISTED])
    text = alert.summary() + ("\n" + listed if listed else "")
    emergency = state.open_(state.Origin.ALERT, text, {"alerte": alert.to_dict(), "documents_perdus": len(lost)})
    if cut is not None:
        journal.append(emergency.incident, EntryKind.NETWORK, *network.journal_entry(cut, network.AUTOMATIC))
    journal.append(emergency.incident, EntryKind.ALERT, " ".join(filter(None, (process.describe(sample),
                                                                              process.describe_paused(paused)))),
                   {"suspects": [s.to_dict() for s in sample.found], "mis_en_pause": [s.pid for s in paused]})
    from gardien.urgence import documents

    page_opened = open_page(documents.write_emergency_page())
    return AlertReport(text, sample.found, tuple(paused), cut, notified, page_opened)
