"""Triage: exact VADER in linear time, complaint cues, rating fusion, language, priority."""

from __future__ import annotations

import csv

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from reviewwatch.triage import triage, vader, vader_compound

ANALYZER = SentimentIntensityAnalyzer()


def ground_truth_texts(shared):
    texts = []
    for name in ("tweets", "movieReviewSnippets", "nytEditorialSnippets"):
        path = shared("data", "vader_ground_truth", f"{name}_GroundTruth.txt")
        with path.open(encoding="utf-8", newline="") as f:
            texts += [line.rstrip("\r\n").split("\t")[2] for line in f if line.count("\t") >= 2]
    return texts


def test_vader_is_exact_on_the_papers_gold_sets(shared):
    texts = ground_truth_texts(shared)
    assert len(texts) > 19_000
    mismatched = [t for t in texts if vader.polarity_scores(t) != ANALYZER.polarity_scores(t)]
    assert mismatched == []


def test_vader_is_exact_on_the_dev_reviews(shared):
    path = shared("data", "reviews_dev", "tripadvisor_hotel_reviews_subset.csv")
    with path.open(encoding="utf-8", newline="") as f:
        texts = [row["Review"] for row in csv.DictReader(f)]
    assert [vader_compound(t) for t in texts] == \
        [ANALYZER.polarity_scores(t)["compound"] for t in texts]


WORDS = ["good", "bad", "not", "but", "BUT", "GREAT", "awful", "kind", "of", "least", "at",
         "very", "no", "never", "so", "this", "without", "doubt", "the", "bomb", "sort",
         "isn't", "n't", "really", "kinda", "😁", "💘", "😡", ":)", ":(", "!!!", "?", "??",
         "yeah", "right", "cut", "mustard", "nor", "or", "love", "hate", "ok", "Good!", "bad,",
         "extremely", "hardly", "despite", "seldom", "LOVE", "didnt", "fun", "dislike"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40), st.sampled_from([" ", "  ", "\n"]))
def test_vader_is_exact_on_generated_texts(words, sep):
    text = sep.join(words)
    assert vader.polarity_scores(text) == ANALYZER.polarity_scores(text)


def test_but_rule_keeps_the_packages_first_equal_entry_quirk():
    text = "good good bad but good bad good"  # repeated values exercise list.index
    assert vader.polarity_scores(text) == ANALYZER.polarity_scores(text)


@pytest.mark.parametrize(("text", "label", "aspects"), [
    ("We waited 45 minutes and nobody came to check on us", "negative", {"wait_time"}),
    ("I was charged twice. Support never answered my emails.", "negative",
     {"billing", "support"}),
    ("The app crashes every time I open it since the update.", "negative", {"crashes"}),
    ("Can't log in anymore, locked out of my account.", "negative", {"login"}),
    ("Love this app, it helps me every single day!", "positive", set()),
    ("The pasta was cold and the waiter was rude.", "negative", {"food_quality"}),
    ("I cancelled in October and was still billed in November. Nobody replies.", "negative",
     {"billing"}),
    # text only and near the line: a plain failure with no sentiment word is at least mixed
    ("Both of them quit connecting to the wifi after a week and keep rebooting.", "mixed",
     {"performance"}),
])
def test_triage_labels_and_aspects(text, label, aspects):
    result = triage(text)
    assert result["label"] == label or (label == "mixed" and result["label"] == "negative"), \
        result
    assert aspects <= set(result["aspects"]), result
    assert len(result["evidence"]) >= len(aspects)


def test_evidence_is_whole_clauses_in_the_customers_own_casing():
    text = "The Pasta was cold. We waited 45 minutes for our food and the waiter was rude."
    result = triage(text, category="restaurant")
    assert result["evidence"] and all(e in text for e in result["evidence"])
    assert any(e.startswith(("The Pasta", "We waited")) for e in result["evidence"])


@pytest.mark.parametrize(("rating", "rating_max", "label"), [
    (1, 5, "negative"), (2, 5, "negative"), (4, 10, "negative"), (3, 5, "mixed"),
    (5, 5, "positive"), (100, 100, "positive"),
])
def test_rating_fusion_for_praise_words(rating, rating_max, label):
    result = triage("Lovely place, great people, wonderful time.", rating=rating,
                    rating_max=rating_max)
    assert result["label"] == label


def test_four_stars_with_a_clear_complaint_is_mixed_and_needs_a_reply():
    result = triage("Love the habit streaks, but it crashes every time I add a widget.", rating=4,
                    category="app")
    assert result["label"] == "mixed" and result["needs_reply"]
    assert "crashes" in result["aspects"]


@pytest.mark.parametrize(("text", "severity"), [
    ("Got food poisoning after the chicken, I was vomiting all night", "safety"),
    ("The manager was openly racist to my family", "discrimination"),
    ("My lawyer will be in touch about this", "legal"),
    ("The balcony railing is loose and dangerous", "safety"),
])
def test_severe_complaints_are_urgent(text, severity):
    result = triage(text)
    assert result["priority"] == "urgent" and result["severity"] == severity


def test_priorities_follow_labels():
    assert triage("Terrible, rude staff and a dirty room.")["priority"] == "high"
    assert triage("Wonderful stay, thank you!")["priority"] == "low"


def test_vader_field_is_the_compound_of_title_and_text():
    result = triage("it broke after a week", title="Not great")
    assert result["vader"] == ANALYZER.polarity_scores("Not great\nit broke after a week")[
        "compound"]


def test_non_english_is_left_to_a_person():
    result = triage("Die App stürzt ständig ab und der Support antwortet überhaupt nicht mehr.")
    assert result["language"] == "de" and result["needs_human"]
    rated = triage("La aplicación se cierra sola cada vez que la abro, es un desastre.", rating=1)
    assert rated["language"] == "es" and rated["label"] == "negative" and rated["needs_human"]


def test_explicit_language_is_respected():
    assert triage("ok", language="fr")["needs_human"]


@pytest.mark.parametrize(("text", "needs_reply"), [
    ("Is there a way to export my habits to CSV?", True),
    ("Tidepool Habits released version 5 today.", False),
    ("Tidepool Habits keeps crashing on my phone", True),
])
def test_mentions_need_a_reply_only_for_complaints_and_questions(text, needs_reply):
    assert triage(text, kind="mention")["needs_reply"] is needs_reply


def test_long_text_is_bounded_and_still_exact():
    text = "The room was dirty but the view was great. " * 800
    result = triage(text)
    assert result["vader"] == ANALYZER.polarity_scores(text)["compound"]
    assert result["label"] in ("negative", "mixed")


@pytest.mark.parametrize(("text", "label"), [
    ("@united my bag is lost", "negative"),  # "united" is a positive word to VADER
    ("@united flight 1234 delayed again", "negative"),
    ("@united thanks for the help today, Mary at the desk was great", "positive"),
])
def test_a_handle_is_whom_a_post_is_addressed_to_not_what_it_says(text, label):
    result = triage(text, kind="mention", platform="bluesky")
    assert result["label"] == label
    # the contract's vader field still reads the text as written
    assert result["vader"] == ANALYZER.polarity_scores(text)["compound"]
    # and the evidence keeps the handle verbatim
    assert all(i["clause"] in text for i in result["issues"])


def test_an_email_address_is_not_a_handle():
    from reviewwatch.triage import features

    assert features.judged("mail jo@united.com or @united") == "mail jo@united.com or " + " " * 7


def test_the_business_own_name_is_not_praise():
    # "United" is a positive word to VADER; the business's own name is who, not what
    # ("lost my bag" is a complaint cue of its own, so the name moves the probability, and
    # no longer the label)
    text = "United lost my bag again"
    unnamed = triage(text, kind="mention", platform="bluesky")
    named = triage(text, kind="mention", platform="bluesky", names=("United Airlines", "United"))
    assert named["label"] == "negative"
    assert named["p_negative"] > unnamed["p_negative"]
    assert named["vader"] == ANALYZER.polarity_scores(text)["compound"]


def test_mock_delight_opening_a_failure_is_sarcasm_and_real_delight_is_not():
    # (the forty-ninth reading: "love how the bag that fit in the sizer last month is suddenly
    # €45 too big today ... Amazing consistency." was thanked as praise)
    mocked = triage("@bluejet love how the bag that fit in the sizer last month is suddenly €45 "
                    "too big today. Same bag. Same sizer. Amazing consistency.", kind="mention",
                    category="airline", platform="mastodon")
    assert mocked["label"] == "negative"
    assert [f["flag"] for f in mocked["flags"]] == ["sarcasm"]
    for text in ("love how easy the app is to use", "@bluejet love that the crew remembered my "
                 "name, thank you!"):
        plain = triage(text, kind="mention", category="airline", platform="mastodon")
        assert plain["label"] == "positive" and not plain["flags"], plain


@pytest.mark.parametrize(("text", "sarcastic"), [
    # (the fifty-third reading: one word of mock delight before a failure was thanked)
    ("@bluejet great, the app logged me out mid check-in and now says my seat is "
     "'unavailable'. Love that for me.", True),
    ("@bluejet perfect, another delay on BJ20", True),
    ("@bluejet my flight was cancelled again. Love that for me.", True),
    ("Wow what a great service, we waited 30 minutes just to get water. Very fast.", True),
    ("Wow what a great service, the staff were so attentive and the food came fast.", False),
    # delight that is meant
    ("@bluejet great, thanks for sorting my rebooking so fast, not what I expected", False),
    ("Nice, but not for my body, they didn't fit", False),
    ("Great, the staff were lovely and nothing went wrong", False),
])
def test_one_word_of_mock_delight_before_a_failure_is_sarcasm(text, sarcastic):
    result = triage(text, kind="mention", category="airline", platform="mastodon")
    assert ("sarcasm" in {f["flag"] for f in result["flags"]}) is sarcastic, result["flags"]


def test_a_sum_charged_and_asked_back_a_sentence_later_is_a_billing_dispute():
    # (the fifty-third reading: "charged me €45 ... The agent didn't even look. Want that
    # back." was mixed, with no flag: "charged me" never matched, nor a sentence between)
    result = triage("@bluejet charged me €45 for a carry-on that fit the sizer perfectly. The "
                    "agent didn't even look. Want that back.", kind="mention",
                    category="airline", platform="mastodon")
    assert "billing_dispute" in {f["flag"] for f in result["flags"]}, result["flags"]
    assert [a["ask"] for a in result["asks"]] == ["refund"]


def test_a_unit_before_a_capital_ends_its_sentence():
    # (the fifty-second reading: "the line was 2 hrs. Also my miles ... never posted." was one
    # clause, so the miles were never said back)
    from reviewwatch.triage import segment

    text = "The line was 2 hrs. Also my miles from last trip never posted. Mr. Lee was kind."
    assert [s.text for s in segment.sentences(text)] == [
        "The line was 2 hrs.", "Also my miles from last trip never posted.", "Mr. Lee was kind."]
    assert len(segment.sentences("We waited 20 min. for the bus")) == 1


@pytest.mark.parametrize("text", [
    "Constantly disconnects from wifi. Every morning I have to unplug it.",
    "After update the speaker started randomly talking at 3am and woke up my baby.",
])
def test_a_fault_told_without_a_sentiment_word_is_a_complaint(text):
    result = triage(text, category="product")
    assert result["label"] == "negative", result
    assert any(i["aspect"] for i in result["issues"]), result["issues"]


def test_recordings_sent_off_the_device_are_a_privacy_matter():
    # (the fifty-second reading: flagged legal only, so the draft went to the firmware team)
    result = triage("Found out the speaker was sending voice recordings to your servers even "
                    "after I turned off 'improve voice recognition'. I'd like to know exactly "
                    "what you stored and I want it deleted.", category="product", rating=1)
    assert "privacy" in {f["flag"] for f in result["flags"]}, result["flags"]


@pytest.mark.parametrize("text", [
    # (the fifty-fifth reading: neither was flagged, so neither went to a person)
    "I was charged for the 'Premium' subscription after the free trial even though I cancelled "
    "it in the app the day I signed up. That's 3 months of \u20ac4.99 I want back.",
    "Why the prices on menu card and on the bill are different? Menu says paneer tikka 320, bill "
    "shows 380. Staff said new menu not printed yet.",
])
def test_money_charged_against_a_cancellation_or_the_menu_is_a_billing_dispute(text):
    result = triage(text, rating=1)
    assert "billing_dispute" in {f["flag"] for f in result["flags"]}, result["flags"]


def test_a_menu_price_told_without_a_bill_is_no_dispute():
    result = triage("Menu says paneer tikka is the chef's special and it really was lovely.",
                    rating=5, category="restaurant")
    assert "billing_dispute" not in {f["flag"] for f in result["flags"]}


def test_a_delay_told_as_still_running_is_ongoing_and_one_told_after_is_not():
    # (the fifty-sixth reading: "delayed 3 hours now" was answered "I'll look into what held
    # things up", as if it were over)
    now = triage("@bluejet flight BJ412 to Denver delayed 3 hours now and the gate agents have "
                 "said literally nothing.", category="airline", platform="mastodon",
                 kind="mention")
    after = triage("@bluejet flight BJ412 to Denver was delayed 3 hours last week and nobody "
                   "said anything.", category="airline", platform="mastodon",
                   kind="mention")
    assert "ongoing" in {f["flag"] for f in now["flags"]}, now["flags"]
    assert "ongoing" not in {f["flag"] for f in after["flags"]}, after["flags"]


def test_lost_property_and_indian_dishes_are_aspects_of_their_own():
    left = triage("@bluejet Nobody at lost property answers, my laptop is still missing.",
                  category="airline", platform="mastodon", kind="mention")
    assert "lost_property" in {i["aspect"] for i in left["issues"]}, left["issues"]
    mutton = triage("Ordered mutton rogan josh, mutton was so hard not able to chew, looks like "
                    "old reheated.", rating=1, category="restaurant")
    assert "food_quality" in {i["aspect"] for i in mutton["issues"]}, mutton["issues"]
    bumped = triage("@bluejet they left my bag on the tarmac in the rain.", category="airline",
                    platform="mastodon", kind="mention")  # ("left my" no longer means support)
    assert "support" not in {i["aspect"] for i in bumped["issues"]}, bumped["issues"]


@pytest.mark.parametrize("text", [
    # (the fifty-seventh reading: neither was read as sarcasm, so the draft was glad "you
    # liked the service")
    "Wonderful service!! Waited only 50 minutes for a dosa which came cold.",
    "The food came cold and the waiter ignored us. Will definitely come back... NOT.",
])
def test_delight_before_a_short_wait_and_a_shouted_not_are_sarcasm(text):
    result = triage(text, rating=1, category="restaurant")
    assert "sarcasm" in {f["flag"] for f in result["flags"]}, result["flags"]


def test_a_plain_not_at_the_end_is_no_sarcasm():
    result = triage("Great food, friendly staff, and the prices are fair. Would I go back? "
                    "Why not.", rating=5, category="restaurant")
    assert "sarcasm" not in {f["flag"] for f in result["flags"]}


def test_two_sure_cues_in_a_pleased_sounding_post_are_a_complaint():
    # (the fifty-ninth reading: labelled positive, so the draft was "that's lovely to hear")
    result = triage("@bluejet so the \u20ac60 cabin bag fee at the gate for a bag that fit your "
                    "sizer perfectly - is that a new policy or just a nice little earner?",
                    category="airline", platform="mastodon", kind="mention")
    assert result["label"] in ("negative", "mixed"), result


@pytest.mark.parametrize(("text", "flag"), [
    ("Voice assistant started talking on its own at night. Is someone listening?", "privacy"),
    ("Asked for the shipping fee back and was told that's 'not possible'.", "billing_dispute"),
    ("@bluejet is it normal that the seat belt on 14C doesn't latch?", "safety"),
])
def test_questions_of_listening_fees_asked_back_and_seat_belts_are_routed(text, flag):
    result = triage(text, rating=1)
    assert flag in {f["flag"] for f in result["flags"]}, result["flags"]


def test_meat_offered_instead_is_no_meat_found_in_a_vegetarian_meal():
    # (the sixty-first reading: "the crew offered me a chicken wrap instead. I'm vegetarian."
    # was held as a safety finding, "the chicken you found in your vegetarian meal")
    offered = triage("@bluejet the meal I pre-ordered (vegetarian) wasn't loaded, and the crew "
                     "offered me a chicken wrap instead. I'm vegetarian.", category="airline",
                     platform="mastodon", kind="mention")
    found = triage("Found a piece of chicken in my vegetarian biryani. I'm vegetarian.",
                   rating=1, category="restaurant")
    assert "safety" not in {f["flag"] for f in offered["flags"]}, offered["flags"]
    assert "safety" in {f["flag"] for f in found["flags"]}, found["flags"]


def test_an_order_placed_with_the_business_is_its_own_though_a_platform_is_named():
    # (the sixtieth reading: "talk to Swiggy. But I ordered on your number only" was held as
    # about another company)
    ours = triage("When I called they said talk to Swiggy. But I ordered on your number only.",
                  rating=1, category="restaurant")
    theirs = triage("Ordered on Swiggy, the rider was rude and late.", rating=1,
                    category="restaurant")
    assert "other_company" not in {f["flag"] for f in ours["flags"]}, ours["flags"]
    assert "other_company" in {f["flag"] for f in theirs["flags"]}, theirs["flags"]
