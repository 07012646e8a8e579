"""Walkthrough round 14, finding 3: `gardien urgence --lire` said « ce signalement n'est pas obligatoire d'après les
textes que Gardien a lus » on the strength of INC-05, which data/sources.toml marks `verifie = false`. What Gardien
says it read now follows each source's status."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from gardien.core.registry import MetadataError
from gardien.urgence import content

pytestmark = pytest.mark.slow


def test_the_terminal_does_not_claim_to_have_read_a_text_marked_unread(tmp_path):
    env = {**os.environ, "GARDIEN_HOME": str(tmp_path / "home"), "COLUMNS": "200"}
    env.pop("DISPLAY", None)
    read = subprocess.run([sys.executable, "-m", "gardien", "urgence", "--lire"], capture_output=True, text=True,
                          env=env, timeout=180, check=False)
    assert read.returncode == 0, read.stderr
    text = " ".join(read.stdout.split())
    assert "Gardien a lus" not in text
    assert ("ce signalement n'est pas obligatoire d'après ce que Gardien en sait (il n'a pas pu relire lui-même le "
            "texte officiel)") in text


def test_every_step_says_read_only_when_each_of_its_sources_was_read():
    assert not next(s for s in content.sources().values() if s.label.startswith("Code de la santé publique, articles "
                                                                                   "L1111-8-2")).verified
    for step in content.steps():
        for text in (step.text, step.paper_text):
            if content.ACCORDING_TO[True] in text:
                assert all(s.verified for s in step.sources), step.id
    said = {step.id: step.text for step in content.steps()}
    assert content.ACCORDING_TO[False] in said["cert_sante"]


def test_a_data_file_that_writes_the_claim_itself_is_refused():
    with pytest.raises(MetadataError):
        content._according_to("pas obligatoire d'après les textes que Gardien a lus", (), "essai")
