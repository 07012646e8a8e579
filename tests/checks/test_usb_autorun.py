"""usb_autorun: nothing starts on its own passes, autoplay on fails, an unknown setting is « à vérifier »."""

from __future__ import annotations

from checkrun import error, exit_code, run

from gardien.core.model import Status
from gardien.probes import base

GNOME = "ubuntu:GNOME\tubuntu"  # hand-written desktop_session reader line
ABSENT = exit_code("", 1, stderr="ERROR: The system was unable to find the specified registry key or value.\n")
# hand-written reg query outputs in reg.exe's layout
AUTOPLAY_OFF = "\nHKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\AutoplayHandlers\n    DisableAutoplay    REG_DWORD    0x1\n"
AUTOPLAY_ON = AUTOPLAY_OFF.replace("0x1", "0x0")
POLICY_ALL = "\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\Explorer\n    NoDriveTypeAutoRun    REG_DWORD    0xff\n"


def test_windows_pass_autoplay_off_or_policy():
    # hand-written (above)
    assert run("usb_autorun", "windows", {"autoplay_user": AUTOPLAY_OFF}).status is Status.PASS
    assert run("usb_autorun", "windows", {"autorun_policy_hklm": POLICY_ALL, "autoplay_user": AUTOPLAY_ON}).status is Status.PASS


def test_windows_fail_autoplay_on_or_default():
    # hand-written (above): set on, or never set (Windows' default is on)
    assert run("usb_autorun", "windows", {"autoplay_user": AUTOPLAY_ON}).status is Status.FAIL
    assert run("usb_autorun", "windows", {"autoplay_user": ABSENT}).status is Status.FAIL


def test_windows_cannot_tell():
    # no output; then a text that is not reg.exe's (hand-written)
    assert run("usb_autorun", "windows", {"autoplay_user": error(base.TIMEOUT)}).status is Status.ERROR
    assert run("usb_autorun", "windows", {"autoplay_user": "Accès refusé.\n"}).status is Status.MANUAL


def test_linux_pass_autorun_never():
    # hand-written gsettings line
    text = "org.gnome.desktop.media-handling autorun-never true\n"
    assert run("usb_autorun", "linux", {"desktop_session": GNOME, "gsettings_media": text}).status is Status.PASS


def test_linux_fail_autorun_allowed():
    # hand-written gsettings line
    text = "org.gnome.desktop.media-handling autorun-never false\n"
    assert run("usb_autorun", "linux", {"desktop_session": GNOME, "gsettings_media": text}).status is Status.FAIL


def test_linux_cannot_tell():
    # hand-written: gsettings printed nothing; another desktop than GNOME
    assert run("usb_autorun", "linux", {"desktop_session": GNOME, "gsettings_media": ""}).status is Status.MANUAL
    assert run("usb_autorun", "linux", {"desktop_session": "KDE\tplasma"}).status is Status.MANUAL
