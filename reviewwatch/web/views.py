"""The pages: the approval queue, a draft, items, an item's history, sources, login."""

from __future__ import annotations

from urllib.parse import urlsplit

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
from reviewwatch import queries, queue, users
from reviewwatch.errors import DraftBlocked, InputError, NotFound
from reviewwatch.web.auth import log_in, login_required

web = Blueprint("web", __name__)
PAGE_SIZE = 50
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


@web.get("/healthz")
def healthz():
    try:
        current_app.db().execute("SELECT 1").fetchone()
    except Exception:  # the check's whole point is to say the database is unusable
        return {"status": "error", "database": "unavailable"}, 503
    return {"status": "ok", "database": "ok"}


@web.route("/login", methods=["GET", "POST"])
def login():
    next_url = request.values.get("next") or ""
    if not next_url.startswith("/") or next_url.startswith("//"):
        next_url = url_for("web.queue_page")
    if request.method == "GET":
        return render_template("login.html", next=next_url)
    username = request.form.get("username", "")[:64]
    keys = (f"ip:{request.remote_addr}", f"user:{username.lower()}")
    limiter = current_app.limiter
    if limiter.blocked(*keys):
        return render_template("login.html", next=next_url,
                               error="Too many failed logins. Wait 15 minutes."), 429
    user = users.verify(current_app.db(), username, request.form.get("password", ""))
    if user is None:
        limiter.fail(*keys)
        return render_template("login.html", next=next_url,
                               error="Wrong username or password."), 401
    limiter.clear(*keys)
    log_in(user)
    store.audit(current_app.db(), user["username"], "login")
    return redirect(next_url)


@web.post("/logout")
def logout():
    from flask import session

    session.clear()
    return redirect(url_for("web.login"))


@web.get("/")
@login_required
def index():
    return redirect(url_for("web.queue_page"))


@web.get("/drafts")
@login_required
def queue_page():
    status = request.args.get("status", "pending")
    status = status if status in STATUSES else "pending"
    business = request.args.get("business") or None
    label = request.args.get("label") or None
    label = label if label in LABELS else None
    # Filtered in SQL over every draft, one page at a time (keyset: `after` is a cursor).
    try:
        page = queries.drafts_page(current_app.db(), status, business=business, label=label,
                                   cursor=request.args.get("after"), limit=PAGE_SIZE)
    except InputError as e:
        abort(400, description=str(e))
    total = queries.count_drafts(current_app.db(), status, business=business, label=label)
    return render_template("queue.html", drafts=page.rows, status=status, label=label,
                           business=business, statuses=STATUSES, labels=LABELS,
                           manual=_manual_panel(), next_cursor=page.next_cursor, total=total,
                           after=request.args.get("after"))


def _manual_panel() -> list[dict]:
    return queries.manual_posts(current_app.db(), PAGE_SIZE)


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
                              role=g.user["role"])
    except DraftBlocked as e:
        # Keep the person's edit on screen with what the linter found in it.
        draft = store.get_draft(current_app.db(), draft_id)
        if text is not None:
            draft["final_text"] = text
            draft["lint"] = queue.lint_text(current_app.settings, draft, text.strip())
        flash(str(e) + (" An owner can override." if g.user["role"] != "owner" else
                        " Tick 'override lint' to approve anyway."), "error")
        return render_template("draft.html", d=draft, versions=store.item_versions(
            current_app.db(), draft["item_id"])), 422
    except (InputError, NotFound) as e:
        flash(str(e), "error")
        return redirect(url_for("web.queue_page"))
    if draft["publish_mode"] == "manual":
        flash(f"Approved. Post it on {draft['source']} yourself: the text is below.", "ok")
        return redirect(url_for("web.draft_page", draft_id=draft_id))
    flash("Approved. It will be posted through the platform's API.", "ok")
    return redirect(url_for("web.queue_page"))


@web.post("/drafts/<int:draft_id>/reject")
@login_required
def reject(draft_id: int):
    try:
        queue.reject(current_app.db(), draft_id, g.user["username"], request.form.get("reason"))
    except (InputError, NotFound) as e:
        flash(str(e), "error")
    else:
        flash("Rejected.", "ok")
    return redirect(url_for("web.queue_page"))


@web.post("/drafts/<int:draft_id>/posted")
@login_required
def posted(draft_id: int):
    try:
        queue.mark_posted_by_hand(current_app.db(), draft_id, g.user["username"])
    except (InputError, NotFound) as e:
        flash(str(e), "error")
    else:
        flash("Marked as posted.", "ok")
    return redirect(url_for("web.queue_page"))


@web.get("/items")
@login_required
def items_page():
    label = request.args.get("label") if request.args.get("label") in LABELS else None
    kind = request.args.get("kind") if request.args.get("kind") in ("review", "mention") \
        else None
    business = request.args.get("business") or None
    q = (request.args.get("q") or "").strip()[:queries.MAX_QUERY_CHARS]
    after = request.args.get("after") or None
    try:
        if q:  # full-text search, most recently collected first
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


@web.get("/sources")
@login_required
def sources_page():
    return render_template("sources.html", sources=store.source_health(current_app.db()))
