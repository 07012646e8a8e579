"""Pseudonymiser on clinical letters as French practices write them: scores kept, establishments that stop at a
person's civility, and two whole letters. Every text here is hand-written for the tests (fictitious people, numbers
and addresses; the NIR carry a valid key)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from gardien.pseudonym.engine import Options, pseudonymise


def _gardien(args: list[str], home, stdin: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, GARDIEN_HOME=str(home))
    return subprocess.run([sys.executable, "-m", "gardien", *args], input=stdin, capture_output=True, text=True, env=env,
                          timeout=180, check=False)


# hand-written: clinical scores the model or the date rules misread (« Bishop » as a person, triplets as dates)
@pytest.mark.parametrize("text, kept", [
    ("Col mou, Bishop 6/13 ce matin.", "Bishop 6/13"),
    ("Maturation par Propess, Bishop à 7/13 le lendemain.", "Bishop à 7/13"),
    ("Bishop défavorable hier. Bishop à 8 ce soir.", "Bishop à 8"),
    ("À l'arrivée des pompiers, Glasgow 13/15.", "Glasgow 13/15"),
    ("Douleur du périnée, EVA 7/10, EN 4/10 sous paracétamol.", "EVA 7/10, EN 4/10"),
    ("EPDS à 14/30 à la visite du 8e jour.", "EPDS à 14/30"),
    ("Score CHA2DS2-VASc à 3, HAS-BLED à 1.", "CHA2DS2-VASc à 3, HAS-BLED à 1"),
    ("Accouchement à 39 SA + 3 j/7 (39SA+3j), soit 39+3 SA.", "39 SA + 3 j/7 (39SA+3j), soit 39+3 SA"),
])
def test_a_clinical_score_is_kept_whatever_the_model_reads(text, kept):
    result = pseudonymise(text)
    assert kept in result.text, result.text
    assert "[" not in result.text, result.text


# hand-written: Apgar as French birth letters write it (twins J1/J2, minute by minute), with a date beside it
@pytest.mark.parametrize("text, kept", [
    ("Jumeaux nés le 12/03/2025 : Apgar J1 8/9/10, J2 10/10/10.", "Apgar J1 8/9/10, J2 10/10/10"),
    ("Naissance le 12/03/2025, Apgar à 1 min 8, 5 min 10.", "Apgar à 1 min 8, 5 min 10"),
    ("Le 12/03/2025, Apgar 8 à 1 min, 10 à 5 min, 10 à 10 min.", "Apgar 8 à 1 min, 10 à 5 min, 10 à 10 min"),
    ("Apgar (1-5-10 min) : 7-9-10, le 12/03/2025.", "Apgar (1-5-10 min) : 7-9-10"),
    ("APGAR 9/10 à 1 min et 10/10 à 5 min le 12/03/2025.", "APGAR 9/10 à 1 min et 10/10 à 5 min"),
    ("Apgar 10-10-10 pour J1 et 8-9-10 pour J2, nés le 12/03/2025.", "Apgar 10-10-10 pour J1 et 8-9-10 pour J2"),
    ("Apgar : 6 à 1', 8 à 3', 10 à 5' ; naissance le 12/03/2025.", "Apgar : 6 à 1', 8 à 3', 10 à 5'"),
    ("Apgar à M1 8, M5 10, M10 10 le 12/03/2025.", "Apgar à M1 8, M5 10, M10 10"),
])
def test_apgar_in_its_written_forms_is_kept_and_the_date_beside_it_masked(text, kept):
    result = pseudonymise(text)
    assert kept in result.text, result.text
    assert "12/03/2025" not in result.text and "[DATE_1]" in result.text, result.text


def test_a_score_never_hides_a_name_with_a_title_or_a_phone():
    # hand-written: « Norton » is a scale and a surname; « 06 … » is no score value
    result = pseudonymise("M. Norton, tél 06 12 34 56 78. Norton 06 12 34 56 78. Glasgow 15 12/03/2025.")
    assert "Norton" not in result.text and "06 12" not in result.text and "12/03/2025" not in result.text, result.text


# hand-written: establishments written right before the patient, without a comma
@pytest.mark.parametrize("text, establishment", [
    ("Hospitalisée à la Clinique Mutualiste de la Porte de l’Orient Mme Claire Dubois le 3 mars.",
     "Clinique Mutualiste de la Porte de l’Orient"),
    ("Adressée par le Centre Hospitalier de Cornouaille Mme Claire Dubois, sortie le 15/04/2025.",
     "Centre Hospitalier de Cornouaille"),
    ("Transférée à l'Hôpital Saint-Joseph Madame Claire Dubois a été opérée.", "Hôpital Saint-Joseph"),
    ("Vue au CHU de Brest MME Claire DUBOIS, suivie par le Dr Jean Martin.", "CHU de Brest"),
])
def test_a_person_after_an_establishment_is_a_person_of_her_own(text, establishment):
    result = pseudonymise(text, Options(patient_names=["Claire Dubois"]))
    assert not any(word in result.text for word in ("Claire", "Dubois", "DUBOIS")), result.text
    # the re-identification table gives back the establishment alone and the patient alone
    assert result.mapping["[ETABLISSEMENT_1]"] == establishment
    assert result.mapping["[PATIENT_1]"].casefold() == "claire dubois", result.mapping


def test_a_person_after_an_establishment_without_a_typed_name_is_still_a_person():
    result = pseudonymise("Adressée par le Centre Hospitalier de Cornouaille Mme Claire Dubois, sortie le 15/04/2025.")
    assert result.mapping["[ETABLISSEMENT_1]"] == "Centre Hospitalier de Cornouaille"
    assert "Mme [PERSONNE_1]" in result.text and "Claire" not in result.text and "Dubois" not in result.text, result.text


# hand-written: a first name and a surname right after an establishment's own name, with no civility between them
@pytest.mark.parametrize("text, establishment, person", [
    ("Accouchée à la Maternité Sainte-Anne Claire Dubois est rentrée chez elle.", "Maternité Sainte-Anne", "Claire Dubois"),
    ("Reçue à l'Hôpital Louis Mourier Claire Dubois a été perfusée.", "Hôpital Louis Mourier", "Claire Dubois"),
    ("Suivie au CHU de Brest Jean-Yves Le Floch, puis rentré.", "CHU de Brest", "Jean-Yves Le Floch"),
    ("Suivie au CHU de Brest DUBOIS Claire, G2P1.", "CHU de Brest", "DUBOIS Claire"),
    ("Opérée à la Clinique Saint Joseph Paul Martin est sorti.", "Clinique Saint Joseph", "Paul Martin"),
])
def test_a_name_without_civility_after_an_establishment_is_a_person(text, establishment, person):
    result = pseudonymise(text)
    assert result.mapping.get("[ETABLISSEMENT_1]") == establishment, result.mapping
    assert result.mapping.get("[PERSONNE_1]") == person, result.mapping


# hand-written: establishments named after a person keep that person in their name
@pytest.mark.parametrize("text, establishment", [
    ("Opérée à l'Hôpital Européen Georges Pompidou en 2020.", "Hôpital Européen Georges Pompidou"),
    ("Transférée à l'Hôpital Robert Debré pour la suite.", "Hôpital Robert Debré"),
    ("Suivie à la Clinique Mutualiste Jules Verne depuis mars.", "Clinique Mutualiste Jules Verne"),
    ("Adressée par l'Hôpital Privé Jean Mermoz ce matin.", "Hôpital Privé Jean Mermoz"),
])
def test_an_establishment_named_after_a_person_stays_one_establishment(text, establishment):
    result = pseudonymise(text)
    assert result.mapping.get("[ETABLISSEMENT_1]") == establishment, result.mapping
    assert not any(e.label in ("PERSONNE", "PATIENT", "MEDECIN") for e in result.entities), result.entities


# hand-written: « Clinique du Dr Martin » is the doctor's practice: the doctor is masked as the doctor (the same
# [MEDECIN_1] as « le Dr Martin » further on), the word « Clinique » stays, nothing else is taken with them
@pytest.mark.parametrize("text", [
    "Césarienne à la Clinique du Dr MARTIN Pierre à Quimper. Le Dr Martin la revoit à un mois.",
    "Césarienne à la clinique du Docteur Pierre Martin, sans suite. Le Dr Martin la revoit à un mois.",
])
def test_the_clinic_of_a_doctor_masks_the_doctor_as_a_doctor(text):
    result = pseudonymise(text)
    assert "Martin" not in result.text and "MARTIN" not in result.text and "Pierre" not in result.text, result.text
    assert result.text.count("[MEDECIN_1]") == 2 and "[MEDECIN_2]" not in result.text, result.text
    assert "linique du D" in result.text and "la revoit à un mois" in result.text, result.text
    assert not any(e.label in ("ETABLISSEMENT", "LIEU") for e in result.entities), result.entities


def test_an_address_wrapped_at_the_line_end_and_the_next_line_address_are_masked():
    # hand-written: « chemin des⏎Vignes » left « Vignes »; an address on the next line was swallowed and lost
    result = pseudonymise("demeurant 9 chemin des\nVignes, 69260 Charbonnières-les-Bains\nrue d'Alsace\n12 rue de l'Église\n",
                          Options(use_model=False))
    assert "Vignes" not in result.text and "Église" not in result.text and "Alsace" not in result.text, result.text


# hand-written: a sage-femme's post-natal letter to the GP
MIDWIFE_LETTER = """Élodie KERBRAT, sage-femme libérale
8 rue des Hortensias, 29000 Quimper
Tél. 02 98 55 41 27 — elodie.kerbrat@sagefemme-quimper.fr — RPPS 10004567891

Quimper, le 18 avril 2026

Docteur Yann Le Gall
3 place Saint-Corentin, 29000 Quimper

Cher confrère,

Je vous adresse Mme Gwenaëlle Tanguy, née le 14/07/1993 (NIR 2 93 07 29 232 045 83), demeurant 17 allée des Mouettes,
29120 Pont-l'Abbé, tél. 06 71 42 88 19, pour la suite de son suivi post-natal.

Elle a accouché le 2 avril 2026 à la Maternité du Centre Hospitalier de Cornouaille, à 39 SA + 4 j, par voie basse
après maturation par Propess (score de Bishop 3/13 à l'entrée, Bishop à 7/13 le lendemain). Naissance d'une fille,
Apgar 9/10/10, poids de naissance 3420 g.
Hémorragie du post-partum modérée (600 mL) ; Hb à 9,8 g/dL le 4 avril, perfusion de Ferinject 1000 mg.
Traitement de sortie : Tardyferon 80 mg 1 cp par jour pendant 3 mois, Spasfon 80 mg si douleurs, Doliprane 1000 mg
jusqu'à 3 fois par jour. Contraception par Optimizette 75 µg.
À la visite à domicile du 9 avril, EPDS à 11/30 et EVA périnéale 3/10 : je la revois le 23/04/2026.
Allaitement maternel exclusif ; rééducation périnéale prévue à 6 semaines.

Je reste joignable au 02 98 55 41 27.

Bien confraternellement,
Élodie Kerbrat
"""
MIDWIFE_SECRETS = ["Élodie", "KERBRAT", "Kerbrat", "Hortensias", "29000", "Quimper", "02 98 55 41 27", "elodie.kerbrat", "10004567891",
                   "18 avril 2026", "Yann", "Le Gall", "Saint-Corentin", "Gwenaëlle", "Tanguy", "14/07/1993", "2 93 07 29 232 045 83",
                   "Mouettes", "29120", "Pont-l'Abbé", "06 71 42 88 19", "2 avril 2026", "Cornouaille", "4 avril", "9 avril",
                   "23/04/2026"]
MIDWIFE_CLINICAL = ["39 SA + 4 j", "Propess", "score de Bishop 3/13", "Bishop à 7/13", "Apgar 9/10/10", "3420 g", "600 mL",
                    "Hb à 9,8 g/dL", "Ferinject 1000 mg", "Tardyferon 80 mg", "Spasfon 80 mg", "Doliprane 1000 mg",
                    "Optimizette 75 µg", "EPDS à 11/30", "EVA périnéale 3/10", "6 semaines"]

# hand-written: a GP's referral to a cardiologist
GP_LETTER = """Dr Antoine FERRAND
Médecin généraliste, 42 avenue Jean Jaurès, 69007 Lyon
Tél. 04 78 61 23 90 — RPPS 10003456782

Lyon, le 6 mai 2026

Docteur Hélène Marchetti, cardiologue
Clinique du Parc, 155 boulevard Stalingrad, 69006 Lyon

Chère consœur,

Je vous adresse M. Bernard Vasseur, 67 ans, né le 03/11/1958 (NIR 1 58 11 69 383 112 18), demeurant 9 chemin des
Vignes, 69260 Charbonnières-les-Bains, tél. 06 14 52 37 80, pour avis sur une fibrillation atriale découverte le
28 avril 2026.

Antécédents : HTA depuis 2012, diabète de type 2, dyslipidémie. Tabagisme sevré.
Traitement : Ramipril 5 mg le matin, Amlodipine 5 mg le soir, Metformine 1000 mg matin et soir, Atorvastatine 20 mg.
Depuis le 28/04/2026 : Eliquis 5 mg deux fois par jour et Bisoprolol 2,5 mg le matin.
Score CHA2DS2-VASc à 3, HAS-BLED à 1. EVA thoracique 2/10 à l'effort.

Bilan du 30/04/2026 :
Créatinine : 98 µmol/L
Kaliémie : 4,3 mmol/L
HbA1c : 7,2 %
TSH : 1,85 mUI/L
NT-proBNP : 412 ng/L

ECG : fibrillation atriale à 96/min. PA 148/86 mmHg au cabinet.
Son épouse, Mme Chantal Vasseur, l'accompagnera. Vous pouvez me joindre au 04 78 61 23 90.

Bien confraternellement,
Dr Antoine Ferrand
"""
GP_SECRETS = ["Antoine", "FERRAND", "Ferrand", "Jean Jaurès", "69007", "Lyon", "04 78 61 23 90", "10003456782", "6 mai 2026", "Hélène",
              "Marchetti", "Clinique du Parc", "Stalingrad", "69006", "Bernard", "Vasseur", "03/11/1958", "1 58 11 69 383 112 18",
              "Vignes", "69260", "Charbonnières", "06 14 52 37 80", "28 avril 2026", "28/04/2026", "30/04/2026", "Chantal"]
GP_CLINICAL = ["67 ans", "fibrillation atriale", "diabète de type 2", "Ramipril 5 mg", "Amlodipine 5 mg", "Metformine 1000 mg",
               "Atorvastatine 20 mg", "Eliquis 5 mg", "Bisoprolol 2,5 mg", "CHA2DS2-VASc à 3", "HAS-BLED à 1", "EVA thoracique 2/10",
               "Créatinine : 98 µmol/L", "Kaliémie : 4,3 mmol/L", "HbA1c : 7,2 %", "TSH : 1,85 mUI/L", "NT-proBNP : 412 ng/L",
               "96/min", "148/86 mmHg"]


@pytest.mark.parametrize("letter, secrets, clinical, patient", [
    (MIDWIFE_LETTER, MIDWIFE_SECRETS, MIDWIFE_CLINICAL, "Gwenaëlle Tanguy"),
    (GP_LETTER, GP_SECRETS, GP_CLINICAL, "Bernard Vasseur"),
], ids=["sage-femme", "generaliste"])
def test_a_whole_letter_loses_every_identifier_and_keeps_every_clinical_value(isolated_home, letter, secrets, clinical, patient):
    done = _gardien(["pseudonymiser", "--nom", patient, "--json", "-"], isolated_home, letter)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)["text"]
    leaked = [s for s in secrets if s in out]
    assert not leaked, out
    lost = [c for c in clinical if c not in out]
    assert not lost, out
    assert "[PATIENT_1]" in out


# hand-written (round 10, after reading the even half of letters written blind): a town after an address and a dash
@pytest.mark.parametrize("text, town", [
    ("M. Kerjean, 12 rue Haute, Vitré — 02 99 74 10 20", "Vitré"),
    ("Domicile : 4 chemin des Prés, Cluny - tél. 03 85 59 10 20", "Cluny"),
])
def test_a_town_after_an_address_and_a_dash_is_masked(text, town):
    result = pseudonymise(text)
    assert town not in result.text, result.text


# hand-written: a newborn's first name told right after « un garçon », « une fille », « bébé » or « prénommé »,
# also when it is a word as well (« Ethan », « Adam » are in the list of frequent words, not in the first names)
@pytest.mark.parametrize("text, name", [
    ("Elle a donné naissance à un garçon, Ethan, 3 380 g, à 40 SA.", "Ethan"),
    ("Césarienne pour un garçon, Adam, 3 800 g, puis suites simples.", "Adam"),
    ("Sortie avec sa fille prénommée Eden ; allaitement mixte.", "Eden"),
])
def test_a_newborn_s_first_name_after_garcon_or_fille_is_masked(text, name):
    result = pseudonymise(text)
    assert name not in result.text, result.text


# hand-written: a unit or a measured value is never the start or the end of a name or a place
@pytest.mark.parametrize("text, kept", [
    ("Elle a eu un petit garçon prénommé Sacha, 3 400 g.", "3 400 g."),
    ("Induction par Oxytocine 5 UI. Déchirure du 2e degré.", "Oxytocine 5 UI. Déchirure du 2e degré."),
])
def test_a_measured_value_is_no_part_of_a_name(text, kept):
    result = pseudonymise(text)
    assert kept in result.text, result.text


# hand-written: a stage in roman numerals is no surname (« NYHA III », « stade II »)
@pytest.mark.parametrize("text", ["Dyspnée stade NYHA III. Pas de souffle.", "Insuffisance cardiaque NYHA II, stable."])
def test_a_stage_in_roman_numerals_is_no_name(text):
    assert pseudonymise(text).text == text


# hand-written: an eponym named once with its head (« signe de Lasègue ») is the same sign when written alone in the
# same text; heads written without « de » (« méthode Mézières ») and « de l' » (« test de l'Alouette »)
@pytest.mark.parametrize("text", [
    "Signe de Lasègue à 30° à droite. Au contrôle, Lasègue négatif.",
    "Indice de Schober initial 10 + 1 cm ; en fin de prise en charge, Schober 10 + 4 cm.",
    "Score d'Oswestry à 40 %, puis Oswestry à 12 % en fin de prise en charge.",
    "Rééducation selon la méthode Mézières puis la méthode McKenzie.",
    "Passation du test de l'Alouette-R et de la figure de Rey.",
])
def test_an_eponym_stays_whatever_its_form_in_the_letter(text):
    assert pseudonymise(text).text == text


def test_an_eponym_does_not_cover_the_person_who_bears_the_name():
    # hand-written: the same word with a title is a person, and stays one everywhere
    result = pseudonymise("Signe de Lasègue positif. Mme Lasègue, sa mère, l'accompagne ; Lasègue est sa fille.")
    assert "Signe de Lasègue positif" in result.text and "Mme Lasègue" not in result.text, result.text


# hand-written: « nouveau-né » is no place verb, and « Rh » no town
def test_a_newborn_s_rhesus_is_no_place():
    text = "Mère O négatif, nouveau-né Rh positif : injection prévue."
    result = pseudonymise(text)
    assert "nouveau-né Rh positif" in result.text, result.text


# hand-written: lab tests that the model read as places (added to the hand-written list of analyses)
@pytest.mark.parametrize("text", [
    "Calprotectine fécale très élevée ce mois-ci.\nQuantiferon négatif, sérologies normales.",
    "Avant la biothérapie : Quantiferon, sérologies VHB et VHC.\nCalprotectine à contrôler dans un mois.",
])
def test_lab_tests_are_no_places(text):
    assert pseudonymise(text).text == text


# hand-written: a blood group after « mère », « conjoint », « patiente » is no initial of a name
@pytest.mark.parametrize("text", [
    "Mère O négatif, enfant A positif.",
    "Groupe sanguin : O Rh+ ; conjoint A Rh-.",
    "Patiente B négatif, RAI négatives.",
    "Mère AB positif, père O rhésus négatif.",
])
def test_a_blood_group_is_no_name(text):
    assert pseudonymise(text).text == text


# hand-written: a generic drug followed by its laboratory's name and its dose is one drug, never a person or a place
@pytest.mark.parametrize("text", [
    "Cyanocobalamine Gerda 1000 µg/4 ml, une ampoule par semaine.",
    "Oméprazole Sandoz 20 mg le matin.",
    "Lévothyroxine Viatris 50 µg à jeun.",
    "Vitamine B12 Gerda 1000 µg en intramusculaire.",
])
def test_a_drug_with_its_laboratory_and_dose_stays(text):
    assert pseudonymise(text).text == text


def test_a_person_before_a_dose_is_still_a_person():
    # hand-written: a name with a title, or not after a drug, stays masked even before a measured value
    result = pseudonymise("Mme Sandoz 62 kg, vue avec Julie Viatris 1 m 65.")
    assert "Sandoz" not in result.text and "Viatris" not in result.text, result.text


# hand-written (round 11): a capitalised word that no list knows, read by the model as a person or a place, is a
# product when a treatment word stands before it (« prendre », « compression par », « application de », « au » after
# a care verb) or a dose or a form follows it (« 1 dose », « 3/0 » for a suture thread); the same word stays visible
# elsewhere in the letter
@pytest.mark.parametrize("text", [
    "Elle peut prendre Castor equi pour les crevasses.",
    "Compression par Biflex jusqu'au genou pendant un mois.",
    "Elle met du Purelan après les tétées. Purelan bien toléré.",
    "Vitamine D Zyma 1 dose par trimestre.",
    "Déchirure périnéale du 1er degré suturée au Vicryl Rapide 3/0.",
    "Plaie fermée au Monocryl 4/0, pansement gras.",
    "Elle prend de l'Oméprazole Biogaran le matin.",
])
def test_a_product_after_a_treatment_word_or_before_a_dose_stays(text):
    assert pseudonymise(text).text == text


# hand-written (round 11): an eponymous test written alone and followed by its result (« Romberg négatif »)
@pytest.mark.parametrize("text", [
    "Romberg négatif, pas de nystagmus.",
    "Lachman positif à droite, tiroir antérieur.",
    "Coombs direct positif chez le nouveau-né.",
    "Kleihauer négatif après le choc.",
])
def test_an_eponymous_test_followed_by_its_result_stays(text):
    assert pseudonymise(text).text == text


# hand-written (round 11): the treatment context never hides a person with a civility or a first name, nor a town
# after a place verb
def test_a_person_or_a_town_in_a_treatment_context_is_still_masked():
    result = pseudonymise("Prise en charge par Mme Biflex, puis relais par M. Romberg. Vue avec Julie Castor, négatif au test. "
                          "Née au Mans, elle habite au Havre.")
    for word in ("Biflex", "Romberg", "Julie", "Castor", "Mans", "Havre"):
        assert word not in result.text, result.text


# hand-written (round 11): the head of a letter from a practice is no person; the midwife named after it is one
@pytest.mark.parametrize("text, kept, hidden", [
    ("Cabinet de sage-femme\n12 rue des Lilas", "Cabinet de sage-femme", ""),
    ("Cabinet de sage-femme Claire Dubois\nConsultation du jour", "Cabinet de sage-femme", "Dubois"),
])
def test_a_practice_heading_is_no_person(text, kept, hidden):
    result = pseudonymise(text)
    assert kept in result.text, result.text
    assert not hidden or hidden not in result.text, result.text


# hand-written (round 11): first names given to children today, some of them words as well (« Jade », « Léo »)
@pytest.mark.parametrize("text, hidden", [
    ("Consultation pour Nathan, 4 ans, et sa sœur Jade.", ("Nathan", "Jade")),
    ("Il est venu avec Léo et Lou, ses deux frères.", ("Léo", "Lou")),
    ("Sortie avec Noah et Ethan, jumeaux.", ("Noah", "Ethan")),
])
def test_first_names_of_today_s_children_are_masked(text, hidden):
    result = pseudonymise(text)
    for name in hidden:
        assert name not in result.text, result.text


# hand-written (round 11): eponyms with a head in the plural and two names joined (« manœuvres d'Ortolani et de
# Barlow »), a test's doubtful result, an index's value, a grade; a product after what it is sold as
@pytest.mark.parametrize("text", [
    "Examen de sortie normal, manœuvres d'Ortolani et de Barlow négatives.",
    "Au mollet gauche, Homans douteux, écho-Doppler prévu.",
    "Distance doigts-sol 32 cm, Schober 10+3, puis Schober 10+4,5.",
    "Biopsie des glandes salivaires Chisholm grade 4.",
    "Traitement : larmes artificielles Hylo-Comod.",
    "Équilibre : Berg à 45/56, Tinetti 20/28.",
    "Réaction de Bordet-Wassermann négative.",
])
def test_eponyms_results_and_products_in_their_written_forms_stay(text):
    assert pseudonymise(text).text == text


# hand-written (round 11): identifiers in forms the rules missed
@pytest.mark.parametrize("text, hidden", [
    ("Bébé : Jade, 3 100 g, tète bien.", "Jade"),  # a first name after a role and its colon
    ("Merci pour ton avis.\n\nBises,\nMarine\n\n> Ok pour moi.", "Marine"),  # a signature under a closing
    ("Je la vois jeudi 05/06 pour la TSH.", "05/06"),  # a day and a month after a weekday
    ("Adressée par la Clinique mutualiste Saint-Jean.", "Saint-Jean"),  # an adjective after the head
    ("Copie : Dr Pierre-Yves Rose, Lorient\n", "Lorient"),  # a town after a doctor's name
])
def test_identifiers_in_forms_the_rules_missed_are_masked(text, hidden):
    result = pseudonymise(text)
    assert hidden not in result.text, result.text


# hand-written (round 11): an abbreviation of the notes after a family word is no pair of initials; a son's father,
# initials with their dots and a doctor's specialty after his name keep their reading
def test_a_note_abbreviation_after_a_title_is_no_initial_and_names_keep_theirs():
    assert pseudonymise("Mère : TA 128/82, pouls 76.").text == "Mère : TA 128/82, pouls 76."
    result = pseudonymise("Le fils de Martin est venu. Vue par Mme D. puis Ph. ROCHE.\nCopie : Dr Jean Morel, Cardiologue\n")
    for word in ("Martin", "D.", "ROCHE", "Morel"):
        assert word not in result.text, result.text
    assert "[VILLE" not in result.text, result.text


# hand-written (round 11): a product named in a list beside a drug of the terminology or a dose (« Voltarène ou
# Advil », « la Lamaline et le Purelan ») or after « soins à la »; people listed after a title stay people
@pytest.mark.parametrize("text", [
    "Tu pensais à du Zoloft ? Plutôt que le Deroxat.",
    "Traitement : Kardegic 160 mg, Plavix, Bizarrex et Zoloft.",
    "Elle a arrêté la Lamaline et le Purelan.",
    "Plaie propre, soins à la Biseptine, Cicalfate ensuite.",
])
def test_a_product_listed_beside_a_drug_stays(text):
    assert pseudonymise(text).text == text


def test_people_listed_after_a_title_stay_people():
    # hand-written
    result = pseudonymise("Vue avec Mme Durand, Martin et Julie.\nDoliprane, puis Dupont le lendemain. Vu par Lebreton 5/10.")
    for word in ("Durand", "Martin", "Julie", "Dupont", "Lebreton"):
        assert word not in result.text, result.text
    assert "[VILLE" not in result.text, result.text


# hand-written (round 11): a product after a treatment heading, first on the list's lines under it, after a
# possessive (« son Castor »), or before its route (« IV »)
@pytest.mark.parametrize("text", [
    "Contraception : Bizarrex à débuter à J21.",
    "Traitement de sortie :\n- Bizarrex\n- Lansinoh si crevasses\n",
    "Elle a arrêté son Castor toute seule. Il a repris son Bizarrex.",
    "Puis Bizarrex IV en salle. En salle, Castor IV lent.",
])
def test_a_product_under_a_treatment_heading_or_before_its_route_stays(text):
    assert pseudonymise(text).text == text


def test_a_person_under_a_heading_or_a_list_keeps_her_title():
    # hand-written: the heading and the list make a product of a word without a title only
    result = pseudonymise("Traitement : Dr Castor\nTraitement de sortie :\n- Mme Bizarrex\n- Julie Lansinoh\n")
    for word in ("Castor", "Bizarrex", "Lansinoh", "Julie"):
        assert word not in result.text, result.text


# hand-written (round 12): a record number after its label, whatever the label's words and the number's grouping
@pytest.mark.parametrize("text, number", [
    ("N° d'admission : 26 004 512", "004 512"),
    ("n° patient : P 458 877", "458 877"),
    ("Réf. dossier : MAT/2026/0451", "0451"),
    ("N° de prélèvement 26 031 4587", "031 4587"),
    ("N° Dossier maternité 2026 0451", "2026 0451"),
    ("N° de demande : 2603-0451", "2603-0451"),
    ("Dossier labo n° 26-031-458", "031-458"),
])
def test_a_record_number_after_its_label_is_masked(text, number):
    result = pseudonymise(text)
    assert number not in result.text, result.text


# hand-written (round 12): numbers after « n° » that identify nobody stay
@pytest.mark.parametrize("text", [
    "Chambre n° 12, lit 2.",
    "Vaccin ROR dose n° 2 faite.",
    "Sonde n° 8 posée.",
])
def test_a_small_number_after_n_is_no_record(text):
    assert pseudonymise(text).text == text


# hand-written (round 12): an unknown capitalised word after « avec » in a care plan is the person seen
@pytest.mark.parametrize("text", [
    "Rendez-vous avec Durand à 15 h pour le pansement.",
    "Revue avec Lebrun la semaine prochaine.",
    "RDV avec Kerjean jeudi.",
])
def test_a_name_after_avec_in_a_care_plan_is_masked(text):
    result = pseudonymise(text)
    assert "[PERSONNE_1]" in result.text, result.text


def test_a_product_or_a_word_after_avec_stays():
    # hand-written
    for text in ("Rendez-vous avec Doliprane si fièvre.", "Soins avec Biseptine puis Cicalfate.", "Rendez-vous avec Internet."):
        assert pseudonymise(text).text == text, text


# hand-written (round 12): a town written without its hyphens is taken whole, after « de » and in a hospital's name
@pytest.mark.parametrize("text, rest", [
    ("Originaire de Nogent sous Marne, elle consulte.", "Marne"),
    ("Hôpital de Nogent sous Marne", "Marne"),
    ("Suivie au CMP de Nogent sous Marne.", "Marne"),
])
def test_a_town_without_hyphens_is_taken_whole(text, rest):
    result = pseudonymise(text)
    assert rest not in result.text, result.text


def test_a_town_keeps_the_service_after_it():
    # hand-written: « en Réanimation » is a service, not the end of a town's name
    result = pseudonymise("Transférée à Nogent en Réanimation.")
    assert "en Réanimation" in result.text and "Nogent" not in result.text, result.text


# hand-written (round 12): a common noun of the body or of care at a sentence or line start is no person
@pytest.mark.parametrize("text", [
    "Mollet souple. Pas de signe de phlébite.",
    "Attelle retirée. Cicatrice propre.",
    "Examen ce jour.\nAttelle en place. Mollet souple.",
])
def test_a_common_noun_at_a_sentence_start_stays(text):
    assert pseudonymise(text).text == text


def test_a_surname_at_a_sentence_start_with_a_title_elsewhere_stays_masked():
    # hand-written: the title once is enough for the other mentions
    result = pseudonymise("Vue ce jour Mme Fontaine. Fontaine va mieux.")
    assert "Fontaine" not in result.text, result.text


# hand-written (round 12): a product named alone, told by its use around it (where it goes on the body, when it is
# applied, how often)
@pytest.mark.parametrize("text", [
    "Purelan après les tétées, position corrigée.",
    "Lansinoh sur les crevasses matin et soir.",
    "Conseils : Mepilex sur la plaie, changé tous les 3 jours.",
    "Bépanthen sur le siège à chaque change.",
])
def test_a_product_told_by_its_use_stays(text):
    assert pseudonymise(text).text == text


def test_a_person_with_a_first_name_or_a_title_stays_a_person_before_a_use():
    # hand-written
    result = pseudonymise("Mme Purelan après les tétées. Julie Lansinoh sur les crevasses.")
    for word in ("Purelan", "Lansinoh", "Julie"):
        assert word not in result.text, result.text


def test_a_frequent_surname_at_a_sentence_start_stays_masked():
    # hand-written: « Dupont » is in the model's nouns, but a frequent surname is no common noun here
    result = pseudonymise("Dupont revue ce jour.")
    assert "Dupont" not in result.text, result.text


# hand-written (round 12, after reading the third blind batch's even letters): identifiers the rules missed
@pytest.mark.parametrize("text, hidden, kept", [
    ("IPP : 5512 308    NDA 8842 1177 05\n", ("5512", "308", "8842", "1177", "05"), "NDA"),  # two numbers, one line
    ("Pesée jeudi (PMI de Fontenay), puis CMPP de Vincennes.", ("PMI", "Fontenay", "CMPP", "Vincennes"), "Pesée"),  # initials
    ("Mme Roux\n3 allée des Pins\n84100 Orange\n", ("Orange",), "allée" and "Mme"),  # a town that is a word of medicine
    ("Opérée à la Clinique des Lilas (Montauban) en mai.", ("Montauban",), "Opérée"),  # a town in brackets
    ("Équipe de la Maternité Saint-Roch, Cavaillon\n\nVue ce jour.", ("Cavaillon",), "Équipe"),  # after a comma
    ("Salut Marc,\nJe t'écris pour la suite.", ("Marc",), "Salut"),  # a greeting is no name
    ("Écho faite par le Dr Anne Morel : LCN 45 mm.", ("Anne", "Morel"), "LCN 45 mm"),  # a colon ends a doctor's name
])
def test_identifiers_of_the_third_batch_forms_are_masked(text, hidden, kept):
    result = pseudonymise(text)
    for word in hidden:
        assert word not in result.text, result.text
    assert kept in result.text, result.text


# hand-written (round 12, after reading the third blind batch's even letters): medicine the pseudonymiser masked
@pytest.mark.parametrize("text", [
    "Lochies rouges, peu abondantes.\nMollets souples.",  # plural common nouns at a line start
    "Gerçure à gauche, conseil Bizarrex et coquilles d'allaitement Medela.",  # advice, what a device is sold as
    "Conseils : compresses d'eau, Purelan, coquilles Medela.",  # a list's item told by the form of the next one
    "Parkinson débutant, stade 2 de Hoehn et Yahr.",  # a stage's number before « de »
    "Attelle Zimmer gardée la nuit.",  # a device's head written bare before its name
    "Travail des sons avec les gestes Borel-Maisonny.",
    "Maladie de Crohn calme (Harvey-Bradshaw 4).",  # a scale's value closing a bracket
    "Syntaxe à -1,5 ET à l'EXALang 5-8.",  # a test and the ages it is for
])
def test_medicine_of_the_third_batch_forms_stays(text):
    assert pseudonymise(text).text == text


def test_the_words_around_a_name_the_model_took_stay():
    # hand-written: the model's person runs over the words of the sentence around the name
    result = pseudonymise("Son mari Thomas bosse de nuit. C'est la dame de Sucy que tu connais.")
    assert "Thomas" not in result.text and "bosse de nuit" in result.text and "la dame" in result.text, result.text


# hand-written (round 12): the end of a record number is no postcode, an exam joined to its abbreviation no place, the
# word « Bébé » before a newborn's name no part of it
@pytest.mark.parametrize("text, kept, hidden", [
    ("Réf. n° ABC-2024-01234\n\nCher confrère,\nJe vous adresse.", "Cher confrère", "01234"),
    ("Pas de plainte.\nEntéro-IRM prévue.", "Entéro-IRM prévue", None),
    ("Bébé Léa Martin, née ce matin.", "Bébé", "Léa"),
])
def test_words_beside_identifiers_stay(text, kept, hidden):
    result = pseudonymise(text)
    assert kept in result.text, result.text
    assert hidden is None or hidden not in result.text, result.text


def test_the_building_and_flat_after_an_address_are_part_of_it():
    # hand-written (round 12)
    result = pseudonymise("Résidence du Parc, bât. B, appt 12\nLe bâtiment C de l'hôpital est fermé.")
    assert result.text == "[ADRESSE_1]\nLe bâtiment C de l'hôpital est fermé.", result.text


def test_round_12_a_home_care_note_keeps_its_brackets_and_its_bandage_and_hides_the_door_code():
    """Walkthrough round 12 (a nurse's hand-written transmission): « (06 … » lost its bracket, « bande Biflex » became
    a place, « digicode 4512B » went to the AI as it was."""
    text = ("Mme Jeanne Morel, 12 rue des Tilleuls, 44000 Nantes (digicode 4512B, 2e étage).\n"
            "Pansement : détersion, Urgotul, bande Biflex, réfection tous les 2 jours.\n"
            "Sa fille, Claire Morel-Dubois (06 12 34 56 78, claire.dubois@gmail.com), passe le soir.")
    result = pseudonymise(text).text
    assert "4512B" not in result and "(digicode [CODE_ACCES_1], 2e étage)" in result
    assert "bande Biflex" in result
    assert "([TEL_1], [EMAIL_1])" in result
    assert "+33 (0)6 12 34 56 78" not in pseudonymise("Joignable au +33 (0)6 12 34 56 78.").text
    assert "code portail : [CODE_ACCES_1]" in pseudonymise("Entrée par le jardin, code portail : 1979.").text
    assert "code de la Sécurité sociale" in pseudonymise("Article L162 du code de la Sécurité sociale.").text


def test_every_placeholder_label_is_read_back():
    from gardien.pseudonym import reidentify
    from gardien.pseudonym.engine import LABEL_NAMES

    assert set(LABEL_NAMES) - {"AGE"} <= set(reidentify.LABELS)


# Round 14, hand-written: a first name that is also in edsnlp's drug list (« Jasmine », a contraceptive pill) is a
# person when a person context says so, and only then
@pytest.mark.parametrize("text", [
    "Consultation avec sa fille Jasmine, 8 ans, pour une otite.",
    "Mme Morel et sa fille Jasmine sont venues ce jour.",
    "Mme Jasmine Morel, 32 ans. Revue ce jour, Jasmine va mieux.",
    "Jasmine Morel, vue en janvier. Ce jour, Jasmine ne tousse plus.",
])
def test_a_first_name_in_the_drug_list_is_a_person_in_a_person_context(text):
    result = pseudonymise(text)
    assert "Jasmine" not in result.text, result.text


@pytest.mark.parametrize("text", [
    "Contraception par pilule Jasmine 1 cp par jour.",
    "Elle prend Jasmine depuis deux ans, bien tolérée.",
])
def test_the_same_word_without_a_person_context_stays_a_drug(text):
    result = pseudonymise(text)
    assert "Jasmine" in result.text, result.text


# Round 14, hand-written: an eponym written alone, without the head noun that says « maladie de » or « signe de »
# (edsnlp ships no list of clinical signs; its CIM-10 labels already give « Crohn », « Parkinson »)
@pytest.mark.parametrize("text, kept", [
    ("Hanches stables (Ortolani et Barlow négatifs).", "Ortolani et Barlow négatifs"),
    ("Raideur méningée : Kernig et Brudzinski négatifs.", "Kernig et Brudzinski négatifs"),
    ("Lasègue à 40° à droite, pas de déficit.", "Lasègue à 40°"),
    ("Guthrie réalisé ce matin, résultats attendus.", "Guthrie réalisé"),
    ("Suivi pour une séquence de Pierre Robin opérée à 10 mois.", "séquence de Pierre Robin"),
    ("Bilan d'une malformation d'Arnold-Chiari.", "malformation d'Arnold-Chiari"),
    ("Crohn iléal, Parkinson évolué.", "Crohn iléal, Parkinson évolué"),
])
def test_an_eponym_written_alone_stays(text, kept):
    result = pseudonymise(text)
    assert kept in result.text, result.text


@pytest.mark.parametrize("text, hidden", [
    ("Vue avec Mme Ortolani et M. Barlow, négatifs pour la covid.", "Ortolani"),
    ("Revue de Jeanne Martin et Paul Durand négatifs au test.", "Martin"),
    ("Dossier réalisé par Mme Guthrie ce matin.", "Guthrie"),
    ("Vue avec Lucas Robin, son fils.", "Robin"),
])
def test_a_person_beside_the_same_words_stays_masked(text, hidden):
    result = pseudonymise(text)
    assert hidden not in result.text, result.text


# Round 14, hand-written: an adjective of the examination at a sentence's start (the French model's adjective table)
@pytest.mark.parametrize("text", [
    "Apyrétique. Eupnéique. Bon état général.",
    "Stable. Indolore.",
])
def test_an_adjective_at_a_sentence_start_stays(text):
    result = pseudonymise(text)
    assert result.text == text, result.text


def test_a_surname_at_a_sentence_start_stays_masked_beside_adjectives():
    # hand-written guard: a frequent surname is no adjective, whatever the table says of its word
    result = pseudonymise("Apyrétique. Dupont revue ce jour, eupnéique.")
    assert "Dupont" not in result.text and "Apyrétique" in result.text, result.text


# Round 14, hand-written: a town and a person joined by « et » are two findings, not one town
@pytest.mark.parametrize("text", [
    "Vue à Lyon et Durand l'a rappelée.",
    "Elle habite Lyon et Martin la suit depuis 2020.",
])
def test_a_town_and_a_person_joined_by_and_are_masked_apart(text):
    result = pseudonymise(text)
    assert "Lyon" not in result.text and "Durand" not in result.text and "Martin" not in result.text, result.text
    assert " et " in result.text, result.text
    assert {"VILLE", "PERSONNE"} <= {e.label for e in result.entities}, result.text


def test_a_department_written_with_and_stays_one_place():
    # hand-written guard: « Seine et Marne » is one place, its second word is no person
    result = pseudonymise("Elle habite en Seine et Marne depuis 2020.")
    assert "Seine" not in result.text and "Marne" not in result.text and " et " not in result.text, result.text


# Round 15, hand-written: a pain scale written with a zero before its value (« EVA 03/10 ») is a score, neither a
# person « EVA » nor a date « 03/10 »
@pytest.mark.parametrize("text, kept", [
    ("Douleur lombaire, EVA 03/10 ce matin.", "EVA 03/10"),
    ("Douleur du périnée EVA 05/10, EN 04/10 sous paracétamol.", "EVA 05/10, EN 04/10"),
    ("Lombalgie cotée EVA 3/10 au repos.", "EVA 3/10"),
])
def test_a_pain_scale_with_a_zero_before_its_value_stays(text, kept):
    result = pseudonymise(text)
    assert kept in result.text, result.text
    assert "[" not in result.text, result.text


@pytest.mark.parametrize("text, hidden", [
    ("EVA 03/10/2025 : douleur à 6.", "03/10/2025"),  # a full date after the scale's name stays a date
    ("Norton 06 12 34 56 78, rappeler demain.", "06 12 34 56 78"),  # a phone number after a scale's name
])
def test_a_date_or_a_phone_after_a_scale_name_stays_masked(text, hidden):
    result = pseudonymise(text)
    assert hidden not in result.text, result.text


# Round 15, hand-written: a person joined by « et » to a place that only the model read (« de Lyon », no place verb);
# the last two already passed on main and guard the rest
@pytest.mark.parametrize("text, hidden", [
    ("Elle revient de Lyon et Dupont la suit.", "Dupont"),
    ("Transférée de Lyon et Dupont l'a opérée.", "Dupont"),
    ("vue à Lyon et Dupont l'a revue", "Dupont"),
    ("Elle rentre de Lyon et Marie l'accompagne.", "Marie"),
])
def test_a_person_after_a_place_and_et_is_masked(text, hidden):
    result = pseudonymise(text)
    assert hidden not in result.text and "Lyon" not in result.text, result.text
    assert " et " in result.text, result.text


# Round 15, hand-written: a disease named after a person, written alone after a patient label, is her disease (the
# names come from the CIM-10 labels: « Maladie de Crohn », « Maladie de Parkinson »); the guards pass on main too
@pytest.mark.parametrize("text, kept", [
    ("Patiente : Crohn iléal sous Humira.", "Crohn iléal"),
    ("Patiente : Crohn.", "Crohn"),
    ("Patient : Parkinson évolué, chutes répétées.", "Parkinson évolué"),
])
def test_a_disease_eponym_after_a_patient_label_stays(text, kept):
    result = pseudonymise(text)
    assert kept in result.text, result.text


@pytest.mark.parametrize("text, hidden", [
    ("Patiente : Martin, G2P1.", "Martin"),
    ("Patiente : Crohn Lucie, 34 ans.", "Lucie"),
    ("Patient : Hansen Erik, 61 ans.", "Erik"),
])
def test_a_name_after_a_patient_label_stays_masked(text, hidden):
    result = pseudonymise(text)
    assert hidden not in result.text, result.text


def test_a_typed_patient_name_that_is_an_eponym_stays_masked():
    # hand-written guard: the name the user typed wins over the disease list
    result = pseudonymise("Patiente : Crohn, 34 ans.", Options(patient_names=["Crohn"]))
    assert "Crohn" not in result.text, result.text


# Round 15, hand-written: a frequent surname that is also a French word (« Dupont », « Petit ») after a role word and
# its colon was left in clear: the role word asks for a name that is no common word
@pytest.mark.parametrize("text, hidden", [
    ("Patiente : Dupont, 34 ans.", "Dupont"),
    ("Patient : Petit, 61 ans, diabétique.", "Petit"),
    ("Infirmière : Durand, passage à 8h.", "Durand"),
])
def test_a_frequent_surname_after_a_role_word_is_masked(text, hidden):
    result = pseudonymise(text)
    assert hidden not in result.text, result.text


def test_a_common_word_after_a_role_word_stays():
    # hand-written guard: a word that is no surname stays (« Enceinte » after « Patiente : »)
    assert pseudonymise("Patiente : Enceinte de 12 SA.").text == "Patiente : Enceinte de 12 SA."


# Round 15, hand-written (from the branch pseudo4, round 13): a street's word inside a phrase, without a number, is no
# street (« mis en place du Cytotec » hid the drug and all that followed as an address)
@pytest.mark.parametrize("text", [
    "On a mis en place du Cytotec puis une perfusion de Syntocinon.",
    "Elle est allée à l'hôpital hier.",
])
def test_a_street_word_in_a_phrase_is_no_address(text):
    assert pseudonymise(text).text == text


@pytest.mark.parametrize("text, hidden", [
    ("Elle habite allée des Tilleuls à Rennes.", "Tilleuls"),
    ("Mme Roux, 4 allée des Tilleuls.", "Tilleuls"),
    ("Le cabinet est place Bellecour.", "Bellecour"),
])
def test_a_street_after_the_same_words_stays_masked(text, hidden):
    # hand-written guards
    assert hidden not in pseudonymise(text).text


# Round 15, hand-written (from the branch pseudo4, round 13): one word after a negation is a sign the examination did
# not find (« pas de Lasègue » hid Lasègue as a person)
@pytest.mark.parametrize("text", [
    "Pas de Lasègue, pas de Léri, absence de Babinski.",
    "Pas de Lasègue.",
])
def test_a_negated_sign_stays(text):
    assert pseudonymise(text).text == text


@pytest.mark.parametrize("text, hidden", [
    ("Pas de nouvelles de Mme Biflex ni de Julie Castor depuis lundi.", "Castor"),
    ("Elle est venue sans Kowalski.", "Kowalski"),
    ("Pas de Dupont ce matin, remplacé par sa collègue.", "Dupont"),
])
def test_a_person_after_a_negation_stays_masked(text, hidden):
    # hand-written guards
    assert hidden not in pseudonymise(text).text


# Round 15, hand-written (from the branch pseudo4, round 13): a test done on a day of the stay (« Guthrie à J3 ») is
# no person
@pytest.mark.parametrize("text", [
    "Dépistage néonatal (Guthrie) réalisé à J3, Guthrie à J3 pour le jumeau.",
    "Guthrie à J3 pour le jumeau.",
])
def test_a_test_on_a_care_day_stays(text):
    assert pseudonymise(text).text == text


@pytest.mark.parametrize("text, hidden", [
    ("Rendez-vous avec Kowalski à J8.", "Kowalski"),
    ("Vu par Kowalski à J8.", "Kowalski"),
    ("Sortie de Morel à J3.", "Morel"),
])
def test_a_person_met_on_a_care_day_stays_masked(text, hidden):
    # hand-written guards
    assert hidden not in pseudonymise(text).text


# Round 15, hand-written (from the branch pseudo4, round 13): a count, then a drug and its dose, is no postcode and
# town (« pour 10 000, Rhophylac 1500 UI »)
def test_a_count_before_a_drug_and_its_dose_is_no_postcode():
    text = "Kleihauer : 4 hématies fœtales pour 10 000, Rhophylac 1500 UI le lendemain."
    assert pseudonymise(text).text == text


def test_a_postcode_and_its_town_stay_masked():
    # hand-written guard
    result = pseudonymise("Mme Roux, 12 rue des Lilas, 84100 Orange.")
    assert "84100" not in result.text and "Orange" not in result.text, result.text


# Round 16, hand-written: a name set off by a comma after a role word, that French uses neither as an everyday word
# nor as a noun or an adjective, was left in clear when the frequency list also held it (« Turner »)
@pytest.mark.parametrize("text, hidden", [
    ("Patiente : Turner, 34 ans.", "Turner"),
    ("Infirmière : Turner, passage à 8h.", "Turner"),
    ("Patient : Walker, 61 ans, diabétique.", "Walker"),
])
def test_a_name_set_off_after_a_role_word_is_masked(text, hidden):
    assert hidden not in pseudonymise(text).text


@pytest.mark.parametrize("text", [
    "Patiente : Enceinte, 12 SA.",  # a noun and an adjective
    "Patient : Stable, apyrétique.",
    "Patiente : Crohn, 34 ans.",  # her disease (round 15)
])
def test_a_word_set_off_after_a_role_word_stays(text):
    # hand-written guards
    assert pseudonymise(text).text == text


# Round 16, hand-written: a frequent surname that the frequency list also holds, written inside a sentence, was left in
# clear when the model read it as a place (« venue sans Dupont »; the second passed on main already)
@pytest.mark.parametrize("text, hidden", [
    ("Elle est venue sans Dupont.", "Dupont"),
    ("Elle est venue avec Dupont ce matin.", "Dupont"),
    ("Elle est venue sans Durand, inquiète.", "Durand"),
])
def test_a_frequent_surname_inside_a_sentence_is_masked(text, hidden):
    assert hidden not in pseudonymise(text).text


@pytest.mark.parametrize("text", [
    "Phénomène de Raynaud aux deux mains.",  # medicine
    "Il est passé au Petit matin.",  # an everyday word
])
def test_an_everyday_or_medical_surname_inside_a_sentence_stays(text):
    # hand-written guards
    assert pseudonymise(text).text == text


# Round 16, hand-written (round 13's branch pseudo4 had the same idea): a product whose own form or drug the model
# took into it (« Pansement Mepilex Border », « Fer Inject ») was masked as a person or a place
@pytest.mark.parametrize("text, kept", [
    ("Pansement Mepilex Border changé tous les 3 jours.", "Pansement Mepilex Border"),
    ("Plaie du talon : Pansement Mepilex Border, à refaire jeudi.", "Pansement Mepilex Border"),
    ("Fer Inject le 12 mars.", "Fer Inject le "),  # the date is masked
])
def test_a_product_named_by_its_form_or_drug_stays(text, kept):
    assert kept in pseudonymise(text).text


@pytest.mark.parametrize("text, hidden", [
    ("Elle prend du Spasfon. Diane Rochard, sa sœur, l'accompagne.", "Rochard"),  # a first name that is also a drug
    ("Le Dr Fer Inject est venu.", "Inject"),  # a title wins
])
def test_a_person_beside_a_drug_word_stays_masked(text, hidden):
    # hand-written guards
    assert hidden not in pseudonymise(text).text


# Round 16, hand-written: the « C. » of a temperature is no initial before a name (« 37,1 °C. Involution utérine »
# masked the next sentence's first word); the second passed before already
@pytest.mark.parametrize("text", [
    "Pouls 76, température 37,1 °C. Involution utérine correcte.",
    "Fièvre à 38,5°C. Hémocultures faites.",
])
def test_a_temperature_unit_is_no_initial(text):
    assert pseudonymise(text).text == text


def test_an_initial_before_a_surname_stays_masked():
    # hand-written guard
    assert "Desloges" not in pseudonymise("Vu par R. Desloges ce matin.").text


# Round 16, hand-written: establishments in the forms the even halves of the blind batches write them, generalised
# (a practice or a centre by what is done there, a pharmacy, a home-care service, a hospital by its own initials); the
# Lilas, Saint-Joseph and Montreuil lines passed before, their names masked as a person or a place
@pytest.mark.parametrize("text, hidden", [
    ("Ordonnance à retirer à la Pharmacie du Centre.", "Pharmacie du Centre"),
    ("Elle est suivie au Cabinet de sages-femmes des Lilas.", "Lilas"),
    ("Vue aux urgences du CHBA hier.", "CHBA"),
    ("Centre médical Saint-Joseph – 26 boulevard Baille", "Saint-Joseph"),
    ("Centre d'imagerie du Parc : échographie normale.", "Parc"),
    ("Passage du SSIAD de Montreuil le matin.", "Montreuil"),
])
def test_an_establishment_told_by_its_head_is_masked(text, hidden):
    assert hidden not in pseudonymise(text).text


@pytest.mark.parametrize("text, kept", [
    ("CHER CONFRÈRE, CHEZ VOUS", "CHER CONFRÈRE, CHEZ VOUS"),  # capitals that are words
    ("Pharmacie : Doliprane délivré.", "Pharmacie : Doliprane délivré."),  # a heading, no name
    ("Elle passe à la pharmacie de garde.", "Elle passe à la pharmacie de garde."),
    ("Cabinet de sage-femme Claire Dubois", "Cabinet de sage-femme "),  # the midwife is a person (round 11)
])
def test_an_establishment_head_without_a_name_stays(text, kept):
    # hand-written guards
    assert kept in pseudonymise(text).text


# Round 16, hand-written after the sixth blind batch's even half: exercises of rehabilitation and a memory test named
# after a person (« pendulaires de Codman », « diagonales de Kabat », « empans de Corsi ») were masked as people
@pytest.mark.parametrize("text", [
    "Techniques : pendulaires de Codman, mobilisations passives, diagonales de Kabat.",
    "Mémoire de travail : empans de Corsi à -1,5 ET.",
])
def test_a_rehabilitation_eponym_stays(text):
    assert pseudonymise(text).text == text


@pytest.mark.parametrize("text, hidden", [
    ("Mobilisation de Paul Durand au fauteuil.", "Durand"),  # no eponym head: a patient follows it
    ("Posture de Marie au fauteuil, puis marche.", "Marie"),
])
def test_a_person_after_a_care_word_stays_masked(text, hidden):
    # hand-written guards
    assert hidden not in pseudonymise(text).text


# Round 16, hand-written after the sixth blind batch's even half: a day inside a lab row, told by « du » or « le »
# before it, was kept as a lab value (« précédent INR du 03/10 : 3,1 »)
@pytest.mark.parametrize("text, hidden", [
    ("INR                  2,6 (sous Coumadine 5 mg) – précédent INR du 03/10 : 3,1", "03/10"),
    ("TSH          2,1 mUI/L (contrôle le 12/09 : 3,4)", "12/09"),
])
def test_a_day_told_in_a_lab_row_is_masked(text, hidden):
    assert hidden not in pseudonymise(text).text


@pytest.mark.parametrize("text", [
    "Créatinine   71 µmol/L   (45 - 90)",
    "Plaquettes   150 G/L   (150 - 400)",
])
def test_lab_values_stay(text):
    # hand-written guards
    assert pseudonymise(text).text == text


# Round 16, hand-written after the sixth blind batch's even half: a dash between spaces ends a person's name (the
# model ran « Dr Linh Nguyen – Endocrinologie » into one person and masked the specialty)
def test_a_dash_ends_a_name_before_a_specialty():
    result = pseudonymise("Dr Linh Nguyen – Endocrinologie – 04 72 40 18 66")
    assert "Endocrinologie" in result.text and "Nguyen" not in result.text and "72 40" not in result.text, result.text


def test_a_name_after_a_dash_stays_masked():
    # hand-written guard
    result = pseudonymise("Marie Durand – Kowalski")
    assert "Durand" not in result.text and "Kowalski" not in result.text, result.text


# Round 16, hand-written after the sixth blind batch's even half: the town of an establishment's site (« Laboratoire
# … – site de Bron ») was left in clear; the second passed before
@pytest.mark.parametrize("text, hidden", [
    ("Laboratoire Saint-Exupéry Biologie – site de Bron", "Bron"),
    ("Biologie Lumière, site de Vénissieux", "Vénissieux"),
])
def test_the_town_of_a_site_is_masked(text, hidden):
    assert hidden not in pseudonymise(text).text


def test_a_care_site_stays():
    # hand-written guard
    text = "Rougeur au site de Perfusion, site de ponction propre."
    assert pseudonymise(text).text == text


# Round 16, hand-written after the fourth blind batch's even half: a record number with a letter prefix after
# « dossier » was left in clear (« dossier SM-778214 »)
@pytest.mark.parametrize("text, hidden", [
    ("Hospitalisé (né le 11/11/1988, dossier SM-778214) pour sa maladie de Crohn.", "778214"),
    ("Dossier : MAT/2026/0451", "0451"),
])
def test_a_record_with_a_letter_prefix_after_dossier_is_masked(text, hidden):
    assert hidden not in pseudonymise(text).text


def test_a_record_word_before_a_count_stays():
    # hand-written guard
    assert pseudonymise("Un dossier de 12 pages.").text == "Un dossier de 12 pages."


# Round 16, hand-written after the fifth blind batch's even half: a first name signed under a closing that ends with
# an exclamation mark was left in clear (« Bon courage et profite du cabinet !⏎Cécile »), alone on its line or after
# the line's last sentence
@pytest.mark.parametrize("text", [
    "Bon courage et profite du cabinet !\nCécile",
    "Le reste est à voir avec elle pour le tiroir de gauche. Bon courage et profite du cabinet !\nCécile\n\n",
    "Tout s'est bien passé. Merci encore,\nCécile",
])
def test_a_signature_under_an_exclamation_is_masked(text):
    assert "Cécile" not in pseudonymise(text).text


def test_a_drug_under_an_exclamation_stays():
    # hand-written guard
    text = "Attention !\nDoliprane 1 g si fièvre."
    assert pseudonymise(text).text == text


# Round 16, hand-written after the fifth blind batch's even half: a town at the line's end after a profession was left
# in clear (« Julie Marin, sage-femme libérale, Villeurbanne »); the second passed before
@pytest.mark.parametrize("text, hidden", [
    ("À l'attention de Julie Marin, sage-femme libérale, Villeurbanne\n\nChère consœur,", "Villeurbanne"),
    ("Anne Roche, kinésithérapeute, Vénissieux", "Vénissieux"),
])
def test_a_town_after_a_profession_is_masked(text, hidden):
    assert hidden not in pseudonymise(text).text


def test_a_service_after_a_profession_stays():
    # hand-written guard
    text = "Vue par la kinésithérapeute, Cardiologie"
    assert pseudonymise(text).text == text


# Round 16, hand-written after the fourth blind batch's even half: the flat and staircase written on the line above
# the street were left in clear (« Appartement 32, escalier B⏎58 rue Victor Hugo »)
def test_an_address_complement_above_the_street_is_masked():
    result = pseudonymise("Monsieur Antoine DELACROIX\nAppartement 32, escalier B\n58 rue Victor Hugo\n13600 La Ciotat")
    assert "32" not in result.text and "escalier B" not in result.text, result.text


def test_a_floor_without_an_address_stays():
    # hand-written guard
    text = "Chambre au 2e étage.\nÉtage 2 : ascenseur en panne."
    assert pseudonymise(text).text == text


# Round 17, hand-written: a surname borne in other countries that French also uses as a noun, set off after a role
# word, was left in clear (« Patient : Carter, 61 ans »: « carter » is a noun, so round 16's rule let it go)
@pytest.mark.parametrize("text, hidden", [
    ("Patient : Carter, 61 ans.", "Carter"),
    ("Infirmière : Carter, passage à 8h.", "Carter"),
    ("Patiente : Archer, 30 ans.", "Archer"),
    ("Patiente : Palmer\nMotif : suivi de grossesse", "Palmer"),
    ("Patient : Hunter, 61 ans.", "Hunter"),
])
def test_a_surname_of_elsewhere_that_is_a_noun_after_a_role_word_is_masked(text, hidden):
    assert hidden not in pseudonymise(text).text


@pytest.mark.parametrize("text", [
    "Patiente : Enceinte, 12 SA.",  # nouns and adjectives that no country uses as a surname
    "Patient : Stable, apyrétique.",
    "Patient : Confus, agité.",
])
def test_a_noun_after_a_role_word_stays(text):
    # hand-written guards
    assert pseudonymise(text).text == text


# Round 17, hand-written: an eponym written alone, that neither edsnlp's drugs nor the CIM-10 labels hold, was masked
# as a person (« Hashimoto sous Levothyrox »); the eponyms now come from a medical spelling dictionary
@pytest.mark.parametrize("text", [
    "Antécédents : Hashimoto sous Levothyrox 75 µg.",
    "Hashimoto confirmé : anti-TPO élevés.",
    "Boerhaave évoqué, scanner en urgence.",
    "Suspicion de Pancoast, scanner demandé.",
])
def test_an_eponym_written_alone_stays(text):
    assert pseudonymise(text).text == text


@pytest.mark.parametrize("text, hidden", [
    ("Dr Hashimoto, endocrinologue, la suit.", "Hashimoto"),  # a title says it is a person
    ("Mme Yuki Hashimoto, 34 ans.", "Hashimoto"),
    ("Mme Yuki Hashimoto, 34 ans. Hashimoto revue ce jour.", "Hashimoto"),  # and so everywhere in the letter
    ("Rendez-vous avec Pancoast à 15 h.", "Pancoast"),  # a person met
    ("Elle est venue avec Boerhaave.", "Boerhaave"),
    ("Elle a vu Hashimoto hier.", "Hashimoto"),
    ("Courrier de HASHIMOTO reçu ce jour.", "HASHIMOTO"),  # a surname in capitals, as letters write them
])
def test_an_eponym_borne_by_a_person_stays_masked(text, hidden):
    # hand-written guards
    assert hidden not in pseudonymise(text).text


# Round 17, hand-written: a clinical adjective or a verb written after a patient label was masked as her name
# (« Patiente : Primipare, 34 ans », « Patiente : Allaite sans difficulté »): French uses it so (the French model's
# lemmatizer tables), and no list of names holds it
@pytest.mark.parametrize("text", [
    "Patient : Diabétique, 61 ans.",
    "Patiente : Primipare, 34 ans.",
    "Patiente : Allaite sans difficulté.",
    "Patiente : Primigeste, 12 SA.",
    "Patient : Hospitalisé depuis lundi.",
])
def test_an_adjective_or_a_verb_after_a_patient_label_stays(text):
    assert pseudonymise(text).text == text


@pytest.mark.parametrize("text, hidden", [
    ("Patient : Tonnelier, 61 ans.", "Tonnelier"),  # a noun: trades are surnames
    ("Patiente : Joly, 34 ans.", "Joly"),  # a frequent surname
    ("Patient : Carter, 61 ans.", "Carter"),  # a surname elsewhere
    ("Patiente : Diabétique Durand, 34 ans.", "Durand"),  # a name follows
])
def test_a_name_after_a_patient_label_stays_masked(text, hidden):
    # hand-written guards
    assert hidden not in pseudonymise(text).text


# Round 17, hand-written after the seventh blind batch's even half: a maiden name in capitals after « née » was left in
# clear (« Mme BERGER née ROY »; in lower case the place rules took it as a birthplace, masked all the same); the last
# two passed before
@pytest.mark.parametrize("text, hidden", [
    ("Mme Odile FAVRE née MARCHAND, 78 ans.", "MARCHAND"),
    ("Veuve de M. Lemoine, Mme LEMOINE née KERGUELEN Annick.", "KERGUELEN"),
    ("Patiente : Mme Rose Tanguy épouse LE GALL, 81 ans.", "GALL"),
])
def test_a_maiden_name_in_capitals_is_masked(text, hidden):
    assert hidden not in pseudonymise(text).text


@pytest.mark.parametrize("text", [
    "Enfant née à terme, Apgar 10.",
    "Née avec une HTA gravidique de sa mère.",
    "Née PRÉMATURÉE à 32 SA.",
])
def test_born_without_a_name_stays(text):
    # hand-written guards
    assert pseudonymise(text).text == text


# Round 17, hand-written after the seventh blind batch's even half: a questionnaire named straight after its head, as
# a scale or a test already is (« questionnaire Conners enseignant ») was masked as a person
@pytest.mark.parametrize("text", [
    "L'enseignante a rempli le questionnaire Conners, à rendre jeudi.",
    "Questionnaire Vexin-Gardner rempli par la mère.",
])
def test_a_questionnaire_named_bare_stays(text):
    assert pseudonymise(text).text == text


# Round 18, hand-written (round 17's walkthrough): a mother named by her title and surname with her role, written
# before the child's full name, took the child's name and marker (« Mme N'Diaye (mère) accompagne Léa-Marie N'Diaye »
# gave both [PERSONNE_1], so the way back named the child for the mother)
@pytest.mark.parametrize("text", [
    "Mme N'Diaye (mère) accompagne Léa-Marie N'Diaye, 4 ans, pour un bilan. Léa-Marie va mieux.",
    "Léa-Marie N'Diaye, 4 ans, vient avec Mme N'Diaye (mère). Léa-Marie va mieux.",
    "Enfant : Léa-Marie N'Diaye. Parents : Mme N'Diaye (mère) et M. N'Diaye (père). Léa-Marie va mieux.",
    "Mère : Mme N'Diaye. Enfant : Léa-Marie N'Diaye, 4 ans. Léa-Marie va mieux.",
])
def test_a_relative_named_with_her_role_is_not_the_child(text):
    result = pseudonymise(text)
    assert "N'Diaye" not in result.text and "Léa-Marie" not in result.text, result.text
    def at(position: int):
        return next(e.replacement for e in result.entities if e.start <= position < e.end)

    mother = at(text.index("N'Diaye", text.index("Mme ")))
    child = at(text.index("Léa-Marie N'Diaye"))
    assert mother != child and not mother.startswith("[PATIENT"), result.text
    lone = [e for e in result.entities if text[e.start:e.end] == "Léa-Marie"]
    assert lone and all(e.replacement == child for e in lone), result.text


# Round 18, hand-written: a patient's surname that is also a first name, written alone later, became somebody else
# (« Capucine Martin » then « Martin a de la fièvre » gave [PERSONNE_1] beside [PATIENT_1])
@pytest.mark.parametrize("text, lone", [
    ("Enfant : Capucine Martin, 3 ans. Capucine dort bien. Martin a de la fièvre depuis hier.", "Martin"),
    ("Patiente : Mme Claire Laurent, 34 ans. Laurent revue ce jour.", "Laurent"),
])
def test_a_lone_surname_that_is_also_a_first_name_is_the_same_person(text, lone):
    result = pseudonymise(text)
    assert lone not in result.text, result.text
    markers = {e.replacement for e in result.entities if e.label in ("PATIENT", "PERSONNE")}
    assert len(markers) == 1, result.text


# Round 18, hand-written after the seventh blind batch's even half: a school, a nursery or the departmental disability
# office written out in full was left in clear, or its name read as a person (« école élémentaire Jean-Jaurès »)
@pytest.mark.parametrize("text, hidden", [
    ("CE1 à l'école élémentaire Jean-Jaurès de Vitré.", "Jean-Jaurès"),
    ("Scolarisé à l'école Jules-Ferry depuis septembre.", "Jules-Ferry"),
    ("Entrée à la crèche Les Petits Mousses en janvier.", "Mousses"),
    ("Élève au collège Victor-Hugo, en 5e.", "Victor-Hugo"),
    ("Dossier transmis à la Maison départementale des personnes handicapées du Bas-Rhin.", "handicapées du Bas-Rhin"),
    ("Dossier transmis à la MDPH du Finistère le mois dernier.", "Finistère"),
])
def test_a_school_a_nursery_or_the_disability_office_is_an_establishment(text, hidden):
    result = pseudonymise(text)
    assert hidden not in result.text and "[ETABLISSEMENT_1]" in result.text, result.text
    assert not any(e.label in ("PERSONNE", "PATIENT") for e in result.entities), result.text


@pytest.mark.parametrize("text", [
    "Il va à l'école le matin et à la crèche le mardi.",
    "Dossier MDPH déposé en juin.",
    "Au collège, il se sent isolé.",
    "Le collège de la Grande Chambre a décidé de renvoyer l'affaire.",
])
def test_a_school_without_its_name_stays(text):
    # hand-written guards
    assert pseudonymise(text).text == text


# Round 18, hand-written after the seventh blind batch's even half: a first name that is also a French word, written
# after a family word and its comma, was left in clear (« sa maman, Prudence »), and so was the same name later
@pytest.mark.parametrize("text, hidden", [
    ("Venu avec sa maman, Prudence ; le papa souhaite assister à la séance. Fiche à récupérer par Prudence.", "Prudence"),
    ("Elle est venue avec sa fille, Rose, qui l'aide pour les courses.", "Rose"),
    ("Accompagnée de son mari, Constant, très présent.", "Constant"),
])
def test_a_first_name_after_a_family_word_is_a_person(text, hidden):
    assert hidden not in pseudonymise(text).text


def test_a_word_after_a_family_word_that_is_no_first_name_stays():
    # hand-written guard: « Mardi » is no first name
    text = "Venue avec sa maman, Mardi prochain elle reviendra seule."
    assert pseudonymise(text).text == text


# Round 18, hand-written after the seventh blind batch's even half: a record number with a letter prefix after « n° »
# lost only its last digits (« n° MSA-26-11873 » read « MSA-26- » as the words naming it)
@pytest.mark.parametrize("text, hidden", [
    ("Inscrite chez vous (n° MSA-26-11873).", ["MSA", "11873"]),
    ("Affiliée sous le n° CPAM-75-004512, à jour.", ["CPAM", "004512"]),
])
def test_a_record_number_with_a_letter_prefix_is_masked_whole(text, hidden):
    result = pseudonymise(text)
    assert not any(h in result.text for h in hidden), result.text


# Round 18, hand-written after the seventh blind batch's even half: a street number with a letter glued to it lost
# only its street (« 6A rue du Verdon »)
def test_a_street_number_with_a_letter_is_part_of_the_address():
    result = pseudonymise("Service instruction des demandes\n6A rue du Verdon, 67100 Strasbourg")
    assert "6A" not in result.text and "Verdon" not in result.text, result.text


# Round 18, hand-written after the seventh blind batch's even half: an everyday street word before a care
# abbreviation was read as an address (« passage IDE à discuter »), and so was a note of the last exam as a place
# (« Dernière IRM encéphalique »)
@pytest.mark.parametrize("text", [
    "Sa femme fera les applications ; passage IDE à discuter.",
    "Passage IDE matin et soir pour les injections.",
    "Fuites urinaires par hyperactivité détrusorienne.\nDernière IRM encéphalique : nouvelles lésions en hypersignal T2.",
])
def test_a_care_abbreviation_after_an_everyday_word_is_no_place(text):
    assert pseudonymise(text).text == text


# Round 18, hand-written after the seventh blind batch's even half: a vaccine written by its dotted initials was read
# as « M. » and a person's initials (« vaccin M.M.R. »), or as a place (« Le R.O.R. »)
@pytest.mark.parametrize("text", [
    "Priorix (vaccin M.M.R. contre la rougeole, les oreillons et la rubéole) fait à 12 mois.",
    "Le R.O.R. est fait.",
])
def test_a_vaccine_written_by_its_dotted_initials_stays(text):
    assert pseudonymise(text).text == text


def test_a_title_and_initials_are_still_a_person():
    # hand-written guard
    assert "M. R." not in pseudonymise("Vu avec M. R. Dupuis ce matin.").text


# Round 18, hand-written (round 17's note): a first name before « positif au » was read as a test and its result
# (« Coombs positif »), so left in clear
@pytest.mark.parametrize("text, hidden", [
    ("Julien positif au Covid la semaine dernière.", "Julien"),
    ("Suivi de la fratrie : Camille négative à la coqueluche.", "Camille"),
])
def test_a_first_name_tested_positive_for_something_is_a_person(text, hidden):
    assert hidden not in pseudonymise(text).text


@pytest.mark.parametrize("text", ["Coombs positif au cordon.", "Test de Coombs direct positif."])
def test_a_test_positive_for_something_stays(text):
    # hand-written guards
    assert pseudonymise(text).text == text


# Round 18, hand-written after the seventh blind batch's even half: an instrument and a memory test named after
# people were masked as persons (« monofilament de Semmes-Weinstein », « 5 mots de Dubois 6/10 »)
@pytest.mark.parametrize("text", [
    "Le monofilament de Semmes-Weinstein n'est plus perçu sur 3 sites sur 4 à gauche.",
    "Test de l'horloge désorganisé, 5 mots de Dubois 6/10 avec indiçage peu efficace.",
])
def test_an_instrument_or_a_word_recall_test_named_after_people_stays(text):
    assert pseudonymise(text).text == text


def test_the_words_of_a_person_are_not_a_test():
    # hand-written guard: « mots » with no count before it is what somebody said
    assert "Dubois" not in pseudonymise("Les mots de Mme Dubois étaient durs.").text


# Round 18, hand-written after the eighth blind batch's even half: a surname that is also a country, after « Mme »,
# was left in clear (« Mme France : Previscan 3/4 cp »): the word is kept from names elsewhere, not after a civility
@pytest.mark.parametrize("text", [
    "- Mme France : Previscan 3/4 cp, pilulier refait pour la semaine.",
    "Vu M. Europe ce matin, pansement refait.",
])
def test_a_word_kept_from_names_is_a_name_after_a_civility(text):
    result = pseudonymise(text)
    assert "France" not in result.text and "Europe" not in result.text, result.text


def test_a_country_without_a_civility_stays():
    # hand-written guard
    text = "Elle est rentrée en France en mars."
    assert "France" in pseudonymise(text).text


# Round 18, hand-written after the eighth blind batch's even half: a visual acuity out of ten was read as a day and a
# month (« Acuité visuelle 10/10 ODG »)
@pytest.mark.parametrize("text", [
    "Acuité visuelle 10/10 ODG avec correction.",
    "AV 8/10 OD, 9/10 OG sans correction.",
])
def test_a_visual_acuity_is_no_date(text):
    assert pseudonymise(text).text == text


def test_a_day_after_a_visit_is_still_a_date():
    # hand-written guard
    assert "12/10" not in pseudonymise("Revue le 12/10 pour l'acuité visuelle.").text


# Round 18, hand-written after the eighth blind batch's even half: a short first name the lists do not hold, after a
# greeting and before its comma, was left in clear (« Coucou Jess, transmissions pour ta tournée »)
@pytest.mark.parametrize("text, hidden", [
    ("[SMS du 05/12] Coucou Jess, transmissions pour ta tournée de ce matin.", "Jess"),
    ("Salut Loulou ! Je te laisse les clés.", "Loulou"),
])
def test_a_name_after_a_greeting_is_a_person(text, hidden):
    assert hidden not in pseudonymise(text).text


@pytest.mark.parametrize("text", ["Bonjour Docteur, je vous adresse Mme D.", "Bonjour Chère Consœur, merci."])
def test_a_title_after_a_greeting_stays(text):
    # hand-written guards
    assert "Bonjour" in pseudonymise(text).text and ("Docteur" in pseudonymise(text).text or "Consœur" in pseudonymise(text).text)


# Round 21, hand-written: a patient introduced by a label line (« Patiente : », « Enfant : ») lost the patient role
# when the same surname had been met before (a parent's « Mme Kerbrat », a « Bébé Kerbrat » heading): the label line
# says who the patient is, wherever the name was met first
@pytest.mark.parametrize("text, expected", [
    ("Mme Kerbrat accompagne sa fille.\nEnfant : Lou Kerbrat, 3 ans, fièvre depuis hier.", "Enfant : [PATIENT_1], 3 ans"),
    ("Bébé Kerbrat\nEnfant : Lou Kerbrat, né à terme.", "Enfant : [PATIENT_1], né"),
    ("Appel de Mme Roux, sa mère.\nPatiente : Emma Roux, 16 ans.", "Patiente : [PATIENT_1], 16 ans"),
])
def test_a_patient_on_a_label_line_keeps_the_patient_role(text, expected):
    assert expected in pseudonymise(text).text, pseudonymise(text).text


def test_a_label_line_with_a_civility_keeps_the_patient_role():
    # hand-written: the civility stays readable and the name after it is still the patient's
    text = "Patiente : Mme Petit, 34 ans. Mme Petit allaite sans difficulté."
    assert pseudonymise(text).text == "Patiente : Mme [PATIENT_1], 34 ans. Mme [PATIENT_1] allaite sans difficulté."


# Round 21, hand-written: a civility after a role word was read as a word of the name (« la sage-femme Mme Durand »
# masked « Mme Durand » whole, and the next « Mme » became the same person), and a family word before a civility as a
# first name (« Maman Mme Petit »)
@pytest.mark.parametrize("text, expected", [
    ("Suivie par la sage-femme Mme Durand puis par la puéricultrice Mme Martin.",
     "Suivie par la sage-femme Mme [PERSONNE_1] puis par la puéricultrice Mme [PERSONNE_2]."),
    ("Sage-femme Mme Durand, PMI.", "Sage-femme Mme [PERSONNE_1], PMI."),
    ("Vue avec Maman Mme Petit.", "Vue avec Maman Mme [PERSONNE_1]."),
    ("Infirmière Madame Roux passe à domicile.", "Infirmière Madame [PERSONNE_1] passe à domicile."),
])
def test_a_civility_after_a_role_word_is_no_name_word(text, expected):
    assert pseudonymise(text).text == expected


def test_a_doctor_role_word_before_a_civility_still_says_doctor():
    # hand-written guard: the role word still gives its role to the name after the civility
    assert "[MEDECIN_1]" in pseudonymise("L'interne Mme Morel a vu la patiente.").text


# Round 21, hand-written: a child took the placeholder of an adult met by her civility and surname (« Mme Martin »,
# then « Léo Martin a 4 ans » became « Mme [PERSONNE_1] »'s [PERSONNE_1]): a child is never a person met with an adult
# civility, nor the reverse
@pytest.mark.parametrize("text, child", [
    ("Mme Martin accompagne son fils. Léo Martin a 4 ans, toux depuis 3 jours.", "Léo Martin"),
    ("Mme Kerbrat accompagne sa fille.\nEnfant : Lou Kerbrat, 3 ans, fièvre depuis hier.", "Lou Kerbrat"),
    ("M. Petit appelle pour son fils.\nEnfant : Noé Petit (2 ans).", "Noé Petit"),
])
def test_a_child_never_takes_an_adult_civility(text, child):
    result = pseudonymise(text)
    adult = next(e for e in result.entities if text[:e.start].rstrip().endswith(("M.", "Mme")))
    kid = next(e for e in result.entities if text[e.start:e.end] == child)
    assert adult.replacement != kid.replacement, result.text


def test_an_adult_with_a_civility_is_still_herself():
    # hand-written guard: the same adult, named with and without her first name, keeps one placeholder
    result = pseudonymise("Mme Martin est revue ce jour. Sophie Martin, 34 ans, allaite.")
    assert result.text.count("[PERSONNE_1]") == 2, result.text


# Round 21, hand-written: a role word ending a sentence was read as the title of the next sentence's first word
# (« Entretien avec la patiente. Kinésithérapie prévue. » gave a [PATIENT_1])
@pytest.mark.parametrize("text", [
    "Entretien avec la patiente. Kinésithérapie prévue.",
    "Échange avec l'infirmière. Kinésithérapie prévue.",
    "Vu par le chirurgien. Arthroscopie prévue.",
])
def test_a_role_word_ending_a_sentence_is_no_title(text):
    assert pseudonymise(text).text == text


def test_a_role_word_before_a_name_is_still_a_title():
    # hand-written guard
    assert "Kerbrat" not in pseudonymise("Vue par la sage-femme Kerbrat ce matin.").text


# Round 21, hand-written (round 18's notes on the eighth blind batch's even half): medicine and verbs read as names
@pytest.mark.parametrize("text, kept", [
    ("À M6 : Lachman négatif arrêt dur, tiroir antérieur négatif.", "Lachman"),  # « M6 » is a time point, no « M. »
    ("Contrôle à M3 : Lasègue négatif.", "Lasègue"),
    ("Test à la baguette de Maddox : exophorie de 8 dioptries.", "Maddox"),  # an orthoptic instrument
    ("Réglette de Parinaud lue à 40 cm.", "Parinaud"),
    ("EVA 3/10 au repos, Algoplus à 2 lors des soins.", "Algoplus"),  # a pain scale
    ("Sérologie négative.\nHGPO 75 g faite à 26 SA : 0,95 g/L.", "HGPO"),  # an acronym before a quantity and its unit
    ("Mme Martin allaite sans difficulté.", "allaite"),  # a verb after a surname that is also a first name
    ("Vu Léo ce jour pour fièvre.", "Vu"),  # a verb before a first name
])
def test_medicine_and_verbs_are_no_names(text, kept):
    assert kept in pseudonymise(text).text, pseudonymise(text).text


@pytest.mark.parametrize("text, hidden", [
    ("Mme Martin allaite sans difficulté.", "Martin"),
    ("Vu Léo ce jour pour fièvre.", "Léo"),
    ("Rendez-vous avec M. Lachman le 3 mars.", "Lachman"),
    ("Dr Caroline pidoux, pédiatre.", "pidoux"),
    ("Lettre de M. HGPO Kerbrat.", "Kerbrat"),
])
def test_the_names_beside_them_are_still_masked(text, hidden):
    # hand-written guards
    assert hidden not in pseudonymise(text).text, pseudonymise(text).text


# Round 21, hand-written (walkthrough): the patient a letter introduces by its usual formula (« Je vous adresse Mme Léa
# Bernard ») became [PERSONNE_1], while the page promises [PATIENT_1] when Gardien recognises her
@pytest.mark.parametrize("text, expected", [
    ("Cher confrère,\nJe vous adresse Mme Léa Bernard, née le 12/03/1990, pour avis.", "Je vous adresse Mme [PATIENT_1], née"),
    ("J'ai vu en consultation M. Paul Girard pour une lombalgie.", "J'ai vu en consultation M. [PATIENT_1] pour"),
    ("Merci de bien vouloir recevoir Mme Chloé Fabre, enceinte de 20 SA.", "recevoir Mme [PATIENT_1], enceinte"),
    ("Nous avons revu ce jour Lucas Meyer, 6 ans, pour une otite.", "revu ce jour [PATIENT_1], 6 ans"),
    ("Je vois ce jour Mme Agathe Lemoine, 32 ans, G2P1.", "Je vois ce jour Mme [PATIENT_1], 32 ans"),
])
def test_the_patient_a_letter_introduces_keeps_the_patient_role(text, expected):
    assert expected in pseudonymise(text).text, pseudonymise(text).text


def test_a_colleague_named_elsewhere_in_the_letter_is_not_the_patient():
    # hand-written: only the name the formula introduces is the patient's
    text = "Je vous adresse Mme Léa Bernard, suivie par le Dr Marc Olivier et par Mme Anne Roux, kinésithérapeute."
    shown = pseudonymise(text).text
    assert "Mme [PATIENT_1]" in shown and "Dr [MEDECIN_1]" in shown and "[PATIENT_2]" not in shown, shown
