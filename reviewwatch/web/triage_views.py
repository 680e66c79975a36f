"""Staff correct an item's label and aspects; the correction teaches the business's model."""

from __future__ import annotations

from flask import abort, current_app, flash, g, redirect, request, url_for

from reviewwatch import corrections
from reviewwatch.errors import InputError, NotFound
from reviewwatch.web.auth import login_required
from reviewwatch.web.views import web

MAX_ASPECTS_FIELD = 400


@web.post("/items/<int:item_id>/label")
@login_required
def correct_label(item_id: int):
    label = request.form.get("label", "")
    raw = request.form.get("aspects", "")[:MAX_ASPECTS_FIELD]
    aspects = [a.strip().lower().replace(" ", "_") for a in raw.split(",") if a.strip()]
    try:
        corrections.correct_item(current_app.db(), item_id, label, actor=g.user["username"],
                                 origin="ui", aspects=aspects)
    except NotFound:
        abort(404, description=f"No item {item_id}.")
    except InputError as e:
        flash(str(e), "error")
    else:
        flash(f"Saved: this item is {label}. The model learns from it at the next fit.", "ok")
    return redirect(url_for("web.item_page", item_id=item_id))
