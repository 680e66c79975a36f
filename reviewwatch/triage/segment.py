"""Sentences and clauses, as verbatim spans of the original text (casing kept).

A rule-based splitter, linear in the text: sentence ends at ., ! or ? followed by space (not
after a common abbreviation or an initial), and at line breaks; clauses split a sentence at
semicolons, colons, dashes, contrast words ("but", "although") and at a comma or "and" that
starts a new subject ("…, the staff was rude"). Our own rather than pysbd: the whole triage
must cost less than vaderSentiment alone, and `bench/bench_triage.py` compares the two
splitters' speed in the same run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_SEGMENT_CHARS = 20_000
MIN_CLAUSE_WORDS = 3
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st vs etc e.g i.e approx no jr sr inc ltd co mt ft ave apt dept est min "
    "hr hrs sec oz lb lbs fig ca".split())
_SENTENCE_END = re.compile(r"[.!?]+[\"')\]]*(?=\s)|\n+|[.!?]+[\"')\]]*$")
# Every break starts with a space, a comma, a semicolon, a colon or a dash: the lookahead
# lets the regex engine skip the other characters (2.6 times faster, the same matches).
_CLAUSE_BREAK = re.compile(
    r"(?=[\s,;:\u2014])(?:\s*[;:](?=\s)\s*|\s+[-\u2013\u2014]+\s+|\s*\u2014\s*"
    r"|\s+/\s+|,?(?<!\beven)\s+(?=(?:but|however|although|though|whereas|except that|yet)\b)"
    r"|,\s*(?:and|so)\s+(?=(?:i|we|they|he|she|it|the|my|our|you|there|this|that)\b)"
    r"|,\s+(?=(?:i|we|they|he|she|the|my|our|there)\s)"
    r"|(?-i:(?<=[a-z])\s+(?=(?:This|The|It|My|We|They|These|Our|Love|Loved|Bought|Ordered)\s))"
    r"|\s+and then\s+|\s+and\s+(?=(?:the|my|our|their|his|her|we|they|i|he|she|it)\s))",
    re.IGNORECASE)
_LEADING = re.compile(r"(?:but|however|although|though|whereas|yet|and|so|also|plus|then)\b,?\s*",
                      re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str  # exactly text[start:end] of the original

    @property
    def words(self) -> int:
        return len(_WORD.findall(self.text))


def _trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start] in " \t\r\n\"'([*-•":
        start += 1
    while end > start and text[end - 1] in " \t\r\n,([*-":
        end -= 1
    return Span(start, end, text[start:end]) if end > start else None


def sentences(text: str) -> list[Span]:
    """The sentences of a text, in order."""
    text = text[:MAX_SEGMENT_CHARS]
    out: list[Span] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.group(0)[0] == "." and "\n" not in m.group(0):
            before = text[max(start, m.start() - 6):m.start()].split()
            last = before[-1].lower().lstrip("(\"'") if before else ""
            if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                continue
        span = _trimmed(text, start, m.end())
        if span:
            out.append(span)
        start = m.end()
    span = _trimmed(text, start, len(text))
    if span:
        out.append(span)
    return out


def clauses(text: str) -> list[Span]:
    """The clauses of a text, each a verbatim span; short fragments stay with a neighbour."""
    text = text[:MAX_SEGMENT_CHARS]
    out: list[Span] = []
    for sentence in sentences(text):
        pieces: list[tuple[int, int]] = []
        start = sentence.start
        for m in _CLAUSE_BREAK.finditer(sentence.text):
            pieces.append((start, sentence.start + m.start()))
            start = sentence.start + m.end()
        pieces.append((start, sentence.end))
        merged: list[tuple[int, int]] = []
        last_words = 0  # the words of merged[-1], counted once
        for a, b in pieces:
            words = len(_WORD.findall(text, a, b)) if len(pieces) > 1 else MIN_CLAUSE_WORDS
            if merged and (words < MIN_CLAUSE_WORDS or last_words < MIN_CLAUSE_WORDS):
                merged[-1] = (merged[-1][0], b)
                last_words = len(_WORD.findall(text, merged[-1][0], b))
            else:
                merged.append((a, b))
                last_words = words
        for a, b in merged:
            lead = _LEADING.match(text, a, b)
            span = _trimmed(text, lead.end() if lead and lead.end() < b else a, b)
            if span and _WORD.search(span.text):
                out.append(span)
    return out
