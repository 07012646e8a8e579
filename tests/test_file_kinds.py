"""Programs and scripts recognised by their name's ending, whatever its letters' case: refused by the encrypted
sending (file_kinds.is_program) and warned of as a mail attachment (mail.attachments.by_name). Hand-written names;
the contents are a few plain bytes, so only the name tells."""

from __future__ import annotations

import pytest

from gardien.file_kinds import is_program
from gardien.mail.attachments import by_name

# Endings that run something when double-clicked (or mount a disk that holds programs), on Windows, Mac or Linux.
DANGEROUS = ("exe", "msi", "bat", "cmd", "com", "scr", "pif", "ps1", "vbs", "vbe", "js", "jse", "wsf", "wsh", "hta",
             "jar", "lnk", "iso", "img", "msix", "appx", "reg", "cpl", "dmg", "pkg", "app", "sh", "command", "desktop",
             "vhd", "vhdx", "msixbundle", "appxbundle", "chm", "scf", "inf", "url", "application", "gadget", "xll",
             "jnlp", "run", "appimage", "deb", "rpm", "apk")
HARMLESS = ("compte-rendu.pdf", "photo.JPG", "lettre.docx", "notes.txt", "tableau.ODS", "scan.png", "sans-extension")


@pytest.mark.parametrize("ending", DANGEROUS)
def test_a_program_is_a_program_whatever_the_case(ending):
    for name in (f"facture.{ending}", f"Facture.{ending.upper()}", f"facture.{ending.capitalize()}"):
        assert is_program(name, b"du texte"), name
        assert any(s.id == "pieces_jointes.programme" for s in by_name(name)), name


@pytest.mark.parametrize("name", ["outil.exe.", "outil.exe ", "outil.EXE . ", "compte-rendu.pdf.exe"])
def test_trailing_dots_and_spaces_do_not_hide_the_ending(name):
    """Windows drops the dots and spaces at the end of a name: « outil.exe. » is saved as « outil.exe »."""
    assert is_program(name, b"du texte"), name
    assert any(s.id == "pieces_jointes.programme" for s in by_name(name)), name


@pytest.mark.parametrize("name", HARMLESS)
def test_documents_are_not_programs(name):
    assert not is_program(name, b"du texte")
    assert not any(s.id == "pieces_jointes.programme" for s in by_name(name))
