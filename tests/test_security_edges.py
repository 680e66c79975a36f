"""Strict edges (issue 12's low findings): malformed ids, pages and limits, JSON-only bodies,
CSV formula injection, file permissions, non-UTF-8 input and secrets resolved lazily.

Each of these failed before: a 23-digit id or page was a bare HTML 500 even under /api/,
limit=-1 returned everything, `curl -d xx` rejected a draft, CSV cells such as
=HYPERLINK(...) were written verbatim, the database was 0644, a Latin-1 file printed a
traceback or turned into U+FFFD, and `drafts list` refused to start without the SMTP password.
"""

from __future__ import annotations

import csv
import io
import os
import stat
import subprocess
import sys

import pytest
from click.testing import CliRunner

from reviewwatch import db as store
from reviewwatch import export, users
from reviewwatch.cli import cli
from reviewwatch.web import create_app
from tests.webutil import make_settings, seed

HUGE = "99999999999999999999999"


@pytest.fixture
def env(tmp_path):
    settings = make_settings(tmp_path)
    db, drafts = seed(settings)
    users.add_user(db, "owner", "owner", "owner-password-1")
    app = create_app(settings, settings.storage_path)
    app.config["TESTING"] = True
    token = users.create_token(db, "owner", ["read", "draft", "approve"])
    return app, db, drafts, {"Authorization": f"Bearer {token}"}


def logged_in(app):
    import re

    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page)[1]
    client.post("/login", data={"username": "owner", "password": "owner-password-1",
                                "csrf_token": csrf})
    return client


# ---- ids, pages, limits, JSON errors --------------------------------------------------------

@pytest.mark.parametrize("path,status", [
    (f"/drafts/{HUGE}", 404), (f"/items/{HUGE}", 404), ("/drafts/-1", 404),
    (f"/items?page={HUGE}", 400), ("/items?page=abc", 400), ("/items?page=0", 400),
    ("/items?page=1e9", 400), ("/items?page=%D9%A3", 400),  # an Arabic-Indic digit
])
def test_malformed_ids_and_pages_are_404_or_400_pages(env, path, status):
    app, _, _, _ = env
    response = logged_in(app).get(path)
    assert response.status_code == status
    assert response.mimetype == "text/html"


@pytest.mark.parametrize("method,path,status", [
    ("post", f"/api/drafts/{HUGE}/approve", 404), ("post", f"/api/drafts/{HUGE}/reject", 404),
    ("get", "/api/items?limit=abc", 400), ("get", f"/api/items?limit={HUGE}", 400),
    ("get", "/api/drafts?status=bogus", 400), ("get", "/api/nothing-here", 404),
    ("delete", "/api/drafts", 405), ("post", "/api/tokens/1/revoke", 403),
])
def test_every_api_error_is_json(env, method, path, status):
    app, _, _, auth = env
    response = getattr(app.test_client(), method)(path, headers=auth)
    assert response.status_code == status
    assert response.mimetype == "application/json" and response.get_json()["error"]


def test_an_unexpected_crash_under_api_is_a_json_500(env):
    app, _, _, _ = env

    def boom():
        raise RuntimeError("something broke")

    app.add_url_rule("/api/boom", "boom", boom)
    response = app.test_client().get("/api/boom")
    assert response.status_code == 500 and response.mimetype == "application/json"
    assert "something broke" not in response.get_data(as_text=True)


@pytest.mark.parametrize("limit,most", [("-1", 1), ("0", 1), ("2", 2), ("100000", 500)])
def test_limits_are_clamped(env, limit, most):
    app, db, _, auth = env
    got = app.test_client().get(f"/api/items?limit={limit}", headers=auth).get_json()
    assert got["limit"] == most and len(got["items"]) == min(most, 3)


# ---- JSON bodies -----------------------------------------------------------------------------

def test_a_form_encoded_body_never_decides_a_draft(env):
    app, db, drafts, auth = env
    client = app.test_client()
    # What `curl -d xx` sends.
    refused = client.post(f"/api/drafts/{drafts[0]}/reject", headers=auth, data="xx",
                          content_type="application/x-www-form-urlencoded")
    assert refused.status_code == 415 and refused.mimetype == "application/json"
    refused = client.post(f"/api/drafts/{drafts[1]}/approve", headers=auth,
                          data={"text": "hello"})
    assert refused.status_code == 415
    assert {d["status"] for d in store.list_drafts(db, None)} == {"pending"}


@pytest.mark.parametrize("body", ["[1, 2]", '"text"', "{not json", "null"])
def test_a_json_body_must_be_an_object(env, body):
    app, db, drafts, auth = env
    response = app.test_client().post(f"/api/drafts/{drafts[0]}/reject", headers=auth,
                                      data=body, content_type="application/json")
    assert response.status_code == 400 and "JSON object" in response.get_json()["error"]
    assert store.get_draft(db, drafts[0])["status"] == "pending"


def test_wrong_field_types_are_400(env):
    app, _, drafts, auth = env
    client = app.test_client()
    assert client.post(f"/api/drafts/{drafts[0]}/reject", headers=auth,
                       json={"reason": 5}).status_code == 400
    assert client.post(f"/api/drafts/{drafts[1]}/approve", headers=auth,
                       json={"override": "yes"}).status_code == 400


def test_an_empty_body_is_still_fine(env):
    app, db, drafts, auth = env
    response = app.test_client().post(f"/api/drafts/{drafts[0]}/reject", headers=auth)
    assert response.status_code == 200
    assert store.get_draft(db, drafts[0])["status"] == "rejected"


# ---- CSV formula injection ------------------------------------------------------------------

@pytest.mark.parametrize("evil", ['=HYPERLINK("http://evil.example","click")', "+1+1",
                                  "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_csv_cells_are_neutralised(tmp_path, evil):
    settings = make_settings(tmp_path)
    db, _ = seed(settings, texts=[(evil, evil, 1, evil)])
    out = io.StringIO()
    export.write(db, out, "csv")
    (row,) = list(csv.DictReader(io.StringIO(out.getvalue())))
    for column in ("author", "title", "text"):
        assert row[column] == "'" + evil


def test_ordinary_csv_cells_are_left_alone():
    assert export.neutralise("Great food") == "Great food"
    assert export.neutralise(4.0) == 4.0 and export.neutralise(None) is None


# ---- file permissions -----------------------------------------------------------------------

def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def test_the_database_is_created_private(tmp_path):
    old = os.umask(0o022)  # the common default, under which the database used to be 0644
    try:
        path = tmp_path / "new.db"
        db = store.open_database(path)
        db.execute("CREATE TABLE t (x)")
        db.execute("INSERT INTO t VALUES (1)")
    finally:
        os.umask(old)
    assert mode(path) == 0o600
    for suffix in ("-wal", "-shm"):
        assert mode(f"{path}{suffix}") == 0o600


def test_a_world_readable_database_is_tightened(tmp_path):
    path = tmp_path / "old.db"
    store.open_database(path).close()
    os.chmod(path, 0o644)
    store.open_database(path)
    assert mode(path) == 0o600


# ---- non-UTF-8 input ------------------------------------------------------------------------

def rw(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "reviewwatch", *args], input=stdin,
                          capture_output=True, timeout=120)


def test_eval_on_a_latin1_csv_is_one_line_with_the_offset(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("Review,Rating\nGood,5\nCaf\xe9 was cold,1\n".encode("latin-1"))
    result = rw("eval", str(path), "--text-col", "Review", "--rating-col", "Rating")
    err = result.stderr.decode()
    assert result.returncode == 1 and "Traceback" not in err
    assert err.strip().count("\n") == 0
    assert f"{path}: not UTF-8 text: byte 0xe9 at offset 24" in err


def test_a_password_file_that_is_not_utf8_is_one_line(tmp_path):
    config = tmp_path / "rw.toml"
    config.write_text(f'[storage]\npath = "{tmp_path / "rw.db"}"\n', "utf-8")
    pw = tmp_path / "pw.txt"
    pw.write_bytes(b"p\xe4ssword-long-enough\n")
    result = rw("user", "add", "maria", "--role", "owner", "--password-file", str(pw),
                "--config", str(config))
    err = result.stderr.decode()
    assert result.returncode == 1 and "Traceback" not in err
    assert f"{pw}: not UTF-8 text: byte 0xe4 at offset 1" in err
    assert not list(store.open_database(tmp_path / "rw.db").query("SELECT * FROM users"))


@pytest.mark.parametrize("command", ["score", "draft"])
def test_jsonl_with_bad_bytes_names_the_line_and_offset(tmp_path, command):
    path = tmp_path / "in.jsonl"
    first = b'{"text": "Lovely stay"}\n'
    path.write_bytes(first + b'{"text": "Caf\xe9 was cold"}\n' + b'{"text": "Fine"}\n')
    result = rw(command, str(path))
    out = result.stdout.decode("utf-8")
    lines = out.splitlines()
    assert result.returncode == 1 and len(lines) == 3 and "\ufffd" not in out
    import json

    error = json.loads(lines[1])
    assert error["line"] == 2
    assert error["error"] == (f"{path}: not UTF-8 text: byte 0xe9 at offset "
                              f"{len(first) + 13}; save the file as UTF-8")
    assert "triage" in json.loads(lines[0]) and "triage" in json.loads(lines[2])


# ---- a secret is needed only by the command that uses it ------------------------------------

def lazy_config(tmp_path):
    config = tmp_path / "rw.toml"
    config.write_text(f"""
[storage]
path = "{tmp_path / 'rw.db'}"
[web]
secret_key = "env:RW_UNSET_WEB_KEY"
[digest]
to = ["owner@bluedoor.example"]
[smtp]
host = "127.0.0.1"
username = "reviewwatch"
password = "env:RW_UNSET_SMTP_PASSWORD"
[alerts]
slack_webhook_url = "env:RW_UNSET_SLACK"
""", "utf-8")
    return str(config)


def test_read_only_commands_start_without_the_secrets(tmp_path, monkeypatch):
    for name in ("RW_UNSET_WEB_KEY", "RW_UNSET_SMTP_PASSWORD", "RW_UNSET_SLACK"):
        monkeypatch.delenv(name, raising=False)
    config = lazy_config(tmp_path)
    runner = CliRunner()
    for args in (["drafts", "list"], ["sources"], ["user", "list"], ["token", "list"],
                 ["export", "--format", "csv"]):
        result = runner.invoke(cli, [*args, "--config", config])
        assert result.exit_code == 0, (args, result.output)
    sent = runner.invoke(cli, ["notify", "test", "--email", "--config", config])
    assert sent.exit_code == 1
    assert "smtp.password: environment variable RW_UNSET_SMTP_PASSWORD is not set" in \
        sent.output
    slack = runner.invoke(cli, ["notify", "test", "--slack", "--config", config])
    assert "alerts.slack_webhook_url: environment variable RW_UNSET_SLACK is not set" in \
        slack.output
    check = runner.invoke(cli, ["config", "check", "--config", config])
    assert check.exit_code == 1
    for name in ("RW_UNSET_WEB_KEY", "RW_UNSET_SMTP_PASSWORD", "RW_UNSET_SLACK"):
        assert f"environment variable {name} is not set" in check.output
