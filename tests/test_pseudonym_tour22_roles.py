"""Round 22, second part: a town set off after a name or listed beside another place, the patient named by a label
line against a baby met in the same letter, a married or birth name against a relative sharing it. Every letter and
sentence here is fictitious, écrit pour les tests (after an independent reviewer's visit report, not its text)."""

from __future__ import annotations

import pytest

from gardien.pseudonym.engine import pseudonymise
from gardien.pseudonym.reidentify import reidentify

# 1. a town in apposition after a name, closing a bracket or a line, or listed beside another place: a frequent word
# (« Rennes », « Brest », « Tours ») that the model reads as a place was left in clear there


@pytest.mark.parametrize("text, town", [
    ("Joignable à son travail (boulangerie Le Floch, Rennes) le matin.", "Rennes"),
    ("Son compagnon est chauffeur (transports Kerhervé, Tours).", "Tours"),
    ("Elle est caissière (supermarché Leclerc, Brest), en arrêt depuis lundi.", "Brest"),
    ("Employeur : menuiserie Guégan, Nice.\nReprise prévue à six semaines.", "Nice"),
    ("Elle a vécu à Lorient, Brest et Rennes avant de s'installer ici.", "Brest"),
    ("Elle a vécu à Lorient, Brest et Rennes avant de s'installer ici.", "Rennes"),
])
def test_a_town_in_apposition_or_in_a_list_is_masked(text, town):
    assert town not in pseudonymise(text).text


@pytest.mark.parametrize("text", [
    "Elle habite Rennes depuis deux ans, seule avec sa fille.",
    "Originaire de Tours, elle est arrivée en 2024.",
])
def test_a_town_after_a_place_verb_stays_masked(text):
    # guards that passed before: the place verbs already vouch for a frequent word
    result = pseudonymise(text)
    assert "Rennes" not in result.text and "Tours" not in result.text


@pytest.mark.parametrize("text", [
    "Prescrit : Lansinoh, Doliprane.",
    "Sortie prévue (avis de l'équipe, Pédiatrie).",
    "Pas de fièvre, Orange.",
    "Allaitement exclusif, Tours de taille stables.",
])
def test_words_after_a_comma_that_are_no_town_stay(text):
    # guards: a medicine, a service, a word of the terminology, a word starting a clause stay readable
    assert pseudonymise(text).text == text


# 2. the one a label line names is the patient; a baby met in the same letter is somebody else


@pytest.mark.parametrize("text, adult, baby", [
    ("Patiente : LE GALL Maëlle, 29 ans.\nVisite à J4. Bébé Noé tète bien, ictère léger.\nMaëlle est fatiguée.",
     "Maëlle", "Noé"),
    ("Patiente : Mme Inès Caradec, 31 ans, G2P2.\nNouveau-né : Timéo, 3 450 g.\nMme Caradec allaite.",
     "Caradec", "Timéo"),
    ("Patiente : TANGUY Solène\nSuites de couches simples. Bébé Lina, né le 03/11, reprend du poids.",
     "TANGUY", "Lina"),
])
def test_the_labelled_patient_is_the_patient_and_the_baby_another_person(text, adult, baby):
    result = pseudonymise(text)
    placeholder = {text[e.start:e.end]: e.replacement for e in result.entities}
    adult_placeholder = next(p for name, p in placeholder.items() if adult in name)
    baby_placeholder = next(p for name, p in placeholder.items() if baby in name)
    assert adult_placeholder == "[PATIENT_1]", result.text
    assert baby_placeholder != adult_placeholder and not baby_placeholder.startswith("[PATIENT"), result.text


def test_a_child_labelled_as_the_patient_stays_the_patient():
    # guard that passed before: « Enfant : » names the patient in a child's letter
    result = pseudonymise("Enfant : Lou Kerbrat, 4 ans.\nMme Kerbrat accompagne sa fille.")
    assert "Enfant : [PATIENT_1]" in result.text


# 3. a married or birth name is the same person's; a relative bearing it with her own first name is somebody else,
# and putting the names back never gives her somebody else's name


@pytest.mark.parametrize("text, patient, married, relative", [
    ("Patiente : FAVENNEC Gaëlle (épouse MORVAN), 33 ans.\nSa belle-mère, Mme Josiane Morvan, l'aide à la maison.",
     "FAVENNEC Gaëlle", "MORVAN", "Josiane Morvan"),
    ("Patiente : Mme Aurélie PRIGENT épouse LE ROUX, 36 ans.\nSa sœur, Mme Claire Le Roux, est venue.",
     "Aurélie PRIGENT", "ROUX", "Claire Le Roux"),
    ("Patiente : QUÉRÉ Anaïs (née HAMON), 27 ans.\nSa mère, Mme Brigitte Hamon, l'accompagne.",
     "QUÉRÉ Anaïs", "HAMON", "Brigitte Hamon"),
])
def test_a_married_name_is_the_patient_s_and_the_relative_keeps_her_own(text, patient, married, relative):
    result = pseudonymise(text)
    placeholder = {text[e.start:e.end]: e.replacement for e in result.entities}
    married_placeholder = next(p for name, p in placeholder.items() if married in name)
    assert placeholder[patient] == "[PATIENT_1]" == married_placeholder, result.text
    assert placeholder[relative] != "[PATIENT_1]", result.text
    # given back, the relative is named in full, never by the patient's married name alone
    answer = f"Mme {placeholder[relative]} peut aider {placeholder[patient]}."
    restored, _ = reidentify(answer, result.mapping)
    assert relative in restored and patient in restored


def test_a_bare_shared_surname_is_nobody_s_full_name():
    # « boulangerie Legrand » may be the patient's married name or her mother's: its own placeholder, given back as written
    text = ("Patiente : FOURNIER Lénaïg (épouse KERDRAON), 30 ans.\nSa mère, Mme Odile Kerdraon, est présente.\n"
            "Rappeler au travail (crêperie Kerdraon, Quimper).")
    result = pseudonymise(text)
    placeholder = {text[e.start:e.end]: e.replacement for e in result.entities}
    bare = placeholder["Kerdraon"]
    assert bare not in (placeholder["FOURNIER Lénaïg"], placeholder["Odile Kerdraon"]), result.text
    assert reidentify(f"crêperie {bare}", result.mapping)[0] == "crêperie Kerdraon"
    assert "Quimper" not in result.text


def test_a_spouse_named_after_the_patient_is_still_a_relative():
    # guard that passed before: « (épouse) » alone, or « son époux », still says a relative
    result = pseudonymise("Patient : M. Yann Le Bras, 58 ans.\nMme Annie Le Bras (épouse) est présente.")
    assert "Patient : M. [PATIENT_1]" in result.text and "Mme [PERSONNE_1] (épouse)" in result.text, result.text
