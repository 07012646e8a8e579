"""The questionnaire in the terminal: how it reads, question after question, and what its end says."""

from __future__ import annotations

from typer.testing import CliRunner

from gardien.cli import app
from gardien.questionnaire.questions import questions
from gardien.store import answers


def test_from_question_10_on_the_lines_under_a_question_stay_aligned_with_its_text():
    """A midwife's walkthrough: from question 10 on, « Pourquoi » started one column left of the question's text
    (failed on main)."""
    shown = CliRunner().invoke(app, ["questionnaire"], input="o\n" * 10 + "q\n")
    assert shown.exit_code == 0, shown.output
    lines = shown.output.splitlines()
    for number in (9, 10):
        at = next(i for i, line in enumerate(lines) if line.startswith(f"{number}. "))
        text_column = len(f"{number}. ")
        why = next(line for line in lines[at + 1:] if "Pourquoi :" in line)
        assert why.index("Pourquoi") == text_column, (lines[at], why)


def test_the_end_of_the_questionnaire_says_a_question_was_skipped_and_how_to_answer_it():
    """A midwife's walkthrough: « Merci : 13 réponses enregistrées » did not say one was skipped (Entrée), when the
    plan then said « 1 question sans réponse » (failed on main)."""
    everything = questions()
    for question in everything[2:]:
        answers.save(question.id, "oui")
    shown = CliRunner().invoke(app, ["questionnaire"], input="\no\n")  # the first one passed, the second answered
    assert shown.exit_code == 0, shown.output
    assert "Merci : 1 réponse enregistrée." in shown.output
    assert "1 question passée, toujours sans réponse : pour y répondre, gardien questionnaire" in shown.output
    assert everything[0].id not in answers.current()
