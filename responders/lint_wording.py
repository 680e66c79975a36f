"""Linter rules for how a reply is written (issue: replies a manager would send as written).

Each rule is one defect a customer-care manager found in machine drafts: a pasted or
fragment quote, a duplicated phrase, a word wrong for the business, a contact pasted where
a sentence can't hold it, an over-promise, a boilerplate "root cause", letter format on a
social channel, and choppy two- or three-word sentences. They run on drafts and staff edits
alike, and each is linear in the reply's length.
"""

from __future__ import annotations

import re
from typing import Any

from responders.lintscan import Pattern, Text

SOCIAL = frozenset({"mastodon", "bluesky", "reddit", "hackernews", "rss"})
_DISTANCING = Pattern(r"\bwhat you (?:described|called|referred to|termed) as\b", ("what you ",))
_QUOTED = re.compile(r"[\u201c\"]([^\u201d\"]{2,300})[\u201d\"]")
_CONTACT_SLOT = Pattern(
    r"\b(?:contact|reach|email|e-mail|call|message|write to)\s+(?:me|us)\s+(?:directly\s+)?"
    r"(?:at|on|via)\s+(?:dm|send|email|e-mail|call|message|reach|contact|please|write)\b"
    r"|\b(?:at|on|via)\s+(?:dm us|send us|email us|call us|message us)\b"
    r"|\bplease\s+please\b|\bplease\s+(?:you can|feel free)\b",
    ("contact", "reach", "mail", "call", "message", "write", "dm us", "send us", "please"))
_OVERPROMISE = Pattern(
    r"\b(?:i'?ll|i will|we'?ll|we will|i'?m going to|we'?re going to)\s+(?:definitely\s+)?"
    r"(?:fix (?:it|this|that|the)|make sure (?:this|it) never|ensure (?:this|it) never|"
    r"solve (?:it|this)|sort (?:it|this) out for good|get (?:you )?(?:a |your )?(?:refund|"
    r"replacement|voucher))|\bthis will never happen again\b|\bi (?:promise|guarantee)\b|"
    r"\bwe guarantee\b|\bit won'?t happen again\b",
    ("fix ", "make sure", "ensure", "solve", "sort", "get ", "happen again", "promise",
     "guarantee"))
_BOILERPLATE = Pattern(
    r"\broot cause\b|\bat (?:its|the) source\b|\bfixing the cause in\b|"
    r"\bfind the cause and fix it\b|\bso it doesn'?t happen again\b",
    ("cause", "source", "happen again"))
_LETTER_OPEN = re.compile(r"^\s*(?:dear|to whom)\b", re.I)
_LETTER_CLOSE = re.compile(r"^\s*(?:warmly|sincerely|kind regards|best regards|regards|yours "
                           r"(?:truly|sincerely)|best wishes|warm regards),?\s*$", re.I | re.M)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]")
_CHOPPY = re.compile(r"^\s*(?:i(?:'m| am)? (?:sorry|apologi[sz]e|understand)|i'?d be "
                     r"frustrated too|that'?s not okay|we apologi[sz]e|so sorry|my apologies)"
                     r"[.!]\s*$", re.I)
_CHOPPY_NEEDS = ("sorry", "apologi", "understand", "frustrated too", "not okay")
_WORD = re.compile(r"[a-z0-9']+")
# Words that only fit some kinds of business: (pattern, the categories it fits).
# Words that only fit some kinds of business: (pattern, the categories it fits).
_FIT = (
    (Pattern(r"\byour (?:visit|meal|table|dinner|lunch)\b|\bwelcome you back\b|\bdin(?:e|ing) "
             r"with us\b", ("your ", "welcome you back", "with us")),
     {"restaurant", "hotel", "clinic", "service", None}),
    (Pattern(r"\byour (?:stay|room)\b|\bnext stay\b", ("stay", "room")), {"hotel", None}),
    (Pattern(r"\byour (?:flight|trip|booking code|boarding)\b|\bon board\b",
             ("your ", "on board")), {"airline", None}),
    (Pattern(r"\border[- ]pacing\b|\bthe kitchen\b|\byour food\b",
             ("pacing", "the kitchen", "your food")), {"restaurant", "hotel", None}),
    (Pattern(r"\bthe app\b|\bthis release\b|\bnext update\b",
             ("the app", "this release", "next update")), {"app", "product", None}),
)


def _finding(rule: str, message: str, severity: str = "error") -> dict[str, str]:
    return {"rule": rule, "message": message, "severity": severity}


def _clauses_of(review: str) -> list[str]:
    from reviewwatch.triage.segment import clauses

    return [" ".join(c.text.split()).strip(" .,!;:").lower() for c in clauses(review)]


def _not_a_clause(quote: str, review: str, whole: list[str] | None
                  ) -> tuple[bool, list[str] | None]:
    """Whether a normalized quote is no whole clause of the review (and the clauses, if read).

    A clause is a span of the review, so a quote that is not even in the review's text
    (spaces collapsed, lower-cased) is no clause, without segmenting the review. Lower-casing
    is character by character except for a capital sigma, whose lower case depends on the
    next character: a review with one is always segmented.
    """
    if "\u03a3" not in review and quote not in " ".join(review.split()).lower():
        return True, whole
    whole = whole if whole is not None else _clauses_of(review)
    return quote not in whole, whole


def wording(text: str | Text, *, review: str, business: Any, platform: str | None
            ) -> list[dict[str, str]]:
    """The wording findings for one reply."""
    reply = text if isinstance(text, Text) else Text(text)
    text = reply.raw
    found: list[dict[str, str]] = []
    if m := _DISTANCING.search(reply):
        found.append(_finding("distancing_quote", f'distances itself from the customer: '
                                                  f'"{m}"'))
    whole = None
    if '"' in text or "\u201c" in text:
        for q in _QUOTED.finditer(text):
            quote = " ".join(q.group(1).split()).strip(" .,!;:").lower()
            fragment = "http" in quote
            if not fragment:
                fragment, whole = _not_a_clause(quote, review, whole)
            if fragment:
                found.append(_finding("fragment_quote", f'quotes "{q.group(1)[:60]}", which is '
                                                        "not a whole clause of the review"))
                break
    found += _repeated(reply.low)
    category = getattr(business, "category", None)
    for pattern, fits in _FIT:
        if category in fits:  # the words fit this business: no need to look for them
            continue
        if (m := pattern.search(reply)) and str(m).lower() not in (review or "").lower():
            # (the customer's own word said back fits: "barely hear it in the kitchen")
            found.append(_finding("wrong_word", f'"{m}" does not fit a {category} business'))
            break
    if m := _CONTACT_SLOT.search(reply):
        found.append(_finding("broken_contact", f'the contact does not fit its sentence: '
                                                f'"{m}"'))
    if m := _OVERPROMISE.search(reply):
        found.append(_finding("over_promise", f'promises what nobody can know yet: "{m}"'))
    if m := _BOILERPLATE.search(reply):
        found.append(_finding("boilerplate", f'boilerplate instead of an honest hand-off: '
                                             f'"{m}"'))
    if platform in SOCIAL and (_LETTER_OPEN.search(text) or _LETTER_CLOSE.search(text)):
        found.append(_finding("letter_format", "letter format (Dear ... / Warmly) on a social "
                                               "channel"))
    if reply.has(*_CHOPPY_NEEDS):
        for sentence in _SENTENCE.findall(text):
            if _CHOPPY.match(sentence):
                found.append(_finding("choppy", f'a bare stock sentence: "{sentence.strip()}"'))
                break
    return found


_FUNCTION_WORDS = frozenset(
    "i i'm i'll i've i'd you you're your we we're we'll our us me my it it's this that the a "
    "an and or but so to of in on at for with from by as is are was were be been have has had "
    "do did not no can will would could should".split())


def _repeated(lowered: str) -> list[dict[str, str]]:
    """The same three words twice ("make this right ... make this right"), the signature apart;
    runs of function words alone ("and I'm") do not count. Takes the lower-cased reply."""
    body = lowered.rsplit("\n\n", 1)[0] if "\n\n" in lowered else lowered
    words = _WORD.findall(body)
    grams = list(zip(words, words[1:], words[2:], strict=False))
    if len(set(grams)) == len(grams):  # no three words come twice: nothing to weigh
        return []
    content = [w not in _FUNCTION_WORDS for w in words]
    seen: set[tuple[str, str, str]] = set()
    for i, gram in enumerate(grams):
        if content[i] + content[i + 1] + content[i + 2] < 2:
            continue
        if gram in seen:
            return [_finding("repeated_phrase", f'repeats "{" ".join(gram)}"')]
        seen.add(gram)
    return []
