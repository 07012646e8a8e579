"""Round 22, in real Chromium: the breach register's page says the CNIL is told unless the breach is unlikely to
create a risk, and the deadline of a discovery typed without its hour, at midnight (round 23: named by the day it ends); the gaps page's interview question
offers « Je ne sais pas encore », never « Pas encore »."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from test_web_browser import CHROMIUM, browser, gardien, page, shot  # noqa: F401 (fixtures)

from gardien.registre import breaches

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium absent (apt-get install chromium) : tests dans le navigateur sautés")


def _base(page) -> str:  # noqa: F811
    return "/".join(page.url.split("/")[:4])  # up to the secret root


def test_a_breach_typed_without_hour_in_the_form(page):  # noqa: F811
    day = datetime.now() - timedelta(days=1)
    page.goto(_base(page) + "/registre/violations")
    page.locator("#decouverte").fill(day.strftime("%Y-%m-%d"))
    page.locator("#description").fill("Ordinateur portable volé dans la voiture (fictif)")
    page.get_by_role("button", name="Noter la violation").click()
    page.wait_for_load_state("load")
    text = " ".join(page.locator("main").inner_text().replace("\u00a0", " ").split())
    deadline = (day + timedelta(days=2)).strftime("%d/%m/%Y")
    assert f"si possible avant le {deadline} à minuit, à la fin de cette journée (" in text and breaches.NO_HOUR_NOTE in text, text
    assert breaches.NO_RISK_SENTENCE in text and "Si elle présente un risque" not in text, text
    shot(page, "22-violation-sans-heure")


def test_the_gaps_page_says_je_ne_sais_pas_encore(page):  # noqa: F811
    from conftest import logged_in_client
    from test_registre_web import ANSWERS

    logged_in_client().post("/registre/entretien", data={**ANSWERS, "hors_ue": "nsp"},
                            headers={"Origin": "http://127.0.0.1:8765"})
    page.goto(_base(page) + "/registre/completer")
    chosen = page.get_by_label("Vos éditeurs gardent-ils des données hors de l'Union européenne ?")
    assert chosen.locator("option").all_inner_texts() == ["Je ne sais pas encore", "Oui", "Non"]
    assert chosen.input_value() == ""
    chosen.scroll_into_view_if_needed()
    shot(page, "22-completer-je-ne-sais-pas")
