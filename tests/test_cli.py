"""The `gardien` command as a user runs it: real subprocesses on this machine (Linux probes for real)."""

from __future__ import annotations

import json
import os
import re
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


@pytest.mark.skipif(current_platform() != "linux", reason="runs the Linux probes for real")
def test_asking_for_the_details_after_an_audit_does_not_save_a_second_one(isolated_home):
    first = gardien("audit", env_home=isolated_home)
    assert first.returncode == 0 and "gardien audit --details" in first.stdout
    explained = gardien("audit", "--details", env_home=isolated_home)
    assert explained.returncode == 0 and "Pourquoi c'est important" in explained.stdout
    saved = json.loads(gardien("historique", "--json", env_home=isolated_home).stdout)
    assert len(saved) == 1, "the details of the audit just shown were saved as a second audit"
    assert gardien("audit", env_home=isolated_home).returncode == 0  # a new audit she asks for is one more
    assert len(json.loads(gardien("historique", "--json", env_home=isolated_home).stdout)) == 2


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
def test_the_audit_sends_to_the_questionnaire_only_while_questions_are_left(isolated_home):
    # walkthrough, round 8: « Ensuite : gardien questionnaire » after every question was answered
    first = gardien("audit", "--no-save", env_home=isolated_home)
    assert "Ensuite : gardien questionnaire, puis gardien plan." in first.stdout
    from gardien.questionnaire.questions import questions
    from gardien.store import answers

    for question in questions():  # isolated_home is this process's GARDIEN_HOME too
        answers.save(question.id, "nsp")
    answered = gardien("audit", "--no-save", env_home=isolated_home)
    assert answered.returncode == 0 and "Ensuite : gardien plan." in answered.stdout
    assert "gardien questionnaire" not in answered.stdout


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
        (["interface", "--port", "80", "--sans-navigateur"], "Port 80 impossible"),  # review r23: said « already open »
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


@pytest.mark.skipif(current_platform() != "linux", reason="runs the Linux probes for real")
def test_bare_gardien_after_a_bilan_continues_instead_of_starting_over(isolated_home):
    """Walkthrough r20: after her first bilan, bare « gardien » still said « Pour commencer : gardien audit »."""
    assert "Pour commencer" in gardien(env_home=isolated_home).stdout
    assert gardien("audit", env_home=isolated_home).returncode == 0
    shown = gardien(env_home=isolated_home)
    assert shown.returncode == 0 and "Pour commencer" not in shown.stdout
    assert re.search(r"Votre dernier bilan : le \d\d/\d\d/\d{4} à \d+h\d\d \(score \d+/100", shown.stdout)
    assert "Pour continuer :\n  gardien plan\n" in shown.stdout


def test_empty_history(isolated_home):
    result = gardien("historique", env_home=isolated_home)
    assert result.returncode == 0 and "Aucun bilan" in result.stdout


# --- The audit's first screen and the printable report, on hand-written results ------------------------------

def _result(count: int, status, steps: int = 3):
    """A hand-written audit result (no machine behind it) with `count` points in `status`, long sentences."""
    from gardien.core.model import AuditResult, Finding, RemediationStep, Severity, Source

    sentence = "Une phrase assez longue pour passer à la ligne dans un terminal de quatre-vingts colonnes, comme les vraies."
    typed = RemediationStep("Ou, dans un terminal :", command="sudo exemple --activer", command_effect="active l'exemple",
                            admin_password=True)
    findings = tuple(
        Finding(id=f"point_{i:02d}", status=status, severity=Severity.HIGH, theme="acces", title=f"Point numéro {i} à examiner",
                detail=sentence, why=sentence, risk=sentence,
                remediation=(*(RemediationStep(sentence) for _ in range(steps - 1)), typed),
                sources=(Source("X-1", "Une source officielle, avec son titre complet", "https://exemple.fr/source", True),),
                effort_minutes=10)
        for i in range(count)
    )
    return AuditResult("linux", "Debian 12", "0.1.0", "2026-11-29T14:05:00+01:00", "live", findings, 20,
                       tuple(f.id for f in findings[:3]), 1.5)


def _first_screen(result, width: int) -> list[str]:
    import io
    from unittest import mock

    from rich.console import Console

    from gardien.report import text

    out = io.StringIO()
    # hand-written points, of no check: no plan step is one of them (the plan's first step is tested in
    # test_plan_first_step.py); the audit's own first point is shown
    with mock.patch("gardien.plan.first.for_audit", return_value=None):
        text.render(result, Console(file=out, width=width, no_color=True))
    return out.getvalue().rstrip("\n").splitlines()


@pytest.mark.parametrize("count", [1, 5, 22])
def test_first_screen_fits_in_50_lines_with_the_first_step_last(count):
    from gardien.core.model import Status

    lines = _first_screen(_result(count, Status.MANUAL), 80)
    assert len(lines) <= 50
    assert lines[-1].startswith("╰") and any("Votre premier pas (n° 1)" in line for line in lines[-25:])
    numbers = [int(line.split(".")[0]) for line in lines if line[:4].strip().rstrip(".").isdigit()]
    assert numbers == list(range(1, len(numbers) + 1))  # one numbering, from 1
    if count == 22:
        assert any("… et " in line and "autres points à vérifier : voir le détail" in line for line in lines)
    assert not any(re.match(r"│ +1[.)] ", line) for line in lines)  # the first step's steps are lettered: a), b)
    command = next(i for i, line in enumerate(lines) if "sudo exemple --activer" in line)
    assert lines[command].startswith("│        sudo")  # the text to type, alone on its line
    assert "Cette commande active l'exemple" in lines[command + 1]


def test_first_step_stays_last_in_a_narrow_terminal_and_after_the_details():
    import io

    from rich.console import Console

    from gardien.core.model import Status
    from gardien.report import text

    assert _first_screen(_result(8, Status.FAIL), 60)[-1].startswith("╰")
    out = io.StringIO()
    text.render(_result(8, Status.FAIL), Console(file=out, width=80, no_color=True), full=True)
    lines = out.getvalue().rstrip("\n").splitlines()
    assert "Le détail, point par point" in lines[0] and lines[-1].startswith("╰")


def test_printable_report_is_numbered_like_the_terminal_and_has_a_paper_footer():
    from gardien.core.model import Status
    from gardien.report import html

    page = html.render(_result(4, Status.FAIL))
    assert re.findall(r'<h3 id="titre-point_(\d+)">(\d+)\.', page) == [("00", "1"), ("01", "2"), ("02", "3"), ("03", "4")]
    footer = page.split('<footer class="site">')[1]
    assert "Bilan établi par Gardien 0.1.0 le 29/11/2026 à 14h05" in footer and "confidentiel" in footer
    assert "vous tapez ici" not in footer and "Fermer Gardien" not in page and "<details" not in page
    assert '<pre class="command" id="commande-point_00-3">sudo exemple --activer</pre>' in page
    assert "Copier la commande" not in page  # on paper, nothing to click


@pytest.mark.parametrize("typed, default, expected", [("o", False, True), ("Oui", False, True), ("n", True, False),
                                                       ("", True, True), ("", False, False)])
def test_french_yes_no_question(monkeypatch, capsys, typed, default, expected):
    from gardien.cli_french import confirm

    answers = iter(["peut-être", typed])
    monkeypatch.setattr("builtins.input", lambda prompt: (print(prompt), next(answers))[1])
    assert confirm("Protéger Documents ?", default) is expected
    shown = capsys.readouterr().out
    assert ("[O/n]" if default else "[o/N]") in shown and "Répondez o (oui) ou n (non)." in shown


@pytest.mark.parametrize("typed", ["fausse_alerte", "fausse-alerte", "Fausse alerte", " FAUSSE  ALERTE "])
def test_a_choice_is_the_same_however_its_words_are_joined(typed):
    # walkthrough, round 10: « --issue fausse-alerte » was refused, only « fausse_alerte » passed
    from gardien.fr import typed_choice

    assert typed_choice(typed, ["attaque", "fausse_alerte"]) == "fausse_alerte"
    assert typed_choice("clé", ["ordinateur", "cle"]) == "cle" and typed_choice("a décider", ["a_decider"]) == "a_decider"
    assert typed_choice("double authentification", ["double-authentification"]) == "double-authentification"
    assert typed_choice("fausse", ["attaque", "fausse_alerte"]) is None


def test_the_severity_threshold_is_read_as_every_typed_choice():
    """« --echec-a Élevee » (an accent forgotten) was refused: the threshold now reads as the other typed choices
    (fr.typed_choice); failed on main."""
    from gardien.cli import _severity
    from gardien.core.model import Severity
    from gardien.errors import GardienError

    assert _severity("Élevee") is Severity.HIGH and _severity(" IMPORTANTE ") is Severity.HIGH
    assert _severity("critique") is Severity.CRITICAL
    with pytest.raises(GardienError, match="Gravité inconnue : « terrible ». Choisissez parmi : critique, importante"):
        _severity("terrible")
