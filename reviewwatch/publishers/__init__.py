"""Posting approved replies: through the platform's API where one exists, else by hand.

`mode_for(source)` says which: "api" for Google Business Profile (OAuth credentials),
Google Play (a service account) and the App Store (App Store Connect API key); "manual"
for every other source, where staff copy the approved reply and mark it posted.
`publish` refuses any draft that is not approved: nothing is posted without a person.
"""

from __future__ import annotations

from typing import Any

import httpx
from sqlite_utils import Database

from reviewwatch.config import Settings, Source
from reviewwatch.errors import PublishError
from reviewwatch.models import DraftStatus


def _api_ready(source: Source) -> bool:
    o = source.options
    if source.kind == "google_business":
        return bool(o.get("access_token") or (o.get("refresh_token") and o.get("client_id")))
    if source.kind == "google_play":
        return bool(o.get("service_account_json") or o.get("service_account_file"))
    if source.kind == "appstore":
        return bool(o.get("asc_key_id") and o.get("asc_issuer_id") and o.get("asc_private_key"))
    return False


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
    if source.kind == "google_business":
        from reviewwatch.publishers import google_business as module
    elif source.kind == "google_play":
        from reviewwatch.publishers import google_play as module  # type: ignore[no-redef]
    else:
        from reviewwatch.publishers import appstore_connect as module  # type: ignore[no-redef]
    return await module.post_reply(client, source, draft, text)


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
               **kwargs: Any) -> httpx.Response:
    """One request to a reply API; transport errors are worth a retry."""
    try:
        response = await client.request(method, url, timeout=30.0, **kwargs)
    except httpx.HTTPError as e:
        raise PublishError(f"could not reach {what} ({type(e).__name__})", permanent=False) \
            from None
    check_response(response, what)
    return response
