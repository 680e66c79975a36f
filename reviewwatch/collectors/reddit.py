"""Reddit mentions from `search.json`, newest first, optionally within subreddits.

Reddit asks every client for a unique, descriptive User-Agent ([http] user_agent). Paging
follows `after` and stops at the first post already stored.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx

from reviewwatch.collectors._paging import page_limit
from reviewwatch.collectors._util import iso_from_epoch, needs_search_words, string_list
from reviewwatch.config import Source
from reviewwatch.errors import ParseError
from reviewwatch.http import dig, get_json
from reviewwatch.models import Item, Kind, State

KIND = "reddit"
ITEM_KIND = Kind.MENTION
HOST = "https://www.reddit.com"
REQUIRED: tuple[str, ...] = ()
OPTIONAL = ("query", "subreddits")
DEFAULT_BACKFILL = 3


check_options = needs_search_words("query")


async def fetch(client: httpx.AsyncClient, source: Source, state: State) -> AsyncIterator[dict]:
    """Yield posts for each query (and subreddit) until one already stored."""
    subreddits = string_list(source.option("subreddits"), [""])
    for query in string_list(source.option("query"), source.keywords):
        q = f'"{query}"' if " " in query else query
        for sub in subreddits:
            url = f"{HOST}/r/{sub}/search.json" if sub else f"{HOST}/search.json"
            after = None
            for _ in range(page_limit(source, state, DEFAULT_BACKFILL)):
                body = await get_json(client, source, url, state=state, params={
                    "q": q, "sort": "new", "limit": 100, "after": after, "raw_json": 1,
                    "restrict_sr": "1" if sub else None, "type": "link"})
                children = dig(body, "data", "children")
                if not isinstance(children, list):
                    raise ParseError(f"{source.name}: the Reddit answer has no data.children")
                seen = False
                for child in children:
                    post = child.get("data") if isinstance(child, dict) else None
                    if not isinstance(post, dict) or not post.get("id"):
                        raise ParseError(f"{source.name}: a Reddit result has no id")
                    seen = seen or state.seen(f"t3_{post['id']}")
                    yield post
                after = dig(body, "data", "after")
                if seen or not after:
                    break


def normalize(raw: dict[str, Any], source: Source) -> Item:
    """One Reddit post as a mention."""
    return Item(source=source.name, external_id=f"t3_{raw['id']}", kind=ITEM_KIND,
                author=raw.get("author"), title=raw.get("title"),
                text=raw.get("selftext") or raw.get("url") or "",
                url=f"https://www.reddit.com{raw['permalink']}" if raw.get("permalink") else None,
                published_at=iso_from_epoch(raw.get("created_utc")), raw=raw)
