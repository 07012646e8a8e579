"""A backup disk unplugged between two steps (walkthrough, round 15): the disk is measured again right before anything
is written on it — at « Créer la sauvegarde » and at every backup run — and never replaced by the empty mount-point
folder it leaves behind, on the computer's own disk. The « key » is a real ext4 image on a loop device, really
unmounted in the middle (root only: skipped with the reason otherwise)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
from backup_disks import disk, skip_unless_available
from conftest import logged_in_client, visible_text
from test_backup import gardien, make_source

pytestmark = pytest.mark.skipif(shutil.which("restic") is None, reason="restic absent (apt-get install restic)")
PORT = 8765
SAME = {"Origin": f"http://127.0.0.1:{PORT}"}
SHOWN = re.compile(r'id="mot-de-passe-sauvegarde">(.+?)</p>')


ENV = {"GARDIEN_SAUVEGARDE_MOT_DE_PASSE": "mot-de-passe-de-test-assez-long"}


def _set_up_on(key, source, home) -> None:
    """The backup of `source` set up in the terminal, its copies in the key's « copies » folder."""
    made = gardien(home, "sauvegarde", "configurer", "--dossier", str(source), "--disque", str(key / "copies"),
                   "--demander-mot-de-passe", env=ENV)
    assert made.returncode == 0, made.stdout + made.stderr


def _unmount(folder) -> None:
    subprocess.run(["umount", str(folder)], capture_output=True, check=True)


def test_a_key_unplugged_between_the_check_and_create_gets_no_copy_on_the_computer_disk(tmp_path):
    from gardien.backup import config

    skip_unless_available()
    client = logged_in_client(PORT)
    source = make_source(tmp_path / "Cabinet")
    with disk(tmp_path / "usb") as key:
        step1 = client.post("/sauvegardes/configurer", headers=SAME,
                            data={"autre_dossier": str(source), "disque": str(key), "secret": "fichier",
                                  "fichier": str(tmp_path / "mdp.txt")})
        assert step1.status_code == 200 and "Rien n'est encore créé" in visible_text(step1.text)
        password = re.sub(r"<[^>]+>", "", SHOWN.search(step1.text).group(1))
        token = re.search(r'name="jeton" value="([^"]+)"', step1.text).group(1)
        _unmount(key)  # the key pulled out while she notes the password
        create = client.post("/sauvegardes/confirmer", headers=SAME, data={"jeton": token, "confirmation": password})
    text = visible_text(create.text)
    assert create.status_code == 400, text
    assert "La clé ou le disque externe « usb » n'est plus branché" in text and "Rebranchez-le, puis recommencez" in text
    assert "Rien n'a été créé" in text
    assert "vérifié" not in text, text  # the check made before the key was pulled out no longer holds (round 17, W2)
    assert not any(key.iterdir()) and not config.exists() and not (tmp_path / "mdp.txt").exists()
    # the same page, the same password: plugged back in, « Créer » works
    with disk(tmp_path / "usb", fstype="tmpfs") as again:  # another file system mounted there: measured, refused
        refused = client.post("/sauvegardes/confirmer", headers=SAME, data={"jeton": token, "confirmation": password})
        assert refused.status_code == 400 and not config.exists(), visible_text(refused.text)
        assert not any(again.iterdir())
    with disk(tmp_path / "usb") as plugged:  # a key plugged in again at its place
        done = client.post("/sauvegardes/confirmer", headers=SAME, data={"jeton": token, "confirmation": password},
                           follow_redirects=False)
        assert done.status_code == 303 and config.exists() and (plugged / "Sauvegarde Gardien" / "config").is_file()


def test_a_backup_run_refuses_the_empty_mount_point_of_an_unplugged_key(tmp_path, isolated_home):
    """The terminal and the page go through one run: a repository found in the mount point folder (left there by the
    old bug) is not the key's, and nothing is copied into it."""
    skip_unless_available()
    source = make_source(tmp_path / "Cabinet")
    env = ENV
    with disk(tmp_path / "usb") as key:
        _set_up_on(key, source, isolated_home)
        _unmount(key)
    subprocess.run(["restic", "init", "-r", str(key / "copies")], capture_output=True, check=True,
                   env={"RESTIC_PASSWORD": "mot-de-passe-de-test-assez-long", "PATH": "/usr/bin:/bin"})
    run = gardien(isolated_home, "sauvegarde", "lancer", env=env)
    out = (run.stdout + run.stderr).replace("\u00a0", " ")
    assert run.returncode != 0, out
    assert "la clé ou le disque externe « usb » n'est plus branché" in out and "rien n'y a été copié" in out, out
    assert "Traceback" not in out
    # round 18: its folder left behind was said « plus sur ce disque mais sur un autre — disque fixe … »
    assert f"le dossier {key}, où elle apparaissait, est resté sur l'ordinateur" in out, out
    assert "sur un autre" not in out and "disque fixe" not in out, out
    snapshots = subprocess.run(["restic", "snapshots", "--json", "-r", str(key / "copies")], capture_output=True, text=True,
                               env={"RESTIC_PASSWORD": "mot-de-passe-de-test-assez-long", "PATH": "/usr/bin:/bin"})
    assert snapshots.stdout.strip() in ("[]", "null"), snapshots.stdout
    # reading copies goes through the same check: the old repository is not read (it said « mot de passe faux »)
    for command in (("verifier",), ("restaurer", "--destination", "disque-1", "--vers", str(tmp_path / "restau"))):
        read = gardien(isolated_home, "sauvegarde", *command, env=env)
        said = (read.stdout + read.stderr).replace("\u00a0", " ")
        assert read.returncode != 0 and "la clé ou le disque externe « usb » n'est plus branché" in said.lower(), said
        assert "mot de passe" not in said.lower() and "Traceback" not in said, said


def test_a_key_whose_mount_folder_is_gone_is_said_not_there(tmp_path, isolated_home):
    """The mount folder removed with the key (as the system does under /media): no « other disk » to speak of (round
    17, B2)."""
    skip_unless_available()
    source = make_source(tmp_path / "Cabinet")
    with disk(tmp_path / "usb") as key:
        _set_up_on(key, source, isolated_home)
        _unmount(key)
    key.rmdir()
    run = gardien(isolated_home, "sauvegarde", "lancer", env=ENV)
    out = (run.stdout + run.stderr).replace("\u00a0", " ")
    assert run.returncode != 0 and "la clé ou le disque externe « usb » n'est plus branché" in out, out
    assert f"le dossier {key} n'existe plus" in out and "sur un autre" not in out and "disque fixe" not in out, out
    assert "Rebranchez-le, puis recommencez" in out and not key.exists()


def test_the_disk_plugged_in_without_the_copies_folder_says_so_and_offers_to_set_up_again(tmp_path, isolated_home):
    """The dead end after the bug: the key is there, Gardien's folder is not (moved, erased, or written elsewhere)."""
    from test_backup_web import wait_for_job

    skip_unless_available()
    source = make_source(tmp_path / "Cabinet")
    env = ENV
    with disk(tmp_path / "usb") as key:
        _set_up_on(key, source, isolated_home)
        assert gardien(isolated_home, "sauvegarde", "lancer", env=env).returncode == 0  # one complete copy, then gone
        shutil.rmtree(key / "copies")
        run = gardien(isolated_home, "sauvegarde", "lancer", env=env)
        out = (run.stdout + run.stderr).replace("\u00a0", " ")
        assert run.returncode != 0 and "Traceback" not in out, out
        assert "la clé ou le disque externe « usb » est branché, mais le dossier des copies de Gardien n'y est pas" in out
        assert "débranché ?" not in out and "Pour refaire la mise en place : gardien sauvegarde configurer" in out, out
        client = logged_in_client(PORT)
        client.post("/sauvegardes/lancer", headers=SAME, data={"motdepasse": "mot-de-passe-de-test-assez-long"})
        fragment = wait_for_job(client, "Sauvegarde non faite")
        assert "est branché, mais le dossier des copies de Gardien n'y est pas" in fragment
        page = client.get("/sauvegardes").text
        assert "Refaire la mise en place" in visible_text(page)
        assert "débranché ?" not in visible_text(page)
        # copies that are not there any more never count in the 3-2-1 rule
        assert "le dossier des copies n'était plus sur ce disque à la dernière sauvegarde" in " ".join(visible_text(page).split())
        assert "Cette copie compte" not in visible_text(page)


def test_the_set_up_form_proposes_a_password_file_name_it_accepts_and_never_replaces_the_old_one(isolated_home):
    client = logged_in_client(PORT)
    isolated_home.mkdir(parents=True, exist_ok=True)
    old = isolated_home / "mot-de-passe-sauvegarde.txt"
    old.write_text("le mot de passe des anciennes copies\n", encoding="utf-8")
    form = client.get("/sauvegardes/configurer").text
    assert f'value="{isolated_home / "mot-de-passe-sauvegarde-2.txt"}"' in form, form
    refused = client.post("/sauvegardes/configurer", headers=SAME,
                          data={"autre_dossier": str(isolated_home), "disque_chemin": "/media/moi/CLE/copies",
                                "secret": "fichier", "fichier": str(old)})
    text = visible_text(refused.text)
    assert refused.status_code == 400 and f"Le fichier {old} existe déjà" in text, text
    assert f"par exemple {isolated_home / 'mot-de-passe-sauvegarde-2.txt'}" in text
    assert old.read_text(encoding="utf-8") == "le mot de passe des anciennes copies\n"


def test_the_terminal_set_up_refuses_a_key_unplugged_while_the_password_is_noted(tmp_path, isolated_home):
    from test_backup import PASSWORD_SHOWN, environment

    skip_unless_available()
    source = make_source(tmp_path / "Cabinet")
    with disk(tmp_path / "usb2") as key:
        process = subprocess.Popen([sys.executable, "-m", "gardien", "sauvegarde", "configurer", "--dossier", str(source),
                                    "--disque", str(key / "sf"), "--mot-de-passe-fichier", str(tmp_path / "mdp.txt")],
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                   env=environment(isolated_home))
        shown = next(m.group(1) for line in process.stderr if (m := PASSWORD_SHOWN.match(line)))
        _unmount(key)  # pulled out while « Tapez-le pour confirmer » waits
        stdout, stderr = process.communicate(shown + "\n", timeout=300)
    said = (stdout + stderr).replace("\u00a0", " ")
    assert process.returncode == 2, said
    assert "La clé ou le disque externe « usb2 » n'est plus branché" in said and "Rien n'a été créé." in said, said
    assert "Sauvegarde configurée" not in said and "Traceback" not in said
    assert not any(key.iterdir()) and not (tmp_path / "mdp.txt").exists()
