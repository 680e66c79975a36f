"""Property and fault-injection tests: hostile input never crashes or leaks, and a poll that
fails half way writes nothing."""

from __future__ import annotations

import asyncio
import json

import httpx
from hypothesis import example, given, settings
from hypothesis import strategies as st

from responders import compose_draft, lint_reply
from responders.names import first_name
from reviewwatch import config as cfg
from reviewwatch import db as store
from reviewwatch import pipeline
from reviewwatch.notify.slack import build_alert, escape_mrkdwn
from reviewwatch.triage import triage

LABELS = {"negative", "mixed", "neutral", "positive"}


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400), st.one_of(st.none(), st.integers(1, 5)))
def test_triage_and_draft_take_any_text(text, rating):
    result = triage(text, rating=rating)
    assert result["label"] in LABELS and -1 <= result["score"] <= 1
    assert result["priority"] in {"urgent", "high", "normal", "low"}
    draft = compose_draft({"text": text, "author": text[:20], "external_id": "x",
                           "kind": "review"}, result, None, platform="google_play")
    if draft is not None:
        assert draft["fits"]["length"] <= 350
        assert not [f for f in draft["lint"] if f["rule"] == "placeholder"]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
@example("<@")  # (found by this test: a business name "<@" reached the header and fallback)
@example("<!channel> <#C1|x>")
def test_slack_text_never_carries_markup(text):
    escaped = escape_mrkdwn(text)
    assert "<" not in escaped and ">" not in escaped
    payload = json.dumps(build_alert({"text": text, "author": text, "title": text,
                                      "source": text}, None, None, text, "http://x.test/d/1"))
    for token in ("<!channel>", "<!here>", "<!everyone>", "<@"):
        assert token not in payload


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_first_name_is_a_single_clean_word(author):
    name = first_name(author)
    assert name is None or (name.isprintable() and " " not in name and
                            not any(ch.isdigit() for ch in name))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=500), st.text(max_size=500))
def test_linter_takes_any_reply_and_review(reply, review):
    for finding in lint_reply(reply, item={"text": review}, business=None,
                              platform="google_business"):
        assert finding["severity"] in {"error", "warning"} and finding["message"]


def test_poll_failing_on_page_two_writes_nothing(tmp_path):
    entries = [{"id": {"label": str(i)}, "im:rating": {"label": "3"},
                "author": {"name": {"label": "a"}}, "title": {"label": "t"},
                "content": {"label": f"text {i}"}} for i in range(50)]

    def handler(request):
        if "/page=1/" in request.url.path:
            return httpx.Response(200, json={"feed": {"entry": entries}})
        return httpx.Response(200, content=b'{"feed": {"entry": [{"id": ')  # truncated

    settings_ = cfg.from_dict({"storage": {"path": str(tmp_path / "rw.db")}, "businesses": [{
        "id": "b", "name": "B", "sources": [{"name": "app", "kind": "appstore",
                                             "app_id": "1", "backfill_pages": 3}]}]},
        environ={})
    db = store.open_database(settings_.storage_path)

    async def go():
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
            return await pipeline.run_cycle(db, settings_, client=client, deliver=False)

    report = asyncio.run(go())
    (result,) = report.sources
    assert result.state == "parse_error"
    assert db["items"].count == 0  # page 1 was fetched, but nothing of a failed poll is kept
    row = store.source_row(db, "app")
    assert row["cursor"] is None and row["consecutive_failures"] == 1
