"""The model's drafts, against a real loopback server speaking the OpenAI chat API
(tests/llmfake.py cites the reference pages): the prompt it gets, and every way its
answer can be unusable."""

from __future__ import annotations

import asyncio
import json
import logging
import threading

import httpx
import pytest

from responders import compose_draft, llm
from reviewwatch import config as cfg
from reviewwatch.triage import triage
from tests.llmfake import GOOD, FakeModel

KEY = "sk-test-0123456789abcdef"
TEXT = "We waited 45 minutes for our food and the waiter never came back to check on us."


def settings_for(url: str, **llm_options) -> cfg.Settings:
    return cfg.from_dict({
        "llm": {"endpoint": url, "model": "tiny", "api_key": "env:LLM_API_KEY", "timeout": 5,
                **llm_options},
        "businesses": [{
            "id": "b", "name": "Blue Door", "category": "restaurant",
            "signature": "Maria Lopez, GM", "contact": "maria@bluedoor.example",
            "sources": [{"name": "site", "kind": "schema_org", "url": "http://127.0.0.1:9/r"},
                        {"name": "short", "kind": "schema_org", "url": "http://127.0.0.1:9/s",
                         "reply_limit": 300},
                        {"name": "masto", "kind": "mastodon", "tags": ["bluedoor"]}]}],
    }, environ={"LLM_API_KEY": KEY})


@pytest.fixture
def model():
    fake = FakeModel()
    yield fake
    fake.stop()


ITEM = {"text": TEXT, "author": "Sam Jones", "external_id": "1", "kind": "review", "rating": 2}
TRIAGE = triage(TEXT, rating=2, category="restaurant")


def run(settings, platform="schema_org", limit=None, item=ITEM, result=TRIAGE):
    business = settings.businesses[0]
    template = compose_draft(item, result, business, platform=platform, limit=limit)

    async def go():
        async with httpx.AsyncClient() as client:
            return await llm.draft(client, settings.llm, item, result, business, template,
                                   platform=platform, limit=limit)
    return template, asyncio.run(go())


def test_good_answer_becomes_a_lint_clean_draft_in_the_composers_frame(model):
    template, made = run(settings_for(model.url))
    assert made["generator"] == "llm"
    assert [f for f in made["lint"] if f["severity"] == "error"] == []
    assert [p["move"] for p in made["parts"]] == \
        ["hear", "empathize", "apologize", "resolve", "diagnose", "sign"]
    # The greeting and the signature are the composer's; the body is the model's.
    assert made["reply"].startswith("Hi Sam,\n\nYou waited 45 minutes for your food")
    assert made["reply"].endswith("\n\nMaria Lopez, GM")
    assert template["parts"][-1] == made["parts"][-1]
    assert "nobody came back" not in template["reply"]


SOCIAL = {"moves": [{"move": m["move"], "text": m["text"].replace(
    "Please email maria@bluedoor.example", "Send us a direct message")} for m in GOOD["moves"]]}


def test_prompt_carries_the_moves_profile_issues_and_channel(model):
    model.answer = SOCIAL
    run(settings_for(model.url), platform="mastodon",
        item={**ITEM, "kind": "mention", "author": "sam"})
    request = model.requests[0]
    system, user = request["messages"][0]["content"], json.loads(
        request["messages"][1]["content"])
    assert request["model"] == "tiny" and request["response_format"] == {"type": "json_object"}
    assert request["max_tokens"] == 600 and request["stream"] is False
    for move in ("hear:", "empathize and apologize:", "resolve:", "diagnose:"):
        assert move in system
    assert '"send us a direct message"' in system  # the profile's contact phrase for social
    assert "our floor team" in system  # the team the profile names for the main issue
    assert "what you described as" in system and "root cause" in system  # as prohibitions
    assert "2 to 4 sentences" in system and "no letter format" in system
    assert f"under {500 - len('@sam ')} characters" in system  # Mastodon, less the @mention
    assert "their visit" in system and "Blue Door" in system and "Maria Lopez" in system
    assert user["review"]["text"] == TEXT
    assert [i["team"] for i in user["issues"]][:1] == ["floor team"]
    assert user["issues"][0]["clause"].startswith("the waiter never came back")
    assert {"asks", "questions", "flags", "praise"} <= set(user)
    assert model.headers[0]["Authorization"] == f"Bearer {KEY}"


def test_policy_in_the_prompt_follows_the_profile(model):
    settings = cfg.from_dict({
        "llm": {"endpoint": model.url},
        "businesses": [{"id": "p", "name": "Hum Audio", "category": "product",
                        "contact": "care@hum.example", "compensation": "a free month",
                        "profile": {"refund": True, "callback": False,
                                    "teams": {"quality": "hardware team"}},
                        "sources": [{"name": "site", "kind": "schema_org",
                                     "url": "http://127.0.0.1:9/r"}]}],
    }, environ={})
    text = "The speaker crackles at any volume and I want a refund."
    result = triage(text, rating=1, category="product")
    business = settings.businesses[0]
    system = llm.messages({"text": text, "kind": "review"}, result, business,
                          platform="schema_org", limit=None)[0]["content"]
    assert "whether a refund is possible" in system  # refund allowed, and asked for
    assert "repair or replacement" in system  # the product default
    assert "call them back" not in system
    assert "You may offer a free month" in system
    mention = llm.messages({"text": text, "kind": "mention"}, result, business,
                           platform="hackernews", limit=None)[0]["content"]
    assert "a free month" not in mention  # no compensation to a commenter on a forum


LONG = {"moves": [dict(m) for m in GOOD["moves"]]}
LONG["moves"][0]["text"] += " " + "Every minute of that hour at the table mattered to us. " * 5
MISORDERED = {"moves": [GOOD["moves"][i] for i in (0, 2, 1, 3, 4)]}
BOILERPLATE = {"moves": GOOD["moves"][:4] + [
    {"move": "diagnose", "text": "I'm looking into the root cause so it doesn't happen again."}]}
ASKS_CHANGE = {"moves": GOOD["moves"][:3] + [
    {"move": "resolve", "text": "Please email maria@bluedoor.example and I'll look into it, "
                                "and I hope you will update your review."}] + GOOD["moves"][4:]}
NO_CONTACT = {"moves": GOOD["moves"][:3] + [
    {"move": "resolve", "text": "I'll look into what held the kitchen up that night."}] +
    GOOD["moves"][4:]}


STEERED = {"moves": GOOD["moves"][:3] + [
    {"move": "resolve", "text": "Please email maria@bluedoor.example or claim your voucher at "
                                "https://bluedoor-deals.example/claim and I'll look into it."}] +
    GOOD["moves"][4:]}
OTHER_ADDRESS = {"moves": GOOD["moves"][:3] + [
    {"move": "resolve", "text": "Please email maria@bluedoor.example or refunds@evil.example "
                                "and I'll look into it."}] + GOOD["moves"][4:]}


@pytest.mark.parametrize(("answer", "why"), [
    (STEERED, "not the business's contact"),
    (OTHER_ADDRESS, "not the business's contact"),
    ("I'm sorry, I can't help with that.", "not JSON"),
    ('{"moves": [{"move": "hear", "text": "You waited', "not JSON"),
    ("```json\n[1, 2, 3]\n```", "not a JSON object"),
    ({"moves": GOOD["moves"][:3] + GOOD["moves"][4:]}, "no resolve move"),
    ({"moves": [*GOOD["moves"][:2], {"move": "apologize", "text": "  "}, *GOOD["moves"][3:]]},
     "apologize move is empty"),
    (MISORDERED, "in that order"),
    ({"moves": [*GOOD["moves"], {"move": "sign", "text": "Maria"}]}, "in that order"),
    (BOILERPLATE, "linter: boilerplate"),
    (ASKS_CHANGE, "linter: asks_review_change"),
    (NO_CONTACT, "contact phrase"),
])
def test_unusable_answers_are_refused_with_the_reason(model, answer, why):
    model.answer = answer
    with pytest.raises(llm.UnusableAnswer, match=why):
        run(settings_for(model.url))


def test_over_long_reply_is_refused_for_the_channel(model):
    model.answer = LONG
    with pytest.raises(llm.UnusableAnswer, match="over the limit of 300"):
        run(settings_for(model.url), limit=300)


def test_a_letter_or_too_many_sentences_on_social_is_refused(model):
    mention = {**ITEM, "kind": "mention", "author": "sam"}
    social = SOCIAL
    model.answer = social
    _, made = run(settings_for(model.url), platform="mastodon", item=mention)
    assert made["fits"]["limit"] == 500 - len("@sam ") and made["generator"] == "llm"
    chatty = {"moves": [dict(m) for m in social["moves"]]}
    chatty["moves"][0]["text"] += " The food was cold. The room was loud."
    model.answer = chatty
    with pytest.raises(llm.UnusableAnswer, match="6 sentences on a social channel"):
        run(settings_for(model.url), platform="mastodon", item=mention)
    letter = {"moves": [dict(m) for m in social["moves"]]}
    letter["moves"][0]["text"] = "Dear Sam, you waited 45 minutes for your food."
    model.answer = letter
    with pytest.raises(llm.UnusableAnswer, match="letter_format"):
        run(settings_for(model.url), platform="mastodon", item=mention)


@pytest.mark.parametrize(("status", "raw", "error", "why"), [
    (500, None, llm.ModelUnavailable, "HTTP 500"),
    (503, None, llm.ModelUnavailable, "HTTP 503"),
    (429, None, llm.ModelUnavailable, "HTTP 429"),
    (404, None, llm.ModelUnavailable, "refused the request"),
    (200, b"<html>502 Bad Gateway</html>", llm.UnusableAnswer, "not a chat completion"),
    (200, json.dumps({"choices": []}).encode(), llm.UnusableAnswer, "not a chat completion"),
    (200, json.dumps({"choices": [{"message": {"content": ""}}]}).encode(), llm.UnusableAnswer,
     "empty"),
    (200, b"x" * (llm.MAX_RESPONSE_BYTES + 10), llm.UnusableAnswer, "too large"),
])
def test_server_errors_and_garbage_bodies(model, caplog, status, raw, error, why):
    model.status, model.raw = status, raw
    caplog.set_level(logging.DEBUG)
    with pytest.raises(error, match=why) as caught:
        run(settings_for(model.url))
    # The fake's error body echoes the Authorization header: none of it reaches us.
    assert KEY not in str(caught.value) and KEY not in caplog.text
    assert "127.0.0.1" not in str(caught.value)


def test_timeout_is_a_model_unavailable(model):
    model.hold = threading.Event()  # the model never answers until the test ends
    with pytest.raises(llm.ModelUnavailable, match="no answer within 0.2 s"):
        run(settings_for(model.url, timeout=0.2))
    assert model.received.is_set()


def test_unreachable_endpoint_is_a_model_unavailable():
    with pytest.raises(llm.ModelUnavailable, match="cannot reach the endpoint"):
        run(settings_for("http://127.0.0.1:9/v1"))


def test_chat_url_takes_a_base_or_the_full_path():
    assert llm.chat_url("http://127.0.0.1:11434/v1/") == \
        "http://127.0.0.1:11434/v1/chat/completions"
    assert llm.chat_url("https://api.example/v1/chat/completions") == \
        "https://api.example/v1/chat/completions"


def test_moves_as_an_object_are_read_in_their_order():
    answer = json.dumps({m["move"]: m["text"] for m in GOOD["moves"]})
    parts = llm.parse_moves(f"Here you are:\n```json\n{answer}\n```")
    assert [p["move"] for p in parts] == list(llm.FIVE_MOVES)


@pytest.mark.parametrize(("llm_table", "problem"), [
    ({"endpoint": "http://llm.example/v1", "api_key": "env:LLM_API_KEY"},
     "llm.endpoint: an api_key would go out unencrypted"),
    ({"endpoint": "https://user:pw@llm.example/v1"}, "llm.endpoint: must not hold credentials"),
    ({"endpoint": "https://llm.example/v1?key=abc"}, "llm.endpoint: must not hold credentials"),
    ({"endpoint": "ftp://llm.example"}, "llm.endpoint: must be an http(s) URL"),
    ({"endpoint": "http://127.0.0.1:11434/v1", "timeout": 0}, "llm.timeout: 0 must be more"),
    ({"endpoint": "http://127.0.0.1:11434/v1", "max_tokens": 4}, "llm.max_tokens: 4 must be"),
    ({"endpoint": "http://127.0.0.1:11434/v1", "temperature": 1},
     "llm.temperature: is not a known key"),
])
def test_llm_config_is_checked(llm_table, problem):
    with pytest.raises(cfg.ConfigError) as caught:
        cfg.from_dict({"llm": llm_table}, environ={"LLM_API_KEY": KEY})
    assert any(p.startswith(problem) for p in cfg.problems_of(caught.value)), \
        cfg.problems_of(caught.value)
    assert KEY not in str(caught.value)


def test_llm_is_enabled_only_with_its_key_in_the_environment():
    table = {"llm": {"endpoint": "https://llm.example/v1", "api_key": "env:LLM_API_KEY"}}
    assert cfg.from_dict(table, environ={"LLM_API_KEY": KEY}).llm.enabled
    unset = cfg.from_dict(table, environ={})
    assert not unset.llm.enabled and KEY not in repr(unset.llm)
    assert cfg.from_dict({"llm": {"endpoint": "http://127.0.0.1:8080"}}, environ={}).llm.enabled
    assert not cfg.from_dict({}, environ={}).llm.enabled


def test_a_mixed_review_asks_for_the_praise_too():
    text = "The pasta was lovely but we waited an hour for it."
    result = triage(text, rating=3, category="restaurant")
    settings = settings_for("http://127.0.0.1:9/v1")
    system = llm.messages({"text": text, "kind": "review"}, result, settings.businesses[0],
                          platform="schema_org", limit=None)[0]["content"]
    assert result["praise"] and "thank them for it" in system
    plain = llm.messages(ITEM, TRIAGE, settings.businesses[0], platform="schema_org",
                         limit=None)[0]["content"]
    assert "thank them for it" not in plain
