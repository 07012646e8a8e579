"""mot_de_passe_reveil: a password asked on wake passes, none asked fails, an unknown answer is « à vérifier »."""

from __future__ import annotations

from checkrun import error, run
from conftest import fixture_text

from gardien.core.model import Severity, Status
from gardien.probes import base

GNOME = "ubuntu:GNOME\tubuntu"  # hand-written desktop_session reader line
KDE = "KDE\tplasma"  # hand-written desktop_session reader line
SCREENSAVER = fixture_text("linux/gsettings-list-recursively.org.gnome.desktop.screensaver.txt")
# hand-written powercfg excerpts in the layout of the recorded output: the last two lines are AC and DC
LOCK_ON = "    Current AC Power Setting Index: 0x00000001\n    Current DC Power Setting Index: 0x00000001\n"
LOCK_OFF_BATTERY = "    Current AC Power Setting Index: 0x00000001\n    Current DC Power Setting Index: 0x00000000\n"


def test_linux_pass_recorded_gnome_lock_enabled():
    # recorded output: SCREENSAVER = fixture_text(...) above
    assert run("mot_de_passe_reveil", "linux", {"desktop_session": GNOME, "gsettings_screensaver": SCREENSAVER}).status is Status.PASS


def test_linux_pass_kde_defaults_when_no_settings_file():
    # no output: KDE has not written its settings file, its defaults lock on resume
    finding = run("mot_de_passe_reveil", "linux", {"desktop_session": KDE, "kscreenlockerrc": error(base.NOT_FOUND)})
    assert finding.status is Status.PASS


def test_linux_fail_gnome_lock_disabled_and_kde_no_lock_on_resume():
    text = SCREENSAVER.replace("lock-enabled true", "lock-enabled false")  # recorded output, one value edited
    assert run("mot_de_passe_reveil", "linux", {"desktop_session": GNOME, "gsettings_screensaver": text}).status is Status.FAIL
    # hand-written kscreenlockerrc
    kde = "[Daemon]\nLockOnResume=false\n"
    assert run("mot_de_passe_reveil", "linux", {"desktop_session": KDE, "kscreenlockerrc": kde}).status is Status.FAIL


def test_linux_cannot_tell_unreadable_settings():
    # no output: KDE's file exists but could not be read (not « defaults »); then GNOME printed nothing (hand-written)
    assert run("mot_de_passe_reveil", "linux", {"desktop_session": KDE, "kscreenlockerrc": error(base.PERMISSION)}).status is Status.MANUAL
    assert run("mot_de_passe_reveil", "linux", {"desktop_session": GNOME, "gsettings_screensaver": ""}).status is Status.MANUAL
    assert run("mot_de_passe_reveil", "linux", {"desktop_session": "XFCE\txfce"}).status is Status.MANUAL  # hand-written


def test_macos_pass_recorded_immediate_and_5_seconds():
    for variant in ("immediate", "delay-5-seconds"):
        screenlock = fixture_text(f"macos/sysadminctl-screenLock-status.{variant}.txt")
        assert run("mot_de_passe_reveil", "macos", {"screenlock": screenlock}).status is Status.PASS


def test_macos_fail_recorded_off_and_five_minutes():
    assert run("mot_de_passe_reveil", "macos", {"screenlock": fixture_text("macos/sysadminctl-screenLock-status.off.txt")}).status is Status.FAIL
    late = run("mot_de_passe_reveil", "macos", {"screenlock": fixture_text("macos/sysadminctl-screenLock-status.delay-300-seconds.txt")})
    assert late.status is Status.FAIL and late.severity is Severity.MEDIUM and "5 minutes" in late.detail


def test_macos_cannot_tell_recorded_unknown_state():
    screenlock = fixture_text("macos/sysadminctl-screenLock-immediate.unknown-state-0.txt")
    assert run("mot_de_passe_reveil", "macos", {"screenlock": screenlock}).status is Status.MANUAL


def test_windows_pass_password_on_wake():
    # hand-written (above)
    assert run("mot_de_passe_reveil", "windows", {"powercfg_consolelock": LOCK_ON}).status is Status.PASS


def test_windows_pass_recorded_consolelock():
    text = fixture_text("windows/powercfg-q.en.consolelock-visible.txt")
    assert run("mot_de_passe_reveil", "windows", {"powercfg_consolelock": text}).status is Status.PASS


def test_windows_fail_not_on_battery():
    # hand-written (above)
    finding = run("mot_de_passe_reveil", "windows", {"powercfg_consolelock": LOCK_OFF_BATTERY})
    assert finding.status is Status.FAIL and finding.detail.endswith("sur batterie.")


def test_windows_cannot_tell_output_cut_short():
    # recorded output cut after its AC line: the DC value is missing, no value is guessed
    text = fixture_text("windows/powercfg-q.en.consolelock-visible.txt")
    cut = text[: text.index("    Current DC")]
    assert run("mot_de_passe_reveil", "windows", {"powercfg_consolelock": cut}).status is Status.MANUAL
