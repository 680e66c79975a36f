"""Reviews marked up with schema.org on any page: JSON-LD and microdata.

Reads every `Review` (top level, in `@graph`, or nested as a Product's/LocalBusiness's
`review`) and the `AggregateRating`, which is kept in each item's raw record. The request
is conditional, so an unchanged page costs a 304.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
from bs4 import BeautifulSoup

from reviewwatch.collectors._paging import stable_id
from reviewwatch.collectors._util import as_list, html_to_text, iso_from_text
from reviewwatch.config import Source
from reviewwatch.http import get
from reviewwatch.models import Item, Kind, State

KIND = "schema_org"
ITEM_KIND = Kind.REVIEW
HOST = ""
REQUIRED = ("url",)
OPTIONAL = ()
DEFAULT_BACKFILL = 1
MAX_DEPTH = 8


def _types(node: dict[str, Any]) -> set[str]:
    return {str(t).rsplit("/", 1)[-1] for t in as_list(node.get("@type"))}


def _walk(node: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > MAX_DEPTH:
        return
    if isinstance(node, list):
        for x in node:
            yield from _walk(x, depth + 1)
    elif isinstance(node, dict):
        yield node
        for value in node.values():
            if isinstance(value, dict | list):
                yield from _walk(value, depth + 1)


def _name(value: Any) -> str | None:
    value = as_list(value)[0] if as_list(value) else None
    return value.get("name") if isinstance(value, dict) else value


def _rating(node: Any) -> tuple[float | None, float]:
    node = as_list(node)[0] if as_list(node) else None
    if isinstance(node, dict):
        try:
            value = float(node.get("ratingValue"))
        except (TypeError, ValueError):
            return None, 5
        try:
            best = float(node.get("bestRating") or 5)
        except (TypeError, ValueError):
            best = 5
        return value, best
    return None, 5


def from_json_ld(soup: BeautifulSoup) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """Reviews and the aggregate rating in the page's JSON-LD blocks."""
    reviews, aggregate = [], None
    for script in soup.find_all("script", type="application/ld+json"):
        try:
            data = json.loads(script.string or "")
        except ValueError:
            continue  # one broken block must not hide the others
        for node in _walk(data):
            types = _types(node)
            if "Review" in types:
                rating, best = _rating(node.get("reviewRating"))
                reviews.append({"id": node.get("@id") or node.get("url"),
                                "author": _name(node.get("author")), "rating": rating,
                                "best": best, "title": node.get("name"),
                                "text": node.get("reviewBody") or node.get("description") or "",
                                "date": node.get("datePublished")})
            elif "AggregateRating" in types and aggregate is None:
                aggregate = {"ratingValue": node.get("ratingValue"),
                             "reviewCount": node.get("reviewCount") or node.get("ratingCount")}
    return reviews, aggregate


def _prop(scope: Any, name: str) -> Any:
    """An itemprop of this item itself, not of an item nested in it (an author's name)."""
    for el in scope.find_all(attrs={"itemprop": name}):
        if el.find_parent(attrs={"itemscope": True}) is scope:
            return el.get("content") or el.get("datetime") or el.get_text(" ", strip=True)
    return None


def from_microdata(soup: BeautifulSoup) -> list[dict[str, Any]]:
    """Reviews in schema.org microdata (itemtype .../Review)."""
    reviews = []
    for scope in soup.find_all(attrs={"itemtype": lambda t: bool(t) and t.endswith("/Review")}):
        rating_el = scope.find(attrs={"itemprop": "reviewRating"})
        rating, best = None, 5.0
        if rating_el is not None:
            try:
                rating = float(_prop(rating_el, "ratingValue"))
                best = float(_prop(rating_el, "bestRating") or 5)
            except (TypeError, ValueError):
                rating = None
        author_el = scope.find(attrs={"itemprop": "author"})
        author = None
        if author_el is not None:
            author = (_prop(author_el, "name") if author_el.has_attr("itemscope") else None) \
                or author_el.get_text(" ", strip=True)
        reviews.append({"id": scope.get("itemid") or scope.get("id"), "author": author,
                        "rating": rating, "best": best, "title": _prop(scope, "name"),
                        "text": _prop(scope, "reviewBody") or _prop(scope, "description") or "",
                        "date": _prop(scope, "datePublished")})
    return reviews


async def fetch(client: httpx.AsyncClient, source: Source, state: State) -> AsyncIterator[dict]:
    """Yield the page's reviews (nothing when the page is unchanged: 304)."""
    url = str(source.option("url"))
    response = await get(client, source, url, state=state, conditional=True)
    if response is None:
        return
    soup = BeautifulSoup(response.text, "html.parser")
    reviews, aggregate = from_json_ld(soup)
    if not reviews:
        reviews = from_microdata(soup)
    for review in reviews:
        yield {**review, "aggregate": aggregate, "page": url}


def normalize(raw: dict[str, Any], source: Source) -> Item:
    """One schema.org review; one without an id is known by its author and date."""
    external = raw.get("id") or stable_id(raw.get("author"), raw.get("date"),
                                          None if raw.get("author") and raw.get("date")
                                          else raw.get("text"))
    return Item(source=source.name, external_id=str(external), kind=ITEM_KIND,
                author=raw.get("author"), rating=raw.get("rating"),
                rating_max=raw.get("best") or 5, title=raw.get("title"),
                text=html_to_text(raw.get("text")), url=raw.get("page"),
                published_at=iso_from_text(raw.get("date")), raw=raw)
