"""Migrations for the desk's pages: the indexes the dashboard, items and queue read through,
and the queue's sort key.

They are registered on db.migrations after db.py's own (this module is imported at the end
of db.py's migrations), and they depend on m001 only.
"""

from __future__ import annotations

from sqlite_utils import Database

from reviewwatch.db import RANK_OF_PRIORITY, migrations, run_script


@migrations()
def m020_desk_indexes(db: Database) -> None:
    # The dashboard, items and queue pages filter on these instead of scanning every row.
    run_script(db, """
    CREATE INDEX IF NOT EXISTS items_when ON items (coalesce(published_at, first_seen_at));
    CREATE INDEX IF NOT EXISTS items_business_when
        ON items (business_id, coalesce(published_at, first_seen_at));
    CREATE INDEX IF NOT EXISTS drafts_item ON drafts (item_id, id);
    CREATE INDEX IF NOT EXISTS drafts_posted ON drafts (status, posted_at);
    """)


@migrations()
def m021_desk_queue_rank(db: Database) -> None:
    # The queue's order (most urgent, then newest) indexed: a page without sorting them all.
    run_script(db, f"""
    ALTER TABLE drafts ADD COLUMN queue_rank INTEGER NOT NULL DEFAULT 3;
    UPDATE drafts SET queue_rank = coalesce((SELECT {RANK_OF_PRIORITY} FROM triage t
                                             WHERE t.item_id = drafts.item_id), 3);
    CREATE INDEX IF NOT EXISTS drafts_queue ON drafts (status, queue_rank, id DESC);
    """)
