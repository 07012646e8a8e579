"""macros_office (Windows): a blocking policy or Microsoft 365's default passes, « enable all macros » fails,
an Office that does not block by default — or whose presence cannot be read — is « à vérifier »."""

from __future__ import annotations

from checkrun import error, exit_code, run

from gardien.core.model import Status
from gardien.probes import base

ABSENT = exit_code("", 1, stderr="ERROR: The system was unable to find the specified registry key or value.\n")
# hand-written reg query outputs in reg.exe's layout
C2R = "\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Office\\ClickToRun\\Configuration\n    VersionToReport    REG_SZ    16.0.17928.20156\n"
WORD_ALL = "\nHKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Word\\Security\n    VBAWarnings    REG_DWORD    0x1\n"
POLICY_BLOCK = "\nHKEY_CURRENT_USER\\Software\\Policies\\Microsoft\\Office\\16.0\\Excel\\Security\n    blockcontentexecutionfrominternet    REG_DWORD    0x1\n"
POLICY_ALLOW = POLICY_BLOCK.replace("0x1", "0x0")
MSI_OFFICE = "\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\Office16.PROPLUS\n    DisplayName    REG_SZ    Microsoft Office Professionnel Plus 2019\n"
OTHER_PROGRAM = MSI_OFFICE.replace("Microsoft Office Professionnel Plus 2019", "7-Zip 23.01")


def test_windows_pass_microsoft_365_default():
    # hand-written (above)
    finding = run("macros_office", "windows", {"office_policies": ABSENT, "office_vbawarnings": ABSENT, "office_c2r": C2R})
    assert finding.status is Status.PASS


def test_windows_pass_blocking_policy():
    # hand-written (above)
    finding = run("macros_office", "windows", {"office_policies": POLICY_BLOCK, "office_vbawarnings": ABSENT, "office_c2r": ABSENT})
    assert finding.status is Status.PASS


def test_windows_fail_all_macros_enabled_in_word():
    # hand-written (above)
    finding = run("macros_office", "windows", {"office_policies": ABSENT, "office_vbawarnings": WORD_ALL, "office_c2r": C2R})
    assert finding.status is Status.FAIL and "Word" in finding.detail


def test_windows_fail_policy_allows_internet_macros():
    # hand-written (above)
    finding = run("macros_office", "windows", {"office_policies": POLICY_ALLOW, "office_vbawarnings": ABSENT, "office_c2r": C2R})
    assert finding.status is Status.FAIL and "Excel" in finding.detail


def test_windows_cannot_tell_office_without_default_block():
    # hand-written (above): Office 2019 installed from an MSI, no setting either way
    finding = run("macros_office", "windows", {"office_policies": ABSENT, "office_vbawarnings": ABSENT, "office_c2r": ABSENT,
                                                "uninstall_hklm": MSI_OFFICE})
    assert finding.status is Status.MANUAL


def test_windows_cannot_tell_when_office_presence_is_unknown():
    # no output: the Click-to-Run key timed out, so « Office not found » would be a guess
    finding = run("macros_office", "windows", {"office_policies": ABSENT, "office_vbawarnings": ABSENT,
                                                "office_c2r": error(base.TIMEOUT), "uninstall_hklm": OTHER_PROGRAM})
    assert finding.status is Status.ERROR
    finding = run("macros_office", "windows", {"office_policies": ABSENT, "office_vbawarnings": ABSENT, "office_c2r": ABSENT,
                                                "uninstall_hklm": error(base.TIMEOUT)})
    assert finding.status is Status.MANUAL


def test_windows_not_applicable_without_office():
    # hand-written (above): the program list is read and has no Office
    finding = run("macros_office", "windows", {"office_policies": ABSENT, "office_vbawarnings": ABSENT, "office_c2r": ABSENT,
                                                "uninstall_hklm": OTHER_PROGRAM})
    assert finding.status is Status.NOT_APPLICABLE
