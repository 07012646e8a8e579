"""Automatic session lock and its delay.

Thresholds: Gardien asks for 5 minutes at most (the awareness documents say "a few minutes"; this is
Gardien's choice, no authority gives a figure in minutes). The ANS template calls 30 minutes
"generally adequate": between 5 and 30 minutes the finding fails as medium, beyond as high.
Windows: the screen turning off does not lock the session; only a password-protected screen saver,
the inactivity policy, or sleep with a password on wake do, and those are what Gardien reads.
"""

from __future__ import annotations

from gardien.checks.common import registry
from gardien.core.context import CannotTell, Context
from gardien.core.model import Outcome, Severity, Status
from gardien.fr import duration
from gardien.parsers import UnknownFormat
from gardien.parsers import linux as lx
from gardien.parsers import macos as mac
from gardien.parsers import windows as w
from gardien.probes.base import NOT_FOUND

GARDIEN_MAX_S = 5 * 60
ANS_MAX_S = 30 * 60
KDE_DEFAULTS = lx.KdeLock(autolock=True, timeout_min=5, lock_on_resume=True)


def verdict(delay_s: int, how: str) -> Outcome:
    evidence = {"delai_secondes": delay_s}
    text = f"La session se verrouille après {duration(delay_s)} d'inactivité ({how})."
    if delay_s <= GARDIEN_MAX_S:
        return Outcome(Status.PASS, text, evidence)
    if delay_s <= ANS_MAX_S:
        return Outcome(Status.FAIL, text + " Gardien conseille 5 minutes au plus.", evidence, Severity.MEDIUM)
    return Outcome(Status.FAIL, text + " C'est plus que les 30 minutes du canevas de l'ANS.", evidence)


def linux_desktop(ctx: Context) -> str:
    """"gnome", "kde" or the raw desktop name; CannotTell when no graphical session was seen."""
    desktop = ctx.text("desktop_session").lower()
    if "gnome" in desktop or "unity" in desktop or "ubuntu" in desktop:
        return "gnome"
    if "kde" in desktop or "plasma" in desktop:
        return "kde"
    name = desktop.split("\t")[-1].strip() if desktop.strip() else "aucun"
    raise CannotTell(
        f"Gardien ne sait lire ce réglage que sous les bureaux GNOME et KDE (bureau détecté : {name}) : "
        "vérifiez-le vous-même dans les paramètres de votre bureau."
    )


def kde_lock(ctx: Context) -> lx.KdeLock:
    """KDE's locker settings; an absent file means KDE's defaults, an unreadable one is not known."""
    if ctx.output("kscreenlockerrc").error == NOT_FOUND:
        return KDE_DEFAULTS
    return lx.parse_kscreenlockerrc(ctx.text("kscreenlockerrc"))


def linux(ctx: Context) -> Outcome:
    if linux_desktop(ctx) == "kde":
        kde = kde_lock(ctx)
        if not kde.autolock:
            return Outcome(Status.FAIL, "Le verrouillage automatique de l'écran est désactivé.")
        return verdict(kde.timeout_min * 60, "réglage de KDE")
    screensaver = lx.parse_gsettings(ctx.text("gsettings_screensaver"))
    session = lx.parse_gsettings(ctx.text("gsettings_session"))
    lock = screensaver.get("org.gnome.desktop.screensaver.lock-enabled")
    idle = session.get("org.gnome.desktop.session.idle-delay")
    if not isinstance(lock, bool) or not isinstance(idle, int):
        raise UnknownFormat("réglages GNOME de verrouillage absents")
    if not lock:
        return Outcome(Status.FAIL, "Le verrouillage automatique de l'écran est désactivé.")
    if idle == 0:
        return Outcome(Status.FAIL, "L'écran ne s'éteint jamais de lui-même : la session ne se verrouille pas seule.")
    extra = screensaver.get("org.gnome.desktop.screensaver.lock-delay", 0)
    return verdict(idle + (extra if isinstance(extra, int) else 0), "réglage de GNOME")


def macos(ctx: Context) -> Outcome:
    lock = mac.parse_sysadminctl_screenlock(ctx.text("screenlock"))
    if not lock.enabled:
        return Outcome(Status.FAIL, "Aucun mot de passe n'est demandé à la sortie de veille : l'écran ne se verrouille pas.")
    saver = ctx.output("screensaver_idle")
    # `defaults` exits with 1 when the value was never set: the screen saver then keeps its default
    idle = saver.stdout.strip() if saver.error is None and saver.returncode == 0 else None
    idle_known = idle is not None or (saver.error is None and saver.returncode == 1)
    delays = []
    if idle is not None:
        if not idle.isdigit():
            raise UnknownFormat("délai de l'économiseur d'écran illisible")
        if int(idle) > 0:
            delays.append(int(idle))
    try:
        power = mac.parse_pmset_custom(ctx.text("pmset"))
    except (CannotTell, UnknownFormat):
        power = {}
    display = [int(v["displaysleep"]) for v in power.values() if v.get("displaysleep", "").isdigit()]
    if display and min(display) > 0:
        delays.append(max(display) * 60)  # the longest of battery and mains: the weakest case
    if delays:
        return verdict(min(delays) + (lock.delay_s or 0), "économiseur ou veille de l'écran, puis délai du mot de passe")
    if idle_known and display:
        return Outcome(Status.FAIL, "Ni l'économiseur d'écran ni la mise en veille de l'écran ne se déclenchent seuls.")
    raise CannotTell("Gardien n'a pas pu lire le délai de mise en veille de l'écran.")


def windows(ctx: Context) -> Outcome:
    candidates = []
    unknown = []
    desktop = registry(ctx, "reg_desktop")
    active = desktop.get("ScreenSaveActive")
    secure = desktop.get("ScreenSaverIsSecure")
    timeout = desktop.get("ScreenSaveTimeOut")
    if active and secure and timeout and active.as_int() == 1 and secure.as_int() == 1 and (timeout.as_int() or 0) > 0:
        candidates.append((timeout.as_int(), "économiseur d'écran avec écran d'ouverture de session à la reprise"))
    try:
        policy = registry(ctx, "reg_inactivity").get("InactivityTimeoutSecs")
        if policy and (policy.as_int() or 0) > 0:
            candidates.append((policy.as_int(), "réglage imposé de verrouillage après inactivité"))
    except (CannotTell, UnknownFormat):
        unknown.append("verrouillage imposé")
    try:
        lock_ac, _ = w.parse_powercfg_setting(ctx.text("powercfg_consolelock"))
        sleep_ac, _ = w.parse_powercfg_setting(ctx.text("powercfg_standby"))
        if lock_ac and sleep_ac:
            candidates.append((sleep_ac, "mise en veille sur secteur, avec mot de passe au réveil"))
    except (CannotTell, UnknownFormat):
        unknown.append("mise en veille")
    if candidates:
        delay, how = min(candidates)
        return verdict(delay, how)
    if unknown:
        raise CannotTell(
            "Aucun économiseur d'écran protégé, et Gardien n'a pas pu lire d'autres réglages ("
            + ", ".join(unknown) + ") : vérifiez que la session se verrouille seule."
        )
    return Outcome(Status.FAIL, "Rien ne verrouille la session après un temps d'inactivité.")
