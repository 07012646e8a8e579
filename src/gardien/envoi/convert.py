"""Turn what the practitioner wants to send into PDF pages: a PDF stays as it is, a photo or a scan becomes a page,
a text file is typeset, a word-processor document is converted by LibreOffice when it is installed.

Everything happens in memory, except the LibreOffice conversion, which needs files: those live in a private folder
inside Gardien's data folder (owner-only), never in the system's shared temporary folder, and are removed at once.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path, PurePath

from gardien.errors import GardienError
from gardien.paths import data_dir

OFFICE_TIMEOUT_S = 180  # a long document on a slow laptop; LibreOffice's first start alone takes some seconds
MAX_IMAGE_PIXELS = 60_000_000  # a 60-megapixel photo; beyond, a picture is more likely a trap than a scan


class Kind(StrEnum):
    """What a file is, for the way it enters the PDF."""

    PDF = "pdf"
    IMAGE = "image"
    TEXT = "texte"
    OFFICE = "bureautique"  # converted to pages by LibreOffice
    OTHER = "autre"  # carried inside the PDF as an attached file


EXTENSIONS = {
    ".pdf": Kind.PDF,
    ".jpg": Kind.IMAGE, ".jpeg": Kind.IMAGE, ".png": Kind.IMAGE,
    ".txt": Kind.TEXT,
    **dict.fromkeys((".docx", ".doc", ".odt", ".rtf", ".xlsx", ".xls", ".ods", ".pptx", ".ppt", ".odp"), Kind.OFFICE),
}
# What the practitioner can do herself when LibreOffice is not there: save the document as a PDF from her program.
SAVE_AS_PDF = (
    "Enregistrez-le d'abord en PDF depuis le logiciel qui l'a créé : dans Word, « Fichier », « Enregistrer sous », "
    "puis le type « PDF » ; dans LibreOffice, « Fichier », « Exporter au format PDF » ; dans Pages, « Fichier », "
    "« Exporter vers », « PDF ». Puis recommencez avec ce fichier PDF."
)


@dataclass(frozen=True)
class Document:
    """One file to send: its name as the practitioner knows it, and its content."""

    name: str
    data: bytes

    @property
    def kind(self) -> Kind:
        return EXTENSIONS.get(PurePath(self.name).suffix.lower(), Kind.OTHER)


def pages_of(document: Document) -> bytes:
    """The document as a PDF in clear (in memory), ready to be merged and encrypted; GardienError when it cannot be."""
    kind = document.kind
    if kind is Kind.PDF:
        if b"%PDF-" not in document.data[:1024]:
            raise GardienError(f"« {document.name} » porte l'extension .pdf mais n'est pas un PDF : rien n'a été fait.")
        return document.data
    if kind is Kind.IMAGE:
        return _image_pdf(document)
    if kind is Kind.TEXT:
        return _text_pdf(document)
    if kind is Kind.OFFICE:
        return _office_pdf(document)
    raise GardienError(f"« {document.name} » ne se met pas en pages : il ne peut qu'être joint au PDF.")


# --- Photos and scans --------------------------------------------------------------------------------------------


def _image_pdf(document: Document) -> bytes:
    """One A4 page, in the picture's orientation, the picture fitted inside 1 cm margins. Re-encoding drops the
    photo's metadata (the place where it was taken, the phone's name)."""
    import warnings

    from PIL import Image, ImageOps, UnidentifiedImageError
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import cm
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            picture = Image.open(io.BytesIO(document.data))
            if picture.width * picture.height > MAX_IMAGE_PIXELS:
                raise GardienError(f"L'image « {document.name} » est trop grande ({picture.width} × {picture.height} points) : "
                                   "réduisez-la ou enregistrez-la en PDF, puis recommencez.")
            picture = ImageOps.exif_transpose(picture)
            picture.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise GardienError(f"L'image « {document.name} » est abîmée ou d'un format inconnu : rien n'a été fait.") from exc
    if picture.mode in ("RGBA", "LA", "P"):
        flat = Image.new("RGB", picture.size, "white")
        flat.paste(picture.convert("RGBA"), mask=picture.convert("RGBA").getchannel("A"))
        picture = flat
    elif picture.mode != "RGB":
        picture = picture.convert("RGB")
    encoded = io.BytesIO()
    if PurePath(document.name).suffix.lower() in (".jpg", ".jpeg"):
        picture.save(encoded, "JPEG", quality=92)  # a photo stays a JPEG: a lossless copy would weigh ten times more
    else:
        picture.save(encoded, "PNG")  # a screenshot stays sharp
    encoded.seek(0)
    size = landscape(A4) if picture.width > picture.height else A4
    margin = 1 * cm
    scale = min((size[0] - 2 * margin) / picture.width, (size[1] - 2 * margin) / picture.height)
    width, height = picture.width * scale, picture.height * scale
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=size, pageCompression=1)
    canvas.setTitle(PurePath(document.name).stem)
    canvas.drawImage(ImageReader(encoded), (size[0] - width) / 2, (size[1] - height) / 2, width, height)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


# --- Plain text ----------------------------------------------------------------------------------------------------


def _text_pdf(document: Document) -> bytes:
    from reportlab.platypus import Paragraph, Spacer

    from gardien.registre.pdf import _document, _safe, _styles  # the register's fonts: accents print everywhere

    try:
        text = document.data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = document.data.decode("cp1252", errors="replace")  # a text saved by Windows' Notepad before 2019
    styles = _styles()
    story = [Paragraph(_safe(line), styles["body"]) if line.strip() else Spacer(1, 8) for line in text.splitlines()]
    out = io.BytesIO()
    pdf, on_page = _document(out, PurePath(document.name).stem, document.name)
    pdf.build(story or [Spacer(1, 8)], onFirstPage=on_page, onLaterPages=on_page)
    return out.getvalue()


# --- Word-processor documents (LibreOffice) ----------------------------------------------------------------------


def office_program() -> Path | None:
    """LibreOffice's command, where its installer puts it on each system; None when it is not installed."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return Path(found)
    candidates = [Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")]
    for variable in ("ProgramFiles", "ProgramFiles(x86)"):
        if os.environ.get(variable):
            candidates.append(Path(os.environ[variable]) / "LibreOffice" / "program" / "soffice.exe")
    return next((c for c in candidates if c.is_file()), None)


@contextmanager
def private_folder() -> Iterator[Path]:
    """A folder only the user can open, inside Gardien's data folder, removed with its content at the end."""
    base = data_dir() / "travail"
    base.mkdir(mode=0o700, exist_ok=True)
    folder = Path(tempfile.mkdtemp(dir=base, prefix="envoi-"))  # created 0700
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _office_pdf(document: Document) -> bytes:
    program = office_program()
    if program is None:
        raise GardienError(f"« {document.name} » doit d'abord devenir un PDF, et LibreOffice (qui le ferait) n'est pas "
                           f"installé sur cet ordinateur. {SAVE_AS_PDF}")
    with private_folder() as folder:
        source = folder / f"document{PurePath(document.name).suffix.lower()}"
        source.write_bytes(document.data)
        (folder / "tmp").mkdir()
        env = dict(os.environ, TMPDIR=str(folder / "tmp"), TMP=str(folder / "tmp"), TEMP=str(folder / "tmp"))
        command = [str(program), f"-env:UserInstallation={(folder / 'profil').as_uri()}", "--headless", "--norestore",
                   "--nolockcheck", "--convert-to", "pdf", "--outdir", str(folder / "pdf"), str(source)]
        try:
            subprocess.run(command, capture_output=True, timeout=OFFICE_TIMEOUT_S, env=env, stdin=subprocess.DEVNULL,
                           check=False, cwd=folder)
        except subprocess.TimeoutExpired as exc:
            raise GardienError(f"LibreOffice n'a pas fini de convertir « {document.name} » en {OFFICE_TIMEOUT_S // 60} minutes. "
                               f"{SAVE_AS_PDF}") from exc
        except OSError as exc:
            raise GardienError(f"LibreOffice n'a pas pu être lancé pour convertir « {document.name} ». {SAVE_AS_PDF}") from exc
        result = folder / "pdf" / "document.pdf"
        if not result.is_file() or result.stat().st_size == 0:
            raise GardienError(f"LibreOffice n'a pas pu convertir « {document.name} » (fichier abîmé, protégé par un mot "
                               f"de passe, ou d'un format qu'il ne lit pas). {SAVE_AS_PDF}")
        return result.read_bytes()
