"""Staff awareness in real Chromium, as the secretary meets it: a quiz at phone (390 px) and desktop (1280 px) widths,
« Repérez le piège » on every message written for the exercise and on real messages from ../shared/corpus — click a
clue, see every clue, and no request ever leaves the page for another address.

Screenshots go to tests/artefacts/formation-*.png. Reuses the real-server fixtures of test_web_browser.py.
"""

from __future__ import annotations

import random
import re

import pytest
from conftest import SHARED, menu
from test_web_browser import AXE, CHROMIUM, browser, gardien, shot  # noqa: F401 - pytest fixtures used by name

from gardien.formation import mails, progress, quiz, rounds

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium absent (apt-get install chromium) : tests dans le navigateur sautés")

ENGLISH = re.compile(r"\b(the|and|file|download|upload|submit|save|error|warning|click|password|link)\b", re.IGNORECASE)
COMMAND = re.compile(r"\bgardien [a-z]+\b|\$ |sudo |\.exe\b")
FRENCH_TEXTS = SHARED / "corpus" / "mail" / "phishing-fr-text"


def _tab(browser, gardien, width: int):  # noqa: F811 - the fixtures of test_web_browser
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="fr-FR")
    tab = context.new_page()
    tab.width, tab.csp_errors, tab.requests = width, [], []
    tab.on("console", lambda m: "Content Security Policy" in m.text and tab.csp_errors.append(m.text))
    tab.on("request", lambda r: tab.requests.append(r.url))
    tab.goto(gardien[1].as_uri())
    tab.wait_for_url(f"{gardien[0]}/")
    tab.base = gardien[0]
    return context, tab


@pytest.fixture(params=[390, 1280], ids=["telephone", "ordinateur"])
def page(request, browser, gardien):  # noqa: F811
    context, tab = _tab(browser, gardien, request.param)
    yield tab
    context.close()


@pytest.fixture
def desktop(browser, gardien):  # noqa: F811
    context, tab = _tab(browser, gardien, 1280)
    yield tab
    context.close()


def _readable(tab) -> None:
    """No English word, no terminal command (outside the exercise's message, which may name a « .exe »), no
    horizontal scroll, nothing the CSP refused."""
    text = tab.locator("main").inner_text()
    assert not ENGLISH.findall(text), ENGLISH.findall(text)
    outside = tab.evaluate("(() => { const m = document.querySelector('main').cloneNode(true); "
                           "m.querySelectorAll('.courriel').forEach(e => e.remove()); return m.textContent; })()")
    assert not COMMAND.findall(outside), COMMAND.findall(outside)
    if not tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"):
        shot(tab, "formation-deborde")
        wide = tab.evaluate("[...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > "
                            "window.innerWidth + 1).slice(0, 5).map(e => e.tagName + '.' + e.className + ': ' + "
                            "(e.textContent || '').slice(0, 60))")
        raise AssertionError(f"la page déborde en largeur : {wide}")
    assert not tab.csp_errors


def _only_gardien(tab) -> None:
    origin = "/".join(tab.base.split("/")[:3]) + "/"
    outside = [url for url in tab.requests if not url.startswith((origin, "file://"))]
    assert outside == []


def test_a_module_from_start_to_result(page):
    menu(page).get_by_role("link", name="Formation", exact=True).click()
    page.wait_for_load_state("load")
    _readable(page)
    shot(page, f"formation-accueil-{page.width}")
    # walkthrough r11: 500 characters were cut to 40 by the browser and became a learner; refused as in the terminal
    page.get_by_label("Ajouter une personne (son prénom seulement)").fill("A" * 500)
    with page.expect_navigation():
        page.get_by_role("button", name="Ajouter", exact=True).click()
    assert "40 caractères au plus" in page.get_by_role("alert").inner_text() and progress.learners() == []
    page.get_by_label("Ajouter une personne (son prénom seulement)").fill("Camille")
    with page.expect_navigation():
        page.get_by_role("button", name="Ajouter", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Camille"
    assert "Ingénierie sociale et faux support : à faire" in page.locator("main").inner_text()  # not glued
    _readable(page)
    shot(page, f"formation-apprenant-{page.width}")
    with page.expect_navigation():
        page.get_by_role("button", name="Commencer : Ingénierie sociale et faux support").click()
    for number in range(6):
        assert f"Question {number + 1} sur 6" in page.locator("main").inner_text()
        _readable(page)
        if number == 0:
            shot(page, f"formation-question-{page.width}")
        page.locator(".reponse label").first.click()
        with page.expect_navigation():
            page.get_by_role("button", name="Valider ma réponse").click()
        text = page.locator("main").inner_text()
        assert "La bonne réponse :" in text and "Pourquoi :" in text and "Source :" in text
        _readable(page)
        if number == 0:
            shot(page, f"formation-correction-{page.width}")
        with page.expect_navigation():
            page.get_by_role("link", name="Question suivante" if number < 5 else "Voir le résultat").click()
    result = page.locator("main").inner_text()
    assert "Résultat :" in result
    _readable(page)
    shot(page, f"formation-resultat-{page.width}")
    page.goto(page.base + "/formation/attestation/camille")
    _readable(page)
    if "Module validé" not in result:  # the first answer each time: an attestation needs a module passed (r13)
        assert "Pas encore d'attestation" in page.locator("main").inner_text()
        assert page.get_by_role("button", name="Imprimer").count() == 0
        attempt = quiz.start("camille", "usb")
        for index, asked in enumerate(attempt.asked):
            quiz.answer(attempt.id, index, asked.right_position)
        page.goto(page.base + "/formation/attestation/camille")
    assert page.get_by_role("button", name="Imprimer").is_visible()  # shown by formation.js
    shot(page, f"formation-attestation-{page.width}")
    page.goto(page.base + "/formation/charte")
    _readable(page)
    shot(page, f"formation-charte-{page.width}")
    _only_gardien(page)


def _click_zone(tab, zone: str) -> None:
    if zone.startswith("p"):
        tab.locator(f"label[for=z-{zone}]").first.click()
    else:
        tab.locator(f"label.zone:has(input[value={zone}])").click()
    assert tab.locator(f"input.case[value={zone}]").is_checked()


def _check_reveal(tab, mail, clicked: str | None) -> None:
    text = tab.locator("main").inner_text()
    assert "Le message, corrigé" in text and "Verdict de l'analyseur" in text
    for clue in mail.clues:
        assert " ".join(clue.text.split()) in " ".join(text.split()), (mail.id, clue.text)
    if clicked:
        assert tab.locator(".courriel .etat-trouve").count() >= 1 and "Indice repéré" in text
    for link in mail.links:  # once corrected, every destination is written out
        assert link.target[:60] in text


def test_every_message_written_for_the_exercise_in_chromium(desktop):
    tab = desktop
    learner = progress.add_learner("Inès")
    everything = rounds.start(learner.id, rng=random.Random(11), size=len(mails.written()))
    assert len(everything.items) == len(mails.written()) >= 23
    for index, item in enumerate(everything.items):
        mail = item.mail
        tab.goto(f"{tab.base}/formation/piege/{everything.id}")
        assert f"Message {index + 1} sur {len(everything.items)}" in tab.locator("main").inner_text()
        _readable(tab)
        assert tab.locator("main a[href^='http']").count() == 0  # no live link in the message
        clicked = sorted({z for c in mail.clues for z in c.zones})[0] if mail.clues else None
        if clicked:
            _click_zone(tab, clicked)
        if mail.links:
            link = tab.locator("label.lien").first
            link.hover()
            assert "Mène en réalité à" in link.inner_text()  # the real destination, shown on hover
        if index < 3:
            shot(tab, f"formation-piege-{mail.id}")
        with tab.expect_navigation():
            tab.get_by_role("button", name="Voir les indices").click()
        _check_reveal(tab, mail, clicked)
        if index < 3 or not mail.trap:
            shot(tab, f"formation-indices-{mail.id}")
    tab.goto(f"{tab.base}/formation/piege/{everything.id}")
    assert "Exercice terminé" in tab.locator("main").inner_text()
    _only_gardien(tab)


def test_the_exercise_at_phone_width_with_the_keyboard(browser, gardien):  # noqa: F811
    context, tab = _tab(browser, gardien, 390)
    learner = progress.add_learner("Camille")
    current = rounds.start(learner.id, rng=random.Random(2))
    tab.goto(f"{tab.base}/formation/piege/{current.id}")
    _readable(tab)
    tab.locator("input.case").first.focus()
    tab.keyboard.press("Space")  # the zones are real checkboxes: the keyboard ticks them too
    assert tab.locator("input.case").first.is_checked()
    shot(tab, "formation-piege-390")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Voir les indices").click()
    _readable(tab)
    shot(tab, "formation-indices-390")
    _only_gardien(tab)
    context.close()


def test_real_french_messages_from_the_corpus_in_chromium(desktop, monkeypatch):
    if not FRENCH_TEXTS.is_dir():
        pytest.skip(f"corpus absent : {FRENCH_TEXTS} (le dossier ../shared n'est pas là)")
    monkeypatch.setenv(mails.FOLDERS_VARIABLE, str(FRENCH_TEXTS))  # read in place, as a trainer would set it
    tab = desktop
    learner = progress.add_learner("Camille")
    for seed in (5, 6, 7):
        current = rounds.start(learner.id, rng=random.Random(seed))
        index = next(i for i, item in enumerate(current.items) if item.mail.origin is mails.Origin.FOLDER)
        for earlier in range(index):
            rounds.answer(current.id, earlier, [])
        tab.goto(f"{tab.base}/formation/piege/{current.id}")
        text = tab.locator("main").inner_text()
        assert "un vrai message" in text and "inconnu : seul le texte" in text
        mail = current.items[index].mail
        first = sorted(mail.zones())[0]
        _click_zone(tab, first)
        shot(tab, f"formation-piege-corpus-{seed}")
        with tab.expect_navigation():
            tab.get_by_role("button", name="Voir les indices").click()
        text = tab.locator("main").inner_text()
        assert "Tous les indices" in text and "L'analyseur de Gardien" in text  # its findings are the clues
        shot(tab, f"formation-indices-corpus-{seed}")
    _only_gardien(tab)


def test_formation_pages_have_no_serious_accessibility_problem(desktop):
    if not AXE.is_file():
        pytest.skip(f"axe-core absent : {AXE} (npm install --prefix .cache/axe axe-core)")
    tab = desktop
    learner = progress.add_learner("Camille")
    current = rounds.start(learner.id, rng=random.Random(3))
    rounds.answer(current.id, 0, ["expediteur"])
    from gardien.formation import quiz

    attempt = quiz.start(learner.id, "usb")
    quiz.answer(attempt.id, 0, 0)
    source = AXE.read_text(encoding="utf-8")
    problems = []
    for path in ("/formation", "/formation/apprenant/camille", f"/formation/quiz/{attempt.id}",
                 f"/formation/quiz/{attempt.id}?corrige=0", f"/formation/piege/{current.id}",
                 f"/formation/piege/{current.id}?corrige=0", "/formation/attestation/camille", "/formation/charte"):
        tab.goto(tab.base + path)
        tab.evaluate(source)  # through the DevTools protocol: the page's CSP stays untouched
        result = tab.evaluate("axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']})")
        for violation in result["violations"]:
            if violation["impact"] in ("serious", "critical"):
                problems.append(f"{path}: {violation['id']} ({violation['impact']}) {violation['nodes'][0]['target']}")
    assert problems == []
