"""antivirus: active with fresh signatures passes; off, stale or absent fails; unreadable, or a date in the
future, is « à vérifier »."""

from __future__ import annotations

from checkrun import NOW, error, run
from conftest import fixture_text

from gardien.core.model import Severity, Status
from gardien.probes import base
from gardien.probes.readers import APPLICATIONS_HEADER

APPS = f"{APPLICATIONS_HEADER}\nFirefox\nLibreOffice Writer\n"  # hand-written list in the reader's format
MAC_APPS = f"{APPLICATIONS_HEADER}\nSafari\n"  # hand-written list in the reader's format
XPROTECT_RECENT = "/Library/Apple/System/Library/CoreServices/XProtect.bundle/Contents/Info.plist\t2026-11-20T03:00:00\n"
XPROTECT_OLD = XPROTECT_RECENT.replace("2026-11-20", "2026-08-01")
GATEKEEPER_ON = "assessments enabled\n"
GATEKEEPER_OFF = "assessments disabled\n"


def test_windows_pass_defender_on_and_up_to_date():
    finding = run("antivirus", "windows", {
        "antivirus_products": fixture_text("windows/get-ciminstance-securitycenter2-antivirusproduct.defender-only.txt"),
        "defender": fixture_text("windows/get-mpcomputerstatus.en.2025.txt"),
    })
    assert finding.status is Status.PASS


def test_windows_pass_third_party_beside_disabled_defender():
    finding = run("antivirus", "windows", {
        "antivirus_products": fixture_text("windows/get-ciminstance-securitycenter2-antivirusproduct.bitdefender-plus-defender-off.txt"),
    })
    assert finding.status is Status.PASS and "Bitdefender" in finding.detail


def test_windows_fail_only_a_disabled_defender():
    text = fixture_text("windows/get-ciminstance-securitycenter2-antivirusproduct.bitdefender-plus-defender-off.txt")
    defender_off = text[text.index("displayName              : Windows Defender"):]
    assert run("antivirus", "windows", {"antivirus_products": defender_off}).status is Status.FAIL


def test_windows_fail_signatures_too_old():
    status = fixture_text("windows/get-mpcomputerstatus.en.2025.txt").replace(
        "AntivirusSignatureAge            : 0", "AntivirusSignatureAge            : 9")  # recorded output, age edited
    finding = run("antivirus", "windows", {"defender": status})
    assert finding.status is Status.FAIL and finding.evidence["jours"] == 9


def test_windows_cannot_tell_nothing_readable():
    # no output: neither the Security Center nor Defender answered
    finding = run("antivirus", "windows", {"antivirus_products": error(base.TIMEOUT), "defender": error(base.PERMISSION)})
    assert finding.status is Status.MANUAL


def test_windows_cannot_tell_defender_alone_without_signature_age():
    status = "\n".join(line for line in fixture_text("windows/get-mpcomputerstatus.en.2025.txt").splitlines()
                       if not line.startswith("AntivirusSignatureAge"))  # recorded output, one line removed
    assert run("antivirus", "windows", {"defender": status}).status is Status.MANUAL


def test_macos_pass_xprotect_recent_and_gatekeeper_on():
    # hand-written reader and spctl lines
    finding = run("antivirus", "macos", {"xprotect": XPROTECT_RECENT, "gatekeeper": GATEKEEPER_ON, "applications": MAC_APPS})
    assert finding.status is Status.PASS


def test_macos_fail_gatekeeper_off():
    # hand-written reader and spctl lines
    finding = run("antivirus", "macos", {"xprotect": XPROTECT_RECENT, "gatekeeper": GATEKEEPER_OFF, "applications": MAC_APPS})
    assert finding.status is Status.FAIL


def test_macos_fail_xprotect_definitions_old():
    # hand-written reader and spctl lines
    finding = run("antivirus", "macos", {"xprotect": XPROTECT_OLD, "gatekeeper": GATEKEEPER_ON, "applications": MAC_APPS})
    assert finding.status is Status.FAIL


def test_macos_cannot_tell_gatekeeper_unknown():
    # hand-written reader line; spctl failed
    finding = run("antivirus", "macos", {"xprotect": XPROTECT_RECENT, "gatekeeper": error(base.FAILED), "applications": MAC_APPS})
    assert finding.status is not Status.PASS
    empty = run("antivirus", "macos", {"xprotect": XPROTECT_RECENT, "gatekeeper": "", "applications": MAC_APPS})
    assert empty.status is Status.MANUAL  # hand-written: spctl printed nothing


def test_linux_pass_clamav_updated_today():
    # hand-written reader line
    finding = run("antivirus", "linux", {"clamav_db": "/var/lib/clamav/daily.cld\t2026-11-29T06:00:00\n"})
    assert finding.status is Status.PASS


def test_linux_fail_no_antivirus():
    # hand-written: no ClamAV database, application list read whole
    finding = run("antivirus", "linux", {"clamav_db": "", "applications": APPS})
    assert finding.status is Status.FAIL and finding.severity is Severity.MEDIUM


def test_linux_fail_clamav_base_old():
    # hand-written reader line
    finding = run("antivirus", "linux", {"clamav_db": "/var/lib/clamav/daily.cld\t2026-11-01T06:00:00\n"})
    assert finding.status is Status.FAIL


def test_linux_cannot_tell_database_dated_in_the_future():
    # hand-written reader line: a date after the audit says nothing about freshness
    future = (NOW.replace(year=2027)).isoformat(timespec="seconds")
    finding = run("antivirus", "linux", {"clamav_db": f"/var/lib/clamav/daily.cld\t{future}\n"})
    assert finding.status is Status.MANUAL and "futur" in finding.detail


def test_linux_cannot_tell_application_list_unreadable():
    # no output: no database and the application list could not be read
    assert run("antivirus", "linux", {"clamav_db": "", "applications": error(base.FAILED)}).status is Status.ERROR
