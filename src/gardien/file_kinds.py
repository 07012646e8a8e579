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


# A program or a script: no place in a document sent to a patient or a colleague, whatever it is called (walkthrough,
# round 15: « outil.exe » was packed into an encrypted copy). By its name's ending, or by its first bytes (Windows,
# Linux and Mac programs, a script starting with « #! »).
PROGRAM_SUFFIXES = frozenset({
    ".exe", ".msi", ".msp", ".com", ".scr", ".pif", ".cpl", ".bat", ".cmd", ".ps1", ".psm1", ".vbs", ".vbe", ".js",
    ".jse", ".wsf", ".wsh", ".hta", ".jar", ".lnk", ".reg", ".sh", ".bash", ".command", ".app", ".dmg", ".pkg", ".apk",
    ".deb", ".rpm", ".run", ".appimage", ".py", ".pl",
})
PROGRAM_MAGICS = (b"MZ", b"\x7fELF", b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe", b"\xcf\xfa\xed\xfe",
                  b"\xca\xfe\xba\xbe", b"#!")


def is_program(name: str, data: bytes) -> bool:
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return suffix in PROGRAM_SUFFIXES or data.startswith(PROGRAM_MAGICS)
