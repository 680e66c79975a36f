"""VADER's polarity scores in linear time, identical to vaderSentiment 3.3.2.

vaderSentiment's `polarity_scores` is quadratic in the number of words: `_negation_check`
and `_special_idioms_check` lower-case the whole word list again for every word, and
`_but_check` calls `list.index` for every sentiment. A 100 KB post takes seconds. This
module keeps every rule and every quirk, including `_but_check` scaling the *first* entry
equal to each value rather than the entry itself, and gives the same floats in the same
order, so the compound is bit-for-bit the package's. The lexicons are read from the
installed package once, and the package's own constant tables are reused.
"""

from __future__ import annotations

import heapq
import math
import re
from bisect import bisect_left
from functools import lru_cache
from importlib.resources import files
from itertools import compress
from string import punctuation

from vaderSentiment import vaderSentiment as _vs

B_INCR, C_INCR, N_SCALAR = _vs.B_INCR, _vs.C_INCR, _vs.N_SCALAR
BOOSTERS: dict[str, float] = _vs.BOOSTER_DICT
SPECIAL_CASES: dict[str, float] = _vs.SPECIAL_CASES
NEGATE = frozenset(_vs.NEGATE)


@lru_cache(maxsize=1)
def lexicons() -> tuple[dict[str, float], dict[str, str]]:
    """(word -> valence, emoji -> description), read once from the installed package."""
    pkg = files("vaderSentiment")
    lexicon: dict[str, float] = {}
    for line in pkg.joinpath("vader_lexicon.txt").read_text("utf-8").rstrip("\n").split("\n"):
        if line:
            word, measure = line.strip().split("\t")[0:2]
            lexicon[word] = float(measure)
    emojis: dict[str, str] = {}
    for line in pkg.joinpath("emoji_utf8_lexicon.txt").read_text("utf-8").rstrip("\n") \
            .split("\n"):
        emoji, description = line.strip().split("\t")[0:2]
        emojis[emoji] = description
    return lexicon, emojis


@lru_cache(maxsize=1)
def _lexicon_words() -> frozenset[str]:
    """The lexicon's words as a set, for the membership test of every word of a text: a
    set's entry holds the hash, so a word not in it (most are not) is told apart without
    reading a key string, where a string-keyed dict reads the key of each slot it probes."""
    return frozenset(lexicons()[0])


_WORDS = re.compile(r"\S+")  # str.split()'s tokens (same whitespace), with their offsets
_START = re.Match.start


def replace_emoji(text: str) -> str:
    """The text with each emoji replaced by its description, as vaderSentiment does."""
    if text.isascii():  # every emoji is outside ASCII: nothing to replace
        return text.strip()
    _, emojis = lexicons()
    out: list[str] = []
    prev_space = True
    for ch in text:
        if ch in emojis:
            if not prev_space:
                out.append(" ")
            out.append(emojis[ch])
            prev_space = False
        else:
            out.append(ch)
            prev_space = ch == " "
    return "".join(out).strip()


def tokens(text: str) -> list[str]:
    """VADER's words and emoticons for a text (emoji already replaced)."""
    # vaderSentiment's _strip_punc_if_word, inline (a call per word was a fifth of the time)
    return [s if len(s := t.strip(punctuation)) > 2 else t for t in text.split()]


def word_valences(text: str) -> tuple[str, list[str], list[float]]:
    """(emoji-free text, tokens, per-token valence after every rule incl. 'but')."""
    text = replace_emoji(text)
    words = tokens(text)
    lower = list(map(str.lower, words))
    return text, words, _but_check(lower, _valences(words, lower))


# Every multi-word phrase _special_idioms_check looks up, as its set of words: a text that
# has all the words of none of them cannot match any, and skips the check.
_IDIOMS = tuple(frozenset(k.split()) for k in (*SPECIAL_CASES, *BOOSTERS) if " " in k)
# one word of each (its longest): a text with none of them has no idiom's words all present
_IDIOM_ANCHORS = frozenset(max(sorted(words), key=len) for words in _IDIOMS)


def _may_have_idioms(lower: list[str]) -> bool:
    if _IDIOM_ANCHORS.isdisjoint(lower):
        return False
    present = set(lower)
    return any(words <= present for words in _IDIOMS)


def _valences(words: list[str], lower: list[str]) -> list[float]:
    """Each token's valence after every rule but the 'but' rule.

    vaderSentiment's sentiment_valence, _scalar_inc_dec, _negation_check and _least_check,
    written out in one loop (the same operations on the same floats, in the same order):
    seven calls per sentiment word were half of the time."""
    lexicon, _ = lexicons()
    n = len(words)
    upper = list(map(str.isupper, words))
    caps = sum(upper)
    is_cap_diff = 0 < n - caps < n
    in_lex = list(map(_lexicon_words().__contains__, lower))
    idioms = _may_have_idioms(lower)
    # A word not in the lexicon, a booster and the "kind" of "kind of" are 0 (an int, as in
    # the package); only the lexicon's words get a valence, so only they are visited.
    sentiments: list[float] = [0] * n
    last = n - 1
    for i in compress(range(n), in_lex):
        item_lower = lower[i]
        if item_lower in BOOSTERS:
            continue
        if i < last and item_lower == "kind" and lower[i + 1] == "of":
            continue
        valence = lexicon[item_lower]
        if item_lower == "no" and i != last and in_lex[i + 1]:
            valence = 0.0
        if (i > 0 and lower[i - 1] == "no") or (i > 1 and lower[i - 2] == "no") or (
                i > 2 and lower[i - 3] == "no" and lower[i - 1] in ("or", "nor")):
            valence = lexicon[item_lower] * N_SCALAR
        if upper[i] and is_cap_diff:
            valence = valence + C_INCR if valence > 0 else valence - C_INCR
        for start_i in (0, 1, 2):
            if i <= start_i:
                break
            j = i - (start_i + 1)
            if in_lex[j]:
                continue
            # _scalar_inc_dec: a booster before the word, scaled by its distance
            s = 0.0
            word_lower = lower[j]
            if word_lower in BOOSTERS:
                s = BOOSTERS[word_lower]
                if valence < 0:
                    s *= -1
                if upper[j] and is_cap_diff:
                    s = s + C_INCR if valence > 0 else s - C_INCR
                if start_i == 1 and s != 0:
                    s = s * 0.95
                if start_i == 2 and s != 0:
                    s = s * 0.9
            valence = valence + s
            # _negation_check
            if start_i == 0:
                w1 = lower[i - 1]
                if w1 in NEGATE or "n't" in w1:
                    valence = valence * N_SCALAR
            elif start_i == 1:
                w2, w1 = lower[i - 2], lower[i - 1]
                if w2 == "never" and w1 in ("so", "this"):
                    valence = valence * 1.25
                elif w2 == "without" and w1 == "doubt":
                    pass
                elif w2 in NEGATE or "n't" in w2:
                    valence = valence * N_SCALAR
            else:
                w3, w2, w1 = lower[i - 3], lower[i - 2], lower[i - 1]
                if (w3 == "never" and w2 in ("so", "this")) or w1 in ("so", "this"):
                    valence = valence * 1.25
                elif w3 == "without" and (w2 == "doubt" or w1 == "doubt"):
                    pass
                elif w3 in NEGATE or "n't" in w3:
                    valence = valence * N_SCALAR
                if idioms:
                    valence = _special_idioms_check(valence, lower, i)
        # _least_check
        if i > 1 and not in_lex[i - 1] and lower[i - 1] == "least":
            if lower[i - 2] != "at" and lower[i - 2] != "very":
                valence = valence * N_SCALAR
        elif i > 0 and not in_lex[i - 1] and lower[i - 1] == "least":
            valence = valence * N_SCALAR
        sentiments[i] = valence
    return sentiments


def _special_idioms_check(valence: float, lower: list[str], i: int) -> float:
    w3, w2, w1, w0 = lower[i - 3], lower[i - 2], lower[i - 1], lower[i]
    onezero, twoonezero, twoone = f"{w1} {w0}", f"{w2} {w1} {w0}", f"{w2} {w1}"
    threetwoone, threetwo = f"{w3} {w2} {w1}", f"{w3} {w2}"
    for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
        if seq in SPECIAL_CASES:
            valence = SPECIAL_CASES[seq]
            break
    n = len(lower)
    if n - 1 > i:
        zeroone = f"{w0} {lower[i + 1]}"
        if zeroone in SPECIAL_CASES:
            valence = SPECIAL_CASES[zeroone]
    if n - 1 > i + 1:
        zeroonetwo = f"{w0} {lower[i + 1]} {lower[i + 2]}"
        if zeroonetwo in SPECIAL_CASES:
            valence = SPECIAL_CASES[zeroonetwo]
    for n_gram in (threetwoone, threetwo, twoone):
        if n_gram in BOOSTERS:
            valence = valence + BOOSTERS[n_gram]
    return valence


def _but_check(lower: list[str], sentiments: list[float]) -> list[float]:
    """vaderSentiment's 'but' rule with its list.index quirk, in O(n log n).

    The package walks the list and, for each value, rescales the FIRST entry equal to it
    (which may be an earlier, already rescaled one). A heap of positions per value finds
    that first entry without a scan.
    """
    if "but" not in lower:  # (a test in C; raising ValueError cost more than the scan)
        return sentiments
    bi = lower.index("but")
    # Only the non-zero entries are visited: a zero rescales the first zero to 0.0, the same
    # value (0 * 0.5 == 0), and a non-zero value never becomes zero nor equals a zero, so
    # the zeros (most words: not in the lexicon) change nothing and take no part.
    nonzero = list(compress(range(len(sentiments)), sentiments))
    where: dict[float, list[int]] = {}
    for idx in nonzero:
        where.setdefault(sentiments[idx], []).append(idx)  # ascending already: a valid heap
    for k in nonzero:
        value = sentiments[k]
        heap = where[value]
        while sentiments[heap[0]] != value:  # drop positions whose value has changed
            heapq.heappop(heap)
        si = heap[0]
        if si == bi:
            continue
        new = value * 0.5 if si < bi else value * 1.5
        sentiments[si] = new
        if new != value:
            heapq.heappop(heap)
            heapq.heappush(where.setdefault(new, []), si)
    return sentiments


def _punctuation_emphasis(text: str) -> float:
    ep = min(text.count("!"), 4) * 0.292
    qm_count = text.count("?")
    qm = 0.0
    if qm_count > 1:
        qm = qm_count * 0.18 if qm_count <= 3 else 0.96
    return ep + qm


def polarity_scores(text: str) -> dict[str, float]:
    """{'neg', 'neu', 'pos', 'compound'} exactly as SentimentIntensityAnalyzer gives them."""
    text, _, sentiments = word_valences(text)
    return score_valence(sentiments, text)


def score_valence(sentiments: list[float], text: str) -> dict[str, float]:
    """vaderSentiment's score_valence."""
    if not sentiments:
        return {"neg": 0.0, "neu": 0.0, "pos": 0.0, "compound": 0.0}
    sum_s = float(sum(sentiments))
    amp = _punctuation_emphasis(text)
    if sum_s > 0:
        sum_s += amp
    elif sum_s < 0:
        sum_s -= amp
    compound = _normalize(sum_s)
    pos_sum = neg_sum = 0.0
    neu_count = 0
    for s in sentiments:
        if s > 0:
            pos_sum += float(s) + 1
        if s < 0:
            neg_sum += float(s) - 1
        if s == 0:
            neu_count += 1
    if pos_sum > math.fabs(neg_sum):
        pos_sum += amp
    elif pos_sum < math.fabs(neg_sum):
        neg_sum -= amp
    total = pos_sum + math.fabs(neg_sum) + neu_count
    return {"neg": round(math.fabs(neg_sum / total), 3),
            "neu": round(math.fabs(neu_count / total), 3),
            "pos": round(math.fabs(pos_sum / total), 3), "compound": round(compound, 4)}


def _normalize(score: float, alpha: float = 15) -> float:
    norm = score / math.sqrt((score * score) + alpha)
    return max(-1.0, min(1.0, norm))


def compound(text: str) -> float:
    """VADER's compound score for a text (polarity_scores' compound, without the rest)."""
    text, _, sentiments = word_valences(text)
    return _compound_of(sentiments, text)


def _compound_of(sentiments: list[float], text: str) -> float:
    """score_valence's compound alone (_punctuation_emphasis and _normalize written out)."""
    if not sentiments:
        return 0.0
    sum_s = float(sum(sentiments))
    if not sum_s:
        return 0.0  # round(_normalize(0.0), 4): the emphasis is added to a non-zero sum only
    ep = min(text.count("!"), 4) * 0.292
    qm_count = text.count("?")
    qm = 0.0
    if qm_count > 1:
        qm = qm_count * 0.18 if qm_count <= 3 else 0.96
    amp = ep + qm
    if sum_s > 0:
        sum_s += amp
    else:
        sum_s -= amp
    norm = sum_s / math.sqrt((sum_s * sum_s) + 15)
    return round(max(-1.0, min(1.0, norm)), 4)


def compounds(text: str, spans: list[tuple[int, int]]) -> tuple[float, list[float]]:
    """(the text's exact compound, a compound for each (start, end) span of it), in one
    pass over the words.

    A span's compound sums its own words' valences, with the 'but' rule and the punctuation
    emphasis applied within the span, as if it were scored alone; a word's valence still
    sees the words before it in the text (a negation or booster just before the span). A
    text with emoji, whose description changes the offsets, scores each span on its own."""
    if not text.isascii():
        return compound(text), [compound(text[a:b]) for a, b in spans]
    stripped = text.strip()
    shift = len(text) - len(text.lstrip())
    words = tokens(stripped)  # the \\S+ runs, as str.split() gives them
    starts = list(map(_START, _WORDS.finditer(stripped)))  # where each starts in `stripped`
    lower = list(map(str.lower, words))
    raw = _valences(words, lower)
    whole = _compound_of(_but_check(lower, list(raw)), stripped)
    out = []
    for a, b in spans:
        i, j = bisect_left(starts, a - shift), bisect_left(starts, b - shift)
        out.append(_compound_of(_but_check(lower[i:j], raw[i:j]), text[a:b]))
    return whole, out
