"""`reviewwatch backup` and `restore`, through SQLite's online backup API.

A backup copies the live database page by page while `run` keeps working (writers wait only
for each short step), into a new file readable by its owner only (0600), and checks it. A
restore checks the file first (a SQLite file, a reviewwatch schema this code knows, intact),
keeps a copy of the current database beside it, copies the backup in through the same API,
applies any newer migrations, and ends every session (a restored session table must not
bring old logins back).
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from reviewwatch import db as store
from reviewwatch.errors import InputError, ReviewwatchError

PAGES_PER_STEP = 256  # writers wait at most one step, never the whole copy


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(str(path), timeout=store.BUSY_TIMEOUT_MS / 1000)


def _copy(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    source.backup(target, pages=PAGES_PER_STEP)


def backup(database: Path, target: Path, force: bool = False) -> int:
    """Copy the database to `target` (0600); return its size in bytes."""
    if not database.exists():
        raise InputError(f"{database}: no database to back up")
    if target.exists():
        if not force:
            raise InputError(f"{target} already exists (use --force to replace it)")
        target.unlink()
    target.parent.mkdir(parents=True, exist_ok=True)
    store.private_file(target)
    source = _connect(database)
    copy = _connect(target)
    try:
        _copy(source, copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        _check(copy, target)
    except sqlite3.Error as e:
        copy.close()
        target.unlink(missing_ok=True)
        raise ReviewwatchError(f"{target}: the backup failed ({e})") from None
    finally:
        source.close()
    copy.close()
    return target.stat().st_size


def _check(conn: sqlite3.Connection, path: Path) -> None:
    result = conn.execute("PRAGMA integrity_check").fetchone()[0]
    if result != "ok":
        raise InputError(f"{path}: the database is damaged ({result})")


def verify(path: Path) -> list[str]:
    """The migrations a backup file holds; InputError if it is not a usable backup."""
    if not path.is_file():
        raise InputError(f"{path}: no such backup file")
    with path.open("rb") as f:
        if f.read(16) != b"SQLite format 3\x00":
            raise InputError(f"{path}: not a SQLite database")
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        _check(conn, path)
        try:
            names = [r[0] for r in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
                [store.migrations.name])]
        except sqlite3.DatabaseError:
            names = []
    finally:
        conn.close()
    if not names:
        raise InputError(f"{path}: not a reviewwatch database")
    unknown = [n for n in names if n not in store.known_migrations()]
    if unknown:
        raise InputError(f"{path}: made by a newer reviewwatch (migration {unknown[-1]}); "
                         "restore it with that version")
    return names


def restore(backup_file: Path, database: Path, now: datetime | None = None) -> Path | None:
    """Replace the database with a backup; return where the previous database was kept."""
    verify(backup_file)
    kept = None
    if database.exists():
        stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
        kept = database.with_name(f"{database.name}.before-restore-{stamp}")
        backup(database, kept)
    else:
        database.parent.mkdir(parents=True, exist_ok=True)
        store.private_file(database)
    source = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
    target = _connect(database)
    try:
        _copy(source, target)
    except sqlite3.Error as e:
        raise ReviewwatchError(f"{database}: the restore failed ({e}); the previous database "
                               f"is kept at {kept}") from None
    finally:
        source.close()
        target.close()
    os.chmod(database, store.PRIVATE_MODE)
    db = store.open_database(database)  # applies the migrations the backup predates
    db.execute("DELETE FROM sessions")
    db.close()
    return kept
