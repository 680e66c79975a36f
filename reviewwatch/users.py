"""Web UI users and API tokens: scrypt-hashed passwords, tokens stored only as hashes."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from sqlite_utils import Database
from werkzeug.security import check_password_hash, generate_password_hash

from reviewwatch import db as store
from reviewwatch.errors import InputError, NotFound

ROLES = ("owner", "staff")
MAX_USERNAME = 64
# A real hash to compare against when the user does not exist, so a login takes as long
# for an unknown name as for a wrong password.
_DUMMY_HASH = generate_password_hash("not-a-real-password", method="scrypt")


def add_user(db: Database, username: str, role: str, password: str) -> int:
    """Add a user; the password is stored as a salted scrypt hash."""
    username = username.strip()
    if not username or len(username) > MAX_USERNAME or not username.isprintable():
        raise InputError(f"a username needs 1-{MAX_USERNAME} printable characters")
    if role not in ROLES:
        raise InputError(f"role must be one of {', '.join(ROLES)}")
    if list(db.query("SELECT 1 FROM users WHERE username = ?", [username])):
        raise InputError(f"a user named {username!r} already exists")
    cursor = db.execute(
        "INSERT INTO users (username, password_hash, role, created_at) VALUES (?, ?, ?, ?)",
        [username, generate_password_hash(password, method="scrypt"), role, store.utcnow()])
    store.audit(db, "cli", "user_add", f"user:{username}", role=role)
    return int(cursor.lastrowid)


def get_user(db: Database, user_id: int) -> dict[str, Any] | None:
    """A user row by id, or None."""
    rows = list(db.query("SELECT id, username, role, disabled FROM users WHERE id = ?",
                         [user_id]))
    return rows[0] if rows else None


def verify(db: Database, username: str, password: str) -> dict[str, Any] | None:
    """The user when the password is right and the account enabled; else None."""
    rows = list(db.query("SELECT * FROM users WHERE username = ?", [username[:MAX_USERNAME]]))
    row = rows[0] if rows else None
    ok = check_password_hash(row["password_hash"] if row else _DUMMY_HASH, password)
    if not row or not ok or row["disabled"]:
        return None
    return {"id": row["id"], "username": row["username"], "role": row["role"]}


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(db: Database, username: str) -> str:
    """A new API token for a user; only its hash is stored, so it is shown once."""
    rows = list(db.query("SELECT id FROM users WHERE username = ?", [username]))
    if not rows:
        raise NotFound(f"no user named {username!r}")
    token = "rw_" + secrets.token_urlsafe(32)
    db.execute("INSERT INTO tokens (user_id, token_hash, created_at) VALUES (?, ?, ?)",
               [rows[0]["id"], _token_hash(token), store.utcnow()])
    store.audit(db, "cli", "token_create", f"user:{username}")
    return token


def user_for_token(db: Database, token: str) -> dict[str, Any] | None:
    """The user a bearer token belongs to, or None."""
    if not token or len(token) > 200:
        return None
    digest = _token_hash(token)
    rows = list(db.query(
        "SELECT t.id AS token_id, t.token_hash, u.id, u.username, u.role, u.disabled "
        "FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?", [digest]))
    if not rows or rows[0]["disabled"] or not hmac.compare_digest(rows[0]["token_hash"], digest):
        return None
    db.execute("UPDATE tokens SET last_used_at = ? WHERE id = ?",
               [store.utcnow(), rows[0]["token_id"]])
    return {"id": rows[0]["id"], "username": rows[0]["username"], "role": rows[0]["role"]}
