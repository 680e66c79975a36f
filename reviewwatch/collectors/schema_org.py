"""Reviews marked up with schema.org on any page: JSON-LD, microdata and RDFa.

extruct reads microdata and RDFa into JSON-LD shapes (`uniform=True`), which saves
hand-writing two parsers and their corner cases (nested itemscopes, itemref, RDFa
prefixes). JSON-LD blocks are read one by one, so one broken block does not hide the
others (extruct drops them all). Every `Review` or subtype (`UserReview`,
`CriticReview`, ...) is read, top level, in `@graph`, or nested as a Product's or
LocalBusiness's `review`, with the `reviewRating`'s `bestRating` and `worstRating`
(schema.org's defaults are 5 and 1). The `AggregateRating` is kept in each item's raw
record. The request is conditional, so an
unchanged page costs a 304.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from typing import Any

import extruct
import httpx
from bs4 import BeautifulSoup

from reviewwatch.collectors._paging import stable_id
from reviewwatch.collectors._util import MAX_HTML_CHARS, as_list, html_to_text, iso_from_text
from reviewwatch.config import Source
from reviewwatch.http import get
from reviewwatch.models import Item, Kind, State

KIND = "schema_org"
ITEM_KIND = Kind.REVIEW
HOST = ""
REQUIRED = ("url",)
OPTIONAL = ()
DEFAULT_BACKFILL = 1
SHOWS_REPLIES = False  # review markup rarely carries the owner's answer; not read
MAX_DEPTH = 8
SYNTAXES = ["microdata", "rdfa"]
SCHEMA = ("https://schema.org/", "http://schema.org/")
REVIEW_TYPES = {"Review", "UserReview", "CriticReview", "EmployerReview", "Recommendation"}
MAX_PAGE_CHARS = MAX_HTML_CHARS * 10  # markup past this is not parsed


def _types(node: dict[str, Any]) -> set[str]:
    return {str(t).rsplit("/", 1)[-1].rsplit("#", 1)[-1] for t in as_list(node.get("@type"))}


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


def _value(value: Any) -> Any:
    """A property's plain value: RDFa and some JSON-LD give {"@value": ...} or a list."""
    value = as_list(value)[0] if as_list(value) else None
    return value.get("@value", value) if isinstance(value, dict) else value


def _name(value: Any) -> str | None:
    value = as_list(value)[0] if as_list(value) else None
    if isinstance(value, dict):
        return _value(value.get("name"))
    return value


def _number(value: Any) -> float | None:
    try:
        return float(str(_value(value)).strip())
    except (TypeError, ValueError):
        return None


def _rating(node: Any) -> tuple[float | None, float, float]:
    """(value, best, worst) of a Rating, with schema.org's defaults 5 and 1."""
    node = as_list(node)[0] if as_list(node) else None
    if not isinstance(node, dict):
        return _number(node), 5.0, 1.0
    best = _number(node.get("bestRating"))
    worst = _number(node.get("worstRating"))
    return _number(node.get("ratingValue")), best if best else 5.0, \
        worst if worst is not None else 1.0


def _json_ld_blocks(html: str) -> list[Any]:
    blocks = []
    for script in BeautifulSoup(html, "html.parser").find_all("script",
                                                              type="application/ld+json"):
        try:
            blocks.append(json.loads(script.string or ""))
        except ValueError:
            continue  # one broken block must not hide the others
    return blocks


def _compact_rdfa(nodes: list[Any]) -> list[dict[str, Any]]:
    """extruct's RDFa is flat, expanded JSON-LD: shorten schema.org IRIs and put each
    referenced node ({"@id": ...}) in place, so it reads like the other syntaxes."""
    by_id: dict[str, dict[str, Any]] = {}
    for node in nodes:
        if isinstance(node, dict) and node.get("@id"):
            by_id[str(node["@id"])] = {}
    for node in nodes:
        if not isinstance(node, dict) or not node.get("@id"):
            continue
        short = by_id[str(node["@id"])]
        for key, value in node.items():
            name = next((key[len(p):] for p in SCHEMA if key.startswith(p)), key)
            if name == "@type":
                short[name] = [next((t[len(p):] for p in SCHEMA if t.startswith(p)), t)
                               for t in as_list(value)]
                continue
            short[name] = [by_id.get(str(v.get("@id")), v) if isinstance(v, dict) and
                           set(v) == {"@id"} else v for v in as_list(value)]
    return list(by_id.values())


def reviews_in(html: str, url: str) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """Reviews and the aggregate rating in a page's JSON-LD, microdata and RDFa."""
    html = html[:MAX_PAGE_CHARS]
    try:
        data = extruct.extract(html, base_url=url, syntaxes=SYNTAXES, uniform=True,
                               errors="ignore")
    except Exception:  # noqa: BLE001 - a page extruct cannot read: JSON-LD may still do
        data = {}
    sources = [_json_ld_blocks(html), data.get("microdata") or [],
               _compact_rdfa(data.get("rdfa") or [])]
    reviews, aggregate, seen = [], None, set()
    for found in sources:
        for node in _walk(found):
            types = _types(node)
            if types & REVIEW_TYPES:
                rating, best, worst = _rating(node.get("reviewRating"))
                review = {"id": _value(node.get("@id")) or _value(node.get("url")) or
                          _value(node.get("id")), "author": _name(node.get("author")),
                          "rating": rating, "best": best, "worst": worst,
                          "type": sorted(types & REVIEW_TYPES)[0],
                          "title": _value(node.get("name")) or _value(node.get("headline")),
                          "text": _value(node.get("reviewBody")) or
                          _value(node.get("description")) or "",
                          "date": _value(node.get("datePublished"))}
                key = (review["author"], review["date"], review["text"])
                if key not in seen:  # a page may mark one review up in two syntaxes
                    seen.add(key)
                    reviews.append(review)
            elif "AggregateRating" in types and aggregate is None:
                aggregate = {"ratingValue": _value(node.get("ratingValue")),
                             "reviewCount": _value(node.get("reviewCount")) or
                             _value(node.get("ratingCount"))}
    return reviews, aggregate


async def fetch(client: httpx.AsyncClient, source: Source, state: State) -> AsyncIterator[dict]:
    """Yield the page's reviews (nothing when the page is unchanged: 304)."""
    url = str(source.option("url"))
    response = await get(client, source, url, state=state, conditional=True)
    if response is None:
        return
    reviews, aggregate = reviews_in(response.text, url)
    for review in reviews:
        yield {**review, "aggregate": aggregate, "page": url}


def normalize(raw: dict[str, Any], source: Source) -> Item:
    """One schema.org review; one without an id is known by its author and date."""
    external = raw.get("id") or stable_id(raw.get("author"), raw.get("date"),
                                          None if raw.get("author") and raw.get("date")
                                          else raw.get("text"))
    rating, best = raw.get("rating"), raw.get("best") or 5
    worst = raw.get("worst")
    if rating is not None and worst not in (None, 0, 1):
        # A scale that does not start at 0 or 1 (say -5..5) is shifted to start at 0.
        rating, best = rating - worst, best - worst
    return Item(source=source.name, external_id=str(external), kind=ITEM_KIND,
                author=raw.get("author"), rating=rating,
                rating_max=best, title=raw.get("title"),
                text=html_to_text(raw.get("text")), url=raw.get("page"),
                published_at=iso_from_text(raw.get("date")), raw=raw)
