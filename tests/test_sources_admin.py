"""Sources added, edited, paused and removed in the config file, from the CLI, the web UI and
a running scheduler's point of view; a removed source is archived, not left failing."""

from __future__ import annotations

import asyncio
import html as html_lib
import re
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner

from reviewwatch import config as cfg
from reviewwatch import db as store
from reviewwatch import sources_admin, users
from reviewwatch.cli import cli
from reviewwatch.web import create_app
from tests.dashdata import add

CONFIG = '''# Blue Door's reviewwatch config: keep this comment
[storage]
path = "rw.db"

[web]
secret_key = "test-secret-key-0123456789"

[[businesses]]
id = "bistro"
name = "Blue Door Bistro"
keywords = ["Blue Door"]

  [[businesses.sources]]
  name = "bistro-app"   # the App Store feed
  kind = "appstore"
  app_id = "123"
  every = "30m"

  [[businesses.sources]]
  name = "bistro-hn"
  kind = "hackernews"
'''


@pytest.fixture
def config(tmp_path):
    path = tmp_path / "reviewwatch.toml"
    path.write_text(CONFIG, "utf-8")
    path.chmod(0o640)
    return path


def run(config, *args):
    return CliRunner().invoke(cli, [*args, "--config", str(config)])


def test_cli_add_edit_pause_resume_keep_comments_and_validate(config):
    result = run(config, "sources", "add", "bistro", "bistro-rss", "--kind", "rss",
                 "--set", 'url="https://news.example/feed.xml"', "--every", "2h")
    assert result.exit_code == 0, result.output
    text = config.read_text("utf-8")
    assert "# Blue Door's reviewwatch config: keep this comment" in text
    assert "# the App Store feed" in text and oct(config.stat().st_mode & 0o777) == "0o640"
    source = cfg.load(config).source("bistro-rss")
    assert (source.kind, source.every, source.option("url")) == \
        ("rss", 7200, "https://news.example/feed.xml")

    before = config.read_text("utf-8")
    bad = run(config, "sources", "edit", "bistro-app", "--every", "5x")
    assert bad.exit_code == 1
    assert 'nothing was changed: businesses[0].sources[0].every: "5x" is not a duration' \
        in bad.stderr
    assert config.read_text("utf-8") == before  # an invalid edit never lands
    dup = run(config, "sources", "add", "bistro", "bistro-hn", "--kind", "hackernews")
    assert dup.exit_code == 1 and "is used by another source" in dup.stderr
    unknown = run(config, "sources", "add", "nobody", "x", "--kind", "hackernews")
    assert unknown.exit_code == 1 and "no business with id 'nobody'" in unknown.stderr

    assert run(config, "sources", "edit", "bistro-app", "--set", "countries=[\"us\", \"gb\"]",
               "--unset", "every").exit_code == 0
    app_source = cfg.load(config).source("bistro-app")
    assert app_source.options["countries"] == ["us", "gb"] and app_source.every == 3600
    assert run(config, "sources", "pause", "bistro-hn").exit_code == 0
    assert cfg.load(config).source("bistro-hn").enabled is False
    assert "paused" in run(config, "sources").output
    assert run(config, "sources", "resume", "bistro-hn").exit_code == 0
    assert cfg.load(config).source("bistro-hn").enabled is True
    assert "enabled" not in config.read_text("utf-8")


def test_a_removed_source_is_archived_with_its_items_and_comes_back_when_added(config):
    settings = cfg.load(config)
    db = store.open_database(settings.storage_path)
    store.sync_config(db, settings)
    add(db, "bistro", "bistro-hn", datetime(2026, 11, 22, tzinfo=UTC))
    db.execute("UPDATE sources SET state = 'failing', consecutive_failures = 4, unhealthy = 1 "
               "WHERE name = 'bistro-hn'")
    assert run(config, "sources", "remove", "bistro-hn").exit_code == 0
    assert "bistro-hn" not in config.read_text("utf-8")
    row = store.source_row(db, "bistro-hn")
    assert (row["state"], row["unhealthy"]) == ("archived", 0)
    assert db.execute("SELECT count(*) FROM items WHERE source = 'bistro-hn'").fetchone()[0] == 1
    listing = run(config, "sources").output
    assert re.search(r"bistro-hn\s+hackernews\s+archived", listing)
    assert "last error" not in listing
    # Taken out by hand works the same: sync_config archives whatever the config lacks.
    assert run(config, "sources", "add", "bistro", "bistro-hn", "--kind", "hackernews"
               ).exit_code == 0
    assert store.source_row(db, "bistro-hn")["state"] == "new"


@pytest.fixture
def web(config):
    settings = cfg.load(config)
    db = store.open_database(settings.storage_path)
    store.sync_config(db, settings)
    users.add_user(db, "owner", "owner", "owner-password-1")
    users.add_user(db, "staff", "staff", "staff-password-1")
    app = create_app(settings, settings.storage_path)
    app.config["TESTING"] = True
    return app, db, config


def login(app, name):
    client = app.test_client()
    token = re.search(r'name="csrf_token" value="([^"]+)"',
                      client.get("/login").get_data(as_text=True))[1]
    client.post("/login", data={"username": name, "password": f"{name}-password-1",
                                "csrf_token": token})
    token = re.search(r'name="csrf_token" value="([^"]+)"',
                      client.get("/sources").get_data(as_text=True))[1]
    return client, token


def test_web_owner_adds_edits_pauses_and_removes_a_source(web):
    app, db, config = web
    client, token = login(app, "owner")
    page = client.post("/sources/new", data={
        "csrf_token": token, "business": "bistro", "name": "bistro-yelp", "kind": "yelp",
        "every": "10s", "options": 'business_id = "blue-door"'})
    assert page.status_code == 422
    html = page.get_data(as_text=True)
    assert "nothing was saved" in html and "businesses[0].sources[2].every" in html
    assert "bistro-yelp" not in config.read_text("utf-8")
    bad_toml = client.post("/sources/new", data={
        "csrf_token": token, "business": "bistro", "name": "x", "kind": "rss",
        "options": "url = "}).get_data(as_text=True)
    assert "other settings: not valid TOML" in bad_toml

    response = client.post("/sources/new", data={
        "csrf_token": token, "business": "bistro", "name": "bistro-rss", "kind": "rss",
        "every": "1h", "options": 'url = "https://news.example/feed.xml"'})
    assert response.status_code == 302
    assert app.settings.source("bistro-rss").option("url") == "https://news.example/feed.xml"
    assert "bistro-rss" in client.get("/sources").get_data(as_text=True)

    form = html_lib.unescape(client.get("/sources/bistro-app/edit").get_data(as_text=True))
    assert 'app_id = "123"' in form and 'value="30m"' in form
    client.post("/sources/bistro-app/edit", data={
        "csrf_token": token, "kind": "appstore", "every": "2h",
        "options": 'app_id = "456"\ncountries = ["gb"]'})
    source = cfg.load(config).source("bistro-app")
    assert (source.every, source.option("app_id"), source.options["countries"]) == \
        (7200, "456", ["gb"])

    client.post("/sources/bistro-hn/pause", data={"csrf_token": token})
    assert cfg.load(config).source("bistro-hn").enabled is False
    assert "Resume" in client.get("/sources").get_data(as_text=True)
    client.post("/sources/bistro-hn/remove", data={"csrf_token": token})
    html = client.get("/sources").get_data(as_text=True)
    assert 'id="archived-bistro-hn"' in html and 'id="source-bistro-hn"' not in html
    assert [r["action"] for r in db.query("SELECT action FROM audit WHERE action LIKE "
                                          "'source_%' ORDER BY id")] == \
        ["source_add", "source_edit", "source_pause", "source_remove"]


def test_web_staff_see_sources_but_cannot_change_them(web):
    app, _, config = web
    client, token = login(app, "staff")
    html = client.get("/sources").get_data(as_text=True)
    assert "bistro-app" in html and "Add a source" not in html and "/pause" not in html
    before = config.read_text("utf-8")
    for path in ("/sources/bistro-hn/pause", "/sources/bistro-hn/remove", "/sources/new"):
        assert client.post(path, data={"csrf_token": token, "name": "x",
                                       "kind": "rss"}).status_code == 403
    assert client.get("/sources/bistro-app/edit").status_code == 403
    assert config.read_text("utf-8") == before


def test_web_follows_a_change_made_with_the_cli(web):
    app, _, config = web
    client, _ = login(app, "owner")
    assert "bistro-extra" not in client.get("/sources").get_data(as_text=True)
    assert run(config, "sources", "add", "bistro", "bistro-extra", "--kind", "hackernews"
               ).exit_code == 0
    assert 'id="source-bistro-extra"' in client.get("/sources").get_data(as_text=True)


def test_the_scheduler_follows_the_config_file(config):
    from reviewwatch.http import make_client
    from reviewwatch.scheduler import build_scheduler

    settings = cfg.load(config)
    db = store.open_database(settings.storage_path)

    async def scenario():
        async with make_client(settings.user_agent) as client:
            scheduler = build_scheduler(db, settings, client)
            polls = lambda: {j.id: j.trigger.interval.total_seconds()  # noqa: E731
                             for j in scheduler.get_jobs() if j.id.startswith("poll:")}
            assert polls() == {"poll:bistro-app": 1800, "poll:bistro-hn": 3600}
            fresh = sources_admin.add(settings, "bistro", {"name": "bistro-rss", "kind": "rss",
                                                           "url": "https://n.example/f"})
            fresh = sources_admin.set_enabled(fresh, "bistro-hn", False)
            sources_admin.edit(fresh, "bistro-app", {"every": "2h"})
            await scheduler.follow_config()
            assert polls() == {"poll:bistro-app": 7200, "poll:bistro-rss": 3600}

    asyncio.run(scenario())
    assert store.source_row(db, "bistro-rss")["state"] == "new"
