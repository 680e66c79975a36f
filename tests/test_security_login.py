"""Login lockout keyed by user and by client, trusted proxies, audited failures, and the
redirect after login (issue 12's findings on login).

Before: five bad guesses from one address locked every user on it out (behind a proxy, the
whole team), X-Forwarded-For could not be trusted at all, no failure left an audit row, and
`next=/<TAB>/evil.example` redirected off-site.
"""

from __future__ import annotations

import re

import pytest

from reviewwatch import config as cfg
from reviewwatch import users
from reviewwatch.web import auth, create_app
from tests.webutil import make_settings, seed


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def build(tmp_path, proxies=0):
    settings = make_settings(tmp_path)
    if proxies:
        settings.web.trusted_proxies = proxies
    db, _ = seed(settings)
    for name in ("alice", "bob", "carol"):
        users.add_user(db, name, "staff", f"{name}-password-1")
    app = create_app(settings, settings.storage_path)
    app.config["TESTING"] = True
    clock = Clock()
    app.limiter = auth.LoginLimiter(clock)
    return app, db, clock


@pytest.fixture
def env(tmp_path):
    return build(tmp_path)


def attempt(app, name, password=None, ip="10.0.0.1", headers=None, next_url=None):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = ip
    page = client.get("/login", headers=headers).get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page)[1]
    data = {"username": name, "password": password or f"{name}-password-1", "csrf_token": csrf}
    if next_url is not None:
        data["next"] = next_url
    return client.post("/login", data=data, headers=headers)


def audit(db, action):
    return list(db.query("SELECT actor, target, detail FROM audit WHERE action = ? ORDER BY id",
                         [action]))


def test_one_persons_typos_do_not_lock_out_a_colleague_on_the_same_address(env):
    app, _, _ = env
    for _ in range(auth.LOCK_PAIR):
        assert attempt(app, "bob", "wrong").status_code == 401
    assert attempt(app, "bob").status_code == 429  # bob waits, even with the right password
    assert attempt(app, "alice").status_code == 302  # alice, same office address, does not
    assert attempt(app, "bob", ip="10.0.0.2").status_code == 302  # bob elsewhere does not


def test_guessing_one_account_from_many_addresses_locks_that_account(env):
    app, _, _ = env
    for i in range(auth.LOCK_USER - 1):  # the counter itself, to keep the test quick
        app.limiter.fail("carol", f"192.0.2.{i}")
    assert attempt(app, "carol", "wrong", ip="192.0.2.200").status_code == 401
    assert attempt(app, "carol", ip="198.51.100.7").status_code == 429
    assert attempt(app, "alice", ip="198.51.100.7").status_code == 302


def test_spraying_many_accounts_from_one_address_locks_that_address(env):
    app, _, _ = env
    for i in range(auth.LOCK_CLIENT - 1):
        app.limiter.fail(f"user{i}", "203.0.113.9")
    assert attempt(app, "nobody", "wrong", ip="203.0.113.9").status_code == 401
    assert attempt(app, "alice", ip="203.0.113.9").status_code == 429
    assert attempt(app, "alice", ip="203.0.113.10").status_code == 302


def test_a_lock_lifts_after_the_window(env):
    app, _, clock = env
    for _ in range(auth.LOCK_PAIR):
        attempt(app, "bob", "wrong")
    assert attempt(app, "bob").status_code == 429
    clock.now += auth.LOGIN_WINDOW + 1
    assert attempt(app, "bob").status_code == 302


def test_failures_and_lockouts_are_audited_without_the_password(env):
    app, db, _ = env
    for _ in range(auth.LOCK_PAIR):
        attempt(app, "bob", "hunter2-wrong")
    attempt(app, "bob")
    failed = audit(db, "login_failed")
    assert len(failed) == auth.LOCK_PAIR
    assert all(r["actor"] == "bob" and r["target"] == "client:10.0.0.1" for r in failed)
    locked = audit(db, "login_locked")
    assert len(locked) == 1 and '"lock":"pair"' in locked[0]["detail"]
    assert len(audit(db, "login_refused_locked")) == 1
    everything = " ".join(str(v) for r in db.query("SELECT * FROM audit") for v in r.values())
    assert "hunter2" not in everything
    attempt(app, "alice")
    assert audit(db, "login")[-1]["actor"] == "alice"


def test_forwarded_for_counts_only_behind_a_trusted_proxy(tmp_path):
    # Without trusted_proxies a client cannot dodge its lock by inventing X-Forwarded-For.
    app, db, _ = build(tmp_path / "direct")
    for i in range(auth.LOCK_PAIR):
        attempt(app, "bob", "wrong", headers={"X-Forwarded-For": f"192.0.2.{i}"})
    assert attempt(app, "bob", headers={"X-Forwarded-For": "192.0.2.99"}).status_code == 429
    assert {r["target"] for r in audit(db, "login_failed")} == {"client:10.0.0.1"}
    # Behind one trusted proxy, each person is their own client: the proxy's address is not.
    app, db, _ = build(tmp_path / "proxied", proxies=1)
    for _ in range(auth.LOCK_PAIR):
        attempt(app, "bob", "wrong", headers={"X-Forwarded-For": "192.0.2.1"})
    assert attempt(app, "bob", headers={"X-Forwarded-For": "192.0.2.1"}).status_code == 429
    assert attempt(app, "bob", headers={"X-Forwarded-For": "192.0.2.2"}).status_code == 302
    assert {r["target"] for r in audit(db, "login_failed")} == {"client:192.0.2.1"}


def test_trusted_proxies_is_validated():
    with pytest.raises(cfg.ConfigError, match="web.trusted_proxies"):
        cfg.from_dict({"web": {"trusted_proxies": -1}}, environ={})
    assert cfg.from_dict({"web": {"trusted_proxies": 2}}, environ={}).web.trusted_proxies == 2


@pytest.mark.parametrize("target", [
    "/\t/evil.example", "/\n/evil.example", "/\\evil.example", "\\\\evil.example",
    "//evil.example", " //evil.example", "https://evil.example/", "/\r\n/evil.example",
    "javascript:alert(1)", "/\x00/evil.example", "http:/evil.example", "///evil.example"])
def test_login_never_redirects_off_site(env, target):
    app, _, _ = env
    response = attempt(app, "alice", next_url=target)
    assert response.status_code == 302
    location = response.headers["Location"]
    assert "evil.example" not in location and "javascript" not in location
    assert location.startswith("/") and not location.startswith("//")


@pytest.mark.parametrize("target,expected", [
    ("/items?label=negative", "/items?label=negative"), ("/drafts/3", "/drafts/3")])
def test_login_keeps_a_same_site_next(env, target, expected):
    app, _, _ = env
    assert attempt(app, "alice", next_url=target).headers["Location"] == expected
