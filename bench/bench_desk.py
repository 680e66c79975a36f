"""The dashboard and the queue on a large database: how long each page's queries take.

It writes N items (default 1,000,000) spread over three years across 3 businesses and 12
sources straight into SQLite with one recursive SQL insert, in the order they would have
been collected (ids grow with time; each is published up to a day before it is seen),
each with a triage row, and a draft for a quarter of them (some posted, most pending).
Then it times the dashboard's queries (all businesses and one, 30 and 365 days) and the
approval queue's first, a deep keyset and a filtered page, each the best of 3 runs.

    .venv/bin/python bench/bench_desk.py [--items 1000000] [--db PATH]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reviewwatch import config as cfg  # noqa: E402
from reviewwatch import dashboard, rollup  # noqa: E402
from reviewwatch import db as store  # noqa: E402

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
SPAN_DAYS = 3 * 365
ASPECTS = ["wait_time", "billing", "food_quality", "staff_attitude", "app_crash", "refund"]


def settings(path: Path) -> cfg.Settings:
    return cfg.from_dict({"storage": {"path": str(path)}, "businesses": [
        {"id": f"b{b}", "name": f"Business {b}", "timezone": "America/New_York",
         "keywords": [f"Business {b}"],
         "sources": [{"name": f"b{b}-s{s}", "kind": "hackernews"} for s in range(4)]}
        for b in range(3)]}, environ={})


def fill(db, n: int) -> None:
    """N items, their triage, and drafts for one in four, in a few SQL statements."""
    end = NOW.timestamp()
    aspect_cases = " ".join(f"WHEN {i} THEN '[\"{a}\"]'" for i, a in enumerate(ASPECTS))
    # The dashboard's roll-up is counted once at the end (its back-fill), not row by row.
    db.executescript("".join(f"DROP TRIGGER {t};" for t in rollup.TRIGGER_NAMES))
    with db.atomic():
        db.execute(f"""
        WITH RECURSIVE k(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM k WHERE x < {n})
        INSERT INTO items (id, source, business_id, external_id, kind, author, rating, title,
                           text, published_at, content_hash, first_seen_at)
        SELECT x, 'b' || (x % 3) || '-s' || (x % 12 / 3), 'b' || (x % 3), 'e' || x, 'review',
               'author ' || x, 1 + (x * 7 % 5), NULL, 'review text number ' || x,
               strftime('%Y-%m-%dT%H:%M:%SZ', {end} - ({n} - x) * {SPAN_DAYS * 86400 / n}
                        - (x * 2654435761 % 86400), 'unixepoch'), 'h' || x,
               strftime('%Y-%m-%dT%H:%M:%SZ', {end} - ({n} - x) * {SPAN_DAYS * 86400 / n},
                        'unixepoch')
        FROM k""")
        db.execute(f"""
        INSERT INTO triage (item_id, label, score, vader, aspects, evidence, language,
                            needs_reply, priority, content_hash, scored_at)
        SELECT id, CASE rating WHEN 1 THEN 'negative' WHEN 2 THEN 'negative'
                               WHEN 3 THEN 'mixed' ELSE 'positive' END,
               0, 0, CASE WHEN rating <= 3 THEN CASE id % 6 {aspect_cases} END ELSE '[]' END,
               '[]', 'en', rating <= 3,
               CASE rating WHEN 1 THEN 'urgent' WHEN 2 THEN 'high' WHEN 3 THEN 'normal'
                           ELSE 'low' END, 'h', first_seen_at FROM items""")
        db.execute("""
        INSERT INTO drafts (item_id, status, reply, parts, lint, fits, content_hash,
                            created_at, posted_at, queue_rank)
        SELECT i.id, CASE WHEN i.id % 8 = 0 THEN 'posted' ELSE 'pending' END,
               'Thank you', '[]', '[]', '{}', 'h', i.first_seen_at,
               CASE WHEN i.id % 8 = 0 THEN strftime('%Y-%m-%dT%H:%M:%SZ',
                    julianday(i.first_seen_at) + (i.id % 97) / 24.0) END,
               CASE t.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2
                               ELSE 3 END
        FROM items i JOIN triage t ON t.item_id = i.id WHERE i.id % 4 = 0""")
    db.executescript(rollup.triggers())
    with db.atomic():
        rollup.backfill(db, NOW)
    db.execute("ANALYZE")


def best_of(fn, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, help="reuse (or create) this database file")
    args = parser.parse_args()
    path = args.db or Path(tempfile.mkdtemp()) / "bench.db"
    fresh = not path.exists()
    s = settings(path)
    db = store.open_database(path)
    store.sync_config(db, s)
    if fresh:
        start = time.perf_counter()
        fill(db, args.items)
        print(f"wrote {args.items:,} items with triage and drafts in "
              f"{time.perf_counter() - start:.1f} s")
    n = db.execute("SELECT count(*) FROM items").fetchone()[0]
    print(f"{n:,} items, {db.execute('SELECT count(*) FROM drafts').fetchone()[0]:,} drafts")
    for business in (None, "b1"):
        for days in (30, 365):
            t = best_of(lambda b=business, d=days: dashboard.build(db, s, b, d, NOW))
            print(f"dashboard {business or 'all businesses':<15} {days:>3} days: "
                  f"{t * 1000:7.1f} ms")
    try:
        from reviewwatch import queue_list
    except ImportError:
        return
    first = queue_list.page(db, queue_list.Filters(), now=NOW)
    shown = f"more than {queue_list.COUNT_CAP:,}" if first.total > queue_list.COUNT_CAP \
        else f"{first.total:,}"
    print(f"queue: {shown} pending drafts")
    t = best_of(lambda: queue_list.page(db, queue_list.Filters(), now=NOW))
    print(f"queue first page:          {t * 1000:7.1f} ms")
    cursor = first.next_cursor
    for _ in range(20):
        cursor = queue_list.page(db, queue_list.Filters(), after=cursor, now=NOW).next_cursor
    t = best_of(lambda: queue_list.page(db, queue_list.Filters(), after=cursor, now=NOW))
    print(f"queue page 22 (keyset):    {t * 1000:7.1f} ms")
    flt = queue_list.Filters(business="b1", label="negative", aspect="app_crash", age="over24h")
    t = best_of(lambda: queue_list.page(db, flt, now=NOW))
    print(f"queue filtered page:       {t * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
