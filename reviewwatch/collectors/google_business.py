"""Google reviews from the Business Profile API: the complete set, for the owner.

`GET https://mybusiness.googleapis.com/v4/accounts/{account}/locations/{location}/reviews`
with `orderBy=updateTime desc` and `pageToken` paging. Auth is an OAuth access token, or a
refresh token exchanged at `token_url` (Google's by default); tokens live only in memory.
The cursor is the newest updateTime seen, so an edited review (its updateTime moves) is
read again, and paging stops at the first review not updated since. Timestamps are compared
as moments, not strings: Google writes "2026-11-21T19:02:11Z" and "…:11.123Z" alike.
Each review carries the owner's `reviewReply` (comment, updateTime), stored as its reply.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx

from reviewwatch.collectors._paging import page_limit
from reviewwatch.collectors._util import iso_from_text
from reviewwatch.config import Source
from reviewwatch.errors import ParseError
from reviewwatch.http import get_json
from reviewwatch.models import Item, Kind, State
from reviewwatch.publishers.google_auth import forget_on_refusal, refresh_access_token
from reviewwatch.replies import EPOCH, moment_of

KIND = "google_business"
ITEM_KIND = Kind.REVIEW
HOST = "https://mybusiness.googleapis.com"
REQUIRED = ("account", "location")
OPTIONAL = ("access_token", "client_id", "client_secret", "refresh_token", "token_url")
DEFAULT_BACKFILL = 20
PAGE_SIZE = 50
STARS = {"ONE": 1, "TWO": 2, "THREE": 3, "FOUR": 4, "FIVE": 5}


def check_options(options: dict[str, Any], business: Any) -> list[tuple[str, str]]:
    """Either an access token, or all three of client_id, client_secret and refresh_token."""
    if options.get("access_token"):
        return []
    missing = [k for k in ("client_id", "client_secret", "refresh_token") if not options.get(k)]
    if missing:
        return [("", "a google_business source needs access_token, or client_id + "
                     f"client_secret + refresh_token (missing: {', '.join(missing)})")]
    return []


async def _fetch(client: httpx.AsyncClient, source: Source, state: State) -> AsyncIterator[dict]:
    """Yield reviews updated since the cursor, newest update first."""
    token = await refresh_access_token(client, source)
    secrets = tuple(str(source.option(k) or "") for k in ("access_token", "client_secret",
                                                         "refresh_token")) + (token,)
    url = f"{HOST}/v4/accounts/{source.option('account')}/locations/" \
          f"{source.option('location')}/reviews"
    since = moment_of(state.cursor)
    newest = since
    page_token = None
    for _ in range(page_limit(source, state, DEFAULT_BACKFILL)):
        body = await get_json(client, source, url, state=state, secrets=secrets,
                              headers={"Authorization": f"Bearer {token}"},
                              params={"pageSize": PAGE_SIZE, "orderBy": "updateTime desc",
                                      "pageToken": page_token})
        reviews = body.get("reviews", [])
        if not isinstance(reviews, list):
            raise ParseError(f"{source.name}: 'reviews' is not a list")
        stop = False
        for review in reviews:
            updated = moment_of(review.get("updateTime") or review.get("createTime"))
            if since > EPOCH and updated > EPOCH and updated <= since:
                stop = True
                break
            newest = max(newest, updated)
            yield review
        page_token = body.get("nextPageToken")
        if stop or not page_token:
            break
    if newest > since:
        state.cursor = newest.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def fetch(client: httpx.AsyncClient, source: Source, state: State) -> AsyncIterator[dict]:
    """The pages, newest first; a refused token is forgotten so the next poll gets a new one."""
    return forget_on_refusal(source, _fetch(client, source, state))

def normalize(raw: dict[str, Any], source: Source) -> Item:
    """One Business Profile review."""
    reviewer = raw.get("reviewer") or {}
    rating = STARS.get(str(raw.get("starRating")))
    reply = raw.get("reviewReply") if isinstance(raw.get("reviewReply"), dict) else {}
    return Item(source=source.name, external_id=str(raw["reviewId"]), kind=ITEM_KIND,
                author=None if reviewer.get("isAnonymous") else reviewer.get("displayName"),
                rating=rating, text=raw.get("comment") or "",
                published_at=iso_from_text(raw.get("createTime")),
                updated_at=iso_from_text(raw.get("updateTime")),
                reply_text=reply.get("comment"), reply_at=iso_from_text(reply.get("updateTime")),
                reply_known=True,
                raw=raw)
