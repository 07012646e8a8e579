"""The two ways to audit: the live machine, or a recording folder (--rejouer)."""

from __future__ import annotations

import importlib
import json
import time
from datetime import datetime
from pathlib import Path

from gardien.compat import current_platform, os_version
from gardien.core.model import AuditResult
from gardien.core.runner import run_checks
from gardien.errors import UnsupportedSystem
from gardien.probes.base import ABSENT, RawOutput, collect
from gardien.probes.record import MANIFEST, Recording, prepare_folder, save_recording


def probes_for(platform: str) -> tuple:
    """The probe declarations of one platform."""
    return importlib.import_module(f"gardien.probes.{platform}").PROBES


def audit_live(record_to: Path | None = None) -> AuditResult:
    """Audit this computer; with `record_to`, also save every raw output there."""
    started = time.monotonic()
    platform = current_platform()
    if platform is None:
        raise UnsupportedSystem(
            "Gardien ne sait pas encore vérifier ce système : il connaît Windows, macOS et Linux. "
            "Aucune vérification n'a été faite."
        )
    now = datetime.now().astimezone()
    if record_to is not None:
        prepare_folder(record_to)  # refused before the audit runs, not after
    outputs = collect(probes_for(platform))
    version = os_version()
    if record_to is not None:
        save_recording(record_to, platform, version, outputs)

    def output(name: str) -> RawOutput:
        return outputs.get(name) or RawOutput(name, returncode=None, error=ABSENT)

    return run_checks(platform, version, output, now, "live", started)


def audit_replay(folder: Path) -> AuditResult:
    """Run the checks on a recording folder, whatever system Gardien runs on."""
    started = time.monotonic()
    recording = Recording(folder)
    now = _recorded_at(folder) or datetime.now().astimezone()
    return run_checks(recording.os, recording.os_version, recording.output, now, "replay", started)


def _recorded_at(folder: Path) -> datetime | None:
    """The recording date, so that "N days ago" is counted from the day of the recording."""
    try:
        stamp = json.loads((folder / MANIFEST).read_text(encoding="utf-8-sig")).get("recorded_at")
        return datetime.fromisoformat(stamp) if stamp else None
    except (ValueError, TypeError, OSError):
        return None


def check_live(check_id: str):
    """One check on this computer, running only the probes it reads (for a tool that needs one fact, such as
    `effacer` asking whether the disk is encrypted). Never raises: what cannot be read is « à vérifier »."""
    from gardien.core.context import Context
    from gardien.core.registry import discover
    from gardien.core.runner import evaluate
    from gardien.probes.base import run_probe

    platform = current_platform()
    spec = next(s for s in discover() if s.id == check_id)
    probes = {probe.name: probe for probe in probes_for(platform)} if platform else {}
    seen: dict[str, RawOutput] = {}

    def output(name: str) -> RawOutput:
        if name not in seen:
            seen[name] = run_probe(probes[name]) if name in probes else RawOutput(name, returncode=None, error=ABSENT)
        return seen[name]

    return evaluate(spec, Context(platform or "inconnu", output, datetime.now().astimezone()))
