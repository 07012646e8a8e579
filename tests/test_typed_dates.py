"""Walkthrough round 12, finding 16: « hier » and « 3/2/26 » were refused where she types a date. One parser
(fr.typed_moment) reads the common French forms for the register and the backups alike; the rest is refused with
examples of what works."""

from __future__ import annotations

from datetime import datetime

import pytest

from gardien import fr
from gardien.errors import GardienError
from gardien.registre import breaches

NOW = datetime(2026, 11, 30, 9, 0).astimezone()


@pytest.mark.parametrize(("typed", "expected"), [
    ("hier", (2026, 11, 29, 0, 0)),
    ("Hier 14h05", (2026, 11, 29, 14, 5)),
    ("avant-hier à 8h", (2026, 11, 28, 8, 0)),
    ("aujourd'hui", (2026, 11, 30, 0, 0)),
    ("aujourd\u2019hui 7:30", (2026, 11, 30, 7, 30)),  # the typographic apostrophe of a phone or a word processor
    ("3/2/26", (2026, 2, 3, 0, 0)),
    ("03.02.2026", (2026, 2, 3, 0, 0)),
    ("23/11/2026 14:05", (2026, 11, 23, 14, 5)),
    ("23/11", (2026, 11, 23, 0, 0)),
    ("1/12", (2025, 12, 1, 0, 0)),  # without a year: the last such day not in the future
    ("2026-11-23", (2026, 11, 23, 0, 0)),
    # walkthrough round 14, finding 19: the month in words, as she says it
    ("29 novembre 2026", (2026, 11, 29, 0, 0)),
    ("1er décembre 2025 à 9h", (2025, 12, 1, 9, 0)),
    ("2 déc. 2025", (2025, 12, 2, 0, 0)),
    ("14 fevrier 2026", (2026, 2, 14, 0, 0)),  # typed without its accent
    ("3 février", (2026, 2, 3, 0, 0)),  # without a year: the last such day not in the future
])
def test_common_french_forms_are_read(typed, expected):
    assert fr.typed_moment(typed, NOW).timetuple()[:5] == expected


@pytest.mark.parametrize("typed", ["hier soir", "31/02/2026", "demain matin", "le 3", "3 ju 2026", "3 brumaire 2026",
                                   "31 avril 2026"])
def test_other_forms_are_refused(typed):
    with pytest.raises(ValueError):
        fr.typed_moment(typed, NOW)


def test_the_register_takes_hier_and_a_two_digit_year():
    assert breaches.parse_when("hier", "date de découverte")[:10] == fr.typed_moment("hier").date().isoformat()
    assert breaches.parse_when("3/2/26", "date de découverte").startswith("2026-02-03T00:00")


def test_a_refused_date_shows_what_works():
    with pytest.raises(GardienError, match="« hier »") as refused:
        breaches.parse_when("la semaine dernière", "date de découverte")
    assert "23/11/26" in refused.value.message


def test_the_register_takes_the_month_in_words_on_the_command_line(tmp_path):
    """`registre violations ajouter --decouverte "29 novembre 2026"` was refused (walkthrough round 14, finding 19)."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "GARDIEN_HOME": str(tmp_path / "home")}
    added = subprocess.run([sys.executable, "-m", "gardien", "registre", "violations", "ajouter", "--decouverte",
                            "29 novembre 2026", "--description", "Ordinateur portable volé"], capture_output=True,
                           text=True, env=env, timeout=120, check=False)
    assert added.returncode == 0 and "Violation notée" in added.stdout, added.stderr
    listed = subprocess.run([sys.executable, "-m", "gardien", "registre", "violations", "liste"], capture_output=True,
                            text=True, env=env, timeout=120, check=False)
    assert "29/11/2026" in listed.stdout, listed.stdout
