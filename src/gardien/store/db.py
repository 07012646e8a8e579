"""The one module that owns the SQLite schema. PRAGMA user_version numbers the migrations.

Stored: audit findings (id, status, severity), questionnaire answers, plan step states. Never raw
command output, passwords or patient text.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from gardien.paths import data_dir

MIGRATIONS = (
    """
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
    """
    CREATE TABLE answers (
        question_id TEXT PRIMARY KEY,
        answer TEXT NOT NULL CHECK (answer IN ('oui', 'non', 'nsp')),
        answered_at TEXT NOT NULL
    );
    CREATE TABLE steps (
        step_id TEXT PRIMARY KEY,
        status TEXT NOT NULL CHECK (status IN ('fait', 'reporte')),
        until TEXT,
        changed_at TEXT NOT NULL
    );
    CREATE TABLE step_events (
        id INTEGER PRIMARY KEY,
        step_id TEXT NOT NULL,
        status TEXT NOT NULL,
        at TEXT NOT NULL
    );
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


def database_path() -> Path:
    return data_dir() / "historique.sqlite3"


def connect(path: Path | None = None) -> sqlite3.Connection:
    """Open the database, creating or migrating it; the file is readable by its owner only."""
    path = path or database_path()
    new = not path.exists()
    connection = sqlite3.connect(path, isolation_level=None)
    if new:
        path.chmod(0o600)
    connection.execute("PRAGMA journal_mode=WAL")
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    for number in range(version + 1, SCHEMA_VERSION + 1):
        # one script, one transaction: a migration is applied whole or not at all
        connection.executescript(f"BEGIN IMMEDIATE; {MIGRATIONS[number - 1]} PRAGMA user_version = {number}; COMMIT;")
    return connection
