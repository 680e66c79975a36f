"""The approval queue page: filters and keyset pages in SQL, bulk praise, un-approve."""

from __future__ import annotations

from flask import abort, current_app, flash, g, redirect, render_template, request

from reviewwatch import db as store
from reviewwatch import queue, queue_list
from reviewwatch.aspect_names import NAMES
from reviewwatch.errors import InputError, NotFound
from reviewwatch.web.auth import login_required
from reviewwatch.web.views import back_to_queue, web

MANUAL_LISTED = 50
MAX_BULK = 200


def moves_kept(parts: list[dict], text: str) -> list[dict]:
    """Each move of the draft, and whether its sentence is still in the (edited) text, so
    the chips follow the staff's edit (app.js does the same as they type)."""
    flat = " ".join((text or "").split())
    return [{"move": p.get("move"), "kept": " ".join((p.get("text") or "").split()) in flat}
            for p in parts]


def measure(text: str | None, unit: str) -> int:
    """A reply's size as its platform counts it: UTF-8 bytes or characters."""
    text = text or ""
    return len(text.encode("utf-8")) if unit == "bytes" else len(text)


@web.app_context_processor
def queue_helpers():
    return {"moves_kept": moves_kept, "measure": measure}


@web.get("/drafts")
@login_required
def queue_page():
    """The queue: most urgent first, filtered, one page after the `after` cursor."""
    settings = current_app.settings
    database = current_app.db()
    raw = queue_list.Filters(**{k: request.args.get(k) or None for k in (
        "business", "source", "label", "aspect", "priority", "age")},
        status=request.args.get("status") or "pending")
    filters = raw.clean({b.id for b in settings.businesses}, {s.name for s in settings.sources})
    after = request.args.get("after") or None
    try:
        page = queue_list.page(database, filters, after=after, now=current_app.clock())
    except InputError as e:
        abort(400, description=str(e))
    undo = None
    undo_id = request.args.get("undo", type=int)
    if undo_id:
        try:
            undo = store.get_draft(database, undo_id)
        except NotFound:
            undo = None
        if undo and undo["status"] != "approved":
            undo = None
    manual = [store._queue_row(r) for r in database.query(
        store.DRAFT_QUEUE_SQL + " WHERE d.status = 'approved' AND d.publish_mode = 'manual' "
        "ORDER BY d.id LIMIT ?", [MANUAL_LISTED])] if filters.status == "pending" else []
    praise = [d["id"] for d in page.rows if d["status"] == "pending" and
              d["label"] == "positive" and not d["review_changed"]]
    return render_template(
        "queue.html", page=page, drafts=page.rows, f=filters, after=after, undo=undo,
        manual=manual, praise=praise, statuses=queue_list.STATUSES, labels=queue_list.LABELS,
        priorities=queue_list.PRIORITIES, ages=queue_list.AGES, aspects=sorted(NAMES),
        sources=settings.sources, count_cap=queue_list.COUNT_CAP, back=request.full_path)


@web.post("/drafts/<int:draft_id>/unapprove")
@login_required
def unapprove(draft_id: int):
    """Take an approval back while the reply is not posted yet."""
    try:
        queue.unapprove(current_app.db(), draft_id, g.user["username"])
    except (InputError, NotFound) as e:
        flash(str(e), "error")
    else:
        flash(f"Draft #{draft_id} is pending again; nothing was posted.", "ok")
    return redirect(back_to_queue())


@web.post("/drafts/bulk-approve")
@login_required
def bulk_approve():
    """Approve the ticked thank-you replies at once (owners only)."""
    if g.user["role"] != "owner":
        abort(403, description="Only an owner can approve replies in bulk.")
    try:
        ids = [int(v) for v in request.form.getlist("ids")[:MAX_BULK]]
    except ValueError:
        abort(400, description="The draft ids must be numbers.")
    approved, skipped = queue.approve_praise(current_app.db(), current_app.settings, ids,
                                             g.user["username"], g.user["role"])
    if approved:
        flash(f"Approved {len(approved)} praise repl{'y' if len(approved) == 1 else 'ies'}.",
              "ok")
    if skipped:
        flash("Not approved: " + "; ".join(skipped[:10]) +
              (f" and {len(skipped) - 10} more" if len(skipped) > 10 else ""), "warn")
    if not approved and not skipped:
        flash("No draft was ticked.", "warn")
    return redirect(back_to_queue())
