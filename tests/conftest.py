"""Shared test fixtures. Tests that read ../shared skip only where it is absent,
and fail instead when REVIEWWATCH_REQUIRE_SHARED=1 (as .ci/run sets)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def shared_file(*parts: str) -> Path:
    """A path under ../shared; skip (or fail under REVIEWWATCH_REQUIRE_SHARED=1) if absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        message = f"{path} is absent: these tests replay the real captures in ../shared"
        if os.environ.get("REVIEWWATCH_REQUIRE_SHARED") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture
def shared():
    """Function fixture: shared('fixtures', 'yelp_fusion', 'x.json') -> Path."""
    return shared_file


@pytest.fixture(autouse=True)
def fresh_token_cache():
    """Tokens are cached per source name in memory; each test starts without any."""
    from reviewwatch import http
    from reviewwatch.collectors import reddit
    from reviewwatch.publishers import appstore_connect, bluesky_session, google_auth
    from reviewwatch.publishers import trustpilot as trustpilot_publisher

    caches = [google_auth._tokens, appstore_connect._tokens, bluesky_session._sessions,
              http._exhausted, reddit._tokens, trustpilot_publisher._tokens]
    for cache in caches:
        cache.clear()
    bluesky_session.use_store(None)
    yield
    for cache in caches:
        cache.clear()
    bluesky_session.use_store(None)


@pytest.fixture
def instant_sleep(monkeypatch):
    """Retries and backoffs wait on nothing: the waits they asked for are recorded."""
    import asyncio

    async def instant(seconds):
        instant.waits.append(seconds)
    instant.waits = []
    monkeypatch.setattr(asyncio, "sleep", instant)
    return instant
