"""The approval queue driven in a real Chromium (Debian's /usr/bin/chromium) via Playwright."""

from __future__ import annotations

import threading

import pytest

from reviewwatch import db as store
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
    server = make_server(settings, settings.storage_path, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.port}", db, drafts
    server.shutdown()


def test_log_in_edit_approve_reject_and_log_out(site):
    from playwright.sync_api import expect, sync_playwright

    url, db, drafts = site
    with sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(url + "/drafts")
            expect(page.locator("#login")).to_be_visible()
            page.fill("input[name=username]", "maria")
            page.fill("input[name=password]", "correct-horse-battery")
            page.click("#login button[type=submit]")
            expect(page.locator("h1")).to_have_text("Approval queue")
            cookies = {c["name"]: c for c in page.context.cookies()}
            session = cookies["reviewwatch_session"]
            assert session["httpOnly"] and session["sameSite"] == "Lax"
            # The hostile review is shown as text, not run.
            expect(page.locator("text=<script>alert(1)</script>").first).to_be_visible()

            card = page.locator(f"#draft-{drafts[1]}")
            card.locator("textarea").fill(
                "Hi Sam, thank you for telling us about being charged twice. I understand why "
                "a charge like that is upsetting, and I'm sorry. Please email "
                "maria@bluedoor.example and I'll go through the charges with you. I've passed "
                "this to our billing team.\n\nMaria")
            card.locator("button", has_text="Approve").click()
            expect(page.locator(".flash.ok")).to_contain_text("Approved")
            expect(page.locator(".manual")).to_contain_text("Post it yourself")

            page.goto(url + "/drafts")
            card = page.locator(f"#draft-{drafts[0]}")
            card.locator("input[name=reason]").fill("too generic")
            card.locator("button", has_text="Reject").click()
            expect(page.locator(".flash.ok")).to_have_text("Rejected.")

            page.click("text=Log out")
            expect(page.locator("#login")).to_be_visible()
            assert errors == []
        finally:
            browser.close()
    approved = store.get_draft(db, drafts[1])
    assert approved["status"] == "approved" and "being charged twice" in approved["final_text"]
    assert approved["decided_by"] == "maria"
    rejected = store.get_draft(db, drafts[0])
    assert (rejected["status"], rejected["reject_reason"]) == ("rejected", "too generic")
