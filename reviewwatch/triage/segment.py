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
from functools import lru_cache
from typing import Any, NamedTuple

MAX_SEGMENT_CHARS = 20_000
MIN_CLAUSE_WORDS = 3
MIN_CONTRASTED_WORDS = 2  # a two-word clause is kept whole before "but" ("Great sound, but")
_CONTRAST = re.compile(r"but\b(?! not least)", re.IGNORECASE)
# (not "however", "though" or "yet", which sit inside a clause too: "The problem, however,
# was", "The app though is a battery hog", "I have yet to")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st vs etc e.g i.e approx no jr sr inc ltd co mt ft ave apt dept est min "
    "hr hrs sec oz lb lbs fig ca".split())
_UNITS = frozenset("min hr hrs sec oz lb lbs ft".split())
# Every sentence end starts with ".", "!", "?" or a line break. The pattern starts with that
# character class, so the regex engine skips the other characters in its C scan (a leading
# lookahead was tried at every character, 2.5 times slower); each branch then checks which
# character it consumed. The same matches as
# (?=[.!?\n])(?:[.!?]+["')\]]*(?=\s)|\n+|[.!?]+["')\]]*$).
_SENTENCE_END = re.compile(
    r"[.!?\n](?:(?<=[.!?])[.!?]*[\"')\]]*(?=\s)|(?<=\n)\n*|(?<=[.!?])[.!?]*[\"')\]]*$)")
# The clause breaks, in the order the alternation tries them: (pattern, the characters a
# match can start with, strings one of which the text must contain for it to match, whether
# those are case-sensitive). A text is split by an alternation of only the breaks it can
# contain: a break that cannot match anywhere fails at every position, so leaving it out
# changes no match, and the engine tries fewer branches at each space (2-4 times faster).
# The lookahead on the first characters lets the engine skip every other character.
_BREAKS: tuple[tuple[str, str, tuple[str, ...], bool], ...] = (
    (r"\s*[;:](?=\s)\s*", r"\s;:", (";", ":"), False),
    (r"\s+[-\u2013\u2014]+\s+", r"\s", ("-", "\u2013", "\u2014"), False),
    (r"\s*\u2014\s*", "\\s\u2014", ("\u2014",), False),
    (r"\s+/\s+", r"\s", ("/",), False),
    (r",?(?<!\beven)\s+(?=(?:but|however|although|though|whereas|except that|yet)\b)", r"\s,",
     ("but", "however", "though", "whereas", "except that", "yet"), False),
    (r",\s*(?:and|so)\s+(?=(?:i|we|they|he|she|it|the|my|our|you|there|this|that)\b)", ",",
     (",",), False),
    (r",\s+(?=(?:i|we|they|he|she|the|my|our|there)\s)", ",", (",",), False),
    (r"(?-i:(?<=[a-z])\s+(?=(?:This|The|It|My|We|They|These|Our|Love|Loved|Bought|Ordered)\s))",
     r"\s", ("This", "The", "It", "My", "We", "Our", "Love", "Bought", "Ordered"), True),
    (r"\s+and then\s+", r"\s", ("and then",), False),
    (r"\s+and\s+(?=(?:the|my|our|their|his|her|we|they|i|he|she|it)\s)", r"\s", ("and",),
     False),
)
# Each break as it goes on once its first character is consumed by the pattern's leading
# character class (so that the engine skips, in C, to the characters a break starts with):
# a branch per kind of first character, which it checks by looking behind; a lookbehind of
# the break itself reads one character further back. Branch by branch the same matches as
# the break in _BREAKS at the same place (tests/test_understanding.py compares them).
_CONSUMED: tuple[str, ...] = (
    r"(?<=\s)\s*[;:](?=\s)\s*|(?<=[;:])(?=\s)\s*",
    r"(?<=\s)\s*[-\u2013\u2014]+\s+",
    r"(?<=\s)\s*\u2014\s*|(?<=\u2014)\s*",
    r"(?<=\s)\s*/\s+",
    r"(?<=,)(?<!\beven)\s+(?=(?:but|however|although|though|whereas|except that|yet)\b)|"
    r"(?<=\s)(?<!\beven\s)\s*(?=(?:but|however|although|though|whereas|except that|yet)\b)",
    r"(?<=,)\s*(?:and|so)\s+(?=(?:i|we|they|he|she|it|the|my|our|you|there|this|that)\b)",
    r"(?<=,)\s+(?=(?:i|we|they|he|she|the|my|our|there)\s)",
    r"(?-i:(?<=[a-z]\s)\s*(?=(?:This|The|It|My|We|They|These|Our|Love|Loved|Bought|Ordered)\s))",
    r"(?<=\s)\s*and then\s+",
    r"(?<=\s)\s*and\s+(?=(?:the|my|our|their|his|her|we|they|i|he|she|it)\s)",
)
# The only non-ASCII characters re.IGNORECASE matches to ASCII letters (İ ı ſ K); in a text
# without them, a case-blind match of an ASCII string is in the lower-cased text.
_CASE_TWINS = ("\u0130", "\u0131", "\u017f", "\u212a")


@lru_cache(maxsize=1024)  # every subset of the ten breaks: no pattern is compiled twice
def _break_pattern(kept: tuple[int, ...]) -> re.Pattern[str] | None:
    """The alternation of these clause breaks (indices into `_BREAKS`), in their order."""
    if not kept:
        return None
    first = "".join(dict.fromkeys(ch for k in kept for ch in re.findall(r"\\s|.", _BREAKS[k][1])))
    return re.compile(f"[{first}](?:" + "|".join(_CONSUMED[k] for k in kept) + ")",
                      re.IGNORECASE)


def _lookahead_pattern(kept: tuple[int, ...]) -> re.Pattern[str]:
    """`_break_pattern` as the breaks are written in `_BREAKS` (for the tests)."""
    first = "".join(dict.fromkeys(ch for k in kept for ch in re.findall(r"\\s|.", _BREAKS[k][1])))
    return re.compile(f"(?=[{first}])(?:" + "|".join(_BREAKS[k][0] for k in kept) + ")",
                      re.IGNORECASE)


_ALL_BREAKS = tuple(range(len(_BREAKS)))
_CLAUSE_BREAK = _break_pattern(_ALL_BREAKS)


PRUNE_MIN_CHARS = 0  # every text: choosing the breaks costs less than trying them all


@lru_cache(maxsize=1)
def _break_literals() -> tuple[Any, Any]:
    """Aho-Corasick automata over the breaks' literals, case-blind ones (read in the
    lower-cased text) and case-sensitive ones (read in the text): which breaks a text can
    contain, in one C pass each instead of a substring test per literal."""
    import ahocorasick

    automata = []
    for case in (False, True):
        owners: dict[str, list[int]] = {}
        for k, (_, _, needs, cased) in enumerate(_BREAKS):
            if cased == case:
                for literal in needs:
                    owners.setdefault(literal, []).append(k)
        automaton = ahocorasick.Automaton()
        for literal, kept in owners.items():
            automaton.add_word(literal, tuple(kept))
        automaton.make_automaton()
        automata.append(automaton)
    return automata[0], automata[1]


def _breaks_in(text: str, lowered: str | None = None) -> re.Pattern[str] | None:
    """The clause-break pattern with only the breaks this text can contain (`lowered` is
    `text.lower()` when the caller has it)."""
    if len(text) < PRUNE_MIN_CHARS or (not text.isascii() and
                                       any(ch in text for ch in _CASE_TWINS)):
        return _CLAUSE_BREAK
    if lowered is None:
        lowered = text.lower()
    blind, cased = _break_literals()
    kept: set[int] = set()
    for _, ks in blind.iter(lowered):
        kept.update(ks)
    if lowered != text:  # else no case-sensitive literal (all capitalised) is there
        for _, ks in cased.iter(text):
            kept.update(ks)
    return _break_pattern(tuple(sorted(kept)))


_LEADING = re.compile(r"(?:but|however|although|though|whereas|yet|and|so|also|plus|then)\b,?\s*",
                      re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
_ASCII_WORD = re.compile(r"[a-zA-Z0-9]+(?:'[a-zA-Z0-9]+)?")  # _WORD on ASCII, without the
# Unicode category look-up per character


class Span(NamedTuple):
    """A verbatim piece of a text (a tuple: built in C, which a frozen dataclass was not)."""

    start: int
    end: int
    text: str  # exactly text[start:end] of the original

    @property
    def words(self) -> int:
        return len(_WORD.findall(self.text))


_new_span = tuple.__new__  # Span(a, b, t) without the namedtuple's Python-level __new__
_LEAD_TRIM = " \t\r\n\"'([*-•"
_TAIL_TRIM = " \t\r\n,([*-"


def _trimmed(text: str, start: int, end: int) -> Span | None:
    # (str.lstrip/rstrip on the piece: the character loop, run in C)
    piece = text[start:end]
    start += len(piece) - len(piece.lstrip(_LEAD_TRIM))
    piece = text[start:end].rstrip(_TAIL_TRIM)
    return _new_span(Span, (start, start + len(piece), piece)) if piece else None


def sentences(text: str) -> list[Span]:
    """The sentences of a text, in order."""
    text = text[:MAX_SEGMENT_CHARS]
    out: list[Span] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.group(0)[0] == "." and "\n" not in m.group(0):
            before = text[max(start, m.start() - 6):m.start()].split()
            last = before[-1].lower().lstrip("(\"'") if before else ""
            if (last in _ABBREVIATIONS and not (
                    last in _UNITS and text[m.end():m.end() + 2].strip()[:1].isupper())) or (
                    len(last) == 1 and last.isalpha()):
                continue  # (a unit before a capital ends its sentence: "the line was 2 hrs.
                # Also my miles never posted")
        span = _trimmed(text, start, m.end())
        if span:
            out.append(span)
        start = m.end()
    span = _trimmed(text, start, len(text))
    if span:
        out.append(span)
    return out


def clauses(text: str, lowered: str | None = None) -> list[Span]:
    """The clauses of a text, each a verbatim span; short fragments stay with a neighbour.
    `lowered` is `text.lower()` when the caller has it already."""
    if len(text) > MAX_SEGMENT_CHARS:
        text, lowered = text[:MAX_SEGMENT_CHARS], None
    out: list[Span] = []
    breaks = _breaks_in(text, lowered)
    word = _ASCII_WORD if text.isascii() else _WORD
    for sentence in sentences(text):
        found = list(breaks.finditer(sentence.text)) if breaks else ()
        if not found:  # one piece, the sentence: trimmed already, it is its own clause
            a, b = sentence.start, sentence.end
            lead = _LEADING.match(text, a, b)
            span = _trimmed(text, lead.end(), b) if lead and lead.end() < b else sentence
            if span and word.search(span.text):
                out.append(span)
            continue
        pieces: list[tuple[int, int]] = []
        start = sentence.start
        for m in found:
            pieces.append((start, sentence.start + m.start()))
            start = sentence.start + m.end()
        pieces.append((start, sentence.end))
        merged: list[tuple[int, int]] = []
        last_words = 0  # the words of merged[-1], counted once
        for a, b in pieces:
            words = len(word.findall(text, a, b)) if len(pieces) > 1 else MIN_CLAUSE_WORDS
            if merged and (words < MIN_CLAUSE_WORDS or last_words < MIN_CLAUSE_WORDS and not (
                    last_words >= MIN_CONTRASTED_WORDS and _CONTRAST.match(text, a, b))):
                # ("Great sound, | but the app crashes ...": the praise is a clause of its own)
                merged[-1] = (merged[-1][0], b)
                last_words = len(word.findall(text, merged[-1][0], b))
            else:
                merged.append((a, b))
                last_words = words
        for a, b in merged:
            lead = _LEADING.match(text, a, b)
            span = _trimmed(text, lead.end() if lead and lead.end() < b else a, b)
            if span and word.search(span.text):
                out.append(span)
    return out
