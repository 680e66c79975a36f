"""How good are the drafts, as `reviewwatch draft` writes them? (`reviewwatch eval-drafts`.)

Drafts up to N (default 200) real reviews of at most 2 stars from each of three kinds of
business in ../shared/data/train (Yelp food businesses, Google Play apps, clothing products)
through the CLI, then prints the automatic checks per kind: moves, lint, channel limits,
distinct replies, and the share whose opening names an extracted issue.

    .venv/bin/python bench/eval_drafts.py [N]
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.sample_drafts import BUSINESSES, DATA, SETS  # noqa: E402
from reviewwatch import eval_drafts  # noqa: E402


def config_text(path: Path) -> str:
    lines = [f'[storage]\npath = "{path}"\n']
    for b in BUSINESSES:
        lines.append("[[businesses]]\n" + "".join(f'{k} = "{v}"\n' for k, v in b.items()))
    return "\n".join(lines)


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=200, help="reviews per business")
    n = parser.parse_args().n
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "rw.toml"
        config.write_text(config_text(Path(tmp) / "rw.db"), "utf-8")
        for business, name, platform, keep in SETS:
            rows = [json.loads(line) for line in (DATA / name).open(encoding="utf-8")]
            rows = [r for r in rows if (r.get("rating") or 5) <= 2 and keep(r)]
            random.Random(11).shuffle(rows)
            lines = "".join(json.dumps({"id": k, "text": r["text"], "rating": r["rating"],
                                        "platform": platform, "business": business}) + "\n"
                            for k, r in enumerate(rows[:n]))
            started = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "reviewwatch", "draft", "--config",
                                   str(config)], input=lines, capture_output=True, text=True,
                                  check=False, cwd=tmp)
            elapsed = time.perf_counter() - started
            out = eval_drafts.read(done.stdout.splitlines())
            print(f"== {business} ({name}, as {platform}): {len(out)} drafts in {elapsed:.1f} s")
            print(eval_drafts.report(eval_drafts.evaluate(out)))


if __name__ == "__main__":
    main()
