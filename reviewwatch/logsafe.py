"""No secret in any log line: a logging filter on every handler reviewwatch sets up.

Two nets, because a secret can sit anywhere in a URL (a Places key in the query, a Slack
webhook's token in its path) and libraries log URLs we do not format ourselves (httpx logs
every request at INFO, werkzeug and waitress log request lines):

1. Every value read from the environment as `env:NAME` is registered when the config is
   loaded, and replaced by `***` wherever it appears in a message or a traceback.
2. Every URL and query string is redacted by shape: user:password@ dropped, every query
   value replaced by `***` (the parameter names stay, they help debugging), and the path of
   webhook hosts whose path is the credential (Slack, Discord) hidden.
"""

from __future__ import annotations

import logging
import re
import threading

MIN_SECRET_CHARS = 4  # shorter values would redact ordinary words
MASK = "***"
WEBHOOK_HOSTS = ("hooks.slack.com", "hooks.slack-gov.com", "discord.com", "discordapp.com")
_URL = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)([^\s\"'<>/?#]*)([^\s\"'<>?#]*)(\?[^\s\"'<>#]*)?")
_QUERY = re.compile(r"\?([^\s\"'<>#]+)")
_PAIR = re.compile(r"([^&=;]+)=([^&;]*)")
_BEARER = re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{4,}")

_secrets: set[str] = set()
_lock = threading.Lock()


def register(value: object) -> None:
    """Remember a secret value so that no log line shows it."""
    if isinstance(value, str) and len(value) >= MIN_SECRET_CHARS:
        with _lock:
            _secrets.add(value)


def _mask_query(query: str) -> str:
    return _PAIR.sub(lambda m: f"{m[1]}={MASK}" if m[2] else m[0], query)


def _mask_url(m: re.Match[str]) -> str:
    scheme, netloc, path, query = m[1], m[2], m[3] or "", m[4] or ""
    host = netloc.rsplit("@", 1)[-1]
    if host.split(":")[0].lower() in WEBHOOK_HOSTS and path.strip("/"):
        path = "/" + MASK
    return scheme + host + path + ("?" + _mask_query(query[1:]) if query else "")


def redact(text: str) -> str:
    """The text with registered secrets, credentials in URLs and query values masked."""
    if not text:
        return text
    with _lock:
        known = sorted(_secrets, key=len, reverse=True)  # a longer secret may hold a shorter
    for secret in known:
        if secret in text:
            text = text.replace(secret, MASK)
    text = _URL.sub(_mask_url, text)
    # A path with a query and no scheme (a request line such as "GET /login?next=...").
    text = _QUERY.sub(lambda m: "?" + _mask_query(m[1]), text)
    return _BEARER.sub(lambda m: f"{m[1]} {MASK}", text)


class RedactingFilter(logging.Filter):
    """Rewrites each record's message (and traceback) through `redact` before it is shown."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: show it raw, still redacted
            message = str(record.msg)
        record.msg, record.args = redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def install(logger: logging.Logger | None = None) -> None:
    """Put the filter on every handler of `logger` (the root logger by default)."""
    target = logger or logging.getLogger()
    for handler in target.handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter())
