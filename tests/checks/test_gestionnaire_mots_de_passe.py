"""gestionnaire_mots_de_passe: one installed passes; none seen is « à vérifier » (managers that live in the
browser are invisible), never « tout va bien »; an unreadable list is not « none »."""

from __future__ import annotations

from checkrun import error, run

from gardien.core.model import Status
from gardien.probes import base
from gardien.probes.readers import APPLICATIONS_HEADER

# hand-written registry listing as `reg query ... /s /v DisplayName` prints it
HKLM = """
HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\KeePassXC
    DisplayName    REG_SZ    KeePassXC
"""


def test_windows_pass_keepassxc():
    # hand-written (above)
    assert run("gestionnaire_mots_de_passe", "windows", {"uninstall_hklm": HKLM}).status is Status.PASS


def test_windows_cannot_tell_none_found():
    # hand-written (above), another program in place of the manager
    finding = run("gestionnaire_mots_de_passe", "windows", {"uninstall_hklm": HKLM.replace("KeePassXC", "7-Zip")})
    assert finding.status is Status.MANUAL and "tout va bien" not in finding.detail


def test_windows_cannot_tell_list_unreadable():
    # no output
    assert run("gestionnaire_mots_de_passe", "windows", {"uninstall_hklm": error(base.TIMEOUT)}).status is Status.MANUAL


def test_macos_pass_bitwarden():
    # hand-written reader list
    assert run("gestionnaire_mots_de_passe", "macos", {"applications": f"{APPLICATIONS_HEADER}\nBitwarden\n"}).status is Status.PASS


def test_macos_cannot_tell_none_found():
    # hand-written reader list
    assert run("gestionnaire_mots_de_passe", "macos", {"applications": f"{APPLICATIONS_HEADER}\nSafari\n"}).status is Status.MANUAL


def test_linux_pass_keepassxc_command():
    # hand-written reader list
    assert run("gestionnaire_mots_de_passe", "linux", {"applications": f"{APPLICATIONS_HEADER}\ncmd:keepassxc\n"}).status is Status.PASS


def test_linux_cannot_tell_none_found_or_unreadable():
    # hand-written reader list; no output
    assert run("gestionnaire_mots_de_passe", "linux", {"applications": f"{APPLICATIONS_HEADER}\nFirefox\n"}).status is Status.MANUAL
    assert run("gestionnaire_mots_de_passe", "linux", {"applications": error(base.FAILED)}).status is Status.ERROR
