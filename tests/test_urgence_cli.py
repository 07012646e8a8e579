"""`gardien urgence` and `gardien veille` as a practitioner types them: real subprocesses on a fresh GARDIEN_HOME."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow


def gardien(home, *args, stdin: str = "", env: dict | None = None):
    environment = {**os.environ, "GARDIEN_HOME": str(home), **(env or {})}
    environment.pop("DISPLAY", None)
    return subprocess.run([sys.executable, "-m", "gardien", *args], input=stdin, capture_output=True, text=True,
                          env=environment, timeout=180)


def test_one_instruction_at_a_time_then_the_journal(tmp_path):
    home = tmp_path / "home"
    walk = gardien(home, "urgence", stdin="o\n\n\n\nPayez 2 bitcoins à l'adresse bc1qexemple\nIdentifiant 7731\n\n\nq\n")
    assert walk.returncode == 0, walk.stderr
    out = walk.stdout
    assert "CONSIGNE 1 SUR 12" in out and "COUPEZ INTERNET TOUT DE SUITE" in out and "N'ÉTEIGNEZ PAS" in out
    assert "NE PAYEZ PAS LA RANÇON" in out and out.count("Texte officiel non lu par Gardien.") == 1 and "CONSIGNE 6 SUR 12" not in out.split("Arrêt")[0][-10:]
    assert "Arrêt à la consigne 5" in out and "Traceback" not in walk.stderr
    listed = gardien(home, "urgence", "journal", "liste").stdout
    assert "Payez 2 bitcoins à l'adresse bc1qexemple\nIdentifiant 7731" in listed or "bc1qexemple" in listed
    assert "(en cours)" in listed and "Journal intact" in listed
    again = gardien(home, "urgence", stdin="q\n")  # resumes where she stopped
    assert "CONSIGNE 5 SUR 12" in again.stdout
    calls = gardien(home, "urgence", "--etape", "8", stdin="Plainte n° 2026/1234 au commissariat de Brest\nq\n")
    assert "Téléphone : 17" in calls.stdout and "Noté dans le journal" in calls.stdout


def test_each_instruction_has_one_short_source_line_without_addresses(tmp_path):
    # walkthrough, round 10: 3 to 8 lines of sources with cut addresses under each instruction; the CNIL address
    # three times under step 12; « RGPD, article 33 » (notify the CNIL) under « prévenez l'éditeur »
    walk = gardien(tmp_path / "home", "urgence", stdin="o\n" + "\n" * 80, env={"PATH": str(tmp_path / "nothing")})
    assert walk.returncode == 0 and "Toutes les consignes ont été données" in walk.stdout, walk.stderr
    blocks = walk.stdout.split(" CONSIGNE ")[1:]
    assert len(blocks) == 12
    for block in blocks:
        shown = block.split("─" * 60)[0]
        source_lines = [line for line in shown.splitlines() if line.startswith((" Source : ", " Sources : "))]
        assert len(source_lines) == 1, shown
        assert "http" not in source_lines[0] and len(source_lines[0]) < 200, source_lines[0]
        for address in set(re.findall(r"https?://\S+", shown)):
            assert shown.count(address) == 1, (address, shown)
    editor = next(b for b in blocks if "PRÉVENEZ L'ÉDITEUR" in b)
    assert "article 33 —" not in editor and "RGPD, article 33.2" in editor
    cnil = next(b for b in blocks if b.startswith("12 SUR 12"))
    assert cnil.count("cnil.fr") == 1


def test_prepare_contacts_print_the_sheet_and_use_them(tmp_path):
    home = tmp_path / "home"
    typed = "Info Cabinet Service\n02 98 00 00 00\ncontact@infocab.fr\nclient 1234\n" + "\n" * 4 + "Assur Pro\n01 23 45 67 89\n\ncontrat 99\n" + "\n" * 4
    prepared = gardien(home, "urgence", "preparer", "--fiche", str(tmp_path / "fiche.pdf"), stdin=typed)
    assert prepared.returncode == 0, prepared.stderr
    assert "Fiche réflexe écrite" in prepared.stdout and (tmp_path / "fiche.pdf").read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(tmp_path / "fiche.pdf"), "-"], capture_output=True, text=True, check=True).stdout
        assert "Info Cabinet Service" in text and "02 98 00 00 00" in text and "09 72 43 91 25" in text and "17" in text
        pages = subprocess.run(["pdfinfo", str(tmp_path / "fiche.pdf")], capture_output=True, text=True).stdout
        assert re.search(r"Pages:\s+1\n", pages)  # one page, to print
    html = gardien(home, "urgence", "fiche", str(tmp_path / "fiche.html"))
    page = (tmp_path / "fiche.html").read_text(encoding="utf-8")
    assert html.returncode == 0 and "Assur Pro" in page and "<style>" in page and "/static/" not in page
    walk = gardien(home, "urgence", "--etape", "6", stdin="o\nq\n")
    assert "Info Cabinet Service" in walk.stdout and "02 98 00 00 00" in walk.stdout


def test_drafts_close_and_breach_register(tmp_path):
    home = tmp_path / "home"
    gardien(home, "urgence", stdin="o\nq\n")
    noted = gardien(home, "urgence", "journal", "ajouter", "Le logiciel de dossiers ne s'ouvre plus.")
    # a short fingerprint she can compare with her print (« 3f2a 9c01 be77… »), not 64 characters
    assert re.search(r"empreinte [0-9a-f]{4}\u00a0[0-9a-f]{4}\u00a0[0-9a-f]{4}…\)", noted.stdout), noted.stdout
    assert not re.search(r"[0-9a-f]{13}", gardien(home, "urgence", "journal", "liste").stdout)
    cnil = gardien(home, "urgence", "brouillon", "cnil")
    assert cnil.returncode == 0 and "art. 33.3" in cnil.stdout and "72 heures" not in cnil.stdout.split("\n")[0]
    assert "RGPD, article 33" in cnil.stdout
    for name in ("lettre.pdf", "lettre.txt", "lettre.html"):
        written = gardien(home, "urgence", "brouillon", "patients", "--sortie", str(tmp_path / name))
        assert written.returncode == 0 and (tmp_path / name).stat().st_size > 200
    closed = gardien(home, "urgence", "terminer", "--issue", "attaque")
    assert closed.returncode == 0 and "registre des violations" in closed.stdout
    listed = gardien(home, "registre", "violations", "liste")
    assert "Rançongiciel" in listed.stdout
    exported = gardien(home, "urgence", "journal", "exporter", str(tmp_path / "journal.pdf"))
    assert exported.returncode == 0 and (tmp_path / "journal.pdf").read_bytes().startswith(b"%PDF")
    after = gardien(home, "urgence", "apres")
    assert "gardien sauvegarde restaurer" in after.stdout and "fiche de secours" in after.stdout
    assert "d'avant le" in after.stdout and "--avant" in after.stdout  # a real attack's date is the one to restore before


@pytest.mark.parametrize("args, message", [
    (("urgence", "terminer", "--issue", "attaque"), "pas ouvert"),
    (("urgence", "brouillon", "cnil"), "journal des incidents est vide"),
    (("urgence", "brouillon", "rien"), "cnil"),
    (("urgence", "fiche", "fiche.docx"), "Extension"),
    (("urgence", "terminer", "--issue", "peut-etre"), "« fausse alerte »"),
    (("veille", "lancer"), "pas configurée"),
    (("veille", "lancer", "--dossier", "/nulle/part"), "n'existe pas"),
    (("veille", "installer", "--dossier", "/"), "racine"),
])
def test_bad_input_is_said_in_french_with_exit_2(tmp_path, args, message):
    result = gardien(tmp_path / "home", *args)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr, result.stderr


def test_network_cut_says_what_is_left_by_hand(tmp_path):
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "nmcli").write_text(f"#!/bin/sh\necho \"$@\" >> {tmp_path / 'nmcli.log'}\n", encoding="utf-8")
    (fake / "nmcli").chmod(0o755)
    result = gardien(tmp_path / "home", "urgence", "reseau", "--oui", env={"PATH": f"{fake}:{os.environ['PATH']}"})
    assert result.returncode == 0 and "Fait par Gardien : réseau coupé" in result.stdout
    assert (tmp_path / "nmcli.log").read_text() == "networking off\n"


def test_no_draft_after_a_false_alarm(tmp_path):
    home = tmp_path / "home"
    gardien(home, "urgence", stdin="o\nq\n")
    assert gardien(home, "urgence", "terminer", "--issue", "Fausse-alerte").returncode == 0  # round 10: was refused
    for args in (("cnil",), ("patients",), ("cnil", "--sortie", str(tmp_path / "cnil.pdf"))):
        draft = gardien(home, "urgence", "brouillon", *args)
        assert draft.returncode == 2 and "Traceback" not in draft.stderr, draft.stderr
        assert "Il n'y a pas d'incident à notifier" in draft.stderr and "fermé comme fausse alerte le" in draft.stderr
        assert "chiffrés" not in draft.stdout + draft.stderr and "Rançongiciel" not in draft.stdout
    assert not (tmp_path / "cnil.pdf").exists()
    # walkthrough, round 8: the restore steps took the false alarm's date as the attack's
    after = gardien(home, "urgence", "apres")
    # (round 15: with no attack noted, it asks for a copy from before the attack, the moment left to her)
    assert after.returncode == 0 and not re.search(r"d'avant le \d", after.stdout), after.stdout
    assert not re.search(r'--avant "\d', after.stdout) and '--avant "JJ/MM HH:MM"' in after.stdout


def test_the_journal_records_shown_unless_she_says_done(tmp_path):
    home = tmp_path / "home"
    empty_path = {"PATH": str(tmp_path / "nothing")}  # no network tool: Gardien cannot cut anything here
    # step 1 (cut the network): Entrée; step 2: Entrée; step 3: Entrée; step 4 (the message): skipped; step 5 (photo): « o »
    walk = gardien(home, "urgence", stdin="o\n\n\n\n\n\no\nq\n", env=empty_path)
    assert walk.returncode == 0, walk.stderr
    assert "C'est fait ? o : oui ; n : pas encore" in walk.stdout and "Noté dans le journal : fait." in walk.stdout
    listed = gardien(home, "urgence", "journal", "liste").stdout
    assert "Consigne affichée : Coupez Internet tout de suite." in listed
    assert "Fait : Photographiez l'écran avec votre téléphone." in listed
    assert "Consigne suivie" not in listed and "Fait : Coupez Internet" not in listed
    again = gardien(home, "urgence", "--etape", "1", stdin="n\nq\n", env=empty_path)
    assert again.returncode == 0
    assert "Coupez Internet tout de suite. Pas encore fait." in gardien(home, "urgence", "journal", "liste").stdout
    stopped = gardien(home, "urgence", "--etape", "6", stdin="q\n")  # « q » at the call's note: stops, is not a note
    assert "Arrêt à la consigne 6" in stopped.stdout
    assert "Votre prestataire informatique : q" not in gardien(home, "urgence", "journal", "liste").stdout


def test_a_phone_without_digits_is_asked_again_then_refused_at_the_end(tmp_path):
    home = tmp_path / "home"
    # provider: name, phone « MACSF » (refused, asked again), a real number; then Entrée everywhere
    typed = "Info Cabinet\nMACSF\n02 98 00 00 00\n\n\n" + "\n" * 12
    prepared = gardien(home, "urgence", "preparer", stdin=typed)
    assert prepared.returncode == 0, prepared.stderr
    assert "« MACSF » n'est pas un numéro de téléphone" in prepared.stdout
    assert "Il manque : l'éditeur de votre logiciel métier, votre assureur." in prepared.stdout
    ended = gardien(home, "urgence", "preparer", stdin="\n" * 8 + "Assur\nMACSF\n")  # the input ends on the bad phone
    assert ended.returncode == 2 and "aucun chiffre" in ended.stderr and "Traceback" not in ended.stderr
    kept = gardien(home, "urgence", "fiche", str(tmp_path / "fiche.html"))
    assert "Info Cabinet" in (tmp_path / "fiche.html").read_text(encoding="utf-8") and "Assur" not in (tmp_path / "fiche.html").read_text(encoding="utf-8")
    assert "Une fois imprimée, dites-le à Gardien : gardien urgence fiche-imprimee" in kept.stdout
    assert "Il manque sur la fiche" in kept.stdout
    printed = gardien(home, "urgence", "fiche-imprimee")
    assert printed.returncode == 0 and "Fiche imprimée le" in printed.stdout and "(déclaré par vous)" in printed.stdout
    assert "Il manque : l'éditeur de votre logiciel métier, votre assureur." in printed.stdout


def test_a_reflex_yes_at_the_note_prompt_is_the_answer_and_the_draft_lists_what_she_did(tmp_path):
    """Walkthrough, round 9: « o » typed at « Ce qui a été dit ou fait » was journaled as a note (« Votre prestataire
    informatique : o ») and the CNIL draft's measures listed those « o » but not the steps she said were done."""
    home = tmp_path / "home"
    empty_path = {"PATH": str(tmp_path / "nothing")}  # no network tool: she cuts it herself and answers « o »
    # 1 cut: o; 2, 3: Entrée; 4 message, empty line, Entrée; 5 photo: o; 6 provider: « o » at the note prompt;
    # 7 cybermalveillance: « non » at the note prompt; 8 complaint: a real note then o; 9: q
    typed = "o\no\n\n\nVos fichiers sont chiffrés, ID 7781\n\n\no\no\nnon\nPlainte n° 2026/77 à Brest\no\nq\n"
    walk = gardien(home, "urgence", stdin=typed, env=empty_path)
    assert walk.returncode == 0, walk.stderr
    assert "Arrêt à la consigne 9" in walk.stdout
    listed = gardien(home, "urgence", "journal", "liste").stdout
    assert " : o\n" not in listed and " : non\n" not in listed
    assert "Fait : Appelez votre prestataire informatique." in listed
    assert "Déclarez l'attaque sur cybermalveillance.gouv.fr. Pas encore fait." in listed
    assert "Police ou gendarmerie : Plainte n° 2026/77 à Brest" in listed or "Plainte n° 2026/77 à Brest" in listed
    # the instruction comes before what she copied under it
    assert listed.index("Consigne affichée : Recopiez le message de rançon.") < listed.index("Message de rançon recopié")
    assert "Arrêt : Consignes arrêtées à la consigne 9 sur 12 (« q »)." in listed
    cnil = gardien(home, "urgence", "brouillon", "cnil").stdout
    measures = cnil.split("Mesures prises")[1]
    for done in ("Internet coupé", "Écran photographié", "Prestataire informatique appelé", "Plainte déposée",
                 "Plainte n° 2026/77 à Brest"):
        assert done in measures, done
    assert ": o\n" not in measures and "cybermalveillance" not in measures.split("\n\n")[0].lower()


def test_ctrl_c_during_the_instructions_is_journaled(tmp_path):
    home = tmp_path / "home"
    environment = {**os.environ, "GARDIEN_HOME": str(home), "PATH": str(tmp_path / "nothing")}
    process = subprocess.Popen([sys.executable, "-m", "gardien", "urgence", "--etape", "3"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment)
    process.stdin.write(b"o\n")  # attacked now: the emergency mode opens
    process.stdin.flush()
    shown = b""
    while b"q : arr" not in shown:  # the question is on screen: she is at the prompt
        chunk = os.read(process.stdout.fileno(), 4096)
        assert chunk, process.stderr.read().decode()
        shown += chunk
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode != 0 and b"Traceback" not in err, err.decode()
    listed = gardien(home, "urgence", "journal", "liste").stdout
    assert "Arrêt : Consignes arrêtées à la consigne 3 sur 12 (Ctrl+C)." in listed


def test_the_aftermath_in_the_terminal_gives_its_sources(tmp_path):
    """`gardien urgence apres` gave its steps with no source at all, while the web page cited two: both cite the same
    ones, from the sources file, one line each (failed on main)."""
    from gardien.urgence import content

    after = gardien(tmp_path / "home", "urgence", "apres")
    assert after.returncode == 0
    for rule in ("INC-02", "PHISH-04"):
        assert content.sources()[rule].label in " ".join(after.stdout.split()), rule
    # one line each (the two joined made one line of some 400 characters)
    assert [line.split(",")[0] for line in after.stdout.splitlines() if line.startswith("Source : ")] == [
        "Source : Cybermalveillance.gouv.fr", "Source : ANSSI"]


def test_trying_it_just_to_see_opens_nothing_and_a_false_alarm_is_said_how_to_close(tmp_path):
    """Walkthrough r12, finding 6: `gardien urgence` typed « just to see », then « q », had opened a real incident with
    its 72-hour CNIL deadline, and the terminal never said how to close a false alarm."""
    home = tmp_path / "home"
    for typed in ("q\n", "", "\nq\n"):  # q; the end of the input; Entrée alone asks again
        tried = gardien(home, "urgence", stdin=typed)
        assert tried.returncode == 0 and "Traceback" not in tried.stderr, tried.stderr
        assert "Votre ordinateur est-il attaqué en ce moment" in tried.stdout and "72 heures" in tried.stdout
        assert "Le mode urgence n'est pas ouvert, rien n'a été noté" in tried.stdout and "CONSIGNE 1" not in tried.stdout
    assert "Tapez o (oui, ouvrir le mode urgence)" in tried.stdout
    assert "Le journal des incidents est vide." in gardien(home, "urgence", "journal", "liste").stdout
    # « n »: the instructions to read, all of them, nothing opened; « --lire » the same without the question
    for args, typed in ((("urgence",), "n\n"), (("urgence", "--lire"), "")):
        read = gardien(home, *args, stdin=typed)
        assert read.returncode == 0 and "CONSIGNE 12 SUR 12" in read.stdout and "MODE URGENCE" not in read.stdout
        assert "C'est fait ?" not in read.stdout and "Le mode urgence n'est pas ouvert" in read.stdout
    assert "Votre ordinateur est-il attaqué" not in read.stdout
    assert "Le journal des incidents est vide." in gardien(home, "urgence", "journal", "liste").stdout
    # « o »: opened; « q » says how to close a false alarm, the way that works
    opened = gardien(home, "urgence", stdin="o\nq\n")
    assert "MODE URGENCE" in opened.stdout and "Arrêt à la consigne 1" in opened.stdout
    assert 'Fausse alerte ? Fermez le mode urgence : gardien urgence terminer --issue "fausse alerte"' in opened.stdout
    assert gardien(home, "urgence", stdin="q\n").stdout.count("Votre ordinateur est-il attaqué") == 0  # open: no question
    closed = gardien(home, "urgence", "terminer", "--issue", "fausse alerte")
    assert closed.returncode == 0 and "fausse alerte" in closed.stdout
    assert "fausse_alerte" not in gardien(home, "urgence", "terminer", "--help").stdout


def test_bare_gardien_says_an_open_emergency_first(tmp_path):
    """Walkthrough r12, finding 6: after « gardien urgence », bare « gardien » did not mention the open incident."""
    home = tmp_path / "home"
    assert "Urgent :" not in gardien(home).stdout
    gardien(home, "urgence", stdin="o\nq\n")
    shown = gardien(home).stdout
    assert shown.startswith("Urgent : un incident est en cours") and "Voir : gardien urgence" in shown
    assert "Pour commencer" in shown


def test_the_sheet_written_to_a_file_is_said_saved_there(tmp_path, monkeypatch):
    """Round 13: `gardien urgence fiche FICHIER` wrote the file and Gardien then said « Fiche ouverte le … ». It now
    says where it was saved; a state file from before (only « preparee_le ») still reads « ouverte » (failed on main)."""
    import json

    home = tmp_path / "home"
    written = gardien(home, "urgence", "fiche", str(tmp_path / "fiche.pdf"))
    assert written.returncode == 0, written.stderr
    monkeypatch.setenv("GARDIEN_HOME", str(home))
    from gardien.urgence import contacts

    said = contacts.readiness().text()
    assert f"Fiche enregistrée dans {tmp_path / 'fiche.pdf'} le " in said and "ouverte" not in said, said
    contacts.path().write_text(json.dumps({"contacts": {}, "preparee_le": "2026-11-02T10:00:00+01:00"}), encoding="utf-8")
    assert "Fiche ouverte le 02/11/2026, pas encore imprimée" in contacts.readiness().text()


def test_ctrl_c_while_copying_the_ransom_message_keeps_the_lines_typed(tmp_path):
    """Walkthrough round 16 (hand-written message): Ctrl+C after two lines of the ransom message lost both; they are
    kept in the incident journal, said cut."""
    home = tmp_path / "home"
    environment = {**os.environ, "GARDIEN_HOME": str(home), "PATH": str(tmp_path / "nothing")}
    process = subprocess.Popen([sys.executable, "-m", "gardien", "urgence", "--etape", "4"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment)
    process.stdin.write(b"o\n")
    process.stdin.flush()
    shown = b""
    while b"Recopiez le message de ran" not in shown:
        chunk = os.read(process.stdout.fileno(), 4096)
        assert chunk, process.stderr.read().decode()
        shown += chunk
    process.stdin.write("Vos fichiers sont chiffrés.\nÉcrivez à recup@exemple.onion\n".encode())
    process.stdin.flush()
    while not shown.endswith(b"  " * 3):  # her two lines read, the third prompt on screen
        chunk = os.read(process.stdout.fileno(), 4096)
        assert chunk, process.stderr.read().decode()
        shown += chunk
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode != 0 and b"Traceback" not in err, err.decode()
    listed = gardien(home, "urgence", "journal", "liste").stdout
    assert "Vos fichiers sont chiffrés.\nÉcrivez à recup@exemple.onion" in listed or "recup@exemple.onion" in listed
    assert "recopie interrompue par Ctrl+C" in listed
    assert "Consignes arrêtées à la consigne 4 sur 12 (Ctrl+C)." in listed


def test_closing_without_issue_asks_how_it_ended(tmp_path):
    """Walkthrough r21: the README says « gardien urgence terminer »; typed so, it stopped on « Il manque l'option
    --issue ». It now asks the one question; the end of the input closes nothing and says what to type."""
    home = tmp_path / "home"
    gardien(home, "urgence", stdin="o\nq\n")
    left = gardien(home, "urgence", "terminer")
    assert left.returncode == 2 and "rien n'a été fermé" in left.stderr and '--issue "fausse alerte"' in left.stderr, left.stderr
    asked = gardien(home, "urgence", "terminer", stdin="peut-être\nf\n")
    assert asked.returncode == 0, asked.stderr
    assert "Comment l'incident s'est-il terminé ?" in asked.stdout and "Tapez a (attaque)" in asked.stdout
    assert "Mode urgence fermé (fausse alerte)" in asked.stdout
    assert gardien(home, "urgence", "terminer").stderr.startswith("Le mode urgence n'est pas ouvert")  # asks nothing then
    gardien(home, "urgence", stdin="o\nq\n")
    attack = gardien(home, "urgence", "terminer", stdin="attaque\n")
    assert attack.returncode == 0 and "registre des violations" in attack.stdout, attack.stdout


@pytest.mark.parametrize("group, listing", [(("urgence", "journal"), ("urgence", "journal", "liste")),
                                           (("registre", "violations"), ("registre", "violations", "liste"))])
def test_a_group_with_an_obvious_default_shows_it_not_its_help(tmp_path, group, listing):
    """Walkthrough r22: « gardien urgence journal » printed the list of sub-commands instead of the journal."""
    home = tmp_path / "home"
    gardien(home, "urgence", stdin="o\nq\n")  # an incident, journaled (and a violation to list once it is closed)
    gardien(home, "urgence", "terminer", stdin="attaque\n")
    alone, named = gardien(home, *group), gardien(home, *listing)
    assert alone.returncode == 0 and named.returncode == 0, alone.stderr + named.stderr
    assert alone.stdout == named.stdout and "Commandes :" not in alone.stdout and alone.stdout.strip()
    assert "Commandes :" in gardien(home, *group, "--help").stdout


def test_end_of_input_at_a_question_starts_a_new_line(tmp_path):
    """Walkthrough r21: Ctrl+D at « Attaqué maintenant ? » glued the answer to the question (« … q : quitter Le mode
    urgence n'est pas ouvert »)."""
    left = gardien(tmp_path / "home", "urgence")
    assert left.returncode == 0 and "quitter \nLe mode urgence n'est pas ouvert" in left.stdout, left.stdout


def test_cnil_draft_of_an_incident_opened_by_hand_does_not_assert_encrypted_files(tmp_path):
    """Walkthrough r21: opened by hand (« rançongiciel suspecté »), nothing measured, the CNIL draft said « des fichiers
    de l'ordinateur du cabinet ont été chiffrés et sont indisponibles », to be copied to the CNIL as a fact."""
    home = tmp_path / "home"
    gardien(home, "urgence", stdin="o\nq\n")
    draft = " ".join(gardien(home, "urgence", "brouillon", "cnil").stdout.split())
    assert "ont été chiffrés et sont indisponibles" not in draft, draft
    assert "Fichiers de l'ordinateur du cabinet chiffrés ou rendus indisponibles : à compléter (lesquels)" in draft, draft


@pytest.mark.parametrize("which", ["cnil", "patients"])
def test_a_blank_to_fill_never_makes_two_colons_in_a_row(tmp_path, which):
    """Walkthrough r22: « Attaque par rançongiciel : à compléter : quels fichiers… »; the patient letter had
    « Ce que cela peut entraîner pour vous : [à compléter : par exemple… »."""
    home = tmp_path / "home"
    gardien(home, "urgence", stdin="o\nq\n")
    run = gardien(home, "urgence", "brouillon", which)
    assert run.returncode == 0 and "à compléter" in run.stdout, run.stderr
    for line in run.stdout.splitlines():
        for part in re.split(r"[.;?]\s|\n", re.sub(r"\([^()]*\)", "", line)):
            assert part.count(" : ") <= 1, line
    assert "à compléter :" not in run.stdout


def test_reading_the_instructions_ends_with_how_to_open_the_mode_in_words(tmp_path):
    """Review r24: `gardien urgence --lire` ended with « gardien urgence, puis o. », a lone letter unexplained."""
    shown = gardien(tmp_path, "urgence", "--lire")
    last = " ".join(shown.stdout.split()).rsplit("────", 1)[-1]
    assert shown.returncode == 0 and "puis o." not in last, last
    assert "répondez « o » (oui) à la question « Attaqué maintenant ? »" in last, last
