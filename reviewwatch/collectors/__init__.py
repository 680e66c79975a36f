"""The explicit registry of collectors: kind -> module. No discovery by name."""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any

from reviewwatch.collectors import (
    appstore,
    appstore_connect,
    bluesky,
    csv_file,
    google_business,
    google_places,
    google_play,
    hackernews,
    mastodon,
    reddit,
    rss,
    schema_org,
    trustpilot,
    yelp,
)

if TYPE_CHECKING:
    from reviewwatch.config import Business

REGISTRY: dict[str, ModuleType] = {
    "appstore": appstore,
    "appstore_connect": appstore_connect,
    "google_places": google_places,
    "google_business": google_business,
    "google_play": google_play,
    "yelp": yelp,
    "trustpilot": trustpilot,
    "schema_org": schema_org,
    "csv": csv_file,
    "hackernews": hackernews,
    "reddit": reddit,
    "mastodon": mastodon,
    "bluesky": bluesky,
    "rss": rss,
}


def get(kind: str) -> ModuleType:
    """The collector module for a source kind."""
    try:
        return REGISTRY[kind]
    except KeyError:
        from reviewwatch.errors import ConfigError

        raise ConfigError(f"no collector is available for kind {kind!r}") from None


def platform_of(kind: str | None) -> str | None:
    """The platform whose reply rules apply: a kind's PLATFORM, else the kind itself."""
    return getattr(REGISTRY.get(kind or ""), "PLATFORM", kind)


def shows_replies(kind: str | None) -> bool:
    """Whether a kind's platform shows the owner's reply (its SHOWS_REPLIES, else True).

    Where it does not (Yelp Fusion, the Places API, feeds, pages, files), an unanswered
    review cannot be told from one answered on the platform itself."""
    return bool(getattr(REGISTRY.get(kind or ""), "SHOWS_REPLIES", True))


def option_problems(kind: str, options: dict[str, Any],
                    business: Business) -> list[tuple[str, str]]:
    """(key, message) for each missing, unknown or malformed collector option."""
    module = REGISTRY.get(kind)
    if module is None:
        return [("kind", f'"{kind}" has no collector yet')]
    problems = []
    for key in module.REQUIRED:
        if options.get(key) in (None, "", []):
            problems.append((key, f"is required for a {kind} source"))
    allowed = set(module.REQUIRED) | set(module.OPTIONAL)
    for key in options:
        if key not in allowed:
            problems.append((key, f"is not a known key for a {kind} source "
                                  f"(known: {', '.join(sorted(allowed)) or 'none'})"))
    check = getattr(module, "check_options", None)
    if check is not None:
        problems.extend(check(options, business))
    return problems
