"""Server-side sessions for the web UI, kept in the `sessions` table.

The browser's cookie holds only an opaque random id; the table holds its SHA-256 hash (so
a copy of the database or a backup holds no live session), the session's data, its user and
its expiry. Ending a session is deleting its row, which is how logout, disabling a user and
a new password take effect at once, on every device.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlite_utils import Database

from reviewwatch import db as store

ANONYMOUS_LIFETIME = timedelta(hours=1)  # the login form's CSRF token and flashes
IDLE_TIMEOUT = timedelta(hours=12)  # a logged-in session unused this long ends
ABSOLUTE_LIFETIME = timedelta(days=7)  # and none lasts longer than this after login
TOUCH_EVERY = timedelta(minutes=1)  # write last_seen_at at most this often
MAX_DATA_CHARS = 16_000
SID_CHARS = 43  # secrets.token_urlsafe(32)


def _hash(sid: str) -> str:
    return hashlib.sha256(sid.encode()).hexdigest()


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def expiry(user_id: int | None, created: datetime, now: datetime) -> datetime:
    """When a session made at `created` and seen at `now` ends."""
    if user_id is None:
        return now + ANONYMOUS_LIFETIME
    return min(created + ABSOLUTE_LIFETIME, now + IDLE_TIMEOUT)


def create(db: Database, data: dict[str, Any], user_id: int | None, client: str | None = None,
           now: datetime | None = None) -> str:
    """Store a new session and return its id (for the cookie only; never stored)."""
    moment = _now(now)
    at = store.utcnow_of(moment)
    sid = secrets.token_urlsafe(32)
    db.execute("DELETE FROM sessions WHERE expires_at <= ?", [at])  # keeps the table small
    db.execute(
        "INSERT INTO sessions (id_hash, user_id, data, created_at, last_seen_at, expires_at, "
        "client) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [_hash(sid), user_id, _dump(data), at, at,
         store.utcnow_of(expiry(user_id, moment, moment)), (client or "")[:100] or None])
    return sid


def _dump(data: dict[str, Any]) -> str:
    text = json.dumps(data, separators=(",", ":"), default=str)
    if len(text) > MAX_DATA_CHARS:  # only flashes grow; drop them rather than the session
        text = json.dumps({k: v for k, v in data.items() if k != "_flashes"},
                          separators=(",", ":"), default=str)
    return text


def load(db: Database, sid: str | None, now: datetime | None = None) -> dict[str, Any] | None:
    """The live session row for a cookie's id (data decoded), or None."""
    if not sid or len(sid) != SID_CHARS:
        return None
    rows = list(db.query("SELECT * FROM sessions WHERE id_hash = ? AND expires_at > ?",
                         [_hash(sid), store.utcnow_of(_now(now))]))
    if not rows:
        return None
    row = rows[0]
    try:
        row["data"] = json.loads(row["data"])
    except ValueError:
        row["data"] = {}
    return row


def save(db: Database, sid: str, data: dict[str, Any], user_id: int | None,
         created_at: str, now: datetime | None = None) -> None:
    """Write a session's data and push its expiry forward."""
    moment = _now(now)
    created = datetime.fromisoformat(created_at.replace("Z", "+00:00"))
    db.execute("UPDATE sessions SET data = ?, user_id = ?, last_seen_at = ?, expires_at = ? "
               "WHERE id_hash = ?",
               [_dump(data), user_id, store.utcnow_of(moment),
                store.utcnow_of(expiry(user_id, created, moment)), _hash(sid)])


def touch_due(row: dict[str, Any], now: datetime | None = None) -> bool:
    """Whether enough time passed since the session was last seen to record it again."""
    seen = datetime.fromisoformat(row["last_seen_at"].replace("Z", "+00:00"))
    return _now(now) - seen >= TOUCH_EVERY


def delete(db: Database, sid: str) -> None:
    """End one session."""
    db.execute("DELETE FROM sessions WHERE id_hash = ?", [_hash(sid)])


def end_all(db: Database, user_id: int) -> int:
    """End every session a user has; return how many there were."""
    return db.execute("DELETE FROM sessions WHERE user_id = ?", [user_id]).rowcount
