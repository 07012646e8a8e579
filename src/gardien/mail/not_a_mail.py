"""Files that are not e-mails: said and refused before any analysis, rather than judged on bytes that were never
a message (a PDF read as text shows « letters of another alphabet » and came out « suspect »)."""

from __future__ import annotations

from gardien.mail.message import OLE_MAGIC

# what a file starts with -> what it is, in words a practitioner knows
KNOWN_FORMATS = (
    (b"%PDF-", "un document PDF"),
    (b"PK\x03\x04", "un document Word, LibreOffice ou une archive .zip"),
    (b"\x89PNG", "une image"),
    (b"\xff\xd8\xff", "une photo ou une image"),
    (b"GIF8", "une image"),
    (b"Rar!", "une archive compressée"),
    (b"7z\xbc\xaf", "une archive compressée"),
    (b"MZ", "un programme"),
)
SAVE_AS = ("Pour faire vérifier un e-mail, enregistrez-le depuis votre messagerie (le message ouvert, « Enregistrer "
           "sous », fichier .eml ou .msg) ou copiez son texte et collez-le.")


def refusal(data: bytes) -> str | None:
    """Why these bytes cannot be analysed as a mail (in French), or None when they may be one."""
    if not data.strip():
        return "Le fichier est vide : il n'y a rien à analyser."
    if data.startswith(OLE_MAGIC):  # an Outlook .msg: a mail
        return None
    for magic, what in KNOWN_FORMATS:
        if data.startswith(magic):
            return f"Ce fichier n'est pas un e-mail : c'est {what}. {SAVE_AS}"
    if b"\0" in data[:4096]:
        return f"Ce fichier n'est pas un e-mail (son contenu n'est pas du texte). {SAVE_AS}"
    return None
