"""The reply linter as it was before issue 13 made it fast: the oracle for its findings.

`responders/lint.py` and `lint_wording.py` now search the lower-cased reply, skip a rule
whose literals are absent, and segment a review only when a quote is in it. This is the
plain form they were written from, kept unchanged (the two modules in one), so that
tests/test_lint_fast.py can check that the fast linter finds exactly what this one finds.
Do not edit it to follow a rule change: change the rule in both, or retire the oracle.
"""

from __future__ import annotations

import re
from typing import Any

from responders.fit import limit_for, measure

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
        if m and category not in fits and m.group(0).lower() not in review.lower():
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


FIVE_MOVES = ("hear", "empathize", "apologize", "resolve", "diagnose")
QUOTE_WORDS = 16  # this many words copied in a row is quoting at length, not saying back
_DEFENSIVE = re.compile(
    r"\b(?:actually|you should have|you should've|our policy clearly|you failed to|as (?:clearly )?"
    r"stated|you must have|if you had|to be fair|in our defen[cs]e|that'?s not true|you claim|"
    r"you didn'?t bother|contrary to your|you were (?:rude|wrong|mistaken)|"
    r"(?:our|the) (?:waiter|waitress|server|staff member|employee|driver|technician) "
    r"(?:was|is) (?:to blame|at fault|new|lazy|incompetent))\b", re.I)
_REMOVAL = re.compile(
    r"\b(?:remove|delete|take down|withdraw|change|update|edit|revise|amend|reconsider|raise|"
    r"improve)\b(?:\s+\w+){0,3}?\s+(?:your|the|this)\s+(?:review|rating|stars?|post|comment)"
    r"|\b(?:review|rating)\s+(?:be\s+)?(?:removed|deleted|changed|updated)\b", re.I)
_OFFER = re.compile(
    r"\b(?:refund(?:ed)?|free|complimentary|discount(?:ed)?|voucher|coupon|credit|gift card|"
    r"on the house|\d+\s?% off|money back|reimburse\w*|compensat\w*|comp(?:ed)?)\b", re.I)
# An offer is the word in a giving context ("I'd like to offer you a refund", "a free
# night"); "the trouble getting your refund" only names the topic.
_OFFER_CONTEXT = re.compile(r"\b(?:offer(?:s|ing)?|give|send|provide|issue|process|like to|"
                            r"happy to|we'?ll|i'?ll|we will|i will|we can|i can|enjoy|receive|"
                            r"get you|here'?s)\b[^.!?]{0,40}$", re.I)
_NOT_AN_OFFER = re.compile(r"\b(?:feel free|free to|hands-free|free of charge to contact)\b",
                           re.I)
_LIABILITY = re.compile(
    r"\b(?:we are (?:legally )?liable|we(?:'re| are) (?:fully )?responsible for your "
    r"(?:illness|injury|injuries|losses|damages)|our (?:negligence|fault that)|negligen\w*|"
    r"we admit (?:fault|liability)|we accept (?:full )?(?:legal )?(?:liability|responsibility "
    r"for your (?:illness|injury))|caused your (?:illness|injury|food poisoning))\b", re.I)
_CONDITIONAL = re.compile(r"\b(?:sorry|apologi[sz]e\w*)\b[^.!?]{0,20}\b(?:if|but)\b", re.I)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<!\w)\+?\d[\d\s().-]{7,}\d(?!\w)")
_ORDER = re.compile(r"(?:order|booking|reservation|ticket|case|confirmation|invoice|account)"
                    r"\s*(?:number|no\.?|#|id)?\s*[:#]?\s*((?=[A-Z-]*\d)[A-Z0-9][A-Z0-9-]{4,})",
                    re.I)
_PLACEHOLDER = re.compile(r"\{[a-z_]*\}|\[(?:name|first name|customer|business|contact|"
                          r"insert[^\]]*)\]|<(?:name|contact)>|\bTODO\b|\bXXX+\b|\bTBD\b", re.I)
_WORD = re.compile(r"[a-z0-9']+")


def _finding(rule: str, message: str, severity: str = "error") -> dict[str, str]:
    return {"rule": rule, "message": message, "severity": severity}


def lint_reply(text: str, *, item: dict[str, Any] | None = None, business: Any = None,
               platform: str | None = None, limit: int | None = None,
               parts: list[dict[str, str]] | None = None,
               label: str | None = None) -> list[dict[str, str]]:
    """Every problem with a reply, for the given review, business and platform."""
    item = item or {}
    findings = []
    review = f"{item.get('title') or ''}\n{item.get('text') or ''}"
    if m := _DEFENSIVE.search(text):
        findings.append(_finding("defensive", f'defensive or blaming wording: "{m.group(0)}"'))
    if m := _CONDITIONAL.search(text):
        findings.append(_finding("conditional_apology",
                                 f'an apology with "if" or "but": "{m.group(0)}"'))
    if m := _REMOVAL.search(text):
        findings.append(_finding("asks_review_change",
                                 f'asks for the review to be removed or changed: "{m.group(0)}"'))
    findings += _compensation(text, business)
    if m := _LIABILITY.search(text):
        findings.append(_finding("liability", f'admits legal liability: "{m.group(0)}"'))
    findings += _personal_data(text, review, business)
    if quote := _long_quote(text, review):
        findings.append(_finding("long_quote", f'quotes the review at length: "{quote}"'))
    if m := _PLACEHOLDER.search(text):
        findings.append(_finding("placeholder", f'an unfilled placeholder: "{m.group(0)}"'))
    cap, unit = limit_for(platform, limit)
    if cap is not None:
        size = measure(text, unit)
        if size > cap:
            findings.append(_finding("too_long", f"{size} {unit} is over the {platform or 'set'}"
                                                 f" limit of {cap} {unit}"))
    if parts is not None:
        moves = [p.get("move") for p in parts]
        if label in ("negative", "mixed") or (label is None and "apologize" in moves):
            missing = [m for m in FIVE_MOVES if m not in moves]
            if missing:
                findings.append(_finding("missing_move", f"missing: {', '.join(missing)}"))
            elif [m for m in moves if m in FIVE_MOVES] != list(FIVE_MOVES):
                findings.append(_finding("move_order", "the moves are out of order", "warning"))
    if not text.strip():
        findings.append(_finding("empty", "the reply is empty"))
    findings += wording(text, review=review, business=business, platform=platform)
    return findings


def _compensation(text: str, business: Any) -> list[dict[str, str]]:
    allowed = (getattr(business, "compensation", None) or "").lower()
    scrubbed = _NOT_AN_OFFER.sub(" ", text)
    for m in _OFFER.finditer(scrubbed):
        word = m.group(0).lower()
        giving = _OFFER_CONTEXT.search(scrubbed[max(0, m.start() - 60):m.start()])
        sentence = scrubbed[max(scrubbed.rfind(".", 0, m.start()),
                                scrubbed.rfind("\n", 0, m.start())) + 1:m.start()]
        if not giving or re.match(r"\s*(?:\w+, )?(?:you'?ve said|you told us|i read|you said|"
                                  r"you wrote)(?: that)?\b", sentence, re.I):
            continue
        if not allowed:
            return [_finding("compensation", f'offers "{m.group(0)}" but the business has no '
                                             "compensation policy in the config")]
        if word not in allowed:
            return [_finding("compensation", f'offers "{m.group(0)}", beyond the configured '
                                             f'compensation ("{allowed}")')]
    return []


def _personal_data(text: str, review: str, business: Any) -> list[dict[str, str]]:
    own = (getattr(business, "contact", "") or "").lower()
    found = []
    for pattern, what in ((_EMAIL, "e-mail address"), (_PHONE, "phone number")):
        theirs = {m.group(0).lower() for m in pattern.finditer(review)}
        for m in pattern.finditer(text):
            value = m.group(0).lower()
            if value in theirs and value not in own:
                found.append(_finding("personal_data", f"repeats the customer's {what}"))
                break
    orders = {m.group(1).lower() for m in _ORDER.finditer(review)}
    if orders and any(o in text.lower() for o in orders):
        found.append(_finding("personal_data", "repeats the customer's order or booking number"))
    return found


def _long_quote(text: str, review: str) -> str | None:
    words = _WORD.findall(review.lower())
    if len(words) < QUOTE_WORDS:
        return None
    grams = {tuple(words[i:i + QUOTE_WORDS]) for i in range(len(words) - QUOTE_WORDS + 1)}
    mine = _WORD.findall(text.lower())
    for i in range(len(mine) - QUOTE_WORDS + 1):
        if tuple(mine[i:i + QUOTE_WORDS]) in grams:
            return " ".join(mine[i:i + QUOTE_WORDS])
    return None
