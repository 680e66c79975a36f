"""Deliver the outbox: each message sent once, retried with backoff, held in quiet hours.

Kinds: `slack_alert` (a new negative item), `source_unhealthy` / `source_recovered`,
`digest` (the daily e-mail), and `publish` (an approved reply going to its platform).
A message is marked sent in the same step that sends it; a failure that a retry can fix
is tried again later (exponential backoff, capped), and after `alerts.max_attempts` it is
marked failed with its last error. Secrets never reach `last_error`.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlite_utils import Database

from reviewwatch import db as store
from reviewwatch.config import Settings, reveal
from reviewwatch.errors import AuthFailed, ConfigError, NotFound, PublishError
from reviewwatch.models import DraftStatus
from reviewwatch.notify import email, slack
from reviewwatch.replies import record_our_reply

log = logging.getLogger(__name__)
BACKOFF_BASE = timedelta(minutes=1)
BACKOFF_CAP = timedelta(hours=2)


class Retry(Exception):
    """Try this message again later."""

    def __init__(self, message: str, at: datetime | None = None):
        super().__init__(message)
        self.at = at


class Failed(Exception):
    """This message cannot be delivered; stop trying."""


def _business(settings: Settings, business_id: str | None):
    for b in settings.businesses:
        if b.id == business_id:
            return b
    return None


def in_quiet_hours(settings: Settings, business: Any, now: datetime) -> datetime | None:
    """When quiet hours end, if `now` is inside them for this business; else None."""
    if not settings.alerts.quiet_hours:
        return None
    start, end = settings.alerts.quiet_hours
    tz = business.tz if business else UTC
    local = now.astimezone(tz)
    t = local.time()
    inside = (start <= t < end) if start < end else (t >= start or t < end)
    if not inside:
        return None
    until = local.replace(hour=end.hour, minute=end.minute, second=0, microsecond=0)
    if until <= local:
        until += timedelta(days=1)
    return until.astimezone(UTC)


async def _slack_alert(db: Database, settings: Settings, client: httpx.AsyncClient,
                       message: dict[str, Any], now: datetime) -> None:
    url = reveal(settings.alerts.slack_webhook_url)
    if not url:
        raise Failed("alerts.slack_webhook_url is not set")
    try:
        item = store.get_item(db, message["payload"]["item_id"])
    except NotFound:
        raise Failed("the item no longer exists") from None
    triage = store.get_triage(db, item["id"])
    business = _business(settings, item["business_id"])
    if (triage or {}).get("priority") != "urgent":
        until = in_quiet_hours(settings, business, now)
        if until:
            raise Retry("held until quiet hours end", at=until)
    draft = store.latest_draft(db, item["id"])
    base = settings.web.public_url
    link = f"{base}/drafts/{draft['id']}" if draft else f"{base}/items/{item['id']}"
    payload = slack.build_alert(item, triage, draft, business.name if business else
                                item["business_id"], link)
    await _post_slack(client, url, payload, now)


async def _post_slack(client: httpx.AsyncClient, url: str, payload: dict[str, Any],
                      now: datetime) -> None:
    try:
        await slack.post(client, url, payload)
    except slack.SlackError as e:
        if e.permanent:
            raise Failed(str(e)) from None
        at = now + timedelta(seconds=e.retry_after) if e.retry_after else None
        raise Retry(str(e), at=at) from None


async def _source_notice(db: Database, settings: Settings, client: httpx.AsyncClient,
                         message: dict[str, Any], now: datetime) -> None:
    p = message["payload"]
    if message["kind"] == "source_unhealthy":
        title = f"Source {p['source']} is failing ({p.get('state', 'failing')})"
        body = f"{p.get('failures', '?')} polls in a row failed. Last error: {p.get('error')}"
    else:
        title = f"Source {p['source']} is working again"
        body = "It was polled successfully; collection goes on as normal."
    link = f"{settings.web.public_url}/sources"
    url = reveal(settings.alerts.slack_webhook_url)
    if url:
        await _post_slack(client, url, slack.build_notice(title, body, link), now)
    elif settings.smtp.host and settings.digest.to:
        await _send_email(settings, f"reviewwatch: {title}", f"{body}\n\n{link}\n", None)
    else:
        raise Failed("no Slack webhook or SMTP server is configured to send it")


async def _send_email(settings: Settings, subject: str, text: str, html: str | None) -> None:
    try:
        await asyncio.to_thread(email.send, settings.smtp, settings.digest.sender,
                                settings.digest.to, subject, text, html)
    except email.EmailError as e:
        if e.permanent:
            raise Failed(str(e)) from None
        raise Retry(str(e)) from None


async def _digest(db: Database, settings: Settings, client: httpx.AsyncClient,
                  message: dict[str, Any], now: datetime) -> None:
    from datetime import date

    from reviewwatch.notify.digest import build_digest

    p = message["payload"]
    built = build_digest(db, settings, p["business_id"], date.fromisoformat(p["date"]))
    await _send_email(settings, built.subject, built.text, built.html)


async def _publish(db: Database, settings: Settings, client: httpx.AsyncClient,
                   message: dict[str, Any], now: datetime) -> None:
    from reviewwatch import publishers

    draft = store.get_draft(db, message["payload"]["draft_id"])
    if draft["status"] != DraftStatus.APPROVED:  # posted by hand meanwhile, or not approved
        raise Failed(f"draft {draft['id']} is {draft['status']}; nothing was posted")
    text = draft.get("final_text") or draft["reply"]
    if _reply_landed(draft, text):
        # An earlier attempt that timed out did land: the platform shows this very reply.
        _posted(db, draft, text, now, "posted_earlier_attempt")
        return
    if draft.get("existing_reply_at") or draft.get("existing_reply"):
        confirmed = draft.get("replace_confirmed") and \
            draft.get("replaces_reply_at") == draft.get("existing_reply_at")
        if not confirmed:
            when = draft["existing_reply_at"] or "undated"
            error = (f"the review got a reply on the platform ({when}) that this approval did "
                     "not confirm replacing; nothing was posted; approve it again to replace it")
            _publish_failed(db, draft, error)
            raise Failed(error)
    try:
        await publishers.publish(db, settings, client, draft)
    except PublishError as e:
        with db.atomic():
            store.record_post_attempt(db, draft["id"], str(e))
            if e.permanent:
                _publish_failed(db, draft, str(e))
        if e.permanent:
            raise Failed(str(e)) from None
        at = now + timedelta(seconds=e.retry_after) if e.retry_after else None
        raise Retry(str(e), at=at) from None
    _posted(db, draft, text, now, "posted")


def _reply_landed(draft: dict[str, Any], text: str) -> bool:
    existing = (draft.get("existing_reply") or "").strip()
    return bool(existing) and existing == text.strip() and \
        draft.get("existing_reply_at") != draft.get("replaces_reply_at")


def _posted(db: Database, draft: dict[str, Any], text: str, now: datetime, action: str) -> None:
    at = store.utcnow_of(now)
    with db.atomic():
        store.set_draft_status(db, draft["id"], DraftStatus.POSTED, posted_at=at,
                               post_error=None)
        record_our_reply(db, draft["item_id"], text, at)
        store.audit(db, "reviewwatch", action, f"draft:{draft['id']}")


def _publish_failed(db: Database, draft: dict[str, Any], error: str) -> None:
    """The draft shows the failure and can be retried (CLI `drafts retry`, the web button)."""
    with db.atomic():
        store.set_draft_status(db, draft["id"], DraftStatus.FAILED, post_error=error[:500])
        store.audit(db, "reviewwatch", "publish_failed", f"draft:{draft['id']}", error=error)


def _gave_up(db: Database, message: dict[str, Any], error: str) -> None:
    """Retries ran out: a reply must not stay 'approved' forever with nothing going out."""
    if message["kind"] != "publish":
        return
    try:
        draft = store.get_draft(db, message["payload"]["draft_id"])
    except NotFound:
        return
    if draft["status"] == DraftStatus.APPROVED:
        _publish_failed(db, draft, f"gave up after {message['attempts'] + 1} attempts: {error}")


HANDLERS = {"slack_alert": _slack_alert, "source_unhealthy": _source_notice,
            "source_recovered": _source_notice, "digest": _digest, "publish": _publish}


def _backoff(attempts: int) -> timedelta:
    return min(BACKOFF_CAP, BACKOFF_BASE * 2 ** max(0, attempts - 1))


async def deliver(db: Database, settings: Settings, client: httpx.AsyncClient,
                  now: datetime | None = None) -> dict[str, int]:
    """Send every due message; return how many were sent, failed and left to retry."""
    from reviewwatch.publishers import bluesky_session

    bluesky_session.use_store(bluesky_session.store_path(settings.storage_path))
    now = now or datetime.now(UTC)
    result = {"sent": 0, "failed": 0, "retrying": 0}
    result["failed"] += _release_stale_claims(db, now)
    for message in list(store.due_messages(db, store.utcnow_of(now))):
        handler = HANDLERS.get(message["kind"])
        attempts = message["attempts"] + 1
        if message["kind"] in CLAIMED and not _claim(db, message["id"], now):
            continue  # another delivery took it meanwhile
        try:
            if handler is None:
                raise Failed(f"unknown message kind {message['kind']!r}")
            await handler(db, settings, client, message, now)
        except Retry as e:
            held = e.at is not None and str(e).startswith("held")
            if not held and attempts >= settings.alerts.max_attempts:
                _finish(db, message["id"], "failed", attempts, str(e))
                _gave_up(db, message, str(e))
                result["failed"] += 1
            else:
                at = e.at or (now + _backoff(attempts))
                db.execute("UPDATE outbox SET status = 'pending', attempts = ?, "
                           "next_attempt_at = ?, last_error = ? WHERE id = ?",
                           [message["attempts"] if held else attempts, store.utcnow_of(at),
                            str(e)[:500], message["id"]])
                result["retrying"] += 1
        except Failed as e:
            _finish(db, message["id"], "failed", attempts, str(e))
            result["failed"] += 1
        except (ConfigError, AuthFailed) as e:  # a secret not set in this process, say
            if attempts >= settings.alerts.max_attempts:
                _finish(db, message["id"], "failed", attempts, str(e))
                result["failed"] += 1
            else:  # kept queued: it goes once the variable is set
                db.execute("UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ? "
                           "WHERE id = ?", [attempts, store.utcnow_of(now + _backoff(attempts)),
                                            str(e)[:500], message["id"]])
                result["retrying"] += 1
        except Exception as e:  # one broken message must not stop the others
            log.exception("delivering outbox message %s failed", message["id"])
            _finish(db, message["id"], "failed", attempts, f"internal error: {type(e).__name__}")
            result["failed"] += 1
        else:
            _finish(db, message["id"], "sent", attempts, None)
            result["sent"] += 1
    return result


CLAIMED = {"publish"}  # kinds whose sending twice would be visible to a customer
CLAIM_TIMEOUT = timedelta(minutes=10)  # far longer than any reply API's request timeout


def _claim(db: Database, message_id: int, now: datetime) -> bool:
    """Mark a message as being sent, committed before it goes out."""
    return db.execute("UPDATE outbox SET status = 'sending', claimed_at = ? WHERE id = ? AND "
                      "status = 'pending'", [store.utcnow_of(now), message_id]).rowcount == 1


def _release_stale_claims(db: Database, now: datetime) -> int:
    """Fail the claims a killed process left: whether the reply went out is unknown.

    The reply is never sent again by itself (that could post it twice). The draft is
    marked failed with what happened, so a person checks the platform and approves again
    only if the reply is not there.
    """
    cutoff = store.utcnow_of(now - CLAIM_TIMEOUT)
    stale = list(db.query("SELECT * FROM outbox WHERE status = 'sending' AND claimed_at < ?",
                          [cutoff]))
    for message in stale:
        draft_id = store._loads(message["payload"], {}).get("draft_id")
        error = ("interrupted while posting: check on the platform whether the reply is "
                 "there before approving it again")
        with store.write_transaction(db):
            db.execute("UPDATE outbox SET status = 'failed', last_error = ? WHERE id = ? AND "
                       "status = 'sending'", [error, message["id"]])
            if draft_id is not None:
                db.execute("UPDATE drafts SET status = ?, post_error = ? WHERE id = ? AND "
                           "status = ?", [str(DraftStatus.FAILED), error, draft_id,
                                          str(DraftStatus.APPROVED)])
                store.audit(db, "reviewwatch", "publish_interrupted", f"draft:{draft_id}")
    return len(stale)


def _finish(db: Database, message_id: int, status: str, attempts: int, error: str | None) -> None:
    db.execute("UPDATE outbox SET status = ?, attempts = ?, last_error = ?, sent_at = ? "
               "WHERE id = ?", [status, attempts, error[:500] if error else None,
                                store.utcnow() if status == "sent" else None, message_id])
