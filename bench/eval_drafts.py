"""How good are the HEARD drafts, as `reviewwatch draft` writes them?

Prints, for the dev set's 1-3 star reviews and the App Store capture: the share of drafts
with each move, the share that name their review's specific complaint, lint findings by
rule, the share of distinct replies, and the share of the most-used opening sentence.

    .venv/bin/python bench/eval_drafts.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from responders.banks import load as load_bank  # noqa: E402
from responders.heard import COMPLAINT  # noqa: E402
from reviewwatch.config import Business  # noqa: E402

GENERIC_PHRASES = tuple(load_bank()["words"]["complaint"])
MOVES = ("hear", "empathize", "apologize", "resolve", "diagnose")
BUSINESS = Business(id="eval", name="The Harbour Hotel", signature="Alex Morgan, Guest Relations",
                    contact="alex@harbour.example", compensation=None)


def load(shared: Path) -> list[dict]:
    items = []
    dev = shared / "data" / "reviews_dev" / "tripadvisor_hotel_reviews_subset.csv"
    with dev.open(encoding="utf-8", newline="") as f:
        for i, row in enumerate(csv.DictReader(f)):
            if int(row["Rating"]) <= 3:
                items.append({"external_id": f"dev{i}", "text": row["Review"],
                              "rating": int(row["Rating"]), "author": None, "kind": "review",
                              "platform": "google_business"})
    feed = shared / "fixtures" / "apple_app_store_rss" / \
        "customerreviews_us_id1321994487_page1.json"
    for e in json.loads(feed.read_text("utf-8"))["feed"]["entry"]:
        if "im:rating" in e:
            items.append({"external_id": e["id"]["label"], "text": e["content"]["label"],
                          "title": e["title"]["label"], "rating": int(e["im:rating"]["label"]),
                          "author": e["author"]["name"]["label"], "kind": "review",
                          "platform": "appstore"})
    return items


def names_complaint(draft: dict, result: dict) -> bool:
    hear = next((p["text"] for p in draft["parts"] if p["move"] == "hear"), "").lower()
    if any(g in hear for g in GENERIC_PHRASES):
        return False
    return any(COMPLAINT[a] in hear for a in result["aspects"] if a in COMPLAINT) or \
        any(e.lower() in hear for e in result["evidence"])


CONFIG = f"""[storage]
path = "eval.db"
[[businesses]]
id = "{BUSINESS.id}"
name = "{BUSINESS.name}"
signature = "{BUSINESS.signature}"
contact = "{BUSINESS.contact}"
"""


def through_cli(items: list[dict]) -> list[dict]:
    """Every item drafted by `reviewwatch draft`, as the JSON Lines contract gives it."""
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "reviewwatch.toml"
        config.write_text(CONFIG, "utf-8")
        lines = "".join(json.dumps({"id": i["external_id"], "text": i["text"],
                                    "title": i.get("title"), "rating": i["rating"],
                                    "author": i["author"], "platform": i["platform"],
                                    "business": BUSINESS.id}) + "\n" for i in items)
        done = subprocess.run([sys.executable, "-m", "reviewwatch", "draft", "--config",
                               str(config)], input=lines, capture_output=True, text=True,
                              check=False, cwd=tmp)
    out = [json.loads(line) for line in done.stdout.splitlines()]
    bad = [o for o in out if "error" in o]
    if done.returncode or bad or len(out) != len(items):
        sys.exit(f"reviewwatch draft failed: {bad[:1] or done.stderr[-500:]}")
    return out


def first_sentence(reply: str) -> str:
    body = reply.split("\n\n", 1)[1] if "\n\n" in reply else reply
    return re.split(r"(?<=[.!?])\s", body, maxsplit=1)[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    items = load(args.shared)
    started = time.perf_counter()
    drafts = [(item, out["triage"], out["draft"]) for item, out in
              zip(items, through_cli(items), strict=True) if out.get("draft")]
    elapsed = time.perf_counter() - started
    negative = [(i, r, d) for i, r, d in drafts if r["label"] in ("negative", "mixed")]
    print(f"{len(items)} reviews (dev 1-3 stars + App Store capture), {len(drafts)} drafts, "
          f"{len(negative)} to complaints, {len(drafts) / elapsed:.0f} drafts/s")
    for move in MOVES:
        share = sum(any(p["move"] == move for p in d["parts"]) for _, _, d in negative)
        print(f"  {move:<10} in {share / len(negative):.1%} of complaint drafts")
    all_five = sum([p["move"] for p in d["parts"] if p["move"] in MOVES] == list(MOVES)
                   for _, _, d in negative)
    print(f"  all five moves, in order: {all_five / len(negative):.1%}")
    specific = sum(names_complaint(d, r) for _, r, d in negative)
    with_aspects = sum(1 for _, r, _ in negative if r["aspects"])
    print(f"  names the review's specific complaint: {specific}/{len(negative)} "
          f"({specific / len(negative):.1%}); {with_aspects} by an aspect, the rest by the "
          "customer's own words")
    rules = Counter(f["rule"] for _, _, d in drafts for f in d["lint"]
                    if f["severity"] == "error")
    print(f"  lint errors: {sum(rules.values())} {dict(rules)}")
    replies = [d["reply"] for _, _, d in drafts]
    print(f"  distinct replies: {len(set(replies)) / len(replies):.1%}")
    openings = Counter(first_sentence(r) for r in replies)
    top, count = openings.most_common(1)[0]
    print(f"  most-used opening: {count / len(replies):.1%} ({top[:70]!r})")
    batch = [d for _, _, d in negative[:100]]
    batch_top = Counter(first_sentence(d["reply"]) for d in batch).most_common(1)[0][1]
    print(f"  most-used opening in the first 100 complaint drafts: {batch_top}/100")


if __name__ == "__main__":
    main()
