"""A damaged history database: find what is wrong, and — only when the user agreed — put the file aside and
start a new one with every row that can still be read.

Nothing is deleted: the damaged file keeps its content under a dated name beside the new one. Reading is done on
a scratch copy, mended where SQLite can be helped (a header overwritten, a file cut short), so that the aside
file stays exactly as it was found.
"""

from __future__ import annotations

import shutil
import sqlite3
import struct
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from gardien.errors import DamagedFile
from gardien.fr import plural
from gardien.questionnaire.questions import Answer
from gardien.store import db
from gardien.store.history import read_row

PAGE_SIZES = (4096, 1024, 2048, 8192, 16384, 32768, 65536, 512)
MAX_ROWID_PROBES = 100_000  # when a table cannot be read in one go, rows are tried one by one up to this id,
MAX_MISSES = 2_000  # and until this many ids in a row gave nothing

COLUMNS = {
    "audits": ("id", "started_at", "os", "os_version", "gardien_version", "mode", "score", "counts", "findings"),
    "answers": ("question_id", "answer", "answered_at"),
    "steps": ("step_id", "status", "until", "changed_at"),
    "step_events": ("id", "step_id", "status", "at"),
}


def _audit_ok(row: tuple) -> bool:
    # read_row takes (id, started_at, os, score, counts, findings)
    return all(isinstance(v, str) for v in row[1:6]) and read_row((row[0], row[1], row[2], row[6], row[7], row[8])) is not None


VALID: dict[str, Callable[[tuple], bool]] = {
    "audits": _audit_ok,
    "answers": lambda r: isinstance(r[0], str) and r[1] in tuple(Answer) and isinstance(r[2], str),
    "steps": lambda r: isinstance(r[0], str) and r[1] in ("fait", "reporte") and (r[2] is None or isinstance(r[2], str))
    and isinstance(r[3], str),
    "step_events": lambda r: isinstance(r[0], int) and isinstance(r[1], str) and isinstance(r[2], str) and isinstance(r[3], str),
}
TABLE_WORDS = {"audits": ("bilan", "bilans"), "answers": ("réponse au questionnaire", "réponses au questionnaire"),
               "steps": ("étape du plan", "étapes du plan"), "step_events": ("date d'avancement", "dates d'avancement")}


def _count(table: str, number: int) -> str:
    return plural(number, *TABLE_WORDS[table])


@dataclass
class Salvaged:
    aside: Path
    kept: dict[str, int] = field(default_factory=dict)
    lost: dict[str, int | None] = field(default_factory=dict)  # None: the table could not be counted

    def summary(self) -> str:
        """« Récupéré : 12 bilans, 5 réponses au questionnaire. Illisible (…) : 1 bilan. »"""
        kept = ", ".join(_count(t, n) for t, n in self.kept.items() if n) or "rien"
        lost = [_count(t, n) for t, n in self.lost.items() if n] + [
            f"des {TABLE_WORDS[t][1]} (nombre inconnu)" for t, n in self.lost.items() if n is None]
        text = f"Récupéré : {kept}."
        if lost:
            text += f" Illisible (resté dans le fichier mis de côté) : {', '.join(lost)}."
        return text


def diagnose(path: Path | None = None) -> DamagedFile | None:
    """What is wrong with the database (without changing it), or None when it is whole or absent."""
    path = path or db.database_path()
    if not path.exists():
        return None
    db._verified.discard(str(path))  # a fresh quick_check: the user asked
    try:
        with db.session(path) as connection:
            bad = {t: _count_bad(connection, t) for t in db.TABLES}
    except DamagedFile as damage:
        return damage
    unreadable = {t: n for t, n in bad.items() if n}
    if unreadable:
        what = ", ".join(_count(t, n) for t, n in unreadable.items())
        return db.DamagedStore(path, f"des enregistrements sont illisibles ({what})")
    return None


def _count_bad(connection: sqlite3.Connection, table: str) -> int:
    columns = ", ".join(COLUMNS[table])
    return sum(not VALID[table](row) for row in connection.execute(f"SELECT {columns} FROM {table}"))


def salvage(path: Path | None = None) -> Salvaged:
    """Put the damaged database aside (renamed, never deleted) and start a new one with every readable row."""
    path = path or db.database_path()
    aside = _set_aside(path)
    result = Salvaged(aside)
    if aside.is_file() and aside.stat().st_size:
        with tempfile.TemporaryDirectory(dir=path.parent, prefix=".reparation-") as scratch_dir:
            scratch = Path(scratch_dir) / "copie.sqlite3"
            shutil.copyfile(aside, scratch)
            wal = Path(f"{aside}-wal")  # committed changes not yet written into the main file
            if wal.is_file():
                shutil.copyfile(wal, f"{scratch}-wal")
            rows = _readable_rows(scratch)
    else:  # empty, or not a file at all (a folder, a FIFO): nothing to read
        rows = {t: ([], 0) for t in db.TABLES}
    db._verified.discard(str(path))
    with db.session(path) as connection, db.transaction(connection):
        for table, (found, total) in rows.items():
            good = [row for row in found if VALID[table](row)]
            marks = ", ".join("?" for _ in COLUMNS[table])
            connection.executemany(f"INSERT OR IGNORE INTO {table} ({', '.join(COLUMNS[table])}) VALUES ({marks})", good)
            result.kept[table] = len(good)
            result.lost[table] = None if total is None else max(0, total - len(good))
    return result


def _set_aside(path: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.abime-{stamp}")
    path.rename(aside)
    for suffix in ("-wal", "-shm"):  # SQLite's companions follow the file, or its last changes would be lost
        companion = Path(f"{path}{suffix}")
        if companion.exists():
            companion.rename(f"{aside}{suffix}")
    return aside


def _readable_rows(scratch: Path) -> dict[str, tuple[list[tuple], int | None]]:
    """table -> (rows read, how many there were or None when unknown), from a mended scratch copy."""
    _mend_header(scratch)
    found: dict[str, tuple[list[tuple], int | None]] = {t: ([], None) for t in db.TABLES}
    try:
        connection = sqlite3.connect(scratch, isolation_level=None)
    except sqlite3.Error:
        return found
    try:
        connection.execute("PRAGMA writable_schema = ON")  # read past schema entries that point beyond a cut
        for table in db.TABLES:
            found[table] = _table_rows(connection, table)
    except sqlite3.Error:
        pass
    finally:
        connection.close()
    return found


def _table_rows(connection: sqlite3.Connection, table: str) -> tuple[list[tuple], int | None]:
    columns = ", ".join(COLUMNS[table])
    try:
        rows = connection.execute(f"SELECT {columns} FROM {table}").fetchall()
        return rows, len(rows)
    except sqlite3.Error:
        pass
    try:  # one by one: the rows on the pages that are still there
        highest = connection.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0] or 0
    except sqlite3.Error:
        highest = MAX_ROWID_PROBES
    rows, misses = [], 0
    for rowid in range(1, min(highest, MAX_ROWID_PROBES) + 1):
        try:
            row = connection.execute(f"SELECT {columns} FROM {table} WHERE rowid = ?", (rowid,)).fetchone()
        except sqlite3.Error:
            row = None
        misses = 0 if row is not None else misses + 1
        if row is not None:
            rows.append(row)
        elif misses > MAX_MISSES:  # past the last row that survived
            break
    return rows, None


def _mend_header(scratch: Path) -> None:
    """Help SQLite open the copy: put back the start of a header that was overwritten (trying the usual page
    sizes), and make the page count match the file when it was cut short."""
    with scratch.open("r+b") as handle:
        head = bytearray(handle.read(100))
        if len(head) < 100:
            return
        overwritten = not head.startswith(db.SQLITE_HEADER)
        for page_size in PAGE_SIZES if overwritten else [_page_size(head)]:
            if page_size is None:
                continue
            if overwritten:  # the fixed values of every SQLite header (sqlite.org/fileformat.html)
                head[0:16] = db.SQLITE_HEADER
                head[16:18] = struct.pack(">H", 1 if page_size == 65536 else page_size)
                head[18:24] = bytes([1, 1, 0, 64, 32, 32])
            head[28:32] = struct.pack(">I", scratch.stat().st_size // page_size)
            handle.seek(0)
            handle.write(head)
            handle.flush()
            if _opens(scratch):
                return


def _page_size(head: bytes) -> int | None:
    value = struct.unpack(">H", head[16:18])[0]
    size = 65536 if value == 1 else value
    return size if size in PAGE_SIZES else None


def _opens(path: Path) -> bool:
    try:
        connection = sqlite3.connect(path)
        try:
            connection.execute("PRAGMA writable_schema = ON")
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        return False
    return True
