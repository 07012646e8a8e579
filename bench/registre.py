"""How long a midwife needs to produce her register through the web interview, beside typing the same register by hand
into a blank spreadsheet laid out like the CNIL model (one sheet per activity).

A person cannot be timed here, so the human time is an estimate from what the page asks, with stated rates:
reading 200 words a minute, typing 3 characters a second (a slow typist), 3 seconds per click or choice changed.
The interview is really driven in Chromium (Playwright, Debian's chromium), and the words she must read, the
characters she types and the controls she touches are counted from that run. The peer is the same register's text
typed by hand at the same rate, reading excluded — a lower bound, since it also needs the references looked up.

Run: .venv/bin/python bench/registre.py
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
import threading
import time

READING_WPM = 200
TYPING_CPS = 3.0
SECONDS_PER_CONTROL = 3.0
ANSWER_CHARS = 60  # one short answer per « à compléter » item
# hand-written answers of a midwife working alone (no real practice)
TYPED = {"#nom": "Claire Martin, sage-femme", "#adresse": "12 rue des Lilas, 29200 Brest",
         "#contact": "contact@cabinet-martin.fr", "#logiciel_dossiers": "Logiciel A", "#logiciel_rdv": "Plateforme B",
         "#nom_messagerie": "Messagerie C"}
CHOICES = ["#hebergement-en_ligne", "#hors_ue-non", "#acces-remplacant"]


def main() -> int:
    os.environ["GARDIEN_HOME"] = tempfile.mkdtemp(prefix="gardien-bench-registre-")
    import uvicorn
    from playwright.sync_api import sync_playwright

    from gardien.registre import builder, storage
    from gardien.web import server
    from gardien.web.app import create_app
    from gardien.web.security import Guard

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("Chromium absent : apt-get install chromium", file=sys.stderr)
        return 2
    sock = server.bind(0)
    guard = Guard(port=sock.getsockname()[1])
    opening = server.write_opening_file(guard)
    instance = uvicorn.Server(uvicorn.Config(create_app(guard), log_level="warning", access_log=False))
    threading.Thread(target=instance.run, kwargs={"sockets": [sock]}, daemon=True).start()
    while not instance.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{guard.port}"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="fr-FR")
        page.goto(opening.as_uri())
        page.wait_for_url(f"{base}/")
        started = time.perf_counter()
        page.goto(f"{base}/registre")
        words = len(re.findall(r"\w+", page.locator("main").inner_text()))
        for selector, text in TYPED.items():
            page.fill(selector, text)
        for selector in CHOICES:
            page.check(selector)
        with page.expect_navigation():
            page.get_by_role("button", name="Créer le registre").click()
        page.get_by_role("link", name="Tableur LibreOffice (.ods)").wait_for()
        with page.expect_download() as download:
            page.get_by_role("link", name="Tableur LibreOffice (.ods)").click()
        download.value.path()
        machine = time.perf_counter() - started
        page.goto(f"{base}/registre/completer")
        gap_words = len(re.findall(r"\w+", page.locator("main").inner_text()))
        browser.close()
    instance.should_exit = True
    register = storage.load()
    gaps = len(builder.gaps(register))
    typed = sum(len(t) for t in TYPED.values())
    controls = len(TYPED) + len(CHOICES) + 2  # the fields and choices, the submit button, the download
    human = words / READING_WPM * 60 + typed / TYPING_CPS + controls * SECONDS_PER_CONTROL
    content = sum(len(s.text) for sheet in register.sheets() for statements in sheet.fields.values() for s in statements)
    content += sum(len(sheet.title) for sheet in register.sheets())
    peer = content / TYPING_CPS
    print("| | Gardien (entretien web) | Même registre tapé à la main (modèle vierge) |")
    print("|---|---|---|")
    print(f"| Mots à lire | {words} | — |")
    print(f"| Caractères à taper | {typed} | {content} |")
    print(f"| Choix et clics | {controls} | — |")
    print(f"| Temps humain estimé | {human / 60:.1f} min | {peer / 60:.1f} min (lecture des sources non comptée) |")
    print(f"| Rapport | 1 | {peer / human:.1f} × plus long |")
    print(f"| Temps machine de l'entretien rejoué dans Chromium, jusqu'au tableur téléchargé | {machine:.1f} s | — |")
    completing = gap_words / READING_WPM * 60 + gaps * (ANSWER_CHARS / TYPING_CPS + SECONDS_PER_CONTROL)
    print(f"| Puis compléter les {gaps} éléments restants (page « Compléter », {gap_words} mots à lire, "
          f"{ANSWER_CHARS} caractères par réponse) | {completing / 60:.1f} min, si elle connaît les réponses | — |")
    print(f"| Total | {(human + completing) / 60:.1f} min | — |")
    print(f"\nFiches : {len(register.processings)} ; éléments restant « à compléter » après l'entretien : {gaps}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
