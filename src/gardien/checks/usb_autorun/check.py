"""Programs and media do not start by themselves when a USB key is plugged in (ANSSI measure 14)."""

from __future__ import annotations

from gardien.checks.common import optional_registry, registry
from gardien.checks.verrouillage_session.check import linux_desktop
from gardien.core.context import CannotTell, Context
from gardien.core.model import Outcome, Status
from gardien.parsers import linux as lx

ALL_DRIVES = 0xFF
REMOVABLE_BIT = 0x04


def linux(ctx: Context) -> Outcome:
    if linux_desktop(ctx) != "gnome":
        raise CannotTell("Gardien ne sait lire ce réglage que sous GNOME : vérifiez l'action à l'insertion d'une clé USB.")
    settings = lx.parse_gsettings(ctx.text("gsettings_media"))
    never = settings.get("org.gnome.desktop.media-handling.autorun-never")
    if never is True:
        return Outcome(Status.PASS, "Rien ne se lance tout seul quand on branche une clé USB.")
    if never is False:
        return Outcome(Status.FAIL, "GNOME peut lancer une action automatiquement quand on branche une clé USB.")
    raise CannotTell("Réglage autorun-never introuvable.")


def windows(ctx: Context) -> Outcome:
    for probe in ("autorun_policy_hklm", "autorun_policy_hkcu"):
        value = optional_registry(ctx, probe).get("NoDriveTypeAutoRun")
        number = value.as_int() if value else None
        if number is not None and (number == ALL_DRIVES or number & REMOVABLE_BIT):
            return Outcome(Status.PASS, "Une stratégie interdit l'exécution automatique des clés USB.")
    user = registry(ctx, "autoplay_user").get("DisableAutoplay")
    if user and user.as_int() == 1:
        return Outcome(Status.PASS, "La lecture automatique est désactivée.")
    return Outcome(Status.FAIL, "La lecture automatique est active : Windows propose d'ouvrir le contenu d'une clé dès son branchement.")
