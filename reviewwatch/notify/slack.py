"""Slack alerts through an incoming webhook, in Block Kit, with every outside text escaped.

Slack's mrkdwn treats `<...>` as a link, a mention or a broadcast (`<!channel>`,
`<!here>`, `<@U123>`), and `&` starts an entity, so review texts and author names have
`&`, `<` and `>` escaped. Bare "@channel"/"@here"/"@everyone" are broken with a zero-width
joiner so no stranger's review can ping a workspace.
"""

from __future__ import annotations

import re
from typing import Any

import httpx

from reviewwatch.aspect_names import aspect_name

SECTION_LIMIT = 3000  # Block Kit section text
HEADER_LIMIT = 150
EXCERPT_CHARS = 600
FALLBACK_CHARS = 300
_BROADCAST = re.compile(r"@(channel|here|everyone)\b", re.I)
_ZWJ = "\u200d"


class SlackError(Exception):
    """Slack refused the message; `permanent` says whether a retry can help."""

    def __init__(self, message: str, permanent: bool, retry_after: float | None = None):
        super().__init__(message)
        self.permanent = permanent
        self.retry_after = retry_after


def escape_mrkdwn(text: str | None, limit: int = SECTION_LIMIT) -> str:
    """Text that Slack shows literally: no links, mentions or broadcasts; bounded length."""
    text = (text or "")[: limit * 2]
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _BROADCAST.sub(lambda m: "@" + _ZWJ + m.group(1), text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


_MENTION_START = re.compile(r"<(?=[@!#])")


def plain_text(text: str, limit: int) -> str:
    """Text for a plain_text object: Slack shows it literally, but a "<@" or "<!" is still
    broken with a zero-width space, so no copy of it can become a mention elsewhere."""
    return _MENTION_START.sub("<\u200b", text)[:limit]


def stars(rating: float | None, rating_max: float | None = 5) -> str:
    """'★★☆☆☆' for a 2-of-5 rating; '' without one."""
    if rating is None:
        return ""
    filled = round(float(rating) * 5 / float(rating_max or 5))
    return "★" * filled + "☆" * (5 - filled)


def build_alert(item: dict[str, Any], triage: dict[str, Any] | None,
                draft: dict[str, Any] | None, business_name: str, link: str) -> dict[str, Any]:
    """The webhook payload for one negative item."""
    triage = triage or {}
    priority = triage.get("priority") or "high"
    where = escape_mrkdwn(item.get("source") or "", 200)
    who = escape_mrkdwn(item.get("author") or "someone", 100)
    rating = stars(item.get("rating"), item.get("rating_max"))
    excerpt = escape_mrkdwn(((item.get("title") + ": ") if item.get("title") else "") +
                            (item.get("text") or ""), EXCERPT_CHARS)
    aspects = ", ".join(aspect_name(a) for a in triage.get("aspects") or []) or "none found"
    head = f"{'URGENT: ' if priority == 'urgent' else ''}New negative " \
           f"{item.get('kind') or 'review'} for {business_name}"
    fields = [f"*Priority:* {priority}", f"*Source:* {where}", f"*From:* {who}",
              f"*Aspects:* {escape_mrkdwn(aspects, 300)}"]
    if rating:
        fields.append(f"*Rating:* {rating}")
    if triage.get("needs_human_reason"):
        fields.append(f"*For a person:* {escape_mrkdwn(triage['needs_human_reason'], 300)}")
    issues = [i for i in triage.get("issues") or [] if i.get("clause")][:2]
    if issues:  # the customer's own words, whole clauses, for the owner to see at a glance
        said = "; ".join(f"{aspect_name(i['aspect']) + ': ' if i.get('aspect') else ''}"
                         f"“{i['clause']}”" for i in issues)
        fields.append(f"*Issues:* {escape_mrkdwn(said, 600)}")
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text",
                                    "text": plain_text(head, HEADER_LIMIT)}},
        {"type": "section", "fields": [{"type": "mrkdwn", "text": f} for f in fields]},
        {"type": "section", "text": {"type": "mrkdwn", "text": f">{excerpt}" if excerpt else
                                     "_(no text)_"}},
    ]
    if draft:
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text":
                       "A holding reply is waiting for a person to take this on."
                       if triage.get("needs_human") else
                       "A HEARD reply draft is waiting for approval."}]})
    blocks.append({"type": "actions", "elements": [{
        "type": "button", "text": {"type": "plain_text", "text": "Open in reviewwatch"},
        "url": link}]})
    # (the fallback text is mrkdwn to Slack's notifications: the business name is escaped too)
    fallback = f"{escape_mrkdwn(head, HEADER_LIMIT)} ({priority}) from {who}: " \
        f"{excerpt[:FALLBACK_CHARS]}"
    return {"text": fallback, "blocks": blocks, "unfurl_links": False, "unfurl_media": False}


def build_notice(title: str, body: str, link: str | None = None) -> dict[str, Any]:
    """A plain notice (a source broke or recovered)."""
    text = f"*{escape_mrkdwn(title, HEADER_LIMIT)}*\n{escape_mrkdwn(body, 1000)}"
    if link:
        text += f"\n<{link}|Open the sources page>"
    return {"text": text, "unfurl_links": False}


async def post(client: httpx.AsyncClient, url: str, payload: dict[str, Any],
               timeout: float = 15.0) -> None:
    """POST to an incoming webhook; raise SlackError with whether a retry can help."""
    try:
        response = await client.post(url, json=payload, timeout=timeout)
    except httpx.HTTPError as e:
        raise SlackError(f"could not reach Slack ({type(e).__name__})", permanent=False) \
            from None
    if response.status_code == 200:
        return
    body = response.text[:200].strip()
    if response.status_code == 429:
        from reviewwatch.http import retry_after_seconds

        raise SlackError("Slack rate limited the webhook", permanent=False,
                         retry_after=retry_after_seconds(response.headers.get("Retry-After")))
    if response.status_code >= 500:
        raise SlackError(f"Slack answered HTTP {response.status_code}", permanent=False)
    raise SlackError(f"Slack refused the message (HTTP {response.status_code}: "
                     f"{body or 'no reason'}); check alerts.slack_webhook_url", permanent=True)
