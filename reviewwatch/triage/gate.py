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


def _seq(items: Any) -> set[str] | None:
    """For a sequence of parse items: the most selective necessary set among its parts."""
    candidates: list[set[str]] = []
    run: list[str] = []

    def flush() -> None:
        if len(run) >= MIN_LITERAL:
            candidates.append({"".join(run)})
        run.clear()

    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            run.append(chr(arg))
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
        self._automaton = ahocorasick.Automaton()
        for literal, indices in owners.items():
            self._automaton.add_word(literal, tuple(indices))
        self._empty = not owners
        if owners:
            self._automaton.make_automaton()

    def open(self, text: str) -> set[int]:
        """The indices of the gates this (lower-cased, where the gates are) text opens."""
        found = set(self.always)
        if not self._empty:
            for _, indices in self._automaton.iter(text):
                found.update(indices)
        return found
