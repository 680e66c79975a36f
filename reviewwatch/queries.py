"""Reads for the pages, the API and the digest that stay fast at a million items.

Every list is a keyset page: it is read from an index in its sort order and stops at
`limit` rows, and the next page starts after the last row's sort key (an opaque cursor)
instead of at an offset, so page 400 costs what page 1 costs. Every filter and count is
done in SQL over all rows, never on a truncated list.

- `items_page`: items newest first (`items_when` / `items_business_when`), with triage and
  latest draft (`drafts_item`).
- `drafts_page`: the approval queue, most urgent first then newest (`drafts_queue`: one
  short index scan per priority rank, so no sort ever runs over the open drafts).
- `search_items`: full-text search (`items_fts`), most recently collected first.
- `count_items`, `count_drafts`: exact counts for the same filters.

Web code calls these with keyword arguments and passes `Page.next_cursor` back as
`cursor` to get the following page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from reviewwatch import db as store
from reviewwatch.errors import InputError

PAGE_SIZE = 50
MAX_PAGE = 500
RANKS = (0, 1, 2, 3)  # drafts.queue_rank: urgent, high, normal, low
MAX_QUERY_CHARS = 200
MAX_QUERY_TERMS = 12
WHEN = store.ITEM_WHEN
SEARCH_SQL = store.ITEMS_SQL.replace(
    "FROM items i", "FROM items_fts f JOIN items i ON i.id = f.rowid", 1)
_TERM = re.compile(r"\w[\w'’-]*", re.UNICODE)


@dataclass
class Page:
    """One page of rows, and the cursor of the next page (None on the last page)."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    next_cursor: str | None = None


def _limit(limit: int | None) -> int:
    return max(1, min(int(limit or PAGE_SIZE), MAX_PAGE))


def _item_row(row: dict[str, Any]) -> dict[str, Any]:
    row["raw"] = store._loads(row.get("raw"), {})
    row["triage"] = store.triage_of({**row, "language": row.get("t_language")})
    return row


def _item_filters(business: str | None, label: str | None, status: str | None,
                  kind: str | None, since: str | None) -> tuple[list[str], list[Any]]:
    where, args = [], []
    for clause, value in (("i.business_id = ?", business), ("t.label = ?", label),
                          ("d.status = ?", status), ("i.kind = ?", kind),
                          (f"{WHEN} >= ?", since)):
        if value:
            where.append(clause)
            args.append(value)
    return where, args


def _split(cursor: str | None, parts: int) -> list[str] | None:
    if not cursor:
        return None
    pieces = str(cursor).rsplit("~", parts - 1)
    if len(pieces) != parts or not pieces[-1].isdigit():
        raise InputError("that page link is not valid; start again from the first page")
    return pieces


def items_page(db: Database, *, business: str | None = None, label: str | None = None,
               status: str | None = None, kind: str | None = None, since: str | None = None,
               cursor: str | None = None, limit: int | None = PAGE_SIZE) -> Page:
    """Items with their triage and latest draft, newest first (published, else first seen)."""
    limit = _limit(limit)
    where, args = _item_filters(business, label, status, kind, since)
    after = _split(cursor, 2)
    if after:
        # The first term bounds the index range; the second breaks ties on the id.
        where.append(f"{WHEN} <= ? AND ({WHEN} < ? OR i.id < ?)")
        args += [after[0], after[0], int(after[1])]
    sql = store.ITEMS_SQL + (" WHERE " + " AND ".join(where) if where else "") + \
        f" ORDER BY {WHEN} DESC, i.id DESC LIMIT ?"
    rows = [_item_row(r) for r in db.query(sql, [*args, limit + 1])]
    more = len(rows) > limit
    rows = rows[:limit]
    last = rows[-1] if rows else None
    return Page(rows, f"{last['published_at'] or last['first_seen_at']}~{last['id']}"
                if more and last else None)


def count_items(db: Database, *, business: str | None = None, label: str | None = None,
                status: str | None = None, kind: str | None = None,
                since: str | None = None) -> int:
    """How many items match the same filters as `items_page`."""
    where, args = _item_filters(business, label, status, kind, since)
    joins = ""
    if label:
        joins += " JOIN triage t ON t.item_id = i.id"
    if status:
        joins += " JOIN drafts d ON d.id = (SELECT max(id) FROM drafts WHERE item_id = i.id)"
    sql = f"SELECT count(*) FROM items i{joins}" + \
        (" WHERE " + " AND ".join(where) if where else "")
    return int(db.execute(sql, args).fetchone()[0])


def _draft_filters(status: str | None, business: str | None,
                   label: str | None) -> tuple[list[str], list[Any]]:
    where, args = [], []
    for clause, value in (("d.status = ?", status), ("i.business_id = ?", business),
                          ("t.label = ?", label)):
        if value:
            where.append(clause)
            args.append(value)
    return where, args


def drafts_page(db: Database, status: str | None = "pending", *, business: str | None = None,
                label: str | None = None, cursor: str | None = None,
                limit: int | None = PAGE_SIZE) -> Page:
    """The approval queue: most urgent first, then newest; label and business in SQL."""
    limit = _limit(limit)
    where, args = _draft_filters(status, business, label)
    after = _split(cursor, 2)
    start_rank, before_id = (int(after[0]), int(after[1])) if after else (RANKS[0], None)
    if business and _capped_count(db, "SELECT 1 FROM items WHERE business_id = ?",
                                  [business], BUSINESS_SPARSE) <= BUSINESS_SPARSE:
        # A business's open drafts are a small share of its items: one pass over its items
        # (an index range) and a sort of what matches is cheaper than the queue's ranks.
        if after:
            where.append("(d.queue_rank > ? OR (d.queue_rank = ? AND d.id < ?))")
            args += [start_rank, start_rank, before_id]
        sql = BY_BUSINESS_SQL + " WHERE " + " AND ".join(where) + \
            " ORDER BY d.queue_rank, d.id DESC LIMIT ?"
        rows = [store._queue_row(r) for r in db.query(sql, [*args, limit + 1])]
        return _draft_page(rows, limit)
    rows: list[dict[str, Any]] = []
    # One index range per rank, read newest first: the index is (status, queue_rank, id),
    # so each range comes out in order and no sort runs over the open drafts.
    for rank in RANKS:
        if rank < start_rank or len(rows) > limit:
            continue
        head = _rank_source(db, rank, label)
        if head is None:
            continue
        clauses, params = [*where, "d.queue_rank = ?"], [*args, rank]
        if before_id is not None and rank == start_rank:
            clauses.append("d.id < ?")
            params.append(before_id)
        sql = head + " WHERE " + " AND ".join(clauses) + " ORDER BY d.id DESC LIMIT ?"
        rows += [store._queue_row(r) for r in db.query(sql, [*params, limit + 1 - len(rows)])]
    return _draft_page(rows, limit)


def _draft_page(rows: list[dict[str, Any]], limit: int) -> Page:
    more = len(rows) > limit
    rows = rows[:limit]
    return Page(rows, f"{rows[-1]['queue_rank']}~{rows[-1]['id']}" if more else None)


SPARSE = 5_000  # below this many candidate rows, start from them and sort them instead
BUSINESS_SPARSE = 50_000
_PRIORITIES = {0: ("urgent",), 1: ("high",), 2: ("normal",)}
_QUEUE_COLUMNS = store.DRAFT_QUEUE_SQL.split("FROM", 1)[0]
BY_LABEL_SQL = _QUEUE_COLUMNS + ("FROM triage t CROSS JOIN drafts d ON d.item_id = t.item_id "
                                 "JOIN items i ON i.id = d.item_id")
BY_BUSINESS_SQL = _QUEUE_COLUMNS + ("FROM items i CROSS JOIN drafts d ON d.item_id = i.id "
                                    "LEFT JOIN triage t ON t.item_id = i.id")


def _capped_count(db: Database, sql: str, args: list[Any], cap: int = SPARSE) -> int:
    return int(db.execute(f"SELECT count(*) FROM ({sql} LIMIT {cap + 1})", args).fetchone()[0])


def _rank_source(db: Database, rank: int, label: str | None) -> str | None:
    """Where to read one rank of the queue from, or None when it can hold no match.

    The queue index is best when matches are dense. A label that few items at this priority
    have would make it read the whole rank to find them, so then the few candidates are
    read from the triage index and sorted instead.
    """
    if label and rank in _PRIORITIES:
        marks = ",".join("?" * len(_PRIORITIES[rank]))
        candidates = _capped_count(db, "SELECT 1 FROM triage WHERE label = ? AND priority "
                                       f"IN ({marks})", [label, *_PRIORITIES[rank]])
        if candidates == 0:
            return None
        if candidates <= SPARSE:
            return BY_LABEL_SQL
    return store.DRAFT_QUEUE_SQL


def count_drafts(db: Database, status: str | None = "pending", *,
                 business: str | None = None, label: str | None = None) -> int:
    """How many drafts match: the real count, not the length of a page."""
    where, args = _draft_filters(status, business, label)
    joins = " JOIN triage t ON t.item_id = d.item_id" if label else ""
    if business:
        # Start from the business's items (an index range), not from every open draft.
        sql = "SELECT count(*) FROM items i CROSS JOIN drafts d ON d.item_id = i.id" + joins
    else:
        sql = "SELECT count(*) FROM drafts d" + joins
    sql += " WHERE " + " AND ".join(where) if where else ""
    return int(db.execute(sql, args).fetchone()[0])


def fts_query(text: str) -> str | None:
    """A user's words as an FTS5 query that matches them all (the last one as a prefix).

    Each word is quoted, so FTS5 operators and column filters typed by a user are words
    like any other, never syntax.
    """
    terms = _TERM.findall((text or "")[:MAX_QUERY_CHARS])[:MAX_QUERY_TERMS]
    if not terms:
        return None
    quoted = ['"' + t.replace('"', '""') + '"' for t in terms]
    quoted[-1] += "*"
    return " ".join(quoted)


def search_items(db: Database, text: str, *, business: str | None = None,
                 label: str | None = None, kind: str | None = None, cursor: str | None = None,
                 limit: int | None = PAGE_SIZE) -> Page:
    """Items whose title, text or author hold every word, most recently collected first."""
    limit = _limit(limit)
    match = fts_query(text)
    if match is None:
        return Page()
    where, args = _item_filters(business, label, None, kind, None)
    where.insert(0, "items_fts MATCH ?")
    args.insert(0, match)
    after = _split(cursor, 1)
    if after:
        where.append("f.rowid < ?")
        args.append(int(after[0]))
    # Driven from the full-text index in rowid order, which FTS5 reads newest first and
    # stops at the limit, however many items match.
    sql = SEARCH_SQL + " WHERE " + " AND ".join(where) + " ORDER BY f.rowid DESC LIMIT ?"
    rows = [_item_row(r) for r in db.query(sql, [*args, limit + 1])]
    more = len(rows) > limit
    rows = rows[:limit]
    return Page(rows, str(rows[-1]["id"]) if more else None)


def manual_posts(db: Database, limit: int = PAGE_SIZE) -> list[dict[str, Any]]:
    """Approved 'post it yourself' drafts still to be posted by hand, newest first.

    The literals match the partial index `drafts_to_post`, named so the planner cannot
    prefer walking every draft in id order: this reads only those drafts.
    """
    sql = store.DRAFT_QUEUE_SQL.replace("FROM drafts d", "FROM drafts d INDEXED BY drafts_to_post",
                                        1) + \
        " WHERE d.status = 'approved' AND d.publish_mode = 'manual' ORDER BY d.id DESC LIMIT ?"
    return [store._queue_row(r) for r in db.query(sql, [_limit(limit)])]
