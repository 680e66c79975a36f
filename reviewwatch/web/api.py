"""The HTTP API under the web UI (a bearer token, or a session with the CSRF header)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, g, jsonify, request

from reviewwatch import db as store
from reviewwatch import queue
from reviewwatch.errors import DraftBlocked, InputError, NotFound, ReplaceUnconfirmed
from reviewwatch.web.auth import api_auth

api = Blueprint("api", __name__, url_prefix="/api")
MAX_ITEMS = 500
ITEM_FIELDS = ("id", "business_id", "source", "kind", "external_id", "author", "rating",
               "rating_max", "title", "text", "url", "published_at", "first_seen_at",
               "triage", "draft_id", "draft_status", "draft_text")
DRAFT_FIELDS = ("id", "item_id", "status", "reply", "parts", "lint", "fits", "generator",
                "review_changed", "created_at", "final_text", "decided_by", "decided_at",
                "reject_reason", "publish_mode", "posted_at", "post_error", "business_id",
                "source", "author", "rating", "title", "text", "url", "triage")


def _draft_json(d: dict[str, Any]) -> dict[str, Any]:
    return {k: d.get(k) for k in DRAFT_FIELDS}


@api.get("/items")
@api_auth
def items():
    rows = store.list_items(current_app.db(), business=request.args.get("business") or None,
                            label=request.args.get("label") or None,
                            status=request.args.get("status") or None,
                            kind=request.args.get("kind") or None,
                            limit=min(request.args.get("limit", MAX_ITEMS, type=int) or MAX_ITEMS,
                                      MAX_ITEMS))
    return jsonify({"items": [{k: r.get(k) for k in ITEM_FIELDS} for r in rows]})


@api.get("/drafts")
@api_auth
def drafts():
    status = request.args.get("status", "pending") or None
    rows = store.list_drafts(current_app.db(), status, request.args.get("business") or None)
    return jsonify({"drafts": [_draft_json(d) for d in rows]})


def _body() -> dict[str, Any]:
    body = request.get_json(silent=True) if request.data else {}
    if body is None or not isinstance(body, dict):
        raise InputError("the body must be a JSON object")
    return body


@api.post("/drafts/<int:draft_id>/approve")
@api_auth
def approve(draft_id: int):
    try:
        body = _body()
        text = body.get("text")
        if text is not None and not isinstance(text, str):
            raise InputError('"text" must be a string')
        draft = queue.approve(current_app.db(), current_app.settings, draft_id,
                              g.user["username"], text=text, override=bool(body.get("override")),
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
@api_auth
def reject(draft_id: int):
    try:
        reason = _body().get("reason")
        draft = queue.reject(current_app.db(), draft_id, g.user["username"],
                             reason if isinstance(reason, str) else None)
    except NotFound as e:
        return jsonify({"error": str(e)}), 404
    except InputError as e:
        return jsonify({"error": str(e)}), 409 if "only pending" in str(e) else 400
    return jsonify({"draft": _draft_json(draft)})


@api.get("/openapi.json")
def openapi():
    return jsonify(OPENAPI)


_ERR = {"description": "error", "content": {"application/json": {"schema": {
    "type": "object", "properties": {"error": {"type": "string"}}}}}}
OPENAPI: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "reviewwatch", "version": "0.1.0",
             "description": "Reviews, triage and the reply approval queue. Nothing is posted "
                            "without a person's approval."},
    "components": {"securitySchemes": {
        "bearer": {"type": "http", "scheme": "bearer",
                   "description": "from `reviewwatch token create USER`"},
        "session": {"type": "apiKey", "in": "cookie", "name": "reviewwatch_session",
                    "description": "a logged-in browser; POSTs also need X-CSRF-Token"}}},
    "security": [{"bearer": []}, {"session": []}],
    "paths": {
        "/api/items": {"get": {
            "summary": "Items with their triage and latest draft, newest first",
            "parameters": [{"name": n, "in": "query", "schema": {"type": "string"}}
                           for n in ("status", "label", "business", "kind")],
            "responses": {"200": {"description": "{items: [...]}"}, "401": _ERR}}},
        "/api/drafts": {"get": {
            "summary": "The approval queue, most urgent first",
            "parameters": [{"name": "status", "in": "query",
                            "schema": {"type": "string", "default": "pending"}},
                           {"name": "business", "in": "query", "schema": {"type": "string"}}],
            "responses": {"200": {"description": "{drafts: [...]}"}, "401": _ERR}}},
        "/api/drafts/{id}/approve": {"post": {
            "summary": "Approve a draft, optionally with edited text",
            "parameters": [{"name": "id", "in": "path", "required": True,
                            "schema": {"type": "integer"}}],
            "requestBody": {"content": {"application/json": {"schema": {
                "type": "object", "properties": {
                    "text": {"type": "string"}, "override": {"type": "boolean"},
                    "confirm_replace": {"type": "boolean", "description":
                                        "replace the owner reply the review already has"}}}}}},
            "responses": {"200": {"description": "{draft: {...}}"}, "401": _ERR, "404": _ERR,
                          "409": _ERR, "422": {**_ERR, "description": "the linter blocked it"}}}},
        "/api/drafts/{id}/reject": {"post": {
            "summary": "Reject a draft with an optional reason",
            "parameters": [{"name": "id", "in": "path", "required": True,
                            "schema": {"type": "integer"}}],
            "requestBody": {"content": {"application/json": {"schema": {
                "type": "object", "properties": {"reason": {"type": "string"}}}}}},
            "responses": {"200": {"description": "{draft: {...}}"}, "401": _ERR, "404": _ERR,
                          "409": _ERR}}},
        "/healthz": {"get": {"summary": "Liveness and database check (no auth)",
                             "security": [], "responses": {"200": {"description": "ok"},
                                                           "503": _ERR}}},
    },
}
