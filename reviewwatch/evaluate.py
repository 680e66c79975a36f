"""`reviewwatch eval`: how well triage finds negative reviews, next to plain VADER.

The truth is the star rating (<= 2 of 5 is negative); the scorers see only the text.
"""

from __future__ import annotations

import csv
import io
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reviewwatch.errors import InputError
from reviewwatch.textinput import read_utf8

NEGATIVE_STARS = 2
MAX_FIELD = 10_000_000


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, predicted: bool, truth: bool) -> None:
        if predicted and truth:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif truth:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def read_rows(path: str | Path, text_col: str, rating_col: str) -> list[tuple[str, float]]:
    """(text, rating) pairs from a CSV or TSV file; one clear error for a bad file."""
    path = Path(path)
    # Strict UTF-8, decoded up front: a Latin-1 file is one line naming the byte offset,
    # not a traceback halfway through the rows.
    handle = io.StringIO(read_utf8(path), newline="")
    csv.field_size_limit(MAX_FIELD)
    with handle:
        head = handle.read(4096)
        handle.seek(0)
        delimiter = "\t" if path.suffix.lower() in (".tsv", ".tab") or \
            head.count("\t") > head.count(",") else ","
        reader = csv.DictReader(handle, delimiter=delimiter)
        columns = reader.fieldnames or []
        for col in (text_col, rating_col):
            if col not in columns:
                raise InputError(f"{path}: no column {col!r} (columns: "
                                 f"{', '.join(columns) or 'none'})")
        rows = []
        for number, row in enumerate(reader, start=2):
            try:
                rating = float(row[rating_col])
            except (TypeError, ValueError):
                raise InputError(f"{path}:{number}: rating {row[rating_col]!r} is not a "
                                 "number") from None
            rows.append((row[text_col] or "", rating))
    if not rows:
        raise InputError(f"{path}: no rows to evaluate")
    return rows


def evaluate(rows: list[tuple[str, float]], models: dict[str, Any] | None = None
             ) -> dict[str, object]:
    """Counts and timing for reviewwatch triage (each model given) and plain vaderSentiment."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from reviewwatch.triage import NEGATIVE, triage

    models = models or {"reviewwatch triage": None}
    result: dict[str, object] = {"rows": len(rows),
                                 "negative": sum(r <= NEGATIVE_STARS for _, r in rows),
                                 "scorers": []}
    for name, model in models.items():
        counts = Counts()
        started = time.perf_counter()
        for text, rating in rows:
            counts.add(triage(text, language="en", model=model)["label"] == "negative",
                       rating <= NEGATIVE_STARS)
        result["scorers"].append((name, counts, time.perf_counter() - started))  # type: ignore
    analyzer = SentimentIntensityAnalyzer()
    plain = Counts()
    started = time.perf_counter()
    for text, rating in rows:
        plain.add(analyzer.polarity_scores(text)["compound"] <= NEGATIVE,
                  rating <= NEGATIVE_STARS)
    result["scorers"].append(("vaderSentiment <= -0.05", plain,  # type: ignore[attr-defined]
                              time.perf_counter() - started))
    return result


def main_eval(path: str, text_col: str, rating_col: str, models: dict[str, Any] | None = None
              ) -> str:
    """The report `reviewwatch eval` prints (shipped and adapted models, beside VADER)."""
    result = evaluate(read_rows(path, text_col, rating_col), models)
    lines = [f"{result['rows']} rows, {result['negative']} negative (rating <= "
             f"{NEGATIVE_STARS}); the scorers see the text only",
             f"{'scorer':<28}{'precision':>10}{'recall':>8}{'F1':>7}{'TP':>6}{'FP':>6}"
             f"{'FN':>6}{'rows/s':>9}"]
    for name, c, seconds in result["scorers"]:  # type: ignore[attr-defined]
        rate = result["rows"] / seconds if seconds else 0.0  # type: ignore[operator]
        lines.append(f"{name:<28}{c.precision:>10.3f}{c.recall:>8.3f}{c.f1:>7.3f}{c.tp:>6}"
                     f"{c.fp:>6}{c.fn:>6}{rate:>9.0f}")
    return "\n".join(lines)
