"""Walkthrough round 14, finding 12: in a root session the audit, the dashboard and the plan said « choisissez votre
compte habituel et passez-le en « Standard » » (root is the usual account here, and cannot be made standard), began
with « GNOME : … » where no desktop was detected, and the dashboard and plan showed the steps without the sentence
saying what was found. The steps now follow what the check saw.

All audit outputs here are hand-written, in the recorded formats (id -un, id -Gn, the desktop variables)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from conftest import visible_text
from test_web import anonymous, client, guard  # noqa: F401 - the fixtures of the web tests

from gardien.core.audit import audit_replay
from gardien.store import history

ROOT_NO_DESKTOP = {"id_user": "root\n", "id_groups": "root\n", "desktop_session": ""}
ROOT_GNOME = {"id_user": "root\n", "id_groups": "root\n", "desktop_session": "GNOME\tgnome"}
ADMIN_KDE = {"id_user": "marc\n", "id_groups": "marc adm sudo\n", "desktop_session": "KDE\tplasma"}
ADMIN_GNOME = {"id_user": "marc\n", "id_groups": "marc adm sudo\n", "desktop_session": "ubuntu:GNOME\tubuntu"}


def _recording(folder, outputs: dict[str, str]):
    folder.mkdir()
    (folder / "gardien-enregistrement.json").write_text(json.dumps({"os": "linux"}), encoding="utf-8")
    for name, text in outputs.items():
        (folder / f"{name}.stdout.txt").write_text(text, encoding="utf-8")
    return folder


def _account_point(tmp_path, outputs: dict[str, str]) -> str:
    """The audit's « Travail quotidien » point as the terminal shows it (`audit --rejouer --details`)."""
    folder = _recording(tmp_path / "rec", outputs)
    env = {**os.environ, "GARDIEN_HOME": str(tmp_path / "home"), "COLUMNS": "300"}
    run = subprocess.run([sys.executable, "-m", "gardien", "audit", "--rejouer", str(folder), "--details"],
                         capture_output=True, text=True, env=env, timeout=120, check=False)
    assert run.returncode in (0, 1) and "Traceback" not in run.stderr, run.stderr
    point = run.stdout[run.stdout.index("Travail quotidien sans droits d'administrateur"):]
    return " ".join(point[:point.index("Source :")].split())


@pytest.mark.parametrize("outputs, gnome", [(ROOT_NO_DESKTOP, False), (ROOT_GNOME, True)], ids=["sans-bureau", "gnome"])
def test_a_root_session_is_told_to_create_a_personal_account(tmp_path, outputs, gnome):
    point = _account_point(tmp_path, outputs)
    assert "Vous travaillez directement sous le compte root" in point
    assert "créez-vous un compte personnel, de type standard" in point and "Le compte root ne sert plus" in point
    assert "compte habituel" not in point, point
    assert ("GNOME" in point) is gnome, point


@pytest.mark.parametrize("outputs, gnome", [(ADMIN_KDE, False), (ADMIN_GNOME, True)], ids=["kde", "gnome"])
def test_an_administrator_account_gets_gnome_steps_only_under_gnome(tmp_path, outputs, gnome):
    point = _account_point(tmp_path, outputs)
    assert "passez votre compte habituel en compte standard" in point or "passez-le en « Standard »" in point
    assert "compte root" not in point and "compte personnel" not in point
    assert ("GNOME" in point) is gnome, point


def test_an_audit_saved_before_these_facts_shows_the_general_steps():
    from gardien.core.model import StepConditions
    from gardien.core.registry import discover

    spec = next(s for s in discover() if s.id == "compte_administrateur")
    shown = " ".join(s.text for s in StepConditions().select(spec.meta.remediation["linux"]))
    assert "compte habituel" in shown and "GNOME" not in shown and "root" not in shown


def test_the_plan_and_the_dashboard_say_it_is_a_root_session(tmp_path, client):  # noqa: F811
    result = audit_replay(_recording(tmp_path / "rec", ROOT_NO_DESKTOP))
    history.save(replace(result, started_at=(datetime.fromisoformat(result.started_at) - timedelta(hours=1))
                         .isoformat(timespec="seconds")))
    for page in ("/plan", "/"):
        text = " ".join(visible_text(client.get(page).text).split())
        if page == "/" and "Travail quotidien" not in text:
            continue  # the dashboard shows the first step only
        assert "Pour ne plus travailler sous le compte root, créez-vous un compte personnel" in text, page
        assert "compte habituel" not in text[text.index("Travail quotidien"):][:1500], page
