"""Walkthrough round 14, finding 19: the encrypted-sending result printed the same CNIL source line (fiches 13.1 et
13.3) under two steps in a row, on the command line and on the page. A source is printed once; the next step that
shares it says « la même qu'à l'étape précédente ». The sent document is a line written by the test."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from conftest import visible_text
from test_web import SAME, anonymous, client, guard  # noqa: F401 - the fixtures of the web tests

LETTER = b"Note d'essai ecrite pour ce test."


def _source_lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip().startswith("Source")]


def _no_line_twice_in_a_row(lines: list[str]) -> None:
    assert lines, "aucune source"
    assert all(a != b for a, b in zip(lines, lines[1:], strict=False)), lines


def test_the_command_prints_a_source_once_in_a_row(tmp_path):
    letter = tmp_path / "note.txt"
    letter.write_bytes(LETTER)
    run = subprocess.run([sys.executable, "-m", "gardien", "envoyer-chiffre", str(letter)], capture_output=True,
                         text=True, timeout=120, env={**os.environ, "GARDIEN_HOME": str(tmp_path / "g"), "COLUMNS": "400"})
    assert run.returncode == 0, run.stderr
    steps = run.stdout[run.stdout.index("Pour l'envoyer"):run.stdout.index("Bon à savoir")]
    lines = _source_lines(steps)
    _no_line_twice_in_a_row(lines)
    assert "Source : la même qu'à l'étape précédente ; ANSSI, guide d'hygiène informatique (2017), mesure 24" in steps
    assert sum("fiches 13.1 et 13.3" in line for line in lines) == 1


def test_the_page_prints_a_source_once_in_a_row(client):  # noqa: F811
    answer = client.post("/envoi-chiffre", files=[("fichiers", ("note.txt", LETTER, "text/plain"))],
                         data={"mode": "pages"}, headers=SAME)
    assert answer.status_code == 200
    steps = re.search(r"<ol.*?</ol>", answer.text, re.S).group()
    lines = _source_lines(visible_text(steps.replace("<p", "\n<p")))
    _no_line_twice_in_a_row(lines)
    assert sum("fiches 13.1 et 13.3" in line for line in lines) == 1
    assert any(line.startswith("Source : la même qu'à l'étape précédente") for line in lines), lines
