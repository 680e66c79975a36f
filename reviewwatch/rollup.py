"""The dashboard's daily roll-up: per day and source, the figures the dashboard sums.

Each item counts in two rows: over all businesses (scope '', its UTC day) and in its
business (scope = business id, its local day at the offset in `rollup_zones`). Per row:
items, negative items, rated items and their star sum (out of 5), items needing a reply,
those answered and those answered within the hour, and the latest item's time. Beside it,
per scope and day: complaint aspects (`rollup_aspects`) and a histogram of reply times
(`rollup_reply_minutes`).

Kept by triggers, in the transaction of the write that changes a figure, whoever writes:
the pipeline's batches, `save_items` edits, label corrections, a draft posted or
unposted, a deletion. Each trigger takes the item's contribution away before the change
and adds it back after, both read through one view (`rollup_item`), so the roll-up is
the direct aggregate by construction; tests/test_rollup.py checks that on real data.

Median time to reply cannot be summed, so each scope and day keeps a histogram: one-minute
buckets under an hour, then buckets 2% wide (60 to 61.2 minutes, 61.2 to 62.4, ...; their
floors are the table `rollup_buckets`), each with its count and the sum of its minutes.
The median is found in the histogram and given as the mean of its bucket: exact when the
middle replies share a bucket with no other value, otherwise off by at most the bucket's
width (1 minute, or 2%).

Local days are at a business's offset now, as the dashboard draws them: when a business's
offset changes (a DST change, a new time zone) `ensure_zone` rebuilds that business's rows
once, on the next dashboard view (about 5,000 items a business at a million items).
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlite_utils import Database

from reviewwatch import db as store

ALL = ""  # the scope of the figures over all businesses (UTC days)
WITHIN_MINUTES = 60  # dashboard.CUSTOMER_EXPECTS_MINUTES, the "within the hour" line
BUCKET_GROWTH = 1.02
AT = "coalesce(i.published_at, i.first_seen_at)"

VIEW = f"""
CREATE VIEW rollup_item AS
SELECT id, business_id, source, at, day_utc, day_local, rated, stars, negative, complaint,
       aspects, needing, needing AND (posted IS NOT NULL OR platform_reply) AS replied,
       -- whole milliseconds, so a reply exactly an hour later is 60.0 minutes, not 60.0000001
       CASE WHEN posted IS NOT NULL THEN
           max(0.0, round((julianday(posted) - julianday(at)) * 86400000) / 60000.0) END
           AS minutes
FROM (SELECT i.id, i.business_id, i.source, {AT} AS at, date({AT}) AS day_utc,
             -- (+d.status below: read the item's drafts, never every posted draft)
             date({AT}, coalesce((SELECT z.day_offset FROM rollup_zones z
                                  WHERE z.business_id = i.business_id), '+0 minutes'))
                 AS day_local,
             i.rating IS NOT NULL AS rated,
             coalesce(i.rating * 5.0 / coalesce(nullif(i.rating_max, 0), 5), 0) AS stars,
             coalesce(t.label = 'negative', 0) AS negative,
             coalesce(t.label IN ('negative', 'mixed'), 0) AS complaint,
             CASE WHEN json_valid(t.aspects) THEN t.aspects ELSE '[]' END AS aspects,
             coalesce(t.needs_reply = 1, 0) AS needing,
             -- answered: a reply reviewwatch posted, or the owner's reply the platform
             -- shows (made anywhere); the time is the first of the two
             i.reply_text IS NOT NULL OR i.reply_at IS NOT NULL AS platform_reply,
             CASE WHEN t.needs_reply = 1 THEN (
                 SELECT min(coalesce(min(d.posted_at), i.reply_at),
                            coalesce(i.reply_at, min(d.posted_at))) FROM drafts d
                 WHERE d.item_id = i.id AND +d.status = 'posted') END AS posted
      FROM items i LEFT JOIN triage t ON t.item_id = i.id)
"""
# The histogram bucket of r.minutes (see the module docstring), from a table of bucket
# floors rather than ln(): SQLite builds without the math functions would fail every write.
BUCKET = ("(SELECT b.bucket FROM rollup_buckets b WHERE b.floor <= r.minutes "
          "ORDER BY b.floor DESC LIMIT 1)")
BUCKET_YEARS = 10  # the last bucket holds every longer wait


def bucket_floors() -> list[tuple[float, int]]:
    """(lowest minutes, bucket) of every histogram bucket."""
    out = [(float(m), m) for m in range(WITHIN_MINUTES)]
    floor, bucket = float(WITHIN_MINUTES), WITHIN_MINUTES
    while floor < BUCKET_YEARS * 365 * 1440:
        out.append((floor, bucket))
        floor, bucket = floor * BUCKET_GROWTH, bucket + 1
    return out
SCOPES = ((f"'{ALL}'", "r.day_utc"), ("r.business_id", "r.day_local"))
_SUMS = ("volume", "negative", "rated", "stars", "needing", "replied", "within_hour")


def _change(ids: str, sign: str, triage_only: bool = False) -> str:
    """Statements that add (sign '+') or take away ('-') the items `ids` in every table.

    `triage_only` adds what an item's first triage brings to an item already counted
    (negative, needing a reply, answered, aspects): an untriaged item counted no label, no
    need and no aspect, so nothing is taken away first, and its volume, rating and time
    stay as they are (one upsert per table and scope, a third of a remove-and-add)."""
    item = ("0", "0", "0") if triage_only else (f"{sign}1", f"{sign}r.rated", f"{sign}r.stars")
    out = []
    for scope, day in SCOPES:
        out.append(f"""
        INSERT INTO rollup_days (scope, day, source, {', '.join(_SUMS)}, latest)
        SELECT {scope}, {day}, r.source, {item[0]}, {sign}r.negative, {item[1]},
               {item[2]}, {sign}r.needing, {sign}(r.needing AND r.replied),
               {sign}coalesce(r.needing AND r.replied AND r.minutes <= {WITHIN_MINUTES}, 0),
               r.at
        FROM rollup_item r WHERE r.id IN ({ids})
        ON CONFLICT (scope, day, source) DO UPDATE SET
            {', '.join(f'{c} = {c} + excluded.{c}' for c in _SUMS)}
            {', latest = max(latest, excluded.latest)' if sign == '+' else ''};
        INSERT INTO rollup_reply_minutes (scope, day, bucket, n, minutes)
        SELECT {scope}, {day}, {BUCKET}, {sign}1, {sign}r.minutes
        FROM rollup_item r WHERE r.id IN ({ids}) AND r.needing AND r.replied
              AND r.minutes IS NOT NULL
        ON CONFLICT (scope, day, bucket) DO UPDATE SET n = n + excluded.n,
            minutes = minutes + excluded.minutes;
        INSERT INTO rollup_aspects (scope, day, aspect, n)
        SELECT {scope}, {day}, a.value, {sign}count(*)
        FROM rollup_item r, json_each(r.aspects) a WHERE r.id IN ({ids}) AND r.complaint
        GROUP BY 1, 2, 3
        ON CONFLICT (scope, day, aspect) DO UPDATE SET n = n + excluded.n;""")
        if sign == "-":  # a row nothing counts in any more goes (and a later add starts anew)
            keys = f"SELECT {scope}, {day} FROM rollup_item r WHERE r.id IN ({ids})"
            out.append(f"""
        DELETE FROM rollup_days WHERE volume = 0 AND (scope, day, source) IN
            (SELECT {scope}, {day}, r.source FROM rollup_item r WHERE r.id IN ({ids}));
        DELETE FROM rollup_reply_minutes WHERE n = 0 AND (scope, day) IN ({keys});
        DELETE FROM rollup_aspects WHERE n = 0 AND (scope, day) IN ({keys});""")
    return "".join(out)


def _latest_fix(old: str) -> str:
    """After an item left its rows (moved or deleted): the rows' latest without it."""
    at = f"coalesce({old}.published_at, {old}.first_seen_at)"
    other = (f"SELECT max(x.at) FROM rollup_item x WHERE x.business_id = {old}.business_id "
             f"AND x.source = {old}.source AND x.id != {old}.id")
    return f"""
        UPDATE rollup_days SET latest = ({other} AND x.at >= date(rollup_days.day)
                                         AND x.at < date(rollup_days.day, '+1 day'))
        WHERE scope = '{ALL}' AND day = date({at}) AND source = {old}.source AND latest = {at};
        UPDATE rollup_days SET latest = ({other} AND x.at >= date(rollup_days.day, '-1 day')
                                         AND x.at < date(rollup_days.day, '+2 days')
                                         AND x.day_local = rollup_days.day)
        WHERE scope = {old}.business_id AND source = {old}.source AND latest = {at}
          AND day = (SELECT r.day_local FROM rollup_item r WHERE r.id = {old}.id);"""


def _changed(columns: tuple[str, ...]) -> str:
    return " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in columns)


ITEM_COLUMNS = ("business_id", "source", "rating", "rating_max", "published_at",
                "first_seen_at", "reply_text", "reply_at")
TRIAGE_COLUMNS = ("item_id", "label", "needs_reply", "aspects")
DRAFT_COLUMNS = ("item_id", "status", "posted_at")
_DRAFT_COUNTS = "(OLD.status = 'posted' OR NEW.status = 'posted')"
_BOTH = "OLD.item_id, NEW.item_id"


def _around(table: str, event: str, on: str, when: str, ids: tuple[str, str],
            fix: str = "") -> str:
    """A BEFORE trigger that takes the rows' items away and an AFTER one that adds them
    back: the pair that keeps the roll-up the direct aggregate through any write."""
    cond = f" WHEN {when}" if when else ""
    return f"""
    CREATE TRIGGER rollup_{table}_before_{event} BEFORE {on} ON {table}{cond} BEGIN
        {_change(ids[0], '-')}{fix}
    END;
    CREATE TRIGGER rollup_{table}_after_{event} AFTER {on} ON {table}{cond} BEGIN
        {_change(ids[1], '+')}
    END;"""


def triggers() -> str:
    """The triggers that keep the roll-up in step with items, triage and drafts."""
    items = ", ".join(ITEM_COLUMNS)
    tri = ", ".join(TRIAGE_COLUMNS)
    dr = ", ".join(DRAFT_COLUMNS)
    drafts_changed = f"{_DRAFT_COUNTS} AND ({_changed(DRAFT_COLUMNS)})"
    return f"""
    CREATE TRIGGER rollup_items_insert AFTER INSERT ON items BEGIN
        {_change('NEW.id', '+')}
    END;
    {_around('items', 'update', f'UPDATE OF {items}', _changed(ITEM_COLUMNS),
             ('OLD.id', 'NEW.id'), _latest_fix('OLD'))}
    CREATE TRIGGER rollup_items_delete BEFORE DELETE ON items BEGIN
        {_change('OLD.id', '-')}{_latest_fix('OLD')}
    END;
    -- An upsert whose row exists fires BEFORE INSERT and then the UPDATE triggers; only a
    -- real insert (an item's first triage) fires AFTER INSERT.
    {TRIAGE_INSERT_TRIGGERS}
    {_around('triage', 'update', f'UPDATE OF {tri}', _changed(TRIAGE_COLUMNS), (_BOTH, _BOTH))}
    {_around('triage', 'delete', 'DELETE', '', ('OLD.item_id', 'OLD.item_id'))}
    {_around('drafts', 'insert', 'INSERT', "NEW.status = 'posted'",
             ('NEW.item_id', 'NEW.item_id'))}
    {_around('drafts', 'update', f'UPDATE OF {dr}', drafts_changed, (_BOTH, _BOTH))}
    {_around('drafts', 'delete', 'DELETE', "OLD.status = 'posted'",
             ('OLD.item_id', 'OLD.item_id'))}
    """


TRIAGE_INSERT_TRIGGERS = f"""
    CREATE TRIGGER rollup_triage_after_insert AFTER INSERT ON triage BEGIN
        {_change('NEW.item_id', '+', triage_only=True)}
    END;"""


TRIGGER_NAMES = tuple(
    f"rollup_{table}_{event}" for table, events in (
        ("items", ("insert", "before_update", "after_update", "delete")),
        ("triage", ("after_insert", "before_update", "after_update", "before_delete",
                    "after_delete")),
        ("drafts", ("before_insert", "after_insert", "before_update", "after_update",
                    "before_delete", "after_delete")))
    for event in events)


def rebuild_scope(db: Database, scope: str) -> None:
    """Recount one scope's rows from the items (a business, or ALL): the back-fill."""
    day, where, args = ("day_utc", "", []) if scope == ALL else \
        ("day_local", "AND r.business_id = ?", [scope])
    for table in ("rollup_days", "rollup_reply_minutes", "rollup_aspects"):
        db.execute(f"DELETE FROM {table} WHERE scope = ?", [scope])
    db.execute(f"""
        INSERT INTO rollup_days (scope, day, source, {', '.join(_SUMS)}, latest)
        SELECT ?, r.{day}, r.source, count(*), sum(r.negative), sum(r.rated), total(r.stars),
               sum(r.needing), sum(r.needing AND r.replied),
               coalesce(sum(r.needing AND r.replied AND r.minutes <= {WITHIN_MINUTES}), 0),
               max(r.at)
        FROM rollup_item r WHERE 1 {where} GROUP BY 2, 3""", [scope, *args])
    db.execute(f"""
        INSERT INTO rollup_reply_minutes (scope, day, bucket, n, minutes)
        SELECT ?, r.{day}, {BUCKET}, count(*), total(r.minutes)
        FROM rollup_item r WHERE r.needing AND r.replied AND r.minutes IS NOT NULL {where}
        GROUP BY 2, 3""",
               [scope, *args])
    db.execute(f"""
        INSERT INTO rollup_aspects (scope, day, aspect, n)
        SELECT ?, r.{day}, a.value, count(*)
        FROM rollup_item r, json_each(r.aspects) a WHERE r.complaint {where}
        GROUP BY 2, 3""", [scope, *args])


def offset_now(timezone: str, now: datetime | None = None) -> str:
    """A zone's UTC offset now as an SQLite date modifier ('-300 minutes'); UTC if unknown."""
    try:
        tz = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        tz = ZoneInfo("UTC")
    delta = (now or datetime.now(UTC)).astimezone(tz).utcoffset()
    return f"{int(delta.total_seconds() // 60) if delta else 0:+d} minutes"


def ensure_zone(db: Database, business: str, offset: str) -> bool:
    """Make `business`'s local days those at `offset`; rebuild its rows if they were not.

    Returns whether it rebuilt them."""
    def current() -> str | None:
        row = db.execute("SELECT day_offset FROM rollup_zones WHERE business_id = ?",
                         [business]).fetchone()
        return row[0] if row else None

    if current() == offset:
        return False
    with store.write_transaction(db):
        if current() == offset:  # another request rebuilt it meanwhile
            return False
        db.execute("INSERT INTO rollup_zones (business_id, day_offset) VALUES (?, ?) "
                   "ON CONFLICT(business_id) DO UPDATE SET day_offset = excluded.day_offset",
                   [business, offset])
        rebuild_scope(db, business)
    return True


def backfill(db: Database, now: datetime | None = None) -> None:
    """Count every stored item into the roll-up, each business at its offset now."""
    for business, timezone in db.execute(
            "SELECT id, timezone FROM businesses UNION SELECT DISTINCT business_id, 'UTC' "
            "FROM items WHERE business_id NOT IN (SELECT id FROM businesses)").fetchall():
        db.execute("INSERT INTO rollup_zones (business_id, day_offset) VALUES (?, ?) "
                   "ON CONFLICT(business_id) DO UPDATE SET day_offset = excluded.day_offset",
                   [business, offset_now(timezone, now)])
    for (scope,) in [(ALL,), *db.execute("SELECT business_id FROM rollup_zones").fetchall()]:
        rebuild_scope(db, scope)
