"""Items with triage and drafts written row by row, so dashboard figures are known exactly.

The triage rows are set here rather than computed, so these tests check the aggregates and
not the triage model.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from reviewwatch import config as cfg
from reviewwatch import db as store
from reviewwatch.models import DraftStatus, Item


def settings_two_businesses(tmp_path):
    """Two businesses: a New York bistro (two sources) and a UTC app (one source)."""
    return cfg.from_dict({
        "storage": {"path": str(tmp_path / "rw.db")},
        "web": {"secret_key": "test-secret-key-0123456789", "public_url": "http://rw.test"},
        "businesses": [
            {"id": "bistro", "name": "Blue Door Bistro", "timezone": "America/New_York",
             "sources": [{"name": "bistro-app", "kind": "appstore", "app_id": "1"},
                         {"name": "bistro-hn", "kind": "hackernews"}],
             "keywords": ["Blue Door"]},
            {"id": "app", "name": "Habit App", "timezone": "UTC",
             "sources": [{"name": "app-play", "kind": "appstore", "app_id": "2"}]},
        ],
    }, environ={})


_counter = iter(range(1, 10**9))


def add(db, business: str, source: str, when: datetime, *, rating: float | None = None,
        rating_max: float = 5, label: str = "neutral", aspects=(), needs_reply: bool = False,
        priority: str = "normal", replied_after: timedelta | None = None,
        draft_status: str | None = None, text: str = "text") -> int:
    """One item published at `when`, its triage row, and optionally a draft (posted after
    `replied_after`, or left in `draft_status`). Returns the item id."""
    n = next(_counter)
    item = Item(source=source, external_id=f"x{n}", author=f"author {n}", rating=rating,
                rating_max=rating_max, title=None, text=f"{text} {n}",
                url=f"https://example.com/{n}", published_at=store.utcnow_of(when))
    with db.atomic():
        item_id = store.save_items(db, business, [item], now=when).new[0]
        store.save_triage(db, item_id, "h", {
            "label": label, "score": -0.5 if label == "negative" else 0.5, "vader": 0.0,
            "aspects": list(aspects), "evidence": [], "language": "en",
            "needs_reply": needs_reply, "priority": priority})
        if replied_after is not None or draft_status:
            draft_id = store.add_draft(db, item_id, "h", {
                "reply": f"Thank you {n}", "parts": [{"move": "thank", "text": f"Thank you {n}"}],
                "lint": [], "fits": {"platform": "appstore", "limit": 5970, "length": 12}})
            if replied_after is not None:
                store.set_draft_status(db, draft_id, DraftStatus.POSTED,
                                       posted_at=store.utcnow_of(when + replied_after))
            elif draft_status != "pending":
                store.set_draft_status(db, draft_id, DraftStatus(draft_status))
    return item_id
