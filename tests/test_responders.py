"""The HEARD responder: five labelled moves, named complaints, fit, variety, banks."""

from __future__ import annotations

from collections import Counter

import pytest

from responders import banks, compose_draft
from responders.fit import PLAY_REPLY_LIMIT
from responders.names import first_name
from reviewwatch.config import Business
from reviewwatch.errors import ConfigError

BISTRO = Business(id="b", name="Blue Door Bistro", signature="Maria Lopez, General Manager",
                  contact="maria@bluedoor.example", compensation="a complimentary dessert")
NO_COMP = Business(id="c", name="Tidepool Habits", signature="Dana Whitfield, Head of Care",
                   contact="care@tidepool.example")
FIVE = ["hear", "empathize", "apologize", "resolve", "diagnose"]


def triage_of(label, aspects=(), evidence=(), priority="high", **extra):
    return {"label": label, "score": -0.6, "vader": 0.0, "aspects": list(aspects),
            "evidence": list(evidence), "language": "en", "needs_reply": True,
            "needs_human": False, "priority": priority, **extra}


def item(text, author="Sam Carter", external_id="r1", kind="review"):
    return {"text": text, "author": author, "external_id": external_id, "kind": kind}


@pytest.mark.parametrize(("aspects", "evidence", "said_back", "fix"), [
    (["wait_time"], ["waited 45 minutes"], "waiting 45 minutes", "schedule"),
    (["billing"], ["charged twice"], "being charged twice", "billing system"),
    (["app_crash"], ["crashes"], "the app crashing", "crash reports"),
    (["cleanliness"], ["dirty"], "the cleanliness problems", "cleaning"),
])
def test_complaint_gets_five_moves_naming_it(aspects, evidence, said_back, fix):
    draft = compose_draft(item("..."), triage_of("negative", aspects, evidence), BISTRO)
    moves = [p["move"] for p in draft["parts"]]
    assert moves[:5] == FIVE
    text = {p["move"]: p["text"] for p in draft["parts"]}
    assert said_back in text["hear"]
    assert "your experience" not in draft["reply"]
    assert fix in text["diagnose"]
    assert "maria@bluedoor.example" in text["resolve"]
    assert "Maria Lopez" in draft["reply"]
    assert draft["lint"] == []


def test_apology_is_first_person_without_if_or_but():
    for n in range(30):
        draft = compose_draft(item("x", external_id=f"r{n}"),
                              triage_of("negative", ["wait_time"], ["waited an hour"]), BISTRO)
        apology = next(p["text"] for p in draft["parts"] if p["move"] == "apologize")
        assert apology.startswith(("I", "Please accept my"))
        assert " if " not in apology and " but " not in apology


def test_compensation_only_when_configured():
    t = triage_of("negative", ["food_quality"], ["cold"])
    assert "complimentary dessert" in compose_draft(item("x"), t, BISTRO)["reply"]
    plain = compose_draft(item("x"), t, NO_COMP)["reply"]
    assert "complimentary" not in plain and "free" not in plain


def test_no_gift_for_a_severe_complaint():
    t = triage_of("negative", ["food_poisoning"], ["got sick"], priority="urgent")
    draft = compose_draft(item("I got sick after the chicken"), t, BISTRO)
    assert "dessert" not in draft["reply"]
    assert draft["reply"].startswith("Dear Sam")  # formal for a serious complaint


def test_praise_gets_thanks_echo_and_invite():
    t = triage_of("positive", priority="low")
    draft = compose_draft(item("Love the habit streaks, and the calm design!", "Priya"), t,
                          NO_COMP)
    moves = [p["move"] for p in draft["parts"]]
    assert moves == ["thank", "hear", "invite", "sign"]
    assert "habit streaks" in draft["reply"] and "sorry" not in draft["reply"].lower()


def test_neutral_mention_gets_no_draft_and_a_question_gets_a_short_one():
    neutral = triage_of("neutral", priority="low", needs_reply=False)
    assert compose_draft(item("v5 is out", kind="mention"), neutral, NO_COMP) is None
    question = triage_of("neutral", priority="low", question=True)
    draft = compose_draft(item("How do I export?", kind="mention"), question, NO_COMP)
    assert [p["move"] for p in draft["parts"]] == ["answer", "sign"]
    assert "care@tidepool.example" in draft["reply"]


def test_non_english_gets_no_english_draft():
    t = triage_of("negative", language="de", needs_human=True)
    assert compose_draft(item("Die App stürzt ab"), t, NO_COMP) is None
    assert compose_draft(item("x"), {**triage_of("negative"), "needs_human": True},
                         NO_COMP) is None


def test_a_language_with_a_phrase_bank_gets_a_draft_in_it():
    t = triage_of("negative", language="es", needs_human=True)
    draft = compose_draft(item("La aplicación se cierra sola", "Lucía Pérez"), t, NO_COMP)
    assert draft["language"] == "es"
    assert draft["reply"].startswith(("Hola, Lucía", "Estimado/a Lucía", "Buenos días, Lucía"))
    assert [p["move"] for p in draft["parts"]][:5] == FIVE
    assert "care@tidepool.example" in draft["reply"] and "Dana Whitfield" in draft["reply"]


def test_an_owner_bank_beside_the_configured_one_is_used(tmp_path):
    from tests.conftest import ROOT

    (tmp_path / "phrases.en.toml").write_text((ROOT / "config" / "phrases.en.toml").read_text())
    french = (ROOT / "config" / "phrases.es.toml").read_text().replace(
        'language = "es"', 'language = "fr"').replace("Hola, {name}:", "Bonjour {name},")
    (tmp_path / "phrases.fr.toml").write_text(french)
    t = triage_of("negative", language="fr", needs_human=True)
    draft = compose_draft(item("x", "Zoé"), t, NO_COMP, bank_path=tmp_path / "phrases.en.toml")
    assert draft is not None and draft["language"] == "fr"


@pytest.mark.parametrize(("author", "name"), [
    ("Sam Carter", "Sam"), ("Maria L.", "Maria"), ("WB-SBB", None), ("user8812", None),
    ("jsmith_99", None), ("JOHNNY", None), ("a@b.example", None), ("Anonymous", None),
    (None, None), ("Zoë", "Zoë"), ("BarbaraMW", None), ("DamaVele", None),
    ("Aoife McKenzie", "Aoife"),
])
def test_first_name_only_for_real_names(author, name):
    assert first_name(author) == name


def test_play_store_fit_keeps_all_five_moves():
    t = triage_of("negative", ["billing", "support_unresponsive"],
                  ["charged twice", "support never"])
    draft = compose_draft(item("x"), t, BISTRO, platform="google_play")
    assert draft["fits"]["length"] <= PLAY_REPLY_LIMIT == draft["fits"]["limit"]
    assert [p["move"] for p in draft["parts"]][:5] == FIVE
    assert draft["lint"] == []


def test_business_profile_limit_is_in_bytes():
    wide = Business(id="w", name="Café Ünïcödé " * 3, signature="Zoë Ångström, Ägare",
                    contact="zoë@café.example " * 20)
    t = triage_of("negative", ["wait_time"], ["waited 2 hours"])
    draft = compose_draft(item("x"), t, wide, platform="google_business", limit=600)
    assert draft["fits"]["unit"] == "bytes"
    assert len(draft["reply"].encode()) == draft["fits"]["length"]


def test_same_review_same_draft():
    t = triage_of("negative", ["wait_time"], ["waited 45 minutes"])
    assert compose_draft(item("x"), t, BISTRO) == compose_draft(item("x"), t, BISTRO)


def test_hundred_similar_complaints_do_not_read_alike():
    t = triage_of("negative", ["wait_time"], ["waited 45 minutes"])
    replies = [compose_draft(item("We waited 45 minutes", external_id=f"r{n}"), t, BISTRO)
               ["reply"] for n in range(100)]
    openings = Counter(r.split("\n\n")[1].split(".")[0] for r in replies)
    assert openings.most_common(1)[0][1] <= 10
    assert len(set(replies)) >= 95


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
