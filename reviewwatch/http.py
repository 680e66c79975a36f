"""The one place HTTP happens: a shared client, bounded requests, retries, redaction.

Collectors call `request()` (or `get_json()`), never httpx directly, so every source gets
the same rules: `base_url` rewriting, a per-request timeout, a response-size cap, retries
with bounded exponential backoff and full jitter for timeouts, connection errors and 5xx,
`Retry-After` on 429/503, typed errors for 401/403/404, conditional requests (ETag /
If-Modified-Since -> 304), and URLs with their secrets redacted in every message.
"""

from __future__ import annotations

import asyncio
import json
import random
import re
import time
from collections.abc import Awaitable, Callable
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpx

from reviewwatch.config import Source
from reviewwatch.errors import (
    AuthFailed,
    Blocked,
    ParseError,
    RateLimited,
    SourceUnavailable,
)
from reviewwatch.models import State

MAX_CONNECTIONS = 100
PER_HOST_CONNECTIONS = 6  # many sources on one host must not hammer it
MAX_REDIRECTS = 5
RETRIES = 3  # attempts after the first, for timeouts, connection errors and 5xx
BACKOFF_BASE = 0.5  # seconds; attempt n waits up to BACKOFF_BASE * 2**n (full jitter)
BACKOFF_CAP = 8.0
RETRY_AFTER_CAP = 60.0  # a longer Retry-After holds the source instead of blocking the poll
SECRET_PARAMS = {"key", "api_key", "apikey", "access_token", "token", "client_secret",
                 "password", "sig", "signature", "refresh_token", "code", "secret", "auth"}
_SECRET_IN_PATH = re.compile(r"(?i)(bearer\s+)[^\s\"']+")

Sleep = Callable[[float], Awaitable[Any]]
_host_limits: dict[tuple[int, str], asyncio.Semaphore] = {}
# A host whose rate-limit headers said "0 left": when (time.time()) its window resets.
_exhausted: dict[str, float] = {}
REMAINING_HEADERS = ("x-ratelimit-remaining", "ratelimit-remaining")
RESET_HEADERS = ("x-ratelimit-reset", "ratelimit-reset", "ratelimit-resettime")
EPOCH_THRESHOLD = 1_000_000_000  # a reset larger than this is a Unix time, not seconds
clock: Callable[[], float] = time.time  # wall clock for rate-limit windows; tests freeze it


def make_client(user_agent: str, *, max_connections: int = MAX_CONNECTIONS,
                timeout: float = 20.0) -> httpx.AsyncClient:
    """The one AsyncClient a run shares: timeouts, connection limits and our User-Agent."""
    return httpx.AsyncClient(
        headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"},
        timeout=httpx.Timeout(timeout),
        limits=httpx.Limits(max_connections=max_connections,
                            max_keepalive_connections=max_connections // 2),
        follow_redirects=True, max_redirects=MAX_REDIRECTS,
    )


def redact(url: str) -> str:
    """The URL with every secret-looking query value replaced by '***'."""
    try:
        parts = urlsplit(str(url))
    except ValueError:
        return "<unparseable url>"
    query = [(k, "***" if k.lower() in SECRET_PARAMS else v)
             for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    netloc = parts.netloc.rsplit("@", 1)[-1]  # drop user:password@
    return urlunsplit((parts.scheme, netloc, parts.path, urlencode(query, safe="*:,()>"), ""))


def scrub(text: str, secrets: list[str] | tuple[str, ...] = ()) -> str:
    """Remove the given secret values (and bearer tokens) from a message."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, "***")
    return _SECRET_IN_PATH.sub(r"\1***", text)


def rebase(url: str, base_url: str | None) -> str:
    """Replace the URL's scheme and host with base_url's, keeping path and query."""
    if not base_url:
        return url
    target, base = urlsplit(url), urlsplit(base_url)
    return urlunsplit((base.scheme, base.netloc, target.path, target.query, ""))


def _host_limit(host: str) -> asyncio.Semaphore:
    key = (id(asyncio.get_running_loop()), host)
    if key not in _host_limits:
        if len(_host_limits) > 10_000:  # loops come and go in tests; keep this bounded
            _host_limits.clear()
        _host_limits[key] = asyncio.Semaphore(PER_HOST_CONNECTIONS)
    return _host_limits[key]


def retry_after_seconds(value: str | None) -> float | None:
    """Retry-After as seconds: either delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        from datetime import UTC, datetime

        when = parsedate_to_datetime(value)
        return max(0.0, (when - datetime.now(UTC)).total_seconds())
    except (TypeError, ValueError, IndexError):
        return None


def reset_seconds(value: str | None, now: float) -> float | None:
    """A rate-limit reset as seconds from now: delta seconds (Reddit), a Unix time
    (Bluesky), or an ISO 8601 moment (Mastodon, Yelp)."""
    if not value:
        return None
    value = value.strip()
    try:
        number = float(value)
    except ValueError:
        from datetime import datetime

        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
        return max(0.0, moment.timestamp() - now) if moment.tzinfo else None
    return max(0.0, number - now if number > EPOCH_THRESHOLD else number)


def note_rate_limit(host: str, headers: httpx.Headers, now: float | None = None) -> None:
    """Remember a host that said it has no requests left until its window resets."""
    now = clock() if now is None else now
    remaining = next((headers[h] for h in REMAINING_HEADERS if h in headers), None)
    try:
        left = float(remaining) if remaining is not None else None
    except ValueError:
        left = None
    if left is None or left >= 1:
        _exhausted.pop(host, None)
        return
    wait = next((reset_seconds(headers[h], now) for h in RESET_HEADERS if h in headers), None)
    if wait:
        _exhausted[host] = now + wait


async def respect_rate_limit(host: str, source: Source, sleep: Sleep) -> None:
    """Before a request: wait out a short exhausted window, or hold the source for a long one."""
    until = _exhausted.get(host)
    if until is None:
        return
    wait = until - clock()
    if wait <= 0:
        _exhausted.pop(host, None)
        return
    if wait > RETRY_AFTER_CAP:
        raise RateLimited(f"{source.name}: {host} says no requests are left for "
                          f"{int(wait)} s (rate-limit headers)", retry_after=wait)
    await sleep(wait)
    _exhausted.pop(host, None)


def backoff(attempt: int) -> float:
    """Full-jitter exponential backoff, capped."""
    return random.uniform(0, min(BACKOFF_CAP, BACKOFF_BASE * 2 ** attempt))


async def request(client: httpx.AsyncClient, source: Source, method: str, url: str, *,
                  params: dict[str, Any] | None = None, headers: dict[str, str] | None = None,
                  data: Any = None, json_body: Any = None, state: State | None = None,
                  conditional: bool = False, secrets: tuple[str, ...] = (),
                  retries: int = RETRIES, sleep: Sleep | None = None,
                  count_page: bool = True,
                  accept: tuple[int, ...] = ()) -> httpx.Response | None:
    """One bounded request for a source; None when a conditional request got 304.

    A status in `accept` is handed back to the caller instead of raising (a platform that
    says "token expired" with a 400, a 404 that means "nothing yet")."""
    sleep = sleep or asyncio.sleep
    url = rebase(url, source.base_url)
    if params:
        url = str(httpx.URL(url, params={k: v for k, v in params.items() if v is not None}))
    shown = scrub(redact(url), secrets)
    headers = dict(headers or {})
    if conditional and state is not None:
        if state.etag:
            headers["If-None-Match"] = state.etag
        if state.last_modified:
            headers["If-Modified-Since"] = state.last_modified
    host = urlsplit(url).netloc
    attempt = 0
    while True:
        await respect_rate_limit(host, source, sleep)
        try:
            async with _host_limit(host):
                response, body = await _send(client, method, url, headers, data, json_body,
                                             source)
        except (httpx.TimeoutException, httpx.TransportError) as e:
            if attempt < retries:
                await sleep(backoff(attempt))
                attempt += 1
                continue
            kind = "timed out" if isinstance(e, httpx.TimeoutException) else \
                f"could not connect ({type(e).__name__})"
            raise SourceUnavailable(f"{source.name}: {shown} {kind} after "
                                    f"{attempt + 1} attempts") from None
        note_rate_limit(host, response.headers)
        status = response.status_code
        if status in accept:
            response._content = body
            return response
        if status == 304 and state is not None:
            state.not_modified = True
            return None
        if status in (429, 503):
            wait = retry_after_seconds(response.headers.get("Retry-After"))
            if attempt < retries and (wait is None or wait <= RETRY_AFTER_CAP):
                await sleep(wait if wait is not None else backoff(attempt))
                attempt += 1
                continue
            if status == 429 or wait is not None:
                raise RateLimited(f"{source.name}: rate limited by {urlsplit(url).hostname}"
                                  + (f"; retry after {int(wait)} s" if wait else ""),
                                  retry_after=wait)
        if status >= 500:
            if attempt < retries:
                await sleep(backoff(attempt))
                attempt += 1
                continue
            raise SourceUnavailable(f"{source.name}: {shown} answered HTTP {status} after "
                                    f"{attempt + 1} attempts")
        if status == 401:
            raise AuthFailed(f"{source.name}: {urlsplit(url).hostname} refused the credentials "
                             "(HTTP 401); check the API key or token in the config")
        if status == 403:
            raise Blocked(f"{source.name}: {urlsplit(url).hostname} refused access (HTTP 403); "
                          "check the key's permissions, or whether this host blocks automated "
                          "clients (set [http] user_agent)")
        if status == 404:
            raise SourceUnavailable(f"{source.name}: {shown} was not found (HTTP 404); check "
                                    "the id in the config")
        if status >= 400:
            raise SourceUnavailable(f"{source.name}: {shown} answered HTTP {status}")
        response._content = body  # the bounded body we read
        if state is not None:
            if count_page:
                state.pages += 1
            if response.headers.get("ETag"):
                state.etag = response.headers["ETag"]
            if response.headers.get("Last-Modified"):
                state.last_modified = response.headers["Last-Modified"]
        return response


async def _send(client: httpx.AsyncClient, method: str, url: str, headers: dict[str, str],
                data: Any, json_body: Any, source: Source) -> tuple[httpx.Response, bytes]:
    req = client.build_request(method, url, headers=headers, data=data, json=json_body,
                               timeout=source.timeout)
    response = await client.send(req, stream=True)
    try:
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > source.max_bytes:
            raise ParseError(f"{source.name}: the response is {int(declared)} bytes, over the "
                             f"{source.max_bytes}-byte limit (max_bytes)")
        chunks, size = [], 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > source.max_bytes:
                raise ParseError(f"{source.name}: the response is larger than the "
                                 f"{source.max_bytes}-byte limit (max_bytes)")
            chunks.append(chunk)
        return response, b"".join(chunks)
    finally:
        await response.aclose()


async def get(client: httpx.AsyncClient, source: Source, url: str,
              **kwargs: Any) -> httpx.Response | None:
    """GET through `request`."""
    return await request(client, source, "GET", url, **kwargs)


def parse_json(response: httpx.Response, source: Source, expect: type = dict) -> Any:
    """The body as JSON of the expected shape, or a ParseError that says what came instead."""
    try:
        value = json.loads(response.content)
    except (ValueError, UnicodeDecodeError):
        head = response.content[:200].lstrip().lower()
        what = "an HTML page" if head.startswith((b"<!doctype", b"<html")) else \
            "a truncated or malformed body" if head[:1] in (b"{", b"[") else "not JSON"
        raise ParseError(f"{source.name}: expected JSON from "
                         f"{urlsplit(str(response.url)).hostname}, got {what}") from None
    if not isinstance(value, expect):
        raise ParseError(f"{source.name}: expected a JSON {expect.__name__}, got "
                         f"{type(value).__name__}")
    return value


async def get_json(client: httpx.AsyncClient, source: Source, url: str, *,
                   expect: type = dict, **kwargs: Any) -> Any:
    """GET and parse JSON; None when a conditional request got 304."""
    response = await get(client, source, url, **kwargs)
    return None if response is None else parse_json(response, source, expect)


def dig(value: Any, *path: str | int, default: Any = None) -> Any:
    """value[path[0]][path[1]]... or default when any step is missing or the wrong type."""
    for step in path:
        in_list = isinstance(step, int) and isinstance(value, list) and \
            -len(value) <= step < len(value)
        in_dict = isinstance(step, str) and isinstance(value, dict) and step in value
        if not (in_list or in_dict):
            return default
        value = value[step]  # type: ignore[index]
    return value

