"""Pending system updates and the time since the last ones (ANSSI: patches within a month)."""

from __future__ import annotations

from gardien import fr
from gardien.checks.common import dated_lines, days_since
from gardien.checks.mises_a_jour_automatiques.check import preferences
from gardien.core.context import CannotTell, Context
from gardien.core.model import Outcome, Status
from gardien.fr import days_ago
from gardien.parsers import linux as lx
from gardien.parsers import macos as mac
from gardien.parsers import windows as w
from gardien.probes.base import NOT_FOUND

LIST_FRESH_DAYS = 7  # beyond, the list of available updates itself is too old to trust
WINDOWS_MAX_DAYS = 35  # Microsoft publishes monthly; a month plus a few days of margin (ANSSI: one month)


def _fresh_list(ctx: Context, probe: str) -> int:
    """Days since the package manager last downloaded its list of updates; CannotTell when unknown or stale."""
    dates = [d for _, d in dated_lines(ctx.optional(probe) or "")]
    if not dates:
        raise CannotTell("Aucune mise à jour en attente, mais Gardien ne sait pas de quand date la liste des mises à jour.")
    age = days_since(max(dates), ctx.now, "la liste des mises à jour")
    if age > LIST_FRESH_DAYS:
        raise CannotTell(
            f"La liste des mises à jour n'a pas été rafraîchie depuis {age} jours : Gardien ne peut pas savoir "
            "s'il en manque. Lancez une recherche de mises à jour."
        )
    return age


def linux(ctx: Context) -> Outcome:
    if ctx.output("apt_upgradable").error == NOT_FOUND:
        if ctx.output("dnf_check_update").error == NOT_FOUND:
            raise CannotTell("Gardien ne connaît que les gestionnaires de mises à jour de Debian, Ubuntu et Fedora.")
        dnf = ctx.output("dnf_check_update")
        updates = lx.parse_dnf_check_update(ctx.text("dnf_check_update", ok_codes=(0, 100)), dnf.returncode)
        if updates.count:
            return Outcome(Status.FAIL, f"{fr.plural(updates.count, 'mise à jour', 'mises à jour')} en attente.",
                           {"en_attente": updates.count})
        age = _fresh_list(ctx, "dnf_metadata_date")
        return Outcome(Status.PASS, f"Le système est à jour (liste vérifiée {days_ago(age)}).", {"en_attente": 0})
    updates = lx.parse_apt_upgradable(ctx.text("apt_upgradable"))
    last = lx.parse_dpkg_log_last_upgrade(ctx.optional("dpkg_log") or "")
    when = ""
    if last:
        try:
            when = days_ago(days_since(last, ctx.now, "la dernière mise à jour"))
        except CannotTell:
            when = ""
    evidence = {"en_attente": updates.count, "securite": updates.security}
    if updates.count:
        security = f", dont {updates.security} de sécurité" if updates.security else ""
        pending = fr.plural(updates.count, "mise à jour", "mises à jour")
        # a package upgraded today (a dependency of something installed) is not these: said so, never as reassurance
        rest = ("elle reste à installer" if updates.count == 1 else "elles restent à installer") + (
            f", même si d'autres logiciels ont été mis à jour {when}" if when else "")
        return Outcome(Status.FAIL, f"{pending} en attente{security} : {rest}.", evidence)
    age = _fresh_list(ctx, "apt_lists_date")
    since = f" Dernière installation de mises à jour : {when}." if when else ""
    return Outcome(Status.PASS, f"Le système est à jour (liste vérifiée {days_ago(age)}).{since}", evidence)


def macos(ctx: Context) -> Outcome:
    updates = mac.parse_softwareupdate_list(ctx.text("softwareupdate"))
    if updates.labels:
        restart = " Un redémarrage sera nécessaire." if updates.restart_needed else ""
        names = ", ".join(updates.labels[:3])
        pending = fr.plural(len(updates.labels), "mise à jour", "mises à jour")
        return Outcome(Status.FAIL, f"{pending} en attente ({names}).{restart}", {"en_attente": list(updates.labels)})
    prefs = preferences(ctx)
    stamp = mac.plist_date(prefs.get("LastSuccessfulDate") or prefs.get("LastFullSuccessfulDate") or "")
    if stamp is None:
        raise CannotTell("Aucune mise à jour en attente, mais Gardien ne sait pas de quand date la dernière recherche.")
    age = days_since(stamp, ctx.now, "la dernière recherche de mises à jour")
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
    if age < 0:
        raise CannotTell(f"La dernière mise à jour est datée du {fr.day(last)}, dans le futur : l'horloge de l'ordinateur est fausse.")
    text = f"Dernière mise à jour de Windows installée {days_ago(age)} ({fr.day(last)})."
    if age > WINDOWS_MAX_DAYS:
        return Outcome(Status.FAIL, text + " Microsoft en publie chaque mois : il en manque sans doute.", {"jours": age})
    return Outcome(Status.PASS, text, {"jours": age})
