"""`envoyer-chiffre`: the encrypted copy opens with its passphrase in a real PDF reader (poppler) and not without;
the originals are never modified; nothing in clear is left behind; bad input is a French message.

Every document here is written by the test itself (no patient data): a letter typed for the test.
"""

from __future__ import annotations

import hashlib
import io
import math
import os
import re
import shutil
import subprocess
import sys

import pytest

from gardien.envoi import package
from gardien.envoi.consignes import instructions
from gardien.envoi.convert import Document, Kind, office_program
from gardien.errors import GardienError

PDFTOTEXT = shutil.which("pdftotext")
PDFDETACH = shutil.which("pdfdetach")
needs_poppler = pytest.mark.skipif(PDFTOTEXT is None, reason="poppler-utils absent (apt-get install poppler-utils)")
needs_office = pytest.mark.skipif(office_program() is None,
                                  reason="LibreOffice absent (apt-get install libreoffice-writer-nogui) : conversion des .docx non essayée")
LETTER = "Compte rendu de consultation écrit pour ce test : évolution favorable, revoir dans trois mois."


def letter_pdf(text: str = LETTER, pages: int = 1) -> bytes:
    """A PDF written by the test with reportlab."""
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out)
    for number in range(pages):
        canvas.drawString(72, 720, f"{text} Page {number + 1}.")
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def letter_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Courrier au confrère", 1)
    document.add_paragraph(LETTER)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdftotext(path, password: str | None = None) -> subprocess.CompletedProcess:
    command = [PDFTOTEXT, *(["-upw", password] if password is not None else []), str(path), "-"]
    return subprocess.run(command, capture_output=True, text=True, timeout=60)


# --- the passphrase --------------------------------------------------------------------------------------------

def test_passphrase_is_short_enough_for_every_reader_and_strong_enough():
    seen = set()
    for _ in range(200):
        drawn = package.dictable_passphrase()
        assert len(drawn.password.encode()) <= 32, drawn.password  # poppler and xpdf read 32 characters at most
        parts = re.fullmatch(r"(?:[a-z]+[1-9][0-9]){5}", drawn.password)
        assert parts, drawn.password
        seen.add(drawn.password)
    assert drawn.entropy_bits >= 80  # the CNIL's threshold for a password alone (references.md MDP-01)
    assert len(seen) == 200


def test_passphrase_words_are_plain_french_dictionary_words():
    from spellchecker import SpellChecker

    french = SpellChecker(language="fr")
    for _ in range(50):
        for word in re.findall(r"[a-z]+", package.dictable_passphrase().password):
            assert word in french and word.isascii()


def test_passphrase_entropy_is_the_count_of_possible_passphrases():
    # recount by brute force over word lengths: sets of 5 different words within 22 letters, in any order (5!),
    # times 90 numbers each
    counts = {length: len(words) for length, words in package._words_by_length().items()}
    budget = package.MAX_PASSPHRASE - 2 * package.WORDS
    ways = {(0, 0): 1}  # (words chosen, letters) -> sets of words
    for length, k in counts.items():
        step = dict(ways)
        for (chosen, total), n in ways.items():
            for more in range(1, package.WORDS - chosen + 1):
                if total + more * length <= budget:
                    key = (chosen + more, total + more * length)
                    step[key] = step.get(key, 0) + n * math.comb(k, more)
        ways = step
    sets = sum(n for (chosen, _), n in ways.items() if chosen == package.WORDS)
    expected = math.log2(sets * math.factorial(package.WORDS)) + package.WORDS * math.log2(90)
    assert abs(package.dictable_passphrase().entropy_bits - round(expected, 1)) < 0.05


def test_the_words_of_a_dictated_passphrase_all_differ(monkeypatch):
    """A walkthrough's « envoyer-chiffre » gave « … mont 83 – mont 73 » (failed on main: the draw kept it). The first
    draws are forced to the same word and number; the words handed out must still all differ."""
    real = package.secrets.randbelow
    forced = iter([0] * (2 * package.WORDS))  # a word, then its number, five times: the first of each

    def randbelow(n):
        value = next(forced, None)
        return real(n) if value is None else value

    monkeypatch.setattr(package.secrets, "randbelow", randbelow)
    drawn = package.dictable_passphrase()
    words = re.findall(r"[a-z]+", drawn.password)
    assert len(set(words)) == len(words) == package.WORDS, drawn.password


def test_dictation_cuts_where_the_voice_pauses():
    sealed = package.Sealed(b"", "lune47cheval12table88porte31ciel61", 80.4, 1, ("a.pdf",))
    assert sealed.dictation == "lune 47 – cheval 12 – table 88 – porte 31 – ciel 61"


# --- sealing ---------------------------------------------------------------------------------------------------

@needs_poppler
def test_pdf_opens_with_its_passphrase_in_poppler_and_not_without(tmp_path):
    sealed = package.seal([Document("compte-rendu.pdf", letter_pdf(pages=2))])
    out = tmp_path / "compte-rendu-chiffre.pdf"
    out.write_bytes(sealed.data)
    refused = pdftotext(out)
    assert refused.returncode != 0 and "password" in refused.stderr.lower()
    assert pdftotext(out, "mauvais47mot12passe88").returncode != 0
    opened = pdftotext(out, sealed.passphrase)
    assert opened.returncode == 0 and "évolution favorable" in opened.stdout and "Page 2" in opened.stdout
    assert sealed.pages == 2 and sealed.mode is package.Mode.PAGES and LETTER.encode() not in sealed.data


def test_encryption_is_aes_256_and_the_recipient_can_print_and_copy():
    import pikepdf

    sealed = package.seal([Document("lettre.pdf", letter_pdf())])
    with pikepdf.open(io.BytesIO(sealed.data), password=sealed.passphrase) as pdf:
        assert pdf.encryption.R == 6 and pdf.encryption.bits == 256
        assert pdf.allow.print_highres and pdf.allow.extract


@needs_poppler
@needs_office
def test_docx_becomes_pages_that_open_with_the_passphrase(tmp_path, isolated_home):
    sealed = package.seal([Document("courrier.docx", letter_docx())])
    out = tmp_path / "courrier-chiffre.pdf"
    out.write_bytes(sealed.data)
    assert pdftotext(out).returncode != 0
    opened = pdftotext(out, sealed.passphrase)
    assert opened.returncode == 0 and "Courrier au confrère" in opened.stdout and "trois mois" in opened.stdout
    assert not any((isolated_home / "travail").iterdir())  # the clear conversion folder is gone


@needs_poppler
def test_photo_and_text_become_pages_in_one_pdf(tmp_path):
    from PIL import Image

    photo = io.BytesIO()
    Image.new("RGB", (1200, 800), "white").save(photo, "JPEG", exif=Image.Exif())  # a landscape scan
    note = "Note de suivi écrite pour ce test.\n\nDeuxième paragraphe, accentué : « très bien »."
    sealed = package.seal([Document("scan.jpg", photo.getvalue()), Document("note.txt", note.encode("utf-8")),
                           Document("lettre.pdf", letter_pdf())])
    out = tmp_path / "envoi.pdf"
    out.write_bytes(sealed.data)
    opened = pdftotext(out, sealed.passphrase)
    assert sealed.pages == 3 and "Deuxième paragraphe" in opened.stdout and "« très bien »" in opened.stdout
    assert sealed.as_pages == ("scan.jpg", "note.txt", "lettre.pdf")


@pytest.mark.skipif(PDFDETACH is None, reason="poppler-utils absent (pdfdetach)")
def test_other_files_travel_as_encrypted_attachments(tmp_path):
    table = b"nom;date\nessai;2026-11-29\n"
    sealed = package.seal([Document("tableau.csv", table), Document("lettre.pdf", letter_pdf())])
    assert sealed.mode is package.Mode.ATTACHED and sealed.attached == ("tableau.csv",) and sealed.pages == 2
    out = tmp_path / "envoi.pdf"
    out.write_bytes(sealed.data)
    listed = subprocess.run([PDFDETACH, "-upw", sealed.passphrase, "-list", str(out)], capture_output=True, text=True, timeout=60)
    assert listed.returncode == 0 and "tableau.csv" in listed.stdout
    saved = tmp_path / "sorti.csv"
    subprocess.run([PDFDETACH, "-upw", sealed.passphrase, "-save", "1", "-o", str(saved), str(out)], check=True, timeout=60)
    assert saved.read_bytes() == table
    assert subprocess.run([PDFDETACH, "-list", str(out)], capture_output=True, timeout=60).returncode != 0
    assert b"essai;2026" not in sealed.data
    assert "Firefox" in instructions(sealed, "envoi.pdf").reading  # the readers that show attachments are named


def test_attach_all_keeps_the_originals_and_names_unique():
    import pikepdf

    sealed = package.seal([Document("lettre.docx", b"PK\x03\x04 pas un vrai docx"), Document("lettre.docx", b"autre")],
                          attach_all=True)
    with pikepdf.open(io.BytesIO(sealed.data), password=sealed.passphrase) as pdf:
        assert sorted(pdf.attachments) == ["lettre (2).docx", "lettre.docx"]
        assert pdf.attachments["lettre.docx"].get_file().read_bytes() == b"PK\x03\x04 pas un vrai docx"


def test_instructions_name_the_file_the_channels_and_mssante():
    sealed = package.seal([Document("lettre.pdf", letter_pdf())])
    guide = instructions(sealed, "lettre-chiffre.pdf")
    text = " ".join(a.text for a in (*guide.steps, *guide.advice)) + guide.reading
    for expected in ("deux fois l'adresse", "« lettre-chiffre.pdf »", "SMS", "numéro que vous avez déjà", "MSSanté",
                     "n'est pas obligatoire", "rien à installer"):
        assert expected in text, expected
    assert {s.id for a in guide.steps for s in a.sources} >= {"MSG-04", "CHIF-05"}
    assert {s.id for a in guide.advice for s in a.sources} >= {"MSG-01", "MSG-02"}


# --- bad input -------------------------------------------------------------------------------------------------

def test_a_pdf_already_locked_is_refused_in_french():
    import pikepdf

    locked = io.BytesIO()
    with pikepdf.open(io.BytesIO(letter_pdf())) as pdf:
        pdf.save(locked, encryption=pikepdf.Encryption(owner="x" * 12, user="secret", R=6))
    with pytest.raises(GardienError, match="déjà protégé par un mot de passe"):
        package.seal([Document("verrouille.pdf", locked.getvalue())])
    # attached rather than turned into pages (walkthrough r22): the recipient would need its own password too
    with pytest.raises(GardienError, match="déjà protégé par un mot de passe"):
        package.seal([Document("verrouille.pdf", locked.getvalue())], attach_all=True)


@pytest.mark.parametrize("document, message", [
    (Document("faux.pdf", b"ceci n'est pas un pdf"), "n'est pas un PDF"),
    (Document("abime.pdf", b"%PDF-1.7\n1 0 obj garbage"), "abîmé ou illisible"),
    (Document("photo.jpg", b"\xff\xd8 tronquee"), "abîmée ou d'un format inconnu"),
    (Document("vide.pdf", b""), "est vide"),
])
def test_broken_files_are_refused_in_french(document, message):
    with pytest.raises(GardienError, match=message):
        package.seal([document])


def test_limits_are_said_in_french():
    with pytest.raises(GardienError, match="au moins un fichier"):
        package.seal([])
    with pytest.raises(GardienError, match="Trop de fichiers"):
        package.seal([Document(f"{n}.txt", b"x") for n in range(package.MAX_FILES + 1)])


def test_office_document_without_libreoffice_says_how_to_save_as_pdf(monkeypatch):
    monkeypatch.setattr("gardien.envoi.convert.office_program", lambda: None)
    with pytest.raises(GardienError, match="Enregistrer sous"):
        package.seal([Document("courrier.docx", letter_docx())])
    assert Document("courrier.docx", b"").kind is Kind.OFFICE


# --- files on disk -------------------------------------------------------------------------------------------

def test_output_name_never_replaces_a_file(tmp_path):
    original = tmp_path / "lettre.pdf"
    original.write_bytes(letter_pdf())
    (tmp_path / "document-chiffre.pdf").write_bytes(b"deja la")
    assert package.output_path([original], None) == tmp_path / "document-chiffre-2.pdf"
    with pytest.raises(GardienError, match="existe déjà"):
        package.output_path([original], tmp_path / "document-chiffre.pdf")
    with pytest.raises(GardienError, match="ne peut pas remplacer l'original"):
        package.output_path([original], original.with_suffix(""))  # « lettre » + .pdf is the original itself
    with pytest.raises(GardienError, match="existe déjà"):
        package.write_new(tmp_path / "document-chiffre.pdf", b"x", "la copie chiffrée")


# --- the command, as a real subprocess on a fresh data folder ---------------------------------------------------

@needs_poppler
def test_command_on_a_pdf_leaves_the_original_untouched(tmp_path):
    original = tmp_path / "compte rendu.pdf"
    original.write_bytes(letter_pdf())
    before = (hashlib.sha256(original.read_bytes()).hexdigest(), original.stat().st_mtime_ns)
    home = tmp_path / "gardien"
    run = subprocess.run([sys.executable, "-m", "gardien", "envoyer-chiffre", str(original)], capture_output=True,
                         text=True, timeout=120, env={**os.environ, "GARDIEN_HOME": str(home)})
    assert run.returncode == 0, run.stderr
    output = tmp_path / "document-chiffre.pdf"
    assert f"Copie chiffrée prête : {output}" in run.stdout
    passphrase = re.search(r"^\s+([a-z0-9]+)$", run.stdout, re.M).group(1)
    assert pdftotext(output, passphrase).returncode == 0 and pdftotext(output).returncode != 0
    assert (hashlib.sha256(original.read_bytes()).hexdigest(), original.stat().st_mtime_ns) == before
    for expected in ("deux fois l'adresse", "SMS", "MSSanté", "Au téléphone :"):
        assert expected in run.stdout
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize("args, message", [
    (["introuvable.pdf"], "Fichier introuvable"),
    ([], "Indiquez le ou les fichiers"),
    (["--option-inconnue", "a.pdf"], "Option inconnue"),
])
def test_command_bad_input_is_exit_2_in_french(tmp_path, args, message):
    run = subprocess.run([sys.executable, "-m", "gardien", "envoyer-chiffre", *args], capture_output=True, text=True,
                         timeout=60, cwd=tmp_path, env={**os.environ, "GARDIEN_HOME": str(tmp_path / "g")})
    assert run.returncode == 2 and message in run.stderr and "Traceback" not in run.stderr
    assert not list(tmp_path.glob("*.pdf"))


# --- walkthrough, round 15 ------------------------------------------------------------------------------------

def test_the_command_names_the_copy_neutrally_not_after_the_patient(tmp_path):
    """« CR kiné M. Test (2026).txt » (hand-written example) gave « CR kiné M. Test (2026)-chiffre.pdf »: the patient's
    name readable by anyone on the encrypted copy (failed on main)."""
    original = tmp_path / "CR kiné M. Test (2026).txt"
    original.write_text("Compte rendu de séance : exemple écrit à la main pour ce test.\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "gardien", "envoyer-chiffre", str(original)], capture_output=True,
                         text=True, timeout=120, env={**os.environ, "GARDIEN_HOME": str(tmp_path / "g")})
    assert run.returncode == 0, run.stderr
    assert f"Copie chiffrée prête : {tmp_path / 'document-chiffre.pdf'}" in run.stdout, run.stdout
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == ["document-chiffre.pdf"]
    assert "Test (2026)-chiffre" not in run.stdout


@pytest.mark.parametrize("name, data", [("outil.exe", b"MZ\x90\x00 un programme"), ("lettre.pdf.bat", b"@echo off\r\n"),
                                        ("installer.sh", b"echo bonjour\n"), ("sans-extension", b"\x7fELF\x02\x01")])
def test_the_command_refuses_a_program(tmp_path, name, data):
    """« outil.exe » was packed as « 1 fichier joint à l'intérieur » (failed on main: exit 0 and a PDF written)."""
    program = tmp_path / name
    program.write_bytes(data)
    run = subprocess.run([sys.executable, "-m", "gardien", "envoyer-chiffre", str(program)], capture_output=True,
                         text=True, timeout=120, env={**os.environ, "GARDIEN_HOME": str(tmp_path / "g")})
    assert run.returncode == 2, run.stdout
    assert f"« {name} » est un programme : Gardien ne l'envoie pas" in " ".join(run.stderr.split())
    assert "Traceback" not in run.stderr and not list(tmp_path.glob("*.pdf"))


def test_a_sent_name_is_checked():
    assert package.sent_name("") == package.DEFAULT_NAME
    assert package.sent_name("  seance du 12  ") == "seance du 12.pdf"
    for bad in ("../x.pdf", "a/b", ".cache"):
        with pytest.raises(GardienError, match="ne peut pas servir de nom de fichier"):
            package.sent_name(bad)
    with pytest.raises(GardienError, match=r"nom trop long \(\d+ caractères ; 100 au plus\)"):
        package.sent_name("x" * 200)


def test_a_copy_asked_in_a_folder_that_does_not_exist_is_said_in_french(tmp_path):
    """Walkthrough round 16: « --sortie /nope/x.pdf » answered « Impossible d'écrire … : No such file or directory. »"""
    letter = tmp_path / "lettre.txt"
    letter.write_text("Lettre d'essai.\n", encoding="utf-8")
    missing = tmp_path / "nulle-part" / "x.pdf"
    run = subprocess.run([sys.executable, "-m", "gardien", "envoyer-chiffre", str(letter), "--sortie", str(missing)],
                         capture_output=True, text=True, timeout=120, env={**os.environ, "GARDIEN_HOME": str(tmp_path / "g")})
    assert run.returncode == 2 and "No such file" not in run.stderr and "Traceback" not in run.stderr
    # round 17: the one sentence of every command (explain.missing_folder), naming what would have been written
    assert f"Le dossier {missing.parent} n'existe pas : Gardien ne peut pas y écrire la copie chiffrée. Rien n'a été " \
           "fait." in " ".join(run.stderr.split())
