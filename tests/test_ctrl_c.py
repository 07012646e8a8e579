"""Ctrl+C behaves the same in every command: a French line saying what was kept and how to resume, exit 130 (as the
README says). Each test runs the installed `gardien` in a pseudo-terminal and types Ctrl+C there, which the terminal
turns into SIGINT for the command, as in a real terminal window. Answers are hand-written."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import shlex
import shutil
import signal
import struct
import sys
import termios
import time
from pathlib import Path

import pytest
from conftest import shown_in_terminal

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminal: Linux, macOS")]

GARDIEN = shutil.which("gardien", path=str(Path(sys.executable).parent)) or "gardien"
CTRL_C = "\x03"


def in_terminal(home: Path, args: list[str], answers: list[tuple[str, str]], timeout: int = 90) -> tuple[int, str]:
    """Run `gardien args` in a pseudo-terminal; each (text, answer) waits until `text` was shown (since the previous
    answer) and the command waits for the keyboard, then types `answer` (CTRL_C alone, any other answer followed by
    Entrée)."""
    # the terminal finds this gardien (pipx, an activated environment): its commands are written « gardien … »
    # (tests/test_launch_everywhere.py checks them launched from outside the PATH)
    path = os.pathsep.join((str(Path(GARDIEN).parent), os.environ.get("PATH", "")))
    env = {**os.environ, "GARDIEN_HOME": str(home), "LC_ALL": "C.UTF-8", "NO_COLOR": "1", "PATH": path}
    pid, fd = pty.fork()
    if pid == 0:  # a wide window: these tests read whole sentences, not how they wrap (tests/test_report_text.py)
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 250, 0, 0))
        os.execve(GARDIEN, [GARDIEN, *args], env)
    output, since, pending, deadline = b"", 0, list(answers), time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.4)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the command ended and closed the terminal
                break
            if not chunk:
                break
            output += chunk
        elif pending and shown_in_terminal(pending[0][0], output[since:]):  # shown, nothing more for 0.4 s: its question
            answer = pending.pop(0)[1]
            os.write(fd, answer.encode() if answer == CTRL_C else (answer + "\n").encode())
            since = len(output)
    else:
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), output.decode("utf-8", "replace").replace("\r\n", "\n")


def test_password_check_says_how_to_start_again(tmp_path):
    code, out = in_terminal(tmp_path, ["motdepasse", "verifier"], [("Mot de passe à vérifier", CTRL_C)])
    assert code == 130, out
    assert "Interrompu (Ctrl+C). Pour recommencer : gardien motdepasse verifier" in out
    assert "Traceback" not in out


def test_register_interview_keeps_the_answers_given_and_offers_them_again(tmp_path):
    """A practitioner's walkthrough: Ctrl+C in « registre creer » returned 2 and lost every answer."""
    code, out = in_terminal(tmp_path, ["registre", "creer"],
                            [("Votre choix (numéro)", "1"), ("Votre nom, ou celui du cabinet", "Claire Martin"),
                             ("Adresse du cabinet", CTRL_C)])
    assert code == 130, out
    assert ("Interrompu (Ctrl+C) : 2 réponses gardées pour la suite, le registre n'a pas encore changé. "
            "Pour reprendre : gardien registre creer") in out
    assert not (tmp_path / "registre.json").exists()
    code, out = in_terminal(tmp_path, ["registre", "creer"], [("Votre choix (numéro) [1]", ""), ("[Claire Martin]", CTRL_C)])
    assert code == 130, out
    assert "Vous aviez commencé cet entretien : 2 réponses sont proposées" in out


def test_emergency_mode_keeps_where_she_stopped(tmp_path):
    """A practitioner's walkthrough: Ctrl+C at consigne 4 ended `gardien urgence` without a word (« q » said how to
    resume)."""
    code, out = in_terminal(tmp_path, ["urgence", "--etape", "3"], [("Attaqué maintenant", "o"), ("arrêter là", ""), ("Recopiez le message", CTRL_C)])
    assert code == 130, out
    assert "CONSIGNE 4 SUR" in out
    assert ("Interrompu (Ctrl+C) : arrêt à la consigne 4, le journal de l'incident est gardé. "
            "Pour reprendre : gardien urgence") in out
    code, out = in_terminal(tmp_path, ["urgence"], [("Recopiez le message", CTRL_C)])
    assert code == 130 and "CONSIGNE 4 SUR" in out and "CONSIGNE 3 SUR" not in out, out


def test_quiz_says_the_whole_command_to_start_again(tmp_path):
    """Walkthrough, round 10: « Pour recommencer : gardien formation quiz » was refused for want of its module."""
    code, out = in_terminal(tmp_path, ["formation", "ajouter", "Marie"], [])
    assert code == 0, out
    code, out = in_terminal(tmp_path, ["formation", "quiz", "mots_de_passe", "--prenom", "Marie"],
                            [("Votre réponse", CTRL_C)])
    assert code == 130, out
    assert "Pour recommencer : gardien formation quiz mots_de_passe --prenom Marie" in " ".join(out.split())
    assert "Traceback" not in out


def test_erasing_interrupted_gives_back_the_command_with_the_paths_typed(tmp_path):
    """Walkthrough, round 15: « Pour recommencer : gardien effacer » alone is refused (« Indiquez le fichier… »)."""
    folder = tmp_path / "Anciens courriers"
    folder.mkdir()
    (folder / "lettre de l'an dernier.txt").write_text("Lettre écrite pour ce test.\n", encoding="utf-8")
    code, out = in_terminal(tmp_path / "home", ["effacer", str(folder / "lettre de l'an dernier.txt")],
                            [("tapez oui", CTRL_C)])
    assert code == 130, out
    said = " ".join(out.split())
    assert f"Pour reprendre : gardien effacer '{folder}/lettre de l'\"'\"'an dernier.txt'" in said, said
    assert (folder / "lettre de l'an dernier.txt").is_file() and "Traceback" not in out


def test_backup_set_up_interrupted_says_so_as_everywhere_with_the_command_typed(tmp_path):
    """Walkthrough, round 15: Ctrl+C at a question of `sauvegarde configurer` said « Pas de réponse ». A folder with a
    space and an apostrophe is given back as one argument, as `effacer` gives its files back (one helper)."""
    folder = tmp_path / "Cabinet d'Anne"
    folder.mkdir()
    code, out = in_terminal(tmp_path / "home", ["sauvegarde", "configurer", "--dossier", str(folder)],
                            [("Dossier de sauvegarde sur le disque externe", CTRL_C)])
    said = " ".join(out.split())
    assert code == 130, out
    assert ("Interrompu (Ctrl+C) : rien n'a été créé ni modifié. Pour reprendre : gardien sauvegarde configurer "
            f"--dossier {shlex.quote(str(folder))}") in said, said
    assert "Pas de réponse" not in said and "Traceback" not in out


def test_erasing_a_file_named_like_an_option_gives_back_the_command_with_its_double_dash(tmp_path, monkeypatch):
    """`effacer` rebuilt the command from the paths alone: « gardien effacer -brouillon.txt », typed again, is read as
    an unknown option. It is given back as typed, « -- » included, as `sauvegarde` gives its own back (one helper)."""
    monkeypatch.chdir(tmp_path)  # the terminal's folder: the file is typed by its name, as she would
    (tmp_path / "-brouillon.txt").write_text("Brouillon écrit pour ce test.\n", encoding="utf-8")
    code, out = in_terminal(tmp_path / "home", ["effacer", "--", "-brouillon.txt"], [("tapez oui", CTRL_C)])
    assert code == 130, out
    said = " ".join(out.split())
    assert "Interrompu (Ctrl+C) : rien n'a été effacé. Pour reprendre : gardien effacer -- -brouillon.txt" in said, said
    assert (tmp_path / "-brouillon.txt").is_file() and "Traceback" not in out
