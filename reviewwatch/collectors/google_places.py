"""Google reviews from the Places API "place details" (up to 5 newest reviews).

`GET /maps/api/place/details/json?place_id=...&fields=reviews,rating,user_ratings_total
&reviews_sort=newest&key=...`. Places gives at most 5 reviews per place; for every review
use `google_business` (the Business Profile API) with the owner's account.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx

from reviewwatch.collectors._paging import stable_id
from reviewwatch.collectors._util import iso_from_epoch
from reviewwatch.config import Source
from reviewwatch.errors import AuthFailed, ParseError, RateLimited, SourceUnavailable
from reviewwatch.http import get_json
from reviewwatch.models import Item, Kind, State

KIND = "google_places"
ITEM_KIND = Kind.REVIEW
HOST = "https://maps.googleapis.com"
REQUIRED = ("place_id", "api_key")
OPTIONAL = ("language",)
DEFAULT_BACKFILL = 1
URL = HOST + "/maps/api/place/details/json"


async def fetch(client: httpx.AsyncClient, source: Source, state: State) -> AsyncIterator[dict]:
    """Yield the place's reviews (Places returns one page of up to five)."""
    key = str(source.option("api_key"))
    body = await get_json(client, source, URL, state=state, secrets=(key,), params={
        "place_id": source.option("place_id"), "key": key, "reviews_sort": "newest",
        "fields": "reviews,rating,user_ratings_total,url",
        "language": source.option("language")})
    status = body.get("status")
    if status == "REQUEST_DENIED":
        raise AuthFailed(f"{source.name}: Google refused the API key (REQUEST_DENIED); check "
                         "api_key and that the Places API is enabled for it")
    if status == "OVER_QUERY_LIMIT":
        raise RateLimited(f"{source.name}: the Places API quota is used up", retry_after=3600)
    if status in ("NOT_FOUND", "INVALID_REQUEST"):
        raise SourceUnavailable(f"{source.name}: Google does not know place_id "
                                f"{source.option('place_id')!r} ({status})")
    if status not in ("OK", "ZERO_RESULTS"):
        raise ParseError(f"{source.name}: unexpected Places status {status!r}")
    result = body.get("result") or {}
    reviews = result.get("reviews") or []
    if not isinstance(reviews, list):
        raise ParseError(f"{source.name}: 'reviews' is not a list")
    for review in reviews:
        yield {**review, "_place_url": result.get("url")}


def normalize(raw: dict[str, Any], source: Source) -> Item:
    """One Places review: one per author per place, so the author is its identity."""
    author = raw.get("author_name")
    identity = raw.get("author_url") or author
    if not identity:
        raise ValueError("a Places review has no author")
    rating = int(raw["rating"])
    return Item(source=source.name, external_id=stable_id(source.option("place_id"), identity),
                kind=ITEM_KIND, author=author, rating=rating, text=raw.get("text") or "",
                url=raw.get("_place_url"), published_at=iso_from_epoch(raw.get("time")),
                language=raw.get("language"), raw={k: v for k, v in raw.items()
                                                   if not k.startswith("_")})
