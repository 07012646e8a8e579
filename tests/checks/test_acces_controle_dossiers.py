"""acces_controle_dossiers (Windows' Controlled Folder Access): on passes; audit mode, disks only or off fail (audit
mode lightly); Defender passive behind another antivirus, or an unreadable answer, is « à vérifier ».

Get-MpComputerStatus outputs are recorded ones (../shared/fixtures); the Get-MpPreference answers are hand-written:
the probe prints only the property's number, as documented for Set-MpPreference."""

from __future__ import annotations

from conftest import fixture_text
from windows_checkrun import run_windows

from gardien.core.model import Severity, Status
from gardien.probes import base
from gardien.probes.base import RawOutput


def run(outputs: dict[str, str | RawOutput]):
    return run_windows("acces_controle_dossiers", outputs)


def defender() -> str:
    return fixture_text("windows/get-mpcomputerstatus.en.2025.txt")


def test_windows_pass_blocking():
    finding = run({"defender": defender(), "controlled_folder_access": "1\r\n"})  # hand-written
    assert finding.status is Status.PASS and "activée" in finding.detail


def test_windows_fail_audit_mode_lightly():
    finding = run({"defender": defender(), "controlled_folder_access": "2\r\n"})  # hand-written
    assert finding.status is Status.FAIL and finding.severity is Severity.LOW and "mode audit" in finding.detail


def test_windows_fail_off():
    finding = run({"defender": fixture_text("windows/get-mpcomputerstatus.en.win11-2022.txt"),
                   "controlled_folder_access": "0\r\n"})  # hand-written
    assert finding.status is Status.FAIL and finding.severity is Severity.MEDIUM and "désactivée" in finding.detail


def test_windows_fail_disks_only():
    assert run({"defender": defender(), "controlled_folder_access": "3\r\n"}).status is Status.FAIL  # hand-written


def test_windows_cannot_tell_defender_passive_behind_another_antivirus():
    passive = defender().replace("AMRunningMode                    : Normal",
                                 "AMRunningMode                    : Passive Mode")  # recorded output (fixture_text), mode edited by hand-written replace
    finding = run({"defender": passive, "controlled_folder_access": "0\r\n"})
    assert finding.status is Status.MANUAL and "antivirus" in finding.detail


def test_windows_cannot_tell_unreadable_answers():
    # hand-written: an error text instead of the number, a command that timed out, an unknown value
    assert run({"defender": defender(), "controlled_folder_access": "Get-MpPreference : 0x800106ba\r\n"}).status is Status.MANUAL
    assert run({"controlled_folder_access": RawOutput("", returncode=None, error=base.TIMEOUT, command="x")}).status is Status.ERROR
    assert run({"defender": defender(), "controlled_folder_access": "9\r\n"}).status is Status.MANUAL
