"""Text from strangers, made safe to print on a terminal."""

from __future__ import annotations

import re

# C0 and C1 control characters, DEL, and bidi overrides: a review must not be able to move
# the cursor, recolour or retitle a terminal, or reorder what the reader sees.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """The text with control characters shown as '?', newlines and tabs kept."""
    return _CONTROL.sub("?", text)
