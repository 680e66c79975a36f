"""`reviewwatch export`: every stored item once, as JSON Lines or CSV."""

from __future__ import annotations

import csv
import json
from typing import Any, TextIO

from sqlite_utils import Database

from reviewwatch import db as store

FIELDS = ("business", "source", "kind", "external_id", "author", "rating", "title", "text",
          "url", "published_at", "triage", "draft_status", "draft_text")
FORMATS = ("jsonl", "csv")
# A spreadsheet runs a cell that starts with one of these as a formula (=HYPERLINK(...),
# =cmd|...), and a review's text or author is anyone's to write. OWASP's advice: prefix it
# with a single quote so it is shown as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """A CSV cell that a spreadsheet shows as text, never runs as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def rows(db: Database, business: str | None = None, since: str | None = None):
    """Each item once, with its triage and its latest draft."""
    for row in store.list_items(db, business=business, since=since):
        yield {"business": row["business_id"], "source": row["source"], "kind": row["kind"],
               "external_id": row["external_id"], "author": row["author"],
               "rating": row["rating"], "title": row["title"], "text": row["text"],
               "url": row["url"], "published_at": row["published_at"],
               "triage": row["triage"], "draft_status": row["draft_status"],
               "draft_text": row["draft_text"]}


def write(db: Database, out: TextIO, fmt: str = "jsonl", business: str | None = None,
          since: str | None = None) -> int:
    """Write the export; return how many items were written."""
    count = 0
    writer: Any = None
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=FIELDS)
        writer.writeheader()
    for row in rows(db, business, since):
        if writer:
            cells = {**row, "triage": json.dumps(row["triage"]) if row["triage"] else ""}
            writer.writerow({k: neutralise(v) for k, v in cells.items()})
        else:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count
