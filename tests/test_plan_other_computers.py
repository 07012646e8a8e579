"""Walkthrough round 13, finding 5: a group practice (three kinés, one shared reception computer) got the view of one
laptop: the register's measures said « Cet ordinateur, vérifié par Gardien », and nothing said « faites le bilan sur
chaque ordinateur du cabinet ». Now the audit and the register say that this computer is not the practice's only one,
and the plan has one step « Faire le même bilan sur chaque ordinateur du cabinet » (the reception computer first),
done when she declares it. The registers are hand-written interviews, built and saved as « registre creer » does; the
commands run as real subprocesses on the test's own GARDIEN_HOME."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import logged_in_client, visible_text

from gardien.questionnaire.questions import Answer
from gardien.registre import builder, storage
from gardien.registre.interview import Access, Hosting, Interview, Practice
from gardien.store import answers

GROUP = Interview(nom="Cabinet des Lilas", exercice=Practice.GROUP, hebergement=Hosting.LOCAL,
                  acces=[Access.SECRETARIAT])
ALONE = Interview(nom="Claire Martin", exercice=Practice.ALONE, hebergement=Hosting.LOCAL, acces=[], salaries=False)
ONLY_THIS_ONE = "Ce bilan ne porte que sur cet ordinateur, pas sur les autres ordinateurs du cabinet"
STEP = "Faire le même bilan sur chaque ordinateur du cabinet"
CHECKED = "Vérifier que chaque ordinateur du cabinet a eu son bilan"  # its title when it is to check


def _gardien(home, *arguments: str) -> str:
    env = dict(os.environ, GARDIEN_HOME=str(home), COLUMNS="250")
    done = subprocess.run([sys.executable, "-m", "gardien", *arguments], capture_output=True, text=True, env=env,
                          timeout=300, check=False)
    assert done.returncode in (0, 1), done.stderr
    return " ".join(done.stdout.split())


def test_a_group_practice_is_told_the_audit_covers_this_computer_only_and_gets_one_step(isolated_home):
    storage.save(builder.build(GROUP))
    audited = _gardien(isolated_home, "audit", "--no-save")
    assert ONLY_THIS_ONE in audited and "en commençant par celui de l'accueil" in audited
    plan = _gardien(isolated_home, "plan", "--details")
    assert CHECKED in plan and "Commencez par l'ordinateur partagé de l'accueil ou du secrétariat" in plan
    assert "D'après votre registre, vous exercez à plusieurs." in plan
    client = logged_in_client()
    page = " ".join(visible_text(client.get("/registre").text).split())
    assert "Cet ordinateur seulement, vérifié par Gardien (pas les autres ordinateurs du cabinet)" in page

    said = _gardien(isolated_home, "plan", "fait", "bilan_chaque_ordinateur")  # declared done: counted as done
    assert "c'est noté" in said
    everything = _gardien(isolated_home, "plan", "--tout")
    # « je ne sais pas »'s title reads as a sentence (round 14: « Vérifier : Faire le même bilan… »)
    assert "Avancement : 1 étape faite sur" in everything and f"[fait] {CHECKED}" in everything
    assert "Vérifier : Faire" not in everything


def test_a_practitioner_alone_hears_nothing_of_other_computers(isolated_home):
    storage.save(builder.build(ALONE))
    assert ONLY_THIS_ONE not in _gardien(isolated_home, "audit", "--no-save")
    alone = _gardien(isolated_home, "plan")
    assert STEP not in alone and CHECKED not in alone
    page = " ".join(visible_text(logged_in_client().get("/registre").text).split())
    assert "Cet ordinateur, vérifié par Gardien" in page and "Cet ordinateur seulement" not in page


def test_the_questionnaire_says_it_too_without_a_register(isolated_home):
    answers.save("bilan_chaque_ordinateur", Answer.NO)  # other computers, no audit on them yet
    from gardien.plan.other_computers import this_computer_only

    assert this_computer_only().startswith(ONLY_THIS_ONE)
    answers.save("bilan_chaque_ordinateur", Answer.NOT_CONCERNED)  # this is the practice's only computer
    assert this_computer_only() == ""
