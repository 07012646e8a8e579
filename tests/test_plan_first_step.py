"""Walkthrough round 13, finding 4: `gardien audit` (terminal and HTML report) said « Votre premier pas (n° 1) :
Travail quotidien sans droits d'administrateur » while `gardien plan` and the dashboard said « Votre premier pas :
Activer la double authentification sur la messagerie ». One rule (plan/first.py), used by all of them."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from conftest import logged_in_client, visible_text
from rich.console import Console

from gardien.core.model import AuditResult, Finding, Status
from gardien.plan.build import build
from gardien.questionnaire.questions import Answer
from gardien.report import html as html_report
from gardien.report import text as text_report
from gardien.store import answers, history


def _gardien(home: Path, *arguments: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, GARDIEN_HOME=str(home), COLUMNS="200")
    return subprocess.run([sys.executable, "-m", "gardien", *arguments], capture_output=True, text=True, env=env,
                          timeout=300, check=False)


def _audit(statuses: dict[str, Status]) -> AuditResult:
    from gardien.core.registry import discover

    specs = {s.id: s for s in discover()}
    findings = [Finding(id=i, status=st, severity=specs[i].meta.severity, title=specs[i].meta.title,
                        theme=specs[i].meta.theme, detail="", why="", risk="", remediation=(), sources=(),
                        effort_minutes=specs[i].meta.effort["linux"].minutes, who=specs[i].meta.effort["linux"].who)
                for i, st in statuses.items()]
    return AuditResult(os="linux", os_version="test", gardien_version="test",
                       started_at=datetime.now().astimezone().isoformat(timespec="seconds"), mode="live",
                       findings=tuple(findings), score=50, first_steps=("compte_administrateur",), duration_s=0.1)


def test_the_audit_the_report_and_the_plan_name_the_same_first_step(tmp_path):
    """A real audit of this computer as a subprocess on a fresh GARDIEN_HOME, after one answer « non » to a quick
    and important question: the terminal, the HTML report and `gardien plan` name the same first step."""
    home = tmp_path / "home"
    assert _gardien(home, "questionnaire", "repondre", "double_auth_messagerie", "non").returncode == 0
    report = tmp_path / "rapport.html"
    audited = _gardien(home, "audit", "--html", str(report))
    assert audited.returncode == 0, audited.stderr
    planned = _gardien(home, "plan", "--json")
    assert planned.returncode == 0, planned.stderr
    first = json.loads(planned.stdout)[0]["title"]
    said = " ".join(audited.stdout.replace("│", " ").split())
    shown = re.search(r"Votre premier pas(?: \(n° \d+\))? ─+╮ (.+?) ", said)
    assert shown is not None, said
    assert said[shown.start(1):].startswith(first), (first, said[shown.start():shown.start() + 200])
    page = visible_text(report.read_text(encoding="utf-8"))
    assert re.search(r"Votre premier pas(?: \(n° \d+\))? : " + re.escape(first), " ".join(page.split())), first


def test_a_question_s_step_first_in_the_plan_is_the_audit_s_first_step_too():
    """Hand-written case: the daily account is an administrator (15 minutes, alone) and the mail has no second factor
    (10 minutes, alone, as important): the plan puts the quicker first, and so do the audit, its report and the web."""
    answers.save("double_auth_messagerie", Answer.NO)
    result = _audit({"compte_administrateur": Status.FAIL})
    first = build(audit=history.as_past(result)).first
    assert first is not None and first.id == "double_auth_messagerie"

    console = Console(record=True, width=100)
    text_report.render(result, console)
    said = " ".join(console.export_text().replace("│", " ").split())
    assert "Votre premier pas ─" in said and f"╮ {first.title}" in said
    assert "(n° 1) ─" not in said
    assert "gardien plan" in said[said.index("Votre premier pas ─"):]

    page = " ".join(visible_text(html_report.render(result)).split())
    assert f"Votre premier pas : {first.title}" in page
    assert "Travail quotidien sans droits d'administrateur" in page  # still the audit's point n° 1 in its list

    history.save(result)
    client = logged_in_client()
    dashboard = " ".join(html.unescape(visible_text(client.get("/").text)).split())
    assert f"Votre premier pas {first.title}" in dashboard


def test_an_audit_point_first_in_the_plan_keeps_its_number_and_its_detail():
    result = _audit({"compte_administrateur": Status.FAIL})
    console = Console(record=True, width=100)
    text_report.render(result, console)
    said = " ".join(console.export_text().replace("│", " ").split())
    assert "Votre premier pas (n° 1) ─" in said and "╮ Travail quotidien sans droits d'administrateur" in said
