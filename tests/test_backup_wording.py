"""The backup pages' small words, from the round 15 walkthrough: no tautology, nothing said twice, no « branchez
d'abord » after a finished backup, a small key's free space in Mo, an empty date or a used folder refused on the
restore form itself, and the « retirer » confirmation's links to the pages it names."""

from __future__ import annotations

import os
import re
import shutil
import urllib.parse

import pytest
from backup_disks import disk, skip_unless_available
from conftest import logged_in_client, visible_text
from test_backup import gardien, make_source, old_style_configuration
from test_backup_web import wait_for_job

pytestmark = pytest.mark.skipif(shutil.which("restic") is None, reason="restic absent (apt-get install restic)")
PORT = 8765
SAME = {"Origin": f"http://127.0.0.1:{PORT}"}
PASSWORD = "mot-de-passe-de-test-assez-long"


def test_the_321_sentence_names_the_disk_once(monkeypatch):
    """Hand-written rows: a disk at the practice and one declared away, both measured on other disks."""
    from gardien.backup import status
    from gardien.backup.status import Row

    rows = [Row("disque-1", "le disque du cabinet", "disque", "au cabinet", False, False, "disque", compte=True,
                cle_support="a"),
            Row("hors-site-1", "le disque gardé hors du cabinet", "disque", "hors du cabinet", True, False, "disque",
                compte=True, cle_support="b")]
    groups = {"a": [rows[0]], "b": [rows[1]]}
    sentence = status._sentence(rows, groups, [[rows[1]]], True)
    assert sentence.count("hors du cabinet") == 2, sentence  # the disk's name, then where she says it is
    assert "Où est rangé le disque gardé hors du cabinet (hors du cabinet, ou débranché entre deux sauvegardes)" in sentence


def test_a_small_key_shows_its_free_space_in_mo():
    from gardien.backup.drives import Drive

    assert Drive("/media/moi/CLE", 51_000_000).label == "/media/moi/CLE, 51 Mo libres"
    assert Drive("/media/moi/DISQUE", 64_000_000_000).label == "/media/moi/DISQUE, 64 Go libres"


def test_a_finished_backup_says_what_was_copied_once_and_no_longer_asks_to_plug_in(tmp_path, isolated_home):
    skip_unless_available()
    source = make_source(tmp_path / "Cabinet")
    env = {"GARDIEN_SAUVEGARDE_MOT_DE_PASSE": PASSWORD}
    with disk(tmp_path / "usb") as key:
        made = gardien(isolated_home, "sauvegarde", "configurer", "--dossier", str(source), "--disque",
                       str(key / "copies"), "--demander-mot-de-passe", env=env)
        assert made.returncode == 0, made.stdout + made.stderr
        run = gardien(isolated_home, "sauvegarde", "lancer", env=env)
        assert run.returncode == 0, run.stdout + run.stderr
        assert "réussie — 32 fichiers dans cette copie, dont 32 nouveaux ou modifiés depuis la précédente." in run.stdout
        assert "sauvegarde faite" not in run.stdout
        client = logged_in_client(PORT)
        before = visible_text(client.get("/sauvegardes").text)
        assert "Branchez d'abord les disques de sauvegarde" in before
        client.post("/sauvegardes/lancer", headers=SAME, data={"motdepasse": PASSWORD})
        fragment = wait_for_job(client, "Sauvegarde terminée")
        assert "réussie — 32 fichiers dans cette copie, dont 0 nouveau ou modifié" in " ".join(fragment.split()), fragment
        after = visible_text(client.get("/sauvegardes").text)
        assert "Pensez à débrancher le disque" in after and "Branchez d'abord" not in after


def _two_copies(tmp_path, isolated_home):
    source = make_source(tmp_path / "Cabinet")
    old_style_configuration(isolated_home, source, tmp_path / "d1", tmp_path / "d2", PASSWORD)
    return logged_in_client(PORT)


def test_the_restore_form_refuses_an_empty_date_and_a_used_folder_before_anything_starts(tmp_path, isolated_home):
    client = _two_copies(tmp_path, isolated_home)
    empty = client.post("/sauvegardes/restaurer", headers=SAME,
                        data={"destination": "disque-1", "vers": str(tmp_path / "neuf"), "copie": "avant", "avant": "",
                              "motdepasse": PASSWORD})
    text = visible_text(empty.text)
    assert empty.status_code == 400 and "Indiquez le jour et l'heure de la copie voulue" in text, text
    assert "Date non comprise" not in text
    used = tmp_path / "deja-la"
    used.mkdir()
    (used / "lettre.txt").write_text("à garder\n", encoding="utf-8")
    refused = client.post("/sauvegardes/restaurer", headers=SAME,
                          data={"destination": "disque-1", "vers": str(used), "copie": "derniere", "motdepasse": PASSWORD})
    text = visible_text(refused.text)
    assert refused.status_code == 400 and f"{used} existe déjà et n'est pas un dossier vide" in text, text
    assert 'name="vers"' in refused.text and "Restaurer des fichiers" in text  # still the form, nothing to retype
    assert client.app.state.backup_job is None  # no restore was started


def test_the_removal_confirmation_links_the_pages_it_names(tmp_path, isolated_home):
    from gardien.backup import setup

    client = _two_copies(tmp_path, isolated_home)
    confirmation = client.get("/sauvegardes/retirer?destination=hors-site-1")
    link = re.search(r'<a href="[^"]*/effacer\?dossier=([^"]*)">effacez', confirmation.text)
    assert link and urllib.parse.unquote(link.group(1)) == str(tmp_path), confirmation.text  # the disk, d2 in it
    assert re.search(r'<a href="[^"]*/fin-de-vie">la fin de vie d\'un appareil</a>', confirmation.text)
    shown = re.sub(r" ([,.])", r"\1", " ".join(visible_text(confirmation.text).split()))
    assert setup.LEAVING in shown  # the one sentence, with its links
    done = client.post("/sauvegardes/retirer", headers=SAME, data={"destination": "hors-site-1"})
    assert re.search(r'<a href="[^"]*/fin-de-vie">la fin de vie', done.text) and "est retiré des sauvegardes" in done.text


def test_the_recovery_sheet_finds_the_copies_on_another_computer_and_after_an_attack(tmp_path, isolated_home):
    """Walkthrough, round 15: the sheet gave only this computer's mount path, and « la copie la plus récente »."""
    skip_unless_available()
    source = make_source(tmp_path / "Cabinet")
    env = {"GARDIEN_SAUVEGARDE_MOT_DE_PASSE": PASSWORD}
    with disk(tmp_path / "usb") as key:
        made = gardien(isolated_home, "sauvegarde", "configurer", "--dossier", str(source), "--disque",
                       str(key / "Sauvegarde Gardien"), "--demander-mot-de-passe", env=env)
        assert made.returncode == 0, made.stdout + made.stderr
    page = " ".join(visible_text(logged_in_client(PORT).get("/sauvegardes/fiche").text).split())
    printed = " ".join(gardien(isolated_home, "sauvegarde", "fiche").stdout.split())
    for sheet in (page, printed):
        sheet = sheet.replace("\u00a0", " ")
        assert (f"dossier « Sauvegarde Gardien » à la racine du disque « usb » (sur cet ordinateur : "
                f"{key / 'Sauvegarde Gardien'})") in sheet, sheet
        assert "prendre plutôt la dernière copie d'avant l'attaque" in sheet, sheet
    assert "restic -r COPIES snapshots" in printed


def test_set_up_without_a_folder_gives_an_example_line(tmp_path, isolated_home):
    empty_home = tmp_path / "maison"
    empty_home.mkdir()
    done = gardien(isolated_home, "sauvegarde", "configurer", env={"HOME": str(empty_home)})
    said = " ".join(done.stderr.split())
    assert done.returncode == 2 and "Indiquez les dossiers à protéger avec --dossier, par exemple : gardien sauvegarde " \
                                   f"configurer --dossier {empty_home / 'Cabinet'} --disque" in said, said


@pytest.mark.skipif(os.name == "nt", reason="chemins POSIX")
def test_the_example_line_quotes_a_home_folder_with_a_space(tmp_path, isolated_home):
    """Round 16 (every printed command can be pasted): a home folder « Marie Dupont » gave an example command that
    the shell cut in two."""
    spaced = tmp_path / "Marie Dupont"
    spaced.mkdir()
    done = gardien(isolated_home, "sauvegarde", "configurer", env={"HOME": str(spaced)})
    said = " ".join(done.stderr.split())
    assert done.returncode == 2 and f"--dossier '{spaced / 'Cabinet'}' --disque" in said, said


def test_the_recovery_sheet_says_gardien_not_this_install_s_path(tmp_path):
    """Walkthrough round 18: launched as .venv/bin/gardien, the sheet's point 4 (« si Gardien est installé sur l'autre
    ordinateur ») read « /…/.venv/bin/gardien sauvegarde restaurer … », a path of this computer, not the other one."""
    import json
    import subprocess

    from test_launch import INSTALLED

    if not INSTALLED.is_file() or os.name == "nt":
        pytest.skip("la commande gardien installée est absente")
    script = tmp_path / ".venv" / "bin" / "gardien"
    script.parent.mkdir(parents=True)
    script.symlink_to(INSTALLED)
    home = tmp_path / "donnees"
    home.mkdir()
    (home / "sauvegarde.json").write_text(json.dumps({  # hand-written: one disk, the password asked each time
        "dossiers": [str(tmp_path / "Cabinet")],
        "destinations": [{"nom": "disque-1", "type": "disque", "depot": str(tmp_path / "copies"), "hors_site": False}],
        "secret": {"kind": "demander"}, "retention": {"keep-daily": 7}}), encoding="utf-8")
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "GARDIEN_HOME": str(home),
           **({"PYTHONPATH": os.environ["PYTHONPATH"]} if "PYTHONPATH" in os.environ else {})}
    shown = subprocess.run([".venv/bin/gardien", "sauvegarde", "fiche"], capture_output=True, text=True, cwd=tmp_path,
                           env=env, timeout=120, check=False)
    assert shown.returncode == 0, shown.stderr
    text = " ".join(shown.stdout.split())
    assert "installé sur l'autre ordinateur (même neuf, sans sauvegarde en place) : gardien sauvegarde restaurer --depuis COPIES" in text, text
    assert ".venv/bin/gardien" not in text
