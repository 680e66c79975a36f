"""One full cycle against real local servers and a real SQLite file."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from reviewwatch import config as cfg
from reviewwatch import db as store
from reviewwatch import demo, pipeline
from reviewwatch.errors import ConfigError


@pytest.fixture
def sample_server():
    server = demo.DemoServer(demo.sample(), echo=False).start()
    yield server
    server.stop()


def settings_for(tmp_path, server_url, slack_url=None, unhealthy_after=3):
    data = {
        "storage": {"path": str(tmp_path / "rw.db")},
        "businesses": [{
            "id": "tidepool", "name": "Tidepool Habits", "keywords": ["Tidepool Habits"],
            "signature": "Dana Whitfield, Head of Customer Care",
            "contact": "care@tidepool.example",
            "sources": [
                {"name": "app", "kind": "appstore", "app_id": "1490011223",
                 "base_url": server_url, "unhealthy_after": unhealthy_after},
                {"name": "hn", "kind": "hackernews", "base_url": server_url},
            ]}],
        "alerts": {"slack_webhook_url": slack_url} if slack_url else {},
    }
    return cfg.from_dict(data, environ={})


def test_cycle_collects_triages_drafts_and_alerts_once(tmp_path, sample_server):
    settings = settings_for(tmp_path, sample_server.url, sample_server.url + "/slack")
    db = store.open_database(settings.storage_path)
    first = pipeline.collect(db, settings)
    assert not first.failed, [r.error for r in first.failed]
    assert first.new == first.collected == 40
    assert first.negative > 0 and first.drafts_created > 0
    assert db["triage"].count == 40
    sent = len(sample_server.alerts)
    assert sent == first.alerts_queued == first.negative
    crash = next(r for r in store.list_items(db) if r["title"] == "Crashes every time I open it")
    assert crash["triage"]["label"] == "negative" and crash["draft_status"] == "pending"

    second = pipeline.collect(db, settings)
    assert (second.new, second.edited, second.negative, second.alerts_queued) == (0, 0, 0, 0)
    assert len(sample_server.alerts) == sent
    assert db["items"].count == 40


def test_alert_text_escapes_slack_control_sequences(tmp_path, sample_server):
    sample_server.data["reviews"][1]["text"] += " <!channel> crashes again"
    settings = settings_for(tmp_path, sample_server.url, sample_server.url + "/slack")
    pipeline.collect(store.open_database(settings.storage_path), settings)
    raw = json.dumps(sample_server.alerts)
    assert "<!channel>" not in raw


def test_edited_review_is_recorded_and_its_draft_flagged(tmp_path, sample_server):
    settings = settings_for(tmp_path, sample_server.url)
    db = store.open_database(settings.storage_path)
    pipeline.collect(db, settings)
    sample_server.stop()
    data = demo.sample()
    data["reviews"][1]["text"] = "Still crashing on launch, and now the widget is gone too."
    server = demo.DemoServer(data, anchor=sample_server.anchor, echo=False).start()
    try:
        report = pipeline.collect(db, settings_for(tmp_path, server.url))
    finally:
        server.stop()
    assert (report.new, report.edited) == (0, 1)
    (item_id,) = [i for r in report.sources for i in r.edited_ids]
    assert len(store.item_versions(db, item_id)) == 1
    assert store.latest_draft(db, item_id)["review_changed"] is True


class Refusing(BaseHTTPRequestHandler):
    status = 403

    def do_GET(self):  # noqa: N802
        self.send_response(self.status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def refusing_server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Refusing)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_failing_source_is_recorded_and_others_go_on(tmp_path, refusing_server, sample_server):
    settings = settings_for(tmp_path, sample_server.url)
    settings.sources[0].base_url = refusing_server
    db = store.open_database(settings.storage_path)
    report = pipeline.collect(db, settings)
    app, hn = report.sources
    assert app.state == "blocked" and app.error
    assert hn.error is None and hn.new == 12
    row = store.source_row(db, "app")
    assert (row["state"], row["consecutive_failures"]) == ("blocked", 1)


def test_unhealthy_alert_once_then_recovered(tmp_path, refusing_server, sample_server):
    db = store.open_database(tmp_path / "rw.db")
    broken = settings_for(tmp_path, refusing_server, unhealthy_after=2)
    for _ in range(4):
        pipeline.collect(db, broken, ["app"], deliver=False)
    kinds = [r["kind"] for r in db.query("SELECT kind FROM outbox ORDER BY id")]
    assert kinds == ["source_unhealthy"]
    assert store.source_row(db, "app")["consecutive_failures"] == 4
    pipeline.collect(db, settings_for(tmp_path, sample_server.url), ["app"], deliver=False)
    kinds = [r["kind"] for r in db.query("SELECT kind FROM outbox ORDER BY id")]
    assert kinds == ["source_unhealthy", "source_recovered"]
    row = store.source_row(db, "app")
    assert (row["state"], row["consecutive_failures"], row["unhealthy"]) == ("ok", 0, 0)


def test_source_that_goes_quiet_after_steady_results_is_silent(tmp_path, sample_server):
    settings = settings_for(tmp_path, sample_server.url)
    db = store.open_database(settings.storage_path)
    for _ in range(3):
        assert pipeline.collect(db, settings, ["app"], deliver=False).sources[0].fetched > 0
    sample_server.stop()
    empty = demo.DemoServer({**demo.sample(), "reviews": []}, echo=False).start()
    try:
        report = pipeline.collect(db, settings_for(tmp_path, empty.url), ["app"], deliver=False)
    finally:
        empty.stop()
    assert report.sources[0].state == "silent"
    assert db["items"].count == 28  # absence is never taken as a deletion


def test_unknown_source_is_a_config_error(tmp_path, sample_server):
    settings = settings_for(tmp_path, sample_server.url)
    with pytest.raises(ConfigError, match="unknown source 'nope'"):
        pipeline.collect(store.open_database(settings.storage_path), settings, ["nope"])


def test_a_composer_failure_keeps_the_triage_and_sends_the_item_to_a_person(monkeypatch, caplog):
    # (the thirty-first reading found a text the composer raised on; the item lost its triage
    # and its draft together)
    import responders

    def broken(*args, **kwargs):
        raise TypeError("argument of type 'NoneType' is not iterable")

    monkeypatch.setattr(responders, "compose_draft", broken)
    settings = cfg.from_dict({"storage": {"path": ":memory:"}, "businesses": [
        {"id": "b", "name": "Blue Door", "category": "restaurant", "signature": "Maria",
         "contact": "maria@bluedoor.example"}]}, environ={})
    row = {"id": 7, "text": "The soup was cold and the waiter was rude.", "title": None,
           "rating": 1, "rating_max": 5, "kind": "review", "platform": "google_business",
           "author": "Sam", "external_id": "r7", "business_id": "b"}
    with caplog.at_level("ERROR", logger="reviewwatch.pipeline"):
        result, draft = pipeline.triage_and_draft(row, settings.businesses[0], None, None,
                                                  True, None)
    assert draft is None
    assert result["label"] == "negative" and result["needs_human"] is True
    assert "the composer failed" in result["needs_human_reason"]
    assert "drafting item 7 failed" in caplog.text
