"""The pseudonymiser in real Chromium: two letters, then answers re-identified with the right one or refused.
The letters are hand-written for the tests (fictitious people and numbers)."""

from __future__ import annotations

import pytest
from test_web_browser import CHROMIUM, browser, gardien, go, page, shot  # noqa: F401 - fixtures of the browser tests

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium absent (apt-get install chromium) : tests dans le navigateur sautés")
FIRST = "Je vois ce jour Mme Ginette Lavignac, tél. 06 12 34 56 78, adressée par le Dr Paul Berthier."
SECOND = "Je revois M. Karim Benali, suivi pour un asthme sous Ventoline."


def _prepare(page, text: str, number: int) -> str:
    page.get_by_label("Le texte (lettre").fill(text)
    page.get_by_role("button", name="Retirer les identifiants").click()
    page.get_by_text(f"Le texte à donner à l'IA (texte n° {number})").wait_for(timeout=60_000)
    return page.locator("#texte-pseudo").input_value()


def _answer(page, text: str, chosen: str) -> None:
    page.get_by_role("textbox", name="La réponse de l'IA, collée ici").fill(text)
    if chosen == "auto":
        page.get_by_label("Cette réponse concerne").select_option(value="auto")
    else:
        page.get_by_label("Cette réponse concerne").select_option(label=chosen)
    page.get_by_role("button", name="Remettre les noms").click()
    page.locator("#resultat-reid .result, #resultat-reid .problem").first.wait_for()
    page.wait_for_timeout(300)  # the previous result may still be on screen: let htmx swap the new one


def test_two_letters_then_the_right_names_back_or_a_refusal(page):
    go(page, "Texte pour une IA")
    assert page.get_by_text("Pseudonymisé ne veut pas dire anonyme").is_visible()
    first = _prepare(page, FIRST, 1)
    assert "Lavignac" not in first and "[TEL_1]" in first
    second = _prepare(page, SECOND, 2)
    assert "Benali" not in second and "Ventoline" in second
    options = page.get_by_label("Cette réponse concerne").locator("option").all_inner_texts()
    assert any("texte n° 2" in o for o in options) and any("texte n° 1" in o for o in options)
    wrong = next(o for o in options if "texte n° 2" in o)
    _answer(page, "Rappeler [PATIENT_1] au [TEL_1].", wrong)
    refusal = page.locator("#resultat-reid .problem")
    assert "Gardien n'a remis aucun nom" in refusal.inner_text() and "Benali" not in refusal.inner_text()
    shot(page, "pseudonymiser-refus")
    _answer(page, "Rappeler [PATIENT_1] au [TEL_1].", "auto")
    restored = page.locator("#texte-reid").input_value()
    assert "Ginette Lavignac" in restored and "06 12 34 56 78" in restored
    shot(page, "pseudonymiser-bon-texte")


def test_an_invented_marker_is_named_and_the_other_names_come_back_on_request(page):
    # hand-written after a walkthrough (round 17): one marker the AI invented refused the whole answer
    go(page, "Texte pour une IA")
    _prepare(page, FIRST, 1)
    _answer(page, "Rappeler [PATIENT_1] au [TEL_1].\nAutre : [PATIENT_9].", "auto")
    refusal = page.locator("#resultat-reid .problem").inner_text()
    assert "Le repère [PATIENT_9] n'existe dans aucun texte préparé ici" in refusal and "Lavignac" not in refusal
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "pseudonymiser-repere-inconnu-390")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="Remettre les autres noms").click()
    page.locator("#texte-reid").wait_for()
    assert page.locator("#texte-reid").input_value() == "Rappeler Ginette Lavignac au 06 12 34 56 78.\nAutre : [PATIENT_9]."
    assert "il est resté tel quel" in page.locator("#resultat-reid").inner_text()
    shot(page, "pseudonymiser-repere-inconnu-laisse")
