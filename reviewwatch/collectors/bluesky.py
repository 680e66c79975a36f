"""Bluesky mentions from `app.bsky.feed.searchPosts`, with an authenticated session.

Bluesky answers an unauthenticated searchPosts with 403, and has refused a request with a
cursor since 2024, so each query reads the first page (the 100 newest posts) only; poll
often enough that 100 posts cover the time between polls.

The session is reused (publishers/bluesky_session.py): Bluesky allows about 300
createSession calls a day per account, so one per poll would lock the account out.
`base_url` replaces the host of every call, the session calls included.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx

from reviewwatch.collectors._util import iso_from_text, string_list
from reviewwatch.config import Source
from reviewwatch.errors import ParseError
from reviewwatch.http import dig, parse_json
from reviewwatch.models import Item, Kind, State
from reviewwatch.publishers.bluesky_session import HOST, authorized

KIND = "bluesky"
ITEM_KIND = Kind.MENTION
REQUIRED = ("handle", "app_password")
OPTIONAL = ("query",)
DEFAULT_BACKFILL = 1
PAGE = 100  # searchPosts' maximum


def check_options(options: dict[str, Any], business: Any) -> list[tuple[str, str]]:
    """Search words: the query, or else the business's keywords."""
    if not options.get("query") and not getattr(business, "keywords", None):
        return [("query", "is needed when the business has no keywords")]
    return []


async def fetch(client: httpx.AsyncClient, source: Source, state: State) -> AsyncIterator[dict]:
    """Yield the newest posts matching each query (one page each: no cursor)."""
    for query in string_list(source.option("query"), source.keywords):
        response = await authorized(client, source, "GET",
                                    f"{HOST}/xrpc/app.bsky.feed.searchPosts", state=state,
                                    params={"q": query, "sort": "latest", "limit": PAGE})
        posts = parse_json(response, source).get("posts")
        if not isinstance(posts, list):
            raise ParseError(f"{source.name}: the Bluesky answer has no 'posts' list")
        for post in posts:
            if not isinstance(post, dict) or not post.get("uri") or not post.get("cid"):
                raise ParseError(f"{source.name}: a Bluesky post has no uri or cid")
            yield post


def normalize(raw: dict[str, Any], source: Source) -> Item:
    """One post (a PostView) as a mention, linked to bsky.app."""
    handle = dig(raw, "author", "handle")
    rkey = str(raw["uri"]).rsplit("/", 1)[-1]
    langs = dig(raw, "record", "langs") or []
    return Item(source=source.name, external_id=raw["uri"], kind=ITEM_KIND, author=handle,
                text=dig(raw, "record", "text", default="") or "",
                url=f"https://bsky.app/profile/{handle}/post/{rkey}" if handle else None,
                published_at=iso_from_text(dig(raw, "record", "createdAt") or
                                           raw.get("indexedAt")),
                language=langs[0].split("-")[0] if langs and isinstance(langs[0], str) else None,
                raw=raw)
