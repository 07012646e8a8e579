"""Round 19: the watch's form keeps its state in the query string. Every action is a POST answered by a redirect, so a
reload or a link cannot replay one; the ticks carried by the folder browser only fill the form. What was stale: the
result of « Arrêter la veille » was in the address (« ?veille=arretee&temoins=2 »), so reloading it, going back to it
or opening it later said « 2 fichiers témoins retirés » again, and, once the watch was turned on again, « Gardien n'a
pas pu arrêter complètement la veille ». The result is now kept by the interface and said once.
Service, watcher status and witness files: hand-written stand-ins (no service is installed)."""

from __future__ import annotations

import pytest
from test_registre_web import SAME, client, main_text  # noqa: F401 - the logged-in client fixture

from gardien.veille import canary, config, service


def _said(response) -> str:
    return " ".join(main_text(response.text).split())


@pytest.fixture
def no_service(monkeypatch):
    monkeypatch.setattr(service, "install", lambda: "veille-gardien.service")
    monkeypatch.setattr(service, "uninstall", lambda: [])
    monkeypatch.setattr("gardien.web.urgence.START_WAIT_S", 0.0, raising=False)


def test_the_stop_result_is_said_once_and_a_reload_replays_nothing(client, no_service, monkeypatch, tmp_path):  # noqa: F811
    folder = tmp_path / "Documents"
    folder.mkdir()
    assert client.post("/urgence/veille/activer", data={"dossier": str(folder)}, headers=SAME).status_code == 303
    monkeypatch.setattr(canary, "remove", lambda: 2)
    stopped = client.post("/urgence/veille/arreter", headers=SAME)
    where = stopped.headers["location"]
    address = where[where.index("/urgence"):]
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
