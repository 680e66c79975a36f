"""The HTTP API under the web UI (a bearer token, or a session with the CSRF header).

Each route names the scope it needs (see `reviewwatch.users`). A JSON endpoint takes a JSON
object body (`Content-Type: application/json`) or none at all; anything else is refused, so
a stray form post can never be read as `{}`. Every error is JSON: `{"error": "..."}`.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, g, jsonify, request

from reviewwatch import db as store
from reviewwatch import queue, users
from reviewwatch.errors import DraftBlocked, InputError, NotFound, ReplaceUnconfirmed
from reviewwatch.web.auth import api_auth
from reviewwatch.web.params import int_arg

api = Blueprint("api", __name__, url_prefix="/api")
MAX_ITEMS = 500
DEFAULT_ITEMS = 100
ITEM_FIELDS = ("id", "business_id", "source", "kind", "external_id", "author", "rating",
               "rating_max", "title", "text", "url", "published_at", "first_seen_at",
               "triage", "draft_id", "draft_status", "draft_text")
DRAFT_FIELDS = ("id", "item_id", "status", "reply", "parts", "lint", "fits", "generator",
                "review_changed", "created_at", "final_text", "decided_by", "decided_at",
                "reject_reason", "publish_mode", "posted_at", "post_error", "business_id",
                "source", "author", "rating", "title", "text", "url", "triage")
DRAFT_STATUSES = ("pending", "approved", "rejected", "posted", "failed", "all")


def _draft_json(d: dict[str, Any]) -> dict[str, Any]:
    return {k: d.get(k) for k in DRAFT_FIELDS}


@api.get("/items")
@api_auth("read")
def items():
    limit = int_arg("limit", DEFAULT_ITEMS, 1, MAX_ITEMS, clamp=True)
    rows = store.list_items(current_app.db(), business=request.args.get("business") or None,
                            label=request.args.get("label") or None,
                            status=request.args.get("status") or None,
                            kind=request.args.get("kind") or None, limit=limit)
    return jsonify({"items": [{k: r.get(k) for k in ITEM_FIELDS} for r in rows],
                    "limit": limit})


@api.get("/drafts")
@api_auth("read")
def drafts():
    status = request.args.get("status", "pending") or "pending"
    if status not in DRAFT_STATUSES:
        abort(400, description=f"status must be one of {', '.join(DRAFT_STATUSES)}")
    limit = int_arg("limit", MAX_ITEMS, 1, MAX_ITEMS, clamp=True)
    rows = store.list_drafts(current_app.db(), None if status == "all" else status,
                             request.args.get("business") or None, limit=limit)
    return jsonify({"drafts": [_draft_json(d) for d in rows], "limit": limit})


def _body() -> dict[str, Any]:
    """The request's JSON object; an empty body is `{}`; anything else is a 400 or 415."""
    if not request.get_data(cache=True):
        return {}
    if request.mimetype != "application/json":
        abort(415, description="send a JSON object with Content-Type: application/json")
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        abort(400, description="the body must be a JSON object")
    return body


def _text_field(body: dict[str, Any], key: str) -> str | None:
    value = body.get(key)
    if value is not None and not isinstance(value, str):
        abort(400, description=f'"{key}" must be a string')
    return value


@api.post("/drafts/<int:draft_id>/approve")
@api_auth("approve")
def approve(draft_id: int):
    body = _body()
    text = _text_field(body, "text")
    override = body.get("override", False)
    if not isinstance(override, bool):
        abort(400, description='"override" must be true or false')
    try:
        draft = queue.approve(current_app.db(), current_app.settings, draft_id,
                              g.user["username"], text=text, override=override,
                              role=g.user["role"],
                              confirm_replace=body.get("confirm_replace") is True)
    except NotFound as e:
        return jsonify({"error": str(e)}), 404
    except ReplaceUnconfirmed as e:
        return jsonify({"error": str(e)}), 409
    except DraftBlocked as e:
        return jsonify({"error": str(e)}), 422
    except InputError as e:
        return jsonify({"error": str(e)}), 409 if "only pending" in str(e) else 400
    return jsonify({"draft": _draft_json(draft)})


@api.post("/drafts/<int:draft_id>/reject")
@api_auth("draft")
def reject(draft_id: int):
    reason = _text_field(_body(), "reason")
    try:
        draft = queue.reject(current_app.db(), draft_id, g.user["username"], reason)
    except NotFound as e:
        return jsonify({"error": str(e)}), 404
    except InputError as e:
        return jsonify({"error": str(e)}), 409 if "only pending" in str(e) else 400
    return jsonify({"draft": _draft_json(draft)})


@api.post("/drafts/<int:draft_id>/lint")
@api_auth("draft")
def lint(draft_id: int):
    text = _text_field(_body(), "text")
    try:
        draft = store.get_draft(current_app.db(), draft_id)
    except NotFound as e:
        return jsonify({"error": str(e)}), 404
    text = draft["reply"] if text is None else text.strip()
    if len(text) > queue.MAX_REPLY_CHARS:
        abort(400, description=f"the reply is longer than {queue.MAX_REPLY_CHARS} characters")
    return jsonify({"lint": queue.lint_text(current_app.settings, draft, text),
                    "length": len(text)})


@api.get("/users")
@api_auth("admin")
def users_list():
    return jsonify({"users": users.list_users(current_app.db())})


@api.get("/tokens")
@api_auth("admin")
def tokens_list():
    return jsonify({"tokens": users.list_tokens(current_app.db())})


@api.post("/tokens/<int:token_id>/revoke")
@api_auth("admin")
def token_revoke(token_id: int):
    _body()
    try:
        users.revoke_token(current_app.db(), token_id, actor=g.user["username"])
    except NotFound as e:
        return jsonify({"error": str(e)}), 404
    return jsonify({"token": next(t for t in users.list_tokens(current_app.db())
                                  if t["id"] == token_id)})


@api.post("/items/<int:item_id>/label")
@api_auth("draft")
def correct_label(item_id: int):
    from reviewwatch import corrections

    body = _body()
    try:
        item = corrections.correct_item(current_app.db(), item_id, body.get("label"),
                                        actor=g.user["username"], origin="api",
                                        aspects=body.get("aspects"))
    except NotFound as e:
        return jsonify({"error": str(e)}), 404
    except InputError as e:
        return jsonify({"error": str(e)}), 400
    return jsonify({"item": {"id": item["id"]},
                    "triage": store.get_triage(current_app.db(), item_id)})


@api.get("/openapi.json")
def openapi():
    from reviewwatch.web.openapi import OPENAPI

    return jsonify(OPENAPI)
