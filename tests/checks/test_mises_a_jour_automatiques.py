"""mises_a_jour_automatiques: on and not paused passes; off, paused or blocked by a policy fails; an unreadable
or unknown setting is « à vérifier »."""

from __future__ import annotations

from checkrun import error, exit_code, run
from conftest import fixture_text

from gardien.core.model import Status
from gardien.probes import base

ABSENT = exit_code("", 1, stderr="ERROR: The system was unable to find the specified registry key or value.\n")
# hand-written reg query outputs in reg.exe's layout
AU_POLICY_OFF = "\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU\n    NoAutoUpdate    REG_DWORD    0x1\n"
UX = "\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\WindowsUpdate\\UX\\Settings\n    ActiveHoursStart    REG_DWORD    0x8\n"
UX_PAUSED = UX + "    PauseUpdatesExpiryTime    REG_SZ    2026-12-20T10:00:00Z\n"
UX_PAUSE_OVER = UX + "    PauseUpdatesExpiryTime    REG_SZ    2026-10-01T10:00:00Z\n"
# hand-written `apt-config dump` excerpts and `dpkg-query -W -f='${Status}\n'` answers
APT_ON = 'APT "";\nAPT::Architecture "amd64";\nAPT::Periodic::Update-Package-Lists "1";\nAPT::Periodic::Unattended-Upgrade "1";\n'
APT_OFF = APT_ON.replace('Unattended-Upgrade "1"', 'Unattended-Upgrade "0"')
INSTALLED = "install ok installed\n"
REMOVED = "deinstall ok config-files\n"


def test_windows_pass_automatic_and_not_paused():
    # hand-written (above), also when a past pause is over
    assert run("mises_a_jour_automatiques", "windows", {"reg_au_policy": ABSENT, "reg_wu_ux": UX}).status is Status.PASS
    assert run("mises_a_jour_automatiques", "windows", {"reg_au_policy": ABSENT, "reg_wu_ux": UX_PAUSE_OVER}).status is Status.PASS


def test_windows_fail_paused_or_disabled_by_policy():
    # hand-written (above)
    paused = run("mises_a_jour_automatiques", "windows", {"reg_au_policy": ABSENT, "reg_wu_ux": UX_PAUSED})
    assert paused.status is Status.FAIL and "20/12/2026" in paused.detail
    assert run("mises_a_jour_automatiques", "windows", {"reg_au_policy": AU_POLICY_OFF, "reg_wu_ux": UX}).status is Status.FAIL


def test_windows_cannot_tell_unreadable_registry():
    # no output; then an answer that is not reg.exe's (hand-written)
    assert run("mises_a_jour_automatiques", "windows", {"reg_au_policy": error(base.TIMEOUT), "reg_wu_ux": UX}).status is Status.ERROR
    assert run("mises_a_jour_automatiques", "windows", {"reg_au_policy": ABSENT, "reg_wu_ux": "Zugriff verweigert\n"}).status is Status.MANUAL


def test_macos_pass_recorded_defaults_with_keys_absent():
    # recorded: only AutomaticallyInstallMacOSUpdates is set, the others keep macOS's default (on)
    text = fixture_text("macos/defaults-read-com.apple.SoftwareUpdate.10.15.7-keys-absent.txt")
    assert run("mises_a_jour_automatiques", "macos", {"softwareupdate_prefs": text}).status is Status.PASS


def test_macos_fail_recorded_security_updates_off():
    # recorded: AutomaticCheckEnabled = YES (a string), CriticalUpdateInstall = 0, AutomaticallyInstallMacOSUpdates = 0
    text = fixture_text("macos/defaults-read-com.apple.SoftwareUpdate.10.15.7-string-YES-3-pending.txt")
    finding = run("mises_a_jour_automatiques", "macos", {"softwareupdate_prefs": text})
    assert finding.status is Status.FAIL
    assert finding.evidence["desactives"] == ["installer les mises à jour de sécurité", "installer les mises à jour de macOS"]


def test_macos_cannot_tell_unknown_value_or_unreadable_file():
    # recorded output with one value edited to a word macOS does not write: never read as « on »
    text = fixture_text("macos/defaults-read-com.apple.SoftwareUpdate.10.15.7-string-YES-3-pending.txt").replace(
        "AutomaticCheckEnabled = YES", "AutomaticCheckEnabled = Oui")
    assert run("mises_a_jour_automatiques", "macos", {"softwareupdate_prefs": text}).status is Status.MANUAL
    # hand-written: `defaults` says the domain does not exist (exit 1)
    missing = exit_code("", 1, stderr="Domain /Library/Preferences/com.apple.SoftwareUpdate does not exist\n")
    assert run("mises_a_jour_automatiques", "macos", {"softwareupdate_prefs": missing}).status is Status.ERROR


def test_linux_pass_unattended_upgrades():
    # hand-written (above)
    finding = run("mises_a_jour_automatiques", "linux", {"apt_config": APT_ON, "unattended_upgrades": INSTALLED})
    assert finding.status is Status.PASS


def test_linux_fail_setting_off_or_package_removed():
    # hand-written (above): the setting alone outlives a removed package
    assert run("mises_a_jour_automatiques", "linux", {"apt_config": APT_OFF, "unattended_upgrades": INSTALLED}).status is Status.FAIL
    removed = run("mises_a_jour_automatiques", "linux", {"apt_config": APT_ON, "unattended_upgrades": exit_code(REMOVED, 0)})
    assert removed.status is Status.FAIL


def test_linux_fail_fedora_timer_absent():
    # hand-written systemctl answer (exit 4), on a machine without apt
    unit = exit_code("Unit dnf-automatic-install.timer could not be found.\n", 4)
    finding = run("mises_a_jour_automatiques", "linux", {"apt_config": error(base.NOT_FOUND), "dnf_check_update": "", "dnf_automatic": unit})
    assert finding.status is Status.FAIL


def test_linux_cannot_tell_empty_dump_or_unknown_distribution():
    # hand-written: apt-config printed nothing; neither apt nor dnf exists
    assert run("mises_a_jour_automatiques", "linux", {"apt_config": "", "unattended_upgrades": INSTALLED}).status is Status.MANUAL
    unknown = run("mises_a_jour_automatiques", "linux", {"apt_config": error(base.NOT_FOUND), "dnf_check_update": error(base.NOT_FOUND)})
    assert unknown.status is Status.MANUAL
