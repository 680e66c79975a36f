"""The owners' Users & tokens page: disable or enable users, create and revoke API tokens."""

from __future__ import annotations

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for

from reviewwatch import users
from reviewwatch.errors import InputError, NotFound
from reviewwatch.web.auth import owner_required
from reviewwatch.web.views import web

EXPIRY_CHOICES = (("30d", "30 days"), ("90d", "90 days"), ("365d", "1 year"), ("never", "never"))


def _page(new_token: dict | None = None, status: int = 200):
    database = current_app.db()
    return render_template("users.html", people=users.list_users(database),
                           tokens=users.list_tokens(database), scopes=users.SCOPES,
                           default_scopes=users.DEFAULT_SCOPES, expiries=EXPIRY_CHOICES,
                           new_token=new_token), status


@web.get("/admin/users")
@owner_required
def users_page():
    return _page()


@web.post("/admin/users/<int:user_id>/<any(disable, enable):action>")
@owner_required
def user_state(user_id: int, action: str):
    person = users.get_user(current_app.db(), user_id)
    if person is None:
        abort(404, description=f"No user {user_id}.")
    if person["id"] == g.user["id"]:
        flash("You cannot disable yourself here; another owner can, or the CLI.", "error")
    else:
        users.set_disabled(current_app.db(), person["username"], action == "disable",
                           actor=g.user["username"])
        flash(f"{person['username']} is {action}d"
              + (" and every session they had has ended." if action == "disable" else "."),
              "ok")
    return redirect(url_for("web.users_page"))


@web.post("/admin/tokens")
@owner_required
def token_create():
    form = request.form
    try:
        issued = users.issue_token(
            current_app.db(), form.get("username", ""), form.getlist("scope") or [""],
            users.parse_expiry(form.get("expires")), form.get("name"),
            actor=g.user["username"])
    except (InputError, NotFound) as e:
        flash(str(e), "error")
        return _page(status=400)
    return _page(new_token=issued)


@web.post("/admin/tokens/<int:token_id>/revoke")
@owner_required
def token_revoke(token_id: int):
    try:
        users.revoke_token(current_app.db(), token_id, actor=g.user["username"])
    except NotFound:
        abort(404, description=f"No token {token_id}.")
    flash(f"Token #{token_id} is revoked; it stops working now.", "ok")
    return redirect(url_for("web.users_page"))
