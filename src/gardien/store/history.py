"""History of audits: findings only (id, status, severity), never raw command output."""

from __future__ import annotations

import json
from contextlib import closing
from dataclasses import dataclass

from gardien.core.model import AuditResult
from gardien.store.db import connect, database_path


@dataclass(frozen=True)
class PastAudit:
    id: int
    started_at: str
    os: str
    score: int
    counts: dict[str, int]
    findings: dict[str, str]  # id -> status
    severities: dict[str, str]  # id -> severity (possibly lowered by the check, e.g. a 20-minute lock delay)


def save(result: AuditResult) -> int:
    """Store one audit; returns its id."""
    findings = {f.id: {"status": f.status.value, "severity": f.severity.value} for f in result.findings}
    with closing(connect()) as db:
        cursor = db.execute(
            "INSERT INTO audits (started_at, os, os_version, gardien_version, mode, score, counts, findings)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (result.started_at, result.os, result.os_version, result.gardien_version, result.mode, result.score,
             json.dumps(result.counts()), json.dumps(findings)),
        )
        return int(cursor.lastrowid)


def recent(limit: int = 20) -> list[PastAudit]:
    """The latest audits, oldest first."""
    if not database_path().exists():
        return []
    with closing(connect()) as db:
        rows = db.execute(
            "SELECT id, started_at, os, score, counts, findings FROM audits ORDER BY id DESC LIMIT ?", (limit,)
        ).fetchall()
    return [_past(r) for r in reversed(rows)]


def latest() -> PastAudit | None:
    """The last saved audit of this computer, or None."""
    audits = recent(1)
    return audits[0] if audits else None


def _past(row: tuple) -> PastAudit:
    findings = json.loads(row[5])
    return PastAudit(
        row[0], row[1], row[2], row[3], json.loads(row[4]),
        {k: v["status"] for k, v in findings.items()}, {k: v["severity"] for k, v in findings.items()},
    )
