"""Review r24: the backup set-up page proposed « Dans un fichier » with a file in Gardien's folder, under the words
« de préférence sur un disque chiffré », while the last audit had measured this computer's disk as not encrypted.
The page now says, beside that choice, what the audit measured of the disk (or that it has not). Hand-written audits."""

from __future__ import annotations

import re

import pytest
from conftest import logged_in_client, visible_text
from test_plan_consistent import _audit

from gardien.core.model import Status
from gardien.store import history


def _note() -> str:
    page = logged_in_client().get("/sauvegardes/configurer").text
    found = re.search(r'<p class="hint nested" id="fichier-aide">(.*?)</p>', page, re.S)
    assert found is not None and 'aria-describedby="fichier-aide"' in page
    return " ".join(visible_text(found.group(1)).split())


def test_no_audit_says_the_disk_was_not_checked():
    said = _note()
    assert "Gardien n'a pas encore pu vérifier si le disque de cet ordinateur est chiffré" in said, said
    assert "disque chiffré, ou de taper le mot de passe à chaque sauvegarde" in said, said


@pytest.mark.parametrize(("status", "expected"), [
    (Status.FAIL, "le disque de cet ordinateur n'est pas chiffré : le fichier proposé"),
    (Status.PASS, "le disque de cet ordinateur est chiffré."),
])
def test_the_audit_s_measure_of_the_disk_is_said(status, expected):
    history.save(_audit({"chiffrement_disque": status}))
    said = _note()
    assert said.startswith("D'après le bilan du ") and expected in said, said
