"""Storage: SQLite in WAL mode through sqlite-utils, versioned migrations, and the queries.

Tables have owners. Collectors own `items` and `item_versions`; triage owns `triage`;
responders and staff own `drafts`; the notifier owns `outbox`. No write crosses those lines.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sqlite3
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database, Migrations

from reviewwatch.errors import NotFound, ReviewwatchError, SchemaTooNew
from reviewwatch.models import DraftStatus, Item, State

BUSY_TIMEOUT_MS = 30_000
PRIVATE_MODE = 0o600

def run_script(db: Database, sql: str) -> None:
    """`db.executescript`, in linear time: sqlite-utils splits a script inside a transaction
    by re-joining it character by character (quadratic: the roll-up's triggers took 1.2 s
    of every new database). A statement ends at a ';' where SQLite says it is complete."""
    if not db.conn.in_transaction:
        db.conn.executescript(sql)
        return
    start = 0
    for m in re.finditer(";", sql):
        chunk = sql[start:m.end()]
        if sqlite3.complete_statement(chunk):
            if chunk.strip(" \t\r\n;"):
                db.conn.execute(chunk)
            start = m.end()
    if sql[start:].strip():
        db.conn.execute(sql[start:])


migrations = Migrations("reviewwatch")
log = logging.getLogger(__name__)
ITEM_WHEN = "coalesce(i.published_at, i.first_seen_at)"  # indexed as items_when
# A priority as the queue's sort key: urgent 0, high 1, normal 2, low (or none) 3.
RANK_OF_PRIORITY = ("CASE t.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 "
                    "WHEN 'normal' THEN 2 ELSE 3 END")


def utcnow() -> str:
    """Now, as the ISO 8601 UTC text every timestamp column holds."""
    return utcnow_of(datetime.now(UTC))


def utcnow_of(moment: datetime) -> str:
    """A moment as the ISO 8601 UTC text every timestamp column holds."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@migrations()
def m001_initial(db: Database) -> None:
    run_script(db, """
    CREATE TABLE businesses (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, timezone TEXT NOT NULL, updated_at TEXT
    );
    CREATE TABLE sources (
        name TEXT PRIMARY KEY,
        business_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'new',
        cursor TEXT, etag TEXT, last_modified TEXT, extra TEXT NOT NULL DEFAULT '{}',
        last_poll_at TEXT, last_success_at TEXT, last_error TEXT, last_error_at TEXT,
        consecutive_failures INTEGER NOT NULL DEFAULT 0,
        unhealthy INTEGER NOT NULL DEFAULT 0,
        silent INTEGER NOT NULL DEFAULT 0,
        recent_counts TEXT NOT NULL DEFAULT '[]',
        next_poll_at TEXT
    );
    CREATE TABLE items (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        business_id TEXT NOT NULL,
        external_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        author TEXT, rating REAL, rating_max REAL NOT NULL DEFAULT 5,
        title TEXT, text TEXT NOT NULL, url TEXT, published_at TEXT, language TEXT,
        raw TEXT NOT NULL DEFAULT '{}',
        content_hash TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1,
        first_seen_at TEXT NOT NULL, edited_at TEXT,
        UNIQUE (source, external_id)
    );
    CREATE INDEX items_business ON items (business_id, published_at);
    CREATE TABLE item_versions (
        id INTEGER PRIMARY KEY,
        item_id INTEGER NOT NULL REFERENCES items(id),
        version INTEGER NOT NULL,
        author TEXT, rating REAL, title TEXT, text TEXT NOT NULL, raw TEXT NOT NULL,
        content_hash TEXT NOT NULL, recorded_at TEXT NOT NULL,
        UNIQUE (item_id, version)
    );
    CREATE TABLE triage (
        item_id INTEGER PRIMARY KEY REFERENCES items(id),
        label TEXT NOT NULL, score REAL NOT NULL, vader REAL NOT NULL,
        aspects TEXT NOT NULL, evidence TEXT NOT NULL, language TEXT,
        needs_reply INTEGER NOT NULL, needs_human INTEGER NOT NULL DEFAULT 0,
        priority TEXT NOT NULL, content_hash TEXT NOT NULL, scored_at TEXT NOT NULL
    );
    CREATE INDEX triage_label ON triage (label, priority);
    CREATE TABLE drafts (
        id INTEGER PRIMARY KEY,
        item_id INTEGER NOT NULL REFERENCES items(id),
        status TEXT NOT NULL DEFAULT 'pending',
        reply TEXT NOT NULL, parts TEXT NOT NULL, lint TEXT NOT NULL, fits TEXT NOT NULL,
        generator TEXT NOT NULL DEFAULT 'template',
        content_hash TEXT NOT NULL,
        review_changed INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        final_text TEXT, edited INTEGER NOT NULL DEFAULT 0,
        lint_override INTEGER NOT NULL DEFAULT 0,
        decided_by TEXT, decided_at TEXT, reject_reason TEXT,
        publish_mode TEXT, posted_at TEXT, post_error TEXT, post_attempts INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX drafts_status ON drafts (status, item_id);
    CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        dedupe_key TEXT NOT NULL UNIQUE,
        business_id TEXT,
        payload TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending',
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        last_error TEXT, created_at TEXT NOT NULL, sent_at TEXT
    );
    CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT,
        fetched INTEGER NOT NULL DEFAULT 0, new INTEGER NOT NULL DEFAULT 0,
        edited INTEGER NOT NULL DEFAULT 0, unchanged INTEGER NOT NULL DEFAULT 0,
        pages INTEGER NOT NULL DEFAULT 0, not_modified INTEGER NOT NULL DEFAULT 0, error TEXT
    );
    CREATE INDEX runs_source ON runs (source, id);
    CREATE TABLE users (
        id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL,
        role TEXT NOT NULL, created_at TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE tokens (
        id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id),
        token_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, last_used_at TEXT
    );
    CREATE TABLE audit (
        id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
        target TEXT, detail TEXT NOT NULL DEFAULT '{}'
    );
    """)


@migrations()
def m010_platforms_reply_state(db: Database) -> None:
    """The owner's reply as the platform shows it, and the replace-a-reply confirmation."""
    run_script(db, """
    ALTER TABLE items ADD COLUMN reply_text TEXT;
    ALTER TABLE items ADD COLUMN reply_at TEXT;
    ALTER TABLE items ADD COLUMN reply_by TEXT;
    ALTER TABLE items ADD COLUMN review_updated_at TEXT;
    ALTER TABLE items ADD COLUMN deleted_at TEXT;
    ALTER TABLE drafts ADD COLUMN replaces_reply_at TEXT;
    ALTER TABLE drafts ADD COLUMN replace_confirmed INTEGER NOT NULL DEFAULT 0;
    """)


@migrations()
def m002_token_scopes_expiry(db: Database) -> None:
    # Tokens made before scopes existed keep what they could do at the queue, never admin.
    run_script(db, """
    ALTER TABLE tokens ADD COLUMN name TEXT;
    ALTER TABLE tokens ADD COLUMN scopes TEXT NOT NULL DEFAULT 'read,draft,approve';
    ALTER TABLE tokens ADD COLUMN expires_at TEXT;
    ALTER TABLE tokens ADD COLUMN revoked_at TEXT;
    ALTER TABLE users ADD COLUMN last_login_at TEXT;
    ALTER TABLE users ADD COLUMN password_changed_at TEXT;
    """)


@migrations()
def m003_server_sessions(db: Database) -> None:
    # Server-side sessions: the cookie holds a random id, this table holds only its hash, so
    # logout, disabling a user or a new password can end sessions at once.
    run_script(db, """
    CREATE TABLE sessions (
        id_hash TEXT PRIMARY KEY,
        user_id INTEGER REFERENCES users(id) ON DELETE CASCADE,
        data TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL, last_seen_at TEXT NOT NULL, expires_at TEXT NOT NULL,
        client TEXT
    );
    CREATE INDEX sessions_user ON sessions (user_id);
    CREATE INDEX sessions_expiry ON sessions (expires_at);
    """)


def private_file(path: Path) -> None:
    """Create `path` readable by its owner only (0600), or tighten it if it is wider.

    The database holds password and token hashes and every review; SQLite gives the -wal
    and -shm files the database file's mode, so they follow."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_MODE)
    except FileExistsError:
        for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            try:
                info = p.stat()
            except FileNotFoundError:
                continue
            if stat.S_ISREG(info.st_mode) and info.st_mode & 0o077 and \
                    info.st_uid == os.getuid():
                os.chmod(p, PRIVATE_MODE)
        return
    os.close(fd)


@migrations()
def m030_triage_understanding(db: Database) -> None:
    """The full triage (issues, asks, questions, flags), and staff corrections to it."""
    run_script(db, """
    ALTER TABLE triage ADD COLUMN detail TEXT NOT NULL DEFAULT '{}';
    CREATE TABLE label_corrections (
        id INTEGER PRIMARY KEY,
        business_id TEXT NOT NULL,
        item_id INTEGER REFERENCES items(id),
        text TEXT NOT NULL,
        text_hash TEXT NOT NULL,
        label TEXT NOT NULL,
        aspects TEXT NOT NULL DEFAULT '[]',
        origin TEXT NOT NULL,
        corrected_by TEXT NOT NULL,
        corrected_at TEXT NOT NULL,
        UNIQUE (business_id, text_hash)
    );
    CREATE INDEX label_corrections_business ON label_corrections (business_id, id);
    CREATE TABLE business_models (
        business_id TEXT PRIMARY KEY,
        model TEXT NOT NULL,
        corrections INTEGER NOT NULL,
        last_correction_id INTEGER NOT NULL,
        fitted_at TEXT NOT NULL,
        metrics TEXT NOT NULL DEFAULT '{}'
    );
    """)


@migrations()
def m040_llm_draft_jobs(db: Database) -> None:
    """LLM drafting runs outside the collection cycle: one job per template draft, taken by
    the worker (`reviewwatch drafts llm`, or the scheduler in `reviewwatch run`)."""
    run_script(db, """
    CREATE TABLE llm_jobs (
        id INTEGER PRIMARY KEY,
        draft_id INTEGER NOT NULL UNIQUE REFERENCES drafts(id) ON DELETE CASCADE,
        status TEXT NOT NULL DEFAULT 'pending',
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        created_at TEXT NOT NULL,
        finished_at TEXT,
        outcome TEXT
    );
    CREATE INDEX llm_jobs_due ON llm_jobs (status, next_attempt_at);
    """)


# The desk's indexes and the queue's sort key (m020, m021) live in db_indexes.py.
from reviewwatch import db_indexes  # noqa: E402,F401,I001  (registers its migrations after these)
from reviewwatch import db_scale  # noqa: E402,F401,I001  (the scale migrations, after the desk's)
from reviewwatch import db_pages  # noqa: E402,F401,I001  (roll-up and queue label)
from reviewwatch import db_ingest  # noqa: E402,F401,I001  (the roll-up's batch counts, last)


def open_database(path: str | Path | None = None, *, memory: bool = False) -> Database:
    """Open (creating and migrating) the database: WAL mode, a busy timeout, foreign keys."""
    if memory or path is None or str(path) == ":memory:":
        conn = sqlite3.connect(":memory:", check_same_thread=False)
    else:
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            private_file(path)
            conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000,
                                   check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
        except (sqlite3.Error, OSError) as e:
            raise ReviewwatchError(f"{path}: cannot open the database ({e})") from None
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA synchronous=NORMAL")
    db = Database(conn)
    try:
        check_schema(db, path)
        pending = migrations.pending(db)
        if pending and migrations.applied(db):  # an upgrade, not a new database
            log.info("%s: applying %d migration(s): %s", path, len(pending),
                     ", ".join(m.name for m in pending))
        migrations.apply(db)
    except sqlite3.DatabaseError as e:
        raise ReviewwatchError(f"{path}: not a reviewwatch database ({e})") from None
    from reviewwatch.db_scale import ensure_statistics

    ensure_statistics(db)
    return db


def known_migrations() -> list[str]:
    """The migrations this code knows, in order."""
    return [m.name for m in migrations._migrations]  # sqlite-utils keeps the list private


def check_schema(db: Database, path: Any = None) -> None:
    """Refuse a database that a newer reviewwatch migrated: this code cannot know its shape."""
    known = set(known_migrations())
    unknown = [m.name for m in migrations.applied(db) if m.name not in known]
    if unknown:
        raise SchemaTooNew(f"{path or 'the database'}: its schema is newer than this "
                           f"reviewwatch knows (migration {unknown[-1]}); upgrade reviewwatch, "
                           "or restore a backup made by this version")


# One encoder for every write: json.dumps with options builds a JSONEncoder per call (a
# fifth of the cost of the pipeline's six encodings an item).
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=str)


def _json(value: Any) -> str:
    return _ENCODER.encode(value)


def _loads(text: str | None, default: Any) -> Any:
    return json.loads(text) if text else default


# ---- businesses and sources ------------------------------------------------------------

def _config_hash(settings: Any) -> str:
    import hashlib

    shape = [[b.id, b.name, b.timezone, [[s.name, s.kind] for s in b.sources]]
             for b in settings.businesses]
    return hashlib.sha256(_json(shape).encode()).hexdigest()


def sync_config(db: Database, settings: Any) -> bool:
    """Record the configured businesses and sources, keeping each source's state.

    Only when the config's shape changed since the last sync (its hash is kept in `meta`),
    so a poll does not rewrite every source row. Returns whether anything was written.
    """
    digest = _config_hash(settings)
    row = db.execute("SELECT value FROM meta WHERE key = 'config_hash'").fetchone()
    if row and row[0] == digest:
        return False
    now = utcnow()
    with write_transaction(db):
        db.execute("INSERT INTO meta (key, value) VALUES ('config_hash', ?) "
                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [digest])
        for b in settings.businesses:
            db.execute(
                "INSERT INTO businesses (id, name, timezone, updated_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET name=excluded.name, timezone=excluded.timezone, "
                "updated_at=excluded.updated_at", [b.id, b.name, b.timezone, now])
            for s in b.sources:
                db.execute(
                    "INSERT INTO sources (name, business_id, kind) VALUES (?, ?, ?) "
                    "ON CONFLICT(name) DO UPDATE SET business_id=excluded.business_id, "
                    "kind=excluded.kind, state=CASE WHEN state = 'archived' THEN 'new' "
                    "ELSE state END", [s.name, b.id, s.kind])
        # A source gone from the config is archived, not left "failing": its items stay.
        names = [s.name for s in settings.sources]
        db.execute("UPDATE sources SET state = 'archived', unhealthy = 0, silent = 0 "
                   f"WHERE state != 'archived' AND name NOT IN ({', '.join('?' * len(names))})",
                   names)
    return True


def source_row(db: Database, name: str) -> dict[str, Any]:
    rows = list(db.query("SELECT * FROM sources WHERE name = ?", [name]))
    if not rows:
        raise NotFound(f"no source named {name!r} in the database")
    return rows[0]


def load_state(db: Database, name: str) -> State:
    """The incremental-fetch state of a source, with `seen` answering from the items table."""
    row = source_row(db, name)

    def seen(external_id: str) -> bool:
        return bool(list(db.query(
            "SELECT 1 FROM items WHERE source = ? AND external_id = ?", [name, str(external_id)])))

    def recent(limit: int) -> list[str]:
        return [r["external_id"] for r in db.query(
            "SELECT external_id FROM items WHERE source = ? AND deleted_at IS NULL "
            "ORDER BY id DESC LIMIT ?", [name, int(limit)])]

    return State(cursor=row["cursor"], etag=row["etag"], last_modified=row["last_modified"],
                  extra=_loads(row["extra"], {}), first_run=row["last_success_at"] is None,
                  seen=seen, recent=recent)


def source_health(db: Database, archived: bool = True) -> list[dict[str, Any]]:
    """Each source with its state, last success, last error and item count."""
    return list(db.query(f"""
        SELECT s.*, s.item_total AS item_count
        FROM sources s {'' if archived else "WHERE s.state != 'archived'"}
        ORDER BY s.state = 'archived', s.business_id, s.name"""))  # item_total: m023


# ---- items ------------------------------------------------------------------------------

@dataclass
class SaveResult:
    new: list[int] = field(default_factory=list)
    edited: list[int] = field(default_factory=list)
    unchanged: int = 0


def save_items(db: Database, business_id: str, items: Iterable[Item],
               now: datetime | None = None) -> SaveResult:
    """Upsert items on (source, external_id): new, edited (earlier version kept), or unchanged.

    An edit flags the item's open drafts "review changed since draft" and never touches
    a staff decision. Callers wrap this in `db.atomic()` with the source's state.
    """
    from reviewwatch.db_ingest import deferred

    # The new items are indexed for search, counted beside their source and in the roll-up
    # once for the batch, not by triggers per row
    with deferred(db, "items_fts_insert", "items_count_insert", "rollup_items_insert") as added:
        return _save_items(db, business_id, items, now, added)


def _save_items(db: Database, business_id: str, items: Iterable[Item], now: datetime | None,
                added: list[int] | None) -> SaveResult:
    from reviewwatch.replies import record_platform_reply

    result = SaveResult()
    now = utcnow_of(now) if now else utcnow()
    seen_in_batch: set[tuple[str, str]] = set()
    for chunk, failure in _chunks(items, LOOKUP_CHUNK):
        found = _stored(db, {(i.source, i.external_id) for i in chunk} - seen_in_batch)
        for item in chunk:
            _save_one(db, business_id, item, now, seen_in_batch, found, result, added,
                      record_platform_reply)
        if failure is not None:  # the items before it are saved, as one by one
            raise failure
    return result


LOOKUP_CHUNK = 500  # items whose stored rows are read in one query


def _chunks(items: Iterable[Item], size: int
            ) -> Iterator[tuple[list[Item], BaseException | None]]:
    """The items in lists of `size`; an iterable that fails gives what came before the
    failure, with it."""
    it = iter(items)
    while True:
        chunk: list[Item] = []
        try:
            for item in it:
                chunk.append(item)
                if len(chunk) == size:
                    break
        except BaseException as e:  # noqa: BLE001 (raised again, after the items before it)
            yield chunk, e
            return
        if not chunk:
            return
        yield chunk, None
        if len(chunk) < size:
            return


def _stored(db: Database, keys: set[tuple[str, str]]) -> dict[tuple[str, str], dict[str, Any]]:
    """The stored rows of these (source, external id) keys, in one query per source
    instead of one per item."""
    columns = ("id", "source", "external_id", "content_hash", "version", "author", "rating",
               "title", "text", "raw")
    by_source: dict[str, list[str]] = {}
    for source, external_id in keys:
        by_source.setdefault(source, []).append(external_id)
    out = {}
    for source, ids in by_source.items():
        for row in db.conn.execute(
                f"SELECT {', '.join(columns)} FROM items WHERE source = ? AND external_id IN "
                "(SELECT value FROM json_each(?))", [source, json.dumps(ids)]):
            out[(row[1], row[2])] = dict(zip(columns, row, strict=True))
    return out


def _save_one(db: Database, business_id: str, item: Item, now: str,
              seen_in_batch: set[tuple[str, str]], found: dict[tuple[str, str], dict[str, Any]],
              result: SaveResult, added: list[int] | None, record_platform_reply: Any) -> None:
    key = (item.source, item.external_id)
    if key in seen_in_batch:  # a platform may repeat an item across pages
        return
    seen_in_batch.add(key)
    digest = item.content_hash()
    existing = [found[key]] if key in found else []
    fields = {
        "author": item.author, "rating": item.rating, "rating_max": item.rating_max,
        "title": item.title, "text": item.text, "url": item.url,
        "published_at": item.published_at, "language": item.language,
        "raw": _json(item.raw), "content_hash": digest,
        "review_updated_at": item.updated_at,
    }
    if not existing:
        cursor = db.execute(
            "INSERT INTO items (source, business_id, external_id, kind, author, rating, "
            "rating_max, title, text, url, published_at, language, raw, content_hash, "
            "review_updated_at, reply_text, reply_at, reply_by, first_seen_at) VALUES "
            "(:source, :business_id, :external_id, :kind, :author, :rating, :rating_max, "
            ":title, :text, :url, :published_at, :language, :raw, :content_hash, "
            ":review_updated_at, :reply_text, :reply_at, :reply_by, :now)",
            {**fields, "source": item.source, "business_id": business_id,
             "external_id": item.external_id, "kind": str(item.kind), "now": now,
             "reply_text": item.reply_text, "reply_at": item.reply_at,
             "reply_by": "platform" if item.reply_text or item.reply_at else None})
        result.new.append(cursor.lastrowid)
        if added is not None:
            added.append(cursor.lastrowid)
        queue_work(db, cursor.lastrowid, True)
        return
    old = existing[0]
    if record_platform_reply(db, old["id"], item,
                             datetime.fromisoformat(now.replace("Z", "+00:00"))) and \
            old["content_hash"] == digest:
        queue_work(db, old["id"], False)  # its reply is gone: it may be answered again
        result.unchanged += 1
        return
    if old["content_hash"] == digest:
        result.unchanged += 1
        return
    db.execute(
        "INSERT INTO item_versions (item_id, version, author, rating, title, text, raw, "
        "content_hash, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [old["id"], old["version"], old["author"], old["rating"], old["title"], old["text"],
         old["raw"], old["content_hash"], now])
    db.execute(
        "UPDATE items SET author=:author, rating=:rating, rating_max=:rating_max, "
        "title=:title, text=:text, url=:url, published_at=:published_at, "
        "language=:language, raw=:raw, content_hash=:content_hash, version=version+1, "
        "review_updated_at=coalesce(:review_updated_at, :now), edited_at=:now "
        "WHERE id=:id", {**fields, "now": now, "id": old["id"]})
    db.execute(
        "UPDATE drafts SET review_changed = 1 WHERE item_id = ? AND content_hash != ?",
        [old["id"], digest])
    queue_work(db, old["id"], False)
    result.edited.append(old["id"])


def get_item(db: Database, item_id: int) -> dict[str, Any]:
    rows = list(db.query("SELECT * FROM items WHERE id = ?", [item_id]))
    if not rows:
        raise NotFound(f"no item with id {item_id}")
    row = rows[0]
    row["raw"] = _loads(row["raw"], {})
    return row


def item_versions(db: Database, item_id: int) -> list[dict[str, Any]]:
    return list(db.query(
        "SELECT * FROM item_versions WHERE item_id = ? ORDER BY version", [item_id]))


# ---- triage -------------------------------------------------------------------------------

def save_triage(db: Database, item_id: int, content_hash: str, result: dict[str, Any]) -> None:
    """Store (replacing) the triage of one item; triage owns this row."""
    db.execute(
        "INSERT INTO triage (item_id, label, score, vader, aspects, evidence, language, "
        "needs_reply, needs_human, priority, content_hash, scored_at, detail) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(item_id) DO UPDATE SET "
        "label=excluded.label, score=excluded.score, vader=excluded.vader, "
        "aspects=excluded.aspects, evidence=excluded.evidence, language=excluded.language, "
        "needs_reply=excluded.needs_reply, needs_human=excluded.needs_human, "
        "priority=excluded.priority, content_hash=excluded.content_hash, "
        "scored_at=excluded.scored_at, detail=excluded.detail",
        [item_id, result["label"], result["score"], result["vader"], _json(result["aspects"]),
         _json(result["evidence"]), result.get("language"), int(bool(result["needs_reply"])),
         int(bool(result.get("needs_human"))), result["priority"], content_hash, utcnow(),
         _json({k: v for k, v in result.items() if k not in _TRIAGE_COLUMNS})])
    # The queue sorts on a copy of the priority; a re-triaged item moves in the queue.
    db.execute(f"UPDATE drafts SET queue_rank = (SELECT {RANK_OF_PRIORITY} FROM triage t "
               "WHERE t.item_id = drafts.item_id) WHERE item_id = ?", [item_id])


_TRIAGE_COLUMNS = frozenset({"label", "score", "vader", "aspects", "evidence", "language",
                             "needs_reply", "needs_human", "priority"})


def triage_of(row: dict[str, Any] | None) -> dict[str, Any] | None:
    """A triage row as the JSON Lines contract's `triage` object."""
    if not row or row.get("label") is None:
        return None
    detail = _loads(row.get("detail") or row.get("t_detail"), {})
    return {**detail, "label": row["label"], "score": row["score"], "vader": row["vader"],
            "aspects": _loads(row["aspects"], []), "evidence": _loads(row["evidence"], []),
            "language": row.get("language", row.get("t_language")),
            "needs_reply": bool(row["needs_reply"]),
            "needs_human": bool(row["needs_human"]), "priority": row["priority"]}


def get_triage(db: Database, item_id: int) -> dict[str, Any] | None:
    rows = list(db.query("SELECT * FROM triage WHERE item_id = ?", [item_id]))
    return triage_of(rows[0]) if rows else None


# ---- drafts -------------------------------------------------------------------------------

def add_draft(db: Database, item_id: int, content_hash: str, draft: dict[str, Any],
              generator: str = "template", replaces_reply_at: str | None = None) -> int:
    """Store a new pending draft for an item (marked when it would replace a reply)."""
    cursor = db.execute(
        "INSERT INTO drafts (item_id, status, reply, parts, lint, fits, generator, content_hash, "
        "created_at, replaces_reply_at, queue_rank) VALUES (?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, "
        f"coalesce((SELECT {RANK_OF_PRIORITY} FROM triage t WHERE t.item_id = ?), 3))",
        [item_id, draft["reply"], _json(draft["parts"]), _json(draft["lint"]),
         _json(draft["fits"]), generator, content_hash, utcnow(), replaces_reply_at, item_id])
    return int(cursor.lastrowid)


def latest_draft(db: Database, item_id: int) -> dict[str, Any] | None:
    rows = list(db.query(
        "SELECT * FROM drafts WHERE item_id = ? ORDER BY id DESC LIMIT 1", [item_id]))
    return _draft_row(rows[0]) if rows else None


def _draft_row(row: dict[str, Any]) -> dict[str, Any]:
    for key, default in (("parts", []), ("lint", []), ("fits", {})):
        row[key] = _loads(row[key], default)
    row["review_changed"] = bool(row["review_changed"])
    return row


DRAFT_QUEUE_SQL = """
    SELECT d.*, i.business_id, i.source, i.kind AS item_kind, i.author, i.rating, i.rating_max,
           i.title, i.text, i.url, i.published_at, i.external_id,
           i.reply_text AS existing_reply, i.reply_at AS existing_reply_at,
           i.reply_by AS existing_reply_by,
           t.label, t.score, t.priority, t.aspects, t.evidence, t.needs_reply, t.needs_human,
           t.vader, t.language, t.detail AS t_detail
    FROM drafts d JOIN items i ON i.id = d.item_id LEFT JOIN triage t ON t.item_id = i.id
"""


def list_drafts(db: Database, status: str | None = "pending", business: str | None = None,
                limit: int = 500, label: str | None = None) -> list[dict[str, Any]]:
    """The approval queue's first `limit` drafts: most urgent first, then newest.

    Read from the index a rank at a time (`queries.drafts_page` gives the following pages).
    """
    from reviewwatch.queries import drafts_page

    return drafts_page(db, status, business=business, label=label, limit=limit).rows


def get_draft(db: Database, draft_id: int) -> dict[str, Any]:
    rows = list(db.query(DRAFT_QUEUE_SQL + " WHERE d.id = ?", [draft_id]))
    if not rows:
        raise NotFound(f"no draft with id {draft_id}")
    return _queue_row(rows[0])


def _queue_row(row: dict[str, Any]) -> dict[str, Any]:
    row = _draft_row(row)
    row["triage"] = triage_of(row)
    return row


def set_draft_status(db: Database, draft_id: int, status: DraftStatus, **fields: Any) -> None:
    """Record a staff decision or a publishing outcome on a draft."""
    sets = ", ".join(f"{k} = :{k}" for k in fields)
    db.execute(f"UPDATE drafts SET status = :status{', ' + sets if sets else ''} WHERE id = :id",
               {"status": str(status), "id": draft_id, **fields})


def record_post_attempt(db: Database, draft_id: int, error: str) -> None:
    """Count one failed attempt to post a draft, with its error."""
    db.execute("UPDATE drafts SET post_attempts = post_attempts + 1, post_error = ? WHERE id = ?",
               [error[:500], draft_id])


def audit(db: Database, actor: str, action: str, target: str | None = None,
          **detail: Any) -> None:
    """Append to the audit log."""
    db.execute("INSERT INTO audit (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)",
               [utcnow(), actor, action, target, _json(detail)])


# ---- outbox -------------------------------------------------------------------------------

def enqueue(db: Database, kind: str, dedupe_key: str, payload: dict[str, Any],
            business_id: str | None = None, now: datetime | None = None) -> bool:
    """Queue one message, due at `now` (the caller's clock); a dedupe key is queued once."""
    now = utcnow_of(now) if now else utcnow()
    cursor = db.execute(
        "INSERT INTO outbox (kind, dedupe_key, business_id, payload, next_attempt_at, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(dedupe_key) DO NOTHING",
        [kind, dedupe_key, business_id, _json(payload), now, now])
    return cursor.rowcount == 1


def due_messages(db: Database, now: str | None = None) -> Iterator[dict[str, Any]]:
    for row in db.query(
            "SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY id",
            [now or utcnow()]):
        row["payload"] = _loads(row["payload"], {})
        yield row


# ---- items listing and export -------------------------------------------------------------

ITEMS_SQL = """
    SELECT i.*, t.label, t.score, t.vader, t.aspects, t.evidence, t.language AS t_language,
           t.needs_reply, t.needs_human, t.priority, t.detail AS t_detail,
           d.id AS draft_id, d.status AS draft_status,
           coalesce(d.final_text, d.reply) AS draft_text, d.review_changed
    FROM items i
    LEFT JOIN triage t ON t.item_id = i.id
    LEFT JOIN drafts d ON d.id = (SELECT max(id) FROM drafts WHERE item_id = i.id)
"""


def list_items(db: Database, *, business: str | None = None, label: str | None = None,
               status: str | None = None, since: str | None = None, kind: str | None = None,
               limit: int | None = None) -> Iterator[dict[str, Any]]:
    """Items with their triage and latest draft, newest first; each item once."""
    where, args = [], []
    for clause, value in (("i.business_id = ?", business), ("t.label = ?", label),
                          ("d.status = ?", status), ("i.kind = ?", kind),
                          ("coalesce(i.published_at, i.first_seen_at) >= ?", since)):
        if value:
            where.append(clause)
            args.append(value)
    sql = ITEMS_SQL + (" WHERE " + " AND ".join(where) if where else "") + \
        " ORDER BY coalesce(i.published_at, i.first_seen_at) DESC, i.id DESC"
    if limit:
        sql += f" LIMIT {int(limit)}"
    for row in db.query(sql, args):
        row["raw"] = _loads(row["raw"], {})
        row["triage"] = triage_of({**row, "language": row["t_language"]})
        yield row


# ---- transactions and the scale helpers ------------------------------------------------

BUSY_RETRIES = 5


@contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """A transaction that takes the write lock first (BEGIN IMMEDIATE).

    A deferred transaction that reads and then writes can fail at once with "database is
    locked" when another connection committed in between (SQLite cannot wait its way out
    of that); taking the lock first lets the busy timeout do the waiting instead.
    Nested inside an open transaction it is a savepoint.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    for attempt in range(BUSY_RETRIES):
        try:
            db.conn.execute("BEGIN IMMEDIATE")
            break
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or attempt == BUSY_RETRIES - 1:
                raise
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    else:
        db.conn.execute("COMMIT")


def queue_work(db: Database, item_id: int, is_new: bool) -> None:
    """Put a saved item on the triage work queue (in the transaction that saved it)."""
    if is_new:
        db.execute("INSERT OR REPLACE INTO triage_queue (item_id, is_new) VALUES (?, 1)",
                   [item_id])
    else:
        db.execute("INSERT INTO triage_queue (item_id, is_new) VALUES (?, 0) "
                   "ON CONFLICT(item_id) DO NOTHING", [item_id])


from reviewwatch.db_scale import (  # noqa: E402,F401  (batched writes and retention)
    PRIORITY_RANK,
    TRIAGE_UPSERT,
    add_drafts,
    finish_work,
    items_for_processing,
    prune,
    queued_work,
    save_triages,
)
