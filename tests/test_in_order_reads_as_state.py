"""Review r24: the audit's « En ordre » list showed « Logiciels de prise en main à distance (AnyDesk, TeamViewer…) »,
which reads as "you have one, and that is fine". Every point in order is now listed as the state measured, the same
line the register gives (test_registre_truthful.READ_AS_IN_PLACE, reviewed one by one): on the web page of an audit
just made, on the page of the saved audit, and in the terminal. Hand-written audit (every check passed)."""

from __future__ import annotations

import io
import re

from conftest import visible_text as visible
from rich.console import Console
from test_plan_consistent import _audit
from test_registre_truthful import READ_AS_IN_PLACE
from test_web import anonymous, client, guard  # noqa: F401 - the fixtures of the web tests

from gardien.core.model import Status
from gardien.core.registry import discover
from gardien.report import text as text_report
from gardien.store import history


def _all_passed():
    return _audit(dict.fromkeys((spec.id for spec in discover()), Status.PASS))


def _in_order(page: str) -> list[str]:
    listed = re.search(r'<ul class="passed">(.*?)</ul>', page, re.S).group(1)
    return [" ".join(visible(item).split()) for item in re.findall(r"<li>(.*?)</li>", listed, re.S)]


def test_the_web_pages_list_each_point_in_order_as_its_state(client):  # noqa: F811
    result = _all_passed()
    history.save(result)
    saved = _in_order(client.get("/audit").text)
    client.app.state.last_audit = result
    fresh = _in_order(client.get("/audit").text)
    for line in READ_AS_IN_PLACE.values():
        assert line in saved, line
        assert any(item.startswith(f"{line} :") for item in fresh), line
    assert not any(item.startswith("Logiciels de prise en main") for item in saved + fresh)


def test_the_terminal_lists_each_point_in_order_as_its_state():
    out = io.StringIO()
    text_report.render(_all_passed(), Console(file=out, width=400, color_system=None), full=True)
    for line in READ_AS_IN_PLACE.values():
        assert f"✔ {line} :" in out.getvalue(), line
