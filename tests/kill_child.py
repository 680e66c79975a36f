"""The process the SIGKILL test kills: collection cycles, approvals and delivery.

    python tests/kill_child.py CONFIG CLOCK KILL_AT LOG    (KILL_AT: N, or "PREFIX|N")

It runs one cycle at CLOCK (collect, triage, draft, alert, deliver), approves up to three
pending drafts (their replies go out through App Store Connect), and delivers again. Every
SQL statement on every connection is counted; at statement KILL_AT (0: never; or the Nth
statement that starts with a prefix) the process sends itself SIGKILL, after appending that
statement to LOG: a kill at a chosen point in collection, drafting or delivery, with no
chance to clean up.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import signal
import sys
import threading
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reviewwatch import config as cfg  # noqa: E402
from reviewwatch import db as store  # noqa: E402
from reviewwatch import pipeline, queue  # noqa: E402
from reviewwatch.http import make_client  # noqa: E402


def arm(kill_at: str, log: Path) -> None:
    """Kill at the Nth statement ("N"), or the Nth statement starting "PREFIX" ("PREFIX|N")."""
    prefix, _, nth = kill_at.rpartition("|")
    counter = itertools.count(1)
    lock = threading.Lock()
    real_open = store.open_database

    def trace(statement: str) -> None:
        text = " ".join(statement.split())
        if prefix and not text.startswith(prefix):
            return
        with lock:
            n = next(counter)
        if n == int(nth):
            with log.open("a") as f:
                f.write(text[:200] + "\n")
            os.kill(os.getpid(), signal.SIGKILL)

    def open_traced(*args, **kwargs):
        db = real_open(*args, **kwargs)
        db.conn.set_trace_callback(trace)
        return db

    store.open_database = open_traced  # the writer thread opens its own connection too


async def main(config: str, clock: datetime) -> None:
    settings = cfg.load(Path(config), environ=dict(os.environ))
    db = store.open_database(settings.storage_path)
    async with make_client("kill-test") as client:
        await pipeline.run_cycle(db, settings, client=client, now=clock)
        for draft in store.list_drafts(db, "pending", limit=3):
            queue.approve(db, settings, draft["id"], "owner", override=True, role="owner",
                          now=clock)
        await pipeline.deliver_outbox(db, settings, client, clock)


if __name__ == "__main__":
    config, clock, kill_at, log = sys.argv[1:5]
    if kill_at != "0":
        arm(kill_at, Path(log))
    asyncio.run(main(config, datetime.fromisoformat(clock)))
