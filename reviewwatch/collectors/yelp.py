"""Yelp reviews from the Fusion API `GET /v3/businesses/{id}/reviews`.

Yelp returns up to three reviews, newest first, each cut to about 160 characters; the
link leads to the full text. Needs an API key (sent as a bearer token).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx

from reviewwatch.collectors._util import iso_from_text
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


def normalize(raw: dict[str, Any], source: Source) -> Item:
    """One Yelp review (its text is Yelp's excerpt)."""
    created = raw.get("time_created")
    return Item(source=source.name, external_id=str(raw["id"]), kind=ITEM_KIND,
                author=(raw.get("user") or {}).get("name"), rating=int(raw["rating"]),
                text=raw.get("text") or "", url=raw.get("url"),
                published_at=iso_from_text(created.replace(" ", "T") if isinstance(created, str)
                                           else None), raw=raw)
