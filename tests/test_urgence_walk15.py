"""The emergency pages and commands after the round 15 walkthrough: read-only instructions without « ici », a step
number out of range refused, one order of calls for the sheet and the 12 instructions, one sheet per computer in a
group practice, the way back pointing to a copy from before the attack, and a too long note said in characters."""

from __future__ import annotations

import io

from conftest import visible_text
from pypdf import PdfReader
from test_registre_web import SAME, client  # noqa: F401 - the logged-in client fixture
from test_urgence_cli import gardien

from gardien.registre import builder, storage
from gardien.registre.interview import Access, Hosting, Interview, Practice

# hand-written practice, as tests/test_plan_other_computers.py
GROUP = Interview(nom="Cabinet des Lilas", exercice=Practice.GROUP, hebergement=Hosting.LOCAL, acces=[Access.SECRETARIAT])


def _said(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def test_reading_the_instructions_does_not_say_ici_nor_that_it_is_dated(tmp_path, client):  # noqa: F811
    read = gardien(tmp_path / "home", "urgence", "--lire")
    said = _said(read.stdout)
    assert read.returncode == 0 and "Recopiez le message de rançon" in said.title() or "RECOPIEZ LE MESSAGE" in said
    assert "Recopiez ici" not in said and "Il sera daté dans le journal" not in said, said
    assert "Dans le mode urgence, Gardien le date dans le journal de l'incident ; sinon, notez-le sur papier" in said
    page = _said(visible_text(client.get("/urgence").text))
    assert "Recopiez ici" not in page and "sinon, notez-le sur papier avec la date et l'heure" in page


def test_a_step_number_beyond_the_twelve_is_refused(tmp_path):
    beyond = gardien(tmp_path / "home", "urgence", "--lire", "--etape", "99")
    assert beyond.returncode == 2 and "Il n'y a que 12 consignes" in beyond.stderr, beyond.stdout + beyond.stderr
    assert "CONSIGNE 1 SUR 12" not in beyond.stdout and "Traceback" not in beyond.stderr
    third = gardien(tmp_path / "home", "urgence", "--lire", "--etape", "3")
    assert third.returncode == 0 and "CONSIGNE 3 SUR 12" in third.stdout and "CONSIGNE 2 SUR 12" not in third.stdout


def test_the_sheet_gives_the_calls_in_the_order_of_the_twelve(client):  # noqa: F811
    """One order: the table « Qui appeler » follows the instructions (its heading says so); the sheet's own list, in
    another order (prestataire, police, assureur, then cybermalveillance), is gone."""
    from gardien.urgence import contacts, content, documents

    sheet = _said(visible_text(client.get("/urgence/fiche").text))
    assert "Qui appeler, dans cet ordre (consignes 6 à 12)" in sheet, sheet
    assert "Puis appelez, dans cet ordre" not in sheet
    called = [s.contact for s in content.steps() if s.contact]
    assert [c.id for c in contacts.contacts() if c.id in called] == called
    rows = [c.role for c in contacts.contacts() if c.id in called]
    assert [sheet.index(role) for role in rows] == sorted(sheet.index(role) for role in rows)
    assert len(PdfReader(io.BytesIO(documents.sheet_pdf())).pages) == 1  # the heading, not one more line


def test_a_group_practice_prints_one_sheet_beside_each_computer(tmp_path, client):  # noqa: F811
    alone = _said(visible_text(client.get("/urgence/fiche").text))
    assert "Imprimez-la en deux exemplaires : un au cabinet, un chez vous" in alone
    storage.save(builder.build(GROUP))
    for path in ("/urgence/fiche", "/urgence/preparer"):
        page = _said(visible_text(client.get(path).text))
        assert "en un exemplaire près de chaque ordinateur du cabinet (accueil compris), et un chez vous" in page, page
        assert "deux exemplaires" not in page


def test_after_the_attack_the_copy_to_restore_is_one_from_before_it(tmp_path, client):  # noqa: F811
    page = _said(visible_text(client.get("/urgence/apres").text))
    assert "Choisissez une copie d'AVANT l'attaque : « La dernière copie d'avant le »" in page, page
    command = gardien(tmp_path / "home", "urgence", "apres")
    said = _said(command.stdout)
    assert "Choisissez une copie d'AVANT l'attaque" in said and '--avant "JJ/MM HH:MM"' in said, said


def test_a_too_long_ransom_note_is_refused_in_characters_and_given_back(client):  # noqa: F811
    assert client.post("/urgence/ouvrir", headers=SAME).status_code == 303
    for _ in range(3):  # to the « Recopiez le message de rançon » instruction
        client.post("/urgence/etape", headers=SAME, data={"aller": "suivante"})
    note = "é" * 8_001  # 8 001 characters (the journal's limit is 8 000), 48 006 bytes once encoded in the form
    refused = client.post("/urgence/noter", headers=SAME, data={"sorte": "message", "texte": note})
    said = _said(visible_text(refused.text))
    assert refused.status_code == 400 and "8 000 caractères au plus, ce texte en a 8 001" in said, said[:2000]
    assert "ko" not in said.split() and note in refused.text  # given back in its box
    assert 'class="problem" role="alert">C\'est trop long' in refused.text.replace("&#39;", "'")
    fits = client.post("/urgence/noter", headers=SAME, data={"sorte": "message", "texte": "é" * 8_000})
    assert fits.status_code == 200 and "Noté dans le journal" in _said(visible_text(fits.text))
