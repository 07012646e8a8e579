"""JSON renderer. The schema is versioned and documented in docs/json-schema.md."""

from __future__ import annotations

import json
from typing import Any

from gardien.core.model import AuditResult, Finding
from gardien.texts import SCORE_CAVEAT

SCHEMA_VERSION = "1.0"


def finding_dict(finding: Finding) -> dict[str, Any]:
    return {
        "id": finding.id,
        "status": finding.status.value,
        "severity": finding.severity.value,
        "theme": finding.theme,
        "title": finding.title,
        "detail": finding.detail,
        "why": finding.why,
        "risk": finding.risk,
        "remediation": [str(step) for step in finding.remediation],
        "effort_minutes": finding.effort_minutes,
        "sources": [{"id": s.id, "label": s.label, "url": s.url or None, "verified": s.verified} for s in finding.sources],
        "evidence": finding.evidence,
    }


def to_dict(result: AuditResult) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "gardien_version": result.gardien_version,
        "os": result.os,
        "os_version": result.os_version,
        "started_at": result.started_at,
        "mode": result.mode,
        "duration_s": result.duration_s,
        "score": result.score,
        "score_caveat": SCORE_CAVEAT,
        "counts": result.counts(),
        "first_step": result.first_step,
        "next_steps": list(result.first_steps[1:]),
        "findings": [finding_dict(f) for f in result.findings],
    }


def render(result: AuditResult) -> str:
    return json.dumps(to_dict(result), ensure_ascii=False, indent=2)
