"""Production: waitress with a graceful SIGTERM, the exposure warning, /metrics, backup and
restore, and refusing a schema newer than the code (issue 12, Build 8).

Before: `serve --host 0.0.0.0` ran Werkzeug's development server without a word, there was
no /metrics, no backup or restore, and a database from a newer version was used blindly.
Prometheus text format: https://prometheus.io/docs/instrumenting/exposition_formats/
"""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
import subprocess
import sys

import httpx
import pytest
from click.testing import CliRunner
from prometheus_client.parser import text_string_to_metric_families

from reviewwatch import backup, users
from reviewwatch import db as store
from reviewwatch.cli import cli
from reviewwatch.errors import SchemaTooNew
from reviewwatch.web import create_app, exposure_warning
from tests.webutil import make_settings, seed


def write_config(tmp_path, extra=""):
    config = tmp_path / "rw.toml"
    config.write_text(f'[storage]\npath = "{tmp_path / "rw.db"}"\n[web]\nport = 0\n{extra}',
                      "utf-8")
    return config


@pytest.mark.parametrize("command", ["serve", "run"])
def test_serve_and_run_use_waitress_and_stop_cleanly_on_sigterm(tmp_path, command):
    config = write_config(tmp_path)
    proc = subprocess.Popen([sys.executable, "-m", "reviewwatch", command, "--config",
                             str(config)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    try:
        line = proc.stdout.readline()  # blocks until the server has bound its port
        url = line.split(" at ")[1].split("/ ")[0].rstrip("/") if " at " in line else None
        assert url and url.startswith("http://127.0.0.1:"), line
        response = httpx.get(url + "/healthz", timeout=10)
        assert response.status_code == 200 and response.json()["status"] == "ok"
        assert response.headers["Server"] == "reviewwatch"  # waitress' ident, not Werkzeug
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert "stopped" in err and "Traceback" not in err


@pytest.mark.parametrize("host,public_url,warns", [
    ("0.0.0.0", "http://example.test:8765", True), ("192.0.2.5", "http://192.0.2.5", True),
    ("::", "http://[::1]:8765", True), ("127.0.0.1", "http://127.0.0.1:8765", False),
    ("::1", "http://[::1]:8765", False), ("localhost", "http://localhost", False),
    ("0.0.0.0", "https://reviews.example.com", False)])
def test_binding_beyond_loopback_without_tls_warns(tmp_path, host, public_url, warns):
    settings = make_settings(tmp_path)
    settings.web.public_url = public_url
    warning = exposure_warning(settings, host)
    assert bool(warning) == warns
    if warns:
        assert "TLS" in warning and host in warning


def test_serve_on_all_interfaces_says_so(tmp_path):
    config = write_config(tmp_path)
    proc = subprocess.Popen([sys.executable, "-m", "reviewwatch", "serve", "--host", "0.0.0.0",
                             "--port", "0", "--config", str(config)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        assert " at " in proc.stdout.readline()
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert "serving plain HTTP on 0.0.0.0" in err and "TLS reverse proxy" in err


# ---- /metrics ------------------------------------------------------------------------------

def test_metrics_in_prometheus_text_for_a_read_token(tmp_path):
    settings = make_settings(tmp_path)
    db, drafts = seed(settings)
    users.add_user(db, "ops", "staff", "ops-password-1")
    store.enqueue(db, "slack_alert", "a1", {"item_id": 1})
    db.execute("UPDATE outbox SET status = 'sent' WHERE dedupe_key = 'a1'")
    store.enqueue(db, "digest", "d1", {"business_id": "bistro", "date": "2026-11-22"})
    db.execute("UPDATE sources SET consecutive_failures = 2 WHERE name = 'bistro-hn'")
    app = create_app(settings, settings.storage_path)
    client = app.test_client()
    assert client.get("/metrics").status_code == 401
    token = users.create_token(db, "ops", ["read"])
    response = client.get("/metrics", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200 and response.mimetype == "text/plain"
    samples = {(s.name, tuple(sorted(s.labels.items()))): s.value
               for family in text_string_to_metric_families(response.get_data(as_text=True))
               for s in family.samples}
    assert all(name.startswith("reviewwatch_") for name, _ in samples)
    assert samples[("reviewwatch_items_collected_total", (("source", "bistro-app"),))] == 3
    assert samples[("reviewwatch_alerts_sent_total", (("kind", "slack_alert"),))] == 1
    assert samples[("reviewwatch_outbox_backlog", (("kind", "digest"),))] == 1
    assert samples[("reviewwatch_source_consecutive_failures", (("source", "bistro-hn"),))] == 2
    assert samples[("reviewwatch_draft_queue_size", ())] == len(drafts)


# ---- backup and restore ----------------------------------------------------------------------

def test_backup_is_online_private_and_restore_brings_it_back(tmp_path):
    settings = make_settings(tmp_path)
    db, drafts = seed(settings)
    users.add_user(db, "maria", "owner", "maria-password-1")
    target = tmp_path / "backups" / "rw-backup.db"
    # A writer holds an open transaction while the backup runs: the copy still completes.
    writer = sqlite3.connect(settings.storage_path)
    writer.execute("BEGIN")
    writer.execute("INSERT INTO audit (at, actor, action) VALUES ('x', 'y', 'uncommitted')")
    size = backup.backup(settings.storage_path, target)
    writer.rollback()
    writer.close()
    assert size > 0 and stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert not list(sqlite3.connect(target).execute(
        "SELECT 1 FROM audit WHERE action = 'uncommitted'"))
    with pytest.raises(Exception, match="already exists"):
        backup.backup(settings.storage_path, target)
    # Things change after the backup; a session is live.
    db.execute("DELETE FROM drafts")
    store.open_database(settings.storage_path).execute(
        "INSERT INTO sessions (id_hash, data, created_at, last_seen_at, expires_at) "
        "VALUES ('h', '{}', 'a', 'a', '9999')")
    kept = backup.restore(target, settings.storage_path)
    restored = store.open_database(settings.storage_path)
    assert [r["id"] for r in restored.query("SELECT id FROM drafts ORDER BY id")] == drafts
    assert not list(restored.query("SELECT 1 FROM sessions"))  # everyone logs in again
    assert kept and kept.exists() and stat.S_IMODE(os.stat(kept).st_mode) == 0o600
    assert not list(sqlite3.connect(kept).execute("SELECT 1 FROM drafts"))


@pytest.mark.parametrize("content,message", [
    (b"not a database at all, just text", "not a SQLite database"),
    (None, "not a reviewwatch database")])
def test_restore_refuses_what_is_not_a_reviewwatch_backup(tmp_path, content, message):
    settings = make_settings(tmp_path)
    seed(settings)
    bad = tmp_path / "bad.db"
    if content is None:
        sqlite3.connect(bad).execute("CREATE TABLE other (x)")
    else:
        bad.write_bytes(content)
    with pytest.raises(Exception, match=message):
        backup.restore(bad, settings.storage_path)


def test_backup_and_restore_from_the_cli(tmp_path):
    config = write_config(tmp_path)
    runner = CliRunner()
    assert runner.invoke(cli, ["user", "list", "--config", str(config)]).exit_code == 0
    target = tmp_path / "b.db"
    made = runner.invoke(cli, ["backup", str(target), "--config", str(config)])
    assert made.exit_code == 0 and "backed up" in made.output
    back = runner.invoke(cli, ["restore", str(target), "--yes", "--config", str(config)])
    assert back.exit_code == 0 and "previous database is kept" in back.output
    refused = runner.invoke(cli, ["restore", str(tmp_path / "none.db"), "--yes",
                                  "--config", str(config)])
    assert refused.exit_code == 1 and "no such backup file" in refused.output


# ---- schema versions -----------------------------------------------------------------------

def test_a_database_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "rw.db"
    store.open_database(path).execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('reviewwatch', 'm999_from_the_future', '2030-01-01')")
    with pytest.raises(SchemaTooNew, match="m999_from_the_future"):
        store.open_database(path)
    config = tmp_path / "rw.toml"
    config.write_text(f'[storage]\npath = "{path}"\n', "utf-8")
    result = CliRunner().invoke(cli, ["drafts", "list", "--config", str(config)])
    assert result.exit_code == 1 and "newer than this reviewwatch" in result.output
    with pytest.raises(Exception, match="newer reviewwatch"):
        backup.verify(path)


def test_an_old_database_is_migrated_at_start(tmp_path):
    path = tmp_path / "old.db"
    old = store.Database(sqlite3.connect(path))
    store.migrations.apply(old, stop_before=store.known_migrations()[1])
    old.execute("INSERT INTO users (username, password_hash, role, created_at) "
                "VALUES ('maria', 'x', 'owner', 'now')")
    old.execute("INSERT INTO tokens (user_id, token_hash, created_at) VALUES (1, 'h', 'now')")
    old.conn.commit()
    db = store.open_database(path)
    assert sorted(r["name"] for r in db.query("SELECT name FROM _sqlite_migrations")) == \
        sorted(store.known_migrations())
    # A token made before scopes existed keeps the queue's powers, not admin.
    assert next(db.query("SELECT scopes FROM tokens"))["scopes"] == "read,draft,approve"


# ---- the deployment files -----------------------------------------------------------------

def test_the_systemd_unit_and_dockerfile_run_unprivileged_with_sigterm():
    import configparser
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.read(root / "deploy" / "reviewwatch.service")
    service = unit["Service"]
    assert service["User"] not in ("", "root") and service["KillSignal"] == "SIGTERM"
    assert service["ExecStart"].endswith("reviewwatch run")
    assert service["NoNewPrivileges"] == "yes" and service["UMask"] == "0077"
    docker = (root / "Dockerfile").read_text("utf-8").splitlines()
    users_ = [line.split()[1] for line in docker if line.startswith("USER ")]
    assert users_ and users_[-1] not in ("root", "0")
    assert any(line.startswith("VOLUME") and "/data" in line for line in docker)
    assert any(line.startswith("HEALTHCHECK") for line in docker)
    assert 'CMD ["run"' in "\n".join(docker)
