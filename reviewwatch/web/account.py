"""Logging in and out: the lockout, the audit of failures, and same-site redirects."""

from __future__ import annotations

from flask import current_app, g, redirect, render_template, request, session, url_for

from reviewwatch import db as store
from reviewwatch import sessions, users
from reviewwatch.textsafe import terminal_safe
from reviewwatch.web.auth import LOGIN_WINDOW, client_address, log_in, login_required, safe_next
from reviewwatch.web.views import web

LOCK_MESSAGES = {
    "pair": "Too many failed logins for this name from this address.",
    "user": "Too many failed logins for this name.",
    "client": "Too many failed logins from this address.",
}


def _wait_text() -> str:
    return f" Wait {LOGIN_WINDOW // 60} minutes, or ask an owner to set a new password."


@web.route("/login", methods=["GET", "POST"])
def login():
    next_url = safe_next(request.values.get("next"), url_for("web.index"))
    if request.method == "GET":
        return render_template("login.html", next=next_url)
    username = request.form.get("username", "")[: users.MAX_USERNAME]
    shown = terminal_safe(username)  # the audit log holds what a stranger typed: no controls
    client = client_address()
    limiter = current_app.limiter
    database = current_app.db()
    locked = limiter.locked(username, client)
    if locked:
        store.audit(database, shown or "-", "login_refused_locked", f"client:{client}",
                    lock=locked)
        return render_template("login.html", next=next_url,
                               error=LOCK_MESSAGES[locked] + _wait_text()), 429
    user = users.verify(database, username, request.form.get("password", ""))
    if user is None:
        newly = limiter.fail(username, client)
        store.audit(database, shown or "-", "login_failed", f"client:{client}")
        if newly:
            store.audit(database, shown or "-", "login_locked", f"client:{client}", lock=newly,
                        minutes=LOGIN_WINDOW // 60)
        return render_template("login.html", next=next_url,
                               error="Wrong username or password."), 401
    limiter.succeed(username, client)
    log_in(user)
    store.audit(database, user["username"], "login", f"client:{client}")
    return redirect(next_url)


@web.post("/logout")
def logout():
    if g.get("user"):
        store.audit(current_app.db(), g.user["username"], "logout")
    session.clear()  # the session's row is deleted when the response is saved
    return redirect(url_for("web.login"))


@web.post("/logout/everywhere")
@login_required
def logout_everywhere():
    ended = sessions.end_all(current_app.db(), g.user["id"])
    store.audit(current_app.db(), g.user["username"], "logout_everywhere", sessions=ended)
    session.clear()
    return redirect(url_for("web.login"))
