"""`reviewwatch notify test`: one test message through Slack or e-mail, sent right away.

It goes straight to the notifier, not through the outbox, so the person setting up sees at
once whether the webhook or the mail server takes it, and why not.
"""

from __future__ import annotations

import asyncio
import socket

from reviewwatch.config import Settings, reveal
from reviewwatch.errors import ReviewwatchError
from reviewwatch.notify import email, slack

TITLE = "reviewwatch test message"
BODY = ("If you can read this, reviewwatch can reach you here: alerts for negative reviews "
        "and source problems will arrive the same way. Sent from {host} by `reviewwatch "
        "notify test`.")


def _body() -> str:
    return BODY.format(host=socket.gethostname())


def send_slack(settings: Settings) -> str:
    """Post a test notice to the configured webhook; return what was done."""
    url = reveal(settings.alerts.slack_webhook_url)  # a missing env: secret says which
    if not url:
        raise ReviewwatchError("alerts.slack_webhook_url is not set: nothing to test")
    from reviewwatch.http import make_client

    async def go() -> None:
        async with make_client(settings.user_agent) as client:
            await slack.post(client, url, slack.build_notice(TITLE, _body(),
                                                             settings.web.public_url))

    try:
        asyncio.run(go())
    except slack.SlackError as e:
        raise ReviewwatchError(f"the Slack test failed: {e}") from None
    return "sent a test message to the Slack webhook"


def send_email(settings: Settings) -> str:
    """Send a test e-mail to digest.to through [smtp]; return what was done."""
    if not settings.digest.to:
        raise ReviewwatchError("digest.to is empty: name who receives e-mail")
    try:
        email.send(settings.smtp, settings.digest.sender, settings.digest.to, TITLE,
                   _body() + "\n\n" + settings.web.public_url + "\n")
    except email.EmailError as e:
        raise ReviewwatchError(f"the e-mail test failed: {e}") from None
    return f"sent a test e-mail to {', '.join(settings.digest.to)}"
