"""usb_non_chiffre: encrypted removable drives pass, a plain one fails (named by its label, not a device path),
none plugged is « à vérifier » (walkthrough r12, finding 4: her keys are in her bag, not checked), and so is an answer
that cannot say which disks are USB."""

from __future__ import annotations

import json

from checkrun import run
from conftest import fixture_text

from gardien.core.model import Status


def lsblk(*usb_children: dict) -> str:
    """hand-written lsblk --json: the internal disk and, when given, a USB key holding `usb_children`."""
    devices = [{"name": "nvme0n1", "type": "disk", "tran": "nvme", "hotplug": False, "fstype": None, "mountpoint": None,
                "children": [{"name": "nvme0n1p2", "type": "part", "fstype": "ext4", "mountpoint": "/"}]}]
    if usb_children:
        devices.append({"name": "sda", "type": "disk", "tran": "usb", "hotplug": True, "fstype": None, "mountpoint": None,
                        "size": "14.9G", "children": list(usb_children)})
    return json.dumps({"blockdevices": devices})


PLAIN = {"name": "sda1", "type": "part", "fstype": "vfat", "mountpoint": "/media/marie/CLE", "label": "CLE", "size": "14.9G"}
LUKS = {"name": "sda1", "type": "part", "fstype": "crypto_LUKS", "mountpoint": None, "size": "14.9G",
        "children": [{"name": "luks-sda1", "type": "crypt", "fstype": "ext4", "mountpoint": "/media/marie/CLE"}]}


def test_linux_pass_encrypted_key():
    # hand-written (above)
    assert run("usb_non_chiffre", "linux", {"lsblk": lsblk(LUKS)}).status is Status.PASS


def test_linux_fail_plain_key_named_by_label():
    # hand-written (above)
    finding = run("usb_non_chiffre", "linux", {"lsblk": lsblk(PLAIN)})
    assert finding.status is Status.FAIL and "« CLE », 14,9 Go" in finding.detail and "sda" not in finding.detail


NOT_PLUGGED = "Aucune clé USB ni aucun disque externe n'est branché en ce moment : Gardien n'a pas pu vérifier"


def _not_measured(finding) -> None:
    """Nothing plugged in: « à vérifier », saying why and how to have it checked, never « non concerné »."""
    assert finding.status is Status.MANUAL, finding
    assert finding.detail.startswith(NOT_PLUGGED) and "Branchez vos clés" in finding.detail
    steps = " ".join(step.text for step in finding.remediation)
    assert "refaites le bilan" in steps and "Copiez d'abord" not in steps  # how to check it, not how to encrypt


def test_linux_nothing_plugged_is_not_measured():
    # hand-written (above)
    _not_measured(run("usb_non_chiffre", "linux", {"lsblk": lsblk()}))


def test_linux_a_locked_encrypted_key_is_encrypted():
    # hand-written: a LUKS key plugged in but not unlocked yet (no mapped volume under it) was « nothing plugged »
    locked = {"name": "sda1", "type": "part", "fstype": "crypto_LUKS", "mountpoint": None, "size": "14.9G"}
    assert run("usb_non_chiffre", "linux", {"lsblk": lsblk(locked)}).status is Status.PASS


def test_linux_cannot_tell_without_transport_column():
    # recorded lsblk tree without TRAN/HOTPLUG columns: which disk is USB is unknown
    text = fixture_text("linux/lsblk-o-NAME-SIZE-FSTYPE-MOUNTPOINT.fedora44-fr-luks-btrfs.txt")
    assert run("usb_non_chiffre", "linux", {"lsblk": text}).status is Status.MANUAL
    assert run("usb_non_chiffre", "linux", {"lsblk": ""}).status is Status.MANUAL  # hand-written: empty


def test_windows_pass_bitlocker_to_go():
    # hand-written probe lines (letter, BitLockerProtection value), then the end marker
    assert run("usb_non_chiffre", "windows", {"removable_drives": "E:\t1\n# gardien: fin\n"}).status is Status.PASS


def test_windows_fail_plain_key():
    # hand-written probe lines
    finding = run("usb_non_chiffre", "windows", {"removable_drives": "E:\t2\n# gardien: fin\n"})
    assert finding.status is Status.FAIL and "E:" in finding.detail


def test_windows_cannot_tell():
    # hand-written: a value with no known meaning; an empty answer (no end marker) is not « nothing plugged »
    assert run("usb_non_chiffre", "windows", {"removable_drives": "E:\t\n# gardien: fin\n"}).status is Status.MANUAL
    assert run("usb_non_chiffre", "windows", {"removable_drives": ""}).status is Status.MANUAL
    _not_measured(run("usb_non_chiffre", "windows", {"removable_drives": "# gardien: fin\n"}))


# --- macOS: diskutil list -plist external, then diskutil info of each disk and volume --------------------------------

def mac_listing(*entries: dict, whole: tuple[str, ...] = ()) -> str:
    """hand-written `diskutil list -plist external` (keys as diskutil writes them)."""
    import plistlib

    return plistlib.dumps({"AllDisks": [], "AllDisksAndPartitions": list(entries), "VolumesFromDisks": [],
                           "WholeDisks": list(whole)}).decode()


def mac_info(identifier: str, *lines: str, protocol: str = "USB", location: str = "External", virtual: str = "No") -> str:
    """hand-written `diskutil info` text of a disk or volume."""
    return "\n".join([f"   Device Identifier:         {identifier}", f"   Protocol:                  {protocol}",
                      f"   Device Location:           {location}", f"   Virtual:                   {virtual}", *lines])


def mac_report(listing: str, infos: dict[str, str], end: bool = True) -> str:
    """The probe's report around them (format of probes/macos.external_disks)."""
    parts = ["# gardien: diskutil list -plist external", listing]
    for identifier, text in infos.items():
        parts += [f"# gardien: diskutil info {identifier}", text]
    return "\n".join(parts + (["# gardien: fin"] if end else [])) + "\n"


FAT_KEY = {"DeviceIdentifier": "disk4", "Content": "FDisk_partition_scheme", "Size": 16008609792,
           "Partitions": [{"DeviceIdentifier": "disk4s1", "Content": "DOS_FAT_32", "VolumeName": "CLE CABINET",
                           "MountPoint": "/Volumes/CLE CABINET", "Size": 16008577024}]}
APFS_DISK = {"DeviceIdentifier": "disk4", "Content": "GUID_partition_scheme", "Size": 500107862016,
             "Partitions": [{"DeviceIdentifier": "disk4s1", "Content": "EFI", "Size": 209715200},
                            {"DeviceIdentifier": "disk4s2", "Content": "Apple_APFS", "Size": 499898105856}]}
APFS_CONTAINER = {"DeviceIdentifier": "disk5", "Content": "", "APFSPhysicalStores": [{"DeviceIdentifier": "disk4s2"}],
                  "APFSVolumes": [{"DeviceIdentifier": "disk5s1", "VolumeName": "Sauvegardes", "MountPoint": "/Volumes/Sauvegardes",
                                   "Size": 499898105856}]}


def apfs_disk_report(filevault: str) -> str:
    """hand-written: an external disk holding one APFS volume, whose `diskutil info` says « FileVault: <filevault> »."""
    return mac_report(mac_listing(APFS_DISK, APFS_CONTAINER, whole=("disk4", "disk5")),
                      {"disk4": mac_info("disk4"), "disk5": mac_info("disk5", virtual="Yes"),
                       "disk5s1": mac_info("disk5s1", "   File System Personality:   APFS", "   Mounted:                   Yes",
                                           f"   FileVault:                 {filevault}")})


def test_macos_pass_apfs_encrypted_disk():
    # hand-written (apfs_disk_report)
    assert run("usb_non_chiffre", "macos", {"external_disks": apfs_disk_report("Yes")}).status is Status.PASS


def test_macos_fail_fat_key_named_by_label():
    # hand-written (above): a FAT32 key, which macOS mounts without a password and cannot encrypt
    text = mac_report(mac_listing(FAT_KEY, whole=("disk4",)),
                      {"disk4": mac_info("disk4"),
                       "disk4s1": mac_info("disk4s1", "   File System Personality:   MS-DOS FAT32", "   Mounted:                   Yes")})
    finding = run("usb_non_chiffre", "macos", {"external_disks": text})
    assert finding.status is Status.FAIL and "« CLE CABINET », 16\u00a0Go" in finding.detail and "disk4" not in finding.detail
    assert finding.evidence["supports"] == ["disk4s1"]


def test_macos_fail_apfs_volume_not_encrypted():
    # hand-written (apfs_disk_report): diskutil says the APFS volume is not encrypted
    assert run("usb_non_chiffre", "macos", {"external_disks": apfs_disk_report("No")}).status is Status.FAIL


def test_macos_cannot_tell_recorded_usb_key_without_file_system():
    # recorded `diskutil info` of a USB key with no file system macOS reads (it may be encrypted by another system),
    # in a hand-written list and report frame
    recorded = fixture_text("macos/diskutil-info.usb-flash-whole-disk-fixed.txt")
    listing = mac_listing({"DeviceIdentifier": "disk2", "Content": "FDisk_partition_scheme", "Size": 4009754624}, whole=("disk2",))
    finding = run("usb_non_chiffre", "macos", {"external_disks": mac_report(listing, {"disk2": recorded})})
    assert finding.status is Status.MANUAL and "chiffrés" in finding.detail


def test_macos_cannot_tell_report_cut_short_or_missing():
    # hand-written: a report without its end mark (the probe ran out of time), and no output at all
    text = mac_report(mac_listing(FAT_KEY, whole=("disk4",)), {"disk4": mac_info("disk4")}, end=False)
    assert run("usb_non_chiffre", "macos", {"external_disks": text}).status is Status.MANUAL
    assert run("usb_non_chiffre", "macos", {}).status is Status.MANUAL  # no output: the probe did not run
    assert run("usb_non_chiffre", "macos", {"external_disks": "# gardien: fin\n"}).status is Status.MANUAL


def test_macos_nothing_plugged_or_a_disk_image_is_not_measured():
    # hand-written: an empty list; then only a mounted disk image (an installer), which is no drive
    _not_measured(run("usb_non_chiffre", "macos", {"external_disks": mac_report(mac_listing(), {})}))
    image = {"DeviceIdentifier": "disk6", "Content": "", "MountPoint": "/Volumes/Installeur", "VolumeName": "Installeur"}
    text = mac_report(mac_listing(image, whole=("disk6",)),
                      {"disk6": mac_info("disk6", "   File System Personality:   HFS+", protocol="Disk Image", virtual="Yes")})
    _not_measured(run("usb_non_chiffre", "macos", {"external_disks": text}))


def test_macos_probe_report_reads_back(monkeypatch):
    # hand-written command outputs given to the probe: its report is what the check reads, end mark included
    from gardien.probes import macos as probe
    from gardien.probes.base import RawOutput

    answers = {("diskutil", "list", "-plist", "external"): mac_listing(FAT_KEY, whole=("disk4",)),
               ("diskutil", "info", "disk4"): mac_info("disk4"),
               ("diskutil", "info", "disk4s1"): mac_info("disk4s1", "   File System Personality:   ExFAT", "   Mounted:                   Yes")}
    asked = []

    def fake(name, argv, timeout=8.0, c_locale=True):
        asked.append(tuple(argv))
        return RawOutput(name, stdout=answers[tuple(argv)], command=" ".join(argv))

    monkeypatch.setattr(probe, "run_command", fake)
    report = probe.external_disks()
    assert asked == list(answers) and report.rstrip().endswith("# gardien: fin")
    finding = run("usb_non_chiffre", "macos", {"external_disks": report})
    assert finding.status is Status.FAIL and "CLE CABINET" in finding.detail
