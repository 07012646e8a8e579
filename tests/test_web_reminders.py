"""Walkthrough r16: a practitioner who uses only the web interface could neither see nor install her reminders (no
page, no link). The « Rappels » page says what the scheduler holds, measured, when each comes next, and installs or
removes them through the same library calls as `gardien rappels installer|desinstaller|etat`. Fakes only: a crontab
script writing to the test's folder (GARDIEN_CRONTAB); the real crontab is never touched."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from conftest import visible_text
from test_reminders_lost import LOST
from test_reminders_scheduler import fake_crontab
from test_web import SAME, anonymous, client, guard  # noqa: F401 - the fixtures of the web tests
from test_web_no_command import COMMAND

from gardien.reminders import linux

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the cron path is Linux's")


def visible(page: str) -> str:
    return " ".join(visible_text(page).split())


@pytest.fixture
def cron_daemon(tmp_path):
    """A copy of `sleep` named « cron »: the daemon the page looks for among the running processes."""
    daemon = tmp_path / "daemon" / "cron"
    daemon.parent.mkdir()
    shutil.copy(shutil.which("sleep"), daemon)
    process = subprocess.Popen([str(daemon), "120"])
    yield
    process.kill()
    process.wait(timeout=10)


@pytest.fixture
def crontab(tmp_path, monkeypatch):
    if linux.systemd_available():
        pytest.skip("a systemd user session is here: the reminders would go to systemd, not cron")
    script = fake_crontab(tmp_path)
    monkeypatch.setenv("GARDIEN_CRONTAB", script)
    return script


def test_she_sees_installs_and_removes_her_reminders_on_the_web(client, guard, crontab, cron_daemon, tmp_path,
                                                                isolated_home):  # noqa: F811
    table = tmp_path / "table"
    empty = client.get("/rappels")
    assert empty.status_code == 200, empty.status_code  # 404 on main: no such page
    assert "Aucun rappel n'est programmé sur cet ordinateur (vérifié à l'instant)." in visible(empty.text)
    assert f'<a href="{guard.root}/rappels"' in client.get("/sauvegardes").text

    done = client.post("/rappels/programmer", headers=SAME, data={
        "jour_sauvegarde": "mardi", "heure_sauvegarde": "09:15", "jour_maj": "vendredi", "heure_maj": "18:00"})
    said = visible(done.text)
    assert done.status_code == 200 and "C'est fait : les rappels sont notés dans le planificateur" in said, said
    assert "Le service des tâches programmées (cron) tourne sur cet ordinateur (vérifié à l'instant)" in said, said
    assert table.read_text(encoding="utf-8").count("rappels notifier") == 4  # in the scheduler itself
    assert "Sauvegarde de la semaine : chaque mardi à 09h15. Le prochain : mardi " in said, said  # its next moment
    assert "Créneau des mises à jour : chaque vendredi à 18h00." in said, said
    assert not COMMAND.search(said), said

    # the command line reads what the page wrote: one set of reminders, the same functions
    env = dict(os.environ, GARDIEN_HOME=str(isolated_home), GARDIEN_CRONTAB=crontab)
    state = subprocess.run([sys.executable, "-m", "gardien", "rappels", "etat"], capture_output=True, text=True,
                           env=env, timeout=60, check=False)
    assert "Sauvegarde de la semaine : chaque mardi à 09h15" in state.stdout, state.stdout + state.stderr

    again = visible(client.get("/rappels").text)
    assert 'value="09:15"' in client.get("/rappels").text  # her hours offered again, not the defaults

    removed = client.post("/rappels/retirer", headers=SAME)
    assert "Rappels retirés." in visible(removed.text) and not table.exists()
    assert "Aucun rappel n'est programmé" in visible(removed.text)
    assert "Sauvegarde de la semaine" in again


def test_reminders_the_scheduler_no_longer_holds_are_not_said_programmed(client, crontab, tmp_path,
                                                                         isolated_home):  # noqa: F811
    posted = visible(client.post("/rappels/programmer", headers=SAME, data={}).text)
    assert "chaque lundi à 12h30" in posted and not COMMAND.search(posted), posted  # whether cron runs or not
    (tmp_path / "table").unlink()  # removed by hand, or by someone else
    said = visible(client.get("/rappels").text)
    assert f"{LOST} Programmez-les de nouveau ci-dessous, avec les mêmes jours et heures." in said, said
    assert "Le prochain : ne s'affichera pas." in said and "Ce qui était programmé" in said
    assert not COMMAND.search(said), said
    # the terminal says it in the same words (round 16: it trusted its saved list and said « Rappels installés »)
    env = dict(os.environ, GARDIEN_HOME=str(isolated_home), GARDIEN_CRONTAB=crontab)
    state = subprocess.run([sys.executable, "-m", "gardien", "rappels", "etat"], capture_output=True, text=True,
                           env=env, timeout=60, check=False)
    assert " ".join(state.stdout.split()).startswith(LOST) and state.returncode == 1, state.stdout + state.stderr


def test_the_menu_offers_the_page(client, guard):  # noqa: F811
    assert f'<a href="{guard.root}/rappels">Rappels</a>' in client.get("/").text


def test_a_wrong_hour_is_said_in_french_and_nothing_is_programmed(client, crontab, tmp_path):  # noqa: F811
    refused = client.post("/rappels/programmer", headers=SAME, data={"jour_sauvegarde": "lundi",
                                                                      "heure_sauvegarde": "25h", "jour_maj": "jeudi",
                                                                      "heure_maj": "13:00"})
    assert refused.status_code == 400 and "Heure invalide : « 25h »" in visible(refused.text)
    assert not (tmp_path / "table").exists()


def test_reminders_replaced_by_another_gardiens_are_said_in_the_same_order_on_the_web_and_in_the_terminal(
        client, crontab, tmp_path, isolated_home):  # noqa: F811
    """Round 18: the page said « ceux d'un autre Gardien » first and « ne sont plus programmés » after it, the terminal
    the other way round, with the list in between. Both now say: lost, then whose they are, then the list."""
    from test_reminders_other_install import _other_install

    client.post("/rappels/programmer", headers=SAME, data={})
    _other_install(tmp_path, "/nulle/part/.venv/bin/python3")  # hand-written lines of a deleted Gardien
    other = "Les rappels programmés sur cet ordinateur sont ceux d'un autre Gardien"
    page = visible(client.get("/rappels").text)
    env = dict(os.environ, GARDIEN_HOME=str(isolated_home), GARDIEN_CRONTAB=crontab)
    state = subprocess.run([sys.executable, "-m", "gardien", "rappels", "etat"], capture_output=True, text=True,
                           env=env, timeout=60, check=False)
    terminal = " ".join(state.stdout.split())
    for said in (terminal, page):
        assert said.count(LOST) == 1 and said.count(other) == 1, said
        assert said.index(LOST) < said.index(other) < said.index("Ce qui était programmé"), said
