"""The roll-up's first counts of a batch, added once for the batch instead of once per row.

The roll-up (rollup.py) is kept by triggers. Two of them fire once per row a backfill
writes: an item's insert counts it (six upserts through the `rollup_item` view), and its
first triage adds its label, need and aspects (six more). Per row, they were three
quarters of what the collecting process spent on an item (bench/bench_ingest.py: about
300 us of a 390 us save, 50 us of a 90 us triage write, on the shared 2-core machine).

m060 gives those two triggers a condition: they stand aside while this module's flag row
for them is in `rollup_deferred`. `deferred_rollup` sets the flag inside the writer's own
transaction, lets the batch write its rows, adds all of them to the roll-up with the same
statements the trigger runs (over the batch's ids instead of NEW's), and clears the flag,
before the transaction commits. Another connection never sees the flag (it is never
committed); a crash rolls it back with the batch; an exception still adds the rows written
so far and clears the flag, as the triggers would have. The sums are the same additions
in the same order (ids ascending), so the stored figures are the same.

A database whose trigger lacks the condition (a later migration that rebuilds the
roll-up's triggers) is written row by row, as before: `deferred_rollup` checks the
trigger's SQL first, so a batch is never counted twice.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

from sqlite_utils import Database

from reviewwatch import rollup
from reviewwatch.db import migrations, run_script

FLAG_TABLE = "rollup_deferred"
IDS = "SELECT value FROM json_each(:ids)"
# trigger name -> (its flag and table, the row's id in the trigger, triage_only)
TRIGGERS = {"rollup_items_insert": ("items", "NEW.id", False),
            "rollup_triage_after_insert": ("triage", "NEW.item_id", True)}


def _body(trigger: str, ids: str) -> str:
    """The trigger's statements (rollup.py's own), over `ids`."""
    _, _, triage_only = TRIGGERS[trigger]
    return rollup._change(ids, "+", triage_only=triage_only)  # noqa: SLF001


# (the roll-up's SQL holds no ';' inside a literal: each ';' ends a statement)
BATCH_STATEMENTS = {name: [s.strip() for s in _body(name, IDS).split(";") if s.strip()]
                    for name in TRIGGERS}


@migrations()
def m060_ingest_rollup_deferral(db: Database) -> None:
    """The flag table, and the two per-row roll-up triggers that stand aside for it."""
    run_script(db, f"CREATE TABLE IF NOT EXISTS {FLAG_TABLE} (name TEXT PRIMARY KEY) "
               "WITHOUT ROWID;" + "".join(
                   f"""DROP TRIGGER IF EXISTS {name};
                   CREATE TRIGGER {name} AFTER INSERT ON {flag}
                   WHEN NOT EXISTS (SELECT 1 FROM {FLAG_TABLE} WHERE name = '{flag}') BEGIN
                       {_body(name, new_id)}
                   END;"""
                   for name, (flag, new_id, _) in TRIGGERS.items()))


def defers(db: Database, trigger: str) -> bool:
    """Whether this database's trigger stands aside for its flag (m060's version of it)."""
    row = db.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                     [trigger]).fetchone()
    return bool(row) and FLAG_TABLE in row[0]


@contextmanager
def deferred_rollup(db: Database, trigger: str, enabled: bool = True
                    ) -> Iterator[list[int] | None]:
    """Within the caller's open transaction: the trigger stands aside, and the ids the
    caller appends to the list it is given are added to the roll-up on exit.

    Yields None (the trigger counts each row, as before) outside a transaction, when not
    `enabled`, or when the database's trigger does not stand aside."""
    if not enabled or not db.conn.in_transaction or not defers(db, trigger):
        yield None
        return
    flag = TRIGGERS[trigger][0]
    owner = db.conn.execute(f"INSERT INTO {FLAG_TABLE} (name) VALUES (?) "
                            "ON CONFLICT(name) DO NOTHING", [flag]).rowcount == 1
    ids: list[int] = []
    try:
        yield ids
    finally:
        try:
            if ids:
                args = {"ids": json.dumps(sorted(ids))}
                for statement in BATCH_STATEMENTS[trigger]:
                    db.conn.execute(statement, args)
        finally:
            if owner:
                db.conn.execute(f"DELETE FROM {FLAG_TABLE} WHERE name = ?", [flag])
