"""Google reviews from Place Details (up to 5 reviews); for every review use
`google_business` (the Business Profile API) with the owner's account.

By default Places API (New): `GET https://places.googleapis.com/v1/places/{place_id}` with
the key in `X-Goog-Api-Key` and a required `X-Goog-FieldMask`. Each review has a stable
resource name (`places/{place}/reviews/{review}`), which becomes its id. The legacy API
(`/maps/api/place/details/json`) can no longer be enabled on new Cloud projects; set
`api = "legacy"` only for a key that still has it.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx

from reviewwatch.collectors._paging import stable_id
from reviewwatch.collectors._util import iso_from_epoch, iso_from_text
from reviewwatch.config import Source
from reviewwatch.errors import AuthFailed, ParseError, RateLimited, SourceUnavailable
from reviewwatch.http import get_json, parse_json, request
from reviewwatch.models import Item, Kind, State

KIND = "google_places"
ITEM_KIND = Kind.REVIEW
HOST = "https://maps.googleapis.com"
REQUIRED = ("place_id", "api_key")
OPTIONAL = ("language", "api")
DEFAULT_BACKFILL = 1
SHOWS_REPLIES = False  # Places reviews carry no owner reply (Business Profile does)
URL = HOST + "/maps/api/place/details/json"
NEW_URL = "https://places.googleapis.com/v1/places/{place_id}"
FIELD_MASK = "id,displayName,rating,userRatingCount,googleMapsUri,reviews"


def check_options(options: dict[str, Any], business: Any) -> list[tuple[str, str]]:
    """`api` is "new" (the default) or "legacy"."""
    if options.get("api") not in (None, "new", "legacy"):
        return [("api", 'must be "new" or "legacy"')]
    return []


def _google_error(response: httpx.Response) -> tuple[str, str]:
    """(status, reason) of a Google API error body, as far as it says."""
    try:
        error = json.loads(response.content).get("error") or {}
    except (ValueError, AttributeError):
        return "", ""
    reasons = [d.get("reason") for d in error.get("details") or [] if isinstance(d, dict)]
    return str(error.get("status") or ""), str(next((r for r in reasons if r), ""))


async def fetch(client: httpx.AsyncClient, source: Source, state: State) -> AsyncIterator[dict]:
    """Yield the place's reviews (one answer of up to five)."""
    if source.option("api") == "legacy":
        async for review in _fetch_legacy(client, source, state):
            yield review
        return
    key = str(source.option("api_key"))
    place = str(source.option("place_id"))
    response = await request(client, source, "GET", NEW_URL.format(place_id=place),
                             state=state, secrets=(key,), accept=(400, 403, 404),
                             headers={"X-Goog-Api-Key": key, "X-Goog-FieldMask": FIELD_MASK},
                             params={"languageCode": source.option("language")})
    assert response is not None
    if response.status_code != 200:
        status, reason = _google_error(response)
        if reason == "API_KEY_INVALID":
            raise AuthFailed(f"{source.name}: Google refused the API key (API_KEY_INVALID)")
        if reason == "SERVICE_DISABLED" or status == "PERMISSION_DENIED":
            raise AuthFailed(f"{source.name}: the key's Cloud project may not call Places API "
                             f"(New) ({reason or status}); enable it for the project")
        raise SourceUnavailable(f"{source.name}: Google does not know place_id {place!r} "
                                f"(HTTP {response.status_code} {status})")
    body = parse_json(response, source)
    reviews = body.get("reviews") or []
    if not isinstance(reviews, list):
        raise ParseError(f"{source.name}: 'reviews' is not a list")
    for review in reviews:
        yield {**review, "_place_url": body.get("googleMapsUri"), "_api": "new"}


async def _fetch_legacy(client: httpx.AsyncClient, source: Source,
                        state: State) -> AsyncIterator[dict]:
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
    """One Places review: by its resource name (New), or by its author (legacy)."""
    if raw.get("_api") == "new":
        author = raw.get("authorAttribution") or {}
        text = raw.get("originalText") or raw.get("text") or {}
        if not raw.get("name"):
            raise ValueError("a Places review has no name")
        return Item(source=source.name, external_id=str(raw["name"]), kind=ITEM_KIND,
                    author=author.get("displayName"), rating=int(raw["rating"]),
                    text=text.get("text") or "", url=raw.get("googleMapsUri") or
                    raw.get("_place_url"), published_at=iso_from_text(raw.get("publishTime")),
                    language=text.get("languageCode"),
                    raw={k: v for k, v in raw.items() if not k.startswith("_")})
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
