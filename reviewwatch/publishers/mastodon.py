"""Mastodon: a reply is `POST /api/v1/statuses` with `in_reply_to_id`.

The status id is the one the configured instance gave (the tag timeline was read there),
and the access token must be that instance's, with the `write:statuses` scope. An
`Idempotency-Key` per draft makes a retried post that did land the first time return the
same status instead of posting twice.
"""

from __future__ import annotations

from typing import Any

import httpx

from reviewwatch.collectors.mastodon import instance_url
from reviewwatch.config import Source
from reviewwatch.errors import PublishError
from reviewwatch.http import rebase
from reviewwatch.publishers import send

MASTODON_REPLY_LIMIT = 500  # the default server limit, in characters


async def post_reply(client: httpx.AsyncClient, source: Source, draft: dict[str, Any],
                     text: str) -> dict[str, Any]:
    """Post the approved text as a public reply to the status."""
    if len(text) > MASTODON_REPLY_LIMIT:
        raise PublishError(f"the reply is {len(text)} characters; Mastodon takes "
                           f"{MASTODON_REPLY_LIMIT} by default")
    url = rebase(f"{instance_url(source)}/api/v1/statuses", source.base_url)
    response = await send(client, "POST", url, "Mastodon",
                          headers={"Authorization": f"Bearer {source.option('access_token')}",
                                   "Idempotency-Key": f"reviewwatch-draft-{draft['id']}"},
                          json={"status": text, "in_reply_to_id": str(draft["external_id"]),
                                "visibility": "public"})
    return {"platform": "mastodon", "status": response.status_code}
