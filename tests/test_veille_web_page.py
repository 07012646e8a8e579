"""The watch on the « En cas d'attaque » page (walkthrough r18, findings 8 and 9): stopping it says so and what was
removed, as `gardien veille desinstaller` does; the activated state says whether it runs now, measured as `gardien
veille etat` does; another folder is chosen by opening folders, as on « Effacer des fichiers », not by typing its path.
Round 19: the result of « Arrêter la veille » is said once, never carried in an address a reload or the history replays.
The service, the watcher's status and the witness files removed are hand-written stand-ins (no service is installed)."""

from __future__ import annotations

import html
import re
from datetime import datetime
from urllib.parse import urlencode

import pytest
from test_registre_web import SAME, client, main_text  # noqa: F401 - the logged-in client fixture

from gardien.veille import canary, config, service, watcher


def _said(response) -> str:
    return " ".join(main_text(response.text).split())


@pytest.fixture
def no_service(monkeypatch):
    calls = []
    monkeypatch.setattr(service, "install", lambda: calls.append("install") or "veille-gardien.service")
    monkeypatch.setattr(service, "uninstall", lambda: calls.append("uninstall") or ["/maison/.config/autostart/x.desktop"])
    monkeypatch.setattr("gardien.web.urgence.START_WAIT_S", 0.0, raising=False)
    return calls


def _turned_on_then_off(client, monkeypatch, tmp_path):  # noqa: F811
    """The watch turned on for a folder, then off with 2 witness files removed: the folder and where « off » led."""
    folder = tmp_path / "Documents"
    folder.mkdir()
    assert client.post("/urgence/veille/activer", data={"dossier": str(folder)}, headers=SAME).status_code == 303
    monkeypatch.setattr(canary, "remove", lambda: 2)
    stopped = client.post("/urgence/veille/arreter", headers=SAME)
    assert stopped.status_code == 303
    where = stopped.headers["location"]  # under the interface's secret root, which the client adds itself
    return folder, where[where.index("/urgence"):]


def test_stopping_the_watch_says_it_is_stopped_and_what_went(client, no_service, monkeypatch, tmp_path):  # noqa: F811
    _, address = _turned_on_then_off(client, monkeypatch, tmp_path)
    said = _said(client.get(address))
    assert "La veille est arrêtée" in said, said
    assert "ne démarrera plus à l'ouverture de votre session" in said and "2 fichiers témoins retirés" in said, said
    assert "Activer la veille" in said  # and she may turn it on again


def test_the_activated_watch_says_whether_it_runs_now(client, no_service, monkeypatch, tmp_path):  # noqa: F811
    folder = tmp_path / "Documents"
    folder.mkdir()
    client.post("/urgence/veille/activer", data={"dossier": str(folder)}, headers=SAME)
    monkeypatch.setattr(service, "installed", lambda: True)
    since = datetime(2026, 12, 1, 5, 47).astimezone().isoformat(timespec="seconds")
    monkeypatch.setattr(watcher, "status", lambda: {"etat": "en_veille", "pid": 4242, "depuis": since, "vivante": True})
    said = _said(client.get("/urgence"))
    assert "La veille est activée et tourne en ce moment, depuis le 01/12/2026" in said, said
    monkeypatch.setattr(watcher, "status", lambda: {"vivante": False})
    said = _said(client.get("/urgence"))
    assert "La veille est activée, mais elle ne tourne pas en ce moment" in said, said
    assert "La démarrer maintenant" in said
    started = client.post("/urgence/veille/demarrer", headers=SAME)
    assert started.status_code == 303 and no_service[-1] == "install"


def test_another_folder_is_chosen_by_opening_folders(client, monkeypatch, tmp_path):  # noqa: F811
    home = tmp_path / "maison"
    (home / "Cabinet" / "Patients").mkdir(parents=True)
    (home / "Cabinet" / "compte-rendu.odt").write_text("x", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    form = client.get("/urgence").text.split("/urgence/veille/activer")[1].split("</form>")[0]
    assert re.search(r'formaction="[^"]*/urgence/veille/dossiers" formmethod="get"', form)  # carrying what she ticked
    assert "emplacement complet" not in form.split("<details")[0]  # typing it is only an option, folded away
    browsing = client.get("/urgence/veille/dossiers?" + urlencode({"ouvrir": str(home / "Cabinet"), "coupure": "oui"}))
    assert browsing.status_code == 200
    page = html.unescape(browsing.text)
    assert "Patients" in page and "compte-rendu.odt" not in page  # folders only: a folder is what is watched
    assert f"ouvrir={home / 'Cabinet' / 'Patients'}" in page.replace("%2F", "/")
    back = client.get("/urgence?" + urlencode({"formulaire": "veille", "dossier": str(home / "Cabinet"), "coupure": "oui"}))
    form = html.unescape(back.text.split("/urgence/veille/activer")[1].split("</form>")[0])
    assert f'value="{home / "Cabinet"}" checked' in form and 'id="coupure" name="coupure" value="oui" checked' in form


def test_the_stop_result_is_said_once_and_a_reload_replays_nothing(client, no_service, monkeypatch, tmp_path):  # noqa: F811
    # round 19: what « off » removed was in the address, so a reload, the history or a later visit said it again
    folder, address = _turned_on_then_off(client, monkeypatch, tmp_path)
    assert "temoins" not in address  # what was removed is not in an address that can be reloaded or shared
    first = _said(client.get(address))
    assert "La veille est arrêtée" in first and "2 fichiers témoins retirés" in first, first
    reload = _said(client.get(address))
    assert "fichiers témoins retirés" not in reload and "La veille est arrêtée" not in reload, reload
    # turned on again, then the old address opened from the history: no « could not stop it », the state measured now
    assert client.post("/urgence/veille/activer", data={"dossier": str(folder)}, headers=SAME).status_code == 303
    monkeypatch.setattr(service, "installed", lambda: True)
    old = _said(client.get("/urgence?veille=arretee&temoins=2"))
    assert "n'a pas pu arrêter" not in old and "témoins retirés" not in old, old
    assert config.load() is not None and "La veille est activée" in old, old
