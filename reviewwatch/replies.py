"""Reply state: the owner's reply each platform shows, and what follows from it.

All three reply APIs (Business Profile, Play, App Store Connect) create or overwrite, so a
draft approved for a review that already has a reply would silently replace what staff
wrote on the platform. The collectors store that reply with its time; drafting skips a
replied review unless the review changed after the reply; replacing one needs an explicit
confirmation. Response rate and time to reply count replies made anywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlite_utils import Database

from reviewwatch.db import utcnow, utcnow_of
from reviewwatch.models import Item

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

REMOVAL_GRACE = timedelta(hours=1)  # a platform may show a reply just posted a little later


def record_platform_reply(db: Database, item_id: int, item: Item,
                          now: datetime | None = None) -> bool:
    """Keep the platform's view of the owner's reply; a reply reviewwatch posted stays ours.

    Only a reply that is there replaces what is stored: sources that carry no reply state
    (a feed, a search) must not erase one that reviewwatch posted or another source saw.
    A source whose payload always shows the reply (`item.reply_known`) and now shows none
    says it was removed on the platform: the stored one is cleared (a reply reviewwatch
    posted within the last hour is kept, the platform may not show it yet) and True says
    the review is unanswered again, so it can be drafted for.
    """
    if not (item.reply_text or item.reply_at):
        if not item.reply_known:
            return False
        return _removed(db, item_id, now or datetime.now(UTC))
    row = next(iter(db.query("SELECT reply_text, reply_at, reply_by FROM items WHERE id = ?",
                             [item_id])))
    if (row["reply_text"], row["reply_at"]) == (item.reply_text, item.reply_at):
        return
    ours = row["reply_by"] == "reviewwatch" and (row["reply_text"] or "").strip() == \
        (item.reply_text or "").strip()
    db.execute("UPDATE items SET reply_text = ?, reply_at = ?, reply_by = ? WHERE id = ?",
               [item.reply_text, item.reply_at, "reviewwatch" if ours else "platform", item_id])
    return False


def _removed(db: Database, item_id: int, now: datetime) -> bool:
    row = next(iter(db.query("SELECT reply_text, reply_at, reply_by FROM items WHERE id = ?",
                             [item_id])))
    if not (row["reply_text"] or row["reply_at"]):
        return False
    if row["reply_by"] == "reviewwatch" and now - moment_of(row["reply_at"]) < REMOVAL_GRACE:
        return False
    db.execute("UPDATE items SET reply_text = NULL, reply_at = NULL, reply_by = NULL, "
               "reply_removed_at = ? WHERE id = ?", [utcnow_of(now), item_id])
    from reviewwatch.db import audit

    audit(db, "platform", "reply_removed", f"item:{item_id}", by=row["reply_by"],
          reply_at=row["reply_at"])
    return True


def record_our_reply(db: Database, item_id: int, text: str, at: str) -> None:
    """An approved reply reviewwatch posted: it is now the reply on the platform."""
    db.execute("UPDATE items SET reply_text = ?, reply_at = ?, reply_by = 'reviewwatch' "
               "WHERE id = ?", [text, at, item_id])


def reply_state(row: dict[str, Any]) -> str:
    """'none', 'replied', or 'edited_after' (the review changed after its reply).

    The platform's own update time decides where it gives one; otherwise the moment
    reviewwatch saw the edit, which can only be later than the real edit.
    """
    if not (row.get("reply_text") or row.get("reply_at")):
        return "none"
    reply_at = moment_of(row.get("reply_at"))
    changed = moment_of(row.get("review_updated_at") or row.get("edited_at"))
    if reply_at > EPOCH and changed > reply_at:
        return "edited_after"
    return "replied"


def moment_of(value: Any) -> datetime:
    """An ISO 8601 timestamp column as an aware datetime; the oldest one when missing."""
    if not isinstance(value, str) or not value:
        return EPOCH
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return EPOCH
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def purge_items(db: Database, source: str, external_ids: Iterable[str],
                now: datetime | None = None) -> int:
    """Erase the content of items their authors deleted (Reddit's terms require it).

    The row stays, emptied, so drafts and the audit log still refer to something; its
    earlier versions go, and an open draft is rejected.
    """
    stamp = utcnow_of(now) if now else utcnow()
    purged = 0
    for external_id in external_ids:
        rows = list(db.query("SELECT id FROM items WHERE source = ? AND external_id = ? AND "
                             "deleted_at IS NULL", [source, str(external_id)]))
        if not rows:
            continue
        item_id = rows[0]["id"]
        db.execute("DELETE FROM item_versions WHERE item_id = ?", [item_id])
        db.execute("UPDATE items SET author = NULL, title = NULL, text = '', url = NULL, "
                   "raw = '{}', reply_text = NULL, deleted_at = ? WHERE id = ?",
                   [stamp, item_id])
        db.execute("UPDATE drafts SET status = 'rejected', reject_reason = ?, decided_by = "
                   "'reviewwatch', decided_at = ? WHERE item_id = ? AND status IN "
                   "('pending', 'failed')", ["the author deleted the post", stamp, item_id])
        purged += 1
    return purged


def reply_stats(db: Database, business_id: str, start: str, end: str) -> dict[str, Any]:
    """Response rate and median time to reply for reviews published in [start, end).

    A review counts as answered when the platform shows an owner reply (made anywhere) or
    reviewwatch posted one; the time to reply is from the review to the first of those.
    Reviews from sources whose platform never shows replies (Yelp Fusion, the Places API,
    feeds, pages, files) are left out of both, and counted as `reply_unknown`: one answered
    on the platform would otherwise look unanswered, and only ours would look answered.
    """
    from reviewwatch.collectors import shows_replies

    rows = list(db.query("""
        SELECT coalesce(i.published_at, i.first_seen_at) AS at, i.reply_at, s.kind,
               (SELECT min(posted_at) FROM drafts d WHERE d.item_id = i.id
                AND d.status = 'posted') AS posted_at,
               i.reply_text IS NOT NULL OR i.reply_at IS NOT NULL AS has_reply
        FROM items i LEFT JOIN sources s ON s.name = i.source
        WHERE i.business_id = ? AND i.kind = 'review' AND i.deleted_at IS NULL
        AND coalesce(i.published_at, i.first_seen_at) >= ?
        AND coalesce(i.published_at, i.first_seen_at) < ?""", [business_id, start, end]))
    unknown = sorted({r["kind"] for r in rows if not shows_replies(r["kind"])})
    counted = [r for r in rows if shows_replies(r["kind"])]
    answered, hours = 0, []
    for r in counted:
        moments = [m for m in (moment_of(r["reply_at"]), moment_of(r["posted_at"])) if m > EPOCH]
        if not (r["has_reply"] or moments):
            continue
        answered += 1
        published = moment_of(r["at"])
        if moments and published > EPOCH:
            hours.append(max(0.0, (min(moments) - published).total_seconds() / 3600))
    hours.sort()
    median = None
    if hours:
        mid = len(hours) // 2
        median = hours[mid] if len(hours) % 2 else (hours[mid - 1] + hours[mid]) / 2
    return {"reviews": len(counted), "answered": answered,
            "response_rate": round(answered / len(counted), 3) if counted else None,
            "median_hours_to_reply": round(median, 1) if median is not None else None,
            "reply_unknown": len(rows) - len(counted), "reply_unknown_kinds": unknown}
