"""The one module that owns the SQLite schema. PRAGMA user_version numbers the migrations.

Stored: audit findings (id, status, severity), questionnaire answers, plan step states. Never raw
command output, passwords or patient text.

What can go wrong with a file on a laptop is handled here, never shown as « erreur interne »:
- a new database is built aside and put in place in one step, so that two Gardien started together never see
  a half-made one (and an empty file is never Gardien's own: it is a damaged one);
- migrations run inside one write transaction that re-reads the version first, so concurrent starts apply
  each migration once;
- damage (a cut file, an overwritten header, a missing table, a version from the future) is detected when the
  file is opened (PRAGMA quick_check, once per process) or read, and reported with the file's name
  (DamagedStore); nothing is ever reset without the user's consent (`gardien reparer`, store/salvage.py);
- a row that cannot be read is skipped and said (notices), never a reason to block the history for good.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from gardien.errors import DamagedFile, GardienError
from gardien.paths import data_dir, read_regular

FILE_NAME = "historique.sqlite3"
WHAT_IT_HOLDS = "l'historique des bilans, vos réponses au questionnaire et l'avancement du plan"
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_S = 30  # another Gardien writing (an audit, the web page) is waited for, not an error

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE audits (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            os TEXT NOT NULL,
            os_version TEXT NOT NULL,
            gardien_version TEXT NOT NULL,
            mode TEXT NOT NULL,
            score INTEGER NOT NULL,
            counts TEXT NOT NULL,
            findings TEXT NOT NULL
        )""",
    ),
    (
        """CREATE TABLE answers (
            question_id TEXT PRIMARY KEY,
            answer TEXT NOT NULL CHECK (answer IN ('oui', 'non', 'nsp')),
            answered_at TEXT NOT NULL
        )""",
        """CREATE TABLE steps (
            step_id TEXT PRIMARY KEY,
            status TEXT NOT NULL CHECK (status IN ('fait', 'reporte')),
            until TEXT,
            changed_at TEXT NOT NULL
        )""",
        """CREATE TABLE step_events (
            id INTEGER PRIMARY KEY,
            step_id TEXT NOT NULL,
            status TEXT NOT NULL,
            at TEXT NOT NULL
        )""",
    ),
    (  # « nc » (non concerné) added to the answers: SQLite cannot change a CHECK, so the table is rebuilt
        """CREATE TABLE answers_nc (
            question_id TEXT PRIMARY KEY,
            answer TEXT NOT NULL CHECK (answer IN ('oui', 'non', 'nsp', 'nc')),
            answered_at TEXT NOT NULL
        )""",
        "INSERT INTO answers_nc (question_id, answer, answered_at) SELECT question_id, answer, answered_at FROM answers",
        "DROP TABLE answers",
        "ALTER TABLE answers_nc RENAME TO answers",
    ),
    # the questionnaire answer a step's « fait » replaced, given back when the step is reopened
    ("ALTER TABLE steps ADD COLUMN answer_before TEXT",),
)
SCHEMA_VERSION = len(MIGRATIONS)
TABLES = ("audits", "answers", "steps", "step_events")  # every table of the current schema

_verified: set[str] = set()  # databases whose quick_check passed in this process
_notices: list[str] = []


class DamagedStore(DamagedFile):
    """historique.sqlite3 cannot be read as it should; nothing was changed."""

    def __init__(self, path: Path, what: str) -> None:
        super().__init__(path, what, WHAT_IT_HOLDS)


class NewerStore(DamagedFile):
    """The file says it was written by a newer Gardien: it is not touched (an update reads it)."""

    def __init__(self, path: Path, version: int) -> None:
        super().__init__(
            path, f"il porte le numéro de format {version}, et cette version de Gardien ne connaît que le {SCHEMA_VERSION}",
            WHAT_IT_HOLDS,
            cause=(
                "Il a sans doute été écrit par une version plus récente de Gardien : mettez Gardien à jour. "
                "Si vous ne l'avez jamais mis à jour, le fichier est abîmé."
            ),
        )


def database_path() -> Path:
    return data_dir() / FILE_NAME


def notice(text: str) -> None:
    """Say something about the stored data once (a row skipped because unreadable…); the shells show them."""
    if text not in _notices:
        _notices.append(text)


def take_notices() -> list[str]:
    """The notices gathered since the last call (the command line prints them at the end, the web on the page)."""
    taken = list(_notices)
    _notices.clear()
    return taken


@contextmanager
def session(path: Path | None = None) -> Iterator[sqlite3.Connection]:
    """An open, checked, migrated database; every SQLite error inside becomes a French GardienError."""
    path = path or database_path()
    try:
        connection = connect(path)
        try:
            yield connection
        finally:
            connection.close()
    except sqlite3.Error as exc:
        raise translate(exc, path) from exc


def connect(path: Path | None = None) -> sqlite3.Connection:
    """Open the database, creating or migrating it; the file is readable by its owner only.

    Raises DamagedStore / NewerStore (never sqlite3 errors about the file's state)."""
    path = path or database_path()
    if not path.exists():
        _create(path)
    check_header(path)
    connection = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_S)
    try:
        if str(path) not in _verified:
            _quick_check(connection, path)
        migrate(connection, path)
        _check_tables(connection, path)
        _verified.add(str(path))
    except BaseException:
        connection.close()
        raise
    return connection


def check_header(path: Path) -> None:
    """DamagedStore when the file does not start as an SQLite database (cut to nothing, start overwritten)."""
    try:
        head = read_regular(path, 100)
    except OSError as exc:
        from gardien.explain import reason

        raise DamagedStore(path, f"il ne peut pas être lu ({reason(exc)})") from exc
    if not head:
        raise DamagedStore(path, "il est vide (0 octet), son contenu a été effacé ou n'a pas été copié")
    if len(head) < 100 or not head.startswith(SQLITE_HEADER):
        raise DamagedStore(path, "son début a été effacé ou remplacé, ce n'est plus une base de données lisible")


def _quick_check(connection: sqlite3.Connection, path: Path) -> None:
    try:
        rows = connection.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        raise translate(exc, path) from exc
    if rows != [("ok",)]:
        raise DamagedStore(path, "une partie de son contenu ne peut plus être lue (fichier coupé ou mal copié ?)")


def migrate(connection: sqlite3.Connection, path: Path) -> None:
    """Bring the schema to SCHEMA_VERSION: each migration once, even when several Gardien start together."""
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise NewerStore(path, version)
    if version == SCHEMA_VERSION:
        return
    with transaction(connection):
        version = connection.execute("PRAGMA user_version").fetchone()[0]  # another process may have done it
        for number in range(version + 1, SCHEMA_VERSION + 1):
            for statement in MIGRATIONS[number - 1]:
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {number}")


@contextmanager
def transaction(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A write transaction, applied whole or not at all; one writer at a time, the others wait (BUSY_TIMEOUT_S)."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield connection
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:  # SQLite may already have rolled back (a full disk does)
            connection.execute("ROLLBACK")
        raise


def _check_tables(connection: sqlite3.Connection, path: Path) -> None:
    present = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    missing = [table for table in TABLES if table not in present]
    if missing:
        raise DamagedStore(path, f"une partie a disparu (table {', '.join(missing)})")


def _create(path: Path) -> None:
    """Build a new database aside, then put it in place in one step — unless another process did first."""
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".nouveau")  # 0600
    os.close(descriptor)
    try:
        connection = sqlite3.connect(temporary, isolation_level=None)
        try:
            connection.execute("PRAGMA journal_mode=WAL")  # kept in the file: readers never wait for a writer
            migrate(connection, Path(temporary))
        finally:
            connection.close()
        _put_in_place(Path(temporary), path)
    finally:
        for leftover in (temporary, f"{temporary}-wal", f"{temporary}-shm"):
            Path(leftover).unlink(missing_ok=True)


def _put_in_place(temporary: Path, path: Path) -> None:
    """Give `temporary` the name `path` only if nothing has that name yet (never replace a database)."""
    try:
        if os.name == "nt":
            os.rename(temporary, path)  # Windows' rename refuses an existing target
        else:
            try:
                os.link(temporary, path)  # link too: atomic, and fails when the name exists
            except FileExistsError:
                raise
            except OSError:  # a file system without hard links (FAT, some network shares)
                if path.exists():
                    raise FileExistsError(path) from None
                os.rename(temporary, path)
    except FileExistsError:
        pass  # another Gardien created it a moment ago: use theirs


def translate(exc: sqlite3.Error, path: Path) -> GardienError:
    """A French error for an SQLite error met while using the database; an error that says nothing about the
    file (a mistake in Gardien's own SQL) is raised as it is, to be logged as an internal error."""
    from gardien import explain

    text = str(exc).lower()
    if explain.is_disk_full(exc, path.parent):
        return explain.disk_full(path.parent)
    if "locked" in text or "busy" in text:
        return GardienError(
            f"Le fichier {path} est occupé par un autre Gardien depuis plus de {BUSY_TIMEOUT_S} secondes (un bilan "
            "ou l'interface en cours ?). Attendez qu'il ait fini, puis recommencez. Rien n'a été modifié."
        )
    if "already exists" in text:
        return DamagedStore(path, "son numéro de format ne correspond plus à son contenu")
    if "no such table" in text or "no such column" in text:
        return DamagedStore(path, "une partie a disparu ou a été changée")
    if "readonly" in text or "read-only" in text:
        return GardienError(f"Le fichier {path} est en lecture seule : Gardien ne peut pas y enregistrer. "
                            "Vérifiez les droits sur ce dossier. Rien n'a été modifié.")
    if "i/o error" in text:
        return GardienError(f"Le disque n'a pas pu lire ou écrire le fichier {path} (disque retiré, plein ou abîmé ?). "
                            "Vérifiez le disque puis recommencez. Rien n'a été modifié.")
    if "unable to open" in text:
        return GardienError(f"Le fichier {path} ne peut pas être ouvert : vérifiez que le dossier existe et "
                            "vous appartient. Rien n'a été modifié.")
    if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.ProgrammingError):
        return DamagedStore(path, "une partie de son contenu ne peut plus être lue (fichier coupé ou mal copié ?)")
    raise exc
