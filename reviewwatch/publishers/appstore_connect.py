"""App Store Connect: the API-key token (ES256), and `POST /v1/customerReviewResponses`.

Apple refuses a token whose lifetime is over 20 minutes. Tokens here live 15 minutes and
are renewed once less than 5 remain, so a clock up to 5 minutes off on either side still
gives a token Apple takes, and a poll of many pages never sends an expired one.
Replies go only to the opaque ids the `appstore_connect` collector reads from
`customerReviews`; the public RSS feed's ids are not accepted there (post those by hand).
"""

from __future__ import annotations

import json
import time
from typing import Any

import httpx

from reviewwatch.config import Source
from reviewwatch.errors import PublishError
from reviewwatch.http import rebase
from reviewwatch.publishers import send_authorized
from reviewwatch.publishers.google_auth import b64url

API = "https://api.appstoreconnect.apple.com"
AUDIENCE = "appstoreconnect-v1"
APPLE_MAX_LIFETIME = 20 * 60
TOKEN_LIFETIME = 15 * 60
RENEW_BEFORE = 5 * 60  # seconds of life left when a cached token is replaced
ASC_REPLY_LIMIT = 5_970  # the responseBody Apple takes

_tokens: dict[tuple[str, str], tuple[str, float]] = {}  # (source, key id) -> (jwt, exp)


def asc_token(source: Source, now: float | None = None) -> str:
    """An App Store Connect API token signed with the key's EC private key (ES256)."""
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

    issued = int(time.time() if now is None else now)
    header = {"alg": "ES256", "kid": str(source.option("asc_key_id")), "typ": "JWT"}
    claims = {"iss": str(source.option("asc_issuer_id")), "iat": issued,
              "exp": issued + TOKEN_LIFETIME, "aud": AUDIENCE}
    signing_input = f"{b64url(json.dumps(header).encode())}.{b64url(json.dumps(claims).encode())}"
    try:
        key = serialization.load_pem_private_key(str(source.option("asc_private_key")).encode(),
                                                 password=None)
    except (ValueError, TypeError):
        raise PublishError(f"{source.name}: asc_private_key is not a PEM private key") from None
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise PublishError(f"{source.name}: asc_private_key is not an EC (P-256) key")
    der = key.sign(signing_input.encode(), ec.ECDSA(hashes.SHA256()))
    r, s = decode_dss_signature(der)
    return f"{signing_input}.{b64url(r.to_bytes(32, 'big') + s.to_bytes(32, 'big'))}"


def bearer(source: Source, now: float | None = None) -> str:
    """A cached token while it has more than RENEW_BEFORE seconds left, else a new one."""
    now = time.time() if now is None else now
    key = (source.name, str(source.option("asc_key_id")))
    token, expires = _tokens.get(key, ("", 0.0))
    if token and now < expires - RENEW_BEFORE:
        return token
    token = asc_token(source, now)
    _tokens[key] = (token, int(now) + TOKEN_LIFETIME)
    return token


def forget_token(source: Source) -> None:
    """Drop a source's cached token (Apple refused it)."""
    for key in [k for k in _tokens if k[0] == source.name]:
        del _tokens[key]


async def post_reply(client: httpx.AsyncClient, source: Source, draft: dict[str, Any],
                     text: str) -> dict[str, Any]:
    """Respond to one customer review, by its App Store Connect id."""
    if len(text) > ASC_REPLY_LIMIT:
        raise PublishError(f"the reply is {len(text)} characters; App Store Connect takes "
                           f"{ASC_REPLY_LIMIT}")
    body = {"data": {"type": "customerReviewResponses", "attributes": {"responseBody": text},
                     "relationships": {"review": {"data": {"type": "customerReviews",
                                                           "id": draft["external_id"]}}}}}

    async def token() -> str:
        return bearer(source)

    response = await send_authorized(
        client, "POST", rebase(f"{API}/v1/customerReviewResponses", source.base_url),
        "App Store Connect", token, lambda: forget_token(source), json=body)
    return {"platform": "appstore_connect", "status": response.status_code}
