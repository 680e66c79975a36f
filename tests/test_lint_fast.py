"""The fast linter finds exactly what the plain one did (tests/lint_reference.py).

Issue 13 made `lint_reply` about four times faster: patterns run on the reply lower-cased
once, a rule whose literals are absent is skipped, a review is segmented only when a quote
is in it. Each adversarial reply below is written to trip one rule (or, marked, to stay
clean near it); the test checks both that the rule fires as the rule says and that every
finding, message included, equals the reference's. Real template drafts of texts from
../shared/data/train are compared the same way, and hypothesis checks each skip: every
string a pattern matches holds one of the literals it is skipped without.
"""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from responders import compose_draft, lint, lint_wording, lintscan
from responders import lint_reply as fast
from reviewwatch.config import Business
from reviewwatch.triage import triage
from tests import lint_reference
from tests.conftest import shared_file

NONE = Business(id="n", name="Plain", signature="Al", contact="al@plain.example")
CAFE = Business(id="c", name="Blue Door", signature="Maria Lopez, GM",
                contact="maria@bluedoor.example", category="restaurant",
                compensation="a complimentary dessert")
APP = Business(id="a", name="Acme", signature="Dana", contact="care@acme.example",
               category="app")
REVIEW = {"title": "Cold soup", "text": (
    "Order #A12345 was wrong. Call me on 555-201-3344 or mail sam@mail.example. The soup was "
    "stone cold, but the staff was rude. The bread was stale and hard as a rock today, and "
    "then the waiter took it away without a word to anyone at our table.")}
SIGMA = {"text": "ΤΟ ΦΑΓΗΤΟ ΗΤΑΝ ΚΡΥΟ, ΑΛΛΑ Ο ΣΕΡΒΙΤΟΡΟΣ ΗΤΑΝ ΕΥΓΕΝΙΚΟΣ. Η σούπα ΗΤΑΝ ΚΡΥΑ ΟΜΩΣ."}
FIVE = [{"move": m} for m in ("hear", "empathize", "apologize", "resolve", "diagnose")]

# (reply, business, platform, review, the rules it must raise)
CASES = [
    ("Actually, the soup was hot when it left.", CAFE, None, REVIEW, {"defensive"}),
    ("You should've told the waiter.", CAFE, None, REVIEW, {"defensive"}),
    ("As clearly stated on the menu, soup is served warm.", CAFE, None, REVIEW, {"defensive"}),
    ("That's not true, and our driver was not at fault.", CAFE, None, REVIEW, {"defensive"}),
    ("Our waitress is NEW, so please be patient.", CAFE, None, REVIEW, {"defensive"}),
    ("You ſhould have told us.", CAFE, None, REVIEW, {"defensive"}),  # re.I folds ſ to s
    ("I'm sorry if you felt that way.", CAFE, None, REVIEW, {"conditional_apology"}),
    ("We apologise, but the kitchen was busy.", CAFE, None, REVIEW, {"conditional_apology"}),
    ("Please remove your review once we fix it.", CAFE, None, REVIEW, {"asks_review_change"}),
    ("Would you consider changing the stars?", CAFE, None, REVIEW, set()),  # not in the list
    ("We'd love it if you could update your rating.", CAFE, None, REVIEW,
     {"asks_review_change"}),
    ("Could the review be removed now?", CAFE, None, REVIEW, {"asks_review_change"}),
    ("I'd like to offer you a full refund.", CAFE, None, REVIEW, {"compensation"}),
    ("Enjoy a free meal on us.", NONE, None, REVIEW, {"compensation"}),
    ("We're happy to give you 20% off.", NONE, None, REVIEW, {"compensation"}),
    ("I'd like to offer you a complimentary dessert.", CAFE, None, REVIEW, set()),
    ("Feel free to call, and I'm sorry about the trouble getting your refund.", NONE, None,
     REVIEW, set()),
    ("We admit liability for your illness.", CAFE, None, REVIEW, {"liability"}),
    ("It was negligence on our side.", CAFE, None, REVIEW, {"liability"}),
    ("We'll call you at 555-201-3344.", CAFE, None, REVIEW, {"personal_data"}),
    ("We found order a12345.", CAFE, None, REVIEW, {"personal_data"}),
    ("We emailed SAM@mail.example.", CAFE, None, REVIEW, {"personal_data"}),
    ("Write to maria@bluedoor.example or call 555-999-1234.", CAFE, None, REVIEW, set()),
    ("the bread was stale and hard as a rock today, and then the waiter took it away without "
     "a word to anyone", CAFE, None, REVIEW, {"long_quote"}),
    ("Hi {name}, sorry.", CAFE, None, REVIEW, {"placeholder"}),
    ("Hi [First Name], thanks. TODO: sign", CAFE, None, REVIEW, {"placeholder"}),
    ("Hi <NAME>, thanks.", CAFE, None, REVIEW, {"placeholder"}),
    ("I'm sorry about the delay and the missing dessert today. " * 12, CAFE, "mastodon",
     REVIEW, {"too_long", "repeated_phrase"}),
    ("", CAFE, None, REVIEW, {"empty"}),
    ("I apologize for what you described as “hesitating”.", CAFE, None, REVIEW,
     {"distancing_quote", "fragment_quote"}),
    ("Thanks for flagging “the only negative we have on”.", CAFE, None, REVIEW,
     {"fragment_quote"}),
    ("You said “the soup was stone”.", CAFE, None, REVIEW, {"fragment_quote"}),  # in it, cut
    ("You said “The soup was stone cold”.", CAFE, None, REVIEW, set()),  # a whole clause
    ('You said "the staff   was RUDE!"', CAFE, None, REVIEW, set()),
    ('See "http://cold soup" again.', CAFE, None, REVIEW, {"fragment_quote"}),
    ("You said “το φαγητο ηταν κρυο, αλλα ο σερβιτοροσ ηταν ευγενικοσ”.", CAFE, None, SIGMA,
     {"fragment_quote"}),
    ("You said “το φαγητο ηταν κρυο, αλλα ο σερβιτορος ηταν ευγενικος”.", CAFE, None, SIGMA,
     set()),  # a capital sigma lower-cases by its context: the review is segmented
    ("I want to make this right, and I will make this right soon.", CAFE, None, REVIEW,
     {"repeated_phrase"}),
    ("I'm sorry and I'm sorry.\n\nMaria, and I'm", CAFE, None, REVIEW, set()),
    ("I hope your stay was better after that.", CAFE, None, REVIEW, {"wrong_word"}),
    ("We hope to welcome you back and thank the app team.", APP, None, REVIEW,
     {"wrong_word"}),
    ("I hope your stay was better after that.", NONE, None, REVIEW, set()),  # no category
    ("Could you contact me at DM us your confirmation code?", CAFE, None, REVIEW,
     {"broken_contact"}),
    ("Please please reach out.", CAFE, None, REVIEW, {"broken_contact"}),
    ("Reach me at care@acme.example and I'll fix it.", APP, None, REVIEW, {"over_promise"}),
    ("I promise this will never happen again.", CAFE, None, REVIEW, {"over_promise"}),
    ("We will find the root cause of this.", CAFE, None, REVIEW, {"boilerplate"}),
    ("I'm fixing the cause in how this happened.", CAFE, None, REVIEW, {"boilerplate"}),
    ("Dear Priya,\n\nI'm sorry about the delay, and I'll check it now.\n\nWarmly,\nSam",
     CAFE, "mastodon", REVIEW, {"letter_format"}),
    ("Dear Priya,\n\nI'm sorry about the delay, and I'll check it now.\n\nWarmly,\nSam",
     CAFE, "google", REVIEW, set()),
    ("I understand. I apologize for the wait.", CAFE, None, REVIEW, {"choppy"}),
    ("Thank you. I'm sorry!  That's not okay.", CAFE, None, REVIEW, {"choppy"}),
    ("WE'LL DEFINITELY FIX THE OVEN. İ am sorry if it was cold.", CAFE, None, REVIEW,
     {"over_promise", "conditional_apology"}),
    ("Thanks, we'll take a look.\nKIND REGARDS", CAFE, "bluesky", REVIEW, {"letter_format"}),
]


@pytest.mark.parametrize(("reply", "business", "platform", "review", "rules"), CASES)
def test_lint_fast_finds_what_each_rule_says_and_what_the_reference_finds(
        reply, business, platform, review, rules):
    found = fast(reply, item=review, business=business, platform=platform)
    assert {f["rule"] for f in found} == rules, found
    assert found == lint_reference.lint_reply(reply, item=review, business=business,
                                              platform=platform)


def test_lint_fast_moves_are_checked_as_before():
    reply = "I hear you. I'm sorry. I'll look into it."
    for parts, label in ((FIVE[:3], "negative"), (FIVE[::-1], "mixed"), (FIVE, None),
                         (FIVE[2:3], None), (FIVE[:1], "positive")):
        found = fast(reply, item=REVIEW, business=CAFE, parts=parts, label=label)
        assert found == lint_reference.lint_reply(reply, item=REVIEW, business=CAFE,
                                                  parts=parts, label=label)
    assert {f["rule"] for f in fast(reply, item=REVIEW, business=CAFE, parts=FIVE[:3],
                                    label="negative")} == {"missing_move", "choppy"}


def _texts(per_file: int) -> list[tuple[str, int | None]]:
    out = []
    for name in ("play_app_reviews.jsonl", "yelp_reviews.jsonl", "clothing_reviews.jsonl",
                 "uci_sentences.jsonl"):
        with shared_file("data", "train", name).open(encoding="utf-8") as f:
            for _, line in zip(range(per_file), f, strict=False):
                row = json.loads(line)
                out.append((row["text"], row.get("rating")))
    return out


def test_lint_fast_equals_the_reference_on_template_drafts_of_real_reviews():
    compared = 0
    for text, rating in _texts(60):
        result = triage(text, rating=rating)
        item = {"text": text, "rating": rating, "kind": "review", "author": "Sam",
                "platform": "csv"}
        draft = compose_draft(item, result, CAFE) if result["needs_reply"] else None
        replies = [draft["reply"], draft["reply"].upper()] if draft else []
        replies.append(text)  # the review as its own reply: quotes, personal data, everything
        for reply in replies:
            for business in (NONE, CAFE, APP):
                for platform in (None, "mastodon", "google_play"):
                    assert fast(reply, item=item, business=business, platform=platform) == \
                        lint_reference.lint_reply(reply, item=item, business=business,
                                                  platform=platform), reply
                    compared += 1
    assert compared > 1000


def test_lint_fast_case_unsafe_characters_are_every_one_there_is():
    # Outside these, a character lower-cases to one character, to ASCII only if it is
    # ASCII, keeps its \w, \d and \s class, and re.I matches it to no ASCII letter or digit:
    # so re.I on a text and the lower-case pattern on text.lower() match the same spans.
    found = set()
    classes = [re.compile(p) for p in (r"\w", r"\d", r"\s")]
    folds_to_ascii = re.compile(r"[a-z0-9]", re.I)
    for code in range(128, 0x110000):
        if 0xD800 <= code < 0xE000:
            continue
        c = chr(code)
        low = c.lower()
        if low == c:
            if folds_to_ascii.match(c):
                found.add(c)
            continue
        if len(low) != 1 or low.isascii() or folds_to_ascii.match(c) or any(
                bool(k.match(c)) != bool(k.match(low)) for k in classes):
            found.add(c)
    assert found == set(lintscan._CASE_UNSAFE.pattern.strip("[]"))


PATTERNS = [getattr(lint, n) for n in ("_DEFENSIVE", "_REMOVAL", "_OFFER", "_NOT_AN_OFFER",
                                       "_LIABILITY", "_CONDITIONAL", "_ORDER", "_PLACEHOLDER")]
PATTERNS += [getattr(lint_wording, n) for n in ("_DISTANCING", "_CONTACT_SLOT", "_OVERPROMISE",
                                                "_BOILERPLATE")]
PATTERNS += [p for p, _ in lint_wording._FIT]


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.folded.pattern[:30])
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_lint_fast_every_match_holds_a_literal_the_rule_is_skipped_without(pattern, data):
    matched = data.draw(st.from_regex(pattern.folded, fullmatch=True))
    assert any(n in matched for n in pattern.needs), matched


@settings(max_examples=200, deadline=None)
@given(pieces=st.lists(st.one_of(
    *(st.from_regex(p.exact, fullmatch=True) for p in PATTERNS[:8]),
    st.sampled_from(["I'm sorry.", " ", "\n\n", "ſ", "K", "İ", "Σ", ",", "your stay", "“x”"]),
    st.text(max_size=20)), max_size=6))
def test_lint_fast_equals_the_reference_on_generated_replies(pieces):
    reply = " ".join(pieces)
    for business in (NONE, CAFE, APP):
        assert fast(reply, item=REVIEW, business=business, platform="mastodon") == \
            lint_reference.lint_reply(reply, item=REVIEW, business=business,
                                      platform="mastodon")


def test_a_pattern_made_after_a_text_was_read_is_gated_on_that_text_too():
    """The literals a text holds are found once, for every pattern made so far; a pattern
    made later (its literals unknown to that pass) must still find its match."""
    text = lintscan.Text("Please call our Front Desk today")
    assert lintscan.Pattern(r"\bplease\b", ("please",)).search(text) == "Please"
    assert lintscan.Pattern(r"\bfront desk\b", ("front desk",)).search(text) == "Front Desk"
    assert lintscan.Pattern(r"\bback office\b", ("back office",)).search(text) is None
    assert [m.group(0) for m in lintscan.Pattern(r"\bto\w+", ("tod",)).finditer(text)] == \
        ["today"]
