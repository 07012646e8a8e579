"""A password is asked when the computer wakes from sleep (ANS template, rule 4.5.2.4)."""

from __future__ import annotations

from gardien.checks.verrouillage_session.check import kde_lock, linux_desktop
from gardien.core.context import Context
from gardien.core.model import Outcome, Severity, Status
from gardien.fr import duration
from gardien.parsers import UnknownFormat
from gardien.parsers import linux as lx
from gardien.parsers import macos as mac
from gardien.parsers import windows as w

MAC_MAX_DELAY_S = 60


def linux(ctx: Context) -> Outcome:
    if linux_desktop(ctx) == "kde":
        kde = kde_lock(ctx)
        if not kde.lock_on_resume:
            return Outcome(Status.FAIL, "KDE est réglé pour ne pas verrouiller l'écran à la sortie de veille.")
        return Outcome(Status.PASS, "KDE verrouille l'écran à la sortie de veille : le mot de passe est demandé.")
    settings = lx.parse_gsettings(ctx.text("gsettings_screensaver"))
    lock = settings.get("org.gnome.desktop.screensaver.lock-enabled")
    if not isinstance(lock, bool):
        raise UnknownFormat("réglage lock-enabled absent")
    if not lock:
        return Outcome(Status.FAIL, "Le verrouillage est désactivé : l'ordinateur se réveille sans demander de mot de passe.")
    if settings.get("org.gnome.desktop.screensaver.ubuntu-lock-on-suspend") is False:
        return Outcome(Status.FAIL, "Ubuntu est réglé pour ne pas verrouiller la session à la mise en veille.")
    return Outcome(Status.PASS, "Le mot de passe est demandé à la sortie de veille.")


def macos(ctx: Context) -> Outcome:
    lock = mac.parse_sysadminctl_screenlock(ctx.text("screenlock"))
    if not lock.enabled:
        return Outcome(Status.FAIL, "Aucun mot de passe n'est demandé à la sortie de veille.")
    delay = lock.delay_s or 0
    if delay <= MAC_MAX_DELAY_S:
        when = "immédiatement" if delay == 0 else f"après {duration(delay)}"
        return Outcome(Status.PASS, f"Le mot de passe est demandé {when} à la sortie de veille.", {"delai_secondes": delay})
    return Outcome(
        Status.FAIL,
        f"Le mot de passe n'est demandé que {duration(delay)} après la mise en veille de l'écran.",
        {"delai_secondes": delay},
        Severity.MEDIUM,
    )


def windows(ctx: Context) -> Outcome:
    ac, dc = w.parse_powercfg_setting(ctx.text("powercfg_consolelock"))
    if ac and dc:
        return Outcome(Status.PASS, "Windows demande le mot de passe (ou le code PIN) à la sortie de veille.")
    where = " et ".join(n for n, v in (("sur secteur", ac), ("sur batterie", dc)) if not v)
    return Outcome(Status.FAIL, f"Windows ne demande pas de mot de passe à la sortie de veille {where}.")
