"""Templates shared by the web interface and the `--html` report (design.md: one set of templates)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from jinja2 import Environment, PackageLoader, select_autoescape
from jinja2.ext import Extension
from jinja2.lexer import Token
from markupsafe import Markup

from gardien import fr, texts
from gardien.core.model import Status, other_ways

if TYPE_CHECKING:  # the --html report uses these templates without loading the web framework
    from fastapi import Request
    from fastapi.responses import HTMLResponse

NAVIGATION = (
    ("/", "Tableau de bord"),
    ("/audit", "Bilan de l'ordinateur"),
    ("/plan", "Mon plan"),
    ("/questionnaire", "Questionnaire"),
    ("/motdepasse", "Mot de passe"),
    ("/mail", "E-mail suspect"),
    ("/pseudonymiser", "Texte pour une IA"),
    ("/sauvegardes", "Sauvegardes"),
    ("/rappels", "Rappels"),
    ("/registre", "Registre RGPD"),
    ("/envoi-chiffre", "Envoyer chiffré"),
    ("/effacer", "Effacer des fichiers"),
    ("/fin-de-vie", "Fin de vie d'un appareil"),
    ("/urgence", "En cas d'attaque"),
    ("/formation", "Formation"),
)
# The tools she opens between two patients, offered on the dashboard too (a phone shows the menu folded): what each
# one is for, in her words. The label is the menu's.
TOOLS = {
    "/mail": "vérifier un message douteux avant de cliquer ou de répondre",
    "/motdepasse": "savoir si un mot de passe tient, ou en créer un solide",
    "/pseudonymiser": "retirer les noms d'un texte avant de le donner à une IA",
    "/envoi-chiffre": "envoyer un document de patient protégé par un mot de passe",
    "/urgence": "que faire, dans l'ordre, si l'ordinateur est attaqué",
}

# The title of a refusal page, by HTTP status: what happened, in words (the message says what to do).
PROBLEM_HEADING = {
    400: "Cela n'a pas pu se faire",
    401: "Gardien ne s'ouvre pas ainsi",
    403: "Demande refusée",
    404: "Cette page n'existe pas",
    405: "Cette demande n'est pas possible ici",
    413: "C'est trop volumineux",
    500: "Erreur interne de Gardien",
}


# where the template's own words leave off: inside a tag (an attribute), or in a <textarea>
_MARKUP = re.compile(r"<(/?)(textarea\b)?|>", re.IGNORECASE)


class _HeldGuillemets(Extension):
    """The space just inside « » is a no-break one in the templates' words (here) and values (`_shown`), except a
    value in an attribute or a <textarea>: a form field sends back exactly what it showed."""

    def filter_stream(self, stream):
        in_tag = in_textarea = False
        for token in stream:
            if token.type == "data":
                for mark in _MARKUP.finditer(token.value):
                    in_tag = mark.group(0) != ">"
                    if mark.group(2):
                        in_textarea = not mark.group(1)
                yield Token(token.lineno, token.type, fr.hold_guillemets(token.value))
            elif token.type == "variable_begin" and (in_tag or in_textarea):  # {{ x }} read as {{ _as_typed(x) }}
                yield token
                yield Token(token.lineno, "name", "_as_typed")
                yield Token(token.lineno, "lparen", "(")
                token = next(stream)
                while token.type != "variable_end":
                    yield token
                    token = next(stream)
                yield Token(token.lineno, "rparen", ")")
                yield token
            else:
                yield token


@dataclass(frozen=True)
class _AsTyped:
    """A value shown as it is (in a form field)."""

    value: object


def _shown(value):
    """Every value a template shows, before escaping: the space just inside « » is a no-break one, so the browser
    never leaves a guillemet alone at the end or the start of a line. Ready-made HTML stays HTML."""
    if isinstance(value, _AsTyped):
        return value.value
    if isinstance(value, Markup):
        return Markup(fr.hold_guillemets(str(value)))
    return fr.hold_guillemets(value) if isinstance(value, str) else value


@cache
def environment() -> Environment:
    env = Environment(loader=PackageLoader("gardien", "web/templates"), autoescape=select_autoescape(["html", "j2"]),
                      finalize=_shown, extensions=[_HeldGuillemets])
    env.globals.update(_as_typed=_AsTyped, t=texts, Status=Status, navigation=NAVIGATION, source=_source, other_ways=other_ways,
                       tools=[(href, label, TOOLS[href]) for href, label in NAVIGATION if href in TOOLS])
    from gardien.formation.quiz import PASS_RATIO
    from gardien.formation.tracking import REFRESH_PERIOD, REFRESH_RULE

    env.globals.update(refresh_rule=REFRESH_RULE, refresh_period=REFRESH_PERIOD, pass_mark=fr.percent(PASS_RATIO))  # the training's rules, said once
    from gardien.core.model import legend_for
    from gardien.registre import breaches

    env.globals.update(legend_for=legend_for)  # a list of sources marks an official text not read, and says it once
    # art. 33.1's « si possible », said once (registre/breaches.py)
    env.globals.update(cnil_delay=breaches.CNIL_DELAY_TEXT,
                       # the list says once, above it, that the dates are hers: each entry keeps its no-hour note only
                       cnil_late=lambda violation: fr.capitalised(breaches.late_said(violation, declared=False)),
                       cnil_reason=breaches.CNIL_REASON, cnil_deadline=lambda v: breaches.cnil_deadline_said(v.deadline),
                       unless_no_risk=breaches.UNLESS_NO_RISK, no_risk_condition=breaches.NO_RISK_CONDITION, no_risk_sentence=breaches.NO_RISK_SENTENCE,
                       no_hour_hint=breaches.NO_HOUR_HINT, draft_link=_draft_link)
    env.filters["date_fr"] = fr.day  # 29/11/2026
    env.filters["date_time_fr"] = fr.day_and_time  # 29/11/2026 à 14h05
    env.filters["fingerprint"] = fr.fingerprint  # 3f2a 9c01 be77…
    env.filters["plural"] = fr.plural  # {{ n|plural("étape faite", "étapes faites") }}
    env.filters["after_colon"] = fr.after_colon  # « Pourquoi c'est important : un compte… »
    env.filters["de"] = fr.de  # « d'Inès », « de Camille »
    return env


def _draft_link(violation) -> str:
    """Where the CNIL draft of a register entry is: its own page for a breach she typed, the emergency mode's drafts
    of its incident for one from the incident journal."""
    from gardien.registre import breaches

    if violation.source is breaches.ViolationSource.INCIDENT_JOURNAL:
        return f"/urgence/brouillons?incident={violation.id[1:]}"
    return f"/registre/violations/{violation.id}/brouillon"


def _source(rule_id: str):
    """An authoritative source by its references.md rule id, for the pages' "Source :" lines."""
    from gardien.core.registry import sources

    return sources()[rule_id]


def see_other(path: str):
    """After a change, a GET (303): reloading the page never repeats the change."""
    from fastapi.responses import RedirectResponse

    return RedirectResponse(path, status_code=303)



def page(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
    """A whole page, or only its result part when htmx asked for it (the forms work without JavaScript too)."""
    from fastapi.responses import HTMLResponse

    if request.headers.get("hx-request") == "true" and "fragment" in context:
        template = context["fragment"]
    from gardien.store.db import take_notices

    logged_in = request.app.state.guard.is_session(request.cookies.get(request.app.state.guard.cookie_name))
    context.setdefault("notices", take_notices())  # rows the store had to skip: shown, never hidden
    html = environment().get_template(template).render(path=request.url.path, logged_in=logged_in, **context)
    return HTMLResponse(html, status_code=status)
