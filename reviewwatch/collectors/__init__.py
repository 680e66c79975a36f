"""The explicit registry of collectors: kind -> module. No discovery by name."""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reviewwatch.config import Business

# kind -> its module in this package
MODULES: dict[str, str] = {
    "appstore": "appstore",
    "appstore_connect": "appstore_connect",
    "google_places": "google_places",
    "google_business": "google_business",
    "google_play": "google_play",
    "yelp": "yelp",
    "trustpilot": "trustpilot",
    "schema_org": "schema_org",
    "csv": "csv_file",
    "hackernews": "hackernews",
    "reddit": "reddit",
    "mastodon": "mastodon",
    "bluesky": "bluesky",
    "rss": "rss",
}


class _Registry(Mapping[str, ModuleType]):
    """kind -> collector module, each imported the first time it is asked for.

    Importing all fourteen up front brought BeautifulSoup, lxml, html5lib, extruct, rdflib
    and requests into every process, the triage workers' fork server included: a third of
    a second of start-up and ~20 MB in each (bench/bench_ingest.py), for a deployment that
    polls a CSV file or two platforms."""

    def __init__(self, modules: dict[str, str]):
        self._names = modules
        self._loaded: dict[str, ModuleType] = {}

    def __getitem__(self, kind: str) -> ModuleType:
        module = self._loaded.get(kind)
        if module is None:
            module = self._loaded[kind] = importlib.import_module(
                f"{__name__}.{self._names[kind]}")
        return module

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


REGISTRY: Mapping[str, ModuleType] = _Registry(MODULES)


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
