"""One collection cycle: fetch -> normalize -> save -> triage -> draft -> enqueue -> deliver.

The scheduler and the CLI call the same functions. A source that fails is recorded on
that source (its health state, last error, consecutive failures) and the others go on.
"""

from __future__ import annotations

import asyncio
import json
import logging
import weakref
from collections import deque
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlite_utils import Database

from reviewwatch import collectors, llm_jobs, parallel
from reviewwatch import db as store
from reviewwatch.config import Settings, Source
from reviewwatch.errors import CollectorError, ParseError, RateLimited
from reviewwatch.models import Item, State
from reviewwatch.replies import moment_of, purge_items, reply_state
from reviewwatch.writer import writer_for

log = logging.getLogger(__name__)

ALERT_MAX_AGE = timedelta(days=7)  # a backfill of old reviews does not flood Slack
SILENT_AFTER_STEADY_POLLS = 3  # polls in a row with results before an empty one is "silent"
RECENT_COUNTS_KEPT = 10
MAX_CONCURRENT_SOURCES = 50
BATCH_SIZE = 500  # items per triage/draft write transaction
SAVE_CHUNK = 1000  # items per save transaction when a large local source streams in


@dataclass
class SourceResult:
    source: str
    fetched: int = 0
    new: int = 0
    edited: int = 0
    unchanged: int = 0
    pages: int = 0
    not_modified: bool = False
    error: str | None = None
    state: str = "ok"
    new_ids: list[int] = field(default_factory=list)
    edited_ids: list[int] = field(default_factory=list)


@dataclass
class CycleReport:
    sources: list[SourceResult] = field(default_factory=list)
    negative: int = 0
    drafts_created: int = 0
    llm_queued: int = 0  # drafts queued for the model's worker
    alerts_queued: int = 0
    errors: int = 0  # items whose triage or drafting failed (logged)
    delivery: dict[str, int] = field(default_factory=dict)

    @property
    def collected(self) -> int:
        return sum(r.fetched for r in self.sources)

    @property
    def new(self) -> int:
        return sum(r.new for r in self.sources)

    @property
    def edited(self) -> int:
        return sum(r.edited for r in self.sources)

    @property
    def failed(self) -> list[SourceResult]:
        return [r for r in self.sources if r.error]

    def to_dict(self) -> dict[str, Any]:
        return {"collected": self.collected, "new": self.new, "edited": self.edited,
                "negative": self.negative, "drafts_created": self.drafts_created,
                "llm_queued": self.llm_queued,
                "alerts_queued": self.alerts_queued, "delivery": self.delivery,
                "sources": [asdict(r) | {"new_ids": None, "edited_ids": None}
                            for r in self.sources]}


def due_sources(db: Database, settings: Settings, names: list[str] | None = None,
                now: datetime | None = None) -> list[Source]:
    """The sources to poll: the named ones, or every enabled one not held back by a backoff."""
    if names:
        return [settings.source(n) for n in names]
    now_text = _iso(now or datetime.now(UTC))
    held = {r["name"] for r in db.query(
        "SELECT name FROM sources WHERE next_poll_at IS NOT NULL AND next_poll_at > ?",
        [now_text])}
    return [s for s in settings.sources if s.enabled and s.name not in held]


async def fetch_source(client: httpx.AsyncClient, source: Source,
                       state: State) -> list[Item]:
    """Fetch and normalize one source; any failure is a CollectorError."""
    module = collectors.get(source.kind)
    raws = [raw async for raw in module.fetch(client, source, state)]
    items = []
    for raw in raws:
        try:
            items.append(module.normalize(raw, source))
        except CollectorError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError) as e:
            raise ParseError(f"{source.name}: a {source.kind} record is malformed "
                             f"({type(e).__name__}: {e})") from None
    return items


async def poll_source(db: Database, settings: Settings, client: httpx.AsyncClient,
                      source: Source, now: datetime | None = None) -> SourceResult:
    """Poll one source and record the outcome on it; never raises a CollectorError."""
    result = SourceResult(source=source.name)
    started = store.utcnow()
    state = store.load_state(db, source.name)
    if getattr(collectors.get(source.kind), "STREAMING", False):
        return await _poll_streaming(db, settings, client, source, state, result, started, now)
    try:
        items = await fetch_source(client, source, state)
    except CollectorError as e:
        result.error, result.state = str(e), e.state
        await writer_for(db).run(_record_failure, settings, source, e, started, now)
        return result
    except Exception as e:  # a collector bug must not stop the other sources
        log.exception("collector %s crashed", source.name)
        result.error, result.state = f"internal error: {type(e).__name__}: {e}", "failing"
        await writer_for(db).run(_record_failure, settings, source,
                                 CollectorError(result.error), started, now)
        return result
    result.fetched, result.pages, result.not_modified = len(items), state.pages, state.not_modified

    def save(wdb: Database) -> None:
        with store.write_transaction(wdb):
            saved = store.save_items(wdb, source.business_id, items)
            if state.deleted:  # the platform says their authors deleted them (Reddit's terms)
                purge_items(wdb, source.name, state.deleted)
            if state.degraded:
                state.extra["degraded"] = state.degraded
            else:
                state.extra.pop("degraded", None)
            result.new, result.edited, result.unchanged = len(saved.new), len(saved.edited), \
                saved.unchanged
            result.new_ids, result.edited_ids = saved.new, saved.edited
            result.state = _record_success(wdb, source, state, result, started)

    await writer_for(db).run(save)
    return result


async def _poll_streaming(db: Database, settings: Settings, client: httpx.AsyncClient,
                          source: Source, state: State, result: SourceResult,
                          started: str, now: datetime | None = None) -> SourceResult:
    """Poll a local source that can be large (a CSV backfill): save it chunk by chunk.

    Memory stays at one chunk however long the file is. A failure part-way keeps the
    chunks already saved (the next poll finds them unchanged) and is recorded as usual.
    """
    module = collectors.get(source.kind)
    chunk: list[Item] = []

    writer = writer_for(db)

    def save_chunk(wdb: Database, batch: list[Item]) -> None:
        with store.write_transaction(wdb):
            saved = store.save_items(wdb, source.business_id, batch)
        before = result.new + result.edited
        result.new += len(saved.new)
        result.edited += len(saved.edited)
        result.unchanged += saved.unchanged
        _save_and_triage(wdb, settings, result.new + result.edited, before, now)

    async def save(batch: list[Item]) -> None:
        await writer.run(save_chunk, batch)

    try:
        async for raw in module.fetch(client, source, state):
            try:
                chunk.append(module.normalize(raw, source))
            except (KeyError, TypeError, ValueError, AttributeError) as e:
                raise ParseError(f"{source.name}: a {source.kind} record is malformed "
                                 f"({type(e).__name__}: {e})") from None
            result.fetched += 1
            if len(chunk) >= SAVE_CHUNK:
                await save(chunk)
                chunk = []
        if chunk:
            await save(chunk)
    except CollectorError as e:
        result.error, result.state = str(e), e.state
        await writer.run(_record_failure, settings, source, e, started, now)
        return result
    result.pages = state.pages

    def record(wdb: Database) -> None:
        with store.write_transaction(wdb):
            result.state = _record_success(wdb, source, state, result, started)

    await writer.run(record)
    return result


def _record_success(db: Database, source: Source, state: State, result: SourceResult,
                    started: str) -> str:
    row = store.source_row(db, source.name)
    counts = json.loads(row["recent_counts"] or "[]")
    steady = len(counts) >= SILENT_AFTER_STEADY_POLLS and \
        all(c > 0 for c in counts[-SILENT_AFTER_STEADY_POLLS:])
    silent = result.fetched == 0 and not result.not_modified and steady
    if not result.not_modified:
        counts = (counts + [result.fetched])[-RECENT_COUNTS_KEPT:]
    health = "silent" if silent else "degraded" if state.degraded else "ok"
    now = store.utcnow()
    if row["unhealthy"]:
        store.enqueue(db, "source_recovered", f"recovered:{source.name}:{now}",
                      {"source": source.name, "business_id": source.business_id},
                      source.business_id)
    db.execute(
        "UPDATE sources SET state=?, cursor=?, etag=?, last_modified=?, extra=?, "
        "last_poll_at=?, last_success_at=?, consecutive_failures=0, unhealthy=0, silent=?, "
        "recent_counts=?, next_poll_at=NULL WHERE name=?",
        [health, state.cursor, state.etag, state.last_modified, store._json(state.extra), now,
         now, int(silent), json.dumps(counts), source.name])
    # A poll that changed nothing is told by the source row alone (last poll, last
    # success): a runs row per unchanged poll was 1.75 M rows a year at 200 sources hourly.
    if result.new or result.edited or row["state"] != health or row["consecutive_failures"]:
        _record_run(db, source.name, started, result)
    return health


def _record_failure(db: Database, settings: Settings, source: Source, error: CollectorError,
                    started: str, clock: datetime | None = None) -> None:
    now = store.utcnow()
    next_poll = None
    if isinstance(error, RateLimited) and error.retry_after:
        # held on the cycle's clock, the one due_sources compares with
        next_poll = _iso((clock or datetime.now(UTC)) + timedelta(seconds=error.retry_after))
    with store.write_transaction(db):
        row = store.source_row(db, source.name)
        failures = row["consecutive_failures"] + 1
        unhealthy = row["unhealthy"]
        if failures >= source.unhealthy_after and not unhealthy:
            unhealthy = 1
            store.enqueue(db, "source_unhealthy", f"unhealthy:{source.name}:{now}",
                          {"source": source.name, "business_id": source.business_id,
                           "error": str(error), "failures": failures, "state": error.state},
                          source.business_id)
        db.execute(
            "UPDATE sources SET state=?, last_poll_at=?, last_error=?, last_error_at=?, "
            "consecutive_failures=?, unhealthy=?, next_poll_at=? WHERE name=?",
            [error.state, now, str(error), now, failures, unhealthy, next_poll, source.name])
        _record_run(db, source.name, started, SourceResult(source.name, error=str(error)))


def _record_run(db: Database, name: str, started: str, r: SourceResult) -> None:
    db.execute(
        "INSERT INTO runs (source, started_at, finished_at, fetched, new, edited, unchanged, "
        "pages, not_modified, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [name, started, store.utcnow(), r.fetched, r.new, r.edited, r.unchanged, r.pages,
         int(r.not_modified), r.error])


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


# What triage_and_draft reads of an item row: a job carries these, not the row's `raw`
# platform record and bookkeeping (911 -> 378 bytes a pickled job; unpickled 7x faster).
JOB_COLUMNS = ("id", "external_id", "text", "title", "author", "rating", "rating_max", "kind",
               "source", "language", "url", "business_id")


def item_dict(row: dict[str, Any]) -> dict[str, Any]:
    """A stored item as the dict triage and the responders take."""
    return {"id": row["id"], "external_id": row["external_id"], "text": row["text"],
            "title": row["title"], "author": row["author"], "rating": row["rating"],
            "rating_max": row["rating_max"], "kind": row["kind"], "source": row["source"],
            "language": row["language"], "url": row["url"]}


def triage_item(db: Database | None, row: dict[str, Any], business: Any,
                source: Source | None, model: Any = None) -> dict[str, Any]:
    """An item's triage, read with its business's taxonomy, names and adapted model."""
    from reviewwatch.corrections import model_for
    from reviewwatch.triage import triage

    names = (business.name, *business.keywords) if business else ()
    return triage(row["text"], title=row.get("title"), rating=row.get("rating"),
                  rating_max=row.get("rating_max") or 5, language=row.get("language"),
                  kind=row.get("kind") or "review",
                  category=business.category if business else None,
                  aspects=business.aspects if business else None,
                  competitors=tuple(business.competitors) if business else (), names=names,
                  platform=source.kind if source else row.get("platform"),
                  model=model or model_for(db, business.id if business else None))


def triage_and_draft(row: dict[str, Any], business: Any, source: Source | None, model: Any,
                     may_draft: bool, phrase_bank: Any
                     ) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """An item's triage, and its template draft when it needs one and may have one: the
    same pure computation in the collecting process and in a worker (`parallel.py`)."""
    from responders import compose_draft

    result = triage_item(None, row, business, source, model)
    # compose decides: no draft for a language without a phrase bank (a person writes)
    try:
        draft = compose_draft(item_dict(row), result, business,
                              platform=collectors.platform_of(source.kind) if source else None,
                              limit=source.reply_limit if source else None,
                              bank_path=phrase_bank) if may_draft and result["needs_reply"] \
            else None
    except Exception:  # a composer bug on one text: the triage stands, a person writes the
        # reply (the thirty-first reading found one such text)
        log.exception("drafting item %s failed; it goes to a person", row.get("id"))
        draft = None
        result = {**result, "needs_human": True, "needs_human_reason": "; ".join(
            r for r in (result.get("needs_human_reason"), "no draft: the composer failed on "
                        "this text") if r)}
    return result, draft


def process_items(db: Database, settings: Settings, new_ids: Iterable[int],
                  edited_ids: Iterable[int], report: CycleReport | None = None,
                  now: datetime | None = None) -> CycleReport:
    """Triage new and edited items, draft replies where needed, and queue alerts.

    Work goes in batches of BATCH_SIZE items: one read, then triage and drafting in Python,
    then one write transaction for the batch's triage rows, drafts, alerts, and their
    removal from the work queue.
    """
    report = report or CycleReport()
    now = now or datetime.now(UTC)
    new_list = list(new_ids)
    new_set = set(new_list)
    ids = list(dict.fromkeys([*new_list, *edited_ids]))
    context = _Context(settings, now)
    for start in range(0, len(ids), BATCH_SIZE):
        _process_batch(db, context, ids[start:start + BATCH_SIZE], new_set, report)
    return report


def process_pending(db: Database, settings: Settings, report: CycleReport | None = None,
                    now: datetime | None = None) -> CycleReport:
    """Triage and draft every item on the work queue: this cycle's, and any a crash left."""
    report = report or CycleReport()
    backlog = _BACKLOGS.pop(db, None)  # opened while a backfill was being saved
    if backlog is None:
        queued = db.execute("SELECT count(*) FROM triage_queue").fetchone()[0]
        backlog = _Backlog(db, settings, now, parallel.workers_for(
            queued, wanted=settings.triage_workers))
    try:
        backlog.drain(db)
    finally:
        backlog.close()
    backlog.add_to(report)
    return report


class _Backlog:
    """The work queue's batches on their way through triage, oldest first.

    `drain` reads the queue batch by batch; the next batch goes to the workers before the
    oldest is written, so the parent writes while they triage. `step` is what a backfill
    does while it is still being saved (with workers only): it writes the batches already
    triaged and keeps IN_FLIGHT full batches at the workers, without waiting, so the
    workers triage while the parent saves instead of after.
    """

    IN_FLIGHT = 3

    def __init__(self, db: Database, settings: Settings, now: datetime | None, workers: int):
        self.context = _Context(settings, now or datetime.now(UTC))
        self.report = CycleReport()
        self.after = 0
        self.batches: deque[_Batch] = deque()
        if workers:
            from reviewwatch.corrections import adaptation

            # the adaptations only: this process never loads the model unless a worker dies
            self.context.workers = parallel.Workers(
                workers, self.context.businesses, self.context.sources,
                {b: a for b in self.context.businesses if (a := adaptation(db, b)) is not None},
                settings.phrase_bank)

    def _next(self, db: Database, full_only: bool = False) -> bool:
        work = store.queued_work(db, BATCH_SIZE, self.after)
        if not work or full_only and len(work) < BATCH_SIZE:
            return False
        self.after = work[-1][0]
        self.batches.append(_start_batch(db, self.context, [i for i, _ in work],
                                         {i for i, is_new in work if is_new}))
        return True

    def step(self, db: Database) -> None:
        """Write what the workers have finished; send more full batches. Never waits (while
        the workers' fork server starts, the batches wait for it on the queue)."""
        while self.batches and self.batches[0].done():
            _finish_batch(db, self.context, self.batches.popleft(), self.report)
        workers = self.context.workers
        if workers is not None and not workers.ready():
            return
        while len(self.batches) < self.IN_FLIGHT and self._next(db, full_only=True):
            pass

    def drain(self, db: Database) -> None:
        """Triage, draft and write everything on the queue."""
        while True:
            more = self._next(db)
            if self.batches and (not more or len(self.batches) > 1):
                _finish_batch(db, self.context, self.batches.popleft(), self.report)
            if not more and not self.batches:
                return

    def close(self) -> None:
        if self.context.workers is not None:
            self.context.workers.close()
            self.context.workers = None

    def add_to(self, report: CycleReport) -> None:
        for name in ("negative", "drafts_created", "llm_queued", "alerts_queued", "errors"):
            setattr(report, name, getattr(report, name) + getattr(self.report, name))


# A backfill's backlog, opened by the save of a large local source and finished by the
# cycle's process_pending (or closed by run_cycle if the cycle fails before that).
_BACKLOGS: weakref.WeakKeyDictionary[Database, _Backlog] = weakref.WeakKeyDictionary()


def _save_and_triage(db: Database, settings: Settings, saved: int, before: int,
                     now: datetime | None) -> None:
    """After a chunk of a large local source is saved: once the backlog is worth workers,
    start them and keep them fed while the rest of the file is saved."""
    backlog = _BACKLOGS.get(db)
    if backlog is None and before < parallel.MIN_BACKLOG <= saved:
        workers = parallel.workers_for(saved, wanted=settings.triage_workers)
        if workers:
            backlog = _BACKLOGS[db] = _Backlog(db, settings, now, workers)
    if backlog is not None:
        backlog.step(db)


class _Context:
    """What a batch needs from the settings, looked up once per call instead of per item."""

    def __init__(self, settings: Settings, now: datetime):
        self.settings, self.now = settings, now
        self.sources = {s.name: s for s in settings.sources}
        self.businesses = {b.id: b for b in settings.businesses}
        self.alerts_on = bool(settings.alerts.slack_webhook_url)
        self.llm_on = llm_jobs.enabled(settings)
        self.workers: parallel.Workers | None = None
        self.models: dict[str | None, Any] = {}


def _model(db: Database, context: _Context, business_id: str | None) -> Any:
    """The business's adapted model, looked up once per backlog."""
    from reviewwatch.corrections import model_for

    if business_id not in context.models:
        context.models[business_id] = model_for(db, business_id)
    return context.models[business_id]


@dataclass
class _Batch:
    """A batch read and handed to the triage (in this process or the workers)."""

    ids: list[int]
    new_set: set[int]
    rows: dict[int, dict[str, Any]]
    jobs: list[parallel.Job]
    replied: dict[int, str]
    futures: list[Any] | None = None

    def done(self) -> bool:
        """Whether the workers have finished it (a batch not sent to them never is)."""
        return self.futures is not None and all(f.done() for f in self.futures)


def _start_batch(db: Database, context: _Context, ids: list[int], new_set: set[int]) -> _Batch:
    """Read a batch, decide which items may get a draft, and send it to the workers."""
    rows = store.items_for_processing(db, ids)
    jobs: list[parallel.Job] = []
    replied: dict[int, str] = {}
    for item_id in ids:
        row = rows.get(item_id)
        if row is None:  # deleted meanwhile
            continue
        replied[item_id] = state = reply_state(row)
        may_draft = state != "replied" and (not row["has_draft"] or
                                            _no_open_draft(db, row, state))
        jobs.append((item_id, {k: row[k] for k in JOB_COLUMNS}, may_draft))
    batch = _Batch(ids, new_set, rows, jobs, replied)
    if context.workers is not None and not context.workers.broken and jobs:
        batch.futures = context.workers.submit(jobs)
    return batch


def _computed(db: Database, context: _Context, batch: _Batch) -> list[parallel.Done]:
    if batch.futures is not None:
        done = context.workers.results(batch.futures) if context.workers else None
        if done is not None:
            return done
    out: list[parallel.Done] = []
    for item_id, row, may_draft in batch.jobs:
        try:
            result, draft = triage_and_draft(
                row, context.businesses.get(row["business_id"]),
                context.sources.get(row["source"]), _model(db, context, row["business_id"]),
                may_draft, context.settings.phrase_bank)
        except Exception as e:  # one item that breaks triage must not stop the others
            log.exception("triage or drafting of item %s failed", item_id)
            out.append((item_id, None, None, f"{type(e).__name__}: {e}"))
            continue
        out.append((item_id, result, draft, None))
    return out


def _process_batch(db: Database, context: _Context, ids: list[int], new_set: set[int],
                   report: CycleReport) -> None:
    _finish_batch(db, context, _start_batch(db, context, ids, new_set), report)


def _finish_batch(db: Database, context: _Context, batch: _Batch, report: CycleReport) -> None:
    """Take a batch's triage and drafts, and write them in one transaction."""
    triaged, drafts, alerts, for_model = [], [], [], []
    for item_id, result, draft, error in _computed(db, context, batch):
        row = batch.rows[item_id]
        if result is None:
            if batch.futures is not None:  # computed in a worker: say which item, here
                log.error("triage or drafting of item %s failed: %s", item_id, error)
            report.errors += 1
            continue
        replied = batch.replied[item_id]
        triaged.append((item_id, row["content_hash"], result))
        negative = result["label"] == "negative"
        if negative and item_id in batch.new_set:
            report.negative += 1
        if draft is not None:
            drafts.append((item_id, row["content_hash"], draft, result["priority"],
                           (row["reply_at"] or "undated") if replied == "edited_after" else None))
            if context.llm_on and llm_jobs.wanted(draft, result):
                for_model.append(item_id)
        if negative and context.alerts_on and _recent(row, context.now):
            alerts.append(row)
    with store.write_transaction(db):
        store.save_triages(db, triaged)
        store.add_drafts(db, drafts)
        # The model writes later, in its worker: this cycle never waits on it.
        for item_id in for_model:
            draft_id = db.execute("SELECT max(id) FROM drafts WHERE item_id = ?",
                                  [item_id]).fetchone()[0]
            if draft_id and llm_jobs.enqueue(db, draft_id, context.now):
                report.llm_queued += 1
        for row in alerts:
            if store.enqueue(db, "slack_alert", f"alert:item:{row['id']}", {"item_id": row["id"]},
                             row["business_id"], now=context.now):
                report.alerts_queued += 1
        store.finish_work(db, batch.ids)
    report.drafts_created += len(drafts)


def _no_open_draft(db: Database, row: dict[str, Any], replied: str) -> bool:
    """Draft once per item; a review edited after its reply gets a fresh draft for the edit."""
    latest = store.latest_draft(db, row["id"])
    if latest is None:
        return True
    removed = row.get("reply_removed_at")
    if replied == "none" and removed and latest["status"] in ("posted", "rejected"):
        # the reply was removed on the platform after this draft was decided: draft again
        decided = latest["posted_at"] or latest["decided_at"] or latest["created_at"]
        return moment_of(decided) < moment_of(removed)
    if replied != "edited_after" or latest["status"] not in ("posted", "rejected"):
        return False
    changed = row["review_updated_at"] or row["edited_at"] or ""
    return moment_of(latest["created_at"]) < moment_of(changed)


def _recent(row: dict[str, Any], now: datetime) -> bool:
    published = row["published_at"] or row["first_seen_at"]
    try:
        moment = datetime.fromisoformat(published.replace("Z", "+00:00"))
    except (AttributeError, ValueError):
        return True
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return now - moment <= ALERT_MAX_AGE


async def deliver_outbox(db: Database, settings: Settings, client: httpx.AsyncClient,
                         now: datetime | None = None) -> dict[str, int]:
    """Send what is due in the outbox (alerts, digests, approved replies)."""
    from reviewwatch.notify.outbox import deliver

    return await deliver(db, settings, client, now=now)


async def run_cycle(db: Database, settings: Settings, *, names: list[str] | None = None,
                    client: httpx.AsyncClient | None = None, deliver: bool = True,
                    now: datetime | None = None) -> CycleReport:
    """One full cycle over the due (or named) sources; the scheduler and the CLI call this."""
    from reviewwatch.http import make_client
    from reviewwatch.publishers import bluesky_session

    bluesky_session.use_store(bluesky_session.store_path(settings.storage_path))
    store.sync_config(db, settings)
    sources = due_sources(db, settings, names, now)
    own_client = client is None
    client = client or make_client(settings.user_agent)
    report = CycleReport()
    try:
        limit = asyncio.Semaphore(MAX_CONCURRENT_SOURCES)

        async def one(source: Source) -> SourceResult:
            async with limit:
                return await poll_source(db, settings, client, source, now)

        report.sources = list(await asyncio.gather(*(one(s) for s in sources)))
        # The work queue holds this cycle's new and edited items, and any a crash left;
        # triage and its writes run on the writer thread, off the event loop.
        await writer_for(db).run(process_pending, settings, report, now)
        if deliver:
            report.delivery = await deliver_outbox(db, settings, client, now)
    finally:
        if (backlog := _BACKLOGS.pop(db, None)) is not None:  # the cycle failed mid-backfill
            backlog.close()
        if own_client:
            await client.aclose()
    return report


def collect(db: Database, settings: Settings, names: list[str] | None = None,
            deliver: bool = True) -> CycleReport:
    """Synchronous wrapper around run_cycle for the CLI."""
    return asyncio.run(run_cycle(db, settings, names=names, deliver=deliver))
