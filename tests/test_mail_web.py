"""The suspicious e-mail page in real Chromium: a pasted text, the comparison with a genuine earlier message, the
French file buttons, and no sideways scroll on a phone-sized screen (390 px) with a long sender address.

The messages are hand-written for these tests, except the real pair read in place from ../shared/corpus (skipped
with a reason when it is absent).
"""

from __future__ import annotations

from email.message import EmailMessage

import pytest
from conftest import SHARED
from test_web_browser import CHROMIUM, browser, gardien, go, page, shot  # noqa: F401 (fixtures)

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium absent (apt-get install chromium) : tests dans le navigateur sautés")

LONG_SENDER = "service-clientele-remboursements-et-regularisations-assurance@notification-securisee-espace-assure-exemple.com"


def _message(sender: str, subject: str, text: str, authentication: str = "") -> bytes:
    message = EmailMessage()  # hand-written for the tests
    message["From"] = sender
    message["To"] = "sage-femme@exemple.fr"
    message["Subject"] = subject
    if authentication:
        message["Authentication-Results"] = authentication
    message.set_content(text)
    return message.as_bytes()


GENUINE = _message("Assurance Maladie <ne-pas-repondre@ameli.fr>", "Votre relevé de remboursements",
                   "Bonjour, votre relevé est disponible dans votre compte ameli : https://www.ameli.fr/assure/compte",
                   "mx.exemple.fr; spf=pass smtp.mailfrom=ameli.fr; dkim=pass header.d=ameli.fr; dmarc=pass header.from=ameli.fr")
FAKE = _message(f"Assurance Maladie <{LONG_SENDER}>", "Remboursement en attente",
                "Bonjour, un montant de 64,20 € reste à vous verser. Confirmez vos coordonnées bancaires : "
                "https://remboursement-ameli-exemple.com/dossier",
                "mx.exemple.fr; spf=pass smtp.mailfrom=notification-securisee-espace-assure-exemple.com; dmarc=none")


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def test_comparison_with_a_genuine_message_on_a_phone_screen(page, tmp_path):
    page.set_viewport_size({"width": 390, "height": 844})
    suspect, genuine = tmp_path / "suspect.eml", tmp_path / "ancien.eml"
    suspect.write_bytes(FAKE)
    genuine.write_bytes(GENUINE)
    go(page, "E-mail suspect")
    assert page.get_by_text("Le fichier du message suspect").is_visible()  # the shared French button, not « Choose File »
    assert page.locator("#fichier + label .button").inner_text() == "Choisir un fichier…"
    page.locator("#fichier").set_input_files(str(suspect))
    page.locator("#reference").set_input_files(str(genuine))
    assert page.locator("#fichier-choisi").inner_text() == "Fichier choisi : suspect.eml"
    page.get_by_role("button", name="Analyser le message").click()
    page.locator("#resultat-mail .verdict").wait_for()
    result = page.locator("#resultat-mail").inner_text()
    # the other sender is told among the reasons (« le vrai venait d'ameli.fr ») or in the comparison's own section;
    # either way the organisation keeps its article (round 23: « le vrai message d'Assurance Maladie »)
    assert "Comparaison avec l'ancien message" in result and "venait d'ameli.fr" in result
    assert "message d'Assurance Maladie" not in result
    assert "Pourquoi" in result
    reasons = page.locator("#resultat-mail h3:text('Pourquoi') + ul li").all_inner_texts()
    assert 1 <= len(reasons) <= 3 and len(set(reasons)) == len(reasons)
    _no_sideways_scroll(page)
    shot(page, "mail-comparaison-390px")
    page.locator("#resultat-mail").screenshot(path=str(shot.__globals__["ARTEFACTS"] / "mail-comparaison-390px-resultat.png"))


def test_pasted_text_says_only_the_words_were_judged(page):
    go(page, "E-mail suspect")
    text = ("De : Ameli <remboursement@ameli-exemple.com>\nObjet : Remboursement\n\n"  # hand-written for the tests
            "Votre carte Vitale arrive à expiration. Commandez votre nouvelle carte Vitale, frais d’envoi 1,90 €.")
    page.locator("#source").fill(text)
    page.get_by_role("button", name="Analyser le message").click()
    page.locator("#resultat-mail .verdict").wait_for()
    result = page.locator("#resultat-mail").inner_text()
    assert "n'a pu juger que les mots" in result
    assert "arrive à expiration" in result and "arrive a expiration" not in result
    assert "celle de l'Assurance Maladie" in result or "imite" not in result  # walkthrough, round 14
    shot(page, "mail-texte-colle")


def test_a_real_pair_from_the_corpus_is_compared(page):
    folder = SHARED / "corpus" / "mail" / "ham-modern"
    suspect, genuine = folder / "newsletter__markup__0008.eml", folder / "newsletter__markup__0001.eml"
    if not suspect.is_file():
        pytest.skip(f"corpus absent : {folder} (le dossier ../shared n'est pas là)")
    go(page, "E-mail suspect")
    page.locator("#fichier").set_input_files(str(suspect))
    page.locator("#reference").set_input_files(str(genuine))
    page.get_by_role("button", name="Analyser le message").click()
    page.locator("#resultat-mail .verdict").wait_for()
    result = page.locator("#resultat-mail").inner_text()
    # the same address, but this genuine newsletter is not DMARC-aligned: shown, not counted (round 23)
    assert "Sans danger apparent" in result and "affiche la même adresse d'expédition" in result


# Every « whose next word, and every » whose previous word, is drawn on another line (in the result's text).
LONE_GUILLEMETS = """(selector) => {
  const lone = [];
  const top = (node, at) => { const r = document.createRange(); r.setStart(node, at); r.setEnd(node, at + 1);
                              const box = r.getClientRects()[0]; return box ? Math.round(box.top) : null; };
  const walker = document.createTreeWalker(document.querySelector(selector), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.data;
    for (let i = 0; i < text.length; i++) {
      if (text[i] !== "«" && text[i] !== "»") continue;
      const step = text[i] === "«" ? 1 : -1;
      let j = i + step;
      while (j >= 0 && j < text.length && /\\s/.test(text[j])) j += step;
      if (j < 0 || j >= text.length) continue;
      if (top(node, i) !== top(node, j)) lone.push(text.slice(Math.max(0, i - 20), i + 20));
    }
  }
  return lone;
}"""


def test_no_guillemet_is_left_alone_at_a_line_break_on_a_narrow_screen(page):
    """Seen on the mail page: a reason's line ending with « (« » and its words on the next line. Hand-written
    message whose reasons quote it."""
    text = ("De : Assurance Maladie <remboursement@ameli-remboursement.info>\nObjet : Votre remboursement de 148,50 EUR "
            "est en attente\n\nVotre carte Vitale doit être mise à jour sous 24 heures, sinon votre compte sera bloqué. "
            "Saisissez votre identifiant, votre mot de passe et votre numéro de carte bancaire.")
    go(page, "E-mail suspect")
    page.locator("#source").fill(text)
    page.get_by_role("button", name="Analyser le message").click()
    page.locator("#resultat-mail .verdict").wait_for()
    assert page.locator("#resultat-mail").inner_text().count("«") >= 3
    for width in range(360, 470, 6):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate(LONE_GUILLEMETS, "#resultat-mail") == [], width
    page.set_viewport_size({"width": 420, "height": 900})
    _no_sideways_scroll(page)
    shot(page, "mail-guillemets-420px")


_DROP = """([selector, name, content]) => {
  const files = new DataTransfer();
  files.items.add(new File([content], name, {type: "message/rfc822"}));
  const event = new DragEvent("drop", {dataTransfer: files, bubbles: true, cancelable: true});
  document.querySelector(selector).dispatchEvent(event);
  return event.defaultPrevented;
}"""


def test_a_message_dropped_on_either_frame_is_chosen_and_compared(page):
    # the practitioner drags the saved messages onto the page (walkthrough, round 15): each frame takes its own
    go(page, "E-mail suspect")
    assert page.get_by_text("(ou faites glisser le fichier dans ce cadre)").first.is_visible()
    assert page.evaluate(_DROP, ["#fichier + label", "suspect.eml", FAKE.decode()])
    assert page.evaluate(_DROP, ["#reference + label .file-label", "ancien.eml", GENUINE.decode()])
    assert page.locator("#fichier-choisi").inner_text() == "Fichier choisi : suspect.eml"
    assert page.locator("#reference-choisi").inner_text() == "Fichier choisi : ancien.eml"
    # dropped beside the frames, the file is refused by the page, not opened by the browser in Gardien's place
    assert page.evaluate(_DROP, ["h1", "autre.eml", "x"])
    assert page.locator("#fichier-choisi").inner_text() == "Fichier choisi : suspect.eml"
    page.get_by_role("button", name="Analyser le message").click()
    page.locator("#resultat-mail .verdict").wait_for()
    assert "venait d'ameli.fr" in page.locator("#resultat-mail").inner_text()
    shot(page, "mail-depot-fichiers")
