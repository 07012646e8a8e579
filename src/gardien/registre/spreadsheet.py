"""ODS and XLSX files: written with odfpy and openpyxl, read back into plain text grids, whatever wrote them
(Gardien, LibreOffice, Excel).

An edited file is untrusted input: its size, its unpacked size, its sheets, rows, columns and cells are bounded
before and while it is read, XML is parsed with defusedxml (no entity expansion), and every failure is a French
message saying what the file is, never a traceback.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from enum import StrEnum

from gardien import fr
from gardien.errors import GardienError
from gardien.registre.workbook import Table

MAX_FILE = 10 * 1024 * 1024
MAX_UNPACKED = 80 * 1024 * 1024
MAX_SHEETS = 100
MAX_ROWS = 5000
MAX_COLUMNS = 40
MAX_CELL = 20000
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
NOTHING_CHANGED = "Rien n'a été modifié."


class Kind(StrEnum):
    ODS = "ods"
    XLSX = "xlsx"


class Unreadable(GardienError):
    """The file is not a spreadsheet Gardien can read."""


Grid = dict[str, list[list[str]]]  # sheet name -> rows of cell texts


# --- writing -----------------------------------------------------------------------------------------------------

def write(tables: list[Table], kind: Kind) -> bytes:
    return _write_ods(tables) if kind is Kind.ODS else _write_xlsx(tables)


def _write_ods(tables: list[Table]) -> bytes:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import Style, TableCellProperties, TableColumnProperties, TextProperties
    from odf.table import Table as OdfTable
    from odf.table import TableCell, TableColumn, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    plain = Style(name="texte", family="table-cell")
    plain.addElement(TableCellProperties(wrapoption="wrap", verticalalign="top"))
    bold = Style(name="gras", family="table-cell")
    bold.addElement(TableCellProperties(wrapoption="wrap", verticalalign="top"))
    bold.addElement(TextProperties(fontweight="bold"))
    document.automaticstyles.addElement(plain)
    document.automaticstyles.addElement(bold)
    column_styles: dict[int, Style] = {}
    for table in tables:
        sheet = OdfTable(name=table.name)
        for width in table.widths:
            if width not in column_styles:
                style = Style(name=f"colonne{width}", family="table-column")
                style.addElement(TableColumnProperties(columnwidth=f"{width * 0.21:.2f}cm"))
                document.automaticstyles.addElement(style)
                column_styles[width] = style
            sheet.addElement(TableColumn(stylename=column_styles[width]))
        for number, row in enumerate(table.rows):
            odf_row = TableRow()
            for value in row:
                cell = TableCell(valuetype="string", stylename=bold if number in table.bold_rows else plain)
                for line in value.split("\n") if value else []:
                    cell.addElement(P(text=line))
                odf_row.addElement(cell)
            if not row:
                odf_row.addElement(TableCell())
            sheet.addElement(odf_row)
        document.spreadsheet.addElement(sheet)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def _write_xlsx(tables: list[Table]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    wrap = Alignment(wrap_text=True, vertical="top")
    bold = Font(bold=True)
    for table in tables:
        sheet = workbook.create_sheet(table.name)
        for index, width in enumerate(table.widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        for number, row in enumerate(table.rows):
            for column, value in enumerate(row, start=1):
                if not value:
                    continue
                cell = sheet.cell(row=number + 1, column=column)
                cell.value = value
                cell.data_type = "s"  # always text: a statement starting with « = » is not a formula
                cell.alignment = wrap
                if number in table.bold_rows:
                    cell.font = bold
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- reading -----------------------------------------------------------------------------------------------------

def read(data: bytes, name: str = "") -> Grid:
    """Every sheet of an ODS or XLSX file as text; Unreadable with a French reason otherwise."""
    label = f"Le fichier « {name} »" if name else "Ce fichier"
    if len(data) > MAX_FILE:
        raise Unreadable(f"{label} est trop gros pour un registre ({len(data) // (1024 * 1024)} Mo ; 10 Mo au plus). {NOTHING_CHANGED}")
    if data.startswith(OLE_MAGIC):
        raise Unreadable(f"{label} est un ancien classeur Excel (.xls) ou un fichier protégé par un mot de passe. Enregistrez-le "
                         f"au format .ods ou .xlsx, sans mot de passe, puis relisez-le. {NOTHING_CHANGED}")
    if not data.startswith(b"PK"):
        hint = (" S'il s'agit d'un fichier CSV ou texte : il ne garde pas les feuilles du registre ; relisez le fichier .ods "
                "ou .xlsx exporté par Gardien.") if _looks_like_text(data) else ""
        raise Unreadable(f"{label} n'est pas un tableur ODS ou XLSX.{hint} {NOTHING_CHANGED}")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise Unreadable(f"{label} est abîmé ou incomplet : ce n'est pas un tableur lisible. {NOTHING_CHANGED}") from exc
    if sum(m.file_size for m in members) > MAX_UNPACKED or len(members) > 10000:
        raise Unreadable(f"{label} se décompresse en beaucoup trop de données pour un registre. {NOTHING_CHANGED}")
    names = {m.filename for m in members}
    try:
        if "mimetype" in names and archive.read("mimetype").strip() == ODS_MIMETYPE:
            grid = _read_ods(archive)
        elif "xl/workbook.xml" in names:
            grid = _read_xlsx(data)
        elif "mimetype" in names or "word/document.xml" in names:
            raise Unreadable(f"{label} est un document de traitement de texte ou de présentation, pas un tableur. {NOTHING_CHANGED}")
        else:
            raise Unreadable(f"{label} n'est pas un tableur ODS ou XLSX. {NOTHING_CHANGED}")
    except Unreadable:
        raise
    except GardienError as exc:
        raise Unreadable(f"{exc.message} {NOTHING_CHANGED}") from exc
    except Exception as exc:  # noqa: BLE001 - zip, XML and openpyxl raise many types on a damaged file
        raise Unreadable(f"{label} est abîmé : Gardien n'a pas pu lire ses feuilles. {NOTHING_CHANGED}") from exc
    return grid


def _looks_like_text(data: bytes) -> bool:
    sample = data[:2000]
    return bool(sample) and b"\x00" not in sample


class _Rows:
    """Rows and cells gathered with their repetitions, bounded: trailing empty cells and rows (LibreOffice repeats them
    a million times) are never materialised."""

    def __init__(self, sheet: str) -> None:
        self.sheet = sheet
        self.rows: list[list[str]] = []
        self.pending_rows = 0

    def add_row(self, cells: list[str], repeat: int) -> None:
        if not any(cells):
            self.pending_rows += repeat
            return
        if len(self.rows) + self.pending_rows + repeat > MAX_ROWS:
            raise GardienError(f"La feuille « {self.sheet} » a plus de {MAX_ROWS} lignes remplies : ce n'est pas un registre.")
        self.rows.extend([] for _ in range(self.pending_rows))
        self.pending_rows = 0
        self.rows.extend(list(cells) for _ in range(repeat))


class _Cells:
    def __init__(self, sheet: str) -> None:
        self.sheet = sheet
        self.cells: list[str] = []
        self.pending = 0

    def add(self, text: str, repeat: int) -> None:
        if not text:
            self.pending += repeat
            return
        if len(self.cells) + self.pending + repeat > MAX_COLUMNS:
            raise GardienError(f"La feuille « {self.sheet} » a plus de {MAX_COLUMNS} colonnes remplies : ce n'est pas un registre.")
        if len(text) > MAX_CELL:
            raise GardienError(f"La feuille « {self.sheet} » a une case de plus de {MAX_CELL} caractères.")
        self.cells.extend([""] * self.pending)
        self.pending = 0
        self.cells.extend([text] * repeat)


def _read_ods(archive: zipfile.ZipFile) -> Grid:
    from defusedxml import ElementTree

    table_ns = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    root = ElementTree.fromstring(archive.read("content.xml"))
    grid: Grid = {}
    for table in root.iter(f"{{{table_ns}}}table"):
        name = table.get(f"{{{table_ns}}}name", "")
        _check_sheets(grid, name)
        rows = _Rows(name)
        for row in table.iter(f"{{{table_ns}}}table-row"):
            cells = _Cells(name)
            for cell in row:
                if cell.tag not in (f"{{{table_ns}}}table-cell", f"{{{table_ns}}}covered-table-cell"):
                    continue
                cells.add(_ods_cell_text(cell), _count(cell.get(f"{{{table_ns}}}number-columns-repeated")))
            rows.add_row(cells.cells, _count(row.get(f"{{{table_ns}}}number-rows-repeated")))
        grid[name] = rows.rows
    return grid


def _count(value: str | None) -> int:
    try:
        return max(1, int(value or 1))
    except ValueError:
        return 1


def _ods_cell_text(cell) -> str:
    """The cell's paragraphs, one per line; spaces (text:s), tabs and line breaks as typed; comments left out."""
    text_ns = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    paragraphs = [child for child in cell if child.tag in (f"{{{text_ns}}}p", f"{{{text_ns}}}h")]

    def flatten(node) -> str:
        parts = [node.text or ""]
        for child in node:
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "s":
                parts.append(" " * min(_count(child.get(f"{{{text_ns}}}c")), 100))
            elif tag == "tab":
                parts.append("\t")
            elif tag == "line-break":
                parts.append("\n")
            elif tag != "annotation":
                parts.append(flatten(child))
            parts.append(child.tail or "")
        return "".join(parts)

    return "\n".join(flatten(p) for p in paragraphs).strip()


def _read_xlsx(data: bytes) -> Grid:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    grid: Grid = {}
    try:
        for sheet in workbook.worksheets:
            _check_sheets(grid, sheet.title)
            rows = _Rows(sheet.title)
            for row in sheet.iter_rows(values_only=True):
                cells = _Cells(sheet.title)
                for value in row:
                    cells.add(_xlsx_text(value), 1)
                rows.add_row(cells.cells, 1)
            grid[sheet.title] = rows.rows
    finally:
        workbook.close()
    return grid


def _xlsx_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "VRAI" if value else "FAUX"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return fr.day(value)
    return str(value).strip()


def _check_sheets(grid: Grid, name: str) -> None:
    if len(grid) >= MAX_SHEETS:
        raise GardienError(f"Le fichier a plus de {MAX_SHEETS} feuilles : ce n'est pas un registre.")
    if name in grid:
        raise GardienError(f"Deux feuilles portent le nom « {name} ».")
