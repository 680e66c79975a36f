"""Every collector replayed through httpx.MockTransport (and the shared captures), and the
HTTP layer's rules: paging, cursors, 304, 429, 5xx, 403, malformed and oversize bodies."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from reviewwatch import collectors
from reviewwatch import config as cfg
from reviewwatch import db as store
from reviewwatch.errors import AuthFailed, Blocked, ParseError, RateLimited, SourceUnavailable
from reviewwatch.models import State
from reviewwatch.pipeline import fetch_source
from tests.conftest import FIXTURES


def source(kind, env=None, **options):
    settings = cfg.from_dict({"storage": {"path": "x.db"}, "businesses": [{
        "id": "b", "name": "Tidepool Habits", "keywords": ["Tidepool Habits"],
        "sources": [{"name": "s", "kind": kind, **options}]}]}, environ=env or {})
    return settings.sources[0]


def fetch(src, handler, state=None, sleep_log=None):
    state = state or State()

    async def go():
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
            return await fetch_source(client, src, state)

    return asyncio.run(go()), state


def json_response(data, status=200, headers=None):
    return httpx.Response(status, json=data, headers=headers)


@pytest.fixture(autouse=True)
def no_backoff_sleep(monkeypatch):
    async def instant(seconds):
        instant.waits.append(seconds)
    instant.waits = []
    monkeypatch.setattr(asyncio, "sleep", instant)
    return instant


# ---- each platform -----------------------------------------------------------------------

def test_appstore_pages_until_a_stored_review(shared):
    capture = json.loads(shared("fixtures", "apple_app_store_rss",
                                "customerreviews_us_id1321994487_page1.json").read_text())
    pages = []

    def handler(request):
        pages.append(request.url.path)
        return json_response(capture)

    items, state = fetch(source("appstore", app_id="1321994487", backfill_pages=3), handler)
    assert len(pages) == 3 and "/us/rss/customerreviews/page=3/id=1321994487/" in pages[-1]
    first = items[0]
    assert first.external_id == "us:7175647643" and first.author == "WB-SBB"
    assert first.rating == 2 and first.title.startswith("Mobile app cannot")
    seen = {i.external_id for i in items}
    pages.clear()
    fetch(source("appstore", app_id="1321994487"), handler,
          State(first_run=False, seen=lambda x: x in seen))
    assert len(pages) == 1  # the first page already holds a stored review


def test_hackernews_cursor_asks_only_for_newer(shared):
    capture = json.loads(shared("fixtures", "hn_algolia", "search_story_query_apple.json")
                         .read_text())
    asked = []

    def handler(request):
        asked.append(dict(request.url.params))
        return json_response(capture)

    items, state = fetch(source("hackernews"), handler, State(cursor="1300000000"))
    assert asked[0]["numericFilters"] == "created_at_i>1300000000"
    assert asked[0]["query"] == '"Tidepool Habits"'
    assert items and all(i.kind == "mention" for i in items)
    assert int(state.cursor) == max(h["created_at_i"] for h in capture["hits"])


def test_google_places_reviews(shared):
    capture = json.loads(shared("fixtures", "google_places",
                                "place_details_responses_6places_2016.json").read_text())[0]
    items, _ = fetch(source("google_places", place_id="P1", api_key="env:K", api="legacy",
                     env={"K": "sekret"}),
                     lambda r: json_response(capture))
    assert len(items) == len(capture["result"]["reviews"])
    assert items[0].author == "William Feuss" and items[0].rating == 4
    assert len({i.external_id for i in items}) == len(items)


def test_google_places_denied_key_is_auth_failed_without_the_key():
    src = source("google_places", place_id="P1", api_key="env:K", api="legacy",
                     env={"K": "sekret-key"})
    with pytest.raises(AuthFailed) as e:
        fetch(src, lambda r: json_response({"status": "REQUEST_DENIED"}))
    assert "sekret-key" not in str(e.value)


def test_yelp_reviews_with_bearer_key(shared):
    capture = json.loads(shared("fixtures", "yelp_fusion", "reviews_sweet-spot-doraville-2.json")
                         .read_text())
    headers = []

    def handler(request):
        headers.append(request.headers["Authorization"])
        return json_response(capture)

    items, _ = fetch(source("yelp", business_id="sweet-spot-doraville-2", api_key="env:Y",
                            env={"Y": "yelp-key"}), handler)
    assert headers == ["Bearer yelp-key"]
    assert [i.external_id for i in items] == [r["id"] for r in capture["reviews"]]


def test_google_business_refreshes_token_and_pages(tmp_path):
    page = json.loads((FIXTURES / "gbp_reviews.json").read_text())
    seen_auth = []

    token_calls = []

    def handler(request):
        if request.url.path == "/token":
            assert b"refresh_token=rt-secret" in request.content
            token_calls.append(1)
            return json_response({"access_token": "at-1", "expires_in": 3599})
        seen_auth.append(request.headers["Authorization"])
        assert request.url.params["orderBy"] == "updateTime desc"
        return json_response(page)

    src = source("google_business", account="111", location="222", client_id="cid",
                 client_secret="env:CS", refresh_token="env:RT", base_url="http://gbp.test",
                 token_url="https://oauth2.googleapis.com/token",
                 env={"CS": "cs-secret", "RT": "rt-secret"})
    items, state = fetch(src, handler)
    assert seen_auth == ["Bearer at-1"]
    assert [(i.rating, i.author) for i in items] == [(2, "Sam Carter"), (5, None)]
    assert state.cursor == "2026-11-21T19:02:11.123000Z"  # a moment, however Google wrote it
    again, _ = fetch(src, handler, State(cursor=state.cursor, first_run=False))
    assert again == []  # nothing updated since the cursor
    assert len(seen_auth) == 2 and token_calls == [1]  # the token is reused until it expires

    def refusing(request):
        return json_response({}, 401) if request.url.path != "/token" else handler(request)

    with pytest.raises(AuthFailed):
        fetch(src, refusing)
    fetch(src, handler)
    assert token_calls == [1, 1]  # a refused token is forgotten and exchanged again


def rsa_key_json():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption()).decode()
    return json.dumps({"client_email": "bot@x.iam.example", "private_key": pem,
                       "token_uri": "https://oauth2.googleapis.com/token"})


def test_google_play_service_account_and_token_pagination():
    page = json.loads((FIXTURES / "play_reviews.json").read_text())
    calls = []

    def handler(request):
        calls.append(request.url.path)
        if request.url.path == "/token":
            assert b"jwt-bearer" in request.content
            return json_response({"access_token": "play-token"})
        assert request.headers["Authorization"] == "Bearer play-token"
        return json_response(page if "token" not in request.url.params else {"reviews": []})

    src = source("google_play", package_name="com.tidepool", service_account_json="env:SA",
                 base_url="http://play.test", env={"SA": rsa_key_json()})
    items, _ = fetch(src, handler)
    assert calls == ["/token", "/androidpublisher/v3/applications/com.tidepool/reviews",
                     "/androidpublisher/v3/applications/com.tidepool/reviews"]
    assert items[0].text == "App crashes every time I open the widget settings."
    # reviewerLanguage is the device's setting: the language is left for triage to detect
    assert (items[0].rating, items[0].language, items[0].title) == (1, None, None)
    assert (items[1].reply_text, items[1].reply_at) == ("Thanks Lee!", "2025-11-21T07:26:40Z")


def test_trustpilot_follows_pages():
    pages = {1: (FIXTURES / "trustpilot_page1.html").read_text(),
             2: (FIXTURES / "trustpilot_page2.html").read_text()}

    def handler(request):
        return httpx.Response(200, text=pages[int(request.url.params.get("page", 1))])

    items, state = fetch(source("trustpilot", domain="tidepool.example"), handler)
    assert [i.rating for i in items] == [1, 5, 3] and state.pages == 2
    assert items[0].title == "Charged twice" and items[0].author == "Marta Kowalska"


def test_trustpilot_layout_change_is_a_parse_error():
    with pytest.raises(ParseError, match="__NEXT_DATA__"):
        fetch(source("trustpilot", domain="x.example"),
              lambda r: httpx.Response(200, text="<html><body>Just a moment...</body></html>"))


@pytest.mark.parametrize(("fixture", "expected"), [
    ("schema_org_product.html", [(1.0, "Lena", "Stopped working"), (5.0, "Omar", None)]),
    ("schema_org_microdata.html", [(2.0, "Priya", None)]),
])
def test_schema_org_json_ld_and_microdata(fixture, expected):
    html = (FIXTURES / fixture).read_text()
    items, _ = fetch(source("schema_org", url="https://shop.example/kettle"),
                     lambda r: httpx.Response(200, text=html))
    assert [(i.rating, i.author, i.title) for i in items] == expected


def test_csv_export_with_mapped_columns(shared):
    path = shared("fixtures", "google_play", "chatgpt_reviews_raw_first20.csv")
    src = source("csv", path=str(path), columns={"id": "reviewId", "text": "content",
                                                 "rating": "score", "author": "userName",
                                                 "date": "at"})
    items, _ = fetch(src, lambda r: httpx.Response(500))
    assert len(items) == 20 and items[0].author == "Maggie Nalwoga" and items[0].rating == 5
    assert items[0].published_at == "2026-01-21T12:31:25Z"


def test_csv_missing_column_is_one_clear_error(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("body,stars\nok,5\n")
    with pytest.raises(ParseError, match="no column 'content'"):
        fetch(source("csv", path=str(path), columns={"text": "content"}), lambda r: None)


def test_reddit_search_with_after_paging():
    page = json.loads((FIXTURES / "reddit_search.json").read_text())
    items, _ = fetch(source("reddit", subreddits=["productivity"]), lambda r: json_response(page))
    assert items[0].external_id == "t3_1gx7k2p" and items[0].title.startswith("Tidepool")
    assert items[0].url.startswith("https://www.reddit.com/r/productivity/")


def test_mastodon_min_id_and_html_to_text():
    statuses = json.loads((FIXTURES / "mastodon_tag.json").read_text())
    asked = []

    def handler(request):
        asked.append(dict(request.url.params))
        return json_response(statuses)

    items, state = fetch(source("mastodon", instance="https://mastodon.example"), handler,
                         State(cursor="113500000000000000", first_run=False))
    assert asked[0]["min_id"] == "113500000000000000"
    assert items[0].text == "Loving #TidepoolHabits & its calm reminders.\n\nDay 40!"
    assert state.cursor == "113520000000000002"


def test_bluesky_session_then_search(shared):
    feed = json.loads(shared("fixtures", "bluesky", "getAuthorFeed_clara.phase-connect.com.json")
                      .read_text())
    posts = [f["post"] for f in feed["feed"]]
    calls = []

    def handler(request):
        calls.append((request.method, request.url.host, request.url.path))
        if request.url.path.endswith("createSession"):
            return json_response({"accessJwt": "jwt-1", "refreshJwt": "rjwt-1",
                                  "did": "did:plc:x", "handle": "me.bsky.social"})
        assert request.headers["Authorization"] == "Bearer jwt-1"
        return json_response({"posts": posts})

    src = source("bluesky", handle="me.bsky.social", app_password="env:BP",
                 env={"BP": "app-pass"})
    items, _ = fetch(src, handler)
    assert calls[0] == ("POST", "bsky.social", "/xrpc/com.atproto.server.createSession")
    assert calls[1][2] == "/xrpc/app.bsky.feed.searchPosts"
    assert len(items) == len(posts) and items[0].url.startswith("https://bsky.app/profile/")


def test_google_alerts_atom_unwraps_links_and_strips_markup(shared):
    body = shared("fixtures", "google_alerts", "google_alerts_atom.xml").read_bytes()
    items, state = fetch(source("rss", url="https://www.google.com/alerts/feeds/1/2"),
                         lambda r: httpx.Response(200, content=body, headers={"ETag": '"v1"'}))
    assert len(items) == 20
    assert items[0].url.startswith("https://www.aglobalmarketresearch.com/")
    assert "<b>" not in items[0].title and "Slack" in items[0].title
    assert state.etag == '"v1"'


def test_rss_refuses_entity_declarations():
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><rss><channel></channel></rss>'
    with pytest.raises(ParseError, match="declares XML entities"):
        fetch(source("rss", url="https://feeds.example/x"), lambda r: httpx.Response(200,
                                                                                  content=bomb))


# ---- the HTTP layer ----------------------------------------------------------------------

def test_304_writes_nothing_and_keeps_the_etag():
    sent = []

    def handler(request):
        sent.append(request.headers.get("If-None-Match"))
        return httpx.Response(304)

    items, state = fetch(source("rss", url="https://feeds.example/x"), handler,
                         State(etag='"v1"', first_run=False))
    assert items == [] and state.not_modified and sent == ['"v1"']


def test_429_honours_retry_after_then_succeeds(no_backoff_sleep):
    answers = [httpx.Response(429, headers={"Retry-After": "7"}), json_response({"hits": []})]
    fetch(source("hackernews"), lambda r: answers.pop(0))
    assert no_backoff_sleep.waits == [7.0]


def test_long_retry_after_holds_the_source():
    with pytest.raises(RateLimited) as e:
        fetch(source("hackernews"), lambda r: httpx.Response(429, headers={"Retry-After": "900"}))
    assert e.value.retry_after == 900


def test_500_then_success_is_retried_with_backoff(no_backoff_sleep):
    answers = [httpx.Response(500), httpx.Response(502), json_response({"hits": []})]
    items, _ = fetch(source("hackernews"), lambda r: answers.pop(0))
    assert items == [] and len(no_backoff_sleep.waits) == 2
    assert all(0 <= w <= 8 for w in no_backoff_sleep.waits)


def test_5xx_that_never_ends_is_unavailable():
    with pytest.raises(SourceUnavailable, match="HTTP 503"):
        fetch(source("hackernews"), lambda r: httpx.Response(503))


def test_timeouts_are_retried_then_reported():
    def handler(request):
        raise httpx.ReadTimeout("slow", request=request)

    with pytest.raises(SourceUnavailable, match="timed out after 4 attempts"):
        fetch(source("hackernews"), handler)


@pytest.mark.parametrize(("status", "error", "state"), [
    (401, AuthFailed, "auth_failed"), (403, Blocked, "blocked")])
def test_401_and_403_are_not_retried(status, error, state, no_backoff_sleep):
    calls = []

    def handler(request):
        calls.append(1)
        return httpx.Response(status)

    with pytest.raises(error) as e:
        fetch(source("yelp", business_id="x", api_key="env:Y", env={"Y": "k"}), handler)
    assert len(calls) == 1 and e.value.state == state and no_backoff_sleep.waits == []


@pytest.mark.parametrize("body", [b"<!doctype html><h1>Oops</h1>", b'{"feed": {"entry": [',
                                  b"[1, 2, 3]"])
def test_malformed_bodies_are_parse_errors(body):
    with pytest.raises(ParseError):
        fetch(source("appstore", app_id="1"), lambda r: httpx.Response(200, content=body))


def test_oversize_body_is_refused():
    big = b'{"hits": [' + b'{"objectID": "1"},' * 100_000 + b'{"objectID": "2"}]}'
    with pytest.raises(ParseError, match="1024-byte limit"):
        fetch(source("hackernews", max_bytes=1024), lambda r: httpx.Response(200, content=big))


def test_keys_in_urls_are_redacted_in_errors():
    src = source("google_places", place_id="P", api_key="env:K", api="legacy",
                     env={"K": "AIzaSECRET"})
    with pytest.raises(SourceUnavailable) as e:
        fetch(src, lambda r: httpx.Response(503))
    assert "AIzaSECRET" not in str(e.value) and "key=%2A%2A%2A" in str(e.value) or \
        "key=***" in str(e.value)


def test_edited_review_is_recorded_with_its_old_version(tmp_path, shared):
    capture = json.loads(shared("fixtures", "apple_app_store_rss",
                                "customerreviews_us_id1321994487_page1.json").read_text())
    settings = cfg.from_dict({"storage": {"path": str(tmp_path / "rw.db")}, "businesses": [{
        "id": "b", "name": "B", "sources": [{"name": "s", "kind": "appstore",
                                             "app_id": "1321994487", "backfill_pages": 1}]}]},
        environ={})
    db = store.open_database(settings.storage_path)
    store.sync_config(db, settings)
    src = settings.sources[0]
    items, _ = fetch(src, lambda r: json_response(capture))
    first = store.save_items(db, "b", items)
    assert len(first.new) == 50
    capture["feed"]["entry"][0]["content"]["label"] = "Edited: now it works, thanks."
    capture["feed"]["entry"][0]["im:rating"]["label"] = "4"
    items, _ = fetch(src, lambda r: json_response(capture), store.load_state(db, "s"))
    second = store.save_items(db, "b", items)
    assert (len(second.new), len(second.edited), second.unchanged) == (0, 1, 49)
    (old,) = store.item_versions(db, second.edited[0])
    assert old["rating"] == 2 and "endorsement" in old["text"]


def test_registry_covers_every_configured_kind():
    assert set(collectors.REGISTRY) == set(cfg.SOURCE_KINDS)


# ---- the shared captures through a real HTTP server on loopback ------------------------

@pytest.fixture
def capture_server(shared):
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    appstore = shared("fixtures", "apple_app_store_rss",
                      "customerreviews_us_id1321994487_page1.json").read_bytes()
    hn = shared("fixtures", "hn_algolia", "search_story_query_apple.json").read_bytes()
    requests = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            requests.append(self.path)
            body = appstore if "/rss/customerreviews/" in self.path else \
                hn if self.path.startswith("/api/v1/search_by_date") else None
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", requests
    httpd.shutdown()
    httpd.server_close()


def test_captures_replayed_through_a_local_server_into_sqlite(tmp_path, capture_server):
    from reviewwatch import pipeline

    url, requests = capture_server
    settings = cfg.from_dict({"storage": {"path": str(tmp_path / "rw.db")}, "businesses": [{
        "id": "b", "name": "Webster Bank", "keywords": ["apple"], "sources": [
            {"name": "app", "kind": "appstore", "app_id": "1321994487", "base_url": url,
             "backfill_pages": 2},
            {"name": "hn", "kind": "hackernews", "base_url": url}]}]}, environ={})
    db = store.open_database(settings.storage_path)
    report = pipeline.collect(db, settings, deliver=False)
    assert not report.failed, [r.error for r in report.failed]
    app, hn = report.sources
    assert (app.new, app.pages) == (50, 2)  # page 2 repeats page 1: nothing new, paging stops
    assert hn.new > 0 and store.source_row(db, "hn")["cursor"]
    assert any(p.startswith("/us/rss/customerreviews/page=1/id=1321994487/") for p in requests)
    again = pipeline.collect(db, settings, deliver=False)
    assert (again.new, again.edited) == (0, 0)
