"""The approval queue as pages: filters and keyset pagination, all in SQL over every row.

Order: most urgent first (`drafts.queue_rank`, a copy of the triage priority kept by
db.py), then newest. A page is read from the `drafts_queue` index (status, queue_rank, id),
or filtered by label from `drafts_queue_label` (status, item_label, queue_rank, id: the
label copied onto the draft, see db_pages.py), and the next page starts after the last
row shown (a keyset cursor "rank.id"), so page 200 costs what page 1 does and a draft
decided meanwhile never shifts the pages.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlite_utils import Database

from reviewwatch import db as store
from reviewwatch.errors import InputError

PAGE_SIZE = 25
COUNT_CAP = 10_000  # "10,000+": counting further would read every open draft per page
STATUSES = ("pending", "approved", "posted", "rejected", "failed")
LABELS = ("negative", "mixed", "neutral", "positive")
PRIORITIES = ("urgent", "high", "normal", "low")
RANK = {"urgent": 0, "high": 1, "normal": 2, "low": 3}
# How long the review has waited: (label, newer than, older than) in seconds.
AGES = {
    "1h": ("under an hour", None, 3600),
    "24h": ("under a day", None, 86400),
    "over24h": ("over a day", 86400, None),
    "over7d": ("over a week", 7 * 86400, None),
}
_ASPECT = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_CURSOR = re.compile(r"^([0-3])\.(\d{1,18})$")
WHEN = "coalesce(i.published_at, i.first_seen_at)"


@dataclass
class Filters:
    """What the queue shows; unknown values are dropped by `clean`."""

    status: str = "pending"
    business: str | None = None
    source: str | None = None
    label: str | None = None
    aspect: str | None = None
    priority: str | None = None
    age: str | None = None

    def clean(self, businesses: set[str], sources: set[str]) -> Filters:
        """The same filters with every value that is not a known one dropped."""
        return Filters(
            status=self.status if self.status in STATUSES else "pending",
            business=self.business if self.business in businesses else None,
            source=self.source if self.source in sources else None,
            label=self.label if self.label in LABELS else None,
            aspect=self.aspect if self.aspect and _ASPECT.match(self.aspect) else None,
            priority=self.priority if self.priority in PRIORITIES else None,
            age=self.age if self.age in AGES else None)

    def args(self) -> dict[str, str]:
        """The filters as query-string arguments (only those set)."""
        return {k: v for k, v in asdict(self).items() if v and not (k == "status" and
                                                                    v == "pending")}


@dataclass
class Page:
    rows: list[dict[str, Any]]
    total: int
    next_cursor: str | None
    filters: Filters = field(default_factory=Filters)


def parse_cursor(text: str | None) -> tuple[int, int] | None:
    """'2.1234' -> (2, 1234); raises InputError on anything else."""
    if not text:
        return None
    m = _CURSOR.match(text)
    if not m:
        raise InputError(f"{text[:40]!r} is not a queue position")
    return int(m[1]), int(m[2])


def _where(f: Filters, now: datetime) -> tuple[list[str], list[Any]]:
    where, args = ["d.status = ?"], [f.status]
    if f.priority:  # the indexed copy of the priority, so this narrows the index range
        where.append("d.queue_rank = ?")
        args.append(RANK[f.priority])
    if f.label:  # the draft's copy of its item's label (db_pages.py), in drafts_queue_label
        where.append("d.item_label = ?")
        args.append(f.label)
    for clause, value in (("i.business_id = ?", f.business), ("i.source = ?", f.source)):
        if value:
            where.append(clause)
            args.append(value)
    if f.aspect:
        where.append("EXISTS (SELECT 1 FROM json_each(t.aspects) a WHERE a.value = ?)")
        args.append(f.aspect)
    if f.age:
        _, newer_than, older_than = AGES[f.age]
        if older_than:  # waited less than this: published after now - older_than
            where.append(f"{WHEN} >= ?")
            args.append(store.utcnow_of(now - timedelta(seconds=older_than)))
        if newer_than:
            where.append(f"{WHEN} < ?")
            args.append(store.utcnow_of(now - timedelta(seconds=newer_than)))
    return where, args


def page(db: Database, filters: Filters, after: str | None = None,
         now: datetime | None = None, size: int = PAGE_SIZE) -> Page:
    """One page of drafts matching the filters, after the cursor, with the total matching."""
    now = now or datetime.now(UTC)
    where, args = _where(filters, now)
    # The count joins only the tables its filters need: unfiltered, it is the index alone.
    joins = ""
    if any(w.startswith(("i.", "coalesce(i.")) for w in where) or filters.aspect:
        joins += " JOIN items i ON i.id = d.item_id"
    if filters.aspect:
        joins += " JOIN triage t ON t.item_id = d.item_id"
    total = db.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM drafts d{joins} WHERE {' AND '.join(where)} "
        "LIMIT ?)", [*args, COUNT_CAP + 1]).fetchone()[0]
    position = parse_cursor(after)
    if position:
        rank, last_id = position
        where.append("(d.queue_rank > ? OR (d.queue_rank = ? AND d.id < ?))")
        args.extend([rank, rank, last_id])
    sql = store.DRAFT_QUEUE_SQL + " WHERE " + " AND ".join(where) + \
        " ORDER BY d.queue_rank, d.id DESC LIMIT ?"
    rows = [store._queue_row(r) for r in db.query(sql, [*args, size + 1])]
    more = len(rows) > size
    rows = rows[:size]
    cursor = f"{rows[-1]['queue_rank']}.{rows[-1]['id']}" if more and rows else None
    return Page(rows=rows, total=total, next_cursor=cursor, filters=filters)
