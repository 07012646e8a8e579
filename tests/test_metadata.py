"""Every check's metadata file is valid and complete; discovery needs no registry edit."""

from __future__ import annotations

import ast
import tomllib
from importlib import resources

import pytest

from gardien.core import registry
from gardien.core.model import Severity

IDS = registry.check_ids()


def test_checks_are_discovered():
    specs = registry.discover()
    assert [s.id for s in specs] and len({s.id for s in specs}) == len(specs) == len(IDS)


@pytest.mark.parametrize("check_id", IDS)
def test_metadata_is_valid(check_id):
    text = resources.files(f"gardien.checks.{check_id}").joinpath("check.fr.toml").read_text(encoding="utf-8")
    meta = registry.load_meta(check_id, text)
    assert meta.id == check_id
    assert meta.severity in Severity
    assert meta.platforms, "at least one platform"
    for platform in meta.platforms:
        assert meta.remediation[platform], f"{check_id}: no remediation for {platform}"


def test_invalid_metadata_is_refused():
    good = resources.files("gardien.checks.pare_feu").joinpath("check.fr.toml").read_text(encoding="utf-8")
    raw = tomllib.loads(good)
    with pytest.raises(registry.MetadataError):
        registry.load_meta("x", good.replace('gravite = "high"', 'gravite = "enorme"'))
    with pytest.raises(registry.MetadataError):
        registry.load_meta("x", good.replace('sources = ["POSTE-03"]', 'sources = ["INVENTE-99"]'))
    with pytest.raises(registry.MetadataError):
        registry.load_meta("x", good.replace(raw["titre"], "T" * 200))


def test_every_source_is_used_and_well_formed():
    used = {s.id for spec in registry.discover() for s in spec.meta.sources}
    catalogue = registry.sources()
    assert used <= set(catalogue)
    for source in catalogue.values():
        assert source.label and (not source.url or source.url.startswith("https://"))


def test_check_code_holds_only_short_details():
    # long explanations belong in check.fr.toml; check.py only says what was seen on this machine
    for check_id in IDS:
        code = resources.files(f"gardien.checks.{check_id}").joinpath("check.py").read_text(encoding="utf-8")
        tree = ast.parse(code)
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.FunctionDef)) and ast.get_docstring(node)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                assert len(node.value) <= 200, f"{check_id}: texte trop long dans check.py : {node.value[:60]}"
