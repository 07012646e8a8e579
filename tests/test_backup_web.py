"""The backup pages through FastAPI's TestClient: set-up in two steps for every place the password is kept, then a
backup and a restore test from the page, and the same truths as the command line (partielle, déclaré, same disk)."""

from __future__ import annotations

import html
import json
import re
import shutil
import time
from pathlib import Path

import pytest
from backup_disks import two_disks  # noqa: F401 - a fixture
from conftest import logged_in_client, visible_text
from test_backup import digest_tree, make_source, old_style_configuration

pytestmark = pytest.mark.skipif(shutil.which("restic") is None, reason="restic absent (apt-get install restic)")
PORT = 8765
ORIGIN = f"http://127.0.0.1:{PORT}"
SAME = {"Origin": ORIGIN}
HTMX = {"Origin": ORIGIN, "HX-Request": "true"}
SHOWN = re.compile(r'id="mot-de-passe-sauvegarde">(.+?)</p>')


def shown_password(page: str) -> str:
    return re.sub(r"<[^>]+>", "", SHOWN.search(page).group(1))


@pytest.fixture
def client():
    return logged_in_client(PORT)


def text_of(response) -> str:
    return visible_text(response.text)


def problem_of(response) -> str:
    """The error message a form shows."""
    return html.unescape(re.search(r'<p class="problem" role="alert">(.*?)</p>', response.text, re.S).group(1))


def wait_for_job(client, finished: str) -> str:
    deadline = time.monotonic() + 180
    while "en cours" in (fragment := text_of(client.get("/sauvegardes/progression", headers=HTMX))):
        assert time.monotonic() < deadline, fragment
        time.sleep(0.2)
    assert finished in fragment, fragment
    return fragment


@pytest.mark.parametrize("place", ["trousseau", "fichier", "demander"])
def test_setup_from_the_page_for_every_password_place_then_backup_test_and_restore(client, tmp_path, test_keyring, two_disks,  # noqa: F811
                                                                                   place):
    from gardien.backup import config, operations

    source = make_source(tmp_path / "Cabinet")
    first, second = two_disks
    form = {"autre_dossier": str(source), "disque_chemin": str(first / "copies"), "hors_site_chemin": str(second / "copies"),
            "secret": place, "fichier": str(tmp_path / "mdp.txt")}
    step1 = client.post("/sauvegardes/configurer", headers=SAME, data=form)
    assert step1.status_code == 200 and "Rien n'est encore créé" in text_of(step1), text_of(step1)
    password = shown_password(step1.text)
    token = re.search(r'name="jeton" value="([^"]+)"', step1.text).group(1)
    assert not (first / "copies").exists() and not (tmp_path / "mdp.txt").exists()  # nothing before the confirmation
    wrong = client.post("/sauvegardes/confirmer", headers=SAME, data={"jeton": token, "confirmation": "pas-le-bon"})
    assert wrong.status_code == 400 and "pas le même" in text_of(wrong) and shown_password(wrong.text) == password
    assert not (first / "copies").exists()
    done = client.post("/sauvegardes/confirmer", headers=SAME, data={"jeton": token, "confirmation": password.upper()},
                       follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == client.app.state.guard.root + "/sauvegardes?prete=1"
    configuration = config.load()
    assert configuration.secret.kind.value == place and configuration.dossiers == [str(source)]
    typed = {"motdepasse": password} if place == "demander" else {}
    for kind, finished in (("lancer", "Sauvegarde terminée"), ("verifier", "essai terminée")):
        assert client.post(f"/sauvegardes/{kind}", headers=SAME, data=typed, follow_redirects=False).status_code == 303
        fragment = wait_for_job(client, finished)
        assert "réussie" in fragment and "échec" not in fragment and "pas faite" not in fragment, fragment
    page = text_of(client.get("/sauvegardes"))
    assert "Règle 3-2-1 tenue d'après vos déclarations" in page and "déclaré par vous" in page and "jamais" not in page
    response = client.post("/sauvegardes/mot-de-passe", headers=SAME)
    shown = text_of(response)
    if place == "demander":
        assert password not in shown and "ne le garde nulle part" in shown and "mot-de-passe-sauvegarde" not in response.text
        checked = text_of(client.post("/sauvegardes/mot-de-passe", headers=SAME, data={"motdepasse": password}))
        assert "C'est le bon mot de passe" in checked
    else:
        assert shown_password(response.text) == password
    printed = client.get("/sauvegardes/fiche")
    sheet = text_of(printed)
    assert str(source) in sheet and password not in sheet and "Mot de passe" in sheet
    # walkthrough, round 13: « À taper par la personne qui vous aide : restic -r COPIES restore latest … » on a web
    # page; the steps say it in words, in order
    assert "restic -r" not in sheet and "<code>" not in printed.text and "À taper" not in sheet
    assert sheet.index("Installer le programme de sauvegarde restic") < sheet.index("copie la plus récente dans un "
                                                                                     "dossier vide") < sheet.index("Ou, si Gardien")
    target = tmp_path / "restauration"
    operations.restore(configuration, "hors-site-1", target, password=password if place == "demander" else None)
    assert digest_tree(target / source.name) == digest_tree(source)


def test_setup_on_the_disk_of_the_folders_is_refused_and_keeps_what_was_typed(client, tmp_path):
    source = make_source(tmp_path / "Cabinet")
    response = client.post("/sauvegardes/configurer", headers=SAME, data={
        "autre_dossier": str(source), "disque_chemin": str(tmp_path / "a"), "hors_site_chemin": str(tmp_path / "b"),
        "secret": "demander"})
    page = text_of(response)
    assert response.status_code == 400 and "même disque que le dossier à protéger" in page
    assert f'value="{tmp_path / "a"}"' in response.text and 'value="demander" checked' in response.text
    assert not (tmp_path / "a").exists()


def test_without_a_keyring_the_page_offers_a_file_and_no_command(client):
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        response = client.get("/sauvegardes/configurer")
    finally:
        keyring.set_keyring(previous)
    assert 'value="trousseau" disabled' in response.text and 'value="fichier" checked' in response.text
    assert "gardien sauvegarde" not in response.text and "--" not in text_of(response).replace("— choisir —", "")


def test_the_status_page_says_what_the_command_line_says(client, tmp_path, isolated_home):
    """Two folders on the computer's own disk (a configuration made before disks were measured): not 3-2-1."""
    import os
    import subprocess
    import sys

    source = make_source(tmp_path / "Cabinet")
    old_style_configuration(isolated_home, source, tmp_path / "d1", tmp_path / "d2", "mot-de-passe-de-test")
    assert client.post("/sauvegardes/lancer", headers=SAME, data={"motdepasse": "mot-de-passe-de-test"},
                       follow_redirects=False).status_code == 303
    assert "même disque" in wait_for_job(client, "Sauvegarde terminée")
    page = text_of(client.get("/sauvegardes"))
    cli = json.loads(subprocess.run([sys.executable, "-m", "gardien", "sauvegarde", "etat", "--json"], capture_output=True,
                                    text=True, env=dict(os.environ, GARDIEN_HOME=str(isolated_home)), check=True).stdout)
    assert cli["phrase"] in page and cli["phrase"].startswith("Règle 3-2-1 non respectée")
    assert "Ne compte pas dans la règle 3-2-1" in page and "déclaré par vous" in page and "il y a 0 jour" not in page
    shutil.rmtree(source / "courriers")  # a protected folder's content goes; then the folder itself
    shutil.rmtree(source)
    client.post("/sauvegardes/lancer", headers=SAME, data={"motdepasse": "mot-de-passe-de-test"})
    assert "échec" in wait_for_job(client, "Sauvegarde non faite : rien n'a été copié")
    assert "Dernier échec" in text_of(client.get("/sauvegardes"))


def test_a_run_that_copies_nothing_says_so_and_the_page_shows_the_missing_disks(client, tmp_path, isolated_home):
    source = make_source(tmp_path / "Cabinet")
    old_style_configuration(isolated_home, source, tmp_path / "d1", tmp_path / "d2", "mot-de-passe-de-test")
    for name in ("d1", "d2"):  # both disks unplugged: their repositories are not there
        (tmp_path / name).rename(tmp_path / f"{name}-ailleurs")
    client.post("/sauvegardes/lancer", headers=SAME, data={"motdepasse": "mot-de-passe-de-test"})
    fragment = wait_for_job(client, "Sauvegarde non faite : rien n'a été copié")  # walkthrough, round 9: « terminée »
    assert "terminée" not in fragment and "Aucune copie complète n'a été faite" in fragment and "Pensez à débrancher" not in fragment, fragment
    assert fragment.count("destination absente") == 2 and "respectée" not in fragment
    assert text_of(client.get("/sauvegardes")).count("Dernière sauvegarde sans copie, le ") == 2
    (tmp_path / "d1-ailleurs").rename(tmp_path / "d1")  # one disk back: a copy on it, none on the other
    client.post("/sauvegardes/lancer", headers=SAME, data={"motdepasse": "mot-de-passe-de-test"})
    fragment = wait_for_job(client, "Sauvegarde faite en partie : pas sur toutes les copies")
    assert "réussie" in fragment and "destination absente" in fragment and "terminée" not in fragment, fragment


def test_a_damaged_history_is_shown_and_set_aside_only_on_a_click(client, tmp_path, isolated_home):
    source = make_source(tmp_path / "Cabinet")
    old_style_configuration(isolated_home, source, tmp_path / "d1", tmp_path / "d2", "x" * 12)
    history = isolated_home / "sauvegarde-etat.json"
    history.write_text('{"disque-1": {"sauvegarde": {"da')
    page = client.get("/sauvegardes")
    assert page.status_code == 200 and "abîmé" in text_of(page) and "gardien sauvegarde" not in page.text
    assert history.exists()
    assert client.post("/sauvegardes/historique", headers=SAME, follow_redirects=False).status_code == 303
    assert not history.exists() and len(list(isolated_home.glob("sauvegarde-etat.json.abime-*"))) == 1
    assert "Où en êtes-vous" in text_of(client.get("/sauvegardes"))


def test_a_damaged_configuration_is_named_on_the_page(client, tmp_path, isolated_home):
    source = make_source(tmp_path / "Cabinet")
    old_style_configuration(isolated_home, source, tmp_path / "d1", tmp_path / "d2", "x" * 12)
    target = isolated_home / "sauvegarde.json"
    raw = json.loads(target.read_text())
    raw["secret"] = {}
    target.write_text(json.dumps(raw))
    page = client.get("/sauvegardes")
    assert page.status_code == 200 and "« secret »" in text_of(page) and "Mettre en place" not in page.text
    refused = client.post("/sauvegardes/mot-de-passe", headers=SAME)  # the repair page, which names the file
    assert refused.status_code == 409 and "sauvegarde.json" in text_of(refused)
    assert json.loads(target.read_text()) == raw


def test_a_pending_setup_cannot_be_confirmed_with_another_token(client, tmp_path, isolated_home):
    response = client.post("/sauvegardes/confirmer", headers=SAME, data={"jeton": "x", "confirmation": "y"})
    assert response.status_code == 400 and "rien n'a été créé" in text_of(response)
    assert not (isolated_home / "sauvegarde.json").exists()


def test_the_setup_form_lists_each_password_place(client):
    page = client.get("/sauvegardes/configurer").text
    for value in ("trousseau", "fichier", "demander"):
        assert f'name="secret" value="{value}"' in page


def test_the_restore_page_before_any_backup_says_so_and_leads_to_the_set_up(client):
    response = client.get("/sauvegardes/restaurer")
    assert response.status_code == 200
    assert "Mettre en place la sauvegarde" in text_of(response) and f'href="{client.root}/sauvegardes/configurer"' in response.text
    # copies made on another computer can still be restored (the rescue sheet's folder and password, round 17, S2)
    assert "Copies faites sur un autre ordinateur" in text_of(response) and "Aucune sauvegarde" in text_of(response)


# --- one disk to start, the second added later, the folder field when no Documents folder is found ----------------

def _set_up(client, data: dict) -> tuple[str, str]:
    """Both set-up steps from the page, as a person does them: the password shown, and the page that showed it."""
    step1 = client.post("/sauvegardes/configurer", headers=SAME, data=data)
    assert step1.status_code == 200 and "Rien n'est encore créé" in text_of(step1), text_of(step1)
    password = shown_password(step1.text)
    token = re.search(r'name="jeton" value="([^"]+)"', step1.text).group(1)
    done = client.post("/sauvegardes/confirmer", headers=SAME, data={"jeton": token, "confirmation": password},
                       follow_redirects=False)
    assert done.status_code == 303
    return password, text_of(step1)


def test_one_disk_from_the_page_then_the_second_added_without_losing_the_first(client, tmp_path, two_disks):  # noqa: F811
    from gardien.backup import config, operations

    source = make_source(tmp_path / "Cabinet")
    first, second = two_disks
    # the folder ticked among the usual ones and typed again as « autre dossier »: protected once
    password, shown = _set_up(client, {"dossier": str(source), "autre_dossier": str(source),
                                       "disque_chemin": str(first / "copies"), "secret": "demander"})
    assert config.load().dossiers == [str(source.resolve())]
    # every page names a copy in words (« le disque du cabinet »), never by the command line's « disque-1 »
    assert "Le disque est vérifié" in shown and "Le disque du cabinet :" in shown and "disque-1" not in shown
    typed = {"motdepasse": password}
    for kind, finished in (("lancer", "Sauvegarde terminée"), ("verifier", "essai terminée")):
        assert client.post(f"/sauvegardes/{kind}", headers=SAME, data=typed, follow_redirects=False).status_code == 303
        fragment = wait_for_job(client, finished)
        assert "Le disque du cabinet : réussie" in fragment and "ranger le second" not in fragment, fragment
        assert "disque-1" not in fragment
    page = text_of(client.get("/sauvegardes"))
    assert "Une seule copie hors de l'ordinateur : la règle 3-2-1 n'est pas encore tenue" in page
    assert "respectée" not in page and "Ajouter le second disque" in page and "gardien sauvegarde" not in page
    # « Compte dans la règle 3-2-1. » under one disk read as compliant: it is one of the three, and one is missing
    assert "Cette copie compte comme l'une des trois de la règle 3-2-1" in page and "manque encore" in page
    assert "Le disque du cabinet" in page and "disque-1" not in page
    form = client.get("/sauvegardes/ajouter")
    assert form.status_code == 200 and 'name="motdepasse"' in form.text and "gardien sauvegarde" not in form.text
    assert "Le disque du cabinet :" in text_of(form) and "disque-1" not in text_of(form)
    wrong = client.post("/sauvegardes/ajouter", headers=SAME, data={"hors_site_chemin": str(second / "copies"),
                                                                    "motdepasse": "pas le bon"})
    assert wrong.status_code == 400 and "n'ouvre pas les copies gardées sur le disque du cabinet" in text_of(wrong) and not (second / "copies").exists()
    assert "Aucune copie n'a été ajoutée." in text_of(wrong)
    added = client.post("/sauvegardes/ajouter", headers=SAME, data={"hors_site_chemin": str(second / "copies"), **typed},
                        follow_redirects=False)
    assert added.status_code == 303 and added.headers["location"].endswith("/sauvegardes?ajoutee=1"), text_of(added)
    assert "Le second disque est ajouté" in text_of(client.get("/sauvegardes?ajoutee=1"))
    configuration = config.load()
    assert [d.nom for d in configuration.destinations] == ["disque-1", "hors-site-1"]
    assert len(operations.snapshots(configuration, "disque-1", password)) == 1  # the first copy is still there
    client.post("/sauvegardes/lancer", headers=SAME, data=typed)
    finished = wait_for_job(client, "Sauvegarde terminée")
    assert "Le disque gardé hors du cabinet : réussie" in finished and "hors-site-1" not in finished
    page = text_of(client.get("/sauvegardes"))
    assert "Règle 3-2-1 tenue d'après vos déclarations" in page and "Ajouter le second disque" not in page
    restore_form = text_of(client.get("/sauvegardes/restaurer"))
    assert "Le disque gardé hors du cabinet" in restore_form and "Le disque du cabinet" in restore_form
    sheet = text_of(client.get("/sauvegardes/fiche"))
    assert "Le disque gardé hors du cabinet : disque, hors du cabinet" in sheet
    for shown_page in (page, restore_form, sheet):
        assert "disque-1" not in shown_page and "hors-site-1" not in shown_page
    target = tmp_path / "restauration"
    operations.restore(config.load(), "hors-site-1", target, password=password)
    assert digest_tree(target / source.name) == digest_tree(source)


def test_adding_a_disk_already_used_is_refused_and_changes_nothing(client, tmp_path, two_disks):  # noqa: F811
    from gardien.backup import config

    source = make_source(tmp_path / "Cabinet")
    first, _ = two_disks
    _set_up(client, {"autre_dossier": str(source), "disque_chemin": str(first / "copies"), "secret": "fichier",
                     "fichier": str(tmp_path / "mdp.txt")})
    before = config.path().read_bytes()
    same = client.post("/sauvegardes/ajouter", headers=SAME, data={"hors_site_chemin": str(first / "autre")})
    # the page names the disks in words, not by the names typed on the command line (« hors-site-1 »)
    assert same.status_code == 400 and ("Le dossier choisi pour le disque gardé hors du cabinet est sur le même disque "
                                        "que celui choisi pour le disque du cabinet") in text_of(same)
    assert "hors-site-1" not in problem_of(same) and "disque-1" not in problem_of(same)
    unplugged = client.post("/sauvegardes/ajouter", headers=SAME, data={"hors_site_chemin": "/media/moi/DISQUE-MAISON/copies"})
    assert unplugged.status_code == 400 and "hors-site-1" not in problem_of(unplugged)
    assert "Le dossier choisi pour le disque gardé hors du cabinet (/media/moi/DISQUE-MAISON) est introuvable" in text_of(unplugged)
    assert f'value="{first / "autre"}"' in same.text  # what she typed is kept
    empty = client.post("/sauvegardes/ajouter", headers=SAME, data={})
    assert empty.status_code == 400 and "Choisissez le second disque" in text_of(empty)
    assert config.path().read_bytes() == before and not (first / "autre").exists()


def test_without_a_documents_folder_the_folder_field_is_required_and_says_what_to_put(client, monkeypatch):
    from gardien.backup import config

    monkeypatch.setattr(config, "usual_folders", lambda: [])  # a computer without Documents nor Bureau
    monkeypatch.setattr(config, "home_folders", lambda: [])  # nor any other folder in the home
    form = client.get("/sauvegardes/configurer").text
    field = re.search(r'<input[^>]*id="autre_dossier"[^>]*>', form).group(0)
    label = re.search(r'<label for="autre_dossier">(.*?)</label>', form, re.S).group(1)
    assert " required" in field and "facultatif" not in label and "dossiers de vos patients" in label
    empty = client.post("/sauvegardes/configurer", headers=SAME, data={"disque_chemin": "/media/x/copies"})
    assert empty.status_code == 400
    assert "Indiquez le dossier à protéger : celui où vous rangez les dossiers de vos patients" in text_of(empty)


def test_with_a_documents_folder_the_other_folder_stays_optional(client, monkeypatch, tmp_path):
    from gardien.backup import config

    monkeypatch.setattr(config, "usual_folders", lambda: [tmp_path])
    form = client.get("/sauvegardes/configurer").text
    field = re.search(r'<input[^>]*id="autre_dossier"[^>]*>', form).group(0)
    assert " required" not in field and "facultatif" in form


def test_setup_offers_the_home_folders_and_the_other_disks_to_pick(client, monkeypatch, tmp_path, two_disks):  # noqa: F811
    """Walkthrough, round 13: without Documents nor Bureau, the folder was to be typed in full; a disk mounted outside
    /media (as the walkthrough's, two real ext4 loop disks here, standing for disks she plugged in) was « Aucun disque
    externe n'est détecté »."""
    from backup_disks import offered_as_plugged_in

    from gardien.backup import config

    home = tmp_path / "maison"
    for name in ("Patients", "Compta", ".cache"):
        (home / name).mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setattr(config, "usual_folders", lambda: [])
    offered_as_plugged_in(monkeypatch)
    form = client.get("/sauvegardes/configurer").text
    for name in ("Patients", "Compta"):
        box = re.search(rf'<input type="checkbox"[^>]*value="{home / name}"[^>]*>', form)
        assert box and " checked" not in box.group(0), name  # offered, never ticked for her
    assert ".cache" not in form
    field = re.search(r'<input[^>]*id="autre_dossier"[^>]*>', form).group(0)
    assert " required" not in field and "Aucun disque externe" not in form
    for disk in two_disks:
        assert f'<option value="{disk}"' in form, disk
    first, second = two_disks
    (home / "Patients" / "note.txt").write_text("Note écrite pour ce test.\n", encoding="utf-8")
    picked = client.post("/sauvegardes/configurer", headers=SAME, data={
        "dossier": str(home / "Patients"), "disque": str(first), "hors_site": str(second), "secret": "demander"})
    assert picked.status_code == 200, text_of(picked)  # on to the password: nothing typed but the choices
    assert "Les disques sont vérifiés" in text_of(picked) and "Rien n'est encore créé" in text_of(picked)


def test_setup_needs_at_least_one_disk(client, tmp_path):
    response = client.post("/sauvegardes/configurer", headers=SAME, data={"autre_dossier": str(tmp_path)})
    assert response.status_code == 400 and "Choisissez le disque externe où faire la copie" in text_of(response)


def test_the_restore_form_offers_a_new_folder_she_can_keep(client, tmp_path, isolated_home, monkeypatch):
    """Walkthrough, round 9: the restore form asked for a full path. It offers one in her home folder that does not exist
    yet (another one when today's is taken) and says she can leave it; the password is typed each time (no disk read)."""
    from datetime import date

    monkeypatch.setenv("HOME", str(tmp_path / "maison"))
    (tmp_path / "maison").mkdir()
    source = make_source(tmp_path / "Cabinet")
    old_style_configuration(isolated_home, source, tmp_path / "d1", tmp_path / "d2", "mot-de-passe-de-test")
    form = client.get("/sauvegardes/restaurer")
    offered = Path(re.search(r'id="vers" name="vers"[^>]*value="([^"]+)"', form.text).group(1))
    assert offered.parent == tmp_path / "maison" and f"{date.today():%d-%m-%Y}" in offered.name and not offered.exists()
    assert "vous pouvez le laisser tel quel" in text_of(form) and "chemin complet" not in text_of(form)
    offered.mkdir()  # today's folder is taken (a restore made this morning): the next one is offered
    again = Path(re.search(r'id="vers" name="vers"[^>]*value="([^"]+)"', client.get("/sauvegardes/restaurer").text).group(1))
    assert again != offered and again.parent == offered.parent and not again.exists()


JARGON = re.compile(r"\b(restic|SFTP|S3|dépôts?)\b", re.I)


def _outside_technical_details(page: str) -> str:
    """The page as she reads it: the folded « Détails techniques » part, for the person who helps, left out."""
    return visible_text(re.sub(r'<details class="technical">.*?</details>', " ", page, flags=re.S))


def test_the_backup_pages_speak_plain_words_the_technical_names_folded_away(client, isolated_home):
    """Round 13: « Gardien la fait avec restic », « un serveur (SFTP) ou un stockage en ligne (S3) »: words she does
    not use. Hand-written configuration: a disk and a server copy."""
    from gardien.backup import config

    for address in ("/sauvegardes", "/sauvegardes/ajouter"):
        page = client.get(address).text
        assert not JARGON.search(_outside_technical_details(page)), (address, JARGON.findall(
            _outside_technical_details(page)))
    assert "restic" in visible_text(client.get("/sauvegardes").text)  # named for the person who helps, folded
    config.save(config.BackupConfig(["/tmp/dossiers"], [
        config.Destination("disque-1", config.Kind.DISK, "/media/x/sauvegarde"),
        config.Destination("sftp-1", config.Kind.SFTP, "sftp:moi@serveur.example:/copies", hors_site=True)]))
    page = client.get("/sauvegardes").text
    assert "Le serveur" in visible_text(page) and not JARGON.search(_outside_technical_details(page)), \
        JARGON.findall(_outside_technical_details(page))
