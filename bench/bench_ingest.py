"""Ingest through the real pipeline against plain vaderSentiment scoring of the same texts.

    .venv/bin/python bench/bench_ingest.py [--sizes 10000,100000]

For each size N: a CSV of N real review texts (read from ../shared/data/train at run time,
cycled, each row its own id) is collected from scratch by `reviewwatch collect` in a fresh
process (CSV -> normalize -> save -> triage -> draft -> alerts queued), which reports its
wall time and peak RSS. In the same run, the baseline scores the same N texts with
vaderSentiment's SentimentIntensityAnalyzer.polarity_scores, one analyzer, nothing else.

Set REVIEWWATCH_BENCH_SERIAL=1 to keep the triage in the collecting process (no workers).

Memory, measured two ways, both printed:
- peak RSS of each process (getrusage ru_maxrss of the collector, and of the largest worker
  reaped, or sampled): RSS counts a page shared between processes in each of them, so
  adding the processes' RSS overstates what a forked tree uses;
- peak PSS of the whole tree (the collector and every descendant: fork server, workers),
  summed from /proc/PID/smaps_rollup every SAMPLE_SECONDS by a thread of this benchmark's
  process, outside the measured one: PSS divides each shared page among the processes
  sharing it, so the sum is the memory the tree really holds. Sampled, so a peak shorter
  than the interval can be missed (and the tree itself is looked up once a second: a
  process younger than that is not yet counted).

Targets (issue 13): ingest at >= 50% of the scoring rate; the rate at the largest size
within 10% of the rate at the smallest; peak RSS under 300 MB for 100,000 items.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_SECONDS = 0.2
TREE_EVERY = 5  # samples between two look-ups of the process tree (once a second)
DATA = ROOT.parent / "shared" / "data" / "train"
TEXT_FILES = ("play_app_reviews.jsonl", "yelp_reviews.jsonl", "clothing_reviews.jsonl",
              "uci_sentences.jsonl")


def load_texts() -> list[tuple[str, int | None]]:
    """(text, rating) from the shared training files, interleaved so every size mixes them."""
    per_file = []
    for name in TEXT_FILES:
        path = DATA / name
        if path.exists():
            with path.open(encoding="utf-8") as f:
                per_file.append([(r["text"], r.get("rating")) for r in map(json.loads, f)])
    if not per_file:
        sys.exit(f"no texts: {DATA} is absent (the benchmark reads real reviews from it)")
    mixed = []
    for k in range(max(len(p) for p in per_file)):
        mixed += [p[k] for p in per_file if k < len(p)]
    return mixed


def write_csv(path: Path, texts: list[tuple[str, int | None]], n: int) -> list[str]:
    """N rows (texts cycled); the texts written, in order."""
    written = []
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["id", "text", "rating", "author", "date"])
        for k in range(n):
            text, rating = texts[k % len(texts)]
            out.writerow([f"r{k}", text, rating or "", f"user{k % 997}",
                          f"2026-{1 + k % 12:02d}-{1 + k % 28:02d}T10:00:00Z"])
            written.append(text)
    return written


def _tree(root: int) -> list[int]:
    """The process and all its descendants, from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            parents.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += parents.get(pid, [])
    return out


class TreeMemory:
    """Samples the summed PSS and RSS of the tree under `root`, and each process's CPU time,
    in a thread of the benchmark's own process: reading smaps_rollup costs ~1.7 ms of
    kernel time a process, which in a thread of the measured collector was ~5% of a core
    and its GIL, counted as the collector's."""

    def __init__(self, root: int) -> None:
        import threading

        self.root = root
        self.peak_pss_kb = self.peak_rss_sum_kb = self.peak_rss_other_kb = 0
        self.processes = 0
        self.cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        tick = os.sysconf("SC_CLK_TCK")
        pids: list[int] = []
        for sample in itertools.count():
            if self._stop.wait(SAMPLE_SECONDS):
                return
            if sample % TREE_EVERY == 0:
                # Finding the tree reads every process's stat in /proc (~2 ms): done every
                # sample it was most of this thread's ~5% of a core, in the measured process
                # and holding its GIL; the workers live for the whole backlog.
                pids = _tree(self.root)
            pss = rss = 0
            self.processes = max(self.processes, len(pids))
            for pid in pids:
                try:
                    rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
                    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                kb = {line.split(":")[0]: int(line.split()[1]) for line in
                      rollup.splitlines()[1:]}
                pss, rss = pss + kb["Pss"], rss + kb["Rss"]
                if pid != self.root:
                    self.peak_rss_other_kb = max(self.peak_rss_other_kb, kb["Rss"])
                self.cpu[pid] = (int(fields[11]) + int(fields[12])) / tick
            self.peak_pss_kb = max(self.peak_pss_kb, pss)
            self.peak_rss_sum_kb = max(self.peak_rss_sum_kb, rss)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def child(config: str) -> None:
    """Inside the measured process: one collection cycle from scratch."""
    sys.path.insert(0, str(ROOT))
    from reviewwatch import config as cfg
    from reviewwatch import db as store
    from reviewwatch import parallel, pipeline

    if os.environ.get("REVIEWWATCH_BENCH_SERIAL"):
        parallel.MIN_BACKLOG = 1 << 62  # the baseline: everything in the collecting process
    settings = cfg.load(Path(config), environ={})
    database = store.open_database(settings.storage_path)
    started = time.perf_counter()
    report = pipeline.collect(database, settings, deliver=False)
    workers = parallel.workers_for(report.new)  # the backlog was every new item
    elapsed = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF)
    reaped = resource.getrusage(resource.RUSAGE_CHILDREN)  # the workers, once reaped
    others = reaped.ru_maxrss  # the largest worker or server reaped (the sampler's too)
    print(json.dumps({"seconds": elapsed, "new": report.new, "drafts": report.drafts_created,
                      "negative": report.negative, "peak_rss_mb": own.ru_maxrss / 1024,
                      "worker_rss_mb": others / 1024, "workers": workers,
                      "cpu_collector_s": own.ru_utime + own.ru_stime,
                      "failed": [r.error for r in report.failed]}))


def vader_rate(texts: list[str]) -> float:
    """Texts a second through plain vaderSentiment, one analyzer."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    started = time.perf_counter()
    for text in texts:
        analyzer.polarity_scores(text)
    return len(texts) / (time.perf_counter() - started)


def csv_config(db_path: Path, csv_path: Path, max_bytes: int, slack: str | None = None) -> str:
    """The config of one business with one CSV source, as the ingest benchmarks collect it."""
    alerts = f'\n[alerts]\nslack_webhook_url = "{slack}"\n' if slack else ""
    return f"""
[storage]
path = "{db_path}"
{alerts}
[[businesses]]
id = "bench"
name = "Bench Bistro"
timezone = "UTC"
signature = "The Bench team"
contact = "hello@bench.example"

  [[businesses.sources]]
  name = "bench-csv"
  kind = "csv"
  path = "{csv_path}"
  columns = {{ id = "id", text = "text", rating = "rating", author = "author", date = "date" }}
  max_bytes = {max_bytes}
"""


def run(n: int, texts: list[tuple[str, int | None]], work: Path) -> dict:
    csv_path, db_path, config = work / f"in-{n}.csv", work / f"rw-{n}.db", work / f"c-{n}.toml"
    written = write_csv(csv_path, texts, n)
    config.write_text(csv_config(db_path, csv_path, csv_path.stat().st_size + 1))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.Popen([sys.executable, __file__, "--child", str(config)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    memory = TreeMemory(proc.pid)  # sampled from here, outside the measured process
    stdout, stderr = proc.communicate()
    memory.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the collector and all it reaped
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    if proc.returncode != 0:
        sys.exit(f"collect failed for {n}: {stderr[-2000:]}")
    measured = json.loads(stdout.strip().splitlines()[-1])
    measured.update(tree_pss_mb=memory.peak_pss_kb / 1024,
                    tree_rss_sum_mb=memory.peak_rss_sum_kb / 1024, processes=memory.processes,
                    worker_rss_mb=max(measured["worker_rss_mb"],
                                      memory.peak_rss_other_kb / 1024),
                    cpu_others_s=sum(c for pid, c in memory.cpu.items() if pid != proc.pid))
    baseline = vader_rate(written)
    rate = measured["new"] / measured["seconds"]
    return {"items": n, "ingest_per_s": round(rate), "vader_per_s": round(baseline),
            "ratio": round(rate / baseline, 3), "peak_rss_mb": round(measured["peak_rss_mb"]),
            "worker_rss_mb": round(measured["worker_rss_mb"]), "workers": measured["workers"],
            "tree_pss_mb": round(measured["tree_pss_mb"]),
            "tree_rss_sum_mb": round(measured["tree_rss_sum_mb"]),
            "processes": measured["processes"],
            "cpu_us_per_item": round(cpu / n * 1e6),  # the whole tree, start-up included
            "cpu_collector_s": round(measured["cpu_collector_s"], 1),
            "cpu_others_s": round(measured["cpu_others_s"], 1),
            "drafts": measured["drafts"], "seconds": round(measured["seconds"], 1),
            "failed": measured["failed"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    texts = load_texts()
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory(prefix="rw-ingest-") as tmp:
        for n in sizes:
            rows.append(run(n, texts, Path(tmp)))
            print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    print("| items | workers | ingest items/s | vaderSentiment texts/s | ratio | peak RSS MB "
          "(collector; largest other process) | peak PSS MB, whole tree (sum of RSS) | "
          "drafts |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['items']:,} | {r['workers']} | {r['ingest_per_s']:,} | "
              f"{r['vader_per_s']:,} | {r['ratio']:.2f}x | {r['peak_rss_mb']}; "
              f"{r['worker_rss_mb']} | {r['tree_pss_mb']} ({r['tree_rss_sum_mb']}) | "
              f"{r['drafts']:,} |")
    print(f"PSS: summed over the collector and its {rows[-1]['processes'] - 1} descendant "
          f"processes every {SAMPLE_SECONDS} s (/proc/PID/smaps_rollup); RSS counts shared "
          "pages in every process that maps them.")
    if len(rows) > 1:
        print(f"rate at {rows[-1]['items']:,} / rate at {rows[0]['items']:,}: "
              f"{rows[-1]['ingest_per_s'] / rows[0]['ingest_per_s']:.2f}")


if __name__ == "__main__":
    main()
