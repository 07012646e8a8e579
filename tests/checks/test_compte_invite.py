"""compte_invite: guest off passes, guest on fails; on Windows the built-in Guest (RID 501) must be seen in a
list read whole — an empty answer used to say « désactivé »."""

from __future__ import annotations

from checkrun import error, run
from conftest import fixture_text

from gardien.core.model import Status
from gardien.probes import base

PASSWD = "root:x:0:0:root:/root:/bin/bash\nmarie:x:1000:1000:Marie:/home/marie:/bin/bash\n"  # hand-written
SID = "S-1-5-21-1111111111-2222222222-3333333333"
# hand-written in the probe's format (SID, Enabled, Name), then its end marker
USERS = f"{SID}-500\tFalse\tAdministrateur\n{SID}-501\tFalse\tInvité\n{SID}-1001\tTrue\tmarie\n# gardien: fin\n"


def test_windows_pass_guest_disabled():
    # hand-written (above)
    assert run("compte_invite", "windows", {"local_users": USERS}).status is Status.PASS


def test_windows_pass_recorded_plain_tables():
    for name in ("get-localuser.fr.administrateur-invite.txt", "get-localuser.en.server2022-guest-disabled.txt"):
        assert run("compte_invite", "windows", {"local_users": fixture_text(f"windows/{name}")}).status is Status.PASS


def test_windows_fail_guest_enabled():
    assert run("compte_invite", "windows", {"local_users": fixture_text("windows/get-localuser.en.guest-enabled.txt")}).status is Status.FAIL
    # hand-written (above), Guest enabled
    enabled = USERS.replace(f"{SID}-501\tFalse", f"{SID}-501\tTrue")
    assert run("compte_invite", "windows", {"local_users": enabled}).status is Status.FAIL


def test_windows_cannot_tell_empty_cut_short_or_guest_missing():
    # hand-written: PowerShell printed nothing; the list without its end marker; a list without the Guest account
    assert run("compte_invite", "windows", {"local_users": ""}).status is Status.MANUAL
    assert run("compte_invite", "windows", {"local_users": USERS.replace("# gardien: fin\n", "")}).status is Status.MANUAL
    no_guest = f"{SID}-1001\tTrue\tmarie\n# gardien: fin\n"
    assert run("compte_invite", "windows", {"local_users": no_guest}).status is Status.MANUAL


def test_macos_pass_recorded_disabled():
    assert run("compte_invite", "macos", {"guest": fixture_text("macos/sysadminctl-guestAccount-status.disabled.txt")}).status is Status.PASS


def test_macos_fail_guest_enabled():
    # hand-written, sysadminctl's sentence (written to its error output, as recorded)
    text = fixture_text("macos/sysadminctl-guestAccount-status.disabled.txt").replace("disabled", "enabled")
    assert run("compte_invite", "macos", {"guest": text}).status is Status.FAIL


def test_macos_cannot_tell():
    # hand-written: another sentence than sysadminctl's
    assert run("compte_invite", "macos", {"guest": "Compte invité : inconnu\n"}).status is Status.MANUAL


def test_linux_pass_no_guest():
    # hand-written /etc/passwd, no LightDM
    assert run("compte_invite", "linux", {"passwd_file": PASSWD, "lightdm_conf": error(base.NOT_FOUND)}).status is Status.PASS


def test_linux_fail_lightdm_guest_session_or_guest_account():
    # hand-written LightDM configuration and /etc/passwd
    lightdm = "[Seat:*]\nallow-guest=true\n"
    assert run("compte_invite", "linux", {"passwd_file": PASSWD, "lightdm_conf": lightdm}).status is Status.FAIL
    guest = PASSWD + "invite:x:1001:1001:Invité:/home/invite:/bin/bash\n"
    assert run("compte_invite", "linux", {"passwd_file": guest, "lightdm_conf": error(base.NOT_FOUND)}).status is Status.FAIL


def test_linux_cannot_tell_login_screen_unreadable():
    # no output: the LightDM file exists but could not be read
    assert run("compte_invite", "linux", {"passwd_file": PASSWD, "lightdm_conf": error(base.PERMISSION)}).status is Status.MANUAL
    assert run("compte_invite", "linux", {"passwd_file": "", "lightdm_conf": error(base.NOT_FOUND)}).status is Status.MANUAL  # hand-written: empty
