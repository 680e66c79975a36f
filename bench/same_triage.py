"""Whether two builds of the triage give the same JSON for the same texts.

    .venv/bin/python bench/same_triage.py dump OUT.jsonl [--shared ../shared] [--n 8000]
    .venv/bin/python bench/same_triage.py compare A.jsonl B.jsonl

`dump` triages real texts (the ingest bench's reviews, the VADER paper's snippets and tweets,
the hotel dev reviews, a few tweets addressed to a brand) with the arguments cycled through
what callers pass (a rating or none, a title, a category, a mention with a platform,
competitors and the business's names, a language given), and writes one JSON line per call,
keys sorted. `compare` says which lines differ. Run `dump` before and after a change to the
triage: a speed-up must give the same lines. Faster than `same_output.py` (no database),
and it reaches the arguments the pipeline's CSV source never passes.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reviewwatch.triage import triage  # noqa: E402

CATEGORIES = (None, "restaurant", "hotel", "product", "app", "airline", "clinic", "service")
PLATFORMS = ("mastodon", "bluesky", "hackernews", "google_play", None)
EXTRA = ({"wi-fi": {"name": "Wi-Fi", "terms": ["wifi", "wi-fi", "internet"]}}, None)


def texts(shared: Path, n: int) -> list[str]:
    """Up to N texts, the sources interleaved so a prefix mixes them."""
    per: list[list[str]] = []
    for name in ("play_app_reviews.jsonl", "yelp_reviews.jsonl", "clothing_reviews.jsonl",
                 "uci_sentences.jsonl", "hotel_review_titles.jsonl"):
        path = shared / "data" / "train" / name
        if path.exists():
            with path.open(encoding="utf-8") as f:
                per.append([json.loads(line)["text"] for line in f][:n])
    for path in sorted((shared / "data" / "vader_ground_truth").glob("*.txt")):
        with path.open(encoding="utf-8", newline="") as f:
            per.append([line.rstrip("\r\n").split("\t")[2] for line in f
                        if line.count("\t") >= 2][:n])
    dev = shared / "data" / "reviews_dev" / "tripadvisor_hotel_reviews_subset.csv"
    if dev.exists():
        with dev.open(encoding="utf-8", newline="") as f:
            per.append([row["Review"] for row in csv.DictReader(f)])
    out: list[str] = []
    for k in range(max(map(len, per))):
        out += [p[k] for p in per if k < len(p)]
    return out[:n]


def calls(items: list[str]):
    """(text, keyword arguments) for each text, the arguments varied deterministically."""
    for k, text in enumerate(items):
        kw: dict = {}
        if k % 3 == 0:
            kw["rating"] = 1 + k % 5
        if k % 11 == 0:
            kw["title"] = text.split(".")[0][:60]
        kw["category"] = CATEGORIES[k % len(CATEGORIES)]
        if k % 5 == 1:
            kw["kind"] = "mention"
            kw["platform"] = PLATFORMS[k % len(PLATFORMS)]
        if k % 7 == 2:
            kw["competitors"] = ("Delta", "Marriott", "Amazon")
            kw["names"] = ("United", "@united", "Best Buy")
        if k % 13 == 4:
            kw["aspects"] = EXTRA[0]
        if k % 17 == 5:
            kw["language"] = "en"
        if k % 19 == 6:
            text = f"@united {text}"
        yield text, kw


def dump(out: Path, shared: Path, n: int) -> None:
    items = texts(shared, n)
    with out.open("w", encoding="utf-8") as f:
        for text, kw in calls(items):
            f.write(json.dumps(triage(text, **kw), sort_keys=True, ensure_ascii=False) + "\n")
    print(f"{len(items)} texts triaged to {out}")


def compare(a: Path, b: Path) -> int:
    left = a.read_text(encoding="utf-8").splitlines()
    right = b.read_text(encoding="utf-8").splitlines()
    bad = sum(x != y for x, y in zip(left, right, strict=False)) + abs(len(left) - len(right))
    shown = 0
    for k, (x, y) in enumerate(zip(left, right, strict=False)):
        if x != y and shown < 5:
            shown += 1
            print(f"line {k}:\n  {x[:300]}\n  {y[:300]}")
    print(f"{len(left)} vs {len(right)} lines: " + ("SAME" if not bad else f"{bad} DIFFER"))
    return 1 if bad else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    d.add_argument("--n", type=int, default=8000)
    c = sub.add_parser("compare")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.out, args.shared, args.n)
    else:
        sys.exit(compare(args.a, args.b))


if __name__ == "__main__":
    main()
