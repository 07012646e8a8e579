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
from conftest import SHARED, menu

from gardien.web.render import NAVIGATION

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
    menu(page).get_by_role("link", name=menu_item, exact=True).click()
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
    assert len(generated.inner_text().strip().split("-")) == 7
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


def test_on_a_phone_the_generated_phrase_wraps_and_is_read_whole(page):
    """Walkthrough, round 15: at 390 px the 7-word phrase sat in a one-line box, cut (« rentre-devra-accompli-favori-
    abandon-m… ») (failed on main: the box scrolled its text)."""
    page.set_viewport_size({"width": 390, "height": 844})
    go(page, "Mot de passe")
    page.get_by_role("button", name="Créer un mot de passe").click()
    generated = page.locator("#mdp-genere")
    generated.wait_for()
    box = generated.evaluate("e => [e.scrollWidth, e.clientWidth, e.getBoundingClientRect().right]")
    assert box[0] <= box[1] and box[2] <= 390, box
    said = generated.evaluate("e => e.value ?? e.textContent").strip()
    assert len(said.split("-")) == 7 and generated.inner_text().replace("\n", "").strip() == said
    words = generated.evaluate("e => { const r = document.createRange(); r.selectNodeContents(e); return r.getClientRects().length }")
    assert words >= 2  # it wrapped onto several lines instead of being cut
    shot(page, "mot-de-passe-genere-390")


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


def test_on_a_phone_a_menu_button_opens_every_entry_without_a_script(browser, gardien):
    """Walkthrough r14 (finding 9): at 390 px the entries sat on one line scrolled sideways (« Tableau de bord »
    and half of « Bilan de l'ordinateur » in view: « E-mail suspect » needed a swipe nobody finds) and a « › » beside
    them looked like a button but did nothing. Now a « Menu » button beside the name opens the whole list, one entry
    under the other, each within the screen; with JavaScript off too (the app never needs it)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    page.goto(gardien[1].as_uri())
    page.wait_for_url(f"{gardien[0]}/")
    page.goto(f"{gardien[0]}/questionnaire")
    assert page.locator("h1").bounding_box()["y"] < 120  # the page starts at once
    arrow = page.evaluate("getComputedStyle(document.querySelector('header.site'), '::after').content")
    assert "›" not in arrow  # no decoration that looks like a button
    assert page.get_by_role("navigation").count() == 0  # folded: no half-hidden strip of links
    button = page.locator("header.site summary")
    assert button.inner_text() == "Menu"
    box = button.bounding_box()
    assert box["x"] + box["width"] <= 390 and box["height"] >= 32  # big enough for a finger
    shot(page, "menu-telephone-ferme")
    button.click()
    links = page.get_by_role("navigation").get_by_role("link")
    assert links.count() == len(NAVIGATION)
    for index in range(links.count()):
        box = links.nth(index).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, links.nth(index).text_content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing scrolls sideways
    assert page.get_by_role("navigation").get_by_role("link", name="Questionnaire").get_attribute("aria-current") == "page"
    shot(page, "menu-telephone-ouvert")
    page.get_by_role("navigation").get_by_role("link", name="E-mail suspect").click()
    page.wait_for_url("**/mail")
    assert page.locator("h1").inner_text() == "Un e-mail vous semble suspect ?"
    context.close()


def test_at_desktop_width_the_menu_shows_in_full_and_once(page):
    links = page.get_by_role("navigation").get_by_role("link")
    assert links.count() == len(NAVIGATION) and page.locator("header.site summary").is_hidden()


def test_the_dashboard_links_to_the_tools(page):
    """Walkthrough r14 (finding 9): the dashboard had no way to the tools she opens between two patients."""
    tools = page.get_by_role("heading", name="Vos outils").locator("xpath=following-sibling::ul[1]")
    for name in ("E-mail suspect", "Mot de passe", "Texte pour une IA", "Envoyer chiffré", "En cas d'attaque"):
        assert tools.get_by_role("link", name=name, exact=True).count() == 1, name
    tools.get_by_role("link", name="E-mail suspect").click()
    page.wait_for_url("**/mail")


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
