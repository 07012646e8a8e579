"""A probe that hangs, fails, lacks rights or meets an unknown language never yields `pass`."""

from __future__ import annotations

import sys
from datetime import datetime

import pytest

from gardien.core.context import Context
from gardien.core.model import Finding, Severity, Status
from gardien.core.registry import discover
from gardien.core.runner import evaluate
from gardien.core.scoring import first_steps, score
from gardien.probes import base
from gardien.probes.base import Probe, RawOutput, collect, run_command

SPECS = discover()


def context(platform: str, make) -> Context:
    return Context(platform, make, datetime(2026, 11, 22, 12, 0).astimezone())


FAILURES = {
    "timeout": lambda name: RawOutput(name, returncode=None, error=base.TIMEOUT, command=name),
    "not_found": lambda name: RawOutput(name, returncode=None, error=base.NOT_FOUND, command=name),
    "permission": lambda name: RawOutput(name, returncode=None, error=base.PERMISSION, command=name),
    "exit_code": lambda name: RawOutput(name, stderr="Access is denied.", returncode=5, command=name),
    "german": lambda name: RawOutput(name, stdout="Status: EIN\nZustand                 Aktiviert\n", command=name),
    "garbage": lambda name: RawOutput(name, stdout="\x00\x01 ??? \ufffd\n" * 3, command=name),
}


@pytest.mark.parametrize("failure", sorted(FAILURES))
@pytest.mark.parametrize("platform", ["linux", "macos", "windows"])
def test_no_check_passes_on_failed_probes(platform, failure):
    ctx = context(platform, FAILURES[failure])
    for spec in SPECS:
        finding = evaluate(spec, ctx)
        assert finding.status is not Status.PASS, f"{spec.id} says pass on {failure}: {finding.detail}"
        assert finding.detail


def test_timeout_gives_error_and_missing_command_gives_manual():
    spec = next(s for s in SPECS if s.id == "pare_feu")
    assert evaluate(spec, context("macos", FAILURES["timeout"])).status is Status.ERROR
    assert evaluate(spec, context("macos", FAILURES["not_found"])).status is Status.MANUAL


def test_a_crashing_check_is_an_error_not_a_pass():
    spec = next(s for s in SPECS if s.id == "pare_feu")

    def boom(name):
        raise RuntimeError("bug")

    finding = evaluate(spec, context("windows", boom))
    assert finding.status is Status.ERROR


def test_a_hung_command_is_cut_by_its_timeout():
    out = run_command("sleep", [sys.executable, "-c", "import time; time.sleep(30)"], timeout=0.5)
    assert out.error == base.TIMEOUT and out.returncode is None


def test_collect_runs_probes_concurrently_and_reports_missing_programs():
    probes = [
        Probe("slow1", (sys.executable, "-c", "import time; time.sleep(0.6)")),
        Probe("slow2", (sys.executable, "-c", "import time; time.sleep(0.6)")),
        Probe("missing", ("gardien-commande-qui-n-existe-pas",)),
        Probe("reader", read=lambda: "bonjour"),
        Probe("broken_reader", read=lambda: 1 / 0),
    ]
    outputs = collect(probes)
    assert outputs["missing"].error == base.NOT_FOUND
    assert outputs["reader"].stdout == "bonjour"
    assert outputs["broken_reader"].error == base.FAILED
    # run one after the other they would take 1.2 s
    assert max(outputs["slow1"].duration_s, outputs["slow2"].duration_s) < 1.15


def _finding(fid: str, status: Status, severity: Severity, effort: int = 5) -> Finding:
    return Finding(fid, status, severity, "acces", fid, "", "", "", (), (), effort)


def test_score_counts_unknown_as_not_earned_and_ignores_not_applicable():
    findings = [
        _finding("a", Status.PASS, Severity.CRITICAL),
        _finding("b", Status.MANUAL, Severity.CRITICAL),
        _finding("c", Status.NOT_APPLICABLE, Severity.HIGH),
    ]
    assert score(findings) == 50
    assert score([]) == 0


def test_first_steps_order_serious_failures_first_then_least_effort():
    findings = [
        _finding("faible", Status.FAIL, Severity.LOW, 1),
        _finding("long", Status.FAIL, Severity.CRITICAL, 30),
        _finding("court", Status.FAIL, Severity.CRITICAL, 5),
        _finding("inconnu", Status.MANUAL, Severity.HIGH, 2),
        _finding("ok", Status.PASS, Severity.CRITICAL),
    ]
    assert first_steps(findings) == ("court", "long", "inconnu")
