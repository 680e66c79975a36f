"""save_items reads the stored rows of its items a chunk at a time (db.LOOKUP_CHUNK): the
result must be the one of looking each item up in turn, at every chunk boundary, with
repeats across chunks, edits, unchanged items and a source that fails part-way.
Real SQLite files; the clock is fixed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from reviewwatch import db as store
from reviewwatch.models import Item

NOW = datetime(2026, 11, 22, 15, 0, tzinfo=UTC)


class Boom(Exception):
    pass


def item(n: int, text: str = "", source: str = "s") -> Item:
    return Item(source=source, external_id=f"r{n}", text=text or f"review {n}", rating=n % 5 + 1)


def first_pass() -> list[Item]:
    return [item(n, source="s" if n % 4 else "t") for n in range(10)]


def second_pass() -> list[Item]:
    # new items, a repeat inside the batch and across chunks, edits, unchanged ones
    return [item(3, "edited 3"), item(11), item(3, "edited again"), item(4), item(12),
            item(4), item(8, "edited 8", source="t"), item(13), item(11), item(5)]


def saved(tmp_path, name: str, chunk: int, monkeypatch, items=second_pass):
    monkeypatch.setattr(store, "LOOKUP_CHUNK", chunk)
    db = store.open_database(tmp_path / f"{name}.db")
    db.execute("INSERT INTO businesses (id, name, timezone) VALUES ('b', 'B', 'UTC')")
    for source in ("s", "t"):
        db.execute("INSERT INTO sources (name, business_id, kind) VALUES (?, 'b', 'csv')",
                   [source])
    with store.write_transaction(db):
        first = store.save_items(db, "b", first_pass(), now=NOW)
    with store.write_transaction(db):
        second = store.save_items(db, "b", items(), now=NOW)
    rows = [tuple(r) for r in db.execute(
        "SELECT id, source, external_id, text, version, content_hash FROM items ORDER BY id")]
    versions = [tuple(r) for r in db.execute(
        "SELECT item_id, version, text FROM item_versions ORDER BY id")]
    queue = [tuple(r) for r in db.execute("SELECT * FROM triage_queue ORDER BY item_id")]
    return first, second, rows, versions, queue


@pytest.mark.parametrize("chunk", [2, 3, 4, 500])
def test_a_chunked_lookup_saves_what_one_by_one_saves(tmp_path, monkeypatch, chunk):
    one_by_one = saved(tmp_path, "one", 1, monkeypatch)
    assert saved(tmp_path, f"chunk{chunk}", chunk, monkeypatch) == one_by_one
    _, second, rows, versions, _ = one_by_one
    assert len(second.new) == 4 and second.edited == [4, 9] and second.unchanged == 1
    assert [v[0] for v in versions] == [4, 9] and len(rows) == 14


def test_a_source_that_fails_mid_chunk_keeps_the_items_before_it(tmp_path, monkeypatch):
    def failing():
        yield from second_pass()[:5]
        raise Boom("the file broke")

    monkeypatch.setattr(store, "LOOKUP_CHUNK", 3)
    db = store.open_database(tmp_path / "boom.db")
    with store.write_transaction(db):
        with pytest.raises(Boom):
            store.save_items(db, "b", failing(), now=NOW)
        kept = [r[0] for r in db.execute("SELECT external_id FROM items ORDER BY id")]
    assert kept == ["r3", "r11", "r4", "r12"]  # the five before the failure, one a repeat
