"""Understanding the customer: clauses, aspects per category, asks, questions, routing flags,
and learning from staff corrections (stored, audited, fitted, used)."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reviewwatch import corrections
from reviewwatch import db as store
from reviewwatch.cli import cli
from reviewwatch.triage import adapt, routing, segment, taxonomy, triage
from reviewwatch.triage import model as linear


@pytest.mark.parametrize(("text", "clauses"), [
    # a two-word praise before "but" is a clause of its own, not the complaint's start
    ("Great food but the service was awful. We waited 45 minutes.",
     ["Great food", "the service was awful.", "We waited 45 minutes."]),
    ("last but not least the staff were rude", ["last but not least the staff were rude"]),
    ("The problem, however, was the noise.", ["The problem, however, was the noise."]),
    ("The pasta was cold; the waiter never came back to check on us.",
     ["The pasta was cold", "the waiter never came back to check on us."]),
    ("Mr. Smith at the desk was rude. Never again!",
     ["Mr. Smith at the desk was rude.", "Never again!"]),
    ("stranded in Philly- no voucher even though your plane had a mechanical issue / next "
     "flight in 10 hrs", ["stranded in Philly- no voucher even though your plane had a "
                          "mechanical issue", "next flight in 10 hrs"]),
    ("The room was lovely, the staff were kind, but the shower was broken",
     ["The room was lovely", "the staff were kind", "the shower was broken"]),
])
def test_clauses_are_verbatim_spans_with_their_casing(text, clauses):
    spans = segment.clauses(text)
    assert [s.text for s in spans] == clauses
    assert all(text[s.start:s.end] == s.text for s in spans)


BREAK_WORDS = ("but however although though whereas except that yet even Even and so then i we "
               "they he she it the my our you there this that their his her This The It My We "
               "They These Our Love Loved Bought Ordered BUT x - / ; : , \u2014 \u2013 . ! ? \n"
               ).split(" ")
BREAK_SEPS = ["", " ", "  ", ",", ", ", " - ", "\u2014", " / ", "; ", ":", "\t", "\n", ". "]


@settings(max_examples=300, deadline=None)
@example([("it was even", " "), ("but", " "), ("fine", ", ")], set(range(10)))
@example([("nice", ",  "), ("but", " "), ("Even", " "), ("yet", "")], {4})
@example([("great", "\u2014"), ("so", " \u2014 "), ("x", "; "), ("we", ":")], {0, 1, 2})
@example([("rude", " "), ("The", " "), ("room", " / "), ("and then", " "), ("we", " ")],
         {3, 7, 8, 9})
@example([("ok", ", "), ("and", " "), ("the", ", "), ("we", " ")], {5, 6})
@given(st.lists(st.tuples(st.sampled_from(BREAK_WORDS), st.sampled_from(BREAK_SEPS)),
                max_size=12),
       st.sets(st.integers(0, len(segment._BREAKS) - 1), min_size=1))
def test_break_patterns_match_as_the_breaks_are_written(pieces, kept):
    """The fast patterns (a leading character class, each break's first character consumed)
    find the same breaks and sentence ends as the breaks and lookaheads they were written as."""
    text = "".join(w + s for w, s in pieces)
    kept_breaks = tuple(sorted(kept))
    for fast, plain in ((segment._break_pattern(kept_breaks),
                         segment._lookahead_pattern(kept_breaks)),
                        (segment._SENTENCE_END, re.compile(
                            r"(?=[.!?\n])(?:[.!?]+[\"')\]]*(?=\s)|\n+|[.!?]+[\"')\]]*$)"))):
        assert [m.span() for m in fast.finditer(text)] == \
            [m.span() for m in plain.finditer(text)]


def test_clauses_are_linear_and_bounded():
    text = "We waited, and waited; and then we left. " * 5000
    spans = segment.clauses(text)
    assert spans and spans[-1].end <= segment.MAX_SEGMENT_CHARS


@pytest.mark.parametrize(("category", "clause", "aspect"), [
    ("restaurant", "there was a hair in the crispy corn", "food_safety"),
    ("restaurant", "the pasta was cold", "food_quality"),
    ("restaurant", "our waiter forgot the order twice", "service"),
    ("hotel", "the shower had no hot water", "room"),
    ("hotel", "check-in took an hour at reception", "front_desk"),
    ("product", "both quit connecting to wifi", "performance"),
    ("product", "the fabric is itchy and the zipper broke", "material"),
    ("app", "it crashes every time I open it", "crashes"),
    ("airline", "they lost my luggage in Denver", "baggage"),
    ("airline", "flight delayed 5 hours with no update", "delay"),
    # hunger on the ground is the delay's, not the cabin service's
    ("airline", "stranded in Philly- #Starving and can't get a meal voucher", "delay"),
    ("clinic", "the doctor rushed through my appointment", "care"),
    ("service", "the plumber left a leak and a mess", "workmanship"),
    (None, "I was charged twice", "billing"),
    # "took forever" is the complaint, whatever it is said of; "forever" alone is no wait
    ("restaurant", "food took forever to arrive", "wait_time"),
    ("app", "it takes forever to load", "performance"),
    ("app", "Constantly giving wrong information.", "content"),
    ("restaurant", "the coupon code in your email doesn't work at checkout", "discounts"),
    ("restaurant", "2 hours and my pizza still hasn't arrived", "delivery"),
    ("restaurant", "we had to deal with a broken chair", None),
    ("restaurant", "$200 for 2 glasses of champagne", None),  # no glass in the food
    ("product", "This product is clearly not ready for prime time", None),
    ("app", "the usage limits are far too low", "pricing"),
    ("app", "This app is a great aap forever", None),
    # a fliptop gets loose too: only a garment's looseness is its fit
    ("product", "the fliptop started to get loose and wobbly", "quality"),
    ("product", "the dress was loose around the waist", "fit"),
    # a missing part of a print is no missing parcel
    ("product", "the dots are distressed looking, with parts of them missing", None),
    ("product", "half the order is missing", "delivery"),
    ("product", "Cute but didn't work for me", "fit"),  # a garment that didn't suit
    # a word of praise names a clause only when nothing else does
    ("hotel", "clean room but the breakfast prices are ridiculous", "room"),
    ("restaurant", "clean plates but cold food", "food_quality"),
    ("product", "the buttons kept slipping out of their holes", "quality"),
    # burned espresso, a wood-fired oven and a shock at the price are no safety problem
    ("restaurant", "no one seems to know when their espresso has been burned", "drinks"),
    ("restaurant", "I was in shock at the price", "price_value"),
    ("product", "the charger burned my hand", "safety"),
])
def test_aspects_come_from_the_category_taxonomy(category, clause, aspect):
    found = taxonomy.build(category).aspect_of(clause)
    assert (found[0] if found else None) == aspect, found


@pytest.mark.parametrize(("text", "aspect"), [
    ("Dinner took almost 4 hours without any lag time.", "wait_time"),
    ("we waited an hour for our pizza", "wait_time"),
    ("For the next hour and a half we stood in the crowded lobby area of this touristy "
     "restaurant listening to explanations of why we were not being seated.", "wait_time"),
    ("the food took over an hour and was cold", "food_quality"),  # "cold" is the complaint
    ("it took 3 days for support to reply", "support"),  # a team's wait stays the team's
])
def test_how_long_a_meal_took_is_the_wait(text, aspect):
    issues = triage(text, category="restaurant")["issues"]
    assert issues and issues[0]["aspect"] == aspect, issues


def test_an_apps_and_a_product_makers_people_are_their_support():
    tax = taxonomy.build("app")
    found = tax.aspect_of("you are too rude")
    assert found and tax.team(found[0]) == "support team"
    product = taxonomy.build("product")
    assert product.team(product.aspect_of("they have a terrible customer service")[0]) == \
        "customer service team"
    restaurant = taxonomy.build("restaurant")
    assert restaurant.team(restaurant.aspect_of("the waiter was rude")[0]) == "front-line team"


def test_a_business_extends_its_taxonomy():
    extra = {"wifi": {"name": "Wi-Fi", "terms": ["wifi", "wi-fi", "internet"], "team": "IT"}}
    tax = taxonomy.build("hotel", extra)
    assert tax.aspect_of("the Wi-Fi dropped every hour")[0] == "wifi"
    assert tax.name("wifi") == "Wi-Fi" and tax.team("wifi") == "IT"
    assert taxonomy.validate_extension({"Bad Id": {"terms": []}}, "x") == [
        "x.Bad Id: an aspect id is lower-case letters, digits and _",
        "x.Bad Id.terms: a list of one or more words or phrases"]


@pytest.mark.parametrize(("text", "flag"), [
    ("Got food poisoning after the chicken, I was vomiting all night", "safety"),
    ("My son had an allergic reaction to the sauce", "safety"),
    ("The speaker overheated and melted the shelf", "safety"),
    ("I think it's spying on us, it records everything", "privacy"),
    ("My lawyer will be in touch about this", "legal"),
    ("I want a refund for the tickets", "billing_dispute"),
    ("I was charged twice for one order", "billing_dispute"),
    ("My husband passed away and I need to cancel his flight", "bereavement"),
    ("The manager was openly racist to my family", "discrimination"),
    ("Still on hold after 2 hours, nobody picks up", "ongoing"),
    ("stranded in Philly with no voucher", "ongoing"),
    ("My order still hasn't arrived and nobody answers", "ongoing"),
    ("The speaker got really hot and smelled like burning plastic while charging", "safety"),
    ("Why do I need an account and to share my location just to play music", "privacy"),
    ("Stuck on the runway at Newark for three hours", "ongoing"),
    ("I have paid multiple times for pro, but it says the version is still the free one",
     "billing_dispute"),
    ("THIS TECHNOLOGY HARVESTS ALL PROPRIETARY AND FIRST PERSON INFORMATION", "privacy"),
    ("paid for plus and wont let me use plus", "billing_dispute"),
    ("I have paid but it did not activate upgrade", "billing_dispute"),
    ("got the wrong order AGAIN. I ordered veggie and got pepperoni, I'm vegetarian", "safety"),
    ("why can't I delete my account even after 3 tries in 3 months", "privacy"),
    ("@SkylarkAir gate agent in Denver refused to let my husband board with his cane",
     "discrimination"),
    ("@Northwave no signal in downtown Austin since Monday, paying for nothing", "ongoing"),
    ("@ProntoPizza found a piece of plastic in my calzone tonight", "safety"),
    ("@SkylarkAir great, another delay. love spending my birthday at O'Hare", "sarcasm"),
    ("@SkylarkAir you lost my wheelchair. I am at the gate with no way to move", "safety"),
])
def test_routing_flags_name_the_clause(text, flag):
    result = triage(text)
    flags = {f["flag"]: f for f in result["flags"]}
    assert flag in flags and result["needs_human"], result["flags"]
    assert flags[flag]["clause"] in text
    assert result["needs_human_reason"]


@pytest.mark.parametrize("text", [
    "The wool is itchy and still not worth what I paid",
    'I asked for the manager and she said "we don\'t have one right now"',
    "My bed at home feels so glorious right now after that trip",
    "The booth was stuck in a corner by the kitchen door",
])
def test_a_disruption_remembered_or_quoted_is_not_ongoing(text):
    # (and below: a how-to question and praise of a paid plan are no dispute or data matter)
    # "still not worth it" and a "right now" in dialogue are no outage to hand to a person
    assert "ongoing" not in {f["flag"] for f in triage(text)["flags"]}


@pytest.mark.parametrize(("text", "safety"), [
    ("The pizza was delivered cold and the cheese wasn't even fully melted!", False),
    ("the steak melted in my mouth", False),
    ("The charger melted after a week in the wall socket", True),
    ("The cable started melting near the plug", True),
])
def test_melting_is_a_hazard_in_a_device_not_on_a_plate(text, safety):
    assert ("safety" in {f["flag"] for f in triage(text)["flags"]}) is safety


def test_sarcasm_is_flagged_and_negative():
    result = triage("Thanks for nothing, lost my bag again")
    assert result["label"] == "negative"
    assert "sarcasm" in {f["flag"] for f in result["flags"]}
    praise = triage("Great job guys, amazing, wonderful, just the best", rating=1)
    assert praise["label"] == "negative" and "sarcasm" in {f["flag"] for f in praise["flags"]}


def test_a_text_about_another_company_is_flagged():
    result = triage("The DoorDash driver left my order at the wrong house", competitors=())
    assert {"other_company"} <= {f["flag"] for f in result["flags"]}
    rival = triage("Skyways lost my bag", competitors=("Skyways",), names=("Bluejet",))
    assert "other_company" in {f["flag"] for f in rival["flags"]}
    assert not routing.other_company("Bluejet lost my bag", ("Skyways",), ("Bluejet",))
    # a carrier whose name is a plain word is one only in capitals: "pop ups" is no UPS
    assert routing.other_company("UPS left my parcel in the rain") == "ups"
    assert not routing.other_company("The pop ups are annoying, ups and downs all day")


def test_an_unsupported_language_goes_to_a_person_with_no_word_judgement():
    result = triage("Die App stürzt ständig ab und der Support antwortet überhaupt nicht mehr.")
    assert result["language"] == "de" and result["needs_human"]
    assert "language" in {f["flag"] for f in result["flags"]} and result["issues"] == []


@pytest.mark.parametrize(("text", "ask"), [
    ("I want my money back", "refund"),
    ("Please call me back on my mobile", "callback"),
    ("Send me a replacement, this one is broken", "replacement"),
    ("Please fix the sync, it loses my notes", "fix"),
])
def test_the_customers_ask_is_found(text, ask):
    assert ask in {a["ask"] for a in triage(text)["asks"]}


def test_direct_questions_are_kept_verbatim():
    result = triage("The sync broke again. Why does it lose my notes every time? Awful.")
    assert result["questions"] == ["Why does it lose my notes every time?"]
    assert result["question"] is True


@pytest.mark.parametrize(("text", "questions"), [
    ("OMG. Did i not make myself clear??? I said green tea.", []),
    ("Are you kidding me? The fries were cold.", []),
    ("Am I the only one who thinks this is bad?", []),
    ("Did you get my email? I sent it Monday.", ["Did you get my email?"]),
    ("been on hold 95 minutes trying to change a flight. Is anyone actually working?", []),
])
def test_exasperation_is_no_question_to_answer(text, questions):
    assert triage(text)["questions"] == questions


@pytest.mark.parametrize(("text", "flag", "present"), [
    ("I used to go there until I sold my business about a year ago.", "privacy", False),
    ("they sold my data to advertisers", "privacy", True),
    ("A cloud of fruit flies rose up inside the pastry case", "safety", True),
    ("time flies when you're having fun here", "safety", False),
])
def test_flags_read_what_was_sold_and_what_flew(text, flag, present):
    assert (flag in {f["flag"] for f in triage(text)["flags"]}) is present


def test_issues_are_whole_clauses_with_aspect_polarity_and_severity():
    text = "The view was lovely. The Shower was broken and nobody at Reception cared."
    result = triage(text, category="hotel")
    assert result["issues"], result
    first = result["issues"][0]
    assert first["clause"] in text and first["clause"][0].isupper()
    assert first["polarity"] == "negative" and first["severity"] in ("low", "medium", "high")
    assert first["aspect"] in ("room", "front_desk")
    assert result["evidence"][0] == first["clause"]
    assert any(p["clause"] == "The view was lovely." for p in result["praise"])


# ---- learning from staff -------------------------------------------------------------------

def settings_for(tmp_path):
    from tests.webutil import make_settings

    return make_settings(tmp_path)


def test_corrections_are_stored_once_with_who_and_when_and_audited(tmp_path):
    db = store.open_database(tmp_path / "rw.db")
    lines = [json.dumps({"text": "the widget is fiddly", "label": "negative"}), "not json",
             json.dumps({"text": "lovely", "label": "great"}),
             json.dumps({"text": "the widget is fiddly", "label": "neutral"})]
    stored, errors = corrections.import_labels(db, "bistro", lines, "maria")
    assert stored == 2 and [e["line"] for e in errors] == [2, 3]
    rows = list(db.query("SELECT * FROM label_corrections"))
    assert len(rows) == 1 and rows[0]["label"] == "neutral" and rows[0]["corrected_by"] == "maria"
    assert db.execute("SELECT count(*) FROM audit WHERE action='label_corrected'"
                      ).fetchone()[0] == 2


def test_fit_adapts_the_shipped_model_to_a_business(tmp_path):
    base = linear.load()
    quirky = [f"the {w} thing again" for w in ("wibble", "wobble", "wubble", "wabble")] * 10
    calm = [f"a {w} evening out" for w in ("pleasant", "quiet", "normal", "ordinary")] * 10
    delta, bias = adapt.fit(base, quirky + calm, [True] * 40 + [False] * 40)
    tuned = base.adapted(delta, bias, "shipped+x")
    text = "the wibble thing again"
    from reviewwatch.triage import vader
    assert tuned.probability(text, vader.compound(text)) > 0.8
    assert tuned.probability(text, 0.0) > base.probability(text, 0.0)
    assert adapt.adapted_model(base, None, "x") is base


def test_an_adaptation_is_kept_only_when_it_beats_the_shipped_model_on_held_corrections():
    base = linear.load()
    quirky = [f"the {w} thing again" for w in ("wibble", "wobble", "wubble", "wabble")] * 10
    calm = [f"a {w} evening out" for w in ("pleasant", "quiet", "normal", "ordinary")] * 10
    delta, _, check = adapt.fit_checked(base, quirky + calm, [True] * 40 + [False] * 40)
    assert check["kept"] and delta and check["f1_adapted"] > check["f1_shipped"]
    # corrections the shipped model already gets right leave nothing to gain: it stays
    plain = (["The food was cold and the waiter was rude.", "Worst service ever, never again.",
              "They charged me twice and nobody answered."] * 8 +
             ["Lovely evening, the staff were wonderful.", "Delicious food and great service.",
              "We loved it and will be back soon."] * 8)
    labels = [True] * 24 + [False] * 24
    delta, bias, check = adapt.fit_checked(base, plain, labels)
    assert check["f1_shipped"] == 1.0 and not check["kept"]
    assert delta == {} and bias == 0.0 and check["checked_on"] == 48


@pytest.mark.parametrize(("gain", "kept"), [(0.0, False), (0.003, False), (0.01, True)])
def test_an_adaptation_must_gain_more_than_noise_on_held_corrections(monkeypatch, gain, kept):
    from reviewwatch.triage import train

    base = linear.load()
    scores = iter([0.60, 0.60 + gain])  # the shipped model's held-out F1, then the adapted's
    monkeypatch.setattr(train, "_f1", lambda truth, predicted: {"f1": next(scores)})
    texts = [f"the {w} thing again" for w in ("knob", "dial")] * 15 + ["a calm evening"] * 30
    delta, bias, check = adapt.fit_checked(base, texts, [True] * 30 + [False] * 30)
    assert check["kept"] is kept and bool(delta) is kept


def test_import_fit_score_and_eval_through_the_cli(tmp_path):
    from tests.test_cli import seeded_config

    config, db, _ = seeded_config(tmp_path)
    lines = "\n".join(json.dumps({"text": f"the {w} wibbled {n}", "label": "negative"})
                      for n in range(15) for w in ("knob", "dial")) + "\n" + "\n".join(
        json.dumps({"text": f"a calm {w} evening {n}", "label": "positive"})
        for n in range(15) for w in ("quiet", "warm"))
    runner = CliRunner()
    result = runner.invoke(cli, ["triage", "import-labels", "--business", "bistro",
                                 "--config", str(config)], input=lines)
    assert result.exit_code == 0, result.output
    assert corrections.needs_refit(db, "bistro")
    result = runner.invoke(cli, ["triage", "fit", "--business", "bistro", "--config",
                                 str(config)])
    assert result.exit_code == 0 and "60 corrections" in result.output, result.output
    assert not corrections.needs_refit(db, "bistro")
    row = json.dumps({"text": "the knob wibbled again"})
    before = runner.invoke(cli, ["score", "--config", str(tmp_path / "none.toml")], input=row)
    after = runner.invoke(cli, ["score", "--business", "bistro", "--config", str(config)],
                          input=row)
    assert before.exit_code == 0, (before.output, before.exception)
    p_before = json.loads(before.output)["triage"]["p_negative"]
    p_after = json.loads(after.output)["triage"]
    assert p_after["model"] == "shipped+bistro" and p_after["p_negative"] > p_before
    bad = runner.invoke(cli, ["triage", "import-labels", "--business", "bistro", "--config",
                              str(config)], input='{"text": "x"}\n\xff\n')
    assert bad.exit_code == 1 and '"line": 1' in bad.output


def test_staff_correct_an_item_through_the_api_and_the_ui(tmp_path):
    from reviewwatch import users
    from reviewwatch.web import create_app
    from tests.test_web import csrf_of, login
    from tests.webutil import seed

    settings = settings_for(tmp_path)
    db, _ = seed(settings)
    users.add_user(db, "staff", "staff", "staff-password-1")
    token = users.create_token(db, "staff")
    app = create_app(settings, settings.storage_path)
    app.config["TESTING"] = True
    first, second = [r["id"] for r in db.query("SELECT id FROM items ORDER BY id LIMIT 2")]
    api = app.test_client()
    auth = {"Authorization": f"Bearer {token}"}
    response = api.post(f"/api/items/{first}/label", json={"label": "positive",
                                                           "aspects": ["staff"]}, headers=auth)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()["triage"]["label"] == "positive"
    assert api.post(f"/api/items/{first}/label", json={"label": "awful"},
                    headers=auth).status_code == 400
    assert api.post("/api/items/999999/label", json={"label": "negative"},
                    headers=auth).status_code == 404
    web = app.test_client()
    login(web)
    page = web.get(f"/items/{second}").get_data(as_text=True)
    assert "Save correction" in page and "Issues" in page
    response = web.post(f"/items/{second}/label", data={
        "label": "neutral", "aspects": "billing", "csrf_token": csrf_of(web, f"/items/{second}")})
    assert response.status_code == 302
    assert web.post(f"/items/{second}/label", data={"label": "neutral"}).status_code == 400
    rows = {r["item_id"]: r for r in db.query("SELECT * FROM label_corrections")}
    assert rows[first]["origin"] == "api" and rows[first]["corrected_by"] == "staff"
    assert rows[second]["origin"] == "ui" and json.loads(rows[second]["aspects"]) == ["billing"]
    assert store.get_triage(db, second)["label"] == "neutral"
    assert db.execute("SELECT count(*) FROM audit WHERE action = 'label_corrected'"
                      ).fetchone()[0] == 2


def test_init_asks_the_category_and_config_check_validates_the_profile(tmp_path):
    result = CliRunner().invoke(cli, ["init", str(tmp_path), "--category", "airline"])
    assert result.exit_code == 0, result.output
    config = tmp_path / "config" / "reviewwatch.toml"
    assert 'category = "airline"' in config.read_text()
    text = config.read_text().replace('category = "airline"', 'category = "airline"\n'
                                      '[businesses.profile]\nvoice = "shouty"\n'
                                      '[businesses.profile.contact]\nsocial = "Please DM us."')
    config.write_text(text)
    result = CliRunner().invoke(cli, ["config", "check", "--config", str(config)])
    assert result.exit_code != 0
    assert "businesses[0].profile.voice" in result.output
    assert "businesses[0].profile.contact.social" in result.output


def test_regex_gates_are_necessary_literals():
    import re

    from reviewwatch.triage.gate import may_match, necessary

    gate = necessary(re.compile(r"\b(?:rude|unfriendly)\b|\byelled at\b"))
    assert gate == {"rude", "unfriendly", "yelled at"}
    assert necessary(re.compile(r"\b(?:a|b)\w+")) is None  # nothing provable: no gate
    assert necessary(re.compile(r"Refund", re.I)) == {"refund"}
    assert not may_match(gate, "lovely staff") and may_match(gate, "so rude!")


def test_gates_change_no_cue_flag_or_ask_on_real_text(shared):
    import random

    from reviewwatch.triage import aspects, corpus
    from reviewwatch.triage.gate import GateSet
    from tests.conftest import ROOT

    shared("data", "train", "yelp_reviews.jsonl")
    texts = [e.text for e in corpus.load(ROOT.parent / "shared" / "data")]
    random.Random(2).shuffle(texts)
    sample = texts[:4000]

    def read_all():
        return [(aspects.find_cues(t.lower()), routing.flags_in(t, segment.clauses(t)),
                 routing.asks_in(t, segment.clauses(t))) for t in sample]

    gated = read_all()
    saved = aspects._GATE_SET, routing._FLAG_GATES, routing._ASK_GATES
    try:  # gates that open for every text: each pattern runs, as without gates
        aspects._GATE_SET = GateSet([None] * (len(aspects._COMPILED) + len(aspects._GENERAL)))
        routing._FLAG_GATES = GateSet([None] * len(routing._COMPILED))
        routing._ASK_GATES = GateSet([None] * len(routing._ASKS))
        plain = read_all()
    finally:
        aspects._GATE_SET, routing._FLAG_GATES, routing._ASK_GATES = saved
    assert gated == plain


def test_an_alternation_searched_as_its_alternatives_starts_where_it_does(shared):
    """A flag's (and sarcasm's) leftmost match, found alternative by alternative near each
    one's own literals, starts where the whole pattern's does, on every real text."""
    from reviewwatch.triage import corpus
    from reviewwatch.triage.gate import FirstOf, alternatives
    from tests.conftest import ROOT

    assert alternatives(r"\b(?:a|b(?:c|d)|[|)]e)\b") == [r"\b(?:a)\b", r"\b(?:b(?:c|d))\b",
                                                          r"\b(?:[|)]e)\b"]
    assert alternatives(r"a|b") is None and alternatives(r"(?:a|b)c") is None
    shared("data", "train", "yelp_reviews.jsonl")
    texts = [e.text.lower() for e in corpus.load(ROOT.parent / "shared" / "data")][:6000]
    texts += ["the chicken was pink inside and i got sick", "thanks for nothing!",
              "my insulin was in the bag they lost", "refund me or i call my lawyer"]
    patterns = [p for _, _, p in routing._COMPILED] + [routing._SARCASM_LOWER]
    for pattern in patterns:
        first = FirstOf(pattern)
        assert len(first.subs) > 1
        for text in texts:
            m = pattern.search(text)
            assert first.start(text) == (m.start() if m else None), (pattern.pattern[:40], text)


def test_a_gated_pattern_finds_what_the_pattern_finds(shared):
    """gate.Gated skips a text with none of a pattern's literals: on real texts, their
    sentences, upper-cased texts, and a text with a character re.I matches to an ASCII
    letter, it finds the same match as the pattern."""
    import re as regex

    from responders import manager, sayback
    from reviewwatch.triage import corpus
    from reviewwatch.triage.gate import Gated
    from tests.conftest import ROOT

    shared("data", "train", "yelp_reviews.jsonl")
    texts = [e.text for e in corpus.load(ROOT.parent / "shared" / "data")][:3000]
    texts += [t.upper() for t in texts[:300]] + [s for t in texts[:300] for s in t.split(".")]
    texts += ["My booking reference is ABC123", "BOOKING REF: XY-99", "bo\u017fking ref 12",
              "the food was cold, please fix", "came at 9 pm itself and but when we asked",
              "I wi\u017fh I had heard", "the \u212aids were put in rows apart"]
    gated = [(n, p) for n, p in [*vars(manager).items(), *vars(sayback).items()]
             if isinstance(p, Gated)]
    assert len(gated) >= 10
    assert Gated(regex.compile(r"\b(?i:booking) ref")).search("BOOKING ref") is not None
    for name, pattern in gated:
        for text in texts:
            m, plain = pattern.search(text), pattern.compiled.search(text)
            assert (m and m.span()) == (plain and plain.span()), (name, text)
            assert pattern.sub("#", text) == pattern.compiled.sub("#", text), (name, text)


@pytest.mark.parametrize(("text", "about"), [
    ("Sent my steak back twice because it was overcooked", "the steak"),
    ("The coffee was watered down and lukewarm", "the coffee"),
    ("The food was cold and bland", "the food"),  # no thing named: the aspect's phrase
])
def test_an_issue_names_the_thing_its_clause_names(text, about):
    issues = triage(text, rating=2, category="restaurant")["issues"]
    assert issues and issues[0]["about"] == about, issues


@pytest.mark.parametrize("text", ["how do I delete my account?", "I paid for premium and it's "
                                  "great", "I paid twice as much elsewhere, this is better"])
def test_a_question_or_praise_about_an_account_or_a_plan_goes_to_no_person(text):
    result = triage(text, category="app")
    assert not result["needs_human"], result["flags"]


def test_a_condition_the_customer_resents_is_a_complaint_about_it():
    result = triage("I think it's lame that you need a family plan to use multiple devices.",
                    category="product")
    assert result["label"] == "negative"
    assert [i["aspect"] for i in result["issues"]] == ["subscription"]


def test_a_short_posts_bare_complaint_is_about_the_thing_it_follows():
    result = triage("@SkylarkAir my bag went to Phoenix and I went to Portland. Claim 4471. "
                    "No update in 2 days", category="airline")
    assert {i["aspect"] for i in result["issues"]} == {"baggage"}, result["issues"]
    assert "No update in 2 days" in [i["clause"] for i in result["issues"]]  # (its own, and the
    # bag sent to the wrong city beside it, a complaint cue since the twentieth reading)


def test_how_is_that_acceptable_is_a_complaint():
    result = triage("Cancelled my flight and rebooked me on one that leaves TOMORROW night. "
                    "How is that acceptable", category="airline")
    assert result["label"] == "negative"


@pytest.mark.parametrize(("text", "category", "aspect"), [
    ("@SkylarkAir flight attendant on SK88 spilled coffee on my laptop and just walked off",
     "airline", "crew"),
    ("@SkylarkAir the app logged me out and now my boarding pass is gone", "airline", "digital"),
    ("@SkylarkAir overbooked and bumped AGAIN. this is the last time I fly with you", "airline",
     "booking"),
    ("@Northwave I've been charged a $15 late fee even though autopay went through on time",
     "service", "billing"),
    ("@ProntoPizza driver was rude and threw the box at my door", "restaurant", "delivery"),
    # contempt with no word VADER rates ill: "not my problem" reads as praise to it
    ("@bluejet the flight attendant rolled her eyes and said 'not my problem' when I asked "
     "for help with my bag.", "airline", "crew"),
    ("@bluejet asked the agent at the desk where my bag was and she just shrugged", "airline",
     "crew"),
])
def test_plain_complaints_in_posts_are_complaints_about_the_right_thing(text, category, aspect):
    result = triage(text, category=category)
    assert result["label"] == "negative", result
    assert result["issues"] and result["issues"][0]["aspect"] == aspect, result["issues"]


def test_a_post_from_the_gate_is_a_disruption_still_going_on():
    result = triage("@SkylarkAir you lost my wheelchair. I am at the gate with no way to move",
                    kind="mention")
    assert "ongoing" in {f["flag"] for f in result["flags"]}


def test_no_working_sim_is_not_the_quality_of_a_job():
    result = triage("3 hours in your store and still no working SIM", category="service")
    assert all(i["aspect"] != "workmanship" for i in result["issues"]), result["issues"]


@pytest.mark.parametrize(("text", "label"), [
    # posts with no word VADER knows: a change made without asking, a loop with no person,
    # and thanks VADER has no word for
    ("@Northwave been a customer 9 years and you just raised my price 30% with zero notice",
     "negative"),
    ("@Northwave your chat bot keeps looping me back to the start. let me talk to a human",
     "negative"),
    ("@SkylarkAir shoutout to Maria at the Boston check-in desk, she fixed my whole itinerary",
     "positive"),
])
def test_a_posts_plain_complaint_or_thanks_is_read_as_one(text, label):
    assert triage(text, kind="mention")["label"] == label


@pytest.mark.parametrize(("text", "rating", "clause"), [
    # (a seventh session's reading: plain accounts of what went wrong, with no word the
    # model knows well, are the complaints of a complaint, not neutral narration)
    ("Ordered dal makhani and paneer tikka for takeaway, got home and found they gave us "
     "someone else's order. Called the restaurant, manager said we can come back and exchange. "
     "We live 25 min away! Very poor.", 1, "they gave us someone else's order"),
    ("Went for family dinner on Sunday. Butter chicken was good but the naan came after we "
     "finished the curry and the waiter kept forgetting our drinks order. Also AC was not "
     "working properly, very hot inside.", 2, "the naan came after we finished the curry"),
])
def test_a_plain_account_in_a_complaint_is_one_of_its_issues(text, rating, clause):
    result = triage(text, rating=rating, category="restaurant")
    assert any(clause in i["clause"] for i in result["issues"]), result["issues"]
    narration = [i["clause"] for i in result["issues"] if i["clause"].startswith(
        ("Went for family", "We live"))]
    assert not narration, narration  # the scene and the aside stay out


def test_a_near_line_clause_of_a_happy_text_is_no_complaint():
    result = triage("Went for family dinner on Sunday. The naan came after we finished the "
                    "curry, no problem, everything was lovely and the staff were great.",
                    rating=5, category="restaurant")
    assert result["label"] == "positive" and not result["issues"], result


@pytest.mark.parametrize(("text", "flag"), [
    # (the seventh independent reading: an injury, an account taken over and a padded bill
    # went to nobody)
    ("@Bluejet a suitcase hit the man next to me on the head. He was bleeding.", "safety"),
    ("@Bluejet I got an email saying my frequent flyer account was updated with a new email "
     "address. I didn't change anything. Now my 40k points are gone.", "privacy"),
    ("Bill had extra items which we never ordered, 2 mocktails and one naan basket.",
     "billing_dispute"),
    ("I want my 40 dollars back", "billing_dispute"),
    ("@Bluejet thanks for the 'meal' on my 7 hour flight. One bag of pretzels.", "sarcasm"),
])
def test_seventh_reading_holds(text, flag):
    result = triage(text, kind="mention", category="airline")
    assert flag in {f["flag"] for f in result["flags"]}, result["flags"]
    assert result["label"] == "negative"


@pytest.mark.parametrize("text", [
    "The colors bleed in the wash", "This might leave me with a bleeding ulcer, but great coffee",
    "I ate a whole bag of chips on the flight, crew were lovely",
])
def test_bleeding_dye_and_a_bag_of_chips_are_no_injury_or_baggage(text):
    result = triage(text, kind="mention", category="airline")
    assert "safety" not in {f["flag"] for f in result["flags"]}
    assert "baggage" not in result["aspects"], result["aspects"]


@pytest.mark.parametrize(("text", "flag", "category"), [
    # (the eighth independent reading: sarcasm read as praise, privacy and injury unflagged)
    ("@Bluejet great job seating my 4 year old 14 rows away from me even though we booked "
     "together. The crew shrugged and said 'ask other passengers'. Wonderful.", "sarcasm",
     "airline"),
    ("@Bluejet love paying for 'extra legroom' and getting a seat that doesn't recline. Truly "
     "premium experience", "sarcasm", "airline"),
    ("Wow, amazing service! Waited 40 mins for a table even after booking.", "sarcasm",
     "restaurant"),
    ("@Bluejet someone from your gate staff posted my boarding pass photo with my full name in a "
     "staff group chat", "privacy", "airline"),
    ("Why does the app need my location and contacts to play music??", "privacy", "product"),
    ("The speaker fell from the shelf and hit my daughter foot. She has bruise.", "safety",
     "product"),
    ("After paying via UPI they said payment not received and asked to pay again.",
     "billing_dispute", "restaurant"),
])
def test_eighth_reading_holds(text, flag, category):
    result = triage(text, kind="mention", category=category)
    assert flag in {f["flag"] for f in result["flags"]}, result["flags"]


@pytest.mark.parametrize(("text", "rating"), [
    ("Wow, amazing food and lovely staff, will be back!", 5),
    ("The staff were so kind and the food was delicious. Wonderful.", None),
    ("Wow, great flight, the crew were lovely and we landed early.", None),
])
def test_plain_praise_with_wow_or_wonderful_is_no_sarcasm(text, rating):
    result = triage(text, rating=rating, kind="review" if rating else "mention",
                    category="restaurant")
    assert "sarcasm" not in {f["flag"] for f in result["flags"]}
    assert result["label"] == "positive", result["label"]


@pytest.mark.parametrize(("text", "flagged"), [
    # (the ninth reading: Jain food served with onion held; Jain food praised, not)
    ("Asked clearly for Jain food, no onion no garlic, for my mother in law. They served with "
     "onion.", True),
    ("I asked for Jain food with no onion and it was perfect, they served it quickly.", False),
    ("We asked for jain thali and they cooked it without onion, lovely.", False),
])
def test_jain_food_served_with_onion_is_held_and_only_then(text, flagged):
    result = triage(text, rating=2, category="restaurant")
    assert ("safety" in {f["flag"] for f in result["flags"]}) is flagged, result["flags"]


@pytest.mark.parametrize(("text", "category"), [
    # (controls for the twelfth and thirteenth readings' holds: none of these is held)
    ("Ordered two speakers, all good. The battery life is great.", "product"),
    ("We were charged for two people, fair price", "restaurant"),
    ("My dog loved the trip, crew were lovely and the cabin was hot though", "airline"),
    ("Battery on the portable model died completely after 13 months", "product"),
])
def test_held_patterns_leave_plain_texts_alone(text, category):
    flags = {f["flag"] for f in triage(text, category=category)["flags"]}
    assert not flags & {"safety", "billing_dispute", "bereavement"}, flags


@pytest.mark.parametrize(("text", "bereaved"), [
    # (the sixteenth reading: "I could have died" from an allergy was answered with condolences)
    ("I told them about my severe cashew allergy and the korma had cashew paste. I could have "
     "died.", False),
    ("I nearly died of embarrassment", False),
    ("My dad died in March and you refused to change the booking", True),
])
def test_could_have_died_is_no_bereavement(text, bereaved):
    flags = {f["flag"] for f in triage(text, rating=1, category="restaurant")["flags"]}
    assert ("bereavement" in flags) is bereaved, flags


@pytest.mark.parametrize(("text", "flag", "held"), [
    # (the sixteenth and seventeenth readings' holds, and controls beside each)
    ("@Bluejet the agent laughed and repeated her words because her English isn't perfect",
     "discrimination", True),
    ("@Bluejet gate agent demanded I prove my disability. I'm filing a DOT complaint.", "legal",
     True),
    ("The microphone light coming on by itself at night, and recordings from when we were "
     "asleep", "privacy", True),
    ("Bought the bundle with the free subwoofer and got charged 99 pounds for it anyway",
     "billing_dispute", True),
    ("Veg thali was ok but the spoon clearly had egg on it. I am pure vegetarian.", "safety", True),
    ("Chicken was fresh, not stale at all, great", "safety", False),
    ("We had eggs for breakfast, I am vegetarian but eat eggs, all good", "safety", False),
    ("Great speaker, works offline, no telemetry I could see", "privacy", False),
])
def test_sixteenth_and_seventeenth_reading_holds(text, flag, held):
    flags = {f["flag"] for f in triage(text, category="restaurant", kind="mention")["flags"]}
    assert (flag in flags) is held, flags


@pytest.mark.parametrize(("text", "category", "rating", "flag", "held"), [
    # (the thirty-fourth and thirty-fifth readings' holds, and controls beside each)
    ("@bluejet the seat was broken and wouldn't stay upright for takeoff, crew just shrugged and "
     "told me to hold it. Is that even safe??", "airline", None, "safety", True),
    ("@bluejet my bag has been 'located' for 6 days now. I'm in Porto. I need my medication "
     "that's in there, who do I actually talk to??", "airline", None, "safety", True),
    ("I came with my mother who is diabetic and asked whether sweet dish is sugar free, waiter "
     "confidently said yes, later we came to know it is normal sugar.", "restaurant", 1,
     "safety", True),
    ("@bluejet overbooked, bumped off, nobody explained my rights. Is that legal?", "airline",
     None, "legal", True),
    ("Wow what a great experience, waited 40 minutes for table even with reservation, AC not "
     "working. Superb. Will definitely come again (not).", "restaurant", 1, "sarcasm", True),
    ("Wow what great service, took only 1 hour 15 min for 2 rotis. Really fast sir. Keep it up "
     "\U0001f44f", "restaurant", 1, "sarcasm", True),
    # controls
    ("The staff made sure it was safe for my son's nut allergy, so kind", "restaurant", 5,
     "legal", False),
    ("Great food, will definitely come again!", "restaurant", 5, "sarcasm", False),
    ("Service was quick, took only 10 minutes for our mains", "restaurant", 5, "sarcasm", False),
    ("The sugar free dessert options were lovely", "restaurant", 5, "safety", False),
    # a night over, its cost asked back: money, not a disruption still going on
    ("@bluejet missed my connection. Stuck in Frankfurt overnight paid my own hotel €140. Want "
     "that back.", "airline", None, "billing_dispute", True),
    ("@bluejet missed my connection. Stuck in Frankfurt overnight paid my own hotel €140. Want "
     "that back.", "airline", None, "ongoing", False),
    ("@bluejet stuck in Frankfurt airport, no hotel, no help", "airline", None, "ongoing", True),
])
def test_thirty_fourth_and_thirty_fifth_reading_holds(text, category, rating, flag, held):
    flags = {f["flag"] for f in triage(text, category=category, rating=rating,
                                       kind="review" if rating else "mention")["flags"]}
    assert (flag in flags) is held, flags


@pytest.mark.parametrize(("text", "category", "rating", "flag", "held"), [
    # (the fortieth and forty-first readings) a complaint to a regulator, and a practice called
    # unlawful, are legal holds; a post opened on "great," before a failure is sarcasm
    ("@bluejet two months, four emails, no refund. Next step is a complaint with the civil "
     "aviation authority.", "airline", None, "legal", True),
    ("Waiter promised no peanuts, dish had peanuts. I am filing complaint to the food safety "
     "department.", "restaurant", 1, "legal", True),
    ("@bluejet they said vouchers only, no cash refund. I'm fairly sure that is illegal.",
     "airline", None, "legal", True),
    ("@bluejet great, boarding moved twice and then they closed the door on us. Cool.",
     "airline", None, "sarcasm", True),
    # (the forty-second reading) a feature's name in scare quotes beside its failure
    ("@bluejet the 'free' wifi lasts only 3 minutes before it drops. Every time.", "airline",
     None, "sarcasm", True),
    ("They added 12% service charge and said it is compulsory. It is not compulsory as per "
     "government guidelines.", "restaurant", 1, "legal", True),
    # controls
    ("The manager explained the rules to us very kindly", "restaurant", 5, "legal", False),
    ("My 'smart' speaker arrived today and it sounds lovely", "product", 5, "sarcasm", False),
    ("Great, friendly crew and we landed early", "airline", 5, "sarcasm", False),
    ("I complained to the manager and he sorted it at once, very kind", "restaurant", 5,
     "legal", False),
])
def test_fortieth_and_forty_first_reading_holds(text, category, rating, flag, held):
    flags = {f["flag"] for f in triage(text, category=category, rating=rating,
                                       kind="review" if rating else "mention")["flags"]}
    assert (flag in flags) is held, flags


def test_a_question_after_a_request_in_one_sentence_is_found():
    from reviewwatch.triage import routing

    assert routing.questions_in("Please roll back or fix, also is there a way to downgrade?") \
        == ["is there a way to downgrade?"]
    assert routing.questions_in("Please fix it, thanks.") == []


@pytest.mark.parametrize(("text", "aspect"), [
    # (the fortieth and forty-first readings: each clause was missed as a complaint, or read
    # as praise)
    ("Sound is fine but the app keeps logging me out every day.", "setup"),
    ("The two speakers now play out of sync by a second.", None),
    ("Love the look, but the latest firmware removed the line-in option.", None),
])
def test_fortieth_reading_clauses_are_complaints(text, aspect):
    result = triage(text, category="product", rating=2)
    assert result["issues"], result
    if aspect:
        assert any(i["aspect"] == aspect for i in result["issues"]), result["issues"]


def test_a_door_shut_in_the_customers_face_is_a_complaint_about_staff():
    # (the fortieth reading: "... ran across the whole terminal and they shut the door in my
    # face. 'Rules.' Cool." was read as praise, "Thank you for the kind words!")
    result = triage("@bluejet ran the length of the terminal and they slammed the gate in my "
                    "face. 'Policy.' Cool.", category="airline", kind="mention")
    assert result["label"] == "negative", result["label"]
    assert any(i["aspect"] in ("staff", "crew") for i in result["issues"]), result["issues"]


@pytest.mark.parametrize(("text", "category", "rating", "flag", "held"), [
    # (the thirty-eighth and thirty-ninth readings)
    ("@bluejet bag ripped open and my tablet missing after the Rome flight. This is theft.",
     "airline", None, "legal", True),
    ("@bluejet the padlock was cut and my watch was gone. Police report filed.", "airline",
     None, "legal", True),
    ("Debited twice, 15 days no refund, I will complain in consumer forum", "restaurant", 1,
     "legal", True),
    ("@bluejet cheers for the 'bonus' 500 miles after losing my stroller for a week",
     "airline", None, "sarcasm", True),
    ("@bluejet thanks for the 500 bonus miles 'apology' for a cancelled honeymoon flight",
     "airline", None, "sarcasm", True),
    ("The speaker talks at night. Is someone able to hear us through it?", "product", 1,
     "privacy", True),
    ("@bluejet paid extra for an aisle seat, put in a middle one. I want the seat fee back",
     "airline", None, "billing_dispute", True),
    # controls
    ("Reported the leak to the front desk and it was fixed within minutes", "hotel", 5,
     "legal", False),
    ("Cheers for the lovely welcome, the staff were great", "hotel", 5, "sarcasm", False),
    ("You can hear everything through the thin walls", "hotel", 2, "privacy", False),
])
def test_thirty_eighth_and_thirty_ninth_reading_holds(text, category, rating, flag, held):
    flags = {f["flag"] for f in triage(text, category=category, rating=rating,
                                       kind="review" if rating else "mention")["flags"]}
    assert (flag in flags) is held, flags


@pytest.mark.parametrize("text", [
    # (the thirty-fourth reading: "Thank you for the kind words!" to a commuter about to leave)
    "@bluejet 2nd time this month my flight to Dublin was moved by 5 hours. I commute for work. "
    "Thinking of switching to the train honestly",
    "@acme third outage this week. Seriously considering switching to another brand",
])
def test_a_customer_about_to_leave_is_no_praise(text):
    assert triage(text, kind="mention", category="airline")["label"] in ("negative", "mixed")


@pytest.mark.parametrize(("text", "category", "rating", "flag", "held"), [
    # (the forty-third and forty-fourth readings) clips recorded that the customer never
    # started, and what is done with them, are a privacy matter; a sum paid and asked back is
    # a billing dispute; "just eat" in a sentence is no delivery platform
    ("Found that it had recorded 'clips' I never triggered.", "product", 1, "privacy", True),
    ("What are you doing with my recordings?", "product", 1, "privacy", True),
    ("@bluejet Paid €70 at the gate for a bag that fit. Want that back.", "airline", None,
     "billing_dispute", True),
    ("Asked if the meat is halal and he said why you want to know, just eat.", "restaurant", 1,
     "other_company", False),
    # controls
    ("Ordered through Just Eat and the driver never came.", "restaurant", 1, "other_company",
     True),
    ("I recorded a video of the setup and it went fine.", "product", 4, "privacy", False),
    ("Paid €70 for a great dinner, worth it.", "restaurant", 5, "billing_dispute", False),
])
def test_forty_third_and_forty_fourth_reading_holds(text, category, rating, flag, held):
    flags = {f["flag"] for f in triage(text, category=category, rating=rating,
                                       kind="review" if rating else "mention")["flags"]}
    assert (flag in flags) is held, flags


@pytest.mark.parametrize(("text", "category", "rating", "flag", "held"), [
    # (the fiftieth and fifty-first readings) fumes in a cabin with people feeling faint, a
    # tarmac wait with no air conditioning or water and a child sick, and a child pushed into
    # a barrier are safety matters; a device that records everything, and consent to
    # marketing forced, are privacy; postage charged to return a faulty item and new tickets
    # bought after a missed boarding are money to make good; a remark on a passenger's weight
    # is discrimination
    ("@bluejet fumes in the cabin after takeoff, several people coughing, one woman felt "
     "faint.", "airline", None, "safety", True),
    ("@bluejet we sat on the tarmac for 2 hours with no AC and no water handed out, a kid "
     "behind me was sick.", "airline", None, "safety", True),
    ("@bluejet staff just watched. My daughter got pushed into a barrier. Not ok.", "airline",
     None, "safety", True),
    ("Great, another company that records everything. What exactly are you recording?",
     "product", 1, "privacy", True),
    ("The app forces me to create an account and accept marketing to use the speaker.",
     "product", 1, "privacy", True),
    ("I was told I'd have to pay postage myself for a faulty item.", "product", 1,
     "billing_dispute", True),
    ("@bluejet boarding closed as we arrived. We had to buy new tickets for the next day.",
     "airline", None, "billing_dispute", True),
    ("@bluejet a crew member made a comment about my weight in front of the whole row.",
     "airline", None, "discrimination", True),
    # controls: the same words where nobody is harmed, watched or put to a cost
    ("You don't have to wave away exhaust fumes whilst enjoying a good coffee.", "restaurant",
     5, "safety", False),
    ("I was sick of waiting so we left.", "restaurant", 2, "safety", False),
    ("I got pushed into buying the extended warranty.", "product", 2, "safety", False),
    ("The app records my runs perfectly.", "product", 5, "privacy", False),
    ("Free returns, I didn't have to pay postage for the faulty one.", "product", 4,
     "billing_dispute", False),
    ("He made a comment about the weather and we laughed.", "airline", 5, "discrimination",
     False),
])
def test_fiftieth_and_fifty_first_reading_holds(text, category, rating, flag, held):
    flags = {f["flag"] for f in triage(text, category=category, rating=rating,
                                       kind="review" if rating else "mention")["flags"]}
    assert (flag in flags) is held, flags
