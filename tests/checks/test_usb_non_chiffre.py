"""usb_non_chiffre: encrypted removable drives pass, a plain one fails (named by its label, not a device path),
none plugged is « non concerné », and an answer that cannot say which disks are USB is « à vérifier »."""

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


def test_linux_not_applicable_nothing_plugged():
    # hand-written (above)
    assert run("usb_non_chiffre", "linux", {"lsblk": lsblk()}).status is Status.NOT_APPLICABLE


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
    assert run("usb_non_chiffre", "windows", {"removable_drives": "# gardien: fin\n"}).status is Status.NOT_APPLICABLE
