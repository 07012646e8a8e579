"""Backups with real restic on real local repositories (Debian's restic, installed by .ci/run)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from gardien.backup import restic

pytestmark = pytest.mark.skipif(shutil.which("restic") is None, reason="restic absent (apt-get install restic)")


def gardien(home: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = dict(os.environ, GARDIEN_HOME=str(home), **(env or {}))
    return subprocess.run([sys.executable, "-m", "gardien", *args], capture_output=True, text=True, env=environment,
                          timeout=600, check=False)


def digest_tree(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def practice(tmp_path, isolated_home):
    """A folder to protect (hand-made files), two destinations, the password in a user-only file."""
    source = tmp_path / "Cabinet"
    (source / "courriers").mkdir(parents=True)
    (source / "courriers" / "lettre.txt").write_text("Compte rendu fictif pour les tests.\n", encoding="utf-8")
    (source / "compta.ods").write_bytes(os.urandom(200_000))
    for index in range(30):
        (source / "courriers" / f"note-{index}.txt").write_text(f"note {index}\n" * 50, encoding="utf-8")
    disk, away = tmp_path / "disque-cabinet", tmp_path / "disque-maison"
    for folder in (disk, away, tmp_path / "secret"):
        folder.mkdir()
    result = gardien(isolated_home, "sauvegarde", "configurer", "--dossier", str(source), "--disque", str(disk / "depot"),
                     "--hors-site", str(away / "depot"), "--mot-de-passe-fichier", str(tmp_path / "secret" / "mdp"))
    assert result.returncode == 0, result.stderr
    return {"home": isolated_home, "source": source, "disk": disk, "away": away, "secret": tmp_path / "secret" / "mdp", "tmp": tmp_path}


def test_password_file_is_user_only_and_never_in_the_configuration(practice):
    assert oct(practice["secret"].stat().st_mode & 0o777) == "0o600"
    password = practice["secret"].read_text().strip()
    configuration = (practice["home"] / "sauvegarde.json").read_text()
    assert password not in configuration and len(password) >= 30


def test_backup_verify_status_and_restore_nothing_lost(practice):
    home = practice["home"]
    assert gardien(home, "sauvegarde", "lancer").returncode == 0
    verified = gardien(home, "sauvegarde", "verifier", "--echantillon", "100", "--controle", "100")
    assert verified.returncode == 0 and "identiques" in verified.stdout, verified.stdout + verified.stderr
    assert "32 comparé(s) octet par octet" in verified.stdout, verified.stdout
    report = json.loads(gardien(home, "sauvegarde", "etat", "--json").stdout)
    assert report["regle_3_2_1"] and "vérifiée il y a 0 jour" in report["verification"]
    if sys.platform.startswith("linux"):  # the audit's backup check reads Gardien's own backups
        audit = json.loads(gardien(home, "audit", "--json", "--no-save").stdout)
        finding = next(f for f in audit["findings"] if f["id"] == "sauvegarde")
        assert finding["status"] == "pass" and "Règle 3-2-1 respectée" in finding["detail"], finding
    target = practice["tmp"] / "restauration"
    assert gardien(home, "sauvegarde", "restaurer", "--destination", "hors-site-1", "--vers", str(target)).returncode == 0
    restored = target / str(practice["source"]).lstrip("/")
    assert digest_tree(restored) == digest_tree(practice["source"])
    again = gardien(home, "sauvegarde", "restaurer", "--destination", "hors-site-1", "--vers", str(target))
    assert again.returncode == 2 and "rien n'est jamais écrasé" in again.stderr
    one = practice["tmp"] / "un-fichier"
    lettre = str(practice["source"] / "courriers" / "lettre.txt")
    assert gardien(home, "sauvegarde", "restaurer", "--destination", "disque-1", "--vers", str(one), "--chemin", lettre).returncode == 0
    assert [p.name for p in one.rglob("*") if p.is_file()] == ["lettre.txt"]


def test_a_destination_removed_mid_run_is_reported_and_the_other_is_saved(practice):
    home = practice["home"]
    assert gardien(home, "sauvegarde", "lancer").returncode == 0
    shutil.move(practice["away"], practice["tmp"] / "debranche")  # the second disk is unplugged
    result = gardien(home, "sauvegarde", "lancer")
    assert result.returncode == 1
    assert "disque-1 : réussie" in result.stdout and "hors-site-1 : destination absente" in result.stdout
    assert "3-2-1" in result.stderr


def test_wrong_password_is_a_clear_french_error(practice):
    home = practice["home"]
    practice["secret"].write_text("pas-le-bon-mot-de-passe\n")
    result = gardien(home, "sauvegarde", "lancer")
    assert result.returncode == 1 and "mot de passe de la sauvegarde ne correspond pas" in result.stdout
    assert "Traceback" not in result.stderr


def test_a_restored_file_that_differs_from_the_original_is_found(practice, monkeypatch):
    from gardien.backup import operations

    restored = practice["tmp"] / "r"
    original = practice["source"] / "compta.ods"
    (restored / str(original).lstrip("/")).parent.mkdir(parents=True)
    (restored / str(original).lstrip("/")).write_bytes(b"pas le bon contenu")
    stat = original.stat()
    node = {"path": str(original), "size": stat.st_size,
            "mtime": __import__("datetime").datetime.fromtimestamp(stat.st_mtime).astimezone().isoformat()}
    assert operations._compare_with_originals(restored, [node]) == ([str(original)], 1)


def test_a_corrupted_pack_is_found_by_verifier(practice):
    home = practice["home"]
    assert gardien(home, "sauvegarde", "lancer").returncode == 0
    packs = sorted((practice["disk"] / "depot" / "data").rglob("*"), key=lambda p: p.stat().st_size if p.is_file() else 0)
    pack = packs[-1]
    data = bytearray(pack.read_bytes())
    data[len(data) // 2] ^= 0xFF
    pack.write_bytes(bytes(data))
    result = gardien(home, "sauvegarde", "verifier", "--echantillon", "100", "--controle", "100")
    assert result.returncode == 1
    assert "disque-1 : échec" in result.stdout and "hors-site-1 : réussie" in result.stdout


def test_kill_9_during_a_backup_then_back_up_again_and_restore(practice):
    home = practice["home"]
    big = practice["source"] / "imagerie"
    big.mkdir()
    for index in range(8):
        (big / f"echo-{index}.bin").write_bytes(os.urandom(8_000_000))
    process = subprocess.Popen([sys.executable, "-m", "gardien", "sauvegarde", "lancer"], env=dict(os.environ, GARDIEN_HOME=str(home)),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    time.sleep(1.5)
    os.killpg(process.pid, signal.SIGKILL)  # Gardien and restic die together, as in a power cut
    process.wait()
    again = gardien(home, "sauvegarde", "lancer")
    assert again.returncode == 0, again.stdout + again.stderr
    checked = gardien(home, "sauvegarde", "verifier", "--echantillon", "100", "--controle", "100")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    target = practice["tmp"] / "apres-coupure"
    assert gardien(home, "sauvegarde", "restaurer", "--destination", "disque-1", "--vers", str(target)).returncode == 0
    assert digest_tree(target / str(practice["source"]).lstrip("/")) == digest_tree(practice["source"])


def test_a_file_changing_during_the_backup_does_not_break_it(practice):
    home = practice["home"]
    growing = practice["source"] / "journal.log"
    stop = threading.Event()

    def write() -> None:
        with growing.open("ab") as handle:
            while not stop.is_set():
                handle.write(os.urandom(65536))
                handle.flush()
                time.sleep(0.001)

    (practice["source"] / "gros.bin").write_bytes(os.urandom(25_000_000))
    writer = threading.Thread(target=write)
    writer.start()
    try:
        result = gardien(home, "sauvegarde", "lancer")
    finally:
        stop.set()
        writer.join()
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr
    assert "réussie" in result.stdout or "partielle" in result.stdout
    assert gardien(home, "sauvegarde", "verifier", "--echantillon", "100").returncode == 0


def test_no_keyring_is_explained_and_nothing_is_created(tmp_path, isolated_home):
    source = tmp_path / "src"
    source.mkdir()
    (source / "a.txt").write_text("a")
    env = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    result = gardien(isolated_home, "sauvegarde", "configurer", "--dossier", str(source), "--disque", str(tmp_path / "d1"),
                     "--hors-site", str(tmp_path / "d2"), env=env)
    assert result.returncode == 2 and "trousseau" in result.stderr and "--mot-de-passe-fichier" in result.stderr
    assert not (tmp_path / "d1").exists() and not (isolated_home / "sauvegarde.json").exists()


def test_one_destination_is_refused(tmp_path, isolated_home):
    (tmp_path / "src").mkdir()
    result = gardien(isolated_home, "sauvegarde", "configurer", "--dossier", str(tmp_path / "src"), "--disque", str(tmp_path / "d"),
                     "--demander-mot-de-passe")
    assert result.returncode == 2 and "au moins deux destinations" in result.stderr


def test_status_without_configuration(isolated_home):
    result = gardien(isolated_home, "sauvegarde", "etat")
    assert result.returncode == 2 and "gardien sauvegarde configurer" in result.stderr


# A stand-in for restic, written for this test: it answers like restic does when some source files could not be
# read (JSON messages, exit code 3), a case that is hard to provoke for real when tests run as root.
FAKE_RESTIC = """#!/bin/sh
case "$1" in
  version) echo "restic 0.14.0 compiled with go1.19.8 on linux/amd64" ;;
  backup) echo '{"message_type":"error","error":{"Op":"open","Path":"/x/illisible.pdf"},"during":"archival","item":"/x/illisible.pdf"}'
          echo '{"message_type":"summary","files_new":1,"snapshot_id":"abcd1234","total_files_processed":2,"data_added":10}'
          exit 3 ;;
  *) exit 0 ;;
esac
"""


def test_incomplete_snapshot_exit_code_3_is_reported_never_hidden(tmp_path, isolated_home, monkeypatch):
    fake = tmp_path / "restic"
    fake.write_text(FAKE_RESTIC)
    fake.chmod(0o755)
    monkeypatch.setenv("GARDIEN_RESTIC", str(fake))
    monkeypatch.setenv("GARDIEN_SAUVEGARDE_MOT_DE_PASSE", "x")
    from gardien.backup import config, operations

    (tmp_path / "d1").mkdir()
    (tmp_path / "d2").mkdir()
    configuration = config.BackupConfig(["/x"], [config.Destination("disque-1", "disque", str(tmp_path / "d1" / "r")),
                                                  config.Destination("hors-site-1", "disque", str(tmp_path / "d2" / "r"), True)],
                                         {"kind": "demander"})
    outcomes = operations.run_backup(configuration)
    assert [o.status for o in outcomes] == ["partielle", "partielle"]
    assert "illisible.pdf" in outcomes[0].message


@pytest.mark.parametrize("stderr, kind", [
    # hand-written in the wording restic 0.14 uses for these failures
    ("unable to create lock in backend: repository is already locked exclusively by PID 4242 on cabinet by marie", "locked"),
    ("Fatal: wrong password or no key found", "wrong_password"),
    ("Fatal: unable to open config file: stat /media/disque/depot/config: no such file or directory\nIs there a repository at the following location?", "missing"),
    ("Fatal: unable to save snapshot: write /media/disque/depot/data/ab/cd: no space left on device", "full"),
])
def test_restic_failures_are_classified(stderr, kind):
    assert restic.classify(stderr, 1).kind == kind


def test_private_files_are_owner_only_and_replaced_whole(tmp_path):
    from gardien.paths import write_private

    target = tmp_path / "configuration.json"
    target.write_text("ancienne version")
    target.chmod(0o644)  # a file left readable by others is tightened when rewritten
    write_private(target, "nouvelle version")
    assert target.read_text() == "nouvelle version"
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    assert [p.name for p in tmp_path.iterdir()] == ["configuration.json"]  # no temporary file left behind


def test_a_keyring_that_fails_gives_a_french_explanation(monkeypatch):
    import keyring
    from keyring.backend import KeyringBackend
    from keyring.errors import KeyringLocked

    from gardien import secure_keyring

    class Locked(KeyringBackend):  # hand-written stand-in for a locked GNOME Keyring
        priority = 1

        def get_password(self, service, username):
            raise KeyringLocked("locked")

        def set_password(self, service, username, password):
            raise KeyringLocked("locked")

        def delete_password(self, service, username):
            raise KeyringLocked("locked")

    monkeypatch.setattr(keyring, "get_keyring", lambda: Locked())
    with pytest.raises(secure_keyring.NoKeyring, match="n'a pas répondu"):
        secure_keyring.get_password("gardien-essai", "compte", "Explication.")
    with pytest.raises(secure_keyring.NoKeyring, match="a refusé d'enregistrer"):
        secure_keyring.set_password("gardien-essai", "compte", "valeur", "Explication.")
