"""Walkthrough round 12, finding 15: jargon in error messages. « entrée standard », the Windows Notepad's advice shown
on Linux for a program file, « fausse_alerte » with its underscore, and an incident's hexadecimal id: each said plainly,
for the system she has."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from gardien import limits
from gardien.errors import GardienError


def gardien(home, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, GARDIEN_HOME=str(home))
    return subprocess.run([sys.executable, "-m", "gardien", *args], capture_output=True, text=True, env=env,
                          timeout=180, check=False)


@pytest.mark.parametrize("args", [("mail", "analyser"), ("pseudonymiser", "--help"), ("reidentifier", "--help"),
                                  ("mail", "analyser", "--help")])
def test_no_standard_input_jargon(isolated_home, args):
    result = gardien(isolated_home, *args)
    said = result.stdout + result.stderr
    assert "entrée standard" not in said and "Traceback" not in said
    assert "coller" in said


def test_a_program_file_is_not_a_text_and_gets_no_notepad_advice():
    program = b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4  # the start of a Linux program, then bytes
    with pytest.raises(GardienError) as refused:
        limits.decode_text(program, "Le fichier ls")
    assert "n'est pas un texte" in refused.value.message and "Bloc-notes" not in refused.value.message


def test_the_notepad_advice_is_for_windows_only(monkeypatch):
    latin = b"Caf\x81 \x8d"  # neither UTF-8 nor Windows-1252, and no NUL byte
    for platform, said, unsaid in (("windows", "Bloc-notes", "éditeur de texte"), ("linux", "éditeur de texte", "Bloc-notes")):
        monkeypatch.setattr("gardien.compat.current_platform", lambda p=platform: p)
        with pytest.raises(GardienError) as refused:
            limits.decode_text(latin, "Le fichier x.txt")
        assert said in refused.value.message and unsaid not in refused.value.message


def test_false_alarm_is_written_with_a_space_and_no_hexadecimal_id(isolated_home):
    assert "fausse_alerte" not in gardien(isolated_home, "urgence", "terminer", "--help").stdout
    refused = gardien(isolated_home, "urgence", "terminer", "--issue", "peut-etre")
    assert refused.returncode == 2 and "fausse_alerte" not in refused.stderr and "« fausse alerte »" in refused.stderr
    from gardien.urgence import state

    state.open_(state.Origin.USER, "essai")
    closed = gardien(isolated_home, "urgence", "terminer", "--issue", "fausse alerte")
    assert closed.returncode == 0, closed.stderr
    assert not re.search(r"\b[0-9a-f]{8}\b", closed.stdout) and "ouvert le" in closed.stdout, closed.stdout


# Hand-written messages (not real ones): a colleague's planning, and a fake Ameli refund from a look-alike domain.
PLANNING = ("From: Cabinet Infirmier Durand <contact@cabinet-durand.fr>\nTo: marc@example.org\nSubject: Planning de la "
            "semaine\nDate: Mon, 30 Nov 2026 08:00:00 +0100\nContent-Type: text/plain; charset=utf-8\n\nBonjour Marc,\n\n"
            "Voici le planning des tournées : lundi et mardi pour toi, mercredi pour moi.\n\nBonne journée,\nSophie\n")
FAKE_AMELI = (
    "From: Assurance Maladie <remboursement@ameli-remboursement.info>\nTo: dr.martin@example.org\n"
    "Subject: Votre remboursement de 148,50 EUR est en attente\nContent-Type: text/html; charset=utf-8\n\n"
    "<p>Votre carte Vitale doit être mise à jour sous 24 heures, sinon votre compte sera bloqué.</p>"
    '<p><a href="http://193.23.44.10/ameli/login.php">https://www.ameli.fr/assure</a></p>'
    "<p>Saisissez votre identifiant, votre mot de passe et votre numéro de carte bancaire.</p>\n")


def test_the_details_footer_only_when_details_add_something(isolated_home, tmp_path):
    """Walkthrough round 12, finding 22: « Détails techniques … ajoutez --details » under a safe message, where --details
    shows nothing more."""
    (tmp_path / "planning.eml").write_text(PLANNING, encoding="utf-8")
    (tmp_path / "ameli.eml").write_text(FAKE_AMELI, encoding="utf-8")
    safe = gardien(isolated_home, "mail", "analyser", str(tmp_path / "planning.eml"))
    assert safe.returncode == 0 and "SANS DANGER" in safe.stdout and "--details" not in safe.stdout, safe.stdout
    lure = gardien(isolated_home, "mail", "analyser", str(tmp_path / "ameli.eml"))
    assert "ajoutez --details" in lure.stdout, lure.stdout


def test_brands_are_named_as_people_know_them():
    """Walkthrough round 12, finding 22: the CPS lure's organisation was called « Esante »."""
    from gardien.mail.domains import brand_label

    assert brand_label("esante") == "Agence du Numérique en Santé"
    assert brand_label("mssante") == "MSSanté" and brand_label("franceconnect") == "FranceConnect"
    assert brand_label("assurance maladie") == "Assurance Maladie"  # the others as before


def test_a_wrapped_paragraph_never_starts_a_line_with_a_colon():
    """Walkthrough round 12, finding 22: a mail reason was cut « … l'envoi de ce message / : usurpation probable. »
    (the mail's paragraphs go through wrapping.fill, which kept the guillemets together but not « : »)."""
    from gardien.report import wrapping

    text = "Le domaine n'a pas autorisé " + "l" * 40 + " ce message : usurpation probable ; vraiment ? oui !"
    for width in range(40, 90):
        lines = wrapping.fill(text, width, break_long_words=False).splitlines()
        assert not any(line.lstrip().startswith((":", ";", "?", "!")) for line in lines), (width, lines)
        assert " ".join(lines) == text  # no-break spaces given back as spaces
