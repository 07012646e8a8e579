"""verrouillage_session: a lock within 5 minutes passes, 5 to 30 minutes fails (medium), no lock or more than
30 minutes fails; what cannot be read is « à vérifier ». On Windows, following the steps shown — a screen
saver that asks for the session on resume — is what the check reads (issue 15.6: turning the screen off
does not lock the session)."""

from __future__ import annotations

from checkrun import SPECS, error, exit_code, run
from conftest import fixture_text

from gardien.core.model import Severity, Status
from gardien.probes import base

GNOME = "ubuntu:GNOME\tubuntu"  # hand-written desktop_session reader line
SCREENSAVER = fixture_text("linux/gsettings-list-recursively.org.gnome.desktop.screensaver.txt")
SESSION = fixture_text("linux/gsettings-list-recursively.org.gnome.desktop.session.txt")
ABSENT = exit_code("", 1, stderr="ERROR: The system was unable to find the specified registry key or value.\n")


def desktop(active: int, secure: int, timeout: int) -> str:
    """hand-written: `reg query "HKCU\\Control Panel\\Desktop"` as the screen saver dialog leaves it."""
    return ("\nHKEY_CURRENT_USER\\Control Panel\\Desktop\n"
            f"    ScreenSaveActive    REG_SZ    {active}\n    ScreenSaverIsSecure    REG_SZ    {secure}\n"
            f"    ScreenSaveTimeOut    REG_SZ    {timeout}\n    SCRNSAVE.EXE    REG_SZ    C:\\Windows\\system32\\scrnsave.scr\n")


def test_linux_pass_gnome_five_minutes():
    # recorded outputs (SESSION, SCREENSAVER = fixture_text(...) above), the idle delay edited
    text = SESSION.replace("idle-delay uint32 900", "idle-delay uint32 270")
    finding = run("verrouillage_session", "linux", {"desktop_session": GNOME, "gsettings_screensaver": SCREENSAVER, "gsettings_session": text})
    assert finding.status is Status.PASS and finding.evidence["delai_secondes"] == 300


def test_linux_fail_recorded_gnome_fifteen_minutes():
    # recorded outputs (SESSION, SCREENSAVER = fixture_text(...) above)
    finding = run("verrouillage_session", "linux", {"desktop_session": GNOME, "gsettings_screensaver": SCREENSAVER, "gsettings_session": SESSION})
    # idle 900 s + lock-delay 30 s: between 5 and 30 minutes, a medium failure
    assert finding.status is Status.FAIL and finding.severity is Severity.MEDIUM


def test_linux_fail_kde_autolock_off():
    # hand-written kscreenlockerrc
    kde = "[Daemon]\nAutolock=false\n"
    assert run("verrouillage_session", "linux", {"desktop_session": "KDE\tplasma", "kscreenlockerrc": kde}).status is Status.FAIL


def test_linux_cannot_tell():
    # hand-written: gsettings printed nothing; no graphical session; KDE's file unreadable (no output)
    assert run("verrouillage_session", "linux", {"desktop_session": GNOME, "gsettings_screensaver": "", "gsettings_session": ""}).status is Status.MANUAL
    assert run("verrouillage_session", "linux", {"desktop_session": ""}).status is Status.MANUAL
    assert run("verrouillage_session", "linux", {"desktop_session": "KDE\tplasma", "kscreenlockerrc": error(base.PERMISSION)}).status is Status.MANUAL


def test_macos_pass_display_sleep_short():
    pmset = fixture_text("macos/pmset-g-custom.txt")
    screenlock = fixture_text("macos/sysadminctl-screenLock-status.immediate.txt")
    # hand-written: the screen saver starts after 4 minutes
    finding = run("verrouillage_session", "macos", {"screenlock": screenlock, "pmset": pmset, "screensaver_idle": "240\n"})
    assert finding.status is Status.PASS


def test_macos_fail_recorded_display_sleep_thirty_minutes():
    finding = run("verrouillage_session", "macos", {"screenlock": fixture_text("macos/sysadminctl-screenLock-status.immediate.txt"),
                                                     "pmset": fixture_text("macos/pmset-g-custom.txt")})
    assert finding.status is Status.FAIL and finding.evidence["delai_secondes"] == 30 * 60


def test_macos_fail_recorded_no_password():
    finding = run("verrouillage_session", "macos", {"screenlock": fixture_text("macos/sysadminctl-screenLock-status.off.txt")})
    assert finding.status is Status.FAIL


def test_macos_cannot_tell_nothing_readable():
    # no output: neither the screen saver delay nor the power settings could be read
    screenlock = fixture_text("macos/sysadminctl-screenLock-status.immediate.txt")
    finding = run("verrouillage_session", "macos", {"screenlock": screenlock, "screensaver_idle": error(base.TIMEOUT), "pmset": error(base.TIMEOUT)})
    assert finding.status is Status.MANUAL


def test_windows_pass_after_following_the_steps():
    # the steps: a screen saver, a 5-minute delay, « À la reprise, afficher l'écran d'ouverture de session »
    steps = " ".join(str(s) for s in SPECS["verrouillage_session"].meta.remediation["windows"])
    assert "Écran de veille" in steps and "À la reprise, afficher l'écran d'ouverture de session" in steps and "5 minutes" in steps
    assert "Mettre en veille l'écran" not in steps
    # what the dialog then writes (hand-written, see desktop() above) is what the check reads
    finding = run("verrouillage_session", "windows", {"reg_desktop": desktop(1, 1, 300), "reg_inactivity": ABSENT,
                                                       "powercfg_consolelock": error(base.TIMEOUT)})
    assert finding.status is Status.PASS


def test_windows_pass_inactivity_policy():
    # hand-written reg query output
    policy = "\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\n    InactivityTimeoutSecs    REG_DWORD    0xb4\n"
    finding = run("verrouillage_session", "windows", {"reg_desktop": desktop(0, 0, 0), "reg_inactivity": policy})
    assert finding.status is Status.PASS and finding.evidence["delai_secondes"] == 180


def test_windows_fail_screen_saver_without_password_and_no_lock_on_wake():
    # recorded screen saver settings (not secure) and hand-written powercfg excerpts: password on wake off
    consolelock = "    Index actuel du paramètre de courant alternatif : 0x00000000\n    Index actuel du paramètre de courant continu : 0x00000000\n"
    standby = "    Index actuel du paramètre de courant alternatif : 0x000004b0\n    Index actuel du paramètre de courant continu : 0x00000384\n"
    finding = run("verrouillage_session", "windows", {
        "reg_desktop": fixture_text("windows/reg-query-hkcu-control-panel-desktop-ScreenSaverIsSecure.0.en.txt"),
        "reg_inactivity": ABSENT, "powercfg_consolelock": consolelock, "powercfg_standby": standby,
    })
    assert finding.status is Status.FAIL


def test_windows_fail_long_screen_saver_delay():
    # hand-written (desktop() above): 45 minutes
    finding = run("verrouillage_session", "windows", {"reg_desktop": desktop(1, 1, 2700), "reg_inactivity": ABSENT,
                                                       "powercfg_consolelock": error(base.TIMEOUT)})
    assert finding.status is Status.FAIL and finding.severity is Severity.HIGH


def test_windows_cannot_tell_recorded_screen_saver_not_secure_and_sleep_unknown():
    finding = run("verrouillage_session", "windows", {
        "reg_desktop": fixture_text("windows/reg-query-hkcu-control-panel-desktop-ScreenSaverIsSecure.0.en.txt")})
    assert finding.status is Status.MANUAL


def test_windows_cannot_tell_recorded_zero_timeout_any_spelling():
    # recorded: reg.exe echoes « ScreenSaveTimeout » as it was written; the value is 0, so no lock from it
    text = fixture_text("windows/reg-query-hkcu-control-panel-desktop-ScreenSaveTimeOut.0.en.txt")
    assert run("verrouillage_session", "windows", {"reg_desktop": text}).status is Status.MANUAL
