"""A cycle that does only what changed: config synced on change, one row per unchanged
re-poll, conditional App Store requests, retention, and DB work off the event loop.

App Store customer-reviews RSS, JSON flavour (the feed the collector reads):
https://rss.applemarketingtools.com/ and the capture in ../shared/fixtures; conditional
requests: RFC 9110 section 13 (https://www.rfc-editor.org/rfc/rfc9110#section-13).
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from reviewwatch import config as cfg
from reviewwatch import db as store
from reviewwatch import pipeline
from reviewwatch.writer import Inline, writer_for

ETAG = '"feed-v1"'


def feed(n: int) -> bytes:
    entries = [{"id": {"label": f"9{i}"}, "im:rating": {"label": str(1 + i % 5)},
                "author": {"name": {"label": f"user{i}"}}, "title": {"label": f"Title {i}"},
                "content": {"label": f"Review {i}: it crashes when I open the camera."},
                "updated": {"label": "2026-11-20T10:00:00-07:00"}} for i in range(n)]
    last = "https://itunes.apple.com/us/rss/customerreviews/page=1/id=1/sortby=mostrecent/json"
    return json.dumps({"feed": {"entry": entries, "link": [
        {"attributes": {"rel": "last", "href": last}}]}}).encode()


class FeedHandler(BaseHTTPRequestHandler):
    seen: list[tuple[str, str | None]] = []

    def do_GET(self):  # noqa: N802
        FeedHandler.seen.append((self.path, self.headers.get("If-None-Match")))
        if self.headers.get("If-None-Match") == ETAG:
            self.send_response(304)
            self.send_header("ETag", ETAG)
            self.end_headers()
            return
        body = feed(5)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("ETag", ETAG)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def feed_server():
    FeedHandler.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FeedHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def settings_for(tmp_path, url, n=3, **extra):
    return cfg.from_dict({"storage": {"path": str(tmp_path / "rw.db")}, "businesses": [{
        "id": "app", "name": "App", "timezone": "UTC", "signature": "S",
        "contact": "c@example.com",
        "sources": [{"name": f"app{i}", "kind": "appstore", "app_id": str(100 + i),
                     "countries": ["us", "gb"], "base_url": url} for i in range(n)]}],
        **extra}, environ={})


def snapshot(path) -> dict[str, set]:
    conn = sqlite3.connect(path)
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'items_fts%' "
        "AND name NOT LIKE 'sqlite_%'")]
    rows = {t: set(conn.execute(f"SELECT * FROM {t}")) for t in tables}
    conn.close()
    return rows


def rows_changed(before: dict[str, set], after: dict[str, set]) -> dict[str, int]:
    return {t: len(after[t] - before.get(t, set())) for t in after
            if after[t] - before.get(t, set())}


def test_a_repoll_of_unchanged_sources_writes_at_most_one_row_per_source(tmp_path,
                                                                        feed_server):
    settings = settings_for(tmp_path, feed_server, n=4)
    db = store.open_database(settings.storage_path)
    first = pipeline.collect(db, settings, deliver=False)
    assert first.new == 4 * 2 * 5 and not first.failed
    before = snapshot(settings.storage_path)
    again = pipeline.collect(db, settings, deliver=False)
    assert again.new == 0 and not again.failed
    assert all(r.not_modified for r in again.sources)
    changed = rows_changed(before, snapshot(settings.storage_path))
    assert changed == {"sources": 4}


def test_app_store_asks_each_country_conditionally_and_a_304_reads_no_more(tmp_path,
                                                                          feed_server):
    settings = settings_for(tmp_path, feed_server, n=1)
    db = store.open_database(settings.storage_path)
    pipeline.collect(db, settings, deliver=False)
    first = list(FeedHandler.seen)
    assert {etag for _, etag in first} == {None}
    FeedHandler.seen.clear()
    report = pipeline.collect(db, settings, deliver=False)
    assert report.sources[0].not_modified
    assert sorted(p.split("/")[1] for p, _ in FeedHandler.seen) == ["gb", "us"]
    assert {etag for _, etag in FeedHandler.seen} == {ETAG}


def test_config_is_synced_only_when_it_changed(tmp_path, feed_server):
    settings = settings_for(tmp_path, feed_server, n=2)
    db = store.open_database(settings.storage_path)
    assert store.sync_config(db, settings) is True
    assert store.sync_config(db, settings) is False
    renamed = settings_for(tmp_path, feed_server, n=3)
    assert store.sync_config(db, renamed) is True
    assert db["sources"].count == 3


def test_retention_prunes_old_history_and_keeps_pending_messages(tmp_path):
    settings = cfg.from_dict({"storage": {"path": str(tmp_path / "rw.db")},
                              "retention": {"runs_days": 10, "audit_days": 0}}, environ={})
    db = store.open_database(settings.storage_path)
    now = datetime(2026, 11, 22, tzinfo=UTC)
    old, recent = store.utcnow_of(now - timedelta(days=40)), store.utcnow_of(now)
    for at in (old, recent):
        db.execute("INSERT INTO runs (source, started_at, finished_at) VALUES ('s', ?, ?)",
                   [at, at])
        db.execute("INSERT INTO audit (at, actor, action) VALUES (?, 'a', 'login')", [at])
    for key, status in (("sent-old", "sent"), ("failed-old", "failed"),
                        ("pending-old", "pending")):
        db.execute("INSERT INTO outbox (kind, dedupe_key, payload, status, next_attempt_at, "
                   "created_at, sent_at) VALUES ('slack_alert', ?, '{}', ?, ?, ?, ?)",
                   [key, status, old, old, old if status == "sent" else None])
    deleted = store.prune(db, settings.retention, now)
    assert deleted == {"runs": 1, "outbox": 2, "item_versions": 0, "audit": 0}
    assert [r["dedupe_key"] for r in db.query("SELECT dedupe_key FROM outbox")] == \
        ["pending-old"]
    assert db["audit"].count == 2 and db["runs"].count == 1


@pytest.mark.parametrize(("table", "message"), [
    ({"runs_days": -1}, "retention.runs_days: -1 is negative"),
    ({"keep": 3}, "retention.keep: is not a known key"),
    ({"audit_days": "forever"}, "retention.audit_days"),
])
def test_retention_config_errors_name_the_key(table, message):
    with pytest.raises(cfg.ConfigError) as e:
        cfg.from_dict({"retention": table}, environ={})
    assert message in "\n".join(str(p) for p in getattr(e.value, "problems", [str(e.value)]))


def test_database_work_runs_on_the_writer_thread_not_the_event_loop(tmp_path, feed_server):
    settings = settings_for(tmp_path, feed_server, n=2)
    db = store.open_database(settings.storage_path)
    threads = set()
    real = store.save_items

    def spy(*args, **kwargs):
        threads.add(threading.current_thread().name)
        return real(*args, **kwargs)

    store.save_items = spy
    try:
        asyncio.run(pipeline.run_cycle(db, settings, deliver=False))
    finally:
        store.save_items = real
    assert threads and all(name.startswith("rw-writer") for name in threads)
    assert isinstance(writer_for(store.open_database(memory=True)), Inline)
