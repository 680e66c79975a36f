"""Instructions a text, counted by valgrind: a speed figure that a loaded machine does not move.

Wall and CPU times swing 2x on the shared 2-core machine; the number of instructions a
piece of work executes does not. Each figure runs a child process twice under cachegrind,
once doing the warm-up only and once doing the work ROUNDS more times, and divides the
difference by the number of texts: the steady state, without start-up and model loading.

    .venv/bin/python bench/bench_instructions.py [--what vader,triage,draft,item]
        [--texts short,ingest] [--rounds 2] [--shared ../shared]

(default: vader and triage on the short texts, ~2 minutes)

`triage` is `reviewwatch.triage.triage(text)`, `vader` plain vaderSentiment's
`polarity_scores` (the yardstick), `draft` `compose_draft` of an item already triaged, and
`item` both, as an ingest worker does. `short` is the ingest bench's reviews under 150 bytes,
`ingest` its first 1,500 reviews (~242 B on average). Needs valgrind (`apt-get install
valgrind`); a count takes 20-60 s.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _texts(shared: Path, which: str) -> list[tuple[str, int | None]]:
    sys.path.insert(0, str(ROOT / "bench"))
    import bench_ingest

    bench_ingest.DATA = shared / "data" / "train"
    texts = bench_ingest.load_texts()[:1500]
    if which == "short":
        texts = [(t, r) for t, r in texts if len(t.encode()) < 150][:1000]
    return texts


def child(what: str, which: str, shared: Path, rounds: int) -> None:
    """Warm up, then do the work `rounds` more times (what the parent counts)."""
    sys.path.insert(0, str(ROOT))
    from reviewwatch.config import Business
    from reviewwatch.triage import triage, vader

    texts = _texts(shared, which)
    if what == "vader":
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        analyzer = SentimentIntensityAnalyzer()

        def run() -> None:
            for text, _ in texts:
                analyzer.polarity_scores(text)
    elif what == "triage":
        def run() -> None:
            for text, _ in texts:
                triage(text)
    else:
        from responders import compose_draft

        business = Business(id="bench", name="Bench Bistro", signature="The Bench team",
                            contact="hello@bench.example")
        items = [({"text": t, "rating": r, "kind": "review", "author": f"user{k % 997}"}, t, r)
                 for k, (t, r) in enumerate(texts)]
        done = {id(item): triage(t, rating=r) for item, t, r in items}

        def run() -> None:
            getattr(vader, "_MEMO", {}).clear()  # each round is a first reading
            for item, text, rating in items:
                result = triage(text, rating=rating) if what == "item" else done[id(item)]
                if result["needs_reply"]:
                    compose_draft(item, result, business, platform="csv")
    run()
    triage("Das Zimmer war schmutzig und das Personal sehr unfreundlich.")  # (lingua loaded)
    for _ in range(rounds):
        run()


def count(what: str, which: str, shared: Path, rounds: int) -> int:
    """Instructions executed by the child doing `rounds` rounds of the work."""
    done = subprocess.run(
        ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
         sys.executable, __file__, "--child", what, which, str(shared), str(rounds)],
        capture_output=True, text=True, check=True)
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if not found:
        sys.exit(f"no instruction count from valgrind:\n{done.stderr[-500:]}")
    return int(found.group(1).replace(",", ""))


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], Path(sys.argv[4]), int(sys.argv[5]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--what", default="vader,triage")
    parser.add_argument("--texts", default="short")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("instructions: valgrind is not installed; `apt-get install valgrind` to count them")
        return  # (make bench runs every bench: a missing tool is no failure)
    for which in args.texts.split(","):
        n = len(_texts(args.shared, which))
        for what in args.what.split(","):
            per = (count(what, which, args.shared, args.rounds) -
                   count(what, which, args.shared, 0)) / (args.rounds * n)
            print(f"{what:<7} {which:<7} ({n} texts): {per:>12,.0f} instructions a text",
                  flush=True)


if __name__ == "__main__":
    main()
