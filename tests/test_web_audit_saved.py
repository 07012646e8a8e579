"""Walkthrough r12, finding 18: the web « Bilan de l'ordinateur » page, opened after the interface restarted, showed
only « Dernier bilan … score 19/100 … refaites-le ». It now shows that audit: its date, score and each point's
result, and offers to run it again. Hand-written recording (the recorded formats)."""

from __future__ import annotations

import json

from conftest import visible_text as visible
from test_web import SAME, anonymous, client, guard  # noqa: F401 - the fixtures of the web tests

from gardien import texts
from gardien.core.audit import audit_replay
from gardien.store import history


def test_the_last_saved_audit_is_shown_point_by_point_with_a_button_to_run_it_again(client, tmp_path):  # noqa: F811
    (tmp_path / "gardien-enregistrement.json").write_text(json.dumps({"os": "macos"}), encoding="utf-8")
    (tmp_path / "fdesetup.stdout.txt").write_text("FileVault is Off.\n", encoding="utf-8")
    (tmp_path / "socketfilterfw.stdout.txt").write_text("Firewall is enabled. (State = 1)\n", encoding="utf-8")
    saved = audit_replay(tmp_path)
    history.save(saved)
    assert client.app.state.last_audit is None  # nothing run since the interface started: only the saved audit
    page = visible(client.get("/audit").text)
    assert f"Score : {saved.score}/100" in page and "Dernier bilan, le" in page
    for status in ("À corriger", "À vérifier", texts.IN_ORDER):
        assert status in page, status
    fixes = page.split("À corriger")[1].split("À vérifier")[0]
    assert "Disque chiffré" in fixes and "(gravité critique)" in fixes
    assert "Pare-feu" in page.split(texts.IN_ORDER)[-1]  # measured on, listed in order
    assert "refaites-le" in page and "Refaire le bilan" in page and "votre plan" in page
