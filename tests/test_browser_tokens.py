"""The token and user lifecycle on the owners' Users & tokens page, in a real Chromium
(Debian's /usr/bin/chromium) via Playwright, with the API called as a script would."""

from __future__ import annotations

import threading

import httpx
import pytest

from reviewwatch import users
from reviewwatch.web import make_server
from tests.browserutil import launch, require_chromium
from tests.webutil import make_settings, seed

pytestmark = pytest.mark.browser


@pytest.fixture
def site(tmp_path):
    require_chromium()
    settings = make_settings(tmp_path)
    db, drafts = seed(settings)
    users.add_user(db, "maria", "owner", "correct-horse-battery")
    users.add_user(db, "sam", "staff", "sam-password-long")
    server = make_server(settings, settings.storage_path, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.port}", db, drafts
    server.shutdown()


def log_in(page, url, name, password):
    page.goto(url + "/login")
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", password)
    page.click("#login button[type=submit]")


def test_owner_creates_scopes_revokes_a_token_and_disables_a_user(site):
    from playwright.sync_api import expect, sync_playwright

    url, db, drafts = site
    with sync_playwright() as p:
        browser = launch(p)
        try:
            sams = browser.new_context().new_page()
            log_in(sams, url, "sam", "sam-password-long")
            expect(sams.locator("nav")).not_to_contain_text("Users & tokens")  # owners only

            page = browser.new_context().new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            log_in(page, url, "maria", "correct-horse-battery")
            page.click("nav >> text=Users & tokens")
            expect(page.locator("h1")).to_have_text("Users & tokens")

            form = page.locator("#create-token")
            form.locator("select[name=username]").select_option("sam")
            form.locator("input[name=name]").fill("reporting script")
            for scope in ("draft", "approve"):
                form.locator(f"input[value={scope}]").uncheck()
            form.locator("select[name=expires]").select_option("30d")
            form.locator("button[type=submit]").click()
            token = page.locator("#new-token .token-value").input_value()
            assert token.startswith("rw_")
            expect(page.locator("#new-token")).to_contain_text("Scopes: read")

            auth = {"Authorization": f"Bearer {token}"}
            assert httpx.get(url + "/api/drafts", headers=auth).status_code == 200
            refused = httpx.post(f"{url}/api/drafts/{drafts[1]}/approve", headers=auth, json={})
            assert refused.status_code == 403  # a read token decides nothing

            row = page.locator("#tokens tr", has_text="reporting script")
            expect(row.locator(".state")).to_have_text("active")
            row.locator("button", has_text="Revoke").click()
            expect(page.locator(".flash.ok")).to_contain_text("revoked")
            row = page.locator("#tokens tr", has_text="reporting script")
            expect(row.locator(".state")).to_have_text("revoked")
            expect(page.locator("body")).not_to_contain_text(token)  # shown once only
            assert httpx.get(url + "/api/drafts", headers=auth).status_code == 401

            sams.goto(url + "/drafts")
            expect(sams.locator("h1")).to_have_text("Approval queue")
            page.locator("#users tr", has_text="sam").locator("button",
                                                               has_text="Disable").click()
            expect(page.locator(".flash.ok")).to_contain_text("every session they had")
            sams.goto(url + "/drafts")  # sam's open session ended with the click
            expect(sams.locator("#login")).to_be_visible()
            assert errors == []
        finally:
            browser.close()
    assert users.list_users(db)[1]["disabled"] == 1
