"""A text that presents itself as an organisation (its signature, its opening) but sends the reader to another
organisation's address (round 22, after an independent reviewer's pasted fake), and the word filter's examples.
Every text here is hand-written for these tests (none is copied from a corpus): each lure has an honest twin."""

from __future__ import annotations

import pytest
from test_mail import build, ids

from gardien.mail import vocabulary
from gardien.mail.analyze import analyse
from gardien.mail.pasted import parse_text
from gardien.mail.signals import MEDIUM, Signal

SIGN = "liens.auteur_ailleurs"


def pasted(text: str):
    return analyse(parse_text(text))


def pasted_ids(text: str) -> set[str]:
    return {s.id for s in pasted(text).signals}


# hand-written for the tests: (lure, its honest twin)
PAIRS = [
    # signed by the Agence du numérique en santé, written address elsewhere / on its own site
    ("Bonjour,\nVotre carte de professionnel de santé doit être renouvelée avant la fin du mois. Pour ne pas "
     "interrompre vos feuilles de soins électroniques, confirmez vos coordonnées sur https://carte-pro-renouveler.fr/maj "
     "sous huit jours.\nCordialement,\nAgence du numérique en santé",
     "Bonjour,\nVotre carte de professionnel de santé arrive à son terme l'an prochain. La marche à suivre pour la "
     "commander est décrite sur https://esante.gouv.fr/produits-services/carte-cps ; rien n'est à faire par e-mail.\n"
     "Cordialement,\nAgence du numérique en santé"),
    # signed by the Assurance Maladie, address elsewhere / a government site
    ("Madame,\nUn remboursement de 63,20 € est en attente sur votre dossier. Indiquez vos coordonnées bancaires "
     "sur www.dossier-assure-remboursement.com pour le recevoir.\nL'Assurance Maladie",
     "Madame,\nLes nouvelles règles de la déclaration de revenus des professionnels de santé sont expliquées sur "
     "https://www.service-public.fr/professionnels-entreprises pour l'année qui vient.\nL'Assurance Maladie"),
    # the opening presents the organisation, address elsewhere / a partner the text names in words
    ("L'URSSAF vous informe qu'une régularisation de vos cotisations est due. Réglez-la avant vendredi sur "
     "https://cotisations-regularisation.net/paiement pour éviter une majoration.",
     "L'URSSAF vous informe qu'une journée d'information sur l'installation en libéral aura lieu le 12 mars, avec "
     "Médecins du Monde. Programme sur https://www.medecins-du-monde.org/journee-installation."),
]


@pytest.mark.parametrize("lure, honest", PAIRS)
def test_a_text_signed_by_an_organisation_that_sends_elsewhere(lure, honest):
    found = pasted(lure)
    sign = next(s for s in found.signals if s.id == SIGN)
    assert "qui n'est pas un site de cet organisme" in sign.message
    assert found.verdict in ("suspicious", "dangerous")
    assert SIGN not in pasted_ids(honest)


def test_the_reviewers_fake_names_the_organisation_and_the_other_site():
    text = ("Bonjour,\nVotre carte CPS arrive à expiration. Merci de mettre à jour vos informations sur "
            "https://cps-renouvellement-ans.fr/pro avant le 15 décembre.\nCordialement,\nAgence du Numérique en Santé")
    sign = next(s for s in pasted(text).signals if s.id == SIGN)
    assert sign.message == ("Le message se présente comme « Agence du Numérique en Santé » mais vous envoie sur "
                            "cps-renouvellement-ans.fr, qui n'est pas un site de cet organisme.")


def test_a_signature_that_only_invites_to_follow_on_a_social_network_presents_no_organisation():
    text = ("Bonjour,\nLe cabinet sera fermé du 24 au 28 décembre. Les rendez-vous se prennent sur "
            "https://www.cabinet-sagefemme-exemple.fr.\nSuivez-nous sur Facebook")
    assert SIGN not in pasted_ids(text)


def test_the_organisation_itself_authenticated_may_link_to_a_partner():
    text = ("Bonjour,\nLe webinaire sur la messagerie sécurisée aura lieu jeudi : inscription sur "
            "https://webinaire-partenaire-exemple.fr/inscription.\nCordialement,\nAgence du numérique en santé")
    own = build(sender="Agence du numérique en santé <ne-pas-repondre@esante.gouv.fr>", subject="Webinaire", text=text,
                headers={"Authentication-Results": "mx.receveur.fr; spf=pass smtp.mailfrom=esante.gouv.fr; "
                                                   "dkim=pass header.d=esante.gouv.fr; dmarc=pass header.from=esante.gouv.fr"})
    assert SIGN not in ids(own)
    assert SIGN in pasted_ids(text)  # pasted, nothing says who sent it


def _filter_sign(*words: str) -> Signal:
    return Signal(vocabulary.SIGN, MEDIUM, vocabulary.MESSAGE.format(examples=""), words=words)


def test_the_word_filter_quotes_only_words_the_lure_families_found():
    family = Signal("contenu.scenario_piege", MEDIUM, "Le message annonce un problème (« arrive à expiration »).")
    told = vocabulary.quoting_lure_words([_filter_sign("numérique", "télétransmissions", "expiration"), family])[0]
    assert "« expiration »" in told.message.replace("\u00a0", " ")
    assert "numérique" not in told.message and "télétransmissions" not in told.message
    # a word the sender's name quotes is not a lure family's
    sender = Signal("expediteur.marque_usurpee", MEDIUM, "Le message se présente comme « Agence du Numérique en Santé ».")
    alone = vocabulary.quoting_lure_words([_filter_sign("numérique", "télétransmissions"), sender])[0]
    assert alone.message == vocabulary.MESSAGE.format(examples="")


def test_the_pasted_fake_quotes_no_everyday_word_of_the_trade():
    text = ("Bonjour,\nVotre carte CPS arrive à expiration. Pour recevoir la nouvelle carte sans interruption de vos "
            "télétransmissions, merci de mettre à jour vos informations sur https://cps-renouvellement-ans.fr/pro avant "
            "le 15 décembre.\nCordialement,\nAgence du Numérique en Santé")
    words = next((s.message for s in pasted(text).signals if s.id == vocabulary.SIGN), "")
    assert "numérique" not in words and "télétransmissions" not in words


# hand-written for the tests: a subject line pasted alone, whose first words name an organisation as its topic and
# which holds a site's name (round 23: a 2002 news subject line pasted alone was « signed » Google)
@pytest.mark.parametrize("line", [
    "Actu.com : Google lance sa recherche d'actualités",
    "Doctolib rachète Agenda-sante.fr",
])
def test_a_line_too_short_to_be_judged_signs_no_one(line):
    found = pasted(line)
    assert SIGN not in {s.id for s in found.signals}
    assert found.verdict == "incomplete"
