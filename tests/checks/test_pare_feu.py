"""pare_feu: on passes (all three profiles on Windows), off fails, an unknown state or a missing profile is
« à vérifier »."""

from __future__ import annotations

from checkrun import error, exit_code, run
from conftest import fixture_text

from gardien.core.model import Status
from gardien.probes import base

NEEDS_ROOT = exit_code("", 1, stderr="ERROR: You need to be root to run this script\n")  # hand-written, ufw's message
FIREWALLD_ABSENT = exit_code("Unit firewalld.service could not be found.\n", 4)  # hand-written, systemctl's message


def test_linux_pass_recorded_ufw_active_and_firewalld_running():
    finding = run("pare_feu", "linux", {"ufw_status": fixture_text("linux/ufw-status.active.txt")})
    assert finding.status is Status.PASS
    finding = run("pare_feu", "linux", {"ufw_status": error(base.NOT_FOUND), "ufw_conf": error(base.NOT_FOUND),
                                         "firewalld": fixture_text("linux/systemctl-status-firewalld.enabled-active.txt")})
    assert finding.status is Status.PASS


def test_linux_pass_ufw_conf_without_root():
    # hand-written /etc/ufw/ufw.conf line
    assert run("pare_feu", "linux", {"ufw_status": NEEDS_ROOT, "ufw_conf": "ENABLED=yes\n"}).status is Status.PASS


def test_linux_fail_recorded_ufw_inactive():
    finding = run("pare_feu", "linux", {"ufw_status": fixture_text("linux/ufw-status.inactive.txt"), "firewalld": FIREWALLD_ABSENT})
    assert finding.status is Status.FAIL and finding.evidence["pare_feu_arretes"] == ["ufw"]


def test_linux_fail_no_firewall_at_all():
    # no output: neither ufw nor firewalld exists
    finding = run("pare_feu", "linux", {"ufw_status": error(base.NOT_FOUND), "ufw_conf": error(base.NOT_FOUND), "firewalld": FIREWALLD_ABSENT})
    assert finding.status is Status.FAIL and finding.detail == "Aucun pare-feu actif n'a été trouvé."


def test_linux_cannot_tell_when_one_firewall_is_unknown():
    # hand-written: ufw off, but firewalld's state could not be read (an empty answer)
    finding = run("pare_feu", "linux", {"ufw_status": fixture_text("linux/ufw-status.inactive.txt"), "firewalld": ""})
    assert finding.status is Status.MANUAL
    # ufw's status needs root and its configuration could not be read (no output)
    assert run("pare_feu", "linux", {"ufw_status": NEEDS_ROOT, "ufw_conf": error(base.PERMISSION), "firewalld": FIREWALLD_ABSENT}).status is Status.MANUAL


def test_macos_pass_recorded_states():
    for name in ("socketfilterfw-getglobalstate.state2-block-all.txt", "socketfilterfw-getglobalstate-etc.data.txt"):
        assert run("pare_feu", "macos", {"socketfilterfw": fixture_text(f"macos/{name}")}).status is Status.PASS


def test_macos_fail_firewall_disabled():
    # hand-written: socketfilterfw's sentence when off
    assert run("pare_feu", "macos", {"socketfilterfw": "Firewall is disabled. (State = 0)\n"}).status is Status.FAIL


def test_macos_cannot_tell():
    # no output; then an empty answer (hand-written)
    assert run("pare_feu", "macos", {"socketfilterfw": error(base.NOT_FOUND)}).status is Status.MANUAL
    assert run("pare_feu", "macos", {"socketfilterfw": ""}).status is Status.MANUAL


def test_windows_pass_recorded_french_all_profiles():
    assert run("pare_feu", "windows", {"firewall": fixture_text("windows/netsh-advfirewall-show-allprofiles.fr.txt")}).status is Status.PASS


def test_windows_fail_recorded_english_off():
    assert run("pare_feu", "windows", {"firewall": fixture_text("windows/netsh-advfirewall-show-currentprofile.en.off.txt")}).status is Status.FAIL


def test_windows_cannot_tell_one_profile_or_another_language():
    # recorded: one profile only (on) says nothing of the other two
    assert run("pare_feu", "windows", {"firewall": fixture_text("windows/netsh-advfirewall-show-currentprofile.fr.public.txt")}).status is Status.MANUAL
    # hand-written: German netsh
    german = "Domänenprofil-Einstellungen:\n----------------------------------------------------------------------\nStatus                                EIN\n"
    assert run("pare_feu", "windows", {"firewall": german}).status is Status.MANUAL
