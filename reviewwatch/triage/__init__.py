"""Triage: is an item a complaint, what did the customer raise, and must a person handle it?

- The judgement is a trained linear model (`model.py`; trained by `train.py`, measured by
  leaving one domain out) over words, negation, complaint cues and VADER's compound. VADER's
  exact compound stays in the output as `vader`.
- The star rating, when there is one, dominates: <= 2 of 5 is negative whatever the words;
  the text finds the complaint hidden in a 3-5 star review.
- The text is split into clauses (`segment.py`), each scored by the same model. The negative
  ones are the **issues**: the aspect (from the business category's taxonomy), the whole
  clause verbatim, its polarity and severity. Positive clauses are the **praise**.
- The customer's **asks** (a refund, a callback, ...) and direct **questions** are found.
- **Routing flags** (`routing.py`) send an item to a person: safety, privacy, legal threats,
  billing disputes, bereavement, discrimination, ongoing disruption, another company,
  sarcasm, and a language the model does not cover.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Any

from reviewwatch.triage import aspects, features, routing, segment, taxonomy, vader
from reviewwatch.triage import model as linear
from reviewwatch.triage.aspects import find_cues
from reviewwatch.triage.gate import GateSet, GateUnion, necessary
from reviewwatch.triage.language import detect

NEGATIVE = -0.05  # VADER's own thresholds, for the plain-VADER baseline
POSITIVE = 0.05
MAX_SCORED_CHARS = 20_000  # the project's judgement reads this much; `vader` reads all
MAX_CLAUSES = 60  # clauses scored one by one; the rest count only in the whole-text score
MAX_EVIDENCE = 6
FEW_TERMS = 16  # a clause's taxonomy terms are found by bisection in a text with more
PRAISE_COMPOUND = 0.3  # a clause this positive to VADER, and not a complaint, is praise
PRAISE_MAX_P = 0.3
PRAISE_TERM_P = 0.15  # a praised thing is named back only when the praise is unmistakable
PRAISE_TERM_COMPOUND = 0.5
CLEAR_COMPLAINT = 0.8  # a clause this sure is a complaint even in a 4-5 star review
CONTEXT_CLAUSES = 4  # a text this short is about one thing: a bare complaint takes its aspect
WAITED_WEIGHT = 2.0  # the weight of a complaint cue that says how long a wait took
WAITED_FOR = frozenset({"food_quality", "drinks"})  # a meal's wait is the wait
SARCASM_PRAISE = 0.4  # praise-heavy words (VADER) on a 1-star rating read as sarcasm
SARCASM_MAX_P = 0.3  # ... when nothing in the text reads as a complaint
HIGH_SEVERITY_P = 0.9
SEVERE_FLAGS = ("safety", "discrimination", "legal", "privacy")
MODEL_LANGUAGES = ("en",)
THANKED_PLATFORMS = ("mastodon", "bluesky")
# A clause is a complaint at this probability at most: the text's threshold is chosen for
# whole texts, and a clause, with less to read, sits nearer the prior; 0.6 is where the
# clause reading was read and tuned (drafts' say-back, the issues a manager sees).
CLAUSE_P = 0.6
# A clause that only gives a reference: a word or two and an id with a digit in it
REFERENCE_MAX = 40
_REFERENCE = re.compile(r"^\W*(?:[A-Za-z]+\.?:?\s+){1,2}(?:no\.?\s*|#\s*)?[A-Za-z-]*\d[\w-]*\W*$")
HIDDEN_COMPLAINT_P = 0.45
LEANING_P = 0.5  # a clause this near the line, in a text that is a complaint, is one of its
LEANING_MAX_COMPOUND = 0.0  # ... complaints, unless VADER reads it as good
HIDDEN_COMPLAINT_CUES = 1.5
# Two sure cues or more read as a complaint though the words sound pleased ("the €60 cabin bag
# fee at the gate for a bag that fit your sizer perfectly - ... a nice little earner?")
STRONG_CUES = 3.0
STRONG_CUES_P = 0.15
STRONG_CUES_CHARS = 300  # (a post's length: a long review's cues are spread over its stay)
LEANING_CUED_P = 0.25
HIDDEN_COMPLAINT_VADER = -0.2  # on a 4-5 star review the words must plainly complain too
COMPLAINT_FLAGS = ("safety", "privacy", "legal", "discrimination", "billing_dispute", "ongoing")


def vader_compound(text: str) -> float:
    """Exactly vaderSentiment's compound for this text, in linear time."""
    return vader.compound(text)


def _joined(text: str, title: str | None) -> str:
    return f"{title}\n{text}" if title else text


def _stars(rating: float | None, rating_max: float) -> float | None:
    if rating is None or not rating_max:
        return None
    return max(0.0, min(5.0, float(rating) * 5.0 / float(rating_max)))


class _Reader:
    """One reading of a text shared by the whole-text score and every clause's: the words
    tokenized once, VADER's valences computed once, the taxonomy's terms found once, so the
    triage does one pass of each kind however many clauses the text has."""

    def __init__(self, body: str, lowered: str, spans: list[segment.Span],
                 tax: taxonomy.Taxonomy, doc_cues: list, compound: float | None):
        self.body, self.spans, self.tax, self.doc_cues = body, spans, tax, doc_cues
        self.aligned = len(lowered) == len(body)  # lower-casing kept every offset
        scored = spans[:MAX_CLAUSES]
        if len(scored) > 1:
            whole, self.compounds = vader.compounds(body, [(s.start, s.end) for s in scored])
            self.compound = whole if compound is None else compound
        else:  # one clause: it is the text, and reuses the text's compound
            self.compound = vader.compound(body) if compound is None else compound
            self.compounds = [self.compound] * len(scored)
        self.whole_only = len(scored) <= 1
        self.starts: list[int] = []
        if self.aligned and self.whole_only:
            # one clause: only the whole text's tokens are read, no offsets to share out
            self.raw = features.raw_tokens(lowered[:features.MAX_FEATURE_CHARS])
        elif self.aligned:
            self.raw, self.starts = features.token_spans(lowered)
        if self.aligned:
            self.negators = features.negator_positions(self.raw, lowered)  # once, for all
            self.terms = tax.terms_in(lowered)
            if len(self.terms) > FEW_TERMS:
                # the terms are in order and do not overlap: those within a clause are a run
                self.term_starts = [t[0] for t in self.terms]
                self.term_stops = [t[1] for t in self.terms]

    def doc_tokens(self) -> list[str]:
        if not self.aligned:
            return features.tokens(self.body)
        if self.whole_only:  # the tokens of the text's first MAX_FEATURE_CHARS
            return features.marked(self.raw, self.negators)
        end = bisect_left(self.starts, features.MAX_FEATURE_CHARS)
        return features.marked(self.raw[:end], self._negators_in(0, end))

    def clause_tokens(self, span: segment.Span) -> list[str]:
        if not self.aligned:
            return features.tokens(span.text)
        lo = bisect_left(self.starts, span.start)
        hi = bisect_left(self.starts, min(span.end, span.start + features.MAX_FEATURE_CHARS))
        return features.marked(self.raw[lo:hi], self._negators_in(lo, hi))

    def _negators_in(self, lo: int, hi: int) -> list[int]:
        """The negators among raw tokens lo..hi, as positions in that run."""
        negators = self.negators
        if not negators:
            return negators
        a, b = bisect_left(negators, lo), bisect_left(negators, hi)
        return [i - lo for i in negators[a:b]] if lo else negators[a:b]

    def _terms_within(self, span: segment.Span) -> list[tuple[int, int, str, str]]:
        """The terms that lie within the span (those `aspect_among(terms, start, end)` reads),
        found by bisection instead of a test per term of the text."""
        lo = bisect_left(self.term_starts, span.start)
        return self.terms[lo:max(lo, bisect_right(self.term_stops, span.end))]

    def aspect(self, span: segment.Span) -> tuple[str, str] | None:
        if not self.aligned:
            return self.tax.aspect_of(span.text)
        if len(self.terms) <= FEW_TERMS:
            return self.tax.aspect_among(self.terms, span.start, span.end)
        return self.tax.aspect_among(self._terms_within(span))

    def thing(self, span: segment.Span, aspect: str | None) -> str | None:
        if not aspect:
            return None
        if not self.aligned:
            return self.tax.thing_among(self.tax.terms_in(span.text.lower()), aspect)
        if len(self.terms) <= FEW_TERMS:
            return self.tax.thing_among(self.terms, aspect, span.start, span.end)
        return self.tax.thing_among(self._terms_within(span), aspect)


def _waited(reader: _Reader, doc_cues: list, lo: int, hi: int,
            found: tuple[str, str] | None) -> tuple[str, str] | None:
    """A clause that says how long it took ("Dinner took almost 4 hours") is about the wait,
    not the meal waited for, unless a word that is itself the complaint ("cold") named it.
    A wait for a team (support, delivery, the front desk) stays that team's."""
    tax = reader.tax
    if "wait_time" not in tax.aspects or (found and (
            found[0] not in WAITED_FOR or taxonomy.complaint_word(found[1]))):
        return found
    if any(c.aspect == "wait_time" and c.weight >= WAITED_WEIGHT for c in doc_cues[lo:hi]):
        return ("wait_time", "wait")
    return found


_PRONOUN_LED = re.compile(r"(?:it|they)\b(?: (?:was|were|tasted|came|looked|smelled))", re.I)
_JOINED_BEFORE = re.compile(r"(?:\band|,)\s*$", re.I)  # (in the same sentence)
_AFTER_CONTRAST = re.compile(r"\b(?:but|however|though|although|yet|except)\W*$", re.I)


def _aspect_from_context(readings: list[dict[str, Any]], text: str) -> None:
    """In a short text, a complaint that names no thing is about the thing the clause
    before it named ("My bag went to Phoenix and I went to Portland. No update in 2 days"):
    it takes that clause's aspect, unless that clause was praise."""
    last = None
    for r in readings:
        if r["aspect"]:
            last = r if r["polarity"] != "positive" else None
        elif r["polarity"] == "negative" and last is not None and not _AFTER_CONTRAST.search(
                text[max(0, r["start"] - 12):r["start"]]):
            r["aspect"], r["term"], r["thing"] = last["aspect"], last["term"], last["thing"]
        # ("The charger arrived on time, but it did not work": after "but", another thing)


def _clause_reading(reader: _Reader, m: linear.LinearModel, whole: tuple[float, float],
                    leaning: bool = False) -> list[dict[str, Any]]:
    """Each clause scored by the model; the text's cues are shared out by position, and a
    text that is one clause reuses its whole-text score.

    `leaning`: the whole text is a complaint (its words or at most two stars), so a clause
    near the line that VADER does not call good is read as one of its complaints ("the naan
    came after we finished the curry", "they gave us someone else's order"): in a complaint,
    a plain account of what happened is the complaint told."""
    out = []
    line = min(m.threshold, CLAUSE_P)
    spans, doc_cues = reader.spans, reader.doc_cues
    starts = [c.start for c in doc_cues] if len(spans) > 1 else []
    for k, span in enumerate(spans[:MAX_CLAUSES]):
        compound = reader.compounds[k]
        lo, hi = (0, len(doc_cues)) if len(spans) == 1 else (
            bisect_left(starts, span.start), bisect_left(starts, span.end))
        if len(spans) == 1:
            p, cues = whole
        else:
            # the clause's share of the text's cues; the model reads only their aspect and
            # weight, so they keep their offsets in the text (no copy per cue)
            p, cues = m.score_tokens(reader.clause_tokens(span), compound, doc_cues[lo:hi])
        found = _waited(reader, doc_cues, lo, hi, reader.aspect(span))
        if not cues and not compound and len(span.text) <= REFERENCE_MAX and \
                _REFERENCE.match(span.text):
            polarity = "neutral"  # "Claim 4471.", "Order #12345": a reference, no complaint
        elif p >= line or (p >= HIDDEN_COMPLAINT_P and cues >= HIDDEN_COMPLAINT_CUES) or (
                leaning and p >= LEANING_P and compound <= LEANING_MAX_COMPOUND) or (
                leaning and cues >= HIDDEN_COMPLAINT_CUES and p >= LEANING_CUED_P):
            # (in a complaint, a clause with a sure cue is one of its complaints though VADER
            # likes a word of it: "it was too much sweet like dessert")
            polarity = "negative"  # near the line, a named failure ("crashes") is a complaint
        elif compound >= PRAISE_COMPOUND and p < PRAISE_MAX_P:
            polarity = "positive"
        else:
            polarity = "neutral"
        out.append({"clause": span.text, "start": span.start, "p": p, "polarity": polarity,
                    "aspect": found[0] if found else None, "term": found[1] if found else None,
                    "thing": reader.thing(span, found[0]) if found else None,
                    "cues": cues, "compound": compound})
    return out


def _hidden_complaint(reading: dict[str, Any], threshold: float) -> bool:
    """A clause of a 4-5 star review that is a complaint: the model is sure and the words
    agree (negative to VADER, or a named failure); "gentle instead of naggy" is praise."""
    if reading["cues"] >= HIDDEN_COMPLAINT_CUES and reading["p"] >= HIDDEN_COMPLAINT_P:
        return True
    return reading["p"] >= CLEAR_COMPLAINT and reading["compound"] <= HIDDEN_COMPLAINT_VADER


def _severity(p: float, flagged: bool) -> str:
    if flagged or p >= HIGH_SEVERITY_P:
        return "high"
    return "medium" if p >= CLEAR_COMPLAINT else "low"


# A last sentence that is one word of praise, after the text's complaint
_LONE_PRAISE = re.compile(r"[.!?]['\u2019\"]?\s+(?:just |simply |really |truly |absolutely )?"
                          r"(?:wonderful|great|fantastic|brilliant|perfect|lovely|amazing|awesome|"
                          r"superb|excellent|splendid|marvell?ous|fabulous|stellar|cool|"
                          r"(?:a |an )?"
                          r"(?:world[- ]class|first[- ]class|premium|top[- ]notch|5[- ]star|"
                          r"five[- ]star)(?: experience| service| stuff| airline| product)?)"
                          r"[.!\s\U0001F44F\U0001F643\U0001F644]*$", re.I)


_WOW_PRAISE = re.compile(r"^\W*(?:[@#][\w.]+\s+)*(?:wow,? (?:just |really |truly )?(?:amazing|"
                         r"great|fantastic|brilliant|wonderful|superb|excellent|awesome|"
                         r"stellar)\b|"
                         r"(?:oh )?(?:great|perfect|brilliant|fantastic|wonderful|lovely|"
                         r"awesome),\s)",  # ("great, gate changed three times ...")
                         re.I)


# Praise VADER has no word for ("shoutout to Maria at the desk, she fixed my itinerary")
_THANKS = re.compile(r"\b(?:shout ?outs?|kudos|props to|hats off|big thanks|huge thanks|"
                     r"above and beyond|life ?saver|saved the day|saved my (?:day|trip|life))\b",
                     re.I)


# A customer who says they have no complaint ("Nothing special ... but I have no real
# complaints"): a lukewarm text near the line is not a complaint to apologise for
_CONTENT = re.compile(r"\b(?:(?:have|had|got) no (?:real |major |big |other )?(?:complaints?|"
                      r"issues|problems)|no (?:real |major )?complaints?(?: here| so far)?|"
                      r"can'?t complain|nothing to complain about)\b", re.I)


# Thanks said plainly, with no complaint cue beside it ("the pilot kept us informed the whole
# delay, really appreciated that"): near the line, gratitude is not a complaint
_GRATEFUL = re.compile(r"\b(?:(?:really|much|so|truly|greatly|very much) appreciated|"
                       r"appreciated (?:that|it|the|how)|thank you (?:so much )?(?:for|to)\b|"
                       r"(?:thank you|thanks),? (?-i:[A-Z][a-z]+)\W*$)",  # "thank you Maria!"
                       re.I)


# The routing flags', sarcasm's, the asks', the complaint cues' and the three phrase
# patterns' gates above, answered in one pass over the lower-cased text instead of six;
# the cues read only its first MAX_FEATURE_CHARS. A phrase pattern whose gate stays shut
# cannot match and is not run.
_PHRASES = (_THANKS, _CONTENT, _GRATEFUL)
_GATES = GateUnion([*routing.GATES, *aspects.GATES,
                    GateSet([necessary(p) for p in _PHRASES])])
_GATE_LIMITS = (None, None, None, features.MAX_FEATURE_CHARS, features.MAX_FEATURE_CHARS, None)
# The only non-ASCII characters re.IGNORECASE matches to ASCII letters (İ ı ſ K): in a text
# with one, a case-blind match need not be in the lower-cased text, so the gates are not read.
_CASE_TWINS = ("\u0130", "\u0131", "\u017f", "\u212a")


def _phrase(k: int, body: str, opened: dict[int, Any] | None) -> bool:
    """Whether phrase pattern k of `_PHRASES` occurs in the text (`opened`: its gates, or
    None to search anyway)."""
    return (opened is None or k in opened) and bool(_PHRASES[k].search(body))


def _label(p_doc: float, threshold: float, readings: list[dict[str, Any]], compound: float,
           stars: float | None, sarcastic: bool, thanked: bool = False,
           content: bool = False) -> str:
    negative_text = (p_doc >= threshold and not (content and p_doc < CLEAR_COMPLAINT)) or \
        sarcastic
    complaints = [r for r in readings if r["polarity"] == "negative"]
    praise = [r for r in readings if r["polarity"] == "positive"]
    if stars is not None:
        if stars <= 2:
            return "negative"
        if stars < 4:
            return "negative" if negative_text else "mixed"
        # a happy rating hides a complaint when a clause is clearly one, or names a failure
        clear = any(_hidden_complaint(r, threshold) for r in complaints)
        return "mixed" if negative_text or clear else "positive"
    if negative_text:
        return "mixed" if praise and len(complaints) == 1 and len(readings) > 1 and \
            p_doc < CLEAR_COMPLAINT and not sarcastic else "negative"  # (its praise is mock)
    if complaints and (praise or compound >= POSITIVE):
        return "mixed"
    if compound >= POSITIVE or praise or thanked:
        return "positive"
    return "neutral"


def triage(text: str, *, title: str | None = None, rating: float | None = None,
           rating_max: float = 5, language: str | None = None, kind: str = "review",
           category: str | None = None, aspects: dict[str, Any] | None = None,
           competitors: tuple[str, ...] = (), names: tuple[str, ...] = (),
           platform: str | None = None, model: linear.LinearModel | None = None
           ) -> dict[str, Any]:
    """The triage of one review or mention (the `triage` object of the JSON Lines contract).

    `category` and `aspects` pick the business's taxonomy, `competitors` and `names` tell
    another company from the business itself, and `model` is the business's adapted model.
    """
    text = text or ""
    full = _joined(text, title)
    lang = (language or detect(full)).lower().split("-")[0]
    stars = _stars(rating, rating_max)
    m = model or linear.load()
    read_as = category or taxonomy.category_for(platform)
    tax = taxonomy.build(read_as, aspects)
    body = full[:MAX_SCORED_CHARS]
    lowered = body.lower()  # the splitter and the routing gates read it; lower-case once
    spans = segment.clauses(body, lowered)
    gates = _GATES.open_at(lowered, _GATE_LIMITS)
    phrases = None if not body.isascii() and any(ch in body for ch in _CASE_TWINS) else \
        gates[5]
    flags = routing.flags_in(body, spans, lowered, live=kind == "mention", gates=gates)
    sarcasm = routing.sarcasm_in(body, spans, lowered, gates)
    supported = lang in MODEL_LANGUAGES
    if supported:
        doc_cues = find_cues(lowered[:features.MAX_FEATURE_CHARS], gates[3:5]) \
            if len(lowered) == len(body) else find_cues(body[:features.MAX_FEATURE_CHARS].lower())
        # the whole text's exact compound comes with the clauses' when the body is all of it;
        # the model and the label read the text with @handles blanked (same offsets), and
        # the contract's `vader` stays vaderSentiment's compound of the text as written
        seen = features.judged(body, names)
        reader = _Reader(seen, lowered if seen is body else features.judged(lowered, names),
                         spans, tax, doc_cues, None if len(full) <= MAX_SCORED_CHARS else
                         vader_compound(features.judged(full, names)))
        compound = reader.compound
        exact = compound if seen is body and len(full) <= MAX_SCORED_CHARS else \
            vader_compound(full)
        p_doc, cues = m.score_tokens(reader.doc_tokens(), compound, doc_cues)
        readings = _clause_reading(reader, m, (p_doc, cues), leaning=p_doc >= m.threshold or (
            stars is not None and stars <= 2))
    else:  # no words judged in a language the model does not read; the stars still count
        compound = exact = vader_compound(full)
        p_doc, cues, readings, flags = 0.0, 0.0, [], []
    if supported and sarcasm is None and stars is not None and stars <= 1.5 and \
            compound >= SARCASM_PRAISE and p_doc < SARCASM_MAX_P and not any(
                r["polarity"] == "negative" for r in readings):
        sarcasm = spans[0].text if spans else full  # praise words on a one-star rating
    if supported and sarcasm is None and len(spans) > 1 and (stars is None or stars <= 3):
        # a complaint closed on a lone word of praise ("The crew shrugged and said 'ask other
        # passengers'. Wonderful."), or opened on one ("Wow, amazing service! Waited 40 mins")
        closing = _LONE_PRAISE.search(body)
        opening = _WOW_PRAISE.match(body)
        rest = readings[:-1] if closing else readings[1:]
        if (closing or opening) and (p_doc >= HIDDEN_COMPLAINT_P or any(
                r["polarity"] == "negative" for r in rest)):
            sarcasm = spans[-1].text if closing else spans[0].text
    if sarcasm:
        flags.append(routing.Flag("sarcasm", "sarcasm", sarcasm))
    other = routing.other_company(body, competitors, names, lowered)
    if other and routing.ORDERED_DIRECT.search(body):
        other = None  # "they said talk to Swiggy. But I ordered on your number only": ours
    if other:
        flags.append(routing.Flag("other_company", f"about another company ({other})", other))
    if not supported:
        flags.append(routing.Flag("language", f"a language the model does not cover ({lang})",
                                  ""))
    grateful = not sarcasm and cues < 1.0 and _phrase(2, body, phrases)
    label = _label(p_doc, m.threshold, readings, compound, stars, bool(sarcasm),
                   _phrase(0, body, phrases), _phrase(1, body, phrases) or grateful)
    if grateful and stars is None and label == "mixed" and compound > 0 and \
            p_doc < CLEAR_COMPLAINT:
        label = "positive"  # thanks for how a delay was handled is thanks, not a complaint
    if stars is None and label in ("neutral", "positive") and (
            p_doc >= HIDDEN_COMPLAINT_P and cues >= HIDDEN_COMPLAINT_CUES or
            p_doc >= STRONG_CUES_P and cues >= STRONG_CUES and len(body) <= STRONG_CUES_CHARS
            and not any(f.flag in COMPLAINT_FLAGS for f in flags)):
        # near the line, with a plain complaint cue: answer it, don't ignore it; with nothing
        # good said beside it ("the app crashes every time I open it") it is a complaint
        praised = compound >= POSITIVE or any(r["polarity"] == "positive" for r in readings)
        label = "mixed" if praised else "negative"
    if label in ("neutral", "positive") and (stars is None or stars < 4) and any(
            f.flag in COMPLAINT_FLAGS for f in flags):
        label = "negative"  # a legal threat or a safety worry is a complaint, calm words or not
    flag_dicts = []
    for f in flags:
        found = tax.aspect_of(f.clause) if f.clause else None
        flag_dicts.append({**f.as_dict(), "aspect": found[0] if found else None,
                           "about": tax.about_term(found[0], found[1]) if found else None,
                           "team": tax.team(found[0]) if found else None})
    flagged_clauses = {f.clause for f in flags} if flags else ()
    if len(readings) <= CONTEXT_CLAUSES:
        _aspect_from_context(readings, body)
    else:  # a longer text: only a pronoun's thing, named in the clause just before it ("We
        # ordered butter chicken and | it was too much sweet like dessert")
        for before, r in zip(readings, readings[1:], strict=False):
            if r["aspect"] is None and r["polarity"] == "negative" and before["aspect"] and \
                    before["polarity"] != "positive" and _PRONOUN_LED.match(r["clause"]) and \
                    _JOINED_BEFORE.search(body[max(0, r["start"] - 12):r["start"]]):
                r["aspect"], r["term"], r["thing"] = before["aspect"], before["term"], \
                    before["thing"]
    # the complaints, surest first: sorted once for the issues and the 4-5 star filter
    complaints = sorted((r for r in readings if r["polarity"] == "negative"),
                        key=lambda r: (-r["p"], r["start"])) if readings else []
    issues = [{"aspect": r["aspect"], "aspect_name": tax.name(r["aspect"]) if r["aspect"]
               else None, "clause": r["clause"], "polarity": "negative",
               "severity": _severity(r["p"], r["clause"] in flagged_clauses),
               "team": tax.team(r["aspect"]) if r["aspect"] else None,
               "about": tax.about_term(r["aspect"], r["thing"]) if r["aspect"] else None}
              for r in complaints]
    if stars is not None and stars >= 4:  # on a happy review only a clear complaint is one
        issues = [i for i, r in zip(issues, complaints, strict=True)
                  if _hidden_complaint(r, m.threshold)]
    if label in ("negative", "mixed") and not issues and readings and supported:
        # the stars say negative; name the worst, a clause with a complaint cue first ("the
        # wifi keeps dropping every evening" before "I have to unplug it to get it back")
        worst = max(readings, key=lambda r: (r["cues"] > 0 and r["polarity"] != "positive",
                                             r["p"]))
        issues.append({"aspect": worst["aspect"], "aspect_name": tax.name(worst["aspect"])
                       if worst["aspect"] else None, "clause": worst["clause"],
                       "polarity": "negative", "severity": "low", "inferred": True,
                       "team": tax.team(worst["aspect"]) if worst["aspect"] else None,
                       "about": tax.about_term(worst["aspect"], worst["thing"])
                       if worst["aspect"] else None})
    praise = [{"aspect": r["aspect"], "clause": r["clause"], "polarity": "positive",
               "about": tax.about(r["aspect"]) if r["aspect"] else None,
               "term": r["term"] if r["p"] < PRAISE_TERM_P and r["compound"] >=
               PRAISE_TERM_COMPOUND else None}
              for r in readings if r["polarity"] == "positive"]
    score = round(1.0 - 2.0 * p_doc, 4) if supported else 0.0
    if stars is not None:
        score = round(0.5 * score + 0.5 * (stars - 3) / 2, 4) if supported else \
            round((stars - 3) / 2, 4)
    severe = next((f.flag for f in flags if f.flag in SEVERE_FLAGS), None)
    if label == "negative":
        priority = "urgent" if severe else "high"
    elif label == "mixed":
        priority = "urgent" if severe else "normal"
    else:
        priority = "low"
    questions = routing.questions_in(text)
    if kind == "mention":
        # praise posted to the brand on a social network gets a thank-you too; praise in a
        # forum thread (HN, Reddit) and a neutral mention do not
        needs_reply = label in ("negative", "mixed") or bool(questions) or any(
            f.flag not in ("language",) for f in flags) or (
            label == "positive" and platform in THANKED_PLATFORMS)
    else:
        needs_reply = bool(text.strip() or title) or label in ("negative", "mixed")
    issue_aspects = list(dict.fromkeys(i["aspect"] for i in issues if i["aspect"])) if \
        issues else []
    result: dict[str, Any] = {
        "label": label, "score": score, "vader": exact, "aspects": issue_aspects,
        "evidence": [i["clause"] for i in issues][:MAX_EVIDENCE], "language": lang,
        "needs_reply": needs_reply, "needs_human": bool(flags), "priority": priority,
        "p_negative": round(p_doc, 4), "model": m.name, "issues": issues[:MAX_EVIDENCE],
        "praise": praise[:MAX_EVIDENCE], "asks": routing.asks_in(body, spans, lowered, gates),
        "questions": questions, "flags": flag_dicts,
        "category": read_as}
    if flags:
        result["needs_human_reason"] = "; ".join(dict.fromkeys(f.reason for f in flags))
    if severe:
        result["severity"] = severe
    if questions:
        result["question"] = True
    return result


def tax_category(category: str | None, platform: str | None) -> str | None:
    """The taxonomy category an item was read with."""
    return category or taxonomy.category_for(platform)
