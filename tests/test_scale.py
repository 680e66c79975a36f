"""Scale: indexed lookups, keyset pages, counts in SQL, batched triage, a crash-safe work queue."""

from __future__ import annotations

import csv
import re
from datetime import timedelta

import pytest

from reviewwatch import db as store
from reviewwatch import pipeline, queries
from reviewwatch.errors import InputError
from reviewwatch.models import Item
from tests.webutil import SEED_NOW, make_settings

NEGATIVE = "The waiter was rude and we waited an hour for cold food. Never again."
POSITIVE = "Lovely dinner, friendly staff and the best pie in town."


@pytest.fixture
def settings(tmp_path):
    return make_settings(tmp_path)


def fill(db, n, *, business="bistro", source="bistro-app", start=0, same_time=False):
    """n items saved as the collectors save them; every third one negative."""
    items = []
    for k in range(start, start + n):
        when = SEED_NOW - timedelta(minutes=0 if same_time else k)
        items.append(Item(source=source, external_id=f"us:{k}", author=f"user{k}",
                          rating=1 if k % 3 == 0 else 5, title=None,
                          text=NEGATIVE if k % 3 == 0 else POSITIVE,
                          published_at=when.strftime("%Y-%m-%dT%H:%M:%SZ")))
    with store.write_transaction(db):
        return store.save_items(db, business, items, now=SEED_NOW)


def seeded(settings, n, **kw):
    db = store.open_database(settings.storage_path)
    store.sync_config(db, settings)
    fill(db, n, **kw)
    pipeline.process_pending(db, settings, now=SEED_NOW)
    return db


def plan(db, sql, args=()):
    return " | ".join(r[3] for r in db.execute("EXPLAIN QUERY PLAN " + sql, list(args)))


@pytest.mark.parametrize(("sql", "args", "index"), [
    ("SELECT * FROM drafts WHERE item_id = ? ORDER BY id DESC LIMIT 1", [1], "drafts_item"),
    (store.ITEMS_SQL + f" ORDER BY {store.ITEM_WHEN} DESC, i.id DESC LIMIT 50", [], "items_when"),
    (store.ITEMS_SQL + f" WHERE i.business_id = ? ORDER BY {store.ITEM_WHEN} DESC LIMIT 50",
     ["bistro"], "items_business_when"),
    (store.ITEMS_SQL + " WHERE i.business_id = ? AND i.first_seen_at >= ? AND "
     "i.first_seen_at < ?", ["bistro", "a", "b"], "items_business_seen"),
    (store.DRAFT_QUEUE_SQL + " WHERE d.status = ? AND d.queue_rank = ? ORDER BY d.id DESC "
     "LIMIT 50", ["pending", 1], "drafts_queue"),
    ("SELECT * FROM outbox WHERE status = 'sent' AND sent_at < ?", ["x"], "outbox_sent"),
    ("SELECT * FROM triage_queue WHERE item_id > ? ORDER BY item_id", [0], "triage_queue"),
])
def test_every_lookup_uses_an_index_not_a_scan(settings, sql, args, index):
    db = seeded(settings, 5)
    shown = plan(db, sql, args)
    assert index in shown or "PRIMARY KEY" in shown, shown
    # An index read in order ("SCAN i USING INDEX", stopped by the LIMIT) is fine; a bare
    # "SCAN table" reads every row.
    assert not re.search(r"SCAN \w+(?! USING)( |$)", shown.replace(" | ", "\n"), re.M), shown
    assert "USE TEMP B-TREE FOR ORDER BY" not in shown, shown


def test_item_pages_walk_every_item_once_in_order_even_with_equal_times(settings):
    db = seeded(settings, 130, same_time=True)
    seen, cursor = [], None
    while True:
        page = queries.items_page(db, cursor=cursor, limit=50)
        seen += [r["id"] for r in page.rows]
        cursor = page.next_cursor
        if cursor is None:
            break
    every = [r["id"] for r in store.list_items(db)]
    assert seen == every and len(set(seen)) == 130


def test_item_pages_filter_in_sql_and_count_every_row(settings):
    db = seeded(settings, 90)
    negatives = queries.items_page(db, label="negative", limit=500).rows
    assert len(negatives) == queries.count_items(db, label="negative") == 30
    assert {r["triage"]["label"] for r in negatives} == {"negative"}
    assert queries.count_items(db, business="elsewhere") == 0


def test_queue_pages_are_most_urgent_first_then_newest_and_filter_past_any_limit(settings):
    db = seeded(settings, 1200)
    pending = queries.count_drafts(db, "pending")
    assert pending == db.execute("SELECT count(*) FROM drafts WHERE status='pending'"
                                 ).fetchone()[0]
    assert pending > 500
    expected = [r[0] for r in db.execute(
        "SELECT d.id FROM drafts d JOIN triage t ON t.item_id = d.item_id "
        f"WHERE d.status = 'pending' ORDER BY {store.RANK_OF_PRIORITY}, d.id DESC")]
    seen, cursor = [], None
    while True:
        page = queries.drafts_page(db, "pending", cursor=cursor, limit=173)
        seen += [d["id"] for d in page.rows]
        if not (cursor := page.next_cursor):
            break
    assert seen == expected
    # The label filter searches every draft, not the first 500 of the queue.
    positives = queries.drafts_page(db, "pending", label="positive", limit=500).rows
    assert len(positives) == 500 and {d["label"] for d in positives} == {"positive"}
    assert queries.count_drafts(db, "pending", label="positive") == \
        sum(1 for d in db.execute("SELECT t.label FROM drafts d JOIN triage t ON "
                                  "t.item_id = d.item_id") if d[0] == "positive")


def test_a_bad_page_cursor_is_one_clear_error(settings):
    db = seeded(settings, 3)
    for bad in ("nonsense", "1~x", "~~"):
        with pytest.raises(InputError, match="page link"):
            queries.drafts_page(db, cursor=bad)
        with pytest.raises(InputError, match="page link"):
            queries.items_page(db, cursor=bad)


def test_digest_counts_every_pending_draft_not_a_page(settings):
    from reviewwatch.notify.digest import build_digest

    db = seeded(settings, 700)
    built = build_digest(db, settings, "bistro", SEED_NOW.date())
    total = db.execute("SELECT count(*) FROM drafts WHERE status = 'pending'").fetchone()[0]
    assert total > 500
    assert built.counts["drafts_pending"] == total
    assert f"{total}" in built.text


def test_search_matches_every_word_and_treats_operators_as_words(settings):
    db = seeded(settings, 30)
    found = queries.search_items(db, "rude waiter").rows
    assert found and all("rude" in r["text"] for r in found)
    assert [r["id"] for r in found] == sorted((r["id"] for r in found), reverse=True)
    assert queries.search_items(db, 'rude NOT "waiter" OR text:pie').rows == []
    assert queries.search_items(db, "   ").rows == []
    assert queries.fts_query('a" OR b*') == '"a" "OR" "b"*'


def test_triage_batches_write_the_same_rows_as_one_by_one(settings):
    db = seeded(settings, pipeline.BATCH_SIZE + 7)
    assert db["triage"].count == pipeline.BATCH_SIZE + 7
    assert db["triage_queue"].count == 0
    drafts = db.execute("SELECT count(*), count(DISTINCT item_id) FROM drafts").fetchone()
    assert drafts[0] == drafts[1] > 0
    # queue_rank copies each item's priority, so the queue sorts from the index alone.
    wrong = db.execute(f"SELECT count(*) FROM drafts d JOIN triage t ON t.item_id = d.item_id "
                       f"WHERE d.queue_rank != {store.RANK_OF_PRIORITY}").fetchone()[0]
    assert wrong == 0


def test_items_saved_but_not_triaged_are_finished_by_the_next_cycle(settings):
    db = store.open_database(settings.storage_path)
    store.sync_config(db, settings)
    saved = fill(db, 12)  # then the process dies before triage: nothing else ran
    assert db["triage_queue"].count == 12 and db["triage"].count == 0
    report = pipeline.process_pending(db, settings, now=SEED_NOW)
    assert db["triage"].count == 12 and db["triage_queue"].count == 0
    assert report.negative == 4
    again = pipeline.process_pending(db, settings, now=SEED_NOW)
    assert again.drafts_created == 0 and db["drafts"].count == report.drafts_created
    assert sorted(saved.new) == [r["item_id"] for r in db.query(
        "SELECT item_id FROM triage ORDER BY item_id")]


def test_an_edit_is_queued_and_retriaged_without_a_second_draft(settings):
    db = seeded(settings, 3)
    drafts = db["drafts"].count
    with store.write_transaction(db):
        saved = store.save_items(db, "bistro", [Item(
            source="bistro-app", external_id="us:1", rating=1, text=NEGATIVE,
            published_at="2026-11-22T08:00:00Z")], now=SEED_NOW)
    assert saved.edited and db["triage_queue"].count == 1
    pipeline.process_pending(db, settings, now=SEED_NOW)
    assert store.get_triage(db, saved.edited[0])["label"] == "negative"
    assert db["drafts"].count == drafts


def test_csv_source_is_streamed_in_chunks(tmp_path, monkeypatch):
    from reviewwatch import config as cfg

    path = tmp_path / "big.csv"
    with path.open("w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["id", "text", "rating"])
        for k in range(2500):
            out.writerow([f"r{k}", NEGATIVE if k % 2 else POSITIVE, 1 if k % 2 else 5])
    settings = cfg.from_dict({"storage": {"path": str(tmp_path / "rw.db")}, "businesses": [{
        "id": "b", "name": "B", "timezone": "UTC", "signature": "S", "contact": "c@example.com",
        "sources": [{"name": "csv", "kind": "csv", "path": str(path), "max_bytes": 10_000_000,
                     "columns": {"id": "id", "text": "text", "rating": "rating"}}]}]},
        environ={})
    db = store.open_database(settings.storage_path)
    chunks = []
    real = store.save_items
    monkeypatch.setattr(store, "save_items",
                        lambda db, b, items, now=None: chunks.append(len(items)) or
                        real(db, b, items, now))
    report = pipeline.collect(db, settings, deliver=False)
    assert report.new == 2500 and max(chunks) <= pipeline.SAVE_CHUNK and len(chunks) == 3
    assert db["triage"].count == 2500
    assert pipeline.collect(db, settings, deliver=False).new == 0


def test_queue_and_items_pages_filter_in_sql_and_follow_the_cursor(tmp_path):
    import re

    from reviewwatch import users
    from reviewwatch.web import create_app
    from tests.test_web import login

    settings = make_settings(tmp_path)
    db = seeded(settings, 660)  # 220 negatives: more than a page, fewer than the old cap
    users.add_user(db, "staff", "staff", "staff-password-1")
    app = create_app(settings, settings.storage_path)
    app.config["TESTING"] = True
    client = app.test_client()
    login(client)
    ids, url = [], "/drafts?status=pending&label=negative"
    while url:
        html = client.get(url).get_data(as_text=True)
        ids += [int(m) for m in re.findall(r'id="draft-(\d+)"', html)]
        more = re.search(r'href="([^"]*after=[^"]+)" rel="next"', html)
        url = more[1].replace("&amp;", "&") if more else None
    negative = {r[0] for r in db.execute("SELECT d.id FROM drafts d JOIN triage t ON "
                                         "t.item_id = d.item_id WHERE t.label = 'negative'")}
    assert len(ids) == len(set(ids)) == len(negative) == 220 and set(ids) == negative
    page = client.get("/items?q=rude+waiter").get_data(as_text=True)
    assert page.count('class="badge label-negative"') == queries.PAGE_SIZE
    assert client.get("/items?after=garbage").status_code == 400
