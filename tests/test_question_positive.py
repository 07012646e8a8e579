"""Round 24 review: « Gardez-vous tous vos mots de passe sans les noter… ? » read as a double negative (« non » = « I
do not keep them without noting them »). Asked positively now, with the same fact and the same safe « oui »: the
answers stored under its id keep their meaning. Never « or in a password manager » inside the question
(tests/test_registre_truthful.py: « oui » would then say neither)."""

from __future__ import annotations

import re

from gardien.questionnaire.questions import by_id

ID = "pas_de_mot_de_passe_note"  # the key of the stored answers: unchanged


def test_the_password_question_is_asked_without_a_negation():
    question = by_id()[ID].text
    assert not re.search(r"\b(sans|ne|n'|pas|aucun|jamais|ni)\b", question), question
    assert all(word in question for word in ("papier", "carnet", "fichier ordinaire")), question
    assert "gestionnaire" not in question, question


def test_round_24_the_question_does_not_forbid_the_one_paper_the_plan_asks_for():
    # the plan's steps keep one paper, put away (the installation account's password, the vault's phrase); the
    # question said « hors de tout papier » and its step « Ne noter aucun mot de passe sur papier » (second review)
    question = by_id()[ID]
    assert "à portée de vue" in question.text and "en vue" in question.action, (question.text, question.action)
