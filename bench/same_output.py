"""Whether two builds of the pipeline store the same thing for the same input.

    .venv/bin/python bench/same_output.py dump OUT.json [--items 2000] [--serial]
    .venv/bin/python bench/same_output.py compare A.json B.json

`dump` collects N real review texts from scratch through a CSV source (the texts and CSV
of bench_ingest.py, with a Slack webhook configured so negative items queue alerts; nothing
is delivered), collects it again with every EDIT_EVERY-th row edited (the edits' path:
versions, re-triage, fresh drafts), then writes every row of items, item_versions, triage,
drafts, outbox, triage_queue, the roll-up, the search index's content and answers, and
the sources, without the columns that hold the moment of the run. `compare` says which
rows differ. Run `dump` before and after a change to the pipeline: a speed-up must store
the same rows.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_ingest import csv_config, load_texts, write_csv  # noqa: E402

TABLES = ("items", "item_versions", "triage", "drafts", "outbox", "triage_queue",
          "rollup_days", "rollup_aspects", "rollup_reply_minutes", "items_fts", "sources",
          "search")
ORDER = dict.fromkeys(("rollup_days", "rollup_aspects", "rollup_reply_minutes"), "1, 2, 3")
EDIT_EVERY = 7
SEARCHES = ("cold", "staff", "rude waiter", "app", "great food", "edited", "user1*", "refund")
MOMENTS = {"edited_at", "review_updated_at", "first_seen_at", "scored_at", "created_at",
           "next_attempt_at", "recorded_at", "last_poll_at", "last_success_at"}


def dump(out: Path, n: int, serial: bool) -> None:
    """Build an N-item database through `reviewwatch collect` and write its rows to OUT."""
    with tempfile.TemporaryDirectory(prefix="rw-same-") as tmp:
        work = Path(tmp)
        csv_path, db_path, config = work / "in.csv", work / "rw.db", work / "c.toml"
        texts = load_texts()
        write_csv(csv_path, texts, n)
        config.write_text(csv_config(db_path, csv_path, 10 * csv_path.stat().st_size + 1000,
                                     slack="http://127.0.0.1:9/never-called"))
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        if serial:
            env["REVIEWWATCH_BENCH_SERIAL"] = "1"
        collect = [sys.executable, str(ROOT / "bench" / "bench_ingest.py"), "--child",
                   str(config)]
        subprocess.run(collect, cwd=ROOT, env=env, check=True, capture_output=True)
        edited = [(f"{text} Edited: the soup was cold and nobody came back." if k % EDIT_EVERY
                   == 0 else text, 1 if k % EDIT_EVERY == 0 else rating)
                  for k, (text, rating) in enumerate(texts[k % len(texts)] for k in range(n))]
        write_csv(csv_path, edited, n)
        subprocess.run(collect, cwd=ROOT, env=env, check=True, capture_output=True)
        conn = sqlite3.connect(db_path)
        conn.row_factory = sqlite3.Row
        tables = {}
        for table in TABLES[:-1]:  # (the last, "search", is what the index answers)
            columns = "rowid, *" if table == "items_fts" else "*"
            rows = conn.execute(f"SELECT {columns} FROM {table} "
                                f"ORDER BY {ORDER.get(table, 'rowid')}").fetchall()
            tables[table] = [{k: r[k] for k in r.keys() if k not in MOMENTS}  # noqa: SIM118
                             for r in rows]  # (a Row iterates its values)
        conn.execute("INSERT INTO items_fts (items_fts, rank) VALUES ('integrity-check', 1)")
        tables["search"] = [{"q": q, "rowids": [r[0] for r in conn.execute(
            "SELECT rowid FROM items_fts WHERE items_fts MATCH ? ORDER BY rowid", [q])]}
            for q in SEARCHES]
        conn.close()
    out.write_text(json.dumps(tables, ensure_ascii=False, sort_keys=True))
    print(", ".join(f"{t}: {len(rows)}" for t, rows in tables.items()))


def compare(a: Path, b: Path) -> int:
    """0 when every row is the same, else 1 (the first few differences printed)."""
    left, right = json.loads(a.read_text()), json.loads(b.read_text())
    bad = 0
    for table in TABLES:
        x, y = left.get(table, []), right.get(table, [])
        if len(x) != len(y):
            print(f"{table}: {len(x)} rows vs {len(y)}")
            bad += 1
        for k, (rx, ry) in enumerate(zip(x, y, strict=False)):
            if rx != ry:
                bad += 1
                if bad <= 10:
                    diff = {c: (rx.get(c), ry.get(c)) for c in set(rx) | set(ry)
                            if rx.get(c) != ry.get(c)}
                    print(f"{table} row {k}: {json.dumps(diff, ensure_ascii=False)[:400]}")
        print(f"{table}: {len(x)} rows compared")
    print("SAME" if not bad else f"DIFFERENT ({bad} differences)")
    return 1 if bad else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("--items", type=int, default=2000)
    d.add_argument("--serial", action="store_true")
    c = sub.add_parser("compare")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.out, args.items, args.serial)
    else:
        sys.exit(compare(args.a, args.b))


if __name__ == "__main__":
    main()
