"""The reply linter: run on every draft and on every staff edit before it is posted.

Each finding is {"rule", "message", "severity"}; errors block approval unless an owner
overrides them. The checks are linear in the reply's and the review's length.
"""

from __future__ import annotations

import re
from typing import Any

from responders.fit import limit_for, measure
from responders.lint_wording import wording
from responders.lintscan import Pattern, Text

FIVE_MOVES = ("hear", "empathize", "apologize", "resolve", "diagnose")
QUOTE_WORDS = 16  # this many words copied in a row is quoting at length, not saying back
_DEFENSIVE = Pattern(
    r"\b(?:actually|you should have|you should've|our policy clearly|you failed to|as (?:clearly )?"
    r"stated|you must have|if you had|to be fair|in our defen[cs]e|that'?s not true|you claim|"
    r"you didn'?t bother|contrary to your|you were (?:rude|wrong|mistaken)|"
    r"(?:our|the) (?:waiter|waitress|server|staff member|employee|driver|technician) "
    r"(?:was|is) (?:to blame|at fault|new|lazy|incompetent))\b",
    ("actually", "you should", "our policy clearly", "you failed to", "stated", "you must have",
     "if you had", "to be fair", "in our defen", "s not true", "you claim", "bother",
     "contrary to your", "you were ", "waiter", "waitress", "server", "staff member",
     "employee", "driver", "technician"))
_REMOVAL = Pattern(
    r"\b(?:remove|delete|take down|withdraw|change|update|edit|revise|amend|reconsider|raise|"
    r"improve)\b(?:\s+\w+){0,3}?\s+(?:your|the|this)\s+(?:review|rating|stars?|post|comment)"
    r"|\b(?:review|rating)\s+(?:be\s+)?(?:removed|deleted|changed|updated)\b",
    ("review", "rating", "star", "post", "comment"))
_OFFER = Pattern(
    r"\b(?:refund(?:ed)?|free|complimentary|discount(?:ed)?|voucher|coupon|credit|gift card|"
    r"on the house|\d+\s?% off|money back|reimburse\w*|compensat\w*|comp(?:ed)?)\b",
    ("refund", "free", "comp", "discount", "voucher", "coupon", "credit", "gift card",
     "on the house", "% off", "money back", "reimburse"))
# An offer is the word in a giving context ("I'd like to offer you a refund", "a free
# night"); "the trouble getting your refund" only names the topic.
# ("offered", past, is what the customer says was offered before: "just offered a coupon")
_OFFER_CONTEXT = re.compile(r"\b(?:offer(?:s|ing)?|give|send|provide|issue|process|like to|"
                            r"happy to|we'?ll|i'?ll|we will|i will|we can|i can|enjoy|receive|"
                            r"get you|here'?s)\b[^.!?]{0,40}$", re.I)
_SAID_BACK = re.compile(r"\s*(?:\w+, )?(?:you'?ve said|you told us|i read|you said|you wrote)"
                        r"(?: that)?\b", re.I)
_NOT_AN_OFFER = Pattern(r"\b(?:feel free|free to|hands-free|free of charge to contact)\b",
                        ("free",))
_LIABILITY = Pattern(
    r"\b(?:we are (?:legally )?liable|we(?:'re| are) (?:fully )?responsible for your "
    r"(?:illness|injury|injuries|losses|damages)|our (?:negligence|fault that)|negligen\w*|"
    r"we admit (?:fault|liability)|we accept (?:full )?(?:legal )?(?:liability|responsibility "
    r"for your (?:illness|injury))|caused your (?:illness|injury|food poisoning))\b",
    ("liable", "responsib", "negligen", "fault", "we admit", "we accept", "caused your"))
_CONDITIONAL = Pattern(r"\b(?:sorry|apologi[sz]e\w*)\b[^.!?]{0,20}\b(?:if|but)\b",
                       ("sorry", "apologi"))
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<!\w)\+?\d[\d\s().-]{7,}\d(?!\w)")
_DIGIT = re.compile(r"\d")  # an e-mail needs "@", a phone or an order number a digit
_PHONE_LIKE = re.compile(r"\d[\d\s().-]{7,}\d")  # _PHONE without its look-arounds: 3x faster
_ORDER = Pattern(r"(?:order|booking|reservation|ticket|case|confirmation|invoice|account)"
                 r"\s*(?:number|no\.?|#|id)?\s*[:#]?\s*((?=[A-Z-]*\d)[A-Z0-9][A-Z0-9-]{4,})",
                 ("order", "booking", "reservation", "ticket", "case", "confirmation",
                  "invoice", "account"))
_PLACEHOLDER = Pattern(r"\{[a-z_]*\}|\[(?:name|first name|customer|business|contact|"
                       r"insert[^\]]*)\]|<(?:name|contact)>|\bTODO\b|\bXXX+\b|\bTBD\b",
                       ("{", "[", "<", "todo", "xxx", "tbd"))
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
    reply, said = Text(text), Text(review)  # each lower-cased once for every rule
    if m := _DEFENSIVE.search(reply):
        findings.append(_finding("defensive", f'defensive or blaming wording: "{m}"'))
    if m := _CONDITIONAL.search(reply):
        findings.append(_finding("conditional_apology", f'an apology with "if" or "but": "{m}"'))
    if m := _REMOVAL.search(reply):
        findings.append(_finding("asks_review_change",
                                 f'asks for the review to be removed or changed: "{m}"'))
    findings += _compensation(reply, business)
    if m := _LIABILITY.search(reply):
        findings.append(_finding("liability", f'admits legal liability: "{m}"'))
    findings += _personal_data(reply, said, business)
    if quote := _long_quote(reply, said):
        findings.append(_finding("long_quote", f'quotes the review at length: "{quote}"'))
    if m := _PLACEHOLDER.search(reply):
        findings.append(_finding("placeholder", f'an unfilled placeholder: "{m}"'))
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
    findings += wording(reply, review=review, business=business, platform=platform)
    return findings


def _compensation(text: Text, business: Any) -> list[dict[str, str]]:
    allowed = (getattr(business, "compensation", None) or "").lower()
    scrubbed = text
    if _NOT_AN_OFFER.search(text) is not None:
        scrubbed = Text(_NOT_AN_OFFER.exact.sub(" ", text.raw))
    for m in _OFFER.finditer(scrubbed):
        offered = scrubbed.raw[m.start():m.end()]
        giving = _OFFER_CONTEXT.search(scrubbed.raw[max(0, m.start() - 60):m.start()])
        sentence = scrubbed.raw[max(scrubbed.raw.rfind(".", 0, m.start()),
                                    scrubbed.raw.rfind("\n", 0, m.start())) + 1:m.start()]
        if not giving or _SAID_BACK.match(sentence):
            continue  # (the customer's own words said back: "You've said that we ... offered")
        if not allowed:
            return [_finding("compensation", f'offers "{offered}" but the business has no '
                                             "compensation policy in the config")]
        if offered.lower() not in allowed:
            return [_finding("compensation", f'offers "{offered}", beyond the configured '
                                             f'compensation ("{allowed}")')]
    return []


def _personal_data(text: Text, said: Text, business: Any) -> list[dict[str, str]]:
    # The customer's e-mail needs an "@" in the review, a phone or an order number a digit:
    # most reviews hold neither, and then the reply need not be searched at all.
    own = (getattr(business, "contact", "") or "").lower()
    found = []
    review = said.raw
    digits = any(d in review for d in "0123456789") or (
        not review.isascii() and _DIGIT.search(review) is not None)  # \d is any digit
    for pattern, what, present in (
            (_EMAIL, "e-mail address", "@" in review),
            (_PHONE, "phone number", digits and _PHONE_LIKE.search(review) is not None)):
        theirs = {m.group(0).lower() for m in pattern.finditer(review)} if present else ()
        if not theirs:
            continue
        for m in pattern.finditer(text.raw):
            value = m.group(0).lower()
            if value in theirs and value not in own:
                found.append(_finding("personal_data", f"repeats the customer's {what}"))
                break
    orders = {m.group(1).lower() for m in _ORDER.finditer(said)} if digits else ()
    if orders and any(o in text.low for o in orders):
        found.append(_finding("personal_data", "repeats the customer's order or booking number"))
    return found


def _long_quote(text: Text, said: Text) -> str | None:
    words = _WORD.findall(said.low)
    if len(words) < QUOTE_WORDS:
        return None
    mine = _WORD.findall(text.low)
    # A quote is QUOTE_WORDS of the reply's words in a row, each a word of the review: find
    # such a run first (a set lookup a word), and build the review's n-grams only then.
    vocabulary, run = set(words), 0
    for word in mine:
        run = run + 1 if word in vocabulary else 0
        if run == QUOTE_WORDS:
            break
    else:
        return None
    grams = {tuple(words[i:i + QUOTE_WORDS]) for i in range(len(words) - QUOTE_WORDS + 1)}
    for i in range(len(mine) - QUOTE_WORDS + 1):
        if tuple(mine[i:i + QUOTE_WORDS]) in grams:
            return " ".join(mine[i:i + QUOTE_WORDS])
    return None
