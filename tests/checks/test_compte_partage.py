"""compte_partage: personal names pass, a generic name (cabinet, secrétariat…) fails; no account seen is
« à vérifier », not « aucun compte générique »."""

from __future__ import annotations

from checkrun import run
from conftest import fixture_text

from gardien.core.model import Status

SID = "S-1-5-21-1111111111-2222222222-3333333333"


def test_windows_pass_personal_accounts():
    finding = run("compte_partage", "windows", {"local_users": fixture_text("windows/get-localuser.en.guest-enabled.txt")})
    assert finding.status is Status.PASS  # emma, mark


def test_windows_fail_generic_account():
    # hand-written in the probe's format
    users = f"{SID}-500\tFalse\tAdministrateur\n{SID}-1001\tTrue\tSecrétariat\n{SID}-1002\tTrue\tmarie\n# gardien: fin\n"
    finding = run("compte_partage", "windows", {"local_users": users})
    assert finding.status is Status.FAIL and finding.evidence["comptes"] == ["Secrétariat"]


def test_windows_cannot_tell_no_personal_account_seen():
    # recorded table of a server with built-in accounts only; then an empty answer (hand-written)
    table = fixture_text("windows/get-localuser.en.server2022-guest-disabled.txt")
    assert run("compte_partage", "windows", {"local_users": table}).status is Status.MANUAL
    assert run("compte_partage", "windows", {"local_users": ""}).status is Status.MANUAL


def test_macos_pass_personal_account():
    # hand-written dscl . -list /Users UniqueID
    users = "_www 70\nroot 0\nmarie 501\n"
    assert run("compte_partage", "macos", {"users": users, "id_user": "marie\n"}).status is Status.PASS


def test_macos_fail_cabinet_account():
    # hand-written dscl listing
    users = "root 0\ncabinet 501\nmarie 502\n"
    assert run("compte_partage", "macos", {"users": users, "id_user": "cabinet\n"}).status is Status.FAIL


def test_macos_cannot_tell_unreadable_list():
    # hand-written: dscl printed something else
    assert run("compte_partage", "macos", {"users": "Erreur de lecture\n", "id_user": "marie\n"}).status is Status.MANUAL


def test_linux_pass_personal_account():
    # hand-written /etc/passwd
    passwd = "root:x:0:0:root:/root:/bin/bash\nmarie:x:1000:1000:Marie:/home/marie:/bin/bash\n"
    assert run("compte_partage", "linux", {"passwd_file": passwd, "id_user": "marie\n"}).status is Status.PASS


def test_linux_fail_remplacante_account():
    # hand-written /etc/passwd
    passwd = "root:x:0:0:root:/root:/bin/bash\nremplacante:x:1001:1001::/home/remplacante:/bin/bash\nmarie:x:1000:1000::/home/marie:/bin/bash\n"
    assert run("compte_partage", "linux", {"passwd_file": passwd, "id_user": "marie\n"}).status is Status.FAIL


def test_linux_cannot_tell_empty_passwd():
    # hand-written: empty file
    assert run("compte_partage", "linux", {"passwd_file": "", "id_user": "marie\n"}).status is Status.MANUAL
