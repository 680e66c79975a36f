"""App Store reviews from the App Store Connect API, with the developer's responses.

`GET /v1/apps/{app_id}/customerReviews?sort=-createdDate&limit=200&include=response`
with an API-key token (ES256, see publishers/appstore_connect.py). Pages follow
`links.next`. Each review has the opaque id a reply needs ("00000028-b08c-…") and, in
`included`, its `customerReviewResponses` (responseBody, lastModifiedDate, state), which
is stored as the owner's reply. Apple gives no time a review was edited, so the first page
is always read whole (a reply added since on the web shows up), and later pages stop at
the first page holding a stored review.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx

from reviewwatch.collectors._paging import page_limit
from reviewwatch.collectors._util import iso_from_text
from reviewwatch.config import Source
from reviewwatch.errors import AuthFailed, ParseError, PublishError
from reviewwatch.http import dig, get_json
from reviewwatch.models import Item, Kind, State
from reviewwatch.publishers import appstore_connect as asc

KIND = "appstore_connect"
ITEM_KIND = Kind.REVIEW
PLATFORM = "appstore"  # replies are fitted to the App Store's rules
HOST = asc.API
REQUIRED = ("app_id", "asc_key_id", "asc_issuer_id", "asc_private_key")
OPTIONAL = ()
DEFAULT_BACKFILL = 10
PAGE_SIZE = 200  # Apple's maximum


def check_options(options: dict[str, Any], business: Any) -> list[tuple[str, str]]:
    """The app id is the numeric Apple id; the key must be an env: secret."""
    problems = []
    if options.get("app_id") and not str(options["app_id"]).isdigit():
        problems.append(("app_id", f'"{options["app_id"]}" must be the numeric Apple id'))
    key = options.get("asc_private_key")
    if isinstance(key, str) and key.strip():
        problems.append(("asc_private_key", 'must come from the environment, as "env:NAME"'))
    return problems


def _token(source: Source) -> str:
    try:
        return asc.bearer(source)
    except PublishError as e:
        raise AuthFailed(str(e)) from None


async def fetch(client: httpx.AsyncClient, source: Source, state: State) -> AsyncIterator[dict]:
    """Yield reviews newest first, each with its response attached as `_response`."""
    url: str | None = f"{HOST}/v1/apps/{source.option('app_id')}/customerReviews"
    params: dict[str, Any] | None = {
        "sort": "-createdDate", "limit": PAGE_SIZE, "include": "response",
        "fields[customerReviewResponses]": "responseBody,lastModifiedDate,state"}
    for _ in range(page_limit(source, state, DEFAULT_BACKFILL)):
        token = _token(source)
        try:
            body = await get_json(client, source, str(url), state=state, params=params,
                                  headers={"Authorization": f"Bearer {token}"},
                                  secrets=(token,))
        except AuthFailed:
            asc.forget_token(source)
            raise
        reviews = body.get("data")
        if not isinstance(reviews, list):
            raise ParseError(f"{source.name}: the App Store Connect answer has no 'data' list")
        responses = {r.get("id"): r for r in body.get("included") or []
                     if isinstance(r, dict) and r.get("type") == "customerReviewResponses"}
        seen = False
        for review in reviews:
            if not isinstance(review, dict) or not review.get("id"):
                raise ParseError(f"{source.name}: a customerReviews record has no id")
            seen = seen or state.seen(str(review["id"]))
            link = dig(review, "relationships", "response", "data", "id")
            yield {**review, "_response": responses.get(link)}
        url, params = dig(body, "links", "next"), None  # next carries the whole query
        if seen or not url or not reviews:
            break


def normalize(raw: dict[str, Any], source: Source) -> Item:
    """One customer review, and the developer's response if it has one."""
    a = raw.get("attributes") or {}
    rating = int(a["rating"])
    if not 1 <= rating <= 5:
        raise ValueError(f"rating {rating} is outside 1..5")
    response = raw.get("_response") or {}
    reply = response.get("attributes") or {}
    return Item(source=source.name, external_id=str(raw["id"]), kind=ITEM_KIND,
                author=a.get("reviewerNickname"), rating=rating, rating_max=5,
                title=a.get("title"), text=a.get("body") or "",
                url=f"https://apps.apple.com/app/id{source.option('app_id')}?see-all=reviews",
                published_at=iso_from_text(a.get("createdDate")),
                reply_text=reply.get("responseBody"),
                reply_at=iso_from_text(reply.get("lastModifiedDate")),
                reply_known=True,
                raw={k: v for k, v in raw.items() if k != "_response"} |
                ({"response": response} if response else {}))
