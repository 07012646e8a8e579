"""`gardien formation` as a real subprocess of the installed command, on a fresh GARDIEN_HOME: learners, a quiz
answered through stdin as a person types it (reading each question before answering), the exercise, certificate and
charter files, and bad input."""

from __future__ import annotations

import os
import re
import select
import shutil
import stat
import subprocess
import time
from pathlib import Path

import pytest

from gardien.formation.content import modules

GARDIEN = shutil.which("gardien", path=str(Path(os.sys.executable).parent)) or "gardien"
pytestmark = pytest.mark.slow


def env(home: Path) -> dict:
    # the terminal finds this gardien (pipx, an activated environment): its commands are written « gardien … »
    path = os.pathsep.join((str(Path(GARDIEN).parent), os.environ.get("PATH", "")))
    return {**os.environ, "GARDIEN_HOME": str(home), "LC_ALL": "C.UTF-8", "PYTHONUNBUFFERED": "1", "PATH": path}


def run(home: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([GARDIEN, "formation", *args], input=stdin, capture_output=True, text=True, env=env(home),
                          timeout=120)


class Conversation:
    """Talks to an interactive command: reads its output up to a prompt, then types an answer."""

    def __init__(self, home: Path, *args: str) -> None:
        self.process = subprocess.Popen([GARDIEN, "formation", *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, env=env(home))
        self.seen = ""

    def until(self, *prompts: str, timeout: float = 60) -> str:
        """Output up to one of `prompts` (or the end); returns what was read since the last call."""
        start, buffer = time.monotonic(), b""
        fd = self.process.stdout.fileno()
        while time.monotonic() - start < timeout:
            text = buffer.decode("utf-8", errors="replace")
            if any(text.endswith(p) for p in prompts):
                break
            ready, _, _ = select.select([fd], [], [], 0.5)
            if ready:
                chunk = os.read(fd, 4096)
                if not chunk:
                    break
                buffer += chunk
        text = buffer.decode("utf-8")
        text = text.replace("\u00a0", " ")  # French no-break spaces read as spaces here
        self.seen += text
        return text

    def type(self, line: str) -> None:
        self.process.stdin.write((line + "\n").encode())
        self.process.stdin.flush()

    def finish(self) -> int:
        self.process.stdin.close()
        self.seen += self.process.stdout.read().decode().replace("\u00a0", " ")
        self.errors = self.process.stderr.read().decode()
        self.process.stdout.close()
        self.process.stderr.close()
        return self.process.wait(60)


def right_number(block: str) -> int:
    """The number of the right answer among the choices printed in `block` (looked up in the installed modules)."""
    shown = re.findall(r"^  (\d)\. (.+)$", block, re.M)
    texts = [text for _, text in shown]
    for question in (q for m in modules() for q in m.questions):
        choices = [c.replace("\u00a0", " ") for c in question.choices]  # the terminal's text was read with spaces
        if set(choices) == set(texts):
            return texts.index(choices[0]) + 1
    raise AssertionError(f"question introuvable : {block}")


@pytest.fixture
def home(tmp_path):
    return tmp_path / "maison"


def test_learners_quiz_certificate_and_charter_from_the_command_line(home, tmp_path):
    empty = run(home)
    assert empty.returncode == 0 and "Personne n'est encore inscrit" in empty.stdout
    no_one = run(home, "quiz", "usb")
    assert no_one.returncode == 2 and "Ajoutez d'abord" in no_one.stderr and "Traceback" not in no_one.stderr
    assert run(home, "ajouter", "Camille").returncode == 0
    assert stat.S_IMODE((home / "formation.json").stat().st_mode) == 0o600
    twice = run(home, "ajouter", "camille")
    assert twice.returncode == 2 and "déjà dans la liste" in twice.stderr
    mail = run(home, "ajouter", "camille@cabinet.fr")
    assert mail.returncode == 2 and "seulement un prénom" in mail.stderr
    listed = run(home, "modules")
    assert listed.returncode == 0 and "tirées parmi" in listed.stdout
    assert "Ingénierie sociale et faux support (6 questions" in listed.stdout  # the French title, then what to type
    assert "pour le suivre, tapez : gardien formation quiz ingenierie_sociale" in listed.stdout
    unknown = run(home, "quiz", "inconnu", "--prenom", "Camille")
    assert unknown.returncode == 2 and "Module inconnu" in unknown.stderr

    talk = Conversation(home, "quiz", "ingenierie_sociale", "--prenom", "camille")
    for number in range(6):
        block = talk.until("Votre réponse : ")
        assert f"Question {number + 1}/6" in block
        talk.type("9")  # out of range: asked again
        assert "Tapez un numéro de 1 à" in talk.until("Votre réponse : ")
        talk.type(str(right_number(block)))
    assert talk.finish() == 0, talk.errors
    assert talk.seen.count("✔ Bonne réponse.") == 6 and "Source :" in talk.seen and "Pourquoi :" in talk.seen
    assert "Résultat : 6/6" in talk.seen and "module validé" in talk.seen

    overview = run(home)
    assert "Ingénierie sociale et faux support : validé" in overview.stdout and "ingenierie_sociale " not in overview.stdout
    assert "1 module validé sur 12" in overview.stdout

    page = tmp_path / "attestation.html"
    written = run(home, "attestation", "Camille", "--fichier", str(page))
    assert written.returncode == 0 and "Ingénierie sociale et faux support" in page.read_text(encoding="utf-8")
    assert run(home, "attestation", "Camille", "--fichier", str(page)).returncode == 2  # never overwritten silently
    charter = tmp_path / "charte.html"
    made = run(home, "charte", "--fichier", str(charter))
    assert made.returncode == 0 and "à compléter à la main" in made.stdout
    assert "Camille" in charter.read_text(encoding="utf-8") and "licence libre Apache 2.0" in charter.read_text(encoding="utf-8")
    assert "CHARTE D'UTILISATION" in run(home, "charte").stdout
    assert run(home, "charte", "--fichier", str(tmp_path / "charte.pdf")).returncode == 2


def test_stopping_a_quiz_midway_counts_nothing(home):
    run(home, "ajouter", "Inès")
    talk = Conversation(home, "quiz", "usb")  # the only learner is chosen
    talk.until("Votre réponse : ")
    talk.type("1")
    talk.until("Votre réponse : ")
    talk.type("q")
    assert talk.finish() == 0 and "cet essai ne compte pas" in talk.seen
    assert "0 module validé sur 12" in run(home).stdout


def test_the_exercise_in_the_terminal(home):
    run(home, "ajouter", "Camille")
    run(home, "ajouter", "Inès")
    talk = Conversation(home, "piege")
    assert "Qui se forme ?" in talk.until("Numéro : ")
    talk.type("2")
    for _ in range(5):
        block = talk.until("Suspect : ")
        assert "écrit par Gardien pour l'exercice" in block and "[ 1] " in block
        talk.type("x")
        assert "Tapez des numéros" in talk.until("Suspect : ")
        talk.type("1 2")
    assert talk.finish() == 0
    assert talk.seen.count("Verdict de l'analyseur de Gardien") == 5 and "Exercice terminé" in talk.seen
    assert "Repérez le piège : 1 exercice" in run(home).stdout
    assert run(home, "retirer", "Inès", "--oui").returncode == 0
    assert "Inès" not in run(home).stdout


def test_a_damaged_tracking_file_gives_a_french_message(home):
    run(home, "ajouter", "Camille")
    (home / "formation.json").write_text("{ coupé", encoding="utf-8")
    broken = run(home)
    assert broken.returncode == 2 and "abîmé" in broken.stderr and "Traceback" not in broken.stderr
    assert (home / "formation.json").read_text(encoding="utf-8") == "{ coupé"


def test_certificate_takes_the_same_prenom_option_as_the_quiz(home):
    """Walkthrough r11: `formation quiz … --prenom Camille` but `formation attestation Camille` only."""
    assert run(home, "ajouter", "Camille").returncode == 0
    by_option = run(home, "attestation", "--prenom", "Camille")
    assert by_option.returncode == 0, by_option.stderr
    assert by_option.stdout == run(home, "attestation", "Camille").stdout
    two = run(home, "attestation", "Camille", "--prenom", "Inès")
    assert two.returncode == 2 and "Deux prénoms" in two.stderr


def test_a_practitioner_alone_takes_a_quiz_without_registering_first(home, tmp_path):
    """Walkthrough round 12, finding 19: « Personne n'est encore inscrit. Ajoutez d'abord chaque personne » stopped a
    nurse working alone before his first quiz. The quiz now asks his first name and registers him; with --prenom on
    an empty list, that person is registered."""
    alone = run(home, "quiz", "usb", stdin="Marc\nq\n")
    assert alone.returncode == 0, alone.stderr
    assert "Votre prénom" in alone.stdout and "Marc, module" in alone.stdout
    assert "Marc" in run(home).stdout  # he is on the list now, his next quiz asks nothing
    named = run(tmp_path / "autre", "quiz", "usb", "--prenom", "Zoé", stdin="q\n")
    assert named.returncode == 0 and "Zoé, module" in named.stdout, named.stderr


def test_a_team_growing_in_formation_outdates_the_answer_that_said_alone(tmp_path):
    """Round 13: she answered « Non concerné » to the team question (alone), then added Camille in Formation: the
    questionnaire kept « vous travaillez sans équipe » and its two settled questions, silently. The answer is now
    said to be contradicted and asked again, and the questions it settled are asked too. Hand-written first names."""
    home = tmp_path / "maison"

    def gardien(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([GARDIEN, *args], capture_output=True, text=True, env=env(home), timeout=120)

    assert gardien("questionnaire", "repondre", "sensibilisation_equipe", "nc").returncode == 0
    assert "non posée" in gardien("questionnaire", "liste").stdout
    assert run(home, "ajouter", "Claire").returncode == 0
    assert "contredit" not in gardien("questionnaire", "liste").stdout  # herself only: still alone
    assert run(home, "ajouter", "Camille").returncode == 0
    listed = gardien("questionnaire", "liste").stdout
    line = next(x for x in listed.splitlines() if x.startswith("sensibilisation_equipe"))
    assert "(contredit par la rubrique « Formation »)" in line, listed
    assert "non posée" not in listed  # the personal accounts and the charter are asked again
    plan = " ".join(gardien("plan").stdout.split())
    assert ("vous avez répondu « Non concerné », mais d'après la rubrique « Formation », 2 personnes y sont inscrites "
            "(Claire et Camille) : revoyez cette réponse") in plan, plan


def test_the_reminders_give_their_source_and_one_frequency(tmp_path):
    """Walkthrough, round 13: « dès l'arrivée, et au plus tard dans les six mois » had no source on the command line
    (the web gave ANS PGSSI-S 1.1.2.1); the web page said « chaque année » on top and « deux fois par an » below."""
    from gardien.core.registry import sources

    assert run(tmp_path, "ajouter", "Camille").returncode == 0
    shown = run(tmp_path)
    assert shown.returncode == 0, shown.stderr
    said = " ".join(shown.stdout.split())
    assert "au plus tard dans les six mois" in said and "1.1.2.1" in said and "deux fois par an" in said, said
    for rule in ("SENS-01", "SENS-02"):
        assert "chaque année" not in sources()[rule].label


def test_newcomers_are_reminded_in_one_line(tmp_path):
    """Walkthrough, round 15: one identical « Rappel : X n'a encore validé aucun module … » per newcomer (failed on
    main)."""
    for name in ("Julien", "Claire"):
        assert run(tmp_path, "ajouter", name).returncode == 0
    shown = run(tmp_path)
    assert shown.returncode == 0, shown.stderr
    said = " ".join(shown.stdout.split())
    assert said.count("Rappel :") == 1 and "Rappel : Julien et Claire n'ont encore validé aucun module" in said, said


def _take_quiz(home, prenom: str, right: bool) -> None:
    talk = Conversation(home, "quiz", "ingenierie_sociale", "--prenom", prenom)
    for _ in range(6):
        block = talk.until("Votre réponse : ")
        good = right_number(block)
        talk.type(str(good if right else (1 if good != 1 else 2)))
    assert talk.finish() == 0, talk.errors


def test_no_certificate_for_training_not_passed(home, tmp_path):
    """Walkthrough r13 (finding 1): Julien failed his only quiz, yet `attestation --fichier` wrote a signable
    « Attestation de sensibilisation ». It is refused, saying what was tried and not passed; once a module is passed,
    the certificate lists it and names the modules not validated."""
    assert run(home, "ajouter", "Julien").returncode == 0
    page = tmp_path / "attestation-julien.html"
    never = run(home, "attestation", "Julien", "--fichier", str(page))
    assert never.returncode == 2 and "aucun module n'est encore validé" in never.stderr and not page.exists()
    _take_quiz(home, "Julien", right=False)
    failed = run(home, "attestation", "Julien", "--fichier", str(page))
    assert failed.returncode == 2 and not page.exists() and "Traceback" not in failed.stderr
    said = failed.stderr.replace("\u00a0", " ")
    assert "Pas d'attestation pour Julien" in said and "aucun module n'est encore validé" in said
    assert "« Ingénierie sociale et faux support » : 0/6, pas validé" in said
    shown = run(home, "attestation", "Julien")  # the progress, and why there is no certificate yet
    assert shown.returncode == 0 and "Pas d'attestation pour Julien" in shown.stdout.replace("\u00a0", " ")

    _take_quiz(home, "Julien", right=True)
    written = run(home, "attestation", "Julien", "--fichier", str(page))
    assert written.returncode == 0, written.stderr
    certificate = re.sub(r"\s+", " ", page.read_text(encoding="utf-8"))
    assert "Ingénierie sociale et faux support</td>" in certificate and "Signature" in certificate
    assert "Pas encore validés (11) :" in certificate and "« Sauvegardes »" in certificate
    assert "Sauvegardes</td>" not in certificate


@pytest.mark.parametrize("first_name", ["Thomas (remplaçant)", "D'Artagnan"])
def test_the_printed_quiz_command_can_be_pasted_in_the_terminal(home, first_name):
    """Walkthrough round 16 (hand-written names; the first is the form the help suggests): « pour le suivre, tapez :
    … --prenom Thomas (remplaçant) » was unquoted, bash answered « syntax error near unexpected token '(' »."""
    added = run(home, "ajouter", first_name)
    assert added.returncode == 0, added.stderr
    command = added.stdout.split("tapez : ", 1)[1].strip()
    pasted = subprocess.run(["bash", "-c", command], input="q\n", capture_output=True, text=True, env=env(home),
                            timeout=120)
    assert pasted.returncode == 0, pasted.stderr
    assert f"{first_name}, module « Mots de passe" in pasted.stdout
    unknown = run(home, "quiz", "usb", "--prenom", first_name.replace("a", "o"))
    suggested = unknown.stderr.split("Pour l'ajouter : ", 1)[1].strip()
    again = subprocess.run(["bash", "-c", suggested], capture_output=True, text=True, env=env(home), timeout=120)
    assert again.returncode == 0 and "fait maintenant partie de la liste" in again.stdout, again.stderr
