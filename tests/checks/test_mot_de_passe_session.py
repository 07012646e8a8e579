"""mot_de_passe_session: a password and no automatic log-in passes (where it can be seen without admin
rights); an automatic log-in or no password fails; an unreadable login screen is « à vérifier »."""

from __future__ import annotations

from checkrun import error, exit_code, run
from conftest import fixture_text

from gardien.core.model import Status
from gardien.probes import base

NO_LOGIN_SCREEN_FILES = {"gdm_conf": error(base.NOT_FOUND), "gdm_conf_fedora": error(base.NOT_FOUND),
                         "lightdm_conf": error(base.NOT_FOUND), "sddm_conf": error(base.NOT_FOUND)}
ABSENT = exit_code("", 1, stderr="ERROR: The system was unable to find the specified registry key or value.\n")


def test_linux_pass_password_and_no_autologin():
    # hand-written passwd -S line and GDM configuration
    outputs = NO_LOGIN_SCREEN_FILES | {"gdm_conf": "[daemon]\nAutomaticLoginEnable=False\n", "passwd_status": "marie P 2026-01-05 0 99999 7 -1\n"}
    assert run("mot_de_passe_session", "linux", outputs).status is Status.PASS


def test_linux_fail_autologin_gdm_lightdm_sddm_or_no_password():
    # hand-written configurations of the three login screens, and passwd -S lines
    status = {"passwd_status": "marie P 2026-01-05 0 99999 7 -1\n"}
    for probe, text in (("gdm_conf", "[daemon]\nAutomaticLoginEnable=true\nAutomaticLogin=marie\n"),
                        ("lightdm_conf", "[Seat:*]\nautologin-user=marie\n"),
                        ("sddm_conf", "[Autologin]\nUser=marie\nSession=plasma\n")):
        assert run("mot_de_passe_session", "linux", NO_LOGIN_SCREEN_FILES | status | {probe: text}).status is Status.FAIL
    no_password = NO_LOGIN_SCREEN_FILES | {"passwd_status": "cabinet NP 2026-01-05 0 99999 7 -1\n"}
    assert run("mot_de_passe_session", "linux", no_password).status is Status.FAIL


def test_linux_cannot_tell():
    # no output: GDM's file could not be read; then passwd -S answered something else (hand-written)
    unreadable = NO_LOGIN_SCREEN_FILES | {"gdm_conf": error(base.PERMISSION), "passwd_status": "marie P\n"}
    assert run("mot_de_passe_session", "linux", unreadable).status is Status.MANUAL
    foreign = NO_LOGIN_SCREEN_FILES | {"passwd_status": "passwd : vous ne pouvez pas voir ces informations\n"}
    assert run("mot_de_passe_session", "linux", foreign).status is Status.MANUAL


def test_macos_pass_filevault_on():
    # `defaults` exits with 1 when no automatic log-in is set (hand-written message); recorded FileVault state
    outputs = {"autologin": exit_code("", 1, stderr="The domain/default pair of (/Library/Preferences/com.apple.loginwindow, autoLoginUser) does not exist\n"),
               "fdesetup": fixture_text("macos/fdesetup-status.on-plain.txt")}
    assert run("mot_de_passe_session", "macos", outputs).status is Status.PASS


def test_macos_fail_automatic_login():
    # hand-written: the automatic log-in user's name
    assert run("mot_de_passe_session", "macos", {"autologin": "marie\n"}).status is Status.FAIL


def test_macos_cannot_tell_without_filevault():
    # hand-written: no automatic log-in, FileVault off: the password itself cannot be seen without admin rights
    outputs = {"autologin": exit_code("", 1), "fdesetup": "FileVault is Off.\n"}
    assert run("mot_de_passe_session", "macos", outputs).status is Status.MANUAL


def test_windows_fail_automatic_logon():
    # hand-written reg query output
    winlogon = "\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon\n    AutoAdminLogon    REG_SZ    1\n"
    assert run("mot_de_passe_session", "windows", {"reg_winlogon": winlogon}).status is Status.FAIL


def test_windows_cannot_tell_without_admin_rights():
    # hand-written: the value is absent (reg exits with 1): no automatic log-on, the password cannot be seen
    finding = run("mot_de_passe_session", "windows", {"reg_winlogon": ABSENT})
    assert finding.status is Status.MANUAL
    assert run("mot_de_passe_session", "windows", {"reg_winlogon": error(base.TIMEOUT)}).status is Status.ERROR  # no output
