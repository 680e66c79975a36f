"""Bluesky: authenticated search without a cursor, one session reused and refreshed, and
replies through createRecord with root and parent refs, within 300 graphemes.

References:
  https://docs.bsky.app/docs/api/app-bsky-feed-search-posts
  https://docs.bsky.app/docs/api/com-atproto-server-create-session
  https://docs.bsky.app/docs/api/com-atproto-server-refresh-session
  https://docs.bsky.app/docs/api/com-atproto-repo-create-record
  https://docs.bsky.app/docs/advanced-guides/posts#replies (root and parent)
  https://docs.bsky.app/docs/advanced-guides/rate-limits (createSession: 300 a day)
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import httpx
import pytest

from reviewwatch import db as store
from reviewwatch.errors import AuthFailed
from reviewwatch.models import Item
from reviewwatch.publishers import bluesky
from tests.platformutil import (
    Platform,
    approved,
    deliver_with,
    fetch_with,
    fixture,
    settings_with,
)

pytestmark = pytest.mark.usefixtures("instant_sleep")  # backoffs wait on nothing

SEARCH = "/xrpc/app.bsky.feed.searchPosts"
CREATE = "/xrpc/com.atproto.server.createSession"
REFRESH = "/xrpc/com.atproto.server.refreshSession"
RECORD = "/xrpc/com.atproto.repo.createRecord"
ENV = {"BSKY": "abcd-efgh-ijkl-mnop"}
EXPIRED = {"error": "ExpiredToken", "message": "Token has expired"}


def bsky_source(**extra):
    return {"kind": "bluesky", "handle": "tidepool.app", "app_password": "env:BSKY",
            "query": "Tidepool", "base_url": "http://pds.test", **extra}


def session(n):
    return httpx.Response(200, json={"accessJwt": f"access-{n}", "refreshJwt": f"refresh-{n}",
                                     "handle": "tidepool.app", "did": "did:plc:tidepool"})


def posts():
    return httpx.Response(200, json=fixture("bluesky_search_posts.json"))


def test_search_uses_the_session_asks_no_cursor_and_reuses_it(tmp_path):
    source = settings_with(tmp_path, bsky_source(), ENV).sources[0]
    platform = Platform({("POST", CREATE): session(1), ("GET", SEARCH): posts()})
    items, _ = fetch_with(source, platform)
    fetch_with(source, platform)  # the next poll
    assert [r.url.path for r in platform.requests] == [CREATE, SEARCH, SEARCH]
    assert {r.url.host for r in platform.requests} == {"pds.test"}  # base_url, session too
    create, search = platform.requests[:2]
    assert json.loads(create.content) == {"identifier": "tidepool.app",
                                          "password": "abcd-efgh-ijkl-mnop"}
    assert dict(search.url.params) == {"q": "Tidepool", "sort": "latest", "limit": "100"}
    assert search.headers["Authorization"] == "Bearer access-1"
    assert items[0].external_id.startswith("at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/")


def test_an_expired_token_is_refreshed_not_recreated(tmp_path):
    source = settings_with(tmp_path, bsky_source(), ENV).sources[0]
    platform = Platform({("POST", CREATE): session(1), ("POST", REFRESH): session(2),
                         ("GET", SEARCH): [httpx.Response(200, json={"posts": []}),
                                           httpx.Response(400, json=EXPIRED), posts()]})
    fetch_with(source, platform)
    items, _ = fetch_with(source, platform)
    assert [r.url.path for r in platform.requests] == [CREATE, SEARCH, SEARCH, REFRESH, SEARCH]
    assert platform.to(REFRESH)[0].headers["Authorization"] == "Bearer refresh-1"
    assert platform.requests[-1].headers["Authorization"] == "Bearer access-2"
    assert len(items) == 2


def test_a_refused_refresh_creates_a_new_session(tmp_path):
    source = settings_with(tmp_path, bsky_source(), ENV).sources[0]
    platform = Platform({("POST", CREATE): [session(1), session(3)],
                         ("POST", REFRESH): httpx.Response(400, json=EXPIRED),
                         ("GET", SEARCH): [httpx.Response(200, json={"posts": []}),
                                           httpx.Response(400, json=EXPIRED), posts()]})
    fetch_with(source, platform)
    fetch_with(source, platform)
    assert [r.url.path for r in platform.requests] == [CREATE, SEARCH, SEARCH, REFRESH, CREATE,
                                                      SEARCH]
    assert platform.requests[-1].headers["Authorization"] == "Bearer access-3"


def test_a_wrong_app_password_is_auth_failed_without_the_password(tmp_path):
    source = settings_with(tmp_path, bsky_source(), ENV).sources[0]
    platform = Platform({("POST", CREATE): httpx.Response(401, json={
        "error": "AuthenticationRequired", "message": "Invalid identifier or password"})})
    with pytest.raises(AuthFailed) as caught:
        fetch_with(source, platform)
    assert "abcd-efgh" not in str(caught.value)


def stored_post(index):
    post = fixture("bluesky_search_posts.json")["posts"][index]
    return Item(source="src", external_id=post["uri"], kind="mention", text="x", raw=post)


@pytest.mark.parametrize(("index", "root_uri"), [
    (0, "at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3lbz5aaaaaa2a"),  # a reply
    (1, "at://did:plc:44ybard66vv44zksje25o7dz/app.bsky.feed.post/3lbz4qzpjnc2p"),  # a root
])
def test_the_reply_is_a_create_record_with_root_and_parent(tmp_path, monkeypatch, index,
                                                           root_uri):
    monkeypatch.setattr(bluesky, "clock", lambda: datetime(2026, 11, 22, 9, 0, 5, 250000,
                                                           tzinfo=UTC))
    post = stored_post(index)
    settings, db, draft_id = approved(tmp_path, bsky_source(), post.external_id, ENV,
                                      item=post, text="Sorry, Kai: fixed in 4.3.")
    created = {"uri": "at://did:plc:tidepool/app.bsky.feed.post/3lc2abcd", "cid": "bafyrei"}
    platform = Platform({("POST", CREATE): session(1),
                         ("POST", RECORD): httpx.Response(200, json=created)})
    assert deliver_with(db, settings, platform)["sent"] == 1
    record_request = platform.to(RECORD)[0]
    assert record_request.headers["Authorization"] == "Bearer access-1"
    raw = post.raw
    root = raw["record"]["reply"]["root"] if index == 0 else {"uri": raw["uri"],
                                                              "cid": raw["cid"]}
    assert root["uri"] == root_uri
    assert json.loads(record_request.content) == {
        "repo": "did:plc:tidepool", "collection": "app.bsky.feed.post",
        "record": {"$type": "app.bsky.feed.post", "text": "Sorry, Kai: fixed in 4.3.",
                   "createdAt": "2026-11-22T09:00:05.250Z",
                   "reply": {"root": root, "parent": {"uri": raw["uri"], "cid": raw["cid"]}}}}
    assert store.get_draft(db, draft_id)["status"] == "posted"


def test_length_is_counted_in_graphemes():
    thumbs = "\U0001f44d\U0001f3fd"  # one grapheme, two code points
    assert bluesky.graphemes(thumbs * 300) == 300 and len(thumbs * 300) == 600
    assert bluesky.graphemes("e\u0301") == 1


def test_a_reply_over_300_graphemes_is_refused_before_any_request(tmp_path):
    post = stored_post(1)
    settings, db, draft_id = approved(tmp_path, bsky_source(), post.external_id, ENV,
                                      item=post, text="a" * 301)
    platform = Platform({})
    assert deliver_with(db, settings, platform)["failed"] == 1
    assert platform.requests == []
    assert "301 graphemes" in store.get_draft(db, draft_id)["post_error"]


def test_a_new_process_reuses_the_stored_session_and_keeps_the_refreshed_one(tmp_path):
    import stat

    from reviewwatch.publishers import bluesky_session

    source = settings_with(tmp_path, bsky_source(), ENV).sources[0]
    path = tmp_path / "reviewwatch.db.bluesky-sessions.json"
    bluesky_session.use_store(path)
    platform = Platform({("POST", CREATE): session(1), ("POST", REFRESH): session(2),
                         ("GET", SEARCH): [posts(), httpx.Response(400, json=EXPIRED),
                                           posts(), posts()]})
    fetch_with(source, platform)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # a credential: the owner reads it
    bluesky_session._sessions.clear()  # the next `reviewwatch collect`: a new process
    fetch_with(source, platform)  # the stored access token has expired: refreshed
    bluesky_session._sessions.clear()
    fetch_with(source, platform)
    assert [r.url.path for r in platform.requests] == [CREATE, SEARCH, SEARCH, REFRESH, SEARCH,
                                                      SEARCH]
    assert platform.requests[-1].headers["Authorization"] == "Bearer access-2"
    assert json.loads(path.read_text())["src\ttidepool.app"]["refreshJwt"] == "refresh-2"


def test_a_session_refused_for_good_is_removed_from_the_store(tmp_path):
    from reviewwatch.publishers import bluesky_session

    source = settings_with(tmp_path, bsky_source(), ENV).sources[0]
    path = tmp_path / "sessions.json"
    bluesky_session.use_store(path)
    refused = httpx.Response(400, json=EXPIRED)
    platform = Platform({("POST", CREATE): [session(1), session(2)],
                         ("POST", REFRESH): refused,
                         ("GET", SEARCH): [posts(), refused, refused]})
    fetch_with(source, platform)
    with pytest.raises(AuthFailed):
        fetch_with(source, platform)
    assert json.loads(path.read_text()) == {}


def test_replies_store_the_session_beside_the_database_never_in_it(tmp_path):
    from reviewwatch.publishers import bluesky_session

    post = stored_post(1)
    settings, db, _ = approved(tmp_path, bsky_source(), post.external_id, ENV, item=post,
                               text="Sorry, Kai: fixed in 4.3.")
    created = {"uri": "at://did:plc:tidepool/app.bsky.feed.post/3lc2abcd", "cid": "bafyrei"}
    platform = Platform({("POST", CREATE): session(1),
                         ("POST", RECORD): httpx.Response(200, json=created)})
    assert deliver_with(db, settings, platform)["sent"] == 1
    stored = bluesky_session.store_path(settings.storage_path)
    assert "access-1" in stored.read_text()
    db.conn.execute("PRAGMA wal_checkpoint(FULL)")
    assert not any(b"access-1" in p.read_bytes() or b"refresh-1" in p.read_bytes()
                   for p in tmp_path.glob(settings.storage_path.name + "*")
                   if p != stored and p.is_file())
