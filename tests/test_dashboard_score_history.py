"""Review r24: the dashboard's « Voir les chiffres » showed three identical rows « 02/12/2026 18/100 » for three audits
of one day, and the graph had no label under it; `gardien historique` gives the time. Both now say the time too.
Hand-written audits."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime

from conftest import logged_in_client, visible_text
from test_plan_consistent import _audit

from gardien.core.model import Status
from gardien.store import history


def _three_audits_one_day() -> None:
    made = _audit({"pare_feu": Status.FAIL})
    today = datetime.now().astimezone()
    for hour, minute in ((9, 5), (11, 30), (17, 18)):
        moment = today.replace(hour=hour, minute=minute, second=0, microsecond=0)
        history.save(replace(made, started_at=moment.isoformat(timespec="seconds")))


def test_the_score_table_and_the_graph_say_the_time_of_each_audit():
    _three_audits_one_day()
    page = logged_in_client().get("/", params={"tableau": "1"}).text
    table = visible_text(re.search(r"<tbody>(.*?)</tbody>", page, re.S).group(1))
    for time in ("9h05", "11h30", "17h18"):
        assert f"à {time}" in table, table
    graph = visible_text(re.search(r'<svg class="chart".*?</svg>', page, re.S).group(0))
    assert "à 9h05" in graph and "à 17h18" in graph, graph  # the first and the last audit, under the graph
