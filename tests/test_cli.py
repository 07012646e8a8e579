"""The `gardien` command as a user runs it: real subprocesses on this machine (Linux probes for real)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gardien.compat import current_platform

pytestmark = pytest.mark.slow


def gardien(*args: str, env_home: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, GARDIEN_HOME=str(env_home))
    return subprocess.run(
        [sys.executable, "-m", "gardien", *args], capture_output=True, text=True, env=env, timeout=120, check=False
    )


def test_help_is_french(isolated_home):
    result = gardien("--help", env_home=isolated_home)
    assert result.returncode == 0
    assert "Vérifie la sécurité de cet ordinateur" in result.stdout


@pytest.mark.skipif(current_platform() != "linux", reason="the live audit test runs the Linux probes for real")
def test_live_audit_json_contract(isolated_home):
    result = gardien("audit", "--json", "--no-save", env_home=isolated_home)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["schema_version"] == "1.0" and report["os"] == "linux"
    assert 0 <= report["score"] <= 100
    ids = [f["id"] for f in report["findings"]]
    assert len(ids) == len(set(ids)) >= 20
    for finding in report["findings"]:
        assert finding["status"] in {"pass", "fail", "manual", "not_applicable", "error"}
        assert finding["severity"] in {"critical", "high", "medium", "low", "info"}
        assert finding["title"] and finding["detail"]
    assert report["first_step"] is None or report["first_step"] in ids
    assert not (isolated_home / "historique.sqlite3").exists(), "--no-save must not write the history"


@pytest.mark.skipif(current_platform() != "linux", reason="runs the Linux probes for real")
def test_live_audit_text_saves_history_and_html(isolated_home, tmp_path):
    report = tmp_path / "rapport.html"
    result = gardien("audit", "--html", str(report), env_home=isolated_home)
    assert result.returncode == 0, result.stderr
    assert "Votre premier pas" in result.stdout and "Score" in result.stdout
    html = report.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Votre premier pas" in html and "<script" not in html
    history = gardien("historique", "--json", env_home=isolated_home)
    assert len(json.loads(history.stdout)) == 1


@pytest.mark.skipif(current_platform() != "linux", reason="runs the Linux probes for real")
def test_record_then_replay_gives_the_same_verdicts(isolated_home, tmp_path):
    folder = tmp_path / "enregistrement"
    live = gardien("audit", "--json", "--no-save", "--enregistrer", str(folder), env_home=isolated_home)
    assert live.returncode == 0, live.stderr
    assert "Attention" in live.stderr
    replay = gardien("audit", "--json", "--rejouer", str(folder), env_home=isolated_home)
    assert replay.returncode == 0, replay.stderr
    statuses = lambda out: {f["id"]: f["status"] for f in json.loads(out)["findings"]}  # noqa: E731
    assert statuses(replay.stdout) == statuses(live.stdout)
    assert json.loads(replay.stdout)["mode"] == "replay"


@pytest.mark.skipif(current_platform() != "linux", reason="runs the Linux probes for real")
def test_echec_a_sets_exit_code_one_when_something_fails(isolated_home):
    result = gardien("audit", "--no-save", "--json", "--echec-a", "faible", env_home=isolated_home)
    failing = [f for f in json.loads(result.stdout)["findings"] if f["status"] == "fail"]
    assert result.returncode == (1 if failing else 0)


@pytest.mark.parametrize(
    "args, words",
    [
        (["audit", "--option-inconnue"], "Option inconnue"),
        (["audit", "--echec-a", "terrible"], "Gravité inconnue"),
        (["audit", "--rejouer", "/chemin/qui/n/existe/pas"], "n'existe pas"),
        (["historique", "--nombre", "0"], "Valeur invalide"),
    ],
)
def test_bad_input_gives_french_message_and_exit_2(isolated_home, args, words):
    result = gardien(*args, env_home=isolated_home)
    assert result.returncode == 2
    assert words in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_existing_recording_is_never_overwritten(isolated_home, tmp_path):
    folder = tmp_path / "rec"
    folder.mkdir()
    manifest = folder / "gardien-enregistrement.json"
    manifest.write_text('{"os": "linux"}', encoding="utf-8")
    result = gardien("audit", "--no-save", "--enregistrer", str(folder), env_home=isolated_home)
    assert result.returncode == 2 and "déjà un enregistrement" in result.stderr
    assert manifest.read_text(encoding="utf-8") == '{"os": "linux"}'


def test_empty_history(isolated_home):
    result = gardien("historique", env_home=isolated_home)
    assert result.returncode == 0 and "Aucun bilan" in result.stdout
