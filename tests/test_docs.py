"""The documentation names every check and every probe, so that it stays true (datasette's test_docs idea)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gardien.core.audit import probes_for
from gardien.core.registry import check_ids

DOCS = Path(__file__).resolve().parents[1] / "docs"


@pytest.mark.parametrize("check_id", check_ids())
def test_every_check_is_documented(check_id):
    assert f"`{check_id}`" in (DOCS / "verifications.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("os_name", ["linux", "macos", "windows"])
def test_every_probe_is_documented(os_name):
    text = (DOCS / "enregistrement.md").read_text(encoding="utf-8")
    missing = [p.name for p in probes_for(os_name) if f"`{p.name}`" not in text]
    assert not missing
