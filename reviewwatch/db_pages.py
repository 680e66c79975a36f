"""Migrations for the pages at size: the dashboard's daily roll-up, and the queue's label.

m050: the roll-up tables of reviewwatch.rollup, its view and triggers, and its back-fill
(58 s at a million items on the shared 2-core machine).

m051: the item's label copied onto its drafts. The queue filtered by label joined every
open draft to its triage row and kept the few that matched: 100-130 ms a page at 155,000
open drafts. With the label on the draft row and in the index (status, item_label,
queue_rank, id), a filtered page is one index range, in the queue's order, like an
unfiltered one. Triggers keep the copy: a new draft takes its item's label, and a triage
that is stored again, corrected by staff or deleted moves the label of every draft of
that item.

Registered on db.migrations after all others (db.py imports this module last). The
roll-up module is used as a module reference, at call time, so importing either first
registers the migrations in the same order.
"""

from __future__ import annotations

from sqlite_utils import Database

from reviewwatch import rollup
from reviewwatch.db import migrations, run_script

LABEL_OF_ITEM = "(SELECT t.label FROM triage t WHERE t.item_id = {})"


def analyze_new(db: Database, *names: str) -> None:
    """Statistics for new tables or indexes, in a database that has statistics already.

    Without them the planner guessed the new label index would do for the queue's
    unfiltered page too, and sorted 155,000 open drafts (345 ms instead of 1 ms). A
    database without statistics gets them all once it is big enough
    (db_scale.ensure_statistics)."""
    if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone():
        for name in names:
            db.execute(f"ANALYZE {name}")


@migrations()
def m050_pages_daily_rollup(db: Database) -> None:
    """The dashboard's daily roll-up tables, their triggers, and the back-fill."""
    run_script(db, f"""
    CREATE TABLE rollup_buckets (floor REAL PRIMARY KEY, bucket INTEGER NOT NULL)
        WITHOUT ROWID;
    CREATE TABLE rollup_zones (business_id TEXT PRIMARY KEY, day_offset TEXT NOT NULL);
    CREATE TABLE rollup_days (
        scope TEXT NOT NULL, day TEXT NOT NULL, source TEXT NOT NULL,
        volume INTEGER NOT NULL, negative INTEGER NOT NULL, rated INTEGER NOT NULL,
        stars REAL NOT NULL, needing INTEGER NOT NULL, replied INTEGER NOT NULL,
        within_hour INTEGER NOT NULL, latest TEXT,
        PRIMARY KEY (scope, day, source)) WITHOUT ROWID;
    -- The dashboard's source table: per source, its days, without a sort.
    CREATE INDEX rollup_days_source ON rollup_days (scope, source, day, volume, latest);
    CREATE TABLE rollup_reply_minutes (
        scope TEXT NOT NULL, day TEXT NOT NULL, bucket INTEGER NOT NULL,
        n INTEGER NOT NULL, minutes REAL NOT NULL,
        PRIMARY KEY (scope, day, bucket)) WITHOUT ROWID;
    CREATE TABLE rollup_aspects (
        scope TEXT NOT NULL, day TEXT NOT NULL, aspect TEXT NOT NULL, n INTEGER NOT NULL,
        PRIMARY KEY (scope, day, aspect)) WITHOUT ROWID;
    {rollup.VIEW};
    {rollup.triggers()}
    """)
    db.conn.executemany("INSERT INTO rollup_buckets (floor, bucket) VALUES (?, ?)",
                        rollup.bucket_floors())
    rollup.backfill(db)
    analyze_new(db, "rollup_days", "rollup_days_source", "rollup_reply_minutes",
                "rollup_aspects")


@migrations()
def m051_pages_queue_label(db: Database) -> None:
    """drafts.item_label, its index, its back-fill and the triggers that keep it."""
    run_script(db, f"""
    ALTER TABLE drafts ADD COLUMN item_label TEXT;
    UPDATE drafts SET item_label = {LABEL_OF_ITEM.format('drafts.item_id')};
    CREATE INDEX drafts_queue_label ON drafts (status, item_label, queue_rank, id DESC);
    CREATE TRIGGER drafts_label_insert AFTER INSERT ON drafts
    WHEN NEW.item_label IS NOT {LABEL_OF_ITEM.format('NEW.item_id')} BEGIN
        UPDATE drafts SET item_label = {LABEL_OF_ITEM.format('NEW.item_id')}
        WHERE id = NEW.id;
    END;
    CREATE TRIGGER drafts_label_triage_insert AFTER INSERT ON triage BEGIN
        UPDATE drafts SET item_label = NEW.label WHERE item_id = NEW.item_id;
    END;
    CREATE TRIGGER drafts_label_triage_update AFTER UPDATE OF label, item_id ON triage
    WHEN OLD.label IS NOT NEW.label OR OLD.item_id IS NOT NEW.item_id BEGIN
        UPDATE drafts SET item_label = NULL WHERE item_id = OLD.item_id;
        UPDATE drafts SET item_label = NEW.label WHERE item_id = NEW.item_id;
    END;
    CREATE TRIGGER drafts_label_triage_delete AFTER DELETE ON triage BEGIN
        UPDATE drafts SET item_label = NULL WHERE item_id = OLD.item_id;
    END;
    """)
    analyze_new(db, "drafts_queue_label")


@migrations()
def m052_pages_rollup_first_triage(db: Database) -> None:
    """An item's first triage adds its figures in one upsert per table and scope instead of
    taking the item away and adding it back (the backfill's costliest trigger)."""
    run_script(db, f"""
    DROP TRIGGER IF EXISTS rollup_triage_before_insert;
    DROP TRIGGER IF EXISTS rollup_triage_after_insert;
    {rollup.TRIAGE_INSERT_TRIGGERS}
    """)


@migrations()
def m053_replies_removed_on_platform(db: Database) -> None:
    """When a platform stopped showing an item's owner reply: it can be answered again."""
    db.execute("ALTER TABLE items ADD COLUMN reply_removed_at TEXT")


@migrations()
def m054_pages_rollup_platform_replies(db: Database) -> None:
    """The roll-up counts a reply the platform shows (made anywhere) as an answer, as the
    digest does: the view, the item triggers (which now watch the reply columns) and the
    figures are rebuilt."""
    run_script(db, "DROP VIEW IF EXISTS rollup_item;" + "".join(
        f"DROP TRIGGER IF EXISTS {t};" for t in rollup.TRIGGER_NAMES) +
        f"{rollup.VIEW}; {rollup.triggers()}")
    rollup.backfill(db)
