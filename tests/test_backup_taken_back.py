"""Copies made by Gardien on one computer, taken back on another where Gardien is fresh (the rescue sheet's promise,
walkthrough round 17, S2): the folder of copies and the sheet's password, read without writing anything on the disk,
then a restore into a new folder — from the command line and from the page. Real restic copies made by Gardien on a
real disk (test_backup.py's practice fixture); the « other computer » is a new, empty GARDIEN_HOME."""

from __future__ import annotations

import subprocess

from backup_disks import two_disks  # noqa: F401 - a fixture
from conftest import logged_in_client
from test_backup import digest_tree, practice  # noqa: F401 - practice is a fixture
from test_backup import gardien as run
from test_backup_web import SAME, client, text_of, wait_for_job  # noqa: F401 - client is a fixture
from test_web_browser import browser, gardien, page  # noqa: F401 - fixtures


def test_a_fresh_gardien_lists_and_restores_copies_from_the_sheet_folder(practice, tmp_path):  # noqa: F811
    assert run(practice["home"], "sauvegarde", "lancer").returncode == 0
    new_computer = tmp_path / "nouvel-ordinateur"
    copies = practice["disk"] / "depot"
    listed = run(new_computer, "sauvegarde", "copies", "--depuis", str(copies), stdin=practice["password"] + "\n")
    assert listed.returncode == 0, listed.stdout + listed.stderr
    assert listed.stdout.count("• copie du") == 1 and f"--depuis {copies}" in listed.stdout, listed.stdout
    wrong = run(new_computer, "sauvegarde", "copies", "--depuis", str(copies), stdin="pas-le-bon\n")
    assert wrong.returncode == 2 and "mot de passe" in wrong.stderr and "Traceback" not in wrong.stderr, wrong.stderr
    target = tmp_path / "restauration"
    restored = run(new_computer, "sauvegarde", "restaurer", "--depuis", str(copies), "--vers", str(target),
                       stdin=practice["password"] + "\n")
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert digest_tree(target / practice["source"].name) == digest_tree(practice["source"])
    assert not (new_computer / "sauvegarde.json").exists()  # nothing set up on the new computer
    nowhere = run(new_computer, "sauvegarde", "restaurer", "--depuis", str(tmp_path), "--vers", str(tmp_path / "x"))
    assert nowhere.returncode == 2 and "n'est pas un dossier de copies de Gardien" in nowhere.stderr, nowhere.stderr


def test_the_sheet_says_how_a_fresh_gardien_takes_the_copies_back(practice, client):  # noqa: F811
    """The rescue sheet sends her to what works: the command and the page part that read the sheet's folder."""
    sheet = run(practice["home"], "sauvegarde", "fiche")
    assert "gardien sauvegarde restaurer --depuis COPIES --vers DOSSIER-NEUF" in sheet.stdout, sheet.stdout
    page = text_of(client.get("/sauvegardes/fiche"))
    assert "« Copies faites sur un autre ordinateur »" in page, page
    after = run(practice["home"], "urgence", "apres").stdout  # after an attack, the new computer's way too
    assert "gardien sauvegarde restaurer --depuis DOSSIER-DES-COPIES --vers DOSSIER-NEUF" in after, after


def test_a_write_protected_key_is_read_without_writing(practice, tmp_path):  # noqa: F811
    assert run(practice["home"], "sauvegarde", "lancer").returncode == 0
    subprocess.run(["mount", "-o", "remount,ro", str(practice["disk"])], capture_output=True, check=True)
    try:
        target = tmp_path / "restauration"
        restored = run(tmp_path / "nouvel-ordinateur", "sauvegarde", "restaurer", "--depuis",
                           str(practice["disk"] / "depot"), "--vers", str(target), stdin=practice["password"] + "\n")
        assert restored.returncode == 0, restored.stdout + restored.stderr
        assert digest_tree(target / practice["source"].name) == digest_tree(practice["source"])
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(practice["disk"])], capture_output=True, check=False)


def test_the_page_of_a_fresh_gardien_restores_copies_from_the_sheet_folder(practice, tmp_path, monkeypatch):  # noqa: F811
    assert run(practice["home"], "sauvegarde", "lancer").returncode == 0
    monkeypatch.setenv("GARDIEN_HOME", str(tmp_path / "nouvel-ordinateur"))
    client = logged_in_client(8765)
    form = text_of(client.get("/sauvegardes/restaurer"))
    assert "Copies faites sur un autre ordinateur" in form and "fiche de secours" in form, form
    target = tmp_path / "restauration"
    started = client.post("/sauvegardes/reprendre", headers=SAME, follow_redirects=False,
                          data={"depuis": str(practice["disk"] / "depot"), "motdepasse": practice["password"],
                                "vers": str(target), "copie": "derniere", "avant": ""})
    assert started.status_code == 303, text_of(started)
    wait_for_job(client, "Restauration terminée")
    assert digest_tree(target / practice["source"].name) == digest_tree(practice["source"])
    refused = client.post("/sauvegardes/reprendre", headers=SAME, data={"depuis": str(tmp_path), "motdepasse": "x",
                                                                      "vers": str(tmp_path / "y"), "copie": "derniere"})
    assert refused.status_code == 400 and "n'est pas un dossier de copies de Gardien" in text_of(refused)


def test_the_new_parts_read_at_both_widths(page, practice):  # noqa: F811 - fixtures
    """The doubt before a backup and the restore from another computer's copies, in Chromium at 1280 and 390 px."""
    from test_backup_before_alert import DOUBT, encrypt_three
    from test_backup_browser import both_widths
    from test_web_browser import go

    assert run(practice["home"], "sauvegarde", "lancer").returncode == 0
    encrypt_three(practice["source"])
    go(page, "Sauvegardes")
    page.get_by_role("button", name="Sauvegarder maintenant").click()
    page.get_by_role("heading", name="Sauvegarde non faite : des documents semblent chiffrés").wait_for()
    assert DOUBT in page.locator("main").inner_text()
    both_widths(page, "r17-sauvegarde-doute")
    go(page, "Sauvegardes")
    page.get_by_role("link", name="Restaurer des fichiers", exact=True).click()
    page.get_by_role("heading", name="Copies faites sur un autre ordinateur").wait_for()
    both_widths(page, "r17-restaurer-autre-ordinateur")


def test_a_fresh_gardien_page_leads_to_the_copies_of_another_computer(page):  # noqa: F811 - fixtures
    from test_backup_browser import both_widths
    from test_web_browser import go

    go(page, "Sauvegardes")
    page.get_by_role("link", name="Restaurer des fichiers depuis des copies faites sur un autre ordinateur").click()
    page.get_by_role("heading", name="Copies faites sur un autre ordinateur").wait_for()
    both_widths(page, "r17-restaurer-gardien-neuf")


def test_the_after_attack_page_sends_a_new_computer_to_the_page_part(page):  # noqa: F811 - fixtures
    from test_backup_browser import both_widths
    from test_web_browser import go

    go(page, "En cas d'attaque")
    page.get_by_role("link", name="Après une attaque : récupérer vos fichiers").click()
    page.wait_for_load_state("load")
    shown = page.locator("main").inner_text().replace("\u00a0", " ").replace("\u202f", " ")
    assert "« Copies faites sur un autre ordinateur »" in shown and "gardien " not in shown, shown
    both_widths(page, "r17-apres-attaque")
