"""Which disk a backup destination is on, read from each system's own volume tools (backup/volumes.py).

macOS: the recorded `diskutil info` of a USB stick in ../shared/fixtures (its « Removable Media: Fixed » is the trap);
the plist, Windows and lsblk outputs below are hand-written (marked), in the formats those tools document.
"""

from __future__ import annotations

import os
import plistlib
from pathlib import Path

import pytest
from backup_disks import disk, skip_unless_available
from conftest import fixture_text

from gardien.backup import volumes
from gardien.backup.volumes import Medium, Removable, Volume


def test_macos_recorded_usb_stick_is_removable_despite_removable_media_fixed():
    from gardien.parsers.macos import parse_diskutil_info

    info = volumes.diskutil_text_as_plist(parse_diskutil_info(fixture_text("macos/diskutil-info.usb-flash-whole-disk-fixed.txt")))
    assert info["RemovableMedia"] is False and info["Internal"] is False and info["BusProtocol"] == "USB"
    volume = volumes.volume_from_diskutil(info)
    assert volume.removable is Removable.REMOVABLE and volume.disk_name == "disk2" and volume.said_by == "diskutil"


def test_macos_plist_internal_apfs_volume_is_fixed_on_its_physical_disk():
    # hand-written: the keys `diskutil info -plist /` gives for the data volume of an internal SSD
    text = plistlib.dumps({"DeviceIdentifier": "disk3s5", "ParentWholeDisk": "disk3", "Internal": True,
                           "RemovableMedia": False, "RemovableMediaOrExternalDevice": False, "BusProtocol": "Apple Fabric",
                           "VolumeUUID": "5C1A-11", "MountPoint": "/System/Volumes/Data", "FilesystemType": "apfs",
                           "APFSPhysicalStores": [{"APFSPhysicalStore": "disk0s2"}]}).decode()
    volume = volumes.volume_from_diskutil(volumes.parse_diskutil_plist(text))
    assert volume.removable is Removable.FIXED and volume.disk_name == "disk0" and volume.volume == "uuid:5C1A-11"
    assert "du système" in volume.describe()


def test_macos_plist_external_disk_and_garbage():
    # hand-written: an external USB disk formatted in exFAT, as `diskutil info -plist /Volumes/SAUVEGARDE` gives it
    text = plistlib.dumps({"DeviceIdentifier": "disk4s1", "ParentWholeDisk": "disk4", "Internal": False,
                           "BusProtocol": "USB", "VolumeUUID": "AB-CD", "MountPoint": "/Volumes/SAUVEGARDE"}).decode()
    volume = volumes.volume_from_diskutil(volumes.parse_diskutil_plist(text))
    assert volume.removable is Removable.REMOVABLE and "SAUVEGARDE" in volume.describe()
    assert volumes.parse_diskutil_plist("pas un plist") == {} and volumes.volume_from_diskutil({}) is None


@pytest.mark.parametrize("text, removable, disk_name, medium", [
    # hand-written: the JSON of backup/volumes.py's PowerShell script (Get-Volume, Get-Partition, Get-Disk)
    ('{"UniqueId":"\\\\\\\\?\\\\Volume{1}\\\\","DriveType":"Removable","FileSystemType":"FAT32","DriveLetter":"E",'
     '"DiskNumber":2,"BusType":"USB","SerialNumber":"4C53000"}', Removable.REMOVABLE, "disque 2", Medium.DISK),
    # a USB hard disk: Windows says « Fixed », its bus says USB
    ('{"UniqueId":"v2","DriveType":"Fixed","FileSystemType":"NTFS","DriveLetter":"F","DiskNumber":1,"BusType":"USB",'
     '"SerialNumber":" WD-123 "}', Removable.REMOVABLE, "disque 1", Medium.DISK),
    ('{"UniqueId":"v3","DriveType":"Fixed","FileSystemType":"NTFS","DriveLetter":"D","DiskNumber":0,"BusType":"NVMe",'
     '"SerialNumber":"S5"}', Removable.FIXED, "disque 0", Medium.DISK),
    ('{"UniqueId":"v4","DriveType":3,"DriveLetter":"C","DiskNumber":0,"BusType":"SATA"}', Removable.FIXED, "disque 0", Medium.DISK),
    ('{"UniqueId":"v5","DriveType":"Remote","DriveLetter":"Z","DiskNumber":null,"BusType":""}', Removable.UNKNOWN, None,
     Medium.NETWORK),
])
def test_windows_volume_and_disk(text, removable, disk_name, medium):
    volume = volumes.volume_from_windows(text)
    assert (volume.removable, volume.disk_name, volume.medium) == (removable, disk_name, medium)


def test_windows_partitions_of_one_disk_are_one_support_and_garbage_is_unknown():
    # hand-written: C: and D: are two partitions of disk 0
    c = volumes.volume_from_windows('{"UniqueId":"c","DriveType":"Fixed","DriveLetter":"C","DiskNumber":0,"SerialNumber":"S5"}')
    d = volumes.volume_from_windows('{"UniqueId":"d","DriveType":"Fixed","DriveLetter":"D","DiskNumber":0,"SerialNumber":"S5"}')
    assert c.same_support_as(d) and c.support == d.support and "du système (C:)" in c.describe()
    assert volumes.volume_from_windows("") is None and volumes.volume_from_windows("Get-Volume : accès refusé") is None


def test_lsblk_old_and_new_booleans():
    # hand-written: util-linux before 2.33 wrote "0"/"1" strings; later versions write booleans
    old = volumes.parse_lsblk('{"blockdevices": [{"kname": "sdb", "rm": "1", "hotplug": "1", "tran": "usb", "serial": "AA"}]}')
    new = volumes.parse_lsblk('{"blockdevices": [{"kname": "nvme0n1", "rm": false, "hotplug": false, "tran": "nvme", '
                              '"serial": "S4", "uuid": null}]}')
    assert old["sdb"]["rm"] is True and old["sdb"]["tran"] == "usb" and new["nvme0n1"]["hotplug"] is False
    assert volumes.linux_removable(["nvme0n1"], new)[0] is Removable.FIXED
    assert volumes.parse_lsblk("lsblk: introuvable") == {}


def test_remote_repositories_on_one_server_are_one_support():
    a = volumes.remote("sftp", "sftp:marie@nas.cabinet.fr:/sauvegardes/a")
    b = volumes.remote("sftp", "sftp:nas.cabinet.fr:/b")
    s3 = volumes.remote("s3", "s3:https://s3.example.fr/seau")
    assert a.same_support_as(b) and not a.same_support_as(s3) and a.medium is Medium.REMOTE


def test_a_volume_survives_the_state_file():
    volume = Volume("uuid:1", Medium.DISK, Removable.REMOVABLE, "lsblk", "serie:X", "sdb", "/media/sf/SAUVEGARDE", "exfat")
    assert Volume.from_dict(volume.to_dict()) == volume
    assert Volume.from_dict({"volume": 3}) is None and Volume.from_dict({"volume": "v", "medium": "lune"}) is None


@pytest.mark.skipif(not os.path.isdir("/sys/dev/block"), reason="pas de /sys/dev/block (Linux seulement)")
def test_linux_real_file_systems_are_told_apart(tmp_path):
    skip_unless_available()
    here = volumes.measure(tmp_path)
    with disk(tmp_path / "a") as first, disk(tmp_path / "b") as second, disk(tmp_path / "ram", 8, "tmpfs") as ram:
        a, b, memory = volumes.measure(first / "pas-encore-cree"), volumes.measure(second), volumes.measure(ram)
        assert not a.same_support_as(here) and not a.same_support_as(b) and a.same_support_as(volumes.measure(first))
        assert a.disk_name.startswith("loop") and a.mountpoint == str(first) and a.filesystem == "ext4"
        assert memory.medium is Medium.MEMORY and "mémoire" in memory.describe()
    assert volumes.existing_part(Path("/nulle/part/ici")) == Path("/")
