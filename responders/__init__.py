"""How replies are drafted: the HEARD composer, the reply linter, platform limits.

`compose_draft` is what the pipeline and `reviewwatch draft` call. English goes through the
manager composer (`manager.py`); another language with a phrase bank through `heard.py`. It
returns None when no reply is warranted: a neutral mention, an item triage says needs no
reply, or an item in a language with no phrase bank (the pipeline marks those for a person).
An item triage routes to a person gets a short holding reply, marked `needs_human`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from responders import banks, heard, manager, sayback
from responders.fit import PLATFORM_LIMITS, PLAY_REPLY_LIMIT, limit_for, measure
from responders.lint import lint_reply
from reviewwatch.profile import Profile

__all__ = ["PLATFORM_LIMITS", "PLAY_REPLY_LIMIT", "compose_draft", "lint_reply"]
GENERATOR = "heard-template"
MENTION_PLATFORMS = ("mastodon", "bluesky")




_GREETING = re.compile(r"^(?:Hi|Hello|Dear) [^,\n]{1,40},\n\n")


def _first_name_of(sign: str) -> str:
    """'Dana Whitfield, Customer Care Lead' -> 'Dana'; 'Thank you, Ravi Menon, ...' -> 'Ravi'."""
    name = sign.removeprefix("Thank you, ").split(",")[0].split()
    return name[0] if name else sign
# Words a reply over its limit can lose before its greeting or signature does, in order: a
# second apology that owns the failure, an apology's "we fell short", a named (not said back)
# further complaint
_TRIMS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("apologize", re.compile(r" That's on us(?:, not on you|, and it's ours to put right)?\.$"),
     ""),
    ("apologize", re.compile(r"\bI'm (?:truly )?sorry we fell short\.$"), "I'm sorry."),
    ("apologize", re.compile(r"\bI'm truly sorry\.$"), "I'm sorry."),
    ("hear", re.compile(r" You also told us about [^.]+\.$"), ""),
    ("resolve", re.compile(r" and how to fix it(?=\.)"), ""),
    ("empathize", re.compile(r"^I know how frustrating it is when something you rely on lets you "
                             r"down,$"), "I know how frustrating that is,"),
)


def _trims(parts: list[dict[str, str]]) -> Iterator[list[dict[str, str]]]:
    """The reply's parts with more and more of its optional words taken out."""
    current = parts
    for move, pattern, by in _TRIMS:
        changed = [{**p, "text": pattern.sub(by, p["text"], count=1)} if p["move"] == move
                   else p for p in current]
        if changed != current:
            current = changed
            yield current


def compose_draft(item: dict[str, Any], triage: dict[str, Any], business: Any, *,
                  platform: str | None = None, limit: int | None = None,
                  bank_path: Path | str | None = None) -> dict[str, Any] | None:
    """A labelled, linted reply draft that fits the platform, or None when none is due."""
    with sayback.one_draft(getattr(business, "name", "") or ""):  # (a clause's say-back is
        # worked out once for the draft)
        return _compose_draft(item, triage, business, platform=platform, limit=limit,
                              bank_path=bank_path)


def _compose_draft(item: dict[str, Any], triage: dict[str, Any], business: Any, *,
                   platform: str | None, limit: int | None,
                   bank_path: Path | str | None) -> dict[str, Any] | None:
    if not triage.get("needs_reply"):
        return None
    language = (triage.get("language") or "en").split("-")[0]
    bank = banks.for_language(language, bank_path)
    if bank is None:
        return None  # no English draft for a review in another language: a person writes it
    profile = getattr(business, "profile", None) or Profile()
    platform = platform or item.get("platform")
    cap, unit = limit_for(platform, limit)
    if cap is not None and platform in MENTION_PLATFORMS and item.get("author"):
        cap -= len(f"@{item['author']} ")  # the reply's @mention counts against the limit
    if language == "en":
        def build(short: bool, tight: bool = False) -> list[dict[str, str]]:
            return manager.compose(item, triage, business, profile, platform=platform,
                                   short=short, tight=tight)
        join = manager.join
    else:
        def build(short: bool, tight: bool = False) -> list[dict[str, str]]:
            return heard.compose(item, triage, business, bank=bank, short=short)
        join = heard.join
    parts = build(False)
    if not parts:
        return None
    reply = join(parts)
    short = False
    trimmed = None if cap is None or measure(reply, unit) <= cap else next(
        (t for t in _trims(parts) if measure(join(t), unit) <= cap), None)
    if trimmed is not None:  # the full reply with its optional words out keeps the complaint
        # said back, where the short form would name only its kind ("Thank you for writing
        # to us about how it performs": the forty-sixth reading's commonest fault, on Play)
        parts, reply, short = trimmed, join(trimmed), True
    if cap is not None and measure(reply, unit) > cap:
        parts, short = build(True), True
        reply = join(parts)
        if measure(reply, unit) > cap:  # the body's optional words go first: a reply
            # signed "Dana Whitfield" with no title, or with no greeting, reads unfinished
            # (the thirty-fourth and thirty-fifth readings); these lose nothing asked for
            for trimmed in _trims(parts):
                if measure(join(trimmed), unit) <= cap:
                    parts, reply = trimmed, join(trimmed)
                    break
        if measure(reply, unit) > cap:  # the signature's title goes, then the greeting,
            # before the signature is cut to a first name (two readings: a reply signed only
            # "Dana" reads unfinished; "Hi Jo," is a nicety)
            untitled = [{**p, "text": p["text"].split(",")[0].strip()} if p["move"] == "sign"
                        and not p["text"].startswith("Thank you") else p for p in parts]
            bare = [{**p, "text": _GREETING.sub("", p["text"], count=1)} if k == 0 else p
                    for k, p in enumerate(untitled)]
            fitting = next((c for c in (untitled, bare) if c != parts and
                            measure(join(c), unit) <= cap), None)
            if fitting:
                parts, reply = fitting, join(fitting)
        if measure(reply, unit) > cap:  # the signature line shrinks to a first name ("Dana")
            signed = [{**p, "text": _first_name_of(p["text"])} if p["move"] == "sign" else p
                      for p in parts]
            ungreeted = [{**p, "text": _GREETING.sub("", p["text"], count=1)} if k == 0 else p
                         for k, p in enumerate(signed)]  # (a name before a greeting)
            fitting = next((c for c in (signed, ungreeted) if measure(join(c), unit) <= cap),
                           None)
            if fitting:
                parts, reply = fitting, join(fitting)
        if measure(reply, unit) > cap:  # then it goes, before any move
            parts = [p for p in parts if p["move"] != "sign"]
            reply = join(parts)
        if measure(reply, unit) > cap:  # then a long say-back gives way to its aspect,
            tight = build(True, tight=True)  # with the fullest signature that still fits
            # (a reading found a 283-character Play reply with no sign-off at all)
            unsigned = [p for p in tight if p["move"] != "sign"]
            signs = [p["text"] for p in tight if p["move"] == "sign"]
            forms = [] if not signs else list(dict.fromkeys([
                signs[0], signs[0].split(",")[0].strip(), _first_name_of(signs[0])]))
            bare = [{**p, "text": _GREETING.sub("", p["text"], count=1)} if k == 0 else p
                    for k, p in enumerate(unsigned)]
            tries = [[*body, {"move": "sign", "text": f}] for f in forms[:2] for body in
                     (unsigned, bare)] + [[*body, {"move": "sign", "text": f}] for f in
                                          forms[2:] for body in (unsigned, bare)]
            parts = next((c for c in tries if measure(join(c), unit) <= cap), unsigned)
            reply = join(parts)
    routed = [f["flag"] for f in triage.get("flags") or []]
    lint = lint_reply(reply, item=item, business=business, platform=platform, limit=limit,
                      parts=parts, label=None if any(p["move"] == "answer" for p in parts)
                      else triage.get("label"))  # a plain question is answered, not apologised
    draft = {"reply": reply, "parts": parts, "lint": lint, "language": language,
             "fits": {"platform": platform, "limit": cap, "length": measure(reply, unit),
                      "unit": unit, "short_form": short},
             "generator": GENERATOR,
             "tone": "formal" if triage.get("priority") == "urgent" else
             "warm" if triage.get("label") == "positive" else "neutral"}
    if triage.get("needs_human"):
        draft["needs_human"] = True
        draft["holding"] = bool(routed)
        draft["for_a_person"] = triage.get("needs_human_reason") or "flagged by triage"
    return draft
