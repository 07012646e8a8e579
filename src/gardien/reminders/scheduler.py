"""Whether the system will run the reminders, measured now — never assumed (walkthrough, round 11: « Rappels
installés (cron) » on a machine where no cron daemon runs: they would never have fired).

What is checked, per scheduler: cron — a cron daemon among the running processes (unknown when this account cannot
see the others'); systemd — Gardien's timers active in the user's session; launchd — each agent loaded; Windows — the
Task Scheduler service running.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from gardien.reminders import install, linux

TIMEOUT_S = 10
ASK_HELP = "Demandez à la personne qui vous aide"
REINSTALL = "Pour les réinstaller : gardien rappels installer"


class Runs(StrEnum):
    YES = "oui"
    NO = "non"
    UNKNOWN = "inconnu"


@dataclass(frozen=True)
class Check:
    runs: Runs
    said: str  # one or two sentences, « vérifié à l'instant » or why it cannot be
    then: str = ""  # the command to type next, in a terminal (the web page offers its button instead)
    lost: bool = False  # the scheduler no longer holds them (or holds another Gardien's instead): they will not show

    @property
    def in_terminal(self) -> str:
        return f"{self.said} {self.then}" if self.then else self.said


def check(manifest: dict) -> Check:
    """The installed reminders (their manifest, install.py) against the scheduler that should run them."""
    backend = manifest.get("backend")
    traces = [str(t) for t in manifest.get("traces", []) if isinstance(t, str)]
    if backend == "cron":
        return _cron()
    if backend == "systemd":
        return _systemd([Path(t).name for t in traces if t.endswith(".timer")])
    if backend == "launchd":
        return _launchd([Path(t).stem for t in traces])
    if backend == "planificateur":
        return _windows()
    return Check(Runs.UNKNOWN, "Gardien ne sait pas vérifier ce planificateur : vérifiez qu'un premier rappel s'affiche.")


LOST = ("Les rappels ne sont plus programmés : le planificateur de l'ordinateur ne les a plus (vérifié à l'instant), "
        "ils ne s'afficheront pas.")


def check_installed(manifest: dict, held: list[str], other: install.OtherGardien | None) -> Check:
    """The reminders Gardien saved as installed (their manifest) against what the scheduler holds now: `held`, its
    entries of Gardien's reminders (install.traces()), and `other`, the other Gardien they belong to
    (install.other_gardien()), if any. Lost when it holds none (crontab emptied, task or agent deleted) or another
    Gardien's; else whether it will run them (`check`). The terminal and the web page judge with this one function."""
    if held and other is None:
        return check(manifest)
    if manifest.get("backend") == "cron" and not shutil.which(linux.crontab_command()[0]):  # not read: not « lost »
        return Check(Runs.UNKNOWN, "Gardien ne trouve pas la commande crontab : il ne peut pas vérifier que les rappels "
                                   f"sont toujours programmés. {ASK_HELP} de vérifier que le service des tâches programmées (cron) est installé.")
    # another Gardien's: what to do is its sentence (OtherGardien.said), which knows whether that one still lives
    then = "" if other is not None else ("Pour les programmer de nouveau, avec les mêmes jours et heures : "
                                         f"{install.command_again(manifest)}")
    return Check(Runs.NO, LOST, then, lost=True)


def _output(argv: list[str]) -> subprocess.CompletedProcess | None:
    try:
        return subprocess.run(argv, capture_output=True, text=True, errors="replace", timeout=TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None


def _cron() -> Check:
    running = linux.cron_daemon_running()
    if running:
        return Check(Runs.YES, "Le service des tâches programmées (cron) tourne sur cet ordinateur (vérifié à l'instant) : c'est lui qui lancera "
                               "les rappels.")
    if running is None:
        return Check(Runs.UNKNOWN, "Gardien ne peut pas vérifier que le service des tâches programmées (cron) tourne sur cet ordinateur (les "
                                   f"programmes des autres comptes lui sont cachés). {ASK_HELP} de le vérifier : sans "
                                   "lui, aucun rappel ne s'affichera.")
    return Check(Runs.NO, "Attention : le service des tâches programmées (cron) ne tourne pas sur cet ordinateur (vérifié à "
                          "l'instant). Les "
                          f"rappels sont notés, mais ils ne se déclencheront pas. {ASK_HELP} de démarrer ce service "
                          "et de l'activer au démarrage de l'ordinateur.", "Puis vérifiez : gardien rappels etat")


def _systemd(timers: list[str]) -> Check:
    result = _output(["systemctl", "--user", "is-active", *timers]) if timers else None
    if result is None:
        return Check(Runs.UNKNOWN, "Gardien n'a pas pu demander à systemd si les rappels sont actifs : vérifiez qu'un "
                                   "premier rappel s'affiche.")
    states = result.stdout.split()
    if len(states) == len(timers) and all(state == "active" for state in states):
        return Check(Runs.YES, "Les rappels sont actifs dans systemd (vérifié à l'instant).")
    return Check(Runs.NO, "Attention : les rappels ne sont pas actifs dans systemd (vérifié à l'instant) : ils ne se "
                          "déclencheront pas.", REINSTALL)


def _launchd(labels: list[str]) -> Check:
    results = [_output(["launchctl", "print", f"gui/{os.getuid()}/{label}"]) for label in labels]
    if not labels or any(r is None for r in results):
        return Check(Runs.UNKNOWN, "Gardien n'a pas pu demander à macOS si les rappels sont chargés : vérifiez qu'un "
                                   "premier rappel s'affiche.")
    if all(r.returncode == 0 for r in results):
        return Check(Runs.YES, "Les rappels sont chargés dans macOS (vérifié à l'instant).")
    return Check(Runs.NO, "Attention : macOS n'a pas chargé tous les rappels (vérifié à l'instant) : ils ne se "
                          "déclencheront pas.", REINSTALL)


def _windows() -> Check:
    result = _output(["sc", "query", "Schedule"])
    if result is None or result.returncode != 0:
        return Check(Runs.UNKNOWN, "Gardien n'a pas pu demander à Windows si le Planificateur de tâches tourne : "
                                   "vérifiez qu'un premier rappel s'affiche.")
    if "RUNNING" in result.stdout:
        return Check(Runs.YES, "Le Planificateur de tâches de Windows tourne (vérifié à l'instant).")
    return Check(Runs.NO, "Attention : le Planificateur de tâches de Windows ne tourne pas (vérifié à l'instant) : les "
                          f"rappels ne se déclencheront pas. {ASK_HELP} de le redémarrer.")
