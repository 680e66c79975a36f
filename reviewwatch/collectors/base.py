"""What every collector shares: its state between polls, and its declared facts.

A collector is a module with
    KIND, ITEM_KIND, HOST, REQUIRED, OPTIONAL, DEFAULT_BACKFILL
    async def fetch(client, source, state) -> AsyncIterator[dict]   # raw platform dicts
    def normalize(raw, source) -> Item
and one entry in the registry in `collectors/__init__.py`.

`fetch` reads `state` (cursor, ETag, which ids are already stored) and writes the next
cursor into it. The pipeline persists the new state only in the same transaction that
saves the items, so a poll that fails half way changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class State:
    """A source's incremental-fetch state, loaded from and saved to the database."""

    cursor: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    first_run: bool = True
    not_modified: bool = False  # set by fetch when the server answered 304
    seen: Callable[[str], bool] = field(default=lambda external_id: False, repr=False)
    pages: int = 0  # pages fetched this poll, for the health page and benchmarks
