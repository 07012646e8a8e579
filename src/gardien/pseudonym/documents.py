"""Read the text of a letter or a note: .txt, .docx (python-docx), .odt (odfpy), text PDFs (pypdf)."""

from __future__ import annotations

import logging
from contextlib import contextmanager
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
    if suffix in (".docx", ".odt", ".pdf") and _password_protected(path):
        raise GardienError(password_protected(path))
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


def password_protected(path: Path) -> str:
    """What to say of a document locked by a password: no « damaged », and what she can do instead."""
    return (f"{path} : ce document est protégé par un mot de passe, Gardien ne peut donc pas le lire. Ouvrez-le avec "
            "son mot de passe, copiez tout son texte, puis relancez la commande sans nom de fichier et collez le texte "
            "quand Gardien le demande. Ou enregistrez-en une copie sans mot de passe et donnez cette copie à Gardien.")


# Word keeps an encrypted .docx in an OLE container holding an « EncryptedPackage » stream (UTF-16 name)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


def _password_protected(path: Path) -> bool:
    """True when the document is locked by a password (a PDF that opens only with one, an encrypted Word or
    LibreOffice file). Any doubt is False: the reader then says what it finds."""
    try:
        if path.suffix.lower() == ".pdf":
            from gardien.file_kinds import pdf_needs_password

            return pdf_needs_password(path.read_bytes())
        if path.suffix.lower() == ".docx":
            with path.open("rb") as handle:
                head = handle.read(MAX_DOCUMENT_BYTES)
            return head.startswith(_OLE_MAGIC) and _ENCRYPTED_PACKAGE in head
        import zipfile

        with zipfile.ZipFile(path) as archive:  # .odt: the manifest lists how each encrypted part is encrypted
            return b"encryption-data" in archive.read("META-INF/manifest.xml")
    except Exception:  # damaged or not what its name says: the reader below tells her
        return False


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


@contextmanager
def _quiet_pypdf():
    pypdf_log = logging.getLogger("pypdf")  # it prints its warnings in English (« invalid pdf header »)
    level = pypdf_log.level
    pypdf_log.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        pypdf_log.setLevel(level)


def _pdf(path: Path) -> str:
    from pypdf import PdfReader

    with _quiet_pypdf():
        text = "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
    if not text.strip():
        raise GardienError(f"{path} : ce PDF ne contient pas de texte (document scanné ?). Gardien ne lit pas les images.")
    return text
