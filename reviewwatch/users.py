"""Web UI users and API tokens, with a lifecycle.

Passwords are salted scrypt hashes; tokens are stored only as SHA-256 hashes and shown once.
A user can be disabled, enabled, removed or given a new password; each of those ends the
user's sessions at once (see `reviewwatch.sessions`). A token carries scopes, never more than
its user's role allows, and may expire or be revoked:

    read     GET the items, drafts, sources and metrics
    draft    work the queue without publishing: reject a draft, lint a proposed edit
    approve  approve a draft (which publishes it, or hands it to a person to post)
    admin    list users and tokens, revoke tokens (owners only)
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlite_utils import Database
from werkzeug.security import check_password_hash, generate_password_hash

from reviewwatch import db as store
from reviewwatch import sessions
from reviewwatch.errors import InputError, NotFound

ROLES = ("owner", "staff")
SCOPES = ("read", "draft", "approve", "admin")
ROLE_SCOPES = {"owner": frozenset(SCOPES), "staff": frozenset({"read", "draft", "approve"})}
# What a token gets when no scope is named: the queue's powers, never admin. Tokens made
# before scopes existed were given the same by migration m002.
DEFAULT_SCOPES = ("read", "draft", "approve")
MAX_USERNAME = 64
MIN_PASSWORD_CHARS = 10
MAX_PASSWORD_CHARS = 1024
MAX_TOKEN_NAME = 80
MAX_TOKEN_DAYS = 3650
_RELATIVE = re.compile(r"^(\d{1,5})([hdw])$")
# A real hash to compare against when the user does not exist, so a login takes as long
# for an unknown name as for a wrong password.
_DUMMY_HASH = generate_password_hash("not-a-real-password", method="scrypt")


def check_password(password: str) -> None:
    """Raise InputError unless the password is long enough (and not absurdly long)."""
    if len(password) < MIN_PASSWORD_CHARS:
        raise InputError(f"the password needs at least {MIN_PASSWORD_CHARS} characters")
    if len(password) > MAX_PASSWORD_CHARS:
        raise InputError(f"the password is longer than {MAX_PASSWORD_CHARS} characters")


def add_user(db: Database, username: str, role: str, password: str, actor: str = "cli") -> int:
    """Add a user; the password is stored as a salted scrypt hash."""
    username = username.strip()
    if not username or len(username) > MAX_USERNAME or not username.isprintable():
        raise InputError(f"a username needs 1-{MAX_USERNAME} printable characters")
    if role not in ROLES:
        raise InputError(f"role must be one of {', '.join(ROLES)}")
    if list(db.query("SELECT 1 FROM users WHERE username = ?", [username])):
        raise InputError(f"a user named {username!r} already exists")
    now = store.utcnow()
    cursor = db.execute(
        "INSERT INTO users (username, password_hash, role, created_at, password_changed_at) "
        "VALUES (?, ?, ?, ?, ?)",
        [username, generate_password_hash(password, method="scrypt"), role, now, now])
    store.audit(db, actor, "user_add", f"user:{username}", role=role)
    return int(cursor.lastrowid)


def get_user(db: Database, user_id: int) -> dict[str, Any] | None:
    """A user row by id (without the hash), or None."""
    rows = list(db.query("SELECT id, username, role, disabled FROM users WHERE id = ?",
                         [user_id]))
    return rows[0] if rows else None


def _by_name(db: Database, username: str) -> dict[str, Any]:
    rows = list(db.query("SELECT id, username, role, disabled FROM users WHERE username = ?",
                         [username]))
    if not rows:
        raise NotFound(f"no user named {username!r}")
    return rows[0]


def list_users(db: Database, now: datetime | None = None) -> list[dict[str, Any]]:
    """Every user with its state, last login, live sessions and usable tokens."""
    at = store.utcnow_of(now or datetime.now(UTC))
    return list(db.query("""
        SELECT u.id, u.username, u.role, u.disabled, u.created_at, u.last_login_at,
               u.password_changed_at,
               (SELECT count(*) FROM sessions s WHERE s.user_id = u.id AND s.expires_at > :at)
                   AS sessions,
               (SELECT count(*) FROM tokens t WHERE t.user_id = u.id AND t.revoked_at IS NULL
                   AND (t.expires_at IS NULL OR t.expires_at > :at)) AS tokens
        FROM users u ORDER BY u.username""", {"at": at}))


def set_disabled(db: Database, username: str, disabled: bool, actor: str = "cli") -> None:
    """Disable (ending every session; tokens stop working) or enable a user."""
    user = _by_name(db, username)
    with db.atomic():
        db.execute("UPDATE users SET disabled = ? WHERE id = ?", [int(disabled), user["id"]])
        if disabled:
            sessions.end_all(db, user["id"])
        store.audit(db, actor, "user_disable" if disabled else "user_enable",
                    f"user:{username}")


def remove_user(db: Database, username: str, actor: str = "cli") -> None:
    """Remove a user with its tokens and sessions; decisions and audit rows keep the name."""
    user = _by_name(db, username)
    with db.atomic():
        sessions.end_all(db, user["id"])
        db.execute("DELETE FROM tokens WHERE user_id = ?", [user["id"]])
        db.execute("DELETE FROM users WHERE id = ?", [user["id"]])
        store.audit(db, actor, "user_remove", f"user:{username}")


def set_password(db: Database, username: str, password: str, actor: str = "cli") -> None:
    """Give a user a new password and end every session they have."""
    check_password(password)
    user = _by_name(db, username)
    with db.atomic():
        db.execute("UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?",
                   [generate_password_hash(password, method="scrypt"), store.utcnow(),
                    user["id"]])
        sessions.end_all(db, user["id"])
        store.audit(db, actor, "user_set_password", f"user:{username}")


def verify(db: Database, username: str, password: str) -> dict[str, Any] | None:
    """The user when the password is right and the account enabled; else None."""
    rows = list(db.query("SELECT * FROM users WHERE username = ?", [username[:MAX_USERNAME]]))
    row = rows[0] if rows else None
    ok = check_password_hash(row["password_hash"] if row else _DUMMY_HASH,
                             password[:MAX_PASSWORD_CHARS])
    if not row or not ok or row["disabled"]:
        return None
    db.execute("UPDATE users SET last_login_at = ? WHERE id = ?", [store.utcnow(), row["id"]])
    return {"id": row["id"], "username": row["username"], "role": row["role"]}


# ---- tokens -------------------------------------------------------------------------------

def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def parse_scopes(values: list[str] | tuple[str, ...] | str | None) -> tuple[str, ...]:
    """Scopes from 'read,approve' or a list, validated and in canonical order."""
    if values is None:
        return DEFAULT_SCOPES
    if isinstance(values, str):
        values = [values]
    wanted = {v.strip().lower() for value in values for v in value.split(",") if v.strip()}
    unknown = sorted(wanted - set(SCOPES))
    if unknown:
        raise InputError(f"unknown scope {unknown[0]!r}; use {', '.join(SCOPES)}")
    if not wanted:
        raise InputError(f"a token needs at least one scope ({', '.join(SCOPES)})")
    return tuple(s for s in SCOPES if s in wanted)


def parse_expiry(text: str | None, now: datetime | None = None) -> str | None:
    """'90d', '12h', '2w' or a date (YYYY-MM-DD, end of that day UTC) -> ISO UTC; None: never."""
    if text is None or text.strip().lower() in ("", "never"):
        return None
    now = now or datetime.now(UTC)
    text = text.strip().lower()
    m = _RELATIVE.match(text)
    if m:
        delta = {"h": timedelta(hours=1), "d": timedelta(days=1), "w": timedelta(weeks=1)}
        when = now + int(m[1]) * delta[m[2]]
    else:
        try:
            day = datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=UTC)
        except ValueError:
            raise InputError(f"{text!r} is not an expiry like 90d, 12h, 2w or 2027-01-31") \
                from None
        when = day + timedelta(days=1)
    if when <= now:
        raise InputError(f"the expiry {text!r} is already past")
    if when - now > timedelta(days=MAX_TOKEN_DAYS):
        raise InputError(f"a token lasts at most {MAX_TOKEN_DAYS} days")
    return store.utcnow_of(when)


def issue_token(db: Database, username: str, scopes: Any = None, expires_at: str | None = None,
                name: str | None = None, actor: str = "cli") -> dict[str, Any]:
    """A new token (id, token, scopes, expires_at); only its hash is kept, so show it once."""
    user = _by_name(db, username)
    granted = parse_scopes(scopes)
    beyond = set(granted) - ROLE_SCOPES[user["role"]]
    if beyond:
        raise InputError(f"{username} is {user['role']}; a {user['role']}'s token cannot have "
                         f"the {', '.join(sorted(beyond))} scope")
    name = " ".join((name or "").split())[:MAX_TOKEN_NAME] or None
    token = "rw_" + secrets.token_urlsafe(32)
    cursor = db.execute(
        "INSERT INTO tokens (user_id, token_hash, created_at, name, scopes, expires_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [user["id"], _token_hash(token), store.utcnow(), name, ",".join(granted), expires_at])
    store.audit(db, actor, "token_create", f"user:{username}", token_id=cursor.lastrowid,
                scopes=list(granted), expires_at=expires_at)
    return {"id": int(cursor.lastrowid), "token": token, "username": username,
            "scopes": list(granted), "expires_at": expires_at, "name": name}


def create_token(db: Database, username: str, scopes: Any = None,
                 expires_at: str | None = None, name: str | None = None,
                 actor: str = "cli") -> str:
    """A new API token for a user (see issue_token); returns the token text."""
    return issue_token(db, username, scopes, expires_at, name, actor)["token"]


def token_state(row: dict[str, Any], now: datetime | None = None) -> str:
    """'active', 'revoked', 'expired' or 'user disabled' for a token row."""
    at = store.utcnow_of(now or datetime.now(UTC))
    if row.get("revoked_at"):
        return "revoked"
    if row.get("expires_at") and row["expires_at"] <= at:
        return "expired"
    if row.get("disabled"):
        return "user disabled"
    return "active"


def list_tokens(db: Database, username: str | None = None,
                now: datetime | None = None) -> list[dict[str, Any]]:
    """Every token (never its value): id, user, name, scopes, dates and state."""
    sql = ("SELECT t.id, u.username, u.disabled, t.name, t.scopes, t.created_at, "
           "t.last_used_at, t.expires_at, t.revoked_at FROM tokens t JOIN users u "
           "ON u.id = t.user_id")
    args: list[Any] = []
    if username:
        _by_name(db, username)
        sql += " WHERE u.username = ?"
        args.append(username)
    rows = list(db.query(sql + " ORDER BY t.id", args))
    for row in rows:
        row["scopes"] = [s for s in (row["scopes"] or "").split(",") if s]
        row["state"] = token_state(row, now)
        del row["disabled"]
    return rows


def revoke_token(db: Database, token_id: int, actor: str = "cli") -> dict[str, Any]:
    """Revoke a token at once; revoking it again changes nothing."""
    rows = list(db.query("SELECT t.id, t.revoked_at, u.username FROM tokens t JOIN users u "
                         "ON u.id = t.user_id WHERE t.id = ?", [token_id]))
    if not rows:
        raise NotFound(f"no token with id {token_id}")
    if rows[0]["revoked_at"] is None:
        db.execute("UPDATE tokens SET revoked_at = ? WHERE id = ?", [store.utcnow(), token_id])
        store.audit(db, actor, "token_revoke", f"user:{rows[0]['username']}", token_id=token_id)
    return rows[0]


def user_for_token(db: Database, token: str, now: datetime | None = None) -> dict[str, Any] | None:
    """The user a live bearer token belongs to, with the token's scopes; else None."""
    if not token or len(token) > 200:
        return None
    digest = _token_hash(token)
    rows = list(db.query(
        "SELECT t.id AS token_id, t.token_hash, t.scopes, t.expires_at, t.revoked_at, u.id, "
        "u.username, u.role, u.disabled FROM tokens t JOIN users u ON u.id = t.user_id "
        "WHERE t.token_hash = ?", [digest]))
    if not rows or not hmac.compare_digest(rows[0]["token_hash"], digest):
        return None
    row = rows[0]
    if token_state(row, now) != "active":
        return None
    db.execute("UPDATE tokens SET last_used_at = ? WHERE id = ?",
               [store.utcnow(), row["token_id"]])
    # The role bounds the token even if the token row says more.
    scopes = frozenset(s for s in row["scopes"].split(",") if s) & ROLE_SCOPES[row["role"]]
    return {"id": row["id"], "username": row["username"], "role": row["role"],
            "scopes": scopes, "token_id": row["token_id"]}
