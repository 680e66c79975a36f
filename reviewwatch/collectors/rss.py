"""Mentions from any RSS (0.9x, 1.0/RDF, 2.0) or Atom feed, Google Alerts included.

Google Alerts links are `https://www.google.com/url?...&url=TARGET` redirects: the real
link is unwrapped. Titles and summaries arrive as HTML (with `<b>` around the keyword);
they become plain text. The request is conditional (ETag / Last-Modified), so an
unchanged feed costs a 304 and writes nothing.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import feedparser
import httpx

from reviewwatch.collectors._paging import stable_id
from reviewwatch.collectors._util import html_to_text, iso_from_text
from reviewwatch.config import Source
from reviewwatch.errors import ParseError
from reviewwatch.http import get
from reviewwatch.models import Item, Kind, State

KIND = "rss"
ITEM_KIND = Kind.MENTION
HOST = ""
REQUIRED = ("url",)
OPTIONAL = ()
DEFAULT_BACKFILL = 1
DECLARATION_WINDOW = 8192  # entity declarations live in the prolog, before the root element


def unwrap(link: str | None) -> str | None:
    """The real target of a google.com/url?…url= redirect; other links unchanged."""
    if not link:
        return None
    parts = urlsplit(link)
    if parts.netloc.endswith("google.com") and parts.path == "/url":
        target = parse_qs(parts.query).get("url") or parse_qs(parts.query).get("q")
        if target:
            return target[0]
    return link


def parse_feed(body: bytes, source_name: str) -> list[dict[str, Any]]:
    """Entries of an RSS 0.9x / 1.0 (RDF) / 2.0 or Atom document, parsed by feedparser.

    A DOCTYPE is fine (RSS 0.91 declares one); an entity declaration is refused before
    parsing, so no entity expansion (billion laughs) or external entity can happen.
    feedparser is given bytes, never a string (a string would be taken as a URL to fetch).
    """
    if b"<!ENTITY" in body[:DECLARATION_WINDOW].upper():
        raise ParseError(f"{source_name}: the feed declares XML entities; refusing to parse it")
    parsed = feedparser.parse(bytes(body), sanitize_html=True, resolve_relative_uris=False)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        raise ParseError(f"{source_name}: not an RSS or Atom feed"
                         + (f" ({type(reason).__name__})" if reason else ""))
    entries = []
    for e in parsed.entries:
        content = e.get("content") or []
        summary = content[0].get("value") if content and isinstance(content[0], dict) else None
        entries.append({"id": e.get("id"), "title": e.get("title"),
                        "summary": summary or e.get("summary") or e.get("description"),
                        "link": e.get("link"), "author": e.get("author"),
                        "date": e.get("published") or e.get("updated") or e.get("created"),
                        "format": parsed.get("version") or "unknown"})
    return entries


async def fetch(client: httpx.AsyncClient, source: Source, state: State) -> AsyncIterator[dict]:
    """Yield the feed's entries (nothing when it is unchanged: 304)."""
    response = await get(client, source, str(source.option("url")), state=state,
                         conditional=True)
    if response is None:
        return
    for entry in parse_feed(response.content, source.name):
        yield entry


def _date(value: str | None) -> str | None:
    if not value:
        return None
    iso = iso_from_text(value)
    if iso:
        return iso
    from email.utils import parsedate_to_datetime

    try:
        return iso_from_text(parsedate_to_datetime(value).isoformat())
    except (TypeError, ValueError):
        return None


def normalize(raw: dict[str, Any], source: Source) -> Item:
    """One feed entry as a mention: the real link, plain-text title and summary."""
    link = unwrap(raw.get("link"))
    external = raw.get("id") or link or stable_id(raw.get("title"), raw.get("date"))
    return Item(source=source.name, external_id=str(external), kind=ITEM_KIND,
                author=(raw.get("author") or "").strip() or None,
                title=html_to_text(raw.get("title")) or None,
                text=html_to_text(raw.get("summary")), url=link,
                published_at=_date(raw.get("date")), raw=raw)
