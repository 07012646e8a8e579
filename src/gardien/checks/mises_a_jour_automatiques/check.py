"""Automatic updates are on and not paused (MonAideCyber: turn on automatic updates)."""

from __future__ import annotations

from datetime import datetime

from gardien import fr
from gardien.checks.common import registry
from gardien.core.context import CannotTell, Context
from gardien.core.model import Outcome, Status
from gardien.parsers import linux as lx
from gardien.parsers import macos as mac
from gardien.probes.base import NOT_FOUND


def linux(ctx: Context) -> Outcome:
    if ctx.output("apt_config").error != NOT_FOUND:
        config = lx.parse_apt_config(ctx.text("apt_config"))
        periodic = config.get("APT::Periodic::Unattended-Upgrade", "0") not in ("0", "")
        # the setting outlives the package: both are needed for anything to install itself
        installed = lx.parse_dpkg_query_status(ctx.text("unattended_upgrades", ok_codes=(0, 1)))
        if periodic and installed:
            return Outcome(Status.PASS, "Les mises à jour de sécurité s'installent automatiquement.")
        return Outcome(Status.FAIL, "Les mises à jour de sécurité ne s'installent pas automatiquement.",
                       {"reglage": periodic, "paquet_installe": installed})
    if ctx.output("dnf_check_update").error == NOT_FOUND:
        raise CannotTell("Gardien ne connaît que les gestionnaires de mises à jour de Debian, Ubuntu et Fedora.")
    unit = lx.parse_systemctl_status(ctx.text("dnf_automatic", ok_codes=(0, 3, 4)))
    if unit.exists and (unit.enabled or unit.active):
        return Outcome(Status.PASS, "Les mises à jour s'installent automatiquement.")
    return Outcome(Status.FAIL, "Les mises à jour ne s'installent pas automatiquement.")


MAC_KEYS = {
    "AutomaticCheckEnabled": "rechercher les mises à jour",
    "AutomaticDownload": "télécharger les mises à jour",
    "CriticalUpdateInstall": "installer les mises à jour de sécurité",
    "AutomaticallyInstallMacOSUpdates": "installer les mises à jour de macOS",
}
MAC_DEFAULT_ON = {"AutomaticCheckEnabled", "AutomaticDownload", "CriticalUpdateInstall"}  # on when the key is absent


def preferences(ctx: Context) -> dict:
    """The SoftwareUpdate preferences (`defaults read`; JSON from older recordings)."""
    text = ctx.text("softwareupdate_prefs")
    try:
        return mac.parse_plist_json(text)
    except ValueError:
        return mac.parse_defaults_plist(text)


def macos(ctx: Context) -> Outcome:
    prefs = preferences(ctx)
    flags = {key: mac.plist_bool(prefs[key]) if key in prefs else key in MAC_DEFAULT_ON for key in MAC_KEYS}
    unreadable = [key for key, value in flags.items() if value is None]
    if unreadable:
        raise CannotTell(f"Réglage de mise à jour illisible : {', '.join(unreadable)}.")
    off = [label for key, label in MAC_KEYS.items() if not flags[key]]
    if off:
        return Outcome(Status.FAIL, "Réglages automatiques désactivés : " + ", ".join(off) + ".", {"desactives": off})
    return Outcome(Status.PASS, "Le Mac recherche et installe seul ses mises à jour.")


def windows(ctx: Context) -> Outcome:
    policy = registry(ctx, "reg_au_policy")
    if policy.get("NoAutoUpdate") and policy["NoAutoUpdate"].as_int() == 1:
        return Outcome(Status.FAIL, "Un réglage imposé désactive les mises à jour automatiques de Windows.")
    if policy.get("AUOptions") and policy["AUOptions"].as_int() == 2:
        return Outcome(Status.FAIL, "Windows se contente de prévenir : les mises à jour ne se téléchargent pas seules.")
    pause = registry(ctx, "reg_wu_ux").get("PauseUpdatesExpiryTime")
    if pause:
        try:
            until = datetime.fromisoformat(pause.data.strip().replace("Z", "+00:00"))
        except ValueError:
            raise CannotTell("Gardien n'a pas pu lire la date de fin de la pause des mises à jour.") from None
        if until.replace(tzinfo=None) > ctx.now.replace(tzinfo=None):
            return Outcome(Status.FAIL, f"Les mises à jour sont suspendues jusqu'au {fr.day(until)}.")
    return Outcome(Status.PASS, "Les mises à jour automatiques de Windows sont actives et ne sont pas suspendues.")
