"""Print drafts for a fixed sample of real negative reviews from three kinds of business.

    python bench/sample_drafts.py [N] > drafts.txt

N reviews (default 20) of at most 2 stars are taken from each of: Yelp food businesses
(cafés and restaurants), Google Play apps, and clothing products in ../shared/data/train,
in file order after a
fixed shuffle, and drafted as a restaurant, an app maker and a product maker would. This
is the set a person reads as a customer-care manager (SEND / LIGHT / REWRITE).
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from responders import compose_draft  # noqa: E402
from reviewwatch import config as cfg  # noqa: E402
from reviewwatch.pipeline import triage_item  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "train"
BUSINESSES = [
    {"id": "bistro", "name": "Saffron Bistro", "category": "restaurant",
     "signature": "Ravi Menon, General Manager", "contact": "hello@saffronbistro.example"},
    {"id": "habits", "name": "Tidepool", "category": "app",
     "signature": "Dana Whitfield, Head of Care", "contact": "care@tidepool.example"},
    {"id": "shop", "name": "Linen & Loom", "category": "product",
     "signature": "Alex Kim, Customer Care", "contact": "help@linenloom.example"},
]
SETS = [("bistro", "yelp_reviews.jsonl", "google_business", lambda r: True),
        ("habits", "play_app_reviews.jsonl", "google_play", lambda r: True),
        ("shop", "clothing_reviews.jsonl", "trustpilot", lambda r: True)]


def sample(n: int, skip: int = 0):
    settings = cfg.from_dict({"storage": {"path": ":memory:"}, "businesses": BUSINESSES},
                             environ={})
    by_id = {b.id: b for b in settings.businesses}
    for business, name, platform, keep in SETS:
        rows = [json.loads(line) for line in (DATA / name).open(encoding="utf-8")]
        rows = [r for r in rows if (r.get("rating") or 5) <= 2 and keep(r)]
        random.Random(7).shuffle(rows)
        for k, r in enumerate(rows[skip:skip + n], skip):
            item = {"id": k, "external_id": f"{business}-{k}", "text": r["text"], "title": None,
                    "rating": r["rating"], "rating_max": 5, "kind": "review",
                    "platform": platform, "author": None}
            triage = triage_item(None, item, by_id[business], None)
            yield business, platform, item, triage, compose_draft(
                item, triage, by_id[business], platform=platform)


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=20, help="reviews per business")
    parser.add_argument("--skip", type=int, default=0,
                        help="start after this many of each business's sample (a fresh set "
                             "for a second reading)")
    args = parser.parse_args()
    for number, (business, platform, item, triage, draft) in enumerate(
            sample(args.n, args.skip), 1):
        print(f"## {number} · {business} · {platform} · {item['rating']}★ · "
              f"{triage['label']} · flags {[f['flag'] for f in triage['flags']]}")
        print("> " + " ".join(item["text"].split())[:700])
        print()
        print(draft["reply"] if draft else "(no draft)")
        if draft and draft["lint"]:
            print("LINT:", [f["rule"] for f in draft["lint"]])
        print()


if __name__ == "__main__":
    main()
