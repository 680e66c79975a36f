"""The features the triage model reads: the same function at training and at run time.

A text becomes a bag of short strings: word unigrams and bigrams, lower-cased, with the
words in the scope of a negation ("not", "never", "n't", "no", "hardly", ...) marked, so
"not good" and "good" are different features, and a few bucketed VADER features. The
model is linear over these, so scoring is a tokenization, dictionary look-ups and a sum:
linear in the text's length, and no scikit-learn at run time.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from itertools import compress, count, repeat
from operator import or_

MAX_FEATURE_CHARS = 5_000  # the model reads this much of a text; long texts say it early
NEGATION_SCOPE = 3  # words after a negator that it flips, at most (to the next punctuation)
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[!?]|[.,;:()]")
_NEGATORS = frozenset(
    "not no never nothing nobody none neither nor cannot cant can't won't wont don't dont "
    "didn't didnt doesn't doesnt isn't isnt wasn't wasnt aren't arent weren't werent "
    "couldn't couldnt shouldn't shouldnt wouldn't wouldnt haven't havent hasn't hasnt "
    "hadn't hadnt without hardly barely ain't".split())
_BREAKS = frozenset(".,;:()!?")
_CONTRAST = frozenset({"but", "however", "although", "though", "yet"})


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens with negation scope marked by a leading '~'."""
    return mark_negation(_TOKEN.findall(text[:MAX_FEATURE_CHARS].lower()))


_DROPPED = frozenset(".,;:()")  # breaks that end a negation's scope and are not features


def raw_tokens(lowered: str) -> list[str]:
    """The raw tokens of a lower-cased text (`mark_negation` makes them `tokens()`)."""
    return _TOKEN.findall(lowered)


def token_spans(lowered: str) -> tuple[list[str], list[int]]:
    """The raw tokens of a lower-cased text and where each starts, read once for a whole
    text; `mark_negation` turns a run of them (the text, or one clause) into `tokens()`."""
    # one pass of the regex; the tokens and their starts are read off its matches in C
    found = list(_TOKEN.finditer(lowered))
    return list(map(_GROUP, found)), list(map(_START, found))


_GROUP, _START = re.Match.group, re.Match.start


def negator_positions(raw: list[str], lowered: str | None = None) -> list[int]:
    """Where the negators are in a run of raw tokens ("not", "never", any "...n't"), in
    order. (Set membership and `str.endswith` mapped over the run: the scan runs in C.)
    `lowered` is the text the tokens were read from, when the caller has it: without "n't"
    in it, only the negator words need looking for, and most texts have none."""
    if lowered is not None and "n't" not in lowered:
        if _NEGATORS.isdisjoint(raw):
            return []
        return list(compress(count(), map(_NEGATORS.__contains__, raw)))
    return list(compress(count(), map(or_, map(_NEGATORS.__contains__, raw),
                                      map(str.endswith, raw, repeat("n't")))))


def mark_negation(raw: list[str], may_negate: bool = True) -> list[str]:
    """`tokens()` of a run of raw tokens: breaks dropped (but ! and ?), negation marked.
    `may_negate=False` says no negator is in the run."""
    return marked(raw, negator_positions(raw) if may_negate else [])


_ENDS_SCOPE = _BREAKS | _CONTRAST | _NEGATORS  # (and any "...n't")


def marked(raw: list[str], negators: list[int]) -> list[str]:
    """`mark_negation(raw)` given where the run's negators are (`negator_positions`).

    Each negator becomes "NOT" and marks the next NEGATION_SCOPE tokens "~", stopping at a
    break, a contrast word or the next negator (which starts its own scope): the same as a
    token-by-token walk with a scope counter, but only the few tokens near a negator are
    touched; the rest is one list comprehension."""
    if not negators:
        return [t for t in raw if t not in _DROPPED]
    out = list(raw)
    n = len(raw)
    for i in negators:
        out[i] = "NOT"
        for j in range(i + 1, min(n, i + 1 + NEGATION_SCOPE)):
            tok = raw[j]
            if tok in _ENDS_SCOPE or tok.endswith("n't"):
                break
            out[j] = "~" + tok
    return [t for t in out if t not in _DROPPED]


def length_feature(n: int) -> str:
    """The text's length in tokens, as one of four indicator features."""
    return "L0" if n < 6 else "L1" if n < 20 else "L2" if n < 80 else "L3"


def vader_buckets(compound: float) -> list[str]:
    """VADER's compound as a few indicator features (the model learns how much each means)."""
    k = max(-4, min(4, int(math.floor(compound * 4.5))))
    return [_V_NAMES[k + 4], "VNEG" if compound <= -0.05 else "VPOS" if compound >= 0.05 else
            "VNEU"]


_V_NAMES = tuple(f"V{k}" for k in range(-4, 5))
# The same features looked up instead of computed, for the model's hot path: a length's
# feature for each length under 80 tokens (longer is "L3"), and the buckets of each compound
# seen (a compound is rounded to 4 places: at most 20,001 of them).
LENGTHS = tuple(length_feature(n) for n in range(80))


class _Buckets(dict):  # type: ignore[type-arg]
    __slots__ = ()

    def __missing__(self, compound: float) -> tuple[str, str]:
        found = self[compound] = tuple(vader_buckets(compound))
        return found


BUCKETS: dict[float, tuple[str, str]] = _Buckets()

_SUFFIXES = ("ing", "ed", "es", "s", "ly")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix strip, so 'reboots', 'rebooting' and 'rebooted' share a feature."""
    for suffix in _SUFFIXES:
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return word[:-len(suffix)]
    return word


# An @handle is whom a post is addressed to, not what the customer says: "@united" is a
# positive word to VADER, and "@united my bag is lost" read as praise. Handles are blanked
# (same length, so every offset holds) before a text is judged; the `vader` field of the
# contract still reads the text as it is.
_HANDLE = re.compile(r"(?<![\w@])@\w+(?:\.\w+)*")


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group())


@lru_cache(maxsize=256)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    words = sorted({n.strip().lstrip("@") for n in names if len(n.strip().lstrip("@")) >= 3},
                   key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"(?<![\w@])(?:" + "|".join(map(re.escape, words)) + r")(?!\w)", re.I)


def judged(text: str, names: tuple[str, ...] = ()) -> str:
    """The text as the model and the label read it: @handles blanked to spaces, and the
    business's own names ("Best Buy lost my order", "United lost my bag": the name is not
    praise)."""
    if "@" in text:
        text = _HANDLE.sub(_blank, text)
    pattern = _names_pattern(names) if names else None
    return pattern.sub(_blank, text) if pattern is not None else text


def featurize(text: str, compound: float) -> list[str]:
    """The feature strings of one text, given its VADER compound."""
    return featurize_with_cues(text, compound)[0]


MAX_CUE_MASS = 4.0


def featurize_with_cues(text: str, compound: float, cues: list | None = None
                        ) -> tuple[list[str], float]:
    """The feature strings, and the complaint cues' total weight (capped), in one pass.

    `cues` are the text's complaint cues when the caller found them already (a clause's
    share of its whole text's cues), so the cue patterns read each text once."""
    from reviewwatch.triage.aspects import find_cues

    if cues is None:
        cues = find_cues(text[:MAX_FEATURE_CHARS].lower())
    toks = tokens(text)
    feats = [f"u:{t}" for t in toks]
    feats.extend(f"s:{stem(t)}" for t in toks)
    feats.extend(f"b:{a} {b}" for a, b in zip(toks, toks[1:], strict=False))
    # the hand-written complaint cues ("waited 45 minutes", "charged twice") generalize
    # across businesses where words seen in training do not
    feats.extend(f"C:{cue.aspect or 'general'}" for cue in cues)
    feats.extend(vader_buckets(compound))
    feats.append(length_feature(len(toks)))
    return feats, min(MAX_CUE_MASS, sum(c.weight for c in cues))
