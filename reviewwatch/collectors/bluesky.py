"""Bluesky mentions from `app.bsky.feed.searchPosts`, newest first.

With `handle` and `app_password` (an app password, from env:) the collector opens a session
(`com.atproto.server.createSession`) on https://bsky.social and searches with it; without
one it uses the public AppView, whose search is rate limited and not reliable. Paging
follows `cursor` and stops at the first post already stored.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx

from reviewwatch.collectors._paging import page_limit
from reviewwatch.collectors._util import iso_from_text, string_list
from reviewwatch.config import Source
from reviewwatch.errors import AuthFailed, ParseError
from reviewwatch.http import dig, get_json, parse_json, request
from reviewwatch.models import Item, Kind, State

KIND = "bluesky"
ITEM_KIND = Kind.MENTION
HOST = "https://bsky.social"
PUBLIC_HOST = "https://public.api.bsky.app"
REQUIRED: tuple[str, ...] = ()
OPTIONAL = ("query", "handle", "app_password")
DEFAULT_BACKFILL = 2


def check_options(options: dict[str, Any], business: Any) -> list[tuple[str, str]]:
    """A handle and an app password go together."""
    if bool(options.get("handle")) != bool(options.get("app_password")):
        return [("app_password", "handle and app_password must be set together")]
    return []


async def _session(client: httpx.AsyncClient, source: Source, password: str) -> str:
    response = await request(client, source, "POST",
                             f"{HOST}/xrpc/com.atproto.server.createSession",
                             json_body={"identifier": source.option("handle"),
                                        "password": password}, secrets=(password,),
                             count_page=False)
    token = parse_json(response, source).get("accessJwt") if response else None
    if not token:
        raise AuthFailed(f"{source.name}: Bluesky gave no session; check handle and "
                         "app_password")
    return str(token)


async def fetch(client: httpx.AsyncClient, source: Source, state: State) -> AsyncIterator[dict]:
    """Yield posts matching each query, newest first, until one already stored."""
    password = source.option("app_password")
    headers, host, secrets = {}, PUBLIC_HOST, ()
    if password:
        token = await _session(client, source, str(password))
        headers, host, secrets = {"Authorization": f"Bearer {token}"}, HOST, (token, password)
    for query in string_list(source.option("query"), source.keywords):
        cursor = None
        for _ in range(page_limit(source, state, DEFAULT_BACKFILL)):
            body = await get_json(client, source, f"{host}/xrpc/app.bsky.feed.searchPosts",
                                  state=state, headers=headers, secrets=secrets,
                                  params={"q": query, "sort": "latest", "limit": 100,
                                          "cursor": cursor})
            posts = body.get("posts")
            if not isinstance(posts, list):
                raise ParseError(f"{source.name}: the Bluesky answer has no 'posts' list")
            seen = False
            for post in posts:
                if not isinstance(post, dict) or not post.get("uri"):
                    raise ParseError(f"{source.name}: a Bluesky post has no uri")
                seen = seen or state.seen(post["uri"])
                yield post
            cursor = body.get("cursor")
            if seen or not cursor or not posts:
                break


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
