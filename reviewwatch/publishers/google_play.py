"""Google Play: `POST .../applications/{package}/reviews/{id}:reply` (350 characters)."""

from __future__ import annotations

from typing import Any

import httpx

from reviewwatch.config import Source
from reviewwatch.errors import PublishError
from reviewwatch.http import rebase
from reviewwatch.publishers import send_authorized
from reviewwatch.publishers.google_auth import forget_token, service_account_token

API = "https://androidpublisher.googleapis.com/androidpublisher/v3"
SCOPE = "https://www.googleapis.com/auth/androidpublisher"
PLAY_REPLY_LIMIT = 350


async def post_reply(client: httpx.AsyncClient, source: Source, draft: dict[str, Any],
                     text: str) -> dict[str, Any]:
    """Reply to one Play review with the service account's token."""
    if len(text) > PLAY_REPLY_LIMIT:
        raise PublishError(f"the reply is {len(text)} characters; Google Play takes "
                           f"{PLAY_REPLY_LIMIT}")
    url = rebase(f"{API}/applications/{source.option('package_name')}/reviews/"
                 f"{draft['external_id']}:reply", source.base_url)

    async def token() -> str:
        return await service_account_token(client, source, SCOPE)

    response = await send_authorized(client, "POST", url, "Google Play", token,
                                     lambda: forget_token(source), json={"replyText": text})
    return {"platform": "google_play", "status": response.status_code}
