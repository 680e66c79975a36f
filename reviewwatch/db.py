"""Storage: SQLite in WAL mode through sqlite-utils, versioned migrations, and the queries.

Tables have owners. Collectors own `items` and `item_versions`; triage owns `triage`;
responders and staff own `drafts`; the notifier owns `outbox`. No write crosses those lines.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlite_utils import Database, Migrations

from reviewwatch.errors import NotFound, ReviewwatchError
from reviewwatch.models import DraftStatus, Item, State

BUSY_TIMEOUT_MS = 30_000

migrations = Migrations("reviewwatch")
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
    db.executescript("""
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



ITEM_WHEN = "coalesce(i.published_at, i.first_seen_at)"  # indexed as items_when


@migrations()
def m020_scale_indexes(db: Database) -> None:
    # Every lookup the pipeline and the pages make, found with EXPLAIN QUERY PLAN: without
    # these, the latest-draft lookup scans every draft per item (quadratic), the item lists
    # sort every item per request, and the digest scans items by first_seen_at.
    # IF NOT EXISTS and the column check: the desk branch adds some of the same by name.
    db.executescript("""
    CREATE INDEX IF NOT EXISTS drafts_item ON drafts (item_id, id);
    CREATE INDEX IF NOT EXISTS items_when ON items (coalesce(published_at, first_seen_at));
    CREATE INDEX IF NOT EXISTS items_business_when
        ON items (business_id, coalesce(published_at, first_seen_at));
    CREATE INDEX IF NOT EXISTS items_business_seen ON items (business_id, first_seen_at);
    CREATE INDEX IF NOT EXISTS outbox_kind ON outbox (kind, status, id);
    CREATE INDEX IF NOT EXISTS outbox_sent ON outbox (status, sent_at);
    CREATE INDEX IF NOT EXISTS runs_finished ON runs (finished_at);
    CREATE INDEX IF NOT EXISTS audit_at ON audit (at);
    CREATE INDEX IF NOT EXISTS audit_target ON audit (target, id);
    CREATE INDEX IF NOT EXISTS item_versions_recorded ON item_versions (recorded_at);
    CREATE INDEX IF NOT EXISTS tokens_user ON tokens (user_id);
    """)
    if "queue_rank" not in db["drafts"].columns_dict:
        db.executescript(f"""
        ALTER TABLE drafts ADD COLUMN queue_rank INTEGER NOT NULL DEFAULT 3;
        UPDATE drafts SET queue_rank = coalesce((SELECT {RANK_OF_PRIORITY} FROM triage t
                                                 WHERE t.item_id = drafts.item_id), 3);
        """)
    db.execute("CREATE INDEX IF NOT EXISTS drafts_queue ON drafts (status, queue_rank, id)")
    db.execute("CREATE INDEX IF NOT EXISTS drafts_to_post ON drafts (id) "
               "WHERE status = 'approved' AND publish_mode = 'manual'")


@migrations()
def m021_scale_work_queue(db: Database) -> None:
    # Items saved but not yet triaged and drafted. The save and the queue row commit
    # together, and so do the triage and the queue row's removal: a process killed between
    # the two leaves the work here, and the next cycle finishes it instead of losing it.
    db.execute("CREATE TABLE IF NOT EXISTS triage_queue (item_id INTEGER PRIMARY KEY "
               "REFERENCES items(id), is_new INTEGER NOT NULL DEFAULT 1)")


@migrations()
def m022_scale_search(db: Database) -> None:
    # Full-text search over items, kept in step by triggers; an external-content table so
    # the texts are not stored twice. Search answers in rowid (collection) order, which FTS5
    # reads from its index without sorting the matches.
    db.executescript("""
    CREATE VIRTUAL TABLE IF NOT EXISTS items_fts USING fts5(
        title, text, author, content='items', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2');
    CREATE TRIGGER IF NOT EXISTS items_fts_insert AFTER INSERT ON items BEGIN
        INSERT INTO items_fts (rowid, title, text, author)
        VALUES (new.id, new.title, new.text, new.author);
    END;
    CREATE TRIGGER IF NOT EXISTS items_fts_delete AFTER DELETE ON items BEGIN
        INSERT INTO items_fts (items_fts, rowid, title, text, author)
        VALUES ('delete', old.id, old.title, old.text, old.author);
    END;
    CREATE TRIGGER IF NOT EXISTS items_fts_update AFTER UPDATE OF title, text, author ON items
    BEGIN
        INSERT INTO items_fts (items_fts, rowid, title, text, author)
        VALUES ('delete', old.id, old.title, old.text, old.author);
        INSERT INTO items_fts (rowid, title, text, author)
        VALUES (new.id, new.title, new.text, new.author);
    END;
    INSERT INTO items_fts (items_fts) VALUES ('rebuild');
    """)


@migrations()
def m023_scale_source_counts(db: Database) -> None:
    # The Sources page and the digest showed a count(*) per source: a scan of a million
    # index entries per page view. Triggers keep an exact count beside each source.
    db.executescript("""
    ALTER TABLE sources ADD COLUMN item_total INTEGER NOT NULL DEFAULT 0;
    UPDATE sources SET item_total = (SELECT count(*) FROM items i WHERE i.source = sources.name);
    CREATE TRIGGER IF NOT EXISTS items_count_insert AFTER INSERT ON items BEGIN
        UPDATE sources SET item_total = item_total + 1 WHERE name = new.source;
    END;
    CREATE TRIGGER IF NOT EXISTS items_count_delete AFTER DELETE ON items BEGIN
        UPDATE sources SET item_total = item_total - 1 WHERE name = old.source;
    END;
    """)


@migrations()
def m024_scale_meta(db: Database) -> None:
    # Small facts about the database itself, e.g. the hash of the config last synced.
    db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


@migrations()
def m025_scale_outbox_claim(db: Database) -> None:
    # A publish message is claimed (status 'sending', claimed_at) and committed before its
    # reply goes out: a process killed mid-post leaves the claim, and the claim is never
    # sent again by itself, so no reply is posted twice.
    db.execute("ALTER TABLE outbox ADD COLUMN claimed_at TEXT")

def open_database(path: str | Path | None = None, *, memory: bool = False) -> Database:
    """Open (creating and migrating) the database: WAL mode, a busy timeout, foreign keys."""
    if memory or path is None or str(path) == ":memory:":
        conn = sqlite3.connect(":memory:", check_same_thread=False)
    else:
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
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
        migrations.apply(db)
    except sqlite3.DatabaseError as e:
        raise ReviewwatchError(f"{path}: not a reviewwatch database ({e})") from None
    return db


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


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

    Only when the config changed since the last sync (its hash is kept in `meta`): an
    unchanged config writes nothing, so a poll of 200 sources does not rewrite 200 rows.
    Returns whether anything was written.
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
                    "kind=excluded.kind", [s.name, b.id, s.kind])
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

    return State(cursor=row["cursor"], etag=row["etag"], last_modified=row["last_modified"],
                  extra=_loads(row["extra"], {}), first_run=row["last_success_at"] is None,
                  seen=seen)


def source_health(db: Database, business: str | None = None) -> list[dict[str, Any]]:
    """Each source (of one business, or all) with its state, last success and error, items."""
    where, args = ("WHERE s.business_id = ?", [business]) if business else ("", [])
    return list(db.query(f"""
        SELECT s.*, s.item_total AS item_count
        FROM sources s {where} ORDER BY s.business_id, s.name""", args))


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
    result = SaveResult()
    now = utcnow_of(now) if now else utcnow()
    seen_in_batch: set[tuple[str, str]] = set()
    for item in items:
        key = (item.source, item.external_id)
        if key in seen_in_batch:  # a platform may repeat an item across pages
            continue
        seen_in_batch.add(key)
        digest = item.content_hash()
        existing = list(db.query(
            "SELECT id, content_hash, version, author, rating, title, text, raw FROM items "
            "WHERE source = ? AND external_id = ?", list(key)))
        fields = {
            "author": item.author, "rating": item.rating, "rating_max": item.rating_max,
            "title": item.title, "text": item.text, "url": item.url,
            "published_at": item.published_at, "language": item.language,
            "raw": _json(item.raw), "content_hash": digest,
        }
        if not existing:
            cursor = db.execute(
                "INSERT INTO items (source, business_id, external_id, kind, author, rating, "
                "rating_max, title, text, url, published_at, language, raw, content_hash, "
                "first_seen_at) VALUES (:source, :business_id, :external_id, :kind, :author, "
                ":rating, :rating_max, :title, :text, :url, :published_at, :language, :raw, "
                ":content_hash, :now)",
                {**fields, "source": item.source, "business_id": business_id,
                 "external_id": item.external_id, "kind": str(item.kind), "now": now})
            result.new.append(cursor.lastrowid)
            db.execute("INSERT OR REPLACE INTO triage_queue (item_id, is_new) VALUES (?, 1)",
                       [cursor.lastrowid])
            continue
        old = existing[0]
        if old["content_hash"] == digest:
            result.unchanged += 1
            continue
        db.execute(
            "INSERT INTO item_versions (item_id, version, author, rating, title, text, raw, "
            "content_hash, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [old["id"], old["version"], old["author"], old["rating"], old["title"], old["text"],
             old["raw"], old["content_hash"], now])
        db.execute(
            "UPDATE items SET author=:author, rating=:rating, rating_max=:rating_max, "
            "title=:title, text=:text, url=:url, published_at=:published_at, "
            "language=:language, raw=:raw, content_hash=:content_hash, version=version+1, "
            "edited_at=:now WHERE id=:id", {**fields, "now": now, "id": old["id"]})
        db.execute(
            "UPDATE drafts SET review_changed = 1 WHERE item_id = ? AND content_hash != ?",
            [old["id"], digest])
        db.execute("INSERT INTO triage_queue (item_id, is_new) VALUES (?, 0) "
                   "ON CONFLICT(item_id) DO NOTHING", [old["id"]])
        result.edited.append(old["id"])
    return result


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
        "needs_reply, needs_human, priority, content_hash, scored_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(item_id) DO UPDATE SET "
        "label=excluded.label, score=excluded.score, vader=excluded.vader, "
        "aspects=excluded.aspects, evidence=excluded.evidence, language=excluded.language, "
        "needs_reply=excluded.needs_reply, needs_human=excluded.needs_human, "
        "priority=excluded.priority, content_hash=excluded.content_hash, "
        "scored_at=excluded.scored_at",
        [item_id, result["label"], result["score"], result["vader"], _json(result["aspects"]),
         _json(result["evidence"]), result.get("language"), int(bool(result["needs_reply"])),
         int(bool(result.get("needs_human"))), result["priority"], content_hash, utcnow()])
    # The queue sorts on a copy of the priority; a re-triaged item moves in the queue.
    db.execute(f"UPDATE drafts SET queue_rank = (SELECT {RANK_OF_PRIORITY} FROM triage t "
               "WHERE t.item_id = drafts.item_id) WHERE item_id = ?", [item_id])


def triage_of(row: dict[str, Any] | None) -> dict[str, Any] | None:
    """A triage row as the JSON Lines contract's `triage` object."""
    if not row or row.get("label") is None:
        return None
    return {"label": row["label"], "score": row["score"], "vader": row["vader"],
            "aspects": _loads(row["aspects"], []), "evidence": _loads(row["evidence"], []),
            "language": row["language"], "needs_reply": bool(row["needs_reply"]),
            "needs_human": bool(row["needs_human"]), "priority": row["priority"]}


def get_triage(db: Database, item_id: int) -> dict[str, Any] | None:
    rows = list(db.query("SELECT * FROM triage WHERE item_id = ?", [item_id]))
    return triage_of(rows[0]) if rows else None


# ---- drafts -------------------------------------------------------------------------------

def add_draft(db: Database, item_id: int, content_hash: str, draft: dict[str, Any],
              generator: str = "template") -> int:
    """Store a new pending draft for an item."""
    cursor = db.execute(
        "INSERT INTO drafts (item_id, status, reply, parts, lint, fits, generator, content_hash, "
        "created_at, queue_rank) VALUES (?, 'pending', ?, ?, ?, ?, ?, ?, ?, "
        f"coalesce((SELECT {RANK_OF_PRIORITY} FROM triage t WHERE t.item_id = ?), 3))",
        [item_id, draft["reply"], _json(draft["parts"]), _json(draft["lint"]),
         _json(draft["fits"]), generator, content_hash, utcnow(), item_id])
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
           t.label, t.score, t.priority, t.aspects, t.evidence, t.needs_reply, t.needs_human,
           t.vader, t.language
    FROM drafts d JOIN items i ON i.id = d.item_id LEFT JOIN triage t ON t.item_id = i.id
"""


def list_drafts(db: Database, status: str | None = "pending", business: str | None = None,
                limit: int = 500, label: str | None = None) -> list[dict[str, Any]]:
    """The approval queue's first `limit` drafts: most urgent first, then newest.

    A page of it, read from the index (see `queries.drafts_page` for the following pages).
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
           t.needs_reply, t.needs_human, t.priority,
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


# ---- batched writes (the pipeline) ----------------------------------------------------------

PRIORITY_RANK = {"urgent": 0, "high": 1, "normal": 2}  # anything else ranks 3
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


def queued_work(db: Database, limit: int, after: int = 0) -> list[tuple[int, bool]]:
    """(item id, is new) of items saved but not yet triaged, oldest first."""
    return [(r[0], bool(r[1])) for r in db.execute(
        "SELECT item_id, is_new FROM triage_queue WHERE item_id > ? ORDER BY item_id LIMIT ?",
        [after, limit])]


def items_for_processing(db: Database, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """The items with these ids, each with `has_draft`, in one query."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = db.query(
        "SELECT i.id, i.source, i.business_id, i.external_id, i.kind, i.author, i.rating, "
        "i.rating_max, i.title, i.text, i.url, i.published_at, i.language, i.content_hash, "
        "i.first_seen_at, EXISTS (SELECT 1 FROM drafts d WHERE d.item_id = i.id) AS has_draft "
        f"FROM items i WHERE i.id IN ({marks})", list(ids))
    return {r["id"]: r for r in rows}


TRIAGE_UPSERT = (
    "INSERT INTO triage (item_id, label, score, vader, aspects, evidence, language, "
    "needs_reply, needs_human, priority, content_hash, scored_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(item_id) DO UPDATE SET "
    "label=excluded.label, score=excluded.score, vader=excluded.vader, "
    "aspects=excluded.aspects, evidence=excluded.evidence, language=excluded.language, "
    "needs_reply=excluded.needs_reply, needs_human=excluded.needs_human, "
    "priority=excluded.priority, content_hash=excluded.content_hash, "
    "scored_at=excluded.scored_at")


def save_triages(db: Database, rows: Sequence[tuple[int, str, dict[str, Any]]]) -> None:
    """Store (replacing) the triage of many items: (item id, content hash, result) each.

    An item's open drafts move in the queue with its priority (`queue_rank` is the queue's
    indexed copy of it).
    """
    now = utcnow()
    db.conn.executemany(TRIAGE_UPSERT, [
        [item_id, r["label"], r["score"], r["vader"], _json(r["aspects"]), _json(r["evidence"]),
         r.get("language"), int(bool(r["needs_reply"])), int(bool(r.get("needs_human"))),
         r["priority"], content_hash, now] for item_id, content_hash, r in rows])
    db.conn.executemany(
        "UPDATE drafts SET queue_rank = ? WHERE item_id = ? AND queue_rank != ?",
        [[rank, item_id, rank] for item_id, _, r in rows
         for rank in [PRIORITY_RANK.get(r["priority"], 3)]])


def add_drafts(db: Database, rows: Sequence[tuple[int, str, dict[str, Any], str]]) -> None:
    """Store new pending drafts: (item id, content hash, draft, priority) each."""
    now = utcnow()
    db.conn.executemany(
        "INSERT INTO drafts (item_id, status, reply, parts, lint, fits, generator, content_hash, "
        "created_at, queue_rank) VALUES (?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?)",
        [[item_id, d["reply"], _json(d["parts"]), _json(d["lint"]), _json(d["fits"]),
          d.get("generator", "template"), content_hash, now, PRIORITY_RANK.get(priority, 3)]
         for item_id, content_hash, d, priority in rows])


def finish_work(db: Database, ids: Sequence[int]) -> None:
    """Take these items off the work queue (in the transaction that stored their triage)."""
    db.conn.executemany("DELETE FROM triage_queue WHERE item_id = ?", [[i] for i in ids])


def prune(db: Database, retention: Any, now: datetime | None = None) -> dict[str, int]:
    """Delete history older than the retention policy; return the rows deleted per table.

    Runs, delivered outbox rows (sent or failed; pending ones are never touched), earlier
    versions of edited items, and the audit log each have their own number of days; 0
    keeps everything. Each table is pruned in batches so no transaction holds the write
    lock for long.
    """
    moment = now or datetime.now(UTC)
    plan = (("runs", retention.runs_days, "finished_at < ?"),
            ("outbox", retention.outbox_days, "status IN ('sent', 'failed') AND "
                                              "coalesce(sent_at, created_at) < ?"),
            ("item_versions", retention.item_versions_days, "recorded_at < ?"),
            ("audit", retention.audit_days, "at < ?"))
    deleted: dict[str, int] = {}
    for table, days, where in plan:
        deleted[table] = 0
        if not days:
            continue
        cutoff = utcnow_of(moment - timedelta(days=days))
        while True:
            with write_transaction(db):
                n = db.execute(f"DELETE FROM {table} WHERE id IN (SELECT id FROM {table} "
                               f"WHERE {where} LIMIT {PRUNE_BATCH})", [cutoff]).rowcount
            deleted[table] += n
            if n < PRUNE_BATCH:
                break
    return deleted


PRUNE_BATCH = 5_000
