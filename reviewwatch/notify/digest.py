"""The daily digest: what came in for one business on one local day, and what to do.

Sections: headline numbers against the day before; negative items waiting for a reply,
most urgent first; drafts waiting for approval; a Diagnose section that counts complaint
aspects over the last 7 days, with an example phrase, so the owner sees root causes; source
health problems; and praise worth passing on. Everything from outside is escaped by
Jinja2's autoescape; the HTML uses inline styles only, so it renders with nothing fetched.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from sqlite_utils import Database

from reviewwatch import db as store
from reviewwatch import queries
from reviewwatch.aspect_names import aspect_name
from reviewwatch.config import Settings
from reviewwatch.errors import NotFound
from reviewwatch.replies import reply_stats

EXCERPT_CHARS = 280
MAX_LISTED = 25
DIAGNOSE_DAYS = 7
PRIORITY_RANK = {"urgent": 0, "high": 1, "normal": 2, "low": 3}
_env = Environment(loader=PackageLoader("reviewwatch.notify", "templates"),
                   autoescape=select_autoescape(["html"], default_for_string=True),
                   trim_blocks=True, lstrip_blocks=True)
_env.filters["aspect"] = aspect_name


@dataclass
class Digest:
    subject: str
    html: str
    text: str
    counts: dict[str, Any] = field(default_factory=dict)


def _window(day: date, tz) -> tuple[str, str]:
    start = datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)
    end = start + timedelta(days=1)
    return store.utcnow_of(start), store.utcnow_of(end)


def _excerpt(text: str | None) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1] + "…"


def _items(db: Database, business_id: str, start: str, end: str) -> list[dict[str, Any]]:
    rows = db.query(store.ITEMS_SQL + " WHERE i.business_id = ? AND i.first_seen_at >= ? AND "
                    "i.first_seen_at < ? ORDER BY i.id", [business_id, start, end])
    out = []
    for row in rows:
        row["triage"] = store.triage_of({**row, "language": row["t_language"]})
        out.append(row)
    return out


def build_digest(db: Database, settings: Settings, business_id: str, day: date) -> Digest:
    """The digest of one local day for one business."""
    try:
        business = settings.business(business_id)
    except Exception:
        raise NotFound(f"no business with id {business_id!r} in the config") from None
    start, end = _window(day, business.tz)
    prev_start, _ = _window(day - timedelta(days=1), business.tz)
    today = _items(db, business_id, start, end)
    yesterday = _items(db, business_id, prev_start, start)
    week = _items(db, business_id, _window(day - timedelta(days=DIAGNOSE_DAYS - 1),
                                           business.tz)[0], end)
    base = settings.web.public_url
    reviews = [r for r in today if r["kind"] == "review"]
    ratings = [r["rating"] * 5 / (r["rating_max"] or 5) for r in reviews if r["rating"] is not None]

    def label(r: dict[str, Any]) -> str | None:
        return (r["triage"] or {}).get("label")

    negatives = sorted((r for r in today if label(r) == "negative"),
                       key=lambda r: PRIORITY_RANK.get(r["triage"]["priority"], 9))
    # "Needs a reply" is what still waits for a person: a pending draft, or no draft at all
    # for an item that needs a reply. Approved, posted or rejected ones are dealt with.
    waiting = [r for r in negatives if r["draft_status"] == "pending" or
               (r["draft_id"] is None and (r["triage"] or {}).get("needs_reply"))]
    for r in waiting:
        r["excerpt"] = _excerpt(r["text"])
        r["link"] = f"{base}/drafts/{r['draft_id']}" if r["draft_id"] else f"{base}/items/{r['id']}"
    aspects: Counter[str] = Counter()
    examples: dict[str, str] = {}
    for r in week:
        t = r["triage"] or {}
        if t.get("label") in ("negative", "mixed"):
            for i, aspect in enumerate(t.get("aspects") or []):
                aspects[aspect] += 1
                evidence = t.get("evidence") or []
                if aspect not in examples and i < len(evidence):
                    examples[aspect] = evidence[i]
    praise = [{"author": r["author"], "excerpt": _excerpt(r["text"]), "source": r["source"]}
              for r in today if label(r) == "positive" and r["text"]][:5]
    # The count is SQL over every pending draft; only the listed few are read.
    pending = store.list_drafts(db, "pending", business_id, limit=MAX_LISTED)
    pending_total = queries.count_drafts(db, "pending", business=business_id)
    sources = [s for s in store.source_health(db, archived=False)
               if s.get("business_id") == business_id and
               (s.get("unhealthy") or s.get("silent") or s.get("state") not in (None, "ok", "new"))]
    counts = {
        "new": len(today), "reviews": len(reviews), "mentions": len(today) - len(reviews),
        "negative": len(negatives), "previous_new": len(yesterday),
        "previous_negative": sum(1 for r in yesterday if label(r) == "negative"),
        "average_rating": round(sum(ratings) / len(ratings), 2) if ratings else None,
        "drafts_pending": pending_total,
    }
    # Over the week, since a reply often comes the day after; replies made on the platform
    # itself count as much as the ones reviewwatch posted.
    week_stats = reply_stats(db, business_id, _window(day - timedelta(days=DIAGNOSE_DAYS - 1),
                                                      business.tz)[0], end)
    counts["response_rate"] = week_stats["response_rate"]
    counts["median_hours_to_reply"] = week_stats["median_hours_to_reply"]
    counts["reply_unknown"] = week_stats["reply_unknown"]  # e.g. Yelp: no replies shown
    counts["reply_unknown_kinds"] = ", ".join(week_stats["reply_unknown_kinds"])
    context = {"business": business, "day": day, "counts": counts,
               "negatives": waiting[:MAX_LISTED], "more_negatives":
               max(0, len(waiting) - MAX_LISTED), "pending": pending[:MAX_LISTED],
               "diagnose": [(a, n, examples.get(a)) for a, n in aspects.most_common(8)],
               "praise": praise, "sources": sources, "base": base,
               "diagnose_days": DIAGNOSE_DAYS}
    subject = f"{business.name}: {counts['new']} new, {counts['negative']} negative " \
              f"({day.isoformat()})"
    if counts["new"] == 0:
        subject = f"{business.name}: nothing new ({day.isoformat()})"
    return Digest(subject=subject,
                  html=_env.get_template("digest.html").render(**context),
                  text=_env.get_template("digest.txt").render(**context), counts=counts)


def enqueue_due_digests(db: Database, settings: Settings, now_utc: datetime) -> int:
    """Queue each business's digest once its local send time has passed; once a day each."""
    if not settings.digest.to or not settings.smtp.host:
        return 0
    queued = 0
    for business in settings.businesses:
        local = now_utc.astimezone(business.tz)
        if local.time() < settings.digest.send_at:
            continue
        day = local.date() - timedelta(days=1)  # the digest at 08:00 covers yesterday
        key = f"digest:{business.id}:{day.isoformat()}"
        if store.enqueue(db, "digest", key, {"business_id": business.id,
                                             "date": day.isoformat()}, business.id,
                         now=now_utc):  # due on the caller's clock
            queued += 1
    return queued

