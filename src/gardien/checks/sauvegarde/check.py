"""A recent backup exists on another support than this computer's disk — measured, never taken on trust.

PASS only on measured facts: Gardien's own backups when the 3-2-1 rule is met on disks measured at each run as
other disks than the protected folders' (status.py; one copy on another disk only is a FAIL of lower severity),
or a tool that cannot back up to the computer's own disk and whose last run date the system gives (Time Machine, Windows File History, Déjà Dup to a removable drive or a server). A date alone
with an unknown destination (restic or borg traces, Déjà Dup to a local folder) is « À vérifier », never PASS.

Threshold: 7 days — SAUV-03 (ANS canevas 7.4.4.3: a weekly backup kept in a distant place; 7.4.3.2: daily,
as an indication, in individual practice).
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from enum import StrEnum

from gardien import catalog, fr
from gardien.backup.status import RESTORE_TEST_DAYS
from gardien.checks.common import dated_lines, days_since, installed_programs
from gardien.core.context import CannotTell, Context
from gardien.core.model import Outcome, Severity, Status
from gardien.parsers import UnknownFormat
from gardien.parsers import linux as lx
from gardien.parsers import macos as mac

MAX_AGE_DAYS = 7
# Déjà Dup back ends that put the copy off this computer's disk (its 'drive' back end is for removable drives)
DEJADUP_ELSEWHERE = {"drive": "un disque amovible", "remote": "un serveur", "google": "Google Drive",
                     "microsoft": "OneDrive", "gcs": "un stockage en ligne", "s3": "un stockage en ligne",
                     "rackspace": "un stockage en ligne", "openstack": "un stockage en ligne"}


class Done(StrEnum):
    """What Gardien measured of its own backups: the steps of check.fr.toml naming it (sauf_si_fait, si_fait) follow."""

    SET_UP = "sauvegarde_en_place"
    UP_TO_DATE_COPY = "copie_a_jour"  # at least one copy counts: recent, complete, on another disk
    RESTORE_TESTED = "restauration_essayee"  # a restore test succeeded less than six months ago
    SECOND_DESTINATION = "deuxieme_destination"


def _done(rows: list[dict], counted: list[dict]) -> frozenset[str]:
    done = {Done.SET_UP}
    if counted:
        done.add(Done.UP_TO_DATE_COPY)
    if any(isinstance(r.get("jours_depuis_verification"), int) and 0 <= r["jours_depuis_verification"] <= RESTORE_TEST_DAYS
           for r in rows):
        done.add(Done.RESTORE_TESTED)
    if len(rows) >= 2:
        done.add(Done.SECOND_DESTINATION)
    return frozenset(done)


def gardien_verdict(ctx: Context) -> Outcome | None:
    """Gardien's own backups, from the measured status; None when none is set up."""
    return own_verdict(ctx.optional("gardien_sauvegarde") or "")


def own_verdict(text: str) -> Outcome | None:
    """Gardien's own backups from their status (backup.status.audit_json): also what the plan reads of the backups
    made since the last audit (plan/backup_facts.py)."""
    if not text.strip():
        return None
    try:
        status = json.loads(text)
        if not isinstance(status, dict):
            raise TypeError
        if status.get("etat") == "illisible":
            raise CannotTell(f"L'état des sauvegardes de Gardien est illisible : {status.get('erreur')}")
        if not status.get("configuree"):
            return None
        rows = status["destinations"]
        counted = [r for r in rows if r["compte"] is True]
        unknown = [r for r in rows if r.get("inconnu") is True]
        sentences = f"{status['phrase']} {status['verification']}"
        done = _done(rows, counted)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise UnknownFormat("état des sauvegardes de Gardien illisible") from exc
    if counted:
        days = min(r["jours_depuis_sauvegarde"] for r in counted)
        text = f"Dernière sauvegarde de Gardien sur un autre disque (mesuré) : {fr.days_ago(days)}. {sentences}"
        evidence = {"jours": days, "outil": "Gardien", "regle_3_2_1": status["regle_3_2_1"]}
        if status["regle_3_2_1"] is True:
            return Outcome(Status.PASS, text, evidence, done=done)
        # one up-to-date support only (started with one disk, or the second copy failed, is old, or shares its disk),
        # or two with none away: not the 3-2-1 rule — less serious than no copy at all, and the title says what is left
        title = ("Copie de sauvegarde gardée hors du cabinet" if status.get("copies", 0) >= 3
                 else "Deuxième copie de sauvegarde, gardée ailleurs")
        return Outcome(Status.FAIL, text, evidence, severity=Severity.HIGH, done=done, title=title)
    if unknown:
        raise CannotTell(f"Gardien ne peut pas dire si ses sauvegardes sont à jour sur un autre disque. {sentences}")
    return Outcome(Status.FAIL, f"Aucune copie à jour de Gardien sur un autre disque que vos dossiers. {sentences}",
                   {"outil": "Gardien", "regle_3_2_1": False}, done=done)


def dated_verdict(ctx: Context, tool: str, last: datetime, where: str) -> Outcome:
    age = days_since(last, ctx.now, f"la dernière sauvegarde ({tool})")
    text = f"Dernière sauvegarde ({tool}, vers {where}) : {fr.days_ago(age)}."
    if age > MAX_AGE_DAYS:
        return Outcome(Status.FAIL, text + f" C'est plus de {MAX_AGE_DAYS} jours.", {"jours": age, "outil": tool})
    return Outcome(Status.PASS, text + " Faites aussi une restauration d'essai au moins une fois par semestre (ANSSI).",
                   {"jours": age, "outil": tool})


def verdict(ctx: Context, measured: list[tuple[str, datetime, str]]) -> Outcome | None:
    """The best of Gardien's own measured status and the tools that always copy to another support; a trace of
    another backup whose destination is unknown is « À vérifier » at best."""
    candidates, unsure = [], None
    try:
        own = gardien_verdict(ctx)
    except CannotTell as exc:
        own, unsure = None, exc
    if own is not None:
        candidates.append(own)
    if measured:
        tool, last, where = max(measured, key=lambda row: row[1].replace(tzinfo=None))
        try:
            candidates.append(dated_verdict(ctx, tool, last, where))
        except CannotTell as exc:
            unsure = unsure or exc
    passing = [c for c in candidates if c.status is Status.PASS]
    if passing:
        return passing[0]
    if unsure:
        raise unsure
    traces = dated_lines(ctx.optional("backup_traces") or "")
    note = ""
    if traces:
        tool, last = max(traces, key=lambda row: row[1].replace(tzinfo=None))
        note = (f"Une sauvegarde {tool} a aussi laissé une trace le {fr.day(last)}, mais Gardien ne sait pas où elle est "
                "rangée ni ce qu'elle contient : vérifiez qu'elle est sur un autre disque que l'ordinateur, et récente.")
    if candidates:
        first = candidates[0]
        return replace(first, detail=f"{first.detail} {note}") if note else first
    if note:
        raise CannotTell(note)
    return None


def nothing_found(ctx: Context, native: str) -> Outcome:
    names = installed_programs(ctx)
    everything = catalog.matching(names, "sauvegarde")
    # restic is the tool Gardien backs up with: installed for Gardien, it says nothing of a backup being made
    tools = [tool for tool in everything if tool.lower() != "restic"]
    if tools:
        raise CannotTell(f"Logiciel de sauvegarde installé ({', '.join(tools)}), mais Gardien ne sait pas lire la date de sa "
                         "dernière sauvegarde : vérifiez-la.")
    sync = catalog.matching(names, "synchronisation")
    note = f" {', '.join(sync)} synchronise des fichiers, mais une synchronisation n'est pas une sauvegarde." if sync else ""
    if len(everything) > len(tools):
        note += (" L'outil de sauvegarde de Gardien (restic) est installé, mais aucune sauvegarde n'y est encore configurée"
                 " (si quelqu'un s'en sert déjà pour vous, vérifiez avec lui la date de la dernière sauvegarde).")
    return Outcome(Status.FAIL, f"Aucune sauvegarde n'a été trouvée ({native} n'est pas configuré).{note}")


def _dejadup(ctx: Context) -> list[tuple[str, datetime, str]]:
    text = ctx.optional("gsettings_dejadup")
    if not text:
        return []
    settings = lx.parse_gsettings(text)
    dates = []
    for key in ("org.gnome.DejaDup.last-backup", "org.gnome.DejaDup.last-run"):
        value = settings.get(key)
        if isinstance(value, str) and value:
            try:
                dates.append(datetime.fromisoformat(value.replace("Z", "+00:00")))
            except ValueError:
                pass
    if not dates:
        return []
    backend = str(settings.get("org.gnome.DejaDup.backend") or "")
    if backend not in DEJADUP_ELSEWHERE:
        folder = settings.get("org.gnome.DejaDup.Local.folder") or settings.get("org.gnome.DejaDup.Local folder")
        place = f" ({folder})" if folder else ""
        raise CannotTell(f"Déjà Dup a sauvegardé le {fr.day(max(dates))}, dans un dossier de cet ordinateur{place} : Gardien "
                         "n'a pas mesuré s'il est sur un autre disque. Si c'est le disque de l'ordinateur, ce n'est pas une "
                         "copie à part : choisissez un disque externe dans Déjà Dup.")
    return [("Déjà Dup", max(dates), DEJADUP_ELSEWHERE[backend])]


def linux(ctx: Context) -> Outcome:
    try:
        measured = _dejadup(ctx)
    except CannotTell as unsure:  # Déjà Dup to a folder of this computer: Gardien's own copies may still pass
        try:
            outcome = gardien_verdict(ctx)
        except CannotTell:
            outcome = None
        if outcome is not None and outcome.status is Status.PASS:
            return outcome
        raise unsure
    return verdict(ctx, measured) or nothing_found(ctx, "l'outil Sauvegardes (Déjà Dup)")


def macos(ctx: Context) -> Outcome:
    latest = mac.parse_tmutil_latestbackup(ctx.optional("tm_latest") or "")
    # Time Machine refuses the startup disk as a destination: its copies are always on another support
    measured = [("Time Machine", latest, "un disque externe ou un serveur")] if latest else []
    outcome = verdict(ctx, measured)
    if outcome:
        return outcome
    try:
        destinations = mac.parse_tmutil_destinationinfo(ctx.text("tm_destinations"))
    except (CannotTell, UnknownFormat):
        destinations = []
    if destinations:
        raise CannotTell("Time Machine est configuré, mais Gardien n'a pas pu lire la date de la dernière sauvegarde (accès "
                         "complet au disque requis).")
    return nothing_found(ctx, "Time Machine")


def windows(ctx: Context) -> Outcome:
    history = dated_lines(ctx.optional("file_history") or "")
    # File History copies to another drive or a network folder, never to the system drive
    measured = [("Historique des fichiers", max(d for _, d in history), "un autre lecteur")] if history else []
    return verdict(ctx, measured) or nothing_found(ctx, "l'Historique des fichiers")
