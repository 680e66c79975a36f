"""The reply linter: each rule fires on a bad reply and stays quiet on a good one."""

from __future__ import annotations

import pytest

from responders import lint_reply
from reviewwatch.config import Business

BIZ = Business(id="b", name="Blue Door", signature="Maria Lopez, GM",
               contact="maria@bluedoor.example", compensation="a complimentary dessert")
NONE = Business(id="n", name="Plain", signature="Al", contact="al@plain.example")
REVIEW = {"text": "Order #A12345 was wrong. Call me on 555-201-3344 or mail sam@mail.example. "
                  "The soup was stone cold and the bread was stale and hard as a rock today, "
                  "and then the waiter took it away without a word to anyone at our table."}
GOOD = ("Hi Sam, you told us the soup was stone cold. I understand how disappointing that meal "
        "was, and I'm sorry. Please email maria@bluedoor.example with the date and I'll go "
        "through it with the kitchen team. I've shared your note about the food with our "
        "kitchen team today.")
SPEAKER = Business(id="s", name="Acme", signature="Dana", contact="care@acme.example",
                   category="product")


@pytest.mark.parametrize(("reply", "business", "rule"), [
    ("Actually, the soup was hot when it left.", BIZ, "defensive"),
    ("You should have told the waiter.", BIZ, "defensive"),
    ("Our policy clearly states no refunds.", BIZ, "defensive"),
    ("Please remove your review once we fix it.", BIZ, "asks_review_change"),
    ("We'd love it if you could update your rating.", BIZ, "asks_review_change"),
    ("I'd like to offer you a full refund.", BIZ, "compensation"),
    ("Enjoy a free meal on us.", NONE, "compensation"),
    ("We admit liability for your illness; it was our negligence.", BIZ, "liability"),
    ("We'll call you at 555-201-3344.", BIZ, "personal_data"),
    ("We found order A12345.", BIZ, "personal_data"),
    ("We emailed sam@mail.example.", BIZ, "personal_data"),
    ("the bread was stale and hard as a rock today, and then the waiter took it away without "
     "a word to anyone", BIZ, "long_quote"),
    ("I apologize for what you described as “hesitating to use the word worst”.", BIZ,
     "distancing_quote"),
    ("Thanks for flagging “the only negative we have on”.", BIZ, "fragment_quote"),
    ("I want to make this right, and I will make this right soon.", BIZ,
     "repeated_phrase"),
    ("I've started a review of what happened during your visit so it gets better.", SPEAKER,
     "wrong_word"),
    ("Could you contact me at DM us your confirmation code?", BIZ, "broken_contact"),
    ("Reach me at care@acme.example and I'll fix it.", SPEAKER, "over_promise"),
    ("I'm fixing the cause in how this happened.", BIZ, "boilerplate"),
    ("We will find the root cause of this.", BIZ, "boilerplate"),
    ("I understand. I apologize for the wait.", BIZ, "choppy"),
    ("Hi {name}, sorry.", BIZ, "placeholder"),
    ("Hi [NAME], sorry.", BIZ, "placeholder"),
    ("I'm sorry if you felt that way.", BIZ, "conditional_apology"),
])
def test_rule_fires(reply, business, rule):
    findings = lint_reply(reply, item=REVIEW, business=business)
    assert rule in {f["rule"] for f in findings}, findings


def test_good_reply_is_clean():
    assert lint_reply(GOOD, item=REVIEW, business=BIZ) == []


def test_configured_compensation_is_allowed_and_topic_words_are_not_offers():
    ok = GOOD + " I'd like to offer you a complimentary dessert."
    assert lint_reply(ok, item=REVIEW, business=BIZ) == []
    topic = GOOD + " I'm sorry about the trouble getting your refund."
    assert lint_reply(topic, item=REVIEW, business=NONE) == []


def test_letter_format_and_limits_on_social_channels():
    letter = "Dear Priya,\n\nI'm sorry about the delay, and I'll check it now.\n\nWarmly, Sam"
    rules = {f["rule"] for f in lint_reply(letter, item=REVIEW, business=BIZ,
                                           platform="mastodon")}
    assert "letter_format" in rules
    long = "I'm sorry about the delay and the missing voucher today. " * 12
    assert "too_long" in {f["rule"] for f in lint_reply(long, item=REVIEW, business=BIZ,
                                                        platform="mastodon")}
    ok = "Priya, I'm sorry about the delay. DM us your confirmation code and I'll check it."
    assert lint_reply(ok, item=REVIEW, business=BIZ, platform="mastodon") == []


def test_a_whole_clause_may_be_quoted_verbatim():
    quoted = GOOD.replace("you told us the soup was stone cold",
                          "you wrote \u201cThe soup was stone cold\u201d")
    assert "\u201c" in quoted
    assert lint_reply(quoted, item=REVIEW, business=BIZ) == []


def test_missing_move_and_limit():
    parts = [{"move": "hear", "text": "x"}, {"move": "apologize", "text": "y"}]
    findings = lint_reply("x " * 200, item=REVIEW, business=BIZ, platform="google_play",
                          parts=parts, label="negative")
    rules = {f["rule"] for f in findings}
    assert {"missing_move", "too_long"} <= rules
    missing = next(f for f in findings if f["rule"] == "missing_move")
    assert "empathize" in missing["message"] and "diagnose" in missing["message"]
