"""Round 16 leftovers of the uninstall: `gardien veille desinstaller` kept veille-etat.json without a word, and the
desktop shortcut of `gardien interface --raccourci` could only go with the whole of Gardien (`gardien desinstaller`).

What she expects: when she stops the watch, its last alert (and the programs it paused) stay readable, and she is told
so; a status that holds nothing to read goes with the watch. The shortcut can be removed alone. `gardien desinstaller`
lists both. Real subprocesses; every place outside the data folder is the test's own (HOME, the XDG folders), as in
test_desinstaller.py. The watch's status files are hand-written, as the watcher writes them (watcher._write_status)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from test_desinstaller import computer, run  # noqa: F401 - the fixture of the uninstall tests

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the shortcuts and the autostart checked are Linux's")
NO_PROCESS = 2 ** 22 + 12345  # above Linux's pid_max: no process has it

ALERT = {"etat": "alerte", "pid": NO_PROCESS, "depuis": "2026-11-30T10:00:00+01:00", "dossiers": ["/tmp/Documents"],
         "temoins": 2, "dossiers_temoins": 1, "coupure_reseau_auto": False, "pause_programme": False,
         "derniere_alerte": {"date": "2026-11-30T10:05:00+01:00",
                             "resume": "au moins 12 documents chiffrés ou remplacés (vu à 10h05)"}}


def said(result) -> str:
    return " ".join(result.stdout.split())


def _status(home: Path, value: dict) -> Path:
    home.mkdir(exist_ok=True)
    path = home / "veille-etat.json"
    path.write_text(json.dumps(value), encoding="utf-8")
    return path


def test_stopping_the_watch_keeps_its_last_alert_and_says_where_to_read_it(isolated_home, computer):  # noqa: F811
    status = _status(isolated_home, ALERT)
    stopped = run(computer, "veille", "desinstaller")
    text = said(stopped)
    assert stopped.returncode == 0, stopped.stdout + stopped.stderr
    assert ("Sa dernière alerte, le 30/11/2026 à 10h05, reste notée dans le dossier de données de Gardien. Pour la "
            "relire : gardien veille etat") in text, text  # on main: not a word
    assert status.exists()
    assert "La veille de Gardien a donné l'alerte le 30/11/2026 à 10h05" in said(run(computer, "veille", "etat"))


def test_programs_the_watch_paused_are_said_still_paused_and_how_to_resume_them(isolated_home, computer):  # noqa: F811
    """A real process, paused as the watch pauses one (SIGSTOP), then let go; its status without an alert."""
    paused = subprocess.Popen(["sleep", "120"])
    try:
        os.kill(paused.pid, signal.SIGSTOP)
        quiet = {key: value for key, value in ALERT.items() if key != "derniere_alerte"}
        status = _status(isolated_home, {**quiet, "mis_en_pause": [paused.pid]})
        text = said(run(computer, "veille", "desinstaller"))
        assert (f"Programme mis en pause par Gardien (processus {paused.pid}), toujours en pause : « gardien veille "
                "reprendre » le relance, quand la personne qui vous aide l'a décidé.") in text, text
        assert status.exists()  # `gardien veille reprendre` reads it
        resumed = run(computer, "veille", "reprendre")
        assert resumed.returncode == 0 and str(paused.pid) in resumed.stdout, resumed.stdout + resumed.stderr
    finally:
        paused.kill()
        paused.wait(10)


def test_a_status_with_nothing_to_read_goes_with_the_watch(isolated_home, computer):  # noqa: F811
    quiet = {key: value for key, value in ALERT.items() if key != "derniere_alerte"} | {"etat": "en_veille"}
    status = _status(isolated_home, quiet)
    text = said(run(computer, "veille", "desinstaller"))
    assert not status.exists(), text  # on main: left behind
    assert "dernière alerte" not in text.lower(), text


def test_the_shortcut_can_be_removed_alone(tmp_path, isolated_home, computer):  # noqa: F811
    assert run(computer, "interface", "--raccourci").returncode == 0
    menu = Path(computer["XDG_DATA_HOME"]) / "applications" / "gardien.desktop"
    desktop = Path(computer["HOME"]) / "Desktop" / "gardien.desktop"
    assert menu.exists() and desktop.exists()
    removed = run(computer, "interface", "--retirer-raccourci")
    text = said(removed)
    assert removed.returncode == 0, removed.stdout + removed.stderr  # on main: « No such option »
    assert f"Raccourci retiré : {menu}" in text and f"Raccourci retiré : {desktop}" in text, text
    assert not menu.exists() and not desktop.exists()
    again = run(computer, "interface", "--retirer-raccourci")
    assert again.returncode == 0 and "Gardien n'a pas de raccourci sur cet ordinateur." in said(again), said(again)
    helped = " ".join(run(computer, "interface", "--help").stdout.split())
    assert "--retirer-raccourci" in helped, helped


def test_another_gardiens_shortcut_is_left_alone(tmp_path, isolated_home, computer):  # noqa: F811
    menu = Path(computer["XDG_DATA_HOME"]) / "applications" / "gardien.desktop"
    menu.parent.mkdir(parents=True)
    menu.write_text('[Desktop Entry]\nExec="/autre/.venv/bin/python" -m gardien interface\n', encoding="utf-8")
    text = said(run(computer, "interface", "--retirer-raccourci"))
    assert menu.exists() and "Gardien n'a pas de raccourci sur cet ordinateur." in text, text


def test_the_uninstall_lists_the_watchs_last_alert_and_the_shortcut(isolated_home, computer):  # noqa: F811
    assert run(computer, "interface", "--raccourci").returncode == 0
    _status(isolated_home, ALERT)
    listed = run(computer, "desinstaller", answer="n\n")
    text = said(listed)
    assert listed.returncode == 0, listed.stdout + listed.stderr
    assert "Raccourcis : " in text and "gardien.desktop" in text, text
    assert f"Dossier de données : {isolated_home} : la dernière alerte de la veille (gardé)" in text, text
    assert "Trousseau : rien." in text, text  # on main: an internal error, nothing in the keyring (fr.listed([]))
