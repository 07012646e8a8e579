"""The guest account is off (accounts must be personal: ANSSI measure 8, CNIL 4.1)."""

from __future__ import annotations

import re

from gardien.core.context import CannotTell, Context
from gardien.core.model import Outcome, Status
from gardien.parsers import linux as lx
from gardien.parsers import macos as mac
from gardien.parsers import windows as w
from gardien.probes.base import NOT_FOUND

GUEST_NAMES = {"guest", "invite", "invité", "invitee", "invitée", "visiteur"}


def linux(ctx: Context) -> Outcome:
    lightdm = ctx.output("lightdm_conf")
    if lightdm.error not in (None, NOT_FOUND):
        raise CannotTell("Gardien n'a pas pu lire la configuration de l'écran de connexion (LightDM).")
    if re.search(r"^\s*allow-guest\s*=\s*true", lightdm.stdout, re.M | re.I):
        return Outcome(Status.FAIL, "La session « invité » est ouverte à tous sur l'écran de connexion.")
    accounts = lx.parse_passwd_file(ctx.text("passwd_file"))
    guests = [a.name for a in accounts if a.name.lower() in GUEST_NAMES and a.can_log_in]
    if guests:
        return Outcome(Status.FAIL, f"Un compte invité peut ouvrir une session : {', '.join(guests)}.", {"comptes": guests})
    return Outcome(Status.PASS, "Aucun compte invité n'est ouvert.")


def macos(ctx: Context) -> Outcome:
    if mac.parse_sysadminctl_guest(ctx.text("guest")):
        return Outcome(Status.FAIL, "Le compte invité du Mac est activé.")
    return Outcome(Status.PASS, "Le compte invité du Mac est désactivé.")


def windows(ctx: Context) -> Outcome:
    users = w.parse_local_users(ctx.text("local_users"))
    guests = [u for u in users if u.is_builtin_guest]
    if any(u.enabled for u in guests):
        return Outcome(Status.FAIL, "Le compte Invité de Windows est activé.")
    if not guests:
        raise CannotTell("Le compte Invité de Windows n'apparaît pas dans la liste des comptes : Gardien ne peut pas conclure.")
    return Outcome(Status.PASS, "Le compte Invité de Windows est désactivé.")
