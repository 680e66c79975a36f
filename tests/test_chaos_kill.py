"""20 SIGKILLs at random points in collection, drafting, approval and delivery.

A child process (tests/kill_child.py) runs cycles against loopback App Store feeds, a Slack
receiver and an App Store Connect reply endpoint (tests/chaos.py), and kills itself at a
random SQL statement. After every kill: `PRAGMA integrity_check` is ok, nothing is stored
twice, no reply was posted twice. After a last clean run: every item is stored, triaged
and drafted once, and every negative alerted; an alert is doubled only when the kill fell
between Slack's answer and the commit that marks it sent (at-least-once delivery: a lost
alert is worse than a repeated one), and a reply interrupted mid-post is never re-sent
(the draft says so, for a person to check).
Run alone with `pytest -m chaos`.
"""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.chaos import ChaosServer, SlackReceiver

pytestmark = pytest.mark.chaos
ROOT = Path(__file__).resolve().parents[1]
CHILD = Path(__file__).with_name("kill_child.py")
START = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
KILLS = 20
APPS = 3
# Where to kill, in turn: each phase's statements (the Nth one, N drawn at random), and
# any statement at all.
PHASES = ("INSERT INTO items", "INSERT OR REPLACE INTO triage_queue", "INSERT INTO triage ",
          "INSERT INTO drafts", "UPDATE sources SET state", "UPDATE drafts SET status",
          "UPDATE outbox SET status = 'sending'", "UPDATE outbox SET status = 'sent'", "COMMIT",
          "UPDATE drafts SET status = 'posted'", "")  # SQLite traces statements expanded


def ec_private_key_pem() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1())
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


def write_config(path: Path, db_path: Path, feeds: str, slack: str) -> None:
    sources = "\n".join(f"""
  [[businesses.sources]]
  name = "app{a}"
  kind = "appstore_connect"
  app_id = "{a}"
  base_url = "{feeds}"
  asc_key_id = "KEY{a}"
  asc_issuer_id = "issuer"
  asc_private_key = "env:KILL_TEST_ASC_KEY"
""" for a in range(1, APPS + 1))
    path.write_text(f"""
[storage]
path = "{db_path}"

[web]
public_url = "http://rw.test"

[alerts]
slack_webhook_url = "{slack}"
max_attempts = 50

[[businesses]]
id = "tide"
name = "Tidepool"
timezone = "UTC"
signature = "The Tidepool team"
contact = "help@tidepool.example"
{sources}
""")


def run_child(config: Path, clock: datetime, kill_at: str, log: Path, env: dict) -> int:
    proc = subprocess.run([sys.executable, str(CHILD), str(config), clock.isoformat(),
                           kill_at, str(log)], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    assert proc.returncode in (0, -9), proc.stderr[-3000:]
    return proc.returncode


def check_after_restart(db_path: Path, feeds: ChaosServer) -> None:
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM (SELECT item_id FROM drafts GROUP BY item_id "
                            "HAVING count(*) > 1)").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM (SELECT dedupe_key FROM outbox GROUP BY "
                            "dedupe_key HAVING count(*) > 1)").fetchone()[0] == 0
    finally:
        conn.close()
    assert all(n == 1 for n in feeds.replies.values()), feeds.replies


def test_twenty_kills_lose_nothing_double_nothing_and_post_no_reply_twice(tmp_path):
    rng = random.Random(20)
    env = {**os.environ, "KILL_TEST_ASC_KEY": ec_private_key_pem(), "PYTHONPATH": str(ROOT)}
    log = tmp_path / "kills.log"
    db_path = tmp_path / "rw.db"
    with ChaosServer(APPS, fault_rate=0) as feeds, SlackReceiver() as slack:
        config = tmp_path / "rw.toml"
        write_config(config, db_path, feeds.url, slack.url)
        published: dict[str, int] = {}
        clock, kills, runs = START, 0, 0
        while kills < KILLS and runs < 3 * KILLS:
            for a in range(1, APPS + 1):
                rating = rng.choice((1, 1, 2, 4, 5))
                text = ("It crashed and deleted my notes, support never answered."
                        if rating <= 2 else "Works well, the widgets are lovely.")
                rid = feeds.publish(str(a), rating, text,
                                    (clock - timedelta(minutes=3)).strftime("%Y-%m-%dT%H:%M:%SZ"))
                published[rid] = rating
            phase = PHASES[runs % len(PHASES)]
            at = f"{phase}|{rng.randint(1, 4)}" if phase else str(rng.randint(1, 900))
            code = run_child(config, clock, at, log, env)
            kills += code == -9
            runs += 1
            check_after_restart(db_path, feeds)
            clock += timedelta(minutes=15)
        assert kills == KILLS
        for _ in range(3):  # then it runs undisturbed; stale claims are past their timeout
            clock += timedelta(hours=3)
            assert run_child(config, clock, "0", log, env) == 0
            check_after_restart(db_path, feeds)

        conn = sqlite3.connect(db_path)
        stored = sorted(r[0].split(":")[-1] for r in conn.execute(
            "SELECT external_id FROM items"))
        assert stored == sorted(published)  # nothing lost, nothing twice
        assert conn.execute("SELECT count(*) FROM triage_queue").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM triage").fetchone()[0] == len(published)
        negatives = {r[0] for r in conn.execute(
            "SELECT item_id FROM triage WHERE label = 'negative'")}
        links = Counter()
        for kind, ident in slack.links():
            if kind == "drafts":
                ident = conn.execute("SELECT item_id FROM drafts WHERE id = ?",
                                     [ident]).fetchone()[0]
            links[ident] += 1
        assert set(links) == negatives  # every negative alerted, nothing else
        kill_points = log.read_text().splitlines() if log.exists() else []
        in_window = sum(1 for s in kill_points if s.startswith("UPDATE outbox SET status = 'sent'"))
        assert sum(n - 1 for n in links.values()) <= in_window
        interrupted = {r[0] for r in conn.execute(
            "SELECT id FROM drafts WHERE post_error LIKE 'interrupted while posting%'")}
        posted = conn.execute("SELECT count(*) FROM drafts WHERE status = 'posted'").fetchone()[0]
        assert posted > 0 and posted + len(interrupted) >= len(feeds.replies)
        assert interrupted  # a kill right after a reply went out: flagged, not re-sent
        conn.close()
        print(f"\nkills: {kills} in {runs} runs; kill points: "
              f"{Counter(' '.join(s.split(' ')[:3]) for s in kill_points)}; "
              f"alerts doubled: {sum(n - 1 for n in links.values())}; interrupted posts: "
              f"{len(interrupted)}; replies posted: {sum(feeds.replies.values())}")
