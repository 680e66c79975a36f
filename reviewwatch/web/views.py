"""The pages: the approval queue, a draft, items, an item's history, sources, login."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)

from reviewwatch import db as store
from reviewwatch import queries, queue
from reviewwatch.errors import DraftBlocked, InputError, NotFound, ReplaceUnconfirmed
from reviewwatch.web.auth import login_required
from reviewwatch.web.params import int_arg

web = Blueprint("web", __name__)
PAGE_SIZE = 50
MAX_PAGE = 10_000  # 500,000 items deep; a larger page number is a 400, not an overflow

LABELS = ("negative", "mixed", "neutral", "positive")
STATUSES = ("pending", "approved", "posted", "rejected", "failed")


def safe_url(url: str | None) -> str | None:
    """The URL when it is http(s), so a review cannot smuggle a javascript: link."""
    if not url:
        return None
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    return url if scheme in ("http", "https") else None


@web.app_template_filter("stars")
def stars_filter(rating, rating_max=5) -> str:
    if rating is None:
        return ""
    filled = round(float(rating) * 5 / float(rating_max or 5))
    return "★" * filled + "☆" * (5 - filled)


@web.app_context_processor
def inject():
    return {"user": g.get("user"), "safe_url": safe_url,
            "businesses": current_app.settings.businesses}


def back_to_queue(undo: int | None = None) -> str:
    """Where a decision returns to: the queue page (filters and position) the form was on,
    a same-site /drafts path only, with `undo` naming the draft just approved."""
    back = request.form.get("back") or ""
    if not back.startswith("/drafts") or "\\" in back or any(c.isspace() for c in back):
        back = url_for("web.queue_page")
    if undo is None:
        return back
    parts = urlsplit(back)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "undo"] + [("undo", str(undo))]
    return parts.path + "?" + urlencode(query)


@web.get("/healthz")
def healthz():
    try:
        current_app.db().execute("SELECT 1").fetchone()
    except Exception:  # the check's whole point is to say the database is unusable
        return {"status": "error", "database": "unavailable"}, 503
    return {"status": "ok", "database": "ok"}




@web.get("/drafts/<int:draft_id>")
@login_required
def draft_page(draft_id: int):
    try:
        draft = store.get_draft(current_app.db(), draft_id)
    except NotFound:
        abort(404, description=f"No draft {draft_id}.")
    return render_template("draft.html", d=draft,
                           versions=store.item_versions(current_app.db(), draft["item_id"]))


@web.post("/drafts/<int:draft_id>/approve")
@login_required
def approve(draft_id: int):
    text = request.form.get("text")
    override = request.form.get("override") == "1"
    try:
        draft = queue.approve(current_app.db(), current_app.settings, draft_id,
                              g.user["username"], text=text, override=override,
                              role=g.user["role"],
                              confirm_replace=request.form.get("confirm_replace") == "1")
    except (DraftBlocked, ReplaceUnconfirmed) as e:
        # Keep the person's edit on screen with what the linter found in it.
        draft = store.get_draft(current_app.db(), draft_id)
        if text is not None:
            draft["final_text"] = text
            draft["lint"] = queue.lint_text(current_app.settings, draft, text.strip())
        if isinstance(e, ReplaceUnconfirmed):
            flash(str(e) + ". Tick 'replace the existing reply' to approve.", "error")
        else:
            flash(str(e) + (" An owner can override." if g.user["role"] != "owner" else
                            " Tick 'override lint' to approve anyway."), "error")
        return render_template("draft.html", d=draft, versions=store.item_versions(
            current_app.db(), draft["item_id"])), 422
    except (InputError, NotFound) as e:
        flash(str(e), "error")
        return redirect(back_to_queue())
    manual = draft["publish_mode"] == "manual"
    if manual and not request.form.get("back"):
        flash(f"Approved. Post it on {draft['source']} yourself: the text is below.", "ok")
        return redirect(url_for("web.draft_page", draft_id=draft_id))
    flash(f"Approved #{draft_id}. " + (f"Post it on {draft['source']} yourself: it is under "
                                       "'Post it yourself'." if manual else
                                       "It will be posted through the platform's API."), "ok")
    return redirect(back_to_queue(undo=draft_id))


@web.post("/drafts/<int:draft_id>/retry")
@login_required
def retry(draft_id: int):
    try:
        queue.retry(current_app.db(), current_app.settings, draft_id, g.user["username"])
    except (InputError, NotFound) as e:
        flash(str(e), "error")
    else:
        flash("It will be posted again by the next delivery.", "ok")
    return redirect(url_for("web.draft_page", draft_id=draft_id))


@web.post("/drafts/<int:draft_id>/reject")
@login_required
def reject(draft_id: int):
    try:
        queue.reject(current_app.db(), draft_id, g.user["username"], request.form.get("reason"))
    except (InputError, NotFound) as e:
        flash(str(e), "error")
    else:
        flash("Rejected.", "ok")
    return redirect(back_to_queue())


@web.post("/drafts/<int:draft_id>/posted")
@login_required
def posted(draft_id: int):
    try:
        queue.mark_posted_by_hand(current_app.db(), draft_id, g.user["username"])
    except (InputError, NotFound) as e:
        flash(str(e), "error")
    else:
        flash("Marked as posted.", "ok")
    return redirect(back_to_queue())


@web.get("/items")
@login_required
def items_page():
    label = request.args.get("label") if request.args.get("label") in LABELS else None
    kind = request.args.get("kind") if request.args.get("kind") in ("review", "mention") \
        else None
    business = request.args.get("business") or None
    q = (request.args.get("q") or "").strip()[:queries.MAX_QUERY_CHARS]
    after = request.args.get("after") or None
    # Keyset pages read from the index (page 400 costs what page 1 costs); `q` searches
    # the full-text index, most recently collected first.
    if "page" in request.args:  # old page-number links: validated, then read by offset
        number = int_arg("page", 1, 1, MAX_PAGE)
        if number > 1 and not (q or after):
            rows = list(store.list_items(current_app.db(), business=business, label=label,
                                         kind=kind, limit=number * PAGE_SIZE + 1))
            page = queries.Page(rows[(number - 1) * PAGE_SIZE: number * PAGE_SIZE])
            return render_template("items.html", items=page.rows, next_cursor=None,
                                   after="page", q=q, label=label, kind=kind,
                                   business=business, labels=LABELS)
    try:
        if q:
            page = queries.search_items(current_app.db(), q, business=business, label=label,
                                        kind=kind, cursor=after, limit=PAGE_SIZE)
        else:
            page = queries.items_page(current_app.db(), business=business, label=label,
                                      kind=kind, cursor=after, limit=PAGE_SIZE)
    except InputError as e:
        abort(400, description=str(e))
    return render_template("items.html", items=page.rows, next_cursor=page.next_cursor,
                           after=after, q=q, label=label, kind=kind, business=business,
                           labels=LABELS)


@web.get("/items/<int:item_id>")
@login_required
def item_page(item_id: int):
    database = current_app.db()
    try:
        item = store.get_item(database, item_id)
    except NotFound:
        abort(404, description=f"No item {item_id}.")
    return render_template("item.html", item=item, triage=store.get_triage(database, item_id),
                           draft=store.latest_draft(database, item_id),
                           versions=store.item_versions(database, item_id))
