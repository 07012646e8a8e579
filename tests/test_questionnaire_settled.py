"""A question an earlier answer settles is not asked (brief « tidy », round 11): she works alone, so the shared
charter is pointless; no Wi-Fi at the practice, so the patients' Wi-Fi is too; no AI tool, so the AI questions are.
The question file says which answer settles which question (« reglee_par »), questions.settled is the one place
that reads it, and the terminal, the web page, the plan and the register all follow it. Changing the earlier answer
reopens the settled questions. Each test here failed on main (no « reglee_par », every question asked)."""

from __future__ import annotations

import re

from conftest import logged_in_client, visible_text
from typer.testing import CliRunner

from gardien.cli import app
from gardien.plan.build import build
from gardien.questionnaire.questions import Answer, by_id, questions
from gardien.registre import measures
from gardien.store import answers

ORIGIN = {"Origin": "http://127.0.0.1:8765"}


def test_the_question_file_says_which_answer_settles_which_question():
    assert by_id()["charte_informatique"].settled_by == "sensibilisation_equipe"
    assert by_id()["wifi_visiteurs"].settled_by == "wifi_cabinet"
    assert {q.id for q in questions() if q.settled_by == "ia_sans_donnees_identifiantes"} == {"ia_verification", "ia_agents"}
    order = [q.id for q in questions()]
    for question in questions():
        if question.settled_by:  # asked after the question that settles it, and « non concerné » fits it
            earlier = by_id()[question.settled_by]
            assert order.index(earlier.id) < order.index(question.id)
            assert question.may_not_concern and earlier.may_not_concern and earlier.not_concerned_means


def test_working_alone_in_the_terminal_the_charter_is_not_asked_and_the_register_says_why():
    # organisation, in file order: registre_traitements, information_patients, sensibilisation_equipe,
    # charte_informatique (settled: not asked), contacts_crise
    shown = CliRunner().invoke(app, ["questionnaire", "--theme", "organisation"], input="o\no\nnc\no\nq\n")
    assert shown.exit_code == 0, shown.output
    assert "Question passée, d'après votre réponse « Non concerné »" in shown.output
    assert "vous travaillez sans équipe" in shown.output
    assert shown.output.count("Votre réponse [") == 5  # the charter's prompt never came
    given = answers.current()
    assert given["charte_informatique"][0] is Answer.NOT_CONCERNED
    assert given["contacts_crise"][0] is Answer.YES  # the « o » went to the next question
    assert "charte_informatique" not in {s.id for s in build().steps}
    found = {m.label: m for m in measures.security_measures()}[by_id()["charte_informatique"].action]
    assert found.state is measures.MeasureState.NOT_CONCERNED and "vous travaillez sans équipe" in found.detail
    listed = CliRunner().invoke(app, ["questionnaire", "liste"]).output
    assert "non posée : vous travaillez sans équipe" in listed


def test_an_answer_to_a_settled_question_is_refused_with_what_to_do():
    answers.save("sensibilisation_equipe", Answer.NOT_CONCERNED)
    refused = CliRunner().invoke(app, ["questionnaire", "repondre", "charte_informatique", "non"])
    said = CliRunner().invoke(app, ["questionnaire", "repondre", "ia_sans_donnees_identifiantes", "nc"]).output
    assert "Puisque vous n'utilisez pas d'outil d'IA, ces questions ne vous seront pas posées" in said
    assert refused.exit_code != 0  # CliRunner: the error itself (the command line prints it and exits with 2)
    said = str(refused.exception)
    assert "ne vous est pas posée" in said and "gardien questionnaire repondre sensibilisation_equipe oui" in said
    assert answers.current()["charte_informatique"][0] is Answer.NOT_CONCERNED


def test_changing_the_earlier_answer_reopens_the_settled_questions():
    from gardien.questionnaire.questions import settled

    answers.save("ia_verification", Answer.NO)  # answered before she said she uses no AI tool
    answers.save("ia_sans_donnees_identifiantes", Answer.NOT_CONCERNED)
    assert set(settled(answers.current())) == {"ia_verification", "ia_agents"}
    assert "ia_verification" not in {s.id for s in build().steps}  # her old « non » no longer counts
    answers.save("ia_sans_donnees_identifiantes", Answer.YES)  # she does use one after all
    given = answers.current()
    assert "ia_verification" not in given and "ia_agents" not in given  # asked again
    asked = CliRunner().invoke(app, ["questionnaire", "--theme", "usages"], input="q\n")
    assert "Vérifiez-vous systématiquement" in asked.output
    answers.save("ia_sans_donnees_identifiantes", Answer.NOT_CONCERNED)
    revised = CliRunner().invoke(app, ["questionnaire", "--tout", "--theme", "usages"], input="q\n").output
    assert "2 questions ne seront pas posées : une réponse précédente les rend sans objet" in revised


def test_on_the_web_page_the_settled_question_is_skipped_and_its_reason_shown():
    client = logged_in_client()
    answered = client.post("/questionnaire/wifi_cabinet", data={"reponse": "nc"}, headers=ORIGIN)
    assert answered.status_code == 200
    text = visible_text(answered.text)
    asked = visible_text(re.search(r'<h2 id="question"[^>]*>(.*?)</h2>', answered.text, re.S).group(1))
    assert asked == by_id()["mobilite"].text  # the patients' Wi-Fi is not the next question
    assert "Puisque le cabinet n'a pas de Wi-Fi, cette question ne vous sera pas posée" in text  # said at once
    assert "d'après votre réponse « Non concerné »" in text  # and beside the settled question in the list of answers
    direct = visible_text(client.get("/questionnaire?question=wifi_visiteurs").text)
    assert "ne vous est pas posée" in direct and "Passer cette question" not in direct
    refused = client.post("/questionnaire/wifi_visiteurs", data={"reponse": "oui"}, headers=ORIGIN)
    said = visible_text(refused.text)
    assert refused.status_code == 400 and "ne vous est pas posée" in said and "gardien questionnaire" not in said
    assert answers.current()["wifi_visiteurs"][0] is Answer.NOT_CONCERNED
