"""Fault injection: 50 collection cycles through a chaos server, and a Slack/SMTP outage.

Run these alone with `pytest -m chaos`. The clock is injected (15 minutes a cycle), the
HTTP client's backoff waits are made instant, and every fault is drawn from a seeded
generator, so each run meets the same faults in the same order.
App Store feed format: see tests/chaos.py; Slack webhooks:
https://api.slack.com/messaging/webhooks; SMTP replies: RFC 5321 section 4.2.
"""

from __future__ import annotations

import asyncio
import types
from datetime import UTC, datetime, timedelta

import pytest

from reviewwatch import config as cfg
from reviewwatch import db as store
from reviewwatch import http as rw_http
from reviewwatch import pipeline
from tests.chaos import FAULTS, ChaosServer, SlackReceiver, SmtpSink

pytestmark = pytest.mark.chaos
START = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
APPS = 6
CYCLES = 50
NEGATIVE = "The app crashes every time I open it and I lost all my data. Terrible."
POSITIVE = "Lovely app, the reminders keep me on track every morning."


@pytest.fixture(autouse=True)
def instant_backoff(monkeypatch):
    """The client's retry waits (backoff, short Retry-After) take no time in these tests."""
    async def no_wait(seconds):
        await asyncio.sleep(0)

    shim = types.SimpleNamespace(**{k: getattr(asyncio, k) for k in dir(asyncio)
                                    if not k.startswith("_")})
    shim.sleep = no_wait
    monkeypatch.setattr(rw_http, "asyncio", shim)


def settings_for(tmp_path, feeds_url, slack_url, **extra):
    return cfg.from_dict({
        "storage": {"path": str(tmp_path / "rw.db")},
        "web": {"public_url": "http://rw.test"},
        "alerts": {"slack_webhook_url": slack_url, "max_attempts": 50},
        "businesses": [{"id": "tide", "name": "Tidepool", "timezone": "UTC",
                        "signature": "The Tidepool team", "contact": "help@tidepool.example",
                        "sources": [{"name": f"app{a}", "kind": "appstore", "app_id": str(a),
                                     "base_url": feeds_url, "unhealthy_after": 3}
                                    for a in range(1, APPS + 1)]}],
        **extra}, environ={})


def iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def alerted_items(db, slack: SlackReceiver) -> list[int]:
    """The item id of every alert Slack received (its link names the draft or the item)."""
    out = []
    for kind, ident in slack.links():
        if kind == "drafts":
            ident = db.execute("SELECT item_id FROM drafts WHERE id = ?", [ident]).fetchone()[0]
        out.append(ident)
    return out


def test_fifty_cycles_through_faults_store_everything_once_and_alert_once(tmp_path):
    with ChaosServer(APPS, fault_rate=0.5) as feeds, SlackReceiver() as slack:
        settings = settings_for(tmp_path, feeds.url, slack.url)
        db = store.open_database(settings.storage_path)
        published: dict[str, int] = {}  # review id -> rating
        now = START
        for cycle in range(CYCLES):
            for a in range(1, APPS + 1):
                if (cycle + a) % 3 == 0:
                    rating = 1 if (cycle * a) % 4 == 0 else 5
                    rid = feeds.publish(str(a), rating, NEGATIVE if rating == 1 else POSITIVE,
                                        iso(now - timedelta(minutes=5)))
                    published[rid] = rating
            # run_cycle never raises: a crash here fails the test
            report = asyncio.run(pipeline.run_cycle(db, settings, now=now))
            assert report.errors == 0
            now += timedelta(minutes=15)
        during = {r["source"]: r["errors"] for r in db.query(
            "SELECT source, count(*) AS errors FROM runs WHERE error IS NOT NULL "
            "GROUP BY source")}
        errors = [r[0] for r in db.execute("SELECT error FROM runs WHERE error IS NOT NULL")]
        # Then the platform recovers: a few clean cycles collect whatever the faults held back.
        feeds.fault_rate = 0
        for _ in range(4):
            now += timedelta(minutes=45)
            asyncio.run(pipeline.run_cycle(db, settings, now=now))
        stored = [r[0].split(":", 1)[1] for r in db.execute("SELECT external_id FROM items")]
        assert sorted(stored, key=int) == sorted(published, key=int)  # every item, once
        negatives = {r[0] for r in db.execute(
            "SELECT i.id FROM items i JOIN triage t ON t.item_id = i.id "
            "WHERE t.label = 'negative'")}
        assert len(negatives) == sum(1 for r in published.values() if r == 1)
        alerted = alerted_items(db, slack)
        assert sorted(alerted) == sorted(negatives)  # each negative alerted exactly once
        assert all(feeds.met[f] > 0 for f in FAULTS), feeds.met
        # Each source's health shows the faults it met.
        assert set(during) == {f"app{a}" for a in range(1, APPS + 1)}
        text = "\n".join(errors)
        for phrase in ("HTTP 50", "rate limited", "could not connect", "an HTML page",
                       "truncated or malformed"):
            assert phrase in text, phrase
        health = store.source_health(db)
        assert all(s["state"] == "ok" and s["consecutive_failures"] == 0 for s in health)
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_an_hour_of_slack_outage_and_refused_mail_lose_and_double_nothing(tmp_path):
    with ChaosServer(2, fault_rate=0) as feeds, SlackReceiver() as slack, \
            SmtpSink(refuse=True) as smtp:
        settings = settings_for(
            tmp_path, feeds.url, slack.url,
            digest={"to": ["owner@tidepool.example"], "sender": "rw@tidepool.example",
                    "send_at": "08:00"},
            smtp={"host": "127.0.0.1", "port": smtp.port, "starttls": False})
        db = store.open_database(settings.storage_path)
        now = START
        slack.down = True
        for k in range(6):
            feeds.publish("1", 1, NEGATIVE, iso(now - timedelta(minutes=1)))
            feeds.publish("2", 5, POSITIVE, iso(now - timedelta(minutes=1)))
            asyncio.run(pipeline.run_cycle(db, settings, now=now))
            if k == 0:
                from reviewwatch.notify.digest import enqueue_due_digests

                assert enqueue_due_digests(db, settings, now) == 1
                assert enqueue_due_digests(db, settings, now) == 0  # once a day
            now += timedelta(minutes=12)  # six cycles: an hour and more of outage
        assert slack.refused > 0 and slack.messages == []
        assert smtp.refused > 0 and smtp.messages == []
        slack.down = False
        smtp.refuse = False
        for _ in range(4):  # backoff is capped at two hours; the clock moves past it
            now += timedelta(hours=2)
            asyncio.run(pipeline.deliver_outbox(db, settings, rw_http.make_client("t"), now))
        negatives = sorted(r[0] for r in db.execute(
            "SELECT item_id FROM triage WHERE label = 'negative'"))
        assert len(negatives) == 6
        assert sorted(alerted_items(db, slack)) == negatives
        assert len(smtp.messages) == 1  # the digest, once
        assert db.execute("SELECT count(*) FROM outbox WHERE status != 'sent'"
                          ).fetchone()[0] == 0
