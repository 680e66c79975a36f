"""App Store customer reviews from the public customer-reviews RSS feed, JSON flavour.

`https://itunes.apple.com/{cc}/rss/customerreviews/page={n}/id={app_id}/sortby=mostrecent/json`
gives 50 reviews a page, newest first, and at most 10 pages. Each country is its own feed.
The first poll reads back `backfill_pages` pages (at most the feed's 10); later polls stop
at the first page holding a review already stored. Page 1 of each country is requested
with If-None-Match / If-Modified-Since from the last answer's ETag / Last-Modified
(RFC 9110 section 13), so an unchanged feed costs a 304 and no body. Apple does not document
these validators for the feed; when an answer carries none, the next poll asks in full.

This is the no-credentials mode. Its review ids are not the ids App Store Connect takes
for a response, so its replies are always posted by hand; with an API key, use a source of
kind `appstore_connect` instead, which reads the same reviews with their replies.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

import httpx

from reviewwatch.collectors._paging import page_limit
from reviewwatch.collectors._util import as_list, iso_from_text, string_list
from reviewwatch.config import Source
from reviewwatch.errors import ParseError
from reviewwatch.http import dig, parse_json, request
from reviewwatch.models import Item, Kind, State

KIND = "appstore"
ITEM_KIND = Kind.REVIEW
HOST = "https://itunes.apple.com"
REQUIRED = ("app_id",)
OPTIONAL = ("countries", "asc_key_id", "asc_issuer_id", "asc_private_key")
DEFAULT_BACKFILL = 10
SHOWS_REPLIES = False  # the feed has no developer responses (App Store Connect does)
FEED_PAGE_CAP = 10  # Apple serves no page past 10
FEED_URL = HOST + "/{cc}/rss/customerreviews/page={page}/id={app_id}/sortby=mostrecent/json"
_COUNTRY = re.compile(r"^[a-z]{2}$")


def check_options(options: dict[str, Any], business: Any) -> list[tuple[str, str]]:
    """App ids are digits; countries are two-letter store codes."""
    problems = []
    if options.get("app_id") and not str(options["app_id"]).isdigit():
        problems.append(("app_id", f'"{options["app_id"]}" must be the numeric App Store id'))
    if any(options.get(k) for k in ("asc_key_id", "asc_issuer_id", "asc_private_key")):
        problems.append(("asc_key_id", "the public feed's review ids cannot be replied to "
                                       "through App Store Connect: move the asc_* keys to a "
                                       'source of kind "appstore_connect"'))
    countries = options.get("countries")
    if countries is not None and (not isinstance(countries, list) or not countries or any(
            not isinstance(c, str) or not _COUNTRY.match(c.lower()) for c in countries)):
        problems.append(("countries", 'must be a list of two-letter store codes like ["us"]'))
    return problems


async def fetch(client: httpx.AsyncClient, source: Source, state: State) -> AsyncIterator[dict]:
    """Yield raw feed entries, newest first, per country, until a stored one or the cap."""
    app_id = str(source.option("app_id"))
    limit = page_limit(source, state, DEFAULT_BACKFILL, FEED_PAGE_CAP)
    countries = [cc.lower() for cc in string_list(source.option("countries"), ["us"])]
    validators = state.extra.setdefault("validators", {})
    unchanged = 0
    for cc in countries:
        for page in range(1, limit + 1):
            url = FEED_URL.format(cc=cc, page=page, app_id=app_id)
            # Page 1 is asked conditionally (each country keeps its own validators): an
            # unchanged feed answers 304 with no body, and the later pages are not read.
            response = await request(client, source, "GET", url, state=state,
                                     headers=_conditional(validators.get(cc)) if page == 1
                                     else None)
            if response is None:
                unchanged += 1
                break
            if page == 1:
                validators[cc] = {k: v for k, v in (
                    ("etag", response.headers.get("ETag")),
                    ("last_modified", response.headers.get("Last-Modified"))) if v}
            body = parse_json(response, source)
            feed = body.get("feed") if body else None
            if not isinstance(feed, dict):
                raise ParseError(f"{source.name}: the App Store answer has no 'feed' object")
            entries = [e for e in as_list(feed.get("entry")) if isinstance(e, dict)]
            reviews = [e for e in entries if "im:rating" in e]  # old feeds lead with the app
            seen_any = False
            for entry in reviews:
                entry["_country"] = cc
                seen_any = seen_any or state.seen(_external_id(entry, cc))
                yield entry
            if not reviews or seen_any or not _has_next(feed, page):
                break
    # The poll was "not modified" only when every country's feed was.
    state.not_modified = unchanged == len(countries)


def _conditional(saved: dict[str, str] | None) -> dict[str, str] | None:
    if not saved:
        return None
    headers = {}
    if saved.get("etag"):
        headers["If-None-Match"] = saved["etag"]
    if saved.get("last_modified"):
        headers["If-Modified-Since"] = saved["last_modified"]
    return headers or None


def _has_next(feed: dict[str, Any], page: int) -> bool:
    for link in as_list(feed.get("link")):
        if dig(link, "attributes", "rel") == "last":
            found = re.search(r"/page=(\d+)/", str(dig(link, "attributes", "href", default="")))
            return bool(found) and int(found[1]) > page
    return True


def _external_id(entry: dict[str, Any], cc: str) -> str:
    review_id = dig(entry, "id", "label")
    if not review_id:
        raise ParseError("an App Store entry has no id")
    return f"{cc}:{review_id}"


def normalize(raw: dict[str, Any], source: Source) -> Item:
    """One feed entry as an Item."""
    cc = raw.get("_country", "us")
    rating = int(dig(raw, "im:rating", "label"))
    if not 1 <= rating <= 5:
        raise ValueError(f"rating {rating} is outside 1..5")
    review_id = dig(raw, "id", "label")
    return Item(
        source=source.name, external_id=_external_id(raw, cc), kind=ITEM_KIND,
        author=dig(raw, "author", "name", "label"), rating=rating, rating_max=5,
        title=dig(raw, "title", "label"), text=dig(raw, "content", "label", default="") or "",
        url=f"https://apps.apple.com/{cc}/app/id{source.option('app_id')}"
            f"?see-all=reviews#review-{review_id}",
        published_at=iso_from_text(dig(raw, "updated", "label")),
        raw={k: v for k, v in raw.items() if k != "_country"} | {"country": cc},
    )
