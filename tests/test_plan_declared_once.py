"""Round 24 review: the plan said « déclarée par vous » at every breach typed in the register (in its title and again
in its text). Said once per screen, as the register's list does (breaches.declared_note), in the terminal, on the
plan's page and on the dashboard."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

from conftest import logged_in_client, visible_text

from gardien.registre import breaches

GARDIEN = shutil.which("gardien", path=str(Path(os.sys.executable).parent)) or "gardien"


def _two_typed_breaches() -> None:
    """Hand-written examples: one within its 72 hours, one long overdue."""
    recent = (datetime.now() - timedelta(hours=3)).strftime("%d/%m/%Y %H:%M")
    breaches.record(breaches.manual(recent, "Courrier envoyé au mauvais patient (fictif)"))
    breaches.record(breaches.manual("03/02/2026", "Ordinateur portable volé (fictif)"))


def _flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def test_the_terminal_plan_says_declared_once():
    _two_typed_breaches()
    env = {**os.environ, "LC_ALL": "C.UTF-8", "COLUMNS": "200"}  # GARDIEN_HOME: the test's, from conftest
    shown = subprocess.run([GARDIEN, "plan"], capture_output=True, text=True, env=env, timeout=120)
    said = _flat(shown.stdout)
    assert said.count("déclarée") == 1 and breaches.declared_note(breaches.all_violations()) in said, said
    assert said.count("Urgent : violation de données") == 2, said


def test_the_plan_page_and_the_dashboard_say_declared_once():
    _two_typed_breaches()
    client = logged_in_client()
    for path in ("/plan", "/"):
        page = _flat(visible_text(client.get(path).text))
        assert page.count("déclarée") == 1 and f"Délais comptés {breaches.DECLARED_DISCOVERY}." in page, (path, page)
