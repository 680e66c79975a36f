"""App Store Connect: `POST /v1/customerReviewResponses`, with an ES256 API-key JWT."""

from __future__ import annotations

import json
import time
from typing import Any

import httpx

from reviewwatch.config import Source
from reviewwatch.errors import PublishError
from reviewwatch.http import rebase
from reviewwatch.publishers import send
from reviewwatch.publishers.google_auth import b64url

API = "https://api.appstoreconnect.apple.com/v1/customerReviewResponses"
TOKEN_LIFETIME = 1200  # Apple accepts at most 20 minutes


def asc_token(source: Source, now: int | None = None) -> str:
    """An App Store Connect API token signed with the key's EC private key (ES256)."""
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

    now = int(now or time.time())
    header = {"alg": "ES256", "kid": source.option("asc_key_id"), "typ": "JWT"}
    claims = {"iss": source.option("asc_issuer_id"), "iat": now, "exp": now + TOKEN_LIFETIME,
              "aud": "appstoreconnect-v1"}
    signing_input = f"{b64url(json.dumps(header).encode())}.{b64url(json.dumps(claims).encode())}"
    try:
        key = serialization.load_pem_private_key(str(source.option("asc_private_key")).encode(),
                                                 password=None)
    except (ValueError, TypeError):
        raise PublishError(f"{source.name}: asc_private_key is not a PEM private key") from None
    der = key.sign(signing_input.encode(), ec.ECDSA(hashes.SHA256()))  # type: ignore[call-arg]
    r, s = decode_dss_signature(der)
    return f"{signing_input}.{b64url(r.to_bytes(32, 'big') + s.to_bytes(32, 'big'))}"


async def post_reply(client: httpx.AsyncClient, source: Source, draft: dict[str, Any],
                     text: str) -> dict[str, Any]:
    """Respond to one customer review (the RSS id is the review's App Store Connect id)."""
    review_id = draft["external_id"].split(":", 1)[-1]
    body = {"data": {"type": "customerReviewResponses", "attributes": {"responseBody": text},
                     "relationships": {"review": {"data": {"type": "customerReviews",
                                                           "id": review_id}}}}}
    response = await send(client, "POST", rebase(API, source.base_url), "App Store Connect",
                          headers={"Authorization": f"Bearer {asc_token(source)}"}, json=body)
    return {"platform": "appstore", "status": response.status_code}
