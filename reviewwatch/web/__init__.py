"""The web UI: the approval queue, items, sources, and the HTTP API.

`create_app` builds the Flask app; `make_server` binds it on waitress (127.0.0.1 by
default, port 0 for any free port) for `reviewwatch serve`, `run` and the demo. Review
texts, author names and URLs are untrusted: Jinja2 autoescapes every template, only
http(s) URLs become links, and a strict Content-Security-Policy forbids inline script.
"""

from __future__ import annotations

import contextlib
import ipaddress
import logging
import secrets
import signal
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from flask import Flask, g, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

from reviewwatch import db as store
from reviewwatch.aspect_names import aspect_name
from reviewwatch.config import Settings, reveal
from reviewwatch.errors import ConfigError
from reviewwatch.web import auth
from reviewwatch.web.session_store import DatabaseSessionInterface

MAX_BODY = 64 * 1024
THREADS = 8
GRACE = 10.0  # seconds a shutdown waits for the requests in flight
MAX_ID = 2**63 - 1  # SQLite's INTEGER range; a longer id is no row, not an overflow
log = logging.getLogger(__name__)

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")


class BoundedInt(IntegerConverter):
    """`<int:...>` that also refuses ids past SQLite's 64-bit range (a 404, not a 500)."""

    def __init__(self, url_map: Any, fixed_digits: int = 0, min: int | None = None,  # noqa: A002
                 max: int | None = MAX_ID, signed: bool = False) -> None:  # noqa: A002
        super().__init__(url_map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def create_app(settings: Settings, db_path: str | Path | None = None) -> Flask:
    """The Flask app for these settings and this database file."""
    app = Flask(__name__)
    app.url_map.converters["int"] = BoundedInt
    try:
        key = reveal(settings.web.secret_key)
    except ConfigError:
        key = None
    # Sessions live in the database, so the key signs nothing a login depends on; a random
    # one is as good when none is configured.
    app.config.update(
        SECRET_KEY=key or secrets.token_urlsafe(48), MAX_CONTENT_LENGTH=MAX_BODY,
        SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.web.public_url.startswith("https://"),
        SESSION_COOKIE_NAME="reviewwatch_session",
    )
    app.session_interface = DatabaseSessionInterface()
    if settings.web.trusted_proxies:
        n = settings.web.trusted_proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n)  # type: ignore[method-assign]
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
        account,
        admin,
        dashboard_view,
        filters,
        ops,
        queue_views,
        sources_views,
        triage_views,
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

    @app.errorhandler(HTTPException)
    def error(e: HTTPException):
        if e.code is None or e.code < 400:
            return e
        if request.path.startswith("/api/"):
            return jsonify({"error": e.description}), e.code
        return render_template("error.html", error=e, user=g.get("user")), e.code

    @app.errorhandler(Exception)
    def crash(e: Exception):
        # The traceback goes to the log; the client gets a plain 500 (JSON under /api/).
        log.error("internal error on %s %s", request.method, request.path, exc_info=e)
        return error(InternalServerError(description="Something went wrong on our side; "
                                                     "the details are in the server log."))

    app.jinja_env.globals["csrf_token"] = auth.csrf_token
    app.jinja_env.filters["aspect"] = aspect_name
    return app


class Server:
    """The web UI on waitress (a production WSGI server): .port, .serve_forever(),
    .shutdown().

    shutdown() is graceful and may be called from any thread: it stops accepting
    connections, lets the requests being served finish (up to GRACE seconds) and flush,
    then closes every connection so serve_forever() returns."""

    def __init__(self, app: Flask, host: str, port: int, threads: int = THREADS):
        from waitress.server import create_server

        self._server = create_server(app, host=host, port=port, threads=threads,
                                     ident="reviewwatch", clear_untrusted_proxy_headers=False)
        self.host = host
        self.port = int(self._server.effective_port)
        self._done = threading.Event()
        self._stopping = False

    def serve_forever(self) -> None:
        try:
            self._server.run()
        finally:
            self._done.set()

    def shutdown(self) -> None:
        from waitress import wasyncore

        if self._stopping:
            return
        self._stopping = True
        srv = self._server
        # In the server's own loop thread: close the listening socket, keep the connections.
        if not self._pull(lambda: wasyncore.dispatcher.close(srv)):
            return
        srv.task_dispatcher.shutdown(cancel_pending=False, timeout=GRACE)
        deadline = time.monotonic() + GRACE
        while time.monotonic() < deadline and not self._done.is_set() and any(
                getattr(ch, "total_outbufs_len", 0) for ch in list(srv._map.values())):
            self._done.wait(0.05)  # responses still being written out
        if self._done.is_set() or not self._pull(lambda: wasyncore.close_all(srv._map)):
            return
        self._done.wait(GRACE)

    def _pull(self, thunk) -> bool:
        """Run `thunk` in the server's loop thread; False when the loop has already
        closed its wake-up pipe (it is stopping or stopped, so there is nothing to do)."""
        try:
            self._server.trigger.pull_trigger(thunk)
        except OSError:
            from waitress import wasyncore

            if not self._done.wait(0.5):
                # The loop lost its wake-up pipe but still runs: close what is left so
                # that serve_forever() returns.
                with contextlib.suppress(OSError):
                    wasyncore.close_all(self._server._map)
                self._done.wait(GRACE)
            return False
        return True


def is_loopback(host: str) -> bool:
    """Whether binding `host` keeps the server on this machine."""
    if host in ("localhost", "ip6-localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def exposure_warning(settings: Settings, host: str) -> str | None:
    """A warning when the UI is reachable from other machines without TLS in front."""
    if is_loopback(host) or settings.web.public_url.startswith("https://"):
        return None
    return (f"serving plain HTTP on {host}, reachable from other machines, with no TLS in "
            "front: passwords and session cookies would cross the network in clear. Put a "
            "TLS reverse proxy in front, set web.public_url to its https:// address and "
            "web.trusted_proxies (see README, Deployment), or bind 127.0.0.1.")


def make_server(settings: Settings, db_path: str | Path | None, host: str | None = None,
                port: int | None = None) -> Server:
    """The web UI bound to host:port (127.0.0.1 and the configured port by default)."""
    host = host or settings.web.host
    warning = exposure_warning(settings, host)
    if warning:
        log.warning(warning)
    return Server(create_app(settings, db_path), host,
                  settings.web.port if port is None else port)


def serve(settings: Settings, db_path: str | Path | None, host: str | None = None,
          port: int | None = None) -> None:
    """Serve the web UI until SIGTERM or Ctrl-C, then shut down gracefully."""
    server = make_server(settings, db_path, host, port)
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    thread = threading.Thread(target=server.serve_forever, name="web", daemon=True)
    thread.start()
    print(f"reviewwatch web UI at http://{server.host}:{server.port}/ (Ctrl-C stops it)",
          flush=True)
    stop.wait()
    print("stopping: finishing the requests in flight", file=sys.stderr, flush=True)
    server.shutdown()
    print("stopped", file=sys.stderr, flush=True)
