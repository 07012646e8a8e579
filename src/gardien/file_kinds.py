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
# round 15: « outil.exe » was packed into an encrypted copy), and the first thing to warn of in a mail's attachment
# (mail.attachments adds its own to these). By its name's ending, whatever the case of its letters, or by its first
# bytes (Windows, Linux and Mac programs, a script starting with « #! »). A disk image (.iso, .img, .vhd, .dmg) opens
# as a drive holding programs; a shortcut (.lnk, .url, .desktop, .scf) runs what it points to.
PROGRAM_SUFFIXES = frozenset({
    # Windows
    ".exe", ".msi", ".msp", ".mst", ".com", ".scr", ".pif", ".cpl", ".bat", ".cmd", ".ps1", ".psm1", ".psd1", ".vbs",
    ".vbe", ".js", ".jse", ".wsf", ".wsh", ".ws", ".hta", ".lnk", ".url", ".scf", ".inf", ".reg", ".chm", ".xll",
    ".gadget", ".application", ".msix", ".msixbundle", ".appx", ".appxbundle", ".iso", ".img", ".vhd", ".vhdx",
    ".settingcontent-ms",
    # Java, on every system
    ".jar", ".jnlp",
    # Mac
    ".app", ".dmg", ".pkg", ".command",
    # Linux and scripts
    ".sh", ".bash", ".run", ".appimage", ".desktop", ".deb", ".rpm", ".py", ".pl",
    # phones
    ".apk",
})
PROGRAM_MAGICS = (b"MZ", b"\x7fELF", b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe", b"\xcf\xfa\xed\xfe",
                  b"\xca\xfe\xba\xbe", b"#!")


def ending(name: str) -> str:
    """« exe » for « Facture.PDF.EXE »: the last ending of a name, in lower case, without the dot; "" when there is
    none. The dots and spaces at the very end are left out, as Windows drops them (« outil.exe. » is « outil.exe »)."""
    name = name.rstrip(" .")
    return name.rsplit(".", 1)[-1].strip().lower() if "." in name else ""


def is_program(name: str, data: bytes) -> bool:
    suffix = ending(name)
    return (bool(suffix) and f".{suffix}" in PROGRAM_SUFFIXES) or data.startswith(PROGRAM_MAGICS)


def pdf_needs_password(data: bytes) -> bool:
    """A PDF that opens only with a password (pikepdf, the reader of the envoi as well). A PDF locked only against
    printing or copying opens with the empty password: that one is readable. Any doubt (damaged, not a PDF) is False:
    the reader then says what it finds."""
    import io

    import pikepdf

    try:
        pikepdf.open(io.BytesIO(data)).close()
    except pikepdf.PasswordError:
        return True
    except Exception:  # pikepdf.PdfError and what a damaged file raises: not for this check to say
        return False
    return False
