"""No secret in any log line, at any level (issue 12: `-v` printed the Slack webhook URL and
the Places API key in clear, through httpx's request log).

A full cycle runs as a real `reviewwatch -v` process against loopback stand-ins for the
platforms, Slack and an SMTP server that demands a login; then its stderr and stdout are
searched for each configured secret.

Payload shapes follow the official references:
- Places details: https://developers.google.com/maps/documentation/places/web-service/details
- Yelp reviews: https://docs.developer.yelp.com/reference/v3_business_reviews
- Slack incoming webhooks: https://api.slack.com/messaging/webhooks
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from reviewwatch import logsafe

SECRETS = {
    "PLACES_KEY": "AIzaSyPlacesKey0123456789abcdef",
    "YELP_KEY": "yelp-key-0123456789abcdefghij",
    "SLACK_TOKEN_PART": "XXsLaCkToKeN0123456789yz",
    "SMTP_PASSWORD": "smtp-pass-0123456789",
    "RW_SECRET": "web-secret-key-0123456789abcdef",
}


class Platforms:
    """Places, Yelp and a Slack webhook on one loopback server; records what it was sent."""

    def __init__(self):
        self.slack: list[dict] = []
        self.paths: list[str] = []
        recent = int(time.time()) - 3600  # recent by whatever clock the run uses
        places = {"html_attributions": [], "status": "OK", "result": {
            "url": "https://maps.google.com/?cid=1", "rating": 3.1, "user_ratings_total": 2,
            "reviews": [{"author_name": "Dana Reyes", "author_url": "https://g.example/u/1",
                         "language": "en", "rating": 1, "relative_time_description": "an hour",
                         "text": "We waited 50 minutes, the food was cold and the waiter was "
                                 "rude. Never again.", "time": recent}]}}
        created = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(recent))
        yelp = {"total": 1, "possible_languages": ["en"], "reviews": [{
            "id": "yelp-r1", "url": "https://www.yelp.com/biz/x?hrid=yelp-r1", "rating": 2,
            "text": "Charged twice for one meal and nobody answered my emails.",
            "time_created": created,
            "user": {"id": "u1", "profile_url": "https://www.yelp.com/user_details?userid=u1",
                     "image_url": None, "name": "Sam C."}}]}
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self, body: bytes, status: int = 200, kind="application/json"):
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):  # noqa: N802
                owner.paths.append(self.path)
                if self.path.startswith("/maps/api/place/details/json"):
                    self._answer(json.dumps(places).encode())
                elif self.path.startswith("/v3/businesses/"):
                    ok = self.headers.get("Authorization") == f"Bearer {SECRETS['YELP_KEY']}"
                    self._answer(json.dumps(yelp).encode() if ok else b'{"error": {}}',
                                 200 if ok else 401)
                else:
                    self._answer(b"{}", 404)

            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                if self.path == f"/services/T0/B0/{SECRETS['SLACK_TOKEN_PART']}":
                    owner.slack.append(json.loads(body))
                    self._answer(b"ok", kind="text/plain")
                else:
                    self._answer(b"no_service", 404, "text/plain")

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def platforms():
    p = Platforms()
    yield p
    p.close()


@pytest.fixture
def smtp_with_login():
    """aiosmtpd that accepts only our username and password (AUTH PLAIN/LOGIN)."""
    import socket

    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    class Collect:
        def __init__(self):
            self.messages = []

        async def handle_DATA(self, server, session, envelope):  # noqa: N802
            self.messages.append(envelope)
            return "250 OK"

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login == b"reviewwatch" and \
            auth_data.password == SECRETS["SMTP_PASSWORD"].encode()
        return AuthResult(success=ok)

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    handler = Collect()
    controller = Controller(handler, hostname="127.0.0.1", port=port,
                            authenticator=authenticator, auth_require_tls=False)
    controller.start()
    yield port, handler
    controller.stop()


def write_config(tmp_path, base, smtp_port):
    config = tmp_path / "rw.toml"
    config.write_text(f"""
[storage]
path = "{tmp_path / 'rw.db'}"

[web]
secret_key = "env:RW_SECRET"
public_url = "http://127.0.0.1:8765"

[[businesses]]
id = "bistro"
name = "Blue Door Bistro"
timezone = "UTC"
signature = "Maria Lopez, General Manager"
contact = "maria@bluedoor.example"

  [[businesses.sources]]
  name = "bistro-google"
  kind = "google_places"
  place_id = "ChIJN1t_tDeuEmsRUsoyG83frY4"
  api_key = "env:PLACES_KEY"
  api = "legacy"   # the key travels in the query string: the hardest case for redaction
  base_url = "{base}"

  [[businesses.sources]]
  name = "bistro-yelp"
  kind = "yelp"
  business_id = "blue-door-bistro"
  api_key = "env:YELP_KEY"
  base_url = "{base}"

[alerts]
slack_webhook_url = "env:SLACK_WEBHOOK_URL"

[digest]
to = ["owner@bluedoor.example"]
sender = "reviewwatch@bluedoor.example"

[smtp]
host = "127.0.0.1"
port = {smtp_port}
starttls = false
username = "reviewwatch"
password = "env:SMTP_PASSWORD"
""", "utf-8")
    return config


def rw(config, *args, env):
    return subprocess.run([sys.executable, "-m", "reviewwatch", "-v", *args, "--config",
                           str(config)], capture_output=True, text=True, env=env, timeout=120)


def test_a_full_verbose_cycle_logs_no_secret(tmp_path, platforms, smtp_with_login):
    smtp_port, mailbox = smtp_with_login
    config = write_config(tmp_path, platforms.base, smtp_port)
    webhook = f"{platforms.base}/services/T0/B0/{SECRETS['SLACK_TOKEN_PART']}"
    env = {**os.environ, **SECRETS, "SLACK_WEBHOOK_URL": webhook}
    runs = [rw(config, "collect", env=env), rw(config, "digest", "--send", env=env)]
    for args in (["notify", "test", "--slack"], ["notify", "test", "--email"]):
        runs.append(rw(config, *args, env=env))
    for run in runs:
        assert run.returncode == 0, run.stderr[-2000:]
    logs = "\n".join(run.stdout + run.stderr for run in runs)
    # The cycle really used every secret...
    assert any(p.startswith("/maps/api/place/details/json") and
               SECRETS["PLACES_KEY"] in p for p in platforms.paths)
    assert len(platforms.slack) >= 2  # the negative review's alert and the test message
    assert len(mailbox.messages) == 2  # the digest and the test e-mail, after AUTH
    # ...httpx did log its requests at -v, so the filter had work to do...
    assert "HTTP Request: GET http://127.0.0.1" in logs and "HTTP Request: POST" in logs
    assert "key=***" in logs
    # ...and no secret, nor the webhook URL, is in any line.
    for name, value in {**SECRETS, "SLACK_WEBHOOK_URL": webhook}.items():
        assert value not in logs, f"{name} leaked into the logs"


@pytest.mark.parametrize("line,hidden,kept", [
    ('HTTP Request: GET https://maps.googleapis.com/maps/api/place/details/json?place_id=P&'
     'key=AIzaSECRET "HTTP/1.1 200 OK"', ["AIzaSECRET", "place_id=P&"],
     ["maps.googleapis.com/maps/api/place/details/json", "key=***"]),
    ("HTTP Request: POST https://hooks.slack.com/services/T1/B2/zzTopSecret", ["zzTopSecret",
     "T1/B2"], ["hooks.slack.com"]),
    ('127.0.0.1 - - "GET /login?next=/drafts/7 HTTP/1.1" 200 -', ["/drafts/7"],
     ["GET /login?next=***"]),
    ("fetching https://bob:hunter22@feeds.example/rss", ["hunter22", "bob:"],
     ["https://feeds.example/rss"]),
    ("headers: Authorization: Bearer rw_AbCdEf123456", ["rw_AbCdEf123456"], ["Bearer ***"]),
])
def test_redaction_by_shape(line, hidden, kept):
    out = logsafe.redact(line)
    for text in hidden:
        assert text not in out
    for text in kept:
        assert text in out


def test_the_filter_redacts_messages_args_and_tracebacks():
    logsafe.register("registered-secret-value")
    record = logging.LogRecord("httpx", logging.INFO, __file__, 1, "HTTP Request: %s %s",
                               ("GET", "https://x.example/a?token=t0ps3cret"), None)
    try:
        raise RuntimeError("boom with registered-secret-value inside")
    except RuntimeError:
        record.exc_info = sys.exc_info()
    assert logsafe.RedactingFilter().filter(record)
    text = logging.Formatter().format(record)
    assert "t0ps3cret" not in text and "registered-secret-value" not in text
    assert "token=***" in text and "boom with ***" in text
