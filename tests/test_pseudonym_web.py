"""The pseudonymiser's web page: one correspondence per text, and never the wrong patient back. The letters are
hand-written for the tests (fictitious people and numbers)."""

from __future__ import annotations

import html

import pytest
from conftest import logged_in_client

PORT = 8766
ORIGIN = f"http://127.0.0.1:{PORT}"
HTMX = {"Origin": ORIGIN, "HX-Request": "true"}
FIRST = "Je vois ce jour Mme Ginette Lavignac, tél. 06 12 34 56 78, adressée par le Dr Paul Berthier."
SECOND = "Je revois M. Karim Benali, suivi pour un asthme."


@pytest.fixture
def client():
    return logged_in_client(PORT)


def _prepare(client, text: str) -> str:
    response = client.post("/pseudonymiser", data={"texte": text, "dates": "balises"}, headers=HTMX)
    assert response.status_code == 200
    return response.text


def test_an_answer_about_the_first_letter_after_a_second_one_gets_the_first_names(client):
    """The issue's bug: only the last mapping was kept, so the first patient's answer came back with the second name."""
    _prepare(client, FIRST)
    assert "texte n° 2" in _prepare(client, SECOND)
    answer = "Rappeler [PATIENT_1] au [TEL_1], puis écrire au [MEDECIN_1]."
    restored = client.post("/reidentifier", data={"reponse": answer, "texte_numero": "auto"}, headers=HTMX).text
    assert "Ginette Lavignac" in restored and "06 12 34 56 78" in restored and "Benali" not in restored
    assert "d'après le texte n° 1" in restored


def test_an_answer_whose_placeholders_do_not_match_the_chosen_text_is_refused(client):
    _prepare(client, FIRST)
    _prepare(client, SECOND)
    answer = "Rappeler [PATIENT_1] au [TEL_1]."
    refused = client.post("/reidentifier", data={"reponse": answer, "texte_numero": "2"}, headers=HTMX).text
    assert "Gardien n'a remis aucun nom" in refused and "[TEL_1]" in refused
    assert "Benali" not in refused and "Lavignac" not in refused


def test_an_answer_that_several_texts_could_explain_is_refused(client):
    _prepare(client, FIRST)
    _prepare(client, SECOND)
    refused = client.post("/reidentifier", data={"reponse": "Bonne nouvelle pour [PATIENT_1].", "texte_numero": "auto"},
                          headers=HTMX).text
    assert "plusieurs textes" in refused and "Benali" not in refused and "Lavignac" not in refused
    chosen = client.post("/reidentifier", data={"reponse": "Bonne nouvelle pour [PATIENT_1].", "texte_numero": "2"},
                         headers=HTMX).text
    assert "Karim Benali" in chosen


def test_an_invented_marker_is_named_and_the_other_names_can_still_be_put_back(client):
    # hand-written after a walkthrough (round 17): one « [PATIENT_9] » the AI invented refused everything, and the
    # message named five known markers, hiding that one behind « … »
    _prepare(client, FIRST)
    _prepare(client, SECOND)
    answer = "Rappeler [PATIENT_1] au [TEL_1], puis écrire au [MEDECIN_1]. Autre : [PATIENT_9]."
    refused = html.unescape(client.post("/reidentifier", data={"reponse": answer, "texte_numero": "auto"}, headers=HTMX).text)
    assert "Gardien n'a remis aucun nom" in refused and "Le repère [PATIENT_9] n'existe dans aucun texte" in refused
    assert "Lavignac" not in refused and "Remettre les autres noms" in refused and 'name="laisser_inconnus" value="oui"' in refused
    restored = html.unescape(client.post("/reidentifier", data={"reponse": answer, "texte_numero": "1",
                                                                "laisser_inconnus": "oui"}, headers=HTMX).text)
    assert "Ginette Lavignac" in restored and "Autre : [PATIENT_9]." in restored and "Benali" not in restored
    assert "Le repère [PATIENT_9] n'existe dans aucun texte préparé : il est resté tel quel" in restored
    # leaving unknown markers never puts a name known only to another text
    other = client.post("/reidentifier", data={"reponse": "[PATIENT_1] [TEL_1] [PATIENT_9]", "texte_numero": "2",
                                               "laisser_inconnus": "oui"}, headers=HTMX).text
    assert "Gardien n'a remis aucun nom" in other and "Benali" not in other and "Lavignac" not in other


def test_one_text_prepared_twice_is_no_doubt_about_whose_answer_it_is(client):
    # walkthrough, round 16: she clicked « Retirer les identifiants » several times on the same text
    _prepare(client, FIRST)
    _prepare(client, FIRST)
    answer = client.post("/reidentifier", data={"reponse": "Bonne nouvelle pour [PATIENT_1].", "texte_numero": "auto"},
                         headers=HTMX).text
    assert "plusieurs textes" not in answer and "Bonne nouvelle pour" in answer and "[PATIENT_1]" not in answer


def test_the_page_says_pseudonymised_is_not_anonymous_and_lists_the_texts(client):
    _prepare(client, FIRST)
    page = client.get("/pseudonymiser").text
    assert "Pseudonymisé ne veut pas dire anonyme" in page and "texte n° 1 (G. L.), préparé à" in page
    assert "Lavignac" not in page  # the list shows the pseudonymised beginning and initials only
    assert 'hx-indicator="#attente-pseudo"' in page and "jusqu'à une demi-minute" in page


def test_letters_on_one_letterhead_are_told_apart_by_who_they_are_about(client):
    # hand-written: two letters that begin alike, as every letter of a practice does
    head = "Mme Claire Dubois, sage-femme, 4 place du Marché, 29200 Brest. "
    _prepare(client, head + FIRST)
    _prepare(client, head + SECOND)
    options = client.get("/pseudonymiser").text.split('id="texte_numero"', 1)[1].split("</select>", 1)[0]
    assert options.index("texte n° 2 (K. B., C. D.)") < options.index("texte n° 1 (G. L., C. D.)"), options  # latest first, the patient first


def test_the_page_names_the_marks_the_result_uses_and_says_what_a_nir_is(client):
    """Walkthrough r11: the page promised « des repères comme [PATIENT_1] » and the result said [PERSONNE_1] and
    « 1 NIR » (hand-written letter, fictitious number)."""
    import html
    import re

    result = html.unescape(_prepare(client, "Je revois M. Karim Benali, NIR 1 85 05 75 118 038 99, pour un asthme."))
    intro = html.unescape(client.get("/pseudonymiser").text).split("<h1>", 1)[1].split('<div class="caution"', 1)[0]
    used = set(re.findall(r"\[(PATIENT|PERSONNE|MEDECIN)_\d+\]", result))
    assert used and all(f"[{mark}_1]" in intro for mark in used), (used, intro)
    assert "1 numéro de sécurité sociale" in result and "1 NIR" not in result
