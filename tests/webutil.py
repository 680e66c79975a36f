"""A real SQLite file with reviews, triage and drafts, for the web and notify tests."""

from __future__ import annotations

from datetime import UTC, datetime

from reviewwatch import config as cfg
from reviewwatch import db as store
from reviewwatch import pipeline
from reviewwatch.models import Item

EVIL_TEXT = "<script>alert(1)</script> We waited 45 minutes and nobody came. <!channel>"
EVIL_AUTHOR = '<img src=x onerror="alert(2)">'
# The seed's clock: items are published an hour before it, so alerts are recent by this clock
# and by no other. Tests that deliver pass times relative to it, never the real date.
SEED_NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


def make_settings(tmp_path, **alerts):
    return cfg.from_dict({
        "storage": {"path": str(tmp_path / "rw.db")},
        "web": {"secret_key": "test-secret-key-0123456789", "public_url": "http://rw.test"},
        "businesses": [{
            "id": "bistro", "name": "Blue Door Bistro", "timezone": "UTC",
            "signature": "Maria Lopez, General Manager", "contact": "maria@bluedoor.example",
            "keywords": ["Blue Door"],
            "sources": [{"name": "bistro-hn", "kind": "hackernews"},
                        {"name": "bistro-app", "kind": "appstore", "app_id": "123"}]}],
        "alerts": alerts,
    }, environ={})


def seed(settings, texts=None, now=SEED_NOW):
    """A database with triaged, drafted items; returns (db, draft ids)."""
    db = store.open_database(settings.storage_path)
    store.sync_config(db, settings)
    texts = texts or [
        (EVIL_TEXT, EVIL_AUTHOR, 1, "Slow and rude"),
        ("I was charged twice and support never answered my emails", "Sam Carter", 2, None),
        ("Lovely app, love the habit streaks!", "Priya", 5, "Great"),
    ]
    items = [Item(source="bistro-app", external_id=f"us:{i}", author=a, rating=r, title=t,
                  text=x, url="javascript:alert(3)" if i == 0 else f"https://apps.example/{i}",
                  published_at="2026-11-22T08:00:00Z")
             for i, (x, a, r, t) in enumerate(texts)]
    with db.atomic():
        saved = store.save_items(db, "bistro", items, now=now)
    pipeline.process_items(db, settings, saved.new, [], now=now)
    ids = [r["id"] for r in db.query("SELECT id FROM drafts ORDER BY id")]
    return db, ids
