"""Linux parsers on the real recorded outputs of ../shared/fixtures/linux."""

from __future__ import annotations

from datetime import datetime

import pytest
from conftest import fixture_text

from gardien.parsers import UnknownFormat
from gardien.parsers import linux as lx


def test_gsettings_screensaver_and_session():
    screensaver = lx.parse_gsettings(fixture_text("linux/gsettings-list-recursively.org.gnome.desktop.screensaver.txt"))
    assert screensaver["org.gnome.desktop.screensaver.lock-enabled"] is True
    assert screensaver["org.gnome.desktop.screensaver.lock-delay"] == 30
    assert screensaver["org.gnome.desktop.screensaver.picture-options"] == "zoom"
    session = lx.parse_gsettings(fixture_text("linux/gsettings-list-recursively.org.gnome.desktop.session.txt"))
    assert session["org.gnome.desktop.session.idle-delay"] == 900
    power = lx.parse_gsettings(fixture_text("linux/gsettings-list-recursively.org.gnome.settings-daemon.plugins.power.txt"))
    assert power["org.gnome.settings-daemon.plugins.power.sleep-inactive-ac-timeout"] == 3600
    simple = lx.parse_gsettings(fixture_text("linux/gsettings-list-recursively.simple.txt"))
    assert simple == {"org.gnome.rhythmbox.plugins.webremote.access-key": "", "org.gnome.rhythmbox.plugins.webremote.foo-bar": 2}


def test_lsblk_tree_fedora_french_luks_home():
    devices = {d.name: d for d in lx.parse_lsblk(fixture_text("linux/lsblk-o-NAME-SIZE-FSTYPE-MOUNTPOINT.fedora44-fr-luks-btrfs.txt"))}
    home = devices["luks-680cb146-2018-49f5-b166-c4ecec3dfe26"]
    assert home.mountpoints == ("/home",) and home.encrypted
    old_home = devices["sda3"]
    assert old_home.mountpoints == ("/mnt/ancien-home",) and not old_home.encrypted
    assert devices["nvme0n1p3"].fstype == "crypto_LUKS"
    assert not devices["nvme0n1p2"].encrypted


def test_lsblk_json_nested_crypt():
    # hand-written in lsblk's documented --json layout
    text = """{"blockdevices": [
      {"name": "sda", "type": "disk", "fstype": null, "mountpoint": null, "tran": "usb", "hotplug": true,
       "children": [{"name": "sda1", "type": "part", "fstype": "vfat", "mountpoint": "/media/u/CLE", "tran": null, "hotplug": true}]},
      {"name": "nvme0n1", "type": "disk", "fstype": null, "mountpoint": null, "tran": "nvme", "hotplug": false,
       "children": [{"name": "nvme0n1p3", "type": "part", "fstype": "crypto_LUKS", "mountpoint": null,
         "children": [{"name": "root", "type": "crypt", "fstype": "ext4", "mountpoint": "/"}]}]}]}"""
    devices = {d.name: d for d in lx.parse_lsblk(text)}
    assert devices["root"].encrypted and devices["root"].transport == "nvme"
    assert not devices["sda1"].encrypted and devices["sda1"].transport == "usb" and devices["sda1"].hotplug


def test_apt_upgradable_counts_security_updates():
    updates = lx.parse_apt_upgradable(fixture_text("linux/apt-list-upgradable.txt"))
    assert updates.count == 15
    assert updates.security == 9


def test_apt_upgradable_none():
    assert lx.parse_apt_upgradable("Listing...\n") == lx.PendingUpdates(0, 0)
    assert lx.parse_apt_upgradable("Listing... Done\n") == lx.PendingUpdates(0, 0)


def test_apt_upgradable_without_its_first_line_is_unknown():
    # hand-written: empty (exit 0), an error, apt in French: the list was not read, nothing is « up to date »
    for text in ("", "E: Could not open lock file /var/lib/dpkg/lock-frontend\n", "En train de lister... Fait\n"):
        with pytest.raises(UnknownFormat):
            lx.parse_apt_upgradable(text)


def test_fprintd_list_sentences():
    # hand-written in fprintd-list's sentences (utils/list.c)
    assert lx.parse_fprintd_list("No devices available\n") == lx.Fingerprints(False, 0)
    assert lx.parse_fprintd_list("found 1 devices\nUser marie has no fingers enrolled for Goodix.\n") == lx.Fingerprints(True, 0)
    enrolled = "Fingerprints for user marie on Goodix (press):\n - #0: right-index-finger\n"
    assert lx.parse_fprintd_list(enrolled) == lx.Fingerprints(True, 1)
    for text in ("", "failed to get devices: GDBus.Error\n", "Aucun périphérique\n"):
        with pytest.raises(UnknownFormat):
            lx.parse_fprintd_list(text)


def test_os_release_and_package_status():
    # hand-written in the documented layouts
    mint = lx.parse_os_release('PRETTY_NAME="Linux Mint 21.3"\nID=linuxmint\nVERSION_ID="21.3"\nUBUNTU_CODENAME=jammy\n')
    assert (mint.id, mint.version_id, mint.ubuntu_codename) == ("linuxmint", "21.3", "jammy")
    with pytest.raises(UnknownFormat):
        lx.parse_os_release("")
    assert lx.parse_dpkg_query_status("install ok installed\n") is True
    assert lx.parse_dpkg_query_status("deinstall ok config-files\n") is False
    assert lx.parse_dpkg_query_status("dpkg-query: no packages found matching unattended-upgrades\n") is False
    with pytest.raises(UnknownFormat):
        lx.parse_dpkg_query_status("")
    with pytest.raises(UnknownFormat):
        lx.parse_apt_config("")


def test_kscreenlockerrc_defaults_and_values():
    # hand-written KDE settings files
    assert lx.parse_kscreenlockerrc("") == lx.KdeLock(True, 5, True)
    assert lx.parse_kscreenlockerrc("[Daemon]\nAutolock=false\nTimeout=10\nLockOnResume=false\n") == lx.KdeLock(False, 10, False)
    with pytest.raises(UnknownFormat):
        lx.parse_kscreenlockerrc("[Daemon]\nTimeout=dix\n")


def test_dnf_check_update():
    updates = lx.parse_dnf_check_update(fixture_text("linux/dnf-check-update.txt"), 100)
    assert updates.count == 15
    assert lx.parse_dnf_check_update("", 0).count == 0
    with pytest.raises(UnknownFormat):
        lx.parse_dnf_check_update("Error: Failed to download metadata", 1)


def test_dpkg_log_last_upgrade():
    # hand-written in dpkg.log's layout
    log = "2026-10-01 09:00:00 install foo:amd64 <none> 1.0\n2026-11-02 10:11:12 upgrade bar:amd64 1.0 1.1\n"
    assert lx.parse_dpkg_log_last_upgrade(log) == datetime(2026, 11, 2, 10, 11, 12)
    assert lx.parse_dpkg_log_last_upgrade("") is None


@pytest.mark.parametrize(
    "variant, enabled, active",
    [("enabled-active", True, True), ("disabled-active", False, True)],
)
def test_systemctl_status_firewalld(variant, enabled, active):
    state = lx.parse_systemctl_status(fixture_text(f"linux/systemctl-status-firewalld.{variant}.txt"))
    assert (state.exists, state.enabled, state.active) == (True, enabled, active)


def test_systemctl_unit_not_found():
    assert lx.parse_systemctl_status("Unit firewalld.service could not be found.\n").exists is False


def test_ufw_status():
    assert lx.parse_ufw_status(fixture_text("linux/ufw-status.active.txt")) is True
    assert lx.parse_ufw_status(fixture_text("linux/ufw-status.inactive.txt")) is False


def test_nmcli_terse_wifi_with_escaped_colons():
    networks = lx.parse_nmcli_wifi_terse(fixture_text("linux/nmcli-t-dev-wifi-list.txt"))
    assert len(networks) == 11
    in_use = [n for n in networks if n.in_use]
    assert [(n.ssid, n.is_open) for n in in_use] == [("SSID-3", True)]
    assert any(n.ssid == "SSID-2-\\foo:bar" for n in networks)


def test_nmcli_multiline_wifi():
    networks = lx.parse_nmcli_wifi_multiline(fixture_text("linux/nmcli-f-all-dev-wifi-list.multiline.txt"))
    assert len(networks) == 7
    assert [(n.ssid, n.is_open) for n in networks if n.in_use] == [("TESTSSID-5g", False)]


def test_passwd_status_and_accounts():
    # hand-written in the documented layouts
    assert lx.parse_passwd_status("marie P 2026-01-05 0 99999 7 -1\n") == "P"
    assert lx.parse_passwd_status("cabinet NP 2026-01-05 0 99999 7 -1\n") == "NP"
    accounts = lx.parse_passwd_file("root:x:0:0:root:/root:/bin/bash\nmarie:x:1000:1000:Marie:/home/marie:/bin/bash\n")
    assert [a.name for a in accounts if a.uid >= 1000 and a.can_log_in] == ["marie"]
