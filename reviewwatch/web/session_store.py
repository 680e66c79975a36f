"""Flask's `session`, kept on the server (see `reviewwatch.sessions`).

The cookie carries only the session's random id. Flask code keeps using `session` as before
(the CSRF token, flashed messages, the user id); this interface loads and stores it in the
database. `rotate()` gives the session a new id, which `log_in` calls so an id seen before
login is worthless after it.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, Request, Response
from flask.sessions import SessionInterface, SessionMixin
from werkzeug.datastructures import CallbackDict

from reviewwatch import sessions


class ServerSession(CallbackDict, SessionMixin):
    """A dict that remembers whether it changed, with the row it came from."""

    def __init__(self, initial: dict[str, Any] | None = None, row: dict[str, Any] | None = None):
        def on_update(self: ServerSession) -> None:
            self.modified = True

        super().__init__(initial or {}, on_update)
        self.row = row
        self.sid: str | None = None
        self.modified = False
        self.rotated = False

    def rotate(self) -> None:
        """Give this session a new id when it is saved (and end the old one)."""
        self.rotated = True
        self.modified = True


class DatabaseSessionInterface(SessionInterface):
    """Sessions in the `sessions` table; the cookie holds an opaque random id."""

    def open_session(self, app: Flask, request: Request) -> ServerSession:
        sid = request.cookies.get(self.get_cookie_name(app))
        row = sessions.load(app.db(), sid) if sid else None  # type: ignore[attr-defined]
        session = ServerSession(row["data"] if row else None, row)
        session.sid = sid if row else None
        return session

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        assert isinstance(session, ServerSession)
        db = app.db()  # type: ignore[attr-defined]
        name = self.get_cookie_name(app)
        domain, path = self.get_cookie_domain(app), self.get_cookie_path(app)
        if not session:
            if session.sid:
                sessions.delete(db, session.sid)
                response.delete_cookie(name, domain=domain, path=path)
            return
        data = dict(session)
        uid = data.get("uid") if isinstance(data.get("uid"), int) else None
        if session.sid is None or session.rotated:
            if session.sid:
                sessions.delete(db, session.sid)
            from flask import request

            sid = sessions.create(db, data, uid, client=request.remote_addr)
            response.set_cookie(
                name, sid, httponly=True, domain=domain, path=path,
                secure=self.get_cookie_secure(app), samesite=self.get_cookie_samesite(app),
                max_age=int(sessions.ABSOLUTE_LIFETIME.total_seconds()) if uid else None)
            response.vary.add("Cookie")
            return
        if session.modified or (session.row and sessions.touch_due(session.row)):
            sessions.save(db, session.sid, data, uid, session.row["created_at"])
