"""Operations routes: `/metrics` (Prometheus text, for a token with the read scope)."""

from __future__ import annotations

from flask import Response, current_app

from reviewwatch import metrics
from reviewwatch.web.auth import api_auth
from reviewwatch.web.views import web


@web.get("/metrics")
@api_auth("read")
def metrics_page():
    return Response(metrics.render(current_app.db()), content_type=metrics.CONTENT_TYPE)
