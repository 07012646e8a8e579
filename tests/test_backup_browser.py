"""The backup pages in real Chromium, as a practitioner meets them: set up from the page without a terminal, the
password noted then typed back, a backup with its progress, the status and the recovery sheet — at 1280 px and at
390 px (a phone held upright: nothing may scroll sideways). Screenshots in tests/artefacts/."""

from __future__ import annotations

import re
import shutil

import pytest
from backup_disks import two_disks  # noqa: F401 - a fixture
from test_backup import make_source
from test_web_browser import CHROMIUM, browser, gardien, go, page, shot  # noqa: F401 - fixtures

pytestmark = [pytest.mark.skipif(CHROMIUM is None, reason="Chromium absent (apt-get install chromium)"),
              pytest.mark.skipif(shutil.which("restic") is None, reason="restic absent (apt-get install restic)")]
NARROW, WIDE = 390, 1280


def no_sideways_scroll(tab) -> None:
    widths = tab.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"la page défile de côté : {widths[0]} px pour {widths[1]} px de large ({tab.url})"


def both_widths(tab, name: str) -> None:
    """Screenshot at 1280 px, then at 390 px where nothing may scroll sideways."""
    tab.set_viewport_size({"width": WIDE, "height": 800})
    shot(tab, f"{name}-1280")
    tab.set_viewport_size({"width": NARROW, "height": 844})
    no_sideways_scroll(tab)
    shot(tab, f"{name}-390")
    tab.set_viewport_size({"width": WIDE, "height": 800})


def test_set_up_back_up_and_read_the_status_in_the_browser(page, tmp_path, two_disks):  # noqa: F811 - fixtures
    # a deep folder with long names, as practice software makes them: the paths must wrap at 390 px
    source = make_source(tmp_path / "Cabinet" / "Logiciel-metier-donnees-patients-2026" / "Dossiers-de-suivi-consultations")
    first, second = two_disks
    go(page, "Sauvegardes")
    both_widths(page, "10-sauvegardes-vide")
    page.get_by_role("link", name="Mettre en place la sauvegarde").click()
    page.locator("#autre_dossier").fill(str(source))
    page.locator("#disque_chemin").fill(str(first / "copies-du-cabinet"))
    page.locator("#hors_site_chemin").fill(str(second / "copies-gardees-a-la-maison"))
    page.get_by_label("Dans un fichier lisible seulement depuis votre compte").check()
    page.locator("#fichier").fill(str(tmp_path / "mot-de-passe-des-sauvegardes.txt"))
    both_widths(page, "11-sauvegardes-mise-en-place")
    page.get_by_role("button", name="Vérifier les disques et continuer").click()
    page.get_by_role("heading", name="Noter le mot de passe des sauvegardes").wait_for()
    password = page.locator("#mot-de-passe-sauvegarde").inner_text().strip()
    assert re.fullmatch(r"[a-z2-9]{4}(-[a-z2-9]{4}){5}", password)
    assert not (first / "copies-du-cabinet").exists()
    both_widths(page, "12-sauvegardes-mot-de-passe")
    page.get_by_label("Tapez ici le mot de passe noté").fill(password.replace("-", " ").upper())
    page.get_by_role("button", name="Créer la sauvegarde").click()
    page.get_by_role("heading", name="La sauvegarde est prête").wait_for()
    page.get_by_role("button", name="Sauvegarder maintenant").click()
    page.get_by_text("Sauvegarde terminée").wait_for(timeout=120_000)  # the page polls the progress by itself
    assert "réussie" in page.locator("#travail").inner_text()
    page.goto(page.url.split("?")[0])
    status = page.locator("main").inner_text()
    assert "Règle 3-2-1 tenue d'après vos déclarations" in status and "déclaré par vous" in status and "Support, mesuré par Gardien" in status
    both_widths(page, "13-sauvegardes-etat")
    page.get_by_role("link", name="Fiche de secours").first.click()
    sheet = page.locator("main").inner_text()
    assert str(source) in sheet and password not in sheet
    both_widths(page, "14-sauvegardes-fiche")


def test_set_up_by_picking_the_folder_and_the_disks(page, tmp_path, two_disks, monkeypatch):  # noqa: F811 - fixtures
    """Walkthrough, round 13: nothing typed by hand. The home's folders are offered to tick, and two disks mounted
    by hand (real ext4 loop disks, outside /media) are offered to choose. They are loop images in the temporary
    folder, which the interface does not offer (tests/test_backup_drives.py): here they stand for two disks she
    plugged in (backup_disks.offered_as_plugged_in)."""
    from backup_disks import offered_as_plugged_in

    from gardien.backup import config

    home = tmp_path / "maison"
    source = make_source(home / "Patients")
    (home / "Comptabilite").mkdir()
    monkeypatch.setenv("HOME", str(home))  # the interface runs in this process (a thread)
    monkeypatch.setattr(config, "usual_folders", lambda: [])
    first, second = two_disks
    offered_as_plugged_in(monkeypatch)
    go(page, "Sauvegardes")
    page.get_by_role("link", name="Mettre en place la sauvegarde").click()
    page.get_by_label(str(source)).check()
    page.locator("#disque").select_option(str(first))
    page.locator("#hors_site").select_option(str(second))
    page.get_by_label("Nulle part : je le taperai à chaque sauvegarde").check()
    both_widths(page, "20-sauvegardes-choisir-sans-rien-taper")
    page.get_by_role("button", name="Vérifier les disques et continuer").click()
    page.get_by_role("heading", name="Noter le mot de passe des sauvegardes").wait_for()
    assert "Les disques sont vérifiés" in page.locator("main").inner_text()


def test_a_refused_set_up_keeps_what_was_typed_and_fits_a_phone(page, tmp_path):  # noqa: F811 - fixture
    source = make_source(tmp_path / "Cabinet-tres-long-nom-de-dossier-sans-espace-pour-voir-si-la-page-deborde")
    go(page, "Sauvegardes")
    page.get_by_role("link", name="Mettre en place la sauvegarde").click()
    page.locator("#autre_dossier").fill(str(source))
    page.locator("#disque_chemin").fill(str(tmp_path / "meme-disque-un"))
    page.locator("#hors_site_chemin").fill(str(tmp_path / "meme-disque-deux"))
    page.get_by_role("button", name="Vérifier les disques et continuer").click()
    page.get_by_role("alert").wait_for()
    assert "même disque" in page.get_by_role("alert").inner_text()
    assert page.locator("#disque_chemin").input_value() == str(tmp_path / "meme-disque-un")
    both_widths(page, "15-sauvegardes-refus-meme-disque")


def test_one_disk_then_the_second_in_the_browser(page, tmp_path, two_disks, monkeypatch):  # noqa: F811 - fixtures
    """A computer without Documents nor Bureau, and one external disk: the folder is asked for, the first copy made,
    the status says the rule is not yet held; the second disk is added later from the same page."""
    from gardien.backup import config

    monkeypatch.setattr(config, "usual_folders", lambda: [])  # the interface runs in this process (a thread)
    monkeypatch.setattr(config, "home_folders", lambda: [])  # nor any other folder in the home
    source = make_source(tmp_path / "Cabinet")
    first, second = two_disks
    go(page, "Sauvegardes")
    assert "Un disque externe suffit pour commencer" in page.locator("main").inner_text()
    page.get_by_role("link", name="Mettre en place la sauvegarde").click()
    folder = page.get_by_label("Dossier où vous rangez les dossiers de vos patients")
    assert folder.evaluate("(field) => field.required") and "facultatif" not in page.locator("label[for=autre_dossier]").inner_text()
    page.get_by_role("button", name="Vérifier les disques et continuer").click()  # left empty: the form is not sent
    assert folder.evaluate("(field) => !field.validity.valid")
    folder.fill(str(source))
    page.locator("#disque_chemin").fill(str(first / "copies"))
    page.get_by_label("Nulle part : je le taperai à chaque sauvegarde").check()
    both_widths(page, "16-sauvegardes-un-disque-mise-en-place")
    page.get_by_role("button", name="Vérifier les disques et continuer").click()
    page.get_by_role("heading", name="Noter le mot de passe des sauvegardes").wait_for()
    assert "Le disque est vérifié" in page.locator("main").inner_text()
    password = page.locator("#mot-de-passe-sauvegarde").inner_text().strip()
    page.get_by_label("Tapez ici le mot de passe noté").fill(password)
    page.get_by_role("button", name="Créer la sauvegarde").click()
    page.get_by_role("heading", name="La sauvegarde est prête").wait_for()
    page.locator("#mdp-lancer").fill(password)
    page.get_by_role("button", name="Sauvegarder maintenant").click()
    page.get_by_text("Sauvegarde terminée").wait_for(timeout=120_000)
    assert "ranger le second" not in page.locator("#travail").inner_text()
    page.goto(page.url.split("?")[0])
    status = page.locator("main").inner_text()
    assert "Une seule copie hors de l'ordinateur : la règle 3-2-1 n'est pas encore tenue" in status
    assert "respectée" not in status and "gardien sauvegarde" not in status
    both_widths(page, "17-sauvegardes-un-disque-etat")
    page.get_by_role("link", name="Ajouter le second disque").click()
    page.locator("#hors_site_chemin").fill(str(second / "copies"))
    page.locator("#mdp-ajouter").fill(password)
    both_widths(page, "18-sauvegardes-ajouter-second-disque")
    page.get_by_role("button", name="Vérifier et ajouter ce disque").click()
    page.get_by_role("heading", name="Le second disque est ajouté").wait_for()
    page.locator("#mdp-lancer").fill(password)
    page.get_by_role("button", name="Sauvegarder maintenant").click()
    page.get_by_text("Sauvegarde terminée").wait_for(timeout=120_000)
    page.goto(page.url.split("?")[0])
    assert "Règle 3-2-1 tenue d'après vos déclarations" in page.locator("main").inner_text()
    both_widths(page, "19-sauvegardes-deux-disques-etat")


def test_during_an_emergency_the_page_says_why_and_offers_no_backup(page, tmp_path):  # noqa: F811 - fixture
    """Walkthrough, round 11: the watch opened the emergency mode (« do not plug the backup disk in ») and a backup
    still ran. The copies' status stays readable; the buttons that would touch them are gone, the reason said first."""
    from test_backup import old_style_configuration

    from gardien.paths import data_dir
    from gardien.urgence import state

    old_style_configuration(data_dir(), make_source(tmp_path / "Cabinet"), tmp_path / "d1", tmp_path / "d2", "x" * 12)
    state.open_(state.Origin.ALERT, "Signes de rançongiciel : au moins 2 documents chiffrés ou remplacés.")
    go(page, "Sauvegardes")
    alert = page.get_by_role("alert").first.inner_text()
    assert "Le mode urgence est ouvert depuis le" in alert and "ne le branchez pas" in alert, alert
    assert page.get_by_role("button", name="Sauvegarder maintenant").count() == 0
    assert page.get_by_role("button", name="Faire une restauration d'essai").count() == 0
    both_widths(page, "15-sauvegardes-pendant-une-urgence")
    page.get_by_role("link", name="Aller au mode urgence").click()
    page.wait_for_load_state("load")
    assert "/urgence" in page.url


def test_the_plan_page_says_the_restore_test_gardien_made(page):  # noqa: F811 - fixture
    """Walkthrough, round 11: right after a successful restore test the plan still asked for one. The backup history
    is hand-written in backup/state.py's format, one hour old."""
    from datetime import datetime, timedelta

    from gardien import fr, statefile
    from gardien.backup import config, state
    from gardien.store import answers

    answers.save("restauration_testee", "non")
    when = (datetime.now().astimezone() - timedelta(hours=1)).isoformat(timespec="seconds")
    usb = {"volume": "uuid:aaaa", "medium": "disque", "removable": "amovible", "said_by": "lsblk", "disk": "serie:A1"}
    config.save(config.BackupConfig(["/home/sf/Cabinet"], [config.Destination("disque-1", config.Kind.DISK, "/media/sf/A/depot")],
                                    config.Secret(config.SecretKind.ASKED)))
    statefile.write(state.path(), {"disque-1": {"sauvegarde": {"date": when, "appareil": usb}, "verification": {"date": when}}})
    go(page, "Mon plan")
    text = " ".join(page.locator("main").inner_text().split())
    assert ("Tester une restauration depuis la sauvegarde — faite : Restauration d'essai réussie sur le disque du cabinet "
            f"(vérifié par Gardien le {fr.day(when)}).") in text, text
    both_widths(page, "16-plan-restauration-verifiee")
