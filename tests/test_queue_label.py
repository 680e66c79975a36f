"""The queue's label filter reads the label copied onto each draft (db_pages.py): the copy
follows triage, corrections and deletions, and the filtered page is one index range.
Real SQLite file, fixed clock."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from reviewwatch import corrections, queue_list
from reviewwatch import db as store
from tests.dashdata import add, settings_two_businesses

NOW = datetime(2026, 11, 22, 15, 0, tzinfo=UTC)


@pytest.fixture
def db(tmp_path):
    settings = settings_two_businesses(tmp_path)
    database = store.open_database(settings.storage_path)
    store.sync_config(database, settings)
    return database


def triage(label: str) -> dict:
    return {"label": label, "score": 0.0, "vader": 0.0, "aspects": [], "evidence": [],
            "language": "en", "needs_reply": True, "priority": "normal"}


def labelled(db, label: str) -> list[int]:
    """The item ids of the pending drafts the queue shows under `label`, every page."""
    out, after, total = [], None, None
    while True:
        page = queue_list.page(db, queue_list.Filters(label=label), after=after, now=NOW,
                               size=2)
        out += [r["item_id"] for r in page.rows]
        assert all(r["label"] == label for r in page.rows)
        total = page.total if total is None else total
        if not page.next_cursor:
            assert total == len(out)  # the count is of the same rows
            return sorted(out)
        after = page.next_cursor


def test_the_label_copy_follows_triage_corrections_and_deletions(db):
    items = [add(db, "app", "app-play", NOW - timedelta(hours=n), label=label,
                 draft_status="pending")
             for n, label in enumerate(("negative", "negative", "mixed", "positive", "mixed"))]
    assert labelled(db, "negative") == items[:2] and labelled(db, "mixed") == [items[2],
                                                                               items[4]]
    with db.atomic():  # the pipeline stores a new triage for two items
        store.save_triages(db, [(items[0], "h2", triage("mixed")),
                                (items[3], "h2", triage("negative"))])
    corrections.correct_item(db, items[4], "positive", actor="staff", origin="web")
    store.add_draft(db, items[1], "h", {"reply": "Again", "parts": [], "lint": [],
                                        "fits": {}})  # a second draft takes the label too
    assert labelled(db, "negative") == [items[1], items[1], items[3]]
    assert labelled(db, "mixed") == [items[0], items[2]]
    assert labelled(db, "positive") == [items[4]]
    with db.atomic():
        db.execute("DELETE FROM triage WHERE item_id = ?", [items[2]])
    assert labelled(db, "mixed") == [items[0]]
    assert db.execute("SELECT item_label FROM drafts WHERE item_id = ?",
                      [items[2]]).fetchone()[0] is None
    count = db.execute("SELECT count(*) FROM drafts WHERE item_label IS NOT "
                       "(SELECT label FROM triage t WHERE t.item_id = drafts.item_id)")
    assert count.fetchone()[0] == 0


def test_a_label_page_and_its_count_read_the_label_index(db):
    add(db, "app", "app-play", NOW, label="mixed", draft_status="pending")
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    try:
        queue_list.page(db, queue_list.Filters(label="mixed"), now=NOW)
        queue_list.page(db, queue_list.Filters(label="mixed"), after="2.999999", now=NOW)
    finally:
        db.conn.set_trace_callback(None)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 4
    for sql in selects:
        plan = " | ".join(r["detail"] for r in db.query("EXPLAIN QUERY PLAN " + sql))
        assert "drafts_queue_label" in plan, plan
        assert not re.search(r"USE TEMP B-TREE FOR ORDER BY", plan), plan
