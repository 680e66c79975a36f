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

from reviewwatch.models import State

__all__ = ["State"]
