"""Triage: is an item negative, what is it about, and does it need a reply?

The base is VADER (exact compound, linear time, see `vader.py`). On top of it:
- complaint cues for service failures that carry no sentiment words (`aspects.py`);
- a negativity weight: in reviews, polite positive words ("nice", "ok") often wrap a
  complaint, so the negative side of the text counts for more than the positive side;
- contrast: a clear positive and a clear complaint together make an item mixed;
- the star rating, when there is one: <= 2 of 5 is negative whatever the words, and a
  4-5 star review with a clear complaint is mixed and needs a reply;
- language: the lexicons are English; other languages are not scored from words, and are
  marked `needs_human`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Any

from reviewwatch.triage import vader
from reviewwatch.triage.aspects import SEVERE, find_cues
from reviewwatch.triage.language import detect

NEGATIVE = -0.05  # VADER's own thresholds, for the plain-VADER baseline
POSITIVE = 0.05
MAX_SCORED_CHARS = 20_000  # the project's judgement reads this much; `vader` reads all
NEGATIVITY_WEIGHT = 1.6  # how much a negative word outweighs a positive one in a review
HEDGE_WEIGHT = 0.6  # a negated positive ("not great") is a hedge, weaker than a negative word
NEGATIVE_AT = -0.08  # the score at or below which an item is negative
POSITIVE_AT = 0.2
MIXED_SIDE = 1.5  # valence mass each side needs before an item can be mixed
SCORE_ALPHA = 4.0  # damps the score of short texts with little evidence
HEADLINE_WEIGHT = 2.0
CLAUSE_MARGIN = 0.5  # valence by which one side must win for a clause to count as that side
CLAUSE_BLEND = 0.5
CONTRAST_MAX_CLAUSES = 3  # "X but Y" contrast decides short texts; long ones are weighed
MAX_EVIDENCE = 6
_QUESTION = re.compile(r"\?|^(?:how|what|why|when|where|who|is|are|does|do|can|could|"
                       r"should|anyone|any)\b", re.MULTILINE)
_CONTRAST = re.compile(r"\b(?:but|however|although|though|yet|except)\b", re.IGNORECASE)
# Words VADER rates positive that, in a review, name a thing rather than praise it
# ("support never answered", "felt like a prison").
NEUTRAL_IN_REVIEWS = frozenset({"support", "like", "care", "help", "please", "credit", "share",
                                "shared"})
_CLAUSE = re.compile(r"[^.,;:!?\n]+")


def vader_compound(text: str) -> float:
    """Exactly vaderSentiment's compound for this text, in linear time."""
    return vader.compound(text)


def _joined(text: str, title: str | None) -> str:
    return f"{title}\n{text}" if title else text


def text_judgement(text: str, title: str | None = None) -> dict[str, Any]:
    """The words-only judgement: score in -1..1, aspects, evidence, and each side's mass.

    The text is read clause by clause. Each clause's VADER valences and complaint cues
    give its positive and negative mass; the headline (the title, or the opening clause
    when there is none) counts double, because that is where people state their verdict.
    The score blends the balance of mass with the balance of negative and positive clauses,
    so one long paragraph of polite padding cannot outvote three separate complaints.
    """
    body = text[:MAX_SCORED_CHARS]
    clauses = [(m.start(), m.group(0)) for m in _CLAUSE.finditer(body) if m.group(0).strip()]
    if title:
        clauses.insert(0, (-1, title[:MAX_SCORED_CHARS]))
    lexicon = vader.lexicons()[0]
    cues = find_cues(body.lower())
    starts = [c.start for c in cues]
    positive = against = complaint = 0.0
    neg_clauses = pos_clauses = 0.0
    neg_count = 0
    worst: tuple[float, list[str], list[float]] | None = None
    for k, (offset, clause) in enumerate(clauses):
        _, words, valences = vader.word_valences(clause)
        valences = [0 if w.lower() in NEUTRAL_IN_REVIEWS else v
                    for w, v in zip(words, valences, strict=True)]
        if offset < 0:
            mine = find_cues(clause.lower())
        else:
            lo = bisect_left(starts, offset)
            hi = bisect_left(starts, offset + len(clause))
            mine = cues[lo:hi]
        weight = HEADLINE_WEIGHT if k == 0 else 1.0
        p = sum(v for v in valences if v > 0)
        c = sum(cue.weight for cue in mine)
        n = c
        for w, v in zip(words, valences, strict=True):
            if v < 0:  # "not great" hedges; "awful" condemns: a negated positive counts less
                n -= v * (HEDGE_WEIGHT if lexicon.get(w.lower(), 0.0) > 0 else NEGATIVITY_WEIGHT)
        positive += p * weight
        against += n * weight
        complaint += c
        if n - p > CLAUSE_MARGIN:
            neg_clauses += weight
            neg_count += 1
            if worst is None or n - p > worst[0]:
                worst = (n - p, words, valences)
        elif p - n > CLAUSE_MARGIN:
            pos_clauses += weight
    mass = (positive - against) / (positive + against + SCORE_ALPHA)
    balance = (pos_clauses - neg_clauses) / (pos_clauses + neg_clauses + 1)
    score = (mass + CLAUSE_BLEND * balance) / (1 + CLAUSE_BLEND)
    if title:
        cues = find_cues(title.lower()) + cues
    aspects: list[str] = []
    evidence: list[str] = []
    for cue in cues:
        if cue.aspect and cue.aspect not in aspects:
            aspects.append(cue.aspect)
            evidence.append(_phrase(cue))
    for cue in cues:  # aspect-less complaints go after the aspects' own evidence
        if cue.aspect is None and len(evidence) < MAX_EVIDENCE:
            phrase = _phrase(cue)
            if phrase not in evidence:
                evidence.append(phrase)
    if not aspects:
        named = _named_complaint(f"{title}. {body}" if title else body) or \
            (_gist(worst[1], worst[2]) if worst else None)
        if named and named not in evidence:
            evidence.insert(0, named)
    return {"score": round(max(-1.0, min(1.0, score)), 4), "positive": positive,
            "against": against, "complaint": complaint, "aspects": aspects,
            "evidence": evidence[:MAX_EVIDENCE], "negative_clauses": neg_count,
            "clauses": len(clauses),
            "contrast": bool(_CONTRAST.search(body))}


_STOPWORD_TEXT = (
    "the a an and or but of to in on at for with was were is are it this that my our we i "
    "they he she you me us them so very really just too as be been had have has not n't no "
    "did does do could would should will all any some one two there here then than when")
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_TOKEN = re.compile(r"[a-z][a-z'-]+")
NAMED_MIN_VALENCE = -1.0
_ADJECTIVE_ENDINGS = ("ible", "able", "ful", "ous", "ive", "less", "ing", "ed", "ent", "ant",
                      "al", "ic", "ish", "y", "ad", "ak", "or", "st", "ull", "ude", "ow")
# Things a customer complains about, across shops, restaurants, hotels and apps.
_THINGS_TEXT = (
    "service staff food meal room rooms hotel location price prices value breakfast dinner "
    "lunch bed beds bathroom shower toilet pool view wifi internet parking elevator lift lobby "
    "reception desk check-in checkout experience stay visit place restaurant bar drinks coffee "
    "menu table order delivery package product quality item items support app update version "
    "account screen feature features design interface notifications login subscription price "
    "manager owner waiter waitress server driver management housekeeping carpet furniture "
    "decor air conditioning heating noise smell street neighborhood area website booking "
    "reservation payment bill charge fees refund customer communication attitude wait line "
    "queue music atmosphere portions pizza burger steak chicken fish pasta salad dessert "
    "tea beer wine cocktail sandwich fries bread rice soup sauce phone battery camera")
_THINGS = frozenset(_THINGS_TEXT.split())


GIST_WORDS = 6  # short enough to say back without quoting the review at length


def _gist(words: list[str], valences: list[float]) -> str | None:
    """A few words around the most negative word of the most negative clause."""
    if not words:
        return None
    i = min(range(len(words)), key=lambda k: valences[k])
    start = max(0, min(i - 2, len(words) - GIST_WORDS))
    gist = " ".join(words[start:start + GIST_WORDS]).strip(" ,;:-").lower()
    return gist or None


def _named_complaint(text: str) -> str | None:
    """A 'bad thing' pair such as 'terrible service' or 'room tiny' -> 'tiny room'."""
    from reviewwatch.triage.aspects import PLAIN_COMPLAINTS

    lexicon = vader.lexicons()[0]

    def bad(word: str) -> bool:  # adjective-like words only: "complain desk" says nothing
        return word in PLAIN_COMPLAINTS or (lexicon.get(word, 0.0) <= NAMED_MIN_VALENCE and
                                            word.endswith(_ADJECTIVE_ENDINGS))

    def thing(word: str) -> bool:
        return word in _THINGS or (word.endswith("s") and word[:-1] in _THINGS)

    words = _TOKEN.findall(text[:MAX_SCORED_CHARS].lower())
    for first, second in zip(words, words[1:], strict=False):
        if bad(first) and thing(second):
            return f"{first} {second}"
        if thing(first) and bad(second) and not second.endswith("ly"):
            return f"{second} {first}"
    return None


def _phrase(cue: Any) -> str:
    """The cue's words, tidied to one short line."""
    return " ".join(cue.phrase.split())[:80]


def _label_from_text(j: dict[str, Any]) -> str:
    score = j["score"]
    praise = j["positive"] >= MIXED_SIDE
    if score <= NEGATIVE_AT:
        # One complaint amid clear praise ("great food but the service was awful") is mixed.
        contrast = j["contrast"] and j["clauses"] <= CONTRAST_MAX_CLAUSES
        return "mixed" if praise and contrast and j["negative_clauses"] <= 1 else "negative"
    if score >= POSITIVE_AT:
        return "mixed" if j["complaint"] >= MIXED_SIDE else "positive"
    if praise and j["against"] >= MIXED_SIDE:
        return "mixed"
    return "mixed" if j["complaint"] > 0 and j["positive"] > 0 else "neutral"


def _label_with_rating(label: str, stars: float, complaint: float) -> str:
    if stars <= 2:
        return "negative"
    if stars < 4:  # 3 stars: lukewarm at best
        return "negative" if label == "negative" else "mixed"
    if label == "negative" or complaint >= 1.5:
        return "mixed"
    return "positive" if label in ("positive", "neutral") else label


def triage(text: str, *, title: str | None = None, rating: float | None = None,
           rating_max: float = 5, language: str | None = None,
           kind: str = "review") -> dict[str, Any]:
    """The triage of one review or mention (the `triage` object of the JSON Lines contract)."""
    text = text or ""
    full = _joined(text, title)
    result: dict[str, Any] = {"vader": vader_compound(full)}
    lang = (language or detect(full)).lower().split("-")[0]
    stars = None
    if rating is not None and rating_max:
        stars = max(0.0, min(5.0, float(rating) * 5.0 / float(rating_max)))
    needs_human = lang != "en"
    if needs_human:
        j = {"score": 0.0, "complaint": 0.0, "aspects": [], "evidence": []}
        label = "neutral" if stars is None else \
            "negative" if stars <= 2 else "mixed" if stars < 4 else "positive"
        score = 0.0 if stars is None else round((stars - 3) / 2, 4)
    else:
        j = text_judgement(text, title)
        label = _label_from_text(j)
        score = j["score"]
        if stars is not None:
            label = _label_with_rating(label, stars, j["complaint"])
            score = round(0.5 * score + 0.5 * (stars - 3) / 2, 4)
    severe = next((a for a in j["aspects"] if a in SEVERE), None)
    if label == "negative":
        priority = "urgent" if severe else "high"
    elif label == "mixed":
        priority = "urgent" if severe else "normal"
    else:
        priority = "low"
    question = bool(_QUESTION.search(text[:2000]))
    if kind == "mention":
        needs_reply = label in ("negative", "mixed") or question
    else:
        needs_reply = bool(text.strip() or title) or label in ("negative", "mixed")
    result.update({"label": label, "score": score, "aspects": j["aspects"],
                   "evidence": j["evidence"], "language": lang, "needs_reply": needs_reply,
                   "needs_human": needs_human, "priority": priority})
    if severe:
        result["severity"] = severe
    if question:
        result["question"] = True
    return result
