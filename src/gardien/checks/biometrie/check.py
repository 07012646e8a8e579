"""Biometric unlock (Windows Hello, Touch ID, fingerprint) available or enrolled, where it can be read."""

from __future__ import annotations

from gardien.core.context import CannotTell, Context
from gardien.core.model import Outcome, Status
from gardien.fr import plural
from gardien.parsers import UnknownFormat
from gardien.parsers import linux as lx
from gardien.parsers import macos as mac
from gardien.parsers import windows as w
from gardien.probes.base import NOT_FOUND


def linux(ctx: Context) -> Outcome:
    if ctx.output("fprintd").error == NOT_FOUND:
        return Outcome(Status.NOT_APPLICABLE, "Ce Linux ne gère pas de lecteur d'empreintes (le logiciel qui gère les lecteurs d'empreintes n'est pas installé).")
    # fprintd-list exits with 1 when the user has no finger enrolled: its text says which case it is
    found = lx.parse_fprintd_list(ctx.text("fprintd", ok_codes=(0, 1)))
    if not found.reader:
        return Outcome(Status.NOT_APPLICABLE, "Aucun lecteur d'empreintes n'a été trouvé.")
    if found.enrolled:
        return Outcome(Status.PASS, f"{plural(found.enrolled, 'empreinte enregistrée', 'empreintes enregistrées')} pour votre compte.",
                       {"empreintes": found.enrolled})
    return Outcome(Status.FAIL, "Un lecteur d'empreintes est présent, mais aucune empreinte n'est enregistrée.")


def macos(ctx: Context) -> Outcome:
    outputs = [ctx.output("bioutil_config"), ctx.output("bioutil_count")]
    if all(out.error == NOT_FOUND for out in outputs):
        return Outcome(Status.NOT_APPLICABLE, "Touch ID n'est pas disponible sur ce Mac.")
    text = "\n".join(t for t in (ctx.optional("bioutil_config"), ctx.optional("bioutil_count")) if t)
    if not text:
        raise CannotTell("Gardien n'a pas pu savoir si Touch ID est configuré.")
    touch = mac.parse_bioutil(text)
    if touch.enrolled is None:
        raise CannotTell("Gardien n'a pas pu compter les empreintes enregistrées pour Touch ID.")
    if touch.enrolled:
        if touch.unlock_enabled is False:
            return Outcome(Status.FAIL, "Des empreintes sont enregistrées mais Touch ID ne sert pas à déverrouiller le Mac.")
        return Outcome(Status.PASS, f"Touch ID est configuré ({plural(touch.enrolled, 'empreinte')}).", {"empreintes": touch.enrolled})
    return Outcome(Status.FAIL, "Touch ID est disponible mais aucune empreinte n'est enregistrée.")


def windows(ctx: Context) -> Outcome:
    try:
        devices = w.complete_lines(ctx.text("biometric_devices"))
    except UnknownFormat:
        raise CannotTell("Gardien n'a pas pu lister les lecteurs biométriques de l'ordinateur.") from None
    if not devices:
        return Outcome(Status.NOT_APPLICABLE, "Aucun lecteur biométrique (empreinte, caméra Windows Hello) n'a été trouvé.")
    raise CannotTell(
        f"Un lecteur biométrique est présent ({devices[0]}). Gardien ne peut pas voir si Windows Hello est configuré : "
        "vérifiez-le dans les options de connexion."
    )
