"""Round 22: a CNIL deadline counted from a discovery date she typed says so wherever it is shown (the list and the
message after recording, in the terminal and on the register's page, the plan), in the one wording of
registre/breaches.py; a date Gardien noted itself (the incident journal) is not said « déclarée »."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

from gardien.registre import breaches

GARDIEN = shutil.which("gardien", path=str(Path(os.sys.executable).parent)) or "gardien"
DECLARED = "(72 heures après la découverte, d'après la date de découverte déclarée par vous)"


def _registre(home: Path, *args: str) -> str:
    env = {**os.environ, "GARDIEN_HOME": str(home), "LC_ALL": "C.UTF-8"}
    done = subprocess.run([GARDIEN, "registre", *args], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return " ".join(done.stdout.replace("\u00a0", " ").replace("\u202f", " ").split())


def _flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def test_the_terminal_says_a_typed_discovery_date_is_declared(tmp_path):
    """Failed before: « si possible avant le … (72 heures après la découverte) », after recording and in the list,
    as if Gardien had noted the discovery itself."""
    home = tmp_path / "maison"
    recorded = _registre(home, "violations", "ajouter", "--decouverte", "hier 14h", "--description", "Essai : portable volé (fictif)")
    deadline = (datetime.now() + timedelta(days=2)).strftime("%d/%m/%Y")
    assert f"si possible avant le {deadline} à 14h00 {DECLARED}" in recorded, recorded
    listed = _registre(home, "violations", "liste")  # round 23: said once for the list, not at each entry
    assert listed.startswith(f"Délais comptés {breaches.DECLARED_DISCOVERY}."), listed
    assert f"si possible avant le {deadline} à 14h00 (72 heures après la découverte)" in listed, listed
    assert listed.count(breaches.DECLARED_DISCOVERY) == 1, listed


def test_an_overdue_typed_date_is_said_declared_too(tmp_path):
    home = tmp_path / "maison"
    recorded = _registre(home, "violations", "ajouter", "--decouverte", "3/2/26", "--description", "Essai : clé USB perdue (fictif)")
    assert ("ce délai est passé depuis le 05/02/2026 à minuit, à la fin de cette journée (d'après la date de découverte "
            "déclarée par vous ; heure de découverte non précisée : comptée depuis le début de la journée)") in recorded, recorded
    listed = _registre(home, "violations", "liste")
    # the recorded message's notes (r23-cabinet), the declared one said once for the list (r23-webbreach)
    assert listed.startswith(f"Délais comptés {breaches.DECLARED_DISCOVERY}."), listed
    assert ("ont passé depuis la découverte (heure de découverte non précisée : comptée depuis le début de la journée) : "
            "notifiez") in listed and listed.count(breaches.DECLARED_DISCOVERY) == 1, listed


def test_the_register_page_and_the_plan_say_it_in_the_same_words():
    from conftest import logged_in_client, visible_text

    typed = (datetime.now().astimezone() - timedelta(hours=3)).strftime("%d/%m/%Y %H:%M")
    entry = breaches.record(breaches.manual(typed, "Clé USB perdue."))
    said = breaches.before_said(entry.deadline, breaches.DECLARED_DISCOVERY)
    client = logged_in_client()
    page = _flat(visible_text(client.get("/registre/violations").text))
    # round 23: the register's page says it once, above its list, and each deadline without it
    assert f"Délais comptés {breaches.DECLARED_DISCOVERY}." in page and page.count(breaches.DECLARED_DISCOVERY) == 1, page
    assert _flat(breaches.before_said(entry.deadline)) in page, page
    plan = _flat(visible_text(client.get("/plan").text))
    # round 24: the plan too says it once, above its deadlines
    # the plan's banner says the date, then how it is counted on a line of its own (review, round 24)
    assert f"si possible avant le {breaches.deadline_text(entry.deadline)} 72 heures après la découverte." in plan, plan
    assert breaches.DEADLINES_DECLARED in plan, plan
    assert plan.count(breaches.DECLARED_DISCOVERY) == 1 and _flat(said) not in plan, plan


def test_a_journaled_discovery_is_not_said_declared():
    deadline = datetime(2026, 12, 2, 22, 55).astimezone()
    assert breaches.cnil_deadline_said(deadline) == ("dans les meilleurs délais, si possible avant le 02/12/2026 à 22h55 "
                                                     "(72 heures après la découverte)")
    journal = breaches.Violation("I1", breaches.ViolationSource.INCIDENT_JOURNAL, "abc", "2026-11-29T22:55:00+01:00", "x")
    assert journal.declared == "" and "déclarée" not in breaches.violation_deadline_said(journal)


def test_an_overdue_declared_date_in_the_plan_has_no_nested_brackets():
    """Failed before: « (le 03/02/2026 (date déclarée)) » in the plan's title."""
    from gardien.plan import deadlines

    breaches.record(breaches.manual("03/02/2026", "Ordinateur portable volé."))
    pending = deadlines.pending()
    (due,) = pending.due
    assert "(le 03/02/2026)" in due.title and "))" not in due.title, due.title  # round 24: declared, said once above
    assert pending.declared_note == breaches.DEADLINES_DECLARED


def test_the_terminal_plan_offers_the_draft_of_a_typed_breach_and_one_colon_after_urgent(tmp_path):
    """Round 23: the plan in the terminal gave the CNIL draft only for a journal incident (the page had it for a typed
    breach too), and read « Urgent : Violation de données : … »."""
    home = tmp_path / "maison"
    recorded = _registre(home, "violations", "ajouter", "--decouverte", "hier 14h", "--description", "Essai : portable volé (fictif)")
    number = recorded.split("numéro ", 1)[1].split(")", 1)[0]
    env = {**os.environ, "GARDIEN_HOME": str(home), "LC_ALL": "C.UTF-8"}
    shown = subprocess.run([GARDIEN, "plan"], capture_output=True, text=True, env=env, timeout=120)
    said = _flat(shown.stdout)
    assert f"gardien urgence brouillon cnil --violation {number}" in said, said
    assert "Urgent : violation de données — la CNIL" in said and "Urgent : Violation" not in said, said
