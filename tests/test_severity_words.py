"""Review r24: `gardien plan` said « [important, …] » where `gardien audit` said « (importante) »: one wording now,
« gravité importante », in the terminal's plan and audit and on the plan's pages. Hand-written audit."""

from __future__ import annotations

import io

from rich.console import Console
from test_plan_consistent import _audit
from typer.testing import CliRunner

from gardien.cli import app
from gardien.core.model import Severity, Status
from gardien.report import text as text_report
from gardien.store import history


def test_the_plan_and_the_audit_say_the_same_severity():
    result = _audit({"pare_feu": Status.FAIL}, {"pare_feu": Severity.HIGH})
    history.save(result)
    plan = " ".join(CliRunner().invoke(app, ["plan"]).output.split())
    out = io.StringIO()
    text_report.render(result, Console(file=out, width=300, color_system=None))
    audit = " ".join(out.getvalue().split())
    assert "Pare-feu activé (gravité importante)" in audit, audit
    assert "[gravité importante, " in plan and "[important," not in plan, plan
