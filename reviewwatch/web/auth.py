"""Login, sessions, CSRF and API tokens for the web UI.

Sessions are Flask's signed cookies (HttpOnly, SameSite=Lax, Secure behind https). Every
POST from a browser carries the session's CSRF token, compared in constant time. The API
also takes a bearer token (`reviewwatch token create USER`), which needs no CSRF token
because a browser never sends it on its own. Failed logins are rate limited per address
and per username.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import defaultdict, deque
from functools import wraps
from typing import Any

from flask import abort, current_app, g, redirect, request, session, url_for

from reviewwatch import users

CSRF_KEY = "csrf"
LOGIN_WINDOW = 15 * 60
LOGIN_MAX_FAILURES = 5


class LoginLimiter:
    """At most LOGIN_MAX_FAILURES failed logins per key in LOGIN_WINDOW seconds."""

    def __init__(self) -> None:
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def blocked(self, *keys: str) -> bool:
        now = time.monotonic()
        with self._lock:
            for key in keys:
                q = self._failures[key]
                while q and now - q[0] > LOGIN_WINDOW:
                    q.popleft()
                if len(q) >= LOGIN_MAX_FAILURES:
                    return True
        return False

    def fail(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._failures[key].append(time.monotonic())

    def clear(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)


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
    session["uid"] = user["id"]
    session["csrf"] = secrets.token_urlsafe(32)
    session.permanent = True


def load_user() -> None:
    """Set g.user from the bearer token or the session, and g.via."""
    g.user, g.via = None, None
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        g.user = users.user_for_token(current_app.db(), header[7:].strip())
        g.via = "token" if g.user else None
        return
    uid = session.get("uid")
    if uid:
        user = users.get_user(current_app.db(), uid)
        if user and not user["disabled"]:
            g.user, g.via = user, "session"


def login_required(view):
    """Pages need a logged-in user; otherwise go to the login page."""
    @wraps(view)
    def wrapped(*args, **kwargs):
        if g.user is None:
            return redirect(url_for("web.login", next=request.full_path
                                    if request.method == "GET" else None))
        return view(*args, **kwargs)
    return wrapped


def api_auth(view):
    """API routes need a bearer token or a session (with the CSRF header for a POST)."""
    @wraps(view)
    def wrapped(*args, **kwargs):
        if g.user is None:
            from flask import jsonify

            return jsonify({"error": "authentication required: send 'Authorization: Bearer "
                                     "TOKEN' or log in"}), 401
        if request.method == "POST" and g.via == "session":
            check_csrf()
        return view(*args, **kwargs)
    return wrapped
