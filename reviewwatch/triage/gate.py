"""A cheap gate before a costly regular expression: the literal strings one of which any
match must contain, found by reading the compiled pattern's parse tree.

`necessary(pattern)` gives a set S (or None when no such set can be proved): if no string of
S occurs in a text, the pattern cannot match it, so the regex is not run at all. Substring
tests are C loops; the ~40 complaint-cue patterns were most of the triage's time.
"""

from __future__ import annotations

import re
from typing import Any

try:  # the parser moved in Python 3.11; both names are CPython's own
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_parse  # type: ignore[no-redef]

MIN_LITERAL = 3  # shorter strings occur almost everywhere and gate nothing
MAX_SPELLINGS = 100  # a run is spelled out while it has at most this many spellings
_ZERO_WIDTH = ("AT", "ASSERT", "ASSERT_NOT")  # \\b, lookarounds: they consume no character


def _finite(items: Any) -> set[str] | None:
    """Every string a sequence of parse items can match, when that is a small finite set
    ("su(?:e|ing|ed) " is {"sue ", "suing ", "sued "}); None when it is not."""
    out = {""}
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            one: set[str] | None = {chr(arg)}
        elif name in _ZERO_WIDTH:
            continue  # the characters either side of it are adjacent in every match
        elif name == "SUBPATTERN":
            one = _finite(arg[-1])
        elif name == "BRANCH":
            one = set()
            for branch in arg[1]:
                found = _finite(branch)
                if found is None:
                    return None
                one |= found
        elif name == "IN" and all(str(o) == "LITERAL" for o, _ in arg):
            one = {chr(c) for _, c in arg}
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and arg[1] <= 3:
            body = _finite(arg[2])
            if body is None:
                return None
            one, power = set(), {""}
            for k in range(arg[1] + 1):
                if k >= arg[0]:
                    one |= power
                if len(power) * len(body) > MAX_SPELLINGS:
                    return None
                power = {a + b for a in power for b in body}
        else:
            return None
        if one is None or len(out) * len(one) > MAX_SPELLINGS:
            return None
        out = {a + b for a in out for b in one}
    return out


def _seq(items: Any) -> set[str] | None:
    """For a sequence of parse items: the most selective necessary set among its parts.

    A run of adjacent items whose matches are few strings (literals, small alternations,
    optional parts, character sets of letters; zero-width assertions skipped) is spelled
    out in full: every match of the sequence contains one of the run's spellings."""
    candidates: list[set[str]] = []
    run: set[str] = {""}

    def flush() -> None:
        nonlocal run
        if min(map(len, run)) >= MIN_LITERAL:
            candidates.append(run)
        run = {""}

    for op, arg in items:
        name = str(op)
        if name in _ZERO_WIDTH:
            continue
        one = _finite([(op, arg)])
        if one is not None:
            if len(run) * len(one) > MAX_SPELLINGS:
                flush()
            run = {a + b for a in run for b in one}
            continue
        flush()
        if name == "SUBPATTERN":
            found = _seq(arg[-1])
        elif name == "BRANCH":
            found = _branch(arg[1])
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and arg[0] >= 1:
            found = _seq(arg[2])
        elif name == "ATOMIC_GROUP":
            found = _seq(arg)
        else:
            found = None
        if found:
            candidates.append(found)
    flush()
    if not candidates:
        return None
    return max(candidates, key=lambda s: (min(len(x) for x in s), -len(s)))


def _branch(branches: Any) -> set[str] | None:
    out: set[str] = set()
    for branch in branches:
        found = _seq(branch)
        if not found:
            return None
        out |= found
    return out


def necessary(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Literal strings one of which every match contains; None when none can be proved.

    For a case-blind pattern the strings are lower-cased: test them against the lower-cased
    text."""
    flags = pattern.flags & ~re.IGNORECASE
    found = _seq(sre_parse.parse(pattern.pattern, flags))
    if not found:
        return None
    return frozenset(x.lower() for x in found) if pattern.flags & re.IGNORECASE else \
        frozenset(found)


def may_match(gate: frozenset[str] | None, text: str) -> bool:
    """False only when the pattern provably cannot match the text."""
    return gate is None or any(s in text for s in gate)


LOOKAROUND = 64  # a window reads this much further, for a lookahead past a match's end
MAX_REACH = 400  # a pattern whose matches may be longer is searched in the whole text
_WORD_RUN = 40  # for the reach only: a word run (\\w*, \\w+) is taken as at most this long


def reach(pattern: re.Pattern[str]) -> int | None:
    """The longest match the pattern can make (word runs counted as `_WORD_RUN` letters),
    or None when it is unbounded or too long to be worth windowing."""
    source = pattern.pattern.replace(r"\w*", rf"\w{{0,{_WORD_RUN}}}").replace(
        r"\w+", rf"\w{{1,{_WORD_RUN}}}")
    try:
        hi = sre_parse.parse(source, pattern.flags & ~re.IGNORECASE).getwidth()[1]
    except re.error:  # pragma: no cover - the replacement keeps a valid pattern
        return None
    return hi if hi <= MAX_REACH else None


def finditer_near(pattern: re.Pattern[str], text: str, spans: list[tuple[int, int]] | None,
                  width: int | None):
    """`pattern.finditer(text)`, reading only the text near `spans` (where the pattern's
    necessary literals occur): every match contains one of them, so it lies within `width`
    of one. A match found in a cut window is matched again on the whole text, so the
    matches are the whole-text ones; a short text is simply searched whole."""
    if spans is None or width is None or len(text) < 4 * width + 64:
        return pattern.finditer(text)  # (the regex's own iterator: no generator frame)
    return _near(pattern, text, spans, width)


def _near(pattern: re.Pattern[str], text: str, spans: list[tuple[int, int]], width: int):
    n = len(text)
    regions: list[list[int]] = []
    for i, j in sorted(spans):
        a, b = max(0, i - width), min(n, j + width)
        if regions and a <= regions[-1][1]:
            regions[-1][1] = max(regions[-1][1], b)
        else:
            regions.append([a, b])
    reached = 0
    for a, b in regions:
        pos = max(a, reached)
        while pos <= b:
            cut = pattern.search(text, pos, min(n, b + LOOKAROUND))
            if cut is None:
                break
            whole = pattern.match(text, cut.start())
            if whole is not None and whole.start() >= reached:
                yield whole
                reached = whole.end() if whole.end() > whole.start() else whole.end() + 1
            pos = max(cut.end(), cut.start() + 1, reached)


class GateSet:
    """Many gates answered in one pass: an Aho-Corasick automaton over every gate's
    literals (pyahocorasick) finds which gates a text opens, instead of a substring test per
    literal per gate."""

    def __init__(self, gates: list[frozenset[str] | None]):
        import ahocorasick

        self.always = frozenset(i for i, g in enumerate(gates) if g is None)
        owners: dict[str, list[int]] = {}
        for i, gate in enumerate(gates):
            for literal in gate or ():
                owners.setdefault(literal, []).append(i)
        self.literals = {literal: tuple(indices) for literal, indices in owners.items()}
        self._automaton = ahocorasick.Automaton()
        for literal, indices in self.literals.items():
            self._automaton.add_word(literal, (indices, len(literal)))
        self._empty = not owners
        if owners:
            self._automaton.make_automaton()

    def open(self, text: str) -> set[int]:
        """The indices of the gates this (lower-cased, where the gates are) text opens."""
        found = set(self.always)
        if not self._empty:
            for _, (indices, _) in self._automaton.iter(text):
                found.update(indices)
        return found

    def open_at(self, text: str) -> dict[int, list[tuple[int, int]] | None]:
        """The gates this text opens, each with where its literals occur (None for a gate
        with no literal: it is always open, anywhere)."""
        found: dict[int, list[tuple[int, int]] | None] = dict.fromkeys(self.always)
        if not self._empty:
            for last, (indices, size) in self._automaton.iter(text):
                where = (last + 1 - size, last + 1)
                for k in indices:
                    spans = found.setdefault(k, [])
                    if spans is not None:
                        spans.append(where)
        return found


class GateUnion:
    """Several GateSets answered in one Aho-Corasick pass over a text, instead of one pass
    each: `open_at(text, limits)[i]` is `sets[i].open_at(text[:limits[i]])` (a limit of
    None reads the whole text)."""

    def __init__(self, sets: list[GateSet]):
        import ahocorasick

        self.sets = sets
        self._always = [gate_set.always for gate_set in sets]
        owners: dict[str, list[tuple[int, tuple[int, ...]]]] = {}
        for i, gate_set in enumerate(sets):
            for literal, indices in gate_set.literals.items():
                owners.setdefault(literal, []).append((i, indices))
        self._automaton = ahocorasick.Automaton()
        for literal, parts in owners.items():
            self._automaton.add_word(literal, (tuple(parts), len(literal)))
        self._empty = not owners
        if owners:
            self._automaton.make_automaton()

    def open_at(self, text: str, limits: tuple[int | None, ...]
                ) -> list[dict[int, list[tuple[int, int]] | None]]:
        """Each set's gates this text opens, with where their literals occur. A literal
        ending within a set's limit is exactly one found in the text cut there."""
        found: list[dict[int, list[tuple[int, int]] | None]] = [
            dict.fromkeys(always) if always else {} for always in self._always]
        if self._empty:
            return found
        for last, (parts, size) in self._automaton.iter(text):
            where = (last + 1 - size, last + 1)
            for i, indices in parts:
                limit = limits[i]
                if limit is not None and last >= limit:
                    continue
                opened = found[i]
                for k in indices:
                    spans = opened.setdefault(k, [])
                    if spans is not None:
                        spans.append(where)
        return found


def alternatives(source: str) -> list[str] | None:
    r"""The top-level alternatives of a pattern written `(?:A|B|...)`, `\b(?:A|B|...)\b` or
    the like, each as a pattern of its own with the same zero-width ends
    (`\b(?:A)\b`, `\b(?:B)\b`, ...); None when the pattern is not of that form."""
    depth, k, n = 0, 0, len(source)
    bars: list[int] = []
    opened = closed = -1
    while k < n:
        ch = source[k]
        if ch == "\\":
            k += 2
            continue
        if ch == "[":  # a class: up to its first unescaped "]" that is not its first member
            k += 1
            if k < n and source[k] == "^":
                k += 1
            if k < n and source[k] == "]":
                k += 1
            while k < n and source[k] != "]":
                k += 2 if source[k] == "\\" else 1
        elif ch == "(":
            if depth == 0:
                if opened >= 0:
                    return None  # two groups at the top: not one alternation
                opened = k
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                closed = k
        elif ch == "|":
            if depth == 0:
                return None  # an alternation at the top, outside the group
            if depth == 1:
                bars.append(k)
        k += 1
    ends = (r"", r"\b")
    if opened < 0 or not bars or not source.startswith("(?:", opened) or \
            source[:opened] not in ends or source[closed + 1:] not in ends:
        return None
    head, tail = source[:opened + 3], source[closed:]
    cuts = [opened + 2, *bars, closed]
    return [head + source[a + 1:b] + tail for a, b in zip(cuts, cuts[1:], strict=False)]


class FirstOf:
    """The leftmost match start of a long alternation, found by searching each alternative
    on its own near where its own necessary literals occur (one Aho-Corasick pass finds
    them), instead of trying every alternative at every word boundary of the text.

    A pattern matches at a position exactly when one of its top-level alternatives does, so
    its leftmost match starts where the leftmost of the alternatives' leftmost matches
    does: `start(text)` is `pattern.search(text).start()` (None for no match)."""

    def __init__(self, pattern: re.Pattern[str]):
        parts = alternatives(pattern.pattern)
        if parts is None:
            raise ValueError("not an alternation")
        self.subs = [re.compile(p, pattern.flags) for p in parts]
        self.gates = GateSet([necessary(s) for s in self.subs])
        self.reach = [reach(s) for s in self.subs]

    def start(self, text: str) -> int | None:
        best = None
        for j, spans in self.gates.open_at(text).items():
            m = next(finditer_near(self.subs[j], text, spans, self.reach[j]), None)
            if m is not None and (best is None or m.start() < best):
                best = m.start()
        return best


# The only non-ASCII characters re.IGNORECASE matches to ASCII letters (İ ı ſ K): in a text
# with one, a case-blind match need not be in the lower-cased text
CASE_TWINS = ("\u0130", "\u0131", "\u017f", "\u212a")


class Gated:
    """A pattern whose `search` is not run on a text that holds none of its necessary
    literals (one Aho-Corasick pass over the lower-cased text tells): the same answer, None,
    without trying the pattern at every position of a text it cannot match. The literals are
    lower-cased and looked for in the lower-cased text, so a case-blind part of a pattern
    ("(?i:...)") is gated soundly too; a text with one of `CASE_TWINS` is searched anyway.
    Everything else (`match`, `sub`, `pattern`, ...) is the pattern's own."""

    def __init__(self, pattern: re.Pattern[str]):
        import ahocorasick

        self.compiled = pattern
        needs = necessary(pattern)
        self._automaton = None
        if needs:
            self._automaton = ahocorasick.Automaton()
            for literal in {n.lower() for n in needs}:
                self._automaton.add_word(literal, 0)
            self._automaton.make_automaton()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.compiled, name)

    def _shut(self, text: str) -> bool:
        """Whether the pattern provably cannot match anywhere in the text."""
        return self._automaton is not None and (
            text.isascii() or not any(ch in text for ch in CASE_TWINS)) and \
            next(self._automaton.iter(text.lower()), None) is None

    def search(self, text: str, *args: Any) -> re.Match[str] | None:
        if not args and self._shut(text):
            return None
        return self.compiled.search(text, *args)

    def sub(self, repl: Any, text: str, count: int = 0) -> str:
        """`pattern.sub`: a text it cannot match is given back as it is (as `sub` does)."""
        if self._shut(text):
            return text
        return self.compiled.sub(repl, text, count)
