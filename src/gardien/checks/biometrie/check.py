"""Biometric unlock (Windows Hello, Touch ID, fingerprint) available or enrolled, where it can be read."""

from __future__ import annotations

from gardien.core.context import CannotTell, Context
from gardien.core.model import Outcome, Status
from gardien.parsers import linux as lx
from gardien.parsers import macos as mac
from gardien.parsers.windows import parse_lines
from gardien.probes.base import NOT_FOUND


def linux(ctx: Context) -> Outcome:
    out = ctx.output("fprintd")
    if out.error == NOT_FOUND:
        return Outcome(Status.NOT_APPLICABLE, "Aucun lecteur d'empreintes n'est géré sur cet ordinateur (fprintd absent).")
    text = ctx.text("fprintd", ok_codes=(0, 1))
    if "No devices available" in text:
        return Outcome(Status.NOT_APPLICABLE, "Aucun lecteur d'empreintes n'a été trouvé.")
    count = lx.parse_fprintd_list(text)
    if count:
        return Outcome(Status.PASS, f"{count} empreinte(s) enregistrée(s) pour votre compte.", {"empreintes": count})
    return Outcome(Status.FAIL, "Un lecteur d'empreintes est présent, mais aucune empreinte n'est enregistrée.")


def macos(ctx: Context) -> Outcome:
    text = "\n".join(t for t in (ctx.optional("bioutil_config"), ctx.optional("bioutil_count")) if t)
    if not text:
        return Outcome(Status.NOT_APPLICABLE, "Touch ID n'est pas disponible sur ce Mac.")
    touch = mac.parse_bioutil(text)
    if touch.enrolled:
        if touch.unlock_enabled is False:
            return Outcome(Status.FAIL, "Des empreintes sont enregistrées mais Touch ID ne sert pas à déverrouiller le Mac.")
        return Outcome(Status.PASS, f"Touch ID est configuré ({touch.enrolled} empreinte(s)).", {"empreintes": touch.enrolled})
    return Outcome(Status.FAIL, "Touch ID est disponible mais aucune empreinte n'est enregistrée.")


def windows(ctx: Context) -> Outcome:
    devices = parse_lines(ctx.text("biometric_devices"))
    if not devices:
        return Outcome(Status.NOT_APPLICABLE, "Aucun lecteur biométrique (empreinte, caméra Windows Hello) n'a été trouvé.")
    raise CannotTell(
        f"Un lecteur biométrique est présent ({devices[0]}). Gardien ne peut pas voir si Windows Hello est configuré : "
        "vérifiez dans Paramètres > Comptes > Options de connexion."
    )
