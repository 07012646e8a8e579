"""Taking a backup destination out (round 14, brief fix14_b, item 2): a disk given away or a wrong folder, from the
command line (`gardien sauvegarde retirer`) and from the page, both confirmed first. The copies on it are never
deleted (and she is told so), its history goes with it, and the 3-2-1 status is computed again without it.

Backup configuration and history hand-written in the format backup/config.py and backup/state.py write (as in
test_plan_backup); the « copies » are folders of hand-written files under tmp_path: removing touches none of them."""

from __future__ import annotations

import html
import os
import subprocess
import sys

import pytest
from conftest import logged_in_client, visible_text
from test_plan_backup import USB, USB_AWAY, _ago
from typer.testing import CliRunner

from gardien import statefile
from gardien.backup import config, state
from gardien.cli import app
from gardien.errors import GardienError

PORT = 8765
SAME = {"Origin": f"http://127.0.0.1:{PORT}"}


@pytest.fixture
def two_copies(tmp_path, isolated_home):
    """Two disks, both backed up an hour ago: the 3-2-1 rule is met."""
    folders = {}
    for name, disk in (("disque-1", "A"), ("hors-site-1", "B")):
        folders[name] = tmp_path / disk / "depot"
        (folders[name] / "data").mkdir(parents=True)
        (folders[name] / "data" / "copie").write_text("copie chiffrée écrite pour ce test\n", encoding="utf-8")
    config.save(config.BackupConfig([str(tmp_path / "Cabinet")], [
        config.Destination("disque-1", config.Kind.DISK, str(folders["disque-1"])),
        config.Destination("hors-site-1", config.Kind.DISK, str(folders["hors-site-1"]), hors_site=True)]))
    when = _ago(hours=1)
    statefile.write(state.path(), {"disque-1": {"sauvegarde": {"date": when, "appareil": USB}},
                                   "hors-site-1": {"sauvegarde": {"date": when, "appareil": USB_AWAY}}})
    return folders


def gardien(home, *args, stdin: str = ""):
    """The command in this process (GARDIEN_HOME is `home` already, set by the isolated_home fixture)."""
    assert os.environ["GARDIEN_HOME"] == str(home)
    return CliRunner().invoke(app, list(args), input=stdin)


def said(result) -> str:
    return " ".join(result.output.split())


def test_command_asks_first_removes_keeps_the_copies_and_recomputes_3_2_1(two_copies, isolated_home):
    before = gardien(isolated_home, "sauvegarde", "etat")
    assert "Règle 3-2-1 tenue" in said(before), said(before)
    kept = gardien(isolated_home, "sauvegarde", "retirer", "--destination", "hors-site-1", stdin="n\n")
    assert kept.exit_code == 0 and "Rien n'a été retiré" in said(kept), said(kept)
    assert [d.nom for d in config.load().destinations] == ["disque-1", "hors-site-1"]

    removed = gardien(isolated_home, "sauvegarde", "retirer", "--destination", "hors-site-1", stdin="o\n")
    text = said(removed)
    assert removed.exit_code == 0, text
    assert "Retirer hors-site-1 (le disque gardé hors du cabinet) des sauvegardes ?" in text
    assert f"n'ont pas été effacées : elles restent dans le dossier {two_copies['hors-site-1']}" in text, text
    assert "Règle 3-2-1 tenue" not in text and "la règle 3-2-1 n'est pas encore tenue" in text, text  # recomputed, said at once
    assert [d.nom for d in config.load().destinations] == ["disque-1"]
    assert "hors-site-1" not in state.load()  # a later « hors-site-1 » does not inherit its dates
    assert (two_copies["hors-site-1"] / "data" / "copie").is_file()  # never deleted

    last = subprocess.run([sys.executable, "-m", "gardien", "sauvegarde", "retirer", "--destination", "disque-1", "--oui"],
                          capture_output=True, text=True, timeout=120, env={**os.environ, "COLUMNS": "200"})
    shown = " ".join((last.stdout + last.stderr).split())
    assert last.returncode == 2 and "seule copie" in shown and "Traceback" not in shown, shown
    unknown = gardien(isolated_home, "sauvegarde", "retirer", "--destination", "disque-9", "--oui")
    assert isinstance(unknown.exception, GardienError) and "Destination inconnue" in unknown.exception.message
    assert [d.nom for d in config.load().destinations] == ["disque-1"]


def test_page_button_confirmation_then_removal_with_the_copies_kept(two_copies):
    client = logged_in_client(PORT)
    page = client.get("/sauvegardes")
    assert "/sauvegardes/retirer?destination=hors-site-1" in page.text, visible_text(page.text)
    asked = client.get("/sauvegardes/retirer", params={"destination": "hors-site-1"})
    shown = " ".join(html.unescape(visible_text(asked.text)).split())
    assert "Rien n'est effacé sur ce disque" in shown and str(two_copies["hors-site-1"]) in shown, shown
    assert [d.nom for d in config.load().destinations] == ["disque-1", "hors-site-1"]  # nothing on a GET

    foreign = client.post("/sauvegardes/retirer", headers={"Origin": "https://exemple.invalid"},
                          data={"destination": "hors-site-1"})
    assert foreign.status_code == 403 and len(config.load().destinations) == 2
    done = client.post("/sauvegardes/retirer", headers=SAME, data={"destination": "hors-site-1"})
    after = " ".join(html.unescape(visible_text(done.text)).split())
    assert done.status_code == 200 and "Le disque gardé hors du cabinet est retiré des sauvegardes" in after, after
    assert "n'ont pas été effacées" in after and "la règle 3-2-1 n'est pas encore tenue" in after, after
    assert "Retirer cette copie" not in after  # the only copy left is not offered for removal
    assert (two_copies["hors-site-1"] / "data" / "copie").is_file()
    assert [d.nom for d in config.load().destinations] == ["disque-1"]
    refused = client.post("/sauvegardes/retirer", headers=SAME, data={"destination": "disque-1"})
    assert refused.status_code == 400 and "seule copie" in visible_text(refused.text)
    assert "gardien" not in visible_text(refused.text).split("seule copie")[1].split("Fermer")[0]  # no command on the web


def test_erasing_a_folder_of_copies_is_refused_with_the_way_to_remove_the_disk_first(two_copies, isolated_home):
    refused = gardien(isolated_home, "effacer", str(two_copies["hors-site-1"]), "--essai")
    assert isinstance(refused.exception, GardienError), refused.output
    assert refused.exception.message.endswith("gardien sauvegarde retirer --destination hors-site-1"), refused.exception
    client = logged_in_client(PORT)
    page = client.post("/effacer/verifier", headers=SAME, data={"cible": str(two_copies["hors-site-1"])})
    shown = " ".join(html.unescape(visible_text(page.text)).split())
    assert page.status_code == 400 and "« Retirer cette copie » de la page Sauvegardes" in shown, shown
    assert "gardien sauvegarde" not in shown
