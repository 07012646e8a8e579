"""How long a midwife needs to produce her register through the web interview, beside typing the same register by hand
into a blank spreadsheet laid out like the CNIL model (one sheet per activity).

A person cannot be timed here, so the human time is an estimate from what the page asks, with stated rates:
reading 200 words a minute, typing 3 characters a second (a slow typist), 3 seconds per click or choice changed.
The interview is really driven in Chromium (Playwright, Debian's chromium), and the words she must read, the
characters she types and the controls she touches are counted from that run. The peer is the same register's text
typed by hand at the same rate, reading excluded — a lower bound, since it also needs the references looked up.

Then the « Compléter » page is filled in Chromium the same way, with hand-written answers of that midwife (an
illustration of the clicks, not advice on which answer is right): the words of the whole page are counted as read
once, every click, box ticked and list opened counts as a control (a drop-down list: 2), every character typed is
counted, and the « à compléter » items still left after saving are reported.

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
ANSWER_CHARS = 60  # one short typed answer, in the old free-text model (kept as the "before" line)
# hand-written answers of a midwife working alone (no real practice)
TYPED = {"#nom": "Claire Martin, sage-femme", "#adresse": "12 rue des Lilas, 29200 Brest",
         "#contact": "contact@cabinet-martin.fr", "#logiciel_dossiers": "Logiciel A", "#logiciel_rdv": "Plateforme B",
         "#nom_messagerie": "Messagerie C"}
CHOICES = ["#hebergement-en_ligne", "#hors_ue-non", "#acces-remplacant"]
# the « Compléter » page, hand-written: (accessible name of a box to tick) / (name, text to type) / (name, option)
DOSSIER, FACTURATION, RDV, ECHANGES, COMPTA = ("Dossiers patients et suivi des soins", "Facturation et télétransmission",
                                               "Prise de rendez-vous", "Échanges avec les autres professionnels",
                                               "Comptabilité du cabinet")
TICKS = [
    "Toutes les activités : Obligation légale", f"{DOSSIER} : Contrat",  # base légale: one for all, one apart
    "Toutes les activités : Soins (9.2.h)",  # article 9
    "Toutes les activités : Identité, coordonnées", f"{DOSSIER} : N° de sécurité sociale", f"{DOSSIER} : Santé",
    f"{FACTURATION} : N° de sécurité sociale", f"{FACTURATION} : Couverture sociale",
    f"{FACTURATION} : Facturation, règlements", f"{RDV} : Rendez-vous", f"{ECHANGES} : Messages, documents",
    f"{COMPTA} : Facturation, règlements",  # data categories
    f"{DOSSIER} : Personne d'autre", f"{FACTURATION} : Mutuelles", f"{RDV} : Personne d'autre",
    f"{ECHANGES} : Personne d'autre", f"{COMPTA} : Comptable",  # recipients
    f"{COMPTA} : Patients", f"{COMPTA} : Fournisseurs",  # people
]
FILLS = {"Toutes les activités : durée": "5", f"{RDV} : durée": "1", f"{ECHANGES} : durée": "1",
         "manque-0": "Droits d'accès, de rectification et d'opposition ; plainte à la CNIL.",  # the common page
         "manque-{dossier_conservation}": "Mineurs : même durée, au moins jusqu'à leurs 28 ans."}
SELECTS = {"Toutes les activités : à compter": "de la date de la pièce", f"{RDV} : à compter": "du dernier rendez-vous",
           f"{ECHANGES} : à compter": "de l'envoi ou de la réception"}

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
    base = guard.base_url  # every page is under the secret root
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
        gaps_before = len(builder.gaps(storage.load()))
        page.goto(f"{base}/registre/completer")
        gap_words = len(re.findall(r"\w+", page.locator("main").inner_text()))
        page.screenshot(path=os.path.join(tempfile.gettempdir(), "bench-registre-completer.png"), full_page=True)
        completed = _complete(page, storage.load())
        browser.close()
    instance.should_exit = True
    register = storage.load()  # complete now: the register the peer types by hand
    gaps_after = len(builder.gaps(register))
    typed = sum(len(t) for t in TYPED.values())
    controls = len(TYPED) + len(CHOICES) + 2  # the fields and choices, the submit button, the download
    human = words / READING_WPM * 60 + typed / TYPING_CPS + controls * SECONDS_PER_CONTROL
    typed_after, controls_after = completed
    completing = gap_words / READING_WPM * 60 + typed_after / TYPING_CPS + controls_after * SECONDS_PER_CONTROL
    content = sum(len(s.text) for sheet in register.sheets() for statements in sheet.fields.values() for s in statements)
    content += sum(len(sheet.title) for sheet in register.sheets())
    peer = content / TYPING_CPS
    total = human + completing
    print("| | Gardien : entretien web | Gardien : page « Compléter » | Gardien : total | Même registre tapé à la main (modèle vierge) |")
    print("|---|---|---|---|---|")
    print(f"| Mots à lire | {words} | {gap_words} | {words + gap_words} | — |")
    print(f"| Caractères à taper | {typed} | {typed_after} | {typed + typed_after} | {content} |")
    print(f"| Choix et clics | {controls} | {controls_after} | {controls + controls_after} | — |")
    print(f"| Temps humain estimé | {human / 60:.1f} min | {completing / 60:.1f} min | **{total / 60:.1f} min** | "
          f"{peer / 60:.1f} min (lecture des sources non comptée) |")
    print(f"| Rapport | | | 1 | {peer / total:.1f} × plus long |")
    print(f"| Éléments « à compléter » restants | {gaps_before} | {gaps_after} | {gaps_after} | — |")
    print(f"| Temps machine, entretien rejoué dans Chromium jusqu'au tableur téléchargé | {machine:.1f} s | — | — | — |")
    old_model = gap_words_old(gaps_before) / READING_WPM * 60 + gaps_before * (ANSWER_CHARS / TYPING_CPS + SECONDS_PER_CONTROL)
    print(f"\nAvant cette page (round 2, texte libre) : {gaps_before} réponses tapées de {ANSWER_CHARS} caractères, "
          f"{gap_words_old(gaps_before)} mots lus : {old_model / 60:.1f} min, total {(human + old_model) / 60:.1f} min.")
    print(f"Fiches : {len(register.processings)}.")
    return 0


def gap_words_old(gaps: int) -> int:
    """Words of the free-text page of round 2 (792 for 24 items, docs/benchmarks.md), scaled to `gaps`."""
    return round(792 * gaps / 24)


def _complete(page, register) -> tuple[int, int]:
    """Fill the « Compléter » page as scripted above; (characters typed, controls touched)."""
    from gardien.registre import choices

    dossier = next(n for g in choices.groups(register) if g.key == "conservation"
                   for n, gap in g.numbered() if gap.sheet.id == "dossiers_patients")
    typed = controls = 0
    for name in TICKS:
        page.get_by_label(name, exact=True).check()
        controls += 1
    for name, text in FILLS.items():
        name = name.format(dossier_conservation=dossier)
        field = page.locator(f"#{name}") if name.startswith("manque-") else page.get_by_label(name, exact=True)
        field.fill(text)
        typed, controls = typed + len(text), controls + 1  # a click into the field, then the typing
    for name, option in SELECTS.items():
        page.get_by_label(name, exact=True).select_option(label=option)
        controls += 2  # open the list, pick
    with page.expect_navigation():
        page.get_by_role("button", name="Enregistrer").click()
    controls += 1
    message = page.locator("main").inner_text()
    if "complété(s)" not in message:
        raise SystemExit(f"la page « Compléter » n'a pas enregistré : {message[:400]}")
    return typed, controls


if __name__ == "__main__":
    sys.exit(main())
