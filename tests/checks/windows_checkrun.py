"""Run one Windows check on given probe outputs (a text: the command printed it and exited with 0; a RawOutput for a
failure; a probe not given is absent, as in a recording that lacks it)."""

from __future__ import annotations

from datetime import UTC, datetime

from gardien.core.context import Context
from gardien.core.registry import discover
from gardien.core.runner import evaluate
from gardien.probes import base
from gardien.probes.base import RawOutput


def run_windows(check_id: str, outputs: dict[str, str | RawOutput]):
    spec = next(s for s in discover() if s.id == check_id)

    def lookup(name: str) -> RawOutput:
        value = outputs.get(name)
        if value is None:
            return RawOutput(name, returncode=None, error=base.ABSENT)
        return value if isinstance(value, RawOutput) else RawOutput(name, stdout=value, command=name)

    return evaluate(spec, Context("windows", lookup, datetime(2026, 11, 29, 10, 0, tzinfo=UTC)))
