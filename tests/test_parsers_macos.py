"""macOS parsers on the real recorded outputs of ../shared/fixtures/macos."""

from __future__ import annotations

from datetime import datetime

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
