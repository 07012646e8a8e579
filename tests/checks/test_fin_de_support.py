"""fin_de_support (references.md MAJ-04): a system past its vendor's end of security updates fails (Windows 10
since 14/10/2025, macOS 13 and older, Ubuntu 20.04…), a supported one passes, and an unknown version, an
estimated date gone by or a list more than a year old is « à vérifier »."""

from __future__ import annotations

from datetime import UTC, datetime

from checkrun import error, run
from conftest import fixture_text

from gardien.core.model import Status
from gardien.probes import base


def windows_version(build: int, display: str, edition: str) -> str:
    """hand-written: `reg query "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion"` excerpt (Windows 11
    still says « Windows 10 » in ProductName, which is why the build is read)."""
    return ("\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\n"
            f"    ProductName    REG_SZ    Windows 10 Pro\n    EditionID    REG_SZ    {edition}\n"
            f"    DisplayVersion    REG_SZ    {display}\n    CurrentBuild    REG_SZ    {build}\n"
            f"    CurrentBuildNumber    REG_SZ    {build}\n")


def os_release(pretty: str, os_id: str, version: str, extra: str = "") -> str:
    """hand-written /etc/os-release in its documented layout."""
    return f'PRETTY_NAME="{pretty}"\nNAME="{pretty.split()[0]}"\nID={os_id}\nVERSION_ID="{version}"\n{extra}'


def test_windows_pass_windows_11_25h2():
    # hand-written (above)
    finding = run("fin_de_support", "windows", {"windows_version": windows_version(26200, "25H2", "Professional")})
    assert finding.status is Status.PASS and "12/10/2027" in finding.detail


def test_windows_pass_enterprise_keeps_a_longer_date():
    # hand-written (above): 24H2 ended for Home and Pro on 13/10/2026, not for Enterprise
    finding = run("fin_de_support", "windows", {"windows_version": windows_version(26100, "24H2", "Enterprise")})
    assert finding.status is Status.PASS


def test_windows_fail_windows_10():
    # hand-written (above)
    finding = run("fin_de_support", "windows", {"windows_version": windows_version(19045, "22H2", "Core")})
    assert finding.status is Status.FAIL and "14/10/2025" in finding.detail
    assert finding.who.value == "aide" and str(finding.remediation[0]).startswith("Faites-vous aider")


def test_windows_fail_windows_11_24h2_home():
    # hand-written (above)
    finding = run("fin_de_support", "windows", {"windows_version": windows_version(26100, "24H2", "Core")})
    assert finding.status is Status.FAIL and "13/10/2026" in finding.detail


def test_windows_cannot_tell():
    # hand-written (above): an unknown build (a preview), Windows 10 before the end of its paid extension
    assert run("fin_de_support", "windows", {"windows_version": windows_version(27800, "", "Professional")}).status is Status.MANUAL
    before_esu_end = datetime(2026, 6, 1, tzinfo=UTC)
    esu = run("fin_de_support", "windows", {"windows_version": windows_version(19045, "22H2", "Professional")}, now=before_esu_end)
    assert esu.status is Status.MANUAL and "ESU" in esu.detail
    assert run("fin_de_support", "windows", {"windows_version": error(base.TIMEOUT)}).status is Status.ERROR  # no output


def test_macos_pass_recorded_sequoia():
    finding = run("fin_de_support", "macos", {"sw_vers": error(base.FAILED),
                                               "sp_software": fixture_text("macos/system_profiler-SPSoftwareDataType.15.3-vm.txt")})
    assert finding.status is Status.PASS and "macOS 15 Sequoia" in finding.detail


def test_macos_fail_recorded_old_versions():
    for probe, name in (("sw_vers", "sw_vers.10.13-mac-os-x.txt"), ("sw_vers", "sw_vers.13.3.1-rsr-extra.txt"),
                        ("sp_software", "system_profiler-SPSoftwareDataType.10.10.5.txt")):
        outputs = {"sw_vers": error(base.FAILED), probe: fixture_text(f"macos/{name}")}
        assert run("fin_de_support", "macos", outputs).status is Status.FAIL, name


def test_macos_cannot_tell_estimated_end_passed_or_list_too_old():
    # recorded sw_vers with its version edited to Sonoma: Apple publishes no date, the estimate has passed
    sonoma = fixture_text("macos/sw_vers.13.3.1-rsr-extra.txt").replace("13.3.1", "14.8.2")
    assert run("fin_de_support", "macos", {"sw_vers": sonoma}).status is Status.MANUAL
    sequoia = fixture_text("macos/system_profiler-SPSoftwareDataType.15.3-vm.txt")
    later = datetime(2028, 1, 10, tzinfo=UTC)
    assert run("fin_de_support", "macos", {"sp_software": sequoia, "sw_vers": error(base.FAILED)}, now=later).status is Status.MANUAL
    assert run("fin_de_support", "macos", {"sw_vers": "", "sp_software": ""}).status is Status.MANUAL  # hand-written: empty


def test_linux_pass_ubuntu_24_04_and_mint_on_jammy():
    # hand-written (above)
    assert run("fin_de_support", "linux", {"os_release": os_release("Ubuntu 24.04.3 LTS", "ubuntu", "24.04")}).status is Status.PASS
    mint = os_release("Linux Mint 21.3", "linuxmint", "21.3", "UBUNTU_CODENAME=jammy\n")
    finding = run("fin_de_support", "linux", {"os_release": mint})
    assert finding.status is Status.PASS and "Ubuntu 22.04" in finding.detail


def test_linux_fail_ubuntu_20_04_and_debian_11():
    # hand-written (above)
    assert run("fin_de_support", "linux", {"os_release": os_release("Ubuntu 20.04.6 LTS", "ubuntu", "20.04")}).status is Status.FAIL
    assert run("fin_de_support", "linux", {"os_release": os_release("Debian GNU/Linux 11 (bullseye)", "debian", "11")}).status is Status.FAIL


def test_linux_cannot_tell_unknown_distribution_or_estimated_date_passed():
    # hand-written (above)
    assert run("fin_de_support", "linux", {"os_release": os_release("Arch Linux", "arch", "")}).status is Status.MANUAL
    assert run("fin_de_support", "linux", {"os_release": os_release("Fedora Linux 42", "fedora", "42")}).status is Status.MANUAL
    assert run("fin_de_support", "linux", {"os_release": "bonjour\n"}).status is Status.MANUAL
