"""The disks a person is offered to choose go through one rule (backup/drives.py, `choosable`), wherever they are
offered: the backup set-up, the second copy, Effacer's « Aller à » (round 15: the backup set-up still offered the
test mounts left in /tmp that Effacer already hid).

Mount tables: one real ext4 image mounted in the temporary folder (root only, tests/backup_disks.py), and psutil's
list read from text in the format of /proc/self/mounts. The lines marked « this machine » were copied from the test
machine's own /proc/self/mounts (30/11/2026); the others are hand-written in the same format, as Ubuntu's udisks and
snap write them (their values were not copied from a real machine)."""

from __future__ import annotations

import html
import re

import psutil
from conftest import logged_in_client, visible_text

from gardien.backup import config as cfg
from gardien.backup import drives

PORT = 8766
REAL_PARTITIONS = psutil.disk_partitions

MOUNTS = r"""/dev/vda / ext4 rw,relatime,discard,resv_strict,resuid=65534,resgid=65534 0 0
/dev/loop0 /tmp/pytest-of-root/pytest-517/test_setup_from_the_page_for_e2/disque-cabinet ext4 rw,relatime 0 0
/dev/loop1 /tmp/pytest-of-root/pytest-517/test_setup_from_the_page_for_e2/disque-maison ext4 rw,relatime 0 0
/dev/loop5 /snap/firefox/4173 squashfs ro,nodev,relatime,errors=continue,threads=single 0 0
/dev/loop7 /media/marie/Ubuntu\04024.04\040LTS\040amd64 iso9660 ro,nosuid,nodev,relatime,uid=1000,gid=1000 0 0
/dev/sdc1 /media/marie/CARTE-SD vfat ro,nosuid,nodev,relatime,uid=1000,gid=1000,fmask=0022,dmask=0022 0 0
/dev/sdb1 /media/marie/CLE\040CABINET vfat rw,nosuid,nodev,relatime,uid=1000,gid=1000,fmask=0022,dmask=0022 0 0
/dev/sdd1 /run/media/marie/SAUVEGARDE exfat rw,nosuid,nodev,relatime,uid=1000,gid=1000 0 0
"""  # the first three lines: this machine; the others: hand-written (a snap, an installation DVD image opened from a
# file, a memory card with its lock on, a USB key and a USB disk)


def _partitions(text: str) -> list:
    """/proc/self/mounts lines as psutil's partitions (mountinfo's escapes undone: « \\040 » is a space)."""
    model = REAL_PARTITIONS(all=True)[0]
    found = []
    for line in text.splitlines():
        device, mountpoint, fstype, opts = line.split()[:4]
        mountpoint = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), mountpoint)
        found.append(model._replace(device=device, mountpoint=mountpoint, fstype=fstype, opts=opts))
    return found


def test_the_rule_offers_the_disks_she_plugged_in_and_nothing_else(monkeypatch):
    monkeypatch.setattr(psutil, "disk_partitions", lambda all=False: _partitions(MOUNTS))  # noqa: A006 - psutil's name
    assert [drive.mountpoint for drive in drives.external_drives()] == ["/media/marie/CLE CABINET",
                                                                        "/run/media/marie/SAUVEGARDE"]


def _text(response) -> str:
    return " ".join(html.unescape(visible_text(response.text)).split())


def test_every_page_that_offers_disks_offers_the_same_ones(tmp_path, isolated_home, monkeypatch):
    """A real ext4 image mounted in the temporary folder (as a test leaves one) and a hand-written USB key under
    /media: the key is offered on the three pages, the image on none."""
    from backup_disks import disk, skip_unless_available

    skip_unless_available()
    client = logged_in_client(PORT)
    with disk(tmp_path / "image-laissee") as mounted:
        def partitions(all=False):  # noqa: A002 - psutil's own name
            found = REAL_PARTITIONS(all)
            key = found[0]._replace(device="/dev/sdz1", mountpoint="/media/moi/CLE-BLEUE", fstype="vfat", opts="rw,nosuid")
            return [*found, key]

        monkeypatch.setattr(psutil, "disk_partitions", partitions)
        setup = _text(client.get("/sauvegardes/configurer"))
        erase = _text(client.get("/effacer"))
        cfg.save(cfg.BackupConfig([str(tmp_path)], [cfg.Destination("disque-1", cfg.Kind.DISK, "/media/moi/A/depot")],
                                  cfg.Secret(cfg.SecretKind.ASKED)))
        add = _text(client.get("/sauvegardes/ajouter"))
    for page in (setup, add, erase):
        assert "/media/moi/CLE-BLEUE" in page, page
        assert str(mounted) not in page, page

