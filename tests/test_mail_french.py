"""French lures read as a practitioner reads them: the text of a mail as seen on screen, pasted without its source.

Every text below is hand-written for these tests (none is copied from a corpus): one per scam family of issue 16,
in the words such messages use, and honest French messages on the same topics that must stay quiet.
"""

from __future__ import annotations

import pytest

from gardien.mail import domains
from gardien.mail.analyze import PASTED_NOTE, analyse
from gardien.mail.pasted import parse_text, shown_header

# hand-written for the tests: (family expected, text as pasted)
LURES = [
    ("contenu.faux_remboursement", "Assurance Maladie\nBonjour, après vérification de vos derniers soins, une somme de 86,40 € "
     "reste à vous verser. Afin de la recevoir, merci de confirmer vos coordonnées bancaires avant le 12/05. Passé ce délai, "
     "le remboursement sera annulé."),
    ("contenu.leurres_fr", "Votre carte Vitale arrive à expiration le 30/06. Commandez dès aujourd'hui votre nouvelle carte Vitale "
     "en ligne, frais d'envoi 1,90 €. Cliquez ici."),
    ("contenu.fausse_autorite", "DIRECTION GÉNÉRALE DES FINANCES PUBLIQUES\nAvis de notification fiscale : suite à un contrôle, "
     "une fraude fiscale a été constatée à votre encontre. Vous disposez de 48 heures pour régler la somme de 2 340 € ; "
     "à défaut, vous risquez des poursuites et une peine de prison."),
    ("contenu.fausse_autorite", "Gendarmerie nationale - Convocation judiciaire. Madame, Monsieur, une enquête pour "
     "pédopornographie a été ouverte à votre nom. Répondez sous 72 heures à ce courriel."),
    ("contenu.fausse_autorite", "Cybermalveillance.gouv.fr : vous avez été victime d'une escroquerie en ligne. Notre service "
     "peut récupérer vos fonds ; des frais de dossier de 150 € sont à régler."),
    ("contenu.leurres_fr", "Colissimo : votre colis n'a pas pu être livré, adresse incomplète. Reprogrammez votre livraison "
     "et réglez les frais de réexpédition de 2,15 €."),
    ("contenu.leurres_fr", "Avis de contravention. Vous avez une amende à payer pour stationnement. Réglez votre amende de 35 € "
     "avant majoration."),
    ("contenu.impaye", "Votre facture d'électricité de mars reste impayée. Sans régularisation sous 72 heures, votre fourniture "
     "sera interrompue. Régler ma facture."),
    ("contenu.faux_conseiller", "Crédit Mutuel - Alerte. Une activité inhabituelle a été détectée sur votre compte. Un conseiller "
     "anti-fraude va vous contacter : suivez ses instructions pour sécuriser vos fonds sur un compte de sécurité."),
    ("contenu.faux_conseiller", "Activation obligatoire de votre Sécur'Pass avant le 15 : sans cette activation, l'accès à votre "
     "banque en ligne sera bloqué."),
    ("contenu.fraude_virement", "Bonjour, suite au changement de notre banque, merci d'effectuer vos prochains règlements sur "
     "notre nouveau RIB ci-joint. Le service comptabilité."),
    ("contenu.fraude_virement", "Es-tu disponible rapidement ? J'ai besoin que tu fasses un virement urgent et confidentiel "
     "pour un dossier en cours. Je t'expliquerai. Le directeur"),
    ("contenu.sextorsion", "J'ai piraté votre ordinateur et j'ai enregistré une vidéo de vous devant des sites pour adultes. "
     "Versez 900 € en bitcoin sous 48 heures, sinon j'envoie la vidéo à tous vos contacts."),
    ("contenu.leurres_fr", "Mon Compte Formation : vos droits CPF de 1 200 € expirent bientôt. Utilisez-les avant la fin du mois "
     "pour ne pas les perdre."),
    ("contenu.rappel_telephone", "Confirmation de renouvellement de votre abonnement antivirus pour 3 ans. Montant prélevé : "
     "399,99 €. Si vous n'avez pas effectué ce paiement, appelez notre service client au 01 84 88 00 00."),
    ("contenu.avance_de_frais", "Maître Durand, notaire. Vous figurez parmi les bénéficiaires de la succession de M. Petit, décédé "
     "sans héritier direct. Des frais de dossier de 980 € sont nécessaires pour le transfert."),
]

# hand-written for the tests: honest French mail on the same topics, as a practice receives it
HONEST = [
    "Bonjour, votre relevé de remboursements de mars est disponible dans votre compte ameli. Bonne journée.",
    "Bonjour, vous trouverez ci-joint la facture de février, réglée par prélèvement le 5 mars. Cordialement, le cabinet comptable.",
    "Votre colis est en cours de livraison et arrivera demain entre 9 h et 13 h. Suivez-le sur le site du transporteur.",
    "Chère consœur, je t'adresse la patiente Mme R. pour le suivi post-natal. Sa carte Vitale est à jour. Amitiés.",
    "Bonjour, nous avons bien reçu votre règlement du loyer de mars. Merci. L'agence.",
    "Rappel : la formation sur l'allaitement a lieu jeudi à 14 h. Pensez à vos droits CPF pour la prochaine session.",
    "Bonjour, si vous n'êtes pas à l'origine de cette connexion, changez votre mot de passe depuis votre espace client.",
]


@pytest.mark.parametrize("family, text", LURES)
def test_each_french_scam_family_is_recognised_in_its_own_words(family, text):
    analysis = analyse(parse_text(text))
    assert family in {s.id for s in analysis.signals}, [s.id for s in analysis.signals]
    assert analysis.verdict in ("suspicious", "dangerous")


@pytest.mark.parametrize("text", HONEST)
def test_honest_french_mail_on_the_same_topics_stays_quiet(text):
    analysis = analyse(parse_text(text))
    assert analysis.verdict not in ("suspicious", "dangerous"), [s.id for s in analysis.signals]


def test_quoted_phrases_keep_their_accents_and_french_apostrophes():
    text = "Votre carte Vitale arrive à expiration : commandez d’urgence votre nouvelle carte Vitale, réglez 1,90 €."
    found = " ".join(s.message for s in analyse(parse_text(text)).signals)
    assert "« votre carte vitale arrive à expiration »" in found.lower() or "arrive à expiration" in found
    assert "arrive a expiration" not in found


def test_a_pasted_text_says_that_only_the_words_were_judged():
    analysis = analyse(parse_text("Bonjour, voici le compte rendu de la réunion de jeudi. Bonne soirée à toutes."))
    assert analysis.pasted and "en-têtes" in PASTED_NOTE and analysis.verdict == "safe"


def test_a_very_short_pasted_text_cannot_be_called_harmless():
    analysis = analyse(parse_text("Cher client"))
    assert analysis.verdict == "incomplete"


@pytest.mark.parametrize("text, name, address, subject", [
    ("De : Assurance Maladie <remboursement@ameli-exemple.com>\nObjet : Remboursement en attente\n\nBonjour",
     "Assurance Maladie", "remboursement@ameli-exemple.com", "Remboursement en attente"),
    ("From: service@exemple-colis.cc\nSubject: Avis !\n\nBonjour", "", "service@exemple-colis.cc", "Avis !"),
    ("---------- Forwarded message ---------\nDe : Banque Exemple Info.banque@gmail.com\nDate: lun. 3 mars\nObjet : Alerte",
     "Banque Exemple", "info.banque@gmail.com", "Alerte"),
    ("Alertes <alertes@exemple.com.br>\nObjet: Paiement réussi", "Alertes", "alertes@exemple.com.br", "Paiement réussi"),
])
def test_the_sender_and_subject_shown_on_screen_are_read(text, name, address, subject):
    shown = shown_header(text)  # hand-written for the tests
    assert (shown.name, shown.address, shown.subject) == (name, address, subject)


def test_a_quoted_reply_further_down_is_not_taken_for_the_sender():
    text = "Merci pour votre retour.\n\nCordialement\n\n> From: r@b\n> Subject: x\n" + "texte\n" * 10
    assert shown_header(text) is None


def test_the_sender_shown_in_a_pasted_text_is_judged():
    text = ("De : Direction générale des Finances publiques <service@dgfip-exemple-impots.com>\nObjet : Votre dossier\n\n"
            "Madame, Monsieur, merci de nous transmettre une copie de votre pièce d'identité.")  # hand-written for the tests
    found = {s.id for s in analyse(parse_text(text)).signals}
    assert {"expediteur.marque_usurpee", "expediteur.domaine_imite"} <= found


def test_an_address_written_without_www_is_read_as_a_link():
    # hand-written: an SMS-like lure writes its look-alike address bare, as it is shown
    analysis = analyse(parse_text("Votre colis est bloqué au centre de tri. Suivi : laposte-suivi-colis.info"))
    assert "liens.site_imite" in {s.id for s in analysis.signals}
    assert analysis.verdict in ("suspicious", "dangerous")


@pytest.mark.parametrize("text", [
    "Écrivez à marie.dupont@laposte-exemple.fr pour le planning.",  # the domain of an e-mail address
    "Le compte rendu est dans compte-rendu.pdf, et Mail.app l'ouvre.",  # a file, a program
    "Le document est sur laposte.fr, rubrique suivi.",  # the official site itself
])
def test_what_is_no_look_alike_link_stays_quiet(text):
    # hand-written for the tests
    assert "liens.site_imite" not in {s.id for s in analyse(parse_text(text)).signals}


def test_written_links_are_found_in_a_plain_mail_too():
    from gardien.mail.message import written_links

    hrefs = [link.href for link in written_links("Voir exemple-suivi.info/colis, www.exemple.fr et https://a.exemple.com/x.")]
    assert hrefs == ["http://exemple-suivi.info/colis", "http://www.exemple.fr", "https://a.exemple.com/x"]
    assert written_links("Mail.app, rapport.pdf, jean@exemple.fr") == []


@pytest.mark.parametrize("text", [
    "Le titulaire d'une carte Vitale peut la mettre à jour dans une pharmacie.",
    "Votre carte Vitale a été mise à jour lors de votre passage en pharmacie.",
])
def test_a_carte_vitale_notice_is_no_lure(text):
    # hand-written: what Ameli and pharmacies say; the lure is a card to renew or update from the message
    assert "contenu.leurres_fr" not in {s.id for s in analyse(parse_text(text)).signals}
    assert "contenu.leurres_fr" in {s.id for s in analyse(parse_text("Votre carte Vitale doit être mise à jour.")).signals}


def _signals(text: str) -> set[str]:
    return {s.id for s in analyse(parse_text(text)).signals}


def test_round_8_a_lure_topic_in_a_notice_that_sends_her_to_the_official_site_is_the_notice_s():
    # hand-written: a carrier's honest customs notice; the lure's words, but only the carrier's own site to pay on
    notice = ("DHL Express – Droits et taxes à régler pour votre envoi 48XXXXXX21. Des droits de 38,72 € sont dus. "
              "Vous pouvez régler ce montant en ligne sur https://mydhl.express.dhl/fr, ou au livreur.")
    assert "contenu.leurres_fr" not in _signals(notice)
    assert analyse(parse_text(notice)).verdict == "safe"
    # the same words with a way of its own are the lure
    assert "contenu.leurres_fr" in _signals(notice.replace("https://mydhl.express.dhl/fr", "https://dhl-droits.info"))


def test_round_8_a_reminder_is_not_read_as_a_request():
    # hand-written: a bank's card renewal reminds her to update her subscriptions, in her own time
    reminder = ("Votre carte arrive à échéance. Pensez ensuite à mettre à jour vos informations de carte auprès des "
                "services où vous l'avez enregistrée.")
    assert "contenu.identifiants" not in _signals(reminder)
    assert "contenu.identifiants" in _signals("Votre carte arrive à échéance : il faut mettre à jour vos informations de "
                                              "carte.")


def test_round_8_an_archive_whose_password_the_message_gives():
    # hand-written: the trick of an encrypted ZIP attachment, told in words
    lure = ("Veuillez trouver ci-joint votre facture. Le fichier est compressé pour des raisons de sécurité, le mot de "
            "passe est : 2026\nPièce jointe : Facture_1187.zip")
    assert "texte.archive_protegee" in _signals(lure)
    assert "texte.archive_protegee" in _signals("Voici mes résultats : Resultats.zip (mot de passe : 2025)")
    # the honest way: the password is given by another means
    assert "texte.archive_protegee" not in _signals(
        "Je vous envoie le dossier en archive Resultats.zip ; le mot de passe vous sera donné par SMS.")


@pytest.mark.parametrize(("text", "signal"), [
    # hand-written for the tests (round 8): scam families the blind writer's lures showed missing
    ("Pour accéder au document, utilisez vos identifiants de messagerie professionnelle.", "contenu.identifiants"),
    ("Pour ouvrir le dossier, identifiez-vous avec votre adresse e-mail et votre mot de passe.", "contenu.identifiants"),
    ("Vos missions : recevoir les virements de nos clients sur votre compte personnel et conserver une commission "
     "de 10 % sur chaque opération.", "contenu.mule"),
    ("Depuis que j'ai découvert cette plateforme de trading, j'ai gagné 4 700 € sans rien faire.", "contenu.arnaque_crypto"),
    ("Je vous contacte au sujet de feu M. Lemarchand, qui a laissé un dépôt de 4 500 000 €. Vous portez le même nom "
     "que le défunt : présentez-vous comme son héritier et nous partagerons la somme.", "contenu.avance_de_frais"),
])
def test_round_8_scam_families(text, signal):
    assert signal in _signals(text)


def test_round_8_honest_words_near_those_families_stay_quiet():
    # hand-written: a migration notice, a commission of a real seller, a deceased patient's file
    assert "contenu.identifiants" not in _signals("Lundi, ouvrez Outlook comme d'habitude : le mot de passe de votre "
                                                  "messagerie ne change pas.")
    assert "contenu.mule" not in _signals("La plateforme prélève une commission de 3 % sur chaque vente.")
    assert "contenu.avance_de_frais" not in _signals("Le dossier de feu M. Martin a été transmis à son médecin traitant.")


def test_round_14_a_gift_card_fraud_says_whom_to_call_back_and_no_lesson_on_mssante():
    # hand-written after the walkthrough: the fake colleague's gift cards, from a free mailbox, naming a patient
    fraud = ("De : Dr Claire Fontaine <claire.fontaine.medecin@gmail.com>\nObjet : urgent\n\nEs-tu disponible ? Je suis en "
             "réunion et je ne peux pas téléphoner. Peux-tu acheter 4 cartes cadeaux Google Play de 100 euros pour un "
             "patient ? Envoie-moi les codes par retour de mail.")
    analysis = analyse(parse_text(fraud))
    assert analysis.verdict in ("suspicious", "dangerous")
    scenario = next(s for s in analysis.signals if s.id == "contenu.scenario_piege")
    assert "appelez la personne à un numéro que vous aviez déjà" in scenario.message
    assert "sante.messagerie_grand_public" not in {s.id for s in analysis.signals}


def test_round_14_an_alert_on_any_account_is_not_sent_to_the_bank():
    # hand-written: a fake Google sign-in alert; the advice fits any account, not only a bank's
    alert = _signals("Connexion inhabituelle détectée sur votre compte Google. Vérifiez votre identité sous 24 heures.")
    assert "contenu.faux_conseiller" in alert
    message = next(s.message for s in analyse(parse_text(
        "Connexion inhabituelle détectée sur votre compte Google. Vérifiez votre identité sous 24 heures.")).signals
        if s.id == "contenu.faux_conseiller")
    assert "appelez vous-même votre banque" not in message and "l'organisme" in message


def test_round_14_personal_data_in_her_name_is_no_gift():
    # hand-written: « données » starts with « don », which the advance-fee phrase « un don … à votre nom » names
    assert "contenu.avance_de_frais" not in _signals("Vos données de santé restent enregistrées à votre nom dans le dossier.")
    assert "contenu.avance_de_frais" in _signals("Un don de 850 000 € a été enregistré à votre nom par la fondation.")


def test_round_8_a_person_s_scam_is_checked_by_calling_that_person_back():
    # hand-written (the walkthrough's fake boss): no organisation's site to go to, a person to call back
    boss = ("Je suis en réunion et ne peux pas téléphoner. J'ai besoin que tu fasses un virement urgent de 8 750 euros "
            "aujourd'hui. C'est strictement confidentiel, n'en parle à personne.")
    scenario = next(s for s in analyse(parse_text(boss)).signals if s.id == "contenu.scenario_piege")
    assert "appelez la personne à un numéro que vous aviez déjà" in scenario.message
    assert "passez par son site" not in scenario.message
    refund = ("Un remboursement de 120 € vous attend. Confirmez vos coordonnées bancaires sous 48 heures pour le "
              "recevoir, sinon votre dossier sera clôturé.")
    scenario = next(s for s in analyse(parse_text(refund)).signals if s.id == "contenu.scenario_piege")
    assert "passez par le site ou l'application habituels" in scenario.message


@pytest.mark.parametrize(("text", "signal"), [
    # hand-written for the tests (round 9): what the blind writer's batch 12 showed missing, in other words
    ("Le questionnaire nécessite la communication de vos identifiants de connexion à votre logiciel de cabinet.",
     "contenu.identifiants"),
    ("Merci de nous renvoyer la fiche d'inscription complétée. Son retour vaut adhésion à notre service pour deux ans.",
     "contenu.engagement_cache"),
    ("Sans retour de votre part sous 8 jours, l'absence de réponse vaut acceptation du renouvellement annuel.",
     "contenu.engagement_cache"),
])
def test_round_9_scam_families(text, signal):
    assert signal in _signals(text)


def test_round_9_honest_words_near_those_families_stay_quiet():
    # hand-written: a quote she asked for, a password reset she made herself
    assert "contenu.engagement_cache" not in _signals("Vous trouverez notre devis ci-joint ; le devis signé vaut bon de "
                                                      "commande.")
    assert "contenu.identifiants" not in _signals("La saisie de votre mot de passe se fait uniquement sur notre site.")


def test_round_9_a_pasted_text_s_attachment_is_judged_by_its_name():
    # hand-written: what a mail app shows under the text; the same rule as for a real attachment
    lure = analyse(parse_text("Bonjour, votre relevé d'honoraires est disponible.\n\nPièce jointe : Releve_honoraires.pdf.htm (18 Ko)"))
    assert {"pieces_jointes.page_web", "pieces_jointes.double_extension"} <= {s.id for s in lure.signals}
    assert lure.verdict == "dangerous"
    honest = analyse(parse_text("Bonjour, voici le compte rendu de la réunion.\n\nPJ : CR_reunion_MSP.pdf ; Planning.xlsx"))
    assert not {s.id for s in honest.signals} & {"pieces_jointes.page_web", "pieces_jointes.double_extension"}


def test_round_9_a_password_written_as_is_beside_an_archive():
    # hand-written: the password given without a colon, the archive named on the attachment line
    assert "texte.archive_protegee" in _signals("Voici mon bilan. Le mot de passe est 7391.\nPJ : Bilan_sanguin.zip")
    assert "texte.archive_protegee" not in _signals("Vos résultats sont joints (Resultats.zip) ; le mot de passe est votre "
                                                    "date de naissance.")


def test_round_9_what_the_scenario_tells_is_not_told_again():
    # hand-written (the walkthrough's fake adviser, reworded): the scenario already says « vous presse » and « vous fait
    # appeler un numéro »; the urgency and call-back families count in the score but are not told twice
    lure = analyse(parse_text("Madame, un virement de 1 980 € vers un compte en Lituanie attend votre validation. Si vous "
                              "n'êtes pas à l'origine de cette opération, appelez immédiatement le 01 84 80 55 21 pour la "
                              "bloquer. Urgent : sans appel de votre part sous 2 heures, l'opération sera exécutée."))
    told = [s.id for s in lure.reasons + lure.remarks]
    assert "contenu.scenario_piege" in told
    assert "contenu.urgence" not in told and "contenu.rappel_telephone" not in told
    assert "contenu.urgence" in {s.id for s in lure.signals}  # still weighed
    scenario = next(s for s in lure.signals if s.id == "contenu.scenario_piege")
    assert "argent qui vous attend" not in scenario.message  # the money leaves her account, none waits for her


def test_round_9_brands_in_capitals_are_written_so():
    assert domains.brand_label("bnp paribas") == "BNP Paribas"
    assert domains.brand_label("ordre des sages-femmes") == "Ordre des Sages-femmes"


def test_round_19_a_brand_found_without_its_accent_is_named_with_it():
    # walkthrough, round 19: « se présente comme « Credit Agricole » » while the mail wrote « Crédit Agricole »
    assert [domains.brand_label(b) for b in domains.brands_in("CREDIT AGRICOLE Alpes Provence")] == ["Crédit Agricole"]
    assert [domains.brand_label(b) for b in domains.brands_in("Crédit Mutuel")] == ["Crédit Mutuel"]


def test_round_19_a_security_alarm_is_not_told_as_an_operation_it_does_not_mention():
    # hand-written, after the walkthrough: an access « suspendu » is no « opération suspecte »
    lure = analyse(parse_text("Suite à une mise à jour de sécurité, votre accès sera suspendu sous 24 heures si vous ne "
                              "confirmez pas vos informations."))
    alarm = next(s for s in lure.signals if s.id == "contenu.faux_conseiller")
    assert "signale une opération ou une connexion suspecte" not in alarm.message
    assert "accès bloqué ou suspendu" in alarm.message


def test_round_11_the_health_ministry_s_own_domain_is_no_copy_of_esante():
    # hand-written: a regional health agency's bulletin names its site under sante.fr
    bulletin = "L'ARS publie le bulletin de la semaine sur www.bretagne.ars.sante.fr, avec les recommandations de la HAS."
    assert "liens.site_imite" not in _signals(bulletin)
    assert domains.lookalike("esante-gouv.fr")  # a copy of esante.gouv.fr is still one


def test_round_11_an_update_asked_in_her_own_account_only_is_no_request_for_her_codes():
    # hand-written: the notice sends her to a place of her usual account and gives no way of its own
    notice = ("Objet : Mise à jour de vos informations\n\nMadame, nous vous remercions de bien vouloir mettre à jour les "
              "informations de votre activité. Connectez-vous à votre espace client habituel, depuis l'application, puis "
              "ouvrez la rubrique « Mes documents ». À faire avant le 31 décembre.")
    assert "contenu.identifiants" not in _signals(notice)
    lure = notice.replace("Connectez-vous à votre espace client habituel, depuis l'application, puis ouvrez la rubrique "
                          "« Mes documents ».", "Cliquez ici : https://maj-dossier-client.com")
    assert "contenu.identifiants" in _signals(lure)


def test_round_11_documents_she_may_also_send_by_post_are_asked_her_own_way():
    # hand-written: a pension fund asking for missing documents, online or by post
    notice = ("Madame, afin d'étudier vos droits, merci de nous adresser votre certificat d'arrêt de travail. À défaut de "
              "réception sous 30 jours, votre dossier sera classé sans suite. Vous pouvez le transmettre depuis votre "
              "espace adhérent ou par courrier.")
    assert "contenu.scenario_piege" not in _signals(notice)
    assert "contenu.scenario_piege" in _signals(notice.replace(" ou par courrier", " : https://espace-adherent-dossier.com"))


def test_round_12_a_call_announced_by_the_bank_s_fraud_service_is_the_fake_adviser():
    # hand-written: how the fake adviser prepares his call; a bank's own warning names that service too
    lure = ("Une tentative de paiement de 450 € a été bloquée. Un conseiller de notre service fraude va vous appeler dans "
            "l'heure, merci de rester joignable.")
    assert "contenu.faux_conseiller" in {s.id for s in analyse(parse_text(lure)).signals}
    warning = ("Des escrocs se font passer pour le service fraude de votre banque : raccrochez et rappelez votre agence au "
               "numéro habituel.")
    assert "contenu.faux_conseiller" not in {s.id for s in analyse(parse_text(warning)).signals}


def test_round_12_an_ordre_under_its_full_name_from_a_free_mailbox_is_an_impersonation():
    # hand-written: the name a fake Ordre letter signs with
    for name in ("Ordre National des Infirmiers", "Ordre national des masseurs-kinésithérapeutes", "Ordre des kinésithérapeutes"):
        mail = parse_text(f"De : {name} <cotisation.ordre@gmail.com>\nObjet : Cotisation\n\n"
                          "Bonjour, votre cotisation annuelle est à régler avant la fin du mois sur votre espace.")
        assert "expediteur.marque_usurpee" in {s.id for s in analyse(mail).signals}, name


def test_round_14_the_fake_sender_is_told_once():
    # hand-written (walkthrough, round 14): the display name's brand and the look-alike address are one fact
    lure = ("De : Ameli <remboursement@ameli-exemple.com>\nObjet : Remboursement\n\nVotre carte Vitale arrive à "
            "expiration. Commandez votre nouvelle carte Vitale, frais d'envoi 1,90 €.")
    analysis = analyse(parse_text(lure))
    assert "expediteur.marque_usurpee" in {s.id for s in analysis.reasons}
    assert "expediteur.domaine_imite" not in {s.id for s in analysis.reasons + analysis.remarks}


def test_round_17_online_access_suspended_is_no_unpaid_bill():
    # hand-written (walkthrough, round 17): a bank « revalidation » lure names no bill, no payment, no rent
    lure = ("Cher client, votre accès en ligne sera suspendu sous 48 heures si vous ne revalidez pas votre compte. "
            "L'accès à vos comptes sera suspendu.")
    assert "contenu.impaye" not in {s.id for s in analyse(parse_text(lure)).signals}
    bill = "Votre facture de téléphone reste impayée : votre ligne sera suspendue sous 72 heures."
    assert "contenu.impaye" in {s.id for s in analyse(parse_text(bill)).signals}


def test_round_24_keeping_ones_password_is_a_request_to_type_it_not_a_threat():
    # hand-written: the « keep your current password » lure (fresh-install review: it was told as a sanction)
    text = ("Le mot de passe de votre messagerie expire aujourd'hui. Pour conserver votre mot de passe actuel, cliquez "
            "sur le bouton ci-dessous et saisissez-le. Le service informatique")
    found = {s.id: s.message for s in analyse(parse_text(text)).signals}
    assert "conserver votre mot de passe" in found.get("contenu.identifiants", "")
    assert "conserver" not in found.get("contenu.menace", "")
