"""Draft replies for an independent reading's items, as the three businesses we are judged on.

    .venv/bin/python bench/reading_drafts.py [--code DIR] items.jsonl > drafts.txt

Each line of items.jsonl is {"biz": "air"|"acme"|"bistro", "platform", "rating", "author",
"text"}, written by a grader who has not read the composer (see bench/reading_brief.md). A
post to a social platform is a mention with no stars; anything else a review. `--code` drafts
with another checkout's code (a frozen worktree of the commit under test), so edits made while
a grader works do not change what it reads. Prints, for each item, the text, the triage
(label, whether a person must handle it, the routing flags) and the draft.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BUSINESSES = [
    {"id": "bistro", "name": "Saffron Bistro", "category": "restaurant",
     "signature": "Ravi Menon, General Manager", "contact": "hello@saffronbistro.example",
     "compensation": "a complimentary dessert"},
    {"id": "acme", "name": "Acme Home", "category": "product",
     "signature": "Dana Whitfield, Customer Care Lead", "contact": "care@acme-home.example",
     "profile": {"teams": {"performance": "firmware team"}}},
    {"id": "air", "name": "Bluejet", "category": "airline",
     "signature": "Sam, Bluejet Care", "contact": "care@bluejet.example",
     "compensation": "500 bonus miles",
     "profile": {"contact": {"social": "DM us your confirmation code"}}},
]
SOCIAL = ("mastodon", "bluesky", "reddit", "hackernews")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("items", type=Path, help="a JSON Lines file of the reading's items")
    parser.add_argument("--code", type=Path, default=ROOT,
                        help="the checkout whose composer drafts (default: this one)")
    args = parser.parse_args()
    sys.path.insert(0, str(args.code.resolve()))
    from responders import compose_draft
    from reviewwatch import config as cfg
    from reviewwatch.pipeline import triage_item

    settings = cfg.from_dict({"storage": {"path": ":memory:"}, "businesses": BUSINESSES},
                             environ={})
    by_id = {b.id: b for b in settings.businesses}
    with args.items.open(encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    for k, row in enumerate(rows, 1):
        kind = "mention" if row["platform"] in SOCIAL else "review"
        item = {"id": k, "external_id": f"reading-{k}", "text": row["text"], "title": None,
                "rating": row.get("rating"), "rating_max": 5 if row.get("rating") else None,
                "kind": kind, "platform": row["platform"], "author": row.get("author")}
        triage = triage_item(None, item, by_id[row["biz"]], None)
        draft = compose_draft(item, triage, by_id[row["biz"]], platform=row["platform"])
        print(f"=== {k} · {row['biz']} · {row['platform']} · {row.get('rating')}")
        print("TEXT:", row["text"])
        print("TRIAGE:", triage["label"], triage.get("needs_human"),
              [f["flag"] for f in triage.get("flags", [])])
        print("DRAFT:")
        print(draft["reply"] if draft else "(no draft)")
        print()


if __name__ == "__main__":
    main()
