"""The OpenAPI 3.1 document for the HTTP API, served at /api/openapi.json."""

from __future__ import annotations

from typing import Any

_ERR = {"description": "error", "content": {"application/json": {"schema": {
    "type": "object", "properties": {"error": {"type": "string"}}}}}}
OPENAPI: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "reviewwatch", "version": "0.1.0",
             "description": "Reviews, triage and the reply approval queue. Nothing is posted "
                            "without a person's approval. Each route needs a scope: read "
                            "(GETs), draft (reject, lint), approve (approve), admin (users "
                            "and tokens). Bodies are JSON objects; errors are "
                            "{\"error\": \"...\"}."},
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
        "/api/items/{id}/label": {"post": {
            "summary": "Correct an item's label and aspects (scope: draft); the business's "
                       "model learns from it at its next fit",
            "parameters": [{"name": "id", "in": "path", "required": True,
                            "schema": {"type": "integer"}}],
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "required": ["label"], "properties": {
                    "label": {"enum": ["negative", "mixed", "neutral", "positive"]},
                    "aspects": {"type": "array", "items": {"type": "string"}}}}}}},
            "responses": {"200": {"description": "{item, triage}"}, "400": _ERR, "401": _ERR,
                          "404": _ERR}}},
        "/api/drafts/{id}/reject": {"post": {
            "summary": "Reject a draft with an optional reason",
            "parameters": [{"name": "id", "in": "path", "required": True,
                            "schema": {"type": "integer"}}],
            "requestBody": {"content": {"application/json": {"schema": {
                "type": "object", "properties": {"reason": {"type": "string"}}}}}},
            "responses": {"200": {"description": "{draft: {...}}"}, "401": _ERR, "404": _ERR,
                          "409": _ERR}}},
        "/api/drafts/{id}/lint": {"post": {
            "summary": "Lint a proposed edit of a draft without deciding (scope draft)",
            "parameters": [{"name": "id", "in": "path", "required": True,
                            "schema": {"type": "integer"}}],
            "requestBody": {"content": {"application/json": {"schema": {
                "type": "object", "properties": {"text": {"type": "string"}}}}}},
            "responses": {"200": {"description": "{lint: [...], length: N}"}, "401": _ERR,
                          "403": _ERR, "404": _ERR}}},
        "/api/users": {"get": {"summary": "Users with their state (scope admin)",
                               "responses": {"200": {"description": "{users: [...]}"},
                                             "401": _ERR, "403": _ERR}}},
        "/api/tokens": {"get": {"summary": "Tokens, never their values (scope admin)",
                                "responses": {"200": {"description": "{tokens: [...]}"},
                                              "401": _ERR, "403": _ERR}}},
        "/api/tokens/{id}/revoke": {"post": {
            "summary": "Revoke a token at once (scope admin)",
            "parameters": [{"name": "id", "in": "path", "required": True,
                            "schema": {"type": "integer"}}],
            "responses": {"200": {"description": "{token: {...}}"}, "401": _ERR,
                          "403": _ERR, "404": _ERR}}},
        "/metrics": {"get": {"summary": "Prometheus text, reviewwatch_ prefix (scope read)",
                             "responses": {"200": {"description": "text/plain; version=0.0.4"},
                                           "401": _ERR, "403": _ERR}}},
        "/healthz": {"get": {"summary": "Liveness and database check (no auth)",
                             "security": [], "responses": {"200": {"description": "ok"},
                                                           "503": _ERR}}},
    },
}
