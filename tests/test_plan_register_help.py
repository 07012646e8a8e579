"""Walkthrough round 13, finding 12 (part): the register step « Tenir le registre des traitements (1 h) » cannot be
finished alone (the patients' rights and the legal bases come from texts Gardien could not read), yet the plan did not
say « avec de l'aide » as it does for the audit's steps that need help. The register is a hand-written interview,
built and saved as « registre creer » does; the plan is read as a real subprocess."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from gardien.plan.build import build
from gardien.questionnaire.questions import Answer
from gardien.registre import builder, storage
from gardien.registre.interview import Access, Hosting, Interview, Practice
from gardien.store import answers

ONLINE = Interview(nom="Claire Martin", exercice=Practice.ALONE, logiciel_dossiers="Logiciel A",
                   hebergement=Hosting.ONLINE, acces=[Access.SECRETARIAT])


def _plan_details(home) -> str:
    env = dict(os.environ, GARDIEN_HOME=str(home), COLUMNS="250")
    shown = subprocess.run([sys.executable, "-m", "gardien", "plan", "--details"], capture_output=True, text=True,
                           env=env, timeout=120, check=False)
    assert shown.returncode in (0, 1), shown.stderr
    return shown.stdout


def test_the_register_step_says_it_needs_help_before_and_after_registre_creer(isolated_home):
    answers.save("registre_traitements", Answer.NO)
    shown = _plan_details(isolated_home)
    line = next(line for line in shown.splitlines() if "Tenir le registre des traitements" in line)
    assert re.search(r"environ 1 h, avec de l'aide\]", line), line
    assert "Faites-vous aider : Certaines rubriques demandent des textes que Gardien n'a pas pu lire" in shown

    storage.save(builder.build(ONLINE))  # « registre creer »: elements are left to complete
    step = next(s for s in build().steps if s.id == "registre_traitements")
    assert step.effort_label.endswith("avec de l'aide") and step.ask_for
    assert str(step.how[0]).startswith("Faites-vous aider : ") and "Compléter ce qui manque" in str(step.how[-1])
    line = next(line for line in _plan_details(isolated_home).splitlines() if "Tenir le registre des traitements" in line)
    assert "avec de l'aide" in line, line
