"""What a file is, from its first bytes, in words a practitioner knows: one table for every message that refuses a
file given in place of a text (limits.decode_text) or of an e-mail (mail.not_a_mail)."""

from __future__ import annotations

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


def kind_of(data: bytes) -> str | None:
    """« un document PDF », « une image »…, or None when the start of `data` is none of the known formats."""
    return next((name for magic, name in KNOWN_FORMATS if data.startswith(magic)), None)
