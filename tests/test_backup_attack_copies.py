"""After ransomware, which copies to restore (round 18): the copies made after the attack's start (the watch's first sign
of encryption, else the opening of the emergency mode) and before the incident was closed are marked « peut contenir
des fichiers chiffrés »; a restore that names no moment takes the newest copy made before; and the copy made before an
alert stays kept, whatever the incidents that come after.

Real restic on real disks (test_backup.py's practice fixture). Old copies are made with restic's own --time; the
watch's alert is written as the watch writes it (urgence/state.open_ with the alert's clues, hand-written times)."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import datetime, timedelta

from backup_disks import two_disks  # noqa: F401 - a fixture
from test_backup import gardien, practice  # noqa: F401 - practice is a fixture
from test_backup_before_alert import DOUBT, encrypt_three
from test_backup_copies import label
from test_backup_web import client, text_of  # noqa: F401 - client is a fixture

ORIGINAL = "Compte rendu fictif pour les tests.\n"


def old_copy(practice, age: timedelta) -> datetime:  # noqa: F811
    """A copy of the practice's folder dated `age` ago, on the practice's disk, as a backup run then would have made it."""
    env = {**os.environ, "RESTIC_REPOSITORY": str(practice["disk"] / "depot"), "RESTIC_PASSWORD": practice["password"]}
    taken = (datetime.now() - age).replace(microsecond=0)
    made = subprocess.run(["restic", "backup", "--time", taken.strftime("%Y-%m-%d %H:%M:%S"), str(practice["source"])],
                          env=env, capture_output=True, text=True, timeout=300, check=False)
    assert made.returncode == 0, made.stderr
    return taken


def watch_alert(first_sign: datetime) -> None:
    """The emergency mode opened by the watch's alert, its first clue at `first_sign` (as alert.handle writes it)."""
    from gardien.urgence import state

    at = first_sign.timestamp()
    state.open_(state.Origin.ALERT, "Signes de rançongiciel : au moins 3 documents chiffrés ou remplacés.",
                {"alerte": {"a": at + 20, "points": 3, "indices": [
                    {"indice": "chiffre_sur_place", "fichier": "/cabinet/courriers/note-0.txt", "a": at}]},
                 "documents_perdus": 3})


def test_copies_made_after_the_first_sign_are_marked_and_the_restore_takes_the_one_before(practice, client, tmp_path):  # noqa: F811
    home, source = practice["home"], practice["source"]
    before = old_copy(practice, timedelta(hours=2))
    first_sign = datetime.now() - timedelta(hours=1)
    watch_alert(first_sign)
    (source / "courriers" / "lettre.txt").write_text("illisible\n", encoding="utf-8")
    during = gardien(home, "sauvegarde", "lancer", "--malgre-urgence", "--malgre-doute")  # she went on anyway
    assert during.returncode == 0, during.stdout + during.stderr

    listed = gardien(home, "sauvegarde", "copies", "--destination", "disque-1")
    said = " ".join(listed.stdout.split())
    # on main: « • copie du … » for both, and the command proposed the newest
    assert (f"faite après le premier signe de chiffrement vu par la veille ({label(first_sign)}) : peut contenir des "
            "fichiers chiffrés") in said, said
    assert f"copie du {label(before)} — la dernière d'avant l'attaque" in said, said
    assert (f"Pour restaurer la dernière d'avant l'attaque : gardien sauvegarde restaurer --destination disque-1 --vers "
            f"DOSSIER-NEUF --avant \"{label(before).replace(' à ', ' ')}\"") in said, said

    restored = gardien(home, "sauvegarde", "restaurer", "--destination", "disque-1", "--vers", str(tmp_path / "rendu"))
    said = " ".join(restored.stdout.split())
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert (tmp_path / "rendu" / source.name / "courriers" / "lettre.txt").read_text(encoding="utf-8") == ORIGINAL
    assert f"Gardien a donc restauré la dernière copie d'avant, la copie du {label(before)}." in said, said

    page = " ".join(text_of(client.get("/sauvegardes/restaurer")).split())
    assert "peut contenir des fichiers chiffrés" in page and "la dernière d'avant l'attaque" in page, page
    assert f"{label(first_sign)}, moment du premier signe de chiffrement vu par la veille de Gardien" in page, page
    after = " ".join(gardien(home, "urgence", "apres").stdout.split())
    assert f"d'avant le {label(first_sign)} (moment du premier signe de chiffrement vu par la veille" in after, after


def test_a_copy_named_by_its_moment_and_made_during_the_attack_is_said_so(practice, tmp_path):  # noqa: F811
    home = practice["home"]
    old_copy(practice, timedelta(hours=2))
    watch_alert(datetime.now() - timedelta(hours=1))
    assert gardien(home, "sauvegarde", "lancer", "--malgre-urgence", "--malgre-doute").returncode == 0
    later = datetime.now().strftime("%d/%m %H:%M")  # this minute: the copy just made
    restored = gardien(home, "sauvegarde", "restaurer", "--destination", "disque-1", "--vers", str(tmp_path / "r"),
                       "--avant", later)
    said = " ".join(restored.stdout.split())
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert "Attention : la copie du" in said and "peut contenir des fichiers chiffrés" in said, said


def test_after_false_alarms_the_copy_before_the_first_alert_stays_and_files_are_still_checked(practice):  # noqa: F811
    """Round 18: after « fausse alerte », only the file check protects the next backups. The copy made before the alert
    was kept through the last alert only (the watch's last alert, the emergency mode's last opening): a backup made
    despite the doubt, then the emergency opened again by hand, and the copy before the first alert was pruned."""
    from gardien.urgence import state

    home = practice["home"]
    before = old_copy(practice, timedelta(days=10))
    watch_alert(datetime.now() - timedelta(days=9))
    closed = gardien(home, "urgence", "terminer", "--issue", "fausse alerte")
    assert closed.returncode == 0, closed.stdout + closed.stderr
    saved = home / "sauvegarde.json"
    raw = json.loads(saved.read_text(encoding="utf-8"))
    raw["retention"] = {"keep-last": 1}  # the strictest: the newest copy and those of the last 7 days (always added)
    saved.write_text(json.dumps(raw), encoding="utf-8")

    encrypt_three(practice["source"])
    refused = gardien(home, "sauvegarde", "lancer")  # the file check still runs after the false alarm
    assert refused.returncode != 0 and DOUBT in refused.stderr, refused.stdout + refused.stderr
    assert gardien(home, "sauvegarde", "lancer", "--malgre-doute").returncode == 0  # she looked, and went on
    state.open_(state.Origin.USER, "Ouvert à la main : un doute.")  # another incident, later
    assert gardien(home, "urgence", "terminer", "--issue", "fausse alerte").returncode == 0
    run = gardien(home, "sauvegarde", "lancer")
    assert run.returncode == 0, run.stdout + run.stderr
    listed = gardien(home, "sauvegarde", "copies", "--destination", "disque-1").stdout
    assert f"copie du {label(before)}" in listed, listed  # on main: pruned


def test_copies_made_once_the_attack_was_closed_are_not_suspect():
    """Hand-written copies and attack: closed as an attack once the computer was cleaned, the copies made after are
    made on a clean computer; a restore then takes the newest, unmarked."""
    from gardien.backup.attacked import Attack, during, marked, newest_clean, steered
    from gardien.backup.operations import Snapshot

    day = datetime(2026, 11, 28).astimezone()
    attack = Attack(day.replace(hour=18), day.replace(hour=22), seen_by_watch=True)
    before, during_it, after = (Snapshot(name, day.replace(hour=hour)) for name, hour in (("a", 17), ("b", 19), ("c", 23)))
    found = [after, during_it, before]
    assert during(during_it, [attack]) is attack and during(after, [attack]) is None
    assert steered(found, [attack]) is None and newest_clean(found, [attack]) is after
    assert steered(found[1:], [attack]) is before  # not yet a copy since the cleaning: the one before the attack
    assert marked(after, [attack], after) == after.label
    assert marked(before, [attack], before).endswith("— la dernière d'avant l'attaque")
