"""Suspicious-email analyser. The French messages below are hand-written for the tests (the corpus has
no French mail); the corpus is used where a real sample exists, and skipped with a reason otherwise."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import zipfile
from email.message import EmailMessage
from pathlib import Path

import pytest
from conftest import SHARED

from gardien.mail import domains
from gardien.mail.analyze import BULK_NOTE, MAX_REASONS, MAX_REMARKS, VERDICT_LABEL, analyse, fitted, verdict_for
from gardien.mail.message import MAX_PARTS, parse_bytes
from gardien.mail.signals import CRITICAL, MEDIUM, STRONG, WEAK, Signal

CORPUS = SHARED / "corpus" / "mail"


def build(sender="Assurance Maladie <remboursement@ameli-remboursement.fr>", subject="Votre remboursement",
          html=None, text=None, headers=None, attachments=()) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "sf.dupont@exemple.fr"
    message["Subject"] = subject
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(text or "Bonjour,\nVoici les informations.\n")
    if html:
        message.add_alternative(html, subtype="html")
    for filename, data, maintype, subtype in attachments:
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return message.as_bytes()


def ids(raw: bytes) -> set[str]:
    return {s.id for s in analyse(parse_bytes(raw)).signals}


AMELI_LURE = build(
    html='<p>Vous avez droit à un remboursement de 48,50 € de l\'Assurance Maladie. Mettez à jour vos coordonnées bancaires '
         'avant 48 heures :</p><a href="http://secure-ameli.verif-compte.com/login">https://www.ameli.fr/assure</a>',
    text="Vous avez droit à un remboursement Ameli. Dernier rappel : sans action sous 48 heures votre compte sera suspendu.",
)


def test_french_ameli_lure_is_dangerous_and_explained():
    analysis = analyse(parse_bytes(AMELI_LURE))
    assert analysis.verdict == "dangerous"
    found = {s.id for s in analysis.signals}
    # the French words are read as a scenario and as the fake-refund family (« remboursement … Assurance Maladie »
    # alone is a topic, not a trap, since round 4: Ameli writes it every day)
    assert {"expediteur.domaine_imite", "liens.destination_cachee", "contenu.scenario_piege", "contenu.faux_remboursement"} <= found
    assert analysis.signals == sorted(analysis.signals, key=lambda s: -fitted().of(s))  # by what they weigh
    assert all(s.message and s.message[0].isupper() for s in analysis.signals)


def test_ordinary_message_is_sans_danger_apparent():
    raw = build(sender="Cabinet Martin <secretariat@cabinet-martin.fr>", subject="Rendez-vous de jeudi",
                text="Bonjour, je vous confirme le rendez-vous de jeudi à 14 h. Bonne journée.")
    assert analyse(parse_bytes(raw)).verdict == "safe"


def test_newsletter_tracking_redirector_is_not_a_trap():
    raw = build(sender="La Lettre <lettre@exemple-presse.fr>", subject="Votre lettre de la semaine",
                headers={"List-Unsubscribe": "<mailto:desinscription@exemple-presse.fr>"},
                html='<a href="https://exemple-presse.us1.list-manage.com/track/click?u=1">https://www.exemple-presse.fr/article</a>')
    assert "liens.destination_cachee" not in ids(raw)
    assert analyse(parse_bytes(raw)).verdict == "safe"


@pytest.mark.parametrize(
    "host, expected",
    [
        ("ameli-remboursement.fr", "ameli.fr"), ("arneli.fr", "ameli.fr"), ("ameli.com", "ameli.fr"),
        ("impots-gouv.fr", "impots.gouv.fr"), ("ameli.fr.verification.net", "ameli.fr"), ("xn--mli-5ma.fr", None),
        ("pаypal.com", "paypal.com"),  # Cyrillic "а"
        ("ameli.fr", None), ("www.impots.gouv.fr", None), ("openoffice.org", None), ("orange.net", None),
        # round 7: real organisations of health professionals one letter from a brand, words of their own, and the
        # DGFiP's own sending domain, whose name is too ordinary to be imitated
        ("macsf.fr", None), ("finance.fr", None), ("dgfip.finances.gouv.fr", None), ("mes-finances.com", None),
        ("amazom.com", "amazon.fr"), ("netflex.com", "netflix.com"),
        # round 8: the name as a word of a label in front of someone else's domain
        ("docusign-secure.envelope-review.net", "docusign.com"), ("onedrive-share.docs-view.com", "onedrive.com"),
        ("mydhl.express.dhl", None),  # DHL's own extension
        ("dgs-urgent.sante.gouv.fr", None),
        # round 14: the State's own word in a name anyone can buy
        ("ars-sante-gouv.fr", "gouv.fr"), ("gouv-fr.net", "gouv.fr"), ("gouvernement.fr", None),
        # round 15 (hand-written): in front of someone else's domain, a brand that is an ordinary word is the brand
        ("docs-google.drive-viewer.app", "google.com"), ("orange-messagerie.espace-client-fr.online", "orange.fr"),
        # round 16 (hand-written): the e-signature, registered-letter and online-bank services of a practice
        ("yousign-documents.eu", "yousign.com"), ("qonto-appareils.com", "qonto.com"), ("yousign.app", None),
        ("ar24.fr", None),
        # round 19 (hand-written): the other appointment platform, a practice software and an insurer
        ("maiia-messagerie-pro.fr", "maiia.com"), ("weda-mise-a-jour.com", "weda.fr"),
        ("allianz-sinistres.fr", "allianz.fr"), ("pro.maiia.com", None), ("www.weda.fr", None),
        # round 22 (hand-written for the tests): a name of several words or with a hyphen, however the look-alike
        # cuts it, is found as « bnpparibas-securite.com » always was
        ("credit-agricole-securite.info", "credit-agricole.fr"), ("www.credit-agricole-securite.fr", "credit-agricole.fr"),
        ("credit-agricole.verif-compte.com", "credit-agricole.fr"), ("credit-mutuel-alerte.com", "creditmutuel.fr"),
        ("societe-generale-securite.com", "societegenerale.fr"), ("caisse-epargne-alerte.net", "caisse-epargne.fr"),
        ("la-banque-postale-info.fr", "labanquepostale.fr"), ("mon-espace-sante-maj.fr", "monespacesante.fr"),
        ("harmonie-mutuelle-remboursement.fr", "harmonie-mutuelle.fr"), ("mondial-relay-colis.com", "mondialrelay.fr"),
        ("bnpparibas-securite.com", "bnpparibas"),
        # and not the brands' own domains, nor a name that only shares one of their words
        ("credit-agricole.fr", None), ("www.ca-paris.fr", None), ("credit-immobilier-conseil.fr", None),
        ("agricole-credit.com", None), ("harmonie-sante.fr", None), ("mondial-voyages.fr", None),
        ("ordresagesfemmes.us1.list-manage.com", None),  # the Ordre's own account at a mailing service
        ("notif-colissimo-laposte.info", None),  # Colissimo's real notices (La Poste says so)  # gouv.fr is the government's alone (not esante.gouv.fr with a letter changed)
    ],
)
def test_lookalike_domains(host, expected):
    similar = domains.lookalike(host)
    assert (similar.official if similar else None) == expected


@pytest.mark.parametrize("link, brand", [("http://credit-agricole-securite.info/verif", "Crédit Agricole"),
                                         ("https://www.credit-agricole-securite.fr", "Crédit Agricole"),
                                         ("https://bnpparibas-securite.com/verif", "BNP Paribas")])
def test_a_pasted_bank_alert_names_the_bank_its_link_imitates(link, brand):
    """Review, round 22 (hand-written for the tests): the same alert was only suspicious for the Crédit Agricole, whose
    look-alike link was never named, and dangerous for BNP Paribas."""
    from gardien.mail.pasted import parse_text

    text = (f"{brand} - Alerte de sécurité\nMadame, Monsieur, une connexion inhabituelle a été détectée sur votre "
            f"espace. Votre accès sera suspendu sous 24 heures. Vérifiez votre identité ici : {link}")
    analysis = analyse(parse_text(text))
    assert analysis.verdict == "dangerous"
    assert any(s.id == "liens.site_imite" and brand in s.message for s in analysis.signals)


def test_the_real_senders_of_the_walkthrough_are_not_taken_for_impostors():
    # hand-written after a practitioner's walkthrough: her professional insurer and the tax office's real address
    macsf = build(sender="MACSF <information@macsf.fr>", subject="Attestation",
                  text="Votre attestation est disponible sur https://www.macsf.fr")
    assert not {"expediteur.domaine_imite", "liens.site_imite"} & ids(macsf)
    assert analyse(parse_bytes(macsf)).verdict == "safe"
    tax = build(sender="impots.gouv <ne-pas-repondre@dgfip.finances.gouv.fr>", subject="Un nouveau document",
                text="Un nouveau document est disponible dans votre espace particulier sur impots.gouv.fr.")
    assert "expediteur.marque_usurpee" not in ids(tax)
    fake_tax = build(sender="impots.gouv <ne-pas-repondre@finances-remboursement.fr>", subject="Remboursement",
                     text="Un remboursement vous attend.")
    assert "expediteur.marque_usurpee" in ids(fake_tax)


def test_registrable_domain_uses_the_public_suffix_list():
    assert domains.registrable("a.b.exemple.co.uk") == "exemple.co.uk"
    assert domains.registrable("www.impots.gouv.fr") == "impots.gouv.fr"  # gouv.fr is a public suffix
    assert not domains.is_valid_domain("correios") and domains.is_valid_domain("laposte.fr")


def test_only_the_topmost_authentication_results_counts():
    forged_lower = build(sender="Service <contact@exemple.fr>", headers={
        "Authentication-Results": "mx.receveur.fr; spf=fail smtp.mailfrom=exemple.fr; dmarc=fail (p=reject) header.from=exemple.fr"})
    assert "authentification.dmarc" in ids(forged_lower)
    message = EmailMessage()
    message["Authentication-Results"] = "mx.receveur.fr; spf=pass smtp.mailfrom=exemple.fr; dkim=pass header.d=exemple.fr; dmarc=pass"
    message["Authentication-Results"] = "faux.fr; spf=fail; dmarc=fail"  # added lower down by the sender
    message["From"] = "Service <contact@exemple.fr>"
    message["Subject"] = "Facture"
    message.set_content("Votre facture est disponible dans votre espace.")
    assert not {i for i in ids(message.as_bytes()) if i.startswith("authentification")}


def test_a_dmarc_policy_the_provider_did_not_write_is_said_unknown_not_lenient():
    def dmarc_sign(result: str) -> Signal:
        raw = build(sender="Service <contact@exemple.fr>", headers={"Authentication-Results": f"mx.receveur.fr; {result}"})
        [sign] = [s for s in analyse(parse_bytes(raw)).signals if s.id.startswith("authentification.dmarc")]
        return sign
    unsaid = dmarc_sign("spf=fail; dmarc=fail header.from=exemple.fr")
    assert "ne dit pas si ce domaine demande" in unsaid.message and "ne demande pas" not in unsaid.message
    assert "non indiquée" in unsaid.technical and "none" not in unsaid.technical
    lenient = dmarc_sign("spf=fail; dmarc=fail (p=none) header.from=exemple.fr")
    assert "il ne demande pas aux messageries d'écarter ces échecs" in lenient.message
    assert "« none »" in lenient.technical
    assert dmarc_sign("spf=fail; dmarc=fail (p=quarantine) header.from=exemple.fr").id == "authentification.dmarc"


def test_no_authentication_results_is_not_guilt():
    raw = build(sender="Cabinet <contact@cabinet-exemple.fr>", text="Bonjour, à demain.")
    assert not {i for i in ids(raw) if i.startswith("authentification")}


def test_reply_to_freemail_flagged_but_mailing_lists_exempt():
    raw = build(sender="Banque <service@banque-exemple.fr>", headers={"Reply-To": "service.banque@gmail.com"})
    assert "expediteur.reponse_ailleurs" in ids(raw)
    listed = build(sender="Liste <liste@asso-exemple.fr>", headers={"Reply-To": "x@autre.org", "List-Id": "<l.asso-exemple.fr>"})
    assert "expediteur.reponse_ailleurs" not in ids(listed)


def test_display_name_brand_from_freemail():
    raw = build(sender="Impots.gouv - Service <impots.remboursement2026@gmail.com>")
    analysis = analyse(parse_bytes(raw))
    assert "expediteur.marque_usurpee" in {s.id for s in analysis.signals}


@pytest.mark.parametrize("href, signal", [
    ("http://192.168.12.4/ameli/login", "liens.adresse_ip"),
    ("https://bit.ly/3xYz", "liens.raccourci"),
    ("https://xn--mli-5ma.fr/", "liens.punycode"),
    ("https://ameli-remboursement.web.app/", "liens.hebergeur_gratuit"),
])
def test_link_signals(href, signal):
    assert signal in ids(build(html=f'<a href="{href}">Accéder à mon espace</a>'))


def test_links_wrapped_by_safe_links_are_unwrapped():
    wrapped = "https://eur01.safelinks.protection.outlook.com/?url=http%3A%2F%2F203.0.113.9%2Flogin&data=x"
    assert "liens.adresse_ip" in ids(build(html=f'<a href="{wrapped}">Se connecter</a>'))


def test_forms_in_the_body():
    assert "liens.formulaire" in ids(build(html='<form action="https://x.example/p"><input name="password"></form>'))


@pytest.mark.parametrize("filename, data, expected", [
    ("facture.pdf.exe", b"MZ\x90\x00", {"pieces_jointes.programme", "pieces_jointes.double_extension"}),
    ("ordonnance.js", b"var x = 1;", {"pieces_jointes.programme"}),
    ("compte.html", b"<html><form></form></html>", {"pieces_jointes.page_web"}),
    ("scan.pdf", b"MZ\x90\x00 fake", {"pieces_jointes.contenu_deguise"}),
    ("document.iso", b"\x00" * 64, {"pieces_jointes.programme"}),
])
def test_dangerous_attachments(filename, data, expected):
    raw = build(attachments=[(filename, data, "application", "octet-stream")])
    found = ids(raw)
    assert expected <= found
    assert analyse(parse_bytes(raw)).verdict == "dangerous"


def _zip(entries: dict[str, bytes], encrypted: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    data = bytearray(buffer.getvalue())
    if encrypted:  # set the "encrypted" flag bit in every local and central header (listing only reads the flag)
        for marker, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
            start = 0
            while (start := data.find(marker, start)) != -1:
                data[start + offset] |= 1
                start += 4
    return bytes(data)


def test_archives_are_listed_never_extracted():
    inside = build(attachments=[("photos.zip", _zip({"photo.jpg.exe": b"MZ", "inner.zip": b"PK"}), "application", "zip")])
    assert {"pieces_jointes.archive_programme", "pieces_jointes.archive_imbriquee"} <= ids(inside)
    locked = build(attachments=[("facture.zip", _zip({"facture.pdf": b"%PDF"}, encrypted=True), "application", "zip")])
    assert "pieces_jointes.archive_protegee" in ids(locked)


def test_zip_bomb_is_only_listed():
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("vide.txt", b"\x00" * 50_000_000)  # 50 MB that would inflate from about 50 kB
    raw = build(attachments=[("cadeau.zip", bomb.getvalue(), "application", "zip")])
    assert len(raw) < 1_000_000
    analysis = analyse(parse_bytes(raw))  # listing reads the central directory only
    assert analysis.verdict in VERDICT_LABEL and (analysis.verdict != "safe" or not analysis.errors)


def test_pdf_with_javascript_and_links():
    pdf = b"%PDF-1.4\n1 0 obj << /OpenAction 2 0 R /Names << /J#61vaScript 3 0 R >> >> endobj\n" \
          b"4 0 obj << /A << /S /URI /URI (http://198.51.100.7/ameli) >> >> endobj\n%%EOF"
    found = ids(build(attachments=[("releve.pdf", pdf, "application", "pdf")]))
    assert {"pieces_jointes.pdf_actif", "liens.adresse_ip"} <= found


def test_invisible_characters_and_disguised_letters():
    raw = build(sender="Trust WaIIet <support@exemple-crypto.io>",
                text="V\u2069e\u2069r\u2069if\u2069y yo\u2069ur in\u2069f\u2069o b\u2069y Fe\u2069bruary, please.")
    assert {"texte.caracteres_invisibles", "texte.lettres_deguisees", "expediteur.marque_usurpee"} <= ids(raw)


def test_health_mail_through_consumer_mailbox_gets_the_msg06_advice_not_an_alarm():
    raw = build(sender="Dr Exemple <dr.exemple@gmail.com>", subject="Compte rendu",
                text="Bonjour, ci-joint le compte rendu de la consultation de votre patiente.")
    analysis = analyse(parse_bytes(raw))
    advice = [s for s in analysis.signals if s.id == "sante.messagerie_grand_public"]
    assert advice and advice[0].weight == 0 and "MSSanté" in advice[0].message
    assert analysis.verdict == "safe"
    # hand-written: an association's meeting minutes are no patient's file
    minutes = build(sender="Marc <marc.exemple@gmail.com>", subject="Association",
                    text="Mettez-moi en copie quand vous enverrez le compte rendu de l'assemblée générale.")
    assert "sante.messagerie_grand_public" not in ids(minutes)
    # hand-written (round 8 walkthrough): equipment is no patient's examination; the examination is
    equipment = build(sender="Philippe <philippe.exemple@gmail.com>", subject="Achat",
                      text="Il faut racheter le matériel d'échographie du cabinet.")
    assert "sante.messagerie_grand_public" not in ids(equipment)
    exam = build(sender="Philippe <philippe.exemple@gmail.com>", subject="Mme X",
                 text="Voici l'échographie de Mme X, à regarder avant lundi.")
    assert "sante.messagerie_grand_public" in ids(exam)


def test_no_weak_or_medium_signal_reaches_dangerous_and_one_sign_repeated_is_one_sign():
    many = [Signal(f"essai.{i}", MEDIUM, "x") for i in range(12)]  # signals the fit never saw count their level's prior
    assert verdict_for(many)[0] == "suspicious"
    assert verdict_for([Signal("essai.a", WEAK, "x")] * 9)[0] == "safe"
    assert verdict_for([Signal("essai.a", WEAK, "x")])[0] == "safe"
    assert verdict_for([*many, Signal("essai.fort", STRONG, "x")])[0] == "dangerous"
    assert verdict_for([Signal("essai.programme", CRITICAL, "x")])[0] == "dangerous"


def test_medium_signs_from_two_parts_of_the_message_are_dangerous():
    # signals the fit never saw count their level's prior (2.5 each): four of them pass the « dangereux » score
    text_only = [Signal(f"contenu.essai{i}", MEDIUM, "x") for i in range(4)]
    assert verdict_for(text_only)[0] == "suspicious"  # the words alone, however many
    sender_and_text = [*text_only[:3], Signal("expediteur.essai", MEDIUM, "x")]
    assert verdict_for(sender_and_text)[0] == "dangerous"
    marketing = [*text_only[:3], Signal("contenu.urgence", MEDIUM, "x"), Signal("expediteur.essai", WEAK, "x")]
    assert verdict_for(marketing)[0] == "suspicious"  # a weak sign of the sender is no second proof


# --- hostile and malformed input -----------------------------------------------------------------

@pytest.mark.parametrize("raw", [
    b"", b"\x00\xff\xfe garbage", b"From: \n\n", b"Content-Type: multipart/mixed; boundary=\"x\"\n\n--x\nContent-Type: text/plain\n\nno end",
    b"From nobody Mon Jan  1 00:00:00 2026\nFrom: a@b.fr\nSubject: mbox\n\nhello",
    b"From: =?utf-8?b?!!!?= <x@y.fr>\nContent-Type: text/plain; charset=x-unknown-42\n\n\xe9t\xe9",
])
def test_malformed_messages_are_analysed_without_error(raw):
    analysis = analyse(parse_bytes(raw))
    assert analysis.verdict in VERDICT_LABEL and (analysis.verdict != "safe" or not analysis.errors)


def test_a_message_that_could_not_be_read_is_never_called_harmless():
    analysis = analyse(parse_bytes(b"\x00\xff\xfe garbage"))
    assert analysis.errors and analysis.verdict == "incomplete" and analysis.label == "analyse incomplète"


def test_unknown_charset_and_missing_sender_are_reported():
    analysis = analyse(parse_bytes(b"Content-Type: text/plain; charset=x-unknown-42\n\nabc"))
    assert any("jeu de caractères" in e for e in analysis.errors)
    assert any("expéditeur" in e for e in analysis.errors)


def test_deep_nesting_and_thousands_of_parts_are_bounded():
    deep = b"From: a@b.fr\n" + b"".join(
        f"Content-Type: multipart/mixed; boundary=\"b{i}\"\n\n--b{i}\n".encode() for i in range(200)) + b"Content-Type: text/plain\n\nfin\n"
    assert analyse(parse_bytes(deep)).verdict in ("incomplete", "suspicious")  # the ignored depth is reported
    parts = b"From: a@b.fr\nContent-Type: multipart/mixed; boundary=\"z\"\n\n" + b"".join(
        b"--z\nContent-Type: text/plain\n\npart\n" for _ in range(5000)) + b"--z--\n"
    analysis = analyse(parse_bytes(parts))
    assert any(str(MAX_PARTS) in e for e in analysis.errors)


HUGE_WORD = """
import sys
from test_mail import build
from gardien.mail.analyze import analyse
from gardien.mail.message import parse_bytes
token = sys.argv[1] * int(sys.argv[2])
raw = build(sender=f"{token[:5000]} <a@exemple.fr>", subject=token[:5000], text=token,
            html=f'<a href="https://exemple.fr/{token[:50_000]}">{token[:5000]}</a>',
            attachments=[(token[:200] + ".pdf", b"%PDF-1.4", "application", "pdf")])
print(analyse(parse_bytes(raw)).verdict)
"""


@pytest.mark.parametrize("unit, count", [("a", 300_000), ("Ab1", 100_000), ("x@", 150_000), ("HTTP", 75_000), ("l0", 150_000),
                                         ("a\u0430", 150_000), ("A\u200b", 150_000), ("AB-", 100_000)])
def test_one_huge_word_cannot_make_a_rule_run_for_ever(unit, count):
    """A bound, not a speed target: a 17-second analysis of a real corpus message came from one rule rescanning a
    long unbroken run of characters (quadratic backtracking). A regular expression cannot be interrupted from
    inside the process, hence the subprocess; the limit is many times what a normal run takes (well under 1 s)."""
    tests = Path(__file__).parent
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tests), str(tests.parent / "src")])}
    result = subprocess.run([sys.executable, "-c", HUGE_WORD, unit, str(count)], capture_output=True, text=True,
                            timeout=15, env=env, check=False)
    assert result.returncode == 0 and result.stdout.strip() in VERDICT_LABEL, result.stderr[-500:]


# --- the corpus ------------------------------------------------------------------------------------

@pytest.mark.skipif(not (CORPUS / "phishing").is_dir(), reason="../shared/corpus/mail absent")
@pytest.mark.parametrize("name, signal", [
    ("phishing_pot__sample-6388.eml", "pieces_jointes.macros"),  # a real Word document with VBA macros
    ("phishing_pot__sample-2171.eml", "pieces_jointes.pdf_actif"),  # a real PDF with JavaScript
])
def test_real_attachments_from_the_corpus(name, signal):
    # also run under pytest's "warnings are errors": a library warning must not hide a macro
    raw = (CORPUS / "phishing" / name).read_bytes()
    assert signal in {s.id for s in analyse(parse_bytes(raw)).signals}


# --- command line ----------------------------------------------------------------------------------

def _gardien(args, home, stdin=b""):
    env = dict(os.environ, GARDIEN_HOME=str(home))
    return subprocess.run([sys.executable, "-m", "gardien", *args], input=stdin, capture_output=True, env=env,
                          timeout=120, check=False)


@pytest.mark.slow
def test_cli_json_stdin_folder_and_missing_file(isolated_home, tmp_path):
    (tmp_path / "boite").mkdir()
    (tmp_path / "boite" / "piege.eml").write_bytes(AMELI_LURE)
    (tmp_path / "boite" / "sous").mkdir()
    (tmp_path / "boite" / "sous" / "ok.eml").write_bytes(build(sender="a <a@cabinet-exemple.fr>", text="Merci."))
    result = _gardien(["mail", "analyser", "--json", str(tmp_path / "boite")], isolated_home)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert {Path(r["file"]).name: r["verdict"] for r in rows} == {"piege.eml": "dangerous", "ok.eml": "safe"}
    for row in rows:
        assert set(row) == {"file", "verdict", "score", "pasted_text", "reasons", "findings", "comparison", "errors"}
        assert all({"id", "severity", "message"} <= set(f) for f in row["findings"])
    (tmp_path / "boite" / "photo.eml").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))  # hand-written: not a mail
    shown = _gardien(["mail", "analyser", str(tmp_path / "boite")], isolated_home)  # a walkthrough: no count at the end
    assert ("En tout : 2 messages analysés, 1 dangereux, 1 sans danger apparent. 1 fichier n'a pas pu être analysé "
            "(voir ci-dessous).") in " ".join(shown.stdout.decode().split())
    piped = _gardien(["mail", "analyser", "-"], isolated_home, AMELI_LURE)
    assert "En tout" not in piped.stdout.decode()  # one message: its verdict is the answer
    assert piped.returncode == 0 and "DANGEREUX" in piped.stdout.decode() and "signal-spam.fr" in piped.stdout.decode()
    # technical details (headers, lists of words) only when asked, for the person who helps
    assert "Authentication-Results" not in piped.stdout.decode() and "ajoutez --details" in piped.stdout.decode()
    detailed = _gardien(["mail", "analyser", "-", "--details"], isolated_home, AMELI_LURE).stdout.decode()
    assert "ajoutez --details" not in detailed and len(detailed) > len(piped.stdout.decode())
    missing = _gardien(["mail", "analyser", str(tmp_path / "absent.eml")], isolated_home)
    assert missing.returncode == 2 and "introuvable" in missing.stderr.decode() and b"Traceback" not in missing.stderr


@pytest.mark.slow
def test_cli_reads_a_broken_msg_file_without_traceback(isolated_home, tmp_path):
    broken = tmp_path / "message.msg"
    broken.write_bytes(b"\xd0\xcf\x11\xe0 not really an outlook file")
    result = _gardien(["mail", "analyser", "--json", str(broken)], isolated_home)
    assert result.returncode == 0 and b"Traceback" not in result.stderr
    assert json.loads(result.stdout)["errors"]


@pytest.mark.slow
def test_cli_refuses_what_is_no_mail(isolated_home, tmp_path):
    """A practitioner's test: a PDF got « SUSPECT » and an empty .eml « ANALYSE INCOMPLÈTE », both with exit 0."""
    (tmp_path / "facture.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj")  # hand-written start of a PDF
    (tmp_path / "vide.eml").write_bytes(b"")
    for name, said in (("facture.pdf", "c'est un document PDF"), ("vide.eml", "Le fichier est vide")):
        result = _gardien(["mail", "analyser", str(tmp_path / name)], isolated_home)
        assert result.returncode == 2 and said in result.stderr.decode(), result
        assert b"SUSPECT" not in result.stdout and b"Traceback" not in result.stderr
    reference = _gardien(["mail", "analyser", "-", "--reference", str(tmp_path / "facture.pdf")], isolated_home, AMELI_LURE)
    assert reference.returncode == 2 and "pas un e-mail" in reference.stderr.decode()
    # a paste is called what it is, and an empty one is said so (walkthrough, round 10: « (entrée standard) », « Le
    # fichier est vide »)
    settings = tmp_path / "reglages.toml"  # hand-written: a settings file given by mistake came out « sans danger »
    settings.write_text('[projet]\nnom = "cabinet"\nversion = "1.0"\n\n[options]\nlangue = "fr"\ncouleurs = [\n  "bleu",\n  "vert",\n]\n')
    result = _gardien(["mail", "analyser", str(settings)], isolated_home)
    assert result.returncode == 2 and "ressemble à un programme ou à un fichier de réglages" in result.stderr.decode()
    empty = _gardien(["mail", "analyser", "-"], isolated_home, b"  \n")
    assert empty.returncode == 2 and "Texte collé : il est vide" in empty.stderr.decode()
    pasted = _gardien(["mail", "analyser", "-"], isolated_home, AMELI_LURE)
    assert "Texte collé" in pasted.stdout.decode() and "entrée standard" not in pasted.stdout.decode()


MSG_FILES = Path(__file__).parent / "data" / "msg"  # real Outlook files, see data/msg/README.md


def test_real_outlook_files_are_read_with_the_messages_attached_to_them():
    from gardien.mail.message import parse_msg

    draft = parse_msg(str(MSG_FILES / "outer.msg"))
    assert draft.subject == "outer subject" and "Outer body" in draft.text
    assert "body" in draft.text.replace("Outer body", "")  # the text of the Outlook message attached to it
    assert any("expéditeur" in d for d in draft.defects)  # a draft has no sender: said, never « sans danger »
    assert analyse(draft).verdict == "incomplete"
    bounce = parse_msg((MSG_FILES / "other.msg").read_bytes())
    assert bounce.from_address == "mailer-daemon@tjdpf.org.cn" and "Failure Notice" in bounce.subject
    assert "Delivery Status Notification" in bounce.text
    assert [a.filename for a in bounce.attachments] == ["北京 2017年12月02-03日 销售主管 确认n.pdf"]  # inside the bounced message
    assert not bounce.defects


def test_what_is_cut_for_size_is_reported_and_the_message_is_not_called_harmless():
    from gardien.mail.message import MAX_ATTACHMENT_BYTES, MAX_TEXT

    big = build(attachments=[("gros.bin", b"\x00" * (MAX_ATTACHMENT_BYTES + 1), "application", "octet-stream")])
    analysis = analyse(parse_bytes(big))
    assert any("gros.bin" in e for e in analysis.errors) and analysis.verdict != "safe"
    long_text = analyse(parse_bytes(build(text="Bonjour. " * (MAX_TEXT // 9 + 10))))
    assert any("seul le début" in e for e in long_text.errors) and long_text.verdict != "safe"


@pytest.mark.parametrize("subject,text,signal", [
    # hand-written test messages, one per scam family
    ("Vous avez été filmé", "Bonjour. J'ai piraté votre ordinateur et votre webcam. J'ai une vidéo compromettante de vous "
     "sur des sites pour adultes. Payez 1200 € en bitcoin à l'adresse ci-dessous sous 48 heures.", "contenu.sextorsion"),
    ("Withdrawal process", "Dear creditor, your assets have been approved. Connect your wallet to complete the withdrawal process "
     "and claim your tokens (USDT).", "contenu.arnaque_crypto"),
    ("Rencontre", "Bonjour, je suis une femme seule de votre région, je cherche une relation sérieuse. Rencontres discrètes "
     "près de chez vous, célibataires de votre région.", "contenu.rencontres"),
    ("Votre facture Norton", "Your Norton subscription has been renewed for $399.99. If you did not authorize this charge, "
     "please call our billing department at +1 808 555 0142 within 24 hours.", "contenu.rappel_telephone"),
    ("Alerte de sécurité", "Votre ordinateur est bloqué à cause d'un virus. Support technique Microsoft : appelez immédiatement "
     "le 01 89 00 00 00.", "contenu.rappel_telephone"),
])
def test_scam_families_are_suspect(subject, text, signal):
    raw = build(sender="Contact <contact@exemple-envoi.com>", subject=subject, text=text)
    analysis = analyse(parse_bytes(raw))
    assert signal in {s.id for s in analysis.signals}
    assert analysis.verdict in ("suspicious", "dangerous")


def test_everyday_words_near_the_scam_lexicon_stay_quiet():
    text = ("The fossils dating back to 1850 were shown. Our creditors meeting is on Monday; the project wallet "
            "is a leather one. Voir la vidéo de la conférence. Pour toute question, appelez le secrétariat au 01 23 45 67 89.")
    families = {"contenu.sextorsion", "contenu.arnaque_crypto", "contenu.rencontres", "contenu.rappel_telephone"}
    assert not families & ids(build(sender="a@exemple.fr", text=text))


@pytest.mark.slow
def test_cli_prints_the_mails_words_as_they_are(isolated_home):
    """Hand-written lure whose display name holds rich markup: quoted in a finding, « [/bold] » made Gardien stop
    with an internal error instead of the verdict. The verdict has its own line, whatever the file name's length."""
    lure = build(sender='"Ameli [/bold] [red]Service" <contact@secu-remboursement-info.com>', subject="Remboursement en attente",
                 text="Bonjour, un remboursement de 48,50 EUR est en attente. Cliquez ici pour saisir votre carte "
                      "bancaire : http://secu-remboursement-info.com/ameli")
    result = _gardien(["mail", "analyser", "-"], isolated_home, lure)
    out = result.stdout.decode()
    assert result.returncode == 0 and "erreur interne" not in result.stderr.decode(), result
    assert "[/bold] [red]" in out and re.search(r"\n  (SUSPECT|DANGEREUX)\n", out)


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "openpty"), reason="un terminal simulé (pty) n'existe que sous Linux et macOS")
def test_cli_at_a_keyboard_says_what_it_waits_for(isolated_home):
    """A practitioner's walkthrough: `gardien mail analyser -` typed at a terminal waited in silence."""
    keyboard, terminal = os.openpty()
    env = dict(os.environ, GARDIEN_HOME=str(isolated_home))
    process = subprocess.Popen([sys.executable, "-m", "gardien", "mail", "analyser", "-"], stdin=terminal,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    os.close(terminal)
    # hand-written text, as pasted from the screen, then Ctrl+D at the start of a line
    os.write(keyboard, b"Bonjour, votre colis est en attente. Payez 1,99 EUR ici : http://colis-exemple.top\n" + b"\x04")
    out, err = process.communicate(timeout=120)
    os.close(keyboard)
    assert "Ctrl+D" in err.decode() and "Ctrl+D" not in out.decode()
    assert process.returncode == 0 and "Les bons réflexes" in out.decode()


def test_a_few_remarks_are_shown_the_rest_counted():
    # hand-written lure carrying many signs: the verdict names three reasons, then at most three other remarks
    lure = build(text="URGENT : votre compte sera suspendu sous 24 heures. Un remboursement de 48,50 EUR est en attente : "
                      "confirmez vos coordonnées bancaires, votre carte bancaire et votre mot de passe ici, vous avez "
                      "gagné un cadeau exceptionnel, dernier avertissement avant poursuites.",
                 html='<a href="http://193.0.2.7/ameli">https://www.ameli.fr</a>')
    analysis = analyse(parse_bytes(lure))
    assert len(analysis.reasons) == MAX_REASONS and len(analysis.remarks) > MAX_REMARKS
    assert len(analysis.remarks_shown) == MAX_REMARKS and set(analysis.remarks_shown) <= set(analysis.remarks)
    assert sorted(analysis.remarks_shown + analysis.remarks_folded, key=analysis.remarks.index) == analysis.remarks


def test_cli_keeps_each_guillemet_with_its_word():
    # hand-written finding: at some terminal width a closing » used to start a line of its own
    import io

    from rich.console import Console

    from gardien.cli_mail import _say

    text = ("Le message annonce un problème sur votre compte (« inhabituelle »), vous presse (« dans les 48 heures ») "
            "et menace (« sera définitivement bloqué ») : un organisme sérieux ne fait pas cela.")
    for width in range(40, 90):
        out = io.StringIO()
        _say(Console(file=out, width=width, no_color=True), text, mark="•")
        lines = out.getvalue().splitlines()
        assert not any(line.strip().startswith("»") or line.rstrip().endswith("«") for line in lines), (width, lines)
        assert " ".join(line.strip(" •") for line in lines) == text


def test_cli_paragraphs_print_ordinary_spaces_like_the_rest_of_the_command_line():
    # hand-written text: the mail's paragraphs are wrapped by the command line's one wrapper (report/wrapping.fill),
    # which prints ordinary spaces (nothing a legacy console cannot show) yet never breaks at a no-break space
    import io

    from rich.console import Console

    from gardien.cli_mail import _say

    text = "Ce message reprend 95\u00a0% des mots d'un piège connu (« Remboursement en attente ») : ne cliquez pas."
    for width in range(40, 70):
        out = io.StringIO()
        _say(Console(file=out, width=width, no_color=True), text, mark="•")
        lines = out.getvalue().splitlines()
        assert "\u00a0" not in out.getvalue(), (width, lines)
        assert not any(line.strip(" •").startswith("%") for line in lines), (width, lines)
        assert " ".join(line.strip(" •") for line in lines) == text.replace("\u00a0", " ")


def test_round_14_a_brand_said_in_a_sentence_takes_its_article():
    # walkthrough, round 14: « imite celle d'Assurance Maladie »
    from gardien import fr
    assert fr.de(domains.brand_named("assurance maladie")) == "de l'Assurance Maladie"
    assert fr.de(domains.brand_named("caf")) == "de la CAF"
    assert fr.de(domains.brand_named("google")) == "de Google"
    assert fr.de("les Finances Publiques") == "des Finances Publiques"


def test_a_reason_is_a_sign_that_counted_in_the_score():
    """« Suspect » names what made it: a sign whose fitted weight is nil (a text offering to unsubscribe without the
    header, which honest newsletters do as often as traps) added nothing and is not given as a reason. Hand-written
    message: a crypto lure sent in bulk without the header."""
    lure = build(sender="Rewards <team@exemple-envoi.com>", subject="Claim your tokens",
                 text="Dear creditor, your assets have been approved. Connect your wallet to claim your tokens (USDT). "
                      "To unsubscribe click here.")
    analysis = analyse(parse_bytes(lure))
    assert analysis.verdict in ("suspicious", "dangerous")
    assert "expediteur.envoi_en_masse_irregulier" in {s.id for s in analysis.signals}
    assert analysis.reasons and all(fitted().of(s) > 0 for s in analysis.reasons)


def test_honest_bulk_mail_is_said_plainly():
    """A newsletter sent by the rules (List-Unsubscribe) with nothing of a trap: « sans danger apparent », the neutral
    note on mail sent in bulk, no reason and no warning. Hand-written newsletter."""
    letter = build(sender="La Lettre du cabinet <lettre@exemple-cabinet.fr>", subject="Les nouvelles de décembre",
                   text="Bonjour, voici les nouvelles du mois : horaires des fêtes et nouvel atelier de préparation à la "
                        "naissance. Pour vous désinscrire, suivez le lien en bas de ce message.",
                   headers={"List-Unsubscribe": "<https://exemple-cabinet.fr/desinscription>"})
    analysis = analyse(parse_bytes(letter))
    assert analysis.verdict == "safe" and analysis.note == BULK_NOTE and not analysis.reasons
