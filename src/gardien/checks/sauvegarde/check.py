"""A backup tool is configured and its last successful run is recent.

Threshold: 7 days (the awareness documents suggest a weekly routine; the ANS template indicates a
daily backup in individual practice and a weekly copy kept elsewhere).
"""

from __future__ import annotations

import json
from datetime import datetime

from gardien import catalog
from gardien.checks.common import dated_lines, days_between, installed_programs
from gardien.fr import days_ago
from gardien.core.context import CannotTell, Context
from gardien.core.model import Outcome, Status
from gardien.parsers import UnknownFormat
from gardien.parsers import linux as lx
from gardien.parsers import macos as mac

MAX_AGE_DAYS = 7


def gardien_backups(ctx: Context) -> tuple[list[tuple[str, datetime]], str]:
    """Dates of Gardien's own backups (gardien sauvegarde), and its 3-2-1 and restore-test sentences."""
    text = ctx.optional("gardien_sauvegarde") or ""
    if not text.strip():
        return [], ""
    try:
        status = json.loads(text)
        dates = [("Gardien", datetime.fromisoformat(row["derniere_sauvegarde"]))
                 for row in status["destinations"] if row.get("derniere_sauvegarde")]
        return dates, f" {status['phrase']} {status['verification']}"
    except (ValueError, KeyError, TypeError) as exc:
        raise UnknownFormat("état des sauvegardes de Gardien illisible") from exc


def verdict(ctx: Context, dates: list[tuple[str, datetime]]) -> Outcome | None:
    own, sentences = gardien_backups(ctx)
    dates = dates + own
    if not dates:
        return None
    tool, last = max(dates, key=lambda row: row[1])
    age = days_between(last, ctx.now)
    text = f"Dernière sauvegarde ({tool}) : {days_ago(age)}.{sentences}"
    if age > MAX_AGE_DAYS:
        return Outcome(Status.FAIL, text + f" C'est plus de {MAX_AGE_DAYS} jours.", {"jours": age, "outil": tool})
    advice = "" if sentences else " Pensez à tester une restauration chaque mois."
    return Outcome(Status.PASS, text + advice, {"jours": age, "outil": tool})


def nothing_found(ctx: Context, native: str) -> Outcome:
    names = installed_programs(ctx)
    tools = catalog.matching(names, "sauvegarde")
    if tools:
        raise CannotTell(f"Logiciel de sauvegarde installé ({', '.join(tools)}), mais Gardien ne sait pas lire la date de sa dernière sauvegarde : vérifiez-la.")
    sync = catalog.matching(names, "synchronisation")
    note = f" {', '.join(sync)} synchronise des fichiers, mais une synchronisation n'est pas une sauvegarde." if sync else ""
    return Outcome(Status.FAIL, f"Aucune sauvegarde n'a été trouvée ({native} n'est pas configuré).{note}")


def linux(ctx: Context) -> Outcome:
    dates = dated_lines(ctx.optional("backup_traces") or "")
    dejadup = ctx.optional("gsettings_dejadup")
    if dejadup:
        settings = lx.parse_gsettings(dejadup)
        for key in ("org.gnome.DejaDup.last-backup", "org.gnome.DejaDup.last-run"):
            value = settings.get(key)
            if isinstance(value, str) and value:
                try:
                    dates.append(("Déjà Dup", datetime.fromisoformat(value.replace("Z", "+00:00"))))
                except ValueError:
                    pass
    return verdict(ctx, dates) or nothing_found(ctx, "Déjà Dup")


def macos(ctx: Context) -> Outcome:
    dates = dated_lines(ctx.optional("backup_traces") or "")
    latest = mac.parse_tmutil_latestbackup(ctx.optional("tm_latest") or "")
    if latest:
        dates.append(("Time Machine", latest))
    outcome = verdict(ctx, dates)
    if outcome:
        return outcome
    try:
        destinations = mac.parse_tmutil_destinationinfo(ctx.text("tm_destinations"))
    except (CannotTell, UnknownFormat):
        destinations = []
    if destinations:
        raise CannotTell("Time Machine est configuré, mais Gardien n'a pas pu lire la date de la dernière sauvegarde (accès complet au disque requis).")
    return nothing_found(ctx, "Time Machine")


def windows(ctx: Context) -> Outcome:
    dates = dated_lines(ctx.optional("backup_traces") or "")
    history = dated_lines(ctx.optional("file_history") or "")
    if history:
        dates.append(("Historique des fichiers", max(d for _, d in history)))
    return verdict(ctx, dates) or nothing_found(ctx, "l'Historique des fichiers")
