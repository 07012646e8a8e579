"""Review r24: the breach banner (dashboard, plan, audit) was a four-line bold heading: « …avant le 03/12/2026 à minuit,
à la fin de cette journée (72 heures après la découverte, d'après la date de découverte déclarée par vous ; heure de
découverte non précisée : comptée depuis le début de la journée) ». Now a short heading (what to do, by when) and how
the deadline is counted on a line of its own, in normal weight; the same two lines in the terminal and on the pages.
Hand-written breach."""

from __future__ import annotations

import re
from datetime import datetime

from conftest import logged_in_client, visible_text
from typer.testing import CliRunner

from gardien.cli import app
from gardien.plan.build import build
from gardien.registre import breaches

HEADING_END = "à minuit, à la fin de cette journée"
# the declared date is said once per screen (breaches.declared_note, round 24), not in the banner's count
COUNTED = "72 heures après la découverte ; heure de découverte non précisée : comptée depuis le début de la journée."


def _breach_without_hour():
    today = datetime.now().strftime("%d/%m/%Y")  # no hour: counted from the start of the day
    breaches.record(breaches.manual(today, "Clé USB perdue avec des comptes rendus."))
    (due,) = build().deadlines.due
    return due


def test_the_heading_is_short_and_the_count_is_a_line_of_its_own():
    due = _breach_without_hour()
    assert due.heading.endswith(HEADING_END) and "(" not in due.heading, due.heading
    assert due.counted == COUNTED


def test_the_pages_show_the_heading_then_the_count_in_normal_weight():
    due = _breach_without_hour()
    client = logged_in_client()
    for path in ("/", "/plan"):
        page = client.get(path).text
        heading = re.search(r"<h2 id=\"violation-[^\"]+\">(.*?)</h2>\s*<p>(.*?)</p>", page, re.S)
        assert heading is not None, path
        assert visible_text(heading.group(1)) == due.heading and visible_text(heading.group(2)) == COUNTED, path
        assert visible_text(page).count("déclarée par vous") == 1, path
    audit = client.get("/audit").text
    alert = re.search(r'<p class="problem" role="alert">(.*?)</p>', audit, re.S).group(1)
    assert "(" not in re.search(r"<strong>(.*?)</strong>", alert, re.S).group(1)
    assert COUNTED in " ".join(visible_text(alert).split())
    assert breaches.DEADLINES_DECLARED in " ".join(visible_text(alert).split())  # the audit's line is its only mention


def test_the_terminal_says_the_same_two_lines(tmp_path):
    import json

    due = _breach_without_hour()
    lines = [line.strip() for line in CliRunner().invoke(app, ["plan"]).output.splitlines()]
    start = next(i for i, line in enumerate(lines) if line.startswith("Urgent :"))
    assert lines[start].endswith(HEADING_END) and lines[start + 1] == COUNTED, lines[start:start + 2]
    assert " ".join(lines).count("déclarée par vous") == 1
    folder = tmp_path / "rec"
    folder.mkdir()
    (folder / "gardien-enregistrement.json").write_text(json.dumps({"os": "macos"}), encoding="utf-8")
    said = " ".join(CliRunner().invoke(app, ["audit", "--rejouer", str(folder)]).output.split())
    assert f"{HEADING_END}." in said and "(72 heures" not in said and COUNTED in said
    assert due.heading.split(" — ")[1] in said
