"""Walkthrough r12, finding 1: the plan's standard-account step takes the administrator rights from the daily account,
after which `sudo …` no longer works from it. Every step needing those rights says how to get them, once, at its start.

All audit outputs here are hand-written, in the recorded formats."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta

from typer.testing import CliRunner

from gardien.cli import app
from gardien.core.audit import audit_replay
from gardien.core.model import RemediationStep
from gardien.plan.build import Step, build
from gardien.store import history, steps

DAILY_ADMIN = {"id_user": "marc\n", "id_groups": "marc adm cdrom sudo\n", "ufw_status": "Status: inactive\n",
               "desktop_session": "ubuntu:GNOME\tubuntu"}
ADMIN_TITLE = "Travail quotidien sans droits d'administrateur"


def _audit(tmp_path, outputs: dict[str, str], os_name: str = "linux") -> None:
    folder = tmp_path / "rec"
    folder.mkdir(exist_ok=True)
    (folder / "gardien-enregistrement.json").write_text(json.dumps({"os": os_name}), encoding="utf-8")
    for name, text in outputs.items():
        (folder / f"{name}.stdout.txt").write_text(text, encoding="utf-8")
    result = audit_replay(folder)
    earlier = (datetime.fromisoformat(result.started_at) - timedelta(hours=1)).isoformat(timespec="seconds")
    history.save(replace(result, started_at=earlier))  # a step marked done after it is done on her word


def _step(plan, step_id: str) -> Step:
    return next(s for s in plan.steps if s.id == step_id)


def _notes(step: Step) -> list[str]:
    return [s.text for s in step.how if s.text.startswith("Cette étape demande les droits d'administrateur")]


def test_a_sudo_step_says_to_open_the_administrator_session_once_the_standard_account_step_is_proposed(tmp_path):
    _audit(tmp_path, DAILY_ADMIN)
    plan = build()
    account, firewall = _step(plan, "compte_administrateur"), _step(plan, "pare_feu")
    assert account.status == "a_faire" and any(s.admin_password for s in firewall.how)
    notes = _notes(firewall)
    assert len(notes) == 1 and firewall.how[0].text == notes[0], firewall.how  # once, at the start
    assert f"Si vous avez déjà fait l'étape « {ADMIN_TITLE} »" in notes[0]
    assert "ouvrez d'abord une session sur le compte administrateur réservé aux installations" in notes[0]
    # the standard-account step itself, and a step done in her own session, say nothing of it
    assert not _notes(account) and not _notes(_step(plan, "verrouillage_session"))

    steps.mark("compte_administrateur", "fait")  # done: no « si » any more
    notes = _notes(_step(build(), "pare_feu"))
    assert len(notes) == 1 and "que votre compte habituel n'a plus" in notes[0] and "Si vous avez" not in notes[0]


def test_a_daily_account_already_standard_gets_the_note_too(tmp_path):
    _audit(tmp_path, {**DAILY_ADMIN, "id_groups": "marc adm cdrom\n"})
    plan = build()
    assert all(s.id != "compte_administrateur" for s in plan.open_steps)
    assert "que votre compte habituel n'a plus" in _notes(_step(plan, "pare_feu"))[0]


def test_the_terminal_plan_says_it_before_the_command(tmp_path):
    _audit(tmp_path, DAILY_ADMIN)
    shown = CliRunner().invoke(app, ["plan", "--details"]).output
    firewall = shown[shown.index("Pare-feu"):]
    assert firewall.index("droits d'administrateur") < firewall.index("sudo ufw enable")
    assert shown.count("réservé aux installations, faites-y cette étape") == sum(
        any(s.admin_password for s in step.how) for step in build().open_steps)


def test_each_system_says_it_in_its_own_words():
    from gardien.plan import admin_session

    with_sudo = Step(id="pare_feu", title="Pare-feu", source="audit", effort_minutes=5, impact=3, why="", reason="",
                     status="a_faire", how=(RemediationStep("Faites-vous aider : x"),
                                            RemediationStep("Copiez :", "sudo ufw enable", "active", admin_password=True)))
    account = Step(id="compte_administrateur", title=ADMIN_TITLE, source="audit", effort_minutes=20, impact=3, why="",
                   reason="", status="fait", how=())
    for system, words in (("windows", "« Exécuter en tant qu'administrateur »"), ("macos", "menu Pomme > Fermer la session"),
                          ("linux", "ouvrez d'abord une session sur le compte administrateur")):
        shown = admin_session.apply([account, with_sudo], system, "fail", ADMIN_TITLE)[1]
        # after « Faites-vous aider », which frames the whole step
        assert shown.how[0].text.startswith("Faites-vous aider") and words in shown.how[1].text, system
    # no audit of the account (another system, or no audit): nothing said
    assert admin_session.apply([with_sudo], "linux", None, ADMIN_TITLE) == [with_sudo]


def test_the_audit_details_and_its_page_say_it_as_the_plan_does(tmp_path):
    """Round 13: the note was the plan's only; `gardien audit --details`, its HTML report and the « Bilan » page (one
    template) showed the same sudo step without it. Run as she would, in a fresh Gardien folder."""
    import html
    import os
    import subprocess
    import sys

    folder = tmp_path / "rec"
    folder.mkdir()
    (folder / "gardien-enregistrement.json").write_text(json.dumps({"os": "linux"}), encoding="utf-8")
    for name, text in DAILY_ADMIN.items():
        (folder / f"{name}.stdout.txt").write_text(text, encoding="utf-8")
    report = tmp_path / "bilan.html"
    env = {**os.environ, "GARDIEN_HOME": str(tmp_path / "home"), "COLUMNS": "200"}
    run = subprocess.run([sys.executable, "-m", "gardien", "audit", "--rejouer", str(folder), "--details", "--html",
                          str(report)], capture_output=True, text=True, env=env, timeout=120, check=False)
    assert run.returncode == 0, run.stderr
    firewall = run.stdout[run.stdout.index("Pare-feu"):]
    assert firewall.index("Cette étape demande les droits d'administrateur. Si vous avez déjà fait l'étape") < \
        firewall.index("sudo ufw enable")
    page = html.unescape(report.read_text(encoding="utf-8"))
    firewall = page[page.index('id="point-pare_feu"'):]
    firewall = firewall[:firewall.index("</article>")]
    assert firewall.index("ouvrez d'abord une session sur le compte administrateur") < firewall.index("sudo ufw enable")
    account = page[page.index('id="point-compte_administrateur"'):]
    assert "ouvrez d'abord une session" not in account[:account.index("</article>")]  # not in its own step


def test_installing_restic_with_homebrew_needs_the_administrator_account():
    """Homebrew belongs to the account that installed it: `brew install` fails from a standard account."""
    from gardien.core.registry import discover
    from gardien.plan import admin_session

    backup = next(spec for spec in discover() if spec.id == "sauvegarde")
    brew = next(step for step in backup.meta.remediation["macos"] if step.command == "brew install restic")
    assert brew.admin_account and not brew.admin_password
    assert brew.command_note().endswith("Elle ne marche que depuis le compte administrateur de l'ordinateur.")
    step = Step(id="sauvegarde", title="Sauvegarde", source="audit", effort_minutes=30, impact=3, why="", reason="",
                status="a_faire", how=(brew,))
    noted = admin_session.apply([step], "macos", "pass", ADMIN_TITLE)[0]
    assert "menu Pomme > Fermer la session" in noted.how[0].text and noted.how[1] == brew
