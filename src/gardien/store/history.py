"""SQLite history of audits: findings only (id, status, severity), never raw command output.

This module owns the schema; PRAGMA user_version numbers its migrations.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from gardien.core.model import AuditResult
from gardien.paths import data_dir

SCHEMA_VERSION = 1
MIGRATIONS = {
    1: """
    CREATE TABLE audits (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        os TEXT NOT NULL,
        os_version TEXT NOT NULL,
        gardien_version TEXT NOT NULL,
        mode TEXT NOT NULL,
        score INTEGER NOT NULL,
        counts TEXT NOT NULL,
        findings TEXT NOT NULL
    );
    """,
}


@dataclass(frozen=True)
class PastAudit:
    id: int
    started_at: str
    os: str
    score: int
    counts: dict[str, int]
    findings: dict[str, str]  # id -> status


def database_path() -> Path:
    return data_dir() / "historique.sqlite3"


def connect(path: Path | None = None) -> sqlite3.Connection:
    """Open the history, creating or migrating it; the file is readable by its owner only."""
    path = path or database_path()
    new = not path.exists()
    connection = sqlite3.connect(path, isolation_level=None)
    if new:
        path.chmod(0o600)
    connection.execute("PRAGMA journal_mode=WAL")
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    for number in range(version + 1, SCHEMA_VERSION + 1):
        # one script, one transaction: a migration is applied whole or not at all
        connection.executescript(f"BEGIN IMMEDIATE; {MIGRATIONS[number]} PRAGMA user_version = {number}; COMMIT;")
    return connection


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
    return [
        PastAudit(r[0], r[1], r[2], r[3], json.loads(r[4]), {k: v["status"] for k, v in json.loads(r[5]).items()})
        for r in reversed(rows)
    ]
