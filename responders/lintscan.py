"""Case-insensitive patterns searched on a text lower-cased once, for the reply linter.

The linter runs twenty-odd `re.I` patterns on every draft. With `re.I` the regex engine
folds the case of every character it compares, and a pattern that starts with `\\b` and an
alternation gives it no literal to skip ahead to, so each pattern cost 4-11 us a reply,
most of the linter's time (issue 13). Two cheaper forms give the same matches:

- the same pattern, lower-cased and without `re.I`, on `text.lower()`; and
- before that, a few literal substrings one of which every match contains (`needs`), each
  tested with `in` at C speed: most replies hold none of them.

They are the same only when lower-casing keeps every offset and `re.I` matches no character
that `lower()` leaves apart from an ASCII letter. Four characters break that: "İ" lower-cases
to two characters, and `re.I` matches "ı", "ſ" and the Kelvin sign to i, s and k.
`tests/test_lint_fast.py` checks that list against every code point, and a text that holds
one of them is searched with the original `re.I` pattern.

Which of every pattern's literals a text holds is found once per text, by one Aho-Corasick
pass (pyahocorasick) over all of them, instead of an `in` test per literal per pattern.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

_CASE_UNSAFE = re.compile("[\u0130\u0131\u017f\u212a]")
_UPPER_ESCAPE = re.compile(r"\\[A-Z]")  # \W, \S, \D, \B: lower-casing would change them


_NEEDLES: dict[str, None] = {}  # every Pattern's literals, as they are made
_FINDER: list[Any] = [None, 0]  # an automaton over _NEEDLES, and how many it holds


def _finder() -> Any:
    """The Aho-Corasick automaton over every pattern's literals (rebuilt when more patterns
    have been made since)."""
    automaton, size = _FINDER
    if automaton is None or size != len(_NEEDLES):
        import ahocorasick

        needles = list(_NEEDLES)
        automaton = ahocorasick.Automaton()
        for needle in needles:
            automaton.add_word(needle, needle)
        automaton.make_automaton()
        _FINDER[:] = [automaton, len(needles)]
    return automaton


class Text:
    """A text with its lower-case form, and whether patterns may be searched on that."""

    __slots__ = ("_present", "folded", "low", "raw")

    def __init__(self, raw: str):
        self.raw = raw
        self.low = raw.lower()
        self.folded = raw.isascii() or _CASE_UNSAFE.search(raw) is None  # (the four are not)
        self._present: tuple[int, set[str]] | None = None

    def present(self) -> set[str]:
        """Which of the patterns' literals the lower-case text holds: found once, and again
        when a pattern has been made since."""
        if self._present is None or self._present[0] != len(_NEEDLES):
            finder = _finder()
            self._present = (len(_NEEDLES), {n for _, n in finder.iter(self.low)})
        return self._present[1]

    def has(self, *needles: str) -> bool:
        """Whether the lower-case text may hold any of these (always True when not folded)."""
        return not self.folded or any(map(self.low.__contains__, needles))


class Pattern:
    """A case-insensitive pattern, with the literals one of which each match contains."""

    def __init__(self, pattern: str, needs: tuple[str, ...] = (), flags: int = 0):
        if _UPPER_ESCAPE.search(pattern):
            raise ValueError(f"an upper-case escape does not survive lower-casing: {pattern}")
        self.exact = re.compile(pattern, flags | re.I)
        self.folded = re.compile(pattern.lower(), flags)
        self.needs = needs if all(needs) else ()  # ("" is in every text: no gate)
        _NEEDLES.update(dict.fromkeys(self.needs))

    def search(self, text: Text) -> str | None:
        """The first match as written in the text, or None."""
        if not text.folded:
            m = self.exact.search(text.raw)
            return m.group(0) if m else None
        if self.needs and text.present().isdisjoint(self.needs):
            return None
        m = self.folded.search(text.low)
        return text.raw[m.start():m.end()] if m else None

    def finditer(self, text: Text) -> Iterator[re.Match[str]]:
        """Every match, on the lower-case text when folded (offsets are the text's)."""
        if not text.folded:
            return self.exact.finditer(text.raw)
        if self.needs and text.present().isdisjoint(self.needs):
            return iter(())
        return self.folded.finditer(text.low)
