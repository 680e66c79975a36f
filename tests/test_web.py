"""The web UI and HTTP API through Flask's test client, on a real SQLite file."""

from __future__ import annotations

import re

import pytest

from reviewwatch import db as store
from reviewwatch import users
from reviewwatch.web import create_app
from tests.webutil import make_settings, seed


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
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)[1]
    response = client.post("/login", data={"username": name, "password": password or
                                           f"{name}-password-1", "csrf_token": token,
                                           "next": "/drafts"})
    return response, token


def csrf_of(client, path="/drafts"):
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).get_data(
        as_text=True))[1]


def test_pages_need_login_and_healthz_does_not(env):
    app, _, _ = env
    client = app.test_client()
    for path in ("/", "/drafts", "/items", "/sources", "/drafts/1", "/items/1"):
        response = client.get(path)
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert client.get("/healthz").get_json() == {"status": "ok", "database": "ok"}
    assert client.get("/api/drafts").status_code == 401


def test_login_sets_a_hardened_session_cookie(env):
    app, _, _ = env
    client = app.test_client()
    response, _ = login(client)
    assert response.status_code == 302
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    page = client.get("/drafts")
    assert page.status_code == 200
    headers = page.headers
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_wrong_password_and_rate_limit(env):
    app, _, _ = env
    client = app.test_client()
    for _ in range(5):
        assert login(client, password="wrong")[0].status_code == 401
    assert login(client)[0].status_code == 429  # even the right password waits now


def test_untrusted_text_is_escaped(env):
    app, _, _ = env
    client = app.test_client()
    login(client)
    html = client.get("/drafts").get_data(as_text=True)
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert "<img src=x" not in html and "&lt;img src=x" in html
    assert "javascript:alert(3)" not in html  # only http(s) links become links


def test_get_never_changes_data_and_posts_need_csrf(env):
    app, db, drafts = env
    client = app.test_client()
    login(client)
    assert client.get(f"/drafts/{drafts[0]}/approve").status_code == 405
    assert client.post(f"/drafts/{drafts[0]}/approve", data={}).status_code == 400
    assert client.post(f"/drafts/{drafts[0]}/reject", data={"csrf_token": "forged"}) \
        .status_code == 400
    assert {d["status"] for d in store.list_drafts(db, None)} == {"pending"}


def test_approve_with_edit_and_reject_with_reason(env):
    app, db, drafts = env
    client = app.test_client()
    login(client)
    token = csrf_of(client)
    edited = "Hi Sam, thank you for telling us about being charged twice. I understand why a " \
             "charge like that is upsetting, and I'm sorry. Please email " \
             "maria@bluedoor.example and I'll go through the charges with you. I've passed " \
             "this to our billing team.\n\nMaria"
    response = client.post(f"/drafts/{drafts[1]}/approve", data={"csrf_token": token,
                                                                  "text": edited})
    assert response.status_code == 302
    approved = store.get_draft(db, drafts[1])
    assert approved["status"] == "approved" and approved["final_text"] == edited.strip()
    assert approved["edited"] == 1 and approved["decided_by"] == "staff"
    assert approved["publish_mode"] == "manual"
    client.post(f"/drafts/{drafts[0]}/reject", data={"csrf_token": token, "reason": "tone"})
    rejected = store.get_draft(db, drafts[0])
    assert (rejected["status"], rejected["reject_reason"]) == ("rejected", "tone")
    page = client.get("/drafts").get_data(as_text=True)
    assert "Post it yourself" in page and "Mark as posted" in page
    client.post(f"/drafts/{drafts[1]}/posted", data={"csrf_token": token})
    assert store.get_draft(db, drafts[1])["status"] == "posted"


def test_lint_errors_block_staff_and_owner_can_override(env):
    app, db, drafts = env
    bad = "Actually, you should have asked. Please remove your review."
    staff = app.test_client()
    login(staff)
    blocked = staff.post(f"/drafts/{drafts[1]}/approve", data={
        "csrf_token": csrf_of(staff), "text": bad, "override": "1"})
    assert blocked.status_code == 422
    page = blocked.get_data(as_text=True)
    assert "Actually, you should have asked." in page and "defensive" in page  # edit kept
    assert store.get_draft(db, drafts[1])["status"] == "pending"
    owner = app.test_client()
    login(owner, "owner")
    owner.post(f"/drafts/{drafts[1]}/approve", data={"csrf_token": csrf_of(owner), "text": bad,
                                                      "override": "1"})
    draft = store.get_draft(db, drafts[1])
    assert draft["status"] == "approved" and draft["lint_override"] == 1


def test_api_with_bearer_token(env):
    app, db, drafts = env
    token = users.create_token(db, "staff")
    client = app.test_client()
    auth = {"Authorization": f"Bearer {token}"}
    listed = client.get("/api/drafts?status=pending", headers=auth).get_json()["drafts"]
    assert {d["id"] for d in listed} == set(drafts)
    items = client.get("/api/items?label=negative", headers=auth).get_json()["items"]
    assert items and all(i["triage"]["label"] == "negative" for i in items)
    blocked = client.post(f"/api/drafts/{drafts[1]}/approve", headers=auth,
                          json={"text": "Actually, you should have read our policy."})
    assert blocked.status_code == 422
    ok = client.post(f"/api/drafts/{drafts[1]}/approve", headers=auth, json={})
    assert ok.status_code == 200 and ok.get_json()["draft"]["status"] == "approved"
    again = client.post(f"/api/drafts/{drafts[1]}/approve", headers=auth, json={})
    assert again.status_code == 409
    gone = client.post("/api/drafts/999/reject", headers=auth, json={"reason": "x"})
    assert gone.status_code == 404
    assert client.get("/api/drafts", headers={"Authorization": "Bearer nope"}).status_code == 401
    spec = client.get("/api/openapi.json").get_json()
    assert spec["openapi"].startswith("3.1") and "/api/drafts/{id}/approve" in spec["paths"]


def test_api_session_posts_need_the_csrf_header(env):
    app, db, drafts = env
    client = app.test_client()
    _, token = login(client)
    token = csrf_of(client)
    assert client.post(f"/api/drafts/{drafts[0]}/reject", json={}).status_code == 400
    response = client.post(f"/api/drafts/{drafts[0]}/reject", json={"reason": "no"},
                           headers={"X-CSRF-Token": token})
    assert response.status_code == 200


def test_items_sources_and_history_pages(env):
    app, db, _ = env
    client = app.test_client()
    login(client)
    assert "Reviews and mentions" in client.get("/items?label=negative").get_data(as_text=True)
    sources = client.get("/sources").get_data(as_text=True)
    assert "bistro-app" in sources and "bistro-hn" in sources
    assert "built-in method" not in sources
    # The Items column holds each source's count: the seed put 3 items on bistro-app.
    row = re.search(r"<tr[^>]*>\s*<td>bistro-app</td>.*?</tr>", sources, re.S)[0]
    assert re.findall(r'<td class="num">(\d+)</td>', row) == ["3"]
    item_id = next(db.query("SELECT id FROM items LIMIT 1"))["id"]
    assert client.get(f"/items/{item_id}").status_code == 200
    assert client.get("/items/9999").status_code == 404


def test_logout_is_a_post(env):
    app, _, _ = env
    client = app.test_client()
    login(client)
    assert client.get("/logout").status_code == 405
    client.post("/logout", data={"csrf_token": csrf_of(client)})
    assert client.get("/drafts").status_code == 302
