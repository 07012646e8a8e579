"""biometrie: enrolled passes, a reader without fingerprint fails, no reader is « non concerné », and an
error or an unknown answer is never read as a reader (issue 15: a failing fprintd-list said « un lecteur
d'empreintes est présent »)."""

from __future__ import annotations

from checkrun import error, exit_code, run
from conftest import fixture_text

from gardien.core.model import Status
from gardien.probes import base

# hand-written, in fprintd-list's documented sentences (utils/list.c)
FPRINTD_ENROLLED = "found 1 devices\nDevice at /net/reactivated/Fprint/Device/0\nUsing device /net/reactivated/Fprint/Device/0\nFingerprints for user marie on Synaptics Sensors (press):\n - #0: right-index-finger\n - #1: left-index-finger\n"
FPRINTD_NONE = "found 1 devices\nDevice at /net/reactivated/Fprint/Device/0\nUsing device /net/reactivated/Fprint/Device/0\nUser marie has no fingers enrolled for Synaptics Sensors (press).\n"


def test_linux_pass_two_fingers():
    # hand-written (above)
    finding = run("biometrie", "linux", {"fprintd": FPRINTD_ENROLLED})
    assert finding.status is Status.PASS and finding.evidence["empreintes"] == 2


def test_linux_fail_reader_without_fingerprint():
    # hand-written (above); fprintd-list exits with 1 in that case
    assert run("biometrie", "linux", {"fprintd": exit_code(FPRINTD_NONE, 1)}).status is Status.FAIL


def test_linux_not_applicable_without_reader_or_service():
    # hand-written: fprintd's own sentence
    assert run("biometrie", "linux", {"fprintd": "No devices available\n"}).status is Status.NOT_APPLICABLE
    assert run("biometrie", "linux", {"fprintd": error(base.NOT_FOUND)}).status is Status.NOT_APPLICABLE  # no output


def test_linux_cannot_tell_failing_fprintd_list_is_not_a_reader():
    # hand-written: a D-Bus failure, exit 1 — the case that was read as « un lecteur est présent »
    failing = exit_code("", 1, stderr="failed to get devices: GDBus.Error:org.freedesktop.DBus.Error.ServiceUnknown\n")
    finding = run("biometrie", "linux", {"fprintd": failing})
    assert finding.status is Status.MANUAL and "lecteur" not in finding.detail
    assert run("biometrie", "linux", {"fprintd": exit_code("", 0)}).status is Status.MANUAL  # hand-written: empty
    # hand-written: another language
    assert run("biometrie", "linux", {"fprintd": exit_code("Aucun périphérique disponible\n", 1)}).status is Status.MANUAL


def test_macos_pass_touch_id_recorded():
    finding = run("biometrie", "macos", {"bioutil_config": fixture_text("macos/bioutil-r-c.kolide-488.txt")})
    assert finding.status is Status.PASS


def test_macos_fail_no_fingerprint():
    # hand-written, in bioutil's layout (see the recorded output)
    text = "Touch ID for unlock: 1\nTouch ID for ApplePay: 1\nUser 501: 0 fingerprint(s)\n"
    assert run("biometrie", "macos", {"bioutil_config": text}).status is Status.FAIL


def test_macos_fail_touch_id_not_used_to_unlock():
    text = fixture_text("macos/bioutil-r-c.kolide-488.txt").replace("Touch ID for unlock: 1", "Touch ID for unlock: 0")
    assert run("biometrie", "macos", {"bioutil_config": text}).status is Status.FAIL  # recorded output, one value edited


def test_macos_cannot_tell_bioutil_unreadable():
    # no output: bioutil failed twice
    finding = run("biometrie", "macos", {"bioutil_config": error(base.FAILED), "bioutil_count": error(base.TIMEOUT)})
    assert finding.status is Status.MANUAL
    assert run("biometrie", "macos", {"bioutil_config": error(base.NOT_FOUND), "bioutil_count": error(base.NOT_FOUND)}).status is Status.NOT_APPLICABLE


def test_windows_cannot_tell_reader_present():
    # hand-written probe output with its end marker
    finding = run("biometrie", "windows", {"biometric_devices": "Synaptics UWP WBDI\n# gardien: fin\n"})
    assert finding.status is Status.MANUAL and "Synaptics" in finding.detail


def test_windows_cannot_tell_empty_output_is_not_none():
    # hand-written: PowerShell printed nothing, not even its end marker
    assert run("biometrie", "windows", {"biometric_devices": ""}).status is Status.MANUAL
    # hand-written: the marker alone means "no reader"
    assert run("biometrie", "windows", {"biometric_devices": "# gardien: fin\n"}).status is Status.NOT_APPLICABLE
