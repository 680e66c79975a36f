"""Google OAuth: a refresh-token exchange, and a service-account JWT signed with RS256."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from reviewwatch.config import Source
from reviewwatch.errors import AuthFailed, ConfigError, RateLimited, SourceUnavailable
from reviewwatch.http import rebase

# Access tokens live only in memory, keyed by source, until a minute before they expire.
_tokens: dict[tuple[str, str], tuple[str, float]] = {}
EXPIRY_MARGIN = 60
GOOGLE_TOKEN_URL = "https://oauth2.googleapis.com/token"  # noqa: S105 - a URL, not a secret
JWT_LIFETIME = 3600


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _cached(source: Source, kind: str) -> str | None:
    token, expires = _tokens.get((source.name, kind), ("", 0.0))
    return token if token and time.monotonic() < expires else None


def forget_token(source: Source) -> None:
    """Drop a source's cached tokens (the platform refused one)."""
    for key in [k for k in _tokens if k[0] == source.name]:
        del _tokens[key]


async def forget_on_refusal(source: Source,
                            pages: AsyncIterator[dict[str, Any]]) -> AsyncIterator[dict[str, Any]]:
    """Pass the records through; a refused token is forgotten so the next poll gets a new one."""
    try:
        async for raw in pages:
            yield raw
    except AuthFailed:
        forget_token(source)
        raise


async def refresh_access_token(client: httpx.AsyncClient, source: Source) -> str:
    """An access token: the configured one, a cached one, or a fresh refresh-token exchange."""
    if source.option("access_token"):
        return str(source.option("access_token"))
    if cached := _cached(source, "refresh"):
        return cached
    url = rebase(source.option("token_url") or GOOGLE_TOKEN_URL, source.base_url)
    what = "the OAuth refresh-token exchange"
    response = await _post(client, source, url, what, {
        "grant_type": "refresh_token", "client_id": source.option("client_id"),
        "client_secret": source.option("client_secret"),
        "refresh_token": source.option("refresh_token")})
    return _token_from(response, source, what, "refresh")


async def _post(client: httpx.AsyncClient, source: Source, url: str, what: str,
                data: dict[str, Any]) -> httpx.Response:
    """The token request; an unreachable token endpoint is an outage, not bad credentials."""
    try:
        return await client.post(url, data=data, timeout=source.timeout)
    except httpx.HTTPError as e:
        raise SourceUnavailable(f"{source.name}: {what} could not reach "
                                f"{urlsplit(url).hostname} ({type(e).__name__}); it will be "
                                "tried again") from None


def service_account(source: Source) -> dict[str, Any]:
    """The service-account key: JSON inline (from env:) or a file path."""
    raw = source.option("service_account_json")
    if not raw and source.option("service_account_file"):
        try:
            raw = Path(str(source.option("service_account_file"))).read_text("utf-8")
        except OSError as e:
            raise ConfigError(f"{source.name}: cannot read service_account_file "
                              f"({e.strerror})") from None
    try:
        key = json.loads(raw or "")
        key["client_email"], key["private_key"]  # noqa: B018 - both must be there
    except (ValueError, KeyError, TypeError):
        raise ConfigError(f"{source.name}: the service-account key is not a Google "
                          "service-account JSON key") from None
    return key


def signed_jwt(key: dict[str, Any], scope: str, audience: str, now: int | None = None) -> str:
    """A service-account assertion signed with the key's RSA private key (RS256)."""
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding

    now = int(now or time.time())
    header = {"alg": "RS256", "typ": "JWT", "kid": key.get("private_key_id")}
    claims = {"iss": key["client_email"], "scope": scope, "aud": audience, "iat": now,
              "exp": now + JWT_LIFETIME}
    signing_input = f"{b64url(json.dumps(header).encode())}.{b64url(json.dumps(claims).encode())}"
    private = serialization.load_pem_private_key(key["private_key"].encode(), password=None)
    signature = private.sign(signing_input.encode(), padding.PKCS1v15(),  # type: ignore
                             hashes.SHA256())
    return f"{signing_input}.{b64url(signature)}"


async def service_account_token(client: httpx.AsyncClient, source: Source, scope: str) -> str:
    """An access token for a service account (the JWT-bearer grant)."""
    if cached := _cached(source, scope):
        return cached
    key = service_account(source)
    audience = key.get("token_uri") or GOOGLE_TOKEN_URL
    what = "the service-account token exchange"
    response = await _post(client, source, rebase(audience, source.base_url), what, {
        "grant_type": "urn:ietf:params:oauth:grant-type:jwt-bearer",
        "assertion": signed_jwt(key, scope, audience)})
    return _token_from(response, source, "the service-account token exchange", scope)


def _token_from(response: httpx.Response, source: Source, what: str, kind: str) -> str:
    status = response.status_code
    if status == 429 or status >= 500:
        from reviewwatch.http import retry_after_seconds

        wait = retry_after_seconds(response.headers.get("Retry-After"))
        if status == 429:
            raise RateLimited(f"{source.name}: {what} was rate limited (HTTP 429)",
                              retry_after=wait)
        raise SourceUnavailable(f"{source.name}: {what} failed at Google's end (HTTP {status}); "
                                "it will be tried again")
    if status != 200:
        raise AuthFailed(f"{source.name}: {what} failed (HTTP {response.status_code}); check "
                         "the credentials in the config")
    try:
        body = response.json()
        token = str(body["access_token"])
        lifetime = float(body.get("expires_in") or 0)
    except (ValueError, KeyError, TypeError):
        raise AuthFailed(f"{source.name}: {what} returned no access token") from None
    if lifetime > EXPIRY_MARGIN:
        _tokens[(source.name, kind)] = (token, time.monotonic() + lifetime - EXPIRY_MARGIN)
    return token
