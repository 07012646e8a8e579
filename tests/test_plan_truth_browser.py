"""The breach deadline at the top of the dashboard and the plan, in real Chromium: seen, reachable, accessible."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from test_web_browser import AXE, CHROMIUM, browser, gardien, page, shot  # noqa: F401 (fixtures)

from gardien.registre import breaches

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium absent (apt-get install chromium) : tests dans le navigateur sautés")


def test_the_breach_deadline_comes_first_and_leads_to_the_decision(page):  # noqa: F811
    found = (datetime.now() - timedelta(hours=3)).strftime("%d/%m/%Y %H:%M")
    entry = breaches.record(breaches.manual(found, "Clé USB perdue avec des comptes rendus."))  # hand-written
    deadline = breaches.deadline_text(entry.deadline)
    base = "/".join(page.url.split("/")[:4])  # up to the secret root
    source = AXE.read_text(encoding="utf-8") if AXE.is_file() else None
    for path in ("/", "/plan"):
        page.goto(base + path)
        heading = page.get_by_role("heading", name=f"Violation de données — la CNIL doit être prévenue si possible avant le {deadline}")
        assert heading.is_visible()
        first_heading = page.locator("main h2").first.inner_text()
        assert first_heading.startswith("Violation de données"), path  # before the first step
        if source is not None:
            page.evaluate(source)
            result = page.evaluate("axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']})")
            serious = [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")]
            assert serious == [], (path, serious)
        shot(page, f"20-violation-a-decider{path.replace('/', '-')}")
    page.get_by_role("link", name="Noter ma décision").click()
    page.wait_for_load_state("load")
    assert "Suivi d'une violation" in page.title()
