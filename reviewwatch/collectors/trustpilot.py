"""Trustpilot reviews from the public business page's embedded JSON.

`https://www.trustpilot.com/review/{domain}?page=N&sort=recency` is a Next.js page; its
`<script id="__NEXT_DATA__">` holds `props.pageProps.reviews`. Paging follows `page=N`
and stops at the first page with a review already stored.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
from bs4 import BeautifulSoup

from reviewwatch.collectors._paging import page_limit
from reviewwatch.collectors._util import iso_from_text
from reviewwatch.config import Source
from reviewwatch.errors import ParseError
from reviewwatch.http import dig, get
from reviewwatch.models import Item, Kind, State

KIND = "trustpilot"
ITEM_KIND = Kind.REVIEW
HOST = "https://www.trustpilot.com"
REQUIRED = ("domain",)
OPTIONAL = ()
DEFAULT_BACKFILL = 5


def page_reviews(html: str, source_name: str) -> tuple[list[dict[str, Any]], int | None]:
    """(reviews, total pages) from one Trustpilot page."""
    soup = BeautifulSoup(html, "html.parser")
    script = soup.find("script", id="__NEXT_DATA__")
    if script is None or not script.string:
        raise ParseError(f"{source_name}: the Trustpilot page has no __NEXT_DATA__ JSON (the "
                         "page layout may have changed)")
    try:
        data = json.loads(script.string)
    except ValueError:
        raise ParseError(f"{source_name}: the Trustpilot page's JSON is malformed") from None
    reviews = dig(data, "props", "pageProps", "reviews")
    if not isinstance(reviews, list):
        raise ParseError(f"{source_name}: the Trustpilot JSON has no reviews list")
    total = dig(data, "props", "pageProps", "filters", "pagination", "totalPages")
    return reviews, total if isinstance(total, int) else None


async def fetch(client: httpx.AsyncClient, source: Source, state: State) -> AsyncIterator[dict]:
    """Yield reviews page by page, newest first."""
    url = f"{HOST}/review/{source.option('domain')}"
    for page in range(1, page_limit(source, state, DEFAULT_BACKFILL) + 1):
        response = await get(client, source, url, state=state,
                             params={"page": page if page > 1 else None, "sort": "recency"})
        reviews, total = page_reviews(response.text if response else "", source.name)
        seen = False
        for review in reviews:
            seen = seen or state.seen(str(review.get("id")))
            yield review
        if seen or not reviews or (total is not None and page >= total):
            break


def normalize(raw: dict[str, Any], source: Source) -> Item:
    """One Trustpilot review."""
    return Item(source=source.name, external_id=str(raw["id"]), kind=ITEM_KIND,
                author=dig(raw, "consumer", "displayName"), rating=int(raw["rating"]),
                title=raw.get("title"), text=raw.get("text") or "",
                url=f"{HOST}/reviews/{raw['id']}",
                published_at=iso_from_text(dig(raw, "dates", "publishedDate")),
                language=raw.get("language"), raw=raw)
