"""Triage speed and exactness, against the plain vaderSentiment package, in one run.

Prints: whether the linear VADER gives the package's exact compound on every text; the
throughput of both on short texts (the paper's tweets and snippets; the real reviews
bench_ingest.py collects, all of them and those under 150 bytes) and on ~1 KB reviews; the
time of both on one 100 KB text; and the end-to-end throughput of `reviewwatch score` on the
dev set.

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

sys.path.insert(0, str(ROOT / "bench"))
import bench_ingest  # noqa: E402


def timed(fn, texts, repeat=1):
    """The best of `repeat` runs, in CPU time of this process: on a shared machine, time
    taken by other processes is not charged to whichever side happened to be running."""
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        for t in texts:
            fn(t)
        best = min(best, time.process_time() - started)
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

    short = [t for t in gold if 60 <= len(t) <= 140][:1000]
    kb = [t for t in reviews if 800 <= len(t) <= 1300][:400]
    # the texts bench/bench_ingest.py collects (Play, Yelp, clothing, UCI: real reviews, most
    # of them short), and those of them under 150 bytes
    bench_ingest.DATA = args.shared / "data" / "train"
    ingest = [t for t, _ in bench_ingest.load_texts()[:1500]]
    tiny = [t for t in ingest if len(t.encode()) < 150][:1000]
    print("whole triage (language, model, clauses, flags) vs vaderSentiment.polarity_scores, "
          "same texts, same run:")
    print(f"{'texts':<26}{'vaderSentiment/s':>18}{'linear VADER/s':>16}{'triage/s':>10}"
          f"{'triage/vader':>14}")
    for name, batch in (("~100 B tweets/snippets", short), ("ingest reviews, <150 B", tiny),
                        (f"ingest reviews, ~{sum(map(len, ingest)) // len(ingest)} B", ingest),
                        ("~1 KB reviews", kb)):
        triage(batch[0])  # load the model and the language detector outside the timing
        triage("Das Zimmer war schmutzig und das Personal sehr unfreundlich.")  # (lingua)
        plain = timed(lambda t: analyzer.polarity_scores(t), batch, repeat=5)
        ours = timed(vader.polarity_scores, batch, repeat=5)
        full = timed(lambda t: triage(t), batch, repeat=5)
        print(f"{name + f' ({len(batch)})':<26}{len(batch) / plain:>18,.0f}"
              f"{len(batch) / ours:>16,.0f}{len(batch) / full:>10,.0f}{plain / full:>13.2f}x")
    try:
        import pysbd
    except ImportError:
        print("sentence splitting: pysbd is not installed; `pip install pysbd` to compare")
    else:
        from reviewwatch.triage.segment import sentences

        seg = pysbd.Segmenter(language="en", clean=False)
        theirs = timed(seg.segment, kb)
        mine = timed(sentences, kb)
        print(f"sentence splitting, ~1 KB reviews: pysbd {len(kb) / theirs:,.0f}/s, "
              f"reviewwatch {len(kb) / mine:,.0f}/s ({theirs / mine:.0f}x)")

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
    started = time.perf_counter()
    for t in reviews:
        analyzer.polarity_scores(t)
    plain_all = time.perf_counter() - started
    print(f"reviewwatch score end to end: {rows} rows in {elapsed:.2f} s "
          f"({rows / elapsed:,.0f} rows/s, process start-up included); vaderSentiment on the "
          f"same texts in-process: {plain_all:.2f} s ({plain_all / elapsed:.2f}x)")


if __name__ == "__main__":
    main()
