"""The emergency mode's files: the printable « fiche réflexe » (HTML and PDF, one page), the page opened on alert,
the journal's export (HTML and PDF) and the drafts. They work without the web interface and without the network:
a standalone HTML file with its styles inside, or a PDF."""

from __future__ import annotations

import io
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from gardien import fr
from gardien.core.model import legend_for
from gardien.errors import GardienError
from gardien.paths import data_dir, write_private
from gardien.registre import breaches
from gardien.urgence import contacts as contacts_module
from gardien.urgence import content, journal
from gardien.urgence.incident import Draft, plain_text

PAGE = "urgence.html"


class FileFormat(StrEnum):
    HTML = "html"
    PDF = "pdf"
    TEXT = "txt"


def format_of(path: Path, allowed: tuple[FileFormat, ...]) -> FileFormat:
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in [f.value for f in allowed]:
        choices = ", ".join(f".{f.value}" for f in allowed)
        raise GardienError(f"Extension « {path.suffix or '(aucune)'} » non prise en charge : choisissez {choices}.")
    return FileFormat(suffix)


# The sheet's last reminder, the same on the page and in the PDF (references.md INC-06, GDPR art. 33.1).
CNIL_REMINDER = ("Données de patients touchées :", "la CNIL doit être notifiée "
                 f"{breaches.CNIL_DELAY_TEXT} après la découverte, sauf si un risque pour eux est peu probable.")
CNIL_REMINDER_SOURCES = ("INC-06",)
PAPER_STEPS = 5  # the printed sheet holds the first instructions; the page opened on alert holds them all


def sheet_sources_line(shown: tuple[content.Step, ...], listed: list[contacts_module.Contact]) -> str:
    """« Sources : … » under the sheet: those of the instructions shown, of the contacts and of the CNIL reminder, each
    once, the same on the page and in the PDF."""
    known = content.sources()
    cited = [s for step in shown for s in step.sources] + [s for c in listed for s in c.default.sources]
    cited += [known[s] for s in CNIL_REMINDER_SOURCES]
    unique = {s.id: s for s in cited}.values()
    legend = legend_for(unique)  # each official text not read marked, the mark said once
    return "Sources : " + " ; ".join(s.marked_label for s in unique) + "." + (f" {legend}" if legend else "")


def calls_heading() -> str:
    """The heading of the table « Qui appeler »: its rows are the calls of the 12 instructions, in their order
    (walkthrough round 15: the sheet gave another order than the mode's; tests/test_urgence_walk15.py holds the table
    to the instructions' order). A heading, not one more line: the printed sheet is one page."""
    first = next(n for n, step in enumerate(content.steps(), 1) if step.contact)
    return f"Qui appeler, dans cet ordre (consignes {first} à {len(content.steps())})"


def sheet_context(alert: bool = False) -> dict:
    steps = content.steps() if alert else content.steps()[:PAPER_STEPS]
    listed = contacts_module.contacts()
    return {"steps": steps, "contacts": listed, "practice": contacts_module.practice_name(),
            "calls_heading": calls_heading(), "print_copies": contacts_module.print_copies(),
            "printed": fr.day_and_time(datetime.now().astimezone()), "source_line": content.source_line,
            "sources": content.sources(), "cnil_reminder": CNIL_REMINDER, "sheet_sources": sheet_sources_line(steps, listed)}


def _standalone(template: str, title: str, **context) -> str:
    from importlib.resources import files

    from gardien.web.render import environment

    static = files("gardien.web").joinpath("static")
    css = "\n".join(static.joinpath(name).read_text(encoding="utf-8") for name in ("gardien.css", "urgence.css"))
    return environment().get_template(template).render(title=title, standalone=True, css=css, logged_in=False, path="",
                                                       **context)


def sheet_html(alert: bool = False) -> str:
    return _standalone("urgence_fiche.html.j2", "Fiche réflexe : attaque par rançongiciel", alert=alert,
                       **sheet_context(alert))


def write_emergency_page() -> Path:
    """The page opened on alert: the fiche réflexe in large type, a file that needs neither server nor network."""
    page = data_dir() / PAGE
    write_private(page, sheet_html(alert=True))
    return page


def journal_html() -> str:
    return _standalone("urgence_journal.html.j2", "Journal des incidents", **journal_context())


def journal_context() -> dict:
    from gardien.urgence.incident import all_incidents

    return {"incidents": list(reversed(all_incidents())), "verification": journal.verify(), "when": fr.day_and_time,
            "exported": fr.day_and_time(datetime.now().astimezone())}


def draft_html(draft: Draft) -> str:
    return _standalone("urgence_brouillon.html.j2", draft.title, draft=draft, sources=content.sources())


# --- PDF (reportlab, with the register's fonts and layout) -------------------------------------------------------

def _pdf(title: str, footer: str, build) -> bytes:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    from gardien.registre.pdf import BOLD, _document, _safe, _styles

    styles = _styles()
    styles["sheet_step"] = ParagraphStyle("consigne", parent=styles["body"], fontSize=10.5, leading=13.5, spaceAfter=3)
    styles["sheet_small"] = ParagraphStyle("sources", parent=styles["body"], fontSize=6.5, leading=8)
    def paragraph(text: str, style: str = "body", bold: str = "") -> Paragraph:
        prefix = f'<font name="{BOLD}">{_safe(bold)}</font> ' if bold else ""
        return Paragraph(prefix + _safe(text), styles[style])

    story = build(paragraph)
    buffer = io.BytesIO()
    document, on_page = _document(buffer, title, footer)
    document.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()


def _writing_lines(count: int, width: float):
    """Blank ruled lines to write on, on paper."""
    from reportlab.platypus import Table, TableStyle

    table = Table([[""] for _ in range(count)], colWidths=[width], rowHeights=[17] * count, spaceAfter=6)
    table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.6, "#555555")]))
    return table


def sheet_pdf() -> bytes:
    context = sheet_context()

    def build(p):
        from reportlab.lib.units import cm

        from gardien.registre.pdf import _table

        story = [p("En cas d'attaque par rançongiciel", "title")]
        if context["practice"]:
            story.append(p(context["practice"], "notice_h"))
        for number, step in enumerate(context["steps"], start=1):
            story.append(p(step.paper_text, "sheet_step", bold=f"{number}. {step.title}."))
            if step.action is content.StepAction.NOTE_MESSAGE:  # « Recopiez ici »: room to write by hand
                story.append(_writing_lines(3, 17.8 * cm))
        story.append(p(context["calls_heading"], "notice_h"))
        rows = [[p("Qui", "cell_bold"), p("Téléphone", "cell_bold"), p("Adresse, remarque", "cell_bold")]]
        for contact in context["contacts"]:
            who = contact.role + (f" : {contact.name}" if contact.name else "")
            rows.append([p(who), p(contact.phone or ("à noter :\n\n_______________" if contact.missing else "")),
                         p(" — ".join(x for x in (contact.address, contact.note) if x))])
        story.append(_table(rows, [5.5 * cm, 3.5 * cm, 8.8 * cm]))
        story.append(p(CNIL_REMINDER[1], "sheet_step", bold=CNIL_REMINDER[0]))
        story.append(p(context["sheet_sources"], "sheet_small"))
        return story

    return _pdf("Fiche réflexe", f"Fiche réflexe Gardien — établie le {context['printed']}", build)


def journal_pdf() -> bytes:
    context = journal_context()

    def build(p):
        story = [p("Journal des incidents", "title"), p(f"Exporté le {context['exported']}."),
                 p(context["verification"].summary(full=True), "small")]
        if not context["incidents"]:
            story.append(p("Aucun incident."))
        for incident in context["incidents"]:
            story.append(p(f"Incident n° {incident.number} — ouvert le {fr.day_and_time(incident.discovered_at)}", "h2"))
            for entry in incident.entries:
                story.append(p(f"n° {entry.number} — {fr.day_and_time(entry.at)} — {entry.label}", "cell_bold"))
                story.append(p(entry.text))
                story.append(p(f"Empreinte : {entry.fingerprint}", "small"))
        return story

    return _pdf("Journal des incidents", f"Journal des incidents — exporté le {context['exported']}", build)


def draft_pdf(draft: Draft) -> bytes:
    def build(p):
        story = [p(draft.title, "title"), p(draft.intro, "small")]
        for heading, text in draft.sections:
            if heading:
                story.append(p(heading, "h2"))
            story.append(p(text))
        story.append(p(content.source_line(tuple(content.sources()[s] for s in draft.sources)), "small"))
        return story

    return _pdf(draft.title, draft.title, build)


def draft_bytes(draft: Draft, kind: FileFormat) -> bytes:
    if kind is FileFormat.PDF:
        return draft_pdf(draft)
    if kind is FileFormat.HTML:
        return draft_html(draft).encode("utf-8")
    return plain_text(draft).encode("utf-8")


def sheet_bytes(kind: FileFormat) -> bytes:
    return sheet_pdf() if kind is FileFormat.PDF else sheet_html().encode("utf-8")


def journal_bytes(kind: FileFormat) -> bytes:
    return journal_pdf() if kind is FileFormat.PDF else journal_html().encode("utf-8")
