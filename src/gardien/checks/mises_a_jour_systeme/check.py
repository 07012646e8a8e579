"""Pending system updates and the time since the last ones (ANSSI: patches within a month)."""

from __future__ import annotations

from datetime import datetime

from gardien.checks.common import dated_lines, days_ago, days_between
from gardien.core.context import CannotTell, Context
from gardien.core.model import Outcome, Status
from gardien.parsers import linux as lx
from gardien.parsers import macos as mac
from gardien.parsers import windows as w
from gardien.probes.base import NOT_FOUND

LIST_FRESH_DAYS = 7  # beyond, the list of available updates itself is too old to trust
WINDOWS_MAX_DAYS = 35  # Microsoft publishes monthly; a month plus a few days of margin (ANSSI: one month)


def linux(ctx: Context) -> Outcome:
    if ctx.output("apt_upgradable").error == NOT_FOUND:
        if ctx.output("dnf_check_update").error == NOT_FOUND:
            raise CannotTell("Gardien ne connaît que les gestionnaires de paquets apt et dnf.")
        updates = lx.parse_dnf_check_update(ctx.text("dnf_check_update", ok_codes=(0, 100)), ctx.output("dnf_check_update").returncode)
        if updates.count:
            return Outcome(Status.FAIL, f"{updates.count} mise(s) à jour en attente.", {"en_attente": updates.count})
        return Outcome(Status.PASS, "Aucune mise à jour en attente d'après la dernière liste téléchargée par dnf.")
    updates = lx.parse_apt_upgradable(ctx.text("apt_upgradable"))
    last = lx.parse_dpkg_log_last_upgrade(ctx.optional("dpkg_log") or "")
    since = f" Dernière installation de mises à jour : {days_ago(days_between(last, ctx.now))}." if last else ""
    evidence = {"en_attente": updates.count, "securite": updates.security}
    if updates.count:
        security = f", dont {updates.security} de sécurité" if updates.security else ""
        return Outcome(Status.FAIL, f"{updates.count} mise(s) à jour en attente{security}.{since}", evidence)
    dates = [d for _, d in dated_lines(ctx.optional("apt_lists_date") or "")]
    if not dates:
        raise CannotTell("Aucune mise à jour en attente, mais Gardien ne sait pas de quand date la liste des mises à jour.")
    age = days_between(max(dates), ctx.now)
    if age > LIST_FRESH_DAYS:
        raise CannotTell(
            f"La liste des mises à jour n'a pas été rafraîchie depuis {age} jours : Gardien ne peut pas savoir "
            "s'il en manque. Lancez une recherche de mises à jour."
        )
    return Outcome(Status.PASS, f"Le système est à jour (liste vérifiée {days_ago(age)}).{since}", evidence)


def macos(ctx: Context) -> Outcome:
    updates = mac.parse_softwareupdate_list(ctx.text("softwareupdate"))
    if updates.labels:
        restart = " Un redémarrage sera nécessaire." if updates.restart_needed else ""
        names = ", ".join(updates.labels[:3])
        return Outcome(Status.FAIL, f"{len(updates.labels)} mise(s) à jour en attente ({names}).{restart}", {"en_attente": list(updates.labels)})
    prefs = mac.parse_plist_json(ctx.text("softwareupdate_prefs"))
    stamp = prefs.get("LastSuccessfulDate") or prefs.get("LastFullSuccessfulDate")
    try:
        age = days_between(datetime.fromisoformat(str(stamp).replace("Z", "+00:00")), ctx.now)
    except ValueError:
        raise CannotTell("Aucune mise à jour en attente, mais Gardien ne sait pas de quand date la dernière recherche.") from None
    if age > LIST_FRESH_DAYS:
        raise CannotTell(f"La dernière recherche de mises à jour date de {age} jours : lancez-en une pour savoir s'il en manque.")
    return Outcome(Status.PASS, f"Le Mac est à jour (dernière recherche {days_ago(age)}).")


def windows(ctx: Context) -> Outcome:
    reboot = ctx.output("reg_reboot_required")
    if reboot.error is None and reboot.returncode == 0 and "RebootRequired" in reboot.stdout:
        return Outcome(Status.FAIL, "Des mises à jour sont installées mais attendent un redémarrage de l'ordinateur.")
    last = w.parse_hotfix_dates(ctx.text("hotfix"))
    if last is None:
        raise CannotTell("Gardien n'a trouvé aucune date d'installation de mise à jour.")
    age = (ctx.now.date() - last).days
    text = f"Dernière mise à jour de Windows installée {days_ago(age)} ({last.strftime('%d/%m/%Y')})."
    if age > WINDOWS_MAX_DAYS:
        return Outcome(Status.FAIL, text + " Microsoft en publie chaque mois : il en manque sans doute.", {"jours": age})
    return Outcome(Status.PASS, text, {"jours": age})
