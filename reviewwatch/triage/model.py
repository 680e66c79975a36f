"""The trained triage model at run time: JSON weights, a dot product, no scikit-learn.

The shipped model (`models/triage-en.json`, trained by `train.py`) gives the probability that
a text is a complaint. A business's own corrections fit an adaptation on top of it (`adapt.py`):
extra weights added to the shipped logit, so a business with no corrections gets exactly the
shipped model.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from reviewwatch.triage import features

SHIPPED = Path(__file__).with_name("models") / "triage-en.json"
MAX_LOGIT = 30.0
def cue_mass(text: str) -> float:
    """The complaint cues' total weight in a text (capped): the model's fixed prior."""
    return features.featurize_with_cues(text, 0.0)[1]


@dataclass(frozen=True)
class LinearModel:
    """A logistic regression over feature strings; `delta` is a business's adaptation."""

    bias: float
    weights: dict[str, float]
    threshold: float = 0.5
    delta: dict[str, float] = field(default_factory=dict)
    delta_bias: float = 0.0
    name: str = "shipped"
    cue_weight: float = 0.0

    def logit(self, feats: Iterable[str]) -> float:
        distinct = set(feats)
        if not distinct:
            return self.bias + self.delta_bias
        w, d = self.weights, self.delta
        total = sum(w.get(f, 0.0) for f in distinct)
        if d:
            total += sum(d.get(f, 0.0) for f in distinct)
        return self.bias + self.delta_bias + total / math.sqrt(len(distinct))

    def probability(self, text: str, compound: float) -> float:
        """P(the text is a complaint)."""
        return self.score(text, compound)[0]

    def score(self, text: str, compound: float, cues: list | None = None
              ) -> tuple[float, float]:
        """(P(the text is a complaint), the complaint cues' weight in it)."""
        feats, cues = features.featurize_with_cues(text, compound, cues)
        z = self.logit(feats) + self.cue_weight * cues
        z = max(-MAX_LOGIT, min(MAX_LOGIT, z))
        return 1.0 / (1.0 + math.exp(-z)), cues

    def adapted(self, delta: dict[str, float], delta_bias: float, name: str) -> LinearModel:
        return LinearModel(self.bias, self.weights, self.threshold, delta, delta_bias, name,
                           self.cue_weight)


@lru_cache(maxsize=4)
def load(path: Path = SHIPPED) -> LinearModel:
    """The model in a weights file (read once, then cached)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if data.get("format") != "reviewwatch-triage-linear/1":
        raise ValueError(f"{path}: not a reviewwatch triage model")
    return LinearModel(float(data["bias"]), {str(k): float(v) for k, v in data["weights"].items()},
                       float(data["threshold"]), cue_weight=float(data.get("cue_weight", 0.0)))
