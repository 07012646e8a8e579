"""French lures recognised by their scenario (intentions.py): word families meeting in a sentence, whatever the
wording or the spelling. Every text here is hand-written for these tests (no corpus text); the larger hand-written
development set lives in tests/data/mail_fr (see tests/mail_fr_dev.py)."""

from __future__ import annotations

import pytest
from mail_fr_dev import HELD_OUT_EVERY, load

from gardien.mail import intentions
from gardien.mail.analyze import analyse
from gardien.mail.pasted import parse_text


def found(text: str) -> dict[str, str]:
    return {i.name: i.quoted for i in intentions.intents(text)}


# hand-written for the tests: one lure per family of issue 16, in wordings the lexicon of phrases does not hold
LURES = [
    "Votre dossier d'assuré présente une anomalie. Merci de renseigner à nouveau vos cordonnées bancaire sous 48h pour "
    "ne pas perdre vos remboursements.",
    "Bonjour, suite a une erreur de calcul, la somme de 61,30 € vous revient. Pour la percevoir veuillez indiquer votre "
    "RIB via le formulaire.",
    "Votre carte Vitale n'est plus à jour. Commandez la nouvelle avant vendredi, participation aux frais 2,49 €.",
    "Nous avons tenté de vous livrer votre paquet. Réglez 1,75 € pour une nouvelle présentation, sinon retour à "
    "l'expéditeur.",
    "Brigade de protection des mineurs : une procédure judiciaire est ouverte contre vous. Répondez par écrit sous "
    "72 heures.",
    "Alerte : connexion inconnue sur votre espace bancaire. Identifiez-vous immédiatement pour bloquer l'accès.",
    "Merci de noter que notre RIB a été modifié ; les prochains virements se feront sur le compte joint.",
    "J'ai une vidéo intime de toi. Envoie 600 € en bitcoin sous 2 jours sinon je la diffuse à tes contacts.",
    "Votre abonnement de streaming est en pause : le paiement a été refusé. Mettez à jour votre moyen de paiement "
    "aujourd'hui pour éviter la résiliation.",
    "Votre messagerie professionnelle est saturée. Validez votre mot de passe maintenant sinon les nouveaux messages "
    "seront supprimés.",
]

# hand-written for the tests: honest French mail with the same words, asking nothing from the message
HONEST = [
    "Votre remboursement de 23,10 € a été versé sur votre compte. Aucune démarche n'est nécessaire.",
    "Rappel : l'Assurance Maladie ne vous demandera jamais vos coordonnées bancaires par e-mail ou par SMS.",
    "Attention : de faux messages demandent de mettre à jour votre carte Vitale contre des frais. Ne cliquez pas.",
    "Vous pouvez résilier votre abonnement à tout moment depuis votre espace, sans frais.",
    "Votre colis sera livré demain entre 8 h et 13 h. Aucun paiement ne vous sera demandé.",
    "Bonjour, je vous transmets le compte rendu de la consultation de Mme B. Bien confraternellement.",
    "Votre code de vérification est 482 913. Il expire dans 10 minutes. Ne le communiquez à personne.",
]


@pytest.mark.parametrize("text", LURES)
def test_each_family_is_recognised_by_its_scenario_whatever_the_wording(text):
    assert intentions.scenario(intentions.intents(text)), found(text)
    analysis = analyse(parse_text(text))
    assert "contenu.scenario_piege" in {s.id for s in analysis.signals}
    assert analysis.verdict in ("suspicious", "dangerous")


@pytest.mark.parametrize("text", HONEST)
def test_honest_mail_with_the_same_words_makes_no_scenario(text):
    assert intentions.scenario(intentions.intents(text)) is None, found(text)
    assert analyse(parse_text(text)).verdict not in ("suspicious", "dangerous")


def test_spelling_mistakes_and_accents_do_not_hide_a_request():
    for text in ("Confirmez vos coordonnées bancaires.", "confirmer vos cordonées bancaire", "CONFIRMEZ VOS COORDONNEES BANCAIRES"):
        assert "demande_sensible" in found(text), text  # hand-written


def test_a_request_that_is_said_not_to_be_made_is_no_request():
    assert "demande_sensible" in found("Indiquez votre numéro de carte.")
    assert "demande_sensible" not in found("Nous ne vous demanderons jamais d'indiquer votre numéro de carte.")


def test_a_warning_quotes_the_scam_without_making_it():
    text = "De faux courriels circulent : ils demandent de confirmer vos coordonnées bancaires sous 24 heures."
    assert found(text) == {} and intentions.warns_about_a_scam(text)


def test_what_is_said_not_to_be_asked_is_not_read_by_the_lexicon():
    # hand-written: the README says such a sentence does not count; the walkthrough found it did for bank details
    text = "Rappel : l'Assurance Maladie ne vous demandera jamais vos coordonnées bancaires par e-mail."
    assert "coordonnées" not in intentions.without_warnings(text)
    analysis = analyse(parse_text("Votre relevé est disponible dans votre compte. " + text))
    assert "contenu.mots_sensibles" not in {s.id for s in analysis.signals}


def test_an_option_offered_is_no_threat():
    assert "menace" in found("Votre compte sera suspendu.")
    assert "menace" not in found("Vous pouvez suspendre votre compte à tout moment.")


def test_the_threat_must_be_about_the_readers_things():
    assert "menace" in found("Sans réponse, votre accès sera bloqué.")
    assert "menace" not in found("Le service sera bloqué dimanche pour maintenance.")


def test_a_request_told_as_a_threat_s_condition_is_quoted_with_its_negation():
    # walkthrough, round 19: « confirmez pas vos informations » read as its opposite
    condition = found("Votre accès sera suspendu si vous ne confirmez pas vos informations.")
    assert condition["verification"] == "si vous ne confirmez pas vos informations"
    plain = found("Si vous voulez garder votre accès, confirmez vos informations.")
    assert plain["verification"] == "confirmez vos informations"  # nothing to add


def test_a_word_ending_in_ne_is_no_negation_in_a_quote():
    """Review, round 22 (hand-written): « Suite à une anomalie » was quoted « ne anomalie »."""
    quoted = {i.name: i.quoted for i in intentions.intents("Suite à une anomalie sur votre compte, merci de vous connecter.")}
    assert quoted["probleme"] == "anomalie"


def test_a_quote_opening_on_its_verb_keeps_its_subject():
    """Review, round 22 (hand-written): « vous presse (« est requise ») » did not say what was pressed."""
    quoted = {i.name: i.quoted for i in intentions.intents("Bonjour. Votre action est requise. Merci de vous connecter.")}
    assert quoted["pression"] == "Votre action est requise"
    # the subject is looked for in the same sentence only
    quoted = {i.name: i.quoted for i in intentions.intents("Bonjour.\nEst requise : votre confirmation, merci de vous connecter.")}
    assert quoted["pression"] == "Est requise"


def test_a_quote_does_not_end_on_a_word_that_needs_the_next():
    """Review, round 22 (hand-written for the tests): « remboursement de » said nothing of its own."""
    assert intentions.whole_quote("Un remboursement de vos soins vous attend.", 3, 20) == "remboursement de vos soins"
    assert intentions.whole_quote("Un remboursement de 48,50 euros.", 3, 20) == "remboursement de 48,50"
    assert intentions.whole_quote("Mettez à jour votre. Merci", 0, 19) == "Mettez à jour"  # no next word in its sentence
    analysis = analyse(parse_text("Assurance Maladie\nBonjour, vous avez droit à un remboursement de 48,50 euros. "
                                  "Confirmez vos coordonnées bancaires sur http://ameli-rembourse.info/dossier avant 48 heures."))
    told = " ".join(s.message for s in analysis.signals)
    assert "« remboursement de »" not in told and "« remboursement de 48,50 »" in told


def test_a_quote_does_not_run_two_clauses_together():
    """Review, round 22 (hand-written for the tests): « mise à jour de nos conditions, votre compte »."""
    quoted = {i.name: i.quoted for i in intentions.intents("Suite à la mise à jour de nos conditions, votre compte doit être "
                                                           "vérifié avant vendredi.")}
    assert quoted["verification"] == "mise à jour de nos conditions"
    assert intentions.whole_quote("Réglez 1,99 € ici, merci", 0, 17) == "Réglez 1,99 € ici"  # a decimal comma is no clause's end


def test_sums_deadlines_telephone_numbers_and_links_become_words():
    quoted = found("Réglez 1,99 € sous 24 h au 01 23 45 67 89 ou sur colis-exemple.info")
    assert quoted["petits_frais"] == "1,99 €"
    assert quoted["pression"] == "sous 24 h"
    assert "appel" not in quoted  # « réglez » is no call; the number alone is not a request
    assert found("Appelez le 01 23 45 67 89 pour annuler.")["appel"] == "Appelez le 01 23 45 67 89"


def test_the_scenario_is_told_in_the_messages_own_words():
    analysis = analyse(parse_text(LURES[0]))
    told = next(s.message for s in analysis.signals if s.id == "contenu.scenario_piege")
    assert "« renseigner à nouveau vos cordonnées bancaire »" in told  # the agreement missed is read through
    assert "sous 48h" in told and "anomalie" in told
    assert told.startswith("Le message suit le scénario d'un message piégé : il ")


def test_of_two_requests_as_strong_the_first_read_is_named():
    # hand-written after a practitioner's walkthrough (round 14): the gift cards are what is asked, the codes follow
    text = ("Es-tu disponible ? Je suis en réunion et je ne peux pas téléphoner. J'ai besoin que tu achètes 4 cartes "
            "cadeaux Google Play de 100 euros, c'est urgent et confidentiel. Envoie-moi les codes en photo.")
    chosen = intentions.scenario(intentions.intents(text))
    assert chosen and chosen.request.name == "achat_cartes"


def test_a_compte_rendu_is_no_account():
    assert "verification" not in found("Merci de me transmettre le compte rendu.")
    assert "verification" in found("Merci de me transmettre votre compte et votre dossier.")


def test_the_hand_written_set_is_split_in_a_fixed_third():
    texts = load()
    lures = [t for t in texts if t.lure]
    honest = [t for t in texts if not t.lure]
    assert len(lures) >= 120 and len(honest) >= 80
    assert all(t.held_out == (not t.probe and t.index % HELD_OUT_EVERY == HELD_OUT_EVERY - 1) for t in texts)
    assert len({t.family for t in lures}) >= 15
    probes = [t for t in texts if t.probe]
    assert len(probes) == 1544 and not any(t.held_out for t in probes)  # rules were written against them


# hand-written for the tests: the requests and pretexts added in round 3, each in one sentence
@pytest.mark.parametrize("text, intent", [
    ("Connectez-vous à l'outil de maintenance avec votre adresse et votre mot de passe.", "demande_sensible"),
    ("Merci de renseigner un nouveau moyen de règlement.", "demande_sensible"),
    ("Activez dès à présent votre nouvelle clé de sécurité.", "dispositif"),
    ("Pour garder l'accès, cliquez sur le lien suivant.", "clic"),
    ("Annulez l'ajout ici : ajout-appareil-exemple.com", "clic"),
    ("Ouvrez la facture et activez le contenu pour l'afficher.", "contenu_actif"),
    ("Installez sans tarder l'outil de nettoyage officiel.", "installation"),
    ("Si votre antivirus affiche un avertissement, désactivez-le.", "sans_protection"),
    ("Contactez notre recruteuse sur WhatsApp.", "hors_canal"),
    ("Sans réponse, vos messages seront supprimés.", "menace"),
    ("Sans renouvellement, votre messagerie cessera de fonctionner.", "menace"),
    ("Réglez le solde avant le 15 mars.", "pression"),
    ("Merci de faire la mise à jour aujourd'hui.", "verification"),
    ("Vos coordonnées de sécurité ne correspondent plus à nos registres.", "probleme"),
    ("Le trop-perçu de 198 € sera reversé après confirmation.", "argent"),
    ("Vous êtes tenu de nous adresser vos explications écrites.", "reponse"),
])
def test_round_3_requests_and_pretexts(text, intent):
    assert intent in found(text)


def test_a_reassuring_sentence_is_no_pretext():
    # « si ce n'est pas vous, ignorez ce message » reassures; « si ce n'est pas vous, annulez ici » presses
    assert "probleme" not in found("Si ce n'est pas vous, ignorez ce message.")
    assert "probleme" in found("Si ce n'est pas vous, annulez l'opération.")


def test_a_text_as_short_as_an_sms_needs_one_pretext_less():
    sms = "Votre colis est en attente de livraison. Choisissez un créneau : colis-exemple-suivi.info"
    assert intentions.scenario(intentions.intents(sms), words=len(sms.split()))
    longer = sms + " " + " ".join(["Le suivi de votre envoi reste disponible à tout moment."] * 4)
    assert not intentions.scenario(intentions.intents(longer), words=len(longer.split()))


def test_a_sensitive_update_offered_as_an_option_is_no_request():
    # hand-written: the honest reminder lets you update your card in your usual space; the lure asks for it
    assert "demande_sensible" not in found("Vous pourrez mettre à jour votre moyen de paiement dans votre espace client.")
    assert "demande_sensible" in found("Veuillez mettre à jour votre moyen de paiement.")


# hand-written for the tests: the requests and pretexts added in round 4, each in one sentence
@pytest.mark.parametrize("text, intent", [
    ("Merci de lui lire les codes de sécurité que vous recevrez.", "demande_sensible"),
    ("La somme vous sera versée dès que vous aurez confirmé l'identité du titulaire.", "demande_sensible"),
    ("Merci de nous confirmer les quatre derniers chiffres de votre carte.", "demande_sensible"),
    ("Rappelez-la au plus vite en vous munissant de votre carte bancaire.", "demande_sensible"),
    ("Si vous ne reconnaissez pas cet ajout, signalez-le depuis votre espace.", "operation"),
    ("Si ce n'est pas vous, annulez-le immédiatement au 09 71 00 00 00.", "appel"),
    ("Appelez sans délai le 01 45 XX XX XX.", "appel"),
    ("Veuillez nous appeler au +33 1 89 62 ...", "appel"),
    ("Régler ma facture", "clic"),
    ("Votre Certicode a expiré. Merci de le réactiver sur : exemple-activation.com", "clic"),
    ("Une opposition temporaire a été posée sur votre carte.", "probleme"),
    ("Le montant sera porté à 75 € en l'absence de paiement.", "menace"),
    ("Nous serons contraints de mettre un terme à votre contrat.", "menace"),
    ("Le colis ne vous sera remis qu'après règlement de la taxe.", "probleme"),
    ("Il ne peut pas être joint, merci de ne pas en parler.", "secret"),
    ("Je suis en formation à Paris jusqu'à jeudi avec peu de réseau.", "secret"),  # round 15, hand-written
    ("Contactez immédiatement notre service d'opposition au 01 8X XX XX XX.", "appel"),
    ("Votre aide ne peut être versée. Complétez-les : exemple-dossier.fr", "clic"),
    ("Votre compte a été placé en statut de révision.", "probleme"),
    ("Je suis actuellement à l'étranger et ne peux pas organiser de visite.", "absent"),
    ("Les clés vous seront envoyées dès réception du dépôt.", "remise_a_distance"),
    ("Déposez seulement 250 € pour commencer.", "mise_de_depart"),
    ("Pour l'annuler rendez-vous sur exemple-annulation.com", "clic"),
    ("Merci de renseigner le formulaire ci-joint avec les informations de votre carte.", "demande_sensible"),
    ("Si vous n'avez pas autorisé cet achat, demandez un remboursement.", "probleme"),
    ("Contactez notre responsable pour recevoir votre prix.", "reponse"),
    ("Nous recrutons pour liker des vidéos depuis chez vous.", "travail_facile"),
])
def test_round_4_requests_and_pretexts(text, intent):
    assert intent in found(text)


def test_round_4_honest_wordings_make_no_request():
    # hand-written: a bank that asks to validate a payment in its own application, a patient who will pay her bill,
    # a notice not to answer
    assert "operation" not in found("Validez le paiement dans votre application bancaire.")
    assert "clic" not in found("Bonjour, je voudrais régler ma facture demain.")
    assert "reponse" not in found("Ce message est envoyé automatiquement, merci de ne pas y répondre.")
    assert "verification" not in found("Au sommaire : nos conseils pour sécuriser votre messagerie.")


# hand-written for the tests: the requests and pretexts added in round 5, each in one sentence
@pytest.mark.parametrize("text, intent", [
    ("Il expire dans 48 heures. [Consulter le document]", "clic"),
    ("Écoutez le message dans la pièce jointe (message_vocal.html) et connectez-vous pour l'entendre.", "demande_sensible"),
    ("Merci de le remplir et de nous le retourner sous 72 heures.", "formulaire_a_renvoyer"),
    ("Le fichier est protégé : utilisez le mot de passe de votre messagerie.", "document_protege"),
    ("Vous êtes en ligne avec votre conseiller.", "conseiller_au_telephone"),
    ("Nous allons transférer provisoirement vos fonds vers un compte de protection.", "fonds_a_proteger"),
    ("Merci de valider chacune des opérations qui apparaîtront.", "instructions"),
    ("Merci d'envoyer vos bulletins de salaire et votre RIB.", "demande_sensible"),
    ("Votre aide au logement est gelée.", "menace"),
    ("Faire l'activation : exemple-activation.com", "clic"),
    ("Certifiez-le ici : exemple-certification.fr", "clic"),
    ("Merci de le renouveler en vous identifiant sur notre portail.", "connexion"),
    ("Si vous n'avez pas demandé ce renouvellement, appelez-nous.", "probleme"),
    ("Répondez-moi uniquement par mail, je suis en réunion.", "par_ecrit_seulement"),
    ("Grattez les codes des cartes et envoyez-les-moi en photo.", "cartes_cadeaux"),
    ("Payez seulement les frais de traitement.", "petits_frais"),
    ("Je cherche une personne sérieuse pour m'aider.", "confiance"),
    ("Nous vous prions de procéder à leur vérification.", "verification"),
    ("Vous avez été choisi pour recevoir un téléphone.", "argent"),
    ("Les informations bancaires doivent être complétées.", "demande_passive"),
    ("Augmenter l'espace gratuitement : exemple-espace.com", "clic"),
    ("Salut, j'ai besoin de tes identifiants de connexion pour les tests.", "secrets"),
    ("Avez-vous votre phrase secrète à portée de main ?", "demande_sensible"),
    ("Merci de nous fournir une copie conforme de votre pièce d'identité.", "demande_sensible"),
    ("Votre envoi est toujours en attente d'instruction de votre part.", "probleme"),
    ("Si ce paiement ne venait pas de vous, appelez-nous.", "probleme"),
    ("Je vous prie de bien vouloir me contacter rapidement.", "reponse"),
    ("Si vous n'avez rien acheté, arrêtez-le en vous connectant sur votre espace.", "connexion"),
    ("J'ai un cancer et plus beaucoup de temps.", "mourant"),
    ("Tu peux m'avancer 350 € ?", "paiement"),
    ("Réclamez-le avant minuit : exemple-bon.com", "clic"),
    ("Une vérification rapide de votre part permettra de la débloquer.", "verification"),
    ("Il vous suffit de suivre les indications de la page.", "instructions"),
    ("Remplisser le formulaire avec vos coordoné bancaire svp.", "demande_sensible"),
    ("Indiquez vos information bancaire.", "demande_sensible"),
    ("Pour lever l'alerte de sécurité, indiquez le code reçu.", "probleme"),
    ("Il sera remboursé sur la carte bancaire que vous indiquerez.", "demande_sensible"),
    ("Tu peux me renvoyer ton login et ton mot de passe ?", "secrets"),
    ("Le nouveau relevé d'identité bancaire est joint.", "changement_rib"),
    ("Demandez l'annulation en joignant notre service au 01 89 XX XX XX.", "appel"),
    ("Vous disposez de 48 heures pour demander l'annulation.", "pression"),
    ("Inscrivez votre cabinet à notre programme (590 € HT).", "paiement"),
    ("Les cabinets non certifiés encourent une amende.", "menace"),
])
def test_round_5_requests_and_pretexts(text, intent):
    assert intent in found(text)


def test_round_5_honest_wordings_make_no_request_nor_pretext():
    # hand-written: the honest warning of a bank quotes the fake adviser's words without making them; advice is no
    # order; « retirez vos gains » threatens nothing
    assert not {"fonds_a_proteger", "conseiller_au_telephone"} & set(found(
        "Votre conseiller ne vous demandera jamais de transférer vos fonds vers un compte de protection pendant l'appel."))
    assert "dispositif" not in found("Dans notre lettre : pourquoi activer la double authentification.")
    assert "menace" not in found("Retirez vos gains quand vous voulez.")
    assert "clic" not in found("Il expire dans 48 heures. Consulter le document reste possible en agence.")
    assert "connexion" not in found("Vous n'avez rien à faire : connectez-vous quand vous voulez.")
    assert "changement_rib" not in found("Merci de renseigner à nouveau vos coordonnées bancaires.")  # again, not new
    assert "changement_rib" in found("Voici nos nouvelles coordonnées bancaires.")
    assert "demande_sensible" not in found("Il sera versé sur le compte bancaire que vous avez indiqué.")
    assert "secrets" not in found("Nous n'aurons jamais besoin de votre mot de passe.")
    assert "secrets" not in found("Vous aurez besoin de votre mot de passe pour vous connecter à l'application.")


def test_a_word_inside_a_family_entry_may_go_on():
    # « bulletin* de salaire »: a star inside an entry lets that word go on, as a final star does
    assert "demande_sensible" in found("Envoyez vos bulletins de salaire.")
    assert "demande_sensible" in found("Envoyez votre bulletin de salaire.")


def test_a_dot_inside_a_file_name_does_not_end_the_sentence():
    reading = intentions._Reading("Ouvrez message_vocal.html et connectez-vous.")
    assert len({t.sentence for t in reading.items}) == 1
    assert len({t.sentence for t in intentions._Reading("Ouvrez le message. Connectez-vous.").items}) == 2


# hand-written for the tests (round 7): what the fresh probes (tests/data/mail_fr/sondes.toml) showed missing
@pytest.mark.parametrize(("text", "intent"), [
    ("Je vous enverrai un chèque d'un montant supérieur, il suffira de me rembourser la différence.", "trop_paye"),
    ("Tant que vous n'aurez pas confirmé vos informations, votre accès restera limité.", "verification"),
    # « la campagne » of a tax refund is no warning about a scam: the request in its sentence is read
    ("Merci de renseigner votre RIB avant la clôture de la campagne.", "demande_sensible"),
    ("Suite à une tentative d'usurpation de votre identité, confirmez vos coordonnées bancaires.", "demande_sensible"),
    ("Je suis veuve et malade et je veux donner mes biens.", "mourant"),
    ("Une sanction pouvant aller jusqu'à 20 000 € pourra être appliquée.", "menace"),
    ("J'ai besoin de votre aide pour un règlement international urgent.", "aide_pour_payer"),
    ("Envoie-moi l'argent par Western Union.", "transfert_especes"),
    ("Je suis bloqué à l'aéroport, la douane retient mes bagages.", "absent"),
])
def test_round_7_requests_and_pretexts(text, intent):
    assert intent in found(text)


def test_round_7_warnings_still_quote_without_asking():
    # hand-written: a campaign of fraud, or somebody impersonating the sender, is still told of, not asked for
    assert "demande_sensible" not in found("Une campagne frauduleuse demande de renseigner votre RIB.")
    assert "demande_sensible" not in found("Des escrocs usurpent notre nom pour demander vos coordonnées bancaires.")
    assert "demande_sensible" not in found("Des messages de phishing demandent de confirmer vos coordonnées bancaires.")
    assert "aide_pour_payer" not in found("Nous avons besoin de votre aide pour améliorer nos services.")


def test_round_7_an_official_site_named_in_the_text_is_the_way_she_is_advised_to_take():
    # hand-written: an honest notice sends her to the organisation's own site, typed by herself
    assert "clic" not in found("Pour le consulter, connectez-vous à votre compte depuis le site ameli.fr.")
    assert "clic" in found("Pour le consulter, connectez-vous sur ameli-remboursement.com.")
    # what it asks is done on the official site, typed by herself: no request (on the tuning texts, only honest ones
    # wrote an official site as their only address)
    official = found("Votre avis est disponible sur impots.gouv.fr. Connectez-vous avec votre numéro fiscal et votre "
                     "mot de passe, et réglez le solde avant le 15 décembre.")
    assert not {"connexion", "demande_sensible", "paiement"} & set(official)
    # the official name alone at the top is a lure's logo as much as a notice's heading; another address is a link
    assert "demande_sensible" in found("impots.gouv.fr\nConnectez-vous avec votre numéro fiscal et votre mot de passe.")
    assert "paiement" in found("Réglez le solde de 120 € sur impots.gouv.fr ou sur exemple-paiement.com.")


def test_round_7_honest_wordings_of_the_walkthrough_make_no_request():
    # hand-written: the ways of an honest notice that a practitioner's walkthrough found flagged
    assert "verification" not in found("Pour toute question, utilisez la messagerie de votre espace en ligne.")
    assert "demande_sensible" in found("Entrez votre code secret pour valider.")
    assert "demande_sensible" not in found("Connectez-vous sur le site et cliquez sur « mot de passe oublié ».")
    assert "changement_rib" not in found("Vous pouvez modifier vos coordonnées bancaires depuis votre espace.")
    assert "changement_rib" in found("Nos coordonnées bancaires ont changé : voici notre nouveau RIB.")
    # help offered in case of need, a login offered, a receipted invoice, « ne répondez pas » (the blind writer's)
    assert "appel" not in found("Pour toute question, vous pouvez joindre le service au 04 12 34 56 78.")
    assert "appel" not in found("Si vous rencontrez des difficultés, contactez le service au 01 23 45 67 89.")
    assert "appel" in found("Contactez immédiatement le service au 01 23 45 67 89.")
    assert "connexion" not in found("Vous pouvez également vous connecter depuis l'application.")
    assert "paiement" not in found("Transmettez l'attestation et la facture acquittée.")
    assert "reponse" not in found("Ne répondez pas à ce message.")
    assert "verification" not in found("Sinon, nous vous aiderons à sécuriser votre compte.")
    assert "demande_sensible" not in found("Pour accéder à votre espace, utilisez votre carte CPS.")
    # « pensez à … »: a reminder (27 honest texts and no lure on the development texts of round 7)
    assert "demande_sensible" not in found("Pensez ensuite à mettre à jour vos informations de carte auprès de vos "
                                           "abonnements.")
    assert "demande_sensible" in found("Mettez à jour vos informations de carte sous 24 heures.")


def test_round_8_her_own_way_takes_the_request_back():
    # hand-written: a notice that tells her where to go in her account, or to pay by cheque or to the usual account,
    # gives no way of its own (51 honest development texts and no lure did so, round 8)
    renewal = ("Votre licence arrive à échéance le 31/12. Merci de valider votre renouvellement avant le 20 décembre "
               "depuis votre espace client, rubrique « Mes contrats ». Sans renouvellement, le logiciel sera bloqué.")
    assert not {"verification", "paiement"} & set(found(renewal))
    dues = ("La cotisation de 335 € est à régler avant le 31 mars, par chèque à l'ordre du Conseil national. "
            "En l'absence de règlement, une procédure de recouvrement sera engagée.")
    assert "paiement" not in found(dues)
    # the same with a way of its own (a button, « cliquez », another address) is still asked from the message
    assert "verification" in found(renewal + "\n[Renouveler maintenant]")
    assert {"verification", "clic"} & set(found(renewal + " Cliquez ici pour renouveler."))
    assert "paiement" in found(dues + " Ou réglez sur cotisation-ordre.info.")


def test_round_8_an_unsubscribe_link_is_her_choice():
    # hand-written: « cliquez ici » to leave a newsletter asks nothing (7 honest development texts, no lure)
    assert "clic" not in found("Pour vous désabonner, cliquez ici.")
    assert "clic" in found("Pour débloquer votre compte, cliquez ici.")
    # nor does it stop a notice from sending her to the official site only
    notice = "Le nouveau guide est en ligne sur https://www.cnil.fr : consultez-le. Pour vous désinscrire, cliquez ici."
    assert intentions.sends_her_own_way_only(notice)
    assert not intentions.sends_her_own_way_only("Consultez le guide sur https://www.cnil.fr. Cliquez ici.")


def test_round_8_publishing_is_a_threat_only_against_her():
    # hand-written: « la CNIL publie un guide » is news; « sinon je la publie » is blackmail
    assert "menace" not in found("La CNIL publie un guide pour les cabinets libéraux.")
    assert "menace" not in found("La fiche sera diffusée à l'ensemble des membres.")
    assert "menace" in found("Envoie 500 € sous 24h sinon je la publie.")
    assert "menace" in found("Payez, sinon la vidéo sera diffusée.")


def test_round_8_a_list_after_a_colon_belongs_to_its_sentence():
    # hand-written: « renseignez : » then the items asked, one per line
    text = "Veuillez renseigner :\n- votre numéro RPPS\n- votre identifiant et mot de passe\n- le code reçu par SMS"
    assert "demande_sensible" in found(text)
    # a line break without a colon or a list still ends the sentence
    assert "demande_sensible" not in found("Veuillez renseigner le formulaire\nVotre mot de passe ne change pas.")


def test_round_8_one_request_read_by_two_families_is_asked_once():
    # hand-written: a laboratory's notice asks her to log in, once; two families read the same words
    lab = ("Les résultats d'analyses de votre patiente sont disponibles sur notre serveur de résultats. "
           "Connectez-vous à votre espace prescripteur avec vos identifiants habituels. Les résultats ont également "
           "été transmis par messagerie sécurisée de santé. Le biologiste reste à votre disposition.")
    assert not intentions.scenario(intentions.intents(lab), words=len(lab.split()))
    # a login and, elsewhere, a code: asked twice
    twice = lab + " Saisissez ensuite le code reçu par SMS dans le formulaire ci-dessous."
    found_twice = intentions.scenario(intentions.intents(twice), words=len(twice.split()))
    assert found_twice and found_twice.insists


def test_round_8_money_to_cash_in_is_money_waiting():
    # hand-written: the second-hand platform lure
    assert "argent" in found("Pour encaisser le montant de 85 €, complétez vos coordonnées bancaires.")
    assert "argent" not in found("Total des honoraires encaissés sur la période : 6 240 €.")


def test_round_8_a_filing_deadline_is_no_payment():
    # hand-written: an accountant's « échéance de dépôt » (of a tax return) is no deposit of money
    assert "paiement" not in found("Afin de respecter l'échéance de dépôt, merci de nous faire parvenir vos pièces.")
    assert "paiement" in found("Faites un dépôt de 250 € pour ouvrir votre compte de trading.")


def test_round_8_the_account_a_fake_boss_sends_is_his_request_not_hers():
    # hand-written (the walkthrough's fake boss): « je t'envoie le RIB » gives an account to pay, it asks for none
    boss = found("Peux-tu faire le virement aujourd'hui ? Je t'envoie le RIB du fournisseur dès que tu confirmes.")
    assert "compte_fourni" in boss and "paiement" in boss and "demande_sensible" not in boss
    # a colleague sending a patient's file by MSSanté asks nothing
    assert not found("Je vous envoie son dossier par messagerie sécurisée dans la journée.").keys() & {
        "compte_fourni", "demande_sensible", "verification"}


def test_round_9_an_ordinal_is_no_sum_of_money():
    # hand-written: « 2e relance », « 3e trimestre » are ordinals; « 35e » written for 35 € stays a sum
    assert "petits_frais" not in found("Nous vous adressons notre 2e relance : merci de régler la facture avant le 15 mars.")
    assert "petits_frais" not in found("La date limite est fixée au 2e jour ouvré suivant le 1er mai.")
    norms = [t.norm for t in intentions.tokens(intentions.fold("Amende impayée de 35e. Cotisations du 3e trimestre, secteur 11e/20e."))]
    assert norms.count("<montant>") == 1 and "<petit_montant>" not in norms
    # hand-written: a SIM card is no bank card
    assert "demande_sensible" not in found("Connectez le terminal au Wi-Fi ou laissez la carte SIM active avant le 1er décembre.")
    assert "demande_sensible" in found("Confirmez les numéros de votre carte avant le 1er décembre.")
    # hand-written: the sender waiting is no money waiting for her
    assert "argent" not in found("Merci de faire le virement sur le compte habituel, je suis en attente de plusieurs d'entre vous.")
    assert "argent" in found("Un virement de 240 € est en attente sur votre compte.")


def test_round_9_a_written_address_ends_before_its_punctuation():
    # hand-written (the blind writer's CFE notice, reworded): the comma after the official site is no part of it
    notice = ("Votre avis est disponible. Pour le consulter, connectez-vous sur https://www.impots.gouv.fr, espace "
              "professionnel, rubrique « Avis ».")
    assert intentions.sends_her_own_way_only(notice)
    assert [t.norm for t in intentions.tokens(intentions.fold("Voir https://exemple-paiement.info/x?y=1. Merci"))] == [
        "voir", "<lien>", "merci"]


def test_round_9_help_offered_if_something_goes_wrong_is_no_problem_announced():
    # hand-written: an accountant's closing line
    assert "probleme" not in found("N'hésitez pas à m'appeler si un document vous pose problème.")
    assert "probleme" in found("Un problème a été détecté sur votre compte.")


def test_round_9_a_fake_inspection_threatens_and_names_a_practitioner_s_authority():
    # hand-written: the threats and authorities of fake ARS, Ordre or HAS inspections
    inspection = found("Faute de réponse, des sanctions disciplinaires pourront être engagées par le conseil de l'Ordre.")
    assert "menace" in inspection and "autorite" in inspection
    assert "menace" in found("Afin d'éviter une procédure contentieuse, contactez le service avant vendredi.")
    assert "autorite" in found("L'Agence régionale de santé organise une réunion d'information.")


def test_round_9_a_way_out_of_a_threat_is_no_option():
    # hand-written: « vous pouvez éviter … en régularisant » asks, « vous pouvez consulter » offers
    assert "verification" in found("Vous pouvez éviter cette amende en régularisant votre situation sous 5 jours.")
    assert "verification" not in found("Vous pouvez consulter votre situation à tout moment.")


def test_round_9_a_code_that_will_be_sent_is_not_asked():
    # hand-written: an election platform sends a code; a lure asks for it
    assert "demande_sensible" not in found("Un code de confirmation vous sera envoyé par SMS sur votre numéro de mobile.")
    assert "demande_sensible" in found("Saisissez le code de confirmation reçu par SMS pour débloquer votre compte.")


def test_round_9_the_fake_boss_asks_a_favour_he_does_not_name():
    # hand-written: the first message of a CEO fraud, and the advice it gets
    boss = "Salut Léa, tu peux me rendre un petit service ? C'est urgent, je suis en réunion. Réponds-moi par mail."
    names = {i.name for i in intentions.intents(boss)}
    assert "service" in names
    assert intentions.scenario(intentions.intents(boss), words=len(boss.split()))
    assert "service" not in found("Merci pour le service rendu la semaine dernière, les patientes étaient ravies.")


def test_round_9_the_social_security_number_is_sensitive():
    # hand-written: a fake training organisation asks for it; « il me faut » is a request
    assert "demande_sensible" in found("Pour finaliser, il me faut votre numéro de sécurité sociale.")
    assert "demande_sensible" in found("Confirmez votre numéro de sécurité sociale pour recevoir vos droits.")


def test_round_10_a_renewal_announced_is_no_problem_one_done_behind_her_back_is():
    # hand-written: a software vendor's notice and the fake antivirus renewal
    notice = "Sauf résiliation de votre part, votre abonnement sera reconduit automatiquement au 1er janvier pour 120 €."
    assert "probleme" not in found(notice) and "menace" not in found(notice)
    assert "probleme" in found("Votre licence a été renouvelée automatiquement pour un montant de 299,99 €.")
    assert "menace" in found("Sans réponse, la résiliation de votre contrat sera prononcée.")


def test_round_10_the_card_she_logs_in_with_is_no_data_handed_over():
    # hand-written: the official way into a health professional's space, and the fake e-CPS page
    assert "demande_sensible" not in found("Connectez-vous avec votre carte CPS ou votre e-CPS sur le portail de la messagerie.")
    assert "demande_sensible" not in found("Identifiez-vous avec votre carte CPS et son code PIN dans l'application.")
    assert "demande_sensible" in found("Connectez-vous et indiquez le code PIN de votre carte CPS.")
    assert "demande_sensible" in found("Identifiez-vous avec votre carte bancaire pour recevoir le remboursement.")


def test_round_10_gift_cards_bought_for_someone_are_a_request():
    # hand-written: the fake colleague's message, and the app store named in an honest notice
    colleague = "Tu peux m'acheter trois cartes Google Play de 50 € pour un patient ? Je suis en réunion, réponds vite."
    assert "achat_cartes" in found(colleague)
    assert intentions.scenario(intentions.intents(colleague))
    assert "achat_cartes" not in found("Téléchargez l'application sur l'App Store ou Google Play, puis connectez-vous.")


def test_round_10_new_bank_details_checked_by_the_number_she_already_has_is_her_own_way():
    # hand-written: a supplier's announcement that tells her to check it as Gardien advises
    supplier = ("Nos coordonnées bancaires changent au 1er mars. Avant toute modification, confirmez ce changement auprès "
                "de votre commercial habituel, au numéro figurant sur vos factures.")
    assert intentions.sends_her_own_way_only(supplier)
    assert not intentions.sends_her_own_way_only(
        "Nos coordonnées bancaires changent au 1er mars. Merci d'utiliser le RIB joint et de confirmer au 06 12 34 56 78.")


def test_round_16_the_app_she_already_has_or_the_front_desk_is_her_own_way():
    # hand-written: an energy supplier and a town hall asking something, each where she goes by herself
    assert intentions.sends_her_own_way_only(
        "Transmettez-nous votre relevé avant le 12 décembre depuis l'application, sans quoi la facture sera estimée.")
    assert intentions.sends_her_own_way_only("Votre dossier est incomplet : les pièces peuvent être déposées à l'accueil.")
    assert not intentions.sends_her_own_way_only(
        "Transmettez-nous votre relevé avant le 12 décembre depuis l'application : https://releve-compteur-client.com")


def test_round_17_her_own_bank_details_that_may_have_changed_are_not_a_new_account_to_pay():
    # hand-written: a software vendor's invoice notice, and a supplier's lure announcing its own new account
    assert "changement_rib" not in found(
        "Elle sera prélevée le 10 décembre. Si vos coordonnées bancaires ont changé, mettez-les à jour avant cette date.")
    assert "changement_rib" in found("Nos coordonnées bancaires ont changé : merci de régler la facture sur le RIB joint.")
    assert "changement_rib" not in found("Mon RIB n'a pas changé depuis l'été, celui que tu as déjà.")
    assert "changement_rib" not in found("Règlement par virement (RIB joint, inchangé par rapport à l'an dernier).")


@pytest.mark.parametrize("text", [  # hand-written: the exchange fraud in words that do not name bank details
    "Peux-tu faire le virement de la rétrocession (2 100 €) sur mon nouveau compte ? Je t'envoie les références.",
    "Mon compte est en cours de clôture, pourriez-vous plutôt faire le virement sur celui de ma sœur ?",
    "Kindly note that our bank details have changed. Please process the payment to the account below.",
])
def test_round_17_a_payment_to_an_account_said_to_be_new_is_new_bank_details(text):
    assert "changement_rib" in found(text)


def test_round_17_a_warning_about_another_account_asks_nothing():
    # hand-written: a supplier's honest letter warning as Gardien advises
    assert "changement_rib" not in found(
        "Tout message qui vous demanderait de régler sur un autre compte avant cette date serait frauduleux.")


def test_round_18_the_payees_own_bank_said_to_change_is_new_bank_details():
    # hand-written: a software vendor's lure, and an honest bank's letter about its own partner
    assert "changement_rib" in found(
        "Suite au changement de notre partenaire bancaire, merci de régler la facture sur le compte ci-dessous.")
    assert "changement_rib" in found("En raison du changement de notre établissement de paiement, envoyez-nous un RIB.")
    assert "changement_rib" not in found("Notre partenaire bancaire vous accompagne pour financer votre cabinet.")


def test_round_18_a_premium_rate_number_to_call():
    # hand-written: a fake patient's SMS in three spellings, and the free or ordinary 08 numbers honest services give
    for lure in ("Pouvez-vous me rappeler au 08 99 23 41 76 merci", "Rappelez le 0892.23.41.76 pour votre dossier.",
                 "Contactez-moi vite au +33 8 97 12 34 56."):
        assert "contenu.numero_surtaxe" in {s.id for s in analyse(parse_text(lure)).signals}, lure
    for honest in ("Service client gratuit : 08 00 12 34 56.", "Standard du cabinet : 08 09 40 12 12 (prix d'un appel local).",
                   "Rendez-vous au 08/12/2026, dossier n° 0899 1234 5678 9."):
        assert "contenu.numero_surtaxe" not in {s.id for s in analyse(parse_text(honest)).signals}, honest


def test_round_18_a_document_opened_elsewhere_with_her_mail_address_asks_for_her_credentials():
    # hand-written: a lab's and a patient's lures, and honest notices that send her to her own mailbox
    def signals(text):
        return {s.id for s in analyse(parse_text(text)).signals}
    for lure in ("Les résultats sont sur notre serveur : identifiez-vous avec votre adresse de messagerie professionnelle.",
                 "Je l'ai mise sur un lien de partage, il faut se connecter avec votre adresse mail pour l'ouvrir.",
                 "Votre identifiant correspond à votre adresse e-mail professionnelle. Le lien reste actif 7 jours.",
                 "Vos identifiants habituels de messagerie professionnelle vous seront demandés.",
                 # round 19: the same, laid out as a form
                 "Identifiant : votre adresse e-mail professionnelle", "Mot de passe : celui de votre messagerie"):
        assert "contenu.identifiants" in signals(lure), lure
    for honest in ("Pour le lire, connectez-vous à votre messagerie avec votre carte CPS ou e-CPS.",
                   "Le mot de passe de votre boîte aux lettres expire le 10 décembre : modifiez-le dans vos paramètres.",
                   "Identifiant : le numéro à 8 chiffres de votre contrat"):
        assert "contenu.identifiants" not in signals(honest), honest


def test_round_12_after_an_article_3e_is_a_rank_not_three_euros():
    # hand-written: a shop's offer, and the small fee of a parcel lure written the SMS way
    assert "petits_frais" not in found("Huiles de massage : 2 achetées = la 3e offerte, jusqu'à mercredi.")
    assert "petits_frais" not in found("Le cabinet est au 2e étage, à gauche en sortant de l'ascenseur.")
    assert "petits_frais" in found("Votre colis est bloqué : payez 2e de frais de livraison avant ce soir.")


def test_round_12_not_you_with_nothing_to_do_is_no_problem_announced():
    # hand-written: the last line of an honest code notice, and a lure's way out
    notice = "Si vous n'êtes pas à l'origine de cette demande, vous pouvez ignorer ce message."
    assert "probleme" not in found(notice)
    assert "probleme" in found("Si vous n'êtes pas à l'origine de cette demande, cliquez ici pour l'annuler.")
    assert "probleme" in found("Ce n'est pas vous ? Sécurisez votre compte maintenant.")


def test_round_12_the_fake_boss_who_cannot_call_asks_for_secrecy():
    # hand-written: the fake colleague's first message
    opener = "J'ai besoin que tu me rendes un petit service, je ne peux pas téléphoner. Tu me réponds vite ?"
    assert "secret" in found(opener)
    assert intentions.scenario(intentions.intents(opener))


def test_round_13_a_technician_working_on_the_computer_from_afar_is_the_fake_support():
    # hand-written: the fake support's ways of saying it, and honest sentences with « à distance » in them
    for lure in ("Un technicien prendra le contrôle de votre ordinateur à distance pour supprimer le virus.",
                 "Une intervention à distance est prévue sur votre poste de travail jeudi.",
                 "Notre technicien se connectera à distance pour corriger l'anomalie."):
        assert "prise_en_main" in found(lure), lure
    for honest in ("Consultez vos opérations dans votre espace de banque à distance.",
                   "Nous recrutons des psychologues pour des missions à distance.",
                   "Certains services à distance pourraient être limités."):
        assert "prise_en_main" not in found(honest), honest
    support = ("Nous avons détecté une anomalie sur votre base patients. Un technicien doit intervenir à distance pour la "
               "corriger : indiquez-nous un créneau par retour de mail.")
    assert intentions.scenario(intentions.intents(support))


def test_round_14_a_farewell_and_a_review_left_are_no_pressure_and_no_payment():
    # hand-written: a shop's review request with a voucher, the way such mails end
    review = ("Vous avez reçu votre commande. Pour vous remercier, recevez un bon de 5 € sur votre prochaine commande dès "
              "que vous déposez votre avis. À bientôt sur notre boutique")
    assert "pression" not in found(review) and "paiement" not in found(review)
    assert not intentions.scenario(intentions.intents(review), words=len(review.split()))
    assert "pression" in found("Répondez-moi très bientôt, c'est important.")
    assert "paiement" in found("Déposez 250 € sur votre compte de trading pour activer vos gains.")


def test_round_14_a_threat_held_over_an_action_presses():
    # hand-written: the bank lure that only threatens a restriction, and an honest sentence with « éviter »
    lure = ("Un document important concernant votre compte vous attend dans votre espace client. Consultez-le afin "
            "d'éviter la restriction de vos services en ligne. Consulter mon message")
    assert "pression" in found(lure)
    assert intentions.scenario(intentions.intents(lure), words=len(lure.split()))
    assert "pression" not in found("Pour éviter toute erreur de saisie, relisez votre déclaration avant de l'envoyer.")


def test_round_14_the_fake_colleague_needs_a_favour_and_an_answer_at_once():
    # hand-written: the first message of a gift-card fraud
    opener = ("Coucou, tu es au cabinet ? J'ai besoin d'un service rapide, je ne peux pas appeler, je suis en visite. "
              "Réponds-moi dès que tu vois ce message.")
    assert {"service", "pression"} <= set(found(opener))
    assert intentions.scenario(intentions.intents(opener), words=len(opener.split()))


def test_trying_families_at_their_heads_finds_what_the_whole_search_finds():
    # speed (round 15): a family is tried only at the tokens starting with one of its heads; it must find exactly
    # what its regex finds over the whole text, on every development text
    families = intentions._grammar()[0]
    texts = [text.text for text in load()]
    assert len(texts) > 500
    for text in texts:
        reading = intentions._Reading(text[:intentions.MAX_CHARS])
        for name, family in families.items():
            whole = [m.span(1) for m in family.pattern.finditer(reading.joined)]
            assert [m.span(1) for m in reading._matches(family)] == whole, (name, text[:80])


# hand-written for the tests (round 23): a « fake colleague » asking for a patient's record at a personal mailbox, in
# several wordings of the same request
RECORD_LURES = [
    "Bonjour, je suis la nouvelle secrétaire du Dr Martin. Pouvez-vous envoyer le dossier de Mme Durand en urgence sur "
    "cette adresse gmail : secretariat.drmartin@gmail.com ? Merci, Claire",
    "Bonjour Docteur, je remplace le Dr Petit cette semaine. Merci de me transmettre le compte rendu de M. Leroy à mon "
    "adresse personnelle, ma messagerie du cabinet ne fonctionne plus.",
    "Chère consœur, pourriez-vous faire parvenir les résultats d'analyses de votre patiente Mme Roux à "
    "dr.roux.cabinet@hotmail.fr avant ce soir ? Bien à vous.",
]


@pytest.mark.parametrize("text", RECORD_LURES)
def test_round_23_a_patient_record_asked_at_a_personal_mailbox_is_its_own_reason(text):
    assert "dossier_patient" in found(text)
    analysis = analyse(parse_text(text))
    assert analysis.verdict in ("suspicious", "dangerous")
    reason = next(s for s in analysis.reasons if s.id == "contenu.scenario_piege")
    said = " ".join(reason.message.split())
    assert "mettre à jour votre compte" not in said and "passez par le site" not in said
    assert "dossier" in said and "patient" in said
    assert "à un numéro que vous connaissiez déjà" in said and "MSSanté" in said and "gmail" in said
    assert "L1110-4" in reason.technical and "MSG-01" in reason.technical


def test_round_23_a_record_sent_by_the_secure_messaging_or_to_the_patient_is_no_such_request():
    # hand-written: honest wordings around the same words
    for text in ("Je vous envoie le compte rendu de Mme Durand par la messagerie sécurisée.",
                 "Votre dossier est disponible dans votre espace Mon espace santé.",
                 "Merci de m'envoyer le compte rendu de M. Leroy sur ma boîte MSSanté habituelle."):
        assert "dossier_patient" not in found(text), text


def test_round_23_a_quote_reads_alone_from_its_subject():
    # hand-written, as an Ameli lure words it: the quotes were « soins électroniques seront rejetées » and « rejetées »
    text = ("Sans réactivation, l'accès à la télétransmission sera interrompu et vos feuilles de soins électroniques "
            "seront rejetées.")
    quotes = found(text)
    assert quotes["menace"] == "vos feuilles de soins électroniques seront rejetées"
    assert quotes["probleme"] == "vos feuilles de soins électroniques seront rejetées"
    # a named patient is quoted with the name, not cut after « Mme »
    asked = found("Pouvez-vous envoyer le dossier de Mme Durand en urgence sur cette adresse gmail ?")
    assert asked["dossier_patient"].endswith("Mme Durand")


def test_round_23_two_pretexts_told_by_the_same_words_are_quoted_once():
    text = ("Assurance Maladie : vos feuilles de soins électroniques seront rejetées. Réactivez votre carte CPS sur le "
            "formulaire sous 48h.")  # hand-written
    reason = next(s for s in analyse(parse_text(text)).signals if s.id == "contenu.scenario_piege")
    assert reason.message.count("seront rejetées") == 1


def test_round_23_a_subject_is_quoted_from_its_own_article_not_its_complement():
    # hand-written: « votre espace professionnel est requise » was quoted, the subject being « la réactivation »
    assert found("Assurance Maladie : la réactivation de votre espace professionnel est requise sous 48h.")[
        "pression"].startswith("la réactivation de votre espace professionnel est requise")


def test_round_24_a_quote_does_not_end_on_an_auxiliary():
    # hand-written: « Le virement du mois doit être » was quoted cut after its auxiliary (review, round 24)
    text = "Le virement du mois doit être effectué sur le nouveau compte."
    assert intentions.whole_quote(text, 0, text.index(" effectué")) == "Le virement du mois doit être effectué"
    assert intentions.whole_quote("Votre dossier sera traité demain.", 0, 19) == "Votre dossier sera traité"


# hand-written for the tests (round 24): the « nouvelle secrétaire » or « remplaçant » who introduces himself, then
# asks for a patient's record, in texts too long for the short-text rule and with the address in another sentence
NEWCOMER_LURES = [
    "Bonjour Docteur, je suis la nouvelle secrétaire du Dr Martin, qui est en congé cette semaine. Pourriez-vous me "
    "transmettre le compte rendu de Mme Lefèvre ainsi que ses derniers résultats de biologie ? Le secrétariat a changé "
    "de messagerie : merci de me les envoyer directement à cette adresse, par retour. Je vous remercie par avance de "
    "votre aide précieuse, bonne journée à vous.",
    "Bonjour Madame, je suis le remplaçant de votre confrère le Dr Petit pour tout le mois d'août. Il m'a chargé de "
    "récupérer les dossiers de ses patientes que vous suivez en commun. Pouvez-vous me les faire parvenir aujourd'hui ? "
    "Je n'ai pas encore accès à la messagerie du cabinet, vous pouvez répondre à ce courriel. Merci beaucoup et à "
    "bientôt peut-être.",
    "Chère consœur, j'assure le remplacement du Dr Girard depuis lundi et je reprends ses suivis de grossesse. Pour "
    "ne pas perdre de temps, pouvez-vous m'envoyer les comptes rendus de vos patientes communes en réponse à ce "
    "message ? Ma messagerie professionnelle ne fonctionne pas encore. Merci pour elles, et bonne fin de semaine, "
    "Julie Marchand, sage-femme",
]


@pytest.mark.parametrize("text", NEWCOMER_LURES)
def test_round_24_a_newcomer_asking_for_patient_records_is_a_scenario_in_a_long_text(text):
    assert len(text.split()) > intentions.SHORT_TEXT_WORDS
    read = found(text)
    assert "nouvel_interlocuteur" in read, read
    assert analyse(parse_text(text)).verdict in ("suspicious", "dangerous")


def test_round_24_a_patient_record_at_a_personal_mailbox_is_a_scenario_in_a_long_text_too():
    # hand-written: the round-23 request, with greetings that make it longer than an SMS and no other pretext
    text = ("Bonjour chère collègue, j'espère que tu vas bien et que la reprise se passe bien au cabinet. Est-ce que "
            "tu pourrais m'envoyer le dossier de Mme Durand sur mon adresse gmail, claire.dr@gmail.com ? Merci "
            "beaucoup, je te revaudrai ça, et on se voit à la réunion de la maison de santé le mois prochain.")
    assert len(text.split()) > intentions.SHORT_TEXT_WORDS
    assert analyse(parse_text(text)).verdict in ("suspicious", "dangerous")


# hand-written: honest texts with the same words — a new secretary who only introduces herself, a substitute who
# asks for records by the secure messaging, the Order's notice about a substitute, a colleague's own substitute
NEWCOMER_HONEST = [
    "Bonjour à toutes et à tous, je suis la nouvelle secrétaire de la maison de santé depuis lundi. Je suis à "
    "l'accueil du lundi au vendredi de 8 h à 12 h. N'hésitez pas à passer me voir, je serai ravie de vous "
    "rencontrer. Bonne semaine, Sophie",
    "Bonjour, je remplace le Dr Bernard du 4 au 22 août. Pour la continuité des soins, merci de m'adresser les "
    "comptes rendus de vos patients communs par MSSanté, à l'adresse habituelle du cabinet. Bien confraternellement.",
    "Madame, nous avons été informés par votre remplaçante, Mme Bastien, du remplacement prévu du 15 au 26 février. "
    "Merci de nous adresser une copie du contrat signé par les deux parties avant le 1er février. Le secrétariat du "
    "conseil départemental.",
    "Salut Camille, ma remplaçante habituelle, Juliette, est libre du 4 au 22 août et serait ravie de venir chez toi. "
    "Elle connaît le logiciel du cabinet. Je te passe son numéro, dis-lui que tu appelles de ma part. Bises, Marion",
]


@pytest.mark.parametrize("text", NEWCOMER_HONEST)
def test_round_24_honest_newcomers_and_substitutes_are_not_flagged(text):
    assert analyse(parse_text(text)).verdict not in ("suspicious", "dangerous"), found(text)


def test_round_24_a_fake_authority_offers_to_drop_the_proceedings():
    # hand-written, as fake Cybermalveillance and fake police mails word it
    for text in ("Cybermalveillance : votre adresse IP a été repérée dans une affaire de fraude. Pour lever la "
                 "procédure engagée, contactez notre cellule au plus vite.",
                 "Brigade numérique. Afin d'obtenir le classement sans suite de votre dossier, vous devez nous "
                 "répondre sous 72 heures."):
        assert "menace" in found(text), text
        assert analyse(parse_text(text)).verdict in ("suspicious", "dangerous"), text
    # hand-written: the real Cybermalveillance advice names the same words without pressing her
    honest = ("Si vous êtes victime, vous pouvez déposer plainte au commissariat ou à la gendarmerie. La procédure est "
              "gratuite et vous pouvez être accompagné par une association d'aide aux victimes.")
    assert analyse(parse_text(honest)).verdict not in ("suspicious", "dangerous")


def test_round_24_a_carte_vitale_ordered_from_the_message_is_a_device_renewed_from_it():
    # hand-written: the carte Vitale has no expiry date; the lure says it expires and has it ordered from the message
    lure = ("Votre carte Vitale arrive en fin de validité. Commandez dès maintenant votre nouvelle carte Vitale en "
            "ligne pour continuer à être remboursé.")
    assert "dispositif" in found(lure)
    assert analyse(parse_text(lure)).verdict in ("suspicious", "dangerous")
    # hand-written: Ameli's own wording sends her to her account or the application
    honest = ("Vous pouvez commander votre carte Vitale avec photo depuis l'application ameli ou en vous rendant à "
              "l'accueil de votre caisse. Elle vous sera envoyée sous trois semaines.")
    assert analyse(parse_text(honest)).verdict not in ("suspicious", "dangerous")


# hand-written for the tests (round 24): wordings of bank, parcel and fine lures whose request or pretext was not read
@pytest.mark.parametrize(("text", "intent"), [
    ("Vos informations personnelles ne sont plus à jour. Nous vous demandons de les actualiser sans tarder.",
     "verification"),
    ("Conformément à la directive européenne DSP2, la vérification de votre identité est obligatoire.",
     "obligation_reglementaire"),
    ("Dans le cadre de la lutte contre le blanchiment, nous devons actualiser votre dossier.",
     "obligation_reglementaire"),
    ("Votre colis est en attente. Veuillez confirmer votre adresse.", "probleme"),
    ("Votre lettre recommandée est en attente de distribution.", "probleme"),
    ("Veuillez consulter votre avis et procéder au paiement.", "paiement"),
])
def test_round_24_requests_and_pretexts(text, intent):
    assert intent in found(text), found(text)


@pytest.mark.parametrize("text", [
    # hand-written lures, each a whole short message
    "Cher(e) client(e), nous avons constaté que vos informations personnelles ne sont plus à jour. Conformément à la "
    "réglementation en vigueur, nous vous demandons de les actualiser.",
    "Votre colis est en attente. Nous avons besoin de votre confirmation pour procéder à la livraison. Veuillez "
    "confirmer votre adresse.",
    "Avis de contravention. Un avis de contravention a été émis à votre encontre. Veuillez consulter votre avis et "
    "procéder au paiement.",
])
def test_round_24_short_bank_parcel_and_fine_lures_are_flagged(text):
    assert analyse(parse_text(text)).verdict in ("suspicious", "dangerous"), found(text)


@pytest.mark.parametrize("text", [
    # hand-written: honest notices with the same words, that send her her own way or ask nothing
    "Conformément à la réglementation, vous pouvez mettre à jour vos informations depuis votre espace client, "
    "rubrique Profil. Si vos coordonnées ont changé, vous pouvez les mettre à jour depuis l'application.",
    "La directive européenne DSP2 renforce la sécurité de vos paiements en ligne : lors de vos achats, vous validerez "
    "désormais vos paiements dans votre application bancaire habituelle.",
    "Votre colis est en attente au point relais Tabac du Centre. Présentez-vous avec une pièce d'identité avant le "
    "12 mars, aux heures d'ouverture du commerce.",
    "Votre avis d'échéance est disponible. Vous pouvez procéder au paiement par chèque à l'ordre du Trésor public ou "
    "par prélèvement automatique.",
])
def test_round_24_honest_notices_with_the_same_words_are_not_flagged(text):
    assert analyse(parse_text(text)).verdict not in ("suspicious", "dangerous"), found(text)
