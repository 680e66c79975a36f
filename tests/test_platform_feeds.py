"""Feeds through feedparser: RSS 0.91 with its DOCTYPE, RSS 1.0 (RDF), and XML that tries
entity expansion or external entities is refused before any parsing.

References: https://www.rssboard.org/rss-0-9-1-netscape, https://web.resource.org/rss/1.0/spec,
https://docs.python.org/3/library/xml.html#xml-vulnerabilities
"""

from __future__ import annotations

import pytest

from reviewwatch.collectors import rss
from reviewwatch.errors import ParseError
from tests.conftest import FIXTURES


def entries(name):
    return rss.parse_feed((FIXTURES / name).read_bytes(), "s")


def test_rss_091_with_a_doctype_is_read():
    (entry,) = entries("rss091.xml")
    assert entry["title"] == "Tidepool Habits 4.2 reviewed"
    assert entry["link"] == "https://news.example/2026/11/tidepool-habits-42"
    assert "streak bug" in entry["summary"] and entry["format"] == "rss091n"


def test_rss_10_rdf_is_read_with_dublin_core():
    (entry,) = entries("rss10_rdf.xml")
    assert (entry["title"], entry["author"], entry["format"]) == (
        "Why I left Tidepool Habits", "Jo Writer", "rss10")
    assert entry["date"] == "2026-11-20T10:00:00Z"


@pytest.mark.parametrize("body", [
    b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
    b"<rss><channel><item><title>&b;</title></item></channel></rss>",
    b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    b"<rss><channel><item><title>&xxe;</title></item></channel></rss>",
    b'<?xml version="1.0"?><!doctype rss [<!entity xxe SYSTEM "http://127.0.0.1/">]><rss/>',
])
def test_entity_declarations_are_refused(body):
    with pytest.raises(ParseError, match="declares XML entities"):
        rss.parse_feed(body, "s")


def test_html_that_is_not_a_feed_is_one_clear_error():
    with pytest.raises(ParseError, match="not an RSS or Atom feed"):
        rss.parse_feed(b"<html><body>Sign in</body></html>", "s")


@pytest.mark.parametrize(("pacific", "utc"), [
    ("2016-08-29 00:41:13", "2016-08-29T07:41:13Z"),  # PDT, UTC-7 (the Fusion docs' sample)
    ("2026-01-15 09:00:00", "2026-01-15T17:00:00Z"),  # PST, UTC-8
    ("2026-11-01 01:30:00", "2026-11-01T08:30:00Z"),  # the repeated hour: the first, PDT
])
def test_yelp_time_created_is_pacific_stored_as_utc(pacific, utc):
    # https://docs.developer.yelp.com/reference/v3_business_reviews (time_created, PST)
    from reviewwatch.collectors import yelp

    assert yelp.pacific_to_utc(pacific) == utc


def test_schema_org_subtypes_worst_rating_and_rdfa():
    # https://schema.org/UserReview, https://schema.org/CriticReview, https://schema.org/Rating
    from reviewwatch.collectors import schema_org
    from reviewwatch.config import from_dict

    html = (FIXTURES / "schema_org_subtypes.html").read_text()
    reviews, aggregate = schema_org.reviews_in(html, "https://shop.example/kettle")
    source = from_dict({"storage": {"path": "x.db"}, "businesses": [{"id": "b", "name": "B",
                        "sources": [{"name": "s", "kind": "schema_org",
                                     "url": "https://shop.example/kettle"}]}]},
                       environ={}).sources[0]
    items = {i.author: i for i in (schema_org.normalize({**r, "page": "p"}, source)
                                   for r in reviews)}
    assert set(items) == {"Lena", "Kettle Weekly", "Omar"}
    assert (items["Lena"].rating, items["Lena"].rating_max) == (2.0, 10.0)  # 0..10
    assert (items["Kettle Weekly"].rating, items["Kettle Weekly"].rating_max) == (8.0, 10.0)
    assert (items["Omar"].rating, items["Omar"].text) == (5.0, "Boils fast and quietly.")
    assert {r["type"] for r in reviews} == {"UserReview", "CriticReview", "Review"}
    assert aggregate == {"ratingValue": "3.5", "reviewCount": "3"}
