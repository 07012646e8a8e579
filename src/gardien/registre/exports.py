"""One place for the register's files: export (ODS, XLSX, PDF, printable HTML), the patient notice (HTML, PDF,
text) and the re-import of an edited spreadsheet. The command line and the web call these and nothing lower."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path

from gardien.errors import GardienError
from gardien.registre import breaches, builder, storage
from gardien.registre import notice as notice_module
from gardien.registre.content import DPO_FIELD, DPO_HEADING, all_sources, content
from gardien.registre.measures import GROUP_NOTE, SECTION_INTRO, SECTION_TITLE, group_titles, security_measures
from gardien.registre.model import PROVENANCE_LABEL, Register, provenance_legend
from gardien.registre.spreadsheet import Kind, read, write
from gardien.registre.workbook import ImportSummary, NotARegister, read_register, source_text, tables


class ExportFormat(StrEnum):
    ODS = "ods"
    XLSX = "xlsx"
    PDF = "pdf"
    HTML = "html"


class NoticeFormat(StrEnum):
    HTML = "html"
    PDF = "pdf"
    TEXT = "txt"


MEDIA_TYPE = {
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf", "html": "text/html; charset=utf-8", "txt": "text/plain; charset=utf-8",
}


class NoRegister(GardienError):
    def __init__(self) -> None:
        super().__init__("Aucun registre n'a encore été créé. Pour le créer (environ cinq minutes de questions) : "
                         "gardien registre creer",
                         "Aucun registre n'a encore été créé : ouvrez la page « Registre RGPD », répondez aux questions "
                         "(environ cinq minutes), puis cliquez sur « Créer le registre ».")


def current() -> Register:
    register = storage.load()
    if register is None:
        raise NoRegister()
    return register


def file_name(kind: str, today: date | None = None) -> str:
    stem = "note-information-patients" if kind in ("note-html", "note-pdf", "note-txt") else "registre-traitements"
    suffix = kind.removeprefix("note-")
    return f"{stem}-{(today or date.today()).isoformat()}.{suffix}"


def format_of(path: Path, kinds: type[StrEnum]) -> StrEnum:
    suffix = path.suffix.lower().lstrip(".")
    try:
        return kinds(suffix)
    except ValueError:
        choices = ", ".join(f".{k.value}" for k in kinds)
        raise GardienError(f"Extension « {path.suffix or '(aucune)'} » non prise en charge : choisissez {choices}.") from None


def export(register: Register, kind: ExportFormat) -> bytes:
    measures = security_measures()
    violations = breaches.all_violations()
    if kind in (ExportFormat.ODS, ExportFormat.XLSX):
        return write(tables(register, measures, violations), Kind(kind.value))
    if kind is ExportFormat.PDF:
        from gardien.registre.pdf import register_pdf

        return register_pdf(register, measures, violations)
    return printable_html(register).encode("utf-8")


def page_context(register: Register) -> dict:
    """What the register's templates need (web page and printable file alike)."""
    from gardien.registre.interview import Interview

    return {
        "register": register, "interview": Interview.from_dict(register.interview), "fields_of": content().fields_of,
        "sources": all_sources(), "source_text": source_text, "provenance_labels": PROVENANCE_LABEL, "provenance_legend": provenance_legend(),
        "measures": security_measures(), "group_titles": group_titles(),
        "group_notes": GROUP_NOTE, "measures_title": SECTION_TITLE, "measures_intro": SECTION_INTRO,
        "dpo_field": DPO_FIELD, "dpo_heading": DPO_HEADING, "violations": breaches.all_violations(),
        "gaps": builder.gaps(register), "referential_gaps": builder.referential_gaps(register),
        "first_gaps": builder.by_priority(builder.gaps(register))[:builder.FIRST_SHOWN],
        "gap_label": builder.gap_label, "asked_again": builder.asked_again(register), "when": breaches.when_text, "cnil_labels": breaches.CNIL_LABEL,
        "patients_labels": breaches.PATIENTS_LABEL, "editable": False, "disk_source": breaches.DISK_SOURCE,
    }


def printable_html(register: Register) -> str:
    return _standalone("registre_imprimable.html.j2", "Registre des activités de traitement", **page_context(register))


def notice(register: Register, kind: NoticeFormat) -> bytes:
    built = notice_module.build(register)
    if kind is NoticeFormat.TEXT:
        return notice_module.plain_text(built).encode("utf-8")
    if kind is NoticeFormat.PDF:
        from gardien.registre.pdf import notice_pdf

        return notice_pdf(built)
    return _standalone("registre_note.html.j2", built.title, notice=built, printable=True).encode("utf-8")


def _standalone(template: str, title: str, **context) -> str:
    from importlib.resources import files

    from gardien.web.render import environment

    static = files("gardien.web").joinpath("static")
    css = "\n".join(static.joinpath(name).read_text(encoding="utf-8") for name in ("gardien.css", "registre.css"))
    return environment().get_template(template).render(title=title, standalone=True, css=css, logged_in=False, path="",
                                                       **context)


@dataclass
class Imported:
    summary: ImportSummary
    previous_copy: Path | None


def import_spreadsheet(data: bytes, name: str = "") -> Imported:
    """Replace the register by an edited export of it; the previous version is kept aside. Nothing is changed when
    the file cannot be read as a register (GardienError with the reason)."""
    register = current()
    grid = read(data, name)
    try:
        updated, summary = read_register(register, grid)
    except NotARegister:
        raise
    except GardienError as exc:  # a text too long, too many lines…
        raise NotARegister(f"{exc.message} Rien n'a été modifié.") from exc
    if not (summary.changed or summary.added or summary.removed):
        return Imported(summary, None)  # nothing to write: no copy to keep either
    kept = storage.save(updated, keep_previous="import")
    return Imported(summary, kept)
