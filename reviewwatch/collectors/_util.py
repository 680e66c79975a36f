"""Small helpers the collectors share: text from HTML, timestamps, bounded ids."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from typing import Any

_SPACE = re.compile(r"[ \t\r\f\v]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
MAX_HTML_CHARS = 200_000  # parsing is bounded too; stored text is cut later anyway


def html_to_text(markup: str | None) -> str:
    """Plain text from an HTML fragment: tags dropped, paragraphs kept, entities decoded."""
    if not markup:
        return ""
    markup = markup[:MAX_HTML_CHARS]
    if "<" not in markup:
        return _tidy(html.unescape(markup))
    from bs4 import BeautifulSoup  # here: a CSV or JSON collector never loads it

    soup = BeautifulSoup(markup, "html.parser")
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for block in soup.find_all(["p", "div", "li", "blockquote", "pre"]):
        block.insert_after("\n\n")
    return _tidy(soup.get_text())


def _tidy(text: str) -> str:
    text = _SPACE.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


def iso_from_epoch(seconds: Any) -> str | None:
    """ISO 8601 UTC from a Unix timestamp, or None."""
    try:
        return datetime.fromtimestamp(float(seconds), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def iso_from_text(value: Any) -> str | None:
    """ISO 8601 UTC from an ISO-like timestamp string (any offset), or None."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def as_list(value: Any) -> list[Any]:
    """A JSON value that may be one object or a list, as a list."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def string_list(value: Any, default: list[str]) -> list[str]:
    """A config option that may be a string or a list of strings."""
    if value in (None, "", []):
        return list(default)
    return [value] if isinstance(value, str) else [str(v) for v in value]


def needs_search_words(key: str):
    """A check_options for mention searches: the option, or else the business's keywords."""
    def check(options: dict[str, Any], business: Any) -> list[tuple[str, str]]:
        if not options.get(key) and not getattr(business, "keywords", None):
            return [(key, "is needed when the business has no keywords")]
        return []
    return check
