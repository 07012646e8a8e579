"""The local firewall is on (every profile on Windows)."""

from __future__ import annotations

from gardien.core.context import CannotTell, Context
from gardien.core.model import Outcome, Status
from gardien.parsers import UnknownFormat
from gardien.parsers import linux as lx
from gardien.parsers import macos as mac
from gardien.parsers import windows as w
from gardien.probes.base import NOT_FOUND

WINDOWS_PROFILES = {"domaine", "privé", "public"}


def _ufw(ctx: Context) -> str | None:
    """"on", "off" or "absent" for ufw, from `ufw status` (root only) or else /etc/ufw/ufw.conf; None when unknown."""
    if ctx.output("ufw_status").error == NOT_FOUND and ctx.output("ufw_conf").error == NOT_FOUND:
        return "absent"
    for probe, parse in (("ufw_status", lx.parse_ufw_status), ("ufw_conf", lx.parse_ufw_conf)):
        try:
            return "on" if parse(ctx.text(probe)) else "off"
        except (CannotTell, UnknownFormat):
            continue
    return None


def _firewalld(ctx: Context) -> str | None:
    """"on", "off" or "absent" for firewalld, from `systemctl status`; None when unknown."""
    text = ctx.optional("firewalld", ok_codes=(0, 3, 4))
    try:
        unit = lx.parse_systemctl_status(text) if text is not None else None
    except UnknownFormat:
        return None
    if unit is None:
        return None
    return "on" if unit.active else "off" if unit.exists else "absent"


def linux(ctx: Context) -> Outcome:
    states = {"ufw": _ufw(ctx), "firewalld": _firewalld(ctx)}
    running = [name for name, state in states.items() if state == "on"]
    if running:
        return Outcome(Status.PASS, "Le pare-feu est actif.", {"pare_feu": running[0]})
    if None in states.values():
        raise CannotTell("Gardien n'a pas pu lire l'état du pare-feu : vérifiez vous-même qu'il est actif.",
                         evidence={"etats": {name: state or "inconnu" for name, state in states.items()}})
    stopped = [name for name, state in states.items() if state == "off"]
    text = "Le pare-feu est installé mais désactivé." if stopped else "Aucun pare-feu actif n'a été trouvé."
    return Outcome(Status.FAIL, text, {"pare_feu_arretes": stopped})


def macos(ctx: Context) -> Outcome:
    state = mac.parse_socketfilterfw_state(ctx.text("socketfilterfw"))
    if state == 0:
        return Outcome(Status.FAIL, "Le pare-feu du Mac est désactivé.")
    return Outcome(Status.PASS, "Le pare-feu du Mac est activé.", {"etat": state})


def windows(ctx: Context) -> Outcome:
    profiles = w.parse_netsh_firewall(ctx.text("firewall"))
    off = [name for name, on in profiles.items() if not on]
    if off:
        return Outcome(Status.FAIL, "Pare-feu désactivé pour le profil : " + ", ".join(off) + ".", {"profils": profiles})
    if set(profiles) != WINDOWS_PROFILES:
        raise CannotTell("Gardien n'a pas pu lire l'état du pare-feu pour les trois profils (domaine, privé, public).")
    return Outcome(Status.PASS, "Le pare-feu est actif pour les trois profils (domaine, privé, public).", {"profils": profiles})
