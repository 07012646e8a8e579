"""Read the text of a letter or a note: .txt, .docx (python-docx), .odt (odfpy), text PDFs (pypdf)."""

from __future__ import annotations

import logging
from pathlib import Path

from gardien.errors import GardienError
from gardien.explain import failure, not_a_file
from gardien.limits import LETTER_ADVICE, MAX_DOCUMENT_BYTES, decode_text


def read_text(path: Path) -> str:
    if path.is_dir():
        raise not_a_file(path, wanted="le fichier du texte lui-même (.txt, .docx, .odt ou .pdf)")
    if not path.is_file():
        raise GardienError(f"{path} : fichier introuvable.")
    if path.stat().st_size > MAX_DOCUMENT_BYTES:
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
    except OSError as exc:
        raise failure(f"de lire {path}", exc) from exc
    except Exception as exc:  # the readers raise many types on damaged files, with English messages
        raise GardienError(f"{path} : ce document est abîmé, ou ce n'est pas un vrai fichier {suffix[1:].upper()}. "
                           "Ouvrez-le et enregistrez-le à nouveau, ou copiez-collez son texte.") from exc
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise failure(f"de lire {path}", exc) from exc
    return decode_text(data, f"Le fichier {path}", advice=LETTER_ADVICE)


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

    pypdf_log = logging.getLogger("pypdf")  # it prints its warnings in English (« invalid pdf header »)
    level = pypdf_log.level
    pypdf_log.setLevel(logging.CRITICAL + 1)
    try:
        text = "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
    finally:
        pypdf_log.setLevel(level)
    if not text.strip():
        raise GardienError(f"{path} : ce PDF ne contient pas de texte (document scanné ?). Gardien ne lit pas les images.")
    return text
