"""Walkthrough r16, coming back to Gardien after closing its tab: the old address said « Dans un terminal : …/gardien
interface », and a second Gardien's « Remettre les noms » said only that it had no correspondence. The refusal page of
a running Gardien now gives the address of its own opening file (pasted into the address bar, it brings her back, no
terminal); the pseudonymiser says why it has no names and what to do. The letter is hand-written (fictitious)."""

from __future__ import annotations

import pytest
from conftest import logged_in_client, visible_text
from test_web import anonymous, guard  # noqa: F401 - the fixtures of the web tests
from test_web_no_command import COMMAND

from gardien.web import server

PORT = 8767
HTMX = {"Origin": f"http://127.0.0.1:{PORT}", "HX-Request": "true"}
LETTER = "Je vois ce jour Mme Ginette Lavignac, tél. 06 12 34 56 78, adressée par le Dr Paul Berthier."


def visible(page: str) -> str:
    return " ".join(visible_text(page).split())


def test_the_old_address_gives_the_way_back_into_the_running_gardien_without_a_command(guard, anonymous, monkeypatch):  # noqa: F811
    from gardien.web import shortcut

    monkeypatch.setattr(shortcut, "installed", lambda platform=None: [])  # installed from the README only
    opening = server.write_opening_file(guard)
    page = anonymous.get("/plan")  # her old address, from the browser's history, without the session
    said = visible(page.text)
    assert page.status_code == 401
    assert opening.as_uri() in page.text and "collez-la dans la barre d'adresse" in said, said
    assert not COMMAND.search(said) and "terminal" not in said, said  # not even folded
    outside = anonymous.get(f"http://127.0.0.1:{guard.port}/plan")  # not under the secret root: nothing of the kind
    assert outside.status_code == 401 and opening.as_uri() not in outside.text


def test_the_way_back_given_opens_the_running_gardien(guard, anonymous):  # noqa: F811
    """The opening file's link is the running Gardien's next one-time link: it opens it."""
    import re

    opening = server.write_opening_file(guard)
    link = re.search(r'url=([^"]+)"', opening.read_text(encoding="utf-8")).group(1).replace("&amp;", "&")
    assert anonymous.get(link).status_code == 200 and anonymous.get("/plan").status_code == 200


@pytest.mark.slow
def test_a_gardien_without_the_texts_says_why_and_preparing_the_same_text_again_puts_the_names_back():
    first = logged_in_client(PORT)
    prepared = first.post("/pseudonymiser", data={"texte": LETTER, "dates": "balises"}, headers=HTMX).text
    assert "[PERSONNE_1]" in prepared or "[PATIENT_1]" in prepared
    answer = "Rappeler [PATIENT_1] au [TEL_1], puis écrire au [MEDECIN_1]."

    second = logged_in_client(PORT)  # another Gardien: the first one's correspondences are in the first one's memory
    refused = visible(second.post("/reidentifier", data={"reponse": answer, "texte_numero": "auto"}, headers=HTMX).text)
    assert "Ce Gardien n'a préparé aucun texte depuis qu'il a été ouvert" in refused, refused
    assert "préparez de nouveau le même texte, de la même façon" in refused, refused

    second.post("/pseudonymiser", data={"texte": LETTER, "dates": "balises"}, headers=HTMX)  # the advice, followed
    restored = second.post("/reidentifier", data={"reponse": answer, "texte_numero": "auto"}, headers=HTMX).text
    assert "Ginette Lavignac" in restored and "06 12 34 56 78" in restored and "Berthier" in restored


def test_closing_with_prepared_texts_asks_first(guard, anonymous):  # noqa: F811
    """Walkthrough r16: « Fermer Gardien » closed at once with 5 texts in memory, their names lost without a word.
    The correspondence is hand-written, as the pseudonymiser keeps one."""
    from gardien.pseudonym.reidentify import Kept

    client = anonymous
    assert client.get(f"/connexion?jeton={guard.token}").status_code == 200
    stopped = []
    client.app.state.stop = lambda: stopped.append(True)
    client.app.state.mappings.append(Kept.of(1, {"[PERSONNE_1]": "Ginette Lavignac"}, "Revoir [PERSONNE_1].", "10:00"))
    origin = {"Origin": f"http://127.0.0.1:{guard.port}"}
    asked = client.post("/quitter", headers=origin)
    said = visible(asked.text)
    assert "Fermer Gardien ?" in said and "1 texte préparé" in said and not stopped, said
    assert "ne pourra plus remettre les vrais noms" in said
    closed = client.post("/quitter", headers=origin, data={"malgre_textes": "oui"})
    assert "Gardien est fermé" in visible(closed.text) and stopped == [True]
