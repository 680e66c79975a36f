"""Mastodon mentions from a tag timeline on a configured instance, with a min_id cursor.

`GET {instance}/api/v1/timelines/tag/{tag}?min_id=...&limit=40`. Statuses are HTML;
they become plain text. The cursor is the newest status id seen, so each poll asks only
for what is newer. An optional `access_token` (env:) is sent as a bearer token: some
instances only serve timelines to signed-in apps, and replies need it
(publishers/mastodon.py). A 404 for a tag nobody has used yet means "no posts yet".
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

import httpx

from reviewwatch.collectors._paging import page_limit
from reviewwatch.collectors._util import (
    html_to_text,
    iso_from_text,
    needs_search_words,
    string_list,
)
from reviewwatch.config import Source
from reviewwatch.errors import ParseError
from reviewwatch.http import parse_json, request
from reviewwatch.models import Item, Kind, State

KIND = "mastodon"
ITEM_KIND = Kind.MENTION
HOST = "https://mastodon.social"
REQUIRED: tuple[str, ...] = ()
OPTIONAL = ("instance", "tags", "access_token")
DEFAULT_BACKFILL = 2
PAGE = 40


def _tags(source: Source) -> list[str]:
    return [re.sub(r"[^\w]", "", t).lower() for t in
            string_list(source.option("tags"), source.keywords) if re.sub(r"[^\w]", "", t)]


check_options = needs_search_words("tags")


def instance_url(source: Source) -> str:
    """The instance's base URL (base_url still replaces its host)."""
    return str(source.option("instance") or HOST).rstrip("/")


def auth_headers(source: Source) -> dict[str, str]:
    token = source.option("access_token")
    return {"Authorization": f"Bearer {token}"} if token else {}


async def fetch(client: httpx.AsyncClient, source: Source, state: State) -> AsyncIterator[dict]:
    """Yield statuses newer than the cursor for each tag."""
    instance = instance_url(source)
    since = int(state.cursor) if (state.cursor or "").isdigit() else 0
    newest = since
    secrets = (str(source.option("access_token") or ""),)
    for tag in _tags(source):
        min_id = since
        for _ in range(page_limit(source, state, DEFAULT_BACKFILL)):
            response = await request(client, source, "GET",
                                     f"{instance}/api/v1/timelines/tag/{tag}", state=state,
                                     headers=auth_headers(source), secrets=secrets,
                                     params={"limit": PAGE, "min_id": min_id or None},
                                     accept=(404,))
            if response is None or response.status_code == 404:
                break  # a tag nobody used yet: no posts, not a broken source
            statuses = parse_json(response, source, expect=list)
            ids = []
            for status in statuses:
                if not isinstance(status, dict) or not str(status.get("id", "")).isdigit():
                    raise ParseError(f"{source.name}: a Mastodon status has no numeric id")
                ids.append(int(status["id"]))
                yield status
            if not ids:
                break
            newest = max(newest, *ids)
            min_id = max(ids)
            if len(ids) < PAGE or not since:
                break  # the first run reads one page per tag back; later runs catch up
    if newest > since:
        state.cursor = str(newest)


def normalize(raw: dict[str, Any], source: Source) -> Item:
    """One status as a mention, its HTML as plain text."""
    account = raw.get("account") or {}
    return Item(source=source.name, external_id=str(raw["id"]), kind=ITEM_KIND,
                author=account.get("acct") or account.get("username"),
                text=html_to_text(raw.get("content")), url=raw.get("url") or raw.get("uri"),
                published_at=iso_from_text(raw.get("created_at")), language=raw.get("language"),
                raw=raw)
