"""Triage speed and exactness, against the plain vaderSentiment package, in one run.

Prints: whether the linear VADER gives the package's exact compound on every text; the
throughput of both on ~1 KB reviews; the time of both on one 100 KB text; and the
end-to-end throughput of `reviewwatch score` on the dev set.

    .venv/bin/python bench/bench_triage.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer  # noqa: E402

from reviewwatch.triage import triage, vader  # noqa: E402


def timed(fn, texts, repeat=1):
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for t in texts:
            fn(t)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    dev = args.shared / "data" / "reviews_dev" / "tripadvisor_hotel_reviews_subset.csv"
    with dev.open(encoding="utf-8", newline="") as f:
        reviews = [row["Review"] for row in csv.DictReader(f)]
    gold = []
    for path in sorted((args.shared / "data" / "vader_ground_truth").glob("*.txt")):
        with path.open(encoding="utf-8", newline="") as f:
            gold += [line.rstrip("\r\n").split("\t")[2] for line in f if line.count("\t") >= 2]
    analyzer = SentimentIntensityAnalyzer()

    texts = gold + reviews
    mismatches = sum(vader.compound(t) != analyzer.polarity_scores(t)["compound"]
                     for t in texts)
    print(f"exactness: {len(texts)} texts, {mismatches} compounds differ from vaderSentiment")

    kb = [t for t in reviews if 800 <= len(t) <= 1300][:400]
    plain = timed(lambda t: analyzer.polarity_scores(t), kb, repeat=3)
    ours = timed(vader.polarity_scores, kb, repeat=3)
    full = timed(lambda t: triage(t, language="en"), kb, repeat=3)
    print(f"~1 KB reviews ({len(kb)}): vaderSentiment {len(kb) / plain:,.0f}/s, "
          f"linear VADER {len(kb) / ours:,.0f}/s ({plain / ours:.1f}x), "
          f"full triage {len(kb) / full:,.0f}/s")

    big = (" ".join(reviews))[:100_000]
    started = time.perf_counter()
    expected = analyzer.polarity_scores(big)["compound"]
    plain_big = time.perf_counter() - started
    started = time.perf_counter()
    got = vader.compound(big)
    ours_big = time.perf_counter() - started
    started = time.perf_counter()
    triage(big, language="en")
    triage_big = time.perf_counter() - started
    print(f"one 100 KB text: vaderSentiment {plain_big * 1000:,.0f} ms, linear VADER "
          f"{ours_big * 1000:,.1f} ms ({ours_big / plain_big:.4f} of its time, same compound: "
          f"{got == expected}), full triage {triage_big * 1000:,.1f} ms")

    lines = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(reviews))
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "reviewwatch", "score"], input=lines,
                          capture_output=True, text=True, check=True)
    elapsed = time.perf_counter() - started
    rows = len(done.stdout.splitlines())
    print(f"reviewwatch score end to end: {rows} rows in {elapsed:.2f} s "
          f"({rows / elapsed:,.0f} rows/s, process start-up included)")


if __name__ == "__main__":
    main()
