"""Documents that leave the practice, in real Chromium: the « Envoyer chiffré » and « Fin de vie d'un appareil » pages
at phone (390 px) and desktop (1280 px) widths, and the encrypted copy opened by two real PDF viewers — Chromium's
own (the one of Chrome and Edge) and pdf.js (Firefox's), the latter from the npm registry (.ci/run puts it in
.cache/pdfjs; GARDIEN_PDFJS may point elsewhere). Screenshots go to tests/artefacts/documents-*.png.

The documents are written by the tests (no patient data).
"""

from __future__ import annotations

import base64
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import menu
from test_envoi import letter_docx, letter_pdf
from test_registre_browser import page  # noqa: F401 - the interface at 390 and 1280 px, a pytest fixture
from test_web_browser import CHROMIUM, ROOT, browser, gardien, shot  # noqa: F401 - pytest fixtures used by name

from gardien.envoi import package
from gardien.envoi.convert import Document, office_program

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium absent (apt-get install chromium) : tests dans le navigateur sautés")

PDFJS = Path(os.environ.get("GARDIEN_PDFJS", ROOT / ".cache" / "pdfjs" / "node_modules" / "pdfjs-dist" / "build"))
ENGLISH = re.compile(r"\b(the|and|file|download|upload|submit|save|error|warning|password|certificate|device)\b", re.IGNORECASE)
COMMAND = re.compile(r"\bgardien [a-z]+\b|\$ |sudo |\.exe\b|(?i:diskutil|cryptsetup|manage-bde|powershell)")


def _readable(tab, name: str) -> None:
    """No English word, no terminal command, no horizontal scroll; the screenshot is kept."""
    # The generated passphrase is random French words, some of them also English (« file » d'attente): not page text,
    # nor is its dictation for the telephone (the same words)
    text = tab.locator("main").evaluate(
        "(m) => { const c = m.cloneNode(true); c.querySelectorAll('.generated, .dictee').forEach((e) => e.remove()); "
        "return c.textContent; }")
    assert not ENGLISH.findall(text), ENGLISH.findall(text)
    assert not COMMAND.findall(text), COMMAND.findall(text)
    shot(tab, f"documents-{name}-{tab.width}")
    wide = tab.evaluate("[...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > "
                        "window.innerWidth + 1).slice(0, 5).map(e => e.tagName + ': ' + (e.textContent || '').slice(0, 60))")
    assert not wide, f"la page déborde en largeur : {wide}"
    assert not tab.csp_errors


def _open_viewer(tab, path: Path):
    """Chromium's PDF viewer for a file; returns its frame (the viewer is an extension page inside the tab)."""
    tab.goto(path.as_uri())
    for _ in range(150):
        frame = next((f for f in tab.frames if f.url.startswith("chrome-extension://")), None)
        if frame is not None:
            return frame
        tab.wait_for_timeout(100)
    raise AssertionError("le lecteur PDF de Chromium ne s'est pas ouvert")


def _viewer_accepts(tab, path: Path, password: str) -> bool:
    viewer = _open_viewer(tab, path)
    box = viewer.locator("viewer-password-dialog input")
    box.wait_for(timeout=15000)
    box.fill(password)
    box.press("Enter")
    tab.wait_for_timeout(2500)
    still_asking = viewer.locator("viewer-password-dialog input").count() and viewer.locator("viewer-password-dialog input").is_visible()
    return not still_asking


def test_sending_page_prepares_a_copy_that_chromium_opens_only_with_its_passphrase(page, tmp_path):  # noqa: F811 - the fixture imported above
    menu(page).get_by_role("link", name="Envoyer chiffré").click()
    page.wait_for_load_state("load")
    assert page.get_by_role("heading", level=1).inner_text() == "Envoyer un document chiffré"
    assert page.get_by_text("Aucun fichier choisi.").is_visible()  # the French button of macros.file_input
    _readable(page, "envoi")
    letter = tmp_path / "compte-rendu.pdf"
    letter.write_bytes(letter_pdf())
    page.locator("#fichiers").set_input_files(str(letter))
    assert page.get_by_text("Fichier choisi : compte-rendu.pdf").is_visible()
    second = tmp_path / "ordonnance.txt"
    second.write_text("Ordonnance écrite pour ce test.\n", encoding="utf-8")
    page.locator("#fichiers").set_input_files([str(letter), str(second)])
    assert page.get_by_text("Fichiers choisis : compte-rendu.pdf, ordonnance.txt").is_visible()
    page.locator("#fichiers").set_input_files(str(letter))
    with page.expect_navigation():
        page.get_by_role("button", name="Préparer la copie chiffrée").click()
    assert page.get_by_role("heading", name="Votre copie chiffrée est prête").is_visible()
    passphrase = page.locator("#mot-de-passe").inner_text().strip()
    assert re.fullmatch(r"(?:[a-z]+[1-9][0-9]){5}", passphrase) and len(passphrase) <= 32
    main = page.locator("main").inner_text()
    for expected in ("Vérifiez deux fois l'adresse", "SMS", "MSSanté", "Au téléphone :"):
        assert expected in main
    _readable(page, "envoi-pret")
    with page.expect_download() as download:
        page.get_by_role("link", name="Enregistrer la copie chiffrée").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "document-chiffre.pdf"
    if page.width == 1280:  # the viewer itself does not depend on the page width
        assert not _viewer_accepts(page, saved, "mauvais47mot12passe88")
        shot(page, "documents-lecteur-chromium-refuse")
        assert _viewer_accepts(page, saved, passphrase)
        shot(page, "documents-lecteur-chromium-ouvert")


@pytest.mark.skipif(office_program() is None, reason="LibreOffice absent : conversion des .docx non essayée")
def test_a_docx_sent_encrypted_opens_in_chromium_with_its_passphrase(browser, tmp_path):  # noqa: F811
    sealed = package.seal([Document("courrier.docx", letter_docx())])
    copy = tmp_path / "courrier-chiffre.pdf"
    copy.write_bytes(sealed.data)
    tab = browser.new_page()
    try:
        assert not _viewer_accepts(tab, copy, "")
        assert _viewer_accepts(tab, copy, sealed.passphrase)
        shot(tab, "documents-docx-chromium-ouvert")
    finally:
        tab.close()


@pytest.mark.skipif(not (PDFJS / "pdf.min.mjs").is_file(), reason="pdf.js absent (npm install pdfjs-dist@4 dans .cache/pdfjs, voir .ci/run)")
def test_pdfjs_reads_pages_and_attachments_with_the_passphrase_only(browser):  # noqa: F811
    """pdf.js is the viewer of Firefox: it shows the pages, and the attached files Chromium's viewer does not show."""
    table = b"nom;date\nessai;2026-11-29\n"
    sealed = package.seal([Document("lettre.pdf", letter_pdf()), Document("tableau.csv", table)])
    tab = browser.new_page()
    files = {"pdf.min.mjs": PDFJS / "pdf.min.mjs", "pdf.worker.min.mjs": PDFJS / "pdf.worker.min.mjs"}

    def serve(route):
        name = route.request.url.rsplit("/", 1)[-1]
        if name in files:
            route.fulfill(body=files[name].read_bytes(), content_type="text/javascript")
        else:
            route.fulfill(body="<!DOCTYPE html><title>pdf.js</title>", content_type="text/html")

    tab.route("http://pdfjs.essai/**", serve)
    try:
        tab.goto("http://pdfjs.essai/index.html")
        script = """async ([data, password]) => {
          const pdfjs = await import('/pdf.min.mjs');
          pdfjs.GlobalWorkerOptions.workerSrc = '/pdf.worker.min.mjs';
          const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));
          try {
            const doc = await pdfjs.getDocument({data: bytes, password}).promise;
            const texts = [];
            for (let n = 1; n <= doc.numPages; n++) {
              const content = await (await doc.getPage(n)).getTextContent();
              texts.push(content.items.map(i => i.str).join(' '));
            }
            const attachments = await doc.getAttachments() || {};
            const csv = attachments['tableau.csv'] ? new TextDecoder().decode(attachments['tableau.csv'].content) : null;
            return {ok: true, pages: doc.numPages, text: texts.join(' '), attachments: Object.keys(attachments), csv};
          } catch (e) { return {ok: false, error: e.name}; }
        }"""
        data = base64.b64encode(sealed.data).decode()
        refused = tab.evaluate(script, [data, "mauvais47mot12passe88"])
        assert refused == {"ok": False, "error": "PasswordException"}
        opened = tab.evaluate(script, [data, sealed.passphrase])
        assert opened["ok"] and opened["pages"] == 2 and "évolution favorable" in opened["text"]
        assert opened["attachments"] == ["tableau.csv"] and opened["csv"] == table.decode()
    finally:
        tab.close()


def test_end_of_life_of_a_phone_from_choice_to_certificate(page, tmp_path):  # noqa: F811 - the fixture imported above
    menu(page).get_by_role("link", name="Fin de vie d'un appareil").click()
    page.wait_for_load_state("load")
    assert page.get_by_role("heading", level=1).inner_text() == "Fin de vie d'un appareil"
    _readable(page, "fin-de-vie")
    page.get_by_label("Un téléphone ou une tablette").check()
    page.get_by_label("Android").check()
    page.get_by_label("Vente ou don").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Voir les étapes").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Fin de vie : les étapes"
    main = page.locator("main").inner_text()
    assert "Supprimer le compte" in main and "Effacer toutes les données" in main
    assert "recommandation courante" in page.locator("main").text_content()  # in the folded « Sources »
    _readable(page, "fin-de-vie-etapes")
    sections = page.locator("section.etape:has(fieldset.reponse)")  # « Gardez la trace » is Gardien's own: no answer
    assert sections.count() == page.locator("section.etape").count() - 1
    for index in range(sections.count()):
        sections.nth(index).get_by_label("Fait", exact=True).check()
    page.get_by_label("L'appareil (marque, modèle").fill("Téléphone du cabinet, modèle d'essai")
    page.get_by_label("Remis à").fill("Repreneur d'essai")
    with page.expect_navigation():
        page.get_by_role("button", name="Établir le certificat").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Certificat de fin de vie d'un appareil"
    assert "Toutes les étapes sont faites ou sans objet (déclaré)." in page.locator("main").inner_text()
    _readable(page, "fin-de-vie-certificat")
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger le PDF").click()
    saved = tmp_path / "certificat.pdf"
    download.value.save_as(saved)
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(saved), "-"], capture_output=True, text=True, timeout=60).stdout
        assert "Certificat de fin de vie" in text and "Repreneur d'essai" in text
    page.get_by_role("link", name="Retour").click()
    page.wait_for_load_state("load")
    assert page.get_by_role("link", name=re.compile("Téléphone du cabinet, modèle d'essai")).is_visible()


def test_a_choice_that_does_not_fit_is_said_on_the_page(page):  # noqa: F811 - the fixture imported above
    menu(page).get_by_role("link", name="Fin de vie d'un appareil").click()
    page.wait_for_load_state("load")
    page.get_by_label("Un ordinateur").check()
    page.get_by_label("iPhone ou iPad").check()
    page.get_by_label("Recyclage ou mise au rebut").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Voir les étapes").click()
    assert "ne vont pas ensemble" in page.get_by_role("alert").inner_text()
    assert page.get_by_label("Un ordinateur").is_checked()  # what she chose is still there
    _readable(page, "fin-de-vie-erreur")


def test_pages_have_no_serious_accessibility_problem(page, tmp_path):  # noqa: F811 - the fixture imported above
    from test_web_browser import AXE

    from gardien.fin_de_vie import certificat, procedure

    if not AXE.is_file():
        pytest.skip(f"axe-core absent : {AXE} (npm install --prefix .cache/axe axe-core)")
    if page.width != 1280:
        pytest.skip("une largeur suffit pour l'analyse d'accessibilité")
    situation = procedure.Situation.parse("ordinateur", "windows", "location", "marche")
    made = certificat.create(situation, {s.id: "fait" for s in procedure.steps(situation)}, "Portable d'essai")
    certificat.save(made)
    base = "/".join(page.url.split("/")[:4])
    letter = tmp_path / "lettre.pdf"
    letter.write_bytes(letter_pdf())
    paths = ["/envoi-chiffre", "(copie prête)", "/fin-de-vie",
             "/fin-de-vie/procedure?appareil=ordinateur&systeme=windows&raison=location&etat=marche",
             "/fin-de-vie/procedure?appareil=ordinateur&systeme=linux&raison=location&etat=marche",  # asked on Linux
             f"/fin-de-vie/certificat/{made.id}"]
    problems = []
    for path in paths:
        if path == "(copie prête)":
            page.locator("#fichiers").set_input_files(str(letter))
            with page.expect_navigation():
                page.get_by_role("button", name="Préparer la copie chiffrée").click()
        else:
            page.goto(base + path)
        page.evaluate(AXE.read_text(encoding="utf-8"))  # through the DevTools protocol: the page's CSP stays untouched
        result = page.evaluate("axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']})")
        problems += [f"{path}: {v['id']} ({v['impact']}) {v['nodes'][0]['target']}" for v in result["violations"]
                     if v["impact"] in ("serious", "critical")]
    assert problems == []


def test_end_of_life_of_this_computer_records_first_and_wipes_last(page, monkeypatch):  # noqa: F811 - the fixture imported above
    """Walkthrough round 18: the computer Gardien runs on. Its disk is measured not encrypted (hand-written result):
    « Fait » to the encryption step is not believed, the wipe is left for last, after the certificate."""
    from types import SimpleNamespace

    from gardien.core import audit
    from gardien.core.model import Status

    monkeypatch.setattr(audit, "check_live", lambda _id: SimpleNamespace(
        status=Status.FAIL, detail="Le disque de l'ordinateur n'est pas chiffré (exemple écrit à la main)."))
    monkeypatch.setattr("gardien.compat.current_platform", lambda: "linux")
    base = "/".join(page.url.split("/")[:4])
    page.goto(f"{base}/fin-de-vie/procedure?appareil=ordinateur&systeme=linux&raison=vente&etat=marche")
    # asked first, as the terminal asks: no step before the answer (walkthrough round 18, follow-up)
    question = page.get_by_role("heading", name="Est-ce l'ordinateur sur lequel Gardien fonctionne en ce moment ?")
    assert question.is_visible() and page.locator("section.etape").count() == 0
    _readable(page, "fin-de-vie-cet-ordinateur-question")
    with page.expect_navigation():
        page.get_by_role("link", name="Oui, c'est cet ordinateur").click()
    main = page.locator("main").inner_text()
    assert "exemple écrit à la main" in main and "le certificat comptera cette étape comme pas faite" in main
    assert main.index("Gardez la trace de sa sortie") < main.index("Effacez-le avec l'outil du système")
    _readable(page, "fin-de-vie-cet-ordinateur")
    sections = page.locator("section.etape:has(fieldset.reponse)")
    assert sections.count() == page.locator("section.etape").count() - 2  # « Gardez la trace », « Effacez-le »: not asked
    for index in range(sections.count()):
        sections.nth(index).get_by_label("Fait", exact=True).check()
    page.get_by_label("L'appareil (marque, modèle").fill("Portable du cabinet, modèle d'essai")
    with page.expect_navigation():
        page.get_by_role("button", name="Établir le certificat").click()
    main = page.locator("main").inner_text()
    assert "Avant d'effacer cet ordinateur" in main and "Toutes les étapes" not in main
    assert "1 étape pas faite : Vérifiez que ses données sont chiffrées" in main
    _readable(page, "fin-de-vie-cet-ordinateur-certificat")
