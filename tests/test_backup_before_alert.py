"""A backup made after files were silently encrypted must not erase the clean copies (walkthrough, round 17, S1).

Real restic on real disks (test_backup.py's practice fixture). The « encrypted » files are hand-made: random bytes
written over the documents under a « .locked » name, as the walkthrough did (a ransomware simulation, not a real one)."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import datetime, timedelta

from backup_disks import two_disks  # noqa: F401 - a fixture
from test_backup import gardien, practice  # noqa: F401 - practice is a fixture
from test_backup_copies import label
from test_backup_one_disk import snapshot_count
from test_backup_web import SAME, client, text_of, wait_for_job  # noqa: F401 - client is a fixture

DOUBT = "Gardien a vu des documents qui semblent chiffrés"


def encrypt_three(source) -> list:
    """What the walkthrough did: three documents replaced by random bytes under a « .locked » name."""
    replaced = []
    for index in range(3):
        original = source / "courriers" / f"note-{index}.txt"
        locked = original.with_name(original.name + ".locked")
        locked.write_bytes(os.urandom(600))
        original.unlink()
        replaced.append(locked)
    return replaced


def test_several_copies_of_the_same_day_are_kept(practice):  # noqa: F811
    home = practice["home"]
    for index in range(3):
        (practice["source"] / "courriers" / f"du-jour-{index}.txt").write_text(f"consultation {index}\n", encoding="utf-8")
        assert gardien(home, "sauvegarde", "lancer").returncode == 0
    # the retention used to keep only the day's last copy: one copy listed after three backups
    assert snapshot_count(home, "disque-1") == 3


def test_an_old_configuration_gets_the_new_retention(practice):  # noqa: F811
    """A set-up written before this round has only keep-daily/weekly/monthly in its file: the recent copies are kept too."""
    home = practice["home"]
    saved = home / "sauvegarde.json"
    raw = json.loads(saved.read_text(encoding="utf-8"))
    raw["retention"] = {"keep-daily": 7, "keep-weekly": 4, "keep-monthly": 12}
    saved.write_text(json.dumps(raw), encoding="utf-8")
    for _ in range(2):
        assert gardien(home, "sauvegarde", "lancer").returncode == 0
    assert snapshot_count(home, "disque-1") == 2


def test_files_that_look_encrypted_stop_the_backup_and_the_clean_copy_stays(practice):  # noqa: F811
    home = practice["home"]
    assert gardien(home, "sauvegarde", "lancer").returncode == 0
    encrypt_three(practice["source"])
    refused = gardien(home, "sauvegarde", "lancer")
    assert refused.returncode != 0, refused.stdout
    assert DOUBT in refused.stderr and "ne sauvegardez pas" in refused.stderr, refused.stderr
    assert "« Cabinet/courriers/note-0.txt.locked »" in refused.stderr and "--malgre-doute" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert snapshot_count(home, "disque-1") == 1
    # she looked and goes on anyway: the copy is made, and nothing is pruned after a backup made despite the doubt
    forced = gardien(home, "sauvegarde", "lancer", "--malgre-doute")
    assert forced.returncode == 0, forced.stdout + forced.stderr
    assert snapshot_count(home, "disque-1") == 2


def test_the_last_copy_before_an_alert_is_never_pruned(practice):  # noqa: F811
    """A copy dated ten days ago, the watch's alert nine days ago, then backups under the strictest retention: the copy
    of before the alert stays (restic's own --time makes the old copy, as a backup run then would have)."""
    home = practice["home"]
    env = {**os.environ, "RESTIC_REPOSITORY": str(practice["disk"] / "depot"), "RESTIC_PASSWORD": practice["password"]}
    before = (datetime.now() - timedelta(days=10)).replace(microsecond=0)
    made = subprocess.run(["restic", "backup", "--time", before.strftime("%Y-%m-%d %H:%M:%S"), str(practice["source"])],
                          env=env, capture_output=True, text=True, timeout=300, check=False)
    assert made.returncode == 0, made.stderr
    alert = (datetime.now() - timedelta(days=9)).astimezone().isoformat(timespec="seconds")
    (home / "veille-etat.json").write_text(json.dumps({"etat": "arretee", "derniere_alerte": {
        "date": alert, "resume": "Signes de rançongiciel : au moins 3 documents chiffrés."}}), encoding="utf-8")
    saved = home / "sauvegarde.json"
    raw = json.loads(saved.read_text(encoding="utf-8"))
    # the strictest retention: the newest copy and those of the last 7 days (always added) would stay
    raw["retention"] = {"keep-last": 1}
    saved.write_text(json.dumps(raw), encoding="utf-8")
    for _ in range(2):
        run = gardien(home, "sauvegarde", "lancer")
        assert run.returncode == 0, run.stdout + run.stderr
    listed = gardien(home, "sauvegarde", "copies", "--destination", "disque-1").stdout
    assert f"copie du {label(before)}" in listed, listed
    assert listed.count("• copie du") == 3, listed


def test_the_page_asks_before_backing_up_files_that_look_encrypted(practice, client):  # noqa: F811
    home = practice["home"]
    assert gardien(home, "sauvegarde", "lancer").returncode == 0
    encrypt_three(practice["source"])
    asked = client.post("/sauvegardes/lancer", headers=SAME, follow_redirects=False)
    assert asked.status_code == 409, asked.status_code
    shown = text_of(asked)
    assert DOUBT in shown and "ne sauvegardez pas" in shown and "« Cabinet/courriers/note-0.txt.locked »" in shown, shown
    assert "sauvegarder quand même" in shown and "--malgre-doute" not in shown and "gardien " not in shown
    assert snapshot_count(home, "disque-1") == 1
    went_on = client.post("/sauvegardes/lancer", headers=SAME, data={"malgre_doute": "oui"}, follow_redirects=False)
    assert went_on.status_code == 303
    wait_for_job(client, "Sauvegarde terminée")
    assert snapshot_count(home, "disque-1") == 2
