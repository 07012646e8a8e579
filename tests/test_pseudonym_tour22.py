"""Round 22 of the pseudonymiser, on hand-written letters (tests/data/lettres_tour22.txt, written for these tests):
brands and devices that no list knows stay readable, a time after a birth is no child's age, a civility stays beside
the placeholder, an establishment named in full is one placeholder."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gardien.pseudonym.engine import pseudonymise

LETTERS = Path(__file__).resolve().parent / "data" / "lettres_tour22.txt"
MARKUP = re.compile(r"\{([A-Z_]+):([^{}]*)\}")


def _letters() -> list[tuple[str, str, list[tuple[int, int, str]]]]:
    """(title, text, spans) of each letter: the {LABEL:text} markup of bench/data/lettres_manuscrites.txt."""
    letters = []
    for chunk in re.split(r"^=== ", LETTERS.read_text(encoding="utf-8"), flags=re.M)[1:]:
        title, _, body = chunk.partition("\n")
        text, spans, cursor = "", [], 0
        for m in MARKUP.finditer(body):
            text += body[cursor:m.start()]
            spans.append((len(text), len(text) + len(m.group(2)), m.group(1)))
            text += m.group(2)
            cursor = m.end()
        letters.append((title, text + body[cursor:], spans))
    return letters


def _masked(result, start: int, end: int) -> set[int]:
    return {i for e in result.entities for i in range(max(start, e.start), min(end, e.end))}


def test_the_letters_are_there():
    letters = _letters()
    assert len(letters) == 12
    assert "écrites pour les tests" in LETTERS.read_text(encoding="utf-8")


@pytest.mark.parametrize("title, text, spans", _letters(), ids=[t for t, _, _ in _letters()])
def test_each_letter_masks_identifiers_and_keeps_clinical_words(title, text, spans):
    result = pseudonymise(text)
    for start, end, label in spans:
        masked = _masked(result, start, end)
        if label == "MED":
            assert not masked, f"{text[start:end]!r} masqué : {result.text}"
        else:
            letters = {i for i in range(start, end) if text[i].isalnum()}
            assert letters <= masked, f"{text[start:end]!r} ({label}) en clair : {result.text}"


def test_an_establishment_of_the_letters_is_one_placeholder():
    # each {HOPITAL:…} of the letters is covered by one entity of the establishment kind, from its first to its last letter
    for _, text, spans in _letters():
        result = pseudonymise(text)
        for start, end, label in spans:
            if label == "HOPITAL":
                whole = [e for e in result.entities if e.start <= start and e.end >= end]
                assert whole and whole[0].label == "ETABLISSEMENT", (text[start:end], result.text)


# products, brands, devices and cosmetics that no installed list knows: what the sentence does with them says so
@pytest.mark.parametrize("text, kept", [
    ("Crevasses bilatérales. Correction de la position, Lansinoh.", "Lansinoh"),
    ("Après correction de la prise du sein : Lansinoh. Revue dans 8 jours.", "Lansinoh"),
    ("Lansinoh en application locale après chaque tétée.", "Lansinoh"),
    ("Mme Roux : Mepilex changé, plaie propre.", "Mepilex"),
    ("Pansement de l'ulcère : Mepilex Border changé tous les trois jours.", "Mepilex Border"),
    ("M. Benhamou : Cicalfate, Dexeryl, bas de contention Sigvaris.", "Cicalfate, Dexeryl"),
    ("Mycose : Gynopevaryl 3 ovules et Cicalfate sur la cicatrice.", "Gynopevaryl"),
    ("Post-partum, Gyno-Pevaryl et Cicalfate.", "Gyno-Pevaryl et Cicalfate"),
    ("Cicatrice : soins locaux, Cicalfate.", "Cicalfate"),
    ("Tire-lait Medela loué à la pharmacie.", "Medela"),
    ("Électrodes Compex posées sur le quadriceps.", "Compex"),
])
def test_an_unknown_product_stays_readable(text, kept):
    result = pseudonymise(text)
    assert kept in result.text, result.text


# guards: a person's name is still masked in the same kinds of sentences
@pytest.mark.parametrize("text, name", [
    ("Soins faits, Kerbrat a appelé.", "Kerbrat"),
    ("Pansement refait avec Kerbrat.", "Kerbrat"),
    ("Correction de la position avec Mme Kerbrat.", "Kerbrat"),
    ("Pansement : Mme Kerbrat, Cicalfate.", "Kerbrat"),
    ("Crevasses : vue par Lavignac.", "Lavignac"),
    ("Conseils donnés à Sophie Lavignac.", "Lavignac"),
    ("Chambre 12 : Kerbrat changée de chambre ce matin.", "Kerbrat"),
    ("Conseils d'allaitement donnés, Quéméneur, 32 ans.", "Quéméneur"),
])
def test_a_person_in_a_care_sentence_is_still_masked(text, name):
    assert name not in pseudonymise(text).text


# a time after a birth, or of a pregnancy, is the mother's, not a child's age: the adult stays one patient
@pytest.mark.parametrize("qualifier", [
    "3 mois post-partum", "2 mois de post-partum", "6 semaines après l'accouchement", "5 jours après la césarienne",
    "28 semaines d'aménorrhée", "7 mois de grossesse", "4 mois après son accouchement",
])
def test_a_time_after_birth_is_no_child_age(qualifier):
    text = f"Je vous adresse Sophie Dupont, {qualifier}, pour rééducation. Mme Dupont se plaint de fuites."
    result = pseudonymise(text)
    assert result.text.count("[PATIENT_1]") == 2, result.text
    assert "[PERSONNE_" not in result.text, result.text


def test_a_child_of_three_months_is_still_a_child():
    # guard: a real age after the name keeps the child apart from the adult met with her civility
    result = pseudonymise("Mme Martin consulte avec son fils. Léo Martin, 3 mois, fièvre depuis hier.")
    assert result.text.startswith("Mme [PERSONNE_1]") and "[PERSONNE_2], 3 mois" in result.text, result.text


# the civility stays readable beside the placeholder, « M. » like « Mme », « Dr », « Pr »
@pytest.mark.parametrize("text, expected", [
    ("Je revois M. Dupont ce jour.", "Je revois M. [PATIENT_1] ce jour."),
    ("M. Jean Dupont est venu.", "M. [PERSONNE_1] est venu."),
    ("Patient : M. Dupont, 45 ans.", "Patient : M. [PATIENT_1], 45 ans."),
    ("Kiné : M. Petit passe lundi.", "Kiné : M. [PERSONNE_1] passe lundi."),
    ("Son mari, M. Karim Rigaud, l'accompagne.", "Son mari, M. [PERSONNE_1], l'accompagne."),
    ("Mme Durand, Mlle Roux, Mr Blanc, Dr Lefèvre et Pr Girard.",
     "Mme [PERSONNE_1], Mlle [PERSONNE_2], Mr [PERSONNE_3], Dr [MEDECIN_1] et Pr [MEDECIN_2]."),
])
def test_the_civility_stays_beside_the_placeholder(text, expected):
    assert pseudonymise(text).text == expected


def test_an_initial_after_a_title_is_masked():
    # guard: after « Dr », « M. » is the initial of a first name, part of the name
    result = pseudonymise("Courrier du Dr M. Dupont.")
    assert result.text == "Courrier du Dr [MEDECIN_1].", result.text


# a practice's trade name (a profession's short word and everyday words) is one establishment, not a person
@pytest.mark.parametrize("text, name", [
    ("Adressée au cabinet Kiné Sport 33 pour rééducation.", "Kiné Sport 33"),
    ("Kiné Sport 33 – bilan initial.", "Kiné Sport 33"),
    ("Suivie chez Ostéo Santé Mérignac depuis mars.", "Ostéo Santé Mérignac"),
    ("Relais par le Cabinet infirmier des Lilas.", "Cabinet infirmier des Lilas"),
    ("Accouchement à la Maternité Sainte-Félicité.", "Maternité Sainte-Félicité"),
])
def test_a_trade_name_is_one_establishment(text, name):
    result = pseudonymise(text)
    entity = next(e for e in result.entities if text[e.start:e.end] == name)
    assert entity.label == "ETABLISSEMENT", result.text


@pytest.mark.parametrize("text, expected", [
    ("Le kiné Julien Moreau la suit.", "Le kiné [PERSONNE_1] la suit."),
    ("Kiné Dupont le lundi.", "Kiné [PERSONNE_1] le lundi."),
])
def test_a_practitioner_after_the_profession_word_is_a_person(text, expected):
    assert pseudonymise(text).text == expected
