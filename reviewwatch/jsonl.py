"""JSON Lines in, JSON Lines out: `reviewwatch score` and `reviewwatch draft`.

Each input line is an object with `text` and optionally `id`, `title`, `rating`,
`rating_max`, `author`, `source`, `platform`, `business`, `language`. Unknown fields pass
through unchanged. A bad line becomes `{"error": "...", "line": N}` and the others go on.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from reviewwatch.config import Settings
from reviewwatch.errors import InputError
from reviewwatch.textinput import decode

MAX_LINE_CHARS = 2_000_000  # a line longer than this is refused, not parsed
TEXT_FIELDS = ("title", "author", "source", "platform", "business", "language", "kind")


class BadLine(ValueError):
    """A JSON Lines row that cannot be scored."""


def parse_line(line: str) -> dict[str, Any]:
    """One input row, validated; raises BadLine with a message naming what is wrong."""
    if len(line) > MAX_LINE_CHARS:
        raise BadLine(f"line is {len(line)} characters; the most is {MAX_LINE_CHARS}")
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        raise BadLine(f"not JSON ({e.msg} at column {e.colno})") from None
    if not isinstance(obj, dict):
        raise BadLine(f"expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str):
        raise BadLine('"text" is missing' if text is None else '"text" must be a string')
    for key in TEXT_FIELDS:
        if obj.get(key) is not None and not isinstance(obj[key], str):
            raise BadLine(f'"{key}" must be a string')
    for key in ("rating", "rating_max"):
        value = obj.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            raise BadLine(f'"{key}" must be a number')
    if "rating_max" in obj and obj["rating_max"] is None:
        del obj["rating_max"]  # null is no scale given: out of 5, as when it is left out
    if obj.get("rating_max") is not None and obj["rating_max"] <= 0:
        raise BadLine('"rating_max" must be more than 0')
    if obj.get("rating") is not None and not 0 <= obj["rating"] <= obj.get("rating_max", 5):
        raise BadLine(f'"rating" {obj["rating"]} is outside 0..{obj.get("rating_max", 5)}')
    return obj


def _business(obj: dict[str, Any], settings: Settings | None, default: str | None) -> Any:
    wanted = obj.get("business") or default
    if wanted:
        if settings is None:
            raise BadLine(f'"business" {wanted!r} needs a config with that business')
        ids = {b.id: b for b in settings.businesses}
        if wanted not in ids:
            raise BadLine(f'"business" {wanted!r} is not in the config')
        return ids[wanted]
    if settings is not None and len(settings.businesses) == 1:
        return settings.businesses[0]
    return None


def _source(obj: dict[str, Any], settings: Settings | None) -> Any:
    if settings is not None and obj.get("source"):
        for s in settings.sources:
            if s.name == obj["source"]:
                return s
    return None


def triage_row(obj: dict[str, Any], business: Any = None, source: Any = None,
               db: Any = None) -> dict[str, Any]:
    """The triage object for one input row, read with its business's context and model."""
    from reviewwatch.pipeline import triage_item

    row = {**obj, "platform": obj.get("platform") or obj.get("source")}
    return triage_item(db, row, business, source)


def draft_row(obj: dict[str, Any], result: dict[str, Any], settings: Settings | None,
              business: Any = None, source: Any = None) -> Any:
    """The reply draft for one triaged row (None when none is warranted)."""
    from responders import compose_draft

    platform = source.kind if source else obj.get("platform") or obj.get("source")
    limit = source.reply_limit if source else None
    item = {k: obj.get(k) for k in ("id", "text", "title", "author", "rating", "rating_max",
                                    "kind", "source", "language")}
    item["platform"] = platform
    return compose_draft(item, result, business, platform=platform, limit=limit,
                         bank_path=settings.phrase_bank if settings else None)


def process(lines: Iterable[str | bytes], *, with_draft: bool,
            settings: Settings | None = None, name: str = "<stdin>",
            business: str | None = None, db: Any = None) -> Iterator[tuple[str, bool]]:
    """Yield (output line, ok) for each non-blank input line, in order.

    Lines given as bytes are decoded as strict UTF-8: a line that is not becomes an error
    line naming the file and the byte offset of the first bad byte, never U+FFFD."""
    offset = 0
    for number, raw in enumerate(lines, start=1):
        start, offset = offset, offset + (len(raw) if isinstance(raw, bytes) else 0)
        try:
            line = decode(raw, name, start) if isinstance(raw, bytes) else raw
        except InputError as e:
            yield json.dumps({"error": str(e), "line": number}), False
            continue
        if not line.strip():
            continue
        try:
            obj = parse_line(line)
            owner, source = _business(obj, settings, business), _source(obj, settings)
            obj["triage"] = triage_row(obj, owner, source, db)
            if with_draft:
                obj["draft"] = draft_row(obj, obj["triage"], settings, owner, source)
        except BadLine as e:
            yield json.dumps({"error": str(e), "line": number}), False
            continue
        yield json.dumps(obj, ensure_ascii=False), True


def run(infile: Iterable[str | bytes], outfile: TextIO, *, with_draft: bool,
        settings: Settings | None = None, name: str = "<stdin>", business: str | None = None,
        db: Any = None) -> int:
    """Stream rows from infile (text, or bytes decoded strictly) to outfile; return the
    number of bad lines."""
    failed = 0
    for out, ok in process(infile, with_draft=with_draft, settings=settings, name=name,
                           business=business, db=db):
        outfile.write(out + "\n")
        failed += not ok
    outfile.flush()
    return failed
