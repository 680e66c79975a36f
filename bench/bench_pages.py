"""Pages, digest and export on a large database: p95 per page, digest time, export rate.

    .venv/bin/python bench/build_db.py 1000000 --out /tmp/rw-1m.db     # once, ~2-3 min
    .venv/bin/python bench/bench_pages.py /tmp/rw-1m.db [--requests 50]

Each page is requested `--requests` times by a logged-in user through Flask's test client
(the whole request: routing, session, SQL, template), and the p95 is printed. The digest is
built for the business with the most items, for the newest day. The export writes JSON
Lines to a counting sink for `--export-rows` rows (all rows when 0).

Targets (issue 13) at 1,000,000 items: digest < 1 s; queue, items, dashboard and search
pages p95 < 100 ms; export >= 10,000 rows/s.
Without a database path it builds a 20,000-item one first (so `make bench` runs it).
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from reviewwatch import config as cfg  # noqa: E402
from reviewwatch import db as store  # noqa: E402


def settings_for(db_path: Path, businesses: list[str]) -> cfg.Settings:
    return cfg.from_dict({
        "storage": {"path": str(db_path)},
        "web": {"secret_key": "bench-secret-key-0123456789abcdef"},
        "businesses": [{"id": b, "name": f"Business {b}", "timezone": "America/New_York",
                        "signature": "The team", "contact": "team@example.com"}
                       for b in businesses]}, environ={})


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1] if len(samples) >= 20 else max(samples)


def pages(app, urls: dict[str, str], requests: int) -> dict[str, dict]:
    from build_db import PASSWORD, USER

    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)[1]
    client.post("/login", data={"username": USER, "password": PASSWORD, "csrf_token": token,
                                "next": "/drafts"})
    out = {}
    for name, url in urls.items():
        first = client.get(url)
        if first.status_code != 200:
            out[name] = {"url": url, "status": first.status_code}
            continue
        times = []
        for _ in range(requests):
            started = time.perf_counter()
            response = client.get(url)
            response.get_data()
            times.append((time.perf_counter() - started) * 1000)
        out[name] = {"url": url, "p95_ms": round(p95(times), 1),
                     "median_ms": round(statistics.median(times), 1),
                     "bytes": len(first.get_data())}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", nargs="?", type=Path)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--export-rows", type=int, default=200_000)
    args = parser.parse_args()
    tmp = None
    if args.db is None:
        from build_db import build

        tmp = tempfile.TemporaryDirectory(prefix="rw-pages-")
        args.db = Path(tmp.name) / "rw.db"
        build(args.db, 20_000, 20, datetime(2026, 11, 30, 12, tzinfo=UTC))
    db = store.open_database(args.db)
    items = db.execute("SELECT count(*) FROM items").fetchone()[0]
    businesses = [r[0] for r in db.execute("SELECT id FROM businesses ORDER BY id")]
    biggest = db.execute("SELECT business_id FROM items GROUP BY business_id "
                         "ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    settings = settings_for(args.db, businesses)
    from reviewwatch.web import create_app

    app = create_app(settings, args.db)
    app.config["TESTING"] = True
    urls = {"queue": "/drafts", "queue, label": "/drafts?label=mixed",
            "queue, business": f"/drafts?business={biggest}",
            "items": "/items", "items, label": "/items?label=negative",
            "items, business": f"/items?business={biggest}",
            "search": "/items?q=rude+staff", "search, rare word": "/items?q=zanzibar",
            "dashboard": "/", "dashboard, business": f"/?business={biggest}",
            "dashboard, 365 days": "/?days=365",
            "dashboard, business, 365 days": f"/?business={biggest}&days=365",
            "sources": "/sources"}
    results = pages(app, urls, args.requests)

    from reviewwatch.notify.digest import build_digest

    newest = db.execute(f"SELECT max({store.ITEM_WHEN.replace('i.', '')}) FROM items"
                        ).fetchone()[0]
    day = datetime.fromisoformat(newest.replace("Z", "+00:00")).date()
    times = []
    for _ in range(5):
        started = time.perf_counter()
        digest = build_digest(db, settings, biggest, day)
        times.append(time.perf_counter() - started)
    digest_s = statistics.median(times)

    from reviewwatch import export

    class Sink:
        def __init__(self):
            self.bytes = 0

        def write(self, text: str) -> int:
            self.bytes += len(text)
            return len(text)

    sink = Sink()
    limit = args.export_rows or None
    started = time.perf_counter()
    count = 0
    for row in itertools.islice(export.rows(db), limit):
        sink.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    export_rate = count / (time.perf_counter() - started)

    print(f"database: {items:,} items, {len(businesses)} businesses ({args.db})")
    print("| page | p95 ms | median ms | bytes |")
    print("|---|---|---|---|")
    for name, r in results.items():
        if "p95_ms" in r:
            print(f"| {name} `{r['url']}` | {r['p95_ms']} | {r['median_ms']} | {r['bytes']:,} |")
        else:
            print(f"| {name} `{r['url']}` | HTTP {r['status']} | | |")
    print(f"digest ({biggest}, {day}): {digest_s * 1000:.0f} ms median of 5 "
          f"({digest.counts['new']} new, {digest.counts['drafts_pending']} drafts pending)")
    print(f"export: {count:,} rows at {export_rate:,.0f} rows/s")
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
