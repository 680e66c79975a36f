"""The dashboard, the queue's keyboard flow and source editing in a real Chromium
(Debian's /usr/bin/chromium) via Playwright, on a fixed clock."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest

from reviewwatch import db as store
from reviewwatch import users
from reviewwatch.web import Server, create_app
from tests.browserutil import launch, require_chromium
from tests.dashdata import add, settings_two_businesses

NOW = datetime(2026, 11, 22, 15, 0, tzinfo=UTC)
pytestmark = pytest.mark.browser


@pytest.fixture
def desk(tmp_path):
    require_chromium()
    settings = settings_two_businesses(tmp_path)
    db = store.open_database(settings.storage_path)
    store.sync_config(db, settings)
    users.add_user(db, "maria", "owner", "correct-horse-battery")
    users.add_user(db, "sam", "staff", "staff-password-1")
    app = create_app(settings, settings.storage_path)
    app.clock = lambda: NOW
    server = Server(app, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.port}", db, settings
    server.shutdown()


def _browser(p):
    return launch(p)


def _log_in(page, url, name="maria", password="correct-horse-battery", path="/"):
    page.goto(url + path)
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", password)
    page.click("#login button[type=submit]")


@pytest.mark.parametrize("javascript", [True, False])
def test_dashboard_charts_render_with_and_without_javascript(desk, javascript):
    from playwright.sync_api import expect, sync_playwright

    url, db, _ = desk
    for days_ago, label, rating in ((0, "negative", 1), (0, "positive", 5), (2, "negative", 2)):
        add(db, "bistro", "bistro-app", NOW - timedelta(days=days_ago, hours=1), rating=rating,
            label=label, aspects=["food_quality"] if label == "negative" else [],
            needs_reply=True, replied_after=timedelta(minutes=45))
    with sync_playwright() as p:
        browser = _browser(p)
        try:
            context = browser.new_context(java_script_enabled=javascript)
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            _log_in(page, url)
            expect(page.locator("h1")).to_have_text("Dashboard: all businesses")
            page.select_option("select[name=business]", "bistro")
            page.select_option("select[name=days]", "7")
            page.click("#dashboard-filters button[type=submit]")
            expect(page.locator("h1")).to_have_text("Dashboard: Blue Door Bistro")
            bars = page.locator("#volume svg g.bar")
            expect(bars).to_have_count(7)
            # The chart is drawn: today's bar has height, and its title carries the numbers.
            today = bars.nth(6)
            assert today.locator("rect.all").bounding_box()["height"] > 0
            assert today.locator("title").text_content() == "2026-11-22: 2 items, 1 negative"
            expect(page.locator("#rating svg circle.point")).to_have_count(2)
            expect(page.locator("#kpi-negative .kpi-value")).to_have_text("67%")
            expect(page.locator("#kpi-median .kpi-value")).to_have_text("45 min")
            expect(page.locator("#response svg g.ours title")).to_have_text(
                "your median: 45 min")
            expect(page.locator("#aspects td").first).to_have_text("Food quality")
            expect(page.locator("#source-health")).to_contain_text("bistro-app")
            icon = page.locator("link[rel=icon]").get_attribute("href")
            assert page.request.get(url + icon).status == 200
            assert errors == []
        finally:
            browser.close()


@pytest.fixture
def queue_site(tmp_path):
    from tests.webutil import SEED_NOW, make_settings, seed

    require_chromium()
    settings = make_settings(tmp_path)
    db, drafts = seed(settings)
    users.add_user(db, "maria", "owner", "correct-horse-battery")
    app = create_app(settings, settings.storage_path)
    app.clock = lambda: SEED_NOW
    server = Server(app, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.port}", db, drafts
    server.shutdown()


def test_keyboard_flow_help_edit_approve_undo_and_reject(queue_site):
    from playwright.sync_api import expect, sync_playwright

    url, db, drafts = queue_site
    evil, sam, priya = drafts
    with sync_playwright() as p:
        browser = _browser(p)
        try:
            page = browser.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            _log_in(page, url, path="/drafts")
            expect(page.locator("h1")).to_have_text("Approval queue")

            def go_to(draft_id):
                order = [int(c.get_attribute("data-draft"))
                         for c in page.locator("article.draft").all()]
                page.locator("h1").click()  # nothing focused: the shortcuts are live
                for _ in range(len(order)):
                    page.keyboard.press("k")
                for _ in range(order.index(draft_id)):
                    page.keyboard.press("j")
                expect(page.locator(f"#draft-{draft_id}")).to_have_class(
                    "card draft current")

            page.keyboard.press("?")
            expect(page.locator("#shortcuts")).to_be_visible()
            expect(page.locator("#shortcuts")).to_contain_text("approve the draft")
            page.keyboard.press("Escape")
            expect(page.locator("#shortcuts")).to_be_hidden()

            page.keyboard.press("j")
            expect(page.locator("article.draft").first).to_have_class("card draft current")
            page.keyboard.press("j")
            expect(page.locator("article.draft").nth(1)).to_have_class("card draft current")
            page.keyboard.press("k")
            expect(page.locator("article.draft").first).to_have_class("card draft current")

            # e edits; the counter and the move chips follow the text as it is typed.
            go_to(sam)
            card = page.locator(f"#draft-{sam}")
            page.keyboard.press("e")
            area = card.locator("textarea.reply")
            expect(area).to_be_focused()
            limit = area.get_attribute("data-limit")
            page.keyboard.press("Control+A")
            page.keyboard.type("Hi Sam, sorry.")
            expect(card.locator(".counter")).to_have_text(f"14 of {limit} characters")
            moves = card.locator(".move")
            assert moves.count() >= 5
            for i in range(moves.count()):
                expect(moves.nth(i)).to_have_class("move gone")
            page.keyboard.press("Escape")
            expect(area).not_to_be_focused()
            assert store.get_draft(db, sam)["status"] == "pending"  # a letter in the box is text

            # a approves the current draft and comes back to the queue, with an undo.
            go_to(priya)
            page.keyboard.press("a")
            expect(page.locator(".flash.ok")).to_contain_text(f"Approved #{priya}")
            assert store.get_draft(db, priya)["status"] == "approved"
            page.locator("#undo button").click()
            expect(page.locator(".flash.ok")).to_contain_text("pending again")
            assert store.get_draft(db, priya)["status"] == "pending"

            # r goes to the reason; Enter rejects.
            go_to(evil)
            page.keyboard.press("r")
            reason = page.locator(f"#draft-{evil} input[name=reason]")
            expect(reason).to_be_focused()
            page.keyboard.type("spam")
            page.keyboard.press("Enter")
            expect(page.locator(".flash.ok")).to_have_text("Rejected.")
            rejected = store.get_draft(db, evil)
            assert (rejected["status"], rejected["reject_reason"]) == ("rejected", "spam")
            assert errors == []
        finally:
            browser.close()


def test_owner_adds_edits_pauses_and_removes_a_source_in_the_browser(tmp_path):
    from playwright.sync_api import expect, sync_playwright

    from reviewwatch import config as cfg
    from tests.test_sources_admin import CONFIG

    require_chromium()
    path = tmp_path / "reviewwatch.toml"
    path.write_text(CONFIG, "utf-8")
    settings = cfg.load(path)
    db = store.open_database(settings.storage_path)
    users.add_user(db, "maria", "owner", "correct-horse-battery")
    server = Server(create_app(settings, settings.storage_path), "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.port}"
    try:
        with sync_playwright() as p:
            browser = _browser(p)
            try:
                page = browser.new_page()
                _log_in(page, url, path="/sources")
                expect(page.locator("h1")).to_have_text("Sources")
                page.click("#add-source")
                expect(page.locator("h1")).to_have_text("Add a source")
                page.fill("input[name=name]", "bistro-rss")
                page.select_option("select[name=kind]", "rss")
                page.fill("input[name=every]", "5x")
                page.fill("textarea[name=options]", 'url = "https://news.example/feed.xml"')
                page.click("#source-form button[type=submit]")
                expect(page.locator("#problems")).to_contain_text(
                    'businesses[0].sources[2].every: "5x" is not a duration')
                # The form keeps what was typed, so only the bad field needs fixing.
                expect(page.locator("input[name=name]")).to_have_value("bistro-rss")
                page.fill("input[name=every]", "2h")
                page.click("#source-form button[type=submit]")
                expect(page.locator(".flash.ok")).to_contain_text("Added bistro-rss")
                expect(page.locator("#source-bistro-rss")).to_contain_text("rss")

                page.locator("#source-bistro-rss a", has_text="Edit").click()
                expect(page.locator("input[name=every]")).to_have_value("2h")
                page.fill("input[name=every]", "45m")
                page.click("#source-form button[type=submit]")
                expect(page.locator(".flash.ok")).to_have_text("Saved bistro-rss.")
                assert cfg.load(path).source("bistro-rss").every == 45 * 60

                page.locator("#source-bistro-rss button", has_text="Pause").click()
                expect(page.locator("#source-bistro-rss")).to_contain_text("paused")
                assert cfg.load(path).source("bistro-rss").enabled is False

                page.locator("#source-bistro-rss button", has_text="Remove").click()
                expect(page.locator("#archived-bistro-rss")).to_be_visible()
                expect(page.locator("#source-bistro-rss")).to_have_count(0)
                assert "bistro-rss" not in path.read_text("utf-8")
                assert "# the App Store feed" in path.read_text("utf-8")
            finally:
                browser.close()
    finally:
        server.shutdown()


def test_digest_preview_opens_cleanly_in_the_browser(tmp_path):
    """`digest --preview FILE` as a file:// page: nothing fetched, no errors, real links."""
    import re

    from click.testing import CliRunner
    from playwright.sync_api import sync_playwright

    from reviewwatch.cli import cli
    from tests.test_sources_admin import CONFIG
    from tests.webutil import SEED_NOW, seed

    require_chromium()
    config = tmp_path / "reviewwatch.toml"
    config.write_text(CONFIG.replace('[web]\n', '[web]\npublic_url = "http://rw.test:8765"\n'),
                      "utf-8")
    from reviewwatch import config as cfg

    seed(cfg.load(config))
    preview = tmp_path / "out" / "digest.html"
    result = CliRunner().invoke(cli, ["digest", "--config", str(config), "--date",
                                      SEED_NOW.date().isoformat(), "--preview", str(preview)])
    assert result.exit_code == 0, result.output
    assert preview.resolve().as_uri() in result.output
    with sync_playwright() as p:
        browser = _browser(p)
        try:
            page = browser.new_page()
            problems: list[str] = []
            page.on("console", lambda m: problems.append(m.text))
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.on("request", lambda r: problems.append(r.url)
                    if not r.url.startswith("file://") else None)
            page.goto(preview.resolve().as_uri())
            assert page.title() == f"Blue Door Bistro — digest {SEED_NOW.date().isoformat()}"
            assert page.locator("h1").text_content() == "Blue Door Bistro"
            assert "Needs a reply" in page.locator("body").inner_text()
            links = [a.get_attribute("href") for a in page.locator("a").all()]
            assert links and all(re.match(r"^http://rw\.test:8765/", h) for h in links), links
            assert problems == []
        finally:
            browser.close()
