"""A command shown in the terminal report stays one command when she copies its lines (walkthrough, round 8: an
80-column terminal cut « … dpkg-reconfigure -plow » and « unattended-upgrades » into two commands). The commands are
Gardien's own remediation commands, written out here by hand."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from gardien.report.text import shell_lines

LONG = "sudo apt install unattended-upgrades && sudo dpkg-reconfigure -plow unattended-upgrades"
SED = "sudo sed -i 's/^[[:space:]]*allow-guest[[:space:]]*=[[:space:]]*true/allow-guest=false/I' /etc/lightdm/lightdm.conf"


def test_a_command_that_fits_is_one_line():
    assert shell_lines("sudo ufw enable", 60) == ["sudo ufw enable"]
    assert shell_lines(LONG, 100) == [LONG]


@pytest.mark.parametrize("width", [30, 50, 66])
def test_lines_fit_and_are_cut_where_the_shell_goes_on(width):
    lines = shell_lines(LONG, width)
    assert len(lines) > 1 and all(len(line) <= width for line in lines)
    assert all(line.endswith((" &&", " \\")) for line in lines[:-1])
    # pasted together, the lines are the same words as the command
    assert " ".join(line.removesuffix(" \\") for line in lines) == LONG


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash absent")
@pytest.mark.parametrize("command", [LONG, SED])
def test_bash_reads_the_lines_as_the_one_command(command):
    pasted = "\n".join(shell_lines(command, 50))
    # a `sudo` function that prints its arguments stands for the real one: nothing is run
    shown = subprocess.run(["bash", "-c", f"sudo() {{ echo \"$*\"; }}\n{pasted}"], capture_output=True, text=True)
    expected = subprocess.run(["bash", "-c", f"sudo() {{ echo \"$*\"; }}\n{command}"], capture_output=True, text=True)
    assert shown.stdout == expected.stdout and shown.stdout


def test_powershell_is_left_whole():
    command = "Set-MpPreference -EnableControlledFolderAccess AuditMode"
    assert shell_lines(command, 20) == [command]


# --- French guillemets in narrow terminals ------------------------------------------------------------------------
# A practitioner's 80-column audit box showed « cliquez sur « Déverrouiller » with « » » alone at the start of the
# next line, and « passez-le en « » / « Standard » ». The sentence below is one of Gardien's own remediation steps.
STEP = ("GNOME : ouvrez Paramètres > Utilisateurs, cliquez sur « Déverrouiller », puis « Ajouter un utilisateur » de "
        "type Administrateur. Passez votre compte en « Standard » (désactivez « Administrateur »).")


def _lone_guillemets(lines: list[str]) -> list[str]:
    inner = [line.strip("│ ╭╮╰╯─") for line in lines]
    return [line for line in inner if line.startswith("»") or line.endswith("«")]


@pytest.mark.parametrize("width", range(30, 70, 3))
def test_no_guillemet_is_left_alone_at_a_line_break_in_a_narrow_box(width):
    from rich.console import Console
    from rich.panel import Panel

    from gardien.report import wrapping

    wrapping.install()
    console = Console(width=width, record=True, color_system=None)
    console.print(Panel(STEP))
    lines = console.export_text().splitlines()
    assert not _lone_guillemets(lines), "\n".join(lines)
    # the same words, ordinary spaces: nothing a legacy console cannot show, nothing odd in a copied command
    assert " ".join(line.strip("│ ╭╮╰╯─") for line in lines).split() == STEP.split()
    assert "\u00a0" not in console.export_text()


@pytest.mark.parametrize("width", range(30, 70, 3))
def test_no_line_starts_with_a_colon_in_a_narrow_box(width):
    """Review, round 22 (hand-written sentence): « Identifiants volés ou fausse page de connexion » then a line
    opening on « : consulter des données de santé » at 80 columns; the space before « : ; ! ? » stays with its word."""
    from rich.console import Console

    from gardien.report import wrapping

    wrapping.install()
    text = ("Identifiants volés ou fausse page de connexion : consulter des données ; vraiment ? Oui ! "
            "Puis la suite : encore des mots à couper, autant qu'il en faut.")
    console = Console(width=width, record=True, color_system=None)
    console.print(text)
    lines = console.export_text().splitlines()
    assert not [line for line in lines if line.lstrip()[:1] in (":", ";", "?", "!")], "\n".join(lines)
    assert " ".join(lines).split() == text.split()


def test_no_break_spaces_are_not_line_breaks_and_the_help_keeps_guillemets_whole():
    from rich.console import Console

    from gardien.report import wrapping

    wrapping.install()
    console = Console(width=20, record=True, color_system=None)
    console.print("un deux trois quatre\u00a0cinq six")
    assert "quatre\u00a0cinq" in console.export_text()
    for width in range(20, 60, 2):
        assert not _lone_guillemets(wrapping.fill(STEP, width).splitlines())


@pytest.mark.slow
def test_the_audit_in_a_narrow_terminal_has_no_lone_guillemet(isolated_home, tmp_path):
    import os
    import sys

    env = dict(os.environ, GARDIEN_HOME=str(isolated_home), COLUMNS="46")
    shown = subprocess.run([sys.executable, "-m", "gardien", "audit", "--details", "--no-save"], capture_output=True,
                           text=True, env=env, timeout=120)
    assert shown.returncode == 0, shown.stderr
    assert "«" in shown.stdout and max(len(line) for line in shown.stdout.splitlines()) <= 46
    assert not _lone_guillemets(shown.stdout.splitlines())


LONG_LINES = [
    "   a) Dans Gardien, ouvrez « En cas d'attaque », puis « Noter mes contacts d'urgence » : prestataire informatique, "
    "éditeur de votre logiciel, assureur.",
    "Question 3 sur 38 : Les personnes qui travaillent avec vous sont-elles sensibilisées aux risques ? [o/n/?] : ",
    "Source : https://www.cnil.fr/fr/securite-des-donnees/notifier-une-violation-de-donnees-personnelles-a-la-cnil",
    "court",
]


@pytest.mark.parametrize("width", range(20, 90, 7))
@pytest.mark.parametrize("column", [0, 5, 30])
def test_a_long_line_is_cut_at_spaces_and_keeps_every_word(width, column):
    # hand-written lines in the shape of the plan's, the questionnaire's prompt and a source
    from gardien.report.wrapping import wrap_line

    for line in LONG_LINES:
        wrapped = wrap_line(line, width, column)
        assert wrapped.split() == line.split(), (wrapped, line)
        assert wrapped.endswith(" ") == line.endswith(" ")  # a prompt keeps the space before the cursor
        for index, part in enumerate(wrapped.split("\n")):
            start = column if index == 0 else 0
            assert start + len(part) <= width or len(part.split()) <= 1 or (
                part.split()[0].startswith("https") and start + len(part.split()[0]) > width), (width, column, part)
        assert not _lone_guillemets(wrapped.splitlines())
        assert not any(part.lstrip()[:1] in (":", ";", "!", "?") for part in wrapped.split("\n")), wrapped


def test_only_a_terminal_gets_its_lines_cut_and_a_whole_styled_line_keeps_its_style_on_each_piece():
    import io

    from gardien.report.wrapping import TerminalLines

    screen = io.StringIO()
    terminal = TerminalLines(screen, width=lambda: 30)
    terminal.write("Une phrase assez longue pour ")  # a line written in two pieces, as a prompt and its answer
    terminal.write("être coupée avant le bord.\n\x1b[1mGras très long qui dépasse la largeur\x1b[0m\n")
    # walkthrough round 12: a bold title went whole to the terminal, which cut it inside a word (« l'i|ncident »)
    assert screen.getvalue() == ("Une phrase assez longue pour \nêtre coupée avant le bord.\n"
                                 "\x1b[1mGras très long qui dépasse la\x1b[0m\n\x1b[1mlargeur\x1b[0m\n")
    terminal.write("\x1b[1mTitre\x1b[0m suivi d'un texte assez long\n")  # styles inside a line: left to their writer
    assert screen.getvalue().endswith("\x1b[1mTitre\x1b[0m suivi d'un texte assez long\n")
    terminal.write("\x1b[1mCourt\x1b[0m")  # the column counts what shows, not the style's codes
    terminal.write(" et la suite tient")
    assert screen.getvalue().endswith("\x1b[1mCourt\x1b[0m et la suite tient")


def _shown_until_closed(master: int, answers: list[tuple[bytes, bytes]] | None = None) -> bytes:
    """What a pseudo-terminal showed until its program ended; each answer typed once its question is shown, as she
    would."""
    import os

    answers = list(answers or [])
    output = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal closed with the program
            break
        if not chunk:
            break
        output += chunk
        if answers and answers[0][0] in output:
            os.write(master, answers.pop(0)[1])
    return output


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_the_plan_in_an_80_column_terminal_cuts_no_word(isolated_home):
    import fcntl
    import os
    import pty
    import struct
    import termios

    env = dict(os.environ, GARDIEN_HOME=str(isolated_home))
    env.pop("COLUMNS", None)
    piped = subprocess.run([sys.executable, "-m", "gardien", "plan"], capture_output=True, text=True, env=env,
                           timeout=120, check=False)
    assert piped.returncode == 0 and max(len(line) for line in piped.stdout.splitlines()) > 80  # long lines to cut
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    shown = subprocess.Popen([sys.executable, "-m", "gardien", "plan"], stdin=slave, stdout=slave, stderr=slave,
                             env=env)
    os.close(slave)
    output = _shown_until_closed(master)
    os.close(master)
    assert shown.wait(timeout=120) == 0
    lines = output.decode("utf-8").replace("\r\n", "\n").splitlines()
    assert all(len(line) <= 80 for line in lines if " " in line.strip()), [line for line in lines if len(line) > 80]
    assert "\n".join(lines).split() == piped.stdout.split()  # the same words, none cut in two


# hand-written: a question answered in the terminal, then a long line, as `registre creer` asks them
_ASKS_THEN_PRINTS = """
import typer
from gardien.report import wrapping
wrapping.wrap_terminal_output()
typer.prompt("Votre nom, ou celui du cabinet", prompt_suffix=" : ")
typer.prompt("Votre ville", prompt_suffix=" : ")
print("Où les patients peuvent vous écrire au sujet de leurs données, par courrier ou par téléphone ?")
"""


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_a_line_after_an_answer_starts_at_the_left_edge():
    import os
    import pty

    from conftest import shown_in_terminal

    pid, master = pty.fork()
    if pid == 0:  # the child: an 80-column terminal, where the answers are typed
        import fcntl
        import struct
        import termios

        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        os.environ.pop("COLUMNS", None)
        os.execv(sys.executable, [sys.executable, "-c", _ASKS_THEN_PRINTS])
    output = _shown_until_closed(master, [(b"cabinet : ", b"Cabinet Martin\n"), (b"ville : ", b"Lyon\n")])
    os.waitpid(pid, 0)
    lines = output.decode("utf-8").replace("\r\n", "\n").splitlines()
    first = next(line for line in lines if line.startswith("Où"))
    assert len(first) > 60, output  # cut at the width (80), not where the prompt ended
    assert shown_in_terminal("Où les patients peuvent vous écrire au sujet de leurs données", output)


def test_rich_boxes_pass_through_a_terminal_unchanged_even_without_colours():
    import io

    from rich.console import Console
    from rich.panel import Panel

    from gardien.report.wrapping import TerminalLines

    direct, through = io.StringIO(), io.StringIO()
    Console(file=direct, width=40, color_system=None).print(Panel(STEP))
    Console(file=TerminalLines(through, width=lambda: 40), width=40, color_system=None).print(Panel(STEP))
    assert through.getvalue() == direct.getvalue()


def _in_a_narrow_terminal(command: list[str], home, answers: list[tuple[bytes, bytes]], width: int = 40) -> list[str]:
    """The lines a `width`-column terminal showed while `gardien …` ran, its questions answered as they came."""
    import os
    import pty

    pid, master = pty.fork()
    if pid == 0:
        import fcntl
        import struct
        import termios

        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, width, 0, 0))
        # the terminal's own width (pytest's COLUMNS reaches a child whatever os.environ says)
        env = {key: value for key, value in os.environ.items() if key not in ("COLUMNS", "LINES")}
        os.execve(sys.executable, [sys.executable, "-m", "gardien", *command], {**env, "GARDIEN_HOME": str(home)})
    output = _shown_until_closed(master, answers)
    os.waitpid(pid, 0)
    return output.decode("utf-8").replace("\r\n", "\n").split("\n")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
@pytest.mark.parametrize(("command", "question", "answer"), [
    (["urgence"], "Attaqué maintenant ? o : oui ; n : non, lire les consignes ; q : quitter", b"q\n"),  # input()
    (["motdepasse", "verifier"], "Mot de passe à vérifier (rien ne s'affiche pendant la frappe) :", b"\n"),  # getpass
    (["registre", "creer"], "Où les patients peuvent vous écrire au sujet de leurs données (e-mail ou téléphone) :",
     b"\x04"),  # typer.prompt, after three answers
])
def test_a_question_asked_in_a_narrow_terminal_is_cut_at_spaces_like_the_rest(command, question, answer, tmp_path):
    """Round 13: what Gardien printed was cut to the terminal, but a question read by input() or getpass went whole
    to the terminal, which cut it in the middle of a word."""
    from conftest import shown_in_terminal

    before = [(b"(num\xc3\xa9ro) : ", b"1\n"), (b"celui du cabinet : ", b"Cabinet Martin\n"),
              (b"Adresse du cabinet : ", b"Lyon\n")]
    last_words = " ".join(question.split()[-2:]).encode()
    lines = _in_a_narrow_terminal(command, tmp_path, [*before[:3 if command[0] == "registre" else 0],
                                                      (last_words, answer)])
    # what she typed is echoed after the question by the terminal itself, which lays it out as it wants
    shown = [line.removesuffix(" Cabinet Martin") for line in lines]
    assert all(len(line) <= 40 for line in shown), [line for line in shown if len(line) > 40]
    assert shown_in_terminal(question, "\n".join(lines).encode())


@pytest.mark.parametrize("width, typed", [(w, t) for w in (60, 80, 100) for t in (
    ".venv/bin/gardien", "/home/sage-femme/Documents/installation/gardien/.venv/bin/gardien")])
def test_a_gardien_command_in_a_step_is_laid_out_as_it_is_printed(monkeypatch, width, typed):
    """Walkthrough r22: Rich cut the step's « gardien sauvegarde configurer », then the output wrote
    « /…/.venv/bin/gardien » in its place, into a line already full, which the terminal cut again: « configurer. Un
    seul disque     suffit ». The step's sentence is the backup check's (hand-copied); the path is a long .venv's."""
    import io

    from rich.console import Console

    from gardien import launch
    from gardien.core.model import RemediationStep
    from gardien.report import text, wrapping

    monkeypatch.setattr(launch, "typed", lambda *args: typed)
    wrapping.install()
    step = RemediationStep("Ouvrez la page Sauvegardes.", terminal="Branchez un disque externe, puis tapez : gardien "
                           "sauvegarde configurer. Un seul disque suffit pour commencer. Gardien vérifie que c'est un "
                           "autre disque que celui de l'ordinateur, chiffre la copie et vous fait noter son mot de passe.")
    typed_step = RemediationStep("Faites-le ici.", command="gardien sauvegarde configurer --aide-longue-pour-ce-test",
                                 command_effect="met en place la sauvegarde")
    out = io.StringIO()
    console = Console(file=launch.TypedCommands(out, typed), width=width, color_system=None)
    console.print(text._steps((step, typed_step), "environ 30 minutes"))
    lines = out.getvalue().splitlines()
    assert all(len(line) <= width for line in lines), "\n".join(lines)
    if len(f"{typed} sauvegarde configurer.") < width - 10:  # it fits on a line of the step: never cut
        assert any(f"{typed} sauvegarde configurer." in line for line in lines), "\n".join(lines)
    assert not any(re.search(r"\S {2,}\S", line.strip()) for line in lines), "\n".join(lines)
    assert "gardien gardien" not in out.getvalue() and "bin/gardien/" not in out.getvalue()  # written as typed once
    if len(typed) < width - 10:  # a path longer than the step's lines is cut however it is laid out
        assert " ".join(" ".join(lines).split()).count(typed) == 2


def test_the_sentence_of_a_step_put_back_is_laid_out_as_it_is_printed(monkeypatch):
    """The same fault in the audit's header: « … Pour l'y remettre : .venv/bin/gardien » then « audit (sans
    --no-save) » on a line of its own, past the width (walkthrough r22, item 9)."""
    import io

    from rich.console import Console

    from gardien import launch
    from gardien.core.model import AuditResult
    from gardien.plan.audit_notes import AuditNotes
    from gardien.report import text

    typed = ".venv/bin/gardien"
    monkeypatch.setattr(launch, "typed", lambda *args: typed)
    sentence = AuditNotes(reopened=("Travail quotidien sans droits d'administrateur",), saved=False).reopened_sentence
    result = AuditResult(os="linux", os_version="Debian 12", gardien_version="0", started_at="2026-12-02T09:00:00+00:00",
                         mode="live", findings=(), score=100, first_steps=(), duration_s=1.0)
    monkeypatch.setattr(text, "_this_computer_only", lambda: "")
    out = io.StringIO()
    console = Console(file=launch.TypedCommands(out, typed), width=80, color_system=None)
    for line in text._header(result, sentence):
        console.print(line)
    lines = out.getvalue().splitlines()
    assert all(len(line) <= 80 for line in lines), "\n".join(lines)
    assert any(f"{typed} audit" in line for line in lines), "\n".join(lines)


def test_why_it_matters_goes_on_in_lower_case_after_its_colon():
    """Review, round 22: « Pourquoi c'est important : Un compte… »; French goes on in lower case after « : », and a
    word in capitals keeps them (hand-written sentences)."""
    from gardien import fr

    assert fr.after_colon("Un compte administrateur peut tout installer.") == "un compte administrateur peut tout installer."
    assert fr.after_colon("ANSSI : mesure 29.") == "ANSSI : mesure 29."
    assert fr.after_colon("") == ""
