"""The trained triage model at run time: JSON weights, a dot product, no scikit-learn.

The shipped model (`models/triage-en.json`, trained by `train.py`) gives the probability that
a text is a complaint. A business's own corrections fit an adaptation on top of it (`adapt.py`):
extra weights added to the shipped logit, so a business with no corrections gets exactly the
shipped model.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any

from reviewwatch.triage import features
from reviewwatch.triage.features import stem

SHIPPED = Path(__file__).with_name("models") / "triage-en.json"
MAX_LOGIT = 30.0


def cue_mass(text: str) -> float:
    """The complaint cues' total weight in a text (capped): the model's fixed prior."""
    return features.featurize_with_cues(text, 0.0)[1]


@dataclass(frozen=True)
class LinearModel:
    """A logistic regression over feature strings; `delta` is a business's adaptation."""

    bias: float
    weights: dict[str, float]
    threshold: float = 0.5
    delta: dict[str, float] = field(default_factory=dict)
    delta_bias: float = 0.0
    name: str = "shipped"
    cue_weight: float = 0.0
    # A text with more distinct features than this has its cue prior diluted by
    # sqrt(cue_features / n), as the words' sum is by sqrt(n): a long review collects cues in
    # passing ("waited 20 minutes, worth it"); 0 = never diluted (models before it).
    cue_features: int = 0

    def cue_prior(self, mass: float, n: int) -> float:
        """The complaint cues' share of the logit, for a text with `n` distinct features."""
        if not mass or not self.cue_weight:
            return 0.0
        k = self.cue_features
        return self.cue_weight * mass * (math.sqrt(k / n) if k and n > k else 1.0)

    def logit(self, feats: Iterable[str]) -> float:
        distinct = set(feats)
        if not distinct:
            return self.bias + self.delta_bias
        w, d = self.weights, self.delta
        total = sum(w.get(f, 0.0) for f in distinct)
        if d:
            total += sum(d.get(f, 0.0) for f in distinct)
        return self.bias + self.delta_bias + total / math.sqrt(len(distinct))

    def __post_init__(self) -> None:
        object.__setattr__(self, "_tables", _tables(self.weights))
        object.__setattr__(self, "_vocab", _vocabulary(self._tables))  # type: ignore[attr-defined]
        object.__setattr__(self, "_delta_tables", _tables(self.delta) if self.delta else None)

    def score_tokens(self, toks: list[str], compound: float, cues: list
                     ) -> tuple[float, float]:
        """`score()` of a text already tokenized (`features.tokens`) with its cues found: the
        same features and the same sum, without building a string per feature."""
        # the same strings added in the same order as featurize_with_cues (so the set, and
        # the order its weights are summed in, is the same), looked up, not formatted
        others = set(map(_CUE_NAMES.__getitem__, map(_ASPECT, cues))) if cues else set()
        others.update(features.BUCKETS[compound])
        n_toks = len(toks)
        others.add(features.LENGTHS[n_toks] if n_toks < 80 else "L3")
        words = set(toks)
        vocab = self._vocab  # type: ignore[attr-defined]
        read = list(map(vocab.__getitem__, words))  # (unigram w, stem w, stem) of each word
        stems = set(map(_STEM, read))  # the same set as set(map(stem, words))
        pairs = set(map(" ".join, zip(toks, toks[1:], strict=False)))  # "a b", as trained
        n = len(words) + len(stems) + len(pairs) + len(others)
        _, _, b, o = self._tables  # type: ignore[attr-defined]
        # _dot(self._tables, ...): the same weights added in the same order, the unigram and
        # stem ones read from one entry per word (a stem is mostly the word itself)
        total = (sum(map(_UNIGRAM_W, read)) +
                 sum(map(_STEM_W, map(vocab.get, stems, repeat(_UNKNOWN)))) +
                 sum(map(b.get, pairs, repeat(0.0))) + sum(map(o.get, others, repeat(0.0))))
        if self._delta_tables is not None:  # type: ignore[attr-defined]
            total += _dot(self._delta_tables, words, stems, pairs,  # type: ignore[attr-defined]
                          others)
        mass = min(features.MAX_CUE_MASS, sum(map(_WEIGHT, cues))) if cues else 0
        k = self.cue_features  # cue_prior(mass, n), without a call on the hot path
        prior = self.cue_weight * mass if not k or n <= k else self.cue_prior(mass, n)
        z = self.bias + self.delta_bias + total / math.sqrt(n) + prior
        z = max(-MAX_LOGIT, min(MAX_LOGIT, z))
        return 1.0 / (1.0 + math.exp(-z)), mass

    def probability(self, text: str, compound: float) -> float:
        """P(the text is a complaint)."""
        return self.score(text, compound)[0]

    def score(self, text: str, compound: float, cues: list | None = None
              ) -> tuple[float, float]:
        """(P(the text is a complaint), the complaint cues' weight in it). The caller gives
        the compound of `features.judged(text)`, as triage does."""
        feats, cues = features.featurize_with_cues(features.judged(text), compound, cues)
        z = self.logit(feats) + self.cue_prior(cues, len(set(feats)))
        z = max(-MAX_LOGIT, min(MAX_LOGIT, z))
        return 1.0 / (1.0 + math.exp(-z)), cues

    def adapted(self, delta: dict[str, float], delta_bias: float, name: str) -> LinearModel:
        return LinearModel(self.bias, self.weights, self.threshold, delta, delta_bias, name,
                           self.cue_weight, self.cue_features)


_TABLES: dict[int, tuple[dict[str, float], tuple[Any, ...]]] = {}


def _tables(weights: dict[str, float]) -> tuple[Any, ...]:
    """The weights split by feature kind (unigrams, stems, bigram pairs, the rest), so a
    text's features are looked up without a string per feature. Built once per weights
    table: a business's adapted model shares the shipped model's."""
    hit = _TABLES.get(id(weights))
    if hit is not None and hit[0] is weights:
        return hit[1]
    words: dict[str, float] = {}
    stems: dict[str, float] = {}
    pairs: dict[str, float] = {}  # "a b": a string key hashes faster than a tuple
    others: dict[str, float] = {}
    for key, w in weights.items():
        kind, _, rest = key.partition(":")
        if kind == "u" and rest:
            words[rest] = w
        elif kind == "s" and rest:
            stems[rest] = w
        elif kind == "b" and rest.count(" ") == 1:
            pairs[rest] = w
        else:
            others[key] = w
    tables = (words, stems, pairs, others)
    if len(_TABLES) > 32:
        _TABLES.clear()
    _TABLES[id(weights)] = (weights, tables)
    return tables


_UNIGRAM_W, _STEM_W, _STEM = itemgetter(0), itemgetter(1), itemgetter(2)
_ASPECT, _WEIGHT = attrgetter("aspect"), attrgetter("weight")


class _CueNames(dict):  # type: ignore[type-arg]
    """A cue's aspect -> its feature ("C:wait_time"; "C:general" for none), made once."""

    __slots__ = ()

    def __missing__(self, aspect: str | None) -> str:
        name = self[aspect] = f"C:{aspect or 'general'}"
        return name


_CUE_NAMES = _CueNames()
_UNKNOWN = (0.0, 0.0, "")


class _Vocabulary(dict):  # type: ignore[type-arg]
    """Every key of the unigram and stem tables -> (its unigram weight, its weight as a
    stem, its stem): a word's two weights and its stem in one look-up, where there were
    three (the unigram table, stem()'s cache, the stem table), each a cache miss in tables
    this large. A word the model never saw has no weight and its stem is computed."""

    __slots__ = ()

    def __missing__(self, word: str) -> tuple[float, float, str]:
        return (0.0, 0.0, stem(word))  # not kept: the vocabulary stays the model's


_VOCABULARIES: dict[int, tuple[tuple[Any, ...], _Vocabulary]] = {}


def _vocabulary(tables: tuple[Any, ...]) -> _Vocabulary:
    """The vocabulary of a model's tables (built once per tables, like `_tables`)."""
    hit = _VOCABULARIES.get(id(tables))
    if hit is not None and hit[0] is tables:
        return hit[1]
    words, stems = tables[0], tables[1]
    plain_stem = stem.__wrapped__  # not through stem()'s cache: it is for texts' words
    vocab = _Vocabulary()
    for key in (*words, *(k for k in stems if k not in words)):
        vocab[key] = (words.get(key, 0.0), stems.get(key, 0.0), plain_stem(key))
    if len(_VOCABULARIES) > 32:
        _VOCABULARIES.clear()
    _VOCABULARIES[id(tables)] = (tables, vocab)
    return vocab


def _dot(tables: tuple[Any, ...], words: set[str], stems: set[str],
         pairs: set[str], others: set[str]) -> float:
    w, s, b, o = tables
    return (sum(map(w.get, words, repeat(0.0))) + sum(map(s.get, stems, repeat(0.0))) +
            sum(map(b.get, pairs, repeat(0.0))) + sum(map(o.get, others, repeat(0.0))))


@lru_cache(maxsize=4)
def load(path: Path = SHIPPED) -> LinearModel:
    """The model in a weights file (read once, then cached)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if data.get("format") != "reviewwatch-triage-linear/1":
        raise ValueError(f"{path}: not a reviewwatch triage model")
    return LinearModel(float(data["bias"]), {str(k): float(v) for k, v in data["weights"].items()},
                       float(data["threshold"]), cue_weight=float(data.get("cue_weight", 0.0)),
                       cue_features=int(data.get("cue_features", 0)))
