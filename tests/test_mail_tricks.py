"""Tricks of mass scam mail that do not depend on the words used: hidden or borrowed letters, fake replies,
throwaway addresses, redirects, pages on file storage, unfilled mail-merge fields; then the lures in the other
European languages and the suspect rule for two independent signs. Every message here is hand-written for the tests."""

from __future__ import annotations

import pytest
from test_mail import build, ids

from gardien.mail.analyze import analyse, find_signals, verdict_for
from gardien.mail.message import parse_bytes
from gardien.mail.signals import MEDIUM, STRONG, WEAK, Signal, targets


def test_raw_utf8_and_cp1252_headers_are_read_as_written():
    utf8 = "From: Colis <suivi@exemple.fr>\nSubject: Votre colis est arrivé\n\nTexte".encode()
    assert parse_bytes(utf8).subject == "Votre colis est arrivé"
    cp1252 = "From: a@exemple.fr\nSubject: Dernière relance\n\nTexte".encode("cp1252")
    assert parse_bytes(cp1252).subject == "Dernière relance"


@pytest.mark.parametrize("sender, subject, text, signal", [
    ("Final Notice <a@exemple.com>", "Fi\u200bn\u200bal wa\u200brn\u200bing: y\u200bour ph\u200botos", "", "texte.caracteres_invisibles"),
    ("M\U000e0139i\U000e0139cro\U000e0139so\U000e0139ft <a@exemple.com>", "Billing", "", "texte.caracteres_invisibles"),
    ("\u041cet\u0430m\u0430sk <a@exemple.com>", "Wallet", "", "texte.alphabets_melanges"),
    ("Banque <a@exemple.com>", "Relevé", "G\u043e\u043ed \u0430fter\u043f\u043e\u043en, y\u043eur \u043erder", "texte.alphabets_melanges"),
    ("_C0NSUMER__REWARDS__ <a@exemple.com>", "IMP0RTANT INFORMATI0N", "", "texte.lettres_deguisees"),
    ("PONTOS lTAUCARD <a@exemple.com>", "Pontos", "", "texte.lettres_deguisees"),
    ("Tax Services <a@exemple.com>", "Statement", "Your lRS tax statement is ready", "texte.lettres_deguisees"),
    ("Pharmacie <a@exemple.com>", "Offre", "VlAGRA et ClALlS sans ordonnance", "texte.lettres_deguisees"),
    ("Assurance <a@exemple.com>", "\U0001d7ef\U0001d7ec-\U0001d5f1\U0001d5ee\U0001d606 guarantee", "", "texte.lettres_decoratives"),
])
def test_borrowed_hidden_and_decorative_letters(sender, subject, text, signal):
    assert signal in ids(build(sender=sender, subject=subject, text=text or None))


@pytest.mark.parametrize("sender, subject, text", [
    ("Магазин <a@exemple.ru>", "Ваш заказ", "Здравствуйте, ваш заказ готов."),  # all Cyrillic: an honest Russian message
    ("Informatique <a@exemple.fr>", "Disque 200GB et COVID19", "Commande du disque de 200GB reçue."),
    ("Laboratoire <a@exemple.fr>", "Résultats", "Supplémentation KCl 1 g, contrôle du HCO3 et du NaCl."),
])
def test_honest_scripts_and_digits_stay_quiet(sender, subject, text):
    found = ids(build(sender=sender, subject=subject, text=text))
    assert not found & {"texte.alphabets_melanges", "texte.lettres_deguisees", "texte.caracteres_invisibles"}


def test_a_re_that_answers_nothing():
    assert "sujet.fausse_reponse" in ids(build(subject="RE: Votre facture impayée"))
    assert "sujet.fausse_reponse" not in ids(build(subject="RE: Votre facture", headers={"In-Reply-To": "<a@b.fr>"}))
    assert "sujet.fausse_reponse" not in ids(build(subject="RE: Votre facture", headers={"Thread-Index": "AcJO7qte24+x"}))


def test_the_readers_own_address_in_the_subject_and_in_a_link():
    assert "sujet.votre_adresse" in ids(build(subject="sf.dupont@exemple.fr, votre cadeau vous attend"))
    found = ids(build(html='<a href="https://exemple-kit.com/p.php?email=sf.dupont@exemple.fr">Voir</a>'))
    assert "liens.votre_adresse" in found
    unsubscribe = '<a href="https://exemple-presse.fr/u?e=sf.dupont%40exemple.fr">Se désinscrire</a>'
    assert "liens.votre_adresse" not in ids(build(html=unsubscribe))


def test_the_readers_own_address_as_the_greeting():
    # hand-written: the address where a name goes, at the very start or after « Bonjour »
    assert "texte.salutation_adresse" in ids(build(text="Bonjour sf.dupont@exemple.fr, vous avez gagné !"))
    assert "texte.salutation_adresse" in ids(build(text="sf.dupont@exemple.fr, votre offre vous attend."))
    # a notice that names the account further on, and a greeting by name, are not
    notice = "Bonjour Madame Dupont, le mot de passe du compte sf.dupont@exemple.fr a été modifié."
    assert "texte.salutation_adresse" not in ids(build(text=notice))
    assert "texte.salutation_adresse" not in ids(build(text="Bonjour, voici votre relevé."))


@pytest.mark.parametrize("sender, signal, present", [
    ("BB - Resgate 94322 <harvey1ld1@gmail.com>", "expediteur.service_grand_public", True),
    ("Marie Dupont <marie.dupont@gmail.com>", "expediteur.service_grand_public", False),
    ("Fatura Porto Seguro <fehimkapones@hotmail.com>", "expediteur.service_grand_public", True),
    ("Cabinet Martin <cabinet.martin@gmail.com>", "expediteur.service_grand_public", False),
    ("Rate Kick Home <pzqzhjp@deck.exemple.co>", "expediteur.adresse_aleatoire", True),
    ("Fidelity <hvgkodftmcykpfn@space.exemple.us>", "expediteur.adresse_aleatoire", True),
    ("Secrétariat <secretariat.schwartz@cabinet-exemple.fr>", "expediteur.adresse_aleatoire", False),
    ("Ne pas répondre <noreply@exemple.fr>", "expediteur.adresse_aleatoire", False),
    ("Test <a@tenant42.onmicrosoft.com>", "expediteur.hebergeur_gratuit", True),
    ("Rate Kick Home <l422xyao1llw@crown.exemple-maison.co>", "expediteur.adresse_aleatoire", True),
    ("Jean Dupont <jean.dupont1987@gmail.com>", "expediteur.adresse_aleatoire", False),
    ("Notifications <noreply-4f3a9b2c1d@exemple.fr>", "expediteur.adresse_aleatoire", False),
    ("Outlook account security <no-reply@outlook.com>", "expediteur.service_grand_public", False),
    ("Service facturation <facturation.client@gmail.com>", "expediteur.service_grand_public", True),
    ('"news@exemple-asso.org" <info@mail.exemple-asso.org>', "expediteur.adresse_dans_le_nom", False),
    ('"PayPal service@paypal.com" <support@exemple-douteux.com>', "expediteur.adresse_dans_le_nom", True),
    ("Cybermalveillance.gouv.fr <alerte@cybermalveillance-aide.com>", "expediteur.marque_usurpee", True),
    ("Cybermalveillance.gouv.fr <lettre@cybermalveillance.gouv.fr>", "expediteur.marque_usurpee", False),
])
def test_sender_addresses(sender, signal, present):
    assert (signal in ids(build(sender=sender))) is present


def test_bulk_mail_without_the_unsubscribe_header():
    text = "Nos offres de la semaine. Pour vous désinscrire, cliquez ici."
    assert "expediteur.envoi_en_masse_irregulier" in ids(build(text=text))
    honest = build(text=text, headers={"List-Unsubscribe": "<mailto:stop@exemple.fr>"})
    assert "expediteur.envoi_en_masse_irregulier" not in ids(honest)


@pytest.mark.parametrize("href, signal, present", [
    ("https://storage.googleapis.com/bucket/ameli.html#x", "liens.page_sur_stockage", True),
    ("https://exemple.blob.core.windows.net/photo/login.htm", "liens.page_sur_stockage", True),
    ("https://seau.s3.eu-west-3.amazonaws.com/facture.svg", "liens.page_sur_stockage", True),
    ("https://storage.googleapis.com/bucket/logo.png", "liens.page_sur_stockage", False),
    ("https://vk.com/away.php?utf=1&to=https%3A%2F%2Ftinyurl.com%2Fzz5e2u5k", "liens.raccourci", True),
    ("http://203.0.113.9/r?url=https%3A%2F%2Fwww.ameli.fr%2F", "liens.adresse_ip", True),
    ("https://cybermalveillance-aide.com/outil/Nettoyage.exe", "liens.programme", True),
    ("https://exemple-editeur.fr/maj/correctif.msi?v=2", "liens.programme", True),
    ("https://exemple-editeur.fr/notes/correctif.html", "liens.programme", False),
    ("https://exemple.fr/telechargements/linux-2026.iso", "liens.programme", False),
    ("http://[::1/outil.exe", "liens.programme", False),
    # hand-written: an archive to download (round 18), not a tarball nor a page about one
    ("https://we-transfer-fichiers.exemple/d/Ordonnance.zip", "liens.archive", True),
    ("https://exemple-editeur.fr/dl/facture-2026.RAR?x=1", "liens.archive", True),
    ("https://exemple.fr/telechargements/outil-2026.tar.gz", "liens.archive", False),
    ("https://exemple.fr/aide/archives-zip.html", "liens.archive", False),
    # hand-written: a site named only for a document service (round 19), and sites that name someone
    ("https://partage-docs-securise.com/s/7Hq2", "liens.nom_passe_partout", True),
    ("https://fileshare-docs.net/s/abc/Protocole.pdf", "liens.nom_passe_partout", True),
    ("https://www.swisstransfer.com/d/8f2c", "liens.nom_passe_partout", False),
    ("https://partage.cabinet-exemple.fr/documents", "liens.nom_passe_partout", False),
    ("https://docs-cabinet-exemple.fr/", "liens.nom_passe_partout", False),
])
def test_links_are_judged_at_every_step(href, signal, present):
    assert (signal in ids(build(html=f'<a href="{href}">Accéder</a>'))) is present


def test_redirect_chain_is_bounded_and_plain_text_tool_links_are_not_hidden_destinations():
    looping = "https://a.exemple/r?u=https://b.exemple/r?u=https://c.exemple/r?u=https://d.exemple/r?u=https://e.exemple/"
    assert len(targets(looping)) <= 4
    text = "Traduction : http://translate.google.com/translate?u=http%3A%2F%2Fwww.exemple-presse.fr%2Farticle&hl=fr"
    assert "liens.destination_cachee" not in ids(build(sender="Paul <paul@exemple.fr>", subject="Article", text=text))


@pytest.mark.parametrize("filename, present", [
    ("KyzB5otrM9nvM7mx2433.pdf", True), ("nngdddfg_yVGAuPqmSvSuZ9lCHO.pdf", True), ("sSZt7uix.pdf", True),
    ("Rapport2023Final.pdf", False), ("facture_2024-03.pdf", False), ("ordonnance.pdf", False), ("ScanDoc12.pdf", False),
    ("CR2024Mme.pdf", False),
])
def test_attachment_names_drawn_at_random(filename, present):
    found = ids(build(attachments=[(filename, b"%PDF-1.4\n%%EOF", "application", "pdf")]))
    assert ("pieces_jointes.nom_aleatoire" in found) is present


def test_a_message_that_is_only_a_clickable_image():
    html = '<a href="https://exemple-promo.com/c"><img src="https://exemple-promo.com/i.png"></a>'
    assert "texte.image_seule" in ids(build(text=" ", html=html))


@pytest.mark.parametrize("field", ["[username]", "%VORNAME%", "*|FNAME|*", "{{first_name}}"])
def test_unfilled_mail_merge_fields(field):
    assert "texte.champ_non_rempli" in ids(build(subject=f"{field}, votre offre", text=f"Bonjour {field}, voici votre offre."))


def test_the_senders_name_is_read_and_underscores_are_spaces():
    assert "contenu.urgence" in ids(build(sender="Dernier avertissement <a@exemple.com>", subject="Compte"))
    assert "contenu.trop_beau" in ids(build(subject="Vous_avez_gagné_un_coffret"))


@pytest.mark.parametrize("text, signal", [
    ("Herzlichen Glückwunsch! Sie wurden als Gewinner ausgewählt.", "contenu.trop_beau"),
    ("Ihr Konto wurde gesperrt. Bestätigen Sie Ihre Daten.", "contenu.menace"),
    ("Su cuenta ha sido suspendida. Actualice sus datos.", "contenu.menace"),
    ("Il tuo account è stato sospeso. Verifica i tuoi dati.", "contenu.identifiants"),
    ("Uw rekening wordt geblokkeerd. Bevestig uw gegevens binnen 24 uur.", "contenu.identifiants"),
    ("Parabéns! Você foi selecionado para resgatar seus pontos.", "contenu.trop_beau"),
    ("Sua conta foi bloqueada. Atualize seus dados.", "contenu.menace"),
    ("Ben je nog steeds opzoek naar een spannende afspraak?", "contenu.rencontres"),
    ("Ihr Paket konnte nicht zugestellt werden, es wird zurückgehalten. Zahlen Sie die Gebühr.", "contenu.leurres_fr"),
    ("Vos photos et vidéos seront supprimées : votre espace de stockage est plein.", "contenu.menace"),
    ("Nous avons essayé de vous joindre au sujet de votre dossier.", "contenu.urgence"),
])
def test_lures_in_other_european_languages_and_new_french_ones(text, signal):
    assert signal in ids(build(sender="Service <service@exemple-envoi.com>", subject="Information", text=text))


@pytest.mark.parametrize("text", [
    "Votre colis est disponible dans votre point relais jusqu'au 12 décembre.",
    "Je vous transmets le compte rendu par MSSanté ; la patiente a mis sa carte Vitale à jour en pharmacie.",
    "Pour toute question sur votre remboursement, appelez le secrétariat au 01 23 45 67 89.",
])
def test_french_topics_without_the_trap_stay_quiet(text):
    found = ids(build(sender="Cabinet <secretariat@cabinet-exemple.fr>", subject="Information", text=text))
    assert not found & {"contenu.leurres_fr", "contenu.rappel_telephone"}


def test_fitted_weights_two_marketing_words_are_not_a_trap_but_a_trick_with_them_is():
    """Properties of the weights fitted on the corpora (poids.toml): everyday marketing wording alone stays
    « sans danger apparent », a trick of the sender or of the links joined to it is « suspect »."""
    words = [Signal("contenu.urgence", WEAK, "x"), Signal("contenu.trop_beau", WEAK, "x")]
    assert verdict_for(words)[0] == "safe"
    assert verdict_for([*words, Signal("expediteur.reponse_ailleurs", MEDIUM, "x")])[0] == "suspicious"
    assert verdict_for([Signal("sujet.fausse_reponse", WEAK, "x")] * 2)[0] == "safe"  # one sign, repeated
    assert verdict_for([Signal("liens.destination_cachee", STRONG, "x")])[0] == "suspicious"


def test_spelling_ignores_links_addresses_and_contractions():
    text = ("It doesn't matter, we haven't seen it. " * 6 + "See http://lists.exemple.org/mailman/listinfo/config "
            "and write to alcanet-admin@exemple.org about the httpd config. ") * 3
    assert "contenu.fautes" not in ids(build(sender="Paul <paul@exemple.org>", subject="List", text=text))


def test_verdict_for_a_wordpress_account_abused_to_carry_a_crypto_lure_is_explained():
    text = ("Nome de usuário: www.exemple-btc.blogspot.is - 183342 EURO BINANCE. Para definir sua senha, visite o "
            "seguinte endereço.")
    analysis = analyse(parse_bytes(build(sender="WordPress <wordpress@exemple-loja.com>", subject="Detalhes", text=text)))
    assert {"contenu.arnaque_crypto", "contenu.mots_sensibles"} <= {s.id for s in analysis.signals}


@pytest.mark.parametrize("text, signal", [
    ("Please accept my apologies, this letter may come as a surprise. My late husband left a deposit of 4 million.", "contenu.avance_de_frais"),
    ("Bom dia, desculpe invadir sua privacidade, sei que esta carta pode surpreendê-lo.", "contenu.avance_de_frais"),
    ("Bonjour, suite au changement de nos coordonnées bancaires, merci d'utiliser notre nouveau RIB ci-joint.", "contenu.fraude_virement"),
    ("Êtes-vous disponible rapidement ? J'ai besoin d'un virement urgent et confidentiel.", "contenu.fraude_virement"),
    ("Are you available right now? I need you to buy some gift cards for a client.", "contenu.fraude_virement"),
    ("You have 24 hours to withdraw +17,794$ from your account.", "contenu.trop_beau"),
    ("Crypto investment fund: guaranteed daily payments from $1000.", "contenu.arnaque_crypto"),
])
def test_advance_fee_transfer_fraud_and_money_promises(text, signal):
    assert signal in ids(build(sender="Service <service@exemple-envoi.com>", subject="Information", text=text))


def test_punctuation_stuffed_between_words_is_read_as_spaces():
    found = ids(build(sender="-Bezorging-van.NL .ECF <a@exemple.nl>", subject="-U heeft..(1).pakket dat op bezorging-wacht...!"))
    assert "contenu.leurres_fr" in found
    assert "contenu.leurres_fr" in ids(build(subject="Vous avez (1) colis en attente de livraison"))


# round 22, written for the tests: the held parcel said as a headline without « your », and the bracketed count of
# the lure's template, in the languages of the parcel lures (neither matched before)
@pytest.mark.parametrize("subject, text", [
    ("ENVÍO DEL PAQUETE RETENIDO", "Hola, confirme la dirección de entrega en nuestra página."),
    ("Aviso de entrega", "Encomenda aguardando pagamento da taxa de importação de R$ 4,90."),
    ("Zustellung", "Ihre Sendung wurde angehalten. Bestätigen Sie die Adresse auf unserer Seite."),
    ("Bezorging", "Uw zending is tegengehouden bij het sorteercentrum. Kies een nieuw moment."),
    ("Avviso di consegna", "La spedizione è in giacenza presso il nostro deposito."),
    ("Delivery notice", "The parcel has been suspended at our depot pending an address check."),
    ("Información", "Tienes (2) paquetes esperando ser entregados."),
    ("Bezorging", "U hebt (1) pakket in de wacht."),
    ("Zustellung", "Ausgesetzte Paketlieferung: bitte bestätigen Sie Ihre Adresse."),
    ("Levering", "Levering van het opgeschorte pakket: bevestig uw adres."),
    ("Levering", "Je hebt (2) pakketten in afwachting van aflevering."),
    ("Correios", "Seu objeto foi taxado e retido pela fiscalização aduaneira."),
])
def test_held_parcels_in_other_languages(subject, text):
    assert "contenu.leurres_fr" in ids(build(sender="Envios <info@exemple-envios.com>", subject=subject, text=text))


@pytest.mark.parametrize("subject, text", [
    ("Tu pedido", "Tu paquete ha sido entregado en el punto de recogida. Gracias por tu compra."),
    ("Sua encomenda", "Sua encomenda foi entregue. Avalie a entrega no aplicativo."),
    ("Ihre Sendung", "Ihre Sendung wurde zugestellt und liegt im Briefkasten."),
    ("Je pakket", "Je pakket is bezorgd bij de buren op nummer 12."),
    ("Your order", "Your parcel was delivered to your safe place. You have 3 new messages in your account."),
])
def test_a_carriers_own_notice_in_other_languages_is_no_held_parcel(subject, text):
    assert "contenu.leurres_fr" not in ids(build(sender="Envios <info@exemple-envios.com>", subject=subject, text=text))


# round 22, written for the tests: the prize waiting, the refund pending, the payment refused and the verification
# required, in the honeypot's languages
@pytest.mark.parametrize("text, signal", [
    ("Sie gehören zu den Auserwählten unseres Sommer-Gewinnspiels.", "contenu.trop_beau"),
    ("Dein Herbstbonus wartet auf dich!", "contenu.trop_beau"),
    ("Ontgrendel nu je exclusieve beloning.", "contenu.trop_beau"),
    ("¡Usted ha recibido una recompensa!", "contenu.trop_beau"),
    ("Sua recompensa está te esperando.", "contenu.trop_beau"),
    ("Ihre Steuererstattung ist verfügbar.", "contenu.faux_remboursement"),
    ("Seu reembolso está pendente de confirmação.", "contenu.faux_remboursement"),
    ("Ihre Zahlung wurde abgelehnt.", "contenu.impaye"),
    ("Su pago ha sido rechazado.", "contenu.impaye"),
    ("Uw factuur is achterstallig.", "contenu.impaye"),
    ("Verificatie vereist voor uw account.", "contenu.urgence"),
    ("Verificação obrigatória da sua conta.", "contenu.urgence"),
])
def test_prize_refund_payment_and_verification_in_other_languages(text, signal):
    assert signal in ids(build(sender="Servicio <info@exemple-envios.com>", subject="Información", text=text))


@pytest.mark.parametrize("text", [
    "Vielen Dank für Ihre Zahlung. Die Rechnung ist beglichen.",
    "Gracias, su pago ha sido recibido.",
    "Uw betaling is gelukt; de factuur is voldaan.",
    "Unsere Sommeraktion: 20 % auf alle Zelte, nur im Laden.",
    "Sua compra foi aprovada e será enviada amanhã.",
])
def test_an_honest_payment_or_offer_in_other_languages_is_none_of_these(text):
    found = ids(build(sender="Servicio <info@exemple-envios.com>", subject="Información", text=text))
    assert not {"contenu.trop_beau", "contenu.faux_remboursement", "contenu.impaye", "contenu.urgence"} & found


def test_a_brand_claimed_in_the_text_of_a_free_mailbox():
    raw = build(sender="Paid Customer <dk0454470@gmail.com>", subject="Order 361878",
                text="PayPal Money sale receipt. Total: $ 1059.99. Questions? https://www.paypal.com/help")
    assert "expediteur.marque_depuis_boite_perso" in ids(raw)
    honest = build(sender="Julie Martin <julie.martin@gmail.com>", subject="Facture",
                   text="Bonjour, voici le lien https://paypal.me/juliemartin pour le règlement. Merci.")
    assert "expediteur.marque_depuis_boite_perso" not in ids(honest)


def test_an_organisation_named_in_the_address_of_a_free_mailbox():
    # hand-written (round 16): a « médecin-conseil » writing from a personal mailbox whose name carries the CPAM
    raw = build(sender="Dr F. Martin - Service médical <service.medical.cpam@laposte.net>", subject="Contrôle",
                text="Merci de me transmettre les comptes rendus de vos patients par simple réponse.")
    assert "expediteur.marque_depuis_boite_perso" in ids(raw)
    colleague = build(sender="Claire Dubois <claire.dubois.sf@laposte.net>", subject="Contrôle",
                      text="Merci de me transmettre les comptes rendus de vos patients par simple réponse.")
    assert "expediteur.marque_depuis_boite_perso" not in ids(colleague)


def test_the_mailbox_provider_writing_from_its_own_domain_borrows_no_mailbox():
    # hand-written (round 17): a password reset she asked for, from the provider of her mailbox itself
    own = build(sender="Orange <ne_pas_repondre@orange.fr>", subject="Réinitialisation de votre mot de passe",
                text="Orange : vous avez demandé la réinitialisation du mot de passe de votre compte.")
    assert "expediteur.marque_depuis_boite_perso" not in ids(own)
    borrowed = build(sender="Service client <assistance.client2@orange.fr>", subject="Votre compte",
                     text="Ameli : votre carte Vitale doit être mise à jour.")
    assert "expediteur.marque_depuis_boite_perso" in ids(borrowed)


def test_a_scam_family_is_a_sign_of_its_own_beside_everyday_words():
    assert verdict_for([Signal("contenu.trop_beau", WEAK, "x"), Signal("contenu.arnaque_crypto", WEAK, "x", repeated=True)])[0] == "suspicious"
    assert verdict_for([Signal("contenu.trop_beau", WEAK, "x"), Signal("contenu.urgence", WEAK, "x")])[0] == "safe"


def test_an_address_carried_in_the_query_cannot_vouch_for_the_link():
    """Only the receiver's own wrappers (Safe Links, google.com/url) are followed to judge what a link shows;
    any other site could send the reader anywhere, whatever its query carries."""
    href = "https://evil-exemple.com/r?u=https://www.ameli.fr/"
    assert "liens.destination_cachee" in ids(build(html=f'<a href="{href}">https://www.ameli.fr</a>'))
    assert "liens.marque_ailleurs" in ids(build(html=f'<a href="{href}">Mon compte Ameli</a>'))
    wrapped = "https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.ameli.fr%2F&data=x"
    assert not {"liens.destination_cachee", "liens.marque_ailleurs"} & ids(
        build(sender="Ameli <ne-pas-repondre@ameli.fr>", html=f'<a href="{wrapped}">https://www.ameli.fr</a>'))


def test_the_words_are_read_through_invisible_characters():
    subject = "Fi\u200bn\u200bal wa\u200brn\u200bing: y\u200bour ph\u200botos will be re\u200bmov\u200bed"
    found = ids(build(sender="Cloud <a@exemple.com>", subject=subject))
    assert {"texte.caracteres_invisibles", "contenu.urgence", "contenu.menace"} <= found


def test_the_words_are_read_through_borrowed_letters_but_honest_cyrillic_is_left_alone():
    text = "G\u043e\u043ed \u0430ftern\u043e\u043en. Pl\u0435\u0430s\u0435 v\u0435rify y\u043eur id\u0435ntity n\u043ew."
    assert {"texte.alphabets_melanges", "contenu.identifiants"} <= ids(build(sender="Banque <a@exemple.com>", text=text))
    assert "contenu.identifiants" not in ids(build(sender="Банк <a@exemple.ru>", text="Подтвердите ваш аккаунт сейчас."))


def test_everyone_in_hidden_copy():
    raw = build().replace(b"To: sf.dupont@exemple.fr", b"To: undisclosed-recipients:;")
    assert "expediteur.destinataires_caches" in ids(raw)
    assert "expediteur.destinataires_caches" not in ids(build())


def test_a_form_builder_link_and_the_foreign_bride_lure():
    assert "liens.hebergeur_gratuit" in ids(build(html='<a href="https://forms.yandex.com/cloud/6581/">Recevoir</a>'))
    assert "contenu.rencontres" in ids(build(text="Ontmoet prachtige Oekraïense vrouwen die op zoek zijn naar een relatie."))


LIST_HEADERS = {"List-Id": "<discussion.lists.exemple.org>", "List-Post": "<mailto:d@exemple.org>"}


def test_an_ip_address_link_is_a_sign_except_written_out_by_members_of_a_discussion_list():
    html = '<a href="http://192.0.2.10/connexion">Mon espace</a>'  # hand-written
    assert "liens.adresse_ip" in ids(build(html=html))
    # a member writes a server's address out in full: honest
    written = '<p>Le miroir est ici : <a href="http://192.0.2.10/miroir/">http://192.0.2.10/miroir/</a></p>'
    assert "liens.adresse_ip" not in ids(build(html=written, headers=LIST_HEADERS))
    # words over a numeric address hide it, in a list as anywhere (spam adds list headers to pass as one)
    assert "liens.adresse_ip" in ids(build(html=html, headers=LIST_HEADERS))


def test_a_list_id_alone_is_no_discussion_list():
    # hand-written: a discussion list gives the address to write to; a List-Id alone is any bulk sender's tag, and
    # spam copies it to get the leniency lists deserve (their footer breaks the author's signature)
    broken = "mx.exemple.fr; dkim=fail header.d=boutique-exemple.com; spf=pass smtp.mailfrom=boutique-exemple.com; dmarc=pass"
    tagged = build(sender="Boutique <promo@boutique-exemple.com>", subject="Promo",
                   headers={"List-Id": "<promo.boutique-exemple.com>", "Authentication-Results": broken})
    assert "authentification.dkim" in ids(tagged)
    listed = build(sender="Boutique <promo@boutique-exemple.com>", subject="Promo",
                   headers={**LIST_HEADERS, "Authentication-Results": broken})
    assert "authentification.dkim" not in ids(listed)


def test_a_page_among_the_files_of_a_site_builder():
    html = '<a href="https://exemple.filesusr.com/ugd/abc_123.pdf">Consulter le document</a>'  # hand-written
    assert "liens.hebergeur_gratuit" in ids(build(sender="Banque <b@exemple-banque.fr>", html=html))
    # a web page among those files is a page anyone uploaded, as on any file storage
    page = '<a href="https://a1b2c3.filesusr.com/html/0123_abcdef.html">Accéder au formulaire</a>'  # hand-written
    assert "liens.page_sur_stockage" in ids(build(sender="Banque <b@exemple-banque.fr>", html=page))


def test_a_brand_claimed_in_the_subject_of_a_free_mailbox():
    raw = build(sender="saj sfh <sajsfh2346@gmail.com>", subject="Norton antivirus no. 4611",  # hand-written
                text="Hello, your subscription has been renewed.")
    assert "expediteur.marque_depuis_boite_perso" in ids(raw)


@pytest.mark.parametrize("text, present", [
    ("Casino du Soleil : 200 free spins et un bonus sans dépôt pour votre inscription !", True),
    ("Vos courses chez Casino : 10 % de remise sur les fruits cette semaine.", True),  # one word: a weak sign only
    ("Bonjour, le cabinet sera fermé jeudi. Bonne journée.", False),
])
def test_online_gambling_promotions(text, present):
    analysis = analyse(parse_bytes(build(sender="Offres <offres@exemple-jeux.com>", subject="Offre", text=text)))
    found = {s.key for s in analysis.signals}
    assert ("contenu.jeux_argent" in found or "contenu.jeux_argent+" in found) is present  # hand-written texts
    if "contenu.jeux_argent" in found:
        assert analysis.verdict == "safe"  # « Casino » alone is also a supermarket


def test_a_phrase_of_the_lexicon_stays_within_its_sentence():
    honest = "Votre nouvelle carte Vitale a été envoyée à votre domicile. Dès réception, pensez à la mettre à jour en pharmacie."
    assert "contenu.leurres_fr" not in ids(build(text=honest, sender="A <a@exemple.fr>"))  # hand-written
    lure = "Votre carte Vitale doit être mise à jour avant le 30, sinon vos droits seront suspendus."
    assert "contenu.leurres_fr" in ids(build(text=lure, sender="A <a@exemple.fr>"))


def test_a_warning_about_a_scam_is_not_read_as_the_scam():
    warning = ("Attention : de faux messages demandent de mettre à jour votre carte Vitale contre des frais de 1,90 €. "
               "Ne cliquez pas sur ces liens.")  # hand-written
    found = ids(build(text=warning, sender="Assurance Maladie <info@assurance-maladie.fr>", subject="Information"))
    assert not {"contenu.leurres_fr", "contenu.scenario_piege"} & found


@pytest.mark.parametrize(("sender", "name", "address"), [
    ("Microsoft account team ,_<sig1w@ddmq4myd9v.com>", "Microsoft account team", "sig1w@ddmq4myd9v.com"),
    ("Amazon Gutschein, <service@exemple-gutschein.de>", "Amazon Gutschein", "service@exemple-gutschein.de"),
])
def test_a_name_cut_from_its_address_by_a_comma_names_the_real_address(sender, name, address):
    # hand-written senders in the form seen in real spam: Gardien named « microsoft » as the sender's address
    mail = parse_bytes(f"From: {sender}\nTo: vous@exemple.fr\nSubject: Compte\n\nBonjour.\n".encode())
    assert (mail.from_name, mail.from_address) == (name, address)
    found = {s.id: s for s in find_signals(mail)[0]}
    assert address in found["expediteur.adresse_invalide"].message and "virgule" in found["expediteur.adresse_invalide"].message
    quoted = parse_bytes(b'From: "Dupont, Marie" <m.dupont@exemple.fr>\nSubject: RDV\n\nBonjour.\n')
    assert (quoted.from_name, quoted.from_address, quoted.from_split_by_comma) == ("Dupont, Marie", "m.dupont@exemple.fr", False)


# Round 5 of issue 16: signs of bulk scam mail that honest bulk mail does not carry. Hand-written examples.
UNSUBSCRIBE_ELSEWHERE = ('<p>Profitez de -50 % sur nos montres.</p><a href="https://montres-exemple.shop/offre">Voir</a>'
                         '<a href="https://regie-exemple.net/unsub?id=42">Se désinscrire</a>')


def test_an_unsubscribe_link_to_another_site_than_the_senders():
    found = ids(build(sender="Montres <promo@montres-exemple.shop>", subject="Offre", html=UNSUBSCRIBE_ELSEWHERE))
    assert "liens.desinscription_ailleurs" in found


@pytest.mark.parametrize("sender, html, headers", [
    # the sender's own site
    ("Librairie <lettre@librairie-exemple.fr>",
     '<a href="https://www.librairie-exemple.fr/desinscription?u=1">Se désinscrire</a>', {}),
    # its sending service (a tracker of a known provider)
    ("Librairie <lettre@librairie-exemple.fr>", '<a href="https://exemple.list-manage.com/unsubscribe?u=1">Unsubscribe</a>', {}),
    # a discussion list's footer leads to the list's server, not the author's
    ("Marie Dupont <marie@exemple.fr>", '<a href="https://lists.exemple.org/options/liste">Unsubscribe</a>', LIST_HEADERS),
])
def test_an_unsubscribe_link_of_the_sender_its_sending_service_or_its_list_is_honest(sender, html, headers):
    assert "liens.desinscription_ailleurs" not in ids(build(sender=sender, subject="Lettre", html=html, headers=headers))


def test_a_forwarded_newsletter_keeps_the_unsubscribe_link_of_its_first_sender():
    # hand-written: a colleague passes on a newsletter from her own mailbox
    forwarded = build(sender="Marie Dupont <marie.dupont@gmail.com>", subject="TR: Lettre de l'Ordre", html=(
        "<p>Pour info.</p><p>---------- Message transféré ---------</p><p>Les nouvelles de l'Ordre.</p>"
        '<a href="https://www.ordre-exemple.fr/desinscription?u=1">Se désinscrire</a>'))
    assert "liens.desinscription_ailleurs" not in ids(forwarded)


def test_a_known_sending_service_that_signed_answers_for_its_customers_unsubscribe_page():
    # hand-written: a campaign sent and signed by SendGrid, whose unsubscribe page is on the campaign's own site
    signed = {"Authentication-Results": "mx.exemple.fr; dkim=pass header.d=sendgrid.net; spf=pass smtp.mailfrom=sendgrid.net; dmarc=none"}
    html = '<a href="https://www.candidat-exemple.org/unsubscribe">Unsubscribe</a>'
    raw = build(sender="Campagne <contact@campagne-exemple.com>", subject="Lettre", html=html, headers=signed)
    assert "liens.desinscription_ailleurs" not in ids(raw)


def test_an_advert_typed_where_the_greeting_puts_a_name():
    # hand-written: what an account form sends when a crook typed his advert as the name
    advert = "Bonjour ✅ +1 250 € ➡️ gain-exemple.xyz/ab12, voici votre code de confirmation : 482 913."
    found = ids(build(sender="Service <no-reply@service-exemple.fr>", subject="Code", text=advert))
    assert "texte.publicite_dans_le_nom" in found
    assert "texte.publicite_dans_le_nom" in ids(build(text="Hi +$4,811 today, your code is 1234."))
    assert "texte.publicite_dans_le_nom" in ids(build(text="Hello exemple-gain.top/x7Rq, your code is 1234."))


@pytest.mark.parametrize("text", [
    "Bonjour Marie, voici votre code de confirmation : 482 913.",
    "Bonjour et merci pour votre commande de 45,90 € sur librairie-exemple.fr/commandes.",
    "Bonjour, votre remboursement de 23,00 € a été versé.",
    "Bonjour Dr Martin, la réunion se tiendra au 12 rue des Lilas.",
    "Hello 50 € offered today, Marie.",  # a clumsy offer, not an advert typed into a name field
])
def test_a_name_or_a_sentence_after_the_greeting_is_no_advert(text):
    assert "texte.publicite_dans_le_nom" not in ids(build(sender="Service <s@service-exemple.fr>", subject="Info", text=text))


def test_random_letter_padding():
    padding = "qwzrtplkmnbvcxsdfghjaeoiuyzxwvtrpqmnbvcxlkjhgf"  # hand-written: typed at random
    found = ids(build(sender="Offre <o@offre-exemple.com>", subject="Offre", text=f"{padding}\nVotre offre vous attend."))
    assert "texte.remplissage_aleatoire" in found
    # long addresses, codes and a long but real word are not padding
    honest = ("Lien : https://exemple.fr/desinscriptiondelaliste/confirmationdefinitivedevotredemande "
              "Rechtsschutzversicherungsgesellschaften anticonstitutionnellement")
    assert "texte.remplissage_aleatoire" not in ids(build(sender="Asso <a@asso-exemple.fr>", subject="Lettre", text=honest))


def test_a_number_to_call_written_with_its_groups_in_brackets():
    """Hand-written fake renewal: the number to call is cut into bracketed groups (« +1 (808) (555) - (0142) »), the
    way the honeypot's fake invoices write it so that a filter does not read it as a number."""
    text = ("Your 12 months subscription has been renewed. Price: $746.25. If you wish to cancel this subscription "
            "then please contact our billing department as soon as possible * You can reach us on +1 (808) (555) - (0142)")
    assert "contenu.rappel_telephone" in ids(build(sender="Billing <billing@exemple-envoi.com>", subject="Receipt", text=text))


@pytest.mark.parametrize("text, present", [
    ("Wager BTC on our provably fair dice game and climb the wagering contest leaderboard.", True),
    ("Take a look at your Monthly Contest stats: your total wagering volume is 0.00000000 BTC.", True),
    ("I would wager the meeting runs late again; see you on Monday.", False),
])
def test_wagering_is_the_word_of_gambling_sites(text, present):
    found = ids(build(sender="Offres <offres@exemple-jeux.com>", subject="Contest", text=text))  # hand-written texts
    assert bool(found & {"contenu.jeux_argent", "contenu.jeux_argent+"}) is present
