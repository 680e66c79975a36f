"""Publishing approved replies: the right request to each reply API, on a local server."""

from __future__ import annotations

import asyncio
import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from reviewwatch import config as cfg
from reviewwatch import db as store
from reviewwatch import publishers, queue
from reviewwatch.errors import PublishError
from reviewwatch.models import Item
from reviewwatch.notify.outbox import deliver


class Api:
    def __init__(self):
        self.requests: list[tuple[str, str, dict, bytes]] = []
        self.status = 200
        api = self

        class Handler(BaseHTTPRequestHandler):
            def _any(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                api.requests.append((self.command, self.path, dict(self.headers), body))
                if self.path.endswith("/token"):
                    payload = json.dumps({"access_token": "ya29.test", "expires_in": 3600})
                    status = 200
                else:
                    payload, status = "{}", api.status
                self.send_response(status)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload.encode())

            do_POST = do_PUT = _any  # noqa: N815

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"


@pytest.fixture
def api():
    a = Api()
    yield a
    a.httpd.shutdown()
    a.httpd.server_close()


def rsa_pem():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


def ec_pem():
    key = ec.generate_private_key(ec.SECP256R1())
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


def setup(tmp_path, api_url, kind):
    options = {
        "google_play": {"kind": "google_play", "package_name": "com.example.app",
                        "service_account_json": "env:PLAY_KEY"},
        "appstore": {"kind": "appstore_connect", "app_id": "123", "asc_key_id": "KEY123",
                     "asc_issuer_id": "issuer-1", "asc_private_key": "env:ASC_KEY"},
        "yelp_like": {"kind": "hackernews"},
        "google_business": {"kind": "google_business", "account": "111", "location": "222",
                            "client_id": "cid", "client_secret": "env:CS",
                            "refresh_token": "env:RT"},
    }[kind]
    env = {"PLAY_KEY": json.dumps({"client_email": "bot@p.iam.example", "private_key": rsa_pem(),
                                   "token_uri": "https://oauth2.googleapis.com/token"}),
           "ASC_KEY": ec_pem(), "CS": "client-secret", "RT": "refresh-secret"}
    settings = cfg.from_dict({
        "storage": {"path": str(tmp_path / "rw.db")},
        "businesses": [{"id": "b", "name": "B", "signature": "Al, Owner", "contact": "al@b.example",
                        "keywords": ["B"],
                        "sources": [{"name": "src", "base_url": api_url, **options}]}],
    }, environ=env)
    db = store.open_database(settings.storage_path)
    store.sync_config(db, settings)
    with db.atomic():
        saved = store.save_items(db, "b", [Item(source="src", external_id="us:777", rating=2,
                                                text="It keeps crashing")])
    item_id = saved.new[0]
    draft_id = store.add_draft(db, item_id, "h", {"reply": "Sorry about the crashes.",
                                                  "parts": [], "lint": [], "fits": {}})
    return settings, db, draft_id


def run(coro_fn):
    async def go():
        async with httpx.AsyncClient() as client:
            return await coro_fn(client)
    return asyncio.run(go())


def test_nothing_is_posted_without_approval(tmp_path, api):
    settings, db, draft_id = setup(tmp_path, api.url, "google_play")
    with pytest.raises(PublishError, match="not approved"):
        run(lambda c: publishers.publish(db, settings, c, store.get_draft(db, draft_id)))
    assert api.requests == []


def test_google_play_reply_with_a_signed_service_account_jwt(tmp_path, api, monkeypatch):
    settings, db, draft_id = setup(tmp_path, api.url, "google_play")
    monkeypatch.setattr(queue, "lint_text", lambda *a: [])
    draft = queue.approve(db, settings, draft_id, "al")
    assert draft["publish_mode"] == "api"
    assert run(lambda c: deliver(db, settings, c))["sent"] == 1
    token_req, reply_req = api.requests
    assert token_req[1] == "/token"
    assertion = dict(x.split("=", 1) for x in token_req[3].decode().split("&"))["assertion"]
    header = json.loads(base64.urlsafe_b64decode(assertion.split(".")[0] + "=="))
    assert header["alg"] == "RS256"
    assert reply_req[0] == "POST" and reply_req[1] == \
        "/androidpublisher/v3/applications/com.example.app/reviews/us:777:reply"
    assert reply_req[2]["Authorization"] == "Bearer ya29.test"
    assert json.loads(reply_req[3]) == {"replyText": "Sorry about the crashes."}
    assert store.get_draft(db, draft_id)["status"] == "posted"


def test_app_store_connect_response_with_es256(tmp_path, api, monkeypatch):
    settings, db, draft_id = setup(tmp_path, api.url, "appstore")
    monkeypatch.setattr(queue, "lint_text", lambda *a: [])
    queue.approve(db, settings, draft_id, "al")
    run(lambda c: deliver(db, settings, c))
    (request,) = api.requests
    assert request[1] == "/v1/customerReviewResponses"
    body = json.loads(request[3])
    assert body["data"]["relationships"]["review"]["data"]["id"] == "us:777"
    jwt_header = json.loads(base64.urlsafe_b64decode(
        request[2]["Authorization"].split()[1].split(".")[0] + "=="))
    assert jwt_header == {"alg": "ES256", "kid": "KEY123", "typ": "JWT"}


@pytest.mark.parametrize(("status", "outcome", "draft_status"), [
    (403, "failed", "failed"), (500, "retrying", "approved")])
def test_refusals_fail_and_outages_retry(tmp_path, api, monkeypatch, status, outcome,
                                         draft_status):
    settings, db, draft_id = setup(tmp_path, api.url, "appstore")
    monkeypatch.setattr(queue, "lint_text", lambda *a: [])
    queue.approve(db, settings, draft_id, "al")
    api.status = status
    assert run(lambda c: deliver(db, settings, c))[outcome] == 1
    assert store.get_draft(db, draft_id)["status"] == draft_status


def test_platforms_without_a_reply_api_are_manual(tmp_path, api, monkeypatch):
    settings, db, draft_id = setup(tmp_path, api.url, "yelp_like")
    monkeypatch.setattr(queue, "lint_text", lambda *a: [])
    assert queue.approve(db, settings, draft_id, "al")["publish_mode"] == "manual"
    assert db.execute("SELECT count(*) FROM outbox WHERE kind='publish'").fetchone()[0] == 0
    assert publishers.mode_for(None) == "manual"


def test_a_reply_posted_by_hand_is_not_posted_again_or_marked_failed(tmp_path, api,
                                                                     monkeypatch):
    settings, db, draft_id = setup(tmp_path, api.url, "appstore")
    monkeypatch.setattr(queue, "lint_text", lambda *a: [])
    queue.approve(db, settings, draft_id, "al")
    queue.mark_posted_by_hand(db, draft_id, "al")
    assert run(lambda c: deliver(db, settings, c))["failed"] == 1
    assert api.requests == [] and store.get_draft(db, draft_id)["status"] == "posted"


def test_a_failed_post_can_be_approved_and_sent_again(tmp_path, api, monkeypatch):
    settings, db, draft_id = setup(tmp_path, api.url, "appstore")
    monkeypatch.setattr(queue, "lint_text", lambda *a: [])
    queue.approve(db, settings, draft_id, "al")
    api.status = 403
    run(lambda c: deliver(db, settings, c))
    assert store.get_draft(db, draft_id)["status"] == "failed"
    api.status = 200
    queue.approve(db, settings, draft_id, "al", text="Sorry about the crashes; fixed in 4.3.")
    assert run(lambda c: deliver(db, settings, c))["sent"] == 1
    assert store.get_draft(db, draft_id)["status"] == "posted"
    assert json.loads(api.requests[-1][3])["data"]["attributes"]["responseBody"] == \
        "Sorry about the crashes; fixed in 4.3."


def test_google_business_reply_with_a_refreshed_token(tmp_path, api, monkeypatch):
    settings, db, draft_id = setup(tmp_path, api.url, "google_business")
    monkeypatch.setattr(queue, "lint_text", lambda *a: [])
    assert queue.approve(db, settings, draft_id, "al")["publish_mode"] == "api"
    assert run(lambda c: deliver(db, settings, c))["sent"] == 1
    token_req, reply_req = api.requests
    assert b"refresh_token=refresh-secret" in token_req[3]
    assert (reply_req[0], reply_req[1]) == (
        "PUT", "/v4/accounts/111/locations/222/reviews/us:777/reply")
    assert reply_req[2]["Authorization"] == "Bearer ya29.test"
    assert json.loads(reply_req[3]) == {"comment": "Sorry about the crashes."}
    assert "refresh-secret" not in json.dumps(list(db.query("SELECT * FROM outbox")))
