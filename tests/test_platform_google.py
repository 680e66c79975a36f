"""Google: Places API (New) details, and the Business Profile and Play reply requests with
their OAuth flows, token-endpoint outages and documented errors.

References:
  https://developers.google.com/maps/documentation/places/web-service/place-details
  https://developers.google.com/my-business/reference/rest/v4/accounts.locations.reviews/updateReply
  https://developers.google.com/android-publisher/api-ref/rest/v3/reviews/reply
  https://developers.google.com/identity/protocols/oauth2/web-server#offline (refresh grant)
  https://developers.google.com/identity/protocols/oauth2/service-account#httprest
"""

from __future__ import annotations

import json

import httpx
import pytest

from reviewwatch import db as store
from reviewwatch.errors import AuthFailed
from tests.platformutil import (
    Platform,
    approved,
    deliver_with,
    fetch_with,
    fixture,
    rsa_pem,
    settings_with,
)

pytestmark = pytest.mark.usefixtures("instant_sleep")  # backoffs wait on nothing

PLACE = "ChIJj61dQgK6j4AR4GeTYWZsKWw"
ERRORS = fixture("google_errors.json")


def places(**extra):
    return {"kind": "google_places", "place_id": PLACE, "api_key": "env:PK",
            "base_url": "http://places.test", **extra}


def test_places_new_is_the_default_with_key_header_and_field_mask(tmp_path):
    source = settings_with(tmp_path, places(language="en"), {"PK": "AIzaSyA-secret"}).sources[0]
    platform = Platform({("GET", f"/v1/places/{PLACE}"): httpx.Response(
        200, json=fixture("places_new_details.json"))})
    items, _ = fetch_with(source, platform)
    (request,) = platform.requests
    assert request.headers["X-Goog-Api-Key"] == "AIzaSyA-secret"
    assert request.headers["X-Goog-FieldMask"] == \
        "id,displayName,rating,userRatingCount,googleMapsUri,reviews"
    assert dict(request.url.params) == {"languageCode": "en"}  # the key is never in the URL
    assert items[0].external_id == f"places/{PLACE}/reviews/ChZDSUhNMG9nS0VJQ0FnSUNuMXNuZ0R3EAE"
    assert (items[0].author, items[0].rating, items[0].published_at) == (
        "Sam Carter", 2, "2026-11-21T19:02:11Z")
    assert (items[1].text, items[1].language) == ("Le meilleur brunch de la ville.", "fr")


@pytest.mark.parametrize(("status", "body", "message"), [
    (400, ERRORS["places_key_invalid"], "refused the API key"),
    (403, ERRORS["places_disabled"], r"Places API \(New\)"),
])
def test_places_errors_name_the_real_cause(tmp_path, status, body, message):
    source = settings_with(tmp_path, places(), {"PK": "AIzaSyA-secret"}).sources[0]
    platform = Platform({("GET", f"/v1/places/{PLACE}"): httpx.Response(status, json=body)})
    with pytest.raises(AuthFailed, match=message) as caught:
        fetch_with(source, platform)
    assert "AIzaSyA-secret" not in str(caught.value)


GBP = {"kind": "google_business", "account": "106521538926624813372",
       "location": "9281089117903930794", "client_id": "1234.apps.googleusercontent.com",
       "client_secret": "env:CS", "refresh_token": "env:RT", "base_url": "http://google.test"}
GBP_ENV = {"CS": "GOCSPX-client-secret", "RT": "1//0refresh-token"}
GBP_REVIEW = "AbFvOqmvIeU4pSEGgNPGu1LDyvxFgJ5TGG5LYHtZm3ri"
REPLY_PATH = f"/v4/accounts/106521538926624813372/locations/9281089117903930794/reviews/" \
             f"{GBP_REVIEW}/reply"
TOKEN = httpx.Response(200, json={"access_token": "ya29.a0Af", "expires_in": 3599,
                                  "token_type": "Bearer"})


def test_business_profile_reply_is_the_documented_put(tmp_path):
    settings, db, draft_id = approved(tmp_path, GBP, GBP_REVIEW, GBP_ENV,
                                      text="Sorry for the wait, Sam.")
    platform = Platform({("POST", "/token"): TOKEN, ("PUT", REPLY_PATH): httpx.Response(
        200, json={"comment": "Sorry for the wait, Sam.", "updateTime": "2026-11-22T09:00:01Z"})})
    assert deliver_with(db, settings, platform)["sent"] == 1
    token_request, reply = platform.requests
    assert dict(x.split("=", 1) for x in token_request.content.decode().split("&")) == {
        "grant_type": "refresh_token", "client_id": "1234.apps.googleusercontent.com",
        "client_secret": "GOCSPX-client-secret", "refresh_token": "1%2F%2F0refresh-token"}
    assert (reply.method, reply.url.path) == ("PUT", REPLY_PATH)
    assert reply.headers["Authorization"] == "Bearer ya29.a0Af"
    assert reply.headers["Content-Type"] == "application/json"
    assert json.loads(reply.content) == {"comment": "Sorry for the wait, Sam."}


@pytest.mark.parametrize("outage", [
    httpx.Response(503, json=ERRORS["backend_error"]),
    httpx.ConnectTimeout("timed out"),
])
def test_a_token_endpoint_outage_is_retried_not_blamed_on_credentials(tmp_path, outage):
    settings, db, draft_id = approved(tmp_path, GBP, GBP_REVIEW, GBP_ENV)

    def token_route(request):
        if isinstance(outage, Exception):
            raise outage
        return outage
    platform = Platform({("POST", "/token"): token_route})
    assert deliver_with(db, settings, platform)["retrying"] == 1
    draft = store.get_draft(db, draft_id)
    assert draft["status"] == "approved" and "check the credentials" not in draft["post_error"]
    assert "tried again" in draft["post_error"]


def test_a_revoked_refresh_token_fails_and_says_to_check_credentials(tmp_path):
    settings, db, draft_id = approved(tmp_path, GBP, GBP_REVIEW, GBP_ENV)
    platform = Platform({("POST", "/token"): httpx.Response(400, json=ERRORS[
        "oauth_invalid_grant"])})
    assert deliver_with(db, settings, platform)["failed"] == 1
    draft = store.get_draft(db, draft_id)
    assert draft["status"] == "failed" and "check the credentials" in draft["post_error"]
    assert "1//0refresh-token" not in draft["post_error"]


def test_a_401_at_the_reply_endpoint_gets_a_new_token_once(tmp_path):
    settings, db, draft_id = approved(tmp_path, GBP, GBP_REVIEW, GBP_ENV)
    platform = Platform({("POST", "/token"): TOKEN, ("PUT", REPLY_PATH): [
        httpx.Response(401, json=ERRORS["gbp_unauthenticated"]),
        httpx.Response(200, json={"comment": "x"})]})
    assert deliver_with(db, settings, platform)["sent"] == 1
    assert [r.url.path for r in platform.requests] == ["/token", REPLY_PATH, "/token",
                                                      REPLY_PATH]


def test_zero_quota_says_google_has_not_approved_the_project(tmp_path):
    settings, db, draft_id = approved(tmp_path, GBP, GBP_REVIEW, GBP_ENV)
    platform = Platform({("POST", "/token"): TOKEN, ("PUT", REPLY_PATH): httpx.Response(
        429, json=ERRORS["gbp_zero_quota"])})
    assert deliver_with(db, settings, platform)["retrying"] == 1
    assert "no Business Profile API quota" in store.get_draft(db, draft_id)["post_error"]


PLAY = {"kind": "google_play", "package_name": "com.tidepool.habits",
        "service_account_json": "env:SA", "base_url": "http://google.test"}
PLAY_REVIEW = "gp:AOqpTOGnBw6ZYrPKjbbFzTcFNWrIGqNqNg5X-HNtmRxzL2PPyf2N6dCZG5ndCb05Lm9F3IxK"


def test_play_reply_is_the_documented_post(tmp_path):
    key = {"type": "service_account", "client_email": "replies@tidepool.iam.gserviceaccount.com",
           "private_key": rsa_pem(), "private_key_id": "8f2a", "token_uri":
           "https://oauth2.googleapis.com/token"}
    settings, db, draft_id = approved(tmp_path, PLAY, PLAY_REVIEW, {"SA": json.dumps(key)},
                                      text="Fixed in 4.3, thanks for telling us.")
    path = f"/androidpublisher/v3/applications/com.tidepool.habits/reviews/{PLAY_REVIEW}:reply"
    platform = Platform({("POST", "/token"): TOKEN, ("POST", path): httpx.Response(200, json={
        "result": {"replyText": "Fixed in 4.3, thanks for telling us.",
                   "lastEdited": {"seconds": "1795338001"}}})})
    assert deliver_with(db, settings, platform)["sent"] == 1
    token_request, reply = platform.requests
    assert b"grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer" in \
        token_request.content
    assert (reply.method, reply.url.path) == ("POST", path)
    assert reply.headers["Authorization"] == "Bearer ya29.a0Af"
    assert json.loads(reply.content) == {"replyText": "Fixed in 4.3, thanks for telling us."}
