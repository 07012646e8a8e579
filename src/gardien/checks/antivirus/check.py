"""An antivirus is present, enabled, with recent signatures (ANS: updated at least daily).

Threshold: signatures older than 2 days fail (the ANS asks for daily updates; one extra day is
tolerated for a computer left off over a weekend). XProtect on macOS: Apple publishes definitions
when needed, so Gardien only fails them beyond 30 days (Gardien's choice).
"""

from __future__ import annotations

from gardien import catalog
from gardien.checks.common import dated_lines, days_since, installed_programs
from gardien.core.context import CannotTell, Context
from gardien.core.model import Outcome, Severity, Status
from gardien.fr import days_ago
from gardien.parsers import UnknownFormat
from gardien.parsers import windows as w

MAX_SIGNATURE_AGE_DAYS = 2
XPROTECT_MAX_DAYS = 30


def linux(ctx: Context) -> Outcome:
    databases = dated_lines(ctx.optional("clamav_db") or "")
    if databases:
        age = days_since(max(d for _, d in databases), ctx.now, "la base de virus de ClamAV")
        if age > MAX_SIGNATURE_AGE_DAYS:
            return Outcome(Status.FAIL, f"ClamAV est installé mais sa base de virus date de {age} jours.", {"jours": age})
        return Outcome(Status.PASS, f"ClamAV est installé ; sa base de virus a été mise à jour {days_ago(age)}.", {"jours": age})
    others = catalog.matching(installed_programs(ctx), "antivirus")
    if others:
        raise CannotTell(f"Antivirus trouvé ({', '.join(others)}) ; Gardien ne sait pas lire la date de sa base : vérifiez-la.")
    return Outcome(
        Status.FAIL,
        "Aucun antivirus n'a été trouvé. Linux n'en installe pas d'office, mais la règle de l'ANS vaut pour tout poste.",
        severity=Severity.MEDIUM,
    )


def macos(ctx: Context) -> Outcome:
    dates = dated_lines(ctx.text("xprotect"))
    if not dates:
        raise CannotTell("Gardien n'a pas trouvé XProtect, l'antivirus intégré de macOS.")
    age = days_since(dates[0][1], ctx.now, "la base de XProtect")
    gatekeeper = ctx.text("gatekeeper")
    try:
        others = catalog.matching(installed_programs(ctx), "antivirus")
    except (CannotTell, UnknownFormat):
        others = []  # only adds a sentence: the verdict rests on XProtect and Gatekeeper
    extra = f" Autre antivirus installé : {', '.join(others)}." if others else ""
    if "assessments disabled" in gatekeeper:
        return Outcome(Status.FAIL, "Gatekeeper, qui bloque les applications non vérifiées, est désactivé." + extra)
    if "assessments enabled" not in gatekeeper:
        raise CannotTell("Gardien n'a pas pu lire l'état de Gatekeeper, qui bloque les applications non vérifiées.")
    if age > XPROTECT_MAX_DAYS:
        return Outcome(Status.FAIL, f"Les définitions de XProtect n'ont pas été mises à jour depuis {age} jours." + extra, {"jours": age})
    return Outcome(Status.PASS, f"XProtect et Gatekeeper sont actifs ; les définitions de XProtect datent de {days_ago(age)}." + extra, {"jours": age})


def windows(ctx: Context) -> Outcome:
    text = ctx.optional("antivirus_products")
    products = w.parse_antivirus_products(text) if text else []
    defender = None
    defender_text = ctx.optional("defender")
    if defender_text:
        defender = w.parse_mp_computer_status(defender_text)
    active = [p for p in products if p.enabled]
    if not products and defender is None:
        raise CannotTell("Gardien n'a pu lire ni le Centre de sécurité Windows ni Microsoft Defender.")
    if products and not active:
        names = ", ".join(p.name for p in products)
        return Outcome(Status.FAIL, f"Aucun antivirus n'est actif (installé mais désactivé : {names}).")
    if not products and not (defender.antivirus_enabled and defender.real_time_enabled):
        return Outcome(Status.FAIL, "Microsoft Defender est désactivé.")
    stale = [p.name for p in active if not p.up_to_date]
    if stale:
        return Outcome(Status.FAIL, f"Antivirus actif mais pas à jour : {', '.join(stale)}.")
    names = ", ".join(p.name for p in active) or "Microsoft Defender"
    relies_on_defender = not active or any(p.is_defender for p in active)
    if relies_on_defender and defender is not None:
        age = defender.signature_age_days
        if age is None and not active:
            raise CannotTell("Microsoft Defender est actif, mais Gardien n'a pas pu lire l'âge de ses définitions.")
        if age is not None and age > MAX_SIGNATURE_AGE_DAYS:
            return Outcome(Status.FAIL, f"Les définitions de Microsoft Defender datent de {age} jours.", {"jours": age})
    return Outcome(Status.PASS, f"Antivirus actif et à jour : {names}.")
