"""The plan follows what Gardien knows (practitioner's walkthrough, round 11): the ransomware reflexes are said in one
place, the emergency sheet, that the plan's step points to; the antivirus alerts are not asked about while the audit
saw no antivirus, and a step that presumes an antivirus says when none was measured; a step she cannot do alone says
so beside its time. Hand-written audits."""

from __future__ import annotations

import html

import pytest
from conftest import logged_in_client
from test_plan_consistent import _audit
from typer.testing import CliRunner

from gardien.cli import app
from gardien.core.model import Distribution, Status
from gardien.plan.build import build
from gardien.questionnaire.questions import Answer
from gardien.store import answers, history
from gardien.urgence import content


def _steps() -> dict:
    return {step.id: step for step in build().steps}


def test_the_ransomware_reflexes_step_points_to_the_emergency_sheet_and_repeats_none_of_it():
    answers.save("reflexes_rancongiciel", Answer.NO)
    step = _steps()["reflexes_rancongiciel"]
    how = " ".join(str(line) for line in step.how)
    assert "fiche réflexe" in how and "« En cas d'attaque »" in how, how
    # none of the sheet's instructions said again in other words
    for words in ("rançon", "Débranchez", "câble", "CNIL", "plainte", "cybermalveillance", "72 heures"):
        assert words not in how, words
    assert any("Ne payez pas" in instruction.title for instruction in content.steps())  # the sheet still says it
    shown = CliRunner().invoke(app, ["plan", "--details"])
    assert shown.exit_code == 0 and "Ne payez pas la rançon" not in shown.output, shown.output


def test_no_antivirus_measured_the_alerts_step_gives_way_to_turning_one_on():
    answers.save("alertes_antivirus", Answer.UNKNOWN)
    history.save(_audit({"antivirus": Status.FAIL}))
    steps = _steps()
    assert "alertes_antivirus" not in steps
    antivirus = steps["antivirus"]
    assert antivirus.status == "a_faire"
    assert "Au questionnaire (« Vérifier : Lire et traiter les alertes de l'antivirus ») : vous avez répondu" in antivirus.reason


def test_an_antivirus_not_measured_is_said_in_the_alerts_step():
    answers.save("alertes_antivirus", Answer.NO)
    assert "Aucun bilan n'a encore mesuré si un antivirus est actif" in _steps()["alertes_antivirus"].reason
    history.save(_audit({"antivirus": Status.MANUAL}))
    steps = _steps()
    said = steps["alertes_antivirus"].reason
    assert steps["antivirus"].status == "a_verifier"
    assert ("Le dernier bilan n'a pas pu mesurer si un antivirus est actif sur cet ordinateur : voyez d'abord l'étape "
            f"« {steps['antivirus'].title} ».") in said, said


def test_an_antivirus_the_audit_found_running_leaves_the_alerts_step_as_asked():
    answers.save("alertes_antivirus", Answer.NO)
    history.save(_audit({"antivirus": Status.PASS}))
    step = _steps()["alertes_antivirus"]
    assert step.reason == "Vous avez répondu « non »." and step.title == "Lire et traiter les alertes de l'antivirus"


@pytest.mark.parametrize(("here", "said", "quick"), [(Distribution.DEBIAN, "environ 10 minutes, avec de l'aide", False),
                                                      (Distribution.UBUNTU, "environ 10 minutes", True)])
def test_a_step_she_cannot_do_alone_says_so_beside_its_time(monkeypatch, here, said, quick):
    """Round 11: « Mises à jour automatiques actives (10 min) » read as quick, while its page said to get help (on
    Debian it is a command in a terminal). The label says who does it, from the rule that keeps it from coming first."""
    from gardien.core import distribution

    monkeypatch.setattr(distribution, "this_machine", lambda: here)
    history.save(_audit({"mises_a_jour_automatiques": Status.FAIL}))
    step = _steps()["mises_a_jour_automatiques"]
    assert step.effort_label == said and step.quick is quick
    shown = CliRunner().invoke(app, ["plan"])
    assert f"[gravité importante, {said}] Mises à jour automatiques actives" in shown.output, shown.output
    page = logged_in_client().get("/plan").text
    assert f"Gravité importante · {said} ·" in html.unescape(page)
