"""Review, round 22, in real Chromium: the saved audit's points lead to their step of the plan, and a point marked
done since says so. Hand-written recording (the recorded formats)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from test_web_browser import CHROMIUM, browser, gardien, page, shot  # noqa: F401 (fixtures)

from gardien.core.audit import audit_replay
from gardien.plan import actions
from gardien.store import history

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium absent (apt-get install chromium) : tests dans le navigateur sautés")


def test_a_point_of_the_saved_audit_opens_its_step_of_the_plan(page, tmp_path):  # noqa: F811
    (tmp_path / "gardien-enregistrement.json").write_text(json.dumps({"os": "macos"}), encoding="utf-8")
    (tmp_path / "fdesetup.stdout.txt").write_text("FileVault is Off.\n", encoding="utf-8")
    (tmp_path / "socketfilterfw.stdout.txt").write_text("Firewall is disabled. (State = 0)\n", encoding="utf-8")
    made = audit_replay(tmp_path)
    history.save(replace(made, started_at=(datetime.fromisoformat(made.started_at) - timedelta(hours=1)).isoformat()))
    actions.mark_done("pare_feu")
    base = "/".join(page.url.split("/")[:4])  # up to the secret root
    page.goto(base + "/audit")
    assert page.get_by_text("marqué fait dans votre plan : le prochain bilan le vérifiera").is_visible()
    shot(page, "22-bilan-enregistre")
    page.get_by_role("link", name="Disque chiffré et protection active").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/plan#etape-chiffrement_disque")
    assert page.locator("#etape-chiffrement_disque").is_visible()
