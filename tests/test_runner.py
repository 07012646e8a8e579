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
    "empty": lambda name: RawOutput(name, stdout="", command=name),
    "empty_with_error_code": lambda name: RawOutput(name, stdout="", returncode=1, command=name),
    "french": lambda name: RawOutput(name, stdout="État : activé\nAucune mise à jour.\n", command=name),
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


def test_the_first_step_is_a_protective_one_finished_alone_in_about_15_minutes():
    from dataclasses import replace

    from gardien.core.model import Autonomy

    reinstall = replace(_finding("chiffrement", Status.FAIL, Severity.CRITICAL, 240), who=Autonomy.WITH_HELP)
    findings = [reinstall, _finding("verrou", Status.FAIL, Severity.HIGH, 3), _finding("pare_feu", Status.FAIL, Severity.HIGH, 5),
                _finding("loisirs", Status.FAIL, Severity.LOW, 1)]
    assert first_steps(findings) == ("verrou", "chiffrement", "pare_feu")
    # a long step alone is not « about 15 minutes », a minor one is not « the most protective »
    slow = [reinstall, _finding("comptes", Status.FAIL, Severity.MEDIUM, 30), _finding("loisirs", Status.FAIL, Severity.LOW, 1)]
    assert first_steps(slow)[0] == "chiffrement"


def test_first_steps_order_serious_failures_first_then_least_effort():
    findings = [
        _finding("faible", Status.FAIL, Severity.LOW, 1),
        _finding("long", Status.FAIL, Severity.CRITICAL, 30),
        _finding("court", Status.FAIL, Severity.CRITICAL, 5),
        _finding("inconnu", Status.MANUAL, Severity.HIGH, 2),
        _finding("ok", Status.PASS, Severity.CRITICAL),
    ]
    assert first_steps(findings) == ("court", "long", "inconnu")


# --- Real commands that answer badly (issue 15.3) ------------------------------------------------
# Each system's probes are run for real, with every command they call replaced on PATH by a fake one
# that prints nothing, fails, hangs or answers in another language. Files Gardien reads itself are left
# out (absent), so that every verdict rests on those commands alone: none may be « OK ».

FAKE_COMMANDS = {
    "empty": "#!/bin/sh\nexit 0\n",
    "failing": "#!/bin/sh\necho 'error: service unavailable' >&2\nexit 1\n",
    "hanging": "#!/bin/sh\nexec /bin/sleep 30\n",
    "foreign": "#!/bin/sh\necho 'Status: aktiv'\necho 'Zustand                 Aktiviert'\necho 'Keine Aktualisierungen.'\nexit 0\n",
}


def _command_probes(platform: str) -> list[Probe]:
    from dataclasses import replace

    from gardien.core.audit import probes_for

    return [replace(p, timeout=1.0) for p in probes_for(platform) if p.argv is not None]


def _fake_path(tmp_path, probes: list[Probe], mode: str):
    folder = tmp_path / f"fake-{mode}"
    folder.mkdir(exist_ok=True)
    for probe in probes:
        argv = probe.argv() if callable(probe.argv) else probe.argv
        program = folder / argv[0]
        if "/" not in argv[0] and not program.exists():
            program.write_text(FAKE_COMMANDS[mode], encoding="utf-8")
            program.chmod(0o755)
    return folder


@pytest.mark.skipif(sys.platform == "win32", reason="fake commands are shell scripts")
@pytest.mark.parametrize("mode", sorted(FAKE_COMMANDS))
@pytest.mark.parametrize("platform", ["linux", "macos", "windows"])
def test_commands_that_print_nothing_fail_hang_or_speak_another_language_never_pass(tmp_path, monkeypatch, platform, mode):
    from gardien.core.runner import INTERNAL_ERROR, run_checks

    probes = _command_probes(platform)
    monkeypatch.setenv("PATH", str(_fake_path(tmp_path, probes, mode)))
    outputs = collect(probes)
    if mode == "hanging":
        assert all(out.error in (base.TIMEOUT, base.NOT_FOUND) for out in outputs.values())

    def output(name: str) -> RawOutput:
        return outputs.get(name) or RawOutput(name, returncode=None, error=base.ABSENT)

    result = run_checks(platform, "essai", output, datetime(2026, 11, 29, 10, 0).astimezone(), "replay", 0.0)
    for finding in result.findings:
        assert finding.status is not Status.PASS, f"{finding.id} says OK with {mode} commands: {finding.detail}"
        assert finding.detail and finding.detail != INTERNAL_ERROR, f"{finding.id}: {finding.detail}"
    if platform == "linux":
        # the two cases the issue reported
        assert "à jour" not in result.finding("mises_a_jour_systeme").detail
        assert "lecteur d'empreintes est présent" not in result.finding("biometrie").detail
