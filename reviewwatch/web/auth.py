"""Login, sessions, CSRF, API tokens with scopes, and login lockout for the web UI.

Sessions live on the server (`session_store`); the cookie is HttpOnly, SameSite=Lax and
Secure behind https. Every POST from a browser carries the session's CSRF token, compared
in constant time. The API also takes a bearer token, which needs no CSRF token because a
browser never sends it on its own; a token can do only what its scopes allow, and a session
what its user's role allows (`users.ROLE_SCOPES`).

Failed logins are counted three ways, so that one person's typos lock out only that person
on that machine, while guessing at one account from many addresses, or at many accounts from
one address, is still stopped:

    the (user, client) pair   LOCK_PAIR failures in LOGIN_WINDOW
    one user, any client      LOCK_USER failures
    one client, any user      LOCK_CLIENT failures

The client is the connecting address, or the one the trusted proxies (`web.trusted_proxies`)
put in X-Forwarded-For. Every failure and every lockout is written to the audit log.
"""

from __future__ import annotations

import hmac
import re
import secrets
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlsplit

from flask import abort, current_app, g, jsonify, redirect, request, session, url_for

from reviewwatch import users

CSRF_KEY = "csrf"
LOGIN_WINDOW = 15 * 60
LOCK_PAIR = 5
LOCK_USER = 20
LOCK_CLIENT = 50
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")  # browsers drop tabs and newlines inside URLs


class LoginLimiter:
    """Failed logins per key in a sliding LOGIN_WINDOW; `clock` is injectable for tests."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()
        self._clock = clock

    @staticmethod
    def keys(username: str, client: str) -> dict[str, tuple[str, int]]:
        """The three counters a login touches, each with its limit."""
        name = username.strip().lower()
        return {"pair": (f"pair:{name}\x00{client}", LOCK_PAIR),
                "user": (f"user:{name}", LOCK_USER), "client": (f"client:{client}", LOCK_CLIENT)}

    def _count(self, key: str, now: float) -> int:
        q = self._failures.get(key)
        if not q:
            return 0
        while q and now - q[0] > LOGIN_WINDOW:
            q.popleft()
        if not q:
            del self._failures[key]
        return len(q)

    def locked(self, username: str, client: str) -> str | None:
        """Which counter ('pair', 'user' or 'client') is over its limit, or None."""
        now = self._clock()
        with self._lock:
            for what, (key, limit) in self.keys(username, client).items():
                if self._count(key, now) >= limit:
                    return what
        return None

    def fail(self, username: str, client: str) -> str | None:
        """Count a failure; return the counter this failure just locked, if any."""
        now = self._clock()
        newly = None
        with self._lock:
            for what, (key, limit) in self.keys(username, client).items():
                self._failures[key].append(now)
                if newly is None and self._count(key, now) == limit:
                    newly = what
        return newly

    def succeed(self, username: str, client: str) -> None:
        """A right password clears this user's failures from this client."""
        with self._lock:
            self._failures.pop(self.keys(username, client)["pair"][0], None)


def client_address() -> str:
    """The client's address (ProxyFix has already applied web.trusted_proxies)."""
    return request.remote_addr or "unknown"


def safe_next(target: str | None, default: str) -> str:
    """A same-site path to go to after login, or `default`.

    Browsers drop tabs and newlines inside a URL and read a backslash as a slash, so
    `/\\tevil.example` or `/\\evil.example` would leave the site; normalise first, then
    accept only a path that has neither scheme nor host."""
    if not target:
        return default
    cleaned = _INVISIBLE.sub("", target).replace("\\", "/")
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        return default
    if parts.scheme or parts.netloc or not cleaned.startswith("/") or cleaned.startswith("//"):
        return default
    return cleaned


def csrf_token() -> str:
    """This session's CSRF token (made on first use)."""
    if CSRF_KEY not in session:
        session[CSRF_KEY] = secrets.token_urlsafe(32)
    return session[CSRF_KEY]


def check_csrf() -> None:
    """Abort with 400 unless the request carries this session's CSRF token."""
    sent = request.form.get("csrf_token") or request.headers.get("X-CSRF-Token") or ""
    expected = session.get(CSRF_KEY) or ""
    if not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
        abort(400, description="The form expired or did not come from this site (CSRF check "
                               "failed). Reload the page and try again.")


def log_in(user: dict[str, Any]) -> None:
    """Start a fresh session for the user (a new session id: no fixation)."""
    session.clear()
    session.rotate()  # type: ignore[attr-defined]
    session["uid"] = user["id"]
    session[CSRF_KEY] = secrets.token_urlsafe(32)


def load_user() -> None:
    """Set g.user (with g.scopes) from the bearer token or the session, and g.via."""
    g.user, g.via, g.scopes = None, None, frozenset()
    header = request.headers.get("Authorization", "")
    if header[:7].lower() == "bearer ":
        g.user = users.user_for_token(current_app.db(), header[7:].strip())
        if g.user:
            g.via, g.scopes = "token", g.user["scopes"]
        return
    uid = session.get("uid")
    if isinstance(uid, int):
        user = users.get_user(current_app.db(), uid)
        if user and not user["disabled"]:
            g.user, g.via = user, "session"
            g.scopes = users.ROLE_SCOPES.get(user["role"], frozenset())
        else:
            session.clear()  # the row goes with it


def login_required(view):
    """Pages need a logged-in user; otherwise go to the login page."""
    @wraps(view)
    def wrapped(*args, **kwargs):
        if g.user is None:
            return redirect(url_for("web.login", next=request.full_path
                                    if request.method == "GET" else None))
        return view(*args, **kwargs)
    return wrapped


def owner_required(view):
    """Pages for owners only (a staff user gets 403)."""
    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if "admin" not in g.scopes:
            abort(403, description="Only an owner can open this page.")
        return view(*args, **kwargs)
    return wrapped


def api_auth(scope: Any = "read"):
    """API routes need a bearer token or a session (with the CSRF header for a POST), and
    the scope named here: `@api_auth("approve")`. A bare `@api_auth` asks for `read` on a
    GET and `approve` on anything else, the safe side for a route that names none."""
    if callable(scope):
        return api_auth(None)(scope)
    if scope is not None and scope not in users.SCOPES:
        raise ValueError(f"unknown scope {scope!r}")

    def decorate(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if g.user is None:
                return jsonify({"error": "authentication required: send 'Authorization: "
                                         "Bearer TOKEN' or log in"}), 401
            if request.method == "POST" and g.via == "session":
                check_csrf()
            needed = scope or ("read" if request.method in ("GET", "HEAD") else "approve")
            if needed not in g.scopes:
                return jsonify({"error": f"this {'token' if g.via == 'token' else 'user'} "
                                         f"lacks the {needed!r} scope"}), 403
            return view(*args, **kwargs)
        return wrapped
    return decorate
