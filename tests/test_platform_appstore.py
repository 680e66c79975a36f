"""App Store Connect: the customerReviews collector, the ES256 token and its renewal, and
the customerReviewResponses request, checked against Apple's documented requests.

References:
  https://developer.apple.com/documentation/appstoreconnectapi/get-v1-apps-_id_-customerreviews
  https://developer.apple.com/documentation/appstoreconnectapi/post-v1-customerreviewresponses
  https://developer.apple.com/documentation/appstoreconnectapi/generating-tokens-for-api-requests
"""

from __future__ import annotations

import json

import httpx
import pytest

from reviewwatch import db as store
from reviewwatch import publishers, queue
from reviewwatch.collectors import appstore_connect as collector
from reviewwatch.errors import AuthFailed
from reviewwatch.publishers import appstore_connect as asc
from tests.platformutil import (
    Platform,
    approved,
    deliver_with,
    ec_pem,
    fetch_with,
    fixture,
    jwt_parts,
    settings_with,
)

pytestmark = pytest.mark.usefixtures("instant_sleep")  # backoffs wait on nothing

REVIEWS = "/v1/apps/1321994487/customerReviews"
RESPONSES = "/v1/customerReviewResponses"
REVIEW_ID = "00000028-b08c-0014-729e-fbd500000000"  # Apple's opaque id, as the docs show


def asc_source(**extra):
    return {"kind": "appstore_connect", "app_id": "1321994487", "asc_key_id": "2X9R4HXF34",
            "asc_issuer_id": "57246542-96fe-1a63-e053-0824d011072a",
            "asc_private_key": "env:ASC_KEY", "base_url": "http://asc.test", **extra}


@pytest.fixture
def key_env():
    return {"ASC_KEY": ec_pem()}


def test_reviews_page_with_cursor_links_and_the_replies(tmp_path, key_env):
    settings = settings_with(tmp_path, asc_source(), key_env)
    pages = [httpx.Response(200, json=fixture("asc_customer_reviews_page1.json")),
             httpx.Response(200, json=fixture("asc_customer_reviews_page2.json"))]
    platform = Platform({("GET", REVIEWS): pages})
    items, _ = fetch_with(settings.sources[0], platform)
    first, second = platform.requests
    assert dict(first.url.params) == {
        "sort": "-createdDate", "limit": "200", "include": "response",
        "fields[customerReviewResponses]": "responseBody,lastModifiedDate,state"}
    assert second.url.params["cursor"] == "Mg.AO9mWmY"  # links.next, host rebased
    assert second.url.host == "asc.test"
    header, claims = jwt_parts(first.headers["Authorization"].removeprefix("Bearer "))
    assert header == {"alg": "ES256", "kid": "2X9R4HXF34", "typ": "JWT"}
    assert claims["iss"] == "57246542-96fe-1a63-e053-0824d011072a"
    assert claims["aud"] == "appstoreconnect-v1"
    assert claims["exp"] - claims["iat"] <= asc.APPLE_MAX_LIFETIME
    assert [i.external_id for i in items] == [REVIEW_ID, "00000028-b08c-0014-9674-c54800000000",
                                              "00000028-b08c-0014-0d2b-8a1100000000"]
    assert (items[0].published_at, items[0].reply_text) == ("2026-11-21T16:10:34Z", None)
    assert (items[1].reply_text, items[1].reply_at) == (
        "Thank you, Juan! Glad it keeps you going.", "2026-11-21T03:00:00Z")
    assert items[1].raw["response"]["attributes"]["state"] == "PUBLISHED"


def test_the_token_is_renewed_before_apples_twenty_minutes(tmp_path, key_env):
    source = settings_with(tmp_path, asc_source(), key_env).sources[0]
    t0 = 1_790_000_000.0
    token = asc.bearer(source, now=t0)
    _, claims = jwt_parts(token)
    assert (claims["iat"], claims["exp"]) == (int(t0), int(t0) + asc.TOKEN_LIFETIME)
    assert asc.bearer(source, now=t0 + 9 * 60) == token  # reused while it has 5+ minutes left
    renewed = asc.bearer(source, now=t0 + 10 * 60 + 1)
    assert renewed != token
    _, renewed_claims = jwt_parts(renewed)
    # even a clock 5 minutes slow never sends a token Apple sees as over 20 minutes long
    assert renewed_claims["exp"] - renewed_claims["iat"] + asc.RENEW_BEFORE <= \
        asc.APPLE_MAX_LIFETIME


def test_a_refused_token_is_forgotten(tmp_path, key_env):
    source = settings_with(tmp_path, asc_source(), key_env).sources[0]
    platform = Platform({("GET", REVIEWS): httpx.Response(401, json=fixture(
        "asc_errors.json")["401"])})
    with pytest.raises(AuthFailed, match="refused the credentials"):
        fetch_with(source, platform)
    assert asc._tokens == {}


def test_the_response_request_is_the_documented_one(tmp_path, key_env):
    settings, db, draft_id = approved(tmp_path, asc_source(), REVIEW_ID, key_env,
                                      text="Sorry about the lost streak, Anne.")
    created = {"data": {"type": "customerReviewResponses", "id": "b8a0c6f2-0000-0000-0000-1",
                        "attributes": {"responseBody": "Sorry about the lost streak, Anne.",
                                       "lastModifiedDate": "2026-11-22T01:00:00-08:00",
                                       "state": "PENDING_PUBLISH"}}}
    platform = Platform({("POST", RESPONSES): httpx.Response(201, json=created)})
    assert deliver_with(db, settings, platform)["sent"] == 1
    (request,) = platform.requests
    assert (request.method, request.url.path) == ("POST", RESPONSES)
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["Authorization"].startswith("Bearer ey")
    assert json.loads(request.content) == {"data": {
        "type": "customerReviewResponses",
        "attributes": {"responseBody": "Sorry about the lost streak, Anne."},
        "relationships": {"review": {"data": {"type": "customerReviews", "id": REVIEW_ID}}}}}
    assert store.get_draft(db, draft_id)["status"] == "posted"


def test_a_401_drops_the_token_and_retries_once(tmp_path, key_env):
    settings, db, draft_id = approved(tmp_path, asc_source(), REVIEW_ID, key_env)
    errors = fixture("asc_errors.json")
    platform = Platform({("POST", RESPONSES): [httpx.Response(401, json=errors["401"]),
                                                httpx.Response(201, json={"data": {}})]})
    assert deliver_with(db, settings, platform)["sent"] == 1
    first, second = platform.requests
    assert first.headers["Authorization"] != second.headers["Authorization"]


@pytest.mark.parametrize(("status", "headers", "outcome", "draft_status"), [
    (403, {}, "failed", "failed"),
    (429, {}, "retrying", "approved"),
    (429, {"Retry-After": "60"}, "retrying", "approved"),
    (500, {}, "retrying", "approved"),
])
def test_documented_errors_fail_or_retry(tmp_path, key_env, status, headers, outcome,
                                         draft_status):
    settings, db, draft_id = approved(tmp_path, asc_source(), REVIEW_ID, key_env)
    body = fixture("asc_errors.json")[str(status)]
    platform = Platform({("POST", RESPONSES): httpx.Response(status, json=body,
                                                             headers=headers)})
    assert deliver_with(db, settings, platform)[outcome] == 1
    assert store.get_draft(db, draft_id)["status"] == draft_status
    (row,) = db.query("SELECT next_attempt_at FROM outbox")
    if headers:
        assert row["next_attempt_at"] == "2026-11-22T09:01:00.000000Z"


def test_feed_reviews_are_posted_by_hand(tmp_path):
    settings, db, draft_id = approved(tmp_path, {"kind": "appstore", "app_id": "1321994487"},
                                      "us:10987654321")
    assert store.get_draft(db, draft_id)["publish_mode"] == "manual"
    assert publishers.mode_for(settings.sources[0]) == "manual"


def test_asc_keys_on_the_feed_source_point_to_appstore_connect(tmp_path):
    from reviewwatch.errors import ConfigError

    with pytest.raises(ConfigError, match='kind "appstore_connect"'):
        settings_with(tmp_path, {"kind": "appstore", "app_id": "1", "asc_key_id": "K",
                                 "asc_issuer_id": "I", "asc_private_key": "env:K"}, {"K": "x"})


def test_replies_are_fitted_to_the_app_store(tmp_path, key_env):
    from reviewwatch.collectors import platform_of

    assert platform_of("appstore_connect") == "appstore" == collector.PLATFORM
    settings, db, draft_id = approved(tmp_path, asc_source(), REVIEW_ID, key_env)
    too_long = "Thank you for the review. " * 300  # past the App Store's reply limit
    findings = queue.lint_text(settings, store.get_draft(db, draft_id), too_long)
    assert any("limit" in (f["rule"] + f["message"]).lower() for f in findings)
