"""Storage: migrations, upserts (new / edited / unchanged), history, drafts, outbox."""

from __future__ import annotations

import sqlite3

import pytest

from reviewwatch import db as store
from reviewwatch.errors import NotFound, ReviewwatchError
from reviewwatch.models import Item


def item(external_id="r1", text="Cold soup.", rating=2.0, **kw):
    return Item(source="s1", external_id=external_id, text=text, rating=rating, **kw)


@pytest.fixture
def db(tmp_path):
    return store.open_database(tmp_path / "t.db")


def test_open_database_uses_wal_and_migrates_once(tmp_path):
    path = tmp_path / "t.db"
    first = store.open_database(path)
    assert first.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert first.execute("PRAGMA busy_timeout").fetchone()[0] == store.BUSY_TIMEOUT_MS
    again = store.open_database(path)
    applied = list(again.query("SELECT name FROM _sqlite_migrations"))
    # Each migration the code knows, applied once, in order (other branches add theirs).
    known = [m.name for m in store.migrations._migrations]
    assert known[0] == "m001_initial"
    assert sorted(r["name"] for r in applied) == sorted(known) and len(applied) == len(known)


def test_a_database_from_before_the_queue_rank_gets_it_from_the_triage(tmp_path):
    """m021 on a database whose drafts were written under m001 alone."""
    import sqlite3

    from sqlite_utils import Database, Migrations

    path = tmp_path / "old.db"
    old = Database(sqlite3.connect(str(path)))
    first_only = Migrations("reviewwatch")  # the migrations as they stood at first
    first_only()(store.m001_initial)
    first_only.apply(old)
    old.execute("INSERT INTO items (id, source, business_id, external_id, kind, text, "
                "content_hash, first_seen_at) VALUES (1, 's', 'b', 'e1', 'review', 't', 'h', "
                "'2026-01-01T00:00:00Z'), (2, 's', 'b', 'e2', 'review', 't', 'h', "
                "'2026-01-01T00:00:00Z')")
    old.execute("INSERT INTO triage (item_id, label, score, vader, aspects, evidence, "
                "needs_reply, priority, content_hash, scored_at) VALUES "
                "(1, 'negative', 0, 0, '[]', '[]', 1, 'urgent', 'h', 'x')")
    for item in (1, 2):
        old.execute("INSERT INTO drafts (item_id, reply, parts, lint, fits, content_hash, "
                    "created_at) VALUES (?, 'r', '[]', '[]', '{}', 'h', 'x')", [item])
    old.conn.commit()
    old.conn.close()
    db = store.open_database(path)
    assert [r["queue_rank"] for r in db.query("SELECT queue_rank FROM drafts ORDER BY id")] \
        == [0, 3]


def test_open_database_rejects_a_file_that_is_not_sqlite(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("this is not a database " * 100)
    with pytest.raises(ReviewwatchError, match="not a reviewwatch database|cannot open"):
        store.open_database(path)


def test_save_items_new_unchanged_edited(db):
    first = store.save_items(db, "b", [item("r1"), item("r2", "Great!", 5)])
    assert len(first.new) == 2 and first.unchanged == 0
    again = store.save_items(db, "b", [item("r1"), item("r2", "Great!", 5)])
    assert (again.new, again.edited, again.unchanged) == ([], [], 2)
    edited = store.save_items(db, "b", [item("r1", "Cold soup, rude waiter.", 1)])
    assert edited.edited == first.new[:1]
    row = store.get_item(db, first.new[0])
    assert (row["text"], row["rating"], row["version"]) == ("Cold soup, rude waiter.", 1, 2)
    history = store.item_versions(db, first.new[0])
    assert [(h["version"], h["text"], h["rating"]) for h in history] == [(1, "Cold soup.", 2)]


def test_save_items_ignores_a_repeat_within_one_batch(db):
    result = store.save_items(db, "b", [item("r1"), item("r1")])
    assert len(result.new) == 1
    assert db["items"].count == 1


def test_unchanged_poll_writes_nothing(db):
    store.save_items(db, "b", [item("r1")])
    before = db.execute("SELECT total_changes()").fetchone()[0]
    store.save_items(db, "b", [item("r1")])
    assert db.execute("SELECT total_changes()").fetchone()[0] == before


def test_edit_flags_the_draft_but_keeps_the_decision(db):
    (item_id,) = store.save_items(db, "b", [item("r1")]).new
    draft_id = store.add_draft(db, item_id, store.get_item(db, item_id)["content_hash"],
                               {"reply": "Sorry", "parts": [], "lint": [], "fits": {}})
    store.set_draft_status(db, draft_id, "approved", decided_by="maria")
    store.save_items(db, "b", [item("r1", "Actually it was fine.", 4)])
    draft = store.latest_draft(db, item_id)
    assert draft["review_changed"] is True
    assert (draft["status"], draft["decided_by"]) == ("approved", "maria")


def test_atomic_batch_rolls_back_whole(db):
    with pytest.raises(sqlite3.IntegrityError), db.atomic():
        store.save_items(db, "b", [item("r1")])
        db.execute("INSERT INTO triage (item_id) VALUES (NULL)")  # fails NOT NULL
    assert db["items"].count == 0


def test_enqueue_is_idempotent_on_its_key(db):
    assert store.enqueue(db, "slack_alert", "alert:item:1", {"item_id": 1})
    assert not store.enqueue(db, "slack_alert", "alert:item:1", {"item_id": 1})
    assert [m["payload"] for m in store.due_messages(db)] == [{"item_id": 1}]


def test_get_draft_unknown_is_not_found(db):
    with pytest.raises(NotFound, match="no draft with id 99"):
        store.get_draft(db, 99)


def test_item_bounds_text_and_author():
    long = Item(source="s", external_id=1, text="x" * 50_000, author="a" * 1000)
    assert len(long.text) == 20_000 and len(long.author) == 200
    assert long.external_id == "1"
