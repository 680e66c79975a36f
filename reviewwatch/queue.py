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
from reviewwatch.collectors import platform_of
from reviewwatch.config import Settings
from reviewwatch.errors import DraftBlocked, InputError, NotFound, ReplaceUnconfirmed
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
                      platform=platform_of(source.kind) if source else None,
                      limit=source.reply_limit if source else None, parts=parts)


def existing_reply(draft: dict[str, Any]) -> dict[str, Any] | None:
    """The owner reply already on the platform for this draft's review, if there is one."""
    if not (draft.get("existing_reply") or draft.get("existing_reply_at")):
        return None
    return {"text": draft.get("existing_reply") or "", "at": draft.get("existing_reply_at"),
            "by": draft.get("existing_reply_by") or "platform"}


def replace_warning(draft: dict[str, Any]) -> str | None:
    """'replaces the reply of DATE' when approving this draft would overwrite a reply."""
    reply = existing_reply(draft)
    if reply is None:
        return None
    return f"replaces the reply of {reply['at'] or 'an unknown date'}"


def approve(db: Database, settings: Settings | None, draft_id: int, actor: str, *,
            text: str | None = None, override: bool = False, role: str = "staff",
            confirm_replace: bool = False, now: datetime | None = None) -> dict:
    """Approve a draft (optionally edited). Lint errors block it unless an owner overrides.

    Every reply API overwrites: a review that already has an owner reply is only answered
    again with `confirm_replace`, and the reply confirmed is the one the publisher expects.
    """
    draft = store.get_draft(db, draft_id)
    if DraftStatus(draft["status"]) not in OPEN_STATUSES:
        raise InputError(f"draft {draft_id} is {draft['status']}; only pending drafts can be "
                         "approved")
    warning = replace_warning(draft)
    if warning and not confirm_replace:
        raise ReplaceUnconfirmed(f"draft {draft_id} {warning}; confirm that the existing reply "
                                 "is to be replaced")
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
            publish_mode=mode, replace_confirmed=int(bool(warning)),
            replaces_reply_at=draft["existing_reply_at"] if warning else
            draft.get("replaces_reply_at"))
        store.audit(db, actor, "approve", f"draft:{draft_id}", edited=final != draft["reply"],
                    override=bool(errors), replaces_reply_at=draft["existing_reply_at"]
                    if warning else None)
        if mode != "manual":
            # One message per approval: a draft whose posting failed can be approved again.
            store.enqueue(db, "publish", f"publish:draft:{draft_id}:{now}",
                          {"draft_id": draft_id}, business_id=draft["business_id"], now=moment)
    return store.get_draft(db, draft_id)


def retry(db: Database, settings: Settings | None, draft_id: int, actor: str,
          now: datetime | None = None) -> dict:
    """Post an approved reply whose delivery failed again, unchanged; the approval stands."""
    draft = store.get_draft(db, draft_id)
    if draft["status"] != DraftStatus.FAILED or not draft.get("final_text"):
        raise InputError(f"draft {draft_id} is {draft['status']}; only an approved reply whose "
                         "posting failed can be retried")
    from reviewwatch.publishers import mode_for

    if mode_for(_source(settings, draft["source"])) == "manual":
        raise InputError(f"draft {draft_id}: {draft['source']} has no reply API configured; "
                         "post it by hand")
    stamp = store.utcnow_of(now) if now else store.utcnow()
    with db.atomic():
        store.set_draft_status(db, draft_id, DraftStatus.APPROVED, post_error=None)
        store.audit(db, actor, "retry", f"draft:{draft_id}", previous_error=draft["post_error"])
        store.enqueue(db, "publish", f"publish:draft:{draft_id}:retry:{stamp}",
                      {"draft_id": draft_id}, business_id=draft["business_id"], now=now)
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


def unapprove(db: Database, draft_id: int, actor: str) -> dict:
    """Take an approval back before the reply is posted: the draft is pending again, the
    staff's text kept, and its queued publish message cancelled."""
    draft = store.get_draft(db, draft_id)
    if draft["status"] != DraftStatus.APPROVED:
        raise InputError(f"draft {draft_id} is {draft['status']}; only an approved draft that "
                         "is not posted yet can be un-approved")
    with db.atomic():
        # The status check in the UPDATE closes the race with a publisher posting it now.
        cursor = db.execute(
            "UPDATE drafts SET status = 'pending', decided_by = NULL, decided_at = NULL, "
            "publish_mode = NULL, lint_override = 0 WHERE id = ? AND status = 'approved'",
            [draft_id])
        if cursor.rowcount != 1:
            raise InputError(f"draft {draft_id} was posted or changed meanwhile")
        db.execute("UPDATE outbox SET status = 'cancelled', last_error = 'un-approved' "
                   "WHERE kind = 'publish' AND status = 'pending' "
                   "AND json_extract(payload, '$.draft_id') = ?", [draft_id])
        store.audit(db, actor, "unapprove", f"draft:{draft_id}")
    return store.get_draft(db, draft_id)


def approve_praise(db: Database, settings: Settings | None, draft_ids: list[int], actor: str,
                   role: str) -> tuple[list[int], list[str]]:
    """Approve many thank-you replies at once (owners only). Only pending drafts for praise
    whose reply has no lint error and whose review is unchanged go; the rest are named."""
    if role != "owner":
        raise InputError("only an owner can approve replies in bulk")
    approved, skipped = [], []
    for draft_id in draft_ids:
        try:
            draft = store.get_draft(db, draft_id)
        except NotFound:  # a stale id in the form: say so, go on with the others
            skipped.append(f"#{draft_id}: no such draft")
            continue
        why = None
        if draft["status"] != DraftStatus.PENDING:
            why = f"it is {draft['status']}"
        elif draft["label"] != "positive":
            why = "it is not praise"
        elif draft["review_changed"]:
            why = "the review changed since the draft"
        if why:
            skipped.append(f"#{draft_id}: {why}")
            continue
        try:
            approve(db, settings, draft_id, actor, role=role)
        except (DraftBlocked, InputError) as e:
            skipped.append(f"#{draft_id}: {e}")
        else:
            approved.append(draft_id)
    return approved, skipped
