"""`reviewwatch run`: APScheduler 3 jobs beside the web UI, in one process.

One poll job per source at its own interval, the outbox delivery, the daily digests
(each business's `digest.send_at` in its own timezone), the daily retention prune, and the
LLM drafting worker. Jobs hold no logic: they call the same pipeline functions as the CLI. A
missed run is coalesced into one, and a source never has two polls running at once
(max_instances=1).
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
import threading
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlite_utils import Database

from reviewwatch import db as store
from reviewwatch import pipeline
from reviewwatch.config import Settings

log = logging.getLogger(__name__)

DELIVERY_EVERY = 60  # seconds between outbox deliveries
DIGEST_CHECK_EVERY = 60
PRUNE_EVERY = 24 * 3600  # the retention policy, applied once a day
PRUNE_FIRST_AFTER = 600
CONFIG_CHECK_EVERY = 30  # seconds between looks at the config file's mtime
LLM_EVERY = 20  # seconds between runs of the LLM drafting worker (a no-op without [llm])
REFIT_HOUR = 3  # UTC: each business's model is refitted nightly when corrections came in
MISFIRE_GRACE = 600
JOB_DEFAULTS = {"coalesce": True, "max_instances": 1, "misfire_grace_time": MISFIRE_GRACE}


def refit_models(db: Database, settings: Settings) -> list[str]:
    """Refit each business whose staff corrected labels since its last fit (nightly job)."""
    from reviewwatch import corrections

    fitted = []
    for business in settings.businesses:
        if corrections.needs_refit(db, business.id):
            result = corrections.fit(db, business.id)
            log.info("refitted %s on %d corrections", business.id, result["corrections"])
            fitted.append(business.id)
    return fitted


def build_scheduler(db: Database, settings: Settings, client) -> AsyncIOScheduler:
    """A scheduler with a poll job per enabled source, delivery, the digests, and a check
    that follows the config file (sources added, edited, paused or removed)."""
    from reviewwatch.sources_admin import ConfigWatcher

    scheduler = AsyncIOScheduler(timezone=UTC, job_defaults=JOB_DEFAULTS)
    watcher = ConfigWatcher(settings)
    now = datetime.now(UTC)

    async def poll(name: str) -> None:
        report = await pipeline.run_cycle(db, watcher.settings, names=[name], client=client)
        for r in report.failed:
            log.warning("source %s failed (%s): %s", r.source, r.state, r.error)

    async def deliver() -> None:
        await pipeline.deliver_outbox(db, watcher.settings, client)

    async def digests() -> None:
        from reviewwatch.notify.digest import enqueue_due_digests

        if enqueue_due_digests(db, watcher.settings, datetime.now(UTC)):
            await pipeline.deliver_outbox(db, watcher.settings, client)

    async def prune() -> None:
        from reviewwatch.writer import writer_for

        deleted = await writer_for(db).run(store.prune, settings.retention)
        from reviewwatch.db_scale import analyze

        await writer_for(db).run(analyze)  # the planner's statistics follow the growth
        if any(deleted.values()):
            log.info("retention pruned %s", deleted)

    def poll_jobs(current: Settings, start: datetime) -> None:
        wanted = {s.name: s for s in current.sources if s.enabled}
        for job in scheduler.get_jobs():
            name = job.id.removeprefix("poll:")
            if job.id.startswith("poll:") and (name not in wanted or
                                               job.trigger.interval.total_seconds() !=
                                               wanted[name].every):
                job.remove()
        existing = {job.id for job in scheduler.get_jobs()}
        for source in wanted.values():
            if f"poll:{source.name}" not in existing:
                scheduler.add_job(poll, "interval", seconds=source.every, args=[source.name],
                                  id=f"poll:{source.name}", name=f"poll {source.name}",
                                  next_run_time=start, **JOB_DEFAULTS)

    async def follow_config() -> None:
        current, changed = watcher.current()
        if changed:
            store.sync_config(db, current)
            poll_jobs(current, datetime.now(UTC))
            log.info("config changed: %d sources scheduled", len(
                [j for j in scheduler.get_jobs() if j.id.startswith("poll:")]))

    def refit() -> None:
        refit_models(db, watcher.settings)

    async def llm_drafts() -> None:
        # Its own job, never inside a poll: a slow model delays no collection or alert.
        from reviewwatch import llm_jobs

        report = await llm_jobs.run_jobs(db, watcher.settings)
        if report.drafted or report.fallback or report.retrying:
            log.info("LLM drafts: %s", report.summary())

    poll_jobs(settings, now)
    scheduler.add_job(refit, "cron", hour=REFIT_HOUR, id="refit", **JOB_DEFAULTS)
    scheduler.add_job(deliver, "interval", seconds=DELIVERY_EVERY, id="outbox", **JOB_DEFAULTS)
    scheduler.add_job(digests, "interval", seconds=DIGEST_CHECK_EVERY, id="digests",
                      next_run_time=now, **JOB_DEFAULTS)
    # Not at start: a restart must not prune (and analyze) again each time, and a shutdown
    # right after start must not cancel it mid-way.
    scheduler.add_job(prune, "interval", seconds=PRUNE_EVERY, id="retention",
                      next_run_time=now + timedelta(seconds=PRUNE_FIRST_AFTER), **JOB_DEFAULTS)
    scheduler.add_job(follow_config, "interval", seconds=CONFIG_CHECK_EVERY, id="config",
                      **JOB_DEFAULTS)
    scheduler.add_job(llm_drafts, "interval", seconds=LLM_EVERY, id="llm", **JOB_DEFAULTS)
    scheduler.follow_config = follow_config  # type: ignore[attr-defined]  (tests call it)
    return scheduler


def run_forever(settings: Settings) -> None:
    """Run the scheduler and the web UI until SIGINT or SIGTERM."""
    from reviewwatch.http import make_client
    from reviewwatch.web import make_server

    database = store.open_database(settings.storage_path)
    store.sync_config(database, settings)
    server = make_server(settings, settings.storage_path, settings.web.host, settings.web.port)
    web_thread = threading.Thread(target=server.serve_forever, name="web", daemon=True)
    web_thread.start()
    print(f"reviewwatch is running: web UI at http://{settings.web.host}:{server.port}/ "
          f"({len(settings.sources)} sources scheduled). Ctrl-C stops it.", flush=True)

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        async with make_client(settings.user_agent) as client:
            scheduler = build_scheduler(database, settings, client)
            scheduler.start()
            try:
                await stop.wait()
            finally:
                scheduler.shutdown(wait=False)

    try:
        asyncio.run(main())
    finally:
        print("stopping: finishing the requests in flight", file=sys.stderr, flush=True)
        server.shutdown()
        print("stopped", file=sys.stderr, flush=True)
