"""Google Business Profile: `PUT .../accounts/{a}/locations/{l}/reviews/{id}/reply`.

A new Cloud project has a quota of zero for the Business Profile APIs until Google
approves its access request; its 429s carry `quota_limit_value: "0"`, and say so.
"""

from __future__ import annotations

import json
from typing import Any

import httpx

from reviewwatch.config import Source
from reviewwatch.http import rebase
from reviewwatch.publishers import send_authorized
from reviewwatch.publishers.google_auth import forget_token, refresh_access_token

API = "https://mybusiness.googleapis.com/v4"
ZERO_QUOTA_HINT = ("; this Google Cloud project has no Business Profile API quota (0 requests "
                   "a minute): Google grants it only after approving the project's access "
                   "request (the GBP API contact form), so retries cannot help until then")


def quota_hint(response: httpx.Response) -> str:
    """The zero-quota explanation when a 429 says the project's limit is 0."""
    if response.status_code != 429:
        return ""
    try:
        details = json.loads(response.content).get("error", {}).get("details", [])
    except (ValueError, AttributeError):
        return ""
    for detail in details if isinstance(details, list) else []:
        metadata = detail.get("metadata") if isinstance(detail, dict) else None
        if isinstance(metadata, dict) and str(metadata.get("quota_limit_value")) == "0":
            return ZERO_QUOTA_HINT
    return ""


async def post_reply(client: httpx.AsyncClient, source: Source, draft: dict[str, Any],
                     text: str) -> dict[str, Any]:
    """Create or replace the owner's reply to one review (by its reviewId)."""
    review_id = draft["external_id"].rsplit("/", 1)[-1]
    url = rebase(f"{API}/accounts/{source.option('account')}/locations/"
                 f"{source.option('location')}/reviews/{review_id}/reply", source.base_url)

    async def token() -> str:
        return await refresh_access_token(client, source)

    response = await send_authorized(client, "PUT", url, "Google Business Profile", token,
                                     lambda: forget_token(source), hint=quota_hint,
                                     json={"comment": text})
    return {"platform": "google_business", "status": response.status_code}
