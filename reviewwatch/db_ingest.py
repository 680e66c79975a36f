"""A batch's per-row trigger work, done once for the batch: a backfill's search index,
source counts and the roll-up's first counts.

Four triggers fire once per row a backfill writes: an item's insert indexes it for search
(m022), counts it beside its source (m023) and in the roll-up (six upserts through the
`rollup_item` view), and its first triage adds its label, need and aspects to the roll-up
(six more). Per row, they were most of what the collecting process spent on an item
(micro-benchmarks on the shared 2-core machine, 5,000 items: save_items 167-413 us an
item with every trigger per row, 55-69 with all four deferred; the triage write ~20 us
less).

m060 gives those triggers a condition: each stands aside while its flag row is in
`deferred_triggers`. `deferred` sets the flags inside the writer's own transaction, lets
the batch write its rows, runs the triggers' statements once over the batch's ids, and
clears the flags, before the transaction commits. Another connection never sees a flag (it
is never committed); a crash rolls it back with the batch; an exception still indexes and
counts the rows written so far and clears the flags, as the triggers would have. The sums
are the same additions in the same order (ids ascending), so the stored figures are the
same, and the search index answers the same (its segments are laid out differently).

A database whose trigger lacks the condition (a later migration that rebuilds the
roll-up's triggers) is written row by row, as before: `deferred` checks each trigger's
SQL first, so a row is never indexed or counted twice.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

from sqlite_utils import Database

from reviewwatch import rollup
from reviewwatch.db import migrations, run_script

FLAG_TABLE = "deferred_triggers"
IDS = "SELECT value FROM json_each(:ids)"


def _search(ids: str) -> str:
    return ("INSERT INTO items_fts (rowid, title, text, author) SELECT id, title, text, author "
            f"FROM items WHERE id IN ({ids}) ORDER BY id;")


def _counts(ids: str) -> str:
    batch = f"SELECT i.source FROM items i WHERE i.id IN ({ids})"
    return (f"UPDATE sources SET item_total = item_total + (SELECT count(*) FROM ({batch}) b "
            f"WHERE b.source = sources.name) WHERE name IN ({batch});")


# trigger -> (its table, its statements for one row, the same statements over a batch)
TRIGGERS = {
    # m022's search index row, as it wrote it (the batch's: one statement, not one a row)
    "items_fts_insert": ("items", "INSERT INTO items_fts (rowid, title, text, author) "
                         "VALUES (new.id, new.title, new.text, new.author);", _search(IDS)),
    # m023's count of items beside each source
    "items_count_insert": ("items", "UPDATE sources SET item_total = item_total + 1 "
                           "WHERE name = new.source;", _counts(IDS)),
    "rollup_items_insert": ("items", rollup._change("NEW.id", "+"),  # noqa: SLF001
                            rollup._change(IDS, "+")),  # noqa: SLF001
    "rollup_triage_after_insert": (
        "triage", rollup._change("NEW.item_id", "+", triage_only=True),  # noqa: SLF001
        rollup._change(IDS, "+", triage_only=True)),  # noqa: SLF001
}
# (this SQL holds no ';' inside a literal: each ';' ends a statement)
BATCH_STATEMENTS = {name: [s.strip() for s in batch.split(";") if s.strip()]
                    for name, (_, _, batch) in TRIGGERS.items()}


@migrations()
def m060_ingest_batch_triggers(db: Database) -> None:
    """The flag table, and the four per-row triggers that stand aside for their flag."""
    run_script(db, f"CREATE TABLE IF NOT EXISTS {FLAG_TABLE} (name TEXT PRIMARY KEY) "
               "WITHOUT ROWID;" + "".join(
                   f"""DROP TRIGGER IF EXISTS {name};
                   CREATE TRIGGER {name} AFTER INSERT ON {table}
                   WHEN NOT EXISTS (SELECT 1 FROM {FLAG_TABLE} WHERE name = '{name}') BEGIN
                       {one}
                   END;"""
                   for name, (table, one, _) in TRIGGERS.items()))


def defers(db: Database, trigger: str) -> bool:
    """Whether this database's trigger stands aside for its flag (m060's version of it)."""
    row = db.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                     [trigger]).fetchone()
    return bool(row) and FLAG_TABLE in row[0]


@contextmanager
def deferred(db: Database, *triggers: str, enabled: bool = True
             ) -> Iterator[list[int] | None]:
    """Within the caller's open transaction: these triggers stand aside, and on exit their
    statements run once over the ids the caller appended to the list it is given.

    Yields None (each row fires the triggers, as before) outside a transaction, when not
    `enabled`, or when none of the database's triggers stands aside; a trigger that does
    not stand aside fires per row, and its batch statements are not run."""
    standing = [t for t in triggers if enabled and db.conn.in_transaction and defers(db, t)]
    if not standing:
        yield None
        return
    owned = [t for t in standing if db.conn.execute(
        f"INSERT INTO {FLAG_TABLE} (name) VALUES (?) ON CONFLICT(name) DO NOTHING",
        [t]).rowcount == 1]
    ids: list[int] = []
    try:
        yield ids
    finally:
        try:
            if ids:
                args = {"ids": json.dumps(sorted(ids))}
                for trigger in standing:
                    for statement in BATCH_STATEMENTS[trigger]:
                        db.conn.execute(statement, args)
        finally:
            for trigger in owned:
                db.conn.execute(f"DELETE FROM {FLAG_TABLE} WHERE name = ?", [trigger])
