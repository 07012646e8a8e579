"""PDF versions of the register and of the patient notice, with reportlab (its bundled Bitstream Vera font is
embedded, so accents, « », œ and ’ print the same on every computer)."""

from __future__ import annotations

import io
from datetime import datetime
from functools import cache
from importlib import resources
from xml.sax.saxutils import escape

from gardien import fr
from gardien.registre.breaches import CNIL_LABEL, PATIENTS_LABEL, Violation, when_text
from gardien.registre.content import content
from gardien.registre.interview import Interview
from gardien.registre.measures import GROUP_NOTE, Measure, group_titles
from gardien.registre.model import Provenance, Register, provenance_legend
from gardien.registre.notice import Notice
from gardien.registre.workbook import source_text

FONT, BOLD = "GardienVera", "GardienVera-Gras"


@cache
def _fonts() -> dict[int, int]:
    """Register the fonts once; returns the regular font's character map (what it can draw)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = resources.files("reportlab").joinpath("fonts")
    regular = TTFont(FONT, str(folder.joinpath("Vera.ttf")))
    pdfmetrics.registerFont(regular)
    pdfmetrics.registerFont(TTFont(BOLD, str(folder.joinpath("VeraBd.ttf"))))
    return regular.face.charToGlyph


def _safe(text: str) -> str:
    """Escaped for reportlab's paragraph markup; characters the font lacks become close equivalents or « ? »."""
    drawable = _fonts()
    text = text.replace("\u202f", "\u00a0").replace("≥", ">=").replace("≤", "<=").replace("→", "->")
    text = "".join(ch if ord(ch) in drawable or ch == "\n" else "?" for ch in text)
    return escape(text).replace("\n", "<br/>")


def _styles():
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle("texte", fontName=FONT, fontSize=9, leading=12)
    return {
        "title": ParagraphStyle("titre", parent=base, fontName=BOLD, fontSize=18, leading=23, spaceAfter=8),
        "h2": ParagraphStyle("h2", parent=base, fontName=BOLD, fontSize=13, leading=17, spaceBefore=12, spaceAfter=6),
        "body": base,
        "small": ParagraphStyle("petit", parent=base, fontSize=7.5, leading=9.5),
        "cell_bold": ParagraphStyle("gras", parent=base, fontName=BOLD),
        "notice_title": ParagraphStyle("note_titre", parent=base, fontName=BOLD, fontSize=22, leading=28, spaceAfter=10),
        "notice_h": ParagraphStyle("note_h", parent=base, fontName=BOLD, fontSize=14, leading=18, spaceBefore=10, spaceAfter=4),
        "notice_body": ParagraphStyle("note_texte", parent=base, fontSize=12, leading=16, leftIndent=10, bulletIndent=0),
        "notice_small": ParagraphStyle("note_petit", parent=base, fontSize=8, leading=10),
    }


def _document(buffer: io.BytesIO, title: str, footer: str):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import SimpleDocTemplate

    def on_page(canvas, document) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.drawString(1.6 * cm, 1 * cm, footer)
        canvas.drawRightString(A4[0] - 1.6 * cm, 1 * cm, f"Page {document.page}")
        canvas.restoreState()

    document = SimpleDocTemplate(buffer, pagesize=A4, title=title, author="Gardien", leftMargin=1.6 * cm,
                                 rightMargin=1.6 * cm, topMargin=1.6 * cm, bottomMargin=1.8 * cm)
    return document, on_page


def _table(rows, widths, header: bool = True):
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    commands = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9a9a9a")),
                ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4)]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4eef8")))
    table.setStyle(TableStyle(commands))
    return table


def register_pdf(register: Register, measures: list[Measure], violations: list[Violation]) -> bytes:
    from reportlab.lib.units import cm
    from reportlab.platypus import PageBreak, Paragraph, Spacer

    styles = _styles()
    p = lambda text, style="body": Paragraph(_safe(text), styles[style])  # noqa: E731
    interview = Interview.from_dict(register.interview)
    name = interview.nom or "cabinet (nom à compléter)"
    exported = fr.day_and_time(datetime.now().astimezone())
    story = [p("Registre des activités de traitement", "title"), p(name, "h2"),
             p(f"Créé le {fr.day(register.created_at)} ; mis à jour le {fr.day(register.updated_at)} ; imprimé le {exported}."),
             Spacer(1, 6), p("Tenu en application de l'article 30 du RGPD. La colonne « Source et nature » dit d'où vient chaque texte :"),]
    story.extend(p(f"• {line}") for line in provenance_legend())
    width = 17.8 * cm
    for number, sheet in enumerate(register.sheets()):
        # the first sheet follows the legend on page 1 (a page break there left it almost empty)
        story += [Spacer(1, 10) if number == 0 else PageBreak(), p(sheet.title, "h2")]
        rows = [[p("Rubrique", "cell_bold"), p("Contenu", "cell_bold"), p("Source et nature", "cell_bold")]]
        for definition in content().fields_of(sheet.id):
            statements = sheet.statements(definition.id)
            if not statements:
                rows.append([p(definition.label, "cell_bold"), p(""), p("" if definition.optional else Provenance.TO_COMPLETE.label, "small")])
            for index, statement in enumerate(statements):
                origin = statement.provenance.label + (("\n" + source_text(statement.sources, caveat=False)) if statement.sources else "")
                rows.append([p(definition.label if index == 0 else "", "cell_bold"), p(statement.text), p(origin, "small")])
        story.append(_table(rows, [0.22 * width, 0.46 * width, 0.32 * width]))
    story += [PageBreak(), p("Mesures de sécurité du cabinet", "h2"),
              p("Établies par Gardien le jour de l'impression, à partir de son dernier bilan de cet ordinateur, de ses "
                "sauvegardes et des réponses à son questionnaire.")]
    rows = [[p(h, "cell_bold") for h in ("Mesure", "État", "Dernier contrôle", "Précision")]]
    group, titles = None, group_titles()
    for measure in measures:
        if measure.group != group:
            group = measure.group
            rows.append([p(titles[group], "cell_bold"), p(""), p(""), p(GROUP_NOTE.get(group, ""), "small")])
        rows.append([p(measure.label), p(measure.state.label), p(measure.when), p(measure.detail, "small")])
    story.append(_table(rows, [0.34 * width, 0.2 * width, 0.14 * width, 0.32 * width]))
    story += [PageBreak(), p("Registre des violations de données (article 33.5 du RGPD)", "h2"), p(source_text(("INC-07",)), "small")]
    if not violations:
        story.append(p("Aucune violation enregistrée."))
    for violation in violations:
        rows = [[p("Découverte le", "cell_bold"), p(when_text(violation.discovered_at))],
                [p("Survenue le", "cell_bold"), p(when_text(violation.occurred_at))],
                [p("Nature", "cell_bold"), p(violation.nature_text)],
                [p("Ce qui s'est passé", "cell_bold"), p(violation.description)],
                [p("Données et personnes", "cell_bold"), p(f"{violation.data or 'à préciser'} ; personnes : {violation.people or 'à préciser'} ; "
                                                          f"enregistrements : {violation.records or 'à préciser'}")],
                [p("Conséquences probables", "cell_bold"), p(violation.consequences or "à préciser")],
                [p("Mesures prises ou prévues", "cell_bold"), p(violation.measures or "à préciser")],
                [p("CNIL", "cell_bold"), p(CNIL_LABEL[violation.cnil] + (f" le {fr.day(violation.cnil_date)}" if violation.cnil_date else "")
                                           + (f" — {violation.cnil_reason}" if violation.cnil_reason else ""))],
                [p("Patients", "cell_bold"), p(PATIENTS_LABEL[violation.patients] + (f" le {fr.day(violation.patients_date)}" if violation.patients_date else "")
                                               + (f" — {violation.patients_reason}" if violation.patients_reason else ""))]]
        story += [_table(rows, [0.28 * width, 0.72 * width], header=False), Spacer(1, 10)]
    buffer = io.BytesIO()
    document, on_page = _document(buffer, "Registre des activités de traitement", f"Registre des traitements — {name} — imprimé le {exported}")
    document.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()


def notice_pdf(notice: Notice) -> bytes:
    from reportlab.platypus import Paragraph

    styles = _styles()
    story = [Paragraph(_safe(notice.title), styles["notice_title"])]
    if notice.practice:
        story.append(Paragraph(_safe(notice.practice), styles["notice_h"]))
    for section in notice.sections:
        story.append(Paragraph(_safe(section.title), styles["notice_h"]))
        for statement in section.statements:
            refs = "".join(f" [{n}]" for n in notice.numbers(statement))
            story.append(Paragraph(_safe(statement.text + refs), styles["notice_body"], bulletText="•"))
    if notice.sources:
        story.append(Paragraph("Sources", styles["notice_h"]))
        for number, source in enumerate(notice.sources, start=1):
            caveat = source.caveat
            story.append(Paragraph(_safe(f"[{number}] {source.label}{caveat}" + (f" — {source.url}" if source.url else "")),
                                   styles["notice_small"]))
    buffer = io.BytesIO()
    document, on_page = _document(buffer, notice.title, f"{notice.title} — {notice.practice}".rstrip(" —"))
    document.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()
