"""A Bluesky session that lasts: created once, refreshed, and re-created only when it must.

`com.atproto.server.createSession` gives an access JWT (short-lived) and a refresh JWT
(long-lived). An expired access token answers 400 `ExpiredToken` (or 401); then
`refreshSession` with the refresh JWT gives a new pair, and only when that fails too is a
new session created. Bluesky allows about 300 createSession calls a day per account.

Sessions are kept in memory for the life of the process (`reviewwatch run` polls for
days on one), never in the database or the logs: they are credentials.
"""

from __future__ import annotations

import json
from typing import Any

import httpx

from reviewwatch.config import Source
from reviewwatch.errors import AuthFailed
from reviewwatch.http import parse_json, request
from reviewwatch.models import State

HOST = "https://bsky.social"
EXPIRED = ("ExpiredToken", "InvalidToken")

_sessions: dict[tuple[str, str], dict[str, str]] = {}  # (source, handle) -> session


def _key(source: Source) -> tuple[str, str]:
    return source.name, str(source.option("handle"))


def _secrets(source: Source, session: dict[str, str] | None = None) -> tuple[str, ...]:
    values = [str(source.option("app_password") or "")]
    if session:
        values += [session.get("accessJwt", ""), session.get("refreshJwt", "")]
    return tuple(v for v in values if v)


def _keep(source: Source, body: dict[str, Any], what: str) -> dict[str, str]:
    if not body.get("accessJwt") or not body.get("refreshJwt") or not body.get("did"):
        raise AuthFailed(f"{source.name}: Bluesky's {what} gave no session")
    session = {k: str(body[k]) for k in ("accessJwt", "refreshJwt", "did")}
    _sessions[_key(source)] = session
    return session


async def create_session(client: httpx.AsyncClient, source: Source) -> dict[str, str]:
    """A new session from the handle and app password (counted by Bluesky: use sparingly)."""
    response = await request(client, source, "POST",
                             f"{HOST}/xrpc/com.atproto.server.createSession",
                             json_body={"identifier": source.option("handle"),
                                        "password": source.option("app_password")},
                             secrets=_secrets(source), count_page=False, accept=(400,))
    if response is None or response.status_code == 400:
        raise AuthFailed(f"{source.name}: Bluesky refused the handle and app_password")
    return _keep(source, parse_json(response, source), "createSession")


async def refresh_session(client: httpx.AsyncClient, source: Source,
                          session: dict[str, str]) -> dict[str, str] | None:
    """A new token pair from the refresh JWT, or None when Bluesky no longer takes it."""
    response = await request(client, source, "POST",
                             f"{HOST}/xrpc/com.atproto.server.refreshSession",
                             headers={"Authorization": f"Bearer {session['refreshJwt']}"},
                             secrets=_secrets(source, session), count_page=False,
                             accept=(400, 401))
    if response is None or response.status_code in (400, 401):
        return None
    return _keep(source, parse_json(response, source), "refreshSession")


async def session_for(client: httpx.AsyncClient, source: Source) -> dict[str, str]:
    """The stored session, or a new one."""
    return _sessions.get(_key(source)) or await create_session(client, source)


def _expired(response: httpx.Response) -> bool:
    if response.status_code == 401:
        return True
    if response.status_code != 400:
        return False
    try:
        body = json.loads(response.content)
    except (ValueError, UnicodeDecodeError):
        return False  # a 400 that is not JSON is not an expired token
    return isinstance(body, dict) and body.get("error") in EXPIRED


async def authorized(client: httpx.AsyncClient, source: Source, method: str, url: str, *,
                     state: State | None = None, params: dict[str, Any] | None = None,
                     json_body: Any = None) -> httpx.Response:
    """One call with the session's access token; refreshed (or re-created) once if expired."""
    session = await session_for(client, source)
    for attempt in (1, 2):
        response = await request(client, source, method, url, state=state, params=params,
                                 json_body=json_body, secrets=_secrets(source, session),
                                 headers={"Authorization": f"Bearer {session['accessJwt']}"},
                                 accept=(400, 401))
        assert response is not None  # not a conditional request
        if not _expired(response):
            if response.status_code in (400, 401):
                raise AuthFailed(f"{source.name}: Bluesky refused the request "
                                 f"(HTTP {response.status_code})")
            return response
        if attempt == 2:
            break
        session = await refresh_session(client, source, session) or \
            await create_session(client, source)
    _sessions.pop(_key(source), None)
    raise AuthFailed(f"{source.name}: Bluesky refused a fresh session; check handle and "
                     "app_password")


def forget(source: Source) -> None:
    """Drop a source's session."""
    _sessions.pop(_key(source), None)
