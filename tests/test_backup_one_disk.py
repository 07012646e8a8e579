"""Starting the backups with one external disk, then adding the second one, from the command line (a real process
on a temporary data folder, real restic, real distinct file systems: tests/backup_disks.py).

One disk is one copy: the status, the run, the audit never call it the 3-2-1 rule, and each names the next step."""

from __future__ import annotations

import json
import sys

import pytest
from backup_disks import two_disks  # noqa: F401 - a fixture
from test_backup import configure_typing_back, digest_tree, gardien, make_source

pytestmark = pytest.mark.skipif(__import__("shutil").which("restic") is None,
                                reason="restic absent (apt-get install restic)")
NOT_YET = "Une seule copie hors de l'ordinateur : la règle 3-2-1 n'est pas encore tenue"
PASSWORD = "Phrase de passe des tests, écrite à la main 2026"
TYPED = {"GARDIEN_SAUVEGARDE_MOT_DE_PASSE": PASSWORD}


def snapshot_count(home, destination: str, env: dict | None = None) -> int:
    listed = gardien(home, "sauvegarde", "copies", "--destination", destination, env=env)
    assert listed.returncode == 0, listed.stderr
    return listed.stdout.count("• copie du")


@pytest.fixture
def one_disk(tmp_path, isolated_home, two_disks):  # noqa: F811
    """Set up as a person with one disk does it: the password shown and typed back, one --disque only."""
    source = make_source(tmp_path / "Cabinet")
    first, second = two_disks
    result, shown = configure_typing_back(isolated_home, "--dossier", str(source), "--disque", str(first / "depot"),
                                          "--mot-de-passe-fichier", str(tmp_path / "mdp"))
    assert result.returncode == 0, result.stderr
    assert "la règle 3-2-1 ne sera pas encore tenue" in result.stdout and "gardien sauvegarde ajouter" in result.stdout
    # the example path is an example: she is told to put her own disk's folder instead
    assert "--hors-site DOSSIER, en remplaçant DOSSIER par un dossier neuf sur ce disque-là" in result.stdout
    # walkthrough, round 9: « dépôt » and a bare « --sftp ou --s3 au lieu de --hors-site » said nothing to her
    assert "dépôt" not in result.stdout and "en ligne : --sftp ou --s3" not in result.stdout, result.stdout
    assert "suivi de l'adresse que vous donne votre hébergeur certifié HDS" in result.stdout
    return {"home": isolated_home, "source": source, "first": first, "second": second, "tmp": tmp_path, "password": shown}


def test_one_disk_backs_up_restores_and_is_never_called_321(one_disk):
    home = one_disk["home"]
    status = gardien(home, "sauvegarde", "etat")
    assert status.returncode == 0 and "Une seule destination (le disque du cabinet), et pas encore de copie à jour" in status.stdout
    # the command line gives the name to type beside the words: « disque-1 (le disque du cabinet) »
    assert "disque-1 (le disque du cabinet) — " in status.stdout
    unknown = gardien(home, "sauvegarde", "copies", "--destination", "disque-9")
    assert unknown.returncode == 2 and "Destinations : disque-1 (le disque du cabinet)." in unknown.stderr, unknown.stderr
    run = gardien(home, "sauvegarde", "lancer")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "disque-1 (le disque du cabinet) : réussie" in run.stdout and NOT_YET in run.stdout
    # the exact command with an example, as « configurer » gives it (walkthrough, round 17, B3)
    assert "gardien sauvegarde ajouter --hors-site DOSSIER, en remplaçant DOSSIER" in run.stdout, run.stdout
    assert "ranger le second" not in run.stdout  # there is no second disk yet
    verified = gardien(home, "sauvegarde", "verifier", "--echantillon", "100")
    assert verified.returncode == 0 and "disque-1 (le disque du cabinet) : réussie" in verified.stdout, verified.stdout + verified.stderr
    report = json.loads(gardien(home, "sauvegarde", "etat", "--json").stdout)
    assert report["regle_3_2_1"] is False and report["une_seule_destination"] is True and report["copies"] == 2
    assert report["phrase"].startswith(NOT_YET) and "second disque externe" in report["phrase"]
    assert [row["compte"] for row in report["destinations"]] == [True]
    text = gardien(home, "sauvegarde", "etat").stdout
    assert NOT_YET in text and "respectée" not in text and "tout va bien" not in text.lower()
    assert "dépôt" not in text and "en ligne : --sftp ou --s3" not in text, text
    after = gardien(home, "urgence", "apres").stdout  # one destination: the commands name it
    assert "restaurer --destination disque-1 --vers DOSSIER-NEUF" in after and "NOM" not in after, after
    if sys.platform.startswith("linux"):  # the audit's backup check: one copy is less than the rule, never a pass
        audit = json.loads(gardien(home, "audit", "--json", "--no-save").stdout)
        finding = next(f for f in audit["findings"] if f["id"] == "sauvegarde")
        assert finding["status"] == "fail" and NOT_YET in finding["detail"], finding
    target = one_disk["tmp"] / "restauration"
    restored = gardien(home, "sauvegarde", "restaurer", "--destination", "disque-1", "--vers", str(target))
    assert restored.returncode == 0, restored.stderr
    assert digest_tree(target / one_disk["source"].name) == digest_tree(one_disk["source"])


def test_the_second_disk_added_later_keeps_the_first_copy_and_completes_the_rule(one_disk):
    home, second = one_disk["home"], one_disk["second"]
    assert gardien(home, "sauvegarde", "lancer").returncode == 0
    before = (one_disk["tmp"] / "mdp").read_text(encoding="utf-8")
    added = gardien(home, "sauvegarde", "ajouter", "--hors-site", str(second / "depot"))
    assert added.returncode == 0, added.stderr
    assert "hors-site-1 (le disque gardé hors du cabinet) — disque, hors du cabinet (déclaré par vous)" in added.stdout and "même mot de passe" in added.stdout
    configuration = json.loads((home / "sauvegarde.json").read_text(encoding="utf-8"))
    assert [d["nom"] for d in configuration["destinations"]] == ["disque-1", "hors-site-1"]
    assert configuration["destinations"][1]["appareil"]  # measured, like the first one
    assert (one_disk["tmp"] / "mdp").read_text(encoding="utf-8") == before  # same password, the sheet stays valid
    assert snapshot_count(home, "disque-1") == 1 and snapshot_count(home, "hors-site-1") == 0
    run = gardien(home, "sauvegarde", "lancer")
    assert run.returncode == 0 and "Règle 3-2-1 tenue d'après vos déclarations" in run.stdout, run.stdout + run.stderr
    assert "gardien sauvegarde ajouter" not in run.stdout
    # every copy of the last days is kept (retention keep-within, round 17): the morning's copy stays beside the new one
    assert snapshot_count(home, "disque-1") == 2 and snapshot_count(home, "hors-site-1") == 1
    target = one_disk["tmp"] / "depuis-le-second"
    assert gardien(home, "sauvegarde", "restaurer", "--destination", "hors-site-1", "--vers", str(target)).returncode == 0
    assert digest_tree(target / one_disk["source"].name) == digest_tree(one_disk["source"])


def test_adding_a_copy_on_a_disk_already_used_or_without_a_place_changes_nothing(one_disk):
    home, first = one_disk["home"], one_disk["first"]
    configuration = (home / "sauvegarde.json").read_bytes()
    same = gardien(home, "sauvegarde", "ajouter", "--hors-site", str(first / "autre"))
    assert same.returncode == 2 and "sont sur le même disque" in same.stderr and not (first / "autre").exists()
    inside = gardien(home, "sauvegarde", "ajouter", "--hors-site", str(one_disk["source"] / "copie"))
    assert inside.returncode == 2 and "se copierait elle-même" in inside.stderr
    nothing = gardien(home, "sauvegarde", "ajouter")
    assert nothing.returncode == 2 and "Indiquez une seule destination" in nothing.stderr
    two = gardien(home, "sauvegarde", "ajouter", "--hors-site", "/a", "--disque", "/b")
    assert two.returncode == 2 and "Indiquez une seule destination" in two.stderr
    assert (home / "sauvegarde.json").read_bytes() == configuration
    for result in (same, inside, nothing, two):
        assert "Traceback" not in result.stderr


def test_a_password_typed_each_time_is_tried_on_the_first_copy_before_the_second_is_made(tmp_path, isolated_home,
                                                                                         two_disks):  # noqa: F811
    source = make_source(tmp_path / "Cabinet")
    first, second = two_disks
    made = gardien(isolated_home, "sauvegarde", "configurer", "--dossier", str(source), "--disque", str(first / "depot"),
                   "--demander-mot-de-passe", env=TYPED)
    assert made.returncode == 0, made.stderr
    wrong = gardien(isolated_home, "sauvegarde", "ajouter", "--hors-site", str(second / "depot"),
                    env={"GARDIEN_SAUVEGARDE_MOT_DE_PASSE": "pas le bon"})
    assert wrong.returncode == 2 and "n'ouvre pas les copies gardées sur le disque du cabinet" in wrong.stderr
    assert "Aucune copie n'a été ajoutée." in wrong.stderr and "enregistré" not in wrong.stderr  # a copy, not a record
    assert not (second / "depot").exists()
    assert len(json.loads((isolated_home / "sauvegarde.json").read_text(encoding="utf-8"))["destinations"]) == 1
    right = gardien(isolated_home, "sauvegarde", "ajouter", "--hors-site", str(second / "depot"), env=TYPED)
    assert right.returncode == 0, right.stderr
    run = gardien(isolated_home, "sauvegarde", "lancer", env=TYPED)
    assert run.returncode == 0 and "Règle 3-2-1 tenue d'après vos déclarations" in run.stdout, run.stdout + run.stderr


def test_a_setup_without_any_destination_is_refused(tmp_path, isolated_home):
    (tmp_path / "src").mkdir()
    result = gardien(isolated_home, "sauvegarde", "configurer", "--dossier", str(tmp_path / "src"), "--demander-mot-de-passe",
                     stdin="\n\n")
    assert result.returncode == 2 and "au moins une destination" in result.stderr
    assert not (isolated_home / "sauvegarde.json").exists()
