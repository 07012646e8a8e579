"""Honest mail of 2026 must stay « sans danger apparent ». The corpus' legitimate mail dates from 2002 (no
authentication results, no newsletter tracking, no List-Unsubscribe), so it cannot show false alarms on today's mail:
these messages are hand-written for the tests, in the shape of what a French practice receives today, with the
headers modern senders add. They are regression guards, not a measurement."""

from __future__ import annotations

import pytest
from test_mail import build

from gardien.mail.analyze import analyse
from gardien.mail.message import parse_bytes

AUTH = "mx.exemple-fai.fr; spf=pass smtp.mailfrom={domain}; dkim=pass header.d={domain}; dmarc=pass header.from={domain}"


def modern(sender: str, subject: str, text: str, html: str | None = None, bulk: bool = True, **headers: str) -> bytes:
    domain = sender.rsplit("@", 1)[1].rstrip(">")
    headers = {"Authentication-Results": AUTH.format(domain=domain), **headers}
    if bulk:
        headers["List-Unsubscribe"] = f"<https://{domain}/desinscription?id=8f3a>, <mailto:desinscription@{domain}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return build(sender=sender, subject=subject, text=text, html=html, headers=headers)


HONEST = {
    "parcel notice": modern(
        "Colissimo <noreply@notif-colissimo.laposte.fr>", "Votre colis est disponible en point relais",
        "Bonjour, votre colis 6A12345678901 est disponible dans votre point relais jusqu'au 12/12. Suivez-le sur laposte.fr. "
        "Pour ne plus recevoir ces notifications, désinscrivez-vous.",
        html='<p>Votre colis est disponible.</p><a href="https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901">'
             "Suivre mon colis</a>"),
    "professional newsletter": modern(
        "Ordre des sages-femmes <communication@ordre-sages-femmes.fr>", "La lettre de l'Ordre - décembre",
        "Au sommaire : la certification périodique, le nouveau code de déontologie, la campagne de vaccination. "
        "Vous recevez cette lettre en tant qu'inscrite au tableau. Se désinscrire.",
        html='<p>Au sommaire : la certification périodique.</p><a href="https://ordresagesfemmes.us1.list-manage.com/track/click?u=1">'
             "https://www.ordre-sages-femmes.fr/actualites</a>"),
    "campaign newsletter through its platform's tracker": modern(
        # hand-written: a « Twitter » button through the sender's own NationBuilder tracker (an ESP of [routeurs])
        "URPS Exemple <info@urps-exemple.fr>", "Nos actualités de décembre",
        "Au sommaire : la permanence des soins et nos prochaines réunions. Suivez-nous. Se désinscrire.",
        html='<p>Nos actualités.</p><a href="https://urpsexemple.nationbuilder.com/r?u=abc&e=1">Twitter</a>'),
    "marketing with eager words": modern(
        "Librairie Médicale <offres@librairie-medicale-exemple.fr>", "Offre limitée : -20 % sur les atlas",
        "Félicitations, vous faites partie de nos lecteurs fidèles ! Offre limitée jusqu'à dimanche sur les atlas "
        "d'anatomie. Se désinscrire de la lettre."),
    "colleague through MSSanté": modern(
        "Dr Claire Exemple <claire.exemple@medecin.mssante.fr>", "Compte rendu Mme B.",
        "Bonjour, je vous transmets le compte rendu par MSSanté. La patiente a mis sa carte Vitale à jour. "
        "N'hésitez pas à m'appeler au cabinet. Bien confraternellement.", bulk=False),
    "outlook reply": modern(
        "Secrétariat CMP <secretariat@cmp-exemple.fr>", "RE: Planning des gardes",
        "Bonjour, c'est noté pour le 14. Cordialement.", bulk=False, **{"Thread-Index": "AdlUyWcbBq8k", "In-Reply-To": "<x@cmp-exemple.fr>"}),
    "appointment reminder": modern(
        "Doctolib <no-reply@doctolib.fr>", "Rappel : rendez-vous demain à 9 h 30",
        "Bonjour, nous vous rappelons votre rendez-vous de demain à 9 h 30. En cas d'empêchement, annulez-le depuis votre "
        "compte Doctolib.", bulk=False),
    "bank statement": modern(
        "Ma Banque <information@exemple-banque.fr>", "Votre relevé de compte est disponible",
        "Bonjour, votre relevé de novembre est disponible dans votre espace client. Nous ne vous demanderons jamais vos "
        "codes par e-mail.", bulk=False),
    "supplier sending its bank details with the invoice": modern(
        "Comptabilité <compta@fournitures-medicales-exemple.fr>", "Facture 2026-118",
        "Bonjour, veuillez trouver ci-joint la facture 2026-118 et notre RIB pour le règlement à 30 jours. "
        "Vous avez bien reçu notre précédent mail ? Cordialement.", bulk=False),
    "patient paying through PayPal": build(
        sender="Paul Durand <paul.durand@gmail.com>", subject="Règlement de la séance",
        text="PayPal m'indique que le paiement est parti ce matin. Merci encore pour la séance de lundi."),
    "first letter of a patient's daughter": build(
        sender="Sophie Bernard <sophie.bernard@orange.fr>", subject="Ma mère, Mme Bernard",
        text="Bonjour Docteur, excusez mon intrusion : je suis la fille de Mme Bernard. Depuis le décès de mon défunt "
             "mari, je m'occupe d'elle. Êtes-vous disponible pour un rendez-vous jeudi ? Je vous transmets son dossier "
             "confidentiel par MSSanté via son médecin traitant."),
    "bank offer": modern(
        "Ma Banque <offres@exemple-banque.fr>", "Votre projet : un prêt à 2,9 %",
        "Bonjour, profitez d'un prêt à 2,9 % pour équiper votre cabinet. Offre soumise à conditions. Se désinscrire."),
    "sign-up confirmation": modern(
        "Doctolib <no-reply@doctolib.fr>", "Confirmez votre adresse e-mail",
        "Bienvenue ! Pour terminer votre inscription, confirmez votre adresse e-mail en cliquant sur le bouton "
        "ci-dessous. Si vous n'êtes pas à l'origine de cette inscription, ignorez ce message.", bulk=False),
    "storage notice": modern(
        "iCloud <noreply@email.apple.com>", "Votre stockage iCloud est plein",
        "Votre espace de stockage est plein : les nouvelles photos ne sont plus sauvegardées dans iCloud. "
        "Gérez votre stockage dans Réglages.", bulk=False),
    "practice announcement in hidden copy": build(
        sender="Cabinet de kinésithérapie <cabinet.kine.exemple@orange.fr>", subject="Fermeture du cabinet le 24 décembre",
        text="Bonjour, le cabinet sera fermé le 24 décembre. Pour toute urgence, appelez le 15. Bonnes fêtes à tous.",
        headers={"Authentication-Results": AUTH.format(domain="orange.fr")}).replace(
        b"To: sf.dupont@exemple.fr", b"To: undisclosed-recipients:;"),
    "patient writing from a free mailbox": build(
        sender="Julie Martin <julie.martin1987@gmail.com>", subject="Rendez-vous de ma fille",
        text="Bonjour, ma fille a rendez-vous jeudi, est-il possible de le décaler à vendredi ? Merci beaucoup."),
}


@pytest.mark.parametrize("name", HONEST)
def test_honest_modern_mail_is_sans_danger_apparent(name):
    analysis = analyse(parse_bytes(HONEST[name]))
    assert analysis.verdict == "safe", [(s.id, s.technical) for s in analysis.signals]


def _pasted(text: str):
    from gardien.mail.pasted import parse_text

    return analyse(parse_text(text))


def test_round_10_a_signing_service_sending_for_its_customer_is_no_impersonation():
    # hand-written, in the shape of DocuSign's notices: the bank is named « via » the service that really sends
    genuine = _pasted("De : Crédit Mutuel via DocuSign <dse_na2@docusign.net>\nObjet : Complétez avec DocuSign : "
                      "offre de prêt\n\nVotre agence vous a envoyé des documents à examiner et à signer.")
    assert "expediteur.marque_usurpee" not in {s.id for s in genuine.signals}
    # the same name through an address that is not DocuSign's is judged whole
    fake = _pasted("De : Crédit Mutuel via DocuSign <signature@docusign-envelopes.com>\nObjet : Complétez avec DocuSign"
                   "\n\nCrédit Mutuel vous a envoyé des documents à examiner et à signer.")
    assert "expediteur.marque_usurpee" in {s.id for s in fake.signals}


def test_round_10_a_departmental_council_writes_from_under_its_order_s_domain():
    # hand-written: medecin.fr is a public suffix, so « 13.medecin.fr » is its own registrable domain
    council = _pasted("De : Conseil départemental de l'Ordre des médecins <secretariat@13.medecin.fr>\nObjet : "
                      "Élections ordinales\n\nLes élections auront lieu en février par voie électronique.")
    assert "expediteur.marque_usurpee" not in {s.id for s in council.signals}
    fake = _pasted("De : Ordre des médecins <secretariat@ordre-medecins-cotisation.fr>\nObjet : Cotisation\n\n"
                   "Votre cotisation ordinale est impayée.")
    assert "expediteur.marque_usurpee" in {s.id for s in fake.signals}


def test_round_10_an_operator_s_business_arm_writes_from_its_own_domain():
    # hand-written, with the operator's real business domain
    bill = _pasted("De : Bouygues Telecom Entreprises <facture@info.bouyguestelecom-entreprises.fr>\nObjet : Votre "
                   "facture est disponible\n\nVotre facture de novembre est disponible dans votre Espace Client.")
    assert bill.verdict == "safe"


def test_round_10_updating_a_directory_entry_that_is_worth_a_paid_listing_is_the_trick():
    # hand-written: the fake directory's small print
    listing = _pasted("Merci de vérifier votre fiche et de nous la retourner. La mise à jour des informations vaut "
                      "acceptation de l'insertion pour trois ans au tarif de 390 € HT par an.")
    assert "contenu.engagement_cache" in {s.id for s in listing.signals}
    order = _pasted("Votre commande est confirmée. La validation de la commande vaut acceptation des conditions de vente.")
    assert "contenu.engagement_cache" not in {s.id for s in order.signals}


def test_round_10_new_bank_details_checked_by_phone_are_not_the_fake_supplier():
    # hand-written: a supplier's announcement with the callback Gardien advises, and the fake supplier's
    honest = _pasted("Objet : Changement de domiciliation bancaire\n\nNos coordonnées bancaires changent au 1er mars. "
                     "Un courrier signé vous sera adressé. Avant toute modification, confirmez ce changement auprès de "
                     "votre commercial habituel, au numéro figurant sur vos factures. Aucun RIB n'est joint à ce message.")
    assert honest.verdict == "safe"
    fake = _pasted("Objet : Changement de domiciliation bancaire\n\nNos coordonnées bancaires changent. Merci de régler "
                   "dès aujourd'hui les factures en attente sur notre nouveau RIB ci-joint.")
    assert fake.verdict in ("suspicious", "dangerous")
