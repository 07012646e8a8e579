"""The local firewall is on (every profile on Windows)."""

from __future__ import annotations

from gardien.core.context import CannotTell, Context
from gardien.core.model import Outcome, Status
from gardien.parsers import UnknownFormat
from gardien.parsers import linux as lx
from gardien.parsers import macos as mac
from gardien.parsers import windows as w


def linux(ctx: Context) -> Outcome:
    seen = []
    try:
        if lx.parse_ufw_status(ctx.text("ufw_status")):
            return Outcome(Status.PASS, "Le pare-feu ufw est actif.")
        seen.append("ufw (inactif)")
    except (CannotTell, UnknownFormat):
        conf = ctx.optional("ufw_conf")
        if conf is not None:
            if lx.parse_ufw_conf(conf):
                return Outcome(Status.PASS, "Le pare-feu ufw est activé.")
            seen.append("ufw (désactivé)")
    firewalld_text = ctx.optional("firewalld", ok_codes=(0, 3, 4))
    if firewalld_text is None and not seen:
        raise CannotTell("Gardien n'a pu lire l'état d'aucun pare-feu (ni ufw, ni firewalld) : vérifiez vous-même.")
    firewalld = lx.parse_systemctl_status(firewalld_text or "Unit firewalld.service could not be found.")
    if firewalld.active:
        return Outcome(Status.PASS, "Le pare-feu firewalld est actif.")
    if firewalld.exists:
        seen.append("firewalld (arrêté)")
    if seen:
        return Outcome(Status.FAIL, "Le pare-feu est installé mais inactif : " + ", ".join(seen) + ".")
    return Outcome(Status.FAIL, "Aucun pare-feu actif n'a été trouvé (ni ufw, ni firewalld).")


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
    return Outcome(Status.PASS, "Le pare-feu est actif pour tous les profils (" + ", ".join(profiles) + ").", {"profils": profiles})
