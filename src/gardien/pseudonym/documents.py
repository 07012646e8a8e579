"""Read the text of a letter or a note: .txt, .docx (python-docx), .odt (odfpy), text PDFs (pypdf)."""

from __future__ import annotations

from pathlib import Path

from gardien.errors import GardienError

MAX_BYTES = 20_000_000


def read_text(path: Path) -> str:
    if not path.is_file():
        raise GardienError(f"{path} : fichier introuvable.")
    if path.stat().st_size > MAX_BYTES:
        raise GardienError(f"{path} : fichier de plus de 20 Mo, ce n'est pas un courrier.")
    suffix = path.suffix.lower()
    try:
        if suffix == ".docx":
            return _docx(path)
        if suffix == ".odt":
            return _odt(path)
        if suffix == ".pdf":
            return _pdf(path)
    except GardienError:
        raise
    except Exception as exc:  # the readers raise many types on damaged files
        raise GardienError(f"{path} : document illisible ou abîmé ({exc.__class__.__name__}).") from exc
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise GardienError(f"{path} : ce n'est pas un texte lisible.")


def _docx(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def _odt(path: Path) -> str:
    from odf import teletype, text
    from odf.opendocument import load

    document = load(str(path))
    return "\n".join(teletype.extractText(p) for p in document.getElementsByType(text.P))


def _pdf(path: Path) -> str:
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
    if not text.strip():
        raise GardienError(f"{path} : ce PDF ne contient pas de texte (document scanné ?). Gardien ne lit pas les images.")
    return text
