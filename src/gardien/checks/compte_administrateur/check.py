"""Daily work in an administrator account (ANSSI measure 29; weight 3 in MonAideCyber)."""

from __future__ import annotations

from gardien.core.context import CannotTell, Context
from gardien.core.model import Outcome, Status
from gardien.parsers import UnknownFormat
from gardien.parsers import linux as lx
from gardien.parsers import macos as mac
from gardien.parsers import windows as w

LINUX_ADMIN_GROUPS = {"sudo", "wheel", "admin"}


def _gnome(ctx: Context) -> bool:
    """A GNOME session was seen (its steps name GNOME's menus); anything else, or no desktop seen: the general steps."""
    from gardien.checks.verrouillage_session.check import linux_desktop

    try:
        return linux_desktop(ctx) == "gnome"
    except (CannotTell, UnknownFormat):
        return False


def linux(ctx: Context) -> Outcome:
    """The facts choose the steps (check.fr.toml): root has no « compte habituel » to make standard, and GNOME's menus
    are named only where GNOME runs (walkthrough round 14, finding 12)."""
    user = lx.parse_username(ctx.text("id_user"))
    groups = lx.parse_id_groups(ctx.text("id_groups"))
    gnome = _gnome(ctx)
    if user == "root":
        return Outcome(Status.FAIL, "Vous travaillez directement sous le compte root, qui a tous les droits.",
                       done=frozenset({"etapes_particulieres", "session_root",
                                       "session_root_gnome" if gnome else "session_root_autre"}))
    admin = sorted(groups & LINUX_ADMIN_GROUPS)
    if admin:
        return Outcome(Status.FAIL, "Votre compte de tous les jours peut administrer l'ordinateur.", {"groupes": admin},
                       done=frozenset({"etapes_particulieres", "compte_habituel_gnome"} if gnome else ()))
    return Outcome(Status.PASS, "Votre compte de tous les jours n'a pas les droits d'administrateur.")


def macos(ctx: Context) -> Outcome:
    try:
        admin = "admin" in lx.parse_id_groups(ctx.text("id_groups"))
    except (CannotTell, UnknownFormat):
        # the admin group's members, read another way
        admin = lx.parse_username(ctx.text("id_user")) in mac.parse_dscl_group_membership(ctx.text("admin_group"))
    if admin:
        return Outcome(Status.FAIL, "Votre compte de tous les jours est administrateur du Mac.")
    return Outcome(Status.PASS, "Votre compte de tous les jours est un compte standard.")


def windows(ctx: Context) -> Outcome:
    sids = w.parse_whoami_groups(ctx.text("whoami_groups"))
    if w.ADMINISTRATORS_SID in sids:
        return Outcome(Status.FAIL, "Votre compte de tous les jours fait partie des administrateurs de l'ordinateur.")
    if not w.whoami_complete(sids):
        raise CannotTell("La liste des groupes de votre compte est incomplète : Gardien ne peut pas savoir s'il est administrateur.")
    return Outcome(Status.PASS, "Votre compte de tous les jours est un compte standard.")
