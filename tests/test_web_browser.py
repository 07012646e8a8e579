"""The interface in real Chromium (Debian's chromium through Playwright's executable_path), as a person uses it.

Screenshots are kept in tests/artefacts/. The accessibility scan injects axe-core, installed from the npm
registry by .ci/run into .cache/axe; the test skips with a reason when Chromium or axe-core is absent.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import SHARED

ROOT = Path(__file__).resolve().parents[1]
ARTEFACTS = ROOT / "tests" / "artefacts"
AXE = Path(os.environ.get("GARDIEN_AXE", ROOT / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"))
CHROMIUM = os.environ.get("GARDIEN_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
PAGES = ["/", "/audit", "/plan", "/questionnaire", "/motdepasse", "/mail", "/pseudonymiser", "/sauvegardes",
         "/sauvegardes/configurer"]
# Hand-written letter (not a real patient): every identifier below must disappear.
LETTER = ("Chère consœur,\nJe vois ce jour Mme Odile Quéméneur, née le 04/09/1961, domiciliée 12 rue des Lilas "
          "29200 Brest, tél. 06 71 22 38 90, pour un suivi de rééducation.\nBien confraternellement,\nDr Yann Le Goff")

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium absent (apt-get install chromium) : tests dans le navigateur sautés")


@pytest.fixture(scope="module")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright absent (pip install playwright)")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def gardien(running_interface):
    """(base URL, opening file) of a real interface (conftest.running_interface)."""
    guard, opening = running_interface
    return guard.base_url, opening  # http://127.0.0.1:PORT/<secret root>: every page is under it


@pytest.fixture
def page(browser, gardien):
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="fr-FR")
    page = context.new_page()
    page.csp_errors = []
    page.on("console", lambda m: "Content Security Policy" in m.text and page.csp_errors.append(m.text))
    page.goto(gardien[1].as_uri())  # the opening file, as `gardien interface` gives it to the browser
    page.wait_for_url(f"{gardien[0]}/")
    yield page
    context.close()


def go(page, menu_item: str) -> None:
    page.get_by_role("navigation").get_by_role("link", name=menu_item, exact=True).click()
    page.wait_for_load_state("load")  # htmx (a deferred script) is ready: typing Enter earlier posts the plain form


def shot(page, name: str) -> None:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"{name}.png"), full_page=True)


def test_opening_file_logs_in_and_shows_the_dashboard(page, gardien):
    assert page.get_by_role("heading", level=1).inner_text() == "Tableau de bord"
    shot(page, "01-tableau-de-bord-vide")
    link = re.search(r'url=([^"]+)"', gardien[1].read_text(encoding="utf-8"))[1].replace("&amp;", "&")
    # opening the same file again (a closed tab, the secretary after the doctor) opens Gardien again
    page.goto(gardien[1].as_uri())
    page.wait_for_url(f"{gardien[0]}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Tableau de bord"
    # but a link already used (kept in the browser's history) no longer opens anything
    page.goto(link)
    assert "déjà servi" in page.locator("main").inner_text()


def test_audit_then_plan_step_done(page):
    go(page, "Bilan de l'ordinateur")
    page.get_by_role("button", name="Faire le bilan maintenant").click()
    page.get_by_text("Score :").wait_for()
    shot(page, "02-bilan")
    go(page, "Mon plan")
    done_before = page.locator("#avancement-plan").inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name="C'est fait").first.click()
    assert page.locator("#avancement-plan").inner_text() != done_before
    assert "C'est noté" in page.locator(".notice").inner_text()  # « sur votre parole » for an audit step: test_web.py
    assert page.get_by_text("Faites ou reportées").is_visible()
    shot(page, "03-plan")
    go(page, "Tableau de bord")
    assert page.get_by_text("Score :").is_visible()
    shot(page, "04-tableau-de-bord")


def test_questionnaire_with_the_keyboard_only(page):
    go(page, "Questionnaire")
    first_question = page.locator("#question").inner_text()
    page.get_by_role("button", name="Oui", exact=True).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("#question").inner_text() != first_question
    assert page.locator("#avancement-questions").inner_text().startswith("1 réponse sur")


def test_password_check_and_generate(page):
    go(page, "Mot de passe")
    page.get_by_label("Mot de passe à vérifier").fill("Camille2024!")
    page.keyboard.press("Enter")
    verdict = page.locator("#resultat-mdp .verdict")
    verdict.wait_for()
    assert "faible" in verdict.inner_text()
    assert page.url.endswith("/motdepasse")  # htmx: the result came without leaving the page
    page.get_by_role("button", name="Créer un mot de passe").click()
    generated = page.locator("#mdp-genere")
    generated.wait_for()
    assert len(generated.input_value().split("-")) == 7
    shot(page, "05-mot-de-passe")


def test_on_a_phone_each_password_kind_stays_on_one_line_beside_its_button(page):
    """Walkthrough r13 (finding 16): at 390 px the choice broke as « ◉ 14 / caractères au hasard »."""
    page.set_viewport_size({"width": 390, "height": 844})
    go(page, "Mot de passe")
    for kind in ("genre-phrase", "genre-aleatoire"):
        lines = page.evaluate(f"document.querySelector('label[for={kind}]').getClientRects().length")
        radio, label = page.locator(f"#{kind}").bounding_box(), page.locator(f"label[for={kind}]").bounding_box()
        assert lines == 1 and abs((radio["y"] + radio["height"] / 2) - (label["y"] + label["height"] / 2)) < 8, kind
    shot(page, "mot-de-passe-390")


def test_suspicious_mail_from_the_corpus(page):
    folder = SHARED / "corpus" / "mail" / "phishing"
    if not folder.is_dir():
        pytest.skip(f"corpus absent : {folder} (le dossier ../shared n'est pas là)")
    sample = sorted(folder.glob("*.eml"))[0]
    go(page, "E-mail suspect")
    page.locator("#fichier").set_input_files(str(sample))
    page.get_by_role("button", name="Analyser le message").click()
    page.locator("#resultat-mail .verdict").wait_for()
    assert page.get_by_text("Les bons réflexes").is_visible()
    shot(page, "06-e-mail")


def test_pseudonymise_and_put_names_back(page):
    go(page, "Texte pour une IA")
    page.get_by_label("Le texte (lettre").fill(LETTER)
    page.get_by_role("button", name="Retirer les identifiants").click()
    result = page.locator("#texte-pseudo")
    result.wait_for()
    text = result.input_value()
    for identifier in ("Odile", "Quéméneur", "04/09/1961", "Lilas", "29200", "06 71 22 38 90", "Le Goff"):
        assert identifier not in text
    shot(page, "07-pseudonymiser")
    placeholder = next(word for word in text.replace(",", " ").split() if word.startswith("[PERSONNE") or word.startswith("[PATIENT"))
    page.get_by_role("textbox", name="La réponse de l'IA, collée ici").fill(f"Résumé : {placeholder} suit une rééducation.")
    page.get_by_role("button", name="Remettre les noms").click()
    restored = page.locator("#texte-reid")
    restored.wait_for()
    assert "Quéméneur" in restored.input_value()


def test_no_content_security_policy_violation(page):
    base = "/".join(page.url.split("/")[:4])  # up to the secret root
    for path in PAGES:
        page.goto(base + path)
    assert page.csp_errors == []


def test_on_a_phone_the_menu_leaves_room_for_the_page_and_every_item_is_reachable(page, gardien):
    """A midwife's walkthrough: at 390 px the menu took about 270 px at the top of every page (failed on main: the
    page's title began at 330 px). Now one line beside the name, scrolled sideways (CSS: no script needed to reach
    the page), with the current page's item in view; Gardien's script brings each item the Tab key reaches fully into
    view."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{gardien[0]}/questionnaire")
    assert page.locator("h1").bounding_box()["y"] < 150
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # the page itself never scrolls sideways
    current = page.get_by_role("navigation").get_by_role("link", name="Questionnaire").bounding_box()
    assert current["x"] >= 0 and current["x"] + current["width"] <= 390
    links = page.get_by_role("navigation").get_by_role("link")
    assert links.count() >= 10
    page.get_by_role("link", name="Gardien", exact=True).focus()
    for index in range(links.count()):
        page.keyboard.press("Tab")
        box = links.nth(index).bounding_box()
        assert page.evaluate("document.activeElement.textContent") == links.nth(index).text_content()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, links.nth(index).text_content()
    shot(page, "menu-telephone")


@pytest.mark.parametrize("width,height", [(1280, 720), (768, 1024)])
def test_comfortable_at_desktop_and_tablet_width(page, width, height):
    page.set_viewport_size({"width": width, "height": height})
    base = "/".join(page.url.split("/")[:4])  # up to the secret root
    for path in PAGES:
        page.goto(base + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} déborde de {overflow} px à {width} px"
    page.goto(base + "/")
    shot(page, f"08-largeur-{width}")


def test_accessibility_scan_has_no_serious_violation(page):
    if not AXE.is_file():
        pytest.skip(f"axe-core absent : {AXE} (npm install --prefix .cache/axe axe-core)")
    source = AXE.read_text(encoding="utf-8")
    base = "/".join(page.url.split("/")[:4])  # up to the secret root
    page.goto(base + "/audit")
    page.get_by_role("button", name="Faire le bilan maintenant").click()
    page.get_by_text("Score :").wait_for()
    problems = []
    for path in PAGES:
        page.goto(base + path)
        page.evaluate(source)  # through the DevTools protocol: the page's CSP stays untouched
        result = page.evaluate("axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']})")
        for violation in result["violations"]:
            if violation["impact"] in ("serious", "critical"):
                problems.append(f"{path}: {violation['id']} ({violation['impact']}) {violation['nodes'][0]['target']}")
    assert problems == []


def test_on_a_phone_an_arrow_says_the_menu_goes_on(page, gardien):
    """Walkthrough round 12, finding 20: at 390 px the menu strip showed « Tableau de bord  Bilan de l'… » and nothing
    said that twelve more entries were there. An arrow, always in view beside the strip, says it."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{gardien[0]}/")
    arrow = page.evaluate("getComputedStyle(document.querySelector('header.site'), '::after').content")
    assert "›" in arrow
    nav = page.get_by_role("navigation").bounding_box()
    assert nav["x"] + nav["width"] < 390 - 15  # the arrow's room, outside the strip that scrolls
    shot(page, "menu-telephone-fleche")
