"""Trustpilot: the business-unit reviews list with the company replies, the scraping
fallback (degraded), the documented errors, and the reply request with its OAuth token.

References:
  https://developers.trustpilot.com/business-units-api-(public)   (reviews list, find)
  https://developers.trustpilot.com/service-reviews-api#reply-to-a-review
  https://developers.trustpilot.com/authentication                (apikey header, tokens)
  https://developers.trustpilot.com/grant-type-client-credentials
  https://developers.trustpilot.com/grant-type-password
"""

from __future__ import annotations

import asyncio
import base64
import copy
import json
from urllib.parse import parse_qsl

import httpx
import pytest

from reviewwatch import db as store
from reviewwatch import publishers
from reviewwatch.collectors import trustpilot as collector
from reviewwatch.errors import AuthFailed, Blocked, ConfigError, RateLimited, SourceUnavailable
from reviewwatch.models import State
from reviewwatch.publishers import trustpilot as tp
from reviewwatch.replies import reply_state
from tests.conftest import FIXTURES
from tests.platformutil import Platform, approved, deliver_with, fetch_with, fixture, settings_with

pytestmark = pytest.mark.usefixtures("instant_sleep")  # backoffs wait on nothing

UNIT = "507f191e810c19729de860ea"  # the docs' example business unit id
USER = "58a4b2c1d0e9f8a7b6c5d4e3"  # the replying business user
REVIEW = "6742c1d9a3f0b2e5d8c7a901"
REVIEWS = f"/v1/business-units/{UNIT}/reviews"
REPLY = f"/v1/private/reviews/{REVIEW}/reply"
ENV = {"TP_KEY": "tp-key-Zx81", "TP_SECRET": "tp-secret-Qw42"}
ERRORS = fixture("trustpilot_api_errors.json")
TOKEN = httpx.Response(200, json=ERRORS["token"])


def api_source(**extra):
    return {"kind": "trustpilot", "business_unit_id": UNIT, "api_key": "env:TP_KEY",
            "api_secret": "env:TP_SECRET", "business_user_id": USER,
            "base_url": "http://trustpilot.test", **extra}


def full_page():
    """A first page of 100 (Trustpilot's maximum perPage): the fixture's three reviews,
    then copies of the first under other ids, so that a second page is asked for."""
    body = fixture("trustpilot_api_reviews.json")
    template = body["reviews"][0]
    for n in range(collector.PER_PAGE - len(body["reviews"])):
        clone = copy.deepcopy(template)
        clone["id"] = f"6700{n:020x}"
        body["reviews"].append(clone)
    return body


def test_reviews_list_pages_with_the_key_header_and_keeps_company_replies(tmp_path):
    source = settings_with(tmp_path, api_source(), ENV).sources[0]
    last = {"links": [], "reviews": [copy.deepcopy(fixture("trustpilot_api_reviews.json")[
        "reviews"][2]) | {"id": "66ff0a1b2c3d4e5f60718293"}]}
    platform = Platform({("GET", REVIEWS): [httpx.Response(200, json=full_page()),
                                           httpx.Response(200, json=last)]})
    items, state = fetch_with(source, platform)
    first, second = platform.requests
    assert (first.method, first.url.path) == ("GET", REVIEWS)
    assert first.headers["apikey"] == "tp-key-Zx81"
    assert dict(first.url.params) == {"orderBy": "createdat.desc", "perPage": "100",
                                      "page": "1"}  # the key is never in the URL
    assert second.url.params["page"] == "2"
    assert len(items) == 101 and state.degraded is None and state.pages == 2
    marta, tom, ines = items[:3]
    assert (marta.external_id, marta.rating, marta.author, marta.published_at) == (
        REVIEW, 1, "Marta Kowalska", "2026-11-21T09:12:45Z")
    assert marta.url == f"https://www.trustpilot.com/reviews/{REVIEW}"
    assert (marta.reply_text, marta.reply_at) == (None, None)
    assert tom.reply_text.startswith("Hi Tom, sorry about this.")
    assert tom.reply_at == "2026-11-21T08:00:11Z"  # written, never edited
    assert (ines.reply_text, ines.reply_at, ines.language) == (
        "Merci Inès !", "2026-11-20T10:31:07Z", "fr")  # the edited reply's time
    # updatedAt is not an edit time: Tom's moved with the reply, and he is still answered
    assert reply_state({"reply_text": tom.reply_text, "reply_at": tom.reply_at,
                        "review_updated_at": tom.updated_at}) == "replied"


def test_paging_stops_at_a_page_holding_a_stored_review(tmp_path):
    source = settings_with(tmp_path, api_source(), ENV).sources[0]
    platform = Platform({("GET", REVIEWS): httpx.Response(200, json=full_page())})
    state = State(first_run=False, seen=lambda external_id: external_id == REVIEW)
    items, _ = fetch_with(source, platform, state)
    assert len(platform.requests) == 1 and len(items) == 100  # the first page is read whole


def test_the_business_unit_is_found_from_the_domain_once(tmp_path):
    source = settings_with(tmp_path, {"kind": "trustpilot", "domain": "tidepool.example",
                                      "api_key": "env:TP_KEY",
                                      "base_url": "http://trustpilot.test"}, ENV).sources[0]
    found = {"status": "active", "displayName": "Tidepool", "id": UNIT,
             "name": {"referring": ["tidepool.example"], "identifying": "tidepool.example"}}
    last = {"reviews": fixture("trustpilot_api_reviews.json")["reviews"]}
    platform = Platform({("GET", "/v1/business-units/find"): httpx.Response(200, json=found),
                         ("GET", REVIEWS): httpx.Response(200, json=last)})
    items, state = fetch_with(source, platform)
    assert platform.requests[0].url.params["name"] == "tidepool.example"
    assert platform.requests[0].headers["apikey"] == "tp-key-Zx81"
    assert state.extra["business_unit_id"] == UNIT and len(items) == 3
    fetch_with(source, platform, State(extra=dict(state.extra), first_run=False))
    assert [r.url.path for r in platform.requests] == [
        "/v1/business-units/find", REVIEWS, REVIEWS]


@pytest.mark.parametrize(("status", "headers", "error", "message", "attempts"), [
    (401, {}, AuthFailed, "refused the credentials", 1),
    (403, {}, Blocked, "refused access", 1),
    (404, {}, SourceUnavailable, "not found", 1),
    (429, {"Retry-After": "3600"}, RateLimited, "retry after 3600 s", 1),
    (429, {}, RateLimited, "rate limited", 4),
    (500, {}, SourceUnavailable, "HTTP 500 after 4 attempts", 4),
])
def test_documented_errors_are_typed_and_never_show_the_key(tmp_path, status, headers, error,
                                                             message, attempts):
    source = settings_with(tmp_path, api_source(), ENV).sources[0]
    platform = Platform({("GET", REVIEWS): httpx.Response(status, json=ERRORS[str(status)],
                                                         headers=headers)})
    with pytest.raises(error, match=message) as caught:
        fetch_with(source, platform)
    assert len(platform.requests) == attempts
    assert "tp-key-Zx81" not in str(caught.value)
    if headers:
        assert caught.value.retry_after == 3600


def page_with_reply():
    """The public page fixture, its first review answered as the page's JSON shows it."""
    html = (FIXTURES / "trustpilot_page1.html").read_text()
    reply = {"message": "Refunded today, sorry Marta.", "publishedDate":
             "2026-11-20T11:00:00.000Z", "updatedDate": None}
    return html.replace('"reply":null', '"reply":' + json.dumps(reply), 1)


def test_without_a_key_pages_are_scraped_and_the_source_says_so(tmp_path):
    from click.testing import CliRunner

    from reviewwatch import config as cfg
    from reviewwatch.cli import cli
    from reviewwatch.pipeline import poll_source

    config = tmp_path / "rw.toml"
    config.write_text(f'[storage]\npath = "{tmp_path / "rw.db"}"\n[[businesses]]\nid = "b"\n'
                      'name = "Tidepool"\n[[businesses.sources]]\nname = "tp"\n'
                      'kind = "trustpilot"\ndomain = "tidepool.example"\n'
                      'base_url = "http://trustpilot.test"\n')
    settings = cfg.load(str(config))
    db = store.open_database(settings.storage_path)
    store.sync_config(db, settings)
    platform = Platform({("GET", "/review/tidepool.example"): httpx.Response(
        200, text=page_with_reply())})

    async def poll():
        async with httpx.AsyncClient(transport=httpx.MockTransport(platform)) as client:
            return await poll_source(db, settings, client, settings.sources[0])
    result = asyncio.run(poll())
    assert result.state == "degraded" and result.new
    row = next(iter(db.query("SELECT reply_text, reply_at FROM items WHERE external_id = ?",
                             ["6553a1f2c0ffee0001a1b2c3"])))
    assert (row["reply_text"], row["reply_at"]) == ("Refunded today, sorry Marta.",
                                                    "2026-11-20T11:00:00Z")
    shown = CliRunner().invoke(cli, ["sources", "--config", str(config)])
    assert shown.exit_code == 0, shown.output
    assert "degraded" in shown.output and "scraping pages: no api_key" in shown.output


def test_reply_is_the_documented_post_with_a_client_credentials_token(tmp_path):
    settings, db, draft_id = approved(tmp_path, api_source(), REVIEW, ENV,
                                      text="Sorry, Marta. The double charge is refunded.")
    platform = Platform({("POST", tp.TOKEN_PATH): TOKEN,
                         ("POST", REPLY): httpx.Response(201, json={})})
    assert deliver_with(db, settings, platform)["sent"] == 1
    token_request, reply = platform.requests
    assert (token_request.method, token_request.url.path) == (
        "POST", "/v1/oauth/oauth-business-users-for-applications/accesstoken")
    assert token_request.headers["Authorization"] == "Basic " + base64.b64encode(
        b"tp-key-Zx81:tp-secret-Qw42").decode()
    assert token_request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert dict(parse_qsl(token_request.content.decode())) == {
        "grant_type": "client_credentials"}
    assert (reply.method, reply.url.path) == ("POST", REPLY)
    assert reply.headers["Authorization"] == "Bearer AccessToken-8Hj2kLm9"
    assert reply.headers["Content-Type"] == "application/json"
    assert "apikey" not in reply.headers  # the documented request carries only the bearer
    assert json.loads(reply.content) == {"authorBusinessUserId": USER,
                                         "message": "Sorry, Marta. The double charge is "
                                                    "refunded."}
    assert store.get_draft(db, draft_id)["status"] == "posted"


def test_a_business_user_login_uses_the_password_grant(tmp_path):
    env = {**ENV, "TP_PASSWORD": "b2b-pass-77"}
    settings, db, _ = approved(tmp_path, api_source(username="al@tidepool.example",
                                                    password="env:TP_PASSWORD"), REVIEW, env)
    platform = Platform({("POST", tp.TOKEN_PATH): TOKEN,
                         ("POST", REPLY): httpx.Response(201, json={})})
    assert deliver_with(db, settings, platform)["sent"] == 1
    assert dict(parse_qsl(platform.requests[0].content.decode())) == {
        "grant_type": "password", "username": "al@tidepool.example", "password": "b2b-pass-77"}


def test_the_token_is_kept_until_it_nears_its_expiry(tmp_path):
    source = settings_with(tmp_path, api_source(), ENV).sources[0]
    platform = Platform({("POST", tp.TOKEN_PATH): TOKEN})

    async def twice():
        async with httpx.AsyncClient(transport=httpx.MockTransport(platform)) as client:
            return [await tp.access_token(client, source) for _ in range(2)]
    assert asyncio.run(twice()) == ["AccessToken-8Hj2kLm9"] * 2
    assert len(platform.requests) == 1  # Trustpilot answers 429 to needless new tokens


@pytest.mark.parametrize("outage", [
    httpx.Response(503, json=ERRORS["500"]),
    httpx.Response(500, json=ERRORS["500"]),
    httpx.ConnectTimeout("timed out"),
    httpx.Response(429, json=ERRORS["429"], headers={"Retry-After": "300"}),
])
def test_a_token_endpoint_outage_is_retried_not_blamed_on_credentials(tmp_path, outage):
    settings, db, draft_id = approved(tmp_path, api_source(), REVIEW, ENV)

    def token_route(request):
        if isinstance(outage, Exception):
            raise outage
        return outage
    platform = Platform({("POST", tp.TOKEN_PATH): token_route})
    assert deliver_with(db, settings, platform)["retrying"] == 1
    draft = store.get_draft(db, draft_id)
    assert draft["status"] == "approved" and "check" not in draft["post_error"]
    assert [r.url.path for r in platform.requests] == [tp.TOKEN_PATH]


def test_a_refused_key_at_the_token_endpoint_fails_and_says_what_to_check(tmp_path):
    settings, db, draft_id = approved(tmp_path, api_source(), REVIEW, ENV)
    platform = Platform({("POST", tp.TOKEN_PATH): httpx.Response(401, json=ERRORS["401"])})
    assert deliver_with(db, settings, platform)["failed"] == 1
    draft = store.get_draft(db, draft_id)
    assert draft["status"] == "failed" and "check api_key, api_secret" in draft["post_error"]
    assert "tp-secret-Qw42" not in draft["post_error"] and "tp-key-Zx81" not in \
        draft["post_error"]


@pytest.mark.parametrize("refusal", [401, 403])
def test_a_401_or_403_at_the_reply_gets_a_new_token_once(tmp_path, refusal):
    settings, db, _ = approved(tmp_path, api_source(), REVIEW, ENV)
    platform = Platform({("POST", tp.TOKEN_PATH): TOKEN, ("POST", REPLY): [
        httpx.Response(refusal, json=ERRORS[str(refusal)]), httpx.Response(201, json={})]})
    assert deliver_with(db, settings, platform)["sent"] == 1
    assert [r.url.path for r in platform.requests] == [tp.TOKEN_PATH, REPLY, tp.TOKEN_PATH,
                                                      REPLY]


def test_a_second_403_is_a_failure_not_a_loop(tmp_path):
    settings, db, draft_id = approved(tmp_path, api_source(), REVIEW, ENV)
    platform = Platform({("POST", tp.TOKEN_PATH): TOKEN,
                         ("POST", REPLY): httpx.Response(403, json=ERRORS["403"])})
    assert deliver_with(db, settings, platform)["failed"] == 1
    assert len(platform.to(REPLY)) == 2
    assert "HTTP 403" in store.get_draft(db, draft_id)["post_error"]


@pytest.mark.parametrize(("status", "headers", "next_attempt"), [
    (429, {"Retry-After": "120"}, "2026-11-22T09:02:00.000000Z"),
    (429, {}, None),
    (503, {}, None),
])
def test_reply_rate_limits_and_outages_are_retried(tmp_path, status, headers, next_attempt):
    settings, db, draft_id = approved(tmp_path, api_source(), REVIEW, ENV)
    platform = Platform({("POST", tp.TOKEN_PATH): TOKEN, ("POST", REPLY): httpx.Response(
        status, json=ERRORS["429" if status == 429 else "500"], headers=headers)})
    assert deliver_with(db, settings, platform)["retrying"] == 1
    assert store.get_draft(db, draft_id)["status"] == "approved"
    (row,) = db.query("SELECT next_attempt_at FROM outbox WHERE kind = 'publish'")
    if next_attempt:
        assert row["next_attempt_at"] == next_attempt


def test_replies_need_the_key_the_secret_and_the_business_user(tmp_path):
    full = settings_with(tmp_path, api_source(), ENV).sources[0]
    assert publishers.mode_for(full) == "api"
    no_secret = api_source()
    del no_secret["api_secret"], no_secret["business_user_id"]
    assert publishers.mode_for(settings_with(tmp_path, no_secret, ENV).sources[0]) == "manual"
    scraped = {"kind": "trustpilot", "domain": "tidepool.example"}
    assert publishers.mode_for(settings_with(tmp_path, scraped).sources[0]) == "manual"


@pytest.mark.parametrize(("options", "message"), [
    ({"business_unit_id": "tidepool.example", "api_key": "env:TP_KEY"}, "24 hex digits"),
    ({"domain": "t.example", "api_key": "plain-key"}, 'as "env:NAME"'),
    ({"domain": "t.example", "api_key": "env:TP_KEY", "api_secret": "env:TP_SECRET"},
     "business_user_id: is required to reply"),
    ({"business_unit_id": UNIT}, "api_key: is required with business_unit_id"),
    ({}, "domain: is required unless business_unit_id"),
    ({"domain": "t.example", "username": "al@t.example"}, "set together"),
])
def test_config_check_names_the_trustpilot_key_at_fault(tmp_path, options, message):
    with pytest.raises(ConfigError, match=message):
        settings_with(tmp_path, {"kind": "trustpilot", **options}, ENV)


def test_a_non_trustpilot_id_is_not_posted(tmp_path):
    settings, db, draft_id = approved(tmp_path, api_source(), "us:10987654321", ENV)
    platform = Platform({("POST", tp.TOKEN_PATH): TOKEN})
    assert deliver_with(db, settings, platform)["failed"] == 1
    assert platform.requests == []
    assert "post it by hand" in store.get_draft(db, draft_id)["post_error"]


def test_reviews_answered_on_trustpilot_get_no_draft(tmp_path):
    from reviewwatch.pipeline import poll_source, process_items
    from tests.platformutil import NOW

    settings = settings_with(tmp_path, api_source(), ENV)
    db = store.open_database(settings.storage_path)
    store.sync_config(db, settings)
    body = fixture("trustpilot_api_reviews.json")
    platform = Platform({("GET", REVIEWS): httpx.Response(200, json=body)})

    async def poll():
        async with httpx.AsyncClient(transport=httpx.MockTransport(platform)) as client:
            return await poll_source(db, settings, client, settings.sources[0])
    result = asyncio.run(poll())
    assert result.state == "ok" and len(result.new_ids) == 3
    process_items(db, settings, result.new_ids, result.edited_ids, now=NOW)
    drafted = {row["external_id"] for row in db.query(
        "SELECT i.external_id FROM drafts d JOIN items i ON i.id = d.item_id")}
    assert drafted == {REVIEW}  # Tom and Inès were answered on Trustpilot already
    replied = {row["external_id"]: row["reply_by"] for row in db.query(
        "SELECT external_id, reply_by FROM items WHERE reply_text IS NOT NULL")}
    assert replied == {"6741f08e27b4c6a1e9d3f512": "platform",
                       "67406ab5e1c2d3f4a5b6c7d8": "platform"}
