"""Round 22: a folder named where a file to write is expected is said so, by every command, in the one sentence of
explain.not_a_file, with a name to use inside it that fits the command, before any work (no question asked, no
configuration needed), with a non-zero exit and the folder left as it is. Before: « gardien sauvegarde fiche --fichier
Documents » said « La fiche s'écrit dans un fichier .txt », « formation charte --fichier charte.html/ » suggested
« registre.ods », « formation attestation --fichier Documents » first asked for a first name. Real subprocesses on a
fresh data folder; nothing written is a patient's."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def said(tmp_path, *args: str) -> tuple[int, str]:
    run = subprocess.run([sys.executable, "-m", "gardien", *args], capture_output=True, text=True, timeout=120,
                         env=dict(os.environ, GARDIEN_HOME=str(tmp_path / "donnees")), check=False, stdin=subprocess.DEVNULL)
    assert "Traceback" not in run.stderr + run.stdout and "Errno" not in run.stderr, run.stderr
    assert "prénom" not in run.stdout, run.stdout  # refused before anything is asked
    return run.returncode, " ".join(run.stderr.split())


def folder_sentence(folder, example: str) -> str:
    """Hand-written: the sentence every command says (not built with the helper under test)."""
    return (f"{folder} est un dossier, pas un fichier : indiquez le nom du fichier à créer, par exemple "
            f"{folder / example}. Rien n'a été fait, le dossier reste tel quel.")


@pytest.mark.parametrize("command, folder_name, example", [
    (("sauvegarde", "fiche", "--fichier", "{folder}"), "Documents", "fiche-de-secours.txt"),
    (("sauvegarde", "fiche", "--fichier", "{folder}"), "fiche.txt", "fiche-de-secours.txt"),
    (("formation", "charte", "--fichier", "{folder}"), "Documents", "charte.html"),
    (("formation", "charte", "--fichier", "{folder}"), "charte.html", "charte.html"),
    (("formation", "attestation", "--fichier", "{folder}"), "Documents", "attestation.html"),
    (("formation", "attestation", "Camille", "--fichier", "{folder}"), "attestation.html", "attestation.html"),
    (("audit", "--html", "{folder}"), "Documents", "rapport.html"),
    (("pseudonymiser", "{letter}", "--sortie", "{folder}"), "Documents", "texte.txt"),
    (("envoyer-chiffre", "{letter}", "--sortie", "{folder}"), "Documents", "document-chiffre.pdf"),
    (("fin-de-vie", "pdf", "1", "{folder}"), "Documents", "certificat.pdf"),
])
def test_a_folder_given_for_a_file_is_said_and_left_as_it_is(tmp_path, command, folder_name, example):
    letter = tmp_path / "lettre.txt"
    letter.write_text("Lettre d'essai.\n", encoding="utf-8")
    folder = tmp_path / folder_name
    folder.mkdir()
    (folder / "deja-la.txt").write_text("à garder\n", encoding="utf-8")
    code, text = said(tmp_path, *(part.format(folder=folder, letter=letter) for part in command))
    assert code != 0 and folder_sentence(folder, example) in text, text
    assert sorted(p.name for p in folder.iterdir()) == ["deja-la.txt"]
    assert (folder / "deja-la.txt").read_text(encoding="utf-8") == "à garder\n"


@pytest.mark.parametrize("command, what", [
    (("sauvegarde", "fiche", "--fichier", "{missing}/fiche.txt"), "la fiche de secours"),  # said « Aucune
    # sauvegarde n'est configurée » first, then, once configured, after the sheet was built
    (("formation", "attestation", "--fichier", "{missing}/attestation.html"), "l'attestation"),  # asked a first name
    (("fin-de-vie", "pdf", "1", "{missing}/certificat.pdf"), "le certificat"),  # said « certificat introuvable » first
])
def test_a_missing_folder_is_said_before_any_work(tmp_path, command, what):
    missing = tmp_path / "nulle-part"
    code, text = said(tmp_path, *(part.format(missing=missing) for part in command))
    assert code != 0 and f"Le dossier {missing} n'existe pas : Gardien ne peut pas y écrire {what}. Rien n'a été fait." in text, text
    assert not missing.exists()
