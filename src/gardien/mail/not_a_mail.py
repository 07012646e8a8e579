"""Files that are not e-mails: said and refused before any analysis, rather than judged on bytes that were never
a message (a PDF read as text shows « letters of another alphabet » and came out « suspect »)."""

from __future__ import annotations

from gardien.file_kinds import kind_of
from gardien.mail.message import OLE_MAGIC

SAVE_AS = ("Pour faire vérifier un e-mail, enregistrez-le depuis votre messagerie (le message ouvert, « Enregistrer "
           "sous », fichier .eml ou .msg) ou copiez son texte et collez-le.")


def refusal(data: bytes) -> str | None:
    """Why these bytes cannot be analysed as a mail (in French), or None when they may be one."""
    if not data.strip():
        return "Le fichier est vide : il n'y a rien à analyser."
    if data.startswith(OLE_MAGIC):  # an Outlook .msg: a mail
        return None
    what = kind_of(data)
    if what is not None:
        return f"Ce fichier n'est pas un e-mail : c'est {what}. {SAVE_AS}"
    if b"\0" in data[:4096]:
        return f"Ce fichier n'est pas un e-mail (son contenu n'est pas du texte). {SAVE_AS}"
    return None
