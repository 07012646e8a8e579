"""logiciels_loisirs: no leisure software passes, games or streaming fail, an unreadable list is not « none »."""

from __future__ import annotations

from checkrun import error, run

from gardien.core.model import Status
from gardien.probes import base
from gardien.probes.readers import APPLICATIONS_HEADER

# hand-written registry listing as `reg query ... /s /v DisplayName` prints it
HKLM = """
HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\Steam
    DisplayName    REG_SZ    Steam
"""


def test_windows_pass_no_leisure_software():
    # hand-written (above), another program
    assert run("logiciels_loisirs", "windows", {"uninstall_hklm": HKLM.replace("Steam", "Adobe Acrobat Reader")}).status is Status.PASS


def test_windows_fail_steam_and_netflix_app():
    # hand-written (above) and a Store app list with its end marker
    finding = run("logiciels_loisirs", "windows", {"uninstall_hklm": HKLM, "appx": "4DF9E0F8.Netflix\n# gardien: fin\n"})
    assert finding.status is Status.FAIL and "Steam" in finding.detail


def test_windows_cannot_tell_unreadable_list():
    # no output; then an empty answer (hand-written)
    assert run("logiciels_loisirs", "windows", {"uninstall_hklm": error(base.PERMISSION)}).status is Status.MANUAL
    assert run("logiciels_loisirs", "windows", {"uninstall_hklm": ""}).status is Status.MANUAL


def test_macos_pass():
    # hand-written reader list
    assert run("logiciels_loisirs", "macos", {"applications": f"{APPLICATIONS_HEADER}\nPages\nSafari\n"}).status is Status.PASS


def test_macos_fail_spotify_and_minecraft():
    # hand-written reader list
    finding = run("logiciels_loisirs", "macos", {"applications": f"{APPLICATIONS_HEADER}\nSpotify\nMinecraft\n"})
    assert finding.status is Status.FAIL and finding.evidence["logiciels"] == ["Minecraft", "Spotify"]


def test_macos_cannot_tell_header_only():
    # hand-written: the reader's header and nothing else
    assert run("logiciels_loisirs", "macos", {"applications": f"{APPLICATIONS_HEADER}\n"}).status is Status.MANUAL


def test_linux_pass():
    # hand-written reader list
    assert run("logiciels_loisirs", "linux", {"applications": f"{APPLICATIONS_HEADER}\nFirefox\n"}).status is Status.PASS


def test_linux_fail_many_shown_briefly():
    # hand-written reader list with ten leisure programs: the sentence names eight and says there are others
    games = ["Steam", "Discord", "Spotify", "Minecraft", "Lutris", "GCompris", "Tux Paint", "Roblox", "Twitch", "Deezer"]
    finding = run("logiciels_loisirs", "linux", {"applications": "\n".join([APPLICATIONS_HEADER, *games])})
    assert finding.status is Status.FAIL and finding.detail.endswith("et d'autres.")


def test_linux_cannot_tell_other_text():
    # hand-written: a list that is not the reader's
    assert run("logiciels_loisirs", "linux", {"applications": "Steam\n"}).status is Status.MANUAL
