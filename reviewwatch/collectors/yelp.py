"""Yelp reviews from the Fusion API `GET /v3/businesses/{id}/reviews`.

Yelp returns up to three reviews, newest first, each cut to about 160 characters; the
link leads to the full text. Needs an API key (sent as a bearer token).
`time_created` ("2016-08-29 00:41:13") has no offset and is Pacific time (Yelp's
headquarters); it is read as America/Los_Angeles, daylight saving included, and stored
in UTC.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import httpx

from reviewwatch.config import Source
from reviewwatch.errors import ParseError
from reviewwatch.http import get_json
from reviewwatch.models import Item, Kind, State

KIND = "yelp"
ITEM_KIND = Kind.REVIEW
HOST = "https://api.yelp.com"
REQUIRED = ("business_id", "api_key")
OPTIONAL = ("locale",)
DEFAULT_BACKFILL = 1
# Fusion's review objects have no business reply (id, url, text, rating, time_created,
# user); replying is the partner-only Respond to Reviews API. See docs/collectors.md.
SHOWS_REPLIES = False
PACIFIC = ZoneInfo("America/Los_Angeles")


async def fetch(client: httpx.AsyncClient, source: Source, state: State) -> AsyncIterator[dict]:
    """Yield the newest reviews Yelp gives."""
    key = str(source.option("api_key"))
    body = await get_json(client, source, f"{HOST}/v3/businesses/{source.option('business_id')}"
                          "/reviews", state=state, secrets=(key,),
                          headers={"Authorization": f"Bearer {key}"},
                          params={"limit": 20, "sort_by": "newest",
                                  "locale": source.option("locale")})
    reviews = body.get("reviews")
    if not isinstance(reviews, list):
        raise ParseError(f"{source.name}: the Yelp answer has no 'reviews' list")
    for review in reviews:
        yield review


def pacific_to_utc(value: Any) -> str | None:
    """Yelp's offset-less Pacific timestamp as ISO 8601 UTC."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace(" ", "T"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=PACIFIC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def normalize(raw: dict[str, Any], source: Source) -> Item:
    """One Yelp review (its text is Yelp's excerpt)."""
    return Item(source=source.name, external_id=str(raw["id"]), kind=ITEM_KIND,
                author=(raw.get("user") or {}).get("name"), rating=int(raw["rating"]),
                text=raw.get("text") or "", url=raw.get("url"),
                published_at=pacific_to_utc(raw.get("time_created")), raw=raw)
