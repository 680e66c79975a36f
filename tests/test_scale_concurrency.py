"""1,000 approvals in the web UI while collection cycles and the drafting worker run.

Four staff sessions approve 250 drafts each through the real Flask views (each thread its
own test client and so its own SQLite connection), while a fifth thread runs collection
cycles against a loopback App Store feed (new reviews each cycle: saves on the writer
thread, triage and drafting, alerts, delivery). No response may be an error, no page may
say "database is locked", and every approval must be recorded exactly once.
"""

from __future__ import annotations

import asyncio
import re
import threading
from datetime import timedelta

from reviewwatch import db as store
from reviewwatch import pipeline, users
from reviewwatch.models import Item
from reviewwatch.web import create_app
from tests.chaos import ChaosServer, SlackReceiver
from tests.test_chaos import START, iso, settings_for
from tests.test_web import login

APPROVALS = 1000
SESSIONS = 4
SHORT = "Crashes on start, fix it please."  # short texts: seeding is triage-bound


def test_a_thousand_approvals_during_collection_lose_nothing_and_never_lock(tmp_path):
    with ChaosServer(2, fault_rate=0) as feeds, SlackReceiver() as slack:
        settings = settings_for(tmp_path, feeds.url, slack.url)
        db = store.open_database(settings.storage_path)
        store.sync_config(db, settings)
        items = [Item(source="app1", external_id=f"us:seed{k}", rating=1, title="Bad",
                      text=SHORT, published_at=iso(START)) for k in range(APPROVALS + 50)]
        with store.write_transaction(db):
            store.save_items(db, "tide", items, now=START)
        pipeline.process_pending(db, settings, now=START)
        targets = [r[0] for r in db.execute(
            "SELECT id FROM drafts WHERE status = 'pending' ORDER BY id")][:APPROVALS]
        assert len(targets) == APPROVALS
        for s in range(SESSIONS):
            users.add_user(db, f"staff{s}", "owner", f"staff{s}-password-1")
        app = create_app(settings, settings.storage_path)
        app.config["TESTING"] = True

        problems: list[str] = []
        done = threading.Event()

        def approve_all(s: int) -> None:
            client = app.test_client()
            _, token = login(client, f"staff{s}", f"staff{s}-password-1")
            page = client.get("/drafts").get_data(as_text=True)
            token = re.search(r'name="csrf_token" value="([^"]+)"', page)[1]
            for draft_id in targets[s::SESSIONS]:
                response = client.post(f"/drafts/{draft_id}/approve",
                                       data={"csrf_token": token, "override": "1"})
                body = response.get_data(as_text=True)
                if response.status_code not in (302, 303) or "locked" in body.lower():
                    problems.append(f"{draft_id}: {response.status_code} {body[:200]}")

        def collect() -> None:
            now = START
            while not done.is_set():
                now += timedelta(minutes=15)
                for a in ("1", "2"):
                    feeds.publish(a, 1, SHORT, iso(now - timedelta(minutes=1)))
                try:
                    asyncio.run(pipeline.run_cycle(db_cycle, settings, now=now))
                except Exception as e:  # noqa: BLE001 - the point is that none happens
                    problems.append(f"cycle: {type(e).__name__}: {e}")

        db_cycle = store.open_database(settings.storage_path)
        collector = threading.Thread(target=collect)
        collector.start()
        sessions = [threading.Thread(target=approve_all, args=(s,)) for s in range(SESSIONS)]
        for t in sessions:
            t.start()
        for t in sessions:
            t.join()
        done.set()
        collector.join()

        assert problems == []
        approved = db.execute("SELECT count(*) FROM drafts WHERE status = 'approved' AND "
                              "decided_by LIKE 'staff%'").fetchone()[0]
        assert approved == APPROVALS
        audits = db.execute("SELECT count(*), count(DISTINCT target) FROM audit "
                            "WHERE action = 'approve'").fetchone()
        assert audits == (APPROVALS, APPROVALS)
        collected = db.execute("SELECT count(*) FROM items WHERE external_id NOT LIKE "
                               "'us:seed%'").fetchone()[0]
        assert collected > 0
        assert db.execute("SELECT count(*) FROM triage_queue").fetchone()[0] == 0
