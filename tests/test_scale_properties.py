"""Hypothesis: every collector's normalize(), the JSON Lines commands, the config loader,
the search query builder, and HTML / CSV escaping, on arbitrary input.

The contracts: normalize() returns a bounded Item or raises one of the errors the pipeline
turns into a ParseError (never anything else); every JSON Lines input line gives exactly one
JSON output line; the config loader answers a ConfigError, never a traceback; escaped output
never holds an active tag or a spreadsheet formula that was in the input.
"""

from __future__ import annotations

import csv
import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewwatch import collectors
from reviewwatch import config as cfg
from reviewwatch.config import Source
from reviewwatch.errors import CollectorError, ConfigError
from reviewwatch.models import MAX_TEXT_CHARS, Item

# Keys the collectors read, so generated payloads reach past the first lookup.
KEYS = ["id", "text", "rating", "author", "label", "title", "content", "updated", "name",
        "im:rating", "attributes", "body", "createdDate", "reviewId", "userName", "score",
        "at", "objectID", "comment_text", "story_title", "created_at_i", "uri", "record",
        "createdAt", "handle", "post", "data", "url", "time", "author_name", "reviewer",
        "comment", "starRating", "displayName", "createTime", "reviewReply", "_line", "date",
        "_country", "_response", "time_created", "user", "account", "permalink", "selftext",
        "created_utc", "subreddit", "language", "published", "summary", "link", "stars"]
scalars = st.one_of(st.none(), st.booleans(), st.integers(-10, 10**12),
                    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=80))
payloads = st.recursive(
    scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                     st.dictionaries(st.sampled_from(KEYS), inner, max_size=6)),
    max_leaves=25)
ALLOWED = (KeyError, TypeError, ValueError, AttributeError, IndexError, CollectorError)


def source_for(kind: str) -> Source:
    return Source(name=f"fuzz-{kind}", kind=kind, business_id="b",
                  options={"app_id": "123", "package_name": "com.example", "path": "x.csv",
                           "columns": {"text": "text", "id": "id", "rating": "rating"},
                           "url": "https://example.com/feed", "query": "x", "tag": "x",
                           "account": "1", "location": "2", "place_id": "p", "business_id": "y",
                           "domain": "example.com", "subreddit": "x"},
                  keywords=["Blue Door"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from(sorted(collectors.REGISTRY)),
       raw=st.dictionaries(st.sampled_from(KEYS), payloads, max_size=10))
def test_every_collectors_normalize_returns_a_bounded_item_or_a_parse_error(kind, raw):
    module = collectors.REGISTRY[kind]
    try:
        item = module.normalize(raw, source_for(kind))
    except ALLOWED:
        return  # the pipeline turns these into one ParseError naming the source
    assert isinstance(item, Item)
    assert isinstance(item.text, str) and len(item.text) <= MAX_TEXT_CHARS
    assert item.external_id and isinstance(item.external_id, str)
    assert item.rating is None or isinstance(item.rating, float)
    json.dumps(item.raw, default=str)  # stored as JSON


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(
    st.text(max_size=120),
    st.builds(json.dumps, st.dictionaries(st.sampled_from(["text", "rating", "title", "id",
                                                           "rating_max", "language", "x"]),
                                          scalars, max_size=5)),
    st.just("not json {"), st.just('{"rating": 2}')), max_size=6))
def test_jsonl_gives_one_json_line_per_input_line(lines):
    from reviewwatch.jsonl import process

    lines = [line.replace("\n", " ").replace("\r", " ") for line in lines
             if isinstance(line, str)]
    out = list(process(lines, with_draft=True))
    assert len(out) == sum(1 for line in lines if line.strip())
    for text, ok in out:
        obj = json.loads(text)
        if ok:
            assert "triage" in obj and "draft" in obj
        else:
            assert set(obj) == {"error", "line"} and isinstance(obj["line"], int)


def test_a_null_rating_scale_is_read_as_none_given():
    # (found by the property above: '{"text":"","rating":0,"rating_max":null}' raised a
    # TypeError instead of giving a line)
    from reviewwatch.jsonl import process

    out = list(process(['{"text": "cold food", "rating": 1, "rating_max": null}',
                        '{"text": "cold food", "rating": 7, "rating_max": null}'],
                       with_draft=False))
    first, second = (json.loads(text) for text, _ in out)
    assert out[0][1] and first["triage"]["label"] == "negative", first
    assert not out[1][1] and "outside 0..5" in second["error"], second


config_values = st.recursive(
    scalars, lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(
        st.sampled_from(["id", "name", "kind", "sources", "path", "every", "timezone", "host",
                         "port", "app_id", "send_at", "to", "quiet_hours", "runs_days",
                         "slack_webhook_url", "url", "base_url", "max_bytes", "x"]),
        inner, max_size=5)), max_leaves=20)


@settings(max_examples=80, deadline=None)
@given(st.dictionaries(st.sampled_from(["storage", "web", "businesses", "alerts", "digest",
                                        "smtp", "llm", "retention", "http", "responders",
                                        "bogus"]), config_values, max_size=5))
def test_the_config_loader_answers_settings_or_a_config_error(data):
    try:
        settings_ = cfg.from_dict(data, environ={})
    except ConfigError as e:
        assert str(e) and "Traceback" not in str(e)
        return
    assert settings_.retention.runs_days >= 0


@given(st.text(max_size=200))
def test_search_words_are_always_quoted_terms(text):
    from reviewwatch.queries import fts_query

    query = fts_query(text)
    if query is None:
        return
    for term in query.split(" "):
        assert term.startswith('"') and (term.endswith('"') or term.endswith('"*'))


HOSTILE = ["<script>alert(1)</script>", '<img src=x onerror="alert(2)">', "<svg onload=x>",
           '<a href="javascript:alert(3)">x</a>', "<iframe src=//evil>", "</td></tr><b>x</b>"]


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=120), st.sampled_from(HOSTILE), st.text(max_size=40),
       st.sampled_from(HOSTILE))
def test_html_pages_never_carry_an_active_tag_from_a_review(text, evil, author, evil_author):
    from flask import g, render_template

    from reviewwatch.web import create_app
    from tests.webutil import make_settings

    app = create_app(make_settings(_tmp()), ":memory:")
    text, author = text + evil, evil_author + author
    row = {"id": 1, "published_at": "2026-11-22T08:00:00Z", "first_seen_at": "x",
           "source": evil, "author": author, "rating": 2, "rating_max": 5,
           "label": "negative", "title": evil, "text": text, "draft_status": None}
    with app.test_request_context("/items"):
        g.user = {"username": "u", "role": "owner", "id": 1}
        html = render_template("items.html", items=[row], next_cursor=None, after=None,
                               q=text, label=None, kind=None, business=None,
                               labels=("negative",))
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    body = body.replace('<a href="/items/1">', "")  # the table's own link
    for tag in ("<script", "<img", "<svg", "<iframe", "<b>", "<a "):
        assert tag not in body.lower()
    assert 'value="' + text not in html  # the search box holds the words escaped


def _tmp():
    import tempfile
    from pathlib import Path

    return Path(tempfile.mkdtemp(prefix="rw-prop-"))


@settings(max_examples=80, deadline=None)
@given(st.lists(st.text(max_size=40), min_size=1, max_size=6))
def test_csv_export_cells_never_start_a_formula(cells):
    from reviewwatch.export import FORMULA_STARTS, neutralise

    out = io.StringIO()
    csv.writer(out).writerow([neutralise(c) for c in cells])
    back = next(csv.reader(io.StringIO(out.getvalue())), [])
    for original, cell in zip(cells, back, strict=False):
        assert not cell.startswith(FORMULA_STARTS)
        if original and not original.startswith(FORMULA_STARTS):
            assert cell.replace("\r\n", "\n").replace("\r", "\n") == \
                original.replace("\r\n", "\n").replace("\r", "\n") or cell == original
