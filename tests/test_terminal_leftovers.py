"""Round 14 (fix14_a): leftovers of the practitioners' walkthroughs in the terminal, the plan and the register. Each
test runs Gardien as a real subprocess on a fresh GARDIEN_HOME (this test's own), as she would type it; the register
interviews, names and dates below are examples written by hand."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

from gardien.questionnaire.questions import Answer, questions
from gardien.registre import builder, storage
from gardien.registre.interview import Access, Hosting, Interview, Practice
from gardien.store import answers

ONLINE = Interview(nom="Claire Martin", exercice=Practice.ALONE, logiciel_dossiers="Logiciel A",
                   hebergement=Hosting.ONLINE, acces=[Access.SECRETARIAT])
# the interface's words for its pages and buttons: never in the terminal's plan
WEB_WORDS = re.compile(r"rubrique « |ouvrez « |page « |la page Sauvegardes|« C'est fait »|« Je l'ai imprimée »|"
                       r"Compléter ce qui manque|Noter mes contacts d'urgence|Préparer la charte|cliquez sur «")


def _gardien(args: list[str], home, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, GARDIEN_HOME=str(home), COLUMNS="250")
    return subprocess.run([sys.executable, "-m", "gardien", *args], capture_output=True, text=True, env=env,
                          input=stdin, timeout=180, check=False)


def _every_step_open() -> None:
    """Every question answered « non » (every question's step in the plan), a register with gaps, one learner."""
    from gardien.formation import progress

    for question in questions():
        answers.save(question.id, Answer.NO)
    storage.save(builder.build(ONLINE))
    progress.add_learner("Camille")


# --- 1. the plan in the terminal names commands, the interface names pages ---------------------------------------

def test_the_terminal_plan_names_the_commands_and_the_interface_names_its_pages(isolated_home):
    """`gardien plan` sent her to the interface for the register (« Registre RGPD », puis « Compléter ce qui
    manque »), the training, the emergency contacts, the charter, the password advice…: in the terminal, each names
    the command that does it (failed on main)."""
    _every_step_open()
    shown = _gardien(["plan", "--details"], isolated_home)
    assert shown.returncode == 0, shown.stderr
    assert not WEB_WORDS.search(shown.stdout), WEB_WORDS.search(shown.stdout)
    for command in ("gardien registre completer", "gardien urgence preparer", "gardien urgence fiche-imprimee",
                    "gardien formation modules", "gardien formation charte", "gardien motdepasse conseils cps"):
        assert command in shown.stdout, command
    register = shown.stdout[shown.stdout.index("Tenir le registre des traitements"):]
    assert "gardien registre completer" in register[:register.index("Une fois fait")]

    from conftest import logged_in_client, visible_text

    page = visible_text(logged_in_client().get("/plan").text)  # the interface keeps its own words, no command
    assert "Compléter ce qui manque" in page and "Noter mes contacts d'urgence" in page
    assert not re.search(r"gardien (registre|urgence|formation|motdepasse|sauvegarde) ", page)


def test_the_backup_step_of_the_audit_names_the_backup_commands_in_the_terminal():
    """The audit's backup step said « ouvrez Gardien à la page Sauvegardes et cliquez… » in `gardien audit` and
    `gardien plan` too (failed on main): the terminal's words name `gardien sauvegarde …`."""
    from gardien.core.registry import discover

    spec = next(spec for spec in discover() if spec.id == "sauvegarde")
    for platform, steps in spec.meta.remediation.items():
        for step in steps:
            assert not WEB_WORDS.search(step.terminal_text), (platform, step.terminal_text)
        said = " ".join(step.terminal_text for step in steps)
        assert "gardien sauvegarde configurer" in said and "gardien sauvegarde verifier" in said, platform
        assert "page Sauvegardes" in " ".join(step.text for step in steps)  # the interface's own words


def test_the_emergency_sheet_marked_done_with_a_contact_missing_names_the_command_in_the_terminal(isolated_home):
    """« Marquée faite, mais … notez-les dans Gardien (« En cas d'attaque », puis « Noter mes contacts d'urgence ») »
    was the terminal's answer to `gardien plan fait fiche_reflexe` (failed on main)."""
    answer = _gardien(["plan", "fait", "fiche_reflexe"], isolated_home)
    assert answer.returncode == 0, answer.stderr
    assert "il manque" in answer.stdout and "gardien urgence preparer" in answer.stdout
    assert not WEB_WORDS.search(answer.stdout), answer.stdout


# --- 2. the training step has a short id she can type --------------------------------------------------------------

def test_the_training_step_is_typed_formation_and_its_long_id_never_shows(isolated_home):
    """« gardien plan fait formation_rappel_2026-11-30-6a004e »: the id of the training reminder holds a date and a
    digest (so that a step marked done comes back with the next reminder). She sees and types « formation »
    (failed on main)."""
    from gardien.formation import progress

    progress.add_learner("Camille")
    shown = _gardien(["plan", "--details"], isolated_home).stdout
    assert "gardien plan fait formation\n" in shown or "gardien plan fait formation " in shown, shown
    rows = json.loads(_gardien(["plan", "--json"], isolated_home).stdout)
    assert [row["id"] for row in rows if row["source"] == "formation"] == ["formation"]
    done = _gardien(["plan", "fait", "formation"], isolated_home)
    assert done.returncode == 0 and "gardien plan rouvrir formation" in done.stdout, done.stderr
    every = _gardien(["plan", "--tout"], isolated_home).stdout
    assert "gardien plan rouvrir formation" in every
    assert _gardien(["plan", "rouvrir", "formation"], isolated_home).returncode == 0
    later = _gardien(["plan", "reporter", "formation"], isolated_home)
    assert later.returncode == 0 and "gardien plan rouvrir formation" in later.stdout
    for output in (shown, done.stdout, every, later.stdout):
        assert "formation_rappel_" not in output
    progress.add_learner("Inès")  # a new reminder: the step marked postponed is a new one, in the plan again
    assert "gardien plan fait formation" in _gardien(["plan"], isolated_home).stdout


# --- 4. ordinary names, with a role in brackets ----------------------------------------------------------------------

def test_a_name_with_a_role_in_brackets_an_apostrophe_or_accents_is_accepted_and_a_bad_one_says_why(isolated_home):
    """« formation ajouter "Sophie (secrétariat)" » was refused (failed on main): a first name with its role in
    brackets, an apostrophe, a hyphen or accents is accepted; what is refused says why, in French, exit 2."""
    for name in ("Sophie (secrétariat)", "N'Golo", "Anne-Marie (accueil)", "Éloïse B."):
        added = _gardien(["formation", "ajouter", name], isolated_home)
        assert added.returncode == 0, (name, added.stderr)
    listed = _gardien(["formation"], isolated_home).stdout
    assert "Sophie (secrétariat)" in listed and "Anne-Marie (accueil)" in listed
    for name, reason in (("Camille2", "le caractère « 2 »"), ("camille@cabinet.fr", "le caractère « @ »"),
                         ("Sophie (secrétariat", "entre parenthèses")):
        refused = _gardien(["formation", "ajouter", name], isolated_home)
        assert refused.returncode == 2 and reason in refused.stderr, (name, refused.stderr)
        assert "Traceback" not in refused.stderr


# --- 6. incidents and journal entries read apart; the plan's draft hint uses the incident's number ----------------------

def test_the_plan_names_the_incident_by_its_number_and_entries_are_not_read_as_incidents(isolated_home):
    """`gardien plan` said « --incident j981a00a7 » (the register's id), while the journal shows « Incident n° 1 », and
    the journal listed its entries « n° 1, n° 2 » under « Incident n° 1 » (failed on main). A hand-made incident."""
    from gardien.urgence import state

    state.open_(state.Origin.ALERT, "Signes de rançongiciel : 3 documents chiffrés (exemple).", {"documents_perdus": 3})
    state.close(state.Outcome.ATTACK)
    plan = _gardien(["plan"], isolated_home).stdout
    hint = next(line for line in plan.splitlines() if "brouillon cnil" in line)
    assert hint.rstrip().endswith("--incident 1"), hint
    typed = hint.split(": ", 1)[-1].split()  # « gardien urgence brouillon cnil --incident 1 »
    draft = _gardien(typed[1:], isolated_home)  # the hint, typed as it is
    assert draft.returncode == 0 and "notification de violation" in draft.stdout, draft.stderr
    journal = _gardien(["urgence", "journal", "liste"], isolated_home).stdout
    assert "Incident n° 1 —" in journal and "  entrée n° 1 " in journal and not re.search(r"^  n° \d", journal, re.M)
    register = _gardien(["registre", "violations", "liste"], isolated_home).stdout
    assert "incident n° 1 du journal des incidents" in register


# --- 9. `gardien audit --html` builds the plan once --------------------------------------------------------------------

COUNTED = ("import atexit, sys; from gardien.plan import build, first; calls = []; real = build.build\n"
           "def counted(*args, **kwargs):\n    calls.append(1)\n    return real(*args, **kwargs)\n"
           "build.build = first.build = counted\n"
           "atexit.register(lambda: sys.stderr.write(f'PLANS BUILT: {len(calls)}\\n'))\n"
           "sys.argv = ['gardien', *sys.argv[1:]]\nfrom gardien.entry import main\nmain()")


def test_the_audit_with_its_html_report_builds_the_plan_once(isolated_home, tmp_path):
    """The terminal report and the HTML report each called plan/first.for_audit, and each built the whole plan (failed
    on main: 2). A live audit of this machine, not saved; the builds are counted in the subprocess itself."""
    env = dict(os.environ, GARDIEN_HOME=str(isolated_home), COLUMNS="250")
    shown = subprocess.run([sys.executable, "-c", COUNTED, "audit", "--no-save", "--html", str(tmp_path / "r.html")],
                           capture_output=True, text=True, env=env, timeout=300, check=False)
    assert shown.returncode in (0, 1), shown.stderr
    assert "PLANS BUILT: 1" in shown.stderr, shown.stderr
    report = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "Votre premier pas" in shown.stdout and "Votre premier pas" in report


# --- 10. the emergency sheet's readiness reads the contacts file once ------------------------------------------------

def test_readiness_reads_the_contacts_file_once(monkeypatch):
    """urgence/contacts.readiness() read its file four times per call (contacts, preparation, printing, how it was
    kept), and the plan, the dashboard and the emergency page each call it (failed on main). Hand-typed contacts."""
    from gardien import statefile
    from gardien.urgence import contacts

    contacts.save({"prestataire": {"nom": "Info Services (exemple)", "telephone": "01 02 03 04 05"}})
    contacts.mark_prepared(contacts.SheetKept.OPENED)
    reads = []
    real = statefile.read
    monkeypatch.setattr(statefile, "read", lambda path, *a, **k: reads.append(path) or real(path, *a, **k))
    ready = contacts.readiness()
    assert reads == [contacts.path()], reads
    assert ready.prepared_at and not ready.printed_at and any("assureur" in m for m in ready.missing)
    assert not any("prestataire" in m for m in ready.missing)


# --- 7. the register completer: the register's order, one answer counted once -------------------------------------

def test_the_completer_asks_in_the_registers_order_and_counts_one_answer_once(isolated_home):
    """`registre completer` asked the legal bases first while `registre voir` lists what article 30 requires first
    (regfix13), and one answer « pour toutes les activités » was counted as 5 answers (failed on main). The register
    is the hand-written interview ONLINE; she skips the interview's questions and gives one shared answer."""
    from gardien.registre import choices, exports

    storage.save(builder.build(ONLINE))
    register = exports.current()
    expected = list(dict.fromkeys(g.field.label for g in builder.by_priority(builder.gaps(register))
                                  if not builder.answered_by(g, Interview.from_dict(register.interview))
                                  and g.sheet.id != "cabinet"))
    skipped = "\n" * len(builder.open_answers(register))
    shown = _gardien(["registre", "completer"], isolated_home, stdin=skipped + "1\n" + "\n" * 40)
    asked = re.findall(r"^== (.+?) \(\d+\) ==$", shown.stdout, re.M)
    titles = {g.title: g.key for g in choices.groups(register)}
    labels = {g.key: g.gaps[0].field.label for g in choices.groups(register)}
    assert [labels[titles[title]] for title in asked if titles[title] != "cabinet"] == expected, (asked, expected)
    assert "1 réponse enregistrée (5 éléments complétés)" in shown.stdout, shown.stdout[-600:] + shown.stderr
    # an interview question asked again (« hors de l'Union européenne ? », 5 gaps): one answer, counted once
    storage.save(builder.build(ONLINE))
    answered = _gardien(["registre", "completer"], isolated_home, stdin="\n\nn\n")
    assert "Interrompu avant la fin : 1 réponse enregistrée" in answered.stderr, answered.stderr


# --- 3. `registre creer`: every yes/no question asked the questionnaire's way -----------------------------------------

GROUP_INTERVIEW = ("1\nClaire Martin (exemple)\n\n\n\n2\no\n?\nLogiciel A\n2\nn\n\n\n1\n\n\nn\n" + "n\n" * 3 + "o\n1\n")


def test_every_yes_no_question_of_the_interview_is_asked_as_the_questionnaire_asks(isolated_home):
    """`registre creer` asked some yes/no questions as numbered choices (« 1. Oui 2. Non 3. Je ne sais pas ») and the
    others as « (oui/non) » to type (failed on main). Every yes/no question now reads « Votre réponse [o/n] » or
    « [o/n/?] », as the questionnaire's; the lists (profession, hosting…) keep their numbers. A hand-written group
    practice: shared software « o », patients « ? », outside the EU « n », and so on."""
    done = _gardien(["registre", "creer"], isolated_home, stdin=GROUP_INTERVIEW)
    assert done.returncode == 0, done.stdout[-800:] + done.stderr
    assert "(oui/non)" not in done.stdout and "  1. Oui\n" not in done.stdout
    yes_no = re.findall(r"Votre réponse \[(o/n(?:/\?)?)\]", done.stdout)
    assert yes_no.count("o/n/?") == 3 and len(yes_no) >= 6, yes_no  # shared software, > 10 000, outside the EU; FSE…
    assert "Votre choix (numéro)" in done.stdout  # the lists
    from gardien.registre.interview import Answer as RegisterAnswer

    kept = Interview.from_dict(storage.load().interview)
    assert kept.si_commun is RegisterAnswer.YES and kept.plus_10000 is RegisterAnswer.UNKNOWN
    assert kept.hors_ue is RegisterAnswer.NO and kept.fse is False and kept.salaries is True
    refused = _gardien(["registre", "creer"], isolated_home, stdin="1\n\n\n\n\n1\n\n1\npeut-être\n")
    assert "Répondez o (oui) ou n (non)." in refused.stdout and "Traceback" not in refused.stderr


def test_the_password_advice_names_no_page_of_the_interface_in_the_terminal(isolated_home):
    """`gardien motdepasse conseils` said « le générateur de Gardien en crée une, rubrique « Mot de passe » », a page
    of the interface, in the terminal (failed on main); the advice is shown on that page itself too, so it names none."""
    for topic in ("gestionnaire", "un-par-service"):
        shown = _gardien(["motdepasse", "conseils", topic], isolated_home)
        assert shown.returncode == 0 and "générateur de Gardien" in shown.stdout, shown.stderr
        assert not WEB_WORDS.search(shown.stdout), shown.stdout
