"""Reddit mentions from search, newest first, optionally within subreddits.

With an application's `client_id` and `client_secret` (env:) the collector takes an
application-only token (`POST /api/v1/access_token`, grant_type=client_credentials, HTTP
Basic auth) and searches `https://oauth.reddit.com/search`; that is Reddit's supported way
in. Without them it reads the public `search.json`, which Reddit throttles hard: the
source is marked degraded. Every request carries a User-Agent in Reddit's required format,
`python:reviewwatch:VERSION (by /u/USERNAME)`, with `username` from the config.

Reddit's X-Ratelimit-* headers are honoured (reviewwatch/http.py). Reddit's terms
require removing content its authors deleted: each poll re-checks the newest stored
posts through `/api/info` and purges the ones that are gone.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from typing import Any

import httpx

from reviewwatch import __version__
from reviewwatch.collectors._paging import page_limit
from reviewwatch.collectors._util import iso_from_epoch, needs_search_words, string_list
from reviewwatch.config import Source
from reviewwatch.errors import AuthFailed, ParseError
from reviewwatch.http import dig, get_json, parse_json, request
from reviewwatch.models import Item, Kind, State

KIND = "reddit"
ITEM_KIND = Kind.MENTION
HOST = "https://www.reddit.com"
OAUTH_HOST = "https://oauth.reddit.com"
REQUIRED: tuple[str, ...] = ()
OPTIONAL = ("query", "subreddits", "client_id", "client_secret", "username")
DEFAULT_BACKFILL = 3
RECHECK = 100  # stored posts re-checked for deletion each poll (one /api/info call)
DELETED_MARKERS = ("[deleted]", "[removed]")
_tokens: dict[str, tuple[str, float]] = {}  # source -> (token, monotonic expiry)


def check_options(options: dict[str, Any], business: Any) -> list[tuple[str, str]]:
    """Search words are needed; client_id and client_secret go together."""
    problems = needs_search_words("query")(options, business)
    if bool(options.get("client_id")) != bool(options.get("client_secret")):
        problems.append(("client_secret", "client_id and client_secret must be set together"))
    return problems


def user_agent(source: Source) -> str:
    """Reddit's required format: <platform>:<app ID>:<version> (by /u/<username>)."""
    username = source.option("username")
    owner = f"by /u/{username}" if username else "+https://github.com/reviewwatch/reviewwatch"
    return f"python:reviewwatch:{__version__} ({owner})"


async def _token(client: httpx.AsyncClient, source: Source) -> str:
    cached, expires = _tokens.get(source.name, ("", 0.0))
    if cached and time.monotonic() < expires:
        return cached
    secret = str(source.option("client_secret"))
    response = await request(client, source, "POST", f"{HOST}/api/v1/access_token",
                             data={"grant_type": "client_credentials"},
                             headers={"User-Agent": user_agent(source),
                                      "Authorization": _basic(source)},
                             secrets=(secret,), count_page=False)
    body = parse_json(response, source) if response else {}
    if not body.get("access_token"):
        raise AuthFailed(f"{source.name}: Reddit gave no application token ("
                         f"{body.get('error', 'no access_token')}); check client_id and "
                         "client_secret")
    lifetime = float(body.get("expires_in") or 3600)
    _tokens[source.name] = (str(body["access_token"]), time.monotonic() + lifetime - 60)
    return str(body["access_token"])


def _basic(source: Source) -> str:
    import base64

    pair = f"{source.option('client_id')}:{source.option('client_secret')}".encode()
    return "Basic " + base64.b64encode(pair).decode()


async def fetch(client: httpx.AsyncClient, source: Source, state: State) -> AsyncIterator[dict]:
    """Yield posts for each query (and subreddit) until one already stored."""
    headers = {"User-Agent": user_agent(source)}
    secrets: tuple[str, ...] = ()
    host, suffix = HOST, ".json"
    if source.option("client_id"):
        token = await _token(client, source)
        headers["Authorization"] = f"Bearer {token}"
        secrets, host, suffix = (token,), OAUTH_HOST, ""
    else:
        state.degraded = ("unauthenticated: Reddit throttles search.json; set client_id and "
                          "client_secret")
    subreddits = string_list(source.option("subreddits"), [""])
    for query in string_list(source.option("query"), source.keywords):
        q = f'"{query}"' if " " in query else query
        for sub in subreddits:
            url = f"{host}/r/{sub}/search{suffix}" if sub else f"{host}/search{suffix}"
            after = None
            for _ in range(page_limit(source, state, DEFAULT_BACKFILL)):
                body = await get_json(client, source, url, state=state, headers=headers,
                                      secrets=secrets, params={
                                          "q": q, "sort": "new", "limit": 100, "after": after,
                                          "raw_json": 1, "restrict_sr": "1" if sub else None,
                                          "type": "link"})
                children = dig(body, "data", "children")
                if not isinstance(children, list):
                    raise ParseError(f"{source.name}: the Reddit answer has no data.children")
                seen = False
                for child in children:
                    post = child.get("data") if isinstance(child, dict) else None
                    if not isinstance(post, dict) or not post.get("id"):
                        raise ParseError(f"{source.name}: a Reddit result has no id")
                    seen = seen or state.seen(f"t3_{post['id']}")
                    if not is_deleted(post):
                        yield post
                after = dig(body, "data", "after")
                if seen or not after:
                    break
    state.deleted = await deleted_posts(client, source, state, host, suffix, headers, secrets)


def is_deleted(post: dict[str, Any]) -> bool:
    """A post its author deleted or moderators removed: its content must not be kept."""
    return post.get("author") in DELETED_MARKERS or \
        post.get("selftext") in DELETED_MARKERS or bool(post.get("removed_by_category"))


async def deleted_posts(client: httpx.AsyncClient, source: Source, state: State, host: str,
                        suffix: str, headers: dict[str, str],
                        secrets: tuple[str, ...]) -> list[str]:
    """Stored posts that Reddit now shows as deleted or removed, or no longer returns."""
    stored = state.recent(RECHECK)
    if not stored:
        return []
    body = await get_json(client, source, f"{host}/api/info{suffix}", headers=headers,
                          secrets=secrets, params={"id": ",".join(stored), "raw_json": 1})
    children = dig(body, "data", "children")
    if not isinstance(children, list):
        raise ParseError(f"{source.name}: the Reddit /api/info answer has no data.children")
    alive = set()
    for child in children:
        post = child.get("data") if isinstance(child, dict) else None
        if isinstance(post, dict) and post.get("name") and not is_deleted(post):
            alive.add(str(post["name"]))
    return [fullname for fullname in stored if fullname not in alive]


def normalize(raw: dict[str, Any], source: Source) -> Item:
    """One Reddit post as a mention."""
    return Item(source=source.name, external_id=f"t3_{raw['id']}", kind=ITEM_KIND,
                author=raw.get("author"), title=raw.get("title"),
                text=raw.get("selftext") or raw.get("url") or "",
                url=f"https://www.reddit.com{raw['permalink']}" if raw.get("permalink") else None,
                published_at=iso_from_epoch(raw.get("created_utc")), raw=raw)
