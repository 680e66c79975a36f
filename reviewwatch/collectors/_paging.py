"""Paging shared by the collectors: how far a poll may read, and when to stop."""

from __future__ import annotations

import hashlib

from reviewwatch.config import Source
from reviewwatch.models import State


def page_limit(source: Source, state: State, default_backfill: int, cap: int | None = None) -> int:
    """Pages this poll may read: the backfill depth on the first run, else max_pages."""
    pages = (source.backfill_pages or default_backfill) if state.first_run else source.max_pages
    pages = max(1, pages)
    return min(pages, cap) if cap else pages


def stable_id(*parts: object) -> str:
    """A short id from the parts that identify a record with no id of its own."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:24]
