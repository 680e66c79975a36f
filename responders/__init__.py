"""How replies are drafted: the HEARD composer, the reply linter, platform limits.

`compose_draft` is what the pipeline and `reviewwatch draft` call. It returns None when no
reply is warranted: a neutral mention, an item triage says needs no reply, or an item in a
language with no phrase bank (the pipeline marks those for a person).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from responders import banks, heard
from responders.fit import PLATFORM_LIMITS, PLAY_REPLY_LIMIT, limit_for, measure
from responders.lint import lint_reply

__all__ = ["PLATFORM_LIMITS", "PLAY_REPLY_LIMIT", "compose_draft", "lint_reply"]
GENERATOR = "heard-template"


def compose_draft(item: dict[str, Any], triage: dict[str, Any], business: Any, *,
                  platform: str | None = None, limit: int | None = None,
                  bank_path: Path | str | None = None) -> dict[str, Any] | None:
    """A labelled, linted reply draft that fits the platform, or None when none is due."""
    if not triage.get("needs_reply"):
        return None
    language = (triage.get("language") or "en").split("-")[0]
    bank = banks.for_language(language, bank_path)
    if bank is None:
        return None  # no English draft for a review in another language: a person writes it
    if triage.get("needs_human") and language == "en":
        return None
    parts = heard.compose(item, triage, business, bank=bank)
    if not parts:
        return None
    cap, unit = limit_for(platform, limit)
    reply = heard.join(parts)
    short = False
    if cap is not None and measure(reply, unit) > cap:
        parts = heard.compose(item, triage, business, bank=bank, short=True)
        reply = heard.join(parts)
        short = True
        if measure(reply, unit) > cap:  # drop the signature line before any move
            parts = [p for p in parts if p["move"] != "sign"]
            reply = heard.join(parts)
    lint = lint_reply(reply, item=item, business=business, platform=platform, limit=limit,
                      parts=parts, label=triage.get("label"))
    return {"reply": reply, "parts": parts, "lint": lint, "language": language,
            "fits": {"platform": platform, "limit": cap, "length": measure(reply, unit),
                     "unit": unit, "short_form": short},
            "generator": GENERATOR,
            "tone": "formal" if triage.get("priority") == "urgent" else
            "warm" if triage.get("label") == "positive" else "neutral"}
