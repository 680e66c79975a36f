"""Reviews from a CSV file exported from any platform, with its columns mapped in the config.

    kind = "csv"
    path = "exports/play-reviews.csv"
    columns = { id = "reviewId", text = "content", rating = "score", author = "userName",
                date = "at", title = "" }

Rows without an id column are known by a hash of their author, date and text. The file is
read each poll as a stream (bounded by max_bytes) and saved in chunks; unchanged rows write
nothing.
"""

from __future__ import annotations

import csv
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx

from reviewwatch.collectors._paging import stable_id
from reviewwatch.collectors._util import iso_from_text
from reviewwatch.config import Source
from reviewwatch.errors import ParseError, SourceUnavailable
from reviewwatch.models import Item, Kind, State

KIND = "csv"
ITEM_KIND = Kind.REVIEW
HOST = ""
REQUIRED = ("path", "columns")
OPTIONAL = ("rating_max", "delimiter")
DEFAULT_BACKFILL = 1
STREAMING = True  # the pipeline saves rows in chunks as they are read (a local file, no paging)
SHOWS_REPLIES = False  # the column map has no reply column
FIELDS = ("id", "text", "rating", "author", "date", "title", "url")


def check_options(options: dict[str, Any], business: Any) -> list[tuple[str, str]]:
    """columns maps our fields to the file's headers, and must name the text column."""
    columns = options.get("columns")
    if columns is None:
        return []
    if not isinstance(columns, dict) or not columns.get("text"):
        return [("columns", 'must be a table naming at least the text column, e.g. '
                            '{ text = "content", rating = "score" }')]
    unknown = [k for k in columns if k not in FIELDS]
    if unknown:
        return [("columns", f"unknown field {unknown[0]!r} (known: {', '.join(FIELDS)})")]
    return []


async def fetch(client: httpx.AsyncClient, source: Source, state: State) -> AsyncIterator[dict]:
    """Yield each row, with the file's line number, reading the file as a stream.

    A backfill of a hundred thousand rows never sits in memory whole: the pipeline saves
    the rows in chunks as they come (STREAMING).
    """
    path = Path(str(source.option("path")))
    try:
        size = path.stat().st_size
        if size > source.max_bytes:
            raise ParseError(f"{source.name}: {path} is {size} bytes, over the "
                             f"{source.max_bytes}-byte limit (max_bytes)")
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as e:
        raise SourceUnavailable(f"{source.name}: cannot read {path} ({e.strerror})") from None
    with handle:
        try:
            columns = source.option("columns") or {}
            reader = csv.DictReader(handle, delimiter=str(source.option("delimiter") or ","))
            headers = reader.fieldnames or []
            missing = [v for v in columns.values() if v and v not in headers]
            if missing:
                raise ParseError(f"{source.name}: {path} has no column {missing[0]!r} "
                                 f"(columns: {', '.join(headers) or 'none'})")
            state.pages += 1
            for row in reader:
                yield {"_line": reader.line_num,
                       **{field: row.get(col) for field, col in columns.items() if col}}
        except UnicodeDecodeError:
            raise ParseError(f"{source.name}: {path} is not UTF-8 text") from None
        except csv.Error as e:
            raise ParseError(f"{source.name}: {path} is not valid CSV ({e})") from None


def normalize(raw: dict[str, Any], source: Source) -> Item:
    """One mapped row."""
    rating = raw.get("rating")
    try:
        rating = float(rating) if rating not in (None, "") else None
    except ValueError:
        raise ValueError(f"line {raw['_line']}: rating {rating!r} is not a number") from None
    external = raw.get("id") or stable_id(raw.get("author"), raw.get("date"), raw.get("text"))
    date = raw.get("date")
    return Item(source=source.name, external_id=str(external), kind=ITEM_KIND,
                author=raw.get("author") or None, rating=rating,
                rating_max=float(source.option("rating_max") or 5), title=raw.get("title") or None,
                text=raw.get("text") or "", url=raw.get("url") or None,
                published_at=iso_from_text(date.replace(" ", "T") if isinstance(date, str)
                                           else None), raw=raw)
