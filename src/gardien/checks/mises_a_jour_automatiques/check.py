"""Automatic updates are on and not paused (MonAideCyber: turn on automatic updates)."""

from __future__ import annotations

from datetime import datetime

from gardien.checks.common import registry
from gardien.core.context import Context
from gardien.core.model import Outcome, Status
from gardien.parsers import linux as lx
from gardien.parsers import macos as mac
from gardien.probes.base import NOT_FOUND


def linux(ctx: Context) -> Outcome:
    if ctx.output("apt_config").error != NOT_FOUND:
        config = lx.parse_apt_config(ctx.text("apt_config"))
        if config.get("APT::Periodic::Unattended-Upgrade", "0") not in ("0", ""):
            return Outcome(Status.PASS, "Les mises à jour de sécurité s'installent automatiquement (unattended-upgrades).")
        return Outcome(Status.FAIL, "Les mises à jour ne s'installent pas automatiquement (unattended-upgrades n'est pas activé).")
    unit = lx.parse_systemctl_status(ctx.text("dnf_automatic", ok_codes=(0, 3, 4)))
    if unit.exists and (unit.enabled or unit.active):
        return Outcome(Status.PASS, "Les mises à jour s'installent automatiquement (dnf-automatic).")
    return Outcome(Status.FAIL, "Les mises à jour ne s'installent pas automatiquement (dnf-automatic n'est pas activé).")


MAC_KEYS = {
    "AutomaticCheckEnabled": "rechercher les mises à jour",
    "CriticalUpdateInstall": "installer les réponses de sécurité",
    "AutomaticallyInstallMacOSUpdates": "installer les mises à jour de macOS",
}
MAC_DEFAULT_ON = {"AutomaticCheckEnabled", "CriticalUpdateInstall"}  # on when the key is absent


def macos(ctx: Context) -> Outcome:
    prefs = mac.parse_plist_json(ctx.text("softwareupdate_prefs"))
    off = [label for key, label in MAC_KEYS.items() if not prefs.get(key, key in MAC_DEFAULT_ON)]
    if off:
        return Outcome(Status.FAIL, "Réglages automatiques désactivés : " + ", ".join(off) + ".")
    return Outcome(Status.PASS, "Le Mac recherche et installe seul ses mises à jour.")


def windows(ctx: Context) -> Outcome:
    policy = registry(ctx, "reg_au_policy")
    if (policy.get("NoAutoUpdate") and policy["NoAutoUpdate"].as_int() == 1):
        return Outcome(Status.FAIL, "Une stratégie désactive les mises à jour automatiques de Windows.")
    if policy.get("AUOptions") and policy["AUOptions"].as_int() == 2:
        return Outcome(Status.FAIL, "Windows se contente de prévenir : les mises à jour ne se téléchargent pas seules.")
    ux = registry(ctx, "reg_wu_ux")
    pause = ux.get("PauseUpdatesExpiryTime")
    if pause:
        try:
            until = datetime.fromisoformat(pause.data.strip().replace("Z", "+00:00"))
            if until.replace(tzinfo=None) > ctx.now.replace(tzinfo=None):
                return Outcome(Status.FAIL, f"Les mises à jour sont suspendues jusqu'au {until.strftime('%d/%m/%Y')}.")
        except ValueError:
            pass
    return Outcome(Status.PASS, "Les mises à jour automatiques de Windows sont actives et ne sont pas suspendues.")
