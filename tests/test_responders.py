"""The HEARD responder: five labelled moves that say the complaint back in the manager's
words, fit the business and the channel, route what a person must handle, and never an
empty draft."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from responders import banks, compose_draft, sayback
from responders.fit import PLAY_REPLY_LIMIT
from responders.names import first_name
from reviewwatch import config as cfg
from reviewwatch.errors import ConfigError
from reviewwatch.pipeline import triage_item

FIVE = ["hear", "empathize", "apologize", "resolve", "diagnose"]
CONFIG = cfg.from_dict({"storage": {"path": ":memory:"}, "businesses": [
    {"id": "bistro", "name": "Blue Door Bistro", "category": "restaurant",
     "signature": "Maria Lopez, General Manager", "contact": "maria@bluedoor.example",
     "compensation": "a complimentary dessert"},
    {"id": "acme", "name": "Acme Home", "category": "product",
     "signature": "Dana Whitfield, Customer Care Lead", "contact": "care@acme-home.example",
     "profile": {"teams": {"performance": "firmware team"}}},
    {"id": "air", "name": "Bluejet", "category": "airline", "signature": "Sam, Bluejet Care",
     "contact": "care@bluejet.example", "compensation": "500 bonus miles",
     "profile": {"contact": {"social": "DM us your confirmation code"}}},
    {"id": "habits", "name": "Tidepool Habits", "category": "app",
     "signature": "Dana Whitfield, Head of Care", "contact": "care@tidepool.example"},
]}, environ={})
B = {b.id: b for b in CONFIG.businesses}
BISTRO, NO_COMP = B["bistro"], B["habits"]


def draft_for(business, text, platform="google_business", rating=None, author="Sam Carter",
              kind="review", external_id="r1"):
    row = {"text": text, "title": None, "rating": rating, "rating_max": 5, "kind": kind,
           "platform": platform, "author": author, "external_id": external_id}
    triage = triage_item(None, row, B[business], None)
    return compose_draft(row, triage, B[business], platform=platform), triage


def moves(draft):
    return {p["move"]: p["text"] for p in draft["parts"]}


def read_as_posted(business, platform, text, rating, author):
    """The draft for a text read in a session's reading: a mention on Mastodon (no stars), a
    review with `rating` stars elsewhere."""
    kind = "mention" if platform == "mastodon" else "review"
    draft, _ = draft_for(business, text, platform=platform,
                         rating=None if kind == "mention" else rating, author=author, kind=kind)
    assert draft is not None
    return draft


def assert_reads(business, platform, text, wanted, unwanted, rating=1, author="Ada Byrne",
                 case=True):
    """A reading's draft says `wanted` and never `unwanted` (`case=False`: `wanted` in any
    case)."""
    draft = read_as_posted(business, platform, text, rating=rating, author=author)
    reply = draft["reply"]
    assert (wanted in reply if case else wanted.lower() in reply.lower()), reply
    assert unwanted not in reply, reply
    return draft


@pytest.mark.parametrize(("business", "text", "said_back", "team"), [
    ("bistro", "We waited 45 minutes for our food and the waiter was rude.",
     "the waiter was rude", "floor team"),
    ("habits", "The sync is not working since the update, my notes are gone.",
     "the sync is not working since the update", "app team"),
    ("acme", "Both speakers quit connecting to the wifi after a week.",
     "both speakers quit connecting to the wifi after a week", "firmware team"),
    ("air", "My flight was cancelled and nobody told me until the gate.",
     "your flight was cancelled and nobody told you until the gate", "team"),
])
def test_complaint_gets_five_moves_saying_it_back(business, text, said_back, team):
    draft, _ = draft_for(business, text, rating=1)
    assert [p["move"] for p in draft["parts"]][:5] == FIVE
    text_of = moves(draft)
    assert said_back in text_of["hear"]
    assert "what you described" not in draft["reply"]
    assert team in text_of["diagnose"]
    assert B[business].contact in text_of["resolve"]
    assert draft["reply"].rstrip().endswith(B[business].signature)
    assert draft["lint"] == [], draft["lint"]


def test_empathy_and_apology_are_one_natural_sentence_without_if_or_but():
    for n in range(30):
        draft, _ = draft_for("bistro", "We waited an hour for a table.", rating=2,
                             external_id=f"r{n}")
        sentence = moves(draft)["empathize"] + " " + moves(draft)["apologize"]
        assert moves(draft)["empathize"].endswith(",") and " if " not in sentence
        assert moves(draft)["apologize"].startswith("and I")
        assert "waited an hour" not in sentence  # the apology does not re-quote the opening


def test_compensation_only_on_a_review_of_the_business_and_never_when_routed():
    review, _ = draft_for("bistro", "The pasta was cold and the bread was stale.", rating=2)
    assert "complimentary dessert" in review["reply"]
    plain, _ = draft_for("habits", "The app crashes every time I open it.", rating=1)
    assert "complimentary" not in plain["reply"] and "free" not in plain["reply"]
    mention, _ = draft_for("air", "Bluejet lost my bag and the app keeps crashing",
                           platform="hackernews", kind="mention", author="throwaway")
    assert "miles" not in mention["reply"]
    sick, triage = draft_for("bistro", "I got food poisoning after the chicken.", rating=1)
    assert triage["needs_human"] and sick["needs_human"] and sick["holding"]
    assert "dessert" not in sick["reply"] and "refund" not in sick["reply"].lower()


@pytest.mark.parametrize(("text", "flag"), [
    ("I want a refund for the tickets, the show was cancelled", "billing_dispute"),
    ("My husband passed away and I need to cancel his flight", "bereavement"),
    ("Still stranded at the gate after 6 hours, nobody is answering", "ongoing"),
    ("I think this speaker is spying on us", "privacy"),
])
def test_routed_items_get_a_short_safe_holding_reply(text, flag):
    draft, triage = draft_for("air", text, platform="mastodon", kind="mention")
    assert flag in {f["flag"] for f in triage["flags"]}
    assert draft["needs_human"] and draft["holding"] and draft["for_a_person"]
    assert [p["move"] for p in draft["parts"]][:5] == FIVE
    assert "refund" not in draft["reply"].lower()
    assert draft["fits"]["length"] <= draft["fits"]["limit"]


def test_a_safety_flag_is_never_answered_as_the_other_aspect_in_its_clause():
    draft, triage = draft_for("air", "The flight attendant ignored my peanut allergy and served "
                              "nuts in my row", platform="mastodon", kind="mention")
    assert "safety" in {f["flag"] for f in triage["flags"]} and draft["holding"]
    assert "staff" not in draft["reply"] and "treated" not in draft["reply"]


def test_a_live_post_about_being_stuck_goes_to_a_person_a_review_afterwards_does_not():
    text = "Flight 221 delayed 4 hours and now cancelled, stuck at JFK with two kids"
    _, live = draft_for("air", text, platform="mastodon", kind="mention")
    assert "ongoing" in {f["flag"] for f in live["flags"]}
    _, later = draft_for("air", "Last month we were stuck at JFK for hours before boarding",
                         rating=2)
    assert "ongoing" not in {f["flag"] for f in later["flags"]}


def test_a_one_clause_review_is_said_back_even_when_the_stars_alone_said_negative():
    # ("The EQ settings reset every time I close the app" is now a complaint by its words)
    draft, triage = draft_for("acme", "The EQ resets to flat whenever I close the app",
                              rating=2, platform="google_play")
    assert triage["issues"][0].get("inferred")  # the words alone were not sure
    assert "the EQ resets to flat whenever you close the app" in draft["reply"]
    praise, _ = draft_for("acme", "Nice app, I use it every day", rating=2,
                          platform="google_play")
    assert "you use it every day" not in praise["reply"]  # praise with 2 stars: not quoted


def test_praise_gets_a_specific_thank_you():
    draft, _ = draft_for("bistro", "The food was delicious and the staff were lovely!", rating=5,
                         author="Priya")
    assert [p["move"] for p in draft["parts"]] == ["thank", "hear", "invite", "sign"]
    assert "the food" in moves(draft)["hear"] and "sorry" not in draft["reply"].lower()


def test_a_four_star_review_with_a_complaint_answers_the_complaint():
    draft, triage = draft_for("habits", "Love the streaks, but sync is flaky and crashes the "
                              "app every time I add a widget.", rating=4)
    assert triage["label"] == "mixed"
    assert [p["move"] for p in draft["parts"]][:5] == FIVE
    assert "welcome you back" not in draft["reply"]


def test_sarcasm_never_gets_the_thank_you_template():
    draft, triage = draft_for("air", "Thanks for nothing, lost my bag again", platform="mastodon",
                              kind="mention", author="Jo")
    assert triage["label"] == "negative"
    assert "thank" not in [p["move"] for p in draft["parts"]]


def test_words_fit_the_business_and_the_channel():
    speaker, _ = draft_for("acme", "The sound is weak and it keeps disconnecting.", rating=2,
                           platform="google_play")
    assert "your visit" not in speaker["reply"] and "your stay" not in speaker["reply"]
    assert speaker["fits"]["length"] <= PLAY_REPLY_LIMIT == speaker["fits"]["limit"]
    social, _ = draft_for("air", "My bag never arrived in Denver and nobody at the desk helps",
                          platform="mastodon", kind="mention", author="Priya Natarajan")
    assert not social["reply"].startswith("Dear") and "Warmly" not in social["reply"]
    assert social["reply"].startswith("Priya,") and "DM us your confirmation code" in \
        social["reply"]
    assert social["fits"]["limit"] == 500 - len("@Priya Natarajan ")
    sky, _ = draft_for("air", "Flight delayed 4 hours and no update from the crew",
                       platform="bluesky", kind="mention", author="jo")
    assert sky["fits"]["unit"] == "graphemes" and sky["fits"]["length"] <= 300


def test_a_negative_draft_is_never_empty():
    for text in ("bad", "!!!", "no", "The worst.", "meh " * 400):
        draft, _ = draft_for("habits", text, rating=1)
        assert draft and draft["reply"].strip() and draft["parts"], text


def test_neutral_mention_gets_no_draft_and_a_question_gets_a_short_one():
    neutral, _ = draft_for("habits", "Tidepool Habits released version 5 today.",
                           platform="reddit", kind="mention")
    assert neutral is None
    question, _ = draft_for("habits", "Is there a way to export my habits to CSV?",
                            platform="reddit", kind="mention")
    assert [p["move"] for p in question["parts"]] == ["answer"]


def test_a_language_with_a_phrase_bank_gets_a_draft_in_it_marked_for_a_person():
    draft, triage = draft_for("habits", "La aplicación se cierra sola cada vez que la abro, "
                              "es un desastre.", rating=1, author="Lucía Pérez")
    assert triage["language"] == "es" and triage["needs_human"]
    assert draft["language"] == "es" and draft["needs_human"]
    assert [p["move"] for p in draft["parts"]][:5] == FIVE
    german, _ = draft_for("habits", "Die App stürzt ständig ab und der Support antwortet "
                          "überhaupt nicht mehr.", rating=1)
    assert german is None


def test_an_owner_bank_beside_the_configured_one_is_used(tmp_path):
    from tests.conftest import ROOT

    (tmp_path / "phrases.en.toml").write_text((ROOT / "config" / "phrases.en.toml").read_text())
    french = (ROOT / "config" / "phrases.es.toml").read_text().replace(
        'language = "es"', 'language = "fr"').replace("Hola, {name}:", "Bonjour {name},")
    (tmp_path / "phrases.fr.toml").write_text(french)
    row = {"text": "x", "author": "Zoé", "kind": "review"}
    t = {"label": "negative", "language": "fr", "needs_reply": True, "needs_human": True,
         "aspects": [], "evidence": [], "priority": "high"}
    draft = compose_draft(row, t, NO_COMP, bank_path=tmp_path / "phrases.en.toml")
    assert draft is not None and draft["language"] == "fr"


@pytest.mark.parametrize(("author", "name"), [
    ("Sam Carter", "Sam"), ("Maria L.", "Maria"), ("WB-SBB", None), ("user8812", None),
    ("jsmith_99", None), ("JOHNNY", None), ("a@b.example", None), ("Anonymous", None),
    (None, None), ("Zoë", "Zoë"), ("BarbaraMW", None), ("DamaVele", None),
    ("Aoife McKenzie", "Aoife"),
])
def test_first_name_only_for_real_names(author, name):
    assert first_name(author) == name


def test_business_profile_limit_is_in_bytes():
    draft, _ = draft_for("bistro", "We waited 2 hours for a table.", platform="google_business",
                         rating=1)
    assert draft["fits"]["unit"] == "bytes"
    assert len(draft["reply"].encode()) == draft["fits"]["length"] <= 4096


def test_same_review_same_draft():
    assert draft_for("bistro", "We waited 45 minutes.", rating=2) == \
        draft_for("bistro", "We waited 45 minutes.", rating=2)


def test_hundred_similar_complaints_do_not_read_alike():
    replies = [draft_for("bistro", "We waited 45 minutes for our food.", rating=2,
                         external_id=f"r{n}")[0]["reply"] for n in range(100)]
    openings = Counter(r.split("\n\n")[1].split(" ")[0] for r in replies)
    assert openings.most_common(1)[0][1] <= 50
    assert len(set(replies)) >= 20


def test_bank_validation_names_the_problem(tmp_path):
    data = banks.load()
    assert banks.validate(data) == []
    broken = {**data, "hear": {**data["hear"], "lead": ["About {complain}"]}, "extra": {}}
    problems = banks.validate(broken)
    assert any("unknown placeholder {complain}" in p for p in problems)
    assert any(p.startswith("extra: unknown section") for p in problems)
    path = tmp_path / "bank.toml"
    path.write_text("language = 'en'\n[hear]\nlead = []\n")
    with pytest.raises(ConfigError, match="bank.toml"):
        banks.load(path)


def test_shipped_example_banks_match_the_built_in_ones(tmp_path):
    from tests.conftest import ROOT

    assert banks.load(ROOT / "config" / "phrases.en.toml") == banks.load()
    assert banks.load(ROOT / "config" / "phrases.es.toml") == banks.for_language("es")


def test_posts_to_the_brand_on_social_channels():
    complaint, _ = draft_for("air", "@Bluejet my flight was delayed 3 hours and nobody at the "
                             "gate told us anything", platform="mastodon", kind="mention",
                             author="Jo Park")
    assert complaint["reply"].startswith("Jo, you've said that your flight was delayed") or \
        "your flight was delayed 3 hours" in complaint["reply"]
    question, triage = draft_for("air", "@Bluejet why does your app keep logging me out when I "
                                 "try to check in?", platform="mastodon", kind="mention",
                                 author="Jo Park")
    assert triage["questions"] == ["why does your app keep logging me out when I try to check in?"]
    assert question["reply"].startswith("Jo, thanks for asking.")
    praise, _ = draft_for("air", "Thanks @Bluejet for the upgrade today, crew was fantastic!",
                          platform="mastodon", kind="mention", author="Jo Park")
    assert praise["reply"].startswith("Jo, thank you") and "review" not in praise["reply"]
    forum, _ = draft_for("air", "Flew Bluejet last week, the crew was fantastic!",
                         platform="hackernews", kind="mention", author="pg")
    assert forum is None  # praise in a forum thread is not answered


@pytest.mark.parametrize(("clause", "said"), [
    ("Awkward style Fits very strange", None),  # a title run into its text
    # (a title run into its text: the text is said back, never the title with it)
    ("Horrible quality The fabric pilled after one wash", "the fabric pilled after one wash"),
    ("the Bose speaker stopped pairing", "the Bose speaker stopped pairing"),  # a name stays
    ("my Pixel keeps dropping the connection", "your Pixel keeps dropping the connection"),
    ("Sorry this is not good coffee.", "this is not good coffee"),  # not "I read that sorry"
    # "they" who did something to the customer is the business, owned as "we"
    ("They forgot our order and we waited an hour",
     "we forgot your order and you waited an hour"),
    ("they charged me twice for the same coffee", "we charged you twice for the same coffee"),
    ("They were so loud at the next table", None),  # other guests, perhaps: not said back
    ("Seriously, the app crashes every time", "the app crashes every time"),
])
def test_a_clause_with_a_capital_mid_sentence_is_said_back_only_when_it_is_a_name(clause,
                                                                                  said):
    from responders.sayback import say_back

    assert say_back(clause) == said


def test_praise_is_thanked_only_for_a_thing_and_only_when_it_stands():
    # "worth" shows the price aspect but is no thing to have liked
    draft, _ = draft_for("bistro", "One word for my latte: water. Not really sure what went "
                         "wrong. On the other hand, right next door, which is worth something.",
                         rating=2)
    assert "liked the worth" not in draft["reply"]
    # praise the same sentence takes back is not praise
    draft, _ = draft_for("bistro", "The quiche was heated up in the microwave. The food looked "
                         "amazing but was far too under seasoned.", rating=2)
    assert "glad you liked" not in draft["reply"]
    assert "the quiche was heated up in the microwave" in moves(draft)["hear"]
    # a contrast with its own subject leaves it standing
    draft, _ = draft_for("acme", "The fabric is gorgeous, but the size I ordered didn't fit "
                         "at all.", rating=2)
    assert "glad you liked the fabric" in moves(draft)["hear"]


@pytest.mark.parametrize(("text", "not_said"), [
    # the subject is in the clause before: said back alone it has none
    ("The colours are vivid but the fit is a mess. The waistline curves up in the front and "
     "then falls into small pleats which was maternityish.", "that falls into"),
    # the customer thinking aloud is not the complaint
    ("Someone in the back kept messing up the coffee. I don't know what it was, burnt or weak "
     "or old or something.", "don't know what it was"),
])
def test_clauses_without_their_own_subject_or_with_doubt_are_not_said_back(text, not_said):
    draft, _ = draft_for("bistro", text, rating=2)
    assert not_said not in draft["reply"]
    assert "what you described" not in draft["reply"]


def test_listening_to_instructions_is_not_privacy_but_private_information_is():
    draft, _ = draft_for("habits", "not very good at listening to clear instructions.", rating=1)
    assert "privacy" not in draft["reply"]
    draft, _ = draft_for("habits", "Not good I'd prefer my information private", rating=1)
    assert "privacy" in draft["reply"]


def test_a_rhetorical_question_is_not_promised_an_answer():
    draft, triage = draft_for("bistro", "Their boba was... how do I explain? It was falling "
                              "apart and the texture was gross.", rating=2)
    assert not triage["questions"] and "your question" not in draft["reply"]


def test_a_hospital_named_in_passing_is_no_safety_case_and_teams_fit_the_business():
    draft, triage = draft_for("bistro", "It has been remodeled and now looks like a hospital "
                              "cafeteria. The place was dirty and the tables sticky.", rating=1)
    assert not triage["flags"] and "safety" not in draft["reply"]
    assert "housekeeping" not in draft["reply"]  # a restaurant has no housekeeping team
    _, triage = draft_for("bistro", "My son ended up in the hospital after the shrimp.", rating=1)
    assert [f["flag"] for f in triage["flags"]] == ["safety"]


@pytest.mark.parametrize(("business", "text", "said"), [
    # the review leaves out its subject: it is the app or the product
    ("habits", "doesn't save chat, it clears them immediately and I'm already signed in",
     "the app doesn't save chat"),
    ("acme", "Stopped working after a week. Very disappointed.", "it stopped working"),
    # two sentences run together: the first is said back, not both
    ("acme", "All it took was one drop from the counter and it was cracked.I am not impressed.",
     "it was cracked."),
])
def test_subjectless_and_run_on_clauses_are_said_back_whole(business, text, said):
    draft, _ = draft_for(business, text, rating=1)
    assert said in moves(draft)["hear"]
    assert "you are not impressed" not in draft["reply"]


def test_no_opening_no_is_stripped_and_a_phone_that_holds_a_charge_is_not_support():
    draft, _ = draft_for("habits", "no record of dates to when the thread started", rating=1)
    assert "that record of dates" not in draft["reply"]
    draft, _ = draft_for("acme", "My old phone holds the charge a lot better than this.",
                         rating=1)
    assert "hearing back" not in draft["reply"] and "support team" not in draft["reply"]


def test_a_long_review_is_not_asked_what_went_wrong_and_a_shop_has_no_shift():
    text = ("This update trashed the product. It's watered down, over-censored, and feels "
            "like it's scared to say anything useful. The edge is gone. The whole experience "
            "went from sharp to corporate mush. Nobody asked for a babysitter.")
    draft, _ = draft_for("habits", text, rating=1)
    assert "tell me what went wrong" not in draft["reply"]
    assert "what you tell me" not in draft["reply"]
    draft, _ = draft_for("acme", "They have a terrible customer service, so you get what you "
                         "pay for.", rating=1)
    assert "who were there" not in draft["reply"] and "date and time" not in draft["reply"]


def test_who_in_their_right_mind_is_not_a_question_to_answer():
    draft, triage = draft_for("acme", "Who in their right mind is gonna buy this battery?",
                              rating=1)
    assert not triage["questions"] and "your question" not in draft["reply"]


def mention_for(business, text, platform):
    row = {"text": text, "title": None, "rating": None, "rating_max": 5, "kind": "mention",
           "platform": platform, "author": "Alex Rivera", "external_id": "m1"}
    triage = triage_item(None, row, B[business], None)
    return compose_draft(row, triage, B[business], platform=platform), triage


def test_posts_to_the_brand_read_as_a_care_manager_would():
    # a plain how-to question is answered, not apologised for
    draft, _ = mention_for("acme", "@acme how do I reset the speaker to factory settings?",
                           "bluesky")
    assert "sorry" not in draft["reply"].lower() and "answer" in draft["reply"]
    assert not draft["lint"]
    # "right now" is the disruption only next to one
    _, triage = mention_for("acme", "@acme the app says my speaker is offline but it's "
                            "playing music right now. what gives?", "mastodon")
    assert "ongoing" not in [f["flag"] for f in triage["flags"]]
    _, triage = mention_for("air", "at the gate right now and nobody is here to help",
                            "bluesky")
    assert "ongoing" in [f["flag"] for f in triage["flags"]]
    # a page leaking other customers' data goes to a person
    draft, triage = mention_for("bistro", "Their online ordering page leaks other customers' "
                                "addresses in the JSON, fyi", "hackernews")
    assert "privacy" in [f["flag"] for f in triage["flags"]] and draft["holding"]
    # "Is anyone there?" is not a question to promise an answer to
    draft, triage = mention_for("air", "Been on hold for 90 minutes trying to rebook a "
                                "cancelled flight. Is anyone there?", "mastodon")
    assert not triage["questions"] and "your question" not in draft["reply"]


def test_a_long_say_back_gives_way_to_its_aspect_on_bluesky_and_sorry_is_said_once():
    draft, _ = mention_for("acme", "@acme my speaker keeps disconnecting from wifi every night "
                           "since the last update", "bluesky")
    assert not [f for f in draft["lint"] if f["rule"] == "too_long"]
    assert draft["fits"]["length"] <= draft["fits"]["limit"]
    assert draft["reply"].lower().count("sorry") == 1


@pytest.mark.parametrize(("business", "text", "not_said"), [
    ("bistro", "Rude and watered down tea. I was the only one ordering and didn't get helped.",
     "rude and watered down tea"),  # no verb: not a sentence to say back
    ("bistro", "Coffee deserves 5 stars but the chick behind the counter is so rude.",
     "chick"),  # a customer's slur is never repeated
    ("acme", "Runs big and looked unflattering. I am petite, might work on someone taller.",
     "petite"),  # the customer describing themself is not the complaint
    ("bistro", "I needed a place to work. There are lots of tables, not enough outlets.",
     "lots of tables"),
])
def test_what_is_not_a_complaint_or_not_a_sentence_is_not_said_back(business, text, not_said):
    draft, _ = draft_for(business, text, rating=2)
    assert not_said not in draft["reply"].lower()
    assert "that runs big" not in draft["reply"]


def test_praise_only_heard_of_is_not_thanked():
    draft, _ = draft_for("bistro", "I wish I could write a review of how great the food was, as "
                         "I heard from others. The manager refused to seat us.", rating=2)
    assert "glad you liked" not in draft["reply"]


def test_a_product_unlike_its_photos_is_the_listing_and_fit_is_no_step_back():
    draft, triage = draft_for("acme", "So wanted to love it. The one received is not the one in "
                              "the photos, and the top is not the same.", rating=2)
    assert any(i["aspect"] == "listing" for i in triage["issues"])
    assert "listing" in moves(draft)["resolve"]
    draft, _ = draft_for("acme", "This skirt is very short. I ordered my usual size and it was "
                         "so short that it ended above my ankle.", rating=2)
    assert "step back" not in draft["reply"] and "grates" not in draft["reply"]
    assert not draft["lint"]


@pytest.mark.parametrize(("business", "text", "not_said"), [
    ("acme", "Ladies this top shrinks! I am very disappointed, it shrunk after one wash.",
     "you are very disappointed"),  # a bare emotion is not the complaint
    ("acme", "So cute, but it was shapeless and the support thin! It had to go back.",
     "had to go back"),  # the customer's own return
    ("bistro", "The credit card machine was acting up, and I see that I was charged 3 times.",
     "you see that"),  # 'I see that' is an opener
])
def test_more_clauses_that_are_not_the_complaint_as_written(business, text, not_said):
    draft, _ = draft_for(business, text, rating=2)
    assert not_said not in draft["reply"]


def test_one_name_for_the_staff_and_a_rhetorical_what_happened():
    draft, triage = draft_for("bistro", "What happened to this place? The staff ignored us and "
                              "the service was awful, rude baristas everywhere.", rating=2)
    assert not triage["questions"] and "your question" not in draft["reply"]
    assert "the way you were treated and the service" not in draft["reply"]
    draft, _ = draft_for("acme", "Stinky sweater, quite a smell off of this one.", rating=1)
    assert "when you come to us" not in draft["reply"]


def test_the_customers_self_blame_is_never_said_back():
    draft, _ = draft_for("acme", "So cute, but it was huge and shapeless! It had to go back. I "
                         "should've looked at other reviews.", rating=1)
    assert "should've" not in draft["reply"] and not draft["lint"]


def test_app_reviews_headline_accessibility_and_no_cleanliness():
    # the title is the customer's own headline of the complaint; it drops its article
    row = {"text": "I use the mobile app to deposit checks. It works on personal checks but "
                   "not on business ones. The previous app did not have this problem.",
           "title": "Mobile app cannot recognize endorsement on business size checks.",
           "rating": 2, "rating_max": 5, "kind": "review", "platform": "appstore_connect",
           "author": None, "external_id": "t1"}
    triage = triage_item(None, row, B["habits"], None)
    draft = compose_draft(row, triage, B["habits"], platform="appstore_connect")
    assert "the mobile app cannot recognize endorsement" in moves(draft)["hear"]
    draft, triage = draft_for("habits", "As a person with a visual disability the muted colors "
                              "and small font sizing make it difficult to use.", rating=2)
    assert "accessibility" in draft["reply"] and "the wait" not in draft["reply"]
    draft, _ = draft_for("habits", "The app is heavy and slow, and it is not clean at all.",
                         rating=1)
    assert "cleanliness" not in draft["reply"] and "your the app" not in draft["reply"]


def test_real_app_store_reviews_draft_without_lint_errors_or_broken_phrases(shared):
    feed = json.loads(shared("fixtures", "apple_app_store_rss",
                             "customerreviews_us_id1321994487_page1.json").read_text())
    drafted = 0
    for e in feed["feed"]["entry"]:
        rating = int(e.get("im:rating", {}).get("label") or 5)
        if rating > 2:
            continue
        row = {"text": e["content"]["label"], "title": e["title"]["label"], "rating": rating,
               "rating_max": 5, "kind": "review", "platform": "appstore_connect",
               "author": None, "external_id": e["id"]["label"]}
        triage = triage_item(None, row, B["habits"], None)
        draft = compose_draft(row, triage, B["habits"], platform="appstore_connect")
        drafted += 1
        assert not [f for f in draft["lint"] if f["severity"] == "error"], draft
        for broken in ("your the ", "cleanliness", "5- 10", "that needs to", "what you described"):
            assert broken not in draft["reply"], draft["reply"]
    assert drafted >= 15


def test_an_evacuation_goes_to_a_person_and_sarcasm_leaves_the_plain_complaint_said():
    _, triage = draft_for("bistro", "A warning came over the loud speakers to leave the "
                          "building. There was a state of confusion and no one knew what was "
                          "happening.", rating=1)
    assert "safety" in [f["flag"] for f in triage["flags"]]
    draft, triage = draft_for("bistro", "We waited in the line for 45 minutes and they were "
                              "out of hot dogs. Thanks for nothing.", rating=2)
    assert "sarcasm" in [f["flag"] for f in triage["flags"]]
    assert "thank you for the kind" not in draft["reply"].lower()
    assert "Thanks for nothing" not in draft["reply"]
    assert "45 minutes" in moves(draft)["hear"] or "the wait" in moves(draft)["hear"]


def test_demo_like_posts_mixed_praise_a_question_and_lost_data():
    # praise with a doubt nobody can name is not apologised for; in a thread it gets nothing
    draft, _ = mention_for("habits", "Switched from Streaks to Tidepool last month and I love "
                           "the weekly review, it keeps me honest.", "hackernews")
    assert draft is None or "sorry" not in draft["reply"].lower()
    # a thread's question is answered, not thanked
    draft, _ = mention_for("habits", "Does anyone know if Tidepool supports exporting to CSV? "
                           "Thinking about switching from my spreadsheet.", "hackernews")
    assert "answer" in draft["reply"] and "lovely" not in draft["reply"]
    # lost data is a bug, not a privacy matter
    draft, _ = draft_for("habits", "Updated the app and all my habits and history are gone. "
                         "Years of data, wiped.", rating=1)
    assert "privacy" not in draft["reply"]
    # a 4-star review whose sync never shows up is answered about it
    draft, triage = draft_for("habits", "Great design and the reminders are spot on, but syncing "
                              "between my phone and iPad is slow and sometimes my check-ins "
                              "never show up on the phone.", rating=4)
    assert triage["label"] == "mixed" and "sorry" in draft["reply"].lower()


@pytest.mark.parametrize(("text", "wanted", "unwanted"), [
    ("I fully charged it before bed and it only had 20 % left in the morning.",
     "it only had 20% left in the morning", "the charge"),  # a battery's charge is not a bill
    ("It was an inexpensive piece, but I would still have expected better quality.",
     "quality", "inexpensive piece"),  # before 'but' is the concession, not the complaint
    ("Not loud enough and doesn't turn on like it should.",
     "it is not loud enough and doesn't turn on", "what went wrong"),
    ("This is infuriating.", "", "that this is infuriating"),
])
def test_electronics_complaints_are_named_as_a_manager_would(text, wanted, unwanted):
    draft, _ = draft_for("acme", text, rating=1)
    assert wanted in draft["reply"] and unwanted not in draft["reply"]


def test_airline_posts_sarcasm_names_what_it_mocks_and_a_car_seat_is_baggage():
    draft, triage = mention_for("air", "@bluejet thanks for losing my bag AGAIN. third time this "
                                "year", "bluesky")
    assert "sarcasm" in [f["flag"] for f in triage["flags"]]
    assert "your bag." in draft["reply"] and "what went wrong" not in draft["reply"]  # (one
    # bag: "your bag", since the fifty-eighth reading)
    assert "review" not in draft["reply"]  # a post is not a review
    draft, _ = mention_for("air", "@bluejet lost my kid's car seat, what am I supposed to do now",
                           "bluesky")
    assert "your car seat" in draft["reply"] and "booking" not in draft["reply"]  # (its thing)


def test_said_back_text_is_cleaned_of_stutter_and_refused_when_sentences_run_together():
    from responders.sayback import say_back

    assert say_back("it tasted very very burnt") == "it tasted very burnt"
    assert say_back("the quality was so so") == "the quality was so so"  # "so-so" is a word
    assert say_back("one of the most.useless paid ai i have never used") is None


def test_a_mixed_up_order_is_a_service_failure_and_counterfactual_praise_is_not_a_complaint():
    draft, _ = draft_for("bistro", "You MUST order very slowly and ask the server to repeat the "
                         "order back, or you get oatmeal swimming in espresso, delivered to your "
                         "table 30 minutes after you ordered.", rating=1)
    assert "where things stand" not in draft["reply"] and "your reference" not in draft["reply"]
    assert "Nobody should be treated" not in draft["reply"]
    draft, _ = draft_for("bistro", "Sad to say, if it wasn't for the great staff here I would "
                         "not come. The new coffee extract is much more bitter than it used to "
                         "be.", rating=2)
    assert "the way you were treated" not in draft["reply"]
    assert "if it wasn't for" not in draft["reply"]


def test_an_adverb_led_continuation_is_not_said_back_and_a_loose_case_is_the_fit():
    draft, _ = draft_for("acme", "The case was an extra that I put on but later discarded "
                         "because it scratched my ear.", rating=1)
    assert "later discarded" not in draft["reply"]
    draft, _ = draft_for("acme", "When I placed my phone into the case, not only was it NOT "
                         "snug, but there was a lot of extra room on the sides.", rating=1)
    assert "the fit" in draft["reply"]


def test_idioms_and_cut_texts_from_the_last_fresh_slice():
    from responders.sayback import say_back

    # "to add insult to injury" is no injury
    _, triage = draft_for("bistro", "The toddy was watered down. To add insult to injury, the "
                          "cup was half empty.", rating=1)
    assert "safety" not in [f["flag"] for f in triage["flags"]]
    # "the stink eye" is not the cleanliness
    draft, _ = draft_for("bistro", "The not so nice girl at the register gave us the stink eye "
                         "all night. Service was unforgiving.", rating=2)
    assert "cleanliness" not in draft["reply"]
    # two sentences run together; a past verb after "but then" borrows its subject
    assert say_back("drinks were fine service was unforgiving and uncomfortable") is None
    draft, _ = draft_for("habits", "I was considering upgrading but then saw it was 20$ a month. "
                         "for Ai? really?", rating=1)
    assert "saw it was" not in draft["reply"] and "$a" not in draft["reply"]
    # a long text its source cut off mid-word: its last clause is not said back
    cut = ("I was just wanting it to be a great addition for vacations and beach days, but it's "
           "honestly so thin I couldn't see it working. " * 4 + "My usual small was way more "
           "bodycon than I was anti")
    draft, _ = draft_for("acme", cut, rating=2)
    assert "than you were anti" not in draft["reply"]


def test_not_enough_volume_and_a_plug_that_lines_up_are_the_product_not_a_wait():
    draft, _ = draft_for("acme", "Not enough volume.", rating=1)
    assert "there is not enough volume" in moves(draft)["hear"]
    draft, _ = draft_for("acme", "I have to jiggle the plug to get it to line up right to get "
                         "decent volume.", rating=1)
    assert "the wait" not in draft["reply"] and "where things stand" not in draft["reply"]


def test_one_name_for_price_and_pricing_no_one_answered_is_support_and_a_bug_is_no_redesign():
    draft, _ = draft_for("habits", "Paid for Plus and half the features don't work. Complete "
                         "waste of money, the price is far too high.", rating=1)
    assert "the price and the pricing" not in draft["reply"]
    draft, _ = draft_for("habits", "Opened three tickets about a sync bug. No one answered.",
                         rating=1)
    assert "quality of the answers" not in draft["reply"]
    draft, _ = draft_for("habits", "Notifications stopped working after the 4.2 update.",
                         rating=1)
    assert "step back" not in draft["reply"] and "people who decide" not in draft["reply"]


@pytest.mark.parametrize(("text", "said", "not_said"), [
    # shouting is said back in a normal voice; short acronyms stay
    ("The lamb meat was under-cooked and EXTRMELY CHEWY.",
     "the lamb meat was under-cooked and extrmely chewy", "CHEWY"),
    ("The USB port is BROKEN after two days.", "the USB port is broken", "BROKEN"),
    # two complaints of one kind in one sentence are said back together
    ("The pizza was delivered cold and the cheese wasn't even fully melted!",
     "the pizza was delivered cold and the cheese wasn't even fully melted", "serious"),
])
def test_the_opening_says_the_whole_complaint_in_a_normal_voice(text, said, not_said):
    business = "acme" if "USB" in text else "bistro"
    draft, _ = draft_for(business, text, rating=1)
    hear = moves(draft)["hear"]
    assert said in hear and not_said not in draft["reply"], hear


def test_what_the_customer_did_before_it_went_wrong_is_not_said_back_as_the_complaint():
    draft, _ = draft_for("bistro", "Ive asked a cart attendant for a lotus leaf wrapped rice "
                         "and she replied back rice and just walked away.", rating=1)
    assert "asked a cart attendant" not in moves(draft)["hear"], moves(draft)["hear"]


def test_an_airline_websites_errors_go_to_its_digital_team():
    draft, triage = draft_for("air", "@bluejet can't check in online, the site keeps throwing an "
                              "error", platform="bluesky", kind="mention")
    assert triage["issues"][0]["aspect"] == "digital", triage["issues"]
    assert "digital team" in moves(draft)["diagnose"], draft["reply"]


def test_what_the_customer_cannot_do_is_said_back_as_theirs():
    from responders.sayback import say_back

    assert say_back("can't check in online") == "you can't check in online"  # no subject given
    draft, _ = draft_for("habits", "can't login. clear the bug.", platform="google_play",
                         rating=1)
    assert "you can't log in" in moves(draft)["hear"], moves(draft)["hear"]


def test_praise_on_low_stars_picks_no_team_and_no_failure():
    # "support" in "good information support" is praise: no "left without an answer"
    draft, _ = draft_for("habits", "good information support ..", platform="google_play",
                         rating=2)
    assert "answer" not in draft["reply"] and "support team" not in draft["reply"], \
        draft["reply"]


def test_praise_words_with_a_complaint_cue_still_name_the_failure():
    draft, _ = draft_for("habits", "please optimize it\U0001F64F chatgpt is so laggy and slow on "
                         "both mobile and web", platform="google_play", rating=1)
    assert "app team" in moves(draft)["diagnose"] and "disappoint" not in moves(draft)[
        "empathize"], draft["reply"]


def test_a_privacy_matter_goes_to_the_privacy_team():
    draft, triage = draft_for("habits", "WARNING THIS TECHNOLOGY HARVESTS ALL PROPRIETARY AND "
                              "FIRST PERSON INFORMATION ABOUT ALL PROJECTS", platform="google_play",
                              rating=1)
    assert triage["needs_human"] and "privacy team" in moves(draft)["diagnose"], draft["reply"]


def test_a_garbled_list_is_not_said_back_with_a_subject_put_in_front():
    draft, _ = draft_for("habits", "not true image,voice chat not working also uses wrong words",
                         platform="google_play", rating=1)
    assert "the app is not true image" not in draft["reply"], draft["reply"]


@pytest.mark.parametrize(("text", "empathy"), [
    ("I'm trying to return it for a refund.", "chase their own money"),
    ("You charged me twice for one order.", "a charge like that"),
])
def test_a_refund_chased_is_not_answered_as_a_charge(text, empathy):
    draft, triage = draft_for("acme", text, rating=1, external_id="refund-1")
    assert triage["needs_human"] and empathy in moves(draft)["empathize"], draft["reply"]


@pytest.mark.parametrize(("text", "said"), [
    ("Quite frankly, this is some of the worst sushi I have ever tried.",
     "this is some of the worst sushi you have ever tried"),
    ("The only problem is that the manager was rude to my mother.",
     "the manager was rude to your mother"),  # (not an insult of our staff said back: "the
    # manager is a complete incompetent", as the forty-third reading found)
    ("It was unfortunately extremely wide and not flattering.",
     "it was extremely wide and not flattering"),
])
def test_a_say_back_drops_the_customers_preamble(text, said):
    draft, _ = draft_for("bistro", text, rating=1)
    hear = moves(draft)["hear"]
    assert f"that {said}." in hear and "frankly" not in hear and "problem" not in hear and \
        "unfortunately" not in hear, hear


def test_a_customer_who_refuses_to_repeat_it_is_not_asked_to():
    draft, _ = draft_for("habits", "The app still won't sync my notes. And don\u2019t tell me to "
                         "email you, I described the problem above!!", platform="google_play",
                         rating=1)
    resolve = moves(draft)["resolve"]
    assert "no need to explain it again" in resolve and "update" in resolve, resolve
    assert "care@tidepool.example" in resolve


def test_a_headline_said_back_keeps_its_article():
    row = {"text": "I use the mobile app to deposit checks. It cannot find the endorsement on "
           "business checks.", "title": "Mobile app cannot recognize endorsement on business "
           "size checks.", "rating": 2, "rating_max": 5, "kind": "review",
           "platform": "appstore_connect", "author": None, "external_id": "as1"}
    triage = triage_item(None, row, B["habits"], None)
    draft = compose_draft(row, triage, B["habits"], platform="appstore_connect")
    assert "that the mobile app cannot recognize endorsement" in moves(draft)["hear"], \
        moves(draft)["hear"]


def test_a_billing_dispute_held_for_a_person_is_not_called_the_pricing():
    draft, triage = draft_for("habits", "I cancelled my subscription in October and was still "
                              "billed in November. Reporting this to my bank.",
                              platform="google_play", rating=1)
    assert triage["needs_human"] and "pricing" not in draft["reply"], draft["reply"]


def test_what_was_paid_for_is_not_said_back_before_what_went_wrong():
    draft, _ = draft_for("habits", "Waste of money. Paid for Plus and half the features don't "
                         "work. Complete waste of money, never again.", platform="google_play",
                         rating=1)
    assert "half the features don't work" in moves(draft)["hear"], moves(draft)["hear"]


@pytest.mark.parametrize(("clause", "subject", "said"), [
    # a post's headline grammar, said back as a sentence
    ("@SkylarkAir flight 212 delayed again", None, "flight 212 was delayed again"),
    ("order came 90 min late and ice cold", None,
     "your order came 90 minutes late and ice cold"),
    ("App crashes every time", None, "the app crashes every time"),
    ("Interior was so so.", None, "the interior was so so"),
    ("not work properly", "the app", "the app does not work properly"),
    ("Alone for 100 bucks, it is really overpriced.", None, "it is really overpriced"),
    # never alone: the rest of the sentence, or what it judges, is elsewhere
    ("It was not.", None, None),
    ("I didn't like.", None, None),
    ("We did have to wait at the bar for approx.", None, None),
    ("Not impressed.", "it", None),  # the customer, not "it is not impressed"
    ("Widgets broken on iOS 18", None, "the widgets are broken on iOS 18"),
    ("is wrong more than right.", None, None),
    ("it was not for the better", None, None),
])
def test_a_clause_is_said_back_as_a_sentence(clause, subject, said):
    from responders.sayback import say_back

    assert say_back(clause, subject) == said


def test_a_rude_delivery_driver_is_answered_as_the_way_they_treated_you():
    draft, _ = draft_for("bistro", "@BlueDoor driver was rude and threw the box at my door",
                         platform="bluesky", kind="mention")
    parts = moves(draft)
    assert "treat" in parts["empathize"] and "where things stand" not in parts["resolve"], \
        draft["reply"]


@pytest.mark.parametrize("text", [
    # praise of how it once was, and of another place, is not thanked
    "I have enjoyed the atmosphere in the past. It is DIRTY now and the staff don't clean the "
    "tables.",
    "Save your money, go to Margharita's on Washington Street instead, they have amazing food "
    "and the BEST service.",
])
def test_praise_that_is_not_of_us_now_is_not_thanked(text):
    draft, _ = draft_for("bistro", text, rating=2)
    assert "glad you liked" not in draft["reply"], draft["reply"]


@pytest.mark.parametrize(("text", "wanted", "unwanted"), [
    # after "but" another thing: a charger that arrived on time and did not work is no parcel
    ("The charger arrived within the promised timeframe, but it did not work.",
     "it did not work", "where things stand"),
    ("The ear buds only play music in one ear.", "how it performs", "software"),
    ("It is unusable in a moving car at freeway speed.",
     "it is unusable in a moving car at freeway speed", "what went wrong"),
])
def test_a_devices_failure_is_named_as_a_failure_of_the_device(text, wanted, unwanted):
    draft, _ = draft_for("acme", text, rating=2, external_id="dev-1")
    assert wanted in draft["reply"] and unwanted not in draft["reply"], draft["reply"]


def test_a_change_for_the_worse_is_heard_and_an_elided_half_is_never_joined_on():
    text = ("Recent changes have significantly reduced usability and reliability. These changes "
            "were framed as improvements but function as regressions, and the lack of transparent "
            "communication has undermined trust.")
    draft, triage = draft_for("habits", text, platform="google_play", rating=1)
    assert any("reduced usability" in i["clause"] for i in triage["issues"]), triage["issues"]
    hear = moves(draft)["hear"]
    assert "function as regressions" not in hear and "without an answer" not in draft["reply"], \
        draft["reply"]


def test_a_three_star_failure_with_no_kind_word_is_not_thanked():
    draft, _ = draft_for("habits", "how come I can't upload a picture from my gallery",
                         platform="google_play", rating=3)
    assert "kind words" not in draft["reply"] and "lovely" not in draft["reply"], draft["reply"]



@pytest.mark.parametrize(("text", "wanted"), [
    ("The core tracker is good, but every other screen pushes me to upgrade to Plus. The pop "
     "ups are annoying and make the free version feel like a trial.", "sorry"),
    ("Beautiful, but scratchy. My friend's first comment was 'take it off, it is scratchy'. "
     "fit was true to size.", "the material"),
    ("This is not red! i thought it was very cute, but it is not red as advertised. it is "
     "really a brick orange-y color, which is definitely not what i wanted. very disappointed. "
     "sent it right back.", "sorry"),
])
def test_a_three_star_complaint_is_never_answered_with_thanks_alone(text, wanted):
    draft, _ = draft_for("acme", text, platform="trustpilot", rating=3, external_id="c3")
    assert wanted in draft["reply"] and "lovely review" not in draft["reply"] and \
        "Enjoy it" not in draft["reply"], draft["reply"]


def test_a_play_reply_names_both_complaints_when_350_characters_hold_them():
    text = ("Weak sound. Compared to the Google Home Mini the sound is bad. Also you need Prime "
            "to have a small selection of music. I think it's lame that you need a family plan "
            "to use multiple devices.")
    draft, _ = draft_for("acme", text, platform="google_play", rating=2, author="Karen Miller")
    assert "the weak sound and needing a subscription" in draft["reply"], draft["reply"]
    assert draft["fits"]["length"] <= PLAY_REPLY_LIMIT


# Fifth-session reading (48 drafts, posts and reviews written here in the style of real ones
# to an airline, a speaker maker and a restaurant): each case below was a REWRITE or LIGHT.

@pytest.mark.parametrize(("text", "said_back"), [
    # a rhetorical "??" and the brand's own "you" ("you rebooked me"): said back as ours
    ("@bluejet my flight got cancelled and you rebooked me on a flight 2 days later?? I have "
     "a wedding tomorrow", "your flight got cancelled and we rebooked you on a flight 2 days "
     "later"),
    # a post's subject-less clause is the customer's ("got bumped", "had to wait")
    ("@bluejet just got bumped from my flight even though I checked in 24 hours ahead",
     "you got bumped from your flight even though you checked in 24 hours ahead"),
    # a noun with its article left out ("customer service rep hung up on me")
    ("@bluejet customer service rep hung up on me. twice.",
     "the customer service rep hung up on you"),
])
def test_a_post_is_said_back_in_the_managers_grammar(text, said_back):
    draft, _ = draft_for("air", text, platform="mastodon", author="Rita Gomez", kind="mention")
    assert said_back in moves(draft)["hear"], draft["reply"]


@pytest.mark.parametrize(("text", "wanted", "unwanted"), [
    ("@bluejet can you help? missed my connection in ATL because the inbound was late and the "
     "next flight is tomorrow. need a hotel",
     "rebooking options we can offer you and what meal and hotel support", "held things up"),
    ("@bluejet I've been on hold for 2 hours trying to rebook my Cancelled flight.",
     "rebooking options", "proper answer"),
    # a voucher complained about is no voucher asked for
    ("@bluejet thanks for the 4 hour delay and the $10 voucher. you really shouldn't have",
     "held things up", "hotel support"),
])
def test_a_stranded_passenger_is_offered_a_flight_and_help_not_a_reason(text, wanted, unwanted):
    draft, _ = draft_for("air", text, platform="mastodon", author="Ian Moss", kind="mention")
    assert wanted in draft["reply"] and unwanted not in draft["reply"], draft["reply"]


@pytest.mark.parametrize(("text", "about", "team"), [
    ("@bluejet seriously the plane has been sitting at the gate for 90 mins with AC off. kids "
     "are melting.", "the 90-minute delay", "operations team"),  # "the gate" is no gate agent
    ("@bluejet lost my loyalty points after you merged my accounts, support says wait 6-8 "
     "weeks. not acceptable", "your points", "loyalty team"),  # not "the coupon"
    ("@bluejet your gate agent in Charlotte just told me my carry on was too big after it fit "
     "fine on the first leg. $50 fee. Really?", "sorry", "team"),  # was thanked
])
def test_an_airline_post_names_what_it_is_about(text, about, team):
    draft, triage = draft_for("air", text, platform="mastodon", author="Chris Dunn",
                              kind="mention")
    assert triage["label"] == "negative", triage
    assert about in draft["reply"] and team in draft["reply"], draft["reply"]


def test_a_passenger_left_without_wheelchair_help_is_a_complaint_about_assistance():
    # (was read as a lost bag, and as no complaint: "help" is praise to VADER)
    _, triage = draft_for(
        "air", "@bluejet my wife uses a wheelchair and nobody showed up to help her off the "
        "plane. we waited 40 minutes", platform="mastodon", author="Paul Grant", kind="mention")
    assert "assistance" in [i["aspect"] for i in triage["issues"]], triage["issues"]


@pytest.mark.parametrize(("business", "text", "both"), [
    ("bistro", "Visited with family on Sunday. Food was average. Service was very slow, we had "
     "to call the waiter 3 times for water. Not worth the money.",
     "the service was very slow, and that you had to call the waiter 3 times for water"),
    ("acme", "Stopped working after 2 months. It just shows a red light and won't connect to "
     "wifi anymore.", "it stopped working after 2 months, and that it just shows a red light "
     "and won't connect to wifi anymore"),
    ("bistro", "Bill was wrong, they charged us for 2 extra drinks we never ordered.",
     "the bill was wrong, and that we charged you for 2 extra drinks you never ordered"),
])
def test_two_complaints_are_both_said_back(business, text, both):
    draft, _ = draft_for(business, text, platform="trustpilot", rating=1)
    assert both in moves(draft)["hear"], draft["reply"]


def test_a_verdict_is_never_said_back_as_a_second_complaint():
    # "it didn't get better" and "you were not happy" name nothing: one complaint is said back
    draft, _ = draft_for("bistro", "The man behind the counter was rude. It didn't get better. "
                         "I was not happy.", platform="trustpilot", rating=1)
    hear = moves(draft)["hear"]
    assert "and that" not in hear, hear


@pytest.mark.parametrize(("clause", "said"), [
    ("Alexa doesn't understand half of what I say.", "Alexa doesn't understand half of what "
     "you say"),  # a name keeps its capital
    ("Mike was rude to us", "Mike was rude to you"),
    ("Washroom was dirty and the tables were sticky.", "the washroom was dirty and the tables "
     "were sticky"),
    ("AC was not working", "the AC was not working"),
    ("SLOW doesn't even begin to describe it", "slow"),  # shouting, not a thing: no "the"
])
def test_say_back_articles_and_capitals(clause, said):
    from responders.sayback import say_back

    got = say_back(clause)
    assert got is not None and got.lower().startswith(said.lower()) and \
        said.split()[0] == got.split()[0], got


def test_support_that_fixed_nothing_is_answered_as_that_not_as_rudeness():
    draft, _ = draft_for("acme", "Cant pair it with my bluetooth speaker. It says connected but "
                         "no sound comes out. Customer service had me try 10 things and none "
                         "worked", platform="trustpilot", rating=1)
    assert "better treatment" not in draft["reply"] and "treated" not in draft["reply"], \
        draft["reply"]
    assert "start over" in draft["reply"], draft["reply"]


@pytest.mark.parametrize(("business", "text", "said_back"), [
    # a whole review that names what arrived wrong, with no failure verb
    ("acme", "Received a used one with scratches and a dent on the side.",  # (with "someone
    # else's account still on it" it is now a privacy hold: the fourteenth reading)
     "you received a used one with scratches"),
    # a kind word VADER reads ("smart") in a plain failure
    ("acme", "Smart home features don't work with my lights. Skill keeps getting disabled.",
     "smart home features don't work with your lights"),
    ("acme", "Too many ads. Every time I ask for something it tries to sell me something else.",
     "every time you ask for something it tries to sell you something else"),
])
def test_a_product_failure_without_a_sentiment_word_is_said_back(business, text, said_back):
    draft, _ = draft_for(business, text, platform="trustpilot", rating=2)
    assert said_back in moves(draft)["hear"], draft["reply"]


def test_a_request_for_help_is_answered_by_the_offer_not_promised_an_answer():
    draft, _ = draft_for("air", "@bluejet can you help? missed my connection in ATL because the "
                         "inbound was late", platform="mastodon", author="Ian Moss",
                         kind="mention")
    assert "answer your question" not in draft["reply"], draft["reply"]


@pytest.mark.parametrize(("business", "text", "named", "extra"), [
    ("acme", "The power adapter got really hot and smelled like burning plastic. Unplugged it "
     "and won't use it again.", "it overheating", "keep it unplugged"),
    ("acme", "The speaker started buzzing and then smoke came out of the back. This is "
     "dangerous.", "the smoke you saw", "keep it unplugged"),  # (not "you describe" twice)
    ("bistro", "I had clearly told them I am allergic to peanuts and the curry had peanuts in "
     "it. I had a reaction and had to take medicine.", "the allergic reaction you had", ""),
])
def test_a_held_safety_item_names_what_it_was_about_and_puts_safety_first(business, text, named,
                                                                         extra):
    draft, triage = draft_for(business, text, platform="trustpilot", rating=1)
    assert triage["needs_human"], triage
    assert named in moves(draft)["hear"] and extra in draft["reply"], draft["reply"]
    assert "peanut" not in draft["reply"].lower()  # the detail is never guessed back


@pytest.mark.parametrize(("text", "wanted"), [
    ("@bluejet flight 1432 delayed 3 hrs and counting, nobody at the gate can tell us "
     "anything. #frustrated", "the 3-hour delay with no updates from us"),  # (still running:
    # held for a person since the fifty-sixth reading)
    ("@bluejet your website won't let me select seats, keeps giving error code 500. trying for "
     "an hour", "our website won't let you select seats and keeps giving error code 500"),
    # an airline's rude people are its crew and gate staff
    ("@bluejet the flight attendant on BJ220 was rude to my daughter when she asked for water",
     "customer experience team"),
])
def test_airline_posts_said_back_and_sent_to_the_right_team(text, wanted):
    draft, _ = draft_for("air", text, platform="mastodon", author="Tess Ray", kind="mention")
    assert wanted in draft["reply"] and "front-line" not in draft["reply"], draft["reply"]


@pytest.mark.parametrize(("business", "platform", "text", "wanted", "unwanted"), [
    ("air", "mastodon", "@bluejet gate changed 4 times and nobody announced it. almost missed "
     "the flight running across the terminal", "you almost missed the flight", "baggage"),
    ("air", "mastodon", "@bluejet no overhead space left because you let group 1 bring 3 bags "
     "each. had to gate check my laptop bag", "airport team", "where things stand"),
    ("air", "mastodon", "@bluejet when will my bag be delivered? it's been 3 days and the "
     "tracker still says 'located'", "your bag", "that it's been 3 days"),
    ("air", "mastodon", "@bluejet pilot said maintenance issue, now we're deplaning after "
     "sitting here 2 hrs. what a mess", "operations team", "pilot said"),
    ("acme", "trustpilot", "Sound quality is fine but it drops off the wifi every night and I "
     "have to unplug it to get it back.", "it drops off the wifi every night", "let you down"),
    ("acme", "trustpilot", "The speaker is decent but the cord is way too short and there's no "
     "battery, so it has to sit right next to an outlet.", "the cord is way too short",
     "size or style"),
    ("acme", "trustpilot", "Returned it. The setup kept failing at the last step and the app "
     "just says 'something went wrong'.", "the setup kept failing at the last step", "says'"),
    ("bistro", "google_business", "The food was good but we were rushed out because they "
     "needed the table. The bill was dropped before we finished our mains.",
     "the bill was dropped before you finished your mains", "charges"),
    ("bistro", "google_business", "Good food but the music is too loud and the lights are so "
     "dim you can't read the menu.", "front-of-house team", "kitchen team"),
])
def test_unseen_reading_causes(business, platform, text, wanted, unwanted):
    # (the fifth session's second, unseen reading: 24 drafts, each cause here a REWRITE)
    assert_reads(business, platform, text, wanted, unwanted, rating=2, author="Greg Hall")


def test_meat_in_a_vegetarian_meal_is_held_for_a_person_and_named_plainly():
    draft, triage = draft_for("bistro", "Ordered a veg thali and found a piece of chicken in it. "
                              "I am a strict vegetarian. Disgusting.", rating=1)
    assert triage["needs_human"], triage
    # named as the customer's own finding, never admitted as what we served (since the
    # forty-fourth reading, which found "what you found in your vegetarian meal" coy)
    assert "the chicken you found in your vegetarian meal" in draft["reply"], draft["reply"]
    assert "we served" not in draft["reply"] and "our chicken" not in draft["reply"]


@pytest.mark.parametrize(("business", "platform", "text", "wanted", "unwanted"), [
    # (the fifth session's third reading, 30 unseen drafts: each cause here was a REWRITE)
    ("air", "mastodon", "@bluejet your agent at LAX told me I had to pay $200 to change to an "
     "earlier flight that had 30 open seats. makes no sense", "the fee", "treated"),
    ("air", "mastodon", "@bluejet why do I have to pay for a carry on when my ticket cost "
     "$480??", "the fee", "where things stand"),
    ("air", "mastodon", "@bluejet Late Flight again. Every. Single. Time. #neveragain",
     "the delay", "what went wrong"),
    ("air", "mastodon", "@bluejet the gate agent in Denver was so helpful getting me rebooked "
     "after my delay, thank you Maria!", "thank you", "liked the delay"),
    ("air", "mastodon", "@bluejet seat doesn't recline, tv screen is broken and the person next "
     "to me is coughing all over me. 5 hours of this",
     "the seat doesn't recline, that the tv screen is broken", "reservations"),  # (and, since
    # the seventh session, "and that the person next to you is coughing all over you": a list)
    ("acme", "trustpilot", "After the last firmware update it won't turn on at all. Just a "
     "blinking orange light.", "it won't turn on at all since the last firmware update", "and the"
     " wait"),
    ("bistro", "google_business", "Good taste but the portion size has reduced a lot. The same "
     "thali used to be filling, now I'm hungry after. Not value for money anymore.", "sorry",
     "used to be filling"),
    ("bistro", "google_business", "Waited 1 hour for home delivery and got someone else's order. "
     "Restaurant refused to send the right one and just offered a coupon.",
     "we refused to send the right one", "restaurant refused"),
])
def test_third_unseen_reading_causes(business, platform, text, wanted, unwanted):
    draft = assert_reads(business, platform, text, wanted, unwanted, author="Derek Hale")
    assert not [f for f in draft["lint"] if f["severity"] == "error"], draft["lint"]


@pytest.mark.parametrize(("text", "named"), [
    ("Ordered biryani on Swiggy, it came without the raita. Called the restaurant, they said "
     "it's Swiggy's problem.", None),  # another company: held for a person
    ("The ambience is lovely but the food was too oily. I had an upset stomach the whole next "
     "day.", "being unwell after your visit"),
    ("The chicken tikka was pink inside. When I told the waiter he said that's how it is "
     "supposed to be.", "the chicken you were served"),
])
def test_illness_raw_poultry_and_a_delivery_platform_are_held_for_a_person(text, named):
    draft, triage = draft_for("bistro", text, rating=1)
    assert triage["needs_human"], triage
    if named:
        assert named in draft["reply"], draft["reply"]


def test_a_said_back_offer_in_the_past_is_no_offer_of_ours():
    from responders.lint import lint_reply

    said = "You've said that we refused to send the right one and just offered a coupon."
    assert not [f for f in lint_reply(said) if f["rule"] == "compensation"]
    assert [f for f in lint_reply("I'd like to offer you a coupon.") if f["rule"] ==
            "compensation"]


@pytest.mark.parametrize(("business", "text", "wanted", "unwanted"), [
    # (causes from a reading of real UCI and SemEval sentences; the texts here are our own)
    ("acme", "I have to jiggle the charging plug every time to get any sound out of it.",
     "repair or a replacement", "people who decide"),  # a loose plug is a defect, not design
    ("bistro", "I asked the runner for more bread and he just walked away.", "service",
     "came to us for"),  # not the food's empathy
    ("bistro", "We were disappointed with the service and the food was on the pricey side.",
     "the service", "treated"),  # a disappointing service is no mistreatment
])
def test_real_sentence_causes(business, text, wanted, unwanted):
    draft, _ = draft_for(business, text, platform="trustpilot", rating=2)
    assert wanted in draft["reply"] and unwanted not in draft["reply"], draft["reply"]


def test_a_passenger_still_stranded_is_told_what_will_be_checked_without_a_promise():
    # (REPLY-EXAMPLES #50's kind of post, in our own words: a disruption still going on is
    # held for a person, and the hold says what will be checked, as its gold reply does)
    draft, triage = draft_for("air", "@bluejet stuck in Denver, #starving, can't get a meal "
                              "voucher even though your plane broke down. next flight in 9 hrs",
                              platform="mastodon", author="Priya N", kind="mention")
    assert any(f["flag"] == "ongoing" for f in triage["flags"]), triage["flags"]
    resolve = moves(draft)["resolve"]
    assert "what meal support we can give you" in resolve and "earlier flight" in resolve, resolve
    assert "hotel" not in resolve  # nobody asked for a night's stay


@pytest.mark.parametrize(("business", "platform", "text", "wanted", "unwanted"), [
    # (the fifth session's fourth reading, 30 unseen drafts after the fixes above: SEND 11,
    # LIGHT 16, REWRITE 3; the causes here)
    ("air", "mastodon", "@bluejet why is it $75 to pick a seat next to my 6 year old?? this is "
     "insane", "the $75 seat fee to sit next to your 6-year-old", "where things stand"),
    # (named since the forty-fourth reading by the sum and the child, not "the fee")
    ("air", "mastodon", "@bluejet love the new planes but the wifi was down the entire flight "
     "again", "the wifi was down the entire flight again", "kind words"),
    ("air", "mastodon", "@bluejet the flight attendants on BJ300 were rude and kept ignoring the "
     "call button", "on BJ300 were rude", "BJ 300"),
    ("air", "mastodon", "@bluejet I was charged a bag fee at the counter even though I have your "
     "credit card which includes free bags", "go through the charges", "worth it"),
    ("bistro", "google_business", "They added a 15% service charge without telling us and when "
     "we asked, the waiter said it's mandatory.", "we added a 15% service charge without "
     "telling you", "when you asked"),  # (and since the seventh reading: "..., and that the
    # waiter said it's mandatory", how staff answered it)
    ("acme", "trustpilot", "Charger stopped working after a month. Ordered a new one and it "
     "doesn't fit.", "the charger stopped working after a month", "that charger"),
])
def test_fourth_unseen_reading_causes(business, platform, text, wanted, unwanted):
    assert_reads(business, platform, text, wanted, unwanted, author="Ivy Chen")


@pytest.mark.parametrize(("clause", "said"), [
    # (refusals counted over this session's 156 drafts: each was a complaint left unsaid)
    ("still haven't received my refund for flight cancelled on Jan 3rd.",
     "you still haven't received your refund for flight cancelled on Jan 3rd"),
    ("no sound comes out.", "no sound comes out"),
    ("I've been on hold for 2 hours trying to rebook my Cancelled flight.",
     "you've been on hold for 2 hours trying to rebook your cancelled flight"),
    ("I don't like that it's always listening.", "you don't like that it's always listening"),
    ("your app charged my card twice for the same seat upgrade, please fix",
     "our app charged your card twice for the same seat upgrade"),
    ("Even at max volume I can barely hear it in the kitchen.",
     "even at max volume you can barely hear it in the kitchen"),
    ("no record of dates to when the thread started", None),  # no verb of its own
    ("I don't like it.", None),  # a verdict
])
def test_complaints_once_refused_are_said_back(clause, said):
    from responders.sayback import say_back

    assert say_back(clause) == said


def test_the_customers_own_word_is_never_a_wrong_word_for_the_business():
    from responders.lint import lint_reply

    class Maker:
        category, compensation = "product", None

    said = "I read that even at max volume you can barely hear it in the kitchen."
    assert not lint_reply(said, item={"text": "Even at max volume I can barely hear it in the "
                                      "kitchen."}, business=Maker())
    assert [f["rule"] for f in lint_reply("Enjoy your meal in our kitchen.", item={
        "text": "it broke"}, business=Maker())] == ["wrong_word"]


@pytest.mark.parametrize(("business", "platform", "text", "wanted", "unwanted"), [
    # (the fifth session's fifth reading, 30 unseen drafts: SEND 8, LIGHT 16, REWRITE 6)
    ("air", "mastodon", "@bluejet is there a reason your customer service line hangs up after "
     "45 minutes on hold?", "sorry", "Thanks for asking"),  # a failure asked about
    ("air", "mastodon", "@bluejet flight attendant told my son to put his ipad away during the "
     "whole flight while other kids kept theirs. felt singled out", "better treatment",
     "(none)"),
    ("air", "mastodon", "@bluejet overbooked again and nobody wants the $200 voucher. now I'm "
     "stuck until tomorrow", "rebooking options", "where things stand"),
    ("air", "mastodon", "@bluejet the food you served on BJ12 was stale and the coffee was cold",
     "the food we served on BJ12 was stale", "food you served"),
    ("acme", "trustpilot", "Works with Spotify but keeps disconnecting every 20 minutes. Annoying "
     "during parties.", "sorry", "what went wrong"),
    ("bistro", "google_business", "Cockroach crawled across our table while we were eating. "
     "Staff said it came from outside.", "the cockroach you saw", "that "
     "cockroach"),  # (a pest where food is served is held for a person since the 13th reading)
    ("air", "mastodon", "@bluejet paid for priority boarding and they boarded everyone at once "
     "anyway", "boarding", "you paid for priority boarding"),
])
def test_fifth_unseen_reading_causes(business, platform, text, wanted, unwanted):
    assert_reads(business, platform, text, wanted, unwanted, rating=2, author="Paula Ruiz")


def test_a_device_that_died_is_no_bereavement():
    _, triage = draft_for("acme", "The speaker exploded with static and then died. It smelled "
                          "like something burned.", platform="trustpilot", rating=1)
    flags = [f["flag"] for f in triage["flags"]]
    assert "safety" in flags and "bereavement" not in flags, flags
    _, grief = draft_for("bistro", "My father died last month and we came here after the "
                         "funeral. The staff were cold to us.", rating=2)
    assert "bereavement" in [f["flag"] for f in grief["flags"]]


def test_a_headline_is_not_said_back_twice_with_the_text_it_sums_up():
    row = {"text": "My reminders stopped working after the 4.2 update. I missed my medication "
           "twice this week because the notification never arrived.",
           "title": "Notifications stopped working", "rating": 2, "rating_max": 5,
           "kind": "review", "platform": "appstore", "author": "gr8scott", "external_id": "n1"}
    triage = triage_item(None, row, B["habits"], None)
    draft = compose_draft(row, triage, B["habits"], platform="appstore")
    hear = moves(draft)["hear"]
    assert not ("notifications stopped working" in hear and "reminders stopped working" in hear)


@pytest.mark.parametrize("rating", [3, None])
def test_a_customer_with_no_real_complaints_is_not_apologised_to(rating):
    _, triage = draft_for("habits", "It does the job. The reminders work. Nothing special "
                          "compared to other apps but I have no real complaints.",
                          platform="appstore", rating=rating,
                          kind="review" if rating else "mention")
    assert triage["label"] != "negative", triage["label"]


@pytest.mark.parametrize(("clause", "phrase"), [
    ("Weak sound.", "the weak sound"),
    ("Rude staff and cold food.", "the rude staff and the cold food"),
    ("Dirty tables, rude staff", "the dirty tables and the rude staff"),
    ("Slow customer service", "the slow customer service"),
    ("Horrible customer service", None), ("GROSS FOOD", None),  # a verdict said back mocks
    # (read on the 619 sample drafts: each of these was said back as nonsense by a looser rule)
    ("Smokers ruin the atmosphere", None), ("no bueno", None), ("Terrible experience", None),
    ("Burnt, bitter espresso.", None), ("worst AI out there", None),
    ("bad review because of wrong answers", None), ("TRYING TO STEAL MONEY FROM PEOPLE", None),
    ("slow answer de raha hai", None), ("regarding slow service", None),
])
def test_a_headline_complaint_is_named_by_its_things_only_when_it_is_a_plain_list(clause,
                                                                                  phrase):
    from responders.sayback import noun_phrase

    assert noun_phrase(clause) == phrase


def test_an_opinion_said_with_emphasis_is_never_said_back_as_fact():
    from responders.sayback import say_back

    assert say_back("I seriously think all the food comes out of a tin.") is None
    assert say_back("I think the food was undercooked.") == "the food was undercooked"


@pytest.mark.parametrize(("text", "named"), [
    ("@bluejet still haven't received my refund for the flight you cancelled. It's been 2 months",
     "the refund you're still waiting for"),
    ("@bluejet you cancelled my flight and refunded me in travel credit instead of cash. I want "
     "my money back", "being given credit instead of your money back"),
    ("@bluejet I was charged twice for my seat and want the second charge refunded",
     "being charged more than once"),
])
def test_a_held_money_dispute_names_what_happened_and_promises_nothing(text, named):
    draft, triage = draft_for("air", text, platform="mastodon", author="Sara Lind",
                              kind="mention")
    assert any(f["flag"] == "billing_dispute" for f in triage["flags"]), triage["flags"]
    hear = moves(draft)["hear"]
    assert named in hear and "your refund" not in hear, draft["reply"]


def test_a_passenger_left_without_wheelchair_help_is_heard_and_answered_as_that():
    draft, _ = draft_for(
        "air", "@bluejet my wife uses a wheelchair and nobody showed up to help her off the "
        "plane. we waited 40 minutes", platform="mastodon", author="Paul Grant", kind="mention")
    assert "nobody showed up to help your wife off the plane" in moves(draft)["hear"], \
        draft["reply"]
    assert "held things up" not in draft["reply"] and "assistance" in draft["reply"], \
        draft["reply"]


@pytest.mark.parametrize(("business", "platform", "text", "wanted", "unwanted"), [
    # (the fifth session's last reading, 30 unseen drafts: SEND 13, LIGHT 14, REWRITE 3)
    ("air", "mastodon", "@bluejet why does it cost $40 more to book on your app than on your "
     "website?", "sorry", "Thanks for asking"),  # a price asked about is a complaint
    ("air", "mastodon", "@bluejet the kiosk at DEN ate my boarding pass and the agent said to "
     "stand in the other line. 40 min later still standing", "how our staff handled things",
     "better treatment"),  # an agent who sent you elsewhere did no wrong in manner
    ("acme", "trustpilot", "Received it with a dent in the side and the power cable missing.",
     "the condition it arrived in", "people who decide"),  # not the design
])
def test_last_unseen_reading_causes(business, platform, text, wanted, unwanted):
    assert_reads(business, platform, text, wanted, unwanted, author="Faye Lin")


def test_a_guest_who_says_minorities_are_not_welcome_is_held_for_a_person():
    # (found on the 619 sample drafts: answered as "the way you were treated and the coffee")
    _, triage = draft_for("bistro", "The coffee is weak and I stopped going because it seems "
                          "minorities aren't welcome here, given how some of the staff act.",
                          rating=1)
    assert "discrimination" in [f["flag"] for f in triage["flags"]], triage["flags"]


@pytest.mark.parametrize(("business", "platform", "text", "wanted", "unwanted"), [
    # (a seventh unseen reading, 30 drafts after all the fixes above: SEND 17, LIGHT 10,
    # REWRITE 3; its causes)
    ("acme", "trustpilot", "Completely stopped working after a power outage. Won't turn on at "
     "all now.", "repair or a replacement", "no end in sight"),  # a past outage is no disruption
    ("air", "mastodon", "@bluejet you changed my return flight without asking and now I have a 9 "
     "hour layover", "we changed your return flight without asking", "how you found"),
    ("acme", "trustpilot", "Doesn't work with Apple Music, only their own service. Should say "
     "that on the box.", "what it works with", "repair or a replacement"),
    ("air", "mastodon", "@bluejet the plane smelled like vomit the entire flight and the crew "
     "just sprayed air freshener", "the plane smelled like vomit the entire flight",
     "personally"),  # a smell is no illness to hold for a person
    ("bistro", "google_business", "I found a piece of plastic in my dal. The manager apologised "
     "but I felt sick thinking about it.", "you found in your food", "feeling ill"),
])
def test_seventh_unseen_reading_causes(business, platform, text, wanted, unwanted):
    assert_reads(business, platform, text, wanted, unwanted, author="Kyle Ross")


@pytest.mark.parametrize(("business", "platform", "text", "wanted", "unwanted"), [
    ("acme", "trustpilot", "Good speaker for the money. My only complaint is the app needs an "
     "update every time I open it.", "the app needs an update every time you open it",
     "your only complaint"),  # a preamble, not the complaint
    ("air", "mastodon", "@bluejet flight delayed 5 times today. 5. now it's 11pm and we're still "
     "at the airport with no food open", "about the delay", "flight itself"),  # still going on
    ("air", "mastodon", "@bluejet how do I get compensation for a 6 hour delay? your website just "
     "says contact us", "check what we can offer", "held things up"),
])
def test_preambles_disruptions_still_going_on_and_compensation_asked(business, platform, text,
                                                                      wanted, unwanted):
    assert_reads(business, platform, text, wanted, unwanted, rating=3, author="Raul Diaz")


@pytest.mark.parametrize(("business", "platform", "text", "wanted", "unwanted"), [
    # (an eighth unseen reading, 30 drafts: SEND 17, LIGHT 11, REWRITE 2; its causes)
    ("acme", "trustpilot", "Terrible. Constantly drops connection.", "sorry",
     "what went wrong"),  # a failure with no sentiment word after a bare verdict
    ("air", "mastodon", "@bluejet no one at the desk in Houston and the line is 100 people deep",
     "the line is 100 people deep", "how you found"),
    ("acme", "trustpilot", "Used it for 3 days and the speaker started crackling.",
     "the speaker started crackling", "honest review"),
    ("acme", "trustpilot", "Can't connect to my wifi, tried everything. Customer support was no "
     "help.", "it can't connect to your wifi.", "tried everything"),
])
def test_eighth_unseen_reading_causes(business, platform, text, wanted, unwanted):
    assert_reads(business, platform, text, wanted, unwanted, author="Cara Bell")


def test_a_title_run_into_its_text_is_said_back_from_the_text():
    draft, _ = draft_for("acme", "Zipper broke The zipper broke on this piece the first time i "
                         "wore it. very disappointing since i love the design.",
                         platform="trustpilot", rating=2)
    assert "the zipper broke on this piece the first time you wore it" in moves(draft)["hear"]
    from responders.sayback import say_back

    assert say_back("This didn't work for me.") is None  # a verdict, not what went wrong


@pytest.mark.parametrize(("business", "platform", "text", "wanted", "unwanted"), [
    # (a ninth unseen reading, 30 drafts after the model merge: SEND 9, LIGHT 14, REWRITE 7)
    ("air", "mastodon", "@bluejet 2nd flight in a row where my checked bag came out damaged. the "
     "handle is ripped off", "baggage team", "worth it"),  # a handle ripped off is no rip-off
    ("air", "mastodon", "@bluejet my connecting flight left without us even though we landed 20 "
     "min early and ran", "the delay", "let you down"),
    ("air", "mastodon", "@bluejet I was promised a callback within 24 hours. it's been 3 days",
     "the trouble reaching us", "held things up"),
    ("acme", "trustpilot", "Can't set up without giving it my location and contacts. No thanks, "
     "returned.", "you can't set up without", "no thanks"),
    ("bistro", "google_business", "Good food but the wait staff was not attentive at all. We had "
     "to wave for 10 minutes to get the bill.", "you had to wave for 10 minutes to get the bill",
     "charges"),  # asking for the bill is service, not billing
])
def test_ninth_unseen_reading_causes(business, platform, text, wanted, unwanted):
    assert_reads(business, platform, text, wanted, unwanted, rating=2, author="Joy Park")


@pytest.mark.parametrize("text", [
    "@bluejet plane smells like fuel and everyone is coughing. is this safe??",
    "@bluejet the floor by gate 12 was wet and slippery, somebody could get hurt",
])
def test_a_hazard_named_is_held_for_a_person(text):
    _, triage = draft_for("air", text, platform="mastodon", author="Ed Moss", kind="mention")
    assert "safety" in [f["flag"] for f in triage["flags"]], triage["flags"]


@pytest.mark.parametrize(("business", "platform", "text", "wanted", "unwanted"), [
    # (a tenth unseen reading, 30 drafts: SEND 11, LIGHT 11, REWRITE 8; its causes)
    ("air", "mastodon", "@bluejet im a platinum member and was treated like garbage at the "
     "counter today", "sorry", "kind words"),
    ("air", "mastodon", "@bluejet your new seats are so uncomfortable, my back is killing me "
     "after 3 hours", "our new seats are so uncomfortable", "held things up"),  # 3 hours: no delay
    ("air", "mastodon", "@bluejet you lost my son's stroller and offered a $25 voucher. are you "
     "serious", "we lost your son's stroller", "condolences"),  # no bereavement
    ("acme", "trustpilot", "Worked fine for 2 weeks then it started randomly rebooting in the "
     "middle of songs.", "sorry", "fell short of what you expected"),
    ("acme", "trustpilot", "Ordered the white one, got black. Returned it and got black again.",
     "you ordered the white one and got black", "what went wrong"),
    ("acme", "google_play", "Great for timers and weather but music playback skips a lot.",
     "music playback skips a lot", "lovely review"),
    ("acme", "trustpilot", "Constantly mishears me. I ask for the news and it plays music.",
     "how it performs", "what went wrong"),
])
def test_tenth_unseen_reading_causes(business, platform, text, wanted, unwanted):
    draft = read_as_posted(business, platform, text, rating=3 if "timers" in text else 1,
                           author="Eli Ross")
    assert wanted in draft["reply"] and unwanted not in draft["reply"], draft["reply"]


@pytest.mark.parametrize(("business", "platform", "text", "flag"), [
    # (an eleventh unseen reading, 30 drafts: SEND 11, LIGHT 11, REWRITE 8; what a person must
    # handle that was answered as an ordinary complaint)
    ("bistro", "google_business", "Found a stone in the dal. Could have broken my tooth.",
     "safety"),
    ("bistro", "google_business", "Good taste but extremely oily. Had acidity the whole night.",
     "safety"),
    ("bistro", "google_business", "Ordered a vegan meal and it had ghee and paneer in it. Told "
     "the waiter and he said it's fine.", "safety"),
    ("air", "mastodon", "@bluejet flight attendant spilled hot coffee on my arm and just walked "
     "away", "safety"),
])
def test_eleventh_reading_holds_for_a_person(business, platform, text, flag):
    draft = read_as_posted(business, platform, text, rating=1, author="Jas Kaur")
    assert "personally" in draft["reply"], draft["reply"]
    _, triage = draft_for(business, text, platform=platform, rating=None if platform ==
                          "mastodon" else 1, kind="mention" if platform == "mastodon"
                          else "review")
    assert flag in [f["flag"] for f in triage["flags"]], triage["flags"]


@pytest.mark.parametrize(("business", "platform", "text", "wanted", "unwanted"), [
    ("air", "mastodon", "@bluejet the pilot kept us informed the whole delay, really appreciated "
     "that", "Dana, thank you", "sorry"),  # thanks for how a delay was handled
    ("air", "mastodon", "@bluejet I'm disabled and requested an aisle seat weeks ago. got a "
     "middle seat anyway", "sorry", "Thanks for asking"),  # was no draft at all
    ("acme", "trustpilot", "Package arrived opened and the speaker was missing. Only the box and "
     "cable were inside.", "where things stand", "improve it on your setup"),
])
def test_eleventh_unseen_reading_causes(business, platform, text, wanted, unwanted):
    assert_reads(business, platform, text, wanted, unwanted, author="Dana Roy")


def test_thank_you_for_a_failure_is_sarcasm():
    _, triage = draft_for("air", "@bluejet thank you for losing my bag again", platform="mastodon",
                          kind="mention")
    assert triage["label"] == "negative" and "sarcasm" in [f["flag"] for f in triage["flags"]]


@pytest.mark.parametrize(("business", "platform", "rating", "text", "wanted", "unwanted"), [
    # (a twelfth unseen reading, 30 drafts: SEND 4, LIGHT 19, REWRITE 7; its causes)
    ("air", "mastodon", None, "@bluejet 3rd time this month my flight has been delayed. done",
     "this is the 3rd time this month your flight has been delayed", "about the delay"),
    ("air", "mastodon", None, "@bluejet why does your website charge me $20 for a bag when the "
     "app says free?", "our website charges you $20 for a bag", "thanks for asking"),
    ("acme", "google_play", 1, "App asks me to log in every time I open it. Can't control the "
     "speaker without logging in again.", "log", "flagging how it performs"),
    ("acme", "google_play", 2, "Since the new version the timers don't go off. Missed my bus.",
     "the timers don't go off with the new version", "fell short of what you expected"),
    ("acme", "google_play", 3, "Nice sound, but the battery only lasts about 4 hours, not the 10 "
     "advertised.", "the battery only lasts about 4 hours", "about the battery"),
    ("acme", "trustpilot", 2, "Stereo pairing keeps breaking. Every day I have to pair them "
     "again.", "stereo pairing keeps breaking", "honest review"),
    ("acme", "trustpilot", 1, "Volume jumps to max on its own at night. Scared the kids.",
     "the volume jumps to max on its own", "about the volume"),
    ("acme", "trustpilot", 1, "Bought two, one arrived with a dented grille.",
     "one of the two you bought arrived with a dented grille", "where things stand"),
    ("acme", "trustpilot", 2, "Support told me the warranty is void because it came from a "
     "reseller. Nobody told me that when I bought it.", "sorry", "nobody told you that"),
    ("bistro", "google_business", 1, "We ordered the malai kofta and it came out cold in the "
     "middle.", "your malai kofta came out cold", "said that it came"),
    ("bistro", "google_business", 2, "Taste was good but quantity is very less for the price.",
     "too small for the price", "very less"),
    ("bistro", "google_business", 1, "It was my wife's birthday and we told them in advance. "
     "Nothing was arranged and the table was next to the washroom.",
     "the table was next to the washroom", "about your booking"),
    ("bistro", "google_business", 1, "They refused to seat us at 10:15 saying the kitchen is "
     "closed, though Google says open till 11.", "we refused to seat you at 10:15",
     "saying"),
])
def test_twelfth_unseen_reading_causes(business, platform, rating, text, wanted, unwanted):
    assert_reads(business, platform, text, wanted, unwanted, rating=rating, author="Noor Shah")


def test_an_allergy_named_for_a_relative_is_theirs_not_the_customers():
    draft = read_as_posted("bistro", "google_business", "My daughter is allergic to sesame and "
                           "we told the waiter. The naan had sesame on top.", rating=1,
                           author="Farah Ali")
    assert "your daughter's allergy" in draft["reply"], draft["reply"]
    assert "your allergy" not in draft["reply"] and "sesame" not in draft["reply"]


@pytest.mark.parametrize(("clause", "said"), [
    ("Sent photos to support a week ago and nobody has replied.",
     "you sent photos to support a week ago and nobody has replied"),
    ("why is the folksy music so LOUD?", "the folksy music is so loud"),
    ("why do you guys never answer the phone?", "we never answer the phone"),
    ("Since the latest update the app keeps crashing.", "the app keeps crashing with the latest "
     "update"),
    ("After the last firmware update it won't turn on at all.",
     "it won't turn on at all since the last firmware update"),
])
def test_twelfth_reading_say_back_forms(clause, said):
    assert sayback.say_back(clause) == said


@pytest.mark.parametrize("clause", [
    "why are the tables so big if the food is so small?",  # sarcasm, not a statement to echo
    "why is my flight delayed?",  # a question for information: answered, not said back
    "Nobody told me that.",
])
def test_twelfth_reading_say_back_refusals(clause):
    assert sayback.say_back(clause) is None


@pytest.mark.parametrize(("business", "platform", "rating", "text", "wanted", "unwanted"), [
    # (a thirteenth unseen reading, 30 drafts: SEND 5, LIGHT 13, REWRITE 12; its causes)
    ("air", "mastodon", None, "@bluejet A man kept harassing my wife on BJ20 and the crew "
     "ignored it", "the harassment on your flight", "disappointed"),
    ("air", "mastodon", None, "@bluejet requested a wheelchair for my dad and nobody came",
     "assistance", "your booking"),
    ("bistro", "google_business", 1, "Saw a cockroach near the buffet counter. Left at once.",
     "the cockroach you saw", "you left"),
    ("bistro", "google_business", 1, "We were 8 people and they added 15% service charge without "
     "telling us. Food was cold too.", "we added a 15% service charge without telling you",
     "held things up"),
    ("bistro", "google_business", 2, "The dal was too salty even after we asked for less salt. "
     "Kids could not eat it.", "the dal was too salty", "kids could not"),
    ("acme", "trustpilot", 2, "Delivery took 2 weeks and the courier left it on a wet porch.",
     "sorry", "where things stand"),
    ("acme", "trustpilot", 2, "Got the wrong colour. Exchange process wants me to pay postage "
     "for your mistake.", "the exchange process wants you", "where things stand"),
])
def test_thirteenth_unseen_reading_causes(business, platform, rating, text, wanted, unwanted):
    assert_reads(business, platform, text, wanted, unwanted, rating=rating, author="Lee Park")


@pytest.mark.parametrize(("text", "flag", "wanted"), [
    ("@bluejet thanks for the $9 wrap that was still frozen inside", "sarcasm", True),
    ("@bluejet kiosk ate my booking and the line is 150 people long. great start", "sarcasm",
     True),
    ("@bluejet A man kept harassing my wife on BJ20", "safety", True),
    ("@bluejet thanks for the upgrade, that was a great start to our honeymoon!", "sarcasm",
     False),
])
def test_thirteenth_reading_flags(text, flag, wanted):
    _, triage = draft_for("air", text, platform="mastodon", kind="mention")
    assert (flag in [f["flag"] for f in triage["flags"]]) is wanted, triage["flags"]
    if wanted and flag == "sarcasm":
        assert triage["label"] == "negative"


def test_slang_for_people_is_no_pest():
    _, triage = draft_for("bistro", "Half the regulars are frat rats but the coffee was cold.",
                          rating=2)
    assert "safety" not in [f["flag"] for f in triage["flags"]], triage["flags"]


def test_what_the_customer_did_about_it_is_not_the_complaint():
    assert sayback.not_the_complaint("We left immediately.")
    assert not sayback.not_the_complaint("We left without our order.")


@pytest.mark.parametrize(("business", "platform", "rating", "text", "wanted", "unwanted"), [
    # (a fourteenth unseen reading, 30 drafts: SEND 12, LIGHT 11, REWRITE 7; its causes)
    ("air", "mastodon", None, "@bluejet my 10 year old flew as an unaccompanied minor and nobody "
     "was there to meet him for an hour", "your child being left waiting on their own",
     "assistance you needed"),
    ("air", "mastodon", None, "@bluejet been trying to redeem my voucher for two weeks, the app "
     "says invalid code", "sorry", "lovely to hear"),
    ("air", "mastodon", None, "@bluejet you cancelled my flight and I missed my best friend's "
     "wedding", "Missing your best friend's wedding is a loss", "fell short"),
    ("acme", "google_play", 1, "Updated the app and now none of my speakers show up.",
     "none of your speakers show up", "setup and software."),
    ("acme", "trustpilot", 1, "The charging cable stopped working after a week and a new cable "
     "costs $20 from you.", "the charging cable stopped working after a week",
     "about how it performs."),
    ("bistro", "google_business", 2, "The biryani was not upto the mark.", "not up to standard",
     "upto"),
])
def test_fourteenth_unseen_reading_causes(business, platform, rating, text, wanted, unwanted):
    assert_reads(business, platform, text, wanted, unwanted, rating=rating, author="Max Hale")


@pytest.mark.parametrize(("business", "platform", "rating", "text", "wanted", "unwanted"), [
    # (a fifteenth unseen reading, 30 longer texts: SEND 4, LIGHT 18, REWRITE 8; its causes)
    ("air", "mastodon", None, "@bluejet got bumped and were promised a meal voucher, never got "
     "one", "meal", "where things stand"),
    ("air", "mastodon", None, "@bluejet the gate agent yelled at my daughter for crying. She is "
     "5.", "Your daughter deserved far better than that", "You deserved"),
    ("acme", "trustpilot", 1, "Ordered one speaker, got charged three times.",
     "being charged more than once", "how it performs"),
    ("acme", "trustpilot", 1, "Alexa integration stopped working after the update.", "sorry",
     "repair or a replacement"),
    ("bistro", "google_business", 1, "Found an insect in my soup. Nobody apologised.",
     "you found in your food", "about this."),
    ("bistro", "google_business", 2, "The thali was good value but it came without the dessert.",
     "the thali came without the dessert", "that it came"),
    ("acme", "trustpilot", 2, "Looks great. But the wifi keeps dropping every night and I have "
     "to unplug it.", "wifi", "Thank you for your honest review of your purchase. I understand"),
])
def test_fifteenth_unseen_reading_causes(business, platform, rating, text, wanted, unwanted):
    assert_reads(business, platform, text, wanted, unwanted, rating=rating, author="Jo Ames")


def test_a_held_billing_dispute_goes_to_billing_and_a_repeat_count_is_not_said_back():
    draft, triage = draft_for("acme", "Ordered one speaker, got charged three times.",
                              platform="trustpilot", rating=1)
    assert "billing_dispute" in [f["flag"] for f in triage["flags"]]
    assert "billing team" in draft["reply"], draft["reply"]
    assert sayback.say_back("This has happened 4 times now.") is None


@pytest.mark.parametrize(("text", "flag", "wanted"), [
    # (real sentences read as drafts: UCI products seed 37 and SemEval seed 47, 30 drafts:
    # SEND 7, LIGHT 19, REWRITE 4; their causes)
    ("I plugged the car charger in and it started smoking.", "safety", True),
    ("useless phone, simply deaf.", "safety", False),
])
def test_real_reading_flags(text, flag, wanted):
    _, triage = draft_for("acme", text, platform="trustpilot", rating=1)
    assert (flag in [f["flag"] for f in triage["flags"]]) is wanted, triage["flags"]
    assert "accessibility" not in [i["aspect"] for i in triage["issues"]], triage["issues"]


@pytest.mark.parametrize("clause", [
    "This place is to be avoided.",  # a verdict on the place, not what went wrong
    "This results in the phone being either stuck at max volume or mute.",  # points back
])
def test_real_reading_say_back_refusals(clause):
    assert sayback.say_back(clause) is None


def test_problem_is_opens_the_complaint():
    assert sayback.say_back("Problem is the battery dies by noon.") == "the battery dies by noon"


@pytest.mark.parametrize(("text", "wanted"), [
    # (the commonest LIGHT of the sixth session: a kind word left unthanked)
    ("Food is good but the place smells of damp and the sofa seats are torn.", True),
    ("Nice food and quick service, but the washroom was dirty and there was no soap.", True),
    ("The coffee might be good but the washroom was dirty and there was no soap.", False),
    ("Maybe they have great coffee, but the washroom was dirty and there was no soap.", False),
])
def test_a_plain_kind_word_is_thanked_and_a_hedged_one_is_not(text, wanted):
    draft = read_as_posted("bistro", "google_business", text, rating=3, author="Uma Rao")
    assert ("kind words about the food" in draft["reply"] or "kind words about the drinks" in
            draft["reply"]) is wanted, draft["reply"]
    assert draft["reply"].count("Thank you") <= 1 + draft["reply"].count("Thank you, "), draft


@pytest.mark.parametrize(("clause", "said"), [
    ("The seat in front of me was broken and reclined all the way into my lap for 4 hours.",
     "the seat in front of you was broken"),  # too long whole: its first predicate
    ("My order was marked delivered and never arrived even after three weeks of waiting for it",
     None),  # (the second predicate is the complaint: nothing is cut to leave it out)
])
def test_a_long_clause_with_two_predicates_is_said_by_its_first(clause, said):
    assert sayback.say_back(clause) == said


@pytest.mark.parametrize(("business", "platform", "rating", "text", "wanted", "unwanted"), [
    # (a sixteenth unseen reading, 30 drafts: SEND 3, LIGHT 16, REWRITE 11; its causes)
    ("air", "mastodon", None, "@bluejet y'all really charged me $50 to change my seat",
     "we charged you $50 to change your seat", "you really charged"),
    ("air", "mastodon", None, "@bluejet the agent at the desk was so kind when I was panicking. "
     "thank you Priya!", "kind words", "sorry"),
    ("air", "mastodon", None, "@bluejet my service dog was approved and the gate agent still made "
     "us take a later flight", "sorry", "lovely to hear"),
    ("air", "mastodon", None, "@bluejet I left my jacket on BJ22 and lost and found hasn't "
     "replied in a week", "proper answer", "the flight itself"),
    ("acme", "trustpilot", 1, "My speaker got an update last night and now it's bricked.",
     "repair or a replacement", "improve it on your setup"),
    ("bistro", "google_business", 1, "Ordered a jain thali and it came with onion in the dal.",
     "you found in your Jain meal", "go through it with the team"),
    ("bistro", "google_business", 1, "The security guard was rude to us at the gate.",
     "sorry", "safety problem"),
    ("acme", "google_play", 3, "Love the speaker, hate the app. Takes 20 seconds to connect "
     "every time.", "sorry", "lovely review"),
])
def test_sixteenth_unseen_reading_causes(business, platform, rating, text, wanted, unwanted):
    assert_reads(business, platform, text, wanted, unwanted, rating=rating, author="Kai Lund",
                 case=False)


@pytest.mark.parametrize(("text", "key", "value"), [
    ("@bluejet I'm stuck here in Lima after the agent refused to board me", "flag", "ongoing"),
    ("@bluejet Paid for express delivery of my bag, it came in 8 days. I want the delivery fee "
     "back.", "ask", "refund"),
])
def test_sixteenth_reading_triage(text, key, value):
    _, triage = draft_for("air", text, platform="mastodon", kind="mention")
    found = [f["flag"] for f in triage["flags"]] if key == "flag" else \
        [a["ask"] for a in triage.get("asks") or []]
    assert value in found, triage


@pytest.mark.parametrize(("clause", "said"), [
    ("@bluejet flight was cancelled, rebooked me on one 2 days later",
     "your flight was cancelled and we rebooked you on one 2 days later"),
    ("Can't even get past the login screen.", "you can't get past the login screen"),
    ("Kulfi was melted and served in a dirty glass.",
     "the kulfi was melted and served in a dirty glass"),  # (a dish the taxonomy now knows)
])
def test_sixteenth_reading_say_back_forms(clause, said):
    assert sayback.say_back(clause) == said


@pytest.mark.parametrize(("business", "platform", "rating", "text", "wanted", "unwanted"), [
    # (an independent reading of 60 new items by a reviewer who is not the composer's author:
    # SEND 1, LIGHT 26, REWRITE 33; the general causes behind them)
    ("air", "mastodon", None, "@bluejet is it too much to expect the wifi to work?? paid $12",
     "sorry", "answer your question"),  # exasperation, not a question to answer
    ("air", "mastodon", None, "@bluejet my flight was cancelled. how do I get a refund?",
     "pick this up", "chase"),  # (a refund asked for, held for a person: not "chased")
    ("acme", "trustpilot", 2, "Since the last update the speaker keeps crashing.", "sorry",
     "on your side"),  # our update's fault is not the customer's setup
    ("acme", "trustpilot", 1, "It broke again. I want a refund, not a third replacement.",
     "want your money back", "chase their own money"),  # a refund asked for, not chased
    ("air", "mastodon", None, "@bluejet rebooked me 2 days later and I have a funeral tomorrow. "
     "Is there really nothing sooner?", "earlier flight", "answer your question"),
    ("air", "mastodon", None, "@bluejet my bag has been lost for 3 days and it's got my son's "
     "inhaler in it", "the medicine in your bag", "worrying"),
    ("air", "mastodon", None, "@bluejet why does a carry-on cost more than my actual ticket?",
     "sorry", "where things stand"),
    ("air", "mastodon", None, "@bluejet hello, my flight was overbooked and I was bumped",
     "your flight was overbooked", "hello"),
    ("air", "mastodon", None, "@bluejet I have a severe nut allergy and told you twice. Crew "
     "served peanuts around me anyway. I had my epipen out all flight.",
     "your allergy and how it was handled on board", "the allergic reaction you had"),
    ("bistro", "google_business", 2, "Waited 50 mins for main course. Biryani was good but not "
     "worth such long wait.", "sorry", "said about the price"),
    ("bistro", "google_business", 2, "Service was slow and the dal was cold. The naan was burnt "
     "too.", "sorry", "sorry to read about"),  # one apology, not one per complaint
])
def test_independent_reading_causes(business, platform, rating, text, wanted, unwanted):
    assert_reads(business, platform, text, wanted, unwanted, rating=rating, author="Ren Ito",
                 case=False)


def test_independent_reading_sarcasm_and_refusals():
    _, triage = draft_for("air", "@bluejet Love that the wifi I paid $18 for worked for exactly "
                          "11 minutes of a 5 hour flight. Truly the future of travel.",
                          platform="mastodon", kind="mention")
    assert triage["label"] == "negative" and "sarcasm" in [f["flag"] for f in triage["flags"]]
    assert sayback.say_back("This was confirmed twice on the phone.") is None


@pytest.mark.parametrize(("business", "platform", "rating", "text", "wanted", "unwanted"), [
    ("air", "mastodon", None, "@bluejet Booked wheelchair assistance for my 82 yo mother at JFK. "
     "It came late. She waited 50 minutes at the gate.", "your mother waited 50 minutes",
     "held things up"),  # "she" is the mother told of before; the help that came late (help
    # that never came is held for a person since the twenty-second reading)
    ("bistro", "google_business", 2, "Even the tandoori roti was cold.",
     "the tandoori roti was cold", "even the"),
])
def test_independent_reading_say_back_of_who_and_what(business, platform, rating, text, wanted,
                                                      unwanted):
    draft = read_as_posted(business, platform, text, rating=rating, author="Ren Ito")
    assert wanted in draft["reply"] and unwanted not in draft["reply"].lower(), draft["reply"]


def test_when_and_where_go_from_a_clause_too_long_to_say_back_whole():
    assert sayback.say_back("Waited 50 mins for main course on a weekday afternoon when "
                            "restaurant was half empty") == \
        "you waited 50 minutes for main course when restaurant was half empty"
    assert sayback.say_back("At check-in the app showed we'd all been split up") == \
        "the app showed you'd all been split up"


@pytest.mark.parametrize(("business", "platform", "rating", "text", "wanted", "unwanted"), [
    ("acme", "trustpilot", 1, "The speaker started getting very hot near the socket and there "
     "was a burning plastic smell.", "keep it unplugged", "raising this with us"),
    ("acme", "google_play", 3, "Decent speaker. But the app takes 10 seconds to open. Also why "
     "do I need to create an account to change the EQ??", "sorry", "how it performs and"),
    ("acme", "trustpilot", 2, "One arrived cracked and returns took three weeks.", "sorry",
     "where things stand"),
])
def test_independent_reading_second_batch(business, platform, rating, text, wanted, unwanted):
    assert_reads(business, platform, text, wanted, unwanted, rating=rating, author="Ren Ito")


def test_a_flippant_idiom_is_not_said_back_and_a_gate_gets_its_article():
    assert sayback.say_back("I have a Portuguese accent and it just doesn't get me.") is None
    assert sayback.say_back("gate changed with no announcement.") == \
        "the gate changed with no announcement"


@pytest.mark.parametrize(("business", "platform", "rating", "text", "wanted", "unwanted"), [
    ("bistro", "google_business", 1, "There was a small steel wire in my biryani. Could have "
     "swallowed it.", "you found in your food", "the safety problem"),
    ("bistro", "google_business", 1, "Saw a cockroach crawling on the wall by our table.",
     "kitchen team", "floor team"),
    ("air", "mastodon", None, "@bluejet we booked seats together months ago and paid for them, "
     "then got split up. I want the seat fees refunded.", "want your money back",
     "chase their own money"),  # (booked months ago: no refund chased yet)
])
def test_independent_reading_holds_named(business, platform, rating, text, wanted, unwanted):
    assert_reads(business, platform, text, wanted, unwanted, rating=rating, author="Ren Ito")


@pytest.mark.parametrize(("clause", "phrase"), [
    ("But 2 hours on the tarmac with no water and the AC off is not ok.",
     "the 2 hours on the tarmac with no water and the AC off"),
    ("3 hours at the gate with no updates", "the 3 hours at the gate with no updates"),
    ("40 mins on hold, call dropped", None),  # (a verb: not a thing to name)
    ("2 hours and they ignored me", None),
])
def test_how_long_it_lasted_is_named_as_a_thing(clause, phrase):
    assert sayback.duration_phrase(clause) == phrase


def test_a_verbless_wait_opens_the_draft_by_what_it_was():
    draft = read_as_posted("bistro", "google_business", "45 minutes for two dosas. Unbelievable.",
                           rating=1, author="Ren Ito")
    assert "the 45 minutes for two dosas" in draft["reply"], draft["reply"]


@pytest.mark.parametrize(("clause", "said"), [
    ("Rebooked on a flight 2 days later??", "we rebooked you on a flight 2 days later"),
    ("moved me to row 31 without asking", "we moved you to row 31 without asking"),
])
def test_what_the_airline_did_told_with_no_subject_is_ours(clause, said):
    assert sayback.say_back(clause) == said


@pytest.mark.parametrize(("business", "platform", "rating", "text", "wanted", "unwanted"), [
    # (a second independent reading of 60 new items, after the fixes above: SEND 9, LIGHT 22,
    # REWRITE 29; its general causes)
    ("bistro", "google_business", 3, "The food is very good, I have been coming here since 3 "
     "years. But the quality has gone down. Rogan josh was chewy and naan was hard like rubber.",
     "sorry", "kind words. Thank you"),  # (was thanked twice, with no apology)
    ("air", "mastodon", None, "@bluejet why does a carry-on that fit in the sizer cost me $75 at "
     "the gate?", "sorry", "thanks for asking"),
    ("air", "mastodon", None, "@bluejet bonjour, my flight to Miami was cancel and nobody give "
     "me paper", "your flight to Miami was cancelled", "bonjour"),
    ("air", "mastodon", None, "@bluejet the gate agent was so rude to the elderly couple in front "
     "of me", "Nobody should be treated that way", "You deserved"),
    ("acme", "google_play", 1, "It wakes up at night saying 'sorry I didn't catch that'. Is it "
     "recording all the time?", "listening or recording", "disappointment"),
    ("air", "mastodon", None, "@bluejet crew were so kind, flight on time, but my refund for the "
     "meal I never got still hasn't come after a month", "you liked our crew", "lovely to hear"),
])
def test_second_independent_reading_causes(business, platform, rating, text, wanted, unwanted):
    assert_reads(business, platform, text, wanted, unwanted, rating=rating, author="Ada Byrne",
                 case=False)


@pytest.mark.parametrize(("business", "platform", "rating", "text", "wanted", "unwanted"), [
    ("air", "mastodon", None, "@bluejet bag came off the belt with the handle ripped off. filed "
     "a report, ref MIA-88213, and heard nothing since.", "DM us and", "your confirmation code"),
    ("acme", "google_play", 2, "Why do I need to create an account just to change the EQ? "
     "Pointless.", "people who decide", "how to fix it"),  # a choice, not a fault
    ("acme", "google_play", 2, "The update removed the alarm feature completely.",
     "people who decide", "causing it"),
])
def test_second_independent_reading_steps(business, platform, rating, text, wanted, unwanted):
    assert_reads(business, platform, text, wanted, unwanted, rating=rating, author="Ada Byrne")


@pytest.mark.parametrize(("business", "platform", "rating", "text", "wanted", "unwanted"), [
    ("air", "mastodon", None, "@bluejet the crew on BJ88 last night were lovely, genuinely. But "
     "4 hours on the tarmac with no water is not ok.", "the 4 hours on the tarmac with no water",
     "still going on"),  # told the morning after: nothing going on now
    ("air", "mastodon", None, "@bluejet my return flight was changed by 9 hours without any "
     "email. Now I miss my daughter's recital.", "Missing your daughter's recital",
     "website and app"),
    ("air", "mastodon", None, "@bluejet suitcase still not delivered after 6 days. Claim ref is "
     "in my DMs, nobody answers.", "DM us and", "confirmation code"),
])
def test_second_independent_reading_time_and_event(business, platform, rating, text, wanted,
                                                   unwanted):
    assert_reads(business, platform, text, wanted, unwanted, rating=rating, author="Ada Byrne")


@pytest.mark.parametrize(("clause", "said"), [
    ("two speakers not sync and one is delay half second", None),  # said back, it mocks
    ("the agent say I get compensation", None),
    ("it does not sync with my phone", "it does not sync with your phone"),
])
def test_broken_english_is_not_said_back(clause, said):
    assert sayback.say_back(clause) == said


@pytest.mark.parametrize(("text", "wanted", "unwanted"), [
    ("@bluejet you charged me a $200 change fee and then cancelled the flight anyway. I want it "
     "refunded.", "we charged you a $200 change fee", "raising this with us"),  # said back
    ("@bluejet 3 hours at the gate with no updates and still no crew. what is going on",
     "the 3 hours at the gate with no updates", "about the delay"),  # held, named by what
])
def test_a_holding_reply_says_what_it_holds(text, wanted, unwanted):
    draft = read_as_posted("air", "mastodon", text, rating=None, author="Ada Byrne")
    assert "personally" in draft["reply"] or "right away" in draft["reply"], draft["reply"]
    assert wanted in draft["reply"] and unwanted not in draft["reply"], draft["reply"]


def test_a_flight_named_with_its_route_is_said_back_with_its_verb():
    assert sayback.say_back("@bluejet flight BJ412 from Denver delayed 5 hours, moved gates three "
                            "times") == \
        "your flight BJ412 from Denver was delayed 5 hours and moved gates three times"


@pytest.mark.parametrize(("business", "platform", "text", "wanted"), [
    ("air", "mastodon", "@bluejet WORST AIRLINE EVER. 3 hour delay and NOBODY at the gate",
     "the 3-hour delay"),
    ("bistro", "google_business", "Terrible. 30 minutes wait for a table with a booking.",
     "the 30-minute wait"),
])
def test_a_wait_is_named_with_how_long_it_was(business, platform, text, wanted):
    draft = read_as_posted(business, platform, text, rating=1, author="Ada Byrne")
    assert wanted in draft["reply"], draft["reply"]


@pytest.mark.parametrize(("business", "platform", "rating", "text", "wanted", "unwanted"), [
    # (a third independent reading of 60 new items: SEND 7, LIGHT 28, REWRITE 25; its causes)
    ("acme", "trustpilot", 1, "Speaker died exactly 2 weeks after the warranty ran out. Won't "
     "power on at all.", "sorry", "condolences"),  # a device, not a person
    ("acme", "trustpilot", 1, "My son ordered £60 of stuff through the speaker by voice.",
     "Mohammed", "Hi there"),  # a hyphenated surname is still a name
    ("air", "mastodon", None, "@bluejet I was charged twice for the same booking (conf. QX7PLM). "
     "Please refund the duplicate, it's been a week", "DM us and", "confirmation code"),
    ("air", "mastodon", None, "@bluejet the flight attendant told my friend with a nut allergy to "
     "just not eat them", "your friend's allergy", "your allergy and"),
    ("bistro", "google_business", 1, "Wow what great service. Waited 20 minutes just to get menu. "
     "Then food came cold. Truly a 5 star experience", "sorry", "glad you liked"),
    ("air", "mastodon", None, "@bluejet so is there a reason my priority boarding meant boarding "
     "after group 4?", "sorry", "thanks for asking"),
])
def test_third_independent_reading_causes(business, platform, rating, text, wanted, unwanted):
    author = "Mohammed Al-Rashid" if "£60" in text else "Ada Byrne"
    assert_reads(business, platform, text, wanted, unwanted, rating=rating, author=author)


def test_a_second_clause_joined_by_and_gets_its_article():
    assert sayback.say_back("the biryani came and rice was undercooked") == \
        "the biryani came and the rice was undercooked"
    assert "the dirty" not in (sayback.say_back("Dark, dingy and dirty were the words that "
                                                "came to mind") or "")


@pytest.mark.parametrize(("business", "platform", "rating", "text", "wanted", "unwanted"), [
    ("bistro", "google_business", 1, "The waiter spilled hot tea on my hand and just gave a "
     "tissue. My hand got red. Nobody asked if I am okay.", "I hope your hand is all right",
     "glad"),
    ("bistro", "google_business", 2, "Also the music was very loud, could not talk properly.",
     "and you could not talk properly", "loud, could not"),
    ("acme", "trustpilot", 1, "Doesn't work.", "sorry", "should work for you"),  # (no echo)
])
def test_third_independent_reading_wording(business, platform, rating, text, wanted, unwanted):
    assert_reads(business, platform, text, wanted, unwanted, rating=rating)


def test_a_rebuke_tail_is_not_said_back():
    assert sayback.say_back("an alarm should work offline, that's basic") == \
        "an alarm should work offline"


@pytest.mark.parametrize(("business", "platform", "rating", "text", "wanted", "unwanted"), [
    # (a fourth independent reading of 60 new items: SEND 6, LIGHT 30, REWRITE 24; its causes)
    ("bistro", "google_business", 1, "Ordered veg thali and found chicken pieces in the dal. We "
     "are pure vegetarian.", "you found in your vegetarian meal", "dietary needs"),
    ("air", "mastodon", None, "@bluejet there was a burning smell in the cabin for 20 minutes and "
     "the crew said it was normal", "the smell in the cabin", "raising this with us"),
    ("acme", "trustpilot", 1, "The adapter started melting and got very hot.", "safety team",
     "product team"),
])
def test_fourth_independent_reading_holds(business, platform, rating, text, wanted, unwanted):
    assert_reads(business, platform, text, wanted, unwanted, rating=rating)


@pytest.mark.parametrize(("text", "wanted", "unwanted"), [
    # (the fourth independent reading's commonest cause: several complaints reduced to one)
    ("Waited 40 minutes for biryani and it came cold. The manager did not even come to our "
     "table.", "You also told us about the 40-minute wait.", "also told us about the wait."),
    ("They added 18% service charge without telling us. Service was slow also.",
     "and that the service was slow", "the wait as well"),  # (said already: not named again)
])
def test_the_other_complaints_are_named_and_never_twice(text, wanted, unwanted):
    draft = read_as_posted("bistro", "google_business", text, rating=1, author="Ada Byrne")
    reply = draft["reply"]
    assert unwanted not in reply, reply
    assert wanted in reply, reply


@pytest.mark.parametrize("author", ["Emma Stone", "Sam Carter"])
def test_a_play_reply_near_its_limit_is_never_left_unsigned(author):
    # (the twenty-ninth reading found a 283-character Play reply with no sign-off: the tight
    # say-back dropped it for good, and a first name was never tried without the greeting)
    draft, _ = draft_for("acme", "the new update removed the option to turn off the startup "
                         "chime. why would you remove that?? it wakes my baby up every time "
                         "power comes back", platform="google_play", rating=1, author=author)
    assert draft["fits"]["length"] <= PLAY_REPLY_LIMIT
    assert [p["move"] for p in draft["parts"]][-1] == "sign", draft["reply"]
    assert draft["reply"].rstrip().split("\n")[-1].startswith("Dana"), draft["reply"]


def test_a_play_reply_at_its_limit_keeps_a_named_sign_off():
    # (two independent readings found Play replies with no sign-off: it was dropped first;
    # two more found "Dana" alone unfinished: the title goes first, then the greeting)
    draft, _ = draft_for("acme", "App crashes every single time I open the equalizer settings. "
                         "Pixel 7, Android 14. Sent the crash report several times.",
                         platform="google_play", rating=1, author="Nathan Cole")
    assert draft["fits"]["length"] <= PLAY_REPLY_LIMIT
    assert draft["reply"].rstrip().endswith("\n\nDana Whitfield, Customer Care Lead"), \
        draft["reply"]  # (the thirty-fourth and thirty-fifth readings: a title or a greeting
    # dropped reads unfinished; the apology's "we fell short" goes first)
    assert draft["reply"].startswith("Hi Nathan,"), draft["reply"]


@pytest.mark.parametrize(("business", "platform", "rating", "text", "wanted", "unwanted"), [
    # (a fifth independent reading of 60 new items: SEND 7, LIGHT 23, REWRITE 30; its causes)
    ("acme", "trustpilot", 1, "The power adapter sparked when I plugged it in. Visible flash.",
     "the sparks you saw", "raising this with us"),
    ("acme", "google_play", 1, "It started talking at 3am and woke the baby. Is someone else "
     "controlling it??", "someone else may be controlling it", "how it performs"),
    ("bistro", "google_business", 2, "I am Jain and specifically asked for no onion no garlic. "
     "The dal came with onion pieces clearly visible.", "you found in your Jain meal",
     "came to us for"),
    ("air", "mastodon", None, "@bluejet great job cancelling my flight and then charging me a $75 "
     "change fee. truly innovative", "sorry", "lovely to hear"),
])
def test_fifth_independent_reading_causes(business, platform, rating, text, wanted, unwanted):
    assert_reads(business, platform, text, wanted, unwanted, rating=rating)


@pytest.mark.parametrize(("business", "platform", "rating", "text", "wanted", "unwanted"), [
    ("acme", "google_play", 3, "Why can't I set a timer and play music at the same time? It "
     "stops the music when the timer rings. Small thing but annoying.", "sorry",
     "size or style"),  # "small thing" is no garment's size
    ("bistro", "google_business", 2, "Biryani was fine but the chicken pieces were very less.",
     "too few", "too small"),
])
def test_fifth_independent_reading_words(business, platform, rating, text, wanted, unwanted):
    assert_reads(business, platform, text, wanted, unwanted, rating=rating)


def test_a_loss_beside_a_money_dispute_is_answered_with_condolences_and_one_sorry():
    # (a sixth independent reading of 60 new items: SEND 6, LIGHT 27, REWRITE 27)
    draft = read_as_posted("air", "mastodon", "@bluejet booked a flight for my dad's funeral, "
                           "your site showed the bereavement fare, then charged full price. I "
                           "want the difference refunded.", rating=None, author="Gary Holt")
    reply = draft["reply"]
    assert "loss" in reply or "condolences" in reply, reply
    assert reply.count("sorry") <= 1, reply


def test_a_voice_assistant_gets_its_article():
    assert sayback.say_back("Voice assistant understands nothing.") == \
        "the voice assistant understands nothing"


@pytest.mark.parametrize(("business", "platform", "rating", "text", "wanted"), [
    ("air", "mastodon", None, "@bluejet my mum fell on the escalator at JFK because nobody came "
     "with the wheelchair", "your mum's fall"),
    ("air", "mastodon", None, "@bluejet no water on board for 3 hours and a passenger fainted",
     "personally"),
    ("bistro", "google_business", 1, "Found chicken in veg soup. We are vegetarian.",
     "you found in your vegetarian meal"),
    ("bistro", "google_business", 1, "Flies on the dessert counter, sitting on the sweets.",
     "personally"),
])
def test_sixth_independent_reading_holds(business, platform, rating, text, wanted):
    draft = read_as_posted(business, platform, text, rating=rating, author="Ada Byrne")
    assert wanted in draft["reply"], draft["reply"]


def test_falling_asleep_is_no_fall():
    _, triage = draft_for("air", "@bluejet I fell asleep and missed the boarding call",
                          platform="mastodon", kind="mention")
    assert "safety" not in [f["flag"] for f in triage["flags"]], triage["flags"]


@pytest.mark.parametrize(("clause", "said"), [
    ("Three stars because the alarms randomly don't go off.",
     "the alarms randomly don't go off"),  # the rating's reason, not the rating
    ("the food is too much oily", "the food is too oily"),
])
def test_sixth_reading_say_back_forms(clause, said):
    assert sayback.say_back(clause) == said


@pytest.mark.parametrize(("text", "wanted"), [
    ("@bluejet your app won't let me check in and boarding is in 40 minutes. help", True),
    ("@bluejet the app is slow, please fix this asap", False),  # (no deadline: no time stress)
])
def test_a_deadline_told_gets_the_empathy_of_little_time(text, wanted):
    draft = read_as_posted("air", "mastodon", text, rating=None, author="Ada Byrne")
    assert ("when time is short" in draft["reply"]) is wanted, draft["reply"]


@pytest.mark.parametrize(("text", "wanted", "unwanted"), [
    ("@bluejet the gate agent in Denver was shouting at an elderly couple. not ok.", "DM us and",
     "confirmation code"),  # a bystander has no booking of theirs to look up
    ("@bluejet my bag is lost", "confirmation code", "DM us and"),
])
def test_a_reference_is_asked_for_only_when_there_is_one_to_look_up(text, wanted, unwanted):
    assert_reads("air", "mastodon", text, wanted, unwanted, rating=None)


def test_a_held_refund_names_what_it_is_about_when_it_can():
    draft = read_as_posted("air", "mastodon", "@bluejet I cancelled within 24 hours like your "
                           "policy says and it's been 6 weeks with no refund. I want my money "
                           "back or I'm filing a chargeback.", rating=None, author="Tom Reed")
    assert "personally" in draft["reply"], draft["reply"]
    # (was "raising this"; then named by its aspect; now said back as told)
    assert "about the cancellation" in draft["reply"] or "you cancelled within 24 hours like our " \
        "policy says" in draft["reply"], draft["reply"]


@pytest.mark.parametrize("clause", [
    # (the scene a story opens on, and a concession: never said back as the complaint)
    "The first time I went there were 4 people in line ahead of me",
    "Doesn\u2019t matter if my phone updated",
    "Doesn't matter if my phone updated",
])
def test_a_scene_or_a_concession_is_not_the_complaint(clause):
    assert sayback.not_the_complaint(clause)
    assert sayback.say_back(clause) is None


SEVENTH_INDEPENDENT_READING_CAUSES_CASES = [
    # (a seventh independent reading of 60 new items: SEND 5, LIGHT 31, REWRITE 24; its causes
    # that a rule can fix generally)
    ("air", "mastodon", None, "@Bluejet overhead bin door fell open during landing and a "
     "suitcase hit the man next to me on the head. He was bleeding. Crew just gave him a napkin.",
     "I hope the passenger who was hurt is all right", "the fall you had"),
    ("air", "mastodon", None, "@Bluejet overhead bin door fell open during landing and a "
     "suitcase hit the man next to me on the head. He was bleeding.", "our safety team",
     "flight itself"),
    ("air", "mastodon", None, "@Bluejet I told you TWICE that I have a severe peanut allergy and "
     "the crew still handed out peanuts across my row. Had to use my EpiPen mid-flight.",
     "I hope you're feeling better now", "kind words"),
    ("bistro", "google_business", 1, "Me and my husband had dinner here on Saturday and both of "
     "us had loose motions and vomiting whole night. The prawn curry was stale.",
     "I hope you're both feeling better now", "your husband is"),
    ("air", "mastodon", None, "@Bluejet thanks for the 'meal' on my 7 hour flight. One bag of "
     "pretzels. I'm sure the $400 ticket covered that.", "the meal", "kind words"),
    ("air", "mastodon", None, "@Bluejet thanks for the 'meal' on my 7 hour flight. One bag of "
     "pretzels.", "inflight team", "baggage team"),
    ("air", "mastodon", None, "@Bluejet booked an aisle seat months ago and paid $30 for it, got "
     "moved to a middle seat without any notice. Can I at least get the $30 back?",
     "I understand why you want your money back", "answer your question then"),
    ("bistro", "google_business", 1, "Bill had extra items which we never ordered, 2 mocktails "
     "and one naan basket. When we pointed out, the staff argued with us instead of correcting.",
     "the bill had extra items which you never ordered, 2 mocktails and one naan basket, and "
     "that the staff argued with you", "complimentary dessert"),
    ("bistro", "google_business", 2, "Food is good no doubt but the valet guy scratched my car "
     "and denied it. Manager said not our responsibility.", "Maria Lopez",
     "said not your responsibility"),
    ("bistro", "google_business", 2, "Food is good no doubt but the valet guy scratched my car "
     "and denied it. Manager said not our responsibility.", "Maria Lopez",
     "complimentary dessert"),
    ("bistro", "google_business", 1, "Ordered butter chicken and dal makhani. Both were too much "
     "sweet, like dessert only. Paneer tikka was rubbery and cold.", "paneer tikka",
     "complimentary dessert"),
    ("bistro", "google_business", 1, "Waiter was very rude to my elderly mother when she asked "
     "for less spicy. Shameful.", "Maria Lopez", "complimentary dessert"),
    ("acme", "trustpilot", 1, "I cancelled my Acme Premium subscription in January and you've "
     "charged me $9.99 every month since. I have the cancellation confirmation email.",
     "the charges since you cancelled", "you have the cancellation"),
    ("acme", "google_play", 1, "Does this app even work with Android 14? Crashes on open. Can you "
     "tell me if a fix is coming?", "where the fix stands", "answer your question then"),
    ("bistro", "google_business", 2, "No AC, we were sweating through the whole dinner. Do you "
     "people even have AC?", "Maria Lopez", "answer your question then"),
]


@pytest.mark.parametrize(("clause", "said"), [
    # (the readings' commonest cause: a review with several complaints reduced to one)
    ("The food was cold, the naan was burnt and the waiter was rude.",
     "the food was cold, that the naan was burnt, and that the waiter was rude"),
    ("But the app is slow, the EQ settings reset every time and multiroom grouping drops out "
     "every hour.", "the app is slow, that the EQ settings reset every time, and that multiroom "
     "grouping drops out every hour"),
    ("Charged me $75 for a carry-on that fit in your own sizer box.",
     "we charged you $75 for a carry-on that fit in our own sizer box"),
])
def test_a_list_of_complaints_is_said_back_whole(clause, said):
    assert sayback.say_back(clause) == said


@pytest.mark.parametrize("clause", [
    "we are humiliated", "I was so embarrassed.", "We are disgusted and shocked!",
    "Biryani was not biryani, it was pulao",  # (a list item must name its own thing)
])
def test_a_feeling_or_a_dangling_it_is_not_listed_back(clause):
    said = sayback.say_back(clause)
    assert said is None or ", that" not in said, said
    if clause[0] in "wI":
        assert said is None


SEVENTH_READING_LISTS_AND_CHARGES_CASES = [
    ("air", "mastodon", None, "@Bluejet Charged me $75 for a carry-on that fit in your own sizer "
     "box. The agent at gate B7 refused to even let me try. Want my money back.",
     "we charged you $75 for a carry-on that fit in our own sizer box", "humiliated"),
    ("air", "mastodon", None, "@Bluejet The flight attendant on BJ88 rolled her eyes at my "
     "mother and asked for water twice. Very rude behaviour, we are humiliated.",
     "Sam, Bluejet Care", "you are humiliated"),
    ("acme", "google_play", 3, "Sound quality is actually great, really happy with bass. But the "
     "app is slow, the EQ settings reset every time and multiroom grouping drops out every hour.",
     "multiroom grouping drops out every hour", "setup and software"),
]


SEVENTH_READING_OPENINGS_CASES = [
    # (the seventh reading's generic openings and dropped complaints)
    ("bistro", "google_business", 2, "Too oily.", "the food was too oily", "about the food"),
    ("bistro", "google_business", 2, "Biryani was not biryani, it was pulao with some masala. "
     "Raita was watery.", "and that the raita was watery", "writing to us about the food"),
    ("acme", "google_play", 1, "Volume randomly jumps to max at night. Woke up my baby at 3am "
     "twice this week. Not ok.", "the volume randomly jumps to max at night", "that volume"),
    ("acme", "trustpilot", 1, "Great, another smart speaker that gets dumber with every update. "
     "Fourth time it's forgotten my WiFi this month.", "the fourth time it's forgotten your WiFi",
     "how it performs"),
    ("air", "mastodon", None, "@Bluejet Where is my refund? Flight cancelled on March 3, you said "
     "7-10 business days, it's been 6 weeks. Three chats, zero answers.",
     "the refund you're still waiting for", "about this"),
    ("bistro", "google_business", 2, "AC was not working properly, we were sweating the whole "
     "dinner.", "the AC was not working properly", "the ac "),
]


EIGHTH_INDEPENDENT_READING_CAUSES_CASES = [
    # (an eighth independent reading of 60 new items: SEND 17, LIGHT 21, REWRITE 22; its causes
    # that a rule can fix generally)
    ("air", "mastodon", None, "@Bluejet your crew were lovely honestly, but the 2 hour delay, the "
     "missed connection and the voucher that only works at one closed cafe made the whole trip a "
     "mess.", "Sam, Bluejet Care", "that the missed connection."),
    ("air", "mastodon", None, "@Bluejet flight BJ412 delayed 5 hours and not ONE update from the "
     "gate agents. We just watched the board change every 30 min. Missed my sister's rehearsal "
     "dinner.", "Sam, Bluejet Care", "30 min. Missed"),
    ("air", "mastodon", None, "@Bluejet cancelled my Friday flight at 11pm the night before and "
     "rebooked me for TUESDAY. Who is supposed to pay for 4 nights in a hotel??",
     "hotel support", "answer your question then"),
    ("air", "mastodon", None, "@Bluejet so the plane sat on the runway for 3 hours with no aircon "
     "and no water. A kid two rows behind me vomited and a woman nearly fainted.",
     "Sam, Bluejet Care", "I hope you're feeling better"),
    ("air", "mastodon", None, "@Bluejet my dog was in the hold on BJ88 and the crate was left on "
     "the tarmac in 41 degree heat for almost an hour. She is at the vet now.",
     "what happened to your dog", "the trouble reaching us"),
    ("air", "mastodon", None, "@Bluejet I got charged 75 euros for a bag at the gate that fit in "
     "your sizer perfectly. The agent didn't even let me try. I want that fee back.",
     "you got charged 75 euros for a bag at the gate that fit in our sizer perfectly",
     "chase their own money"),
    ("air", "mastodon", None, "@Bluejet someone from your gate staff posted my boarding pass photo "
     "with my full name in a staff group chat. Why does your staff have my data in WhatsApp??",
     "your personal details being shared", "Nobody should be treated that way"),
    ("air", "mastodon", None, "@Bluejet someone from your gate staff posted my boarding pass photo "
     "with my full name in a staff group chat.", "privacy team", "customer experience team"),
    ("acme", "google_play", 1, "Why does the app need my location and contacts to play music?? "
     "Uninstalled.", "the permissions the app asks for", "what's causing it"),
    ("acme", "trustpilot", 1, "I asked in the app chat whether the microphone is ever recording "
     "when the mute light is on. The bot gave me a link to a product page.",
     "listening or recording", "setup and software"),
    ("acme", "trustpilot", 1, "The speaker fall from the shelf when it vibrate with bass and hit "
     "my daughter foot. She has bruise. Please make warning on the box.",
     "your daughter's injury", "the delivery"),
    ("acme", "google_play", 1, "Oh wonderful, another update that removes the equalizer. Thanks "
     "Acme, exactly what nobody asked for.", "reaches the people who decide",
     "what's causing it"),
    ("acme", "trustpilot", 2, "Customer support agent was rude. He ended the chat on me.",
     "the customer support agent was rude", "that customer support agent"),
    ("acme", "google_play", 3, "Sound quality is genuinely great for the price. But the app "
     "constantly asks me to log in, the multiroom grouping drops every evening, and the volume "
     "randomly jumps to max at night which woke my baby.", "the volume randomly jumps to max",
     "setup and software"),
    ("bistro", "google_business", 2, "Dosa was not crispy, sambar was watery and coconut chutney "
     "was sour. Parking also big problem.", "the dosa was not crispy, that the sambar was watery",
     "writing to us about the food"),
    ("bistro", "google_business", 1, "Wow, amazing service! Waited 40 mins for a table even after "
     "booking, then they gave us the table near the kitchen door. Superb hospitality, really.",
     "you waited 40 minutes for a table", "glad you liked the service"),
    ("bistro", "google_business", 2, "Card machine not working they said, only UPI or cash. Then "
     "after paying via UPI they said payment not received and asked to pay again. Money was "
     "debited from my account.", "billing team", "I can see why that was a disappointment"),
]


EIGHTH_READING_HOLDS_ANSWER_EVERY_POINT_CASES = [
    # (the eighth reading's points left out of holds)
    ("bistro", "google_business", 1, "Found a cockroach in the biryani. Showed to the waiter, he "
     "just took the plate and brought a new one. Still charged us full bill. Never again.",
     "I'll go through the bill with you too", "complimentary dessert"),
    ("air", "mastodon", None, "@Bluejet so the plane sat on the runway for 3 hours with no aircon "
     "and no water. A kid two rows behind me vomited and a woman nearly fainted. Is there any "
     "compensation for this?", "the 3 hours on the runway with no aircon and no water",
     "raising this with us"),
    ("air", "mastodon", None, "@Bluejet so the plane sat on the runway for 3 hours with no aircon "
     "and no water. A kid two rows behind me vomited and a woman nearly fainted. Is there any "
     "compensation for this?", "I'll also check what we can offer for what happened",
     "refund"),
]


@pytest.mark.parametrize("author", ["Ada Byrne", "Sam Carter", "Li Wei", "Priya Nair", "Tom Reed",
                                    "Jo March"])
def test_no_stock_filler_that_a_reading_took_for_invention(author):
    # "Waiting that long with no word from us" said to a customer who never said there was no
    # word; "You mentioned the quality as well" read as filler (the eighth reading)
    for text in ("We waited 50 minutes for our food and the waiter was rude. The price was high "
                 "too.", "Flight delayed 3 hours, seat was broken and the meal was cold."):
        draft = read_as_posted("bistro", "google_business", text, rating=2, author=author)
        assert "no word from us" not in draft["reply"] and "You mentioned" not in \
            draft["reply"], draft["reply"]


NINTH_INDEPENDENT_READING_CAUSES_CASES = [
    # (a ninth independent reading of 60 new items: SEND 13, LIGHT 24, REWRITE 23; its causes
    # that a rule can fix generally)
    ("air", "mastodon", None, "@Bluejet thx for nothing", "Sam, Bluejet Care", "kind words"),
    ("air", "mastodon", None, "@Bluejet great wifi. Paid 12 euros, got 4 minutes of connection. "
     "Truly world class.", "Sam, Bluejet Care", "glad you liked"),
    ("air", "mastodon", None, "@Bluejet you cancelled my flight to Lisbon 2 hours before boarding "
     "and rebooked me for THURSDAY. I want a refund, not a voucher.", "rebooked you for Thursday",
     "THURSDAY"),
    ("air", "mastodon", None, "@Bluejet I booked wheelchair assistance 3 weeks in advance. Nobody "
     "came. I sat at the gate for 50 minutes. My own chair came back with a bent footrest.",
     "the assistance that never came and the damage to your wheelchair", "raising this"),
    ("air", "mastodon", None, "@Bluejet is it normal for the crew to ignore a passenger who is "
     "clearly having a panic attack? Asked for help twice. One attendant rolled her eyes.",
     "the panic attack", "raising this"),
    ("air", "mastodon", None, "@Bluejet paid for an upgrade to Bluejet Plus for extra legroom, got "
     "put in a normal seat because of an aircraft swap. No one mentioned refunding the "
     "difference. Do I have to beg?", "Sam, Bluejet Care", "answer your question then"),
    ("acme", "trustpilot", 2, "bass is distorted above half volume, tried EQ settings, still "
     "buzzing. second unit same problem", "the bass is distorted above half volume.",
     "tried EQ settings"),
    ("acme", "google_play", 1, "Update bricked it. Orange light forever.",
     "the update bricked it", "that update bricked"),
    ("acme", "trustpilot", 1, "I found out the speaker was recording clips even when I hadn't "
     "said the wake word. How do I delete all of it and how long have you kept it?",
     "I'll answer your questions about your data in writing", "what's causing it"),
    ("bistro", "google_business", 1, "Found a hair in biryani. Told the waiter, he just took plate "
     "and brought same biryani back. Very unhygienic.", "you found in your food",
     "complimentary dessert"),
    ("bistro", "google_business", 1, "Ordered through the app, got paneer instead of chicken. My "
     "brother is allergic to dairy, he had a reaction and we had to give him medicine.",
     "your brother's allergic reaction", "the allergic reaction you had"),
    ("bistro", "google_business", 1, "Asked clearly for Jain food, no onion no garlic, for my "
     "mother in law. They served with onion. She had already eaten half.",
     "your Jain meal", "complimentary dessert"),
    ("bistro", "google_business", 1, "Bill was 2340 but they charged 2840 on card. When I pointed "
     "out manager said it's service charge.", "the bill was 2340, and that we charged 2840",
     "complimentary dessert"),
    ("bistro", "google_business", 1, "Ordered veg thali, got 2 rotis only and when asked for extra "
     "they charged 40 each, but menu says unlimited thali.",
     "being charged for what the menu says is included", "about the food"),
    ("bistro", "google_business", 2, "Food came one by one so half people finished before others "
     "got. Bill also they added 2 extra rotis we never ordered.", "billing team",
     "You've said that the food came one by one"),
]


NINTH_READING_PRAISE_AND_PEOPLE_CASES = [
    # (the ninth reading's praise ignored, the customer's set-up led with, children seated apart
    # called "a disappointment", a muddle called mistreatment)
    ("air", "mastodon", None, "@Bluejet 6 hours on the tarmac. Toilets stopped working after 3. "
     "Crew were honestly lovely and did their best but whoever decided to keep us on that plane "
     "should be ashamed.", "our crew", "kind words about the tarmac"),
    ("acme", "google_play", 1, "The alarm function failed and I missed an early flight. Alarm was "
     "set in the app, it showed active, speaker just didn't ring.",
     "the alarm function failed", "the alarm was set in the app"),
    ("air", "mastodon", None, "@Bluejet booked seats together for me and my 4yo and 7yo months "
     "ago. At check-in we were split across rows 12, 19 and 27.",
     "No parent should be seated apart from their young children", "a disappointment"),
    ("air", "mastodon", None, "@Bluejet great job seating my 4 year old 14 rows away from me even "
     "though we booked together. Wonderful.", "your family being seated apart",
     "the flight itself"),
    ("bistro", "google_business", 3, "Dosa was crispy and nice. Sambar was not hot. Staff friendly "
     "but confused.", "Maria Lopez", "staff friendly but confused"),
    ("bistro", "google_business", 3, "Staff friendly but confused, the order came wrong twice.",
     "Maria Lopez", "Nobody should be treated that way"),
]


TENTH_INDEPENDENT_READING_CAUSES_CASES = [
    # (a tenth independent reading of 60 new items: SEND 9, LIGHT 26, REWRITE 25; its causes
    # that a rule can fix generally)
    ("air", "mastodon", None, "@Bluejet my 11 year old flew unaccompanied to Dublin today and the "
     "staff member who was supposed to hand her over LEFT HER with another family's dad.",
     "how your child was looked after on the journey", "how our staff handled things"),
    ("air", "mastodon", None, "@Bluejet I booked special assistance for my mum (she's blind) weeks "
     "in advance. Nobody met her at arrivals. She sat alone at the gate for 75 minutes.",
     "the assistance your mum never got", "this is not acceptable"),
    ("air", "mastodon", None, "@Bluejet security confiscated my insulin cool pack and your crew "
     "refused to store my insulin in the fridge on board. I'm type 1 diabetic.",
     "your insulin and how it was handled", "the medicine in your bag"),
    ("air", "mastodon", None, "@Bluejet my dog travelled in the hold on BJ88 and arrived with no "
     "water in his bowl and was panting badly. The vet says mild dehydration.",
     "what happened to your dog", "your trip let you down"),
    ("air", "mastodon", None, "@Bluejet your app has logged me out 4 times during check-in and now "
     "says my booking cannot be found. Boarding closes in 50 min. Help??",
     "time is short", "no end in sight"),
    ("air", "mastodon", None, "@Bluejet love how the crew member at gate 14 rolled her eyes and "
     "said 'not my job' when my elderly dad asked where the wheelchair was. Lovely.",
     "Sam, Bluejet Care", "kind words"),
    ("air", "mastodon", None, "@Bluejet BJ412 to Lisbon delayed again. Nobody at the gate has said "
     "a word in an hour.", "flight BJ412 to Lisbon was delayed again", "bJ412"),
    ("air", "mastodon", None, "@Bluejet overbooked BJ230 and bumped me at the gate. I was offered "
     "a voucher. I know my rights and that isn't it.", "Sam, Bluejet Care",
     "you know your rights"),
    ("acme", "google_play", 1, "Kids' profile is supposed to block explicit content. My 8-year-old "
     "asked for a song and it played the explicit version, full swearing.",
     "the explicit content your child heard", "a disappointment"),
    ("acme", "trustpilot", 3, "Sound quality is genuinely great. But the bass distorts badly, the "
     "app crashes when I try to change EQ, and the power button is already loose after 3 weeks.",
     "the app crashes when you try to change the EQ, and that the power button is already loose",
     "Maria"),
    ("bistro", "google_business", 1, "Ordered butter chicken and dal makhani. Butter chicken was "
     "too sweet, like dessert, and dal was watery. Very disappointed.",
     "the butter chicken was too sweet", "about the dessert"),
    ("bistro", "google_business", 1, "Ordered through the app, got veg biryani instead of chicken "
     "biryani and raita was missing.", "Maria Lopez", "vegetarian meal"),
    ("bistro", "google_business", 1, "Booked the private hall for my son's birthday party. Main "
     "course ran out before everybody ate. We paid full advance of 35,000. Who will compensate "
     "for this?", "billing team", "answer your question then"),
    ("bistro", "google_business", 2, "Wow, such great service, we waited 40 min just to get the "
     "menu card. Really 5 star experience. Not.", "you waited 40 min", "glad you liked"),
]


@pytest.mark.parametrize(("text", "kept", "dropped"), [
    ("Butter chicken was too sweet, like dessert.", "butter chicken", "dessert"),
    ("The dal looked like dirty water.", "dirty", None),  # (a complaint word likened is one)
    ("We had the dessert and it was stale.", "dessert", None),
])
def test_a_likeness_is_not_the_thing(text, kept, dropped):
    from reviewwatch.triage import taxonomy
    terms = [t for _, _, t, _ in taxonomy.build("restaurant", None).terms_in(text.lower())]
    assert kept in terms and (dropped is None or dropped not in terms), terms


TENTH_READING_BAGS_AND_PLANS_CASES = [
    # (the tenth reading: a damaged bag answered as a fee, a held matter named "this")
    ("air", "mastodon", None, "@Bluejet my guitar case came off the belt with the neck snapped "
     "clean off. It was marked FRAGILE and I paid for the oversized item fee. Absolutely gutted.",
     "your guitar case came off the belt with the neck snapped clean off", "about the fee"),
    ("air", "mastodon", None, "@Bluejet my guitar case came off the belt with the neck snapped "
     "clean off. It was marked FRAGILE.", "I'll go through the damage with you",
     "where things stand"),
    ("air", "mastodon", None, "@Bluejet day 6 without my suitcase. The tracker still says "
     "'located'. I've bought clothes twice now. Will you reimburse me or not?",
     "about your missing bag and the essentials you had to buy", "raising this with us"),
    ("acme", "google_play", 2, "So you now want £3.99 a month for multi-room audio that was FREE "
     "when I bought three speakers? Changing the deal after purchase is shady.",
     "Dana Whitfield", "how it performs"),
]


ELEVENTH_INDEPENDENT_READING_CAUSES_CASES = [
    # (an eleventh independent reading of 60 new items: SEND 6, LIGHT 28, REWRITE 26; its
    # causes that a rule can fix generally)
    ("air", "mastodon", None, "@Bluejet my suitcase has been 'located' for 6 days now. Located "
     "where? Tracking page hasn't changed since Monday. I'm wearing borrowed clothes at a "
     "wedding.", "where things stand", "kind words"),
    ("air", "mastodon", None, "@Bluejet security made me put my insulin in checked baggage "
     "because your agent said 'liquids policy'. Bag then delayed 2 days. I'm type 1 diabetic.",
     "your insulin and how it was handled", "the medicine in your bag"),
    ("acme", "trustpilot", 2, "The mic mute button light is on but the speaker still responded "
     "when I said the wake word. Not comforting for something in my bedroom.",
     "your concern that it still listens when muted", "how it performs"),
    ("bistro", "google_business", 1, "Got food poisoning after eating the fish curry on Sunday. "
     "Whole night vomiting. My husband who ate the same is also unwell.",
     "I hope you're both feeling better now", "your husband is feeling"),
    ("bistro", "google_business", 1, "Ordered through Swiggy, got someone else's veg thali instead "
     "of my chicken biryani.", "Maria Lopez", "vegetarian meal"),
    ("air", "mastodon", None, "@Bluejet overbooked flight, I was bumped despite checking in "
     "online. Offered a 50 pound voucher. EU261 exists you know.", "personally",
     "I understand why you're disappointed"),
]


@pytest.mark.parametrize("author", ["Ada Byrne", "Sam Carter", "Li Wei", "Priya Nair", "Tom Reed",
                                    "Jo March", "Ann Lee", "Raj Rao"])
def test_no_stilted_waiting_line(author):
    draft = read_as_posted("bistro", "google_business", "We waited 50 minutes for our food.",
                           rating=2, author=author)
    assert "should never go on waiting" not in draft["reply"], draft["reply"]


@pytest.mark.parametrize(("clause", "said"), [
    # (the eleventh reading's pasted wording: hedges, insults, verdicts, broken grammar, shouting,
    # a verbless tail)
    ("Sorry but the chole were from tin I think and the gulab jamun was hard.",
     "the chole were from tin and the gulab jamun was hard"),
    ("flight BJ418 to Lisbon delayed 4 hours, zero announcements at the gate",
     "your flight BJ418 to Lisbon was delayed 4 hours"),
    ("I pay for product that is not working now 3 weeks.", None),
    ("This is bait and switch.", None),
    ("the non existant customer service was piss poor", None),
    ("I'm broken hearted and continuing my quest for a real coffee house", None),
])
def test_eleventh_reading_say_back(clause, said):
    assert sayback.say_back(clause) == said


def test_shouted_numbers_are_said_in_a_normal_voice():
    said = sayback.say_back("The bag drop queue is 90 minutes long with TWO desks open")
    assert said and "two desks" in said, said


TWELFTH_AND_THIRTEENTH_READING_CASES = [
    # (the twelfth and thirteenth independent readings, run in parallel on the same composer:
    # SEND 13, LIGHT 34, REWRITE 13 and SEND 11, LIGHT 31, REWRITE 18; their holds missed)
    ("acme", "trustpilot", 1, "Battery on the portable model died completely after 13 months. "
     "Swollen too, case is bulging. Support says out of warranty, pay for repair.",
     "Please keep it unplugged", "sorry for your loss"),
    ("acme", "google_play", 1, "Battery on the portable speaker swelled up and the case split "
     "open. It was charging on my kid's bedside table.", "our safety team", "rely on"),
    ("air", "mastodon", None, "@Bluejet the pet cargo team left my dog in a crate on the hot "
     "tarmac for ages. She arrived panting and dehydrated.", "what happened to your dog",
     "without a reply"),
    ("bistro", "google_business", 3, "Sunday thali was good value. Only issue is the veg and "
     "non-veg were served with same ladle, I saw it myself.",
     "the same ladle used for veg and non-veg food", "complimentary dessert"),
    ("air", "mastodon", None, "@Bluejet I am 78 and booked assistance at the airport. Nobody "
     "came. I walked the whole terminal with my cane and nearly missed my connection.",
     "special assistance team", "reservations team"),
    ("bistro", "google_business", 1, "Went with my father who is in wheelchair. Only entry was "
     "with 3 steps and no ramp, staff did not help at all, we had to lift him ourselves.",
     "the help your father needed", "complimentary dessert"),
    ("air", "mastodon", None, "@Bluejet just want to say the man in 14C was drunk and abusive to "
     "the woman next to him for the whole flight and your crew kept serving him.",
     "the passenger's behaviour on your flight", "the service you should get"),
    ("acme", "trustpilot", 1, "The speaker in my daughter's room turned itself on at 3am and "
     "started playing loud music. Is someone able to access it remotely??",
     "someone else may be controlling it", "how it performs"),
    ("acme", "trustpilot", 2, "Ordered two speakers from your website, was charged for three.",
     "billing team", "firmware team"),
    ("bistro", "google_business", 1, "Charged service charge of 10% without asking and when I "
     "questioned, they said it is compulsory. Also GST was calculated on the service charge.",
     "billing team", "complimentary dessert"),
]



@pytest.mark.parametrize(("clause", "said"), [
    # (the twelfth and thirteenth readings' pasted fragments)
    ("wifi paid, wifi dead. cool.", "the wifi you paid for didn't work"),
    ("@Bluejet wifi paid, wifi never worked. ok.", "the wifi you paid for never worked"),
    ("Inside, AC was not working properly and it was very hot.",
     "the AC was not working properly and it was very hot"),
    ("The guy at the counter was talking on phone while taking our order",
     "the guy at the counter was talking on the phone while taking your order"),
    ("Inside the waiter was okay-okay", None),
    ("app say rebook me for Thursday but I have exam on Wednesday", None),
])
def test_twelfth_and_thirteenth_readings_say_back(clause, said):
    assert sayback.say_back(clause) == said


FOURTEENTH_AND_FIFTEENTH_READING_CASES = [
    # (the fourteenth and fifteenth independent readings, in parallel on a frozen copy of the
    # composer: SEND 13, LIGHT 24, REWRITE 23 and SEND 12, LIGHT 27, REWRITE 21; their holds)
    ("air", "mastodon", None, "@Bluejet got an email saying my info may have been exposed in a "
     "'security incident' and it links to a page that 404s. What data? Passport number?",
     "the security incident and what it means for your data", "kind words"),
    ("acme", "trustpilot", 1, "Bought the speaker as a gift, it arrived with someone else's "
     "account already logged in and their playlists on it.",
     "someone else's details reaching you", "how it performs"),
    ("acme", "trustpilot", 1, "The microphone indicator light stays off but the app history "
     "shows recordings from times when nobody in the house spoke to it, including 3am.",
     "privacy team", "what's causing it"),
    ("bistro", "google_business", 1, "Found a hair in the gravy. When I showed to waiter he just "
     "took the plate and brought same plate back after 10 minutes.",
     "you found in your food", "same ladle"),
    ("bistro", "google_business", 1, "I have told clearly that I am Jain and no onion garlic "
     "please. Food came and clearly onion was there.", "your Jain meal",
     "complimentary dessert"),
    ("bistro", "google_business", 2, "Ordered jain food specially mentioning no onion no garlic. "
     "Dal clearly had onion in it.", "your Jain meal", "complimentary dessert"),
    ("air", "mastodon", None, "@Bluejet my mom uses a wheelchair and the assistance you confirmed "
     "twice never showed up at Phoenix. She waited 50 minutes at the jet bridge.",
     "the assistance your mom never got", "about the wait"),
    ("air", "mastodon", None, "@Bluejet the seatbelt sign was off and a hot coffee went over my "
     "son's arm. He has a blister the size of my palm.", "what happened with the hot drink",
     "the service you should get"),
    ("acme", "trustpilot", 1, "I returned my speaker within the 30 days, UPS confirms you "
     "received it. No refund yet. This is theft at this point.",
     "the refund you're still waiting for", "the safety problem"),
    ("air", "mastodon", None, "@Bluejet wow, thank you for charging me 65 euros for a 'large "
     "cabin bag' that fit perfectly in the sizer. Can't wait to never do it again.",
     "Sam, Bluejet Care", "about the wait"),
]


SIXTEENTH_AND_SEVENTEENTH_READING_CASES = [
    # (the sixteenth and seventeenth independent readings, in parallel on a frozen copy of the
    # final composer: SEND 16, LIGHT 28, REWRITE 16 and SEND 12, LIGHT 25, REWRITE 23)
    ("air", "mastodon", None, "@Bluejet medical emergency on board BJ 230 yesterday and there was "
     "no working defibrillator. The kit was missing items.",
     "the medical emergency and the equipment on board", "raising this"),
    ("air", "mastodon", None, "@Bluejet my seat on the red-eye was soaked and smelled of vomit. "
     "Was told the flight was full and to 'put a blanket down'.", "the state of your seat",
     "feeling better"),
    ("bistro", "google_business", 1, "Ordered paneer tikka, got chicken tikka. I am pure "
     "vegetarian and I ate one piece before realising.", "dietary", "complimentary dessert"),
    ("bistro", "google_business", 1, "Chicken was smelling bad, like stale. When I complained they "
     "said it is the masala smell sir.", "the chicken you were served", "the cleanliness"),
    ("bistro", "google_business", 1, "Ordered through the app, inside the box there was some "
     "plastic piece in the gulab jamun.", "you found in your food", "the curry"),
    ("air", "mastodon", None, "@Bluejet the purser shouted at me in front of everybody because I "
     "stood up to get my medicine from the locker. I am diabetic.",
     "how you were treated when you needed your medicine", "the medicine in your bag"),
    ("air", "mastodon", None, "@Bluejet we booked seats together months ago and at check-in my 4 "
     "year old was put in row 28 while I'm in row 9. The gate agent just shrugged. A toddler "
     "sitting alone with strangers?", "No parent should be seated apart", "a disappointment"),
]


EIGHTEENTH_AND_NINETEENTH_READING_CASES = [
    # (the eighth session's first two independent readings, in parallel on a frozen copy:
    # SEND 11, LIGHT 22, REWRITE 27 and SEND 3, LIGHT 26, REWRITE 31)
    ("bistro", "google_business", 2, "Very bad experience sir. The service is too slow and staff "
     "not attentive, we waited long.", "the staff are not attentive", "staff not attentive"),
    ("bistro", "google_business", 1, "The parking is big problem, we got fined also.",
     "the parking is a big problem", "is big problem"),
    ("bistro", "google_business", 1, "Biryani was having only 2 pieces of chicken for Rs 380.",
     "the biryani had only 2 pieces", "was having"),
    ("bistro", "google_business", 1, "Table was sticky and the washroom was very dirty and "
     "smelling.", "very dirty and smelly", "and smelling"),
    ("bistro", "google_business", 1, "This is not correct sir. We were charged for 3 naan when we "
     "ate 2.", "3 naan", "not correct sir"),
    ("acme", "google_play", 1, "This app is awful. Crashes whenever I open the room settings.",
     "the app crashes whenever you open the room settings", "this app is awful"),
    ("air", "mastodon", None, "@bluejet paid £28 for an extra legroom seat and got moved to row 31 "
     "middle with no explanation. Refund the seat fee please.", "you paid £28", "£ 28"),
]


EIGHTEENTH_AND_NINETEENTH_READING_HOLDS_CASES = [
    # (the same two readings: what was misread, held or named)
    ("air", "mastodon", None, "@bluejet Great job losing my wheelchair. Again. I was carried off "
     "by two guys who had never done it and my chair is somewhere in Phoenix.",
     "your wheelchair not arriving with you", "your bags"),
    ("air", "mastodon", None, "@bluejet I'm type 1 diabetic, told crew my insulin had to stay with "
     "me, they forced it into checked baggage at the gate. Now it's lost.",
     "your insulin and how it was handled", "your bags"),
    ("air", "mastodon", None, "@bluejet changed my flight time by 5 hours without telling me, I "
     "found out from a random email in spam. Can I get a refund?", "the cancellation",
     "privacy"),
    ("bistro", "google_business", 1, "Booked party for 25 people, paid advance Rs 5000. On the day "
     "they made us sit in the main area with other guests, no privacy at all. I want the "
     "advance refunded.", "the advance you paid and what you were promised for it",
     "privacy"),
    ("air", "mastodon", None, "@bluejet split my family up. Booked 4 seats together months ago, "
     "now my 6 and 8 year olds are in different rows from us.",
     "your family being seated apart", "reservations teams"),
    ("bistro", "google_business", 2, "Food is fine but why it is so costly? 350 rupees for one "
     "small bowl of dal. Also they are not giving water free.", "the price", "the food"),
    ("bistro", "google_business", 2, "Food is fine but why it is so costly? 350 rupees for one "
     "small bowl of dal.", "next review of prices", "management team"),
    ("acme", "trustpilot", 1, "Ordered the speaker on the 3rd, told delivery in 2 days. It's the "
     "19th. Tracking hasn't moved in a week.", "fulfilment team", "firmware team"),
    ("air", "mastodon", None, "@bluejet the crew on BJ340 were lovely honestly, but the plane was "
     "filthy and the toilet was out of order for the whole 3 hours.",
     "kind words about our crew", "cabin crew team"),
    ("air", "mastodon", None, "@bluejet sat on the tarmac at Logan for 2 hours 40 min with no "
     "water and the AC off. My 4 year old was crying the whole time.",
     "the 2 hours 40 minutes on the tarmac at Logan", "still going on"),
    ("air", "mastodon", None, "@bluejet thanks for the free 6 hour delay in Atlanta. 10/10 "
     "experience would be stranded again", "the 6-hour delay", "still going on"),
    ("bistro", "google_business", 1, "Ordered delivery, took 1.5 hours. I think the delivery boy "
     "was drunk, he was asking for extra cash.", "our delivery rider's behaviour",
     "complimentary dessert"),
    ("bistro", "google_business", 1, "Worst.", "Thank you", "I'm sorry your visit"),
]


EIGHTEENTH_AND_NINETEENTH_READING_ANSWERS_CASES = [
    # (the same two readings, drafted again after the first fixes: what was still wrong)
    ("bistro", "google_business", 1, "Went for family dinner, chicken came instead of paneer for "
     "my mother who is pure vegetarian, she already took one bite.", "dietary",
     "complimentary dessert"),
    ("acme", "trustpilot", 1, "I found out the speaker keeps voice recordings in my account and I "
     "never agreed to that. How do I delete them?", "the voice recordings kept in your account",
     "how it performs"),
    ("bistro", "google_business", 1, "Waiter spilled curry on my white shirt and just walked away. "
     "No apology, nothing. Who will pay for my dry cleaning?",
     "what was spilled on your shirt", "complimentary dessert"),
    ("bistro", "google_business", 1, "Bill was showing service charge 10% extra which nobody told "
     "us before. I want that amount refunded.", "the service charge you weren't told about",
     "about the charge."),
    ("acme", "google_play", 1, "Paid for the premium subscription and it still shows ads in the "
     "app. Want a refund.", "still seeing ads after paying", "needing a subscription"),
    ("acme", "trustpilot", 1, "Your firmware update bricked my speaker. Support says out of "
     "warranty so pay for repair. Your update broke it, not me! I want my money back.",
     "what happened to your speaker after the update", "not you"),
    ("bistro", "google_business", 2, "No parking at all. Had to park very far and walk in rain.",
     "make parking easier", "honest review of your visit"),
    ("bistro", "google_business", 2, "Google showing open on Monday but we came and it was "
     "closed. Wasted our trip with small kids.", "shows the right hours",
     "your visit let you down"),
    ("air", "mastodon", None, "@bluejet diverted to Bristol at midnight, put on a coach to "
     "Gatwick, got home at 5am. Am I entitled to compensation for this or not?",
     "what you're entitled to", "the trouble reaching us"),
    ("air", "mastodon", None, "@bluejet my suitcase came off the belt with the handle ripped off. "
     "Who do I even talk to about this?", "I'm the right person for this",
     "answer your question then"),
    ("air", "mastodon", None, "@bluejet delayed 6h and I missed my sister's wedding rehearsal "
     "dinner. The agent just said 'weather'.", "wedding rehearsal dinner", "wedding is a loss"),
    ("bistro", "google_business", 2, "Food is good no doubt, especially the paneer butter masala. "
     "But the prices have increased too much, same thali is now 450 earlier it was 320.",
     "liked the food", "afford"),
]


TWENTIETH_AND_TWENTY_FIRST_READING_CASES = [
    # (the twentieth and twenty-first readings, in parallel on a frozen copy: SEND 3, LIGHT 20,
    # REWRITE 37 and SEND 6, LIGHT 25, REWRITE 29)
    ("air", "mastodon", None, "@bluejet my bag went to Oslo. I went to Rome. It's been 4 days, "
     "tracker still says 'located'. I'm wearing the same jeans since Tuesday.",
     "your bag went to Oslo", "kind words"),
    ("air", "mastodon", None, "@bluejet booked wheelchair assistance twice, confirmed by email. "
     "Nobody came at arrival. My 81yo dad had to walk the whole jet bridge and nearly fell.",
     "the assistance your dad never got", "the fall you had"),
    ("air", "mastodon", None, "@bluejet when are you actually refunding my cancelled March "
     "flight? Applied 9 weeks ago.", "Nobody should have to chase their own money",
     "a charge like that"),
    ("air", "mastodon", None, "@bluejet when are you actually refunding my cancelled March "
     "flight? Applied 9 weeks ago.", "where your refund is", "answer your question then"),
    ("bistro", "google_business", 1, "I told clearly my son have peanut allergy and asked 3 times "
     "no nuts. Still the korma had cashew paste and he got rashes.", "your son's allergy",
     "your allergy"),
    ("acme", "trustpilot", 2, "The speaker sounds decent for the price but the bass distorts at "
     "anything above 60% volume. Expected more after all the ads.", "the bass",
     "ads and sales pitches"),
    ("bistro", "google_business", 1, "Food was ok but the washroom was very dirty, no water no "
     "soap. Very bad hygiene.", "the washroom was very dirty", "complimentary dessert"),
    ("acme", "google_play", 1, "Useless. I hate it.", "the app", "your purchase"),
]


TWENTY_SECOND_AND_TWENTY_THIRD_READING_CASES = [
    # (the twenty-second and twenty-third readings, in parallel on a frozen copy of 6c1ae6c:
    # SEND 5, LIGHT 26, REWRITE 29 and SEND 8, LIGHT 30, REWRITE 22)
    ("air", "mastodon", None, "@bluejet lol 'on time performance' my foot", "sorry",
     "kind words"),
    ("air", "mastodon", None, "@bluejet thanks for charging my card twice for the same booking. "
     "212 euros x2. Fix it please.", "being charged more than once", "kind words"),
    ("air", "mastodon", None, "@bluejet the seatbelt on 14C was broken and when I told the crew "
     "they said just hold it. On a flight with turbulence.", "the broken seatbelt on your flight",
     "how our staff handled things"),
    ("air", "mastodon", None, "@bluejet why is a carry-on 45 euros at the gate when it was 20 "
     "online? Nobody told me the price difference. Feels like a scam tbh.",
     "I understand why that feels unfair", "chase their own money"),
    ("air", "mastodon", None, "@bluejet the 500 bonus miles you promised for the delay last month "
     "never showed up in my account.", "your 500 bonus miles", "the delay"),
    ("acme", "google_play", 1, "My speaker started recording when nobody said the wake word. Found "
     "clips in my history I never made. I want to know who listened to them.",
     "privacy team", "how it performs"),
    ("acme", "trustpilot", 1, "Customer support is a joke. 45 minutes on hold, then the agent hung "
     "up on me when I asked for a supervisor.", "the 45 minutes on hold and being hung up on",
     "not hearing back from us"),
    ("acme", "trustpilot", 2, "Warranty claim rejected because I couldn't provide the original "
     "receipt. I bought it from your own website!", "your warranty claim", "the return"),
    ("air", "mastodon", None, "@bluejet my bag has been 'located' for six days now. It has my "
     "kid's insulin supplies backups in it. I need an actual answer today.",
     "the medicine in your bag", "backups"),
    ("bistro", "google_business", 1, "Delivery came after 1 hour 30 min, food was totally cold and "
     "curry leaked all over the bag.", "kitchen team", "privacy"),
    ("bistro", "google_business", 1, "Parking is zero. Security guy told park on road and then "
     "police towed our car. 2000 fine.", "parking", "parking is zero"),
]


TWENTY_FOURTH_AND_TWENTY_FIFTH_READING_CASES = [
    # (the twenty-fourth and twenty-fifth readings, in parallel on a frozen copy of c4edb4a:
    # SEND 4, LIGHT 22, REWRITE 34 and SEND 11, LIGHT 24, REWRITE 25): a question of how or
    # whether is promised in its own terms; a plain fault is named as its thing
    ("acme", "google_play", 2, "Can I turn off the voice recordings being saved? I can't find it "
     "anywhere in the settings.", "whether and how you can turn off the voice recordings",
     "answer your question then"),
    ("acme", "trustpilot", 1, "App lost all my routines after the account move. Is there a way to "
     "get them back??", "whether there's a way to get them back", "answer your question then"),
    ("acme", "google_play", 1, "App asks me to log in every single day. Tried reinstalling, "
     "nothing works. Is there a fix or not?", "where the fix stands", "answer your question"),
    ("acme", "trustpilot", 2, "One has a crackle in the bass above 50%. The replacement has the "
     "same issue. Is this a known fault?", "whether it's a known fault", "answer your question"),
    ("air", "mastodon", None, "@bluejet why is my cabin bag fine at Gatwick and 'oversized' at "
     "Nice on the way back? Same bag. Charged €70. Which one is it?", "which is right",
     "answer your question"),
    ("acme", "trustpilot", 1, "Worst customer service I have ever had. Three emails, zero replies. "
     "Do you even exist?", "sorry", "answer your question"),
    ("air", "mastodon", None, "@bluejet emailed 4 times about my lost guitar case, auto replies "
     "only.", "your guitar case", "your bags"),
    ("air", "mastodon", None, "@bluejet cabin crew member rolled her eyes and told my nut-allergic "
     "son to 'just not eat anything then'. He is anaphylactic.", "your son's allergy",
     "feeling better"),
]


TWENTY_SIXTH_AND_TWENTY_SEVENTH_READING_CASES = [
    # (the twenty-sixth and twenty-seventh readings, in parallel on a frozen copy of 31dfb51:
    # SEND 5, LIGHT 27, REWRITE 28 and SEND 8, LIGHT 29, REWRITE 23)
    ("air", "mastodon", None, "@bluejet booked wheelchair assistance for my 82 yr old father weeks "
     "ago. No one showed up at arrivals. He waited 50 minutes and then tried to walk and fell.",
     "your father's fall and the assistance that never came", "the fall you had"),
    ("air", "mastodon", None, "@bluejet flight attendant on BJ230 was incredibly rude to my "
     "daughter (she's 14) for asking for water. We were waiting 2 hours on the tarmac.",
     "the flight attendant was incredibly rude to your daughter", "still going on"),
    ("air", "mastodon", None, "@bluejet flight attendant on BJ230 was incredibly rude to my "
     "daughter (she's 14) for asking for water. We were waiting 2 hours on the tarmac.",
     "Your daughter deserved far better", "how our staff handled things"),
    ("air", "mastodon", None, "@bluejet my bag has been 'located' for six days now. I need my "
     "medication that was in it.", "the medicine in your bag", "your bags"),
    ("acme", "trustpilot", 1, "Emailed support 4 times about my dead speaker. Zero replies. "
     "Awful.", "You shouldn't have had to chase us four times.", "know about the quality"),
    ("acme", "trustpilot", 1, "Emailed support 4 times about my dead speaker. Zero replies. "
     "Awful.", "your dead speaker", "I'm sorry. I'm sorry"),
    ("air", "mastodon", None, "@bluejet emailed 4 times about my refund, auto replies only.",
     "the refund you're still waiting for", "raising this with us"),
]


@pytest.mark.parametrize("text", [
    # (the twenty-eighth to thirtieth readings: each got "Thank you for the kind words!")
    "@bluejet wow, love how your app logs me out every time I try to check in. Really adds some "
    "excitement to the morning \U0001f643",
    "@bluejet wow, €45 to pick a seat next to my own 6 year old. Really family friendly airline "
    "you are.",
    "@bluejet the food trolley ran out of everything except crisps by row 9 on a 4 hour flight. "
    "Lovely.",
    "@bluejet thanks for moving my flight 5 hours earlier with an email at 2am. Totally "
    "manageable. Not like I have a job or anything.",
    "@bluejet one of your ground staff in Nice shouted at my husband for asking a question about "
    "the connection. Is this how you train people? I'd like an apology and his name noted.",
])
def test_sarcasm_and_a_wanted_apology_are_complaints_not_thanks(text):
    draft, triage = draft_for("air", text, platform="mastodon", kind="mention")
    assert triage["label"] == "negative", triage["label"]
    assert "kind words" not in draft["reply"] and "lovely to hear" not in draft["reply"]


def test_data_sent_on_and_a_gdpr_deletion_request_are_held_as_privacy_and_legal():
    # (three readings: a GDPR complaint went to the firmware team as a fault)
    draft, triage = draft_for("acme", "I found out the speaker sends usage data to third parties "
                              "even with 'share data' turned off. Is this even legal under "
                              "GDPR? I want an explanation and my data deleted.",
                              platform="trustpilot", rating=1)
    assert {"privacy", "legal"} <= {f["flag"] for f in triage["flags"]}, triage["flags"]
    assert "what happens to your data, and your request to delete it" in draft["reply"]
    assert "firmware" not in draft["reply"]
    _, triage = draft_for("air", "Booked through a third party site and the seat map was wrong.",
                          rating=2)
    assert "privacy" not in {f["flag"] for f in triage["flags"]}  # (no data in it)


def test_a_medicine_cooler_in_a_lost_bag_is_held():
    draft, triage = draft_for("air", "@bluejet my bag has been 'located' for 6 days now. I need "
                              "my insulin cooler that's in it", platform="mastodon",
                              kind="mention")
    assert triage["needs_human"] and "the medicine in your bag" in draft["reply"]


def test_plain_praise_with_a_kind_sign_off_is_no_sarcasm():
    _, triage = draft_for("air", "@bluejet the crew were lovely. Great flight, perfect.",
                          platform="mastodon", kind="mention")
    assert triage["label"] == "positive"


def test_a_held_charge_with_no_clause_to_say_back_does_not_crash_the_composer():
    # (the thirty-first reading: compose raised TypeError on this review, and the reading's
    # last four items got no draft)
    draft, triage = draft_for(
        "bistro", "I am writing this review with heavy heart. We came for anniversary dinner, I "
        "called two days before and told that it is special occasion and requested corner table "
        "and small cake. When we reached nobody knew anything about booking, they gave us table "
        "near washroom, smell was coming whole time. Then starter came after 30 mins, the "
        "tandoori roti was burnt, butter chicken was too sweet like dessert, and when I "
        "complained waiter just laughed. At the end bill also they added one extra lassi which "
        "we never ordered. My wife was very upset and whole evening was spoiled.", rating=1)
    assert triage["needs_human"] and draft["holding"], draft
    assert "Maria Lopez" in draft["reply"]


def test_a_thing_and_its_fault_are_named_not_its_aspect():
    from responders.manager import specific_np

    assert specific_np("The naan was rubbery") == "the rubbery naan"
    assert specific_np("the paneer was too sweet.") == "the paneer being too sweet"
    assert specific_np("My flight was late") == "your flight being late"
    assert specific_np("Waiter was rude") == "the rude waiter"
    assert specific_np("It was cold") is None  # (no thing named)
    assert specific_np("The staff were lovely") is None  # (no fault)


def test_a_sarcastic_sign_off_makes_a_complaint_not_a_mixed_post():
    for text in ("@bluejet your app logged me out mid check-in, then said my booking doesn't "
                 "exist. Now I'm paying £55 to check in at the airport. Great system.",
                 "hey @bluejet, your app logged me out mid check-in 3 times and now says my "
                 "seat is 'unassigned'. cool cool cool"):
        draft, triage = draft_for("air", text, platform="mastodon", kind="mention")
        assert triage["label"] == "negative", triage
        assert any(f["flag"] == "sarcasm" for f in triage["flags"]), triage
        assert "logged you out" in draft["reply"], draft["reply"]
    # a kind word before a genuine sign-off is no sarcasm
    _, triage = draft_for("bistro", "Food was not spicy enough for me but the staff were kind. "
                          "Great service.", rating=4)
    assert not any(f["flag"] == "sarcasm" for f in triage["flags"]), triage


SAYBACK_INDIAN_ENGLISH_CASES = [
    ("Gulab jamun was finished at 1:30 pm itself when buffet is till 3",
     "the gulab jamun was finished at 1:30 pm, though the buffet runs until 3"),
    ("Food is very oily and too spicy even after telling mild",
     "the food is very oily and too spicy even though you asked for mild"),
    ("Staff behaviour is very rude", "the staff were very rude"),
    ("The waiting was too long and food taste is average",
     "the waiting was too long and the food tastes average"),
    ("AC was not working, very hot inside", "the AC was not working"),
    ("Parking is zero", "there is no parking"),
    ("The washroom was dirty no tissue no soap", "the washroom was dirty, with no tissue or soap"),
    ("It was empty whole time we were there", "it was empty the whole time you were there"),
    ("food taste is not upto the mark sir", "the food was not up to standard"),
    ("Your team keeps saying", None),
    ("Support says out of warranty so pay for repair", None),
    ("Middle class family cannot afford like this", None),
    ("The billing is fraud", None),
    ("we were having dinner when the fan fell", "you were having dinner when the fan fell"),
    # (the twentieth and twenty-first readings)
    ("The bill was charged extra 2 items which I not ordered", None),
    ("It is 2 weeks now no refund", None),
    ("£129 is not a small amount", None),
    ("We were dumped in Bilbao at midnight", None),
    ("The bill which had 2 items I never ordered", None),
    ("Money is not issue", None),
    ("Restaurant should mention parking is not available", None),
    ("Staffs are not responding properly", "the staff are not responding properly"),
    ("The music is too loud we cannot talk to each other",
     "the music is too loud to talk to each other"),
    ("We sat on the tarmac for 2 h40m", "you sat on the tarmac for 2 hours 40 minutes"),
    ("Flight delayed 6h and nobody told us why",
     "your flight was delayed 6 hours and nobody told you why"),
    ("The parking is very big problem", "the parking is a very big problem"),
    ("The food was average only", "the food was average"),
    ("the waiter who served us was rude", "the waiter who served you was rude"),
    # (the thirty-fourth and thirty-fifth readings, and the session's own probes)
    ("we waited 40 min standing", "you waited 40 minutes standing"),
    ("an 8 hr delay ruined the trip", "an 8-hour delay ruined the trip"),
    ("waited 1 hr for food", "you waited 1 hour for food"),
    ("when we reached, table was not ready", "your table was not ready when you arrived"),
    ("when we arrived at the restaurant our table was given away",
     "your table was given away when you arrived at the restaurant"),
    ("when we asked for the bill nobody came for 20 min",
     "nobody came for 20 minutes when you asked for the bill"),
    ("When I opened it the grille was cracked", "the grille was cracked when you opened it"),
    ("When we came nobody is knowing anything about the cake",
     "nobody knew anything about the cake when you came"),
    ("they added 2 extra drinks which we not ordered",
     "we added 2 extra drinks which you didn't order"),
    ("the food was very very spicy kids could not eat anything",
     "the food was so spicy that your kids could not eat anything"),
    ("Latest update removed the sleep timer", "the latest update removed the sleep timer"),
    ("Account got locked after the password reset",
     "your account got locked after the password reset"),
    ("Flight got cancelled", "your flight got cancelled"),
    ("Mike got angry", "Mike got angry"),
    ("we booked table for my mother birthday", None),
    ("third time this year", None),  # how often, not what went wrong
    ("the waiter was behaving rude like we are disturbing him", "the waiter was rude"),
    ("The music was too loud we cannot talk", "the music was too loud to talk"),
    ("Security guy is rude, told us to park on road",
     "the security guard is rude and told you to park on the road"),
    ("After latest update the speaker won't connect to 5GHz wifi at all",
     "the speaker won't connect to 5GHz wifi at all since the latest update"),
    ("I fully charged it before bed", None),  # the customer's own step, not the failure
    ("Way too expensive for what it is.", None),  # no subject: a fragment said back
    # (the thirty-sixth and thirty-seventh readings: telegraphic lists pasted in)
    ("the seat was broken, wouldn't stay upright, tray table held together with tape",
     "the seat was broken and wouldn't stay upright"),
    ("no groups called, people shoving, gate agent yelling", None),
    ("toilets are very dirty, no water, no soap, smell coming till the dining area", None),
    ("the plane was filthy, sticky tray table, crumbs everywhere", "the plane was filthy"),
    ("the app is slow, ads for our other products on the home screen", "the app is slow"),
    ("the food was cold, bland and overpriced", "the food was cold, bland and overpriced"),
    ("the drink left a sour, cloying aftertaste", "the drink left a sour, cloying aftertaste"),
    ("the top is so scratchy,, stiff, and, frankly, uncomfortable", None),
]


@pytest.mark.parametrize(("about", "clause", "detailed"), [
    ("the fee", "I had to pay a €45 seat fee to sit next to my toddler", "the €45 seat fee"),
    ("the charge", "Bill was showing service charge 10% extra", "the 10% service charge"),
    ("the charge", "they charged Rs 50 for water", "the Rs 50 charge for water"),
    ("the refund", "still waiting for my £129 refund", "your £129 refund"),
    ("your booking", "booked a table for our anniversary dinner", "your anniversary booking"),
    ("your bags", "my golf clubs never arrived", "your golf clubs"),
    ("the fee", "a hidden fee of £20", "the £20 fee"),
    ("the fee", "the fee was outrageous", "the fee"),
    ("the wait", "we waited ages", "the wait"),
])
def test_an_aspect_is_named_with_the_customers_own_detail(about, clause, detailed):
    # (the twentieth and twenty-first readings: "about the charge", "your bags" named nothing)
    from responders.manager import _detailed

    assert _detailed(about, clause, clause) == detailed


@pytest.mark.parametrize(("clause", "said"), SAYBACK_INDIAN_ENGLISH_CASES)
def test_indian_english_said_back_in_the_managers_english(clause, said):
    from responders.sayback import say_back

    assert say_back(clause) == said


THIRTY_EIGHTH_AND_THIRTY_NINTH_READING_CASES = [
    # (the thirty-eighth and thirty-ninth readings, in parallel on a frozen copy of 070c145:
    # SEND 4, LIGHT 29, REWRITE 27 and SEND 3, LIGHT 24, REWRITE 33)
    # a card debited twice is a double charge, however it is told
    ("bistro", "google_business", 1, "Paid 1800 rupees by card, the amount got debited two "
     "times from my account and the manager says only one payment came. Return my money.",
     "being charged more than once", "the manager says"),
    ("air", "mastodon", None, "@bluejet money taken from my card twice, £180 x2, and still no "
     "booking showing in the app", "being charged more than once", "your booking"),
    # a theft reported to the police: held, named, sent to the team that handles bags
    ("air", "mastodon", None, "@bluejet my suitcase came back with the zip forced and my "
     "camera was gone. Police report filed. Who is responsible?",
     "the camera missing from your bag", "safety team"),
    ("air", "mastodon", None, "@bluejet my suitcase came back with the zip forced and my "
     "camera was gone. Police report filed. Who is responsible?",
     "I'll pick this up with you personally", "the trip"),
    # money and a legal threat: the money is what the reply names
    ("bistro", "google_business", 1, "Amount was debited twice for one bill of 2400 rupees. "
     "Manager said bank will reverse it. 20 days, nothing. Return it or I will go to the "
     "consumer forum.", "being charged more than once", "the way you were treated"),
    ("bistro", "google_business", 1, "Amount was debited twice for one bill of 2400 rupees. "
     "Manager said bank will reverse it. 20 days, nothing. Return it or I will go to the "
     "consumer forum.", "telling us about being charged more than once",
     "the bill with you too"),
    # a mocking "can I ...?" after sarcasm is not answered as a question
    ("air", "mastodon", None, "@bluejet cheers for the 'goodwill' 300 miles after losing my "
     "pram for six days. Super helpful. Can I push my toddler around in miles?", "sorry",
     "whether and how you can"),
    # a seat paid for and not given is money asked back, named as such
    ("air", "mastodon", None, "@bluejet paid extra for 4C with more legroom, moved to 31B "
     "without a word. Do I get the seat fee back or what?", "money back",
     "answer your question then"),
    # a customer asking whether a person exists gets one
    ("acme", "trustpilot", 1, "The support chat is a bot that loops. Restart it, it says. I "
     "did, twenty times. Is there a human anywhere in this company?",
     "I'm the right person for this.", "answer your question then"),
    # a held money matter named by what it was ("Thank you for raising this with us" named
    # nothing)
    ("air", "mastodon", None, "@bluejet applied for a refund for my cancelled flight in "
     "January. It is April. The form still says 'processing'. I want my 210 euros back.",
     "the refund you're still waiting for", "your booking"),
    ("air", "mastodon", None, "@bluejet nice new planes but the wifi I paid for never "
     "connected, twice. Refund the wifi at least", "the wifi you paid for that didn't work",
     "raising this with us"),
    ("acme", "trustpilot", 1, "Box was resealed and someone else's wifi was already saved on "
     "it. Sold me a used speaker as new? I want a new one or a refund.",
     "a unit that arrived looking used", "a charge like that"),
    ("bistro", "google_business", 2, "Food was fine but they charged for a water bottle "
     "without asking, just kept it on the table and put 80 rupees in the bill.",
     "the water bottle you were charged for without being asked", "the food"),
    ("bistro", "google_business", 1, "They charged for 3 extra rotis which we never ordered "
     "and the cashier argued with us. I want it refunded.",
     "the 3 extra rotis you were charged for but never ordered", "raising this"),
    # the manager's English: an intensifier goes, a family's feelings are not said back
    ("bistro", "google_business", 2, "Regular here for years. Last time the idli was hard "
     "and the sambar was watery like water only. Please maintain standard.",
     "the sambar was watery", "like water only"),
    ("bistro", "google_business", 1, "We booked a table for 6 for my mother birthday and "
     "confirmed on call also. When we reached they said no booking is there and gave us small "
     "table near washroom. Whole celebration spoiled. Mother was very upset.", "Hi Ada,",
     "other was very upset"),
    # staff shouting at a child is about the staff, not the wait
    ("air", "mastodon", None, "@bluejet your gate agent shouted at my son because he was slow "
     "finding his boarding pass. He cried the whole flight.",
     "what happened with the team who were there", "held things up"),
    # someone listening in through the device is a privacy matter
    ("acme", "google_play", 1, "The speaker said 'I'm listening' at 2am with nobody in the "
     "room. My kids were terrified. Is someone able to hear us through it??",
     "privacy team", "lets you down"),
]


THIRTY_FOURTH_AND_THIRTY_FIFTH_READING_CASES = [
    # (the thirty-fourth and thirty-fifth readings, in parallel on a frozen copy of d9e936a:
    # SEND 6, LIGHT 20, REWRITE 34 and SEND 6, LIGHT 25, REWRITE 29)
    ("acme", "google_play", 2, "Works ok most of the time but the alarms don't go off if the "
     "speaker lost wifi overnight. I was late for work twice. An alarm that needs internet is "
     "not an alarm.", "Dana Whitfield, Customer Care Lead", "we fell short"),
    ("acme", "google_play", 1, "Account got locked after the password reset and the 'contact "
     "support' button in the app just loops back to the FAQ. How do I reach an actual human?",
     "I'm the right person for this.", "how to reach an actual human"),
    ("acme", "google_play", 1, "Account got locked after the password reset and the 'contact "
     "support' button in the app just loops back to the FAQ. How do I reach an actual human?",
     "Hi Ada,", "that account got locked"),
    ("acme", "google_play", 1, "Latest update removed the sleep timer. That was the only reason "
     "I used this app. Bring it back.", "the latest update removed the sleep timer",
     "that latest update"),
    ("bistro", "google_business", 2, "Ordered mild spicy for my kids but the food was very very "
     "spicy kids could not eat anything. We told the waiter, he said chef will not change now.",
     "so spicy that your kids could not eat anything", "very spicy kids"),
    ("air", "mastodon", None, "@bluejet smelled smoke in the cabin on BJ770 from Nice, told a "
     "crew member and she said it was 'normal from the ovens'. Nobody checked.",
     "the smoke in the cabin", "the smell in the cabin"),
    ("air", "mastodon", None, "@bluejet smelled smoke in the cabin on BJ770 from Nice, told a "
     "crew member and she said it was 'normal from the ovens'. Nobody checked.",
     "safety team", "cabin cleaning team"),
    ("air", "mastodon", None, "@bluejet the seat was broken and wouldn't stay upright for "
     "takeoff, crew just shrugged and told me to hold it. Is that even safe??",
     "the broken seat on your flight", "took away from your trip"),
    ("air", "mastodon", None, "@bluejet my bag has been 'located' for 6 days now and still hasn't "
     "been delivered. I need my medication that's in there, who do I actually talk to??",
     "the medicine in your bag", "about your bags"),
    ("bistro", "google_business", 1, "I came with my mother who is diabetic and asked whether "
     "sweet dish is sugar free, waiter confidently said yes, later we came to know from other "
     "staff it is normal sugar. This is very irresponsible sir, she could have serious problem.",
     "the sweet dish you were told was sugar-free. I hope your mother is all right.",
     "could have serious problem"),
    ("air", "mastodon", None, "@bluejet 2nd time this month my flight to Dublin was moved by 5 "
     "hours. I commute for work. Thinking of switching to the train honestly",
     "I'm sorry", "kind words"),
    ("air", "mastodon", None, "@bluejet why does your website show the flight as on time when "
     "the gate screen says cancelled? Which one do I believe?",
     "I'll find out which is right and tell you.", "your question then"),
    ("air", "mastodon", None, "@bluejet 3rd delay this month on the Manchester route. Do you "
     "actually have any planes?", "sorry", "your question then"),
    ("acme", "trustpilot", 2, "The speaker drops off wifi every evening around 8pm and I have to "
     "unplug it. Three support tickets, each one asks me to do the same reset again. Is there a "
     "known issue?", "whether it's a known fault", "your question then"),
    ("air", "mastodon", None, "@bluejet missed my connection because your first leg was late. "
     "Stuck in Frankfurt overnight paid my own hotel €140. Want that back.",
     "the hotel you paid for yourself", "earlier flight"),
    ("air", "mastodon", None, "@bluejet missed my connection because your first leg was late. "
     "Stuck in Frankfurt overnight paid my own hotel €140. Want that back.",
     "want your money back", "a charge like that"),
    ("air", "mastodon", None, "@bluejet app crashed at payment three times, then charged me twice. "
     "Still no booking confirmation.", "DM us", "confirmation code"),
    ("air", "mastodon", None, "@bluejet your app logged me out mid check-in and now says my "
     "booking doesn't exist.", "DM us", "confirmation code"),
]


@pytest.mark.parametrize(("text", "unwanted"), [
    # (the thirty-sixth and thirty-seventh readings, and four before them: "You also told us
    # about the food." is boilerplate, and once named food the customer had praised)
    ("Nice food, worst service. The waiter forgot our order twice.",
     "You also told us about the food."),
])
def test_a_further_complaint_is_named_by_its_detail_or_not_at_all(text, unwanted):
    draft, _ = draft_for("bistro", text, rating=2)
    assert unwanted not in draft["reply"], draft["reply"]


def test_the_hand_off_beside_a_complaint_said_back_is_plain():
    # (both readings: "I've passed what you said about the way you were treated to our floor
    # team, so they can see what went wrong" is clunky beside a complaint said back)
    draft, _ = draft_for("bistro", "Food is good no doubt, biryani was tasty. But service is very "
                         "slow and the waiter was behaving rude like we are disturbing him.",
                         rating=2)
    assert "so they can see" not in draft["reply"] and "the waiter was rude" in draft["reply"]
    assert "what you said about the wait" not in draft["reply"]  # ("very slow" said it)


@pytest.mark.parametrize("text", ["@bluejet lol", "@bluejet haha ok", "@bluejet lmao 😂"])
def test_a_post_of_bare_laughter_gets_no_thank_you(text):
    # (the thirty-fifth reading: "Thank you for the kind words!" to a sarcastic "lol")
    draft, _ = draft_for("air", text, platform="mastodon", rating=None, author="@mo",
                         kind="mention")
    assert draft is None, draft["reply"]


FORTIETH_AND_FORTY_FIRST_READING_CASES = [
    # (the fortieth and forty-first readings, in parallel on a frozen copy of c852e62:
    # SEND 7, LIGHT 23, REWRITE 30 and SEND 12, LIGHT 20, REWRITE 28)
    # "an hour and a half" is one length of time, said back whole
    ("air", "mastodon", None, "@bluejet we sat on the runway for an hour and a half waiting "
     "for a stand. No water.", "the hour and a half on the runway", "the an hour"),
    # one wait, named once; the mocking praise before it is not said back
    ("bistro", "google_business", 2, "Superb service, waited only 40 minutes for one dosa. "
     "Very quick. Keep it up", "40 minutes for one dosa", "superb service,"),
    ("bistro", "google_business", 2, "Waited 50 minutes for two rotis, very fast service, "
     "keep it up 👏👏", "50", "wait and the wait"),
    # the staff who shut the door on the customer, owned
    ("air", "mastodon", None, "@bluejet great, they moved the gate twice and they shut the "
     "door in my face. Cool.", "we shut the door in your face", "kind words"),
    # a refund request chased for months, and a chargeback threatened: the refund is named
    ("air", "mastodon", None, "@bluejet I submitted a refund request for my cancelled flight in "
     "April. Still nothing. I'm now filing a chargeback and a complaint with the aviation "
     "authority.", "the refund you're still waiting for", "about the charge"),
    # the customer's loyalty is no complaint to say back
    ("bistro", "google_business", 1, "Booked table for my father's retirement dinner 7pm, when "
     "we reached they said table not ready wait 40 minutes. We had balloons and all arranged. "
     "Finally they gave table next to kitchen. Whole mood spoiled. Very disappointed, we were "
     "regular customer for 3 years.", "retirement", "regular customer"),
    # "dirty no water no soap no tissue": a list of what was missing, in the manager's words
    ("bistro", "google_business", 1, "Washroom was very dirty no water no soap no tissue.",
     "with no water, soap or tissue", "no soap no"),
    # a delay still going on is named by how long it has run, not by "what you were told"
    ("air", "mastodon", None, "@bluejet flight to Porto delayed 4 hours and counting, ground "
     "staff keep saying 'soon'. Nobody has told us why.", "the 4-hour delay",
     "about what you were told"),
    # a fee taken at the gate, named by its amount
    ("air", "mastodon", None, "@bluejet why is a small backpack not allowed on basic fares now? "
     "Got hit with €50 at the gate for a bag that fit under the seat.", "the €50 gate fee",
     "about your booking"),
    # a yes-or-no question of the customer's own case is promised a plain answer
    ("bistro", "google_business", 1, "Is there student discount or not? Do you have any student "
     "discount or not? One waiter said yes, cashier said no. Also the dal was cold.",
     "whether we offer a student discount", "answer your question then"),
    ("air", "mastodon", None, "@bluejet the app signed me out and now my trip is gone from it. "
     "Flight is tomorrow morning. Does my booking exist or not??",
     "I'll check your booking first", "answer your question then"),
    ("air", "mastodon", None, "@bluejet the app signed me out and now my trip is gone from it. "
     "Flight is tomorrow morning. Does my booking exist or not??", "time is short",
     "fell short"),
    # no free dessert for a stale one; a dish praised by name is thanked; a run-on said as two
    ("bistro", "google_business", 2, "Decor is lovely and malai kofta was delicious. But the "
     "biryani was very dry and rasmalai was stale. Also the fan was not working it was very "
     "stuffy inside.", "rasmalai was stale", "complimentary dessert"),
    ("bistro", "google_business", 2, "Service is ok and malai kofta was delicious, 5 star for "
     "that. But the biryani was very dry and naan was burnt. Also too noisy.",
     "glad you enjoyed the malai kofta", "glad you liked the service"),
    ("bistro", "google_business", 2, "The fan was not working properly it was very stuffy inside "
     "the hall.", "not working properly and it was very stuffy", "properly it was"),
    # a speaker maker's money, ads, updates and connections named as what they are
    ("acme", "trustpilot", 1, "Wonderful company. Charge me twice, ignore my emails for weeks, "
     "then close my case as 'solved'. Refund the duplicate charge of $120 now.",
     "being charged more than once", "how it performs"),
    ("acme", "google_play", 1, "The app now shows ads?? I paid $199 for this speaker. Remove "
     "the ads from something I already own.", "the app now shows ads", "how it performs"),
    ("acme", "trustpilot", 2, "Love the sound and the look. But the newest firmware removed the "
     "aux input option?? That is why I bought it. Please put it back.",
     "removed the aux input option",
     "honest review of your purchase"),
    ("acme", "google_play", 2, "Stereo pairing broke with version 5.1. It was fine before. Please "
     "roll back or fix, also is there a way to downgrade?", "whether there's a way to downgrade",
     "repair or a replacement"),
    ("acme", "trustpilot", 2, "Oh brilliant, the 'premium' speaker that can't hold a bluetooth "
     "connection for more than five minutes.", "the Bluetooth connection dropping",
     "needing a subscription"),
    ("acme", "google_play", 2, "Also it eats my phone battery like crazy.", "battery",
     "like crazy"),
    # (the forty-second reading) sarcasm about a free extra is never thanked; a question about
    # how the kitchen keeps food apart is not told back as a failure found; "though" dropped
    ("air", "mastodon", None, "@bluejet your 'free' wifi works for exactly 3 minutes at a time. "
     "Rejoined 20 times. Just admit it's broken.", "the wifi", "kind words"),
    ("acme", "google_play", 2, "Love the speaker itself. The app though is a battery hog, 25% "
     "drain overnight. Please fix.", "the app is a battery hog", "app though"),
    # a bag missing for days is named as such, not by what the customer has worn since
    ("air", "mastodon", None, "@bluejet my bag has been 'traced' for 5 days now. Traced WHERE? "
     "I've been wearing the same shirt since Monday. Nobody picks up the baggage line.",
     "your bag, still not back with you after 5 days", "wearing the same"),
    # a held charge named by its amount
    ("bistro", "google_business", 1, "Food fine but they added 12% service charge without asking. "
     "When asked they argued. Service charge is not compulsory as per government rules. Refund "
     "the extra.", "the 12% service charge", "about the charge."),
]


FORTY_THIRD_AND_FORTY_FOURTH_READING_CASES = [
    # (the forty-third reading on 69654c3 and the forty-fourth on ad439e7: SEND 6 and 5 of 60;
    # each case is written anew in the shape a reading found, not copied from it)
    # a sum the customer had to pay to get round our failure, named by what it paid for
    ("air", "mastodon", None, "@bluejet the app crashed twice so I had to pay €25 to check in at "
     "the airport. I want that back.", "you had to pay €25 to check in at the airport",
     "how our staff handled things"),
    # a sum paid at the gate and asked back is a money hold, named by its amount
    ("air", "mastodon", None, "@bluejet agent said my backpack was too big, same one I always "
     "fly with. Paid €60 at the gate. I want it back.", "the €60 gate fee",
     "how our staff handled things"),
    # a cancelled flight is named as such, not by the queue on the phone line
    ("air", "mastodon", None, "@bluejet flight to Nice cancelled, no hotel, no food vouchers, "
     "and the phone line says 3 hr wait. We're sleeping at the airport.",
     "your cancelled flight to Nice", "3-hour delay"),
    # scorn asked as a question ("Do you even try anymore?") is not put off as a question
    ("air", "mastodon", None, "@bluejet third time this month the 07:10 to Leeds leaves late. "
     "Do you even try anymore?", "the 07:10 to Leeds", "I'll answer your question"),
    # a question for a way to reach us is answered by the reply itself; the verdict gives way
    # to what happened
    ("acme", "trustpilot", 2, "Great speaker, shame about support. 30 minutes on hold, then "
     "cut off. Customer support is terrible. Is there an email address that actually works?",
     "the 30 minutes on hold and then being cut off", "I'll answer your question"),
    # a recording the customer never started, asked about, is a privacy hold
    ("acme", "trustpilot", 1, "It switched itself on at night and I found it had recorded clips "
     "I never triggered. What are you doing with those recordings?",
     "may be listening or recording", "the volume"),
    # a request to delete recordings is promised as asked: carried out, confirmed in writing
    ("acme", "trustpilot", 1, "Read that it keeps voice recordings by default. I want all my "
     "recordings deleted and confirmation in writing.",
     "your request to delete your recordings is carried out, and confirm it to you in writing",
     "I'll answer your question"),
    # the customer answering for themself is never said back
    ("acme", "google_play", 1, "The assistant never understands me. Says 'sorry I didn't get "
     "that' every time. My English isn't that bad.", "the assistant never understands you",
     "isn't that bad"),
    # what an app kept saying is not cut off before it ("and that the app kept.")
    ("acme", "google_play", 2, "Setup took over an hour, the app kept saying 'device not found' "
     "on 5GHz.", "the setup took", "the app kept."),
    # the same detail sent again and again, and emails counted, are owned before asking again
    ("acme", "trustpilot", 1, "Sent it back 6 weeks ago and still no refund. Every time I email "
     "they ask for the receipt again. I have sent it three times.",
     "You shouldn't have had to send it three times.", "chase their own money, and"),
    ("acme", "trustpilot", 1, "Ordered on the 3rd and it still says 'processing' after 10 "
     "days. Three emails to support, zero replies. Refund me.",
     "You shouldn't have had to chase us three times.", "chase their own money, and"),
    # an insult to the customer's family is owed an apology, not a free dessert
    ("bistro", "google_business", 1, "Manager behaved very rudely with my mother when she "
     "asked for less oil. Very insulting. I expect an apology from the owner.",
     "the manager behaved very rudely with your mother", "complimentary"),
    # a judgement of a cook's competence is not said back; the wait and the order are
    ("bistro", "google_business", 1, "They took 50 min to bring soup and main course came "
     "before soup. Cook has no idea what he is doing.",
     "we took 50 minutes to bring soup and the main course came before soup", "no idea"),
    # mocking praise before a failure: the failure is said back
    ("bistro", "google_business", 1, "Oh wow what a wonderful experience, waited 1 hour for a "
     "dosa which was cold and soggy, and the waiter vanished after taking order. Truly 5 star "
     "service. Never coming back.", "you waited 1 hour for a dosa which was cold and soggy",
     "after taking order"),
    # one of our people praised by name is thanked by name
    ("bistro", "google_business", 2, "Dinner buffet was average. Desserts were stale. Only the "
     "waiter Ramesh was polite and helpful.", "kind words about Ramesh", "Thank you for your "
     "kind words about the service"),
    # a plain question of fact is promised a plain answer, and "just eat" is no company
    ("bistro", "google_business", 1, "Asked if the chicken is halal and the manager said just "
     "eat it. Is it halal or not?", "tell you plainly whether it is halal", "another company"),
    # an unaccompanied child stranded: the child, where, and how she is, first
    ("air", "mastodon", None, "@bluejet my 12 year old was flying unaccompanied and got "
     "stranded in Madrid after the connection was cancelled. Nobody stayed with her.",
     "your 12-year-old being left on her own in Madrid. I hope she is safe now.", "the delay"),
    # a bag missing for days leads over the phone line nobody can answer
    ("air", "mastodon", None, "@bluejet my suitcase has been 'on its way' for 5 days now. "
     "Nobody on the phone line can tell me anything.",
     "your suitcase, still not back with you after 5 days", "I'll make sure you get a proper"),
    # a held charge beside the failure that caused it: both named
    ("air", "mastodon", None, "@bluejet the app logged me out three times and then charged me "
     "€40 at the airport desk to print a boarding pass. Will you refund that fee?",
     "the €40 we charged you at the airport desk", "about your booking"),
    # a paid seat taken away, named
    ("air", "mastodon", None, "@bluejet moved out of the extra legroom seat I paid for, no "
     "explanation and no refund of the seat fee.",
     "the extra legroom seat you paid for and were moved out of", "about your booking"),
    # a repeated delay named as such, and "Is anything going to change?" answered honestly
    ("air", "mastodon", None, "@bluejet fourth delay in a row on the Monday Glasgow run. Is "
     "anything going to change?", "the fourth delay in a row on the Monday Glasgow run",
     "I'll answer your question"),
    ("air", "mastodon", None, "@bluejet fourth delay in a row on the Monday Glasgow run. Is "
     "anything going to change?", "I'll tell you honestly what we're doing about it.",
     "about the delay."),
    # "is there any compensation" is answered by the step; what an agent didn't know, cut off,
    # is not said back
    ("air", "mastodon", None, "@bluejet is there any compensation for a 5 hour delay? The desk "
     "agent didn't know.", "the 5-hour delay", "didn't know"),
    # the customer's English in the manager's: "an attitude problem", "overpriced"
    ("bistro", "google_business", 1, "Food quality is poor and manager is having attitude "
     "problem.", "the manager has an attitude problem", "has attitude problem"),
    ("bistro", "google_business", 2, "Nice decor. But food is very over priced for the "
     "quantity.", "overpriced", "over priced"),
    # a claim under the rules is checked as a claim, never offered as a goodwill gesture
    ("air", "mastodon", None, "@bluejet on hold for an hour, then told my compensation claim "
     "doesn't exist. Under EU261 I'm owed €250 for the 4 hour delay.",
     "your €250 compensation claim", "what we can offer"),
    ("air", "mastodon", None, "@bluejet on hold for an hour, then told my compensation claim "
     "doesn't exist. Under EU261 I'm owed €250 for the 4 hour delay.",
     "I'll check your claim myself and give you a straight answer.", "about the delay"),
    # a bag that came back damaged is a damage to go through, not a bag to trace
    ("air", "mastodon", None, "@bluejet they forced me to check my carry-on at the gate and my "
     "suitcase came back with the handle smashed.", "I'll go through the damage with you",
     "where things stand"),
    # paying to sit with one's own child
    ("air", "mastodon", None, "@bluejet $45 just to choose a seat so I can sit with my 3 year "
     "old? Really?", "the $45 seat fee to sit next to your 3-year-old. No parent should have "
     "to pay extra just to sit with their child", "poor value"),
    # a failure told as a rate, on two stars, is said back
    ("acme", "google_play", 2, "The voice assistant understands only 1 in 4 commands. The "
     "speaker itself looks nice.", "the voice assistant understands only 1 in 4 commands",
     "how you found"),
    # the customer's English in the manager's: "that too cold", "like eraser", a guess tacked on
    ("bistro", "google_business", 1, "We ordered paneer tikka and it came after 50 min that too "
     "cold. Waiter said kitchen is busy.", "your paneer tikka came after 50 minutes and was cold",
     "that too"),
    ("bistro", "google_business", 2, "Nice place. But roti was hard like brick and dal was "
     "watery.", "like a brick", "like brick"),
    ("acme", "trustpilot", 2, "The new one buzzes at low volume. Also the box came crushed, "
     "which probably explains something.", "the box came crushed", "explains"),
    # scorn at our testing is no question to answer; a how-to beside a held charge is promised
    ("acme", "trustpilot", 2, "The replacement buzzes too. Do you actually test these before "
     "shipping?", "buzzes", "I'll answer your question"),
    ("acme", "google_play", 1, "My son bought 2 games through the voice assistant because "
     "there's no purchase PIN. How do I get this money back and how do I turn on a PIN?",
     "I'll tell you how to turn on a PIN.", "I'll answer your question"),
    # what was found in the food is named as the customer's finding
    ("bistro", "google_business", 1, "Found a hair in the biryani. They took it back but still "
     "charged the full bill.", "the hair you found in your food", "what you found"),
    # a safety hold on the tarmac is named by what the customer sat through, and the
    # passenger who fainted is asked after
    ("air", "mastodon", None, "@bluejet nice crew tonight. Shame the plane sat on the tarmac "
     "for 3h with no air con and no water offered until a passenger fainted.",
     "the 3 hours on the tarmac with no air con and no water. I hope the passenger who "
     "fainted is all right.", "about the delay"),
    # controls: a plain say-back keeps its words; a kind word about an unnamed waiter is
    # thanked as before
    ("bistro", "google_business", 1, "We waited 45 minutes for our food and the waiter was "
     "rude.", "the waiter was rude", "complimentary"),
    ("air", "mastodon", None, "@bluejet flight delayed 3 hours, nobody at the gate told us "
     "anything.", "3", "cancelled flight"),
]

# The independent readings (from the seventh session on), each list the causes of one reading
# that a rule fixes generally (the reading's name is in each list's name)
# The business's own name in the customer's words (the forty-fourth reading: "acme says it's
# the courier's problem", "You've said that bluejet charged you"): it is us, said as "we"
OWN_NAME_CASES = [
    ("air", "mastodon", None, "Bluejet charged me 25 dollars to change a seat. For what exactly?",
     "we charged you 25 dollars to change a seat", "bluejet charged"),
    ("acme", "trustpilot", 1, "Acme refused my warranty claim even though the speaker stopped "
     "charging within a month.", "we refused your warranty claim", "cme refused"),
    ("acme", "trustpilot", 1, "The speaker died after a month. Acme says it's the courier's "
     "problem because the box was dented.", "we said it's the courier's problem", "cme says"),
    ("air", "mastodon", None, "Bluejet staff at the Denver gate were rude and laughed at us.",
     "our staff at the Denver gate were rude", "luejet staff"),
    ("acme", "trustpilot", 2, "Acme's app keeps logging me out every single day.",
     "our app keeps logging you out", "cme's app"),
]


# A refund asked for an order that never came is held, and named by the order (the forty-fourth
# reading: "'processing' after 10 days ... Refund me" was answered "Thank you for raising this")
UNDELIVERED_REFUND_CASES = [
    ("acme", "trustpilot", 1, "Order stuck on 'processing' after 10 days. No reply to three "
     "emails. Refund me.", "your order that hasn't reached you, and the refund you asked for",
     "raising this with us"),
    ("acme", "trustpilot", 1, "My package never arrived and support keeps telling me to wait. "
     "I want a refund now.", "with your order number", "package number"),
]


# How long a device takes to pair or set up is how it performs, not a queue (the forty-fourth
# reading: "pairing took ages" went to the operations team with "where things stand")
SLOW_DEVICE_CASES = [
    ("acme", "amazon", 3, "Love the bass but pairing took ages and it drops bluetooth daily.",
     "firmware team", "operations team"),
    ("acme", "amazon", 3, "Setup took forever and the speaker takes ages to connect to my phone.",
     "the setup took forever", "where things stand"),
    # a two-word praise before "but" is its own clause: thanked, and the complaint after it
    # named by its own thing (it was "the sound" to the firmware team)
    ("acme", "amazon", 3, "Great sound, but the app crashes every time I try to change the EQ.",
     "I'm glad you liked the sound. You told us that the app crashes", "firmware team"),
]


# A verdict on the meal is not said back when what went wrong is told beside it, and a share
# of the dishes told with no verb gets one (the forty-fourth reading: "buffet items empty and
# not refilled" had no aspect; "I read that sunday buffet was very worst")
BUFFET_CASES = [
    ("bistro", "google_business", 2, "Sunday buffet was very worst sir. Half the items empty and "
     "not refilled for 30 min, we asked 3 times. Paid full price 899 per head.",
     "half the items were empty and not refilled for 30 minutes", "very worst"),
    ("bistro", "google_business", 2, "The food was terrible. Dal was cold and the naan was hard "
     "like rubber.", "the dal was cold", "the food was terrible"),
]


# The forty-sixth and forty-seventh readings (on 386eef5: SEND 9 and 10 of 60); the top cause
# was a category where the complaint should be ("Thank you for telling us about how it
# performs"), mostly Play replies whose 350 characters the say-back did not fit
FORTY_SIXTH_AND_FORTY_SEVENTH_READING_CASES = [
    # a long complaint said whole, a name in quotes said plainly, and the reply made to fit
    # Play by its optional words, not by dropping what the customer said
    ("acme", "google_play", 1, "Voice assistant hears 'Acme' in every TV show and starts "
     "talking in the middle of the night. There's no way to turn down the sensitivity. Wakes "
     "my baby up.", "the voice assistant hears Acme in every TV show and starts talking in "
     "the middle of the night", "how it performs"),
    # "After update 4.2 ..." is said with the update it began with
    ("acme", "google_play", 1, "After update 4.2 the speaker drops wifi every hour. Support told "
     "me to reset router. I did. Still drops. Are you going to fix it or not?",
     "the speaker drops wifi every hour since update 4.2", "the setup and software"),
    # a quote kept as written where nothing else could be said back ("support's answer was
    # 'reinstall'"), in place of "Thank you for telling us about the setup and software"
    ("acme", "trustpilot", 2, "I've had my Acme for two years and honestly liked it. But the "
     "recent change that locks the sleep timer behind a subscription is a joke. You took away "
     "a feature I already had. Also the app is slower than ever and support's answer was "
     "'reinstall'. Disappointed long time customer.",
     "support's answer was 'reinstall'", "about the setup and software"),
    # whether the money comes back, asked yes or no, is answered by when they will hear
    ("air", "mastodon", None, "@bluejet paid €25 extra for an aisle seat and got put in a middle "
     "seat at the back. Can I get that fee back or not?",
     "I'll check whether it can be refunded and give you a clear answer",
     "telling us about the fee."),
    ("air", "mastodon", None, "@bluejet delayed 6h, missed my connection, had to buy a hotel "
     "myself (€180) and a new ticket. Your vouchers were for €10 of food. Will you reimburse "
     "the hotel? Yes or no.", "the hotel you paid for yourself", "can be refunded"),
    ("air", "mastodon", None, "@bluejet delayed 6h, missed my connection, had to buy a hotel "
     "myself (€180) and a new ticket. Your vouchers were for €10 of food. Will you reimburse "
     "the hotel? Yes or no.", "I'll check whether it can be reimbursed", "about the delay"),
    # what was ordered is the setting, not the complaint: the dish is said with what came of
    # it (it was "You've said that you ordered butter chicken and naan.")
    ("bistro", "google_business", 1, "Very worst experience. We ordered butter chicken and naan, "
     "it came after 1 hour and naan was cold and hard like rubber. When we told to waiter he "
     "simply went away not at all bothered. Not recommended.",
     "your butter chicken and naan came after 1 hour", "you ordered butter chicken and naan."),
    # asking again and again for water and the bill is the service, not a charge
    ("bistro", "google_business", 1, "Very bad. Staff not at all listening to customers. We asked "
     "for water three times and bill twice. Finally we went to counter ourselves. Why you are "
     "keeping so less staff on weekend?", "you asked for water three times and for the bill "
     "twice", "chase their own money"),
    # the kind named in the opening is the one handed on
    ("acme", "trustpilot", 2, "Fine speaker, terrible company. Agent promised me a callback "
     "'within 24 hours' three separate times. No callback ever. I'm a patient person but this "
     "is a joke.", "our support team", "firmware team"),
    # a child left alone is "her" when she is a daughter, and where it happened is named
    ("air", "mastodon", None, "@bluejet my daughter (14) was flying unaccompanied and was left "
     "alone at the gate in Frankfurt for over an hour after a missed connection. No one called "
     "us. I am furious and I want to know who is accountable.",
     "your daughter being left on her own in Frankfurt. I hope she is safe now", "their own"),
    # a stroller broken in the hold is damaged baggage, not the help one needed
    ("air", "mastodon", None, "@bluejet my stroller came out on the belt with a snapped wheel. "
     "Baby is 8 months, I now have to carry her everywhere. Filed a report at the desk, got a "
     "reference number and silence since.", "the damage to your stroller",
     "special assistance team"),
    # an allergic reaction after the waiter's assurance: named as the reaction, how they are
    # asked after, and what will change said (it was "your allergy and what was in your
    # meal" to "our kitchen team")
    ("bistro", "google_business", 1, "I have informed clearly I am allergic to peanuts and asked "
     "waiter to confirm, he said no peanut. Korma had cashew and peanut paste and I got "
     "reaction, had to take my injection. This is very dangerous you people should train staff.",
     "the allergic reaction you had. I hope you're feeling better now", "what was in your meal"),
    ("bistro", "google_business", 1, "I have informed clearly I am allergic to peanuts and asked "
     "waiter to confirm, he said no peanut. Korma had cashew and peanut paste and I got "
     "reaction, had to take my injection. This is very dangerous you people should train staff.",
     "how an allergy is checked before a dish goes out", "passed it to our kitchen team"),
    # food poisoning: what is being checked, not only who was told
    ("bistro", "google_business", 1, "After eating the chicken tikka my whole family had stomach "
     "upset and vomiting whole night, my son was taken to hospital. Please check your kitchen "
     "hygiene this is very serious matter. Health department should know.",
     "that day's food-safety records", "passed it to our kitchen team"),
    # the forty-eighth and forty-ninth readings (on cd13f7d: SEND 5 and 7 of 60)
    # what broke a vegetarian meal is what was found, not what the customer had ruled out
    ("bistro", "google_business", 1, "I am vegetarian and I clearly told them no egg no meat. The "
     "gravy of my paneer dish had chicken pieces inside. This is very hurting for religious "
     "reasons. Totally unacceptable.", "the chicken you found in your vegetarian meal",
     "the egg you found"),
    # essentials bought while a bag was missing, asked back, are named with the bag
    ("air", "mastodon", None, "@bluejet my bag has been 'located' for 6 days now. Still not "
     "delivered. I've bought clothes, toiletries, a charger. Who is paying for this? I want the "
     "receipts reimbursed.", "your missing bag and the essentials you had to buy",
     "about the charge"),
    # a delay told after it ended is not "still going on"
    ("air", "mastodon", None, "@bluejet stuck on the tarmac for 2 hrs with no AC and no water. "
     "Pilot was great at keeping us informed, to be fair, but 2 hours with kids and no water is "
     "not ok.", "I know how hard that wait must have been", "still going on"),
    # a side detail is not the complaint said back
    ("acme", "trustpilot", 2, "Love the design and the bass is lovely. But the mic picks up the "
     "TV and it keeps ordering things / answering questions nobody asked. Also it ordered dog "
     "food once. We don't have a dog.", "I'm glad you liked the bass", "you don't have a dog"),
    # a stalled tracking and a refund asked: the order named, its number asked
    ("acme", "trustpilot", 1, "Ordered the speaker on the 3rd, was promised delivery in 2 days. "
     "It's the 17th. Tracking hasn't moved in 10 days. Emailed support twice, got an automated "
     "reply each time. I want a full refund, not another 'we're looking into it'.",
     "your order that hasn't reached you, and the refund you asked for", "about the delivery"),
    # the same fault on a third replacement, and the money asked back instead
    ("acme", "trustpilot", 2, "Third replacement unit in 6 months, all with the same crackling "
     "at high volume. Support are nice and keep sending new ones, but I'd rather just have my "
     "money back at this point.", "the same fault on your third replacement",
     "chase their own money"),
    # an account's email that never came is the software's, not a delivery's
    ("acme", "google_play", 1, "Forced me to create an account just to play music over "
     "bluetooth. Ridiculous. Then the account verification email never arrived.",
     "the account verification email never arrived", "fulfilment team"),
    # a bag that came back broken is named by its damage, and "What's the process?" answered
    ("air", "mastodon", None, "@bluejet my bag came back with the handle snapped off and a huge "
     "crack down the side. Filed a report at the desk, got a reference, and now nothing. What's "
     "the process here?", "the damage to your bag", "telling us about your bags"),
    ("air", "mastodon", None, "@bluejet my bag came back with the handle snapped off and a huge "
     "crack down the side. Filed a report at the desk, got a reference, and now nothing. What's "
     "the process here?", "explain how the claim works from here", "where things stand"),
    # whether a fee comes back, asked outside a hold, is answered the same way
    ("air", "mastodon", None, "@bluejet paid £28 for an extra-legroom seat and got moved to a "
     "middle seat at the back with no explanation. Do I get that back or not?",
     "I'll check whether it can be refunded and give you a clear answer",
     "answer your question then"),
    # the fiftieth and fifty-first readings (on 4a1d06e: SEND 7 and 6 of 60)
    # mock thanks for a loss is sarcasm, never thanked back
    ("air", "mastodon", None, "@bluejet cheers for losing my guitar. Priceless really. Well, "
     "£1400 actually.", "your guitar", "kind words"),
    # a held gate fee named by its sum and its bag, found in the text when no issue holds it
    ("air", "mastodon", None, "@bluejet gate agent charged me €60 for my cabin bag that fit in "
     "the sizer. Tried to show her, she wouldn't look. Want that refunded.",
     "charged you €60 for your cabin bag", "telling us about this."),
    # a plain question of fact about a dish is answered by a check, in its own words
    ("bistro", "google_business", 2, "Is the chicken halal? I asked the waiter and he did not "
     "know and went away and did not come back. Please clarify because we are not able to eat "
     "otherwise.", "I'll check and tell you plainly whether the chicken is halal",
     "answer your question then"),
    # the failure after mock delight is said back, and a booking that never went through has
    # no confirmation code to ask for
    ("air", "mastodon", None, "@bluejet love how the app crashes exactly at the payment step "
     "every time. Third try. Fares went up €40 meanwhile. Great feature.",
     "the app crashes exactly at the payment step every time", "your confirmation code"),
    # a one- or two-word post names nothing: no complaint guessed in the opening
    ("air", "mastodon", None, "@bluejet no.", "thank you for getting in touch",
     "your trip let you down"),
    ("bistro", "google_business", 1, "worst", "Thank you for getting in touch",
     "how you found your visit"),
    # charged after cancelling, told as mock thanks, is the charges since they cancelled
    ("acme", "trustpilot", 1, "Thanks for charging me for the 'premium' subscription after I "
     "cancelled in the app. Very classy. Twice. Want both charges refunded.",
     "the charges since you cancelled", "how it performs"),
]


# A held safety matter named by what they sat through, the person who collapsed as told, and
# the crew's part recognised (the forty-fourth reading: "the safety problem", "the wait",
# "the passenger who fainted", the crew's praise passed over)
SAFETY_HOLD_CASES = [
    ("air", "mastodon", None, "@bluejet stuck on the tarmac 3 hours with no water and a toddler. "
     "Crew did their best, but this is dangerous.",
     "the 3 hours on the tarmac with no water, with your toddler", "the safety problem"),
    ("air", "mastodon", None, "@bluejet stuck on the tarmac 3 hours with no water and a toddler. "
     "Crew did their best, but this is dangerous.",
     "I'll pass your kind words on to our crew", "with our toddler"),
    ("air", "mastodon", None, "@bluejet a man collapsed in row 20 on BJ440. The crew were "
     "brilliant with him but it took 40 minutes to get medics on board after landing.",
     "the 40 minutes it took to get medics on board after landing", "telling us about the wait"),
    ("air", "mastodon", None, "@bluejet a man collapsed in row 20 on BJ440. The crew were "
     "brilliant with him but it took 40 minutes to get medics on board after landing.",
     "the passenger who collapsed is all right", "fainted"),
]


FIFTIETH_AND_FIFTY_FIRST_READING_HOLDS_CASES = [
    # (the fiftieth and fifty-first readings) a hold names what happened, not its category:
    # "Thank you for telling us about the cabin", "about the wait" for a child pushed into a
    # barrier, "about the delay" with "I hope you're feeling better" to a parent whose
    # neighbour's child was sick, "about how our staff handled things" for a remark on weight
    ("air", "mastodon", None, "@bluejet fumes in the cabin after takeoff on the Dublin flight, "
     "several people coughing, one woman felt faint. Crew said it was 'normal'. Is it?",
     "the fumes in the cabin and the passengers who felt unwell", "about the cabin."),
    ("air", "mastodon", None, "@bluejet the crew on BJ88 were lovely, genuinely. But we sat on "
     "the tarmac for 2 hours with no AC and no water handed out, a kid behind me was sick.",
     "the 2 hours on the tarmac with no air conditioning or water", "you're feeling better"),
    ("air", "mastodon", None, "@bluejet the crew on BJ88 were lovely, genuinely. But we sat on "
     "the tarmac for 2 hours with no AC and no water handed out, a kid behind me was sick.",
     "I hope the child who was sick is all right", "about the delay"),
    ("air", "mastodon", None, "@bluejet a passenger was shouting and shoving people in the "
     "queue at boarding and staff just watched. My daughter got pushed into a barrier. Not ok.",
     "your daughter being pushed into a barrier while our staff watched", "about the wait"),
    ("air", "mastodon", None, "@bluejet a passenger was shouting and shoving people in the "
     "queue at boarding and staff just watched. My daughter got pushed into a barrier. Not ok.",
     "I hope your daughter is all right", "about the wait"),
    ("air", "mastodon", None, "@bluejet a crew member made a comment about my weight in front "
     "of the whole row when I asked for a seatbelt extender. I was humiliated.",
     "the comment a member of our crew made about your weight", "how our staff handled"),
    ("air", "mastodon", None, "@bluejet gate changed 3 times in 40 min, then boarding closed as "
     "we arrived. Staff shrugged. We had to buy new tickets for the next day.",
     "the new tickets you had to buy", "I read that"),
    ("acme", "google_play", 1, "The app forces me to create an account and accept marketing to "
     "even use the speaker offline. That is ridiculous for something I already paid for.",
     "having to create an account and accept marketing before you can use it",
     "the setup and software"),
    ("acme", "trustpilot", 1, "The box arrived crushed and the speaker rattles on bass. Then I "
     "asked for a return label and was told I'd have to pay postage myself for a faulty item.",
     "the postage you were asked to pay to send back a faulty item", "You've said"),
]


FIFTIETH_AND_FIFTY_FIRST_READING_OPENINGS_CASES = [
    # (readings 50 and 51: openings that fell back to a category's name)
    ("air", "mastodon", None, "@bluejet broken tray table, broken reading light, seat won't "
     "recline. 6 hour flight. great value lol",
     "the broken tray table, the broken reading light and the seat that won't recline",
     "about the seat."),
    ("air", "twitter", None, "@bluejet flight attendant rolled her eyes at me when I asked for "
     "water. Great service.", "the flight attendant rolled her eyes", "how our staff handled"),
    ("air", "mastodon", None, "@bluejet wow, \u00a345 to check a bag that weighed 200g over. "
     "Cheers for that.", "the \u00a345 charge to check your bag that was 200g over",
     "check where things stand"),
    ("bistro", "google_business", 1, "Wow great service, only took 45 minutes to get water.",
     "the 45 minutes it took to get water", "about the service"),
    ("bistro", "google_business", 2, "Ordered via Swiggy and got dal makhani instead of the "
     "kadai paneer, and the naan was missing.", "dal makhani instead of the kadai paneer",
     "about the food"),
    ("bistro", "google_business", 2, "Ambience is nice and the starters were good specially "
     "the chicken 65, but main course was cold and the rotis were hard like rubber. Also waiter "
     "was busy in his phone. Expected better for the price.", "busy with his phone",
     "busy in his phone"),
]


APP_WONT_OPEN_CASES = [
    # (real Google Play reviews in a sixteenth-session reading of bench/sample_drafts.py: an
    # app that won't open was asked "tell me what went wrong", or answered as a feature asked
    # for, "the people who decide")
    ("habits", "google_play", 1, "app not opening", "the app is not opening",
     "tell me what went wrong"),
    ("habits", "google_play", 1, "app is not opening after update",
     "the app is not opening after the update", "the people who decide"),
    ("acme", "google_play", 1, "Speaker not connecting to wifi since update",
     "the speaker is not connecting to wifi since the update", "not not"),
]


FIFTY_SECOND_AND_FIFTY_THIRD_READING_CASES = [
    # (readings 52 and 53, on 830d08e: SEND 6 and 9 of 60)
    # one word of mock delight, then the failure: sarcasm, never thanked, the failure said back
    ("air", "mastodon", None, "@bluejet great, the app logged me out mid check-in and now says "
     "my seat is 'unavailable'. Love that for me.", "the app logged you out mid check-in",
     "kind words"),
    # a sum charged, asked back a sentence later; a euro sign is said back like a pound sign
    ("air", "mastodon", None, "@bluejet charged me \u20ac45 for a carry-on that fit the sizer "
     "perfectly. The agent didn't even look. Want that back.",
     "we charged you \u20ac45 for a carry-on that fit the sizer perfectly",
     "how our staff handled things"),
    # a feature named by a modifier gets its article; a verdict of "not safe" is not said back
    # as ours, what happened is; an alarm that failed "because of it" is said with its cause
    ("acme", "google_play", 1, "Multi-room feature doesn't work. Paid for two speakers for this. "
     "Support said 'coming soon' 6 months ago.", "the multi-room feature doesn't work",
     "that multi-room"),
    ("acme", "google_play", 1, "After update the speaker started randomly talking at 3am and "
     "woke up my baby. Had to unplug it. Either fix this or I want a refund, it's not safe to "
     "have it in the nursery like this.",
     "the speaker started randomly talking at 3am and woke up your baby after the update",
     "it's not safe"),
    ("acme", "google_play", 1, "Keeps dropping off wifi every night. Alarm didn't go off because "
     "of it and I was late for work. Fix it.", "it keeps dropping off wifi every night, and that "
     "the alarm didn't go off because of it", "I read that the alarm"),
    # how slow, said as a sentence, and the app's slowness is the software team's
    ("acme", "google_play", 2, "Sound is decent but the app is so slow, takes 10 seconds to change "
     "volume. Why do I need an app to change volume??",
     "the app is so slow that it takes 10 seconds to change the volume", "firmware team"),
    # a fault told with how often it happens, with no subject ("Constantly disconnects from
    # wifi") is a complaint, said back of the product
    ("acme", "google_play", 1, "Constantly disconnects from wifi. Every morning I have to unplug "
     "it. My router is fine, every other device works.",
     "it constantly disconnects from wifi", "the app let you down"),
    # the count of a delay said as a sentence
    ("air", "mastodon", None, "@bluejet 4th delay this month on the Boston route. At this point I "
     "should just drive. Do you even have planes?",
     "this is the fourth delay this month on the Boston route", "about the delay"),
    ("air", "mastodon", None, "@bluejet oh wonderful, another 'technical issue'. That's the third "
     "Bluejet delay this month for me. Frequent flyer status clearly means nothing.",
     "this is the third delay this month for you", "about the delay"),
    # one subject, two things that befell it: joined with "and", not a pasted list
    ("air", "mastodon", None, "@bluejet Honestly the crew on my LAX-SEA flight were lovely and "
     "the snacks were great, but we left 90 min late, missed my connection, and the rebooking "
     "line hung up on me twice. Is there a number that actually works?",
     "you left 90 minutes late and missed your connection", "late, missed"),
    # a unit before a capital ends its sentence, so each complaint is its own
    ("air", "mastodon", None, "@bluejet ground staff in Miami were rude and the line was 2 hrs. "
     "Also my miles from last trip never posted. Fix this please.",
     "your miles from your last trip never posted", "I read that ground staff in Miami were "
     "rude. "),
    # a charge beside the complaint said back is named too
    ("air", "mastodon", None, "@bluejet app crashed every time I tried to check in, then the kiosk "
     "charged me $15 for a printed boarding pass because I 'didn't check in online'. Are you "
     "serious", "the $15 charge for a printed boarding pass", "Thank you for the kind"),
    # recordings sent off the device, and the request to see and delete them, are privacy's
    ("acme", "trustpilot", 1, "Found out the speaker was sending voice recordings to your servers "
     "even after I turned off 'improve voice recognition'. I'd like to know exactly what you "
     "stored and I want it deleted. I'm considering contacting the data protection authority.",
     "the voice recordings sent from your speaker, and your request to see and delete what we "
     "hold", "firmware team"),
    # mock praise of the service before a wait is sarcasm, never thanked
    ("bistro", "google_business", 2, "Wow what a great service, we waited 30 minutes just to get "
     "water. Very fast. Highly recommend if you have full day free.",
     "you waited 30 minutes just to get water", "glad you liked"),
    # in a complaint, a clause with a sure cue is a complaint though VADER likes "sweet" and
    # "like"; "it" takes the dish named just before it
    ("bistro", "google_business", 1, "Very worst experience. We ordered butter chicken and it was "
     "too much sweet like dessert. Told to waiter he said sir this is how it is made only. Not at "
     "all recommended.", "your butter chicken was too sweet", "about the service"),
    # a bare noun after "and" gets its article; "busy in phone" said in the manager's English
    ("bistro", "google_business", 2, "Food taste is ok but service is very slow sir. We waited 50 "
     "minutes for 2 biryani and table was not cleaned also. Manager was busy in phone.",
     "2 biryanis and the table was not cleaned", "busy in phone"),
    # an order for delivery said back as the delivery
    ("bistro", "google_business", 1, "Ordered through delivery, it came after 1 hour 40 mins and "
     "everything was cold and the raita had spilled all over. Called restaurant, nobody picking "
     "phone.", "your delivery came after 1 hour 40 minutes and everything was cold",
     "You told us that the raita"),
    # what was endured leads "nobody told us anything", by how long it lasted
    ("air", "mastodon", None, "@bluejet sat on the tarmac in Denver for 2 hours 40 min with no "
     "water and the AC off. A toddler next to me was screaming the whole time. Nobody told us "
     "anything. Unreal.", "the 2 hours 40 minutes on the tarmac in Denver with no water",
     "Ada, you told us that nobody told you anything."),
    # a thing sold as free and charged for, named by its sum
    ("air", "mastodon", None, "@bluejet thanks for the 'free' seat selection that turned out to be "
     "$39 at checkout. love that for me",
     "the $39 charge at checkout for the seat selection we called free", "about your booking"),
    # what it led to, said beside its cause; "Who pays for that?" answered
    ("air", "mastodon", None, "@bluejet they made me gate check my carry-on even though it fit the "
     "sizer, and now the wheel is snapped off. Brand new suitcase. Who pays for that?",
     "and that the wheel is now snapped off", "I'll look into it. I've"),
    # an insult is not said back in the manager's voice; the thing it is about is named
    ("acme", "google_play", 2, "The voice assistant is so dumb. I say 'play jazz' and it plays a "
     "podcast about jazz hands. Sound quality is honestly great though, which makes it more "
     "frustrating.", "the voice assistant", "so dumb"),
    # told different things is no mistreatment: one clear answer, and why they differed
    ("acme", "trustpilot", 2, "Customer support was polite, I'll give them that, but three "
     "separate agents gave me three different answers about whether my model gets the new "
     "update. Which is it?", "one clear answer", "Nobody should be treated that way"),
    ("air", "mastodon", None, "@bluejet your app shows my flight on time, the gate screen says "
     "delayed, and the agent says cancelled. Which one is it??",
     "find out why you were told different things", "Nobody should be treated that way"),
    # hot food spilled on someone is a safety matter, held, with a word for the one hurt
    ("bistro", "google_business", 2, "Waiter spilled hot curry on my wife hand and her saree got "
     "spoiled. He did not even say sorry properly. Manager gave only 10% discount. Her hand was "
     "red and burning. Very poor handling.", "I hope your wife's hand is all right",
     "your wife hand"),
    # the exchange about a fault is cut off; two faults, each with its verb
    ("bistro", "google_business", 1, "Naan was like rubber, paneer was smelling sour, we told and "
     "they said it is fresh only. Is it possible to get refund for this?",
     "the naan was like rubber and the paneer smelled sour", "you told"),
]


FIFTY_FOURTH_AND_FIFTY_FIFTH_READING_CASES = [
    # (readings 54 and 55, on ac34a4d: SEND 15 and 12 of 60)
    # a complaint beside praise of the planes is answered, not thanked only; disorder is a
    # complaint though VADER likes "free"
    ("air", "mastodon", None, "@bluejet love the new planes honestly, super comfy. But the "
     "boarding at gate B12 was a total free-for-all, group numbers meant nothing and we pushed "
     "through a crowd for 25 min.", "the boarding at gate B12 was a total free-for-all",
     "lovely to hear"),
    # a burning smell in the cabin is held for the safety team, not the cleaners
    ("air", "mastodon", None, "@bluejet smelled something burning in the cabin on BJ401 before "
     "takeoff, told the crew, they said 'it's normal'. We took off anyway. Is it normal? "
     "Genuinely asking, I'm shaken.", "the smell in the cabin", "cleaning team"),
    # what was found, not what was asked about before it
    ("bistro", "google_business", 2, "I have told clearly that I am pure vegetarian and asked to "
     "confirm that veg biryani don't have any egg or meat stock, waiter said yes sir pure veg. "
     "After eating half I found small piece of chicken inside. I am feeling very bad, my "
     "religious sentiments are hurt. How can you be so careless.",
     "the chicken you found in your vegetarian meal", "the egg"),
    # a charge told with no "me" is named beside the failure said back
    ("air", "mastodon", None, "@bluejet your app logged me out mid check-in 4 times, then said "
     "check-in closed. Charged \u20ac55 at the airport desk to check in. For YOUR app failing. "
     "Great.", "the \u20ac55 we charged you at the airport desk", "kind words"),
    # damage done by one of ours leads, and is looked into with the team
    ("bistro", "google_business", 2, "Food taste is nice no doubt, specially the dosa. But parking "
     "is very big problem, no parking at all and valet guy scratched my car and denied it. Please "
     "take care.", "the valet who scratched your car and then denied it",
     "make parking easier"),
    # a post that opens on a sum: the charge leads, what came of it follows, as money
    ("air", "mastodon", None, "@bluejet \u20ac60 for a cabin bag that fit in the sizer. The agent "
     "didn't even measure it, just said 'too big'. Pure cash grab.",
     "the \u20ac60 charge for your cabin bag that fit in the sizer", "treatment"),
    # a sum with no verb of its own is no sentence to say back
    ("acme", "trustpilot", 1, "Speaker died after 13 months. Warranty is 12 months so apparently "
     "tough luck. \u20ac200 for a device that lasts a year. Never again.", "warranty",
     "said that \u20ac200"),
    # "Such a lovely experience" before a wait is sarcasm, never thanked
    ("bistro", "google_business", 2, "Such a lovely experience, waiting one hour for two rotis. "
     "Really amazing service, keep it up \U0001f44f\U0001f44f", "the one-hour wait",
     "glad you liked"),
    # two sentences run together with a comma are joined, not pasted
    ("air", "mastodon", None, "@bluejet flight delayed overnight, you gave us a \u20ac10 meal "
     "voucher. \u20ac10. At an airport. The sandwich was \u20ac12.",
     "your flight was delayed overnight and we gave you a \u20ac10 meal voucher",
     "overnight, we gave"),
    # a purser who snapped at someone else is crew, said back, not "about the cabin"
    ("air", "mastodon", None, "@bluejet the purser on my flight yesterday snapped at an elderly "
     "woman for asking for water twice. Humiliated her in front of the whole cabin. Not ok.",
     "the purser on your flight yesterday snapped at an elderly woman", "about the cabin"),
    # what the customer did about a failure is not the failure ("We left and went somewhere
    # else"): the booking we had no record of
    ("bistro", "google_business", 1, "Booked table for 4 through phone, when we reached they said "
     "no booking is there and asked to wait 1 hour. We left and went somewhere else. Wasted our "
     "evening and petrol. Are you even writing down the bookings?",
     "the booking we had no record of when you arrived", "you left and went somewhere else"),
    # a headline's verdict with no verb to be is not said back; a late delivery came
    ("acme", "trustpilot", 2, "Decent speaker let down by everything around it. Delivery was late, "
     "the setup guide is for an older model, the app is in beta forever, support takes 4 days to "
     "reply, and the voice assistant can't tell my lights from my radio. Just a lot of small "
     "frustrations that add up.", "your delivery was late", "decent speaker let down"),
    # the dishes ordered are what came late and cold ("and that also cold")
    ("bistro", "google_business", 1, "Very worst experience. We ordered butter chicken and naan, "
     "food came after 1 hour and that also cold. When we told to waiter he was saying sir "
     "kitchen is busy what we can do. Not at all expected from this type of restaurant.",
     "the butter chicken and naan you ordered came after 1 hour and were cold", "and that cold"),
    # "shouted on" said as "shouted at"; a rhetorical question is never said back as a fact
    ("bistro", "google_business", 1, "Very very bad experience, the manager shouted on my husband "
     "in front of everyone when he asked why the bill was wrong. We are senior citizens, is this "
     "the way to talk? I want apology from the owner.",
     "the manager shouted at your husband in front of everyone", "is this the way"),
    # a forced login is a choice we made, not a fault to trace
    ("acme", "google_play", 1, "Great, another forced login. Now you need an account just to "
     "change the volume? Ridiculous.", "the people who decide", "what's causing it"),
    # two names that hold "and" of their own are not run together; ads are a decision
    ("acme", "google_play", 1, "ads. in the app. for a product i already paid 199 for.",
     "about the ads and sales pitches.", "what's causing it"),
    # a bag still missing and the clothes bought meanwhile: the baggage team, the bag first,
    # and "Who reimburses this?" answered
    ("air", "mastodon", None, "@bluejet my suitcase has been 'located' for 6 days now. Located "
     "where?? I've bought clothes for a wedding out of pocket. Who reimburses this?",
     "keep your receipts, and I'll check what we can reimburse", "chase their own money"),
    # a price asked about against the one shown online leads, as money
    ("air", "mastodon", None, "@bluejet why does a 'carry-on' cost \u20ac45 at the gate when it "
     "was \u20ac20 online? Nobody told me it had to be added in advance. Feels like a trap.",
     "the \u20ac45 charged at the gate for a carry-on that was \u20ac20 online",
     "how worrying"),
]


FIFTY_SIXTH_AND_FIFTY_SEVENTH_READING_CASES = [
    # (readings 56 and 57, on 8768ed0: SEND 7 and 12 of 60)
    # a delay still running is held as one, with the silence named; "has been delayed"
    ("air", "mastodon", None, "@bluejet flight BJ412 to Denver delayed 3 hours now and the gate "
     "agents have said literally nothing. Zero announcements. Great job.",
     "the 3-hour delay with no updates from us", "was delayed 3 hours now"),
    # a cancellation the night before, a wedding tomorrow, and an earlier flight asked for
    ("air", "mastodon", None, "@bluejet you cancelled my 7am flight at 11pm the night before and "
     "rebooked me two days later. I have a wedding to be at tomorrow. Is there ANY earlier "
     "option or do I just drive 9 hours?", "look for an earlier flight for you straight away",
     "answer your question then"),
    ("air", "mastodon", None, "@bluejet you cancelled my 7am flight at 11pm the night before and "
     "rebooked me two days later. I have a wedding to be at tomorrow. Is there ANY earlier "
     "option or do I just drive 9 hours?", "With the wedding tomorrow", "upends everything"),
    ("air", "mastodon", None, "@bluejet you cancelled my 7am flight at 11pm the night before and "
     "rebooked me two days later. I have a wedding to be at tomorrow. Is there ANY earlier "
     "option or do I just drive 9 hours?", "your 7am flight being cancelled at 11pm the night "
     "before", "about the cancellation"),
    # paid for one thing and given another: both named
    ("air", "mastodon", None, "@bluejet lol 'your comfort is our priority' says the seatback while "
     "my knees are in my chest. Paid $49 for 'extra legroom' and got a row that doesn't recline "
     "next to the toilet.", "the $49 you paid for extra legroom, only to get a row that doesn't "
     "recline", "about your booking"),
    # a fee told by its sum leads the agent's manner that followed
    ("air", "mastodon", None, "@bluejet carry-on fee of $65 at the gate for a bag that fit in the "
     "sizer. Agent didn't even look at it. Please explain how this is legal.",
     "the $65 carry-on fee at the gate for your bag that fit in the sizer", "treated that way"),
    # a family split up goes to the airport team, not the revenue team
    ("air", "mastodon", None, "@bluejet separated me from my 6 year old on a flight. Seats 12C and "
     "27A. Agent said 'ask someone to swap'. Luckily a stranger did. Why do I pay seat fees if "
     "you split families??", "find out how this happened", "revenue team"),
    # something left on board is searched for by lost property, not "the website and app"
    ("air", "mastodon", None, "@bluejet I left my laptop in seat pocket 14F on BJ501 this "
     "morning. Lost & found form keeps giving an error. It has my whole thesis on it please help",
     "your laptop, left in seat pocket 14F on BJ501", "the website and app"),
    ("air", "mastodon", None, "@bluejet I left my laptop in seat pocket 14F on BJ501 this "
     "morning. Lost & found form keeps giving an error. It has my whole thesis on it please help",
     "lost property team to search for it today", "disappointed"),
    # a bag still lost and "What am I supposed to do?": what to do meanwhile, now
    ("air", "mastodon", None, "@bluejet my bag didn't make it to Oslo. Filed a report at the "
     "desk 3 days ago, the tracker still says 'searching'. I have no winter coat. What am I "
     "supposed to do?", "buy what you need and keep the receipts", "answer your question then"),
    # yes-or-no questions about the product, answered plainly
    ("acme", "google_play", 1, "Can't even get past setup. Stuck at 'connecting to your home "
     "network' on 5GHz wifi. Does it support 5GHz or not? Box doesn't say.",
     "whether it supports 5GHz", "the box doesn't say"),
    ("acme", "google_play", 1, "Multiroom grouping doesn't work. Two speakers, both updated, app "
     "says 'group failed' every time. Is this feature even supported or was it just on the box?",
     "whether it's supported", "answer your question then"),
    # a list of praise thanked; "after two weeks" told after what happened; "if this gets fixed"
    ("acme", "trustpilot", 2, "I really wanted to love this. Design is beautiful, setup was easy, "
     "sound is rich. But after two weeks the voice assistant stopped responding to the wake word "
     "entirely, and support has had my ticket for 9 days without an update. Anyone know if this "
     "gets fixed?", "kind words about the design, the setup and the sound", "about the voice "
     "assistant."),
    ("acme", "trustpilot", 2, "I really wanted to love this. Design is beautiful, setup was easy, "
     "sound is rich. But after two weeks the voice assistant stopped responding to the wake word "
     "entirely, and support has had my ticket for 9 days without an update. Anyone know if this "
     "gets fixed?", "stopped responding to the wake word entirely after two weeks",
     "answer your question"),
    ("acme", "trustpilot", 2, "I really wanted to love this. Design is beautiful, setup was easy, "
     "sound is rich. But after two weeks the voice assistant stopped responding to the wake word "
     "entirely, and support has had my ticket for 9 days without an update. Anyone know if this "
     "gets fixed?", "where the fix stands", "then, too"),
    # the question is not the complaint said back; the occasion and the missing cake are
    ("bistro", "google_business", 1, "Booked for my parents anniversary and told them in advance "
     "for cake arrangement, they said ok sir will be done. When we reached nobody knew anything "
     "about it, no cake no decoration nothing. My parents were very sad. Then the staff said you "
     "can order dessert from menu. Very poor. I want to know who took my booking and why nobody "
     "informed.", "your parents' anniversary booking and the cake that was never arranged",
     "you want to know"),
    # a dish praised once ("the starters"), and "Will you improve ...?" answered
    ("bistro", "google_business", 2, "Ambience is very nice and the starters were excellent "
     "specially the galouti kebab. But main course was very oily and the naan was hard like "
     "rubber. Also the girl at counter was busy on phone and didn't greet us. Mixed experience. "
     "Will you improve the main course?", "what we're doing about it", "the the"),
    # readings 54/55, still unread: the dish named when the surest issues name nothing; charged
    # after cancelling, and the menu's price against the bill's, are money held for a person
    ("bistro", "google_business", 1, "Pathetic. Ordered mutton rogan josh, mutton was so hard not "
     "able to chew, looks like old reheated. Complained and they said this is how it is made. "
     "Paid 650 for this. Not recommended to anybody.", "the mutton rogan josh", "your visit"),
    ("acme", "trustpilot", 1, "I was charged for the 'Premium' subscription after the free trial "
     "even though I cancelled it in the app the day I signed up. I have the screenshot. That's 3 "
     "months of \u20ac4.99 I want back, and I want to know why cancel doesn't actually cancel.",
     "being charged for the Premium subscription after you had cancelled",
     "why cancel doesn't cancel"),
    ("bistro", "google_business", 2, "Why the prices on menu card and on the bill are different? "
     "Menu says paneer tikka 320, bill shows 380. Staff said new menu not printed yet. Then why "
     "you are giving old menu?", "the paneer tikka billed at 380 when the menu said 320",
     "new menu not printed"),
    # second round: delight exclaimed before "Waited only 50 minutes" is sarcasm, and the
    # "only" is never said back
    ("bistro", "google_business", 1, "Wonderful service!! Waited only 50 minutes for a dosa which "
     "came cold and the sambar was like water. Very great experience, will definitely come "
     "back... NOT.", "you waited 50 minutes for a dosa", "liked the service"),
    # a charge mocked is named by its sum and what our failure made necessary
    ("air", "mastodon", None, "@bluejet love being charged \u20ac45 to print a boarding pass "
     "because your app crashed at check-in. Truly a customer-first airline \U0001f44f",
     "the \u20ac45 we charged you to print a boarding pass after our app crashed",
     "the website and app"),
    # paid twice: the sum and both ways named
    ("bistro", "google_business", 1, "I paid by UPI 2,340 rs and money debited from my account "
     "but the staff said payment not received and forced me to pay again by cash. Now I have "
     "paid double and nobody is answering phone. Please refund my money immediately otherwise I "
     "will go to consumer court.", "the 2,340 rs you paid twice, by UPI and again in cash",
     "the way you were treated"),
    # one of our people, and what they did, said back; the rest of the crew thanked
    ("air", "mastodon", None, "@bluejet a crew member on BJ88 rolled her eyes and said 'not my "
     "problem' when I asked for help with my toddler's car seat. The rest of the crew were "
     "lovely, but that really stung.", "the crew member on BJ88 who rolled her eyes and said "
     "'not my problem' when you asked for help with your toddler's car seat",
     "how our staff handled things"),
    ("air", "mastodon", None, "@bluejet a crew member on BJ88 rolled her eyes and said 'not my "
     "problem' when I asked for help with my toddler's car seat. The rest of the crew were "
     "lovely, but that really stung.", "the rest of the crew were good to you", "not your"),
    # a note's heading is not said back as a sentence
    ("acme", "trustpilot", 1, "Support chat: 45 minutes wait, then the agent asked me to 'restart "
     "the device' three times and closed the chat. Not solved.", "45-minute wait",
     "that support chat:"),
    # gate changes with no announcement and a door closed in their faces are complaints
    ("air", "mastodon", None, "@bluejet gate changed three times at Madrid without an "
     "announcement, we ran the length of the terminal and the door closed in our faces. Now you "
     "want \u20ac180 each to rebook. We were there on time!", "the gate changed three times at "
     "Madrid without an announcement", "about boarding"),
    # a claim under EU261 and a taxi to repay: no bill to go through
    ("air", "mastodon", None, "@bluejet so let me get this straight: delayed 6h, missed my "
     "connection, no hotel, no meal voucher, the desk closed at midnight and I slept on the "
     "floor at Frankfurt. Then the rebooking put me in a different city. And you want me to "
     "fill out a satisfaction survey? I'd like compensation under EU261 and reimbursement for "
     "the taxi I had to take, \u20ac120.", "check your claim and the costs you've asked us to "
     "cover", "the bill"),
    # third round: "We ordered X and | it was ..." says the dish back, with two cued faults
    # though VADER likes "sweet"
    ("bistro", "google_business", 1, "Very worst experience. We ordered butter chicken and it was "
     "too much sweet like dessert, naan was cold and hard like rubber. When told to waiter he "
     "simply said sir this is how it is made. Not at all expected from such restaurant.",
     "your butter chicken was too sweet, and that the naan was cold and hard like rubber",
     "about the food"),
    # the failure and what it cost, both said; "Love your crew, the best in the business" thanked
    ("air", "mastodon", None, "@bluejet Love your crew, honestly the best in the business. But "
     "your website has been logging me out mid-booking for a week and I've lost the fare twice. "
     "Fix it please \U0001f64f", "our website has been logging you out mid-booking for a week, "
     "and that you've lost the fare twice", "the website and app"),
    ("air", "mastodon", None, "@bluejet Love your crew, honestly the best in the business. But "
     "your website has been logging me out mid-booking for a week and I've lost the fare twice. "
     "Fix it please \U0001f64f", "kind words about our crew", "the website and app"),
    # what it does now is the complaint, not that it worked for a month
    ("acme", "google_play", 2, "Multi-room grouping worked for a month, now it says 'group "
     "unavailable' for both speakers. Support chat in the app just loops back to the FAQ.",
     "multi-room grouping now says 'group unavailable' for both speakers after working for a "
     "month", "grouping worked for a month."),
    # a mocking "Wow amazing update," is never said back
    ("acme", "google_play", 1, "Wow amazing update, now the app takes 40 seconds to open and "
     "drains my battery. Truly innovative work guys.", "the app takes 40 seconds to open and "
     "drains your battery", "amazing"),
    # fourth round: two waits named, not the children's distress through them
    ("bistro", "google_business", 1, "We went with family on sunday for lunch, waited 45 minutes "
     "for table even we had reservation, then food came after another 1 hour. Kids were crying "
     "with hungry. Manager was not even bothered to come and say sorry. Very disappointed.",
     "waiting 45 minutes for a table you had booked, then another hour for the food",
     "crying with hungry"),
    # Indian English said back plainly
    ("bistro", "google_business", 2, "Ambience is very nice and the biryani was good taste I liked "
     "it. But service is very very slow and waiter forgot our starters totally, we reminded 3 "
     "times. Also AC was not working it was very hot inside. If they improve service it will be "
     "good place.", "the waiter forgot your starters completely", "starters totally"),
    # a child's swelling lips and his medicine: how he is, asked
    ("bistro", "google_business", 2, "I told them clearly my son has peanut allergy and asked 3 "
     "times if the korma has any nuts. Waiter said no nuts madam. After two bites my son lips "
     "started swelling and we had to give him his medicine. Later they said it has cashew paste. "
     "How can you be so careless with children life?", "I hope your son is feeling better now",
     "cashew"),
    # bumped from an overbooked flight, and the voucher that runs out
    ("air", "mastodon", None, "@bluejet gave away my seat on an overbooked flight even though I "
     "checked in online 24h ahead. Got a $100 voucher that expires in 3 months. I lost a day of "
     "my holiday and a hotel night. This is a joke compensation.", "your seat being given away "
     "on an overbooked flight, and the $100 voucher that runs out in 3 months",
     "about your booking"),
]


FIFTY_EIGHTH_AND_FIFTY_NINTH_READING_CASES = [
    # (readings 58 and 59, on 560f686: SEND 3 and 8 of 60)
    # a fee for a bag that fit the sizer, asked about with scorn, is a complaint, named
    ("air", "mastodon", None, "@bluejet so the \u20ac60 cabin bag fee at the gate for a bag that "
     "fit your sizer perfectly - is that a new policy or just a nice little earner?",
     "the \u20ac60 cabin bag fee at the gate for your bag that fit in the sizer",
     "lovely to hear"),
    # "Is someone listening?" is a privacy hold
    ("acme", "google_play", 1, "Voice assistant started talking on its own in the middle of the "
     "night and the light ring turned on. Scared my kids. Is someone listening? I want an "
     "explanation.", "listening or recording", "something you rely on"),
    # express shipping paid for and not given, its fee asked back and refused
    ("acme", "trustpilot", 1, "Paid for express shipping (12.99), came standard, a week late. "
     "Asked for the shipping fee back and was told that's 'not possible'. Why is it not "
     "possible? You didn't deliver what I paid for.", "the 12.99 you paid for express shipping "
     "that came standard, a week late", "how worrying"),
    # a charge after our app failed is named, and gone through as money
    ("air", "mastodon", None, "@bluejet your app logged me out during check-in three times and "
     "then charged me \u20ac25 for airport check-in. Genuinely impressive.",
     "the \u20ac25 charge for airport check-in", "I'll look into it"),
    ("air", "mastodon", None, "@bluejet your app logged me out mid check-in then charged me "
     "\u20ac55 for airport check-in. Genius business model honestly \U0001f44f",
     "go through the charges with you", "a disappointment"),
    # the gate changes said back, not "about boarding"
    ("air", "mastodon", None, "@bluejet gate changed twice with no notification in the app, ran "
     "across the terminal, gate closed 1 minute before I arrived. Now you want \u20ac180 to "
     "rebook me. Lovely.", "the gate changed twice with no notification in the app",
     "about boarding"),
    # a seat belt that won't latch is a safety hold
    ("air", "mastodon", None, "@bluejet is it normal that the seat belt on 14C doesn't latch? "
     "Flight attendant said 'just hold it'. On a plane. Reporting this.",
     "the broken seatbelt on your flight", "about the seat."),
    # made to pay at the gate for a bag called too big: the sum named
    ("air", "mastodon", None, "@bluejet the gate agent in Madrid made me pay \u20ac70 because my "
     "cabin bag was 'too big'. Same bag I've flown with you 10 times. Measured it at home: fits "
     "your sizer exactly. Want my money back.", "the \u20ac70 you were made to pay because your "
     "cabin bag was said to be too big", "about your bags"),
    # "another update and now ..." is said back as what the update did
    ("acme", "google_play", 1, "Great, another update and now my multi-room groups are gone. Set "
     "them up again, gone again the next morning. I have 4 of your speakers and I regret all of "
     "them.", "your multi-room groups are gone after the latest update", "another update and"),
    # a two-star "Nice ambience." is thanked, and what fell short asked
    ("bistro", "google_business", 2, "Nice ambience.", "kind words about the atmosphere",
     "a disappointment"),
    # second round: the allergen served near a son is his allergy, and an EpiPen kept ready
    # is no treatment to hope he is over
    ("air", "mastodon", None, "@bluejet nut allergy announced when boarding, and they still "
     "served peanuts two rows ahead of my son. Crew just shrugged. We had his EpiPen ready the "
     "whole flight. Absolutely terrifying.", "your son's allergy", "feeling better now"),
    # one and the other, said together
    ("acme", "trustpilot", 1, "Bought two speakers as gifts. One arrived with a cracked grille, "
     "the other was missing the power cable. Had to apologise to my own family on Christmas "
     "morning. Thanks Acme.", "one arrived with a cracked grille and the other was missing its "
     "power cable", "that the other was"),
    # a refund after a late cancellation: the cancellation leads, not the hold line
    ("air", "mastodon", None, "@bluejet cancelled my flight the night before by text message, "
     "rebooked me on a flight 2 days later and the hold line is 90 minutes. I need a refund, not "
     "a voucher. Who do I talk to?", "your flight being cancelled the night before by text "
     "message", "the hold line is 90 minutes"),
    # the crew "last night" thanked; "even we told mild" said plainly
    ("air", "mastodon", None, "@bluejet the crew on BJ88 last night were lovely honestly, but the "
     "plane was filthy, crumbs all over my seat and a sticky tray table, and the toilet ran out "
     "of water an hour in. Not the crew's fault but someone's.", "kind words about our crew",
     "fell short"),
    ("bistro", "google_business", 2, "Nice place good interiors, staff also polite. But food is "
     "too much oily and spicy even we told mild. Gulab jamun was hard. For this price we expect "
     "better quality sir.", "too oily and spicy though you asked for mild", "even you told"),
    # third round: a spilled order named in the refund hold; the parking fine named
    ("bistro", "google_business", 1, "Ordered through delivery app, paneer tikka masala came "
     "spilled all over the bag, rice was missing completely. Called restaurant no one picked up "
     "phone. I paid 780 rupees for what? Please refund my money.", "the paneer tikka masala that "
     "arrived spilled all over the bag, with the rice missing", "about your order."),
    ("bistro", "google_business", 2, "Parking is big problem here. No valet, no parking space, we "
     "roamed 20 minutes and got the fine from police also for parking outside. Food was ok ok.",
     "the police fine you got for parking outside", "is a big problem here"),
    # an order that never came is no money chased
    ("acme", "trustpilot", 1, "Ordered the speaker on the 2nd, told delivery in 3 days. It's the "
     "19th. Tracking hasn't moved in 12 days and chat just keeps saying 'it's on its way'. Either "
     "send it or refund me.", "left waiting with no straight answer", "chase their own money"),
    # what a rebooking meant, said; "the 5-hour delay"; a diabetic without food is held
    ("air", "mastodon", None, "@bluejet Booked Bluejet for my mum's funeral trip. Flight "
     "cancelled, rebooked for 2 days later \u2014 after the funeral. I don't even know what to "
     "say. I just want my money back and someone to acknowledge this.", "2 days later, after "
     "the funeral", "fell short"),
    ("air", "mastodon", None, "@bluejet I was promised a meal voucher for the 5h delay and the "
     "desk ran out. I'm a diabetic and had nothing to eat for hours. Please fix this process, "
     "it's not just an inconvenience for some of us.", "nothing to eat for hours when you're "
     "diabetic", "5 hours delay"),
    # fourth round: items added that nobody ordered, and a service charge added unasked
    ("bistro", "google_business", 1, "Bill was given 3450 but when I checked there was items "
     "added which we not ordered like 2 lassi and one extra roti basket, plus service charge 10% "
     "was added without asking. When asked the cashier he was arguing with me in front of my "
     "family. Very bad behaviour.", "the 2 lassis and an extra roti basket added to your bill "
     "that you never ordered, and the 10% service charge added without asking",
     "about the 10% service charge."),
    # faster delivery paid for and not given
    ("acme", "trustpilot", 1, "Wonderful. Paid for next-day delivery, came in 5 days, left on the "
     "doorstep in the rain. Box soaked. Brilliant service as always.", "the next-day delivery "
     "you paid for that came in 5 days", "about the delivery."),
    # listening shown to another account, and a microphone light on when muted: privacy
    ("acme", "trustpilot", 1, "The speaker shared my Spotify listening with another account in "
     "my house without me ever setting that up. My housemate could see everything I'd played. "
     "How did that happen and who else can see my data?", "your Spotify listening being shown "
     "to another account", "the setup and software"),
    ("acme", "trustpilot", 2, "To be fair the sound is brilliant and the delivery was quick. But "
     "the microphone light stays on even when muted and I honestly don't trust it anymore. Is it "
     "actually listening or not? A straight answer would be nice.", "listening or recording",
     "something you rely on"),
    # an error code named, and our dead help page for it
    ("acme", "google_play", 1, "Won't pair. Tried 5 ghz and 2.4 ghz, router restarted, factory "
     "reset the speaker twice. Error code E-204 every time and your help page for E-204 is a 404. "
     "Ironic.", "the E-204 error, and that our help page for it is a 404", "ironic"),
    # fifth round: a fall on the way when the assistance never came, named as both
    ("air", "mastodon", None, "@bluejet I booked wheelchair assistance 3 weeks ahead. Nobody came "
     "at Gatwick. I had to walk the whole terminal with a cane and fell near gate 14. My knee is "
     "swollen. This is dangerous and I need someone to answer for it.", "the fall you had and "
     "the assistance that never came", "the help you needed"),
    # toiletries to be covered: the receipts asked for; one bag is "your bag"
    ("air", "mastodon", None, "@bluejet three questions: 1) where is my bag 2) why does your "
     "baggage line hang up after 20 min 3) will you cover the toiletries I had to buy? Receipts "
     "ready.", "send me your receipts for the toiletries", "your bags"),
    # personalised advertising forced before a setting could be changed: a privacy hold, named
    ("acme", "google_play", 1, "The app forced me to create an account and agree to "
     "'personalised advertising' before I could even change the volume limit for my kid's room. "
     "That's a dark pattern and I'm reporting it.", "accept personalised advertising before you "
     "could change the volume limit", "the setup and software"),
    # a box opened before, sold as new, and postage asked for: held
    ("acme", "trustpilot", 1, "Received a speaker with a cracked grill and a box that had clearly "
     "been opened before. Sold as new. Asked for a replacement, was told to pay return postage "
     "myself. Why should I pay for your mistake?", "a unit that arrived looking used",
     "warranty claim"),
]


SIXTY_FIRST_READING_CASES = [
    # (reading 61, on 153ac3c: SEND 10 of 60)
    # paid for a seat and moved off it, mocked: the sum and both seats named
    ("air", "mastodon", None, "@bluejet oh wonderful, paid \u00a338 for extra legroom seat 12C and "
     "got moved to 29B with zero explanation. Love that for me.", "the \u00a338 you paid for "
     "the extra legroom seat 12C, only to be moved to 29B", "about your booking"),
    # a child seated apart: the family named, not what the agent said
    ("air", "mastodon", None, "@bluejet seated separately from my 4 year old even though we booked "
     "together. The gate agent said pay to sit together or ask someone to swap. Ended up begging "
     "a stranger. Seriously?", "your family being seated apart", "the gate agent said pay"),
    # a pre-ordered meal not loaded, and chicken offered instead: money, not a safety finding
    ("air", "mastodon", None, "@bluejet the onboard meal I pre-ordered (vegetarian, paid for) "
     "wasn't loaded, and the crew offered me a chicken wrap instead. I'm vegetarian. Want my "
     "\u20ac14 back at least.", "the vegetarian meal you pre-ordered and paid for that wasn't "
     "loaded", "the chicken you found"),
    # the guitar in the case is what was damaged
    ("air", "mastodon", None, "@bluejet thanks for losing my guitar case and then returning it "
     "with a cracked neck. Claim form asks for the original receipt from 2011. Brilliant system.",
     "the damage to your guitar.", "guitar case"),
    # "my son is having severe nut allergy": his allergy
    ("bistro", "google_business", 1, "I clearly told the waiter my son is having severe nut "
     "allergy and asked if the korma has cashew. He said no sir no nuts. After 2 bites my son "
     "lips started swelling and we rushed to hospital. Later the chef told it has cashew paste. "
     "How can you be so careless with a child life??? I am going to file a complaint with food "
     "safety department.", "your son's allergy", "your allergy"),
    # (reading 60, on 153ac3c: SEND 9 of 60) a sum told first leads what came after it
    ("air", "mastodon", None, "@bluejet gate agent in Austin refused to let me board with my "
     "carry-on that fits your sizer perfectly, made me pay $65 to check it. Then the bin above "
     "me was half empty. Pure cash grab.", "the $65 you had to pay to check your carry-on. You "
     "also told us that the bin above you was half empty", "treated that way"),
    # recordings found of talk never meant for it: a privacy hold
    ("acme", "trustpilot", 2, "I noticed the speaker light turning on and it responding when "
     "nobody said the wake word. Then I found recordings in the app history of conversations I "
     "never meant it to hear. How do I delete all of them and how long do you keep them?",
     "answer your questions about your data in writing", "it responding"),
    # extra items added to the bill lead the billing hold, not the food beside them
    ("bistro", "google_business", 1, "Table was not clean, sticky, the waiter wiped with dirty "
     "cloth in front of us, the gulab jamun was hard, and when bill came they had added two "
     "extra lassi which we did not order and when we pointed out the waiter argued with us that "
     "we ordered. Finally manager removed it but no apology.", "the two extra lassis added to "
     "your bill that you never ordered", "gulab jamun was hard"),
    # a card machine that never works is no charge to go through
    ("bistro", "google_business", 2, "Why the card machine is always not working? Every time you "
     "ask for cash or UPI only. Is this some tax saving trick?", "find out why our card machine "
     "keeps failing", "date of the charge"),
    # (reading 61) the bill's sum against the card's, and the unasked service charge
    ("bistro", "google_business", 2, "Bill was 2340 but they charged 2640 on card. When i checked "
     "the bill there is service charge 10% added without telling. Also GST was charged twice on "
     "the drinks. I want the extra amount refunded back to my account.", "the 2640 charged on "
     "your card against a bill of 2340, with a 10% service charge added without telling you",
     "being charged more than once"),
    # third round: the lost booking for an occasion leads a mild verdict on the food
    ("bistro", "google_business", 1, "Booked table for 8 people for my mother birthday, called one "
     "day before also to confirm. When we reached they said no booking is there and made us wait "
     "45 minutes outside. Mother birthday mood got spoiled totally. Then the cake we brought they "
     "charged 300 cake cutting charge. Food was average only. Very disappointed.", "the booking "
     "for your mother's birthday that we had no record of when you arrived. You also told us "
     "that the food was average", "You've said that the food"),
    # a speaker pair out of sync is the fault, not "not hearing back" (support did answer)
    ("acme", "google_play", 2, "Multiroom sync is off by half a second between the kitchen and "
     "living room speakers, sounds like an echo. Support told me to restart the router. Did "
     "that. Still the same.", "multiroom sync is off by half a second", "not hearing back"),
    # ordered on the restaurant's own number: ours, though Swiggy is named
    ("bistro", "google_business", 1, "Delivery came 1.5 hours late, food completely cold, the "
     "raita packet was leaking all over bag. When I called they said delivery boy is not our "
     "staff talk to Swiggy. But I ordered on your number only. Why you are not taking "
     "responsibility?",
     "leaking all over the bag", "Thank you for telling us about your order."),
]


INDEPENDENT_READINGS = [
    *SEVENTH_INDEPENDENT_READING_CAUSES_CASES,
    *SEVENTH_READING_LISTS_AND_CHARGES_CASES,
    *SEVENTH_READING_OPENINGS_CASES,
    *EIGHTH_INDEPENDENT_READING_CAUSES_CASES,
    *EIGHTH_READING_HOLDS_ANSWER_EVERY_POINT_CASES,
    *NINTH_INDEPENDENT_READING_CAUSES_CASES,
    *NINTH_READING_PRAISE_AND_PEOPLE_CASES,
    *TENTH_INDEPENDENT_READING_CAUSES_CASES,
    *TENTH_READING_BAGS_AND_PLANS_CASES,
    *ELEVENTH_INDEPENDENT_READING_CAUSES_CASES,
    *TWELFTH_AND_THIRTEENTH_READING_CASES,
    *FOURTEENTH_AND_FIFTEENTH_READING_CASES,
    *SIXTEENTH_AND_SEVENTEENTH_READING_CASES,
    *EIGHTEENTH_AND_NINETEENTH_READING_CASES,
    *EIGHTEENTH_AND_NINETEENTH_READING_HOLDS_CASES,
    *EIGHTEENTH_AND_NINETEENTH_READING_ANSWERS_CASES,
    *TWENTIETH_AND_TWENTY_FIRST_READING_CASES,
    *TWENTY_SECOND_AND_TWENTY_THIRD_READING_CASES,
    *TWENTY_FOURTH_AND_TWENTY_FIFTH_READING_CASES,
    *TWENTY_SIXTH_AND_TWENTY_SEVENTH_READING_CASES,
    *THIRTY_FOURTH_AND_THIRTY_FIFTH_READING_CASES,
    *THIRTY_EIGHTH_AND_THIRTY_NINTH_READING_CASES,
    *FORTIETH_AND_FORTY_FIRST_READING_CASES,
    *FORTY_THIRD_AND_FORTY_FOURTH_READING_CASES,
    *OWN_NAME_CASES,
    *UNDELIVERED_REFUND_CASES,
    *SLOW_DEVICE_CASES,
    *SAFETY_HOLD_CASES,
    *BUFFET_CASES,
    *FORTY_SIXTH_AND_FORTY_SEVENTH_READING_CASES,
    *FIFTIETH_AND_FIFTY_FIRST_READING_HOLDS_CASES,
    *FIFTIETH_AND_FIFTY_FIRST_READING_OPENINGS_CASES,
    *APP_WONT_OPEN_CASES,
    *FIFTY_SECOND_AND_FIFTY_THIRD_READING_CASES,
    *FIFTY_FOURTH_AND_FIFTY_FIFTH_READING_CASES,
    *FIFTY_SIXTH_AND_FIFTY_SEVENTH_READING_CASES,
    *FIFTY_EIGHTH_AND_FIFTY_NINTH_READING_CASES,
    *SIXTY_FIRST_READING_CASES,
]


@pytest.mark.parametrize(("business", "platform", "rating", "text", "wanted", "unwanted"),
                         INDEPENDENT_READINGS)
def test_independent_readings(business, platform, rating, text, wanted, unwanted):
    assert_reads(business, platform, text, wanted, unwanted, rating=rating or 1)


def test_a_question_about_shared_utensils_is_not_held_as_a_failure_found():
    # (the forty-second reading: "Is the restaurant pure veg kitchen or same utensils used for
    # non veg also?" was answered "about the same ladle used for veg and non-veg food")
    from responders import manager

    asked = {"text": "Is the kitchen pure veg or same utensils used for non veg also? We are "
                     "Jain and staff could not answer properly."}
    told = {"text": "Veg and non veg were served with same ladle. We are Jain."}
    flag = {"flag": "safety"}
    assert manager._held_what(flag, asked, "restaurant") == \
        "how we keep veg and non-veg food apart in our kitchen"
    assert manager._held_what(flag, told, "restaurant") == \
        "the same ladle used for veg and non-veg food"


def test_a_say_back_worked_out_once_per_draft_is_the_same_and_forgotten_after():
    from responders import manager, sayback

    clause = ("the bass is distorted above half volume and the app drops the connection "
              "every evening when I open the settings page to change the equalizer")
    plain, wider = sayback.say_back(clause), None
    with sayback.longer(40):
        wider = sayback.say_back(clause)
    with sayback.one_draft():
        assert sayback.say_back(clause) == plain
        with sayback.longer(40):  # the limit in force is part of what is remembered
            assert sayback.say_back(clause) == wider
        assert sayback.say_back(clause) == plain
        # an argument that cannot be a key (a list) is worked out afresh
        assert manager._say(clause, clause, None, [clause]) == \
            manager._say(clause, clause, None, (clause,))
    assert sayback._MEMO.get() is None  # nothing kept from one draft to the next


def test_the_business_name_keeps_its_capitals_when_said_back():
    from responders import manager

    assert manager._own_capitals("bluejet lost your bag", "Bluejet lost my bag", "Bluejet") == \
        "Bluejet lost your bag"
    # a word the customer wrote in lower case stays as they wrote it
    assert manager._own_capitals("the saffron rice was cold", "the saffron rice was cold",
                                 "Saffron Bistro") == "the saffron rice was cold"
    with sayback.one_draft("Saffron Bistro"):  # "Saffron rice" is no subject of ours
        assert manager._say("Saffron rice was cold", "Saffron rice was cold", "restaurant") \
            == manager._say("Saffron rice was cold", "Saffron rice was cold", "restaurant")
        assert sayback.own_name() == "Saffron Bistro"
    assert sayback.own_name() == ""


def test_a_day_or_a_month_keeps_its_capital_when_said_back():
    assert sayback.say_back("Sunday lunch was cold and late") == "Sunday lunch was cold and late"
    assert sayback.say_back("Monday delivery came 2 hours late").startswith("Monday ")


def test_a_quote_is_kept_as_written_only_where_asked():
    clause = "Support chat closed my ticket as 'resolved' without replying."
    assert sayback.say_back(clause) is None  # (a quote we might mangle: not said back)
    with sayback.quotes_kept():
        assert sayback.say_back(clause) == \
            "the support chat closed your ticket as 'resolved' without replying"
        # the quote's own words are not turned round
        assert sayback.say_back("the agent told me 'not my problem'") == \
            "the agent told you 'not my problem'"
        assert sayback.say_back("the customers' bags were lost") == "the customers' bags were lost"
