"""The approval queue: the one place a person's decision on a draft is recorded.

The CLI (`reviewwatch drafts ...`) and the web UI both call these functions. An approved
draft is handed to its platform's publisher through the outbox; nothing is posted
without an approval recorded here.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlite_utils import Database

from reviewwatch import db as store
from reviewwatch.config import Settings
from reviewwatch.errors import DraftBlocked, InputError
from reviewwatch.models import DraftStatus

MAX_REPLY_CHARS = 10_000
MAX_REASON_CHARS = 1_000
OPEN_STATUSES = {DraftStatus.PENDING, DraftStatus.FAILED}


def _business(settings: Settings | None, business_id: str):
    return next((b for b in settings.businesses if b.id == business_id), None) \
        if settings else None


def _source(settings: Settings | None, name: str):
    return next((s for s in settings.sources if s.name == name), None) if settings else None


def lint_text(settings: Settings | None, draft: dict[str, Any], text: str) -> list[dict]:
    """Lint a reply (a draft's own or a staff edit) against its review and platform."""
    from responders import lint_reply

    source = _source(settings, draft["source"])
    item = {"text": draft["text"], "title": draft["title"], "author": draft["author"],
            "rating": draft["rating"], "kind": draft["item_kind"], "source": draft["source"]}
    parts = draft["parts"] if text == draft["reply"] else None
    return lint_reply(text, item=item, business=_business(settings, draft["business_id"]),
                      platform=source.kind if source else None,
                      limit=source.reply_limit if source else None, parts=parts)


def approve(db: Database, settings: Settings | None, draft_id: int, actor: str, *,
            text: str | None = None, override: bool = False, role: str = "staff",
            now: datetime | None = None) -> dict:
    """Approve a draft (optionally edited). Lint errors block it unless an owner overrides."""
    draft = store.get_draft(db, draft_id)
    if DraftStatus(draft["status"]) not in OPEN_STATUSES:
        raise InputError(f"draft {draft_id} is {draft['status']}; only pending drafts can be "
                         "approved")
    final = draft["reply"] if text is None else text.strip()
    if not final:
        raise InputError("the reply is empty")
    if len(final) > MAX_REPLY_CHARS:
        raise InputError(f"the reply is {len(final)} characters; the most is {MAX_REPLY_CHARS}")
    findings = lint_text(settings, draft, final)
    errors = [f for f in findings if f.get("severity", "error") == "error"]
    if errors and not override:
        raise DraftBlocked("the reply linter found errors: " +
                           "; ".join(f"{f['rule']}: {f['message']}" for f in errors))
    if errors and role != "owner":
        raise DraftBlocked("only an owner can override lint errors")
    source = _source(settings, draft["source"])
    from reviewwatch.publishers import mode_for

    mode = mode_for(source)
    moment = now
    now = store.utcnow_of(moment) if moment else store.utcnow()
    with db.atomic():
        store.set_draft_status(
            db, draft_id, DraftStatus.APPROVED, final_text=final,
            edited=int(final != draft["reply"]), lint=store._json(findings),
            lint_override=int(bool(errors)), decided_by=actor, decided_at=now,
            publish_mode=mode)
        store.audit(db, actor, "approve", f"draft:{draft_id}", edited=final != draft["reply"],
                    override=bool(errors))
        if mode != "manual":
            # One message per approval: a draft whose posting failed can be approved again.
            store.enqueue(db, "publish", f"publish:draft:{draft_id}:{now}",
                          {"draft_id": draft_id}, business_id=draft["business_id"],
                          now=moment)
    return store.get_draft(db, draft_id)


def reject(db: Database, draft_id: int, actor: str, reason: str | None = None) -> dict:
    """Reject a draft with an optional reason."""
    draft = store.get_draft(db, draft_id)
    if DraftStatus(draft["status"]) not in OPEN_STATUSES:
        raise InputError(f"draft {draft_id} is {draft['status']}; only pending drafts can be "
                         "rejected")
    reason = (reason or "").strip()[:MAX_REASON_CHARS] or None
    with db.atomic():
        store.set_draft_status(db, draft_id, DraftStatus.REJECTED, reject_reason=reason,
                               decided_by=actor, decided_at=store.utcnow())
        store.audit(db, actor, "reject", f"draft:{draft_id}", reason=reason)
    return store.get_draft(db, draft_id)


def mark_posted_by_hand(db: Database, draft_id: int, actor: str) -> dict:
    """Record that staff posted an approved 'post it yourself' reply on the platform."""
    draft = store.get_draft(db, draft_id)
    if draft["status"] != DraftStatus.APPROVED:
        raise InputError(f"draft {draft_id} is {draft['status']}; only approved drafts can be "
                         "marked posted")
    with db.atomic():
        store.set_draft_status(db, draft_id, DraftStatus.POSTED, posted_at=store.utcnow())
        store.audit(db, actor, "posted_by_hand", f"draft:{draft_id}")
    return store.get_draft(db, draft_id)
