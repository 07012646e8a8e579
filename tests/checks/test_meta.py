"""Every check is seen passing, failing and unable to tell, on every system it supports (issue 15.5).

Convention (helpers/TEAM.md): `tests/checks/test_<check_id>.py` defines, for each platform the check
declares, functions whose names start with `test_<platform>_pass`, `test_<platform>_fail` and
`test_<platform>_cannot_tell`. Each says where its outputs come from: a recorded output read with
`fixture_text(...)`, or a comment `# hand-written`, or `no output` (a probe that did not run). A case a
check cannot have by design is listed below with its reason.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from gardien.core.registry import discover

HERE = Path(__file__).parent
KINDS = ("pass", "fail", "cannot_tell")
SPECS = {spec.id: spec for spec in discover()}

# (check, platform, kind): why that verdict cannot happen
EXCEPTIONS = {
    **{("acces_distant", p, "fail"): "remote-access software may be the provider's: found is « à vérifier », never a failure"
       for p in ("linux", "macos", "windows")},
    **{("gestionnaire_mots_de_passe", p, "fail"): "managers that live in the browser are invisible: none found is « à vérifier »"
       for p in ("linux", "macos", "windows")},
    ("biometrie", "windows", "pass"): "whether Windows Hello is set up cannot be read without admin rights: a reader is « à vérifier »",
    ("biometrie", "windows", "fail"): "same: a reader without Windows Hello cannot be told from one with it",
    ("mot_de_passe_session", "windows", "pass"): "without admin rights Gardien cannot see that the account has a password",
}
SOURCE_MARKS = ("fixture_text(", "hand-written", "no output")


def _functions(check_id: str) -> dict[str, str]:
    """Test function name -> its source, in tests/checks/test_<check_id>.py."""
    path = HERE / f"test_{check_id}.py"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    return {node.name: "\n".join(lines[node.lineno - 1:node.end_lineno]) for node in ast.parse(text).body
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")}


def _cases() -> list[tuple[str, str, str]]:
    return [(check_id, platform, kind) for check_id, spec in sorted(SPECS.items())
            for platform in spec.meta.platforms for kind in KINDS]


@pytest.mark.parametrize("check_id, platform, kind", _cases())
def test_every_check_has_its_case_on_every_platform(check_id, platform, kind):
    assert (HERE / f"test_{check_id}.py").is_file(), f"tests/checks/test_{check_id}.py is missing"
    names = [name for name in _functions(check_id) if name.startswith(f"test_{platform}_{kind}")]
    if (check_id, platform, kind) in EXCEPTIONS:
        assert not names, f"{check_id} has a {platform} {kind} case now: remove its exception ({names})"
        return
    assert names, f"tests/checks/test_{check_id}.py has no test_{platform}_{kind}… function"


def test_exceptions_name_real_checks_and_platforms():
    for check_id, platform, kind in EXCEPTIONS:
        assert check_id in SPECS and platform in SPECS[check_id].meta.platforms and kind in KINDS
        assert EXCEPTIONS[(check_id, platform, kind)].strip()


def test_every_test_file_names_a_check_and_every_case_says_where_its_outputs_come_from():
    for path in sorted(HERE.glob("test_*.py")):
        if path.name == "test_meta.py":
            continue
        check_id = path.stem.removeprefix("test_")
        assert check_id in SPECS, f"{path.name} names no check"
        for name, source in _functions(check_id).items():
            assert any(mark in source for mark in SOURCE_MARKS), f"{path.name}::{name}: say where its outputs come from"
