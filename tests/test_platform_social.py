"""Mastodon and Reddit as documented, and the rate-limit headers each platform sends.

References:
  https://docs.joinmastodon.org/methods/timelines/#tag
  https://docs.joinmastodon.org/methods/statuses/#create (in_reply_to_id, Idempotency-Key)
  https://docs.joinmastodon.org/api/rate-limits/ (X-RateLimit-Remaining / -Reset, ISO 8601)
  https://github.com/reddit-archive/reddit/wiki/OAuth2 (client_credentials, Basic auth)
  https://github.com/reddit-archive/reddit/wiki/API (User-Agent format, X-Ratelimit-*)
  https://www.reddit.com/dev/api/#GET_api_info
  https://docs.bsky.app/docs/advanced-guides/rate-limits (RateLimit-Remaining / -Reset)
"""

from __future__ import annotations

import base64
import json

import httpx
import pytest

from reviewwatch import db as store
from reviewwatch import http
from reviewwatch.errors import RateLimited
from reviewwatch.models import Item, State
from reviewwatch.pipeline import poll_source
from tests.platformutil import (
    Platform,
    approved,
    deliver_with,
    fetch_with,
    fixture,
    settings_with,
)

pytestmark = pytest.mark.usefixtures("instant_sleep")  # backoffs wait on nothing

TAG = "/api/v1/timelines/tag/tidepoolhabits"


def masto(**extra):
    return {"kind": "mastodon", "instance": "https://mastodon.example", "tags": ["TidepoolHabits"],
            "base_url": "http://masto.test", **extra}


def test_mastodon_sends_the_token_and_a_404_tag_is_no_posts(tmp_path):
    source = settings_with(tmp_path, masto(access_token="env:MT"), {"MT": "masto-token"}).sources[0]
    platform = Platform({("GET", TAG): httpx.Response(404, json={"error": "Record not found"})})
    items, state = fetch_with(source, platform)
    assert items == [] and state.cursor is None
    assert platform.requests[0].headers["Authorization"] == "Bearer masto-token"


def test_mastodon_reply_is_a_status_in_reply_to_the_id(tmp_path):
    settings, db, draft_id = approved(tmp_path, masto(access_token="env:MT"),
                                      "113520000000000002", {"MT": "masto-token"},
                                      text="Thanks, Ana!")
    status = {"id": "113530000000000001", "in_reply_to_id": "113520000000000002",
              "content": "<p>Thanks, Ana!</p>", "visibility": "public"}
    platform = Platform({("POST", "/api/v1/statuses"): httpx.Response(200, json=status)})
    assert deliver_with(db, settings, platform)["sent"] == 1
    (request,) = platform.requests
    assert (request.method, request.url.host, request.url.path) == (
        "POST", "masto.test", "/api/v1/statuses")
    assert request.headers["Authorization"] == "Bearer masto-token"
    assert request.headers["Idempotency-Key"] == f"reviewwatch-draft-{draft_id}"
    assert json.loads(request.content) == {"status": "Thanks, Ana!",
                                           "in_reply_to_id": "113520000000000002",
                                           "visibility": "public"}


def test_mastodon_without_a_token_is_posted_by_hand(tmp_path):
    settings, db, draft_id = approved(tmp_path, masto(), "113520000000000002")
    assert store.get_draft(db, draft_id)["publish_mode"] == "manual"


def reddit(**extra):
    return {"kind": "reddit", "query": "Tidepool Habits", "client_id": "p-jcoLKBynTLew",
            "client_secret": "env:RS", "username": "tidepool_team",
            "base_url": "http://reddit.test", **extra}


TOKEN = {"access_token": "eyJhbGciOiJSUzI1NiIs-app-only", "token_type": "bearer",
         "expires_in": 86400, "scope": "*"}


def test_reddit_application_only_oauth_and_the_user_agent(tmp_path):
    source = settings_with(tmp_path, reddit(), {"RS": "gko_LXELoV07ZBNUXrvWZfzE3aI"}).sources[0]
    platform = Platform({("POST", "/api/v1/access_token"): httpx.Response(200, json=TOKEN),
                         ("GET", "/search"): httpx.Response(200, json=fixture(
                             "reddit_search.json"))})
    items, state = fetch_with(source, platform)
    token_request, search = platform.requests
    expected = base64.b64encode(b"p-jcoLKBynTLew:gko_LXELoV07ZBNUXrvWZfzE3aI").decode()
    assert token_request.headers["Authorization"] == f"Basic {expected}"
    assert token_request.content == b"grant_type=client_credentials"
    assert search.headers["Authorization"] == "Bearer eyJhbGciOiJSUzI1NiIs-app-only"
    assert search.headers["User-Agent"] == "python:reviewwatch:0.1.0 (by /u/tidepool_team)"
    assert search.url.params["q"] == '"Tidepool Habits"' and search.url.params["sort"] == "new"
    assert items[0].external_id == "t3_1gx7k2p" and state.degraded is None


def test_reddit_without_credentials_works_marked_degraded(tmp_path):
    source = settings_with(tmp_path, {"kind": "reddit", "query": "Tidepool",
                                      "base_url": "http://reddit.test"}).sources[0]
    platform = Platform({("GET", "/search.json"): httpx.Response(200, json=fixture(
        "reddit_search.json"))})
    items, state = fetch_with(source, platform)
    assert items and "unauthenticated" in state.degraded
    assert platform.requests[0].headers["User-Agent"].startswith("python:reviewwatch:0.1.0 (")


def test_reddit_posts_deleted_by_their_authors_are_purged(tmp_path):
    import asyncio

    settings = settings_with(tmp_path, reddit(), {"RS": "secret-value"})
    source = settings.sources[0]
    db = store.open_database(settings.storage_path)
    store.sync_config(db, settings)
    with db.atomic():
        store.save_items(db, "b", [Item(source="src", external_id="t3_1gx7k2p", kind="mention",
                                        author="quietowl", text="Tidepool Habits lost my streak")])
    platform = Platform({
        ("POST", "/api/v1/access_token"): httpx.Response(200, json=TOKEN),
        ("GET", "/search"): httpx.Response(200, json={"kind": "Listing", "data": {
            "after": None, "children": []}}),
        ("GET", "/api/info"): httpx.Response(200, json=fixture("reddit_info.json"))})

    async def go():
        async with httpx.AsyncClient(transport=httpx.MockTransport(platform)) as client:
            return await poll_source(db, settings, client, source)
    result = asyncio.run(go())
    assert result.error is None
    assert platform.to("/api/info")[0].url.params["id"] == "t3_1gx7k2p"
    (row,) = db.query("SELECT author, text, deleted_at FROM items")
    assert (row["author"], row["text"]) == (None, "") and row["deleted_at"]


@pytest.mark.parametrize(("headers", "held"), [
    ({"X-Ratelimit-Used": "600", "X-Ratelimit-Remaining": "0.0", "X-Ratelimit-Reset": "30"},
     False),  # Reddit: seconds to the window's end, a short wait
    ({"X-Ratelimit-Used": "600", "X-Ratelimit-Remaining": "0", "X-Ratelimit-Reset": "540"},
     True),  # a long wait holds the source instead of blocking the poll
    ({"X-RateLimit-Limit": "300", "X-RateLimit-Remaining": "0",
      "X-RateLimit-Reset": "2999-01-01T00:00:00.000Z"}, True),  # Mastodon: an ISO moment
    ({"RateLimit-Limit": "3000", "RateLimit-Remaining": "0", "RateLimit-Reset": "32503680000",
      "RateLimit-Policy": "3000;w=300"}, True),  # Bluesky: a Unix time
])
def test_rate_limit_headers_are_honoured(tmp_path, instant_sleep, monkeypatch, headers, held):
    monkeypatch.setattr(http, "clock", lambda: 1_790_000_000.0)
    source = settings_with(tmp_path, {"kind": "reddit", "query": "Tidepool",
                                      "base_url": "http://reddit.test"}).sources[0]
    empty = {"kind": "Listing", "data": {"after": "t3_next", "children": [
        {"kind": "t3", "data": {"id": "a1", "title": "x", "author": "u"}}]}}
    platform = Platform({("GET", "/search.json"): httpx.Response(200, json=empty,
                                                                 headers=headers)})
    if held:
        with pytest.raises(RateLimited, match="no requests are left"):
            fetch_with(source, platform, State(first_run=True))
        assert len(platform.requests) == 1  # the second page was not asked for
    else:
        fetch_with(source, platform, State(first_run=True))
        assert instant_sleep.waits == [30.0, 30.0] and len(platform.requests) == 3
    assert http.reset_seconds("30", 0) == 30.0
