"""Walkthrough, round 17 (O1): after an alert of the watch, the emergency page said « Mode urgence ouvert le … » and
« Consigne 1 sur 12 » with no word of why, so she could not tell a real alert from a false one. The page, `gardien
urgence` and `gardien veille etat` now say what the watch saw, in one sentence (detector.seen).

The alert is hand-made (three documents of a folder « Cabinet » replaced by « .locked » copies, as in the walkthrough)
and goes through the real alert handling, its notification, program sampling and page opening left out."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from test_registre_web import SAME, client, main_text  # noqa: F401 - the logged-in client fixture

from gardien.veille.detector import Alert, Clue, Evidence


def gardien(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gardien", *args], capture_output=True, text=True, input=stdin,
                          env=os.environ.copy(), timeout=120, check=False)


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def alerted(tmp_path, monkeypatch):
    """The watch's alert on « Cabinet », handled as the watcher does; returns the sentence expected everywhere."""
    from gardien.veille import alert as handling
    from gardien.veille import process
    from gardien.veille.config import WatchConfig

    cabinet = tmp_path / "Cabinet"
    cabinet.mkdir()
    now = time.time()
    evidence = tuple(Evidence(Clue.REPLACED, str(cabinet / f"bilan{n}.txt.locked"), now) for n in (1, 2, 3))
    alert = Alert(now, 4, (*evidence, Evidence(Clue.RANSOM_EXTENSION, str(cabinet / "bilan3.txt.locked"), now)))
    monkeypatch.setattr(handling, "notify_urgently", lambda *_: False)
    monkeypatch.setattr(handling, "open_page", lambda *_: False)
    monkeypatch.setattr(process, "suspects", lambda *_a, **_k: process.Sample((), 0))
    handling.handle(alert, WatchConfig((str(cabinet),)))
    return alert


def test_the_emergency_page_says_what_the_watch_saw(client, alerted):  # noqa: F811 - the imported fixture
    page = flat(main_text(client.get("/urgence").text))
    assert "La veille de Gardien a donné l'alerte le " in page, page
    assert "dans « Cabinet » : au moins 3 documents chiffrés ou remplacés" in page, page
    assert "Fichiers touchés : bilan1.txt.locked, bilan2.txt.locked, bilan3.txt.locked." in page, page
    # at the top: before the instruction she is asked to follow
    assert page.index("La veille de Gardien a donné l'alerte") < page.index("Consigne 1 sur"), page


def test_opened_by_hand_the_page_claims_no_alert(client):  # noqa: F811 - the imported fixture
    client.post("/urgence/ouvrir", headers=SAME)
    page = flat(main_text(client.get("/urgence").text))
    assert "Mode urgence ouvert le" in page and "La veille" not in page, page


def test_the_terminal_says_it_in_the_same_words(alerted, isolated_home):
    from gardien.urgence import incident, state

    said = incident.find(state.current().incident).watch_alert()
    assert said.startswith("La veille de Gardien a donné l'alerte le "), said
    shown = gardien("urgence", stdin="q\n")
    assert shown.returncode == 0, shown.stderr
    assert flat(said) in flat(shown.stdout), shown.stdout


def test_veille_etat_says_the_same_sentence(tmp_path, isolated_home):
    from gardien.veille import watcher as watch
    from gardien.veille.config import WatchConfig
    from gardien.veille.detector import seen

    cabinet = tmp_path / "Cabinet"
    cabinet.mkdir()
    now = time.time()
    alert = Alert(now, 3, tuple(Evidence(Clue.REPLACED, str(cabinet / f"bilan{n}.txt.locked"), now) for n in (1, 2, 3)))
    watcher = watch.Watcher(WatchConfig((str(cabinet),)), on_alert=lambda *_: None)
    watcher._write_status("arretee", alert)
    status = flat(gardien("veille", "etat").stdout)
    expected = seen(watch.status()[watch.LAST_ALERT]["date"], alert.summary(), [e.path for e in alert.evidence])
    assert "dans « Cabinet »" in expected and "bilan1.txt.locked" in expected, expected
    assert flat(expected) in status, status


def test_the_ransom_message_copied_in_the_terminal_is_shown_on_the_page_and_not_asked_again(client):  # noqa: F811
    """Walkthrough, round 17 (K3): the message typed in `gardien urgence` was in the journal, but the page's
    instruction showed an empty « Le message de rançon » field and no word of it: she may have typed it again."""
    typed = gardien("urgence", "--etape", "4", stdin="o\nVos fichiers sont chiffrés.\nÉcrivez à recup@exemple.onion\n\nq\n")
    assert typed.returncode == 0, typed.stderr
    page = client.get("/urgence").text
    text = flat(main_text(page))
    assert "Recopiez le message de rançon" in text, text
    assert "Déjà noté dans le journal le " in text, text
    assert "Vos fichiers sont chiffrés. Écrivez à recup@exemple.onion" in text, text
    assert "Ce qui manque encore, s'il manque quelque chose" in text and "tel qu'il est affiché" not in text, text
    again = gardien("urgence", stdin="\nq\n")
    said = flat(again.stdout)
    assert "Déjà noté dans le journal le " in said and "| Vos fichiers sont chiffrés. | Écrivez à recup@exemple.onion" in said, said
    assert "Ce qui manque encore, s'il manque quelque chose (une ligne vide pour finir" in said, said


def test_nothing_copied_yet_the_field_asks_for_the_message(client):  # noqa: F811 - the imported fixture
    client.post("/urgence/ouvrir", headers=SAME)
    client.post("/urgence/etape", data={"aller": "3"}, headers=SAME)
    text = flat(main_text(client.get("/urgence").text))
    assert "Le message de rançon, tel qu'il est affiché" in text and "Déjà noté" not in text, text


def test_a_journal_that_cannot_be_read_leaves_the_instructions_shown(client, alerted, isolated_home):  # noqa: F811
    """What the journal holds is read for the page and the terminal: a journal encrypted by the attack itself must not
    take the instructions away."""
    from gardien.urgence import journal

    journal.path().write_bytes(os.urandom(4096))
    page = client.get("/urgence")
    assert page.status_code == 200 and "Coupez Internet tout de suite" in main_text(page.text), main_text(page.text)
    from gardien.urgence import state

    state.set_step(3)  # « Recopiez le message de rançon »
    page = client.get("/urgence")
    assert page.status_code == 200 and "Le message de rançon, tel qu'il est affiché" in main_text(page.text)
    shown = gardien("urgence", stdin="q\n")
    assert "Traceback" not in shown.stderr and "CONSIGNE 4 SUR" in shown.stdout, (shown.stdout, shown.stderr)
