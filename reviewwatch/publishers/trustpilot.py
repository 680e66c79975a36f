"""Trustpilot: `POST /v1/private/reviews/{reviewId}/reply` with a business-user OAuth token.

https://developers.trustpilot.com/service-reviews-api#reply-to-a-review
Body `{"authorBusinessUserId", "message"}` (JSON), header `Authorization: Bearer TOKEN`.
The review id is the 24-hex id both the API and the public page give.

The token (https://developers.trustpilot.com/authentication) comes from
`POST /v1/oauth/oauth-business-users-for-applications/accesstoken` with HTTP Basic
`api_key:api_secret` and a form body: `grant_type=client_credentials`, or the `password`
grant when a business user's `username` and `password` are configured. It lives 100 hours
(`expires_in`, in seconds, sent as a string) and is kept in memory until shortly before
then: Trustpilot answers 429 to an application that asks for tokens too often. A timeout,
connection error, 429 or 5xx at the token endpoint is worth another try; a refused key is
not. Trustpilot's own client re-authenticates on 401 and on 403 (an expired token can
come back as either), so both drop the cached token and retry once.
"""

from __future__ import annotations

import base64
import time
from typing import Any
from urllib.parse import urlsplit

import httpx

from reviewwatch.collectors.trustpilot import OBJECT_ID
from reviewwatch.config import Source
from reviewwatch.errors import AuthFailed, PublishError, RateLimited, SourceUnavailable
from reviewwatch.http import rebase, retry_after_seconds
from reviewwatch.publishers import send_authorized

API = "https://api.trustpilot.com"
TOKEN_PATH = "/v1/oauth/oauth-business-users-for-applications/accesstoken"  # noqa: S105
EXPIRY_MARGIN = 3600  # seconds: renew an hour before Trustpilot's 100 hours run out
DEFAULT_LIFETIME = 100 * 3600

_tokens: dict[str, tuple[str, float]] = {}  # source -> (access token, monotonic expiry)


def forget_token(source: Source) -> None:
    """Drop a source's cached token (Trustpilot refused it)."""
    _tokens.pop(source.name, None)


def _basic(source: Source) -> str:
    pair = f"{source.option('api_key')}:{source.option('api_secret')}".encode()
    return "Basic " + base64.b64encode(pair).decode()


async def access_token(client: httpx.AsyncClient, source: Source) -> str:
    """A cached business-user token, or a new one from Trustpilot's token endpoint."""
    cached, expires = _tokens.get(source.name, ("", 0.0))
    if cached and time.monotonic() < expires:
        return cached
    form = {"grant_type": "client_credentials"}
    if source.option("username"):
        form = {"grant_type": "password", "username": str(source.option("username")),
                "password": str(source.option("password"))}
    url = rebase(f"{API}{TOKEN_PATH}", source.base_url)
    what = "the Trustpilot token request"
    try:
        response = await client.post(url, data=form, timeout=source.timeout,
                                     headers={"Authorization": _basic(source)})
    except httpx.HTTPError as e:
        raise SourceUnavailable(f"{source.name}: {what} could not reach "
                                f"{urlsplit(url).hostname} ({type(e).__name__}); it will be "
                                "tried again") from None
    status = response.status_code
    if status == 429:
        raise RateLimited(f"{source.name}: {what} was rate limited (HTTP 429; Trustpilot "
                          "limits how often tokens are asked for)",
                          retry_after=retry_after_seconds(response.headers.get("Retry-After")))
    if status >= 500:
        raise SourceUnavailable(f"{source.name}: {what} failed at Trustpilot's end (HTTP "
                                f"{status}); it will be tried again")
    if status != 200:
        raise AuthFailed(f"{source.name}: {what} failed (HTTP {status}); check api_key, "
                         "api_secret" + (", username and password" if form["grant_type"] ==
                                         "password" else "") + " in the config")
    try:
        body = response.json()
        token = str(body["access_token"])
        lifetime = float(body.get("expires_in") or DEFAULT_LIFETIME)
    except (ValueError, KeyError, TypeError):
        raise AuthFailed(f"{source.name}: {what} returned no access token") from None
    if lifetime > EXPIRY_MARGIN:
        _tokens[source.name] = (token, time.monotonic() + lifetime - EXPIRY_MARGIN)
    return token


async def post_reply(client: httpx.AsyncClient, source: Source, draft: dict[str, Any],
                     text: str) -> dict[str, Any]:
    """Post the approved text as the business's reply to one review."""
    review_id = str(draft["external_id"])
    if not OBJECT_ID.match(review_id):
        raise PublishError(f"{review_id!r} is not a Trustpilot review id; post it by hand")
    url = rebase(f"{API}/v1/private/reviews/{review_id}/reply", source.base_url)

    async def token() -> str:
        return await access_token(client, source)

    response = await send_authorized(
        client, "POST", url, "Trustpilot", token, lambda: forget_token(source),
        reauth_on=(401, 403), json={"authorBusinessUserId": str(source.option(
            "business_user_id")), "message": text})
    return {"platform": "trustpilot", "status": response.status_code}
