"""The dashboard's figures, per business or over all of them, as SQL aggregates.

Every figure is one indexed query over the window's rows (`items_when`,
`items_business_when`: an index on when an item was published, or first seen when the
platform gives no date); no Python loop walks the items, so a page stays fast on a
million of them. Python only fills in the empty buckets of the chart. A unary `+` on a
column (`+t.label`) keeps SQLite from choosing that column's index, which would read every
negative item ever stored instead of the window's.

When: an item's time is `published_at`, else `first_seen_at`. Days are the business's
local days, at its UTC offset now (a DST change shifts the buckets of the far side of it by
an hour); over all businesses, days are UTC.

Response: an item that needs a reply counts as answered once a draft for it was posted;
the time to reply runs from the review's time to the first posting. The benchmarks are the
seeds': customers expect an answer within 60 minutes, businesses take 42 hours on average.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlite_utils import Database

from reviewwatch.config import Settings

CUSTOMER_EXPECTS_MINUTES = 60
BUSINESS_AVERAGE_MINUTES = 42 * 60
WINDOWS = (7, 30, 90, 365)
DEFAULT_DAYS = 30
TOP_ASPECTS = 8
COMPLAINT_LABELS = ("negative", "mixed")
WHEN = "coalesce(i.published_at, i.first_seen_at)"


@dataclass
class Window:
    """The dashboard's period: [start, end) in UTC text, its buckets, and the period before."""

    days: int
    start: str
    end: str
    previous_start: str
    offset: str  # an SQLite date modifier that turns UTC into local time, e.g. "-300 minutes"
    bucket: str  # day, week or month
    first_day: date
    last_day: date

    def bucket_sql(self) -> str:
        """The SQL expression naming the bucket of an item (its local day, week or month)."""
        local = f"{WHEN}, '{self.offset}'"
        if self.bucket == "day":
            return f"date({local})"
        if self.bucket == "week":  # the Monday that starts the week
            return f"date({local}, '-6 days', 'weekday 1')"
        return f"strftime('%Y-%m-01', {local})"

    def buckets(self) -> list[str]:
        """Every bucket of the window in order, so a quiet day shows as an empty bar."""
        out: list[str] = []
        day = self.first_day
        while day <= self.last_day:
            if self.bucket == "day":
                key = day
            elif self.bucket == "week":
                key = day - timedelta(days=day.weekday())
            else:
                key = day.replace(day=1)
            if not out or out[-1] != key.isoformat():
                out.append(key.isoformat())
            day += timedelta(days=1)
        return out


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def window(days: int, now: datetime, tz=UTC) -> Window:
    """The last `days` local days up to now (today included), in the zone `tz`."""
    days = days if days in WINDOWS else DEFAULT_DAYS
    local_now = now.astimezone(tz)
    today = local_now.date()
    first = today - timedelta(days=days - 1)
    start = datetime.combine(first, time(0), tzinfo=tz)
    end = datetime.combine(today + timedelta(days=1), time(0), tzinfo=tz)
    offset = int((local_now.utcoffset() or timedelta(0)).total_seconds() // 60)
    bucket = "day" if days <= 31 else "week" if days <= 120 else "month"
    return Window(days=days, start=_stamp(start), end=_stamp(end),
                  previous_start=_stamp(start - timedelta(days=days)),
                  offset=f"{offset:+d} minutes", bucket=bucket, first_day=first, last_day=today)


def _scope(business: str | None) -> tuple[str, list[Any]]:
    return ("i.business_id = ? AND ", [business]) if business else ("", [])


PREVIOUS = "previous"


def tally(db: Database, w: Window, business: str | None) -> list[dict[str, Any]]:
    """One pass over this period and the one before: per bucket and source, the items, the
    negative ones, the rated ones with their star sum (out of 5), and the latest item.
    The series, the totals and the source health are all sums of these rows."""
    scope, args = _scope(business)
    return list(db.query(f"""
        SELECT CASE WHEN {WHEN} < ? THEN '{PREVIOUS}' ELSE {w.bucket_sql()} END AS bucket,
               i.source, count(*) AS volume,
               count(CASE WHEN t.label = 'negative' THEN 1 END) AS negative,
               count(i.rating) AS rated,
               total(i.rating * 5.0 / coalesce(nullif(i.rating_max, 0), 5)) AS stars,
               max({WHEN}) AS latest
        FROM items i LEFT JOIN triage t ON t.item_id = i.id
        WHERE {scope}{WHEN} >= ? AND {WHEN} < ?
        GROUP BY bucket, i.source""", [w.start, *args, w.previous_start, w.end]))


def _sum(rows: list[dict[str, Any]]) -> dict[str, Any]:
    out = {"volume": 0, "negative": 0, "rated": 0, "stars": 0.0}
    for r in rows:
        for key in out:
            out[key] += r[key]
    out["rating"] = out["stars"] / out["rated"] if out["rated"] else None
    return out


def series(rows: list[dict[str, Any]], w: Window) -> list[dict[str, Any]]:
    """Per bucket: items, negative items, reviews with a rating, and their mean (out of 5)."""
    by_bucket: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_bucket.setdefault(r["bucket"], []).append(r)
    out = []
    for b in w.buckets():
        total = _sum(by_bucket.get(b, []))
        out.append({"bucket": b, "volume": total["volume"], "negative": total["negative"],
                    "rated": total["rated"], "rating": total["rating"]})
    return out


def totals(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """This period against the one before: items, negative share, mean rating."""
    now = _sum([r for r in rows if r["bucket"] != PREVIOUS])
    before = _sum([r for r in rows if r["bucket"] == PREVIOUS])
    out: dict[str, Any] = {}
    for prefix, part in (("", now), ("previous_", before)):
        out[f"{prefix}volume"] = part["volume"]
        out[f"{prefix}negative"] = part["negative"]
        out[f"{prefix}rating"] = part["rating"]
        out[f"{prefix}negative_share"] = part["negative"] / part["volume"] \
            if part["volume"] else None
    return out


def response(db: Database, w: Window, business: str | None) -> dict[str, Any]:
    """Items needing a reply, how many were answered, and the median and share in an hour."""
    scope, args = _scope(business)
    row = next(db.query(f"""
        WITH needing AS MATERIALIZED (
            SELECT {WHEN} AS at, (SELECT min(d.posted_at) FROM drafts d
                                  WHERE d.item_id = i.id AND +d.status = 'posted') AS posted
            FROM items i JOIN triage t ON t.item_id = i.id AND t.needs_reply = 1
            WHERE {scope}{WHEN} >= ? AND {WHEN} < ?),
        replied AS MATERIALIZED (
            SELECT max(0.0, (julianday(posted) - julianday(at)) * 1440) AS minutes
            FROM needing WHERE posted IS NOT NULL)
        SELECT (SELECT count(*) FROM needing) AS needing,
               (SELECT count(*) FROM replied) AS replied,
               (SELECT count(*) FROM replied WHERE minutes <= {CUSTOMER_EXPECTS_MINUTES})
                   AS within_hour,
               (SELECT avg(minutes) FROM (SELECT minutes FROM replied ORDER BY minutes
                    LIMIT 2 - (SELECT count(*) FROM replied) % 2
                    OFFSET (SELECT (count(*) - 1) / 2 FROM replied))) AS median_minutes
        """, [*args, w.start, w.end]))
    row["rate"] = row["replied"] / row["needing"] if row["needing"] else None
    row["customer_expects_minutes"] = CUSTOMER_EXPECTS_MINUTES
    row["business_average_minutes"] = BUSINESS_AVERAGE_MINUTES
    return row


def aspects(db: Database, w: Window, business: str | None) -> list[dict[str, Any]]:
    """The top complaint aspects of the period, with the period before and a per-bucket trend
    (one pass: per aspect and bucket, the period before as one bucket)."""
    scope, args = _scope(business)
    counts: dict[str, dict[str, int]] = {}
    for r in db.query(f"""
            SELECT a.value AS aspect,
                   CASE WHEN {WHEN} < ? THEN '{PREVIOUS}' ELSE {w.bucket_sql()} END AS bucket,
                   count(*) AS n
            FROM items i JOIN triage t ON t.item_id = i.id, json_each(t.aspects) a
            WHERE {scope}{WHEN} >= ? AND {WHEN} < ? AND +t.label IN ('negative', 'mixed')
            GROUP BY aspect, bucket""", [w.start, *args, w.previous_start, w.end]):
        counts.setdefault(r["aspect"], {})[r["bucket"]] = r["n"]
    buckets = w.buckets()
    top = []
    for aspect, by_bucket in counts.items():
        count = sum(n for b, n in by_bucket.items() if b != PREVIOUS)
        if count:
            previous = by_bucket.get(PREVIOUS, 0)
            top.append({"aspect": aspect, "count": count, "previous": previous,
                        "change": count - previous,
                        "trend": [by_bucket.get(b, 0) for b in buckets]})
    top.sort(key=lambda a: (-a["count"], a["aspect"]))
    return top[:TOP_ASPECTS]


def sources(db: Database, rows: list[dict[str, Any]], business: str | None
            ) -> list[dict[str, Any]]:
    """Each live source's health, with its items in the period and its latest item."""
    where, args = ("WHERE business_id = ? AND", [business]) if business else ("WHERE", [])
    current = [r for r in rows if r["bucket"] != PREVIOUS]
    out = list(db.query(f"""
        SELECT name, business_id, kind, state, last_success_at, last_error, last_error_at,
               consecutive_failures, unhealthy, silent
        FROM sources {where} state != 'archived'
        ORDER BY unhealthy DESC, consecutive_failures DESC, name""", args))
    for s in out:
        mine = [r for r in current if r["source"] == s["name"]]
        s["volume"] = sum(r["volume"] for r in mine)
        s["latest"] = max((r["latest"] for r in mine), default=None)
        s["health"] = "failing" if s["unhealthy"] or s["consecutive_failures"] else \
            "silent" if s["silent"] else "new" if s["last_success_at"] is None else "ok"
    return out


def build(db: Database, settings: Settings, business: str | None, days: int,
          now: datetime) -> dict[str, Any]:
    """Everything the dashboard shows, for one business (its time zone) or all (UTC)."""
    tz = settings.business(business).tz if business else UTC
    w = window(days, now, tz)
    rows = tally(db, w, business)
    return {"window": w, "series": series(rows, w), "totals": totals(rows),
            "response": response(db, w, business), "aspects": aspects(db, w, business),
            "sources": sources(db, rows, business)}
