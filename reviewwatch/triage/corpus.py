"""The public labelled text the triage model is trained and measured on (read from ../shared).

Each source is one domain for leave-one-domain-out: a model is trained on all but one and
tested on the one left out, which is how well it carries to a business it never saw.
Labels are negative / neutral / positive; star ratings map <= 2 negative, 3 neutral, >= 4
positive, and the VADER raters' mean maps below -0.5 negative, above 0.5 positive.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

VADER_NEGATIVE_MEAN = -0.5
VADER_POSITIVE_MEAN = 0.5


@dataclass(frozen=True)
class Example:
    text: str
    label: str  # negative | neutral | positive
    domain: str


def _jsonl(path: Path, domain: str) -> Iterator[Example]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if row.get("label") in ("negative", "neutral", "positive") and row.get("text"):
                yield Example(row["text"], row["label"], domain)


def _semeval(path: Path) -> Iterator[Example]:
    """A sentence is negative when an aspect is negative and none positive, and so on."""
    with path.open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            polarities = {a["polarity"] for a in row.get("aspect_categories", [])}
            if "negative" in polarities and "positive" not in polarities:
                label = "negative"
            elif "positive" in polarities and "negative" not in polarities:
                label = "positive"
            else:
                label = "neutral"
            yield Example(row["text"], label, "semeval_restaurant")


def _vader(path: Path, domain: str) -> Iterator[Example]:
    with path.open(encoding="utf-8", newline="") as f:
        for line in f:
            parts = line.rstrip("\r\n").split("\t")
            if len(parts) < 3:
                continue
            mean = float(parts[1])
            label = "negative" if mean < VADER_NEGATIVE_MEAN else \
                "positive" if mean > VADER_POSITIVE_MEAN else "neutral"
            yield Example("\t".join(parts[2:]), label, domain)


def _stars(path: Path, text_col: str, rating_col: str, domain: str) -> Iterator[Example]:
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            stars = float(row[rating_col])
            label = "negative" if stars <= 2 else "neutral" if stars < 4 else "positive"
            yield Example(row[text_col], label, domain)


SOURCES = (
    ("yelp_local_business", lambda d: _jsonl(d / "train/yelp_reviews.jsonl",
                                             "yelp_local_business")),
    ("play_apps", lambda d: _jsonl(d / "train/play_app_reviews.jsonl", "play_apps")),
    ("clothing_products", lambda d: _jsonl(d / "train/clothing_reviews.jsonl",
                                           "clothing_products")),
    ("hotel_titles", lambda d: _jsonl(d / "train/hotel_review_titles.jsonl", "hotel_titles")),
    ("uci_sentences", lambda d: _jsonl(d / "train/uci_sentences.jsonl", "uci_sentences")),
    ("semeval_restaurant", lambda d: _semeval(d / "train/semeval2014_restaurant_aspects.jsonl")),
    ("vader_tweets", lambda d: _vader(d / "vader_ground_truth/tweets_GroundTruth.txt",
                                      "vader_tweets")),
    ("vader_movie_snippets", lambda d: _vader(
        d / "vader_ground_truth/movieReviewSnippets_GroundTruth.txt", "vader_movie_snippets")),
    ("vader_nyt_snippets", lambda d: _vader(
        d / "vader_ground_truth/nytEditorialSnippets_GroundTruth.txt", "vader_nyt_snippets")),
    ("tripadvisor_hotels", lambda d: _stars(
        d / "reviews_dev/tripadvisor_hotel_reviews_subset.csv", "Review", "Rating",
        "tripadvisor_hotels")),
)


def load(data_dir: Path) -> list[Example]:
    """Every labelled example under `data_dir` (the shared `data/` folder), in a fixed order."""
    examples: list[Example] = []
    for _, reader in SOURCES:
        examples.extend(reader(Path(data_dir)))
    return examples
