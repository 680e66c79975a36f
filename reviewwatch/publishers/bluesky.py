"""Bluesky: a reply is a new post made with `com.atproto.repo.createRecord`.

The record's `reply` names the thread's root and the post answered (parent), each by
uri and cid; a reply to a post that is itself a reply keeps that post's root. Bluesky
takes at most 300 graphemes (user-perceived characters: an emoji with its modifiers is
one), so the length is counted as Bluesky counts it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import httpx
import regex

from reviewwatch.config import Source
from reviewwatch.errors import PublishError
from reviewwatch.http import dig, parse_json
from reviewwatch.publishers.bluesky_session import HOST, authorized, session_for

BLUESKY_REPLY_LIMIT = 300  # graphemes
_GRAPHEME = regex.compile(r"\X")
clock: Callable[[], datetime] = lambda: datetime.now(UTC)  # noqa: E731 - tests freeze it


def graphemes(text: str) -> int:
    """User-perceived characters, as Bluesky counts a post's length."""
    return len(_GRAPHEME.findall(text))


def reply_refs(post: dict[str, Any]) -> dict[str, Any]:
    """The record's `reply`: root and parent strong refs for answering this PostView."""
    parent = {"uri": post.get("uri"), "cid": post.get("cid")}
    if not parent["uri"] or not parent["cid"]:
        raise PublishError("the stored Bluesky post has no uri and cid to reply to")
    root = dig(post, "record", "reply", "root")
    if not (isinstance(root, dict) and root.get("uri") and root.get("cid")):
        root = parent
    return {"root": {"uri": root["uri"], "cid": root["cid"]}, "parent": parent}


async def post_reply(client: httpx.AsyncClient, source: Source, draft: dict[str, Any],
                     text: str) -> dict[str, Any]:
    """Post the approved text as a reply in the post's thread."""
    length = graphemes(text)
    if length > BLUESKY_REPLY_LIMIT:
        raise PublishError(f"the reply is {length} graphemes; Bluesky takes "
                           f"{BLUESKY_REPLY_LIMIT}")
    refs = reply_refs(draft.get("raw") or {})
    session = await session_for(client, source)
    record = {"$type": "app.bsky.feed.post", "text": text,
              "createdAt": clock().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z",
              "reply": refs}
    response = await authorized(client, source, "POST",
                                f"{HOST}/xrpc/com.atproto.repo.createRecord",
                                json_body={"repo": session["did"],
                                           "collection": "app.bsky.feed.post",
                                           "record": record})
    body = parse_json(response, source)
    return {"platform": "bluesky", "status": response.status_code, "uri": body.get("uri")}
