"""Walkthrough, round 17 (O2): the plan's « Mot de passe à l'ouverture de session » was labelled « avec de l'aide »
only because of `passwd`, while GNOME's Paramètres (and KDE's) set the password by clicks, as the page already said
for the automatic log-in. A command given as another way to do a click step (« Ou, dans un terminal : ») is for the
person who helps, not help she needs: the click path first, the command second, the effort « seul ».

Hand-written `passwd -S` line (an account with no password) in the recorded format, replayed."""

from __future__ import annotations

from conftest import logged_in_client
from test_plan import _saved_audit
from test_registre_web import main_text

from gardien.core.model import Autonomy, RemediationStep, autonomy_here, other_ways
from gardien.plan.build import build

NO_PASSWORD = {"passwd_status": "cabinet NP 2026-01-05 0 99999 7 -1\n"}
STEP = "mot_de_passe_session"


def test_the_session_password_is_set_by_clicks_first_and_without_help(tmp_path):
    _saved_audit(tmp_path, NO_PASSWORD, "linux")
    step = next(s for s in build().steps if s.id == STEP)
    assert step.who is Autonomy.ALONE and "avec de l'aide" not in step.effort_label, step.effort_label
    texts = [s.text for s in step.how]
    clicks = next(i for i, t in enumerate(texts) if "Paramètres > Utilisateurs" in t and "« Mot de passe »" in t)
    command = next(i for i, s in enumerate(step.how) if s.command == "passwd")
    assert clicks < command and command in other_ways(step.how), texts
    page = " ".join(main_text(logged_in_client().get("/plan").text).split())
    shown = page.split("Mot de passe à l'ouverture de session", 1)[1]
    assert shown.index("cliquez sur la ligne « Mot de passe »") < shown.index("Ou, à la place : La commande, pour la personne qui vous aide"), shown[:1500]
    assert "avec de l'aide" not in shown[:shown.index("Ou, à la place")], shown[:1500]


def test_a_command_that_is_the_only_way_still_needs_help():
    alone = (RemediationStep("Ouvrez un terminal et tapez :", "passwd", "choisit le mot de passe"),)
    assert autonomy_here(Autonomy.ALONE, alone) is Autonomy.WITH_HELP
    two_commands = (RemediationStep("Tapez :", "a", "fait a"), RemediationStep("Ou, dans un terminal :", "b", "fait b"))
    assert autonomy_here(Autonomy.ALONE, two_commands) is Autonomy.WITH_HELP
    other = (RemediationStep("Paramètres > Utilisateurs > Mot de passe."), RemediationStep("Ou, dans un terminal :", "b", "fait b"))
    assert autonomy_here(Autonomy.ALONE, other) is Autonomy.ALONE
