"""The « Effacer des fichiers » page (round 14, brief fix14_b, item 1): `gardien effacer` on the web, through the same
backend and refusals. She opens folders and ticks what to erase (no typed path needed), sees what will be erased and
what cannot be guaranteed, and only a second POST, with that page's token and from a Gardien page, erases.

Every file is written by the test under tmp_path (hand-written content, no patient data); the backup configuration
is hand-written in the format backup/config.py writes."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from conftest import logged_in_client, visible_text

from gardien.backup import config as cfg

PORT = 8765
SAME = {"Origin": f"http://127.0.0.1:{PORT}"}


@pytest.fixture
def client():
    return logged_in_client(PORT)


def text_of(response) -> str:
    return " ".join(html.unescape(visible_text(response.text)).split())


def letters(base: Path) -> Path:
    folder = base / "Anciens courriers"
    (folder / "2019").mkdir(parents=True)
    (folder / "lettre.txt").write_text("Lettre écrite pour ce test.\n" * 20, encoding="utf-8")
    (folder / "2019" / "note.txt").write_text("Note écrite pour ce test.\n", encoding="utf-8")
    return folder


def token_of(response) -> str:
    return re.search(r'name="jeton" value="([^"]+)"', response.text).group(1)


def test_she_opens_folders_ticks_one_sees_everything_then_erases_in_a_second_step(client, tmp_path):
    folder = letters(tmp_path)
    listed = client.get("/effacer", params={"dossier": str(tmp_path)})
    assert listed.status_code == 200
    assert f'value="{folder}"' in listed.text  # a box to tick: no path to type
    opened = client.get("/effacer", params={"dossier": str(folder)})
    assert 'value="' + str(folder / "lettre.txt") + '"' in opened.text and "Dossier « 2019 »" in text_of(opened)

    shown = client.post("/effacer/verifier", headers=SAME, data={"cible": str(folder), "dossier": str(tmp_path)})
    said = text_of(shown)
    assert shown.status_code == 200, said
    assert "Rien n'est encore effacé" in said and "À effacer : 2 fichiers" in said and "2 dossiers" in said, said
    assert "Support :" in said and "Chiffrement du disque" in said and "Ce que Gardien fait :" in said, said
    assert "les copies de ces fichiers dans vos sauvegardes" in said and "Rien n'ira à la corbeille" in said, said
    assert (folder / "lettre.txt").exists()  # the first step touched nothing

    done = client.post("/effacer/confirmer", headers=SAME, data={"jeton": token_of(shown)})
    said = text_of(done)
    assert done.status_code == 200 and "Effacement fait" in said and "Fait : 2 fichiers" in said, said
    assert not folder.exists()
    again = client.post("/effacer/confirmer", headers=SAME, data={"jeton": token_of(shown)})
    assert again.status_code == 400 and "n'est plus en cours" in text_of(again)  # one erasure per confirmation


def test_nothing_is_erased_on_a_get_without_the_token_or_from_another_site(client, tmp_path):
    folder = letters(tmp_path)
    shown = client.post("/effacer/verifier", headers=SAME, data={"cible": str(folder)})
    token = token_of(shown)
    assert client.get("/effacer/confirmer", params={"jeton": token}).status_code == 405
    assert client.post("/effacer/confirmer", headers=SAME, data={"jeton": "pas-le-bon"}).status_code == 400
    foreign = client.post("/effacer/confirmer", headers={"Origin": "https://exemple.invalid"}, data={"jeton": token})
    assert foreign.status_code == 403
    assert (folder / "lettre.txt").exists() and (folder / "2019" / "note.txt").exists()


def test_the_same_refusals_as_the_command_line(client, tmp_path, isolated_home):
    isolated_home.mkdir(parents=True, exist_ok=True)
    copies = tmp_path / "disque" / "copies"
    (copies / "data").mkdir(parents=True)
    cfg.save(cfg.BackupConfig([str(tmp_path / "Cabinet")], [cfg.Destination("disque-1", cfg.Kind.DISK, str(copies))]))
    for target, words in ((copies, "copies de sauvegarde sur le disque du cabinet"),
                          (copies / "data", "copies de sauvegarde sur le disque du cabinet"),
                          (isolated_home, "contient les données de Gardien"),
                          (Path.home(), "contient votre dossier personnel"),
                          (Path("/etc"), "dossier du système")):
        refused = client.post("/effacer/verifier", headers=SAME, data={"cible": str(target), "dossier": str(tmp_path)})
        said = text_of(refused)
        assert refused.status_code == 400 and words in said, (target, said)
        assert "Voir ce qui sera effacé" in said  # back on the choice, to pick something else
    assert (copies / "data").is_dir()
    nothing = client.post("/effacer/verifier", headers=SAME, data={"dossier": str(tmp_path)})
    assert nothing.status_code == 400 and "Cochez d'abord" in text_of(nothing)


def test_the_page_is_in_the_menu_and_the_end_of_life_page_stays_for_whole_devices(client):
    menu = client.get("/").text
    assert 'href="' + client.root + '/effacer"' in menu
    page = text_of(client.get("/effacer"))
    assert "rien n'est effacé à cette étape" in page and "fin de vie d'un appareil" in page, page


def test_the_plan_step_on_erasing_devices_names_the_erase_page(client):
    from gardien.store import answers

    answers.save("mise_au_rebut", "non")
    plan = text_of(client.get("/plan"))
    step = plan[plan.index("Effacer les appareils avant de s'en séparer"):]
    assert "page « Fin de vie d'un appareil »" in step and "page « Effacer des fichiers »" in step, step


def test_on_flash_memory_the_page_says_what_cannot_be_guaranteed_and_where_the_backup_copies_stay(client, tmp_path,
                                                                                                  monkeypatch):
    """The disk is said to be an SSD by a hand-written Storage (this machine's disk may be anything); the backup of
    the folder is hand-written, dated after the file was written."""
    from datetime import datetime

    from gardien import statefile
    from gardien.backup import state
    from gardien.effacement import operation
    from gardien.effacement.support import Medium, Storage

    monkeypatch.setattr(operation, "detect", lambda path: Storage(Medium.FLASH, "ext4", None, False, True))
    cabinet = tmp_path / "Cabinet"
    cabinet.mkdir()
    letter = cabinet / "courrier.txt"
    letter.write_text("Courrier écrit pour ce test.\n", encoding="utf-8")
    cfg.save(cfg.BackupConfig([str(cabinet)], [cfg.Destination("disque-1", cfg.Kind.DISK, str(tmp_path / "A"))]))
    statefile.write(state.path(), {"disque-1": {"sauvegarde": {"date": datetime.now().astimezone().isoformat()}}})

    shown = client.post("/effacer/verifier", headers=SAME, data={"cible": str(letter)})
    said = text_of(shown)
    assert "mémoire flash (disque SSD sans pièce mobile, clé USB ou carte mémoire)" in said and "sans les recouvrir" in said, said
    assert "Sauvegardes : ce fichier est aussi dans vos sauvegardes Gardien, sur le disque du cabinet" in said, said
    assert "Effacer ici ne touche pas ces copies" in said and "Comptez environ 12 mois" in said, said
    done = text_of(client.post("/effacer/confirmer", headers=SAME, data={"jeton": token_of(shown)}))
    assert "Fait : 1 fichier supprimé." in done and "recouvert" not in done and not letter.exists(), done


def test_aller_a_lists_the_disks_a_person_plugged_in_not_the_mounts_left_in_the_temporary_folder(client, tmp_path,
                                                                                              monkeypatch):
    """Walkthrough, round 15: six leftover test mounts of /tmp/pytest-of-root/… were offered as disks. Here one real
    ext4 image is mounted in the temporary folder, and a USB key at /media/… is hand-written (psutil's list extended)."""
    import psutil
    from backup_disks import disk, skip_unless_available

    skip_unless_available()
    with disk(tmp_path / "image-de-test") as mounted:
        real = psutil.disk_partitions

        def partitions(all=False):  # noqa: A002 - psutil's own name
            found = real(all)
            key = found[0]._replace(device="/dev/sdz1", mountpoint="/media/moi/CLE-BLEUE", fstype="vfat", opts="rw,removable")
            return [*found, key]

        monkeypatch.setattr(psutil, "disk_partitions", partitions)
        page = text_of(client.get("/effacer"))
    assert "Disque ou clé branché : /media/moi/CLE-BLEUE" in page, page
    assert str(mounted) not in page, page


def test_a_big_folder_says_how_it_is_sorted_and_shows_the_newest_on_request(client, tmp_path):
    """Walkthrough, round 17 (K2): a scans folder of more than 300 files listed its first 300 by name, with no word of
    the order: the newest scans were the hidden ones. Hand-made empty files, each a minute newer than the previous."""
    import os

    scans = tmp_path / "Scans"
    scans.mkdir()
    (scans / "Archives").mkdir()
    for number in range(310):
        scan = scans / f"2019-{number:03d}.pdf"
        scan.write_bytes(b"")
        os.utime(scan, (1_700_000_000 + 60 * number, 1_700_000_000 + 60 * number))
    by_name = client.get("/effacer", params={"dossier": str(scans)})
    said = text_of(by_name)
    assert "Seuls les 300 premiers éléments sur 311 sont montrés, par ordre alphabétique" in said, said
    assert "2019-000.pdf" in said and "2019-309.pdf" not in said, said
    link = re.search(r'<a href="([^"]+)">voir plutôt du plus récent au plus ancien</a>', by_name.text)
    assert link, by_name.text[-3000:]
    newest = client.get("/effacer" + html.unescape(link.group(1)).split("/effacer", 1)[1])  # the page's link, its root left out
    said = text_of(newest)
    assert "Seuls les 300 premiers éléments sur 311 sont montrés, du plus récent au plus ancien" in said, said
    assert said.index("Dossier « Archives »") < said.index("2019-309.pdf") < said.index("2019-308.pdf"), said
    assert "2019-000.pdf" not in said and "modifié le" in said, said
    assert 'name="ordre" value="recents"' in newest.text  # kept when the form comes back with a refusal
