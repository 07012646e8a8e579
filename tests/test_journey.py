"""The command line as a practitioner meets it: the installed `gardien`, as a real subprocess, in a fresh home.

- Every command shown in README.md runs, in the README's order, with the exit code the README documents, no
  traceback and no English; every command of Gardien answers `--help` in French.
- Usage mistakes get a French sentence and exit code 2; `gardien` alone welcomes, `--version` answers.
- `gardien audit` fits on one screen of 50 lines with the first step last, on this Linux machine and on
  recorded Windows and macOS outputs.
The English detector (english_detector.py) is first seen firing on the English Gardien used to show.
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import ExitStack
from pathlib import Path

import backup_disks
import pytest
from conftest import FIXTURES, fixture_text, interface_banner, shown_in_terminal
from english_detector import english, english_lines

from gardien.cli_french import summary
from gardien.compat import current_platform
from gardien.reminders.linux import cron_daemon_running as _cron_daemon_running

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
INSTALLED = Path(sys.executable).with_name("gardien")
GARDIEN = [str(INSTALLED)] if INSTALLED.is_file() else [sys.executable, "-m", "gardien"]
SCREEN = 50

# --- The detector, seen firing on what Gardien used to show ---------------------------------------------------

# Verbatim outputs of Gardien before the French command line (typer/click/pydantic's own strings) and of a
# browser in English; each must be caught.
ENGLISH_SEEN = [
    "Usage: gardien [OPTIONS] COMMAND [ARGS]...",
    "  --help  Show this message and exit.",
    "Commande incomplète ou invalide (No such command 'audti'. Did you mean 'audit'?). Tapez « gardien --help ».",
    "Valeur invalide : Invalid value for '--nombre': Input should be greater than or equal to 1 Tapez « gardien --help ».",
    "Valeur invalide : Missing argument 'FICHIER|DOSSIER…'. Tapez « gardien --help ».",
    "Error: Got unexpected extra argument (x)",
    "Try 'gardien audit --help' for help.",
    "Option inconnue : --version. Tapez « gardien --help » pour voir les options.\nOptions:\n  --json",
    "Protéger /home/moi/Documents ? [Y/n]:",
    "Aborted!",
    "Choose File",
    "No file chosen",
    "Internal Server Error",
    "Value must be an iterable.",
    "The password is too weak, please choose another one.",
]
FRENCH_SEEN = [
    "Correspondance gardée, chiffrée : gardien reidentifier --correspondance 8a9593be REPONSE.txt",  # a random id
    "Commande inconnue : « audti ». Vouliez-vous dire « audit » ?",
    "Valeur invalide pour l'option --nombre : il faut un nombre entier de 1 à 1000.",
    "Utilisation : gardien audit [OPTIONS]\n\nOptions :\n  --json  Affiche le résultat en JSON (schéma dans docs/json-schema.md).",
    "Vos mots de passe sont-ils ailleurs que sur un post-it ? Vérifiez-le avec Have I Been Pwned.",
    "Tapez sudo apt install unattended-upgrades, puis gardien plan fait mises_a_jour_automatiques.",
    "Le plan range tout, étape par étape ; l'usage courant ; une file d'attente ; le message de l'ANSSI.",
    "Gardien lit les .eml et les .msg d'Outlook, ouvre https://www.cnil.fr/fr/securite et écrit [PERSONNE_1].",
    "Le chiffrement continue pendant que vous travaillez ; une personne qui vous aide peut le faire.",
    "Mot de passe des sauvegardes : hpnu-dexn-3nf6-kwrz-cdk2-y3by",  # drawn at random: « by » is no English here
]


@pytest.mark.parametrize("text", ENGLISH_SEEN)
def test_detector_catches_the_english_gardien_used_to_show(text):
    assert english(text), f"non détecté : {text}"


@pytest.mark.parametrize("text", FRENCH_SEEN)
def test_detector_is_quiet_on_french(text):
    assert english(text) == []


# --- Running the installed command ----------------------------------------------------------------------------

def environment(home: Path, tmp: Path) -> dict[str, str]:
    """A fresh user: Gardien's data, the home folder (shortcuts, caches) and the keyring all in `tmp`."""
    (tmp / "maison").mkdir(exist_ok=True)
    env = dict(os.environ, GARDIEN_HOME=str(home), HOME=str(tmp / "maison"), XDG_DATA_HOME=str(tmp / "maison" / "data"),
               XDG_CONFIG_HOME=str(tmp / "maison" / "config"), XDG_CACHE_HOME=str(tmp / "maison" / "cache"),
               BROWSER="true", COLUMNS="80", LINES="50", TERM="xterm", NO_COLOR="1",
               PYTHONPATH=str(TESTS), PYTHON_KEYRING_BACKEND="keyring_for_tests.TestKeyring",
               GARDIEN_TEST_KEYRING_FILE=str(tmp / "trousseau.json"),
               # the terminal finds this gardien (pipx, an activated environment): its commands read « gardien … »
               PATH=os.pathsep.join((str(INSTALLED.parent), os.environ.get("PATH", ""))))
    env.pop("FORCE_COLOR", None)
    return env


def run(args: list[str], env: dict, cwd: Path, stdin: str | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([*GARDIEN, *args], input=stdin if stdin is not None else "", capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=timeout, check=False)


def _right_answer(shown: str) -> str:
    """The right choice of the quiz question the terminal shows last (the text since the previous answer; a choice may
    go on over the next lines, indented)."""
    from gardien.formation.content import modules

    block = shown.split("Votre réponse")[-2]
    texts = [" ".join(text.split()) for text in re.findall(r"^  \d\. (.+(?:\n {5}.+)*)", block, re.M)]
    for question in (q for m in modules() for q in m.questions):
        choices = [" ".join(c.split()) for c in question.choices]
        if set(choices) == set(texts):
            return str(texts.index(choices[0]) + 1)
    raise AssertionError(f"question introuvable : {block}")


def run_in_terminal(args: list[str], env: dict, cwd: Path, answers: list[tuple], timeout: int = 120) -> tuple[int, str]:
    """Run in a pseudo-terminal, as in a real terminal window: each (prompt, answer) waits for the prompt; an answer
    may be a function of what the terminal showed so far (to copy back what Gardien displayed)."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: becomes gardien, with the terminal as its own
        os.chdir(cwd)
        os.execve(GARDIEN[0], [*GARDIEN, *args], env)
    output, since, pending, deadline = b"", 0, list(answers), time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the child closed the terminal: it ended
                break
            if not chunk:
                break
            output += chunk
        if pending and shown_in_terminal(pending[0][0], output[since:]):
            answer = pending.pop(0)[1]
            if callable(answer):
                answer = answer(output.decode("utf-8", "replace").replace("\r\n", "\n"))
            os.write(fd, (answer + "\n").encode())
            since = len(output)
    else:
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), output.decode("utf-8", "replace").replace("\r\n", "\n")


def check_output(command: str, code: int, expected: set[int], text: str, english_check: bool = True) -> list[str]:
    problems = []
    if code not in expected:
        problems.append(f"{command} : code {code}, attendu {sorted(expected)}\n{text[-1500:]}")
    if "Traceback" in text:
        problems.append(f"{command} : trace Python\n{text[-1500:]}")
    if english_check:
        problems += [f"{command} : anglais — {line}" for line in english_lines(text)]
    return problems


# --- Every command of the README ------------------------------------------------------------------------------

def readme_commands() -> list[str]:
    """Each `gardien …` command of README.md, in order: lines of its shell blocks and inline code spans."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = []
    for block in re.findall(r"```bash\n(.*?)```", text, flags=re.S):
        joined = block.replace("\\\n", " ")
        for line in joined.splitlines():
            line = line.split("#")[0].strip()
            if line == "gardien" or line.startswith("gardien "):
                commands.append(" ".join(line.split()))
    for span in re.findall(r"`(gardien [^`]+)`", re.sub(r"```.*?```", "", text, flags=re.S)):
        commands.append(" ".join(span.split()))
    return list(dict.fromkeys(commands))


def test_every_readme_command_is_in_the_journey():
    missing = [c for c in readme_commands() if c not in JOURNEY_STEPS]
    assert missing == [], f"commandes du README absentes de JOURNEY_STEPS (tests/test_journey.py) : {missing}"


def _failing_important(result: subprocess.CompletedProcess) -> bool:
    findings = json.loads(result.stdout)["findings"]
    return any(f["status"] == "fail" and f["severity"] in ("critical", "high") for f in findings)


# Each README command as the journey runs it: placeholders of the README are replaced by real values
# ({home}: the user's folder, {correspondance}: the mapping id given by pseudonymiser),
# with its documented exit codes, what it reads on its standard input, and how it runs ("terminal": in a
# pseudo-terminal with these prompts and answers; "server": started, then stopped with Ctrl+C).
# the reminders are written either way; the install says « not installed » and exits 1 when no cron daemon runs here
CRON_CODES = {0} if current_platform() != "linux" or _cron_daemon_running() else {1}
JOURNEY_STEPS: dict[str, dict] = {
    "gardien": {"args": ""},
    "gardien --help": {},
    "gardien sauvegarde": {},
    "gardien registre": {},
    "gardien rappels": {"reminders": True, "codes": {0, 1, 4}},
    "gardien audit": {},
    "gardien audit --details": {},
    "gardien audit --html rapport.html": {},
    "gardien audit --json --no-save": {"json": True},
    "gardien audit --echec-a importante": {"codes": "echec-a"},
    "gardien historique": {},
    "gardien interface": {"server": True},
    "gardien interface --sans-navigateur --port 8470": {"server": True, "args": "interface --sans-navigateur --port 0"},
    "gardien interface --raccourci": {},
    "gardien interface --retirer-raccourci": {},
    "gardien questionnaire": {"terminal": [("[o/n/?]", "o"), ("[o/n/?]", "n"), ("[o/n/?]", "?"), ("[o/n/?]", "q")]},
    "gardien plan": {},
    "gardien plan --details": {},
    "gardien plan fait 2": {},  # the second step of the list, by its number
    "gardien rappels installer --jour-maj jeudi --heure-maj 13:00": {"reminders": True, "codes": CRON_CODES},
    "gardien rappels desinstaller": {"reminders": True},
    "gardien rappels installer": {"reminders": True, "codes": CRON_CODES},
    # 0 they will fire, 1 they will not, 4 Gardien cannot tell (exact cases in test_reminders_scheduler.py)
    "gardien rappels etat": {"reminders": True, "codes": {0, 1, 4}},
    "gardien rappels heures-actives --debut 8 --fin 19": {"codes": {0, 2}},  # Windows only: elsewhere a French refusal
    "gardien sauvegarde configurer --dossier ~/Documents/Cabinet --disque /media/moi/DISQUE/sauvegarde":
        {"args": "sauvegarde configurer --dossier {home}/Documents/Cabinet --disque {home}/DISQUE/sauvegarde",
         "restic": True,
         # she copies the password Gardien shows (Gardien creates nothing before she has typed it back)
         "terminal": [("confirmer que vous l'avez noté", lambda shown: re.findall(r"^ {4}(\S+)\s*$", shown, re.M)[-1])]},
    "gardien sauvegarde ajouter --hors-site /media/moi/DISQUE-MAISON/sauvegarde": {
        "args": "sauvegarde ajouter --hors-site {home}/DISQUE-MAISON/sauvegarde", "restic": True},
    "gardien sauvegarde lancer": {"restic": True},
    "gardien sauvegarde verifier": {"restic": True},
    "gardien sauvegarde etat": {"restic": True},
    "gardien sauvegarde restaurer --destination disque-1 --vers ~/Restauration": {
        "args": "sauvegarde restaurer --destination disque-1 --vers {home}/Restauration", "restic": True},
    "gardien sauvegarde copies --destination disque-1": {"restic": True},
    "gardien sauvegarde fiche": {"restic": True},
    # she confirms; the copies stay on the disk, the 3-2-1 rule is said again
    "gardien sauvegarde retirer --destination hors-site-1": {"restic": True, "terminal": [("sauvegardes ?", "o")]},
    "gardien mail analyser message.eml": {},
    "gardien mail analyser - < source.txt": {"args": "mail analyser -", "stdin": "source.txt"},
    "gardien mail analyser --details message.eml": {},
    "gardien mail analyser --json message.eml": {"json": True},
    "gardien mail analyser - < texte.txt": {"args": "mail analyser -", "stdin": "texte.txt", "codes": {0, 1}},
    "gardien mail analyser suspect.eml --reference ancien.eml": {"codes": {0, 1}},
    'gardien pseudonymiser courrier.docx --nom "Marie Dupont" --garder > courrier-pseudonymise.txt': {
        "args": 'pseudonymiser courrier.docx --nom "Marie Dupont" --garder --sortie courrier-pseudonymise.txt'},
    "gardien reidentifier": {"args": "reidentifier", "codes": {2}},  # named alone in the text: a French refusal
    "gardien reidentifier reponse.txt --correspondance 1a2b3c4d --oublier": {
        "args": "reidentifier reponse.txt --correspondance {correspondance} --oublier"},
    "gardien motdepasse verifier": {"terminal": [("Mot de passe", "Camille2024!")]},
    "gardien motdepasse verifier --en-ligne": {"terminal": [("Mot de passe", "Camille2024!")]},  # offline: said so
    "gardien motdepasse generer": {},
    "gardien motdepasse generer --aleatoire": {},
    "gardien motdepasse conseils": {},
    # the interview, each answer left to its default as someone pressing Enter would
    # Entrée where « Je ne sais pas » or a blank is an answer; the questions that have neither are answered (1 sage-femme,
    # 1 alone, FSE yes, 3 no messaging, nobody else, no staff, 3 no accounts): Gardien chooses none of them for her
    "gardien registre creer": {"terminal": [(":", a) for a in ("1", "", "", "", "", "1", "", "", "oui", "", "", "3", "", "", "",
                                                               "non", "non", "non", "non", "3")]},
    "gardien registre voir dossiers_patients": {},
    "gardien registre completer": {"terminal": [(":", "")] * 80},  # Entrée everywhere: nothing chosen, nothing lost
    "gardien registre exporter registre.ods": {},
    "gardien registre importer registre.ods": {},
    "gardien registre note note-patients.pdf": {},
    'gardien registre violations ajouter --decouverte 23/11/2026 --description "Ordinateur portable volé"': {},
    "gardien sauvegarde mot-de-passe --afficher": {"restic": True},
    "gardien envoyer-chiffre compte-rendu.pdf": {},
    'gardien effacer "Anciens comptes rendus"': {"terminal": [("tapez oui", "oui")]},
    "gardien fin-de-vie": {"terminal": [("Votre choix", "3"), ("Votre choix", "1"), ("Votre choix", "1"), ("Votre choix", "1"),
                                        *[("Fait ?", "o")] * 4, ("Décrivez", "Clé USB du cabinet"), ("série", ""),
                                        ("Remis à", ""), ("Fait par", "")]},
    "gardien fin-de-vie certificats": {},
    "gardien formation ajouter Camille": {},
    # she passes the module (since round 13 no attestation is written for a module not passed)
    "gardien formation quiz mots_de_passe --prenom Camille": {"terminal": [("Votre réponse", _right_answer)] * 6},
    "gardien formation modules": {},
    "gardien formation piege --prenom Camille": {"terminal": [("Suspect", "1")] * 5},
    "gardien formation": {},
    "gardien formation attestation Camille --fichier attestation-camille.html": {},
    "gardien formation charte --fichier charte.html": {},
    "gardien reparer": {},  # a fresh home is in good order: nothing to repair, exit 0
    # no answer (no keyboard): its one question defaults to « non », nothing is removed; the stand-in crontab is read
    "gardien desinstaller": {"reminders": True},
    "gardien veille": {},
    "gardien veille installer": {"veille": True},
    "gardien veille reprendre": {},
    "gardien veille desinstaller": {"veille": True},
    # run by hand in the foreground: stopped by Ctrl+C once it says it watches (it then takes its witness files back);
    # refused (2) while the activated watch runs: one watcher at a time
    "gardien veille lancer --dossier …": {"args": "veille lancer --dossier {home}/Documents/Cabinet",
                                          "terminal": [("Ctrl+C pour arrêter", "\x03")], "codes": {0, 2, 130}},
    "gardien veille etat": {},
    "gardien urgence preparer --fiche fiche.pdf": {"terminal": [("] :", "")] * 16},
    "gardien urgence fiche-imprimee": {},
    "gardien urgence": {"terminal": [("Attaqué maintenant", "o")] + [("consigne suivante", "")] * 2 + [("consigne suivante", "q")]},
    "gardien urgence journal verifier": {},
    "gardien urgence brouillon cnil": {},
    "gardien urgence apres": {},
    # inline README commands run last, after « urgence terminer --issue fausse_alerte »: a French refusal (2), a false
    # alarm has nothing to restore; tests/test_urgence_onset.py tests the moment noted in an incident's journal
    'gardien urgence apres --depuis "28/11 18:00"': {"codes": {0, 2}},
    # closes the emergency mode; with none open, a French refusal (exit 2)
    "gardien urgence terminer": {"args": "urgence terminer --issue fausse_alerte", "codes": {0, 2}},
    "gardien audit --enregistrer DOSSIER": {"args": "audit --no-save --enregistrer {home}/enregistrement"},
    "gardien audit --rejouer DOSSIER": {"args": "audit --rejouer {home}/enregistrement"},
}
# A hand-written e-mail (not from the corpus) and a hand-written letter, for the commands that read a file.
MESSAGE = ("From: Cabinet Martin <secretariat@cabinet-martin.fr>\nTo: moi@exemple.fr\nSubject: Rendez-vous de jeudi\n"
           "Date: Mon, 23 Nov 2026 09:12:00 +0100\nContent-Type: text/plain; charset=utf-8\n\n"
           "Bonjour,\nJe vous confirme le rendez-vous de jeudi à 14 h.\nBonne journée.\n")
# Hand-written for this test: the words of a mail as seen on screen, and a message from a look-alike domain.
PASTED = ("De : Assurance Maladie <remboursement@ameli-dossier.info>\nObjet : Remboursement en attente\n\n"
          "Vous avez droit à un remboursement de 143,20 €. Pour le recevoir, confirmez vos coordonnées bancaires "
          "avant 48 heures en cliquant sur le lien ci-dessous.\n")
SUSPECT = MESSAGE.replace("secretariat@cabinet-martin.fr", "secretariat@cabinet-martin-rdv.com")
LETTER = "Chère consœur, je vois ce jour Mme Marie Dupont, née le 04/09/1961, pour un suivi de rééducation."


def _prepare(folder: Path) -> None:
    import docx

    (folder / "message.eml").write_text(MESSAGE, encoding="utf-8")
    (folder / "source.txt").write_text(MESSAGE, encoding="utf-8")
    letter = docx.Document()
    letter.add_paragraph(LETTER)
    letter.save(folder / "courrier.docx")
    cabinet = folder / "maison" / "Documents" / "Cabinet"
    cabinet.mkdir(parents=True)
    for disk in ("DISQUE", "DISQUE-MAISON"):  # the two external disks, plugged in
        (folder / "maison" / disk).mkdir(exist_ok=True)  # a mounted disk when root (external_disks)
    (cabinet / "compte-rendu.txt").write_text("Compte rendu fictif pour les tests.\n", encoding="utf-8")
    (folder / "texte.txt").write_text(PASTED, encoding="utf-8")
    (folder / "suspect.eml").write_text(SUSPECT, encoding="utf-8")
    (folder / "ancien.eml").write_text(MESSAGE, encoding="utf-8")
    old = folder / "Anciens comptes rendus"
    old.mkdir()
    (old / "compte-rendu-2019.txt").write_text("Compte rendu fictif, à effacer.\n", encoding="utf-8")
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.save(folder / "compte-rendu.pdf")


# A stand-in for the `crontab` command (hand-written, for this test only): the table lives in a file of the
# test's folder, so the journey never touches a real account's crontab. tests/test_reminders.py covers real cron.
CRONTAB_STAND_IN = """import sys
from pathlib import Path

table = Path(__file__).with_name("crontab.txt")
if sys.argv[1:] == ["-l"]:
    if not table.exists():
        sys.exit("no crontab for praticienne")  # what cron itself answers when the account has none yet
    print(table.read_text(), end="")
elif sys.argv[1:] == ["-"]:
    table.write_text(sys.stdin.read())
elif sys.argv[1:] == ["-r"]:
    table.unlink(missing_ok=True)
else:
    sys.exit(2)
"""


def _table(folder: Path) -> str:
    table = folder / "crontab.txt"
    return table.read_text(encoding="utf-8") if table.exists() else ""


def _crontab_stand_in(folder: Path) -> str | None:
    """The crontab command the reminder commands may use, or None where Gardien would use systemd's user timers
    (this test cannot keep those away from the real user's session)."""
    if shutil.which("systemctl"):
        systemd = subprocess.run(["systemctl", "--user", "show-environment"], capture_output=True, check=False)
        if systemd.returncode == 0:
            return None
    script = folder / "crontab-essai.py"
    script.write_text(CRONTAB_STAND_IN, encoding="utf-8")
    return f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}"


def _serve(args: list[str], env: dict, cwd: Path) -> tuple[int, str]:
    """Start the interface, wait until it says it is open, then stop it as a user does (Ctrl+C)."""
    process = subprocess.Popen([*GARDIEN, *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=cwd)
    lines, deadline = interface_banner(process), time.monotonic() + 60
    address = re.search(r"http://127\.0\.0\.1:(\d+)", "".join(lines))
    while address and time.monotonic() < deadline:  # she presses Ctrl+C once the page has opened: Gardien answers
        try:  # (its socket takes connections before the server is up: a connection alone is not an answer)
            with socket.create_connection(("127.0.0.1", int(address.group(1))), timeout=2) as connection:
                connection.sendall(b"GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
                if connection.recv(12).startswith(b"HTTP/"):
                    break
        except OSError:
            pass
        time.sleep(0.2)
    process.send_signal(signal.SIGINT)
    rest, _ = process.communicate(timeout=30)
    return process.returncode, "".join(lines) + rest


def _watchers(home: Path) -> list[int]:
    """Processes still running with this journey's GARDIEN_HOME (a watcher left behind)."""
    import psutil

    found = []
    for process in psutil.process_iter(["pid"]):
        try:
            if process.environ().get("GARDIEN_HOME") == str(home):
                found.append(process.pid)
        except (psutil.Error, OSError):
            continue
    return found


def _command_line(pid: int) -> str:
    import psutil

    try:
        return " ".join(psutil.Process(pid).cmdline())
    except psutil.Error:
        return f"{pid} (ended since)"


@pytest.fixture
def external_disks(tmp_path):
    """The two external disks of the backup steps, as real file systems (mounted when root), unmounted after."""
    with ExitStack() as disks:
        if backup_disks.available():
            for name in ("DISQUE", "DISQUE-MAISON"):
                disks.enter_context(backup_disks.disk(tmp_path / "maison" / name, 128))
        yield


@pytest.fixture
def no_watcher_left(tmp_path):
    """Whatever happens in the test, no watcher of its GARDIEN_HOME outlives it (the test itself checks that
    `veille desinstaller` stopped it; this only cleans up after a failure)."""
    import psutil

    yield
    for pid in _watchers(tmp_path / "gardien-home"):
        try:
            psutil.Process(pid).kill()
        except psutil.Error:
            pass


@pytest.mark.skipif(current_platform() != "linux", reason="the journey runs the Linux probes for real")
def test_every_readme_command_in_a_fresh_home(tmp_path, external_disks, no_watcher_left):
    home, folder = tmp_path / "gardien-home", tmp_path
    env = environment(home, tmp_path)
    _prepare(folder)
    crontab = _crontab_stand_in(folder)

    values = {"home": str(folder / "maison"), "correspondance": ""}
    problems, skipped = [], []
    for command in readme_commands():
        step = JOURNEY_STEPS[command]
        if step.get("restic") and (shutil.which("restic") is None or not backup_disks.available()):
            skipped.append(f"{command} (restic absent, ou {backup_disks.REASON})")
            continue
        if (step.get("reminders") or step.get("veille")) and crontab is None:
            skipped.append(f"{command} (les services systemd de l'utilisateur ne sont pas isolables ici)")
            continue
        args = shlex.split(step.get("args", command.removeprefix("gardien ")).format(**values))
        expected = step.get("codes", {0})
        if step.get("server"):
            code, text = _serve(args, env, folder)
        elif "terminal" in step:
            code, text = run_in_terminal(args, env, folder, step["terminal"])
        else:
            stdin = (folder / step["stdin"]).read_text(encoding="utf-8") if "stdin" in step else None
            result = run(args, dict(env, GARDIEN_CRONTAB=crontab) if crontab else env, folder, stdin)
            code, text = result.returncode, result.stdout + result.stderr
            if expected == "echec-a":
                audit = run(["audit", "--json", "--no-save"], env, folder)
                expected = {1} if _failing_important(audit) else {0}
            if step.get("json"):
                json.loads(result.stdout)  # for scripts: valid JSON, keys in English by design (docs/json-schema.md)
                text = result.stderr
        problems += check_output(command, code, expected, text)
        if command.startswith("gardien rappels installer") and "gardien" not in _table(folder):
            problems.append(f"{command} : aucun rappel dans la table de cron")
        if command.startswith("gardien pseudonymiser"):
            found = re.search(r"--correspondance (\w+)", text)
            values["correspondance"] = found.group(1) if found else "absente"
            (folder / "reponse.txt").write_text("Résumé : [PATIENT_1] suit une rééducation.", encoding="utf-8")
    if crontab:  # nothing left behind in the (stand-in) crontab, no watcher left running
        run(["rappels", "desinstaller"], dict(env, GARDIEN_CRONTAB=crontab), folder)
        assert "gardien" not in _table(folder)
        assert run(["veille", "desinstaller"], env, folder).returncode == 0
        left = _watchers(home)
        assert left == [], [_command_line(pid) for pid in left]
    assert (folder / "rapport.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "Marie Dupont" not in (folder / "courrier-pseudonymise.txt").read_text(encoding="utf-8")
    assert problems == [], "\n".join(problems)
    if skipped:
        print("sautées :", *skipped, sep="\n  ")


@pytest.mark.parametrize("args", [
    ["historique"], ["historique", "--json"], ["plan"], ["plan", "--json"], ["questionnaire", "liste"],
    ["questionnaire", "liste", "--json"], ["rappels", "etat"],
    ["sauvegarde", "etat"], ["sauvegarde", "etat", "--json"], ["registre", "voir"], ["registre", "violations", "liste"],
    ["veille", "etat"], ["urgence", "journal", "verifier"], ["fin-de-vie", "certificats"],
])
def test_status_commands_answer_on_a_fresh_home(tmp_path, args):
    result = run(args, environment(tmp_path / "h", tmp_path), tmp_path)
    text = result.stderr if "--json" in args else result.stdout + result.stderr
    assert check_output("gardien " + " ".join(args), result.returncode, {0}, text) == []
    if "--json" in args:
        json.loads(result.stdout)


# --- Every command's help, usage mistakes, the welcome --------------------------------------------------------

def _command_paths() -> dict[tuple[str, ...], object]:
    """Every command and group of `gardien`, by its path of names."""
    import typer

    from gardien.cli import app

    found, todo = {}, [((), typer.main.get_command(app))]
    while todo:
        path, command = todo.pop(0)
        found[path] = command
        todo += [((*path, name), sub) for name, sub in getattr(command, "commands", {}).items()]
    return found


def test_every_command_answers_help_in_french(tmp_path):
    env = environment(tmp_path / "gardien-home", tmp_path)
    problems = []
    commands = _command_paths()
    assert len(commands) > 30
    for path in commands:
        result = run([*path, "--help"], env, tmp_path)
        command = " ".join(["gardien", *path, "--help"])
        problems += check_output(command, result.returncode, {0}, result.stdout + result.stderr)
        if not result.stdout.startswith("Utilisation : gardien"):
            problems.append(f"{command} : pas d'« Utilisation : » en tête\n{result.stdout[:300]}")
        flat = " ".join(result.stdout.split())
        for name, sub in getattr(commands[tuple(path)], "commands", {}).items():
            if summary(sub) not in flat:  # click cuts them at 45 characters with « ... »: ours are whole
                problems.append(f"{command} : description de « {name} » coupée ou absente : {summary(sub)}")
    assert problems == [], "\n".join(problems)


def test_help_lists_commands_in_a_practitioners_order(tmp_path):
    text = run(["--help"], environment(tmp_path / "h", tmp_path), tmp_path).stdout
    order = [text.index(f"\n  {name} ") for name in ("audit", "interface", "questionnaire", "plan", "sauvegarde", "historique")]
    assert order == sorted(order)
    assert "Pour commencer, dans cet ordre :" in text and "-h, --help  Affiche cette aide." in text


@pytest.mark.parametrize(
    "args, words",
    [
        (["audti"], "Commande inconnue : « audti ». Vouliez-vous dire « audit » ?"),
        (["audit", "--jsn"], "Option inconnue de « gardien audit » : « --jsn ». Vouliez-vous dire « --json » ?"),
        (["audit", "--html"], "L'option « --html » de « gardien audit » attend une valeur"),
        (["audit", "en-trop"], "Trop d'éléments dans la commande : « en-trop » n'est pas attendu ici."),
        (["historique", "--nombre", "0"], "Valeur invalide pour l'option --nombre : il faut un nombre entier de 1 à 1000."),
        (["historique", "--nombre", "beaucoup"], "il faut un nombre entier de 1 à 1000"),
        (["mail", "analyser"], "Il manque FICHIER|DOSSIER… après « gardien mail analyser »"),
        (["plan", "reporter"], "Il manque ETAPE après « gardien plan reporter »"),
        (["sauvegarde", "verifier", "--echantillon", "0"], "il faut un nombre de 0.01 à 100, écrit avec un point"),
        (["motdepasse", "generer", "--mots", "3"], "il faut un nombre entier de 5 à 20"),
        (["sauvegarde", "lancr"], "Vouliez-vous dire « lancer » ?"),
        (["plan", "fait", "ID"], "Étape inconnue"),
    ],
)
def test_usage_mistakes_get_french_and_exit_2(tmp_path, args, words):
    result = run(args, environment(tmp_path / "h", tmp_path), tmp_path)
    text = result.stdout + result.stderr
    assert result.returncode == 2, text
    assert words in result.stderr
    assert english_lines(text) == [] and "Traceback" not in text


@pytest.mark.parametrize(
    "args, lines",
    [
        (["mail", "message.eml"], ["« message.eml » est un fichier, pas une commande",
                                   "Tapez : gardien mail analyser message.eml"]),
        (["message.eml"], ["Tapez : gardien mail analyser message.eml"]),  # the group is gardien itself
        (["registre", "export.csv"], ["Tapez l'une de ces commandes :", "  gardien registre exporter export.csv",
                                      "  gardien registre importer export.csv", "  gardien registre note export.csv"]),
        (["urgence", "journal", "journal.pdf"], ["Tapez : gardien urgence journal exporter journal.pdf"]),
        (["mail", "Documents"], ["« Documents » est un dossier, pas une commande",  # made below, in the folder
                                 "Tapez : gardien mail analyser Documents"]),
    ],
)
def test_a_file_given_to_a_group_names_the_command_to_type(tmp_path, args, lines):
    """« gardien mail message.eml »: the file is not a command; the line to type instead is written out whole."""
    (tmp_path / "Documents").mkdir()
    result = run(args, environment(tmp_path / "h", tmp_path), tmp_path)
    text = result.stdout + result.stderr
    assert result.returncode == 2, text
    for line in lines:
        assert line in result.stderr, text
    assert "Commande inconnue" not in text and "Vouliez-vous dire" not in text
    assert english_lines(text) == [] and "Traceback" not in text


@pytest.mark.parametrize(
    "args, command",
    [
        (["mail", "analyser", "message.eml", "--reference"], "gardien mail analyser"),  # option without its value
        (["motdepasse", "generer", "--longueur"], "gardien motdepasse generer"),
        (["historique", "--nombre"], "gardien historique"),
        (["audit", "--json=oui"], "gardien audit"),  # a value given to an option that takes none
        (["sauvegarde", "--inconnue"], "gardien sauvegarde"),  # unknown option, on a group
        (["pseudonymiser", "--inconnue"], "gardien pseudonymiser"),
        (["registre", "note", "--inconnue"], "gardien registre note"),
    ],
)
def test_option_mistakes_point_to_the_sub_commands_own_help(tmp_path, args, command):
    """The parser raises « option without value » with no command attached: the message must still name it."""
    result = run(args, environment(tmp_path / "h", tmp_path), tmp_path)
    assert result.returncode == 2, result.stderr
    assert f"de « {command} »" in result.stderr
    assert f"Utilisation : {command} " in result.stderr
    assert result.stderr.rstrip().endswith(f"L'aide : {command} --help")
    assert "gardien --help" not in result.stderr and "Traceback" not in result.stderr


def test_gardien_alone_welcomes_and_says_what_to_run_first(tmp_path):
    env = environment(tmp_path / "h", tmp_path)
    result = run([], env, tmp_path)
    assert result.returncode == 0
    assert "gardien audit" in result.stdout and "gardien interface" in result.stdout
    assert english_lines(result.stdout) == []
    version = run(["--version"], env, tmp_path)
    from gardien import __version__

    assert version.returncode == 0 and version.stdout.strip() == f"Gardien {__version__}"
    group = run(["sauvegarde"], env, tmp_path)  # a group alone says where things stand, then where its commands are
    assert group.returncode == 0 and group.stdout.startswith("Aucune sauvegarde n'est configurée.")
    assert "Toutes les commandes : gardien sauvegarde --help" in group.stdout
    listed = run(["sauvegarde", "--help"], env, tmp_path)
    assert listed.returncode == 0 and listed.stdout.startswith("Utilisation : gardien sauvegarde [COMMANDE]")


# --- The audit's first screen ---------------------------------------------------------------------------------

def _first_screen_problems(text: str, label: str) -> list[str]:
    lines = text.rstrip("\n").splitlines()
    problems = []
    if len(lines) > SCREEN:
        problems.append(f"{label} : {len(lines)} lignes (au plus {SCREEN})")
    starts = [i for i, line in enumerate(lines) if "Votre premier pas" in line]
    listed = [i for i, line in enumerate(lines) if re.match(r" *\d+\. ", line)]
    if not starts or not lines[-1].startswith("╰") or (listed and starts[-1] < listed[-1]):
        problems.append(f"{label} : le premier pas n'est pas à la fin\n{text}")
    elif "Que faire" not in "\n".join(lines[starts[-1]:]):
        problems.append(f"{label} : le premier pas n'est pas en entier\n{text}")
    problems += [f"{label} : anglais — {line}" for line in english_lines(text)]
    return problems


def _recording(folder: Path, os_name: str, outputs: dict[str, str]) -> Path:
    folder.mkdir()
    (folder / "gardien-enregistrement.json").write_text(json.dumps({"format": 1, "os": os_name}), encoding="utf-8")
    for name, fixture in outputs.items():
        (folder / f"{name}.stdout.txt").write_text(fixture_text(fixture), encoding="utf-8")
    return folder


# Real recorded outputs of ../shared/fixtures, put together as a support person's recording would be.
RECORDED = {
    "windows": {
        "firewall": "windows/netsh-advfirewall-show-currentprofile.en.off.txt",
        "manage_bde": "windows/manage-bde-status.en.used-space-only-protection-off.txt",
        "antivirus_products": "windows/get-ciminstance-securitycenter2-antivirusproduct.defender-only.txt",
        "defender": "windows/get-mpcomputerstatus.en.2025.txt",
        "whoami_groups": "windows/whoami-groups.en.domain-admin-high-table.txt",
        "wlan": "windows/netsh-wlan-show-interfaces.fr.txt",
    },
    "macos": {
        "fdesetup": "macos/fdesetup-status.off-restart-pending-deferred.txt",
        "screenlock": "macos/sysadminctl-screenLock-status.delay-300-seconds.txt",
        "guest": "macos/sysadminctl-guestAccount-status.disabled.txt",
        "pmset": "macos/pmset-g-custom.txt",
        "softwareupdate": "macos/softwareupdate-l.update-available.noscan.txt",
        "tm_destinations": "macos/tmutil-destinationinfo.not-configured.txt",
        "airport": "macos/system_profiler-json-SPAirPortDataType.mac-sp_15.5-wpa2-en.txt",
    },
}


@pytest.mark.skipif(current_platform() != "linux", reason="runs the Linux probes for real")
def test_audit_first_screen_fits_with_the_first_step_last_on_this_machine(tmp_path):
    result = run(["audit", "--no-save"], environment(tmp_path / "h", tmp_path), tmp_path)
    assert result.returncode == 0, result.stderr
    assert _first_screen_problems(result.stdout, "Linux") == []
    print(f"Linux : {len(result.stdout.splitlines())} lignes")


@pytest.mark.parametrize("os_name", sorted(RECORDED))
@pytest.mark.parametrize("recorded", [True, False], ids=["sorties-enregistrees", "rien-de-lisible"])
def test_audit_first_screen_fits_on_recorded_windows_and_macos(tmp_path, os_name, recorded):
    if not FIXTURES.is_dir():
        pytest.skip(f"sorties enregistrées absentes : {FIXTURES}")
    folder = _recording(tmp_path / "rec", os_name, RECORDED[os_name] if recorded else {})
    result = run(["audit", "--rejouer", str(folder)], environment(tmp_path / "h", tmp_path), tmp_path)
    assert result.returncode == 0, result.stderr
    assert _first_screen_problems(result.stdout, os_name) == []
    details = run(["audit", "--rejouer", str(folder), "--details"], environment(tmp_path / "h", tmp_path), tmp_path)
    assert details.returncode == 0 and "Le détail, point par point" in details.stdout
    assert details.stdout.rstrip().splitlines()[-1].startswith("╰")  # the first step stays last
    print(f"{os_name} ({'sorties enregistrées' if recorded else 'rien de lisible'}) : {len(result.stdout.splitlines())} lignes")
