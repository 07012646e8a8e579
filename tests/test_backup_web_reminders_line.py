"""The backup page's last line says whether reminders are programmed, not what the « Rappels » page could do: a review
read « Rappels : une notification chaque semaine… » as reminders already running while none was set."""

from __future__ import annotations

import pytest
from conftest import logged_in_client, visible_text

PORT = 8767


@pytest.fixture
def client():
    return logged_in_client(PORT)


def test_no_reminder_set_is_said(client):
    text = visible_text(client.get("/sauvegardes").text)
    assert "Aucun rappel n'est programmé" in text, text
    assert "Des rappels sont programmés" not in text


def test_reminders_set_are_said(client, monkeypatch):
    from gardien.reminders import install

    monkeypatch.setattr(install, "installed", lambda: {"routines": []})
    text = visible_text(client.get("/sauvegardes").text)
    assert "Des rappels sont programmés" in text and "Aucun rappel" not in text, text


def test_an_unreadable_reminder_file_is_not_read_as_none(client, monkeypatch, tmp_path):
    from gardien import statefile
    from gardien.reminders import install

    def damaged():
        raise statefile.DamagedState(tmp_path / "rappels.json", "son contenu n'a pas la forme attendue")

    monkeypatch.setattr(install, "installed", damaged)
    text = visible_text(client.get("/sauvegardes").text)
    assert "n'a pas pu lire l'état de vos rappels" in text and "Aucun rappel" not in text, text
