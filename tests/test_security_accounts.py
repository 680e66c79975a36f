"""Users, tokens and sessions with a lifecycle (issue 12's security findings on accounts).

Each test here failed against the code before it: tokens had no scopes or expiry, a logged-out
cookie kept working for 7 days (Flask's client-side session), and nothing could list,
disable, revoke or remove.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner

from reviewwatch import db as store
from reviewwatch import users
from reviewwatch.cli import cli
from reviewwatch.web import create_app
from tests.webutil import make_settings, seed

COOKIE = "reviewwatch_session"


@pytest.fixture
def env(tmp_path):
    settings = make_settings(tmp_path)
    db, drafts = seed(settings)
    users.add_user(db, "owner", "owner", "owner-password-1")
    users.add_user(db, "staff", "staff", "staff-password-1")
    app = create_app(settings, settings.storage_path)
    app.config["TESTING"] = True
    return app, db, drafts


def login(client, name="staff", password=None):
    page = client.get("/login").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page)[1]
    return client.post("/login", data={"username": name, "csrf_token": csrf,
                                       "password": password or f"{name}-password-1"})


def csrf_of(client, path="/drafts"):
    return re.search(r'name="csrf_token" value="([^"]+)"',
                     client.get(path).get_data(as_text=True))[1]


def cookie_of(client):
    return client.get_cookie(COOKIE).value


def replay(app, value):
    """A fresh browser that presents a copied session cookie."""
    other = app.test_client()
    other.set_cookie(COOKIE, value)
    return other


# ---- server-side sessions ---------------------------------------------------------------

def test_the_cookie_is_an_opaque_id_and_the_database_keeps_only_its_hash(env):
    app, db, _ = env
    client = app.test_client()
    login(client)
    value = cookie_of(client)
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", value)  # no signed payload, no user id in it
    stored = [r["id_hash"] for r in db.query("SELECT id_hash FROM sessions WHERE user_id = ?",
                                             [users._by_name(db, "staff")["id"]])]
    assert len(stored) == 1 and value not in stored[0]


def test_a_cookie_copied_before_logout_is_worthless_after_it(env):
    app, _, _ = env
    client = app.test_client()
    login(client)
    stolen = cookie_of(client)
    assert replay(app, stolen).get("/drafts").status_code == 200
    client.post("/logout", data={"csrf_token": csrf_of(client)})
    response = replay(app, stolen).get("/drafts")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_login_gives_a_new_session_id(env):
    app, _, _ = env
    client = app.test_client()
    client.get("/login")
    before = cookie_of(client)
    login(client)
    assert cookie_of(client) != before
    assert replay(app, before).get("/drafts").status_code == 302  # no fixation


@pytest.mark.parametrize("action", ["disable", "set-password", "remove"])
def test_disable_password_change_and_removal_end_every_session(env, action):
    app, db, _ = env
    laptop, phone = app.test_client(), app.test_client()
    login(laptop)
    login(phone)
    assert phone.get("/drafts").status_code == 200
    if action == "disable":
        users.set_disabled(db, "staff", True)
    elif action == "set-password":
        users.set_password(db, "staff", "a-brand-new-password")
    else:
        users.remove_user(db, "staff")
    for client in (laptop, phone):
        assert client.get("/drafts").status_code == 302
    assert not list(db.query("SELECT 1 FROM sessions WHERE user_id IS NOT NULL"))
    if action == "set-password":
        assert login(app.test_client(), password="a-brand-new-password").status_code == 302


def test_log_out_everywhere_ends_the_other_devices(env):
    app, _, _ = env
    laptop, phone = app.test_client(), app.test_client()
    login(laptop)
    login(phone)
    laptop.post("/logout/everywhere", data={"csrf_token": csrf_of(laptop)})
    assert phone.get("/drafts").status_code == 302


def test_an_idle_session_expires_on_the_server(env):
    app, db, _ = env
    client = app.test_client()
    login(client)
    past = store.utcnow_of(datetime.now(UTC) - timedelta(seconds=1))
    db.execute("UPDATE sessions SET expires_at = ?", [past])
    assert client.get("/drafts").status_code == 302


# ---- tokens: scopes, expiry, revocation ---------------------------------------------------

def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def test_each_api_route_needs_its_scope(env):
    app, db, drafts = env
    client = app.test_client()
    read = users.create_token(db, "owner", ["read"])
    draft = users.create_token(db, "owner", ["draft"])
    approve = users.create_token(db, "owner", ["approve"])
    assert client.get("/api/drafts", headers=bearer(read)).status_code == 200
    assert client.get("/api/drafts", headers=bearer(approve)).status_code == 403
    # A read-only token cannot decide anything.
    for path in (f"/api/drafts/{drafts[1]}/approve", f"/api/drafts/{drafts[0]}/reject"):
        refused = client.post(path, headers=bearer(read), json={})
        assert refused.status_code == 403 and "scope" in refused.get_json()["error"]
    assert client.post(f"/api/drafts/{drafts[1]}/approve", headers=bearer(draft),
                       json={}).status_code == 403
    assert client.post(f"/api/drafts/{drafts[0]}/reject", headers=bearer(draft),
                       json={"reason": "tone"}).status_code == 200
    assert client.post(f"/api/drafts/{drafts[1]}/approve", headers=bearer(approve),
                       json={}).status_code == 200
    assert {d["status"] for d in store.list_drafts(db, None)} == {"pending", "rejected",
                                                                  "approved"}


def test_admin_scope_is_for_owners_and_guards_the_admin_api(env):
    app, db, _ = env
    client = app.test_client()
    with pytest.raises(Exception, match="cannot have the admin scope"):
        users.create_token(db, "staff", ["admin"])
    queue_token = users.create_token(db, "owner")  # default: the queue's scopes, no admin
    assert client.get("/api/tokens", headers=bearer(queue_token)).status_code == 403
    admin = users.create_token(db, "owner", "read,admin")
    listed = client.get("/api/tokens", headers=bearer(admin)).get_json()["tokens"]
    assert {tuple(t["scopes"]) for t in listed} == {("read", "draft", "approve"),
                                                    ("read", "admin")}
    assert all("token" not in t and "token_hash" not in t for t in listed)
    assert {u["username"] for u in client.get("/api/users", headers=bearer(admin))
            .get_json()["users"]} == {"owner", "staff"}


def test_a_revoked_or_expired_token_stops_working(env):
    app, db, _ = env
    client = app.test_client()
    now = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
    issued = users.issue_token(db, "staff", ["read"], users.parse_expiry("30d", now))
    assert issued["expires_at"] == "2026-12-22T09:00:00.000000Z"
    assert users.user_for_token(db, issued["token"], now=now) is not None
    assert users.user_for_token(db, issued["token"], now=now + timedelta(days=30)) is None
    live = users.create_token(db, "staff", ["read"])
    assert client.get("/api/drafts", headers=bearer(live)).status_code == 200
    admin = users.create_token(db, "owner", ["admin"])
    token_id = users.list_tokens(db, "staff")[-1]["id"]
    revoked = client.post(f"/api/tokens/{token_id}/revoke", headers=bearer(admin))
    assert revoked.status_code == 200 and revoked.get_json()["token"]["state"] == "revoked"
    assert client.get("/api/drafts", headers=bearer(live)).status_code == 401


def test_a_disabled_users_tokens_stop_and_start_again_when_enabled(env):
    app, db, _ = env
    client = app.test_client()
    token = users.create_token(db, "staff", ["read"])
    users.set_disabled(db, "staff", True)
    assert client.get("/api/drafts", headers=bearer(token)).status_code == 401
    assert users.list_tokens(db, "staff")[0]["state"] == "user disabled"
    users.set_disabled(db, "staff", False)
    assert client.get("/api/drafts", headers=bearer(token)).status_code == 200


@pytest.mark.parametrize("text,problem", [
    ("0d", "already past"), ("yesterday", "not an expiry"), ("99999d", "at most"),
    ("2020-01-01", "already past")])
def test_bad_expiries_are_refused(text, problem):
    with pytest.raises(Exception, match=problem):
        users.parse_expiry(text, datetime(2026, 11, 22, tzinfo=UTC))


def test_bad_scopes_are_refused(env):
    _, db, _ = env
    with pytest.raises(Exception, match="unknown scope 'write'"):
        users.create_token(db, "owner", ["write"])


# ---- the CLI ------------------------------------------------------------------------------

@pytest.fixture
def config(tmp_path):
    path = tmp_path / "rw.toml"
    path.write_text(f'[storage]\npath = "{tmp_path / "cli.db"}"\n', "utf-8")
    pw = tmp_path / "pw.txt"
    pw.write_text("correct-horse-battery\n", "utf-8")
    return str(path), str(pw)


def rw(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_user_and_token_lifecycle_from_the_cli(config):
    cfg, pw = config
    assert rw("user", "add", "maria", "--role", "owner", "--password-file", pw,
              "--config", cfg).exit_code == 0
    assert rw("user", "add", "sam", "--role", "staff", "--password-file", pw,
              "--config", cfg).exit_code == 0
    created = CliRunner().invoke(cli, ["token", "create", "sam", "--scope", "read",
                                       "--expires", "30d", "--name", "dashboard",
                                       "--config", cfg])
    token = created.stdout.strip()
    assert created.exit_code == 0 and token.startswith("rw_")
    assert "scopes read" in created.stderr
    listed = rw("token", "list", "--config", cfg).output
    assert "sam" in listed and "active" in listed and "dashboard" in listed
    assert token not in listed
    assert rw("user", "disable", "sam", "--config", cfg).exit_code == 0
    assert "disabled" in rw("user", "list", "--config", cfg).output
    assert "user disabled" in rw("token", "list", "--config", cfg).output
    assert rw("user", "enable", "sam", "--config", cfg).exit_code == 0
    assert rw("token", "revoke", "1", "--config", cfg).exit_code == 0
    assert "revoked" in rw("token", "list", "--user", "sam", "--config", cfg).output
    assert rw("user", "set-password", "sam", "--password-file", pw,
              "--config", cfg).exit_code == 0
    assert rw("user", "remove", "sam", "--yes", "--config", cfg).exit_code == 0
    assert "sam" not in rw("user", "list", "--config", cfg).output
    db = store.open_database(cfg.replace("rw.toml", "cli.db"))
    actions = [r["action"] for r in db.query("SELECT action FROM audit ORDER BY id")]
    for action in ("user_add", "token_create", "user_disable", "user_enable", "token_revoke",
                   "user_set_password", "user_remove"):
        assert action in actions


def test_cli_errors_are_one_line(config):
    cfg, pw = config
    result = CliRunner().invoke(cli, ["user", "disable", "nobody", "--config", cfg])
    assert result.exit_code == 1 and "no user named 'nobody'" in result.output
    assert "Traceback" not in result.output
    result = CliRunner().invoke(cli, ["token", "revoke", "42", "--config", cfg])
    assert result.exit_code == 1 and "no token with id 42" in result.output


# ---- the Users & tokens page -----------------------------------------------------------------

def test_the_users_page_is_for_owners(env):
    app, db, _ = env
    staff = app.test_client()
    login(staff)
    assert staff.get("/admin/users").status_code == 403
    owner = app.test_client()
    login(owner, "owner")
    page = owner.get("/admin/users").get_data(as_text=True)
    assert "Users &amp; tokens" in page and "staff" in page
    csrf = csrf_of(owner, "/admin/users")
    staff_id = users._by_name(db, "staff")["id"]
    owner.post(f"/admin/users/{staff_id}/disable", data={"csrf_token": csrf})
    assert users.get_user(db, staff_id)["disabled"] == 1
    assert staff.get("/drafts").status_code == 302
    made = owner.post("/admin/tokens", data={"csrf_token": csrf, "username": "owner",
                                             "scope": ["read", "admin"], "expires": "30d"})
    token = re.search(r'value="(rw_[^"]+)"', made.get_data(as_text=True))[1]
    assert users.user_for_token(db, token)["scopes"] == {"read", "admin"}
    token_id = users.list_tokens(db)[-1]["id"]
    owner.post(f"/admin/tokens/{token_id}/revoke", data={"csrf_token": csrf})
    assert users.user_for_token(db, token) is None
    assert "rw_" not in owner.get("/admin/users").get_data(as_text=True)  # shown once
