"""The records that flow through reviewwatch."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

MAX_TEXT_CHARS = 20_000  # a longer review or post is cut here before it is stored
MAX_AUTHOR_CHARS = 200
MAX_TITLE_CHARS = 500
MAX_URL_CHARS = 2_000
MAX_REPLY_CHARS = 20_000


class Kind(StrEnum):
    REVIEW = "review"
    MENTION = "mention"


class DraftStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    POSTED = "posted"
    FAILED = "failed"


def _clip(value: str | None, limit: int) -> str | None:
    if value is None:
        return None
    value = str(value)
    return value if len(value) <= limit else value[:limit]


@dataclass
class Item:
    """One review or mention, normalized from a platform payload."""

    source: str
    external_id: str
    kind: Kind = Kind.REVIEW
    author: str | None = None
    rating: float | None = None
    rating_max: float = 5
    title: str | None = None
    text: str = ""
    url: str | None = None
    published_at: str | None = None  # ISO 8601, UTC
    language: str | None = None
    raw: dict[str, Any] = field(default_factory=dict)
    # The owner's reply already on the platform (made there, or by reviewwatch), and when.
    reply_text: str | None = None
    reply_at: str | None = None  # ISO 8601, UTC
    updated_at: str | None = None  # when the platform says the review itself last changed
    # The payload shows the owner's reply whenever there is one (Business Profile, Play, App
    # Store Connect, Trustpilot): a review with none in it has none on the platform now.
    reply_known: bool = False

    def __post_init__(self) -> None:
        self.external_id = str(self.external_id)
        self.kind = Kind(self.kind)
        self.text = _clip(self.text or "", MAX_TEXT_CHARS) or ""
        self.author = _clip(self.author, MAX_AUTHOR_CHARS)
        self.title = _clip(self.title, MAX_TITLE_CHARS)
        self.url = _clip(self.url, MAX_URL_CHARS)
        self.reply_text = _clip(self.reply_text, MAX_REPLY_CHARS)
        if self.reply_text is not None and not self.reply_text.strip():
            self.reply_text = None
        if self.rating is not None:
            self.rating = float(self.rating)

    def content_hash(self) -> str:
        """Hash of what a reviewer can edit: an edit changes it, a re-fetch does not."""
        payload = json.dumps([self.title or "", self.text, self.rating], ensure_ascii=False)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class State:
    """A source's incremental-fetch state, loaded from and saved to the database."""

    cursor: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    first_run: bool = True
    not_modified: bool = False  # set by fetch when the server answered 304
    seen: Callable[[str], bool] = field(default=lambda external_id: False, repr=False)
    pages: int = 0  # pages fetched this poll, for the health page and benchmarks
    # Set when the source works in a lesser mode (no credentials, page scraping): shown.
    degraded: str | None = None
    # External ids the platform says were deleted: their stored content is purged.
    deleted: list[str] = field(default_factory=list)
    # The newest stored external ids of this source (a collector re-checks them for deletion).
    recent: Callable[[int], list[str]] = field(default=lambda limit: [], repr=False)
