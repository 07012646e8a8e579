"""The emergency mode in real Chromium, at phone (390 px) and desktop (1280 px) widths, as a practitioner under stress
meets it: the big red button, one instruction at a time, the network button, the message noted, the contacts sheet.
Screenshots go to tests/artefacts/urgence-*.png. Reuses the real-server fixtures of test_web_browser.py."""

from __future__ import annotations

import re

import pytest
from conftest import menu
from test_registre_browser import page  # noqa: F401 - the same tab at 390 and 1280 px
from test_web_browser import ARTEFACTS, CHROMIUM, browser, gardien, shot  # noqa: F401 - pytest fixtures used by name

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium absent (apt-get install chromium) : tests dans le navigateur sautés")

ENGLISH = re.compile(r"\b(the|and|file|download|upload|submit|save|error|warning|network|step)\b", re.IGNORECASE)
COMMAND = re.compile(r"\bgardien [a-z]+\b|\$ |sudo |\.exe\b|\bnmcli\b|\bnetsh\b")


def _readable(tab) -> None:
    text = tab.locator("main").inner_text()
    assert not ENGLISH.findall(text), ENGLISH.findall(text)
    assert not COMMAND.findall(text), COMMAND.findall(text)
    wide = tab.evaluate("[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)"
                        ".slice(0, 5).map(e => e.tagName + '.' + e.className + ': ' + (e.textContent || '').slice(0, 60))")
    assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), f"la page déborde en largeur : {wide} " + str(tab.evaluate("[document.documentElement.scrollWidth, window.innerWidth, document.body.scrollWidth]"))
    assert not tab.csp_errors


def test_a_midwife_under_attack_is_led_one_instruction_at_a_time(page, gardien):  # noqa: F811 - fixtures
    menu(page).get_by_role("link", name="En cas d'attaque").click()
    page.wait_for_load_state("load")
    _readable(page)
    shot(page, f"urgence-accueil-{page.width}")
    with page.expect_navigation():
        page.get_by_role("button", name="Je pense que mon ordinateur est attaqué : ouvrir le mode urgence").click()
    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text() == "Coupez Internet tout de suite"
    assert float(heading.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 30  # large type
    _readable(page)
    shot(page, f"urgence-consigne-1-{page.width}")
    with page.expect_navigation():
        page.get_by_role("button", name="Couper le réseau maintenant").click()
    # a cut that cut nothing is said in the warning box (role alert), one that cut something in the status box
    assert "débranchez le câble réseau" in page.locator("[role=status], [role=alert]").first.inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name="C'est fait : consigne suivante").click()
    assert page.get_by_role("heading", level=1).inner_text() == "N'éteignez pas l'ordinateur"
    for _ in range(2):  # « N'éteignez pas », « Ne payez pas »: nothing to do, so nothing to declare done
        with page.expect_navigation():
            page.get_by_role("button", name="Consigne suivante", exact=True).click()
    page.get_by_label("Le message de rançon, tel qu'il est affiché").fill("Vos fichiers sont chiffrés. Payez 1 BTC. ID 5521")
    with page.expect_navigation():
        page.get_by_role("button", name="Noter dans le journal").click()
    assert "Noté dans le journal" in page.get_by_role("status").inner_text()
    _readable(page)
    shot(page, f"urgence-message-{page.width}")
    page.goto(f"{gardien[0]}/")  # the dashboard leads back to the emergency while it is open
    assert page.url == f"{gardien[0]}/urgence"
    page.get_by_text("Toutes les consignes").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Signalez l'incident au CERT Santé").click()
    assert page.get_by_role("link", name="09 72 43 91 25").is_visible()
    _readable(page)
    shot(page, f"urgence-cert-sante-{page.width}")
    page.get_by_role("link", name="Journal de l'incident").click()
    page.wait_for_load_state("load")
    assert "Journal intact" in page.locator("main").inner_text()
    _readable(page)
    shot(page, f"urgence-journal-{page.width}")


def test_contacts_prepared_before_any_crisis(page):  # noqa: F811 - the imported fixture
    menu(page).get_by_role("link", name="En cas d'attaque").click()
    page.get_by_role("link", name="Noter mes contacts d'urgence").click()
    page.wait_for_load_state("load")
    page.locator("#prestataire-nom").fill("Info Cabinet Service")
    page.locator("#prestataire-telephone").fill("02 98 00 00 00")
    page.locator("#assureur-nom").fill("Assur Pro")
    with page.expect_navigation():
        page.get_by_role("button", name="Enregistrer mes contacts").click()
    assert "Contacts enregistrés" in page.get_by_role("status").inner_text()
    _readable(page)
    shot(page, f"urgence-contacts-{page.width}")
    page.get_by_role("link", name="Imprimer la fiche réflexe").click()
    page.wait_for_load_state("load")
    assert "Info Cabinet Service" in page.locator("main").inner_text()
    _readable(page)
    shot(page, f"urgence-fiche-{page.width}")


def test_the_sheet_says_what_is_true_and_a_false_alarm_has_no_draft(page, gardien):  # noqa: F811
    page.goto(f"{gardien[0]}/urgence/preparer")
    page.locator("#prestataire-nom").fill("Info Cabinet Service")
    page.locator("#prestataire-telephone").fill("02 98 00 00 00")
    page.locator("#assureur-telephone").fill("MACSF")  # a name in the phone column
    with page.expect_navigation():
        page.get_by_role("button", name="Enregistrer mes contacts").click()
    assert "n'est pas un numéro de téléphone" in page.get_by_role("alert").inner_text()
    assert page.locator("#prestataire-nom").input_value() == "Info Cabinet Service"  # nothing she typed is lost
    _readable(page)
    shot(page, f"urgence-telephone-refuse-{page.width}")
    page.locator("#assureur-telephone").fill("")
    page.locator("#assureur-nom").fill("MACSF")
    with page.expect_navigation():
        page.get_by_role("button", name="Enregistrer mes contacts").click()
    page.goto(f"{gardien[0]}/urgence/fiche")
    assert "Il manque : l'éditeur de votre logiciel métier, votre assureur" in page.locator("main").inner_text()
    assert page.locator(".a-ecrire").count() >= 4  # lines to write on: the ransom message, the missing phones
    _readable(page)
    shot(page, f"urgence-fiche-a-imprimer-{page.width}")
    page.goto(f"{gardien[0]}/urgence")
    ready = page.get_by_text("Fiche ouverte le")
    assert ready.is_visible() and "Il manque" in ready.inner_text() and page.locator("p.fait", has_text="Fiche").count() == 0
    _readable(page)
    shot(page, f"urgence-accueil-a-imprimer-{page.width}")
    with page.expect_navigation():
        page.get_by_role("button", name="Je l'ai imprimée").click()
    assert "(déclaré par vous)" in page.get_by_text("Fiche imprimée le").inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name="Je pense que mon ordinateur est attaqué : ouvrir le mode urgence").click()
    assert page.get_by_role("button", name="Pas encore fait : consigne suivante").is_visible()
    shot(page, f"urgence-consigne-geste-{page.width}")
    page.get_by_role("link", name="Fermez le mode urgence").click()  # the hint's link opens the folded section
    assert page.locator("details#fermer").evaluate("d => d.open")
    assert page.get_by_label("Fausse alerte").is_visible()
    _readable(page)
    shot(page, f"urgence-fermer-ouvert-{page.width}")
    page.get_by_label("Fausse alerte").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Fermer le mode urgence").click()
    page.goto(f"{gardien[0]}/urgence/brouillons")
    said = page.locator("main").inner_text()
    assert "Il n'y a pas d'incident à notifier" in said and "chiffrés" not in said
    _readable(page)
    shot(page, f"urgence-brouillons-fausse-alerte-{page.width}")


def test_emergency_pages_pass_the_accessibility_scan(page, gardien):  # noqa: F811
    from test_web_browser import AXE

    if not AXE.is_file():
        pytest.skip(f"axe-core absent : {AXE} (npm install --prefix .cache/axe axe-core)")
    source = AXE.read_text(encoding="utf-8")
    problems = []
    for path in ("/urgence", "/urgence/preparer", "/urgence/fiche", "/urgence/journal", "/urgence/apres", "OUVRIR", "/urgence"):
        if path == "OUVRIR":
            page.goto(f"{gardien[0]}/urgence")
            with page.expect_navigation():
                page.get_by_role("button", name="Je pense que mon ordinateur est attaqué : ouvrir le mode urgence").click()
            continue
        page.goto(gardien[0] + path)
        page.evaluate(source)
        result = page.evaluate("axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']})")
        problems += [f"{path}: {v['id']} ({v['impact']}) {v['nodes'][0]['target']}" for v in result["violations"]
                     if v["impact"] in ("serious", "critical")]
    assert problems == []


def test_the_plan_s_backup_step_waits_during_an_incident(page, gardien, tmp_path):  # noqa: F811 - fixtures
    """Round 12: the plan told her to click backup buttons hidden during an open incident; it says the backups wait."""
    from test_plan import AUDIT_OUTPUTS, _saved_audit

    from gardien.urgence import state

    _saved_audit(tmp_path, AUDIT_OUTPUTS)  # hand-written outputs: no backup of Gardien's on this computer
    state.open_(state.Origin.ALERT, "Signes de rançongiciel : 30 documents chiffrés ou remplacés.")
    page.goto(f"{gardien[0]}/plan")
    how = page.locator("summary", has_text="Comment faire").filter(has_text="Sauvegarde récente")
    how.click()
    text = page.locator("main").inner_text()
    assert "les sauvegardes attendent que l'incident soit fermé" in text, text
    assert "Ajouter le second disque" not in text and "Mettre en place la sauvegarde" not in text
    _readable(page)
    shot(page, f"urgence-plan-sauvegarde-attend-{page.width}")
    how.locator("xpath=../..").screenshot(path=str(ARTEFACTS / f"urgence-plan-sauvegarde-attend-etape-{page.width}.png"))
