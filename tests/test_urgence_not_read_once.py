"""Round 22: « (texte officiel non lu par Gardien) » followed nearly every emergency instruction. An official text
Gardien did not read is now marked « * » where it is cited, and what the mark means is said once: under the first
instruction that has one (the command line), once on each page (the web step, the printed sheet). Which texts were
not read stays on each of them."""

from __future__ import annotations

import os
import subprocess
import sys

from gardien.core.model import NOT_READ_LEGEND, OFFICIAL_NOT_READ
from gardien.urgence import content

CAVEAT = f"({OFFICIAL_NOT_READ})"


def _not_read_steps():
    return [step for step in content.steps() if any(s.official and not s.verified for s in step.sources)]


def test_the_read_only_instructions_say_it_once_and_mark_each_text(tmp_path):
    """Failed before: the caveat four times in twelve instructions, no legend."""
    assert len(_not_read_steps()) >= 2  # else there is nothing to say once
    run = subprocess.run([sys.executable, "-m", "gardien", "urgence", "--lire"], capture_output=True, text=True,
                         timeout=180, env={**os.environ, "GARDIEN_HOME": str(tmp_path / "donnees")}, stdin=subprocess.DEVNULL)
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert CAVEAT not in out, out
    assert out.count(NOT_READ_LEGEND) == 1, out
    blocks = out.split("CONSIGNE ")[1:]
    for step in _not_read_steps():
        block = next(b for b in blocks if step.title.upper() in b)
        source_line = next(line for line in block.splitlines() if line.strip().startswith(("Source :", "Sources :")))
        assert "*" in source_line, source_line
    first = next(n for n, b in enumerate(blocks) if "*" in b)
    assert NOT_READ_LEGEND in blocks[first], blocks[first]  # under the first mark, not after the twelfth instruction


def test_the_web_step_and_the_printed_sheet_say_it_once():
    from conftest import logged_in_client, visible_text

    from gardien.urgence import documents, state

    client = logged_in_client()
    state.open_(state.Origin.USER, "")  # the first instruction cites the Cybermalveillance sheet, not read
    page = " ".join(visible_text(client.get("/urgence").text).split())
    assert CAVEAT not in page and page.count(NOT_READ_LEGEND) == 1, page
    for source in content.steps()[0].sources:
        name = " ".join(source.name.split())
        assert name + ("* —" if source.not_read else " —") in page, (source.label, page)
    sheet = documents.sheet_sources_line(content.steps()[:documents.PAPER_STEPS], [])
    assert CAVEAT not in sheet and sheet.count(NOT_READ_LEGEND) == 1 and "*" in sheet, sheet
    fiche = " ".join(visible_text(client.get("/urgence/fiche").text).split())
    assert CAVEAT not in fiche and fiche.count(NOT_READ_LEGEND) == 1, fiche
