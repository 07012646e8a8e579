"""acces_distant: remote-access software found is « à vérifier » (it may be the provider's), never a failure;
none found in a list read whole passes; a list that could not be read is not « none »."""

from __future__ import annotations

from checkrun import error, exit_code, run

from gardien.core.model import Status
from gardien.probes import base
from gardien.probes.readers import APPLICATIONS_HEADER

# hand-written: the machine-wide uninstall list as `reg query ... /s /v DisplayName` prints it
HKLM_WITH_ANYDESK = """
HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\AnyDesk
    DisplayName    REG_SZ    AnyDesk

HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\{90160000-008C-0000-1000-0000000FF1CE}
    DisplayName    REG_SZ    Microsoft Office Professionnel Plus 2016

End of search: 2 match(es) found.
"""
HKLM_PLAIN = HKLM_WITH_ANYDESK.replace("AnyDesk", "7-Zip 23.01")


def test_windows_pass_no_remote_access_software():
    # hand-written registry listing (above), Store apps list with its end marker
    finding = run("acces_distant", "windows", {"uninstall_hklm": HKLM_PLAIN, "appx": "Microsoft.WindowsCalculator\n# gardien: fin\n"})
    assert finding.status is Status.PASS


def test_windows_cannot_tell_found_anydesk_is_to_review():
    # hand-written registry listing (above): found is « à vérifier », the provider may use it
    finding = run("acces_distant", "windows", {"uninstall_hklm": HKLM_WITH_ANYDESK})
    assert finding.status is Status.MANUAL and finding.evidence["logiciels"] == ["AnyDesk"]


def test_windows_cannot_tell_when_the_machine_list_is_unreadable():
    # no output: the user's own list and the Store apps alone are not the list of installed programs
    finding = run("acces_distant", "windows", {"uninstall_hklm": error(base.TIMEOUT),
                                                "appx": "Microsoft.WindowsCalculator\n# gardien: fin\n"})
    assert finding.status is Status.MANUAL
    empty = run("acces_distant", "windows", {"uninstall_hklm": exit_code("", 0)})  # hand-written: empty answer
    assert empty.status is Status.MANUAL


def test_macos_pass_no_remote_access_software():
    # hand-written list in the reader's format (docs/enregistrement.md)
    finding = run("acces_distant", "macos", {"applications": f"{APPLICATIONS_HEADER}\nSafari\nPages\n"})
    assert finding.status is Status.PASS


def test_macos_cannot_tell_teamviewer_installed():
    # hand-written list in the reader's format
    finding = run("acces_distant", "macos", {"applications": f"{APPLICATIONS_HEADER}\nSafari\nTeamViewer\n"})
    assert finding.status is Status.MANUAL and "TeamViewer" in finding.detail


def test_macos_cannot_tell_empty_list():
    # hand-written: the header alone, as when /Applications could not be read
    assert run("acces_distant", "macos", {"applications": f"{APPLICATIONS_HEADER}\n"}).status is Status.MANUAL


def test_linux_pass_no_remote_access_software():
    # hand-written list in the reader's format
    finding = run("acces_distant", "linux", {"applications": f"{APPLICATIONS_HEADER}\nFirefox\nLibreOffice Writer\n"})
    assert finding.status is Status.PASS


def test_linux_cannot_tell_rustdesk_installed():
    # hand-written list in the reader's format
    finding = run("acces_distant", "linux", {"applications": f"{APPLICATIONS_HEADER}\nFirefox\ncmd:rustdesk\n"})
    assert finding.status is Status.MANUAL and "rustdesk" in finding.detail


def test_linux_cannot_tell_without_the_readers_header():
    # hand-written: some other text in place of Gardien's list
    assert run("acces_distant", "linux", {"applications": "Firefox\n"}).status is Status.MANUAL
