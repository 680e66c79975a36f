"""Strict query parameters: a malformed number is a 400, a limit is clamped to its range."""

from __future__ import annotations

from flask import abort, request

MAX_DIGITS = 9  # no page, limit or offset we serve needs more


def int_arg(name: str, default: int, low: int, high: int, *, clamp: bool = False) -> int:
    """Query parameter `name` as an int in low..high.

    Missing or blank gives `default`. Not a whole number is a 400. Out of range is a 400,
    or, with clamp=True (limits), the nearest bound: `limit=-1` never means "everything"."""
    raw = request.args.get(name)
    if raw is None or raw.strip() == "":
        return default
    text = raw.strip()
    digits = text[1:] if text[:1] in "+-" else text
    if not digits.isdigit() or not digits.isascii() or len(digits) > MAX_DIGITS:
        abort(400, description=f"{name} must be a whole number from {low} to {high}")
    value = int(text)
    if low <= value <= high:
        return value
    if clamp:
        return min(max(value, low), high)
    abort(400, description=f"{name} must be from {low} to {high}")
    raise AssertionError  # abort raises
