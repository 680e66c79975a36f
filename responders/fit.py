"""Platform reply limits, and how a reply is measured against them."""

from __future__ import annotations

PLAY_REPLY_LIMIT = 350  # characters (Play Developer API reviews.reply)
GBP_REPLY_LIMIT = 4096  # bytes of UTF-8 (Business Profile API reviews.updateReply)
APPSTORE_REPLY_LIMIT = 5970  # characters (App Store Connect customerReviewResponses)
DEFAULT_LIMIT = 5000  # characters, where a platform states none we know of
MASTODON_LIMIT = 500  # characters, the @mention included (Mastodon's default instance limit)
BLUESKY_LIMIT = 300  # graphemes (app.bsky.feed.post record text)
REDDIT_LIMIT = 1000  # a reply on Reddit or HN is short; they are posted by hand
HN_LIMIT = 1000

PLATFORM_LIMITS: dict[str, tuple[int, str]] = {
    "google_play": (PLAY_REPLY_LIMIT, "chars"),
    "google_business": (GBP_REPLY_LIMIT, "bytes"),
    "google_places": (GBP_REPLY_LIMIT, "bytes"),
    "appstore": (APPSTORE_REPLY_LIMIT, "chars"),
    "yelp": (DEFAULT_LIMIT, "chars"),
    "trustpilot": (DEFAULT_LIMIT, "chars"),
    "mastodon": (MASTODON_LIMIT, "chars"),
    "bluesky": (BLUESKY_LIMIT, "graphemes"),
    "reddit": (REDDIT_LIMIT, "chars"),
    "hackernews": (HN_LIMIT, "chars"),
}


def limit_for(platform: str | None, override: int | None = None) -> tuple[int | None, str]:
    """(limit, unit) for a platform; a configured reply_limit (in characters) wins."""
    if override:
        unit = PLATFORM_LIMITS.get(platform or "", (0, "chars"))[1]
        return override, unit
    if platform in PLATFORM_LIMITS:
        return PLATFORM_LIMITS[platform]
    return None, "chars"


def measure(text: str, unit: str) -> int:
    """The reply's size in the platform's unit."""
    if unit == "bytes":
        return len(text.encode("utf-8"))
    if unit == "graphemes":
        import regex

        return len(regex.findall(r"\X", text))
    return len(text)
