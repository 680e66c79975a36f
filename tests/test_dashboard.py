"""The dashboard's figures (SQL aggregates) on a real SQLite file, on a fixed clock."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from reviewwatch import dashboard, users
from reviewwatch import db as store
from reviewwatch.web import create_app
from tests.dashdata import add, settings_two_businesses

NOW = datetime(2026, 11, 22, 15, 0, tzinfo=UTC)  # 10:00 in New York
DAY = timedelta(days=1)


@pytest.fixture
def env(tmp_path):
    settings = settings_two_businesses(tmp_path)
    db = store.open_database(settings.storage_path)
    store.sync_config(db, settings)
    return settings, db


def test_series_counts_items_per_local_day_with_negatives_and_mean_rating(env):
    settings, db = env
    # 03:00 UTC on the 22nd is 22:00 on the 21st in New York.
    add(db, "bistro", "bistro-app", datetime(2026, 11, 22, 3, 0, tzinfo=UTC), rating=1,
        label="negative")
    add(db, "bistro", "bistro-app", datetime(2026, 11, 22, 14, 0, tzinfo=UTC), rating=4)
    add(db, "bistro", "bistro-app", datetime(2026, 11, 22, 14, 30, tzinfo=UTC), rating=10,
        rating_max=10, label="positive")
    add(db, "bistro", "bistro-hn", datetime(2026, 11, 22, 14, 45, tzinfo=UTC), label="negative")
    add(db, "app", "app-play", datetime(2026, 11, 22, 3, 0, tzinfo=UTC), rating=2)
    data = dashboard.build(db, settings, "bistro", 7, NOW)
    days = {s["bucket"]: s for s in data["series"]}
    assert list(days) == [f"2026-11-{d}" for d in range(16, 23)]
    assert (days["2026-11-21"]["volume"], days["2026-11-21"]["negative"]) == (1, 1)
    assert days["2026-11-21"]["rating"] == 1
    today = days["2026-11-22"]
    assert (today["volume"], today["negative"], today["rated"]) == (3, 1, 2)
    assert today["rating"] == pytest.approx(4.5)  # 4 of 5 and 10 of 10
    assert days["2026-11-20"] == {"bucket": "2026-11-20", "volume": 0, "negative": 0,
                                  "rated": 0, "rating": None}
    every = dashboard.build(db, settings, None, 7, NOW)  # over all businesses, in UTC days
    assert {s["bucket"]: s["volume"] for s in every["series"]}["2026-11-22"] == 5


def test_totals_compare_with_the_period_before(env):
    settings, db = env
    for i in range(4):
        add(db, "app", "app-play", NOW - timedelta(hours=i), rating=5,
            label="negative" if i == 0 else "positive")
    add(db, "app", "app-play", NOW - 10 * DAY, rating=1, label="negative")
    add(db, "app", "app-play", NOW - 30 * DAY, rating=1, label="negative")  # before both
    t = dashboard.build(db, settings, "app", 7, NOW)["totals"]
    assert (t["volume"], t["negative"], t["negative_share"]) == (4, 1, 0.25)
    assert (t["previous_volume"], t["previous_negative_share"], t["previous_rating"]) == \
        (1, 1.0, 1.0)


@pytest.mark.parametrize("minutes, median, within", [
    ([30, 90, 600], 90, 1),
    ([30, 90, 600, 1000], 345, 1),
    ([5], 5, 1),
])
def test_response_rate_and_median_time_to_reply(env, minutes, median, within):
    settings, db = env
    for m in minutes:
        add(db, "app", "app-play", NOW - 2 * DAY, needs_reply=True,
            replied_after=timedelta(minutes=m))
    add(db, "app", "app-play", NOW - DAY, needs_reply=True, draft_status="pending")
    add(db, "app", "app-play", NOW - DAY, needs_reply=True, draft_status="approved")
    add(db, "app", "app-play", NOW - DAY, needs_reply=False)
    r = dashboard.build(db, settings, "app", 7, NOW)["response"]
    assert (r["needing"], r["replied"], r["within_hour"]) == (len(minutes) + 2, len(minutes),
                                                              within)
    assert r["median_minutes"] == pytest.approx(median, abs=0.01)
    assert r["rate"] == pytest.approx(len(minutes) / (len(minutes) + 2))
    assert (r["customer_expects_minutes"], r["business_average_minutes"]) == (60, 42 * 60)


def test_response_with_nothing_replied(env):
    settings, db = env
    r = dashboard.build(db, settings, "app", 30, NOW)["response"]
    assert (r["needing"], r["replied"], r["median_minutes"], r["rate"]) == (0, 0, None, None)


def test_top_aspects_with_the_period_before_and_a_trend(env):
    settings, db = env
    for days_ago in (0, 0, 1):
        add(db, "app", "app-play", NOW - days_ago * DAY, label="negative",
            aspects=["app_crash", "billing"] if days_ago else ["app_crash"])
    add(db, "app", "app-play", NOW - 8 * DAY, label="negative", aspects=["billing"])
    add(db, "app", "app-play", NOW - 9 * DAY, label="mixed", aspects=["billing"])
    add(db, "app", "app-play", NOW, label="positive", aspects=["ads"])  # praise: no complaint
    top = dashboard.build(db, settings, "app", 7, NOW)["aspects"]
    assert [(a["aspect"], a["count"], a["previous"], a["change"]) for a in top] == \
        [("app_crash", 3, 0, 3), ("billing", 1, 2, -1)]
    assert top[0]["trend"] == [0, 0, 0, 0, 0, 1, 2]


def test_source_health_counts_the_period_and_leaves_out_archived_sources(env):
    settings, db = env
    add(db, "bistro", "bistro-app", NOW - DAY)
    add(db, "bistro", "bistro-app", NOW - 20 * DAY)
    db.execute("UPDATE sources SET consecutive_failures = 2, unhealthy = 1, last_error = 'x' "
               "WHERE name = 'bistro-hn'")
    db.execute("INSERT INTO sources (name, business_id, kind, state) "
               "VALUES ('old', 'bistro', 'rss', 'archived')")
    rows = dashboard.build(db, settings, "bistro", 7, NOW)["sources"]
    assert [(r["name"], r["health"], r["volume"]) for r in rows] == \
        [("bistro-hn", "failing", 0), ("bistro-app", "new", 1)]


def test_windows_are_weeks_and_months_for_long_periods():
    w90 = dashboard.window(90, NOW)
    assert w90.bucket == "week" and w90.buckets()[0] == "2026-08-24"  # a Monday
    assert all(datetime.fromisoformat(b).weekday() == 0 for b in w90.buckets())
    w365 = dashboard.window(365, NOW)
    assert w365.bucket == "month" and len(w365.buckets()) == 13
    assert dashboard.window(12345, NOW).days == dashboard.DEFAULT_DAYS


def test_every_dashboard_query_reads_items_through_an_index(env):
    settings, db = env
    add(db, "app", "app-play", NOW, label="negative", aspects=["billing"], needs_reply=True,
        replied_after=timedelta(minutes=5))
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    try:
        for business in (None, "app"):
            dashboard.build(db, settings, business, 30, NOW)
    finally:
        db.conn.set_trace_callback(None)
    selects = [s for s in statements if s.lstrip().upper().startswith(("SELECT", "WITH"))]
    assert len(selects) >= 8
    for sql in selects:
        plan = " | ".join(r["detail"] for r in db.query("EXPLAIN QUERY PLAN " + sql))
        # A full scan of items or drafts would grow with every row ever collected.
        assert not re.search(r"\bSCAN (i|d|items|drafts)\b(?! USING)", plan), (sql, plan)
        # Nor reading drafts by status alone, or triage by label: all time, not the window.
        assert "USING INDEX drafts_posted" not in plan and "triage_label" not in plan, plan


def test_dashboard_page_per_business_and_over_all(env):
    settings, db = env
    add(db, "bistro", "bistro-app", NOW - DAY, rating=1, label="negative",
        aspects=["food_quality"], needs_reply=True, replied_after=timedelta(minutes=30))
    users.add_user(db, "staff", "staff", "staff-password-1")
    app = create_app(settings, settings.storage_path)
    app.clock = lambda: NOW
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)[1]
    client.post("/login", data={"username": "staff", "password": "staff-password-1",
                                "csrf_token": token})
    html = client.get("/").get_data(as_text=True)
    assert "<h1>Dashboard: all businesses</h1>" in html
    assert html.count('<g class="bar">') == 30 and "<svg" in html
    assert "Food quality" in html and "food_quality" not in html.replace('"food_quality"', "")
    one = client.get("/?business=bistro&days=7").get_data(as_text=True)
    assert "<h1>Dashboard: Blue Door Bistro</h1>" in one and one.count('<g class="bar">') == 7
    assert "30 min" in one  # the median reply time
    assert client.get("/?business=nobody").status_code == 404
