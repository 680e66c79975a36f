"""Reply state: a reply already on the platform is stored, never drafted over, and only
replaced with an explicit confirmation; response figures count replies made anywhere.

Payload shapes: Business Profile `accounts.locations.reviews` (reviewReply.comment,
reviewReply.updateTime), https://developers.google.com/my-business/reference/rest/v4/accounts.locations.reviews
"""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime

import httpx
import pytest

from reviewwatch import config as cfg
from reviewwatch import db as store
from reviewwatch import queue
from reviewwatch.collectors import google_business
from reviewwatch.errors import InputError, ReplaceUnconfirmed
from reviewwatch.notify.outbox import deliver
from reviewwatch.pipeline import process_items
from reviewwatch.replies import reply_state, reply_stats
from tests.conftest import FIXTURES

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


def settings_for(tmp_path, base_url="http://gbp.test"):
    return cfg.from_dict({
        "storage": {"path": str(tmp_path / "rw.db")},
        "alerts": {"max_attempts": 3},
        "businesses": [{"id": "b", "name": "Blue Door", "signature": "Al, Owner",
                        "contact": "al@b.example", "sources": [{
                            "name": "gbp", "kind": "google_business", "account": "111",
                            "location": "222", "access_token": "env:AT",
                            "base_url": base_url}]}]}, environ={"AT": "ya29.owner"})


def collect(db, settings, reviews):
    """Save the reviews as the collector normalizes them, then triage and draft."""
    source = settings.sources[0]
    items = [google_business.normalize(r, source) for r in reviews]
    with db.atomic():
        saved = store.save_items(db, "b", items, now=NOW)
    process_items(db, settings, saved.new, saved.edited, now=NOW)
    return saved


def gbp_page():
    return json.loads((FIXTURES / "gbp_reviews.json").read_text())["reviews"]


def by_external(db, external_id):
    return next(iter(db.query("SELECT * FROM items WHERE external_id = ?", [external_id])))


def test_the_platforms_reply_is_stored_and_no_draft_is_made_for_it(tmp_path):
    settings = settings_for(tmp_path)
    db = store.open_database(settings.storage_path)
    store.sync_config(db, settings)
    collect(db, settings, gbp_page())
    replied = by_external(db, "AbFvOqm0")
    assert (replied["reply_text"], replied["reply_at"], replied["reply_by"]) == (
        "Thank you!", "2026-11-20T12:00:00Z", "platform")
    assert reply_state(replied) == "replied"
    assert store.latest_draft(db, replied["id"]) is None
    unreplied = by_external(db, "AbFvOqm1")
    assert reply_state(unreplied) == "none"
    assert store.latest_draft(db, unreplied["id"])["replaces_reply_at"] is None


def edited_after_reply():
    review = gbp_page()[1]
    return {**review, "comment": "Brunch was cold this time and the staff ignored us.",
            "starRating": "TWO", "updateTime": "2026-11-21T08:00:00Z"}


def test_a_review_edited_after_its_reply_gets_a_draft_that_needs_confirmation(tmp_path):
    settings = settings_for(tmp_path)
    db = store.open_database(settings.storage_path)
    store.sync_config(db, settings)
    collect(db, settings, gbp_page())
    collect(db, settings, [edited_after_reply()])
    item = by_external(db, "AbFvOqm0")
    assert reply_state(item) == "edited_after"
    draft = store.get_draft(db, store.latest_draft(db, item["id"])["id"])
    assert draft["replaces_reply_at"] == "2026-11-20T12:00:00Z"
    assert queue.replace_warning(draft) == "replaces the reply of 2026-11-20T12:00:00Z"
    assert queue.existing_reply(draft)["text"] == "Thank you!"
    with pytest.raises(ReplaceUnconfirmed, match="replaces the reply of 2026-11-20"):
        queue.approve(db, settings, draft["id"], "al", override=True, role="owner")
    assert store.get_draft(db, draft["id"])["status"] == "pending"
    approved = queue.approve(db, settings, draft["id"], "al", override=True, role="owner",
                             confirm_replace=True)
    assert approved["status"] == "approved" and approved["replace_confirmed"] == 1


class Recorder:
    def __init__(self, statuses=(200,), headers=None):
        self.requests, self.statuses, self.headers = [], list(statuses), headers or {}

    def __call__(self, request):
        self.requests.append(request)
        status = self.statuses.pop(0) if len(self.statuses) > 1 else self.statuses[0]
        if status >= 400:
            return httpx.Response(status, headers=self.headers, json={"error": {
                "code": status, "message": "The service is currently unavailable.",
                "status": "UNAVAILABLE"}})
        return httpx.Response(200, json={"comment": json.loads(request.content)["comment"],
                                         "updateTime": "2026-11-22T09:00:01Z"})


def send_outbox(db, settings, recorder, now=NOW):
    async def go():
        async with httpx.AsyncClient(transport=httpx.MockTransport(recorder)) as client:
            return await deliver(db, settings, client, now=now)
    return asyncio.run(go())


def approved_draft(db, settings):
    collect(db, settings, gbp_page())
    item = by_external(db, "AbFvOqm1")
    draft_id = store.latest_draft(db, item["id"])["id"]
    queue.approve(db, settings, draft_id, "al", override=True, role="owner", now=NOW)
    return item, draft_id


def test_a_reply_that_appears_after_approval_is_not_overwritten(tmp_path):
    settings = settings_for(tmp_path)
    db = store.open_database(settings.storage_path)
    store.sync_config(db, settings)
    item, draft_id = approved_draft(db, settings)
    staff_wrote = {**gbp_page()[0], "reviewReply": {"comment": "So sorry, Sam. Call me.",
                                                    "updateTime": "2026-11-22T08:30:00Z"}}
    collect(db, settings, [staff_wrote])
    recorder = Recorder()
    assert send_outbox(db, settings, recorder)["failed"] == 1
    assert recorder.requests == []
    draft = store.get_draft(db, draft_id)
    assert draft["status"] == "failed" and "did not confirm replacing" in draft["post_error"]
    assert by_external(db, "AbFvOqm1")["reply_text"] == "So sorry, Sam. Call me."


def test_a_posted_reply_becomes_the_items_reply_and_is_recognised_when_collected(tmp_path):
    settings = settings_for(tmp_path)
    db = store.open_database(settings.storage_path)
    store.sync_config(db, settings)
    item, draft_id = approved_draft(db, settings)
    recorder = Recorder()
    assert send_outbox(db, settings, recorder)["sent"] == 1
    final = store.get_draft(db, draft_id)["final_text"]
    row = by_external(db, "AbFvOqm1")
    assert (row["reply_text"], row["reply_by"]) == (final, "reviewwatch")
    collected = {**gbp_page()[0], "reviewReply": {"comment": final,
                                                  "updateTime": "2026-11-22T09:00:01Z"}}
    collect(db, settings, [collected])
    assert by_external(db, "AbFvOqm1")["reply_by"] == "reviewwatch"


def test_an_earlier_attempt_that_landed_is_marked_posted_without_posting_again(tmp_path):
    settings = settings_for(tmp_path)
    db = store.open_database(settings.storage_path)
    store.sync_config(db, settings)
    item, draft_id = approved_draft(db, settings)
    final = store.get_draft(db, draft_id)["final_text"]
    # the PUT timed out on our side but Google stored it: the next poll shows it
    collect(db, settings, [{**gbp_page()[0], "reviewReply": {
        "comment": final, "updateTime": "2026-11-22T08:59:00Z"}}])
    recorder = Recorder()
    assert send_outbox(db, settings, recorder)["sent"] == 1
    assert recorder.requests == [] and store.get_draft(db, draft_id)["status"] == "posted"


def test_a_delivery_that_keeps_failing_ends_failed_and_can_be_retried(tmp_path):
    settings = settings_for(tmp_path)
    db = store.open_database(settings.storage_path)
    store.sync_config(db, settings)
    item, draft_id = approved_draft(db, settings)
    recorder = Recorder(statuses=(503,))
    moments = [NOW.replace(hour=h) for h in (9, 12, 18)]  # past each backoff
    for moment in moments:
        send_outbox(db, settings, recorder, now=moment)
    draft = store.get_draft(db, draft_id)
    assert draft["status"] == "failed" and "gave up after 3 attempts" in draft["post_error"]
    queue.retry(db, settings, draft_id, "al", now=moments[-1])
    assert store.get_draft(db, draft_id)["status"] == "approved"
    recorder.statuses = [200]
    assert send_outbox(db, settings, recorder, now=moments[-1])["sent"] == 1
    assert store.get_draft(db, draft_id)["status"] == "posted"
    assert [r.method for r in recorder.requests] == ["PUT"] * 4
    with pytest.raises(InputError, match="only an approved reply whose posting failed"):
        queue.retry(db, settings, draft_id, "al", now=moments[-1])


def test_retry_after_from_a_reply_api_sets_the_next_attempt(tmp_path):
    settings = settings_for(tmp_path)
    db = store.open_database(settings.storage_path)
    store.sync_config(db, settings)
    approved_draft(db, settings)
    recorder = Recorder(statuses=(429,), headers={"Retry-After": "120"})
    assert send_outbox(db, settings, recorder)["retrying"] == 1
    (row,) = db.query("SELECT next_attempt_at FROM outbox WHERE kind = 'publish'")
    assert row["next_attempt_at"] == "2026-11-22T09:02:00.000000Z"


def test_response_rate_counts_replies_made_outside_reviewwatch(tmp_path):
    settings = settings_for(tmp_path)
    db = store.open_database(settings.storage_path)
    store.sync_config(db, settings)
    collect(db, settings, gbp_page())
    stats = reply_stats(db, "b", "2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z")
    # one of two reviews was answered on Google itself, an hour after it was written
    assert stats == {"reviews": 2, "answered": 1, "response_rate": 0.5,
                     "median_hours_to_reply": 1.0, "reply_unknown": 0,
                     "reply_unknown_kinds": []}


def test_yelp_reviews_are_left_out_of_the_response_rate_not_counted_unanswered(tmp_path):
    """Yelp Fusion's review objects carry no business reply
    (https://docs.developer.yelp.com/reference/v3_business_reviews), so a Yelp review
    answered on Yelp would look unanswered: it is counted apart instead."""
    from datetime import date

    from reviewwatch.collectors import yelp
    from reviewwatch.notify.digest import build_digest

    settings = cfg.from_dict({
        "storage": {"path": str(tmp_path / "rw.db")},
        "businesses": [{"id": "b", "name": "Blue Door", "sources": [
            {"name": "gbp", "kind": "google_business", "account": "111", "location": "222",
             "access_token": "env:AT"},
            {"name": "yelp", "kind": "yelp", "business_id": "blue-door-bistro-new-york",
             "api_key": "env:YK"}]}]}, environ={"AT": "ya29.owner", "YK": "yelp-key"})
    db = store.open_database(settings.storage_path)
    store.sync_config(db, settings)
    collect(db, settings, gbp_page())
    review = {"id": "xAG4O7l-t1ubbwVAlPnDKg", "url": "https://www.yelp.com/biz/blue-door?"
              "hrid=xAG4O7l-t1ubbwVAlPnDKg", "text": "Cold food and a long wait...",
              "rating": 2, "time_created": "2026-11-21 12:05:00",
              "user": {"id": "W8UK02IDdRS2GL_66fuq6w", "name": "Ella A."}}
    with db.atomic():
        store.save_items(db, "b", [yelp.normalize(review, settings.sources[1])], now=NOW)
    stats = reply_stats(db, "b", "2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z")
    assert (stats["reviews"], stats["answered"], stats["response_rate"]) == (2, 1, 0.5)
    assert (stats["reply_unknown"], stats["reply_unknown_kinds"]) == (1, ["yelp"])
    built = build_digest(db, settings, "b", date(2026, 11, 21))
    assert "50%, median 1.0 h to reply (1 not counted: no owner replies shown by yelp)" \
        in built.text


def test_web_shows_both_replies_and_needs_the_confirm_box(tmp_path):
    import re

    from reviewwatch import users
    from reviewwatch.web import create_app
    from tests.webutil import make_settings, seed

    settings = make_settings(tmp_path)
    db, drafts = seed(settings)
    users.add_user(db, "staff", "staff", "staff-password-1")
    draft = store.get_draft(db, drafts[1])
    db.execute("UPDATE items SET reply_text = ?, reply_at = ? WHERE id = ?",
               ["<b>Staff</b> answered on the App Store.", "2026-11-22T08:30:00Z",
                draft["item_id"]])
    app = create_app(settings, settings.storage_path)
    app.config["TESTING"] = True
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)[1]
    client.post("/login", data={"username": "staff", "password": "staff-password-1",
                                "csrf_token": token, "next": "/drafts"})
    page = client.get(f"/drafts/{drafts[1]}").get_data(as_text=True)
    assert "replaces the reply of 2026-11-22T08:30:00Z" in page
    assert "&lt;b&gt;Staff&lt;/b&gt; answered on the App Store." in page  # escaped, side by side
    assert 'name="confirm_replace"' in page
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)[1]
    refused = client.post(f"/drafts/{drafts[1]}/approve", data={"csrf_token": token})
    assert refused.status_code == 422 and store.get_draft(db, drafts[1])["status"] == "pending"
    ok = client.post(f"/drafts/{drafts[1]}/approve", data={"csrf_token": token,
                                                           "confirm_replace": "1"})
    assert ok.status_code == 302
    assert store.get_draft(db, drafts[1])["replace_confirmed"] == 1


def test_the_digest_counts_replies_made_on_the_platform(tmp_path):
    from datetime import date

    from reviewwatch.notify.digest import build_digest

    settings = settings_for(tmp_path)
    db = store.open_database(settings.storage_path)
    store.sync_config(db, settings)
    collect(db, settings, gbp_page())
    built = build_digest(db, settings, "b", date(2026, 11, 21))
    assert built.counts["response_rate"] == 0.5
    assert built.counts["median_hours_to_reply"] == 1.0
    assert "Reviews answered (7 days): 50%, median 1.0 h to reply" in built.text


def recollect(db, settings, reviews, now):
    """A later poll: save as the collector normalizes, then the cycle's work queue."""
    from reviewwatch.pipeline import process_pending

    items = [google_business.normalize(r, settings.sources[0]) for r in reviews]
    with db.atomic():
        store.save_items(db, "b", items, now=now)
    process_pending(db, settings, now=now)


def without_reply(review):
    return {k: v for k, v in review.items() if k != "reviewReply"}


def test_a_reply_removed_on_the_platform_is_noticed_and_the_review_answered_again(tmp_path):
    settings = settings_for(tmp_path)
    db = store.open_database(settings.storage_path)
    store.sync_config(db, settings)
    collect(db, settings, gbp_page())
    replied = by_external(db, "AbFvOqm0")
    assert reply_state(replied) == "replied" and store.latest_draft(db, replied["id"]) is None
    later = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    recollect(db, settings, [without_reply(gbp_page()[1])], later)  # the owner deleted it
    row = by_external(db, "AbFvOqm0")
    assert (row["reply_text"], row["reply_at"], row["reply_by"]) == (None, None, None)
    assert row["reply_removed_at"].startswith("2026-11-23T09:00")
    assert reply_state(row) == "none"
    assert store.latest_draft(db, row["id"])["status"] == "pending"  # answered again
    assert [r["action"] for r in db.query(
        "SELECT action FROM audit WHERE target = ?", [f"item:{row['id']}"])] == [
        "reply_removed"]


def test_our_reply_not_yet_shown_is_kept_an_hour_then_taken_as_removed(tmp_path):
    from datetime import timedelta

    settings = settings_for(tmp_path)
    db = store.open_database(settings.storage_path)
    store.sync_config(db, settings)
    item, draft_id = approved_draft(db, settings)
    assert send_outbox(db, settings, Recorder())["sent"] == 1
    review = without_reply(gbp_page()[0])
    recollect(db, settings, [review], NOW + timedelta(minutes=10))  # not shown yet
    row = by_external(db, "AbFvOqm1")
    assert row["reply_by"] == "reviewwatch" and store.latest_draft(db, row["id"])["id"] == \
        draft_id
    recollect(db, settings, [review], NOW + timedelta(hours=2))  # still not there: removed
    row = by_external(db, "AbFvOqm1")
    assert row["reply_by"] is None
    latest = store.latest_draft(db, row["id"])
    assert latest["id"] != draft_id and latest["status"] == "pending"


def test_a_source_that_shows_no_reply_state_never_clears_one(tmp_path):
    from reviewwatch.models import Item

    settings = settings_for(tmp_path)
    db = store.open_database(settings.storage_path)
    store.sync_config(db, settings)
    collect(db, settings, gbp_page())
    stored = google_business.normalize(gbp_page()[1], settings.sources[0])
    blind = Item(source=stored.source, external_id=stored.external_id, rating=stored.rating,
                 text=stored.text, published_at=stored.published_at,
                 updated_at=stored.updated_at)  # e.g. a feed: it never says
    with db.atomic():
        store.save_items(db, "b", [blind], now=datetime(2026, 11, 23, tzinfo=UTC))
    assert by_external(db, "AbFvOqm0")["reply_text"] == "Thank you!"
