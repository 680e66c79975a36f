"""The scheduler's jobs: one per source, coalesced, never two at once, calling the pipeline."""

from __future__ import annotations

import asyncio

import pytest

from reviewwatch import config as cfg
from reviewwatch import db as store
from reviewwatch import demo
from reviewwatch.http import make_client
from reviewwatch.scheduler import build_scheduler


@pytest.fixture
def sample_server():
    server = demo.DemoServer(demo.sample(), echo=False).start()
    yield server
    server.stop()


def test_scheduler_jobs_poll_each_source_with_the_pipeline(tmp_path, sample_server):
    settings = cfg.from_dict({
        "storage": {"path": str(tmp_path / "rw.db")},
        "businesses": [{"id": "t", "name": "Tidepool Habits", "keywords": ["Tidepool Habits"],
                        "sources": [
                            {"name": "app", "kind": "appstore", "app_id": "1490011223",
                             "every": "30m", "base_url": sample_server.url},
                            {"name": "hn", "kind": "hackernews", "every": "2h",
                             "base_url": sample_server.url},
                            {"name": "off", "kind": "hackernews", "enabled": False}]}],
    }, environ={})
    db = store.open_database(settings.storage_path)

    async def scenario():
        async with make_client(settings.user_agent) as client:
            scheduler = build_scheduler(db, settings, client)
            jobs = {job.id: job for job in scheduler.get_jobs()}
            assert set(jobs) == {"poll:app", "poll:hn", "outbox", "digests", "config",
                                 "retention", "refit", "llm"}
            assert jobs["poll:app"].trigger.interval.total_seconds() == 1800
            assert jobs["poll:hn"].trigger.interval.total_seconds() == 7200
            for job in jobs.values():
                assert job.coalesce is True and job.max_instances == 1
            await jobs["poll:app"].func(*jobs["poll:app"].args)

    asyncio.run(scenario())
    assert db["items"].count == 28
    assert store.source_row(db, "app")["state"] == "ok"
    assert store.source_row(db, "hn")["last_poll_at"] is None
