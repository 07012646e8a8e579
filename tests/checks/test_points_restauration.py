"""points_restauration (System Restore): on passes (and says counting the points needs admin rights); off, or off by a
policy, fails; an unreadable or absent key is « à vérifier ». All `reg query` outputs are hand-written in reg.exe's
format (no recorded output of these keys exists in ../shared/fixtures)."""

from __future__ import annotations

from windows_checkrun import run_windows

from gardien.core.model import Status
from gardien.probes.base import RawOutput

KEY = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\SystemRestore"
POLICY = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\SystemRestore"


def restore_key(session: str) -> str:  # hand-written
    return (f"\r\n{KEY}\r\n    RPSessionInterval    REG_DWORD    {session}\r\n    RPLifeInterval    REG_DWORD    0x76a700\r\n"
            "    SystemRestorePointCreationFrequency    REG_DWORD    0x5a0\r\n\r\n")


def run(outputs: dict[str, str | RawOutput]):
    return run_windows("points_restauration", outputs)


ABSENT_POLICY = RawOutput("", stdout="", stderr="ERROR: The system was unable to find the specified registry key or value.\r\n",
                          returncode=1, command="reg")  # hand-written: reg.exe on a key that does not exist


def test_windows_pass_restore_on():
    # hand-written outputs (restore_key, ABSENT_POLICY)
    finding = run({"reg_system_restore": restore_key("0x1"), "reg_system_restore_policy": ABSENT_POLICY})
    assert finding.status is Status.PASS and "administrateur" in finding.detail


def test_windows_fail_restore_off():
    # hand-written outputs (restore_key, ABSENT_POLICY)
    finding = run({"reg_system_restore": restore_key("0x0"), "reg_system_restore_policy": ABSENT_POLICY})
    assert finding.status is Status.FAIL


def test_windows_fail_turned_off_by_policy():
    policy = f"\r\n{POLICY}\r\n    DisableSR    REG_DWORD    0x1\r\n\r\n"  # hand-written
    finding = run({"reg_system_restore": restore_key("0x1"), "reg_system_restore_policy": policy})
    assert finding.status is Status.FAIL and "stratégie" in finding.detail


def test_windows_cannot_tell_value_missing_or_key_unreadable():
    without = f"\r\n{KEY}\r\n    RPLifeInterval    REG_DWORD    0x76a700\r\n\r\n"  # hand-written
    assert run({"reg_system_restore": without}).status is Status.MANUAL
    denied = RawOutput("", stderr="ERROR: Access is denied.\r\n", returncode=1, command="reg")  # hand-written
    assert run({"reg_system_restore": denied}).status in (Status.MANUAL, Status.ERROR)
    assert run({}).status is Status.MANUAL
