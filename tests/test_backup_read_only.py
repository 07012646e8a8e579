"""A read-only destination (a write-protected key, a disk mounted read-only) is said as such, never as « occupé
(verrouillé) », and `deverrouiller` never reports a removal it could not do (walkthrough, round 17, B1).

Real restic, real disks (test_backup.py's practice fixture); the disk is remounted read-only with mount(8)."""

from __future__ import annotations

import subprocess

import pytest
from backup_disks import two_disks  # noqa: F401 - a fixture
from test_backup import gardien, practice  # noqa: F401 - practice is a fixture

READ_ONLY = "Gardien ne peut pas écrire sur ce disque : il est en lecture seule ou protégé"


@pytest.fixture
def read_only_disk(practice):  # noqa: F811
    assert gardien(practice["home"], "sauvegarde", "lancer").returncode == 0
    remounted = subprocess.run(["mount", "-o", "remount,ro", str(practice["disk"])], capture_output=True, text=True,
                               check=False)
    if remounted.returncode != 0:
        pytest.skip(f"remontage en lecture seule impossible : {remounted.stderr.strip()}")
    yield practice
    subprocess.run(["mount", "-o", "remount,rw", str(practice["disk"])], capture_output=True, check=False)


def test_a_read_only_disk_is_said_read_only_with_what_to_do(read_only_disk):
    run = gardien(read_only_disk["home"], "sauvegarde", "lancer")
    said = run.stdout + run.stderr
    assert run.returncode != 0 and READ_ONLY in said, said
    assert "bouton de verrouillage" in said and "Mac" in said and "NTFS" in said
    assert "occupé" not in said and "deverrouiller" not in said, said
    assert "hors-site-1 (le disque gardé hors du cabinet) : réussie" in said  # the other copy is made


def test_unlocking_a_read_only_disk_never_says_removed(read_only_disk):
    unlocked = gardien(read_only_disk["home"], "sauvegarde", "deverrouiller")
    said = unlocked.stdout + unlocked.stderr
    assert unlocked.returncode == 2, said
    assert "disque-1 (le disque du cabinet) : rien n'a été retiré." in said and READ_ONLY in said, said
    assert "disque-1 (le disque du cabinet) : verrou" not in said
    assert "hors-site-1 (le disque gardé hors du cabinet) : aucun verrou, rien à retirer." in said, said
    assert "Traceback" not in said


def test_with_the_second_key_absent_the_page_does_not_say_to_put_it_away(practice):  # noqa: F811
    """Walkthrough, round 17: « ranger le second ailleurs » was said when the off-site key was not plugged in."""
    from conftest import logged_in_client
    from test_backup_web import SAME, wait_for_job

    subprocess.run(["umount", str(practice["away"])], capture_output=True, check=True)
    client = logged_in_client(8765)
    assert client.post("/sauvegardes/lancer", headers=SAME, follow_redirects=False).status_code == 303
    said = wait_for_job(client, "Sauvegarde faite en partie")
    assert "Pensez à débrancher le disque." in said and "ranger le second" not in said, said


def test_setting_up_on_a_read_only_disk_is_refused_before_the_password(tmp_path, isolated_home, two_disks):  # noqa: F811
    from test_backup import PASSWORD_SHOWN, make_source

    source = make_source(tmp_path / "Cabinet")
    first, _ = two_disks
    subprocess.run(["mount", "-o", "remount,ro", str(first)], capture_output=True, check=True)
    try:
        made = gardien(isolated_home, "sauvegarde", "configurer", "--dossier", str(source), "--disque",
                       str(first / "copies"), "--mot-de-passe-fichier", str(tmp_path / "mdp"), stdin="\n")
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(first)], capture_output=True, check=False)
    said = made.stdout + made.stderr
    assert made.returncode == 2 and READ_ONLY in said, said
    assert not any(PASSWORD_SHOWN.match(line) for line in said.splitlines()), said  # no password to note for nothing


def test_setting_up_on_the_copies_of_another_computer_says_how_to_restore_them(practice, tmp_path):  # noqa: F811
    from test_backup import make_source

    made = gardien(tmp_path / "nouvel-ordinateur", "sauvegarde", "configurer", "--dossier",
                   str(make_source(tmp_path / "Nouveau")), "--disque", str(practice["disk"] / "depot"),
                   "--mot-de-passe-fichier", str(tmp_path / "mdp-nouveau"))
    assert made.returncode == 2 and "n'est pas un dossier vide" in made.stderr, made.stderr
    assert f"gardien sauvegarde restaurer --depuis {practice['disk'] / 'depot'} --vers DOSSIER-NEUF" in made.stderr


def test_reading_the_copies_writes_nothing_on_their_disk(tmp_path, monkeypatch):
    """Round 18: every read of the copies list made a file on the disk to learn whether it could be written (a
    write on each page showing the copies, on the key being restored from). Reading asks the file system instead;
    the write test stays for writing (backup, unlocking)."""
    from gardien.backup import config, operations

    made = []
    monkeypatch.setattr(operations.tempfile, "mkstemp", lambda *a, **k: made.append(k) or pytest.fail("a file was made"))
    folder = tmp_path / "copies"
    folder.mkdir()
    destination = config.Destination("disque-1", config.Kind.DISK, str(folder))
    assert operations._lock_free(destination) == []  # a disk that can be written: restic locks as usual
    assert not made
    assert operations._lock_free(config.Destination("repris", config.Kind.DISK, str(folder), lecture_seule=True)) == [
        "--no-lock"]


def test_copies_on_a_read_only_disk_are_listed_and_restored_without_a_lock(read_only_disk, tmp_path):
    """Read without writing: the file system says the disk is read-only, and restic is told not to lock it."""
    listed = gardien(read_only_disk["home"], "sauvegarde", "copies", "--destination", "disque-1")
    assert listed.returncode == 0 and READ_ONLY not in listed.stdout + listed.stderr, listed.stdout + listed.stderr
    restored = gardien(read_only_disk["home"], "sauvegarde", "restaurer", "--destination", "disque-1",
                       "--vers", str(tmp_path / "rendu"))
    said = restored.stdout + restored.stderr
    assert restored.returncode == 0 and any((tmp_path / "rendu").rglob("*")), said


def test_a_read_only_disk_the_file_system_does_not_flag_is_read_again_without_a_lock(tmp_path, monkeypatch):
    """A write-protected key on Windows is not flagged read-only: restic's lock fails, and the read is done again
    with --no-lock rather than said impossible. restic is a stand-in here (hand-written answers)."""
    from gardien.backup import config, operations, restic

    calls = []

    def fake_run(args, repository, password, **options):
        calls.append(args)
        if "--no-lock" not in args:
            raise restic.ResticError(restic.READ_ONLY_MESSAGE, restic.Failure.READ_ONLY)
        return subprocess.CompletedProcess(args, 0, "[]", "")

    monkeypatch.setattr(restic, "run", fake_run)
    destination = config.Destination("disque-1", config.Kind.DISK, str(tmp_path))
    assert operations._read(destination, ["snapshots", "--json"], "mdp").stdout == "[]"
    assert calls == [["snapshots", "--json"], ["--no-lock", "snapshots", "--json"]]
