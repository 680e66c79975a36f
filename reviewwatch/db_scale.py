"""Migrations and writes for scale: indexes, the work queue, search, counts, retention.

Registered on db.migrations after db.py's and the desk's (db.py imports this module at the
end of its migrations). The batched writes are what the pipeline uses to triage and draft
hundreds of items per transaction; `prune` applies the retention policy.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlite_utils import Database

from reviewwatch import db as store  # for helpers defined after db.py imports this module
from reviewwatch.db import RANK_OF_PRIORITY, migrations, run_script, utcnow, utcnow_of

PRIORITY_RANK = {"urgent": 0, "high": 1, "normal": 2}  # anything else ranks 3
PRUNE_BATCH = 5_000
STATS_AFTER_ITEMS = 10_000  # below this, any plan is fast; stats of an empty table mislead
ANALYSIS_LIMIT = 0  # whole indexes: ~1.2 s at a million items; sampling misjudged labels


@migrations()
def m020_scale_indexes(db: Database) -> None:
    # Every lookup the pipeline and the pages make, found with EXPLAIN QUERY PLAN: without
    # these, the latest-draft lookup scans every draft per item (quadratic), the item lists
    # sort every item per request, and the digest scans items by first_seen_at.
    # IF NOT EXISTS and the column check: the desk branch adds some of the same by name.
    run_script(db, """
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
        run_script(db, f"""
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
    run_script(db, """
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
    run_script(db, """
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
        "SELECT i.*, EXISTS (SELECT 1 FROM drafts d WHERE d.item_id = i.id) AS has_draft "
        f"FROM items i WHERE i.id IN ({marks})", list(ids))
    return {r["id"]: r for r in rows}


TRIAGE_UPSERT = (
    "INSERT INTO triage (item_id, label, score, vader, aspects, evidence, language, "
    "needs_reply, needs_human, priority, content_hash, scored_at, detail) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(item_id) DO UPDATE SET "
    "label=excluded.label, score=excluded.score, vader=excluded.vader, "
    "aspects=excluded.aspects, evidence=excluded.evidence, language=excluded.language, "
    "needs_reply=excluded.needs_reply, needs_human=excluded.needs_human, "
    "priority=excluded.priority, content_hash=excluded.content_hash, "
    "scored_at=excluded.scored_at, detail=excluded.detail")


def save_triages(db: Database, rows: Sequence[tuple[int, str, dict[str, Any]]]) -> None:
    """Store (replacing) the triage of many items: (item id, content hash, result) each.

    The same row as `db.save_triage` (the rest of the result in `detail`). An item's open
    drafts move in the queue with its priority (`queue_rank` is the queue's indexed copy).
    """
    from reviewwatch.db_ingest import deferred

    now = utcnow()
    columns = store._TRIAGE_COLUMNS
    ids = [item_id for item_id, _, _ in rows]
    # An item's first triage is counted in the roll-up once for the batch (an item twice in
    # one batch: row by row, as the triggers count an insert and then an update)
    with deferred(db, "rollup_triage_after_insert", enabled=len(set(ids)) == len(ids)) as added:
        if added is not None:
            known = {r[0] for r in db.conn.execute(
                "SELECT item_id FROM triage WHERE item_id IN (SELECT value FROM json_each(?))",
                [json.dumps(ids)])}
            added.extend(i for i in ids if i not in known)
        db.conn.executemany(TRIAGE_UPSERT, [
            [item_id, r["label"], r["score"], r["vader"], store._json(r["aspects"]),
             store._json(r["evidence"]), r.get("language"), int(bool(r["needs_reply"])),
             int(bool(r.get("needs_human"))), r["priority"], content_hash, now,
             store._json({k: v for k, v in r.items() if k not in columns})]
            for item_id, content_hash, r in rows])
    db.conn.executemany(
        "UPDATE drafts SET queue_rank = ? WHERE item_id = ? AND queue_rank != ?",
        [[rank, item_id, rank] for item_id, _, r in rows
         for rank in [PRIORITY_RANK.get(r["priority"], 3)]])


def add_drafts(db: Database,
               rows: Sequence[tuple[int, str, dict[str, Any], str, str | None]]) -> None:
    """Store new pending drafts: (item id, content hash, draft, priority, replaces reply at)."""
    now = utcnow()
    db.conn.executemany(
        "INSERT INTO drafts (item_id, status, reply, parts, lint, fits, generator, content_hash, "
        "created_at, queue_rank, replaces_reply_at, item_label) "
        "VALUES (?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        # the item's label at once, so the label-copy trigger has nothing to rewrite
        "(SELECT t.label FROM triage t WHERE t.item_id = ?))",
        [[item_id, d["reply"], store._json(d["parts"]), store._json(d["lint"]),
          store._json(d["fits"]), d.get("generator", "template"), content_hash, now,
          PRIORITY_RANK.get(priority, 3), replaces, item_id]
         for item_id, content_hash, d, priority, replaces in rows])


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
            with store.write_transaction(db):
                n = db.execute(f"DELETE FROM {table} WHERE id IN (SELECT id FROM {table} "
                               f"WHERE {where} LIMIT {PRUNE_BATCH})", [cutoff]).rowcount
            deleted[table] += n
            if n < PRUNE_BATCH:
                break
    return deleted


def analyze(db: Database) -> None:
    """Refresh the planner's statistics (a full ANALYZE: about 1.2 s at a million items)."""
    db.execute(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
    db.execute("ANALYZE")


def ensure_statistics(db: Database) -> None:
    """Give the planner statistics once the database is big enough to need them.

    Without sqlite_stat1 SQLite guesses, and at a million items one guess made a digest
    take 55 s instead of 30 ms. The scheduler refreshes them daily (with the pruning).
    """
    has = db.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone()
    items = db.execute("SELECT max(id) FROM items").fetchone()[0] or 0
    if has or items < STATS_AFTER_ITEMS:
        return
    with contextlib.suppress(sqlite3.OperationalError):  # read-only or busy: next open
        analyze(db)
