"""mises_a_jour_systeme: nothing pending on a fresh list passes; pending updates fail; an empty apt answer,
a stale list, a scan error or dates in a regional format are « à vérifier » (issue 15: an empty
`apt list --upgradable` used to say « Le système est à jour »)."""

from __future__ import annotations

from checkrun import error, exit_code, run
from conftest import fixture_text

from gardien.core.model import Status
from gardien.probes import base

FRESH = "/var/lib/apt/periodic/update-success-stamp\t2026-11-28T09:00:00\n"  # hand-written reader line
STALE = "/var/lib/apt/lists\t2026-09-01T09:00:00\n"  # hand-written reader line
DNF_FRESH = "/var/cache/libdnf5/fedora-1a2b/repodata/repomd.xml\t2026-11-28T09:00:00\n"  # hand-written reader line
PREFS = fixture_text("macos/defaults-read-com.apple.SoftwareUpdate.10.15.7-keys-absent.txt")


def test_linux_pass_apt_nothing_pending_fresh_list():
    # hand-written: apt's first line and nothing pending
    finding = run("mises_a_jour_systeme", "linux", {"apt_upgradable": "Listing...\n", "apt_lists_date": FRESH})
    assert finding.status is Status.PASS


def test_linux_fail_recorded_apt_pending():
    finding = run("mises_a_jour_systeme", "linux", {"apt_upgradable": fixture_text("linux/apt-list-upgradable.txt")})
    assert finding.status is Status.FAIL and finding.detail.startswith("15 mises à jour en attente, dont 9 de sécurité")


def test_linux_fail_recorded_dnf_pending():
    finding = run("mises_a_jour_systeme", "linux", {
        "apt_upgradable": error(base.NOT_FOUND),
        "dnf_check_update": exit_code(fixture_text("linux/dnf-check-update.txt"), 100),
    })
    assert finding.status is Status.FAIL


def test_linux_pass_dnf_nothing_pending_fresh_cache():
    # hand-written: dnf exits with 0 and prints nothing when up to date; its cache was refreshed yesterday
    finding = run("mises_a_jour_systeme", "linux", {"apt_upgradable": error(base.NOT_FOUND), "dnf_check_update": "",
                                                     "dnf_metadata_date": DNF_FRESH})
    assert finding.status is Status.PASS


def test_linux_cannot_tell_empty_apt_answer_is_not_up_to_date():
    # hand-written: exit 0 and nothing printed — the case that said « Le système est à jour »
    finding = run("mises_a_jour_systeme", "linux", {"apt_upgradable": "", "apt_lists_date": FRESH})
    assert finding.status is Status.MANUAL and "à jour" not in finding.detail
    # hand-written: apt answering in French (a probe run without LC_ALL=C)
    french = "En train de lister... Fait\n"
    assert run("mises_a_jour_systeme", "linux", {"apt_upgradable": french, "apt_lists_date": FRESH}).status is Status.MANUAL


def test_linux_cannot_tell_stale_or_unknown_list():
    # hand-written: nothing pending, but the list is three months old, or its date unknown
    assert run("mises_a_jour_systeme", "linux", {"apt_upgradable": "Listing...\n", "apt_lists_date": STALE}).status is Status.MANUAL
    assert run("mises_a_jour_systeme", "linux", {"apt_upgradable": "Listing...\n", "apt_lists_date": ""}).status is Status.MANUAL
    no_cache = run("mises_a_jour_systeme", "linux", {"apt_upgradable": error(base.NOT_FOUND), "dnf_check_update": "",
                                                      "dnf_metadata_date": ""})
    assert no_cache.status is Status.MANUAL


def test_macos_pass_no_update_recent_search():
    # recorded softwareupdate; recorded preferences with the last search date edited to yesterday
    prefs = PREFS.replace('LastSuccessfulDate = "2020-10-10 14:14:38 +0000"', 'LastSuccessfulDate = "2026-11-28 14:14:38 +0000"')
    finding = run("mises_a_jour_systeme", "macos", {"softwareupdate": fixture_text("macos/softwareupdate-l.no-update.noscan.txt"),
                                                     "softwareupdate_prefs": prefs})
    assert finding.status is Status.PASS


def test_macos_fail_recorded_updates_pending():
    for name in ("update-available.noscan", "multiple-updates.noscan"):
        finding = run("mises_a_jour_systeme", "macos", {"softwareupdate": fixture_text(f"macos/softwareupdate-l.{name}.txt")})
        assert finding.status is Status.FAIL


def test_macos_cannot_tell_scan_error_or_old_search():
    assert run("mises_a_jour_systeme", "macos", {"softwareupdate": fixture_text("macos/softwareupdate-l.error.scan.txt")}).status is Status.MANUAL
    # recorded preferences: the last search was in 2020
    finding = run("mises_a_jour_systeme", "macos", {"softwareupdate": fixture_text("macos/softwareupdate-l.no-update.noscan.txt"),
                                                     "softwareupdate_prefs": PREFS})
    assert finding.status is Status.MANUAL


def test_windows_pass_recent_update():
    # hand-written probe lines (yyyy-MM-dd KB…), not sorted by date, then the end marker
    hotfix = "2026-10-15 KB5066835\n2026-11-12 KB5068861\n2026-09-10 KB5065426\n# gardien: fin\n"
    finding = run("mises_a_jour_systeme", "windows", {"hotfix": hotfix, "reg_reboot_required": exit_code("", 1)})
    assert finding.status is Status.PASS and "12/11/2026" in finding.detail


def test_windows_fail_old_update_or_reboot_pending():
    # hand-written probe lines
    old = run("mises_a_jour_systeme", "windows", {"hotfix": "2026-08-12 KB5063878\n# gardien: fin\n", "reg_reboot_required": exit_code("", 1)})
    assert old.status is Status.FAIL
    # hand-written reg query of the RebootRequired key
    reboot = "\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update\\RebootRequired\n"
    assert run("mises_a_jour_systeme", "windows", {"reg_reboot_required": reboot}).status is Status.FAIL


def test_windows_cannot_tell_recorded_regional_dates():
    # Get-HotFix's own table shows regional dates (German 21.04.2023, Latin-American 10/02/2020): never guessed
    for name in ("get-hotfix-select-hotfixid-installedon.de.txt", "get-hotfix.es-latam-dates.txt"):
        finding = run("mises_a_jour_systeme", "windows", {"hotfix": fixture_text(f"windows/{name}"), "reg_reboot_required": exit_code("", 1)})
        assert finding.status is Status.MANUAL
    # hand-written: a date in the future
    future = run("mises_a_jour_systeme", "windows", {"hotfix": "2027-03-01 KB5999999\n# gardien: fin\n", "reg_reboot_required": exit_code("", 1)})
    assert future.status is Status.MANUAL
