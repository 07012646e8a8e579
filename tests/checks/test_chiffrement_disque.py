"""chiffrement_disque: encrypted and protected passes; not encrypted, BitLocker suspended, FileVault off or
waiting for a restart fail; unreadable or in progress is « à vérifier ». Nothing names another system's
tool, no mount point is shown (issue 13.4: « Non chiffré : /. », BitLocker named on Linux)."""

from __future__ import annotations

import json

from checkrun import error, run
from conftest import fixture_text

from gardien.core.model import Status
from gardien.probes import base


def lsblk(*devices: dict) -> str:
    """hand-written: lsblk --json in its documented layout."""
    return json.dumps({"blockdevices": list(devices)})


def disk(name: str, *children: dict, tran: str = "nvme", hotplug: bool = False) -> dict:
    return {"name": name, "type": "disk", "fstype": None, "mountpoint": None, "tran": tran, "hotplug": hotplug,
            "children": list(children)}


def part(name: str, fstype: str | None, mountpoint: str | None = None, *children: dict) -> dict:
    return {"name": name, "type": "part", "fstype": fstype, "mountpoint": mountpoint, "children": list(children)}


def crypt(name: str, fstype: str, mountpoint: str) -> dict:
    return {"name": name, "type": "crypt", "fstype": fstype, "mountpoint": mountpoint}


def test_linux_pass_recorded_fedora_luks_home():
    finding = run("chiffrement_disque", "linux", {"lsblk": fixture_text("linux/lsblk-o-NAME-SIZE-FSTYPE-MOUNTPOINT.fedora44-fr-luks-btrfs.txt")})
    assert finding.status is Status.PASS
    # the other internal disk is named by its last folder, never by its mount point
    assert "« ancien-home »" in finding.detail and "/mnt" not in finding.detail


def test_linux_pass_luks_under_root():
    # hand-written lsblk (helpers above)
    text = lsblk(disk("nvme0n1", part("nvme0n1p1", "vfat", "/boot/efi"), part("nvme0n1p3", "crypto_LUKS", None, crypt("root", "ext4", "/"))))
    assert run("chiffrement_disque", "linux", {"lsblk": text}).status is Status.PASS


def test_linux_fail_not_encrypted_without_mount_points_or_foreign_tools():
    # hand-written lsblk (helpers above): the « Non chiffré » branch
    text = lsblk(disk("sda", part("sda1", "vfat", "/boot/efi"), part("sda2", "ext4", "/"), tran="sata"))
    finding = run("chiffrement_disque", "linux", {"lsblk": text})
    assert finding.status is Status.FAIL
    assert finding.detail.startswith("Le disque de l'ordinateur n'est pas chiffré") and finding.evidence["non_chiffres"] == ["/"]
    assert finding.who.value == "aide" and finding.effort_minutes >= 120  # a reinstall: hours, with help
    assert str(finding.remediation[0]).startswith("Faites-vous aider")


def test_linux_fail_home_apart_not_encrypted():
    # hand-written lsblk: system encrypted, /home on a plain partition
    text = lsblk(disk("nvme0n1", part("p2", "crypto_LUKS", None, crypt("root", "ext4", "/")), part("p3", "ext4", "/home")))
    finding = run("chiffrement_disque", "linux", {"lsblk": text})
    assert finding.status is Status.FAIL and "vos dossiers personnels" in finding.detail


def test_linux_cannot_tell():
    # hand-written: a disk list without the system's disk, an empty answer, a self-encrypting file system
    no_root = lsblk(disk("sdb", part("sdb1", "vfat", "/media/cle"), tran="usb", hotplug=True))
    assert run("chiffrement_disque", "linux", {"lsblk": no_root}).status is Status.MANUAL
    assert run("chiffrement_disque", "linux", {"lsblk": ""}).status is Status.MANUAL
    zfs = lsblk(disk("nvme0n1", part("p3", "zfs_member", "/")))
    assert run("chiffrement_disque", "linux", {"lsblk": zfs}).status is Status.MANUAL


def test_macos_pass_filevault_on():
    for name in ("fdesetup-status.on-with-master-keychain.txt", "fdesetup-status.on-plain.txt"):
        assert run("chiffrement_disque", "macos", {"fdesetup": fixture_text(f"macos/{name}")}).status is Status.PASS


def test_macos_pass_from_apfs_when_fdesetup_fails():
    finding = run("chiffrement_disque", "macos", {"fdesetup": error(base.PERMISSION), "apfs": fixture_text("macos/diskutil-apfs-list-plist.txt")})
    assert finding.status is Status.PASS


def test_macos_fail_off_and_deferred():
    # hand-written: fdesetup's sentence when off
    assert run("chiffrement_disque", "macos", {"fdesetup": "FileVault is Off.\n"}).status is Status.FAIL
    pending = run("chiffrement_disque", "macos", {"fdesetup": fixture_text("macos/fdesetup-status.off-restart-pending-deferred.txt")})
    assert pending.status is Status.FAIL and "redémarr" in pending.detail


def test_macos_cannot_tell():
    # hand-written: turned on, encryption still in progress (part of the disk is still readable); then nothing readable
    assert run("chiffrement_disque", "macos", {"fdesetup": "FileVault is On.\nEncryption in progress: Percent completed = 10\n"}).status is Status.MANUAL
    assert run("chiffrement_disque", "macos", {"fdesetup": error(base.TIMEOUT), "apfs": error(base.TIMEOUT)}).status is Status.ERROR


def test_windows_pass_protection_on():
    for probe, name in (("manage_bde", "manage-bde-status.en.fully-encrypted-protection-on.txt"),
                        ("manage_bde", "manage-bde-status.fr.used-space-only-protection-on.txt")):
        assert run("chiffrement_disque", "windows", {probe: fixture_text(f"windows/{name}")}).status is Status.PASS


def test_windows_fail_encrypted_but_protection_off():
    for probe, name in (("bitlocker_volume", "get-bitlockervolume-fl.fully-encrypted-protection-off.txt"),
                        ("manage_bde", "manage-bde-status.en.used-space-only-protection-off.txt")):
        finding = run("chiffrement_disque", "windows", {probe: fixture_text(f"windows/{name}")})
        assert finding.status is Status.FAIL and "suspendue" in finding.detail


def test_windows_fail_bitlocker_off():
    # hand-written Get-BitLockerVolume excerpt in the recorded layout: the « BitLocker désactivé » branch
    text = fixture_text("windows/get-bitlockervolume-fl.fully-encrypted-protection-off.txt").replace(
        "FullyEncrypted", "FullyDecrypted")
    finding = run("chiffrement_disque", "windows", {"bitlocker_volume": text})
    assert finding.status is Status.FAIL and "BitLocker est désactivé" in finding.detail
    # hand-written: the Shell property read without admin rights, 2 = not encrypted
    assert run("chiffrement_disque", "windows", {"bitlocker_shell": "2\r\n"}).status is Status.FAIL


def test_windows_cannot_tell():
    # hand-written: a Shell property value whose meaning is not known; then an unknown language
    assert run("chiffrement_disque", "windows", {"bitlocker_shell": "5\r\n"}).status is Status.MANUAL
    german = "Volume C: [Windows]\n    Schutzstatus:              Der Schutz ist aktiviert.\n"
    assert run("chiffrement_disque", "windows", {"manage_bde": german}).status is Status.MANUAL
    # hand-written: encryption in progress
    progress = "VolumeStatus         : EncryptionInProgress\nProtectionStatus     : Off\n"
    assert run("chiffrement_disque", "windows", {"bitlocker_volume": progress}).status is Status.MANUAL


def test_linux_a_disk_mounted_at_several_places_is_named_once():
    """hand-written: a practitioner's machine showed « disque-cabinet » three times (one disk, three mount points)."""
    data = {"blockdevices": [
        disk("nvme0n1", part("nvme0n1p1", "ext4", "/")),
        {"name": "sdb", "type": "disk", "fstype": "ext4", "tran": "sata", "hotplug": False, "children": [],
         "mountpoints": ["/media/a/disque-cabinet", "/srv/disque-cabinet", "/mnt/x/disque-cabinet"]},
    ]}
    finding = run("chiffrement_disque", "linux", {"lsblk": json.dumps(data)})
    assert finding.status is Status.FAIL and finding.detail.count("disque-cabinet") == 1, finding.detail
    assert "Un autre disque interne" in finding.detail
