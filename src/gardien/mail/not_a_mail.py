"""Files that are not e-mails: said and refused before any analysis, rather than judged on bytes that were never
a message (a PDF read as text shows « letters of another alphabet » and came out « suspect »)."""

from __future__ import annotations

import re

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
    if _program_or_settings(data[:SAMPLE].decode("utf-8", "replace")):
        return f"Ce fichier n'est pas un e-mail : il ressemble à un programme ou à un fichier de réglages. {SAVE_AS}"
    return None


SAMPLE = 20_000
# a line of a program or a settings file: « name = value », « [section] », a comment, a line closed by a bracket, an
# item of a list of quoted values
_CODE_LINE = re.compile(r"^\s*(?:[\w.\"'-]+\s*=|\[[^\]]*\]\s*$|#|//|(?:def|class|import|function|const|let|var|return)\b|"
                        r".*[{};\]]\s*$|\"[^\"]*\",?\s*(?:#.*)?$)")
_HEADER_LINE = re.compile(r"^(?:[\w-]+:\s|From )")
CODE_SHARE = 0.6
MIN_LINES = 5


def _program_or_settings(text: str) -> bool:
    """Most lines are code or settings and it does not open as a mail (a header) nor as a pasted one (« De : »): what
    a practitioner would not mean to give. A mail's own HTML or style sheet comes after its headers."""
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) < MIN_LINES or _HEADER_LINE.match(lines[0]) or lines[0].lower().startswith(("de :", "de:")):
        return False
    return sum(bool(_CODE_LINE.match(line)) for line in lines) >= CODE_SHARE * len(lines)
