"""The LLM drafting worker: queued by the pipeline, run outside the collection cycle, and
replacing a template draft only while nobody has touched it. A real SQLite file, a real
loopback model server (tests/llmfake.py), the demo's sample sources for a whole cycle."""

from __future__ import annotations

import asyncio
import threading
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner

from reviewwatch import config as cfg
from reviewwatch import db as store
from reviewwatch import demo, llm_jobs, pipeline, queue
from reviewwatch.cli import cli
from reviewwatch.models import Item
from tests.llmfake import FakeModel

KEY = "sk-test-0123456789abcdef"
NOW = datetime(2025, 3, 4, 12, 0, tzinfo=UTC)
WAIT = "We waited 45 minutes for our food and the waiter never came back to check on us."
SAFETY = "I found a piece of glass in my salad and cut my mouth. This is dangerous."


@pytest.fixture
def model():
    fake = FakeModel()
    yield fake
    fake.stop()


def settings_for(tmp_path, url: str | None, sources=None, environ=None) -> cfg.Settings:
    data = {
        "storage": {"path": str(tmp_path / "rw.db")},
        "businesses": [{
            "id": "b", "name": "Blue Door", "category": "restaurant",
            "signature": "Maria Lopez, GM", "contact": "maria@bluedoor.example",
            "keywords": ["Blue Door"],
            "sources": sources or [{"name": "site", "kind": "schema_org",
                                    "url": "http://127.0.0.1:9/r"}]}],
    }
    if url:
        data["llm"] = {"endpoint": url, "model": "tiny", "api_key": "env:LLM_API_KEY",
                       "timeout": 5}
    return cfg.from_dict(data, environ={"LLM_API_KEY": KEY} if environ is None else environ)


def collect_items(db, settings, *texts, rating=2):
    """Save reviews as a collector would and run them through the pipeline."""
    items = [Item(source="site", external_id=str(i), author="Sam Jones", rating=rating,
                  text=text, published_at="2025-03-04T10:00:00Z")
             for i, text in enumerate(texts)]
    with db.atomic():
        saved = store.save_items(db, "b", items, now=NOW)
    return pipeline.process_items(db, settings, saved.new, saved.edited, now=NOW), saved.new


def jobs(db):
    return {r["draft_id"]: r for r in db.query("SELECT * FROM llm_jobs")}


def test_pipeline_stores_the_template_at_once_and_the_worker_replaces_it(tmp_path, model):
    settings = settings_for(tmp_path, model.url)
    db = store.open_database(settings.storage_path)
    report, (item_id,) = collect_items(db, settings, WAIT)
    draft = store.latest_draft(db, item_id)
    assert report.drafts_created == 1 and report.llm_queued == 1
    assert draft["generator"] == "heard-template" and model.requests == []  # not in the cycle
    assert jobs(db)[draft["id"]]["status"] == "pending"
    template = draft["reply"]

    done = asyncio.run(llm_jobs.run_jobs(db, settings, now=NOW))
    assert done.drafted == [draft["id"]] and len(model.requests) == 1
    after = store.get_draft(db, draft["id"])
    assert after["generator"] == "llm" and after["status"] == "pending"
    assert after["reply"] != template and "nobody came back" in after["reply"]
    assert [p["move"] for p in after["parts"]][:5] == \
        ["hear", "empathize", "apologize", "resolve", "diagnose"]
    assert jobs(db)[draft["id"]]["status"] == "done"
    assert [r["action"] for r in db.query("SELECT action FROM audit WHERE actor = 'llm'")] == \
        ["llm_draft"]
    # Done once: a second run asks nothing.
    assert asyncio.run(llm_jobs.run_jobs(db, settings, now=NOW)).drafted == []
    assert len(model.requests) == 1
    # The model's draft is approved like any other.
    approved = queue.approve(db, settings, draft["id"], "staff")
    assert approved["final_text"] == after["reply"] and not approved["edited"]


def test_items_for_a_person_keep_the_holding_reply(tmp_path, model):
    settings = settings_for(tmp_path, model.url)
    db = store.open_database(settings.storage_path)
    report, (item_id,) = collect_items(db, settings, SAFETY, rating=1)
    draft = store.latest_draft(db, item_id)
    assert store.get_triage(db, item_id)["needs_human"]
    assert report.llm_queued == 0 and jobs(db) == {}
    asyncio.run(llm_jobs.run_jobs(db, settings, now=NOW))
    assert model.requests == [] and store.latest_draft(db, item_id)["reply"] == draft["reply"]


def test_praise_is_not_sent_to_the_model(tmp_path, model):
    settings = settings_for(tmp_path, model.url)
    db = store.open_database(settings.storage_path)
    report, _ = collect_items(db, settings, "Lovely dinner, the risotto was perfect.", rating=5)
    assert report.drafts_created == 1 and report.llm_queued == 0


@pytest.mark.parametrize("environ", [{}, None])
def test_nothing_is_queued_without_a_usable_llm(tmp_path, model, environ):
    # No [llm] at all, or an api_key whose environment variable is unset.
    settings = settings_for(tmp_path, model.url if environ == {} else None, environ=environ)
    db = store.open_database(settings.storage_path)
    report, _ = collect_items(db, settings, WAIT)
    assert report.drafts_created == 1 and report.llm_queued == 0 and jobs(db) == {}
    assert asyncio.run(llm_jobs.run_jobs(db, settings, now=NOW)).drafted == []


@pytest.mark.parametrize("touch", ["approve", "reject", "edit_review", "unapprove_edited"])
def test_a_draft_touched_before_the_model_answers_is_left_alone(tmp_path, model, touch):
    settings = settings_for(tmp_path, model.url)
    db = store.open_database(settings.storage_path)
    _, (item_id,) = collect_items(db, settings, WAIT)
    draft = store.latest_draft(db, item_id)
    if touch == "approve":
        queue.approve(db, settings, draft["id"], "staff")
    elif touch == "reject":
        queue.reject(db, draft["id"], "staff", "wrong tone")
    elif touch == "unapprove_edited":  # pending again, with the staff's own words kept
        queue.approve(db, settings, draft["id"], "staff",
                      text=draft["reply"].replace("Hi Sam,", "Hello Sam,"))
        queue.unapprove(db, draft["id"], "staff")
    else:
        with db.atomic():
            store.save_items(db, "b", [Item(source="site", external_id="0", author="Sam Jones",
                                            rating=1, text=WAIT + " Never again.")], now=NOW)
    before = store.get_draft(db, draft["id"])
    done = asyncio.run(llm_jobs.run_jobs(db, settings, now=NOW))
    assert done.drafted == [] and draft["id"] in done.skipped
    assert model.requests == []  # checked before asking, not after
    after = store.get_draft(db, draft["id"])
    assert (after["reply"], after["final_text"], after["generator"]) == \
        (before["reply"], before["final_text"], "heard-template")
    assert jobs(db)[draft["id"]]["status"] == "skipped"


def test_staff_acting_while_the_model_writes_wins(tmp_path, model):
    settings = settings_for(tmp_path, model.url)
    db = store.open_database(settings.storage_path)
    _, (item_id,) = collect_items(db, settings, WAIT)
    draft = store.latest_draft(db, item_id)
    model.hold = threading.Event()

    async def scenario():
        worker = asyncio.create_task(llm_jobs.run_jobs(db, settings, now=NOW))
        await asyncio.to_thread(model.received.wait)  # the model has the request
        queue.approve(db, settings, draft["id"], "staff")  # staff approve the template
        model.hold.set()
        return await worker

    done = asyncio.run(scenario())
    assert done.skipped == {draft["id"]: "the draft changed while the model wrote"}
    after = store.get_draft(db, draft["id"])
    assert after["final_text"] == draft["reply"] and after["generator"] == "heard-template"


def test_unusable_answer_keeps_the_template_with_the_reason(tmp_path, model):
    model.answer = "Sure! Here's a reply: We're sorry."
    settings = settings_for(tmp_path, model.url)
    db = store.open_database(settings.storage_path)
    _, (item_id,) = collect_items(db, settings, WAIT)
    draft = store.latest_draft(db, item_id)
    done = asyncio.run(llm_jobs.run_jobs(db, settings, now=NOW))
    assert done.fallback == {draft["id"]: "the answer is not JSON"}
    job = jobs(db)[draft["id"]]
    assert (job["status"], job["outcome"]) == ("fallback", "the answer is not JSON")
    assert store.get_draft(db, draft["id"])["reply"] == draft["reply"]


def test_server_errors_are_retried_later_then_the_template_stays(tmp_path, model, caplog):
    model.status = 503
    settings = settings_for(tmp_path, model.url)
    db = store.open_database(settings.storage_path)
    _, (item_id,) = collect_items(db, settings, WAIT)
    draft_id = store.latest_draft(db, item_id)["id"]
    first = asyncio.run(llm_jobs.run_jobs(db, settings, now=NOW))
    assert first.retrying == {draft_id: "the endpoint answered HTTP 503"}
    job = jobs(db)[draft_id]
    assert (job["status"], job["attempts"]) == ("pending", 1)
    assert job["next_attempt_at"] == store.utcnow_of(NOW + llm_jobs.RETRY_DELAYS[0])
    # Not due yet: nothing is asked.
    assert asyncio.run(llm_jobs.run_jobs(db, settings, now=NOW)).retrying == {}
    assert len(model.requests) == 1
    later = NOW + timedelta(hours=1)
    asyncio.run(llm_jobs.run_jobs(db, settings, now=later))
    last = asyncio.run(llm_jobs.run_jobs(db, settings, now=later + timedelta(hours=1)))
    assert draft_id in last.fallback and len(model.requests) == llm_jobs.MAX_ATTEMPTS
    job = jobs(db)[draft_id]
    assert job["status"] == "fallback" and "3 attempts" in job["outcome"]
    assert store.get_draft(db, draft_id)["generator"] == "heard-template"
    assert KEY not in caplog.text and KEY not in job["outcome"]


def test_a_slow_model_never_delays_a_collection_cycle(tmp_path, model):
    """The worker is waiting on the model while a whole cycle runs and finishes: the cycle
    stores its drafts and queues their jobs without a single request to the model."""
    server = demo.DemoServer(demo.sample(), echo=False).start()
    try:
        settings = cfg.from_dict({
            "storage": {"path": str(tmp_path / "rw.db")},
            "llm": {"endpoint": model.url, "timeout": 30},
            "businesses": [{
                "id": "tidepool", "name": "Tidepool Habits", "category": "app",
                "keywords": ["Tidepool Habits"], "contact": "care@tidepool.example",
                "signature": "Dana Whitfield, Head of Customer Care",
                "sources": [{"name": "app", "kind": "appstore", "app_id": "1490011223",
                             "base_url": server.url}]}],
        }, environ={})
        db = store.open_database(settings.storage_path)
        store.sync_config(db, settings)
        # A complaint already waiting for the model, from an earlier cycle.
        earlier = Item(source="app", external_id="earlier", author="Sam Jones", rating=1,
                       text="The sync keeps failing and I lost a week of habits.")
        with db.atomic():
            saved = store.save_items(db, "tidepool", [earlier])
        pipeline.process_items(db, settings, saved.new, [])
        model.hold = threading.Event()

        async def scenario():
            worker = asyncio.create_task(llm_jobs.run_jobs(db, settings, limit=1))
            await asyncio.to_thread(model.received.wait)  # the worker is in the model's hands
            report = await pipeline.run_cycle(db, settings, deliver=False)
            still_waiting = not worker.done()
            requests_during_cycle = len(model.requests)
            model.hold.set()
            await worker
            return report, still_waiting, requests_during_cycle

        report, still_waiting, requests_during_cycle = asyncio.run(scenario())
    finally:
        server.stop()
    assert still_waiting and requests_during_cycle == 1  # only the worker's one
    assert not report.failed and report.new > 0 and report.drafts_created > 0
    assert report.llm_queued > 0
    pending = [j for j in jobs(db).values() if j["status"] == "pending"]
    assert len(pending) == report.llm_queued  # the cycle's drafts wait for the next run


def test_cli_drafts_llm_once(tmp_path, model):
    config = tmp_path / "rw.toml"
    config.write_text(f"""
[storage]
path = "{tmp_path / 'rw.db'}"
[llm]
endpoint = "{model.url}"
api_key = "env:LLM_API_KEY"
[[businesses]]
id = "b"
name = "Blue Door"
category = "restaurant"
signature = "Maria Lopez, GM"
contact = "maria@bluedoor.example"
  [[businesses.sources]]
  name = "site"
  kind = "schema_org"
  url = "http://127.0.0.1:9/r"
""", "utf-8")
    settings = cfg.load(config, environ={"LLM_API_KEY": KEY})
    db = store.open_database(settings.storage_path)
    store.sync_config(db, settings)
    collect_items(db, settings, WAIT, "The soup was cold and the bread was stale.")
    model.answer = "no"
    result = CliRunner().invoke(cli, ["drafts", "llm", "--once", "--limit", "1", "--config",
                                      str(config)], env={"LLM_API_KEY": KEY})
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == \
        "0 drafted by the model, 1 kept the template, 0 skipped, 0 to retry"
    assert "the answer is not JSON" in result.output
    assert [j["status"] for j in jobs(db).values()].count("pending") == 1
    assert KEY not in result.output


def test_cli_drafts_llm_without_an_endpoint_is_one_line(tmp_path):
    config = tmp_path / "rw.toml"
    config.write_text(f'[storage]\npath = "{tmp_path / "rw.db"}"\n', "utf-8")
    result = CliRunner().invoke(cli, ["drafts", "llm", "--once", "--config", str(config)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "Error: [llm] has no endpoint: set llm.endpoint to an OpenAI-compatible server "
        "(see `reviewwatch config check`)"]


def test_the_scheduler_runs_the_worker_as_its_own_job(tmp_path, model):
    from reviewwatch.http import make_client
    from reviewwatch.scheduler import build_scheduler

    settings = settings_for(tmp_path, model.url)
    db = store.open_database(settings.storage_path)
    _, (item_id,) = collect_items(db, settings, WAIT)

    async def scenario():
        async with make_client(settings.user_agent) as client:
            jobs_ = {job.id: job for job in build_scheduler(db, settings, client).get_jobs()}
            assert jobs_["llm"].max_instances == 1 and jobs_["llm"].coalesce is True
            await jobs_["llm"].func()

    asyncio.run(scenario())
    assert store.latest_draft(db, item_id)["generator"] == "llm"


def test_a_business_gone_from_the_config_is_skipped(tmp_path, model):
    settings = settings_for(tmp_path, model.url)
    db = store.open_database(settings.storage_path)
    _, (item_id,) = collect_items(db, settings, WAIT)
    draft_id = store.latest_draft(db, item_id)["id"]
    settings.businesses[0].id = "renamed"
    done = asyncio.run(llm_jobs.run_jobs(db, settings, now=NOW))
    assert done.skipped == {draft_id: "the business is no longer in the config"}
    assert model.requests == []
