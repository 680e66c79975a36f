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

SOCIAL = frozenset({"mastodon", "bluesky", "reddit", "hackernews", "rss"})
_DISTANCING = re.compile(r"\bwhat you (?:described|called|referred to|termed) as\b", re.I)
_QUOTED = re.compile(r"[\u201c\"]([^\u201d\"]{2,300})[\u201d\"]")
_CONTACT_SLOT = re.compile(
    r"\b(?:contact|reach|email|e-mail|call|message|write to)\s+(?:me|us)\s+(?:directly\s+)?"
    r"(?:at|on|via)\s+(?:dm|send|email|e-mail|call|message|reach|contact|please|write)\b"
    r"|\b(?:at|on|via)\s+(?:dm us|send us|email us|call us|message us)\b"
    r"|\bplease\s+please\b|\bplease\s+(?:you can|feel free)\b", re.I)
_OVERPROMISE = re.compile(
    r"\b(?:i'?ll|i will|we'?ll|we will|i'?m going to|we'?re going to)\s+(?:definitely\s+)?"
    r"(?:fix (?:it|this|that|the)|make sure (?:this|it) never|ensure (?:this|it) never|"
    r"solve (?:it|this)|sort (?:it|this) out for good|get (?:you )?(?:a |your )?(?:refund|"
    r"replacement|voucher))|\bthis will never happen again\b|\bi (?:promise|guarantee)\b|"
    r"\bwe guarantee\b|\bit won'?t happen again\b", re.I)
_BOILERPLATE = re.compile(
    r"\broot cause\b|\bat (?:its|the) source\b|\bfixing the cause in\b|"
    r"\bfind the cause and fix it\b|\bso it doesn'?t happen again\b", re.I)
_LETTER_OPEN = re.compile(r"^\s*(?:dear|to whom)\b", re.I)
_LETTER_CLOSE = re.compile(r"^\s*(?:warmly|sincerely|kind regards|best regards|regards|yours "
                           r"(?:truly|sincerely)|best wishes|warm regards),?\s*$", re.I | re.M)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]")
_CHOPPY = re.compile(r"^\s*(?:i(?:'m| am)? (?:sorry|apologi[sz]e|understand)|i'?d be "
                     r"frustrated too|that'?s not okay|we apologi[sz]e|so sorry|my apologies)"
                     r"[.!]\s*$", re.I)
_WORD = re.compile(r"[a-z0-9']+")
# Words that only fit some kinds of business: (pattern, the categories it fits).
_FIT = (
    (re.compile(r"\byour (?:visit|meal|table|dinner|lunch)\b|\bwelcome you back\b|\bdin(?:e|ing) "
                r"with us\b", re.I), {"restaurant", "hotel", "clinic", "service", None}),
    (re.compile(r"\byour (?:stay|room)\b|\bnext stay\b", re.I), {"hotel", None}),
    (re.compile(r"\byour (?:flight|trip|booking code|boarding)\b|\bon board\b", re.I),
     {"airline", None}),
    (re.compile(r"\border[- ]pacing\b|\bthe kitchen\b|\byour food\b", re.I),
     {"restaurant", "hotel", None}),
    (re.compile(r"\bthe app\b|\bthis release\b|\bnext update\b", re.I), {"app", "product",
                                                                        None}),
)


def _finding(rule: str, message: str, severity: str = "error") -> dict[str, str]:
    return {"rule": rule, "message": message, "severity": severity}


def _clauses_of(review: str) -> list[str]:
    from reviewwatch.triage.segment import clauses

    return [" ".join(c.text.split()).strip(" .,!;:").lower() for c in clauses(review)]


def wording(text: str, *, review: str, business: Any, platform: str | None
            ) -> list[dict[str, str]]:
    """The wording findings for one reply."""
    found: list[dict[str, str]] = []
    if m := _DISTANCING.search(text):
        found.append(_finding("distancing_quote", f'distances itself from the customer: '
                                                  f'"{m.group(0)}"'))
    whole = None
    for m in _QUOTED.finditer(text):
        quote = " ".join(m.group(1).split()).strip(" .,!;:").lower()
        whole = whole if whole is not None else _clauses_of(review)
        if quote not in whole or "http" in quote:
            found.append(_finding("fragment_quote", f'quotes "{m.group(1)[:60]}", which is not '
                                                    "a whole clause of the review"))
            break
    found += _repeated(text)
    category = getattr(business, "category", None)
    for pattern, fits in _FIT:
        m = pattern.search(text)
        if m and category not in fits:
            found.append(_finding("wrong_word", f'"{m.group(0)}" does not fit a {category} '
                                                "business"))
            break
    if m := _CONTACT_SLOT.search(text):
        found.append(_finding("broken_contact", f'the contact does not fit its sentence: '
                                                f'"{m.group(0)}"'))
    if m := _OVERPROMISE.search(text):
        found.append(_finding("over_promise", f'promises what nobody can know yet: '
                                              f'"{m.group(0)}"'))
    if m := _BOILERPLATE.search(text):
        found.append(_finding("boilerplate", f'boilerplate instead of an honest hand-off: '
                                             f'"{m.group(0)}"'))
    if platform in SOCIAL and (_LETTER_OPEN.search(text) or _LETTER_CLOSE.search(text)):
        found.append(_finding("letter_format", "letter format (Dear ... / Warmly) on a social "
                                               "channel"))
    for sentence in _SENTENCE.findall(text):
        if _CHOPPY.match(sentence):
            found.append(_finding("choppy", f'a bare stock sentence: "{sentence.strip()}"'))
            break
    return found


_FUNCTION_WORDS = frozenset(
    "i i'm i'll i've i'd you you're your we we're we'll our us me my it it's this that the a "
    "an and or but so to of in on at for with from by as is are was were be been have has had "
    "do did not no can will would could should".split())


def _repeated(text: str) -> list[dict[str, str]]:
    """The same three words twice ("make this right ... make this right"), the signature apart;
    runs of function words alone ("and I'm") do not count."""
    body = text.rsplit("\n\n", 1)[0] if "\n\n" in text else text
    words = _WORD.findall(body.lower())
    seen: set[tuple[str, ...]] = set()
    for i in range(len(words) - 2):
        gram = tuple(words[i:i + 3])
        if sum(w not in _FUNCTION_WORDS for w in gram) < 2:
            continue
        if gram in seen:
            return [_finding("repeated_phrase", f'repeats "{" ".join(gram)}"')]
        seen.add(gram)
    return []
