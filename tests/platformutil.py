"""One source, one stored review with a draft, approved on an injected clock, and the
outbox delivered through an httpx.MockTransport that records every request."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime

import httpx
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from reviewwatch import config as cfg
from reviewwatch import db as store
from reviewwatch import queue
from reviewwatch.models import Item
from reviewwatch.notify.outbox import deliver
from tests.conftest import FIXTURES

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


def fixture(name):
    return json.loads((FIXTURES / name).read_text())


def ec_pem():
    key = ec.generate_private_key(ec.SECP256R1())
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


def rsa_pem():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


def settings_with(tmp_path, source, env=None, max_attempts=5):
    return cfg.from_dict({
        "storage": {"path": str(tmp_path / "rw.db")}, "alerts": {"max_attempts": max_attempts},
        "businesses": [{"id": "b", "name": "Tidepool", "signature": "Al, Owner",
                        "contact": "al@tidepool.example", "keywords": ["Tidepool"],
                        "sources": [{"name": "src", **source}]}]}, environ=env or {})


def approved(tmp_path, source, external_id, env=None, item=None, text="Sorry about that.",
             max_attempts=5):
    """(settings, db, draft id): a review stored with a draft, approved at NOW."""
    settings = settings_with(tmp_path, source, env, max_attempts)
    db = store.open_database(settings.storage_path)
    store.sync_config(db, settings)
    with db.atomic():
        saved = store.save_items(db, "b", [item or Item(source="src", external_id=external_id,
                                                        rating=2, text="It keeps crashing")],
                                 now=NOW)
    draft_id = store.add_draft(db, saved.new[0], "h", {"reply": text, "parts": [], "lint": [],
                                                       "fits": {}})
    queue.approve(db, settings, draft_id, "al", override=True, role="owner", now=NOW)
    return settings, db, draft_id


class Platform:
    """A MockTransport handler: answers by (method, path) from a table, records requests."""

    def __init__(self, routes):
        self.routes = routes  # {(method, path): [response, ...] or response}
        self.requests: list[httpx.Request] = []

    def __call__(self, request):
        self.requests.append(request)
        answer = self.routes.get((request.method, request.url.path))
        if answer is None:
            return httpx.Response(404, json={"error": "no such route in the test"})
        if isinstance(answer, list):
            return answer.pop(0) if len(answer) > 1 else answer[0]
        return answer(request) if callable(answer) else answer

    def to(self, path):
        return [r for r in self.requests if r.url.path == path]


def deliver_with(db, settings, platform, now=NOW):
    async def go():
        async with httpx.AsyncClient(transport=httpx.MockTransport(platform)) as client:
            return await deliver(db, settings, client, now=now)
    return asyncio.run(go())


def fetch_with(source, platform, state=None):
    from reviewwatch.models import State
    from reviewwatch.pipeline import fetch_source

    state = state or State()

    async def go():
        async with httpx.AsyncClient(transport=httpx.MockTransport(platform)) as client:
            return await fetch_source(client, source, state)
    return asyncio.run(go()), state


def jwt_parts(token):
    import base64

    def part(p):
        return json.loads(base64.urlsafe_b64decode(p + "=" * (-len(p) % 4)))
    header, claims, _ = token.split(".")
    return part(header), part(claims)

