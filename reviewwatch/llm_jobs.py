"""The LLM drafting worker: model drafts made outside the collection cycle.

A collection never waits on a model. The pipeline stores the template draft at once and,
when `[llm]` is configured, queues one `llm_jobs` row for it. This worker takes the due
rows (`reviewwatch drafts llm [--once]`, or a job of `reviewwatch run`), asks the model,
and replaces the draft's text only while the draft is still pending, unedited and about
the same version of the review, recording generator "llm". Anything else keeps the
template draft, with the reason on the job:

    pending   waiting for the worker (again, after a timeout or a 5xx, at next_attempt_at)
    done      the model's draft replaced the template's
    fallback  the model gave nothing usable; the template draft stays
    skipped   the draft was decided, edited, or its review changed, before the model answered
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlite_utils import Database

from reviewwatch import db as store
from reviewwatch.config import Settings
from reviewwatch.errors import NotFound

log = logging.getLogger(__name__)

BATCH = 20  # jobs per run: a slow model works through a backlog over several runs
MAX_ATTEMPTS = 3  # for timeouts, refused connections and 5xx; then the template stays
RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=5))  # after attempt 1, 2
WORKER_EVERY = 20  # seconds between runs in `reviewwatch run` and `drafts llm`
COMPLAINT_LABELS = ("negative", "mixed")
MAX_OUTCOME_CHARS = 300


@dataclass
class JobReport:
    """What one run of the worker did, job by job."""

    drafted: list[int] = field(default_factory=list)  # draft ids now written by the model
    fallback: dict[int, str] = field(default_factory=dict)  # draft id -> why the template stays
    skipped: dict[int, str] = field(default_factory=dict)
    retrying: dict[int, str] = field(default_factory=dict)

    def summary(self) -> str:
        """One line for the terminal."""
        return (f"{len(self.drafted)} drafted by the model, {len(self.fallback)} kept the "
                f"template, {len(self.skipped)} skipped, {len(self.retrying)} to retry")


def enabled(settings: Settings) -> bool:
    """Whether LLM drafting is configured (an endpoint, and its key in the environment)."""
    return settings.llm.enabled


def wanted(draft: dict[str, Any], triage: dict[str, Any]) -> bool:
    """Whether a new template draft should go to the model: an English complaint whose draft
    has the five moves, and never an item a person must handle (it keeps the holding reply)."""
    from responders.lint import FIVE_MOVES
    from responders.manager import ROUTED_FLAGS

    if triage.get("needs_human") or draft.get("needs_human") or draft.get("holding"):
        return False
    if any(f.get("flag") in ROUTED_FLAGS for f in triage.get("flags") or []):
        return False
    if triage.get("label") not in COMPLAINT_LABELS or draft.get("language", "en") != "en":
        return False
    moves = [p.get("move") for p in draft.get("parts") or []]
    return all(m in moves for m in FIVE_MOVES)


def enqueue(db: Database, draft_id: int, now: datetime | None = None) -> bool:
    """Queue one draft for the model (once per draft)."""
    stamp = store.utcnow_of(now) if now else store.utcnow()
    cursor = db.execute(
        "INSERT INTO llm_jobs (draft_id, next_attempt_at, created_at) VALUES (?, ?, ?) "
        "ON CONFLICT(draft_id) DO NOTHING", [draft_id, stamp, stamp])
    return cursor.rowcount == 1


def due(db: Database, now: datetime, limit: int = BATCH) -> list[dict[str, Any]]:
    """The pending jobs whose time has come, oldest first."""
    return list(db.query(
        "SELECT * FROM llm_jobs WHERE status = 'pending' AND next_attempt_at <= ? "
        "ORDER BY next_attempt_at, id LIMIT ?", [store.utcnow_of(now), limit]))


def _finish(db: Database, job: dict[str, Any], status: str, outcome: str | None,
            now: datetime) -> None:
    db.execute("UPDATE llm_jobs SET status = ?, outcome = ?, finished_at = ?, "
               "attempts = attempts + 1 WHERE id = ?",
               [status, (outcome or "")[:MAX_OUTCOME_CHARS] or None, store.utcnow_of(now),
                job["id"]])


def _still_open(db: Database, draft: dict[str, Any]) -> str | None:
    """Why a draft may no longer be replaced (None: it may)."""
    if draft["status"] != "pending":
        return f"the draft is {draft['status']}"
    if draft.get("final_text") or draft.get("edited"):
        return "staff edited the draft"
    if draft.get("generator") == "llm":
        return "the draft is the model's already"
    current = db.execute("SELECT content_hash FROM items WHERE id = ?",
                         [draft["item_id"]]).fetchone()
    if not current or current[0] != draft["content_hash"] or draft.get("review_changed"):
        return "the review changed since the draft"
    triage = draft.get("triage") or {}
    if triage.get("needs_human"):
        return "the item is for a person"
    return None


def _context(settings: Settings, draft: dict[str, Any]) -> tuple[dict, Any, str | None,
                                                                int | None]:
    from reviewwatch.collectors import platform_of

    business = next((b for b in settings.businesses if b.id == draft["business_id"]), None)
    source = next((s for s in settings.sources if s.name == draft["source"]), None)
    item = {"text": draft["text"], "title": draft["title"], "author": draft["author"],
            "rating": draft["rating"], "rating_max": draft["rating_max"],
            "kind": draft["item_kind"], "source": draft["source"],
            "external_id": draft["external_id"]}
    return (item, business, platform_of(source.kind) if source else None,
            source.reply_limit if source else None)


async def _one(db: Database, settings: Settings, client: httpx.AsyncClient,
               job: dict[str, Any], now: datetime, report: JobReport) -> None:
    from responders import llm

    draft_id = job["draft_id"]
    try:
        draft = store.get_draft(db, draft_id)
    except NotFound:
        _finish(db, job, "skipped", "the draft is gone", now)
        report.skipped[draft_id] = "the draft is gone"
        return
    if why := _still_open(db, draft):
        _finish(db, job, "skipped", why, now)
        report.skipped[draft_id] = why
        return
    item, business, platform, limit = _context(settings, draft)
    if business is None:
        _finish(db, job, "skipped", "the business is no longer in the config", now)
        report.skipped[draft_id] = "the business is no longer in the config"
        return
    try:
        made = await llm.draft(client, settings.llm, item, draft["triage"] or {}, business,
                               draft, platform=platform, limit=limit)
    except llm.ModelUnavailable as e:
        attempts = job["attempts"] + 1
        if attempts >= MAX_ATTEMPTS:
            _finish(db, job, "fallback", f"{e} ({attempts} attempts)", now)
            report.fallback[draft_id] = str(e)
        else:
            later = now + RETRY_DELAYS[min(attempts, len(RETRY_DELAYS)) - 1]
            db.execute("UPDATE llm_jobs SET attempts = ?, outcome = ?, next_attempt_at = ? "
                       "WHERE id = ?", [attempts, str(e)[:MAX_OUTCOME_CHARS],
                                        store.utcnow_of(later), job["id"]])
            report.retrying[draft_id] = str(e)
        log.warning("LLM draft for draft %d: %s", draft_id, e)
        return
    except llm.UnusableAnswer as e:
        _finish(db, job, "fallback", str(e), now)
        report.fallback[draft_id] = str(e)
        log.info("LLM draft for draft %d unused: %s", draft_id, e)
        return
    with db.atomic():
        # The conditions again, in the UPDATE: staff may have acted while the model wrote.
        cursor = db.execute(
            "UPDATE drafts SET reply = ?, parts = ?, lint = ?, fits = ?, generator = ? "
            "WHERE id = ? AND status = 'pending' AND final_text IS NULL AND edited = 0 "
            "AND content_hash = (SELECT content_hash FROM items WHERE id = drafts.item_id)",
            [made["reply"], store._json(made["parts"]), store._json(made["lint"]),
             store._json(made["fits"]), made["generator"], draft_id])
        if cursor.rowcount != 1:
            _finish(db, job, "skipped", "the draft changed while the model wrote", now)
            report.skipped[draft_id] = "the draft changed while the model wrote"
            return
        _finish(db, job, "done", None, now)
        store.audit(db, "llm", "llm_draft", f"draft:{draft_id}", model=settings.llm.model)
    report.drafted.append(draft_id)


async def run_jobs(db: Database, settings: Settings, *, client: httpx.AsyncClient | None = None,
                   now: datetime | None = None, limit: int = BATCH) -> JobReport:
    """Work through the due jobs one at a time (a local model answers one at a time)."""
    report = JobReport()
    if not enabled(settings):
        return report
    now = now or datetime.now(UTC)
    jobs = due(db, now, limit)
    if not jobs:
        return report
    own = client is None
    client = client or httpx.AsyncClient(headers={"User-Agent": settings.user_agent},
                                         follow_redirects=False)
    try:
        for job in jobs:
            await _one(db, settings, client, job, now, report)
    finally:
        if own:
            await client.aclose()
    return report


def run_once(db: Database, settings: Settings, now: datetime | None = None,
             limit: int = BATCH) -> JobReport:
    """One run of the worker, for `reviewwatch drafts llm --once` and cron."""
    return asyncio.run(run_jobs(db, settings, now=now, limit=limit))


async def work(db: Database, settings: Settings, stop: asyncio.Event,
               every: float = WORKER_EVERY) -> None:
    """Run the worker until `stop` is set, waiting `every` seconds between runs."""
    while not stop.is_set():
        report = await run_jobs(db, settings)
        if report.drafted or report.fallback or report.retrying:
            log.info("LLM drafts: %s", report.summary())
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=every)
