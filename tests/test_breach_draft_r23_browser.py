"""Round 23, in real Chromium: a stolen laptop noted before any RGPD register exists, reached from the « Registre
RGPD » page; its CNIL draft on its own page; the labels of the CNIL and patients fieldsets sit above their fields."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from conftest import menu
from test_web_browser import CHROMIUM, browser, gardien, page, shot  # noqa: F401 (fixtures)

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium absent (apt-get install chromium) : tests dans le navigateur sautés")


def test_a_stolen_laptop_noted_without_register_and_its_cnil_draft(page):  # noqa: F811
    menu(page).get_by_role("link", name="Registre RGPD", exact=True).click()
    page.wait_for_load_state("load")
    shot(page, "23-registre-sans-registre")
    page.get_by_role("link", name="noter une violation").click()
    page.wait_for_load_state("load")
    # the labels of the CNIL fieldset: each above its own field, never beside the date field (failed before)
    for label, field in (("Date de la notification", "#cnil_date"), ("Pourquoi pas de notification", "#cnil_motif"),
                         ("Date de l'information", "#patients_date")):
        box = page.get_by_text(label, exact=False).first.bounding_box()
        below = page.locator(field).bounding_box()
        assert box["y"] + box["height"] <= below["y"] + 1, (label, box, below)
    page.locator("#cnil_date").scroll_into_view_if_needed()
    shot(page, "23-formulaire-violation-champs")
    day = datetime.now() - timedelta(days=1)
    page.locator("#decouverte").fill(day.strftime("%Y-%m-%d"))
    page.locator("#description").fill("Ordinateur portable volé dans la voiture (fictif)")
    page.get_by_role("button", name="Noter la violation").click()
    page.wait_for_load_state("load")
    page.get_by_role("link", name="Brouillon de la notification à la CNIL").first.click()
    page.wait_for_load_state("load")
    text = " ".join(page.locator("main").inner_text().replace("\u00a0", " ").split())
    assert "Brouillon : notification de violation de données à la CNIL" in text, text
    assert "point de contact : à compléter" in text and "gardien " not in text, text
    assert page.get_by_role("link", name="Télécharger en PDF").count() == 1
    shot(page, "23-brouillon-cnil-violation")


def test_a_recorded_no_notification_comes_first_in_the_web_draft(page):  # noqa: F811
    from gardien.registre import breaches

    day = (datetime.now() - timedelta(days=1)).strftime("%d/%m/%Y")
    entry = breaches.record(breaches.manual(day, "Clé USB perdue au cabinet (fictif)"))
    page.goto("/".join(page.url.split("/")[:4]) + f"/registre/violations/{entry.id}")
    shot(page, "23-suivi-violation-bouton-brouillon")
    page.get_by_label("Pas de notification (risque peu probable pour les personnes)").check()
    page.locator("#cnil_motif").fill("clé retrouvée le lendemain, fichiers chiffrés")
    page.get_by_role("button", name="Enregistrer le suivi").click()
    page.wait_for_load_state("load")
    page.get_by_role("link", name="Brouillon de la notification à la CNIL").first.click()
    page.wait_for_load_state("load")
    text = " ".join(page.locator("main").inner_text().replace("\u00a0", " ").split())
    intro = text.split("Brouillon : notification de violation de données à la CNIL")[1]
    assert intro.lstrip().startswith("Vous avez noté dans le registre votre décision : pas de notification"), intro
    assert intro.index("clé retrouvée le lendemain") < intro.index("Si vous changez d'avis"), intro
    shot(page, "23-brouillon-cnil-pas-de-notification")
