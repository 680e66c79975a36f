"""What every browser test shares: Debian's Chromium, its flags, and the check that it is there
(a skip on a developer's machine without it, a failure in CI, which installs it)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def require_chromium() -> None:
    """Skip (or, under REVIEWWATCH_REQUIRE_SHARED=1 as in CI, fail) without Chromium."""
    if not CHROMIUM.exists():
        if os.environ.get("REVIEWWATCH_REQUIRE_SHARED") == "1":
            pytest.fail("/usr/bin/chromium is missing; .ci/run installs Debian's chromium")
        pytest.skip("/usr/bin/chromium is missing (apt-get install chromium)")


def launch(playwright):
    """A headless Debian Chromium for one test."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
