"""The queue as a working tool: SQL pages and filters, un-approve, bulk praise, local times,
an <h1> on every page and a favicon. Flask's test client on a real SQLite file."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from reviewwatch import db as store
from reviewwatch import queue, users
from reviewwatch.web import create_app
from reviewwatch.web.queue_views import moves_kept
from tests.dashdata import add, settings_two_businesses

NOW = datetime(2026, 11, 22, 15, 0, tzinfo=UTC)
PRIORITIES = ("urgent", "high", "normal", "low")


@pytest.fixture
def env(tmp_path):
    settings = settings_two_businesses(tmp_path)
    db = store.open_database(settings.storage_path)
    store.sync_config(db, settings)
    users.add_user(db, "owner", "owner", "owner-password-1")
    users.add_user(db, "staff", "staff", "staff-password-1")
    app = create_app(settings, settings.storage_path)
    app.config["TESTING"] = True
    app.clock = lambda: NOW
    return app, db


def login(app, name="owner"):
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)[1]
    client.post("/login", data={"username": name, "password": f"{name}-password-1",
                                "csrf_token": token})
    # A login starts a new session with a new CSRF token.
    token = re.search(r'name="csrf_token" value="([^"]+)"',
                      client.get("/sources").get_data(as_text=True))[1]
    return client, token


def ids_on(html: str) -> list[int]:
    return [int(x) for x in re.findall(r'<article class="card draft" id="draft-(\d+)"', html)]


def draft_of(db, item_id):
    return next(db.query("SELECT id FROM drafts WHERE item_id = ?", [item_id]))["id"]


def test_pages_follow_the_keyset_over_every_row_and_a_decision_shifts_nothing(env):
    app, db = env
    made = []
    for n in range(60):
        item = add(db, "app", "app-play", NOW - timedelta(hours=n), priority=PRIORITIES[n % 4],
                   label="negative", draft_status="pending")
        made.append((n % 4, draft_of(db, item)))
    expected = [d for _, d in sorted(made, key=lambda r: (r[0], -r[1]))]
    client, token = login(app)
    seen, url = [], "/drafts"
    first = client.get(url).get_data(as_text=True)
    assert "60 pending drafts" in first
    html = first
    while True:
        seen.extend(ids_on(html))
        if len(seen) == 25:  # decide one on page 1 meanwhile: page 2 still starts after it
            client.post(f"/drafts/{seen[0]}/reject", data={"csrf_token": token})
        nxt = re.search(r'href="([^"]+)" rel="next"', html)
        if not nxt:
            break
        html = client.get(nxt[1].replace("&amp;", "&")).get_data(as_text=True)
    assert seen == expected and len(ids_on(first)) == 25
    assert client.get("/drafts?after=x.1").status_code == 400
    assert client.get("/drafts?after=9.99999999999999999999999").status_code == 400


def test_filters_are_sql_over_all_rows(env):
    app, db = env
    rows = []
    for n in range(40):
        business, source = ("bistro", ["bistro-app", "bistro-hn"][n % 2]) if n % 3 else \
            ("app", "app-play")
        label = ("negative", "mixed", "positive")[n % 3]
        aspects = ["billing"] if n % 5 == 0 else ["wait_time"]
        age = timedelta(minutes=30) if n < 10 else timedelta(hours=30) if n < 30 else \
            timedelta(days=9)
        item = add(db, business, source, NOW - age, label=label, aspects=aspects,
                   priority=PRIORITIES[n % 4], draft_status="pending")
        rows.append({"id": draft_of(db, item), "business": business, "source": source,
                     "label": label, "aspect": aspects[0], "priority": PRIORITIES[n % 4],
                     "age": age})
    client, _ = login(app)

    def shown(query):
        out, url = [], "/drafts?" + query
        while url:
            html = client.get(url).get_data(as_text=True)
            out.extend(ids_on(html))
            nxt = re.search(r'href="([^"]+)" rel="next"', html)
            url = nxt[1].replace("&amp;", "&") if nxt else None
        return sorted(out)

    cases = [
        ("business=bistro", lambda r: r["business"] == "bistro"),
        ("source=bistro-hn", lambda r: r["source"] == "bistro-hn"),
        ("label=mixed", lambda r: r["label"] == "mixed"),
        ("aspect=billing", lambda r: r["aspect"] == "billing"),
        ("priority=high", lambda r: r["priority"] == "high"),
        ("age=1h", lambda r: r["age"] < timedelta(hours=1)),
        ("age=over24h", lambda r: r["age"] > timedelta(days=1)),
        ("age=over7d", lambda r: r["age"] > timedelta(days=7)),
        ("business=bistro&label=negative&age=over24h",
         lambda r: r["business"] == "bistro" and r["label"] == "negative" and
         r["age"] > timedelta(days=1)),
        ("label=bogus&aspect=Robert');DROP", lambda r: True),  # unknown values are dropped
    ]
    for query, keep in cases:
        assert shown(query) == sorted(r["id"] for r in rows if keep(r)), query


def test_unapprove_before_posting_cancels_the_publish_message(env):
    app, db = env
    item = add(db, "app", "app-play", NOW, label="positive", draft_status="pending")
    draft_id = draft_of(db, item)
    db.execute("UPDATE drafts SET publish_mode = 'api' WHERE id = ?", [draft_id])
    store.set_draft_status(db, draft_id, "approved", publish_mode="api", decided_by="owner")
    store.enqueue(db, "publish", f"publish:draft:{draft_id}:1", {"draft_id": draft_id})
    client, token = login(app, "staff")
    html = client.get("/drafts?status=approved").get_data(as_text=True)
    assert f'action="/drafts/{draft_id}/unapprove"' in html
    client.post(f"/drafts/{draft_id}/unapprove", data={"csrf_token": token})
    draft = store.get_draft(db, draft_id)
    assert (draft["status"], draft["decided_by"]) == ("pending", None)
    assert [r["status"] for r in db.query("SELECT status FROM outbox")] == ["cancelled"]
    assert [r["action"] for r in db.query("SELECT action FROM audit")][-1] == "unapprove"
    store.set_draft_status(db, draft_id, "posted")
    page = client.post(f"/drafts/{draft_id}/unapprove", data={"csrf_token": token},
                       follow_redirects=True).get_data(as_text=True)
    assert "only an approved draft that is not posted yet" in page
    assert store.get_draft(db, draft_id)["status"] == "posted"


def test_approving_from_the_queue_returns_to_it_with_an_undo(env):
    app, db = env
    item = add(db, "app", "app-play", NOW, label="positive", draft_status="pending")
    draft_id = draft_of(db, item)
    client, token = login(app)
    back = "/drafts?label=positive"
    response = client.post(f"/drafts/{draft_id}/approve", data={"csrf_token": token,
                                                                "back": back})
    assert response.headers["Location"] == f"/drafts?label=positive&undo={draft_id}"
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'id="undo"' in html and f"/drafts/{draft_id}/unapprove" in html
    for evil in ("//evil.example/drafts", "https://evil.example", "/drafts\\@evil"):
        response = client.post(f"/drafts/{draft_id}/reject",
                               data={"csrf_token": token, "back": evil})
        assert response.headers["Location"] == "/drafts", evil


def test_bulk_approval_of_praise_is_for_owners_and_skips_the_rest(env):
    app, db = env
    praise = [draft_of(db, add(db, "app", "app-play", NOW, label="positive",
                               draft_status="pending", text="Lovely")) for _ in range(3)]
    complaint = draft_of(db, add(db, "app", "app-play", NOW, label="negative",
                                 draft_status="pending"))
    staff, staff_token = login(app, "staff")
    assert 'id="bulk"' not in staff.get("/drafts").get_data(as_text=True)
    assert staff.post("/drafts/bulk-approve", data={"csrf_token": staff_token,
                                                    "ids": praise}).status_code == 403
    assert {store.get_draft(db, d)["status"] for d in praise} == {"pending"}
    owner, token = login(app)
    html = owner.get("/drafts").get_data(as_text=True)
    assert sorted(int(x) for x in re.findall(r'form="bulk" name="ids" value="(\d+)"', html)) \
        == sorted(praise)
    page = owner.post("/drafts/bulk-approve", data={"csrf_token": token,
                                                    "ids": [*praise, complaint, 999999]},
                      follow_redirects=True).get_data(as_text=True)
    assert "Approved 3 praise replies." in page
    assert f"#{complaint}: it is not praise" in page and "#999999: no such draft" in page
    assert {store.get_draft(db, d)["status"] for d in praise} == {"approved"}
    assert store.get_draft(db, complaint)["status"] == "pending"
    with pytest.raises(Exception, match="only an owner"):
        queue.approve_praise(db, None, praise, "x", "staff")


def test_move_chips_follow_the_edit():
    parts = [{"move": "thank", "text": "Thank you, Priya!"},
             {"move": "invite", "text": "Come back   soon."}]
    assert moves_kept(parts, "Thank you, Priya!\n\nCome back soon.") == \
        [{"move": "thank", "kept": True}, {"move": "invite", "kept": True}]
    assert moves_kept(parts, "Thank you, Priya! See you.") == \
        [{"move": "thank", "kept": True}, {"move": "invite", "kept": False}]


def test_times_are_shown_in_the_business_time_zone(env):
    app, db = env
    add(db, "bistro", "bistro-app", datetime(2026, 11, 22, 14, 0, tzinfo=UTC),
        label="negative", draft_status="pending")
    add(db, "app", "app-play", datetime(2026, 7, 1, 14, 0, tzinfo=UTC), label="negative",
        draft_status="pending")
    client, _ = login(app)
    html = client.get("/drafts").get_data(as_text=True)
    assert "2026-11-22 09:00 EST" in html and "2026-07-01 14:00 UTC" in html
    assert "2026-11-22 09:00 EST" in client.get("/items").get_data(as_text=True)


def test_every_page_has_one_h1_and_a_favicon(env):
    app, db = env
    item = add(db, "bistro", "bistro-app", NOW, label="negative", draft_status="pending")
    client, _ = login(app)
    anonymous = app.test_client()
    pages = [(client, p) for p in ("/", "/drafts", "/items", "/sources",
                                   f"/drafts/{draft_of(db, item)}", f"/items/{item}",
                                   "/items/999999")] + [(anonymous, "/login")]
    for who, path in pages:
        html = who.get(path).get_data(as_text=True)
        assert len(re.findall(r"<h1[ >]", html)) == 1, path
        icon = re.search(r'<link rel="icon" href="([^"]+)"', html)[1]
    with client.get(icon) as response:
        assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    with client.get("/favicon.ico") as response:
        assert response.status_code == 302 and response.headers["Location"] == icon
