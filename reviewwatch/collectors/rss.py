"""Mentions from any RSS 2.0 or Atom feed, Google Alerts included.

Google Alerts links are `https://www.google.com/url?...&url=TARGET` redirects: the real
link is unwrapped. Titles and summaries arrive as HTML (with `<b>` around the keyword);
they become plain text. The request is conditional (ETag / Last-Modified), so an
unchanged feed costs a 304 and writes nothing.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET  # noqa: S405 - expat >= 2.4 refuses entity bombs; no DTDs
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

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
ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"


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


def _text(el: ET.Element | None) -> str | None:
    return None if el is None else (el.text or "")


def parse_feed(body: bytes, source_name: str) -> list[dict[str, Any]]:
    """Entries of an RSS or Atom document."""
    if b"<!DOCTYPE" in body[:2048] or b"<!ENTITY" in body[:4096]:
        raise ParseError(f"{source_name}: the feed declares a DTD; refusing to parse it")
    try:
        root = ET.fromstring(body)  # noqa: S314 - bounded size, no DTD (checked above)
    except ET.ParseError as e:
        raise ParseError(f"{source_name}: the feed is not well-formed XML ({e})") from None
    entries = []
    if root.tag == f"{ATOM}feed":
        for e in root.findall(f"{ATOM}entry"):
            link = next((x.get("href") for x in e.findall(f"{ATOM}link")
                         if x.get("rel", "alternate") == "alternate"), None)
            entries.append({"id": _text(e.find(f"{ATOM}id")),
                            "title": _text(e.find(f"{ATOM}title")),
                            "summary": _text(e.find(f"{ATOM}content")) or
                            _text(e.find(f"{ATOM}summary")), "link": link,
                            "author": _text(e.find(f"{ATOM}author/{ATOM}name")),
                            "date": _text(e.find(f"{ATOM}published")) or
                            _text(e.find(f"{ATOM}updated"))})
    elif root.tag == "rss" or root.find("channel") is not None:
        for e in root.iter("item"):
            entries.append({"id": _text(e.find("guid")), "title": _text(e.find("title")),
                            "summary": _text(e.find("description")), "link": _text(e.find("link")),
                            "author": _text(e.find("author")) or _text(e.find(f"{DC}creator")),
                            "date": _text(e.find("pubDate"))})
    else:
        raise ParseError(f"{source_name}: not an RSS or Atom feed (root <{root.tag}>)")
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
