"""The triage model: shipped as safe JSON weights with a model card, trained deterministically
from ../shared/data, and measured by leaving one domain out (these tests read ../shared)."""

from __future__ import annotations

import json
import random

import pytest

from reviewwatch.triage import corpus, model, train
from tests.conftest import ROOT

MAX_MODEL_BYTES = 4 * 1024 * 1024


def test_the_shipped_model_is_small_safe_json_with_a_card():
    path = model.SHIPPED
    assert path.stat().st_size <= MAX_MODEL_BYTES
    data = json.loads(path.read_text("utf-8"))  # JSON: no pickle anywhere
    assert data["format"] == "reviewwatch-triage-linear/1"
    assert 0 < data["threshold"] < 1 and data["weights"]
    assert "leave_one_domain_out" in data and data["trained"]["examples"]
    card = (path.parent / "MODEL_CARD.md").read_text("utf-8")
    assert "Leave one domain out" in card and "plain VADER" in card
    for source, _ in corpus.SOURCES:
        assert source in card


def test_the_shipped_model_generalizes_better_than_plain_vader_left_out():
    lodo = json.loads(model.SHIPPED.read_text("utf-8"))["leave_one_domain_out"]
    assert lodo["mean_f1"]["model"] > lodo["mean_f1"]["vader"]
    assert {r["domain"] for r in lodo["table"]} == {name for name, _ in corpus.SOURCES}


def small_corpus(shared, per_domain=300):
    shared("data", "train", "yelp_reviews.jsonl")
    examples = corpus.load(ROOT.parent / "shared" / "data")
    by_domain: dict[str, list] = {}
    for e in examples:
        by_domain.setdefault(e.domain, []).append(e)
    out = []
    for name in ("yelp_local_business", "clothing_products", "uci_sentences", "play_apps"):
        rows = by_domain[name][:]
        random.Random(3).shuffle(rows)
        out += rows[:per_domain]
    return out


def test_training_is_deterministic(shared):
    pytest.importorskip("sklearn")
    examples = small_corpus(shared, 150)
    first = train.train(examples, 0.5, 0.25)
    second = train.train(examples, 0.5, 0.25)
    assert first == second and first["weights"]


def test_leave_one_domain_out_trains_without_the_domain_it_tests(shared):
    pytest.importorskip("sklearn")
    examples = small_corpus(shared, 300)
    result = train.leave_one_domain_out(examples)
    assert [r["domain"] for r in result["table"]] == [
        "yelp_local_business", "clothing_products", "uci_sentences", "play_apps"]
    assert all(r["n"] == 300 for r in result["table"])
    assert result["threshold"] in train.THRESHOLDS
    assert result["cue_weight"] in train.CUE_WEIGHTS
    assert result["cue_features"] in train.CUE_FEATURES
    assert result["mean_f1"]["model"] > result["mean_f1"]["vader"]


def test_train_writes_weights_the_runtime_loads(shared, tmp_path, monkeypatch):
    pytest.importorskip("sklearn")
    examples = small_corpus(shared, 100)
    monkeypatch.setattr(corpus, "load", lambda data_dir: examples)
    out, card = tmp_path / "m.json", tmp_path / "card.md"
    train.train_and_write(tmp_path, out, card, with_lodo=False)
    loaded = model.load(out)
    assert 0 <= loaded.probability("The app crashes every time I open it", 0.0) <= 1
    assert "Triage model card" in card.read_text("utf-8")


def test_the_log_count_ratio_weighs_a_feature_that_tells_the_classes_apart_more():
    pytest.importorskip("sklearn")
    import numpy as np

    rows = [["u:broken", "u:the"], ["u:broken", "u:the"], ["u:the", "u:great"],
            ["u:the", "u:great"]]
    vocab = {"u:broken": 0, "u:great": 1, "u:the": 2}
    y = np.array([True, True, False, False])
    r = train._ratios(train._matrix(rows, vocab), y, np.ones(4))
    assert r[0] > r[2] and r[1] > r[2]  # "the" is in every text: it tells nothing apart
    assert r[0] == pytest.approx(r[1]) and r.mean() == pytest.approx(1.0)


def test_the_folds_in_parallel_give_the_same_table_as_one_after_another(shared, monkeypatch):
    pytest.importorskip("sklearn")
    examples = small_corpus(shared, 120)
    parallel = train.leave_one_domain_out(examples)
    monkeypatch.setattr(train, "FOLD_WORKERS", 1)
    assert train.leave_one_domain_out(examples) == parallel
    nested = [r["nested_f1"] for r in parallel["table"]]
    assert parallel["mean_f1"]["nested"] == round(sum(nested) / len(nested), 3)


def _two_sources(n=200):
    """Source A: half its texts complaints; source B: a tenth. "u:bad" tells a complaint
    apart in both; "x:a" / "x:b" only say which source a text came from."""
    rows, y, domains = [], [], []
    for source, share in (("a", 0.5), ("b", 0.1)):
        for i in range(n):
            negative = i < share * n
            bad = negative if i % 5 else not negative  # a noisy but shared signal
            rows.append(sorted({f"x:{source}", "u:the"} | ({"u:bad"} if bad else {"u:ok"})))
            y.append(negative)
            domains.append(source)
    return rows, y, domains


def test_each_source_has_its_own_intercept_so_no_feature_learns_its_share(monkeypatch):
    pytest.importorskip("sklearn")
    rows, y, domains = _two_sources()
    monkeypatch.setattr(train, "DOMAIN_BIAS", 10.0)
    vocab, fitted = train._fit(rows, y, domains)
    assert len(fitted.coef) == len(vocab)  # the sources' own intercepts are not shipped
    with_own = fitted.coef[vocab["x:a"]] - fitted.coef[vocab["x:b"]]
    monkeypatch.setattr(train, "DOMAIN_BIAS", 0.0)  # none: the shipped setting
    vocab, fitted = train._fit(rows, y, domains)
    shared_only = fitted.coef[vocab["x:a"]] - fitted.coef[vocab["x:b"]]
    # without them the source's marker carries its share of complaints; with them, far less
    assert shared_only > 0.5 and abs(with_own) < shared_only / 3
    assert fitted.coef[vocab["u:bad"]] > 0


def test_the_cue_prior_of_a_long_text_is_diluted_like_its_words():
    m = model.LinearModel(0.0, {}, cue_weight=0.5, cue_features=20)
    assert m.cue_prior(2.0, 10) == pytest.approx(1.0)  # a short text: the full prior
    assert m.cue_prior(2.0, 80) == pytest.approx(0.5)  # four times the features: half
    assert model.LinearModel(0.0, {}, cue_weight=0.5).cue_prior(2.0, 80) == pytest.approx(1.0)
    assert m.cue_prior(0.0, 80) == 0.0


def test_both_scoring_paths_dilute_the_cue_prior_the_same():
    from reviewwatch.triage import features, vader
    from reviewwatch.triage.aspects import find_cues

    shipped = model.load()
    m = model.LinearModel(shipped.bias, shipped.weights, shipped.threshold,
                          cue_weight=0.5, cue_features=20)
    text = ("We waited 45 minutes for a table and the soup was cold. " * 3 +
            "The staff were lovely and the dessert was the best in town.")
    compound = vader.compound(text)
    cues = find_cues(text.lower())
    by_text = m.score(text, compound)
    by_tokens = m.score_tokens(features.tokens(text), compound, cues)
    assert by_text[1] == by_tokens[1] > 0
    assert by_text[0] == pytest.approx(by_tokens[0], abs=1e-9)
    undiluted = model.LinearModel(shipped.bias, shipped.weights, shipped.threshold,
                                  cue_weight=0.5)
    assert undiluted.score(text, compound)[0] > by_text[0]
