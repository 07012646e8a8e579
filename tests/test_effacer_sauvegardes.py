"""`effacer` and Gardien's own backups (walkthrough, round 13, findings 2 and 14), with real restic copies on two
real disks (ext4 loop images, as tests/test_backup.py; skipped with the reason when not root). The files are the
hand-made ones of test_backup.make_source: no patient data.

- The folder of copies of a backup disk (or anything inside it) is refused before anything is touched.
- A file of a protected folder, present at the last backup, is said to be in the backups, on which disks, and that
  the copies stay there.
- The kind of disk is « d'après le système », never stated as measured.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from backup_disks import two_disks  # noqa: F401 - a fixture
from test_backup import gardien as run
from test_backup import practice  # noqa: F401 - a fixture


def digest(folder: Path) -> str:
    content = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        content.update(str(path).encode())
        if path.is_file():
            content.update(path.read_bytes())
    return content.hexdigest()


def test_the_folder_of_copies_is_refused_and_a_backed_up_file_says_where_its_copies_stay(practice):  # noqa: F811
    home = practice["home"]
    assert run(home, "sauvegarde", "lancer").returncode == 0
    copies = practice["disk"] / "depot"
    before = digest(copies)
    for target in (copies, copies / "data"):
        for extra in (("--essai",), ("--oui",)):
            refused = run(home, "effacer", str(target), *extra)
            assert refused.returncode == 2, refused.stdout + refused.stderr
            said = " ".join(refused.stderr.split())
            assert "copies de sauvegarde sur le disque du cabinet" in said and "3-2-1" in said, said
            assert "Traceback" not in refused.stderr
    assert digest(copies) == before
    away = run(home, "effacer", str(practice["away"] / "depot"), "--oui")
    assert away.returncode == 2 and "le disque gardé hors du cabinet" in " ".join(away.stderr.split())

    letter = practice["source"] / "courriers" / "lettre.txt"
    new = practice["source"] / "courriers" / "ecrite-apres.txt"
    new.write_text("Écrite après la sauvegarde, pour ce test.\n", encoding="utf-8")
    shown = run(home, "effacer", str(letter), "--essai")
    assert shown.returncode == 0, shown.stderr
    said = " ".join(shown.stdout.split())
    assert "ce fichier est aussi dans vos sauvegardes Gardien, sur le disque du cabinet (sauvegarde du " in said, said
    assert "le disque gardé hors du cabinet (sauvegarde du " in said, said
    # how long, from the retention settings (config.RETENTION: one a day for 7 days, a week for 4, a month for 12)
    assert "Elles y restent jusqu'à ce que Gardien les retire" in said and "Comptez environ 12 mois" in said, said
    later = run(home, "effacer", str(new), "--essai")
    assert later.returncode == 0 and "Sauvegardes :" not in later.stdout, later.stdout  # not in any copy yet


def test_a_disk_taken_out_of_the_backups_is_named_as_still_holding_copies(practice):  # noqa: F811
    """Walkthrough, round 15: the second key, « retirée » (nothing erased on it), was forgotten by the erase check."""
    home = practice["home"]
    assert run(home, "sauvegarde", "lancer").returncode == 0
    removed = run(home, "sauvegarde", "retirer", "--destination", "hors-site-1", "--oui")
    assert removed.returncode == 0, removed.stdout + removed.stderr
    shown = run(home, "effacer", str(practice["source"] / "courriers" / "lettre.txt"), "--essai")
    said = " ".join(shown.stdout.split())
    assert shown.returncode == 0 and "sur le disque du cabinet (sauvegarde du " in said, said
    assert "Retiré des sauvegardes : le disque gardé hors du cabinet, retiré le " in said, said
    assert f"(dossier {practice['away'] / 'depot'}). Rien n'y a été effacé : il peut encore garder des copies" in said
    # the same on the page
    from conftest import logged_in_client, visible_text

    client = logged_in_client(8765)
    page = client.post("/effacer/verifier", headers={"Origin": "http://127.0.0.1:8765"},
                       data={"chemin": str(practice["source"] / "courriers" / "lettre.txt")})
    assert "il peut encore garder des copies de ces fichiers" in " ".join(visible_text(page.text).split())
