"""Is an author field a person's name we can address, or a handle?"""

from __future__ import annotations

import re

_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_'’-]*(?:['’-][^\W\d_]+)*\.?$")
_NOT_NAMES = frozenset({
    "anonymous", "customer", "guest", "user", "verified", "buyer", "google", "apple", "amazon",
    "reviewer", "traveler", "traveller", "local", "foodie", "mom", "dad", "admin", "the", "a",
    "mr", "mrs", "ms", "dr", "happy", "unhappy", "angry", "disappointed", "app", "fan",
})


_INNER_CAPITAL_OK = re.compile(r"^(?:Mc|Mac|O['’]|D['’]|De|Di|La|Le)[A-Z]")


def _one_capital(word: str) -> bool:
    """'Maria' yes; 'BarbaraMW', 'DamaVele' (handles) no; 'McKenzie', "O'Neil" yes."""
    inner = [ch for k, ch in enumerate(word[1:], 1) if ch.isupper() and word[k - 1] not in "-'’"]
    return not inner or (len(inner) == 1 and bool(_INNER_CAPITAL_OK.match(word)))
    # (a capital after a hyphen or an apostrophe starts a name's part: "Al-Rashid", "Jean-Luc")


def first_name(author: str | None) -> str | None:
    """The first name to address, when the author looks like 'Sam' or 'Maria L.'; else None."""
    if not author:
        return None
    author = author.strip()
    if len(author) > 40 or any(ch.isdigit() for ch in author) or "@" in author or \
            "_" in author or author.isupper() and len(author) > 1:
        return None
    words = author.split()
    shaped = all(_NAME_WORD.match(w) and w[0].isupper() and _one_capital(w) for w in words)
    if not 1 <= len(words) <= 3 or not shaped:
        return None
    first = words[0].rstrip(".")
    if len(first) < 2 or first.lower() in _NOT_NAMES:
        return None
    return first
