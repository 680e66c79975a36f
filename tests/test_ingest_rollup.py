"""The roll-up's batch counts (db_ingest.py), on a real SQLite file.

A batch written in one transaction (as the pipeline writes a backfill) counts its new items
and their first triage once for the batch; the roll-up tables must be exactly the ones the
per-row triggers build, and the ones a fresh back-fill builds, whatever happens mid-batch.
The helpers and the clock are test_rollup.py's.
"""

from __future__ import annotations

import random
from datetime import timedelta

import pytest

from reviewwatch import db as store
from reviewwatch import db_ingest, rollup
from tests.test_rollup import BUSINESSES, NOW, draft, make_item, settings_for, tables, triage_result


class Boom(Exception):
    pass


def fresh(tmp_path, name):
    settings = settings_for(tmp_path / name)
    db = store.open_database(settings.storage_path)
    store.sync_config(db, settings)
    for business, tz in BUSINESSES.items():
        rollup.ensure_zone(db, business, rollup.offset_now(tz, NOW))
    return db


def backfilled(db) -> dict:
    """The tables a back-fill builds from the same rows (the direct aggregate)."""
    with store.write_transaction(db):
        for scope in (rollup.ALL, *BUSINESSES):
            rollup.rebuild_scope(db, scope)
    return tables(db)


def batches(db, seed: int = 7) -> None:
    """What a backfill writes: items per business in one transaction each, then triage and
    drafts in batches; then some re-triaged (updates), one batch naming an item twice."""
    rng = random.Random(seed)
    ids = []
    for business in BUSINESSES:
        items = [make_item(rng, business, n, NOW - timedelta(days=rng.randrange(700)))
                 for n in range(120)]
        with store.write_transaction(db):
            ids += store.save_items(db, business, items, now=NOW).new
    results = {i: triage_result(rng) for i in ids}
    for k in range(0, len(ids), 100):
        with store.write_transaction(db):
            store.save_triages(db, [(i, "h", results[i]) for i in ids[k:k + 100]])
            store.add_drafts(db, [(i, "h", draft(i), results[i]["priority"], None)
                                  for i in ids[k:k + 100] if rng.random() < 0.8])
    with store.write_transaction(db):
        store.save_triages(db, [(i, "h2", triage_result(rng)) for i in rng.sample(ids, 50)])
    twice = ids[5]
    with store.write_transaction(db):
        store.save_triages(db, [(twice, "h3", triage_result(rng)),
                                (ids[6], "h3", triage_result(rng)),
                                (twice, "h4", triage_result(rng))])


def searched(db) -> dict[str, list[int]]:
    """What the search index answers (its integrity checked first)."""
    db.execute("INSERT INTO items_fts (items_fts, rank) VALUES ('integrity-check', 1)")
    return {q: [r[0] for r in db.execute(
        "SELECT rowid FROM items_fts WHERE items_fts MATCH ? ORDER BY rowid", [q])]
        for q in ("review", "review 7", "1*", "edited", "x")}


def counted(db) -> list[tuple]:
    """Each source's kept item count, which must be its items' count."""
    kept = [tuple(r) for r in db.execute("SELECT name, item_total FROM sources ORDER BY 1")]
    assert kept == [tuple(r) for r in db.execute(
        "SELECT s.name, (SELECT count(*) FROM items i WHERE i.source = s.name) FROM sources s "
        "ORDER BY 1")]
    assert sum(n for _, n in kept) == db.execute("SELECT count(*) FROM items").fetchone()[0]
    return kept


def batch_statements(db) -> list[str]:
    seen: list[str] = []
    # (the callback sees the statement with its parameters filled in)
    db.conn.set_trace_callback(
        lambda sql: seen.append(sql.split()[1 if sql.startswith("UPDATE") else 2])
        if "json_each('[" in sql else None)
    return seen


def test_a_batch_counted_once_gives_the_tables_of_the_per_row_triggers(tmp_path, monkeypatch):
    deferred = fresh(tmp_path, "deferred")
    ran = batch_statements(deferred)
    batches(deferred)
    deferred.conn.set_trace_callback(None)
    # the batches were indexed and counted by the batch statements, not row by row
    assert {"items_fts", "sources", "rollup_days", "rollup_aspects"} <= set(ran)
    kept = tables(deferred)

    with monkeypatch.context() as m:
        m.setattr(db_ingest, "defers", lambda db, trigger: False)
        per_row = fresh(tmp_path, "per-row")
        batches(per_row)
    assert kept["rollup_days"] and kept["rollup_aspects"]
    assert tables(per_row) == kept
    assert searched(deferred) == searched(per_row) and searched(deferred)["review 7"]
    assert counted(deferred) == counted(per_row)
    assert backfilled(deferred) == kept
    assert deferred.execute("SELECT count(*) FROM deferred_triggers").fetchone()[0] == 0


def exploding(rng, business, count):
    for n in range(count):
        yield make_item(rng, business, n, NOW - timedelta(days=n))
    raise Boom("the source broke mid-batch")


def test_a_failure_mid_batch_rolls_back_or_counts_what_was_written(tmp_path):
    db = fresh(tmp_path, "boom")
    rng = random.Random(3)
    with pytest.raises(Boom), store.write_transaction(db):  # the pipeline's way: all or none
        store.save_items(db, "bistro", exploding(rng, "bistro", 5), now=NOW)
    assert db.execute("SELECT count(*) FROM items").fetchone()[0] == 0
    assert tables(db) == {"rollup_days": [], "rollup_reply_minutes": [], "rollup_aspects": []}

    with store.write_transaction(db):  # a caller that goes on: the rows written so far count
        with pytest.raises(Boom):
            store.save_items(db, "bistro", exploding(rng, "bistro", 5), now=NOW)
        assert db.execute("SELECT count(*) FROM deferred_triggers").fetchone()[0] == 0
        store.save_items(db, "app", [make_item(rng, "app", 99, NOW)], now=NOW)
    assert db.execute("SELECT count(*) FROM items").fetchone()[0] == 6
    assert len(searched(db)["review"]) == 6
    counted(db)
    kept = tables(db)
    assert sum(r[3] for r in kept["rollup_days"] if r[0] == rollup.ALL) == 6
    assert backfilled(db) == kept


def test_a_trigger_rebuilt_without_the_condition_still_counts_once(tmp_path):
    db = fresh(tmp_path, "rebuilt")
    # as a later migration that re-creates the roll-up's triggers from rollup.py would
    db.executescript(f"""
    DROP TRIGGER rollup_items_insert;
    CREATE TRIGGER rollup_items_insert AFTER INSERT ON items BEGIN
        {rollup._change('NEW.id', '+')}
    END;""")
    assert not db_ingest.defers(db, "rollup_items_insert")
    assert db_ingest.defers(db, "rollup_triage_after_insert")
    batches(db)
    kept = tables(db)
    assert kept["rollup_days"]
    assert backfilled(db) == kept
