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

    def __post_init__(self) -> None:
        self.external_id = str(self.external_id)
        self.kind = Kind(self.kind)
        self.text = _clip(self.text or "", MAX_TEXT_CHARS) or ""
        self.author = _clip(self.author, MAX_AUTHOR_CHARS)
        self.title = _clip(self.title, MAX_TITLE_CHARS)
        self.url = _clip(self.url, MAX_URL_CHARS)
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
