"""Posting approved replies: through the platform's API where one exists, else by hand.

`mode_for(source)` says which: "api" for Google Business Profile (OAuth credentials),
Google Play (a service account), App Store Connect (an API key, `appstore_connect`
sources only: the public App Store feed's reviews are posted by hand), Trustpilot (an API
key and secret with the replying business user's id), Bluesky and Mastodon (an account's
credentials); "manual" for every other source, where staff copy
the approved reply and mark it posted.
`publish` refuses any draft that is not approved: nothing is posted without a person.

Publishing must not get stuck: a timeout, connection error, 429 or 5xx (at the reply API
or at a token endpoint) is retried later, honouring Retry-After; a 401 from a reply API
drops the cached token and tries once more with a fresh one.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import httpx
from sqlite_utils import Database

from reviewwatch.config import Settings, Source
from reviewwatch.errors import AuthFailed, CollectorError, ConfigError, PublishError, RateLimited
from reviewwatch.models import DraftStatus


def _api_ready(source: Source) -> bool:
    o = source.options
    if source.kind == "google_business":
        return bool(o.get("access_token") or (o.get("refresh_token") and o.get("client_id")))
    if source.kind == "google_play":
        return bool(o.get("service_account_json") or o.get("service_account_file"))
    if source.kind == "appstore_connect":
        return bool(o.get("asc_key_id") and o.get("asc_issuer_id") and o.get("asc_private_key"))
    if source.kind == "bluesky":
        return bool(o.get("handle") and o.get("app_password"))
    if source.kind == "mastodon":
        return bool(o.get("access_token"))
    if source.kind == "trustpilot":
        return bool(o.get("api_key") and o.get("api_secret") and o.get("business_user_id"))
    return False


MODULES = {"google_business": "google_business", "google_play": "google_play",
           "appstore_connect": "appstore_connect", "bluesky": "bluesky",
           "mastodon": "mastodon", "trustpilot": "trustpilot"}


def mode_for(source: Source | None) -> str:
    """'api' when reviewwatch can post this source's replies itself, else 'manual'."""
    return "api" if source is not None and _api_ready(source) else "manual"


async def publish(db: Database, settings: Settings, client: httpx.AsyncClient,
                  draft: dict[str, Any]) -> dict[str, Any]:
    """Post one approved draft's final text through its platform's API."""
    if draft["status"] != DraftStatus.APPROVED:
        raise PublishError(f"draft {draft['id']} is {draft['status']}, not approved; "
                           "nothing is posted without approval")
    source = next((s for s in settings.sources if s.name == draft["source"]), None)
    if source is None or mode_for(source) != "api":
        raise PublishError(f"draft {draft['id']}: {draft['source']} has no reply API "
                           "configured; post it by hand")
    text = draft.get("final_text") or draft["reply"]
    import importlib

    module = importlib.import_module(f"reviewwatch.publishers.{MODULES[source.kind]}")
    if "raw" not in draft:  # a thread reply needs the stored post (Bluesky's uri and cid)
        from reviewwatch import db as store

        draft = {**draft, "raw": store.get_item(db, draft["item_id"])["raw"]}
    try:
        return await module.post_reply(client, source, draft, text)
    except ConfigError as e:
        raise PublishError(str(e)) from None
    except CollectorError as e:
        raise as_publish_error(e) from None


def as_publish_error(error: CollectorError) -> PublishError:
    """A token or lookup failure met while publishing: refused credentials are permanent,
    an outage or a rate limit at the token endpoint is worth another try."""
    if isinstance(error, AuthFailed | ConfigError):
        return PublishError(str(error))
    retry_after = error.retry_after if isinstance(error, RateLimited) else None
    return PublishError(str(error), permanent=False, retry_after=retry_after)


def check_response(response: httpx.Response, what: str, hint: str = "") -> None:
    """Raise a PublishError for a refused reply; permanent unless a retry can help."""
    if response.status_code < 300:
        return
    from reviewwatch.http import retry_after_seconds

    status = response.status_code
    retry = status in (408, 429) or status >= 500
    if not hint and status in (401, 403):
        hint = " (check the credentials)"
    raise PublishError(f"{what} refused the reply: HTTP {status}{hint}", permanent=not retry,
                       retry_after=retry_after_seconds(response.headers.get("Retry-After")))


async def send(client: httpx.AsyncClient, method: str, url: str, what: str,
               hint: Callable[[httpx.Response], str] | None = None,
               **kwargs: Any) -> httpx.Response:
    """One request to a reply API; transport errors are worth a retry."""
    try:
        response = await client.request(method, url, timeout=30.0, **kwargs)
    except httpx.HTTPError as e:
        raise PublishError(f"could not reach {what} ({type(e).__name__})", permanent=False) \
            from None
    check_response(response, what, hint(response) if hint else "")
    return response


async def send_authorized(client: httpx.AsyncClient, method: str, url: str, what: str,
                          token: Callable[[], Awaitable[str]], forget: Callable[[], None],
                          hint: Callable[[httpx.Response], str] | None = None,
                          headers: dict[str, str] | None = None,
                          reauth_on: tuple[int, ...] = (401,),
                          **kwargs: Any) -> httpx.Response:
    """A request with a bearer token; a 401 (or another status in `reauth_on`, for a
    platform that says "expired token" otherwise) drops the cached token and retries once."""
    for attempt in (1, 2):
        try:
            bearer = await token()
        except CollectorError as e:
            raise as_publish_error(e) from None
        try:
            return await send(client, method, url, what, hint=hint,
                              headers={**(headers or {}), "Authorization": f"Bearer {bearer}"},
                              **kwargs)
        except PublishError as e:
            if attempt == 1 and any(f"HTTP {status}" in str(e) for status in reauth_on):
                forget()
                continue
            raise
    raise AssertionError("unreachable")  # pragma: no cover
