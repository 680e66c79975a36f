"""A Bluesky session that lasts: created once, refreshed, and re-created only when it must.

`com.atproto.server.createSession` gives an access JWT (short-lived) and a refresh JWT
(long-lived). An expired access token answers 400 `ExpiredToken` (or 401); then
`refreshSession` with the refresh JWT gives a new pair, and only when that fails too is a
new session created. Bluesky allows about 300 createSession calls a day per account.

Sessions are kept in memory for the life of the process, and stored beside the database
in a file only its owner can read (`use_store`), so a `reviewwatch collect` run from cron
every 15 minutes reuses the session of the run before instead of spending one of the day's
createSession calls. They are credentials: never in the database or the logs.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import httpx

from reviewwatch.config import Source
from reviewwatch.errors import AuthFailed
from reviewwatch.http import parse_json, request
from reviewwatch.models import State

HOST = "https://bsky.social"
EXPIRED = ("ExpiredToken", "InvalidToken")

_sessions: dict[tuple[str, str], dict[str, str]] = {}  # (source, handle) -> session
_store: list[Path | None] = [None]  # the sessions file of the database in use, if any


def store_path(storage_path: Path) -> Path:
    """Where the Bluesky sessions of a database are stored: beside it, mode 0600."""
    return storage_path.with_name(storage_path.name + ".bluesky-sessions.json")


def use_store(path: Path | None) -> None:
    """Keep sessions in this file too (None: in memory only)."""
    _store[0] = path


def _stored() -> dict[str, dict[str, str]]:
    path = _store[0]
    if path is None:
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # missing or damaged: a new session is created, and the file rewritten
    return data if isinstance(data, dict) else {}


def _write(data: dict[str, dict[str, str]]) -> None:
    path = _store[0]
    if path is None:
        return
    tmp = path.with_name(path.name + ".tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f)
        os.replace(tmp, path)
    except OSError:
        pass  # the session still works from memory; the next run creates one


def _store_key(source: Source) -> str:
    return "\t".join(_key(source))


def _remember(source: Source, session: dict[str, str] | None) -> None:
    data = _stored()
    if session is None:
        if data.pop(_store_key(source), None) is None:
            return
    else:
        data[_store_key(source)] = session
    _write(data)


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
    _remember(source, session)
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
    """The session in memory, or the one stored by an earlier run, or a new one."""
    session = _sessions.get(_key(source))
    if session is None:
        stored = _stored().get(_store_key(source))
        if isinstance(stored, dict) and all(isinstance(stored.get(k), str) for k in
                                            ("accessJwt", "refreshJwt", "did")):
            session = _sessions[_key(source)] = stored
    return session or await create_session(client, source)


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
    forget(source)
    raise AuthFailed(f"{source.name}: Bluesky refused a fresh session; check handle and "
                     "app_password")


def forget(source: Source) -> None:
    """Drop a source's session, in memory and stored."""
    _sessions.pop(_key(source), None)
    _remember(source, None)
