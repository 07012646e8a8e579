"""History of audits: findings only (id, status, severity), never raw command output."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from gardien.core.model import AuditResult, StepConditions
from gardien.store.db import database_path, notice, session

DETAILS_WINDOW = timedelta(minutes=30)  # « gardien audit --details » this long after an audit explains that audit


@dataclass(frozen=True)
class PastAudit:
    id: int
    started_at: str
    os: str
    score: int
    counts: dict[str, int]
    findings: dict[str, str]  # id -> status
    severities: dict[str, str]  # id -> severity (possibly lowered by the check, e.g. a 20-minute lock delay)
    conditions: dict[str, StepConditions] = field(default_factory=dict)  # id -> what chose its steps
    titles: dict[str, str] = field(default_factory=dict)  # id -> the title the audit showed (a check may give its own)

    def to_dict(self) -> dict:
        """What `gardien historique --json` shows: the audit's date, score and findings."""
        return {"id": self.id, "started_at": self.started_at, "os": self.os, "score": self.score, "counts": self.counts,
                "findings": self.findings, "severities": self.severities}

    def steps_chosen(self, check_id: str) -> StepConditions:
        """What chose the steps the audit showed (every step for an audit saved before they were saved)."""
        return self.conditions.get(check_id, StepConditions())


def _stored_findings(result: AuditResult) -> dict:
    return {f.id: {"status": f.status.value, "severity": f.severity.value, "etapes": f.conditions.to_dict(),
                   **({"titre": f.title} if f.title else {})} for f in result.findings}


def save_details(result: AuditResult, within: timedelta = DETAILS_WINDOW) -> int:
    """Store the audit `gardien audit --details` made to explain the one just shown: when the last saved audit of this
    computer, less than `within` before, found exactly the same, it is that audit, seen again (its date moves to this
    run, which measured it too); otherwise a new audit. Returns the id."""
    findings = _stored_findings(result)
    with session() as db:
        row = db.execute("SELECT id, started_at, os, mode, findings FROM audits ORDER BY id DESC LIMIT 1").fetchone()
        if row is not None and row[2] == result.os and row[3] == result.mode and _same(row[4], findings):
            try:
                age = datetime.fromisoformat(result.started_at) - datetime.fromisoformat(row[1])
            except (TypeError, ValueError):
                age = None
            if age is not None and timedelta(0) <= age <= within:
                db.execute("UPDATE audits SET started_at = ?, gardien_version = ? WHERE id = ?",
                           (result.started_at, result.gardien_version, row[0]))
                return int(row[0])
    return save(result)


def _same(stored: str, findings: dict) -> bool:
    try:
        return json.loads(stored) == findings
    except (TypeError, ValueError):
        return False


def save(result: AuditResult) -> int:
    """Store one audit; returns its id."""
    findings = _stored_findings(result)
    with session() as db:
        cursor = db.execute(
            "INSERT INTO audits (started_at, os, os_version, gardien_version, mode, score, counts, findings)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (result.started_at, result.os, result.os_version, result.gardien_version, result.mode, result.score,
             json.dumps(result.counts()), json.dumps(findings)),
        )
        return int(cursor.lastrowid)


def recent(limit: int = 20) -> list[PastAudit]:
    """The latest `limit` readable audits, oldest first. An unreadable one is skipped and said (db.notice):
    one damaged row never hides the others, nor blocks the history and the plan."""
    if not database_path().exists():
        return []
    audits: list[PastAudit] = []
    with session() as db:
        offset = 0
        while len(audits) < limit:
            rows = db.execute(
                "SELECT id, started_at, os, score, counts, findings FROM audits ORDER BY id DESC LIMIT ? OFFSET ?",
                (limit, offset),
            ).fetchall()
            if not rows:
                break
            offset += len(rows)
            for row in rows:
                past = read_row(row)
                if past is None:
                    notice(f"Le bilan n° {row[0]} de l'historique est illisible (fichier {database_path().name} "
                           "abîmé) : il n'est pas pris en compte.")
                elif len(audits) < limit:
                    audits.append(past)
    return audits[::-1]


def as_past(result: AuditResult) -> PastAudit | None:
    """An audit just made, as the history will keep it (before, or without, saving it)."""
    stored = _stored_findings(result)
    return read_row((0, result.started_at, result.os, result.score, json.dumps(result.counts()), json.dumps(stored)))


def latest() -> PastAudit | None:
    """The last saved audit of this computer, or None."""
    audits = recent(1)
    return audits[0] if audits else None


def read_row(row: tuple) -> PastAudit | None:
    """One stored audit, or None when the row does not hold what it should (damaged file, hand edits)."""
    try:
        findings = json.loads(row[5])
        counts = json.loads(row[4])
        past = PastAudit(
            int(row[0]), str(row[1]), str(row[2]), int(row[3]), {str(k): int(v) for k, v in counts.items()},
            {k: v["status"] for k, v in findings.items()}, {k: v["severity"] for k, v in findings.items()},
            {k: StepConditions.from_dict(v.get("etapes")) for k, v in findings.items()},
            {k: v["titre"] for k, v in findings.items() if isinstance(v.get("titre"), str)},
        )
    except (TypeError, ValueError, KeyError, AttributeError):
        return None
    if not all(isinstance(v, str) for v in (*past.findings.values(), *past.severities.values())):
        return None
    return past
