"""The questionnaire says what Gardien has measured of a question, beside it (walkthrough r13, finding 10: the restore
test passed that morning, yet « Avez-vous réussi à restaurer un fichier… ? » came as if Gardien knew nothing, her
« non » then set aside by the plan without a word; « sensibilisées… deux fois par an ? » said nothing of the
training followed in Gardien). The command runs as a real subprocess on a fresh GARDIEN_HOME; the backup history is
hand-written in the format backup/state.py writes (test_plan_backup._backups)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import logged_in_client, visible_text
from test_plan_backup import USB, _ago, _backups

from gardien import fr
from gardien.formation import progress
from gardien.questionnaire.questions import questions
from gardien.store import answers

GARDIEN = shutil.which("gardien", path=str(Path(os.sys.executable).parent)) or "gardien"
PORT = 8771
ORIGIN = {"Origin": f"http://127.0.0.1:{PORT}"}


@pytest.fixture(autouse=True)
def home(isolated_home):
    return isolated_home


def _only_left(question_id: str) -> None:
    """Every question of its theme answered but this one: the command asks only it."""
    theme = next(q.theme for q in questions() if q.id == question_id)
    for question in questions():
        if question.theme == theme and question.id != question_id:
            answers.save(question.id, "oui")


def _questionnaire(home: Path, theme: str, typed: str) -> str:
    done = subprocess.run([GARDIEN, "questionnaire", "--theme", theme], input=typed, capture_output=True, text=True,
                          env={**os.environ, "GARDIEN_HOME": str(home), "COLUMNS": "200"}, timeout=120)
    assert done.returncode == 0, done.stderr
    return " ".join(done.stdout.split())


def test_the_restore_test_gardien_made_is_said_beside_the_question(home):
    when = _ago(hours=1)
    _backups({"disque-1": {"sauvegarde": {"date": when, "appareil": USB}, "verification": {"date": when}}})
    _only_left("restauration_testee")
    said = _questionnaire(home, "donnees", "n\n")
    assert "Avez-vous réussi à restaurer un fichier" in said
    assert "Restauration d'essai réussie sur " in said and f"(vérifié par Gardien le {fr.day(when)})" in said
    assert said.count("Gardien le") == 1 and "D'après Gardien" not in said  # said once (round 14)
    assert "Votre réponse dit le contraire de ce que Gardien a mesuré : le plan suit la mesure de Gardien." in said
    assert answers.current()["restauration_testee"][0] == "non"  # her answer is kept, not overwritten


def test_the_training_followed_in_gardien_is_said_beside_the_team_question(home):
    progress.add_learner("Julien")
    progress.add_learner("Sophie")
    _only_left("sensibilisation_equipe")
    said = _questionnaire(home, "organisation", "o\n")
    assert ("D'après le suivi de la formation dans Gardien : Julien n'a validé aucun module ; Sophie n'a validé "
            "aucun module.") in said


def test_more_than_five_people_are_told_in_numbers_without_zeros(home):
    """Beyond five people the training is told in numbers; it said « dont 0 sans aucun module validé et 0 avec des
    modules à revoir » (failed on main): only what is not zero is said. Hand-made first names."""
    for name in ("Julien", "Sophie", "Inès", "Léa", "Hugo", "Nora"):
        progress.add_learner(name)
    _only_left("sensibilisation_equipe")
    said = _questionnaire(home, "organisation", "o\n")
    assert "6 personnes inscrites : 6 n'ont validé aucun module." in said, said
    assert "dont 0" not in said and " 0 " not in said.split("6 personnes inscrites")[1][:80]


def test_without_a_measure_nothing_is_claimed(home):
    _only_left("restauration_testee")
    said = _questionnaire(home, "donnees", "n\n")
    assert "D'après Gardien" not in said and "mesuré" not in said and "vérifié par Gardien" not in said


def test_on_the_web_page_the_measure_is_beside_the_question_and_a_contradiction_said(home):
    when = _ago(hours=1)
    _backups({"disque-1": {"sauvegarde": {"date": when, "appareil": USB}, "verification": {"date": when}}})
    client = logged_in_client(PORT)
    shown = visible_text(client.get("/questionnaire?question=restauration_testee").text)
    assert "Restauration d'essai réussie sur " in shown and fr.day(when) in shown and "D'après Gardien" not in shown
    answered = visible_text(client.post("/questionnaire/restauration_testee", data={"reponse": "non"}, headers=ORIGIN).text)
    assert "Votre réponse dit le contraire de ce que Gardien a mesuré" in answered
