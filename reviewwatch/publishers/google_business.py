"""Google Business Profile: `PUT .../accounts/{a}/locations/{l}/reviews/{id}/reply`."""

from __future__ import annotations

from typing import Any

import httpx

from reviewwatch.config import Source
from reviewwatch.errors import AuthFailed, PublishError
from reviewwatch.http import rebase
from reviewwatch.publishers import send
from reviewwatch.publishers.google_auth import refresh_access_token

API = "https://mybusiness.googleapis.com/v4"


async def post_reply(client: httpx.AsyncClient, source: Source, draft: dict[str, Any],
                     text: str) -> dict[str, Any]:
    """Create or replace the owner's reply to one review."""
    try:
        token = await refresh_access_token(client, source)
    except AuthFailed as e:
        raise PublishError(str(e)) from None
    review_id = draft["external_id"].rsplit("/", 1)[-1]
    url = rebase(f"{API}/accounts/{source.option('account')}/locations/"
                 f"{source.option('location')}/reviews/{review_id}/reply", source.base_url)
    response = await send(client, "PUT", url, "Google Business Profile",
                          headers={"Authorization": f"Bearer {token}"}, json={"comment": text})
    return {"platform": "google_business", "status": response.status_code}
