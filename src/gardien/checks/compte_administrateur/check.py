"""Daily work in an administrator account (ANSSI measure 29; weight 3 in MonAideCyber)."""

from __future__ import annotations

from gardien.core.context import Context
from gardien.core.model import Outcome, Status
from gardien.parsers import linux as lx
from gardien.parsers import windows as w

LINUX_ADMIN_GROUPS = {"sudo", "wheel", "admin"}


def linux(ctx: Context) -> Outcome:
    user = lx.parse_username(ctx.text("id_user"))
    groups = lx.parse_id_groups(ctx.text("id_groups"))
    if user == "root":
        return Outcome(Status.FAIL, "Vous travaillez directement sous le compte root, qui a tous les droits.")
    admin = sorted(groups & LINUX_ADMIN_GROUPS)
    if admin:
        return Outcome(Status.FAIL, f"Votre compte peut administrer l'ordinateur (groupe {', '.join(admin)}).", {"groupes": admin})
    return Outcome(Status.PASS, "Votre compte de tous les jours n'a pas les droits d'administrateur.")


def macos(ctx: Context) -> Outcome:
    groups = lx.parse_id_groups(ctx.text("id_groups"))
    if "admin" in groups:
        return Outcome(Status.FAIL, "Votre compte de tous les jours est administrateur du Mac.")
    return Outcome(Status.PASS, "Votre compte de tous les jours est un compte standard.")


def windows(ctx: Context) -> Outcome:
    sids = w.parse_whoami_groups(ctx.text("whoami_groups"))
    if w.ADMINISTRATORS_SID in sids:
        return Outcome(Status.FAIL, "Votre compte de tous les jours fait partie des administrateurs de l'ordinateur.")
    return Outcome(Status.PASS, "Votre compte de tous les jours est un compte standard.")
