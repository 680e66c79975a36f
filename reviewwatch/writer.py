"""The database writer thread: the poll cycle's SQLite work, off the event loop.

A poll's save, its health record and the triage of what it found are synchronous SQLite
and CPU work. Run inside the event loop, each of them stalled every other source's HTTP.
They run here instead, one at a time, on one thread with its own connection to the same
file (SQLite's WAL lets the loop's connection and the web's read meanwhile; writes wait on
the busy timeout). One writer per database file per process, shared by every cycle, so
the scheduler's overlapping polls never interleave two transactions.

An in-memory database cannot be opened twice, so its work runs inline, as before.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from sqlite_utils import Database

from reviewwatch import db as store

T = TypeVar("T")
MAX_WRITERS = 8  # files with a live writer thread; tests open many, a deployment one
_writers: dict[str, Writer] = {}
_lock = threading.Lock()


def database_path(db: Database) -> Path | None:
    """The file behind a connection, or None for an in-memory database."""
    for row in db.execute("PRAGMA database_list"):
        if row[1] == "main":
            return Path(row[2]) if row[2] else None
    return None


class Writer:
    """One thread and its own connection; `run` awaits a function called on that thread."""

    def __init__(self, path: Path):
        self.path = path
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rw-writer")
        self._db: Database | None = None

    def _call(self, fn: Callable[..., T], args: tuple[Any, ...]) -> T:
        if self._db is None:
            self._db = store.open_database(self.path)
        return fn(self._db, *args)

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """fn(db, *args) on the writer thread, awaited without blocking the event loop."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, self._call, fn, args)

    def close(self) -> None:
        """Close the connection on its own thread, after the work already queued."""
        def finish() -> None:
            if self._db is not None:
                self._db.conn.close()
                self._db = None

        self._executor.submit(finish)
        self._executor.shutdown(wait=False)


class Inline:
    """The in-memory fallback: the same interface, called on the caller's thread."""

    def __init__(self, db: Database):
        self._db = db

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        return fn(self._db, *args)


def writer_for(db: Database) -> Writer | Inline:
    """The process's writer for this database's file (or inline for an in-memory one)."""
    path = database_path(db)
    if path is None:
        return Inline(db)
    key = str(path.resolve())
    with _lock:
        if key not in _writers:
            while len(_writers) >= MAX_WRITERS:
                _writers.pop(next(iter(_writers))).close()
            _writers[key] = Writer(path)
        return _writers[key]
