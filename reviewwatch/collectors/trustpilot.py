"""Trustpilot reviews: the official API when an API key is configured, else the public page.

API (https://developers.trustpilot.com/business-units-api-(public)):
`GET https://api.trustpilot.com/v1/business-units/{businessUnitId}/reviews` with the key in
an `apikey` header (Trustpilot advises against the query parameter, which leaks into logs),
`orderBy=createdat.desc`, `perPage` (at most 100) and `page`. Each review carries the
business's existing reply as `companyReply` (`text`, `createdAt`, `updatedAt`), which is
stored as the owner's reply. The business unit id (a 24-hex ObjectId) is configured, or
found once from the domain with `GET /v1/business-units/find?name={domain}` and kept in the
source's state. Trustpilot gives no cursor: the first page is read whole every poll (a
reply added since shows up), and paging stops at a short or empty page, or at a page
holding a stored review.

Without a key: `https://www.trustpilot.com/review/{domain}?page=N&sort=recency` is a Next.js
page whose `<script id="__NEXT_DATA__">` holds `props.pageProps.reviews` (with `reply`).
That scraping is the fallback, and the source shows "degraded" and says so.

Trustpilot does not say what moves a review's `updatedAt` (a company reply may), so it is
not taken as an edit time; a real edit changes the content hash, which is what counts.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from typing import Any

import httpx
from bs4 import BeautifulSoup

from reviewwatch.collectors._paging import page_limit
from reviewwatch.collectors._util import iso_from_text
from reviewwatch.config import Source
from reviewwatch.errors import ParseError
from reviewwatch.http import dig, get, get_json
from reviewwatch.models import Item, Kind, State

KIND = "trustpilot"
ITEM_KIND = Kind.REVIEW
HOST = "https://www.trustpilot.com"
API = "https://api.trustpilot.com"
REQUIRED: tuple[str, ...] = ()
# api_secret, business_user_id, username and password are the publisher's (replies).
OPTIONAL = ("domain", "business_unit_id", "api_key", "api_secret", "business_user_id",
            "username", "password")
DEFAULT_BACKFILL = 5
PER_PAGE = 100  # Trustpilot's maximum
SCRAPING = ("scraping pages: no api_key, so Trustpilot's official API is not used; set "
            "api_key (and business_unit_id) for it")
OBJECT_ID = re.compile(r"^[0-9a-f]{24}$")  # Trustpilot's ids are 24-hex ObjectIds
SECRETS = ("api_key", "api_secret", "password")


def check_options(options: dict[str, Any], business: Any) -> list[tuple[str, str]]:
    """A domain or a business unit id; ids in Trustpilot's format; keys from env:."""
    problems = []
    if not options.get("domain") and not options.get("business_unit_id"):
        problems.append(("domain", "is required unless business_unit_id is set"))
    if options.get("business_unit_id") and not options.get("api_key"):
        problems.append(("api_key", "is required with business_unit_id (the official API)"))
    for key in ("business_unit_id", "business_user_id"):
        value = options.get(key)
        if value and not OBJECT_ID.match(str(value)):
            problems.append((key, f'"{value}" is not a Trustpilot id (24 hex digits)'))
    for key in SECRETS:
        if isinstance(options.get(key), str) and options[key].strip():
            problems.append((key, 'must come from the environment, as "env:NAME"'))
    if options.get("api_secret") and not options.get("business_user_id"):
        problems.append(("business_user_id", "is required to reply (the reply's author, "
                                             "from the Trustpilot Business user profile)"))
    if bool(options.get("username")) != bool(options.get("password")):
        problems.append(("password", "username and password must be set together"))
    return problems


async def fetch(client: httpx.AsyncClient, source: Source, state: State) -> AsyncIterator[dict]:
    """Yield reviews newest first, from the API when a key is configured."""
    if source.option("api_key"):
        async for review in _fetch_api(client, source, state):
            yield review
        return
    state.degraded = SCRAPING
    async for review in _fetch_pages(client, source, state):
        yield review


async def business_unit_id(client: httpx.AsyncClient, source: Source, state: State) -> str:
    """The configured business unit id, or the one Trustpilot finds for the domain."""
    configured = source.option("business_unit_id")
    if configured:
        return str(configured)
    cached = state.extra.get("business_unit_id")
    if isinstance(cached, str) and OBJECT_ID.match(cached):
        return cached
    key = str(source.option("api_key"))
    body = await get_json(client, source, f"{API}/v1/business-units/find", state=state,
                          params={"name": source.option("domain")}, headers={"apikey": key},
                          secrets=(key,), count_page=False)
    found = str((body or {}).get("id") or "")
    if not OBJECT_ID.match(found):
        raise ParseError(f"{source.name}: Trustpilot found no business unit id for "
                         f"{source.option('domain')}")
    state.extra["business_unit_id"] = found
    return found


async def _fetch_api(client: httpx.AsyncClient, source: Source,
                     state: State) -> AsyncIterator[dict]:
    key = str(source.option("api_key"))
    unit = await business_unit_id(client, source, state)
    url = f"{API}/v1/business-units/{unit}/reviews"
    for page in range(1, page_limit(source, state, DEFAULT_BACKFILL) + 1):
        body = await get_json(client, source, url, state=state, headers={"apikey": key},
                              secrets=(key,), params={"orderBy": "createdat.desc",
                                                      "perPage": PER_PAGE, "page": page})
        reviews = (body or {}).get("reviews")
        if not isinstance(reviews, list):
            raise ParseError(f"{source.name}: the Trustpilot answer has no 'reviews' list")
        seen = False
        for review in reviews:
            if not isinstance(review, dict) or not review.get("id"):
                raise ParseError(f"{source.name}: a Trustpilot review has no id")
            seen = seen or state.seen(str(review["id"]))
            yield review
        if seen or len(reviews) < PER_PAGE:
            break


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


async def _fetch_pages(client: httpx.AsyncClient, source: Source,
                       state: State) -> AsyncIterator[dict]:
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
    """One Trustpilot review (an API record has `stars`, a page record `rating`)."""
    if "stars" in raw:
        reply = raw.get("companyReply") or {}
        return Item(source=source.name, external_id=str(raw["id"]), kind=ITEM_KIND,
                    author=dig(raw, "consumer", "displayName"), rating=_stars(raw["stars"]),
                    title=raw.get("title"), text=raw.get("text") or "",
                    url=f"{HOST}/reviews/{raw['id']}",
                    published_at=iso_from_text(raw.get("createdAt")),
                    language=raw.get("language"), raw=raw,
                    reply_text=reply.get("text") if isinstance(reply, dict) else None,
                    reply_at=_reply_time(reply, "updatedAt", "createdAt"), reply_known=True)
    reply = raw.get("reply") or {}
    return Item(source=source.name, external_id=str(raw["id"]), kind=ITEM_KIND,
                author=dig(raw, "consumer", "displayName"), rating=_stars(raw["rating"]),
                title=raw.get("title"), text=raw.get("text") or "",
                url=f"{HOST}/reviews/{raw['id']}",
                published_at=iso_from_text(dig(raw, "dates", "publishedDate")),
                language=raw.get("language"), raw=raw,
                reply_text=reply.get("message") if isinstance(reply, dict) else None,
                reply_at=_reply_time(reply, "updatedDate", "publishedDate"),
                reply_known="reply" in raw)  # a page record without the key says nothing


def _stars(value: Any) -> int:
    stars = int(value)
    if not 1 <= stars <= 5:
        raise ValueError(f"{stars} stars is outside 1..5")
    return stars


def _reply_time(reply: Any, *keys: str) -> str | None:
    """The reply's latest time: when it was last edited, else when it was written."""
    if not isinstance(reply, dict):
        return None
    return next((t for t in (iso_from_text(reply.get(k)) for k in keys) if t), None)
