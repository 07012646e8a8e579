"""macOS parsers on the real recorded outputs of ../shared/fixtures/macos."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from conftest import fixture_text

from gardien.parsers import UnknownFormat
from gardien.parsers import macos as m


@pytest.mark.parametrize(
    "variant, expected",
    [
        ("delay-5-seconds", m.ScreenLockDelay(True, 5)),
        ("delay-300-seconds", m.ScreenLockDelay(True, 300)),
        ("immediate", m.ScreenLockDelay(True, 0)),
        ("off", m.ScreenLockDelay(False, None)),
    ],
)
def test_screenlock_status(variant, expected):
    assert m.parse_sysadminctl_screenlock(fixture_text(f"macos/sysadminctl-screenLock-status.{variant}.txt")) == expected


def test_screenlock_unknown_state_is_not_guessed():
    with pytest.raises(UnknownFormat):
        m.parse_sysadminctl_screenlock(fixture_text("macos/sysadminctl-screenLock-immediate.unknown-state-0.txt"))


def test_guest_account_disabled():
    assert m.parse_sysadminctl_guest(fixture_text("macos/sysadminctl-guestAccount-status.disabled.txt")) is False
    assert m.parse_sysadminctl_guest(fixture_text("macos/sudo-sysadminctl-guestAccount-off.already-disabled.txt")) is False


def test_filevault_on():
    assert m.parse_fdesetup_status(fixture_text("macos/fdesetup-status.on-with-master-keychain.txt")) == "on"


def test_apfs_list_finds_filevault_on_data_volume():
    volumes = m.parse_apfs_list(fixture_text("macos/diskutil-apfs-list-plist.txt"))
    data = [v for v in volumes if "Data" in v.roles]
    assert len(data) == 1 and data[0].filevault and data[0].encrypted


@pytest.mark.parametrize(
    "name, state",
    [
        ("socketfilterfw-getglobalstate-etc.data.txt", 2),
        ("socketfilterfw-getglobalstate-getblockall-getallowsigned-getstealthmode.stealth-error.txt", 1),
        ("socketfilterfw-getglobalstate.state2-block-all.txt", 2),
    ],
)
def test_firewall_state(name, state):
    assert m.parse_socketfilterfw_state(fixture_text(f"macos/{name}")) == state


@pytest.mark.parametrize(
    "variant, count, restart",
    [
        ("no-update.noscan", 0, False),
        ("no-update.scan", 0, False),
        ("update-available.noscan", 1, True),
        ("update-available.scan", 1, True),
        ("multiple-updates.noscan", 2, True),
        ("beta-update.scan", 1, True),
    ],
)
def test_softwareupdate(variant, count, restart):
    updates = m.parse_softwareupdate_list(fixture_text(f"macos/softwareupdate-l.{variant}.txt"))
    assert (len(updates.labels), updates.restart_needed) == (count, restart)


def test_softwareupdate_error_is_unknown():
    with pytest.raises(UnknownFormat):
        m.parse_softwareupdate_list(fixture_text("macos/softwareupdate-l.error.scan.txt"))


def test_tmutil_destinations():
    assert m.parse_tmutil_destinationinfo(fixture_text("macos/tmutil-destinationinfo.not-configured.txt")) == []
    network = m.parse_tmutil_destinationinfo(fixture_text("macos/tmutil-destinationinfo.network.txt"))
    assert [(d.name, d.kind) for d in network] == [("Mydisk", "Network")]
    several = m.parse_tmutil_destinationinfo(fixture_text("macos/tmutil-destinationinfo.multiple.txt"))
    assert len(several) == 5 and several[-1].kind == "Network"


def test_tmutil_latestbackup_date():
    # hand-written in the documented path layout (no recorded output exists)
    path = "/Volumes/Sauvegarde/Backups.backupdb/Mac/2026-11-20-101530\n"
    assert m.parse_tmutil_latestbackup(path) == datetime(2026, 11, 20, 10, 15, 30)
    assert m.parse_tmutil_latestbackup("") is None


@pytest.mark.parametrize(
    "variant, expected",
    [
        ("mac-sp_15.5", [(True, "SSID-2", True)]),
        ("mac-sp_15.5-wpa2-en", [(True, "SSID-7", False)]),
        ("mac-sp_15.5-on-iPhone", [(True, "SSID-1", False)]),
        ("mac-sp_15.5-wifi-disabled", [(False, None, None)]),
        ("mac-sp_12.7.2-AP", [(True, None, False)]),
    ],
)
def test_airport_profile(variant, expected):
    wifis = m.parse_airport_profile(fixture_text(f"macos/system_profiler-json-SPAirPortDataType.{variant}.txt"))
    got = [(w.connected, w.ssid if expected[0][1] else None, w.is_open) for w in wifis]
    assert got == expected


def test_bioutil_touch_id():
    touch = m.parse_bioutil(fixture_text("macos/bioutil-r-c.kolide-488.txt"))
    assert touch.unlock_enabled and touch.enrolled == 2


def test_pmset_custom_display_sleep():
    settings = m.parse_pmset_custom(fixture_text("macos/pmset-g-custom.txt"))
    assert settings["AC Power"]["displaysleep"] == "30"
    assert settings["Battery Power"]["displaysleep"] == "20"


def test_defaults_read_recorded_software_update_preferences():
    absent = m.parse_defaults_plist(fixture_text("macos/defaults-read-com.apple.SoftwareUpdate.10.15.7-keys-absent.txt"))
    assert "AutomaticCheckEnabled" not in absent and m.plist_bool(absent["AutomaticallyInstallMacOSUpdates"]) is True
    assert m.plist_date(absent["LastSuccessfulDate"]) == datetime(2020, 10, 10, 14, 14, 38, tzinfo=UTC)
    assert absent["PrimaryLanguages"] == ["en-CN", "en"] and absent["RecommendedUpdates"] == []
    pending = m.parse_defaults_plist(fixture_text("macos/defaults-read-com.apple.SoftwareUpdate.10.15.7-string-YES-3-pending.txt"))
    assert m.plist_bool(pending["AutomaticCheckEnabled"]) is True  # "YES", a string
    assert m.plist_bool(pending["CriticalUpdateInstall"]) is False
    assert [u["Display Name"] for u in pending["RecommendedUpdates"]][0] == "Safari"
    assert m.plist_bool("Oui") is None


def test_defaults_read_refuses_what_is_not_a_property_list():
    for text in ("", "Domain com.apple.SoftwareUpdate does not exist", "{\n    Key = 1;\n"):
        with pytest.raises(UnknownFormat):
            m.parse_defaults_plist(text)


def test_filevault_pending_restart_and_plain_on():
    assert m.parse_fdesetup_status(fixture_text("macos/fdesetup-status.off-restart-pending-deferred.txt")) == "pending"
    assert m.parse_fdesetup_status(fixture_text("macos/fdesetup-status.on-plain.txt")) == "on"
    # hand-written, fdesetup's lines while encrypting: not yet "on"
    assert m.parse_fdesetup_status("FileVault is On.\nEncryption in progress: Percent completed = 42\n") == "encrypting"


def test_sw_vers_and_system_profiler_versions():
    old = m.parse_sw_vers(fixture_text("macos/sw_vers.10.13-mac-os-x.txt"))
    assert (old.release, old.build) == ((10, 13), "17A405")
    rsr = m.parse_sw_vers(fixture_text("macos/sw_vers.13.3.1-rsr-extra.txt"))
    assert (rsr.version, rsr.release, rsr.build) == ((13, 3, 1), (13,), "22E772610a")
    yosemite = m.parse_system_profiler_software(fixture_text("macos/system_profiler-SPSoftwareDataType.10.10.5.txt"))
    assert (yosemite.release, yosemite.build) == ((10, 10), "14F2511")
    sequoia = m.parse_system_profiler_software(fixture_text("macos/system_profiler-SPSoftwareDataType.15.3-vm.txt"))
    assert (sequoia.text, sequoia.release, sequoia.build) == ("15.3", (15,), "24D60")
    for parse in (m.parse_sw_vers, m.parse_system_profiler_software):
        with pytest.raises(UnknownFormat):
            parse("")


def test_admin_group_membership():
    members = m.parse_dscl_group_membership(fixture_text("macos/dscl-read-groups-admin-GroupMembership.root-plus-one.txt"))
    assert members == {"root", "williamj"}


def test_scutil_vpn_list_recorded():
    assert m.parse_scutil_nc_list(fixture_text("macos/scutil-nc-list.l2tp-disconnected.txt")) == []
    # header only, although a VPN was configured: it says no VPN is connected, nothing about configured ones
    assert m.parse_scutil_nc_list(fixture_text("macos/scutil-nc-list.header-only-ikev2-not-listed.txt")) == []
    connected = fixture_text("macos/scutil-nc-list.l2tp-disconnected.txt").replace("(Disconnected)", "(Connected)")
    assert m.parse_scutil_nc_list(connected) == ["My VPN"]  # recorded line, state edited


def test_diskutil_info_usb_stick_said_fixed():
    info = m.parse_diskutil_info(fixture_text("macos/diskutil-info.usb-flash-whole-disk-fixed.txt"))
    assert (info.identifier, info.protocol, info.location, info.removable) == ("disk2", "USB", "External", "Fixed")
    assert info.external and info.file_system is None and info.encrypted is None
    with pytest.raises(UnknownFormat):
        m.parse_diskutil_info("")
