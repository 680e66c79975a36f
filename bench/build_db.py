"""Build a reviewwatch database of N items, for the page, digest and export benchmarks.

    .venv/bin/python bench/build_db.py 1000000 [--businesses 200] [--out /tmp/rw-1m.db]

The texts are real customer reviews read from ../shared/data/train at run time (cycled);
ratings, dates, triage, drafts and their states are drawn from a seeded random generator
so every build of the same N is the same database. Rows go in through the real schema
(`open_database` runs the migrations) in large transactions; triage and drafting are not
run (that is what bench_ingest.py measures), their rows are written as the pipeline would.

Shape: B businesses with two sources each; items spread over the 365 days before --end;
every item triaged; a draft for each item that needs a reply (negative, mixed, and most
praise, as the composer does); drafts of the last 60 days pending, older ones decided;
an alert for each negative item; a runs row per source per day; one owner user
"bench" (password "bench-password") for the logged-in page benchmarks.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reviewwatch import db as store  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "train"
TEXT_FILES = ("yelp_reviews.jsonl", "play_app_reviews.jsonl", "clothing_reviews.jsonl",
              "uci_sentences.jsonl")
CHUNK = 20_000
PENDING_DAYS = 60
USER, PASSWORD = "bench", "bench-password"
ASPECTS = ("wait_time", "staff", "billing", "food_quality", "cleanliness", "crash", "support")


def load_texts() -> list[tuple[str, int | None]]:
    """(text, rating) pairs from the shared training files."""
    texts = []
    for name in TEXT_FILES:
        path = DATA / name
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                texts.append((row["text"], row.get("rating")))
    if not texts:
        sys.exit(f"no texts: {DATA} is absent (the builder reads real reviews from it)")
    return texts


def iso(moment: datetime) -> str:
    return store.utcnow_of(moment)


def build(path: Path, n: int, businesses: int, end: datetime, seed: int = 13) -> dict:
    """Write the database; return what was built and how long it took."""
    rng = random.Random(seed)
    texts = load_texts()
    if path.exists():
        path.unlink()
    db = store.open_database(path)
    conn = db.conn
    started = time.perf_counter()
    conn.execute("PRAGMA synchronous=OFF")
    # Bulk loads index the full text once at the end; the triggers keep it in step after.
    conn.executescript("DROP TRIGGER items_fts_insert;")
    # And count the dashboard's roll-up once at the end (its back-fill), not row by row.
    from reviewwatch import rollup

    conn.executescript("".join(f"DROP TRIGGER {t};" for t in rollup.TRIGGER_NAMES))
    now = iso(end)
    with db.atomic():
        for b in range(businesses):
            conn.execute("INSERT INTO businesses (id, name, timezone, updated_at) VALUES "
                         "(?, ?, ?, ?)", [f"b{b}", f"Business {b}", "America/New_York", now])
            for s, kind in enumerate(("appstore", "google_play")):
                conn.execute("INSERT INTO sources (name, business_id, kind, state, "
                             "last_poll_at, last_success_at) VALUES (?, ?, ?, 'ok', ?, ?)",
                             [f"b{b}-s{s}", f"b{b}", kind, now, now])
    from reviewwatch import users

    users.add_user(db, USER, "owner", PASSWORD)
    span = 365 * 24 * 3600
    drafts_made = 0
    for start in range(0, n, CHUNK):
        items, triage, drafts, outbox = [], [], [], []
        for k in range(start, min(n, start + CHUNK)):
            item_id = k + 1
            text, rating = texts[k % len(texts)]
            rating = rating if rating is not None else rng.choice((1, 2, 4, 5))
            b = rng.randrange(businesses)
            source = f"b{b}-s{k % 2}"
            published = end - timedelta(seconds=rng.randrange(span))
            seen = published + timedelta(minutes=rng.randrange(1, 600))
            digest = hashlib.sha256(f"{k}:{text}".encode()).hexdigest()
            mention = rng.random() < 0.1
            items.append([item_id, source, f"b{b}", f"r{k}", "mention" if mention else "review",
                          f"user{k % 9973}", None if mention else rating, 5, None, text,
                          f"https://example.com/r/{k}", None if mention else iso(published),
                          "en", "{}", digest, iso(seen)])
            label = "negative" if rating <= 2 else "mixed" if rating == 3 and rng.random() < .5 \
                else "neutral" if rating == 3 else "positive"
            priority = "urgent" if label == "negative" and rng.random() < 0.05 else \
                "high" if label == "negative" else "normal" if label == "mixed" else "low"
            aspects = rng.sample(ASPECTS, 2) if label in ("negative", "mixed") else []
            triage.append([item_id, label, 0.1, 0.1, json.dumps(aspects), json.dumps(aspects),
                           "en", 1 if label != "neutral" else 0, 0, priority, digest,
                           iso(seen), "{}"])
            if label != "neutral" and rng.random() < 0.97:
                age = (end - seen).days
                status = "pending" if age < PENDING_DAYS else rng.choice(
                    ("approved", "posted", "posted", "rejected"))
                drafts.append([item_id, status, f"Thank you for the review of item {k}.",
                               "[]", "[]", "{}", digest, iso(seen),
                               store.PRIORITY_RANK.get(priority, 3),
                               None if status == "pending" else USER,
                               None if status == "pending" else iso(seen + timedelta(hours=5)),
                               iso(seen + timedelta(hours=6)) if status == "posted" else None])
            if label == "negative":
                outbox.append(["slack_alert", f"alert:item:{item_id}", f"b{b}",
                               json.dumps({"item_id": item_id}), "sent", 1, iso(seen),
                               iso(seen), iso(seen)])
        with db.atomic():
            conn.executemany(
                "INSERT INTO items (id, source, business_id, external_id, kind, author, rating, "
                "rating_max, title, text, url, published_at, language, raw, content_hash, "
                "first_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", items)
            conn.executemany(store.TRIAGE_UPSERT, triage)
            conn.executemany(
                "INSERT INTO drafts (item_id, status, reply, parts, lint, fits, content_hash, "
                "created_at, queue_rank, decided_by, decided_at, posted_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", drafts)
            conn.executemany(
                "INSERT INTO outbox (kind, dedupe_key, business_id, payload, status, attempts, "
                "next_attempt_at, created_at, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                outbox)
        drafts_made += len(drafts)
        print(f"  {min(n, start + CHUNK):>9,} items", file=sys.stderr, flush=True)
    with db.atomic():
        for day in range(30):
            at = iso(end - timedelta(days=day))
            conn.executemany(
                "INSERT INTO runs (source, started_at, finished_at, fetched, unchanged) "
                "VALUES (?, ?, ?, 5, 5)",
                [[f"b{b}-s{s}", at, at] for b in range(businesses) for s in (0, 1)])
    from reviewwatch import db_scale

    db_scale.m022_scale_search(db)  # puts the insert trigger back (and rebuilds once more)
    conn.executescript(rollup.triggers())
    with db.atomic():
        rollup.backfill(db, end)
    conn.execute("ANALYZE")
    conn.execute("PRAGMA synchronous=NORMAL")
    elapsed = time.perf_counter() - started
    db.conn.close()
    return {"items": n, "businesses": businesses, "drafts": drafts_made,
            "seconds": round(elapsed, 1), "bytes": path.stat().st_size}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("items", type=int)
    parser.add_argument("--businesses", type=int, default=200)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--end", default="2026-11-30T12:00:00+00:00",
                        help="the newest item's time (ISO 8601); items go back a year")
    args = parser.parse_args()
    out = args.out or Path(f"/tmp/reviewwatch-bench-{args.items}.db")
    end = datetime.fromisoformat(args.end).astimezone(UTC)
    result = build(out, args.items, args.businesses, end)
    print(json.dumps({"path": str(out), **result}))


if __name__ == "__main__":
    main()
