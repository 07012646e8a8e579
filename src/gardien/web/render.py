"""Templates shared by the web interface and the `--html` report (design.md: one set of templates)."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from jinja2 import Environment, PackageLoader, select_autoescape

from gardien import texts
from gardien.core.model import Status

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
    ("/registre", "Registre RGPD"),
)


@cache
def environment() -> Environment:
    env = Environment(loader=PackageLoader("gardien", "web/templates"), autoescape=select_autoescape(["html", "j2"]))
    env.globals.update(t=texts, Status=Status, navigation=NAVIGATION, source=_source)
    env.filters["date_fr"] = date_fr
    return env


def _source(rule_id: str):
    """An authoritative source by its references.md rule id, for the pages' "Source :" lines."""
    from gardien.core.registry import sources

    return sources()[rule_id]


def date_fr(iso: str | None) -> str:
    """"2026-11-23T14:05:00+01:00" -> "23/11/2026", as a French reader writes dates."""
    if not iso or len(iso) < 10:
        return iso or ""
    year, month, day = iso[:10].split("-")
    return f"{day}/{month}/{year}"


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
