"""A large backlog triaged in worker processes gives exactly what the collecting process
computes by itself: the same triage rows, the same drafts, every item once."""

from __future__ import annotations

import json
from datetime import timedelta

from reviewwatch import db as store
from reviewwatch import parallel, pipeline
from reviewwatch.models import Item
from tests.webutil import SEED_NOW, make_settings

TEXTS = [
    ("The waiter was rude and we waited an hour for cold food. Never again.", 1),
    ("Lovely dinner, friendly staff and the best pie in town.", 5),
    ("Great pasta but the music was so loud we couldn't talk, and the bill was wrong.", 3),
    ("I found a hair in my soup and the manager just shrugged.", 1),
    ("Booked for 8, seated at 9:15. Is this how you treat regulars?", 2),
    ("Nice enough. Portions small for the price.", 3),
    ("My son had an allergic reaction to the sauce, nobody told us it had nuts.", 1),
    ("Best brunch spot! The staff remembered our names.", 5),
]


def processed(tmp_path, name, n, monkeypatch, workers, adapted=False):
    settings = make_settings(tmp_path / name)
    db = store.open_database(settings.storage_path)
    store.sync_config(db, settings)
    if adapted:  # the business's own model: the workers must apply it as the parent does
        from reviewwatch import corrections

        for k in range(40):  # complaints the shipped model misses, so the fit is kept
            word = ("knob", "dial", "wibble", "wobble")[k % 4]
            corrections.correct(db, "bistro", f"the {word} thing again {k}", "negative",
                                actor="maria", origin="test")
            corrections.correct(db, "bistro", f"a quiet normal evening {k}", "positive",
                                actor="maria", origin="test")
        corrections.fit(db, "bistro")
    items = [Item(source="bistro-app", external_id=f"us:{k}", author=f"user{k}",
                  rating=TEXTS[k % len(TEXTS)][1], title=None,
                  text=f"{TEXTS[k % len(TEXTS)][0]} (visit {k})",
                  published_at=(SEED_NOW - timedelta(minutes=k)).strftime("%Y-%m-%dT%H:%M:%SZ"))
             for k in range(n)]
    with store.write_transaction(db):
        store.save_items(db, "bistro", items, now=SEED_NOW)
    monkeypatch.setattr(parallel, "workers_for", lambda backlog, cores=None, wanted=None: workers)
    from_workers = []
    real = parallel.Workers.results

    def results(self, futures):  # the real results, counted: the workers did the work
        done = real(self, futures)
        from_workers.extend(done or [])
        return done

    monkeypatch.setattr(parallel.Workers, "results", results)
    report = pipeline.process_pending(db, settings, now=SEED_NOW)
    assert len(from_workers) == (n if workers else 0)
    return db, report


def rows(db):
    triage = {r.pop("external_id"): r for r in db.query(
        "SELECT i.external_id, t.label, t.score, t.vader, t.aspects, t.evidence, t.language, "
        "t.needs_reply, t.needs_human, t.priority, t.detail FROM triage t "
        "JOIN items i ON i.id = t.item_id")}
    drafts = {r.pop("external_id"): r for r in db.query(
        "SELECT i.external_id, d.reply, d.parts, d.lint, d.fits, d.queue_rank FROM drafts d "
        "JOIN items i ON i.id = d.item_id")}
    assert all(json.loads(t["detail"])["issues"] is not None for t in triage.values())
    return triage, drafts


def test_worker_processes_give_what_the_parent_computes(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "BATCH_SIZE", 40)  # several batches: one written while
    n = 170  # the next is triaged
    serial_db, serial = processed(tmp_path, "serial", n, monkeypatch, 0)
    parallel_db, parallel_report = processed(tmp_path, "parallel", n, monkeypatch, 2)
    assert rows(parallel_db) == rows(serial_db)
    triage, drafts = rows(parallel_db)
    assert len(triage) == n and len(drafts) == serial.drafts_created > 0
    assert parallel_db["triage_queue"].count == 0
    assert (parallel_report.negative, parallel_report.drafts_created, parallel_report.errors) \
        == (serial.negative, serial.drafts_created, serial.errors) and serial.errors == 0


def test_workers_apply_a_business_adaptation_as_the_parent_does(tmp_path, monkeypatch):
    from reviewwatch import corrections

    n = 60
    serial_db, _ = processed(tmp_path, "serial", n, monkeypatch, 0, adapted=True)
    parallel_db, _ = processed(tmp_path, "parallel", n, monkeypatch, 2, adapted=True)
    assert rows(parallel_db) == rows(serial_db)
    delta, bias, name = corrections.adaptation(parallel_db, "bistro")
    model = corrections.model_for(parallel_db, "bistro")
    assert (model.delta, model.delta_bias, model.name) == (delta, bias, name) and delta
    assert corrections.adaptation(parallel_db, "nobody") is None
    plain = rows(processed(tmp_path, "plain", n, monkeypatch, 2)[0])[0]
    assert [t["score"] for t in plain.values()] != \
        [t["score"] for t in rows(parallel_db)[0].values()]  # the adaptation changed scores


def test_a_backlog_is_worth_workers_only_when_large_and_with_cores():
    assert parallel.workers_for(parallel.MIN_BACKLOG - 1, cores=8) == 0
    assert parallel.workers_for(parallel.MIN_BACKLOG, cores=1) == 0
    assert parallel.workers_for(parallel.MIN_BACKLOG, cores=2) == 2
    assert parallel.workers_for(10 * parallel.MIN_BACKLOG, cores=64) == parallel.MAX_WORKERS
    assert parallel.workers_for(parallel.MIN_BACKLOG, cores=8, wanted=0) == 0
    assert parallel.workers_for(parallel.MIN_BACKLOG, cores=1, wanted=3) == 3


def test_the_config_sets_the_workers_and_refuses_nonsense():
    import pytest

    from reviewwatch import config as cfg
    from reviewwatch.errors import ConfigError

    def load(value):
        return cfg.from_dict({"storage": {"path": ":memory:", "triage_workers": value},
                              "businesses": []}, environ={})
    assert load(0).triage_workers == 0 and load("auto").triage_workers is None
    assert load(2).triage_workers == 2
    for bad in (-1, "lots", True, 65):
        with pytest.raises(ConfigError, match="storage.triage_workers"):
            load(bad)


def test_the_fork_server_preload_loads_what_the_workers_share():
    # Whatever the server loads, the workers share; what it leaves lazy, each worker loads
    # privately (the language detector was ~60 MB a worker). In a fresh interpreter: the
    # module freezes the garbage collector's generations, which this process must keep.
    import subprocess
    import sys

    code = ("import reviewwatch.triage_server, gc; "
            "from reviewwatch.triage import language, model; "
            "print(language._detector.cache_info().currsize, model.load.cache_info().currsize, "
            "gc.get_freeze_count() > 0)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["1", "1", "True"]


def test_a_backfill_is_triaged_by_workers_while_it_is_saved(tmp_path, monkeypatch):
    # A large local source opens the backlog once MIN_BACKLOG items are saved, and the
    # workers triage while the rest is saved: the rows are the ones of a serial collect.
    import asyncio
    import csv

    from reviewwatch import config as cfg

    path = tmp_path / "big.csv"
    with path.open("w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["id", "text", "rating", "date"])
        for k in range(330):
            text, rating = TEXTS[k % len(TEXTS)]
            out.writerow([f"r{k}", f"{text} (visit {k})", rating,
                          (SEED_NOW - timedelta(hours=k)).strftime("%Y-%m-%dT%H:%M:%SZ")])
    monkeypatch.setattr(pipeline, "SAVE_CHUNK", 30)
    monkeypatch.setattr(pipeline, "BATCH_SIZE", 20)
    monkeypatch.setattr(parallel, "MIN_BACKLOG", 60)
    opened = []
    real = pipeline.process_pending

    def process_pending(db, settings, report=None, now=None):
        opened.append(db in pipeline._BACKLOGS)  # opened by the save, before this call
        return real(db, settings, report, now)

    monkeypatch.setattr(pipeline, "process_pending", process_pending)

    def collected(name, workers):
        settings = cfg.from_dict({
            "storage": {"path": str(tmp_path / f"{name}.db"), "triage_workers": workers},
            "alerts": {"slack_webhook_url": "https://hooks.slack.example/services/T/B/X"},
            "businesses": [{
                "id": "bistro", "name": "Blue Door", "timezone": "UTC", "signature": "Maria",
                "contact": "maria@bluedoor.example", "sources": [{
                    "name": "bistro-app", "kind": "csv", "path": str(path),
                    "max_bytes": 10_000_000, "columns": {"id": "id", "text": "text",
                                                         "rating": "rating", "date": "date"}}]}]},
            environ={})
        db = store.open_database(settings.storage_path)
        report = asyncio.run(pipeline.run_cycle(db, settings, deliver=False, now=SEED_NOW))
        assert db["triage_queue"].count == 0 and not pipeline._BACKLOGS
        outbox = [r["dedupe_key"] for r in db.query("SELECT dedupe_key FROM outbox ORDER BY 1")]
        return rows(db), outbox, (report.new, report.negative, report.drafts_created,
                                  report.alerts_queued, report.errors)

    serial = collected("serial", 0)
    assert opened == [False]
    forked = collected("forked", 2)
    assert opened == [False, True]
    assert forked == serial and serial[2][0] == 330 and 0 < serial[2][3] < serial[2][1]
