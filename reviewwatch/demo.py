"""`reviewwatch demo`: the whole product on bundled sample data, all on loopback.

A local HTTP server plays the App Store customer-reviews feed and the Hacker News search
API for a fictional app, and receives (and prints) Slack alerts. The demo writes its own
config pointing every source's `base_url` at that server, runs a full cycle into its own
SQLite file, writes the digest preview, and serves the web UI.
"""

from __future__ import annotations

import json
import re
import secrets
import sys
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from reviewwatch import config as cfg
from reviewwatch import db as store
from reviewwatch import pipeline
from reviewwatch.textsafe import terminal_safe

DEMO_DIR = Path("demo-output")
DEMO_USER = "demo"
DEMO_PASSWORD = "tidepool-demo"  # noqa: S105 - loopback-only demo database; printed at start
APPSTORE_PAGE_SIZE = 10
REVIEW_SPACING = timedelta(hours=4)
MENTION_SPACING = timedelta(hours=7)
MAX_SLACK_BODY = 1_000_000


def sample() -> dict[str, Any]:
    """The bundled sample business, reviews and mentions."""
    return json.loads(files("reviewwatch").joinpath("demo_data/tidepool.json").read_text("utf-8"))


def _anchor() -> datetime:
    # Stable within a day, so a second run on the same day serves identical data.
    return datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)


def appstore_entries(data: dict[str, Any], anchor: datetime) -> list[dict[str, Any]]:
    """The sample reviews as App Store customer-reviews RSS (JSON) entries, newest first."""
    app_id = data["business"]["app_id"]
    entries = []
    for i, r in enumerate(data["reviews"]):
        when = anchor - REVIEW_SPACING * (i + 1)
        entries.append({
            "author": {"uri": {"label": f"https://itunes.apple.com/us/reviews/id{5000 + i}"},
                       "name": {"label": r["author"]}, "label": ""},
            "updated": {"label": when.strftime("%Y-%m-%dT%H:%M:%S-07:00")},
            "im:rating": {"label": str(r["rating"])},
            "im:version": {"label": "4.2.1"},
            "id": {"label": str(11_000_000_000 + i)},
            "title": {"label": r["title"]},
            "content": {"label": r["text"], "attributes": {"type": "text"}},
            "link": {"attributes": {"rel": "related",
                                    "href": f"https://apps.apple.com/us/app/id{app_id}"}},
            "im:voteSum": {"label": "0"}, "im:voteCount": {"label": "0"},
            "im:contentType": {"attributes": {"term": "Application", "label": "Application"}},
        })
    return entries


def appstore_page(entries: list[dict[str, Any]], page: int, app_id: str) -> dict[str, Any]:
    """One page of the feed, with the paging links the real feed carries."""
    last = max(1, -(-len(entries) // APPSTORE_PAGE_SIZE))
    chunk = entries[(page - 1) * APPSTORE_PAGE_SIZE: page * APPSTORE_PAGE_SIZE]
    base = f"https://itunes.apple.com/us/rss/customerreviews/page=%d/id={app_id}/sortby=mostrecent/json"
    feed: dict[str, Any] = {
        "author": {"name": {"label": "iTunes Store"}, "uri": {"label": "http://www.apple.com/itunes/"}},
        "updated": {"label": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S-07:00")},
        "title": {"label": "iTunes Store: Customer Reviews"},
        "id": {"label": f"https://mzstoreservices-int.dslb.apple.com/us/rss/customerreviews/page={page}/id={app_id}/sortby=mostrecent/json"},
        "link": [{"attributes": {"rel": rel, "href": base % n}}
                 for rel, n in (("first", 1), ("last", last), ("previous", max(1, page - 1)),
                                ("next", min(last, page + 1)))],
    }
    if chunk:
        feed["entry"] = chunk
    return {"feed": feed}


def hn_hits(data: dict[str, Any], anchor: datetime) -> list[dict[str, Any]]:
    """The sample mentions as Hacker News search hits, newest first."""
    hits = []
    for i, m in enumerate(data["mentions"]):
        when = anchor - MENTION_SPACING * (i + 1)
        object_id = str(41_000_000 + i)
        story = m["type"] == "story"
        hits.append({
            "created_at": when.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
            "created_at_i": int(when.timestamp()),
            "title": m.get("title") if story else None,
            "url": m.get("url") if story else None,
            "author": m["author"], "points": 12 if story else None,
            "story_text": None, "comment_text": None if story else m["text"],
            "num_comments": 4 if story else None,
            "story_id": None if story else 40_999_000 + i,
            "story_title": None if story else "Ask HN: Which habit tracker do you use?",
            "parent_id": None if story else 40_999_000 + i,
            "_tags": ["story" if story else "comment", f"author_{m['author']}",
                      f"story_{object_id}"],
            "objectID": object_id,
        })
    return hits


@dataclass
class DemoServer:
    """The loopback server: sample platform APIs and a Slack receiver that prints alerts."""

    data: dict[str, Any]
    anchor: datetime = field(default_factory=_anchor)
    alerts: list[dict[str, Any]] = field(default_factory=list)
    echo: bool = True

    def start(self) -> DemoServer:
        entries = appstore_entries(self.data, self.anchor)
        hits = hn_hits(self.data, self.anchor)
        app_id = self.data["business"]["app_id"]
        demo = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep the demo's output readable
                pass

            def _send(self, status: int, body: Any) -> None:
                payload = json.dumps(body).encode() if not isinstance(body, bytes) else body
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def do_GET(self) -> None:  # noqa: N802
                url = urlsplit(self.path)
                page = re.search(r"/page=(\d+)/", url.path)
                if "/rss/customerreviews/" in url.path and f"id={app_id}" in url.path:
                    self._send(200, appstore_page(entries, int(page[1]) if page else 1, app_id))
                elif url.path.startswith("/api/v1/search"):
                    self._send(200, _hn_response(hits, parse_qs(url.query)))
                else:
                    self._send(404, {"error": "not found"})

            def do_POST(self) -> None:  # noqa: N802
                length = min(int(self.headers.get("Content-Length") or 0), MAX_SLACK_BODY)
                body = self.rfile.read(length)
                if urlsplit(self.path).path != "/slack":
                    self._send(404, {"error": "not found"})
                    return
                try:
                    message = json.loads(body)
                except ValueError:
                    self._send(400, b"invalid_payload")
                    return
                demo.alerts.append(message)
                if demo.echo:
                    print("Slack alert  | " + terminal_safe(str(message.get("text", ""))
                                                            .replace("\n", " ")[:200]),
                          flush=True)
                self._send(200, b"ok")

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        return self

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _hn_response(hits: list[dict[str, Any]], query: dict[str, list[str]]) -> dict[str, Any]:
    after = 0
    for f in query.get("numericFilters", [""])[0].split(","):
        m = re.match(r"created_at_i>(\d+)", f.strip())
        if m:
            after = int(m[1])
    q = query.get("query", [""])[0].lower()
    words = [w for w in re.findall(r"\w+", q) if w]
    matched = [h for h in hits if h["created_at_i"] > after and all(
        w in (h["title"] or h["comment_text"] or "").lower() for w in words)]
    per_page = int(query.get("hitsPerPage", ["20"])[0])
    page = int(query.get("page", ["0"])[0])
    pages = max(1, -(-len(matched) // per_page))
    return {"hits": matched[page * per_page:(page + 1) * per_page], "nbHits": len(matched),
            "page": page, "nbPages": pages, "hitsPerPage": per_page,
            "query": q, "params": ""}


def demo_config(data: dict[str, Any], server_url: str, db_path: Path, web_port: int) -> str:
    """The demo's TOML config: every source's base_url points at the loopback server."""
    b = data["business"]
    return f"""# Written by `reviewwatch demo`; every source points at a server on loopback.
[storage]
path = {json.dumps(str(db_path.resolve()))}

[web]
host = "127.0.0.1"
port = {web_port}
public_url = "http://127.0.0.1:{web_port}"
secret_key = "{secrets.token_urlsafe(32)}"   # the demo's own; a real config uses env:NAME

[[businesses]]
id = {json.dumps(b["id"])}
name = {json.dumps(b["name"])}
timezone = {json.dumps(b["timezone"])}
signature = {json.dumps(b["signature"])}
contact = {json.dumps(b["contact"])}
compensation = {json.dumps(b["compensation"])}
keywords = {json.dumps(b["keywords"])}
category = {json.dumps(b.get("category", "app"))}

  [[businesses.sources]]
  name = "tidepool-appstore"
  kind = "appstore"
  app_id = {json.dumps(b["app_id"])}
  countries = ["us"]
  every = "30m"
  base_url = "{server_url}"

  [[businesses.sources]]
  name = "tidepool-hn"
  kind = "hackernews"
  every = "1h"
  base_url = "{server_url}"

[alerts]
slack_webhook_url = "{server_url}/slack"

[digest]
send_at = "08:00"
to = ["owner@tidepool.example"]
sender = "reviewwatch@tidepool.example"
"""


def free_port() -> int:
    """A TCP port free on 127.0.0.1 at this moment."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def prepare(db_path: Path | None, web_port: int = 0, echo: bool = True):
    """Start the sample server and write the demo config; return (server, settings)."""
    data = sample()
    server = DemoServer(data, echo=echo).start()
    if not web_port:
        # The links in alerts and the digest need the web UI's real port, known before
        # anything is collected: take a free one now rather than "port 0".
        web_port = free_port()
    db_path = db_path or DEMO_DIR / "reviewwatch-demo.db"
    config_path = db_path.parent / "demo.toml"
    config_path.parent.mkdir(parents=True, exist_ok=True)
    config_path.write_text(demo_config(data, server.url, db_path, web_port), "utf-8")
    return server, cfg.load(config_path)


def run_demo(*, once: bool, db_path: Path | None = None, port: int = 0) -> int:
    """Run the demo; with once=True, one cycle and a JSON summary as the last line."""
    server, settings = prepare(db_path, port)
    try:
        database = store.open_database(settings.storage_path)
        _ensure_demo_user(database)
        print(f"sample platforms on {server.url}; database {settings.storage_path}", flush=True)
        report = pipeline.collect(database, settings)
        for r in report.sources:
            print(f"collected    | {r.source}: {r.fetched} fetched, {r.new} new"
                  + (f", error: {r.error}" if r.error else ""), flush=True)
        digest_path = _write_digest(database, settings)
        print(f"digest       | {digest_path}", flush=True)
        pending = len(store.list_drafts(database, "pending"))
        summary = {"collected": report.collected, "new": report.new,
                   "negative": report.negative, "drafts_pending": pending,
                   "alerts_sent": len(server.alerts), "digest": str(digest_path),
                   "db": str(settings.storage_path)}
        if once:
            print(json.dumps(summary), flush=True)
            return 0
        return _serve(settings, summary)
    finally:
        server.stop()


def _ensure_demo_user(database) -> None:
    from reviewwatch import users

    if not list(database.query("SELECT 1 FROM users WHERE username = ?", [DEMO_USER])):
        users.add_user(database, DEMO_USER, "owner", DEMO_PASSWORD)


def _write_digest(database, settings: cfg.Settings) -> Path:
    from reviewwatch.notify.digest import build_digest

    business = settings.businesses[0]
    day = datetime.now(business.tz).date()
    path = settings.storage_path.parent / f"digest-{business.id}-{day}.html"
    path.write_text(build_digest(database, settings, business.id, day).html, "utf-8")
    return path


def _serve(settings: cfg.Settings, summary: dict[str, Any]) -> int:
    from reviewwatch.web import make_server

    server = make_server(settings, settings.storage_path, "127.0.0.1", settings.web.port)
    print(json.dumps(summary), flush=True)
    print(f"\nThe approval queue is at http://127.0.0.1:{server.port}/ "
          f"(log in as {DEMO_USER} / {DEMO_PASSWORD}). Ctrl-C stops the demo.", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
    finally:
        server.shutdown()
    return 0
