"""`gardien registre` as a real subprocess of the installed command, on a fresh GARDIEN_HOME, as a practitioner types
it. Interview answers are hand-written."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

GARDIEN = shutil.which("gardien", path=str(Path(os.sys.executable).parent)) or "gardien"
# profession 1 (sage-femme), name, address, contact, no website, alone, software, online, FSE yes, same billing
# software, booking platform, MSSanté, its name, no video, data kept in the EU (« n », as the questionnaire), no secretariat, a locum (alone: no
# colleague to ask about), no staff, own accounts
INTERVIEW = "1\nClaire Martin\n12 rue des Lilas, 29200 Brest\ncontact@cabinet-martin.fr\n\n1\nLogiciel A\n2\noui\n\nPlateforme B\n1\nMessagerie C\n\nn\nnon\noui\nnon\n1\n"


def run(home: Path, *args: str, stdin: str = "", cwd: Path | None = None) -> subprocess.CompletedProcess:
    # the terminal finds this gardien (pipx, an activated environment): its commands are written « gardien … »
    path = os.pathsep.join((str(Path(GARDIEN).parent), os.environ.get("PATH", "")))
    env = {**os.environ, "GARDIEN_HOME": str(home), "LC_ALL": "C.UTF-8", "PATH": path}
    return subprocess.run([GARDIEN, "registre", *args], input=stdin, capture_output=True, text=True, env=env, timeout=120,
                          cwd=cwd)


@pytest.fixture
def home(tmp_path):
    return tmp_path / "maison"


@pytest.mark.slow
def test_interview_export_edit_reimport_and_notice_from_the_command_line(home, tmp_path):
    nothing = run(home, "voir")  # nothing yet: an answer that says what to run, not an error
    assert nothing.returncode == 0 and "gardien registre creer" in nothing.stdout
    done = run(home, "creer", stdin=INTERVIEW)
    assert done.returncode == 0, done.stderr
    assert "Registre enregistré : 6 fiches : le cabinet et 5 activités" in done.stdout  # as many as listed (r14 #18)
    assert "Pour les compléter, avec des choix proposés : gardien registre completer" in done.stdout
    assert stat.S_IMODE((home / "registre.json").stat().st_mode) == 0o600
    summary = run(home, "voir")
    assert "dossiers_patients" in summary.stdout and "ni délégué à la protection des données" in summary.stdout
    assert "6 fiches : le cabinet et 5 activités" in summary.stdout
    sheet = run(home, "voir", "dossiers_patients").stdout
    assert "20 ans à compter de la dernière prise en charge du patient." in sheet
    assert "Source : CNIL, référentiel « cabinets médicaux et paramédicaux », point 7" in sheet
    assert "Logiciel A" in sheet and "HDS" in sheet
    # each label's meaning said once, above the sheet, not after every text
    assert "    — Recommandation courante\n" in sheet and sheet.count("n'a pas pu lire le texte officiel") == 1
    assert "voir les liste" not in run(home, "modifier", "--help").stdout

    for name in ("registre.ods", "registre.xlsx", "registre.pdf", "registre.html"):
        result = run(home, "exporter", str(tmp_path / name))
        assert result.returncode == 0, result.stderr
        assert (tmp_path / name).stat().st_size > 1000
    again = run(home, "exporter", str(tmp_path / "registre.ods"))
    assert again.returncode == 2 and "existe déjà" in again.stderr

    edited = run(home, "modifier", "rendez_vous", "conservation", "--texte", "Un an après le dernier rendez-vous.")
    assert edited.returncode == 0, edited.stderr
    back = run(home, "importer", str(tmp_path / "registre.ods"))  # the export made before the edit: puts it back
    assert back.returncode == 0, back.stderr
    assert "modifié : Prise de rendez-vous — Durées de conservation" in back.stdout
    assert "version précédente est gardée" in back.stdout

    for name in ("note.html", "note.pdf", "note.txt"):
        result = run(home, "note", str(tmp_path / name))
        assert result.returncode == 0 and "à compléter" in result.stdout
    written = (tmp_path / "note.txt").read_text(encoding="utf-8")
    assert "Vos droits" in written
    # the dossiers have their article 9 exception, billing not yet: the notice says which is which
    assert "- Pour « Dossiers patients et suivi des soins », exception de l'article 9.2.h" in written
    assert "- À compléter pour « Facturation et télétransmission » et « Échanges avec les autres professionnels »" in written


@pytest.mark.slow
def test_bad_input_exits_2_with_a_french_message_and_changes_nothing(home, tmp_path):
    assert run(home, "creer", stdin=INTERVIEW).returncode == 0
    before = (home / "registre.json").read_bytes()
    (tmp_path / "faux.ods").write_text("Nom;Date\n", encoding="utf-8")
    cases = [
        (("importer", str(tmp_path / "faux.ods")), "n'est pas un tableur"),
        (("importer", str(tmp_path / "absent.ods")), "introuvable"),
        (("importer", str(tmp_path)), "est un dossier"),
        (("exporter", str(tmp_path / "registre.docx")), "non prise en charge"),
        (("voir", "inconnue"), "Fiche inconnue"),
        (("modifier", "cabinet", "responsable"), "--texte"),
        (("modifier", "cabinet", "inconnue", "--texte", "x"), "Rubrique inconnue"),
        (("violations", "ajouter", "--decouverte", "32/13/2026", "--description", "x"), "illisible"),
        (("violations", "suivi", "zzz", "--cnil", "fait"), "Aucune violation"),
    ]
    for args, message in cases:
        result = run(home, *args)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr
    assert (home / "registre.json").read_bytes() == before
    interrupted = run(home, "creer", stdin="1\nClaire\n")  # the input ends half-way
    assert interrupted.returncode == 2 and "le registre n'a pas changé" in interrupted.stderr
    assert (home / "registre.json").read_bytes() == before


@pytest.mark.slow
def test_breach_register_from_the_command_line(home):
    added = run(home, "violations", "ajouter", "--decouverte", "05/01/2026 09:30", "--description",
                "Courrier de sortie envoyé au mauvais patient.", "--nature", "confidentialite", "--personnes", "1")
    assert added.returncode == 0, added.stderr
    number = added.stdout.split("numéro ")[1].split(")")[0]
    listed = run(home, "violations", "liste").stdout
    assert "Courrier de sortie envoyé au mauvais patient." in listed and "Plus de 72 heures ont passé" in listed
    followed = run(home, "violations", "suivi", number, "--cnil", "non_necessaire", "--cnil-motif", "courrier récupéré fermé")
    assert followed.returncode == 0, followed.stderr
    listed = run(home, "violations", "liste").stdout
    assert "Pas de notification" in listed and "Plus de 72 heures ont passé" not in listed


def test_every_registre_command_of_the_readme_exists():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    commands = set(re.findall(r"^gardien registre ([a-z]+(?: [a-z_]+)?)", readme, flags=re.MULTILINE))
    assert {"creer", "voir dossiers_patients", "exporter registre", "importer registre", "violations ajouter"} <= commands
    for command in commands:
        words = [w for w in command.split() if w in ("creer", "voir", "exporter", "importer", "note", "violations", "ajouter")]
        result = subprocess.run([GARDIEN, "registre", *words, "--help"], capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, (command, result.stderr)


# the « completer » questions in the register's order (builder.by_priority, round 14): data, recipients, durations
# (with their starting point) and the record's special case (typed), people, the common page (typed), base légale
# (all, then each activity: « 1 » is consent, refused for the record and asked again), article 9
RIGHTS = "Droits : accès, rectification, opposition.\n"
COMPLETION = ("1\n2 4\n\n5\n\n\n" "\n8\n3\n8\n8\n6\n" "5 ans\n4\n\n1 an\n1\n\n\n" "Mineurs : même durée.\n" "1 4\n"
              + RIGHTS + "3\n1\n2\n\n\n\n\n" "1\n\n\n")


@pytest.mark.slow
def test_the_gaps_are_completed_with_numbered_choices_from_the_command_line(home):
    assert run(home, "creer", stdin=INTERVIEW).returncode == 0
    done = run(home, "completer", stdin=COMPLETION)
    assert done.returncode == 0, done.stderr + done.stdout
    assert "« Consentement » ne convient pas ici" in done.stdout
    # one answer counted once (round 14): 17 answers, some « for every activity », complete the 24 elements
    assert "réponses enregistrées (24 éléments complétés) ; 0 élément reste à compléter." in done.stdout, done.stdout[-300:]
    sheet = run(home, "voir", "rendez_vous").stdout
    assert "Obligation légale du cabinet (article 6.1.c du RGPD)." in sheet and "Déclaré (saisi par vous)" in sheet
    assert "Identité et coordonnées ; Rendez-vous (date, heure, motif)." in sheet
    assert "1 an à compter du dernier rendez-vous." in sheet
    assert "Source : RGPD, article 6.1" in sheet
    assert "Exécution d'un contrat" in run(home, "voir", "dossiers_patients").stdout
    again = run(home, "completer")
    assert again.returncode == 0 and "Plus rien à compléter" in again.stdout


@pytest.mark.slow
def test_an_interrupted_completion_keeps_each_answer_given(home):
    """Walkthrough r11: stopping at item 3 lost everything. The common page's answer is saved as given. Round 15: the
    legal basis given « for every activity », then left half-way (end of the input), is kept too."""
    assert run(home, "creer", stdin=INTERVIEW).returncode == 0
    before_rights = COMPLETION[:COMPLETION.index(RIGHTS)]
    cut = run(home, "completer", stdin=before_rights + "Droits.\n3\n")
    assert cut.returncode == 2 and "14 réponses enregistrées" in cut.stderr, cut.stderr
    assert "Pour reprendre : gardien registre completer" in cut.stderr
    assert "Droits." in run(home, "voir", "cabinet").stdout
    assert "Obligation légale du cabinet" in run(home, "voir", "rendez_vous").stdout
    assert "Obligation légale du cabinet" in run(home, "voir", "dossiers_patients").stdout
    nothing = run(home, "completer", stdin="")
    assert nothing.returncode == 2 and "rien n'a été enregistré" in nothing.stderr
    again = run(home, "completer", stdin="1\n\n\n")  # what is left: article 9, « Soins » for every activity
    assert again.returncode == 0, again.stderr + again.stdout
    assert "Base légale" not in again.stdout
    assert "(2 éléments complétés) ; 0 élément reste à compléter." in again.stdout, again.stdout[-300:]


@pytest.mark.slow
def test_the_legal_basis_says_who_can_tell_her_and_prompts_are_french(home):
    assert run(home, "creer", stdin=INTERVIEW).returncode == 0
    cut = run(home, "completer", stdin=COMPLETION[:COMPLETION.index(RIGHTS)] + "\n")  # up to the legal bases
    assert "votre Ordre professionnel ou la CNIL peuvent vous répondre" in cut.stdout
    assert "ce n'est pas le consentement du patient" in cut.stdout
    assert "(Entrée pour passer) :" in cut.stdout and "passer):" not in cut.stdout


@pytest.mark.slow
def test_non_means_no_software_and_oui_alone_is_asked_again(home):
    """A practitioner's walkthrough: « non » to « Plateforme de rendez-vous en ligne (vide si aucune) » became the
    sub-contractor « Plateforme de prise de rendez-vous en ligne non. »; « oui » was taken as the billing software."""
    typed = INTERVIEW.replace("\n2\noui\n\nPlateforme B\n1\nMessagerie C\n\n",  # billing, booking, messaging, video
                              "\n2\noui\noui\nFactu D\nnon\n1\naucune\n-\n")
    done = run(home, "creer", stdin=typed)
    assert done.returncode == 0, done.stderr
    assert "« oui » n'est pas un nom : écrivez le nom du logiciel de facturation, ou laissez vide" in done.stdout
    booking = run(home, "voir", "rendez_vous").stdout
    assert "Plateforme de prise de rendez-vous en ligne" not in booking and " non." not in booking
    assert "Factu D" in run(home, "voir", "facturation").stdout
    assert "aucune" not in run(home, "voir", "echanges").stdout


@pytest.mark.slow
def test_a_bare_number_is_no_software_name_and_is_asked_again(home):
    """Hand-written answers: after the numbered choices, « 1 » typed for the patients' software became a software
    called « 1 » in the register."""
    typed = INTERVIEW.replace("\n1\nLogiciel A\n", "\n1\n1\nLogiciel A\n")  # alone, then « 1 », then the name
    done = run(home, "creer", stdin=typed)
    assert done.returncode == 0, done.stderr
    assert "« 1 » n'est pas un nom : un nom contient au moins une lettre. Écrivez le nom du logiciel des dossiers" in done.stdout
    assert "Logiciel A" in run(home, "voir", "dossiers_patients").stdout


def test_a_name_needs_a_letter_and_no_answer_stays_no_software():
    from gardien.registre import interview as iv

    for typed in ("1", "12.", "2 - 3"):
        with pytest.raises(iv.BadAnswer, match="au moins une lettre"):
            iv.check("logiciel_rdv", typed)
    assert iv.check("logiciel_rdv", "") == "" and iv.check("logiciel_rdv", "-") == ""
    assert iv.check("logiciel_rdv", "Doctolib 2") == "Doctolib 2"


def test_show_a_sheet_before_the_register_names_the_command(home):
    result = run(home, "voir", "dossiers_patients")
    assert result.returncode == 2 and "gardien registre creer" in result.stderr and "Traceback" not in result.stderr


def test_enter_never_chooses_an_answer_that_becomes_a_statement(home):
    """Entrée alone on each question of a first interview: the questions without « Je ne sais pas » are asked again
    (« Tapez un numéro », « Répondez oui ou non »), never answered for her; the input ends: nothing saved."""
    result = run(home, "creer", stdin="\n" * 60)
    assert result.returncode == 2 and "le registre n'a pas changé" in result.stderr
    assert "Tapez un numéro de 1 à 9." in result.stdout  # the profession
    assert not (home / "registre.json").exists()
    # every question answered by Entrée except those that cannot be: MSSanté is never chosen for her
    typed = "\n".join(["1", "", "", "", "", "1", "", "", "oui", "", "", "", "3", "", "", "", "non", "non", "non", "3"]) + "\n"
    done = run(home, "creer", stdin=typed)
    assert done.returncode == 0, done.stderr + done.stdout
    assert "Tapez un numéro de 1 à 3." in done.stdout  # the messaging question, asked again after Entrée
    assert "[1]" not in done.stdout  # no choice preselected: only « Je ne sais pas » ([3]) ever is
    assert "collaboration ou en association ?" not in done.stdout  # she said she practises alone
    note = tmp = home / "note.txt"
    assert run(home, "note", str(tmp)).returncode == 0
    assert "MSSanté" not in note.read_text(encoding="utf-8")


def test_the_summary_says_which_declared_measure_the_last_audit_contradicts(home, monkeypatch):
    from test_registre import _audit

    from gardien.core.model import Status
    from gardien.store import answers, history

    assert run(home, "creer", stdin=INTERVIEW).returncode == 0
    monkeypatch.setenv("GARDIEN_HOME", str(home))
    answers.save("sauvegarde_hors_ligne", "oui")
    history.save(_audit({"sauvegarde": Status.FAIL}))
    shown = run(home, "voir")
    assert shown.returncode == 0, shown.stderr
    assert "Mesures de sécurité à revoir (1) :" in shown.stdout
    assert "Garder une copie de sauvegarde débranchée : Déclaré en place le " in shown.stdout
    assert "mais le dernier bilan" in shown.stdout


@pytest.mark.slow
def test_a_violation_is_asked_question_by_question_once_and_can_be_removed(home):
    """Walkthrough r11 (hand-written answers): only options, underscores; the same violation typed twice was kept
    twice with no way to remove it; « non nécessaire » without a reason was accepted; « — à préciser » said nothing."""
    typed = "05/01/2026 09:30\nClé USB perdue avec des comptes rendus.\n\n\nComptes rendus\nenviron 12\n\n\n"
    asked = run(home, "violations", "ajouter", stdin=typed)
    assert asked.returncode == 0, asked.stderr
    assert "Ce qui s'est passé, en quelques mots :" in asked.stdout and "3. Disponibilité" in asked.stdout
    assert "Conséquences probables pour les personnes concernées" in asked.stdout  # round 23: asked like the others
    assert "Violation notée (numéro" in asked.stdout
    number = asked.stdout.split("numéro ")[1].split(")")[0]
    listed = run(home, "violations", "liste").stdout
    assert "Clé USB perdue avec des comptes rendus." in listed
    assert "— nature à préciser (confidentialité, intégrité ou disponibilité)" in listed
    twice = run(home, "violations", "ajouter", "--decouverte", "05/01/2026 09:30", "--description",
                "Clé USB perdue avec  des comptes rendus.")
    assert twice.returncode == 2 and f"déjà notée (numéro {number}" in twice.stderr
    no_reason = run(home, "violations", "suivi", number, "--cnil", "non nécessaire")
    assert no_reason.returncode == 2 and "notez pourquoi" in no_reason.stderr
    assert "Pas de notification" not in run(home, "violations", "liste").stdout
    kept = run(home, "violations", "supprimer", number, stdin="non\n")
    assert kept.returncode == 0 and "Rien n'a été effacé." in kept.stdout
    removed = run(home, "violations", "supprimer", number, stdin="oui\n")
    assert removed.returncode == 0 and "effacée du registre" in removed.stdout
    assert "Aucune violation enregistrée." in run(home, "violations", "liste").stdout


@pytest.mark.slow
def test_a_violation_date_typed_as_hier_is_taken_and_said_back(home):
    """Walkthrough round 12, finding 16 (hand-written answers): « hier » and « 3/2/26 » were refused; they are read
    now, and the date understood is said back at once so that she can check it."""
    from datetime import datetime, timedelta

    typed = "hier 14h\nOrdinateur portable volé dans la voiture.\n3/2/26\n\n\n\n\n\n"
    asked = run(home, "violations", "ajouter", stdin=typed)
    assert asked.returncode == 0, asked.stdout + asked.stderr
    yesterday = (datetime.now() - timedelta(days=1)).strftime("%d/%m/%Y")
    assert f"Compris : {yesterday} à 14h00." in asked.stdout and "Compris : 03/02/2026." in asked.stdout


@pytest.mark.slow
def test_a_violation_date_said_naturally_is_understood(home):
    """Walkthrough round 16 (hand-written answers): « le 28 novembre vers 18h » was refused (« Date de découverte
    illisible ») while « 28 novembre 18h » was understood: the words around a date and an hour are read."""
    from datetime import datetime

    typed = "le 28 novembre vers 18h\nOrdinateur portable volé dans la voiture.\nle 27/11 à 9 heures\n\n\n\n\n\n"
    asked = run(home, "violations", "ajouter", stdin=typed)
    assert asked.returncode == 0, asked.stdout + asked.stderr
    now = datetime.now()
    year = now.year if (now.month, now.day, now.hour) >= (11, 28, 18) else now.year - 1
    assert f"Compris : 28/11/{year} à 18h00." in asked.stdout and "illisible" not in asked.stdout
    assert "à 9h00." in asked.stdout


# The same practice, unsure of two answers: where the files are kept (« Je ne sais pas ») and whether data leave the
# EU (« Je ne sais pas »). Hand-written answers.
UNSURE = INTERVIEW.replace("Logiciel A\n2\n", "Logiciel A\n3\n").replace("Messagerie C\n\nn\n", "Messagerie C\n\n?\n")


def _gardien(home: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "GARDIEN_HOME": str(home), "LC_ALL": "C.UTF-8"}
    return subprocess.run([GARDIEN, *args], input=stdin, capture_output=True, text=True, env=env, timeout=120)


@pytest.mark.slow
def test_a_new_register_names_the_three_gaps_article_30_asks_first_and_counts_the_rest(home):
    """Round 13: a new register said « 31 éléments à compléter » and nothing more, a wall. What article 30 asks is
    named first, the patients' records before the other activities; the rest is a count."""
    done = run(home, "creer", stdin=UNSURE)
    assert done.returncode == 0, done.stderr
    first = ("À compléter d'abord (ce que le RGPD, article 30, demande dans un registre) :\n"
             "  1. Dossiers patients et suivi des soins : Catégories de données\n"
             "  2. Dossiers patients et suivi des soins : Destinataires\n"
             "  3. Dossiers patients et suivi des soins : Transferts hors de l'Union européenne\n"
             "  et 27 autres éléments.\n")
    assert "30 éléments à compléter" in done.stdout and first in done.stdout, done.stdout
    assert first in run(home, "voir").stdout


@pytest.mark.slow
def test_an_interview_answer_left_unknown_is_asked_again_and_fills_every_gap_it_left(home):
    """Round 13: « Je ne sais pas » to « hors de l'Union européenne » left five gaps, each to fill by hand with words
    that changed no answer. The question is asked again; one answer fills the five, as the interview's answer."""
    assert run(home, "creer", stdin=UNSURE).returncode == 0
    done = run(home, "completer", stdin="\nn\n")  # hosting: skipped; outside the EU: « non »
    assert "Vos éditeurs gardent-ils des données hors de l'Union européenne ?" in done.stdout
    assert "5 éléments restent à compléter pour cette raison" in done.stdout
    assert "Interrompu avant la fin : 1 réponse enregistrée" in done.stderr, done.stderr  # one answer, counted once
    summary = run(home, "voir").stdout
    assert "25 éléments à compléter" in summary
    for sheet in ("dossiers_patients", "facturation", "rendez_vous", "echanges", "comptabilite"):
        shown = run(home, "voir", sheet).stdout
        assert "Aucun transfert hors de l'Union européenne, à la connaissance du cabinet.\n    — Déclaré (entretien)" in shown
    assert "demandez à vos éditeurs si des données sortent" not in run(home, "voir", "facturation").stdout


@pytest.mark.slow
def test_the_hosting_given_while_completing_is_the_fact_the_plan_reads(home):
    """Round 13: typing where the files are kept in « registre completer » changed a text, not the interview's
    answer the plan reads: files online brought no HDS step. The answer given there is the interview's."""
    assert run(home, "creer", stdin=UNSURE).returncode == 0
    said = " ".join(run(home, "voir", "dossiers_patients").stdout.split())
    assert ("Vient d'une question de l'entretien restée sans réponse, « Où sont gardés les dossiers des patients ? » : "
            "gardien registre completer vous la repose") in said, said
    before = _gardien(home, "plan", "--tout")
    assert "Vérifier que l'hébergeur en ligne est certifié HDS" not in before.stdout
    run(home, "completer", stdin="2\n")  # « En ligne (j'y accède par Internet) », then stops
    plan = _gardien(home, "plan", "--tout").stdout
    assert "Vérifier que l'hébergeur en ligne est certifié HDS" in plan, plan
    assert "D'après votre registre, vos dossiers patients sont hébergés en ligne (Logiciel A)." in " ".join(plan.split())
    sheet = run(home, "voir", "dossiers_patients").stdout
    assert "Les dossiers sont hébergés en ligne : l'hébergeur doit être certifié" in sheet
    assert "demandez à l'éditeur si les dossiers sont hébergés en ligne" not in sheet


@pytest.mark.slow
def test_a_breach_recorded_long_after_says_the_delay_has_passed(home):
    """Walkthrough r13, finding 7 (hand-written entries): a breach discovered on 3/2/26, recorded on 30/11/26, was told
    « la CNIL doit être prévenue avant le 06/02/2026 », a date ten months gone, said as if still ahead."""
    from datetime import datetime, timedelta

    from gardien.registre.breaches import CNIL_DELAY_TEXT

    old = run(home, "violations", "ajouter", "--decouverte", "3/2/26", "--description", "Essai : clé USB perdue (fictif)")
    assert old.returncode == 0, old.stderr
    said = " ".join(old.stdout.split())
    assert "prévenue avant le 06/02/2026" not in said
    # round 22: the duty first, then its one exception (art. 33.1: notify unless the breach is unlikely to be a risk)
    assert (f"La CNIL doit être prévenue {CNIL_DELAY_TEXT} après la découverte : ce délai est passé depuis le "
            "05/02/2026 à minuit, à la fin de cette journée") in said  # round 23: 06/02 à 0h00 read as the wrong night
    assert "Notifiez-la maintenant quand même, en expliquant le retard" in said
    recent = run(home, "violations", "ajouter", "--decouverte", "hier 14h", "--description", "Essai : portable volé (fictif)")
    assert recent.returncode == 0, recent.stderr
    said = " ".join(recent.stdout.split())
    deadline = (datetime.now() + timedelta(days=2)).strftime("%d/%m/%Y")
    assert f"La CNIL doit être prévenue dans les meilleurs délais, si possible avant le {deadline} à 14h00" in said
    assert "est passé" not in said


@pytest.mark.slow
def test_an_export_to_a_folder_that_does_not_exist_is_said_in_french(home, tmp_path):
    """Walkthrough round 16: « registre exporter /nope/r.ods » answered « … : No such file or directory. »"""
    assert run(home, "creer", stdin=INTERVIEW).returncode == 0
    missing = tmp_path / "nulle-part" / "registre.ods"
    refused = run(home, "exporter", str(missing))
    assert refused.returncode == 2 and "No such file" not in refused.stderr and "Traceback" not in refused.stderr
    # round 17: the one sentence of every command (explain.missing_folder), naming what would have been written
    assert f"Le dossier {missing.parent} n'existe pas : Gardien ne peut pas y écrire l'export du registre. Rien n'a été " \
           "fait." in " ".join(refused.stderr.split())
    note = run(home, "note", str(missing.parent / "note.pdf"))
    assert note.returncode == 2 and f"Le dossier {missing.parent} n'existe pas : Gardien ne peut pas y écrire la note " \
        "d'information des patients. Rien n'a été fait." in " ".join(note.stderr.split()), note.stderr


def _audit_of_the_disk(home: Path, status: str, started_at: str) -> None:
    """An audit of this computer, kept in `home`, whose disk-encryption check found `status` (pass or fail)."""
    from unittest import mock

    from gardien.core.model import AuditResult, Finding, Severity, Status
    from gardien.store import history

    finding = Finding(id="chiffrement_disque", status=Status(status), severity=Severity.HIGH, theme="chiffrement",
                      title="Chiffrement du disque", detail="", why="", risk="", remediation=(), sources=(),
                      effort_minutes=10)
    result = AuditResult("linux", "test", "test", started_at, "live", (finding,), 50, (), 0.1)
    with mock.patch.dict(os.environ, {"GARDIEN_HOME": str(home)}):
        history.save(result)


@pytest.mark.slow
def test_a_stolen_computer_is_told_what_gardien_measured_of_its_disk(home):
    """Walkthrough round 16 (hand-written answers): a laptop stolen, Gardien's own audit had found its disk not
    encrypted, and nothing said so. Asked, never guessed: « oui » says what the audit measured and when, with
    article 34; « non » says nothing of it."""
    _audit_of_the_disk(home, "fail", "2026-11-20T10:00:00+01:00")
    typed = "hier 18h\nOrdinateur portable volé dans la voiture.\noui\n\n\n\n\n\n\n"
    asked = run(home, "violations", "ajouter", stdin=typed)
    assert asked.returncode == 0, asked.stdout + asked.stderr
    said = " ".join(asked.stdout.split())
    assert "C'est l'ordinateur que Gardien a examiné lors du bilan du 20/11/2026 qui a été perdu ou volé ?" in said
    assert ("D'après le bilan de Gardien du 20/11/2026, le disque de cet ordinateur n'était pas chiffré : qui l'a entre "
            "les mains peut lire ses données.") in said
    assert "Source : RGPD, article 34 — informer les personnes concernées" in said
    assert "n'était pas chiffré" in run(home, "violations", "liste").stdout
    other = run(home, "violations", "ajouter", stdin="hier 9h\nClé USB perdue au cabinet.\nnon\n\n\n\n\n\n\n")
    assert other.returncode == 0 and "D'après le bilan" not in other.stdout


@pytest.mark.slow
def test_a_stolen_computer_no_audit_measured_is_not_said_encrypted_or_not(home):
    declared = run(home, "violations", "ajouter", "--decouverte", "hier 18h", "--description", "Portable volé.",
                   "--cet-ordinateur")
    assert declared.returncode == 0, declared.stderr
    said = " ".join(declared.stdout.split())
    assert "Aucun bilan de Gardien n'a mesuré le chiffrement du disque de cet ordinateur" in said
    assert "était chiffré" not in said and "n'était pas chiffré" not in said
