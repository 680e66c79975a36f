"""Hacker News mentions from the Algolia HN search API, newest first.

`/api/v1/search_by_date?query=...&tags=(story,comment)&numericFilters=created_at_i>N`.
The cursor is the newest `created_at_i` stored, so a poll asks only for what is newer.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx

from reviewwatch.collectors._util import (
    html_to_text,
    iso_from_epoch,
    needs_search_words,
    string_list,
)
from reviewwatch.config import Source
from reviewwatch.errors import ParseError
from reviewwatch.http import get_json
from reviewwatch.models import Item, Kind, State

KIND = "hackernews"
ITEM_KIND = Kind.MENTION
HOST = "https://hn.algolia.com"
REQUIRED: tuple[str, ...] = ()
OPTIONAL = ("query", "tags")
DEFAULT_BACKFILL = 2
HITS_PER_PAGE = 100
SEARCH_URL = HOST + "/api/v1/search_by_date"
ITEM_URL = "https://news.ycombinator.com/item?id={}"


check_options = needs_search_words("query")


def _queries(source: Source) -> list[str]:
    return string_list(source.option("query"), source.keywords)


async def fetch(client: httpx.AsyncClient, source: Source, state: State) -> AsyncIterator[dict]:
    """Yield raw hits newer than the cursor, for each query, and advance the cursor."""
    after = int(state.cursor) if (state.cursor or "").isdigit() else 0
    pages = (source.backfill_pages or DEFAULT_BACKFILL) if state.first_run else source.max_pages
    tags = source.option("tags") or "(story,comment)"
    newest = after
    for query in _queries(source):
        for page in range(pages):
            body = await get_json(client, source, SEARCH_URL, state=state, params={
                "query": f'"{query}"' if " " in query else query, "tags": tags,
                "numericFilters": f"created_at_i>{after}", "hitsPerPage": HITS_PER_PAGE,
                "page": page})
            hits = body.get("hits")
            if not isinstance(hits, list):
                raise ParseError(f"{source.name}: the HN search answer has no 'hits' list")
            for hit in hits:
                if not isinstance(hit, dict) or not hit.get("objectID"):
                    raise ParseError(f"{source.name}: an HN hit has no objectID")
                created = hit.get("created_at_i")
                if isinstance(created, int) and created > newest:
                    newest = created
                yield hit
            if page + 1 >= int(body.get("nbPages") or 0) or not hits:
                break
    if newest > after:
        state.cursor = str(newest)


def normalize(raw: dict[str, Any], source: Source) -> Item:
    """One search hit (a story or a comment) as a mention."""
    object_id = str(raw["objectID"])
    if raw.get("comment_text"):
        text = html_to_text(raw["comment_text"])
        title = f"Comment on: {raw['story_title']}" if raw.get("story_title") else None
    else:
        title = raw.get("title") or raw.get("story_title")
        text = html_to_text(raw.get("story_text")) or (raw.get("url") or "")
    return Item(
        source=source.name, external_id=object_id, kind=ITEM_KIND, author=raw.get("author"),
        title=title, text=text, url=ITEM_URL.format(object_id),
        published_at=iso_from_epoch(raw.get("created_at_i")), raw=raw,
    )
