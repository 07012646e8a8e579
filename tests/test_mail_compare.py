"""Comparing a suspicious message with a genuine earlier one from the same service (`--reference`, the web page's
second drop zone). Real pairs are read in place from ../shared/corpus (skipped with a reason when it is absent);
the French pairs are hand-written for these tests."""

from __future__ import annotations

import json
import subprocess
import sys
from email.message import EmailMessage

import pytest
from conftest import SHARED

from gardien.mail import identity
from gardien.mail.analyze import analyse
from gardien.mail.compare import compare
from gardien.mail.message import parse_bytes
from gardien.mail.pasted import parse_text

CORPUS = SHARED / "corpus" / "mail"
AUTH = "mx.exemple-fai.fr; spf=pass smtp.mailfrom={d}; dkim=pass header.d={d}; dmarc=pass header.from={d}"


def corpus_file(folder: str, name: str):
    path = CORPUS / folder / name
    if not path.is_file():
        pytest.skip(f"corpus absent : {path} (le dossier ../shared n'est pas là)")
    return parse_bytes(path.read_bytes())


def message(sender: str, text: str, domain: str | None = None, reply_to: str = "", html: str = "") -> bytes:
    mail = EmailMessage()  # hand-written for the tests
    mail["From"] = sender
    mail["To"] = "cabinet@exemple.fr"
    mail["Subject"] = "Information"
    if domain:
        mail["Authentication-Results"] = AUTH.format(d=domain)
    if reply_to:
        mail["Reply-To"] = reply_to
    mail.set_content(text)
    if html:
        mail.add_alternative(html, subtype="html")
    return mail.as_bytes()


# hand-written for the tests: a genuine notice of a French bank, and two copies of it that are not genuine
BANK = message("Banque Exemple <info@banque-exemple.fr>", "Votre relevé est disponible.", "banque-exemple.fr",
               html='<a href="https://www.banque-exemple.fr/espace">Mon espace</a>')
BANK_AGAIN = message("Banque Exemple <info@banque-exemple.fr>", "Votre nouvelle carte est disponible.", "banque-exemple.fr",
                     html='<a href="https://www.banque-exemple.fr/carte">Ma carte</a>')
FAKE_BANK = message("Banque Exemple <info@banque-exemple-securite.com>", "Confirmez votre identité.", "banque-exemple-securite.com",
                    html='<a href="https://verification-exemple.net/login">Mon espace</a>')
REPLY_ELSEWHERE = message("Banque Exemple <info@banque-exemple.fr>", "Répondez-nous avec votre RIB.", "banque-exemple.fr",
                          reply_to="banque.exemple.service@gmail.com")


def test_a_genuine_message_from_the_same_bank_is_consistent():
    result = compare(parse_bytes(BANK_AGAIN), parse_bytes(BANK))
    assert result.consistent and not result.signals
    assert any("banque-exemple.fr" in line for line in result.alike)


def test_a_copy_under_the_same_name_from_another_domain_is_told_in_plain_french():
    result = compare(parse_bytes(FAKE_BANK), parse_bytes(BANK))
    assert "Le vrai message de Banque Exemple venait de banque-exemple.fr, celui-ci vient de banque-exemple-securite.com." in result.different
    assert {s.id for s in result.signals} >= {"comparaison.autre_expediteur", "comparaison.autre_signature", "comparaison.autres_liens"}
    assert "sous le même nom affiché" in next(s.message for s in result.signals if s.id == "comparaison.autre_expediteur")
    assert analyse(parse_bytes(FAKE_BANK), parse_bytes(BANK)).verdict in ("suspicious", "dangerous")


def test_a_difference_told_as_a_reason_is_not_told_again():
    """A practitioner's walkthrough: with --reference, the same differences came twice, as reasons then in the
    comparison."""
    analysis = analyse(parse_bytes(FAKE_BANK), parse_bytes(BANK))
    told = {analysis.comparison.told_as[s.id] for s in analysis.reasons if s.id.startswith("comparaison.")}
    assert told and not told & set(analysis.differences)
    assert set(analysis.differences) | told == set(analysis.comparison.different)


def test_a_reply_address_that_the_genuine_sender_never_used():
    result = compare(parse_bytes(REPLY_ELSEWHERE), parse_bytes(BANK))
    assert any("gmail.com" in line for line in result.different)
    assert "comparaison.autre_reponse" in {s.id for s in result.signals}


def test_a_pasted_text_is_compared_on_what_it_shows():
    pasted = parse_text("De : Banque Exemple <info@banque-exemple.fr>\nObjet : Alerte\n\nVotre relevé est disponible en ligne.")
    result = compare(pasted, parse_bytes(BANK))  # hand-written for the tests
    # the address a pasted text shows proves nothing (round 23): told, not counted as a point in common
    assert any("banque-exemple.fr" in line and "rien ne prouve" in line for line in result.notes)
    assert not any("Même adresse" in line for line in result.alike)
    assert any("texte collé" in line for line in result.notes)


def test_real_pair_two_newsletters_of_the_same_sender_match():
    earlier = corpus_file("ham-modern", "newsletter__markup__0001.eml")
    later = corpus_file("ham-modern", "newsletter__markup__0008.eml")
    result = compare(later, earlier)
    assert result.consistent and not result.signals
    assert any("Même service d'envoi" in line for line in result.alike)
    assert analyse(later, earlier).verdict == "safe"


def test_real_pair_a_message_from_gmail_against_genuine_google_mail_differs():
    genuine = corpus_file("ham-modern", "transactional__markup__0001.eml")
    suspect = corpus_file("phishing", "phishing_pot__sample-2566.eml")
    result = compare(suspect, genuine)
    assert not result.consistent and "comparaison.autre_expediteur" in {s.id for s in result.signals}


def test_cli_reference_option_as_a_real_command(tmp_path, isolated_home):
    suspect, genuine = tmp_path / "suspect.eml", tmp_path / "ancien.eml"
    suspect.write_bytes(FAKE_BANK)
    genuine.write_bytes(BANK)
    done = subprocess.run([sys.executable, "-m", "gardien", "mail", "analyser", str(suspect), "--reference", str(genuine)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "Comparaison avec le message authentique" in done.stdout and "Traceback" not in done.stderr
    as_json = subprocess.run([sys.executable, "-m", "gardien", "mail", "analyser", str(suspect), "--reference", str(genuine),
                              "--json"], capture_output=True, text=True, timeout=120, check=False)
    row = json.loads(as_json.stdout)
    assert row["comparison"]["different"] and row["verdict"] in ("suspicious", "dangerous")
    missing = subprocess.run([sys.executable, "-m", "gardien", "mail", "analyser", str(suspect), "--reference",
                              str(tmp_path / "absent.eml")], capture_output=True, text=True, timeout=120, check=False)
    assert missing.returncode == 2 and "introuvable" in missing.stderr and "Traceback" not in missing.stderr


def test_cli_reads_a_pasted_text_from_standard_input(isolated_home):
    text = "Votre carte Vitale arrive à expiration. Commandez votre nouvelle carte Vitale ici, frais d'envoi 1,90 €."
    done = subprocess.run([sys.executable, "-m", "gardien", "mail", "analyser", "-"], input=text,  # hand-written
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0 and "n'a pu juger que les mots" in " ".join(done.stdout.split())


def test_round_9_a_reference_from_another_service_is_not_compared():
    # hand-written (the walkthrough's mistake): an honest notice of one bank given with another bank's genuine mail
    other_bank = parse_text("De : Caisse Solidaire <alertes@caisse-solidaire.fr>\nObjet : Nouvel appareil\n\nUne connexion à "
                            "votre espace a été faite depuis un nouvel appareil. Si c'est vous, vous n'avez rien à faire.")
    result = compare(other_bank, parse_bytes(BANK))
    assert not result.signals and not result.different
    assert any("ne portent pas le même nom" in note and "Banque Exemple" in note for note in result.notes)
    assert analyse(other_bank, parse_bytes(BANK)).verdict == "safe"
    # a generic name (« Service client ») says nothing either way: compared as before
    generic = parse_bytes(message("Service client <info@banque-exemple-securite.com>", "Confirmez votre identité."))
    assert "comparaison.autre_expediteur" in {s.id for s in compare(generic, parse_bytes(BANK)).signals}


def test_round_9_when_every_difference_is_a_reason_the_comparison_says_so(tmp_path, isolated_home):
    suspect, genuine = tmp_path / "suspect.eml", tmp_path / "ancien.eml"
    # hand-written: a copy whose only signs are its differences from the genuine message
    suspect.write_bytes(message("Banque Exemple <info@banque-exemple-securite.com>", "Votre relevé est disponible.",
                                "banque-exemple-securite.com", html='<a href="https://releves-exemple.net/x">Mon espace</a>'))
    genuine.write_bytes(BANK)
    run = subprocess.run([sys.executable, "-m", "gardien", "mail", "analyser", str(suspect), "--reference", str(genuine)],
                         capture_output=True, text=True, timeout=120)
    out = " ".join(run.stdout.split())
    assert "Comparaison avec le message authentique :" in out
    assert "Ce qui diffère est dit plus haut, dans « Pourquoi »." in out


def test_round_14_a_result_written_by_the_sender_itself_is_said_so_not_said_absent():
    # hand-written: the genuine notice carries a result written by its own sender's server (walkthrough, round 14)
    genuine = EmailMessage()
    genuine["From"] = "Banque Exemple <info@banque-exemple.fr>"
    genuine["To"] = "cabinet@exemple.fr"
    genuine["Subject"] = "Information"
    genuine["Authentication-Results"] = "mx.banque-exemple.fr; dkim=pass header.d=banque-exemple.fr; spf=pass"
    genuine.set_content("Votre relevé est disponible.")
    notes = compare(parse_bytes(FAKE_BANK), parse_bytes(genuine.as_bytes())).notes
    assert any("écrite par son expéditeur lui-même" in note for note in notes)
    assert not any("ne dit pas s'il a été vérifié" in note for note in notes)
    absent = compare(parse_bytes(FAKE_BANK), parse_bytes(message("Banque Exemple <info@banque-exemple.fr>", "Relevé."))).notes
    assert any("ne dit pas s'il a été vérifié" in note for note in absent)



# --- round 23: a reference it cannot read, a displayed address that proves nothing, French of names -----------------

AMELI_AUTH = ("mx.exemple-fai.fr; spf=pass smtp.mailfrom=assurance-maladie.fr; dkim=pass header.d=assurance-maladie.fr; "
              "dmarc=pass header.from=assurance-maladie.fr")
SPOOF_AUTH = ("mx.exemple-fai.fr; spf=fail smtp.mailfrom=assurance-maladie.fr; dkim=none; "
              "dmarc=fail (p=reject) header.from=assurance-maladie.fr")


def ameli(text: str, auth: str, link: str = "https://www.ameli.fr/") -> bytes:
    mail = EmailMessage()  # hand-written for the tests
    mail["From"] = "Assurance Maladie <noreply@assurance-maladie.fr>"
    mail["To"] = "cabinet@exemple.fr"
    mail["Subject"] = "Votre compte"
    if auth:
        mail["Authentication-Results"] = auth
    mail.set_content(text)
    mail.add_alternative(f'<p>{text}</p><a href="{link}">Mon compte</a>', subtype="html")
    return mail.as_bytes()


GENUINE_AMELI = ameli("Votre relevé de remboursements est disponible.", AMELI_AUTH)
SPOOFED_AMELI = ameli("Un remboursement est en attente : confirmez vos informations.", SPOOF_AUTH,
                      "https://ameli-remboursement.example.com/login")


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gardien", "mail", "analyser", *args], capture_output=True, text=True,
                          timeout=120, check=False)


def test_round_23_a_reference_without_a_sender_is_refused_not_compared(tmp_path, isolated_home):
    suspect, broken = tmp_path / "suspect.eml", tmp_path / "ancien.eml"
    suspect.write_bytes(REPLY_ELSEWHERE)
    broken.write_bytes(b"Subject: rien\n\nquelques mots sans expediteur\n")  # hand-written: no From at all
    done = run_cli(str(suspect), "--reference", str(broken))
    err = " ".join(done.stderr.split())
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "n'y trouve pas l'adresse de l'expéditeur" in err and "ancien.eml" in err
    assert "se répondait vers ." not in done.stdout and "Comparaison" not in done.stdout


def test_round_23_a_reference_that_is_a_folder_is_said_to_be_a_folder(tmp_path, isolated_home):
    suspect, folder = tmp_path / "suspect.eml", tmp_path / "out"
    suspect.write_bytes(FAKE_BANK)
    folder.mkdir()
    done = run_cli(str(suspect), "--reference", str(folder))
    err = " ".join(done.stderr.split())
    assert done.returncode == 2 and "introuvable" not in err
    assert f"{folder} est un dossier, pas un fichier" in err and "l'ancien message lui-même" in err


def test_round_23_a_reference_without_a_sender_leaves_no_empty_slot():
    broken = parse_bytes(b"Subject: rien\n\nquelques mots sans expediteur\n")  # hand-written
    result = compare(parse_bytes(REPLY_ELSEWHERE), broken)
    assert not any(" ." in line or "vers ." in line for line in result.different + result.alike + result.notes)


def test_round_23_a_spoofed_address_is_only_displayed_not_a_point_in_common():
    result = compare(parse_bytes(SPOOFED_AMELI), parse_bytes(GENUINE_AMELI))
    assert not any("Même adresse" in line for line in result.alike)
    note = next(line for line in result.notes if "affiche la même adresse" in line)
    assert "rien ne prouve qu'il vient de là" in note and "a échoué" in note
    assert "comparaison.autre_signature" in {s.id for s in result.signals}
    assert not result.consistent
    # unproven and not compared by signature (no result in the genuine one): links are not excused either
    unsigned = compare(parse_bytes(SPOOFED_AMELI), parse_bytes(ameli("Votre relevé est disponible.", "")))
    assert "comparaison.autres_liens" in {s.id for s in unsigned.signals}
    assert not unsigned.alike


def test_round_23_the_genuine_one_again_is_a_point_in_common_in_good_french():
    result = compare(parse_bytes(ameli("Votre attestation est disponible.", AMELI_AUTH)), parse_bytes(GENUINE_AMELI))
    assert "Même adresse d'expédition : les deux messages viennent d'assurance-maladie.fr." in result.alike
    assert result.consistent


def test_round_23_organisations_are_said_with_their_article():
    from gardien.mail.domains import of_organisation

    assert of_organisation("Assurance Maladie") == "de l'Assurance Maladie"
    assert of_organisation("CAF") == "de la CAF"
    assert of_organisation("Crédit Agricole") == "du Crédit Agricole"
    assert of_organisation("Ameli") == "d'Ameli"
    assert of_organisation("Banque Exemple") == "de Banque Exemple"
    assert of_organisation("assurance-maladie.fr") == "d'assurance-maladie.fr"
    fake = message("Assurance Maladie <info@ameli-securite.com>", "Confirmez.", "ameli-securite.com")
    result = compare(parse_bytes(fake), parse_bytes(GENUINE_AMELI))
    assert any(line.startswith("Le vrai message de l'Assurance Maladie venait d'assurance-maladie.fr")
               for line in result.different)


# --- round 24: a provider's verdict on mail of its own organisation, read in a mailbox it hosts ----------------------

def test_round_24_real_pair_two_google_notices_read_in_gmail_are_proven():
    # two genuine Google notices (tuning half), checked on arrival by mx.google.com for a gmail.com reader: the
    # provider that wrote the result is the reader's own, not the sender speaking for itself (fresh-install review)
    genuine = corpus_file("ham-modern", "transactional__markup__0001.eml")
    suspect = corpus_file("ham-modern", "transactional__markup__0025.eml")
    result = compare(suspect, genuine)
    said = " ".join(result.alike + result.notes)
    assert "Même adresse d'expédition" in said
    assert "écrite par son expéditeur lui-même" not in said
    assert "rien ne prouve" not in said


def test_round_24_the_same_result_for_a_reader_elsewhere_is_still_the_sender_speaking_for_itself():
    def google_notice(reader: str) -> bytes:
        mail = EmailMessage()  # hand-written for the tests
        mail["From"] = "Google <no-reply@accounts.google.com>"
        mail["To"] = reader
        mail["Subject"] = "Alerte de sécurité"
        mail["Authentication-Results"] = ("mx.google.com; dkim=pass header.i=@accounts.google.com; "
                                          "spf=pass smtp.mailfrom=google.com; dmarc=pass header.from=accounts.google.com")
        mail.set_content("Nouvelle connexion à votre compte.")
        return mail.as_bytes()
    assert identity.authentication(parse_bytes(google_notice("cabinet.exemple@gmail.com"))).present
    assert not identity.authentication(parse_bytes(google_notice("cabinet@exemple.fr"))).present
