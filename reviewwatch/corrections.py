"""Learning from staff: label corrections, stored with who and when, and each business's fit.

A correction says what an item (or a text) really is: its label and, optionally, its aspects.
It is stored once per business and text (a later correction of the same text replaces the
earlier one) and audited. `fit` trains that business's adaptation on top of the shipped model
(`triage/adapt.py`); the scheduler refits nightly when corrections came in since the last fit.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from sqlite_utils import Database

from reviewwatch import db as store
from reviewwatch.errors import InputError
from reviewwatch.triage import adapt
from reviewwatch.triage import model as linear

LABELS = ("negative", "mixed", "neutral", "positive")
MAX_TEXT = 20_000
_cache: dict[tuple[str, str], linear.LinearModel] = {}


def _hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).lower().encode("utf-8")).hexdigest()


def _check(label: Any, aspects: Any) -> tuple[str, list[str]]:
    if label not in LABELS:
        raise InputError(f'"label" must be one of {", ".join(LABELS)}')
    aspects = aspects or []
    if not isinstance(aspects, list) or not all(isinstance(a, str) and a.strip() and len(a) < 60
                                                for a in aspects):
        raise InputError('"aspects" must be a list of aspect ids')
    return label, aspects


def correct(db: Database, business_id: str, text: str, label: str, *, actor: str,
            origin: str, aspects: list[str] | None = None, item_id: int | None = None,
            ) -> int:
    """Store one correction (replacing an earlier one of the same text); return its id."""
    label, aspects = _check(label, aspects)
    if not isinstance(text, str) or not text.strip():
        raise InputError('"text" must be a non-empty string')
    text = text[:MAX_TEXT]
    now = store.utcnow()
    db.execute(
        "INSERT INTO label_corrections (business_id, item_id, text, text_hash, label, aspects, "
        "origin, corrected_by, corrected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(business_id, text_hash) DO UPDATE SET label=excluded.label, "
        "aspects=excluded.aspects, item_id=coalesce(excluded.item_id, item_id), "
        "origin=excluded.origin, corrected_by=excluded.corrected_by, "
        "corrected_at=excluded.corrected_at",
        [business_id, item_id, text, _hash(text), label, json.dumps(aspects), origin, actor,
         now])
    row = next(db.query("SELECT id FROM label_corrections WHERE business_id = ? AND "
                        "text_hash = ?", [business_id, _hash(text)]))
    store.audit(db, actor, "label_corrected", f"item:{item_id}" if item_id else
                f"correction:{row['id']}", business=business_id, label=label, aspects=aspects,
                origin=origin)
    return row["id"]


def correct_item(db: Database, item_id: int, label: str, *, actor: str, origin: str,
                 aspects: list[str] | None = None) -> dict[str, Any]:
    """Correct a stored item's label (and aspects): the correction, and its triage row too."""
    item = store.get_item(db, item_id)
    label, aspects = _check(label, aspects)
    text = f"{item['title']}\n{item['text']}" if item.get("title") else item["text"]
    with db.atomic():
        correct(db, item["business_id"], text, label, actor=actor, origin=origin,
                aspects=aspects, item_id=item_id)
        sets = ["label = ?"]
        args: list[Any] = [label]
        if aspects:
            sets.append("aspects = ?")
            args.append(json.dumps(aspects))
        db.execute(f"UPDATE triage SET {', '.join(sets)} WHERE item_id = ?", [*args, item_id])
    return store.get_item(db, item_id)


def import_labels(db: Database, business_id: str, lines: Iterable[str], actor: str
                  ) -> tuple[int, list[dict[str, Any]]]:
    """JSON Lines of {"text", "label"[, "aspects"]}: how many stored, and an error per bad line.

    All good lines are stored in one transaction; a bad line is reported and stores nothing.
    """
    rows: list[tuple[str, str, list[str]]] = []
    errors: list[dict[str, Any]] = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise InputError("each line must be a JSON object")
            text = obj.get("text")
            if not isinstance(text, str) or not text.strip():
                raise InputError('"text" must be a non-empty string')
            label, aspects = _check(obj.get("label"), obj.get("aspects"))
            rows.append((text, label, aspects))
        except (json.JSONDecodeError, InputError) as e:
            errors.append({"error": str(e) if isinstance(e, InputError) else
                           f"not JSON: {e.msg}", "line": n})
    with db.atomic():
        for text, label, aspects in rows:
            correct(db, business_id, text, label, actor=actor, origin="import", aspects=aspects)
    return len(rows), errors


def count(db: Database, business_id: str) -> int:
    return db.execute("SELECT count(*) FROM label_corrections WHERE business_id = ?",
                      [business_id]).fetchone()[0]


def fit(db: Database, business_id: str, actor: str = "reviewwatch") -> dict[str, Any]:
    """Fit the business's adaptation on all its corrections, and store it."""
    rows = list(db.query("SELECT id, text, label FROM label_corrections WHERE business_id = ? "
                         "ORDER BY id", [business_id]))
    if len(rows) < adapt.MIN_CORRECTIONS:
        raise InputError(f"{business_id}: {len(rows)} corrections; a fit needs at least "
                         f"{adapt.MIN_CORRECTIONS}")
    base = linear.load()
    delta, bias, check = adapt.fit_checked(base, [r["text"] for r in rows],
                                           [r["label"] == "negative" for r in rows])
    fitted = {"delta": delta, "bias": bias, "check": check}
    now = store.utcnow()
    with db.atomic():
        db.execute(
            "INSERT INTO business_models (business_id, model, corrections, last_correction_id, "
            "fitted_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(business_id) DO UPDATE SET "
            "model=excluded.model, corrections=excluded.corrections, "
            "last_correction_id=excluded.last_correction_id, fitted_at=excluded.fitted_at",
            [business_id, json.dumps(fitted), len(rows), rows[-1]["id"], now])
        store.audit(db, actor, "model_fitted", f"business:{business_id}", corrections=len(rows),
                    features=len(delta), kept=check["kept"])
    return {"business": business_id, "corrections": len(rows), "features": len(delta),
            "fitted_at": now, "check": check}


def needs_refit(db: Database, business_id: str) -> bool:
    """Corrections came in since the last fit (and there are enough to fit)."""
    latest = db.execute("SELECT max(id), count(*) FROM label_corrections WHERE business_id = ?",
                        [business_id]).fetchone()
    if not latest[0] or latest[1] < adapt.MIN_CORRECTIONS:
        return False
    rows = list(db.query("SELECT last_correction_id FROM business_models WHERE business_id = ?",
                         [business_id]))
    return not rows or rows[0]["last_correction_id"] < latest[0]


def adaptation(db: Database, business_id: str) -> tuple[dict[str, float], float, str] | None:
    """(delta, bias, name) of the business's stored adaptation, None if it has none: what
    `model_for` applies to the shipped model, without loading that (the triage workers
    apply it; the collecting process need not hold the model's tables too)."""
    rows = list(db.query("SELECT model FROM business_models WHERE business_id = ?",
                         [business_id]))
    stored = json.loads(rows[0]["model"]) if rows else None
    if not stored or not stored.get("delta") and not stored.get("bias"):
        return None  # as adapt.adapted_model: the shipped model as it is
    return ({str(k): float(v) for k, v in stored.get("delta", {}).items()},
            float(stored.get("bias", 0.0)), f"shipped+{business_id}")


def model_for(db: Database | None, business_id: str | None) -> linear.LinearModel:
    """The business's adapted model, or the shipped one; cached until the next fit."""
    base = linear.load()
    if db is None or not business_id:
        return base
    rows = list(db.query("SELECT model, fitted_at FROM business_models WHERE business_id = ?",
                         [business_id]))
    if not rows:
        return base
    key = (business_id, rows[0]["fitted_at"])
    if key not in _cache:
        _cache[key] = adapt.adapted_model(base, json.loads(rows[0]["model"]),
                                          f"shipped+{business_id}")
    return _cache[key]

