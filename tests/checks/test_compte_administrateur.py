"""compte_administrateur: a standard account passes, an administrator fails, by SID on Windows whatever the
language; a list of groups cut short or unreadable is « à vérifier »."""

from __future__ import annotations

from checkrun import error, run
from conftest import fixture_text

from gardien.core.model import Status
from gardien.probes import base


def test_windows_pass_standard_user_recorded_table():
    finding = run("compte_administrateur", "windows", {"whoami_groups": fixture_text("windows/whoami-groups.en.standard-user-medium-table.txt")})
    assert finding.status is Status.PASS


def test_windows_fail_administrator_recorded_english_and_french():
    for name in ("whoami-groups.en.domain-admin-high-table.txt", "whoami-groups.fr.system-table.txt"):
        assert run("compte_administrateur", "windows", {"whoami_groups": fixture_text(f"windows/{name}")}).status is Status.FAIL


def test_windows_fail_csv_french_names():
    # hand-written whoami /groups /fo csv /nh line (the probe's format), French group name
    line = '"BUILTIN\\Administrateurs","Alias","S-1-5-32-544","Groupe utilisé pour les refus uniquement"\r\n'
    assert run("compte_administrateur", "windows", {"whoami_groups": line}).status is Status.FAIL


def test_windows_cannot_tell_list_cut_short():
    # recorded output cut before its last line (the integrity level): a missing group cannot be ruled out
    text = fixture_text("windows/whoami-groups.en.standard-user-medium-table.txt")
    cut = "\n".join(text.splitlines()[:5])
    assert run("compte_administrateur", "windows", {"whoami_groups": cut}).status is Status.MANUAL
    assert run("compte_administrateur", "windows", {"whoami_groups": ""}).status is Status.MANUAL  # hand-written: empty


def test_macos_pass_standard_account():
    # hand-written id -Gn line
    assert run("compte_administrateur", "macos", {"id_groups": "staff everyone localaccounts _appserverusr\n"}).status is Status.PASS


def test_macos_fail_admin_group():
    # hand-written id -Gn line
    assert run("compte_administrateur", "macos", {"id_groups": "staff everyone admin _lpadmin\n"}).status is Status.FAIL


def test_macos_fail_from_recorded_admin_group_membership():
    # id failed: the admin group's members are read instead (recorded dscl output, user name hand-written)
    finding = run("compte_administrateur", "macos", {
        "id_groups": error(base.FAILED), "id_user": "williamj\n",
        "admin_group": fixture_text("macos/dscl-read-groups-admin-GroupMembership.root-plus-one.txt"),
    })
    assert finding.status is Status.FAIL


def test_macos_cannot_tell():
    # no output: neither id nor dscl answered
    finding = run("compte_administrateur", "macos", {"id_groups": error(base.TIMEOUT), "admin_group": error(base.TIMEOUT), "id_user": "marie\n"})
    assert finding.status is Status.ERROR


def test_linux_pass_standard_account():
    # hand-written id lines
    assert run("compte_administrateur", "linux", {"id_user": "marie\n", "id_groups": "marie cdrom audio plugdev\n"}).status is Status.PASS


def test_linux_fail_sudo_group_and_root():
    # hand-written id lines
    finding = run("compte_administrateur", "linux", {"id_user": "marie\n", "id_groups": "marie adm sudo plugdev\n"})
    assert finding.status is Status.FAIL and finding.evidence["groupes"] == ["sudo"]
    assert run("compte_administrateur", "linux", {"id_user": "root\n", "id_groups": "root\n"}).status is Status.FAIL


def test_linux_cannot_tell_empty_or_foreign():
    # hand-written: id printed nothing; then an error message in another language
    assert run("compte_administrateur", "linux", {"id_user": "marie\n", "id_groups": ""}).status is Status.MANUAL
    assert run("compte_administrateur", "linux", {"id_user": "marie\n", "id_groups": "id : utilisateur inconnu\n"}).status is Status.MANUAL
