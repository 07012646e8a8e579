"""`gardien motdepasse generer`: an option of the other kind of password is refused, saying why (walkthrough r18,
finding 11: `--aleatoire --mots 3` only said that --mots must be 5 to 20, not that --mots does nothing there)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def _generate(*args: str, home) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gardien", "motdepasse", "generer", *args], capture_output=True,
                          text=True, env=dict(os.environ, GARDIEN_HOME=str(home)), timeout=60, check=False)


@pytest.mark.parametrize("args, said", [
    (["--aleatoire", "--mots", "3"], "--mots ne sert qu'à la phrase de passe"),
    (["--aleatoire", "--mots", "7"], "--mots ne sert qu'à la phrase de passe"),
    (["--aleatoire", "--accents"], "--accents ne sert qu'à la phrase de passe"),
    (["--longueur", "20"], "--longueur ne sert qu'au mot de passe aléatoire"),
])
def test_an_option_of_the_other_kind_is_refused_with_why(isolated_home, args, said):
    made = _generate(*args, home=isolated_home)
    assert made.returncode == 2, made
    assert said in " ".join(made.stderr.split()) and "Traceback" not in made.stderr
    assert not made.stdout.strip()  # no password printed: nothing was generated


def test_the_ranges_and_the_right_combinations_still_work(isolated_home):
    assert "il faut un nombre entier de 5 à 20" in _generate("--mots", "3", home=isolated_home).stderr
    assert _generate("--aleatoire", "--longueur", "8", home=isolated_home).returncode == 2
    for args in (["--mots", "5", "--accents"], ["--aleatoire", "--longueur", "20"]):
        made = _generate(*args, home=isolated_home)
        assert made.returncode == 0 and made.stdout.strip(), made.stderr
    assert len(_generate("--aleatoire", "--longueur", "20", home=isolated_home).stdout.strip()) == 20


def test_no_keyboard_says_where_to_check_it_without_jargon(isolated_home):
    """Walkthrough r21: without a terminal, `motdepasse verifier` said « utilisez --stdin pour le lire sur l'entrée
    standard » — a programmer's words. It now says where she can check it, and keeps --stdin for a script."""
    checked = subprocess.run([sys.executable, "-m", "gardien", "motdepasse", "verifier"], stdin=subprocess.DEVNULL,
                             capture_output=True, text=True, env=dict(os.environ, GARDIEN_HOME=str(isolated_home)),
                             timeout=60, check=False)
    said = " ".join(checked.stderr.split())
    assert checked.returncode == 2 and "Traceback" not in said, said
    assert "entrée standard" not in said and "page « Mot de passe »" in said and "--stdin" in said, said
