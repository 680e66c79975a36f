"""The web UI: the approval queue, items, sources, and the HTTP API.

`create_app` builds the Flask app; `make_server` binds it (127.0.0.1 by default, port 0
for any free port) for `reviewwatch serve`, `run` and the demo. Review texts, author names
and URLs are untrusted: Jinja2 autoescapes every template, only http(s) URLs become links,
and a strict Content-Security-Policy forbids inline script.
"""

from __future__ import annotations

import logging
import secrets
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from flask import Flask, g, render_template, request
from werkzeug.serving import make_server as werkzeug_server

from reviewwatch import db as store
from reviewwatch.aspect_names import aspect_name
from reviewwatch.config import Settings, reveal
from reviewwatch.web import auth

MAX_BODY = 64 * 1024
SESSION_DAYS = 7
log = logging.getLogger(__name__)

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")


def create_app(settings: Settings, db_path: str | Path | None = None) -> Flask:
    """The Flask app for these settings and this database file."""
    app = Flask(__name__)
    key = reveal(settings.web.secret_key)
    if not key:
        log.warning("web.secret_key is not set: sessions end when reviewwatch restarts")
        key = secrets.token_urlsafe(48)
    app.config.update(
        SECRET_KEY=key, MAX_CONTENT_LENGTH=MAX_BODY,
        SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.web.public_url.startswith("https://"),
        SESSION_COOKIE_NAME="reviewwatch_session",
        PERMANENT_SESSION_LIFETIME=timedelta(days=SESSION_DAYS),
    )
    path = Path(db_path or settings.storage_path)
    local = threading.local()

    def db():
        if getattr(local, "db", None) is None:
            local.db = store.open_database(path)
        return local.db

    app.db = db  # type: ignore[attr-defined]
    app.settings = settings  # type: ignore[attr-defined]
    app.limiter = auth.LoginLimiter()  # type: ignore[attr-defined]
    # The dashboard's and queue's "now"; tests set their own so no page depends on the date.
    app.clock = lambda: datetime.now(UTC)  # type: ignore[attr-defined]

    from reviewwatch.web import (  # noqa: F401  (their routes join `web`)
        dashboard_view,
        filters,
        queue_views,
        sources_views,
    )
    from reviewwatch.web.api import api
    from reviewwatch.web.views import web

    app.register_blueprint(web)
    app.register_blueprint(api)

    from reviewwatch.sources_admin import ConfigWatcher

    app.config_watcher = ConfigWatcher(settings)  # type: ignore[attr-defined]

    @app.before_request
    def before() -> None:
        # Follow the config file: a source added with the CLI shows up without a restart.
        fresh, changed = app.config_watcher.current()
        if changed:
            app.settings = fresh  # type: ignore[attr-defined]
            store.sync_config(db(), fresh)
        auth.load_user()
        if request.method == "POST" and not request.path.startswith("/api/"):
            auth.check_csrf()

    @app.after_request
    def headers(response):
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        if request.path != "/healthz" and not request.path.startswith("/static/"):
            response.headers["Cache-Control"] = "no-store"
        return response

    @app.errorhandler(400)
    @app.errorhandler(403)
    @app.errorhandler(404)
    @app.errorhandler(405)
    @app.errorhandler(413)
    def error(e: Any):
        if request.path.startswith("/api/"):
            from flask import jsonify

            return jsonify({"error": e.description}), e.code
        return render_template("error.html", error=e, user=g.get("user")), e.code

    app.jinja_env.globals["csrf_token"] = auth.csrf_token
    app.jinja_env.filters["aspect"] = aspect_name
    return app


class Server:
    """A bound web server: .port, .serve_forever(), .shutdown()."""

    def __init__(self, app: Flask, host: str, port: int):
        self._server = werkzeug_server(host, port, app, threaded=True)
        self.host = host
        self.port = self._server.server_port

    def serve_forever(self) -> None:
        self._server.serve_forever()

    def shutdown(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def make_server(settings: Settings, db_path: str | Path | None, host: str | None = None,
                port: int | None = None) -> Server:
    """The web UI bound to host:port (127.0.0.1 and the configured port by default)."""
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    return Server(create_app(settings, db_path), host or settings.web.host,
                  settings.web.port if port is None else port)


def serve(settings: Settings, db_path: str | Path | None, host: str | None = None,
          port: int | None = None) -> None:
    """Serve the web UI until Ctrl-C."""
    server = make_server(settings, db_path, host, port)
    print(f"reviewwatch web UI at http://{server.host}:{server.port}/ (Ctrl-C stops it)",
          flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
    finally:
        server.shutdown()
