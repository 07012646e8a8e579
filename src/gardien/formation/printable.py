"""The printable pages (certificate, charter) as self-contained HTML files, from the web interface's own templates."""

from __future__ import annotations

from importlib.resources import files

from gardien.formation.charter import Charter
from gardien.formation.tracking import LearnerProgress

STYLES = ("gardien.css", "formation.css")


def _standalone(template: str, title: str, **context) -> str:
    from gardien.web.render import environment

    static = files("gardien.web").joinpath("static")
    css = "\n".join(static.joinpath(name).read_text(encoding="utf-8") for name in STYLES)
    return environment().get_template(template).render(title=title, standalone=True, css=css, logged_in=False, path="",
                                                       **context)


def certificate_context(person: LearnerProgress) -> dict:
    from gardien.formation.charter import register_interview

    return {"person": person, "practice": str(register_interview().get("nom", "")).strip()}


def certificate_html(person: LearnerProgress) -> str:
    return _standalone("formation_attestation.html.j2", f"Attestation — {person.learner.first_name}",
                       **certificate_context(person))


def charter_context(charter: Charter) -> dict:
    from gardien.formation.content import known_sources

    sources = known_sources()
    return {"charter": charter, "sources": sources}


def charter_html(charter: Charter) -> str:
    return _standalone("formation_charte.html.j2", "Charte informatique", **charter_context(charter))
