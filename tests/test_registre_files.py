"""The register's spreadsheets with real readers: LibreOffice (headless, converting to CSV, and re-saving an edited file
as a user's save would), odfpy and openpyxl; then re-import, and refusal of broken or foreign files (nothing changed).

The LibreOffice tests skip with a reason when `soffice` is absent (Debian: libreoffice-calc-nogui, installed by .ci/run).
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from gardien.errors import GardienError
from gardien.registre import builder, exports, storage
from gardien.registre.interview import Access, Answer, Hosting, Interview
from gardien.registre.model import Provenance
from gardien.registre.spreadsheet import Kind, read, write
from gardien.registre.workbook import Table

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice absent (apt-get install libreoffice-calc-nogui)")
# hand-written interview answers
ANSWERS = Interview(nom="Claire Martin", adresse="12 rue des Lilas, 29200 Brest", logiciel_dossiers="Logiciel A",
                    hebergement=Hosting.ONLINE, acces=[Access.SECRETARIAT], hors_ue=Answer.NO)
RDV_GAP = "À compléter : la durée de conservation des rendez-vous. Gardien ne l'a pas vérifiée."


@pytest.fixture(scope="module")
def lo_profile(tmp_path_factory):
    return tmp_path_factory.mktemp("libreoffice-profil")


def libreoffice(profile: Path, target: str, source: Path, out: Path) -> Path:
    """Convert `source` with LibreOffice headless; its own profile so parallel runs do not collide."""
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", target,
                    "--outdir", str(out), str(source)], check=True, capture_output=True, timeout=180)
    return out


@pytest.fixture
def register():
    made = builder.build(ANSWERS)
    storage.save(made)
    return made


def export_to(tmp_path: Path, kind: exports.ExportFormat) -> Path:
    path = tmp_path / f"registre.{kind.value}"
    path.write_bytes(exports.export(storage.load(), kind))
    return path


# --- real readers --------------------------------------------------------------------------------------------------

@needs_libreoffice
@pytest.mark.parametrize("kind", [exports.ExportFormat.ODS, exports.ExportFormat.XLSX])
def test_libreoffice_opens_the_export_and_converts_every_sheet_to_csv(register, tmp_path, lo_profile, kind):
    source = export_to(tmp_path, kind)
    out = libreoffice(lo_profile, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", source,
                      tmp_path / "csv")
    sheets = {p.stem.removeprefix("registre-"): p for p in out.glob("*.csv")}
    assert {"Lisez-moi", "Cabinet", "Dossiers patients et suivi des", "Mesures de sécurité", "Violations"} <= set(sheets)
    with sheets["Dossiers patients et suivi des"].open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[1][:2] == ["Identifiant", "dossiers_patients"]
    retention = next(r for r in rows if r[1] == "20 ans à compter de la dernière prise en charge du patient.")
    assert "point 7" in retention[2] and "R.161-47" in retention[2]
    assert retention[3] == "Recommandation courante"


def test_python_readers_open_both_exports(register, tmp_path):
    from odf import teletype
    from odf.opendocument import load
    from odf.table import Table as OdfTable
    from odf.table import TableCell, TableRow
    from openpyxl import load_workbook

    document = load(str(export_to(tmp_path, exports.ExportFormat.ODS)))
    tables = {t.getAttribute("name"): t for t in document.spreadsheet.getElementsByType(OdfTable)}
    cabinet = tables["Cabinet"]
    first_cells = [teletype.extractText(r.getElementsByType(TableCell)[0]) for r in cabinet.getElementsByType(TableRow)]
    assert "Responsable du traitement" in first_cells
    workbook = load_workbook(export_to(tmp_path, exports.ExportFormat.XLSX))
    assert workbook.sheetnames[:2] == ["Lisez-moi", "Cabinet"]
    values = list(workbook["Cabinet"].iter_rows(values_only=True))
    assert ("Responsable du traitement", "Claire Martin", None, "Déclaré (entretien)") in values


def test_a_text_starting_with_equals_is_never_a_formula(tmp_path):
    from openpyxl import load_workbook

    data = write([Table("Feuille", [["=HYPERLINK(\"http://exemple.invalid\")", "+1", "@SUM(A1)"]])], Kind.XLSX)
    cells = next(load_workbook(io.BytesIO(data)).active.iter_rows())
    assert [c.data_type for c in cells] == ["s", "s", "s"]
    assert read(data)["Feuille"] == [["=HYPERLINK(\"http://exemple.invalid\")", "+1", "@SUM(A1)"]]


def test_multi_line_cells_and_spaces_survive_both_formats():
    table = Table("Feuille", [["Ligne 1\nLigne 2", "a  b\tc", "É œ « » ’ …"]])
    for kind in Kind:
        assert read(write([table], kind))["Feuille"] == [["Ligne 1\nLigne 2", "a  b\tc", "É œ « » ’ …"]]


# --- edit, re-save with LibreOffice, re-import ---------------------------------------------------------------------

def edit_with_openpyxl(path: Path) -> None:
    """What a practitioner does in the spreadsheet: answers a gap, adds a line under a heading, renames a sheet's title."""
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    sheet = workbook["Prise de rendez-vous"]
    rows = list(sheet.iter_rows())
    gap = next(r for r in rows if r[1].value == RDV_GAP)
    gap[1].value = "Un an après le dernier rendez-vous."
    label_row = next(r for r in rows if r[0].value == "Destinataires")
    sheet.insert_rows(label_row[0].row + 1)
    sheet.cell(row=label_row[0].row + 1, column=2, value="Le secrétariat téléphonique externe.")
    workbook["Comptabilité du cabinet"]["B1"] = "Comptabilité et recettes du cabinet"
    workbook.save(path)


@needs_libreoffice
@pytest.mark.parametrize("saved_as", ["ods", "xlsx"])
def test_a_file_edited_then_saved_by_libreoffice_reimports(register, tmp_path, lo_profile, saved_as):
    edited = export_to(tmp_path, exports.ExportFormat.XLSX)
    edit_with_openpyxl(edited)
    target = "ods" if saved_as == "ods" else 'xlsx:Calc MS Excel 2007 XML'
    resaved = libreoffice(lo_profile, target, edited, tmp_path / "libreoffice") / f"registre.{saved_as}"
    imported = exports.import_spreadsheet(resaved.read_bytes(), resaved.name)
    after = storage.load()
    assert [s.text for s in after.sheet("rendez_vous").statements("conservation")] == ["Un an après le dernier rendez-vous."]
    assert after.sheet("rendez_vous").statements("conservation")[0].provenance is Provenance.EDITED
    assert "Le secrétariat téléphonique externe." in [s.text for s in after.sheet("rendez_vous").statements("destinataires")]
    assert after.sheet("comptabilite").title == "Comptabilité et recettes du cabinet"
    assert after.sheet("dossiers_patients").statements("conservation") == register.sheet("dossiers_patients").statements("conservation")
    assert "Prise de rendez-vous — Durées de conservation" in imported.summary.changed
    assert imported.previous_copy is not None and imported.previous_copy.is_file()


@needs_libreoffice
def test_an_ods_export_resaved_unchanged_by_libreoffice_changes_nothing(register, tmp_path, lo_profile):
    source = export_to(tmp_path, exports.ExportFormat.ODS)
    resaved = libreoffice(lo_profile, "ods", source, tmp_path / "libreoffice") / "registre.ods"
    assert resaved.read_bytes() != source.read_bytes()  # LibreOffice wrote its own file
    before = storage.path().read_bytes()
    imported = exports.import_spreadsheet(resaved.read_bytes(), "registre.ods")
    assert imported.summary.changed == [] and imported.previous_copy is None
    assert storage.path().read_bytes() == before


def test_a_copied_sheet_with_an_empty_identifier_becomes_a_new_processing(register, tmp_path):
    from openpyxl import load_workbook

    path = export_to(tmp_path, exports.ExportFormat.XLSX)
    workbook = load_workbook(path)
    copy = workbook.copy_worksheet(workbook["Prise de rendez-vous"])
    copy["B1"], copy["B2"] = "Site internet du cabinet", None
    del workbook["Comptabilité du cabinet"]
    workbook.save(path)
    summary = exports.import_spreadsheet(path.read_bytes(), path.name).summary
    assert summary.added == ["Site internet du cabinet"] and summary.removed == ["Comptabilité du cabinet"]
    sheet = next(s for s in storage.load().processings if s.title == "Site internet du cabinet")
    assert sheet.custom and sheet.statements("finalites")[0].text == "Gestion des rendez-vous."


# --- broken and foreign files: a French message, nothing changed ----------------------------------------------------

def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _foreign_xlsx() -> bytes:
    return write([Table("Patients", [["Nom", "Date"], ["Durand", "01/02/2026"]])], Kind.XLSX)


def _edited(register, change) -> bytes:
    tables = exports.tables(register, [], [])
    change(tables)
    return write(tables, Kind.ODS)


BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
                  b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0">&b;</office:document-content>')
ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
MANY_ROWS = (b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
             b'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
             b'<office:body><office:spreadsheet><table:table table:name="A"><table:table-row table:number-rows-repeated="1000000">'
             b'<table:table-cell table:number-columns-repeated="16384"><text:p>x</text:p></table:table-cell></table:table-row>'
             b'</table:table></office:spreadsheet></office:body></office:document-content>')

BROKEN = {
    "texte": (lambda r: b"Nom;Date\nDurand;01/02/2026\n", "pas un tableur ODS ou XLSX"),
    "coupe": (lambda r: exports.export(r, exports.ExportFormat.ODS)[:3000], "abîmé ou incomplet"),
    "xls": (lambda r: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "ancien classeur Excel"),
    "traitement-de-texte": (lambda r: _zip({"word/document.xml": b"<w/>"}), "traitement de texte"),
    "tableur-etranger": (lambda r: _foreign_xlsx(), "n'est pas un registre exporté par Gardien"),
    "entites-xml": (lambda r: _zip({"mimetype": ODS_MIME, "content.xml": BILLION_LAUGHS}), "abîmé"),
    "bombe": (lambda r: _zip({"mimetype": ODS_MIME, "content.xml": b" " * (90 * 1024 * 1024)}), "beaucoup trop de données"),
    "lignes-repetees": (lambda r: _zip({"mimetype": ODS_MIME, "content.xml": MANY_ROWS}), "colonnes remplies"),
    "rubrique-renommee": (lambda r: _edited(r, lambda t: t[2].rows[5].__setitem__(0, "Objectifs")), "rubrique inconnue « Objectifs »"),
    "identifiant-abime": (lambda r: _edited(r, lambda t: t[2].rows[1].__setitem__(1, "Dossiers!")), "identifiant « Dossiers! » modifié"),
    "identifiant-double": (lambda r: _edited(r, lambda t: t[3].rows[1].__setitem__(1, "dossiers_patients")), "Plusieurs feuilles"),
    "sans-cabinet": (lambda r: _edited(r, lambda t: t.pop(1)), "page « Cabinet »"),
    "texte-trop-long": (lambda r: _edited(r, lambda t: t[2].rows[4].__setitem__(1, "x" * 2500)), "dépasse 2000 caractères"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_or_foreign_spreadsheet_is_refused_and_nothing_changes(register, case):
    make, message = BROKEN[case]
    data = make(register)
    before = storage.path().read_bytes()
    with pytest.raises(GardienError) as caught:
        exports.import_spreadsheet(data, f"{case}.ods")
    assert message in caught.value.message
    assert "Rien n'a été modifié" in caught.value.message or "rien n'a été modifié" in caught.value.message
    assert storage.path().read_bytes() == before
    assert not (storage.path().parent / storage.VERSIONS).exists()


def test_a_register_needs_an_interview_first():
    with pytest.raises(GardienError, match="Aucun registre"):
        exports.import_spreadsheet(b"PK", "x.ods")


def test_pdf_exports_hold_the_register_and_the_notice(register):
    from pypdf import PdfReader

    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(exports.export(register, exports.ExportFormat.PDF))).pages)
    flat = " ".join(text.split())
    assert "Registre des activités de traitement" in flat and "Claire Martin" in flat
    assert "20 ans à compter de la dernière prise en charge du patient." in flat
    assert "Registre des violations de données" in flat
    notice = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(exports.notice(register, exports.NoticeFormat.PDF))).pages)
    assert "Vos données personnelles au cabinet" in " ".join(notice.split())


def test_printable_html_is_standalone_and_french(register):
    html = exports.export(register, exports.ExportFormat.HTML).decode("utf-8")
    assert "<style>" in html and "/static/" not in html
    assert 'lang="fr"' in html and "Registre des violations de données" in html
    assert "20 ans à compter de la dernière prise en charge du patient." in html


def test_a_statement_copied_with_another_provenance_keeps_its_own(register):
    """The same words under another heading do not borrow the sources of the first."""
    edited = replace(register)
    builder.set_field(edited, "rendez_vous", "conservation", ["20 ans à compter de la dernière prise en charge du patient."])
    statement = edited.sheet("rendez_vous").statements("conservation")[0]
    assert statement.provenance is Provenance.EDITED and statement.sources == ()


def test_the_pdf_first_page_holds_the_first_sheet_and_the_legend_says_each_label_once(register):
    """Walkthrough r11: page 1 held only the title and the legend; each label's meaning is said once, in the legend."""
    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(exports.export(register, exports.ExportFormat.PDF))).pages
    first = " ".join(pages[0].extract_text().split())
    assert "Recommandation courante : plusieurs sources sérieuses disent la même chose" in first
    assert register.sheets()[0].title in first.split("Recommandation courante :")[1]
    flat = " ".join(" ".join(p.extract_text() for p in pages).split())
    assert flat.count("texte officiel non lu") == 0 and flat.count("n'a pas pu lire le texte officiel") == 1
