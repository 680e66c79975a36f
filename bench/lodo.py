"""Triage generalization, aspects and learning from staff (needs the train extra).

1. Leave one domain out: for each source in ../shared/data, train on all the others and
   test negative detection on it, with plain VADER beside it (the model card's table).
2. Aspect detection on the SemEval-2014 restaurant sentences: the restaurant taxonomy's
   aspects mapped to SemEval's categories, category F1 per fold (5 folds). The taxonomy is
   hand-written and nothing is fitted on SemEval, so every fold is held out.
3. Corrections: for a domain left out of training, 300 of its texts given as staff
   corrections, the adaptation fitted on them, and F1 on the rest before and after.

    .venv/bin/python bench/lodo.py [--skip-lodo]
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reviewwatch.triage import adapt, corpus, features, taxonomy, train, vader  # noqa: E402
from reviewwatch.triage.model import LinearModel, load  # noqa: E402
from reviewwatch.triage.segment import clauses  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
SEMEVAL = {"food_quality": "food", "drinks": "food", "food_safety": "food",
           "service": "service", "staff": "service", "wait_time": "service",
           "support": "service", "price_value": "price", "billing": "price",
           "ambience": "ambience", "cleanliness": "ambience"}
CATEGORIES = ("food", "service", "price", "ambience", "anecdotes/miscellaneous")
CORRECTIONS = 300


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def aspects() -> None:
    tax = taxonomy.build("restaurant")
    rows = [json.loads(line) for line in (DATA / "train" / "semeval2014_restaurant_aspects"
                                          ".jsonl").open(encoding="utf-8")]
    print(f"aspect categories, SemEval-2014 restaurants ({len(rows)} sentences), "
          "restaurant taxonomy, nothing fitted on SemEval:")
    per_fold = []
    totals = {c: [0, 0, 0] for c in CATEGORIES}
    for fold in range(5):
        counts = {c: [0, 0, 0] for c in CATEGORIES}
        for i, row in enumerate(rows):
            if i % 5 != fold:
                continue
            gold = {a["category"] for a in row["aspect_categories"]}
            found = {SEMEVAL.get((tax.aspect_of(c.text) or (None,))[0]) for c in
                     clauses(row["text"])} - {None}
            predicted = found or {"anecdotes/miscellaneous"}
            for c in CATEGORIES:
                k = 0 if (c in gold and c in predicted) else 1 if c in predicted else \
                    2 if c in gold else None
                if k is not None:
                    counts[c][k] += 1
                    totals[c][k] += 1
        micro = [sum(v[k] for v in counts.values()) for k in range(3)]
        per_fold.append(f1(*micro))
    print("  micro F1 per fold: " + ", ".join(f"{x:.3f}" for x in per_fold) +
          f"; mean {sum(per_fold) / 5:.3f}")
    print("  per category: " + ", ".join(f"{c} {f1(*totals[c]):.3f}" for c in CATEGORIES))


def _linear(vocab: dict[str, int], clf, threshold: float, cue_weight: float,
            cue_features: int = 0) -> LinearModel:
    coef = clf.coef
    return LinearModel(clf.intercept, {f: float(coef[j]) for f, j in vocab.items()},
                       threshold, cue_weight=cue_weight, cue_features=cue_features)


SEEDS = (5, 1, 2, 3, 4)  # seed 5 is the figure reported since the first run; the rest, its noise
OLD_MARGIN = 0.02  # adapt.KEEP_MARGIN before it was chosen on other domains


def _score(model: LinearModel, held: list[corpus.Example]) -> float:
    tp = fp = fn = 0
    for e in held:
        judged = features.judged(e.text)
        p = model.probability(judged, vader.compound(judged)) >= model.threshold
        truth = e.label == "negative"
        tp += p and truth
        fp += p and not truth
        fn += truth and not p
    return f1(tp, fp, fn)


def corrections(examples: list[corpus.Example]) -> None:
    shipped = load()
    print(f"learning from staff: {CORRECTIONS} corrections from a domain left out of training "
          f"(threshold and cue prior as shipped); seed {SEEDS[0]}, then the mean over seeds "
          f"{', '.join(map(str, SEEDS))}:")
    for domain in ("clothing_products", "tripadvisor_hotels", "yelp_local_business",
                   "play_apps"):
        rest = [e for e in examples if e.domain != domain]
        rows = train._rows(rest)
        vocab, clf = train._fit(rows, [e.label == "negative" for e in rest],
                                [e.domain for e in rest])
        base = _linear(vocab, clf, shipped.threshold, shipped.cue_weight, shipped.cue_features)
        runs = []
        for seed in SEEDS:
            mine = [e for e in examples if e.domain == domain]
            random.Random(seed).shuffle(mine)
            given, held = mine[:CORRECTIONS], mine[CORRECTIONS:]
            texts, negative = [e.text for e in given], [e.label == "negative" for e in given]
            delta, bias, check = adapt.fit_checked(base, texts, negative)
            raw = base.adapted(*adapt.fit(base, texts, negative), "unchecked")
            runs.append((_score(base, held), _score(base.adapted(delta, bias, "adapted"), held),
                         check, _score(raw, held), len(held)))
        before, after, check, raw, n = runs[0]
        mean = [sum(r[k] for r in runs) / len(runs) for k in (0, 1, 3)]
        # the check's old margin (0.02), from the same fits: kept, the full fit is `raw`
        old = sum(r[3] if r[2]["f1_adapted"] >= r[2]["f1_shipped"] + OLD_MARGIN else r[0]
                  for r in runs) / len(runs)
        print(f"  {domain:<22} held out {n:>6}: F1 before {before:.3f}, "
              f"after {after:.3f} (adaptation {'kept' if check['kept'] else 'refused'}"
              f" by its own 3-fold check {check['f1_shipped']} -> {check['f1_adapted']}; "
              f"unchecked it would be {raw:.3f}); mean of {len(runs)} seeds: before "
              f"{mean[0]:.3f}, after {mean[1]:.3f} (kept {sum(r[2]['kept'] for r in runs)}), "
              f"unchecked {mean[2]:.3f}, with the old margin {OLD_MARGIN} {old:.3f}")


def main() -> None:
    examples = corpus.load(DATA)
    if "--skip-lodo" not in sys.argv:
        lodo = train.leave_one_domain_out(examples)
        print(f"leave one domain out (threshold {lodo['threshold']}, cue weight "
              f"{lodo['cue_weight']} diluted past {lodo['cue_features']} features; nested mean "
              f"{lodo['mean_f1'].get('nested', 0.0):.3f}):")
        print(f"  {'left out':<22}{'n':>7}{'VADER F1':>10}{'learned F1':>12}{'model F1':>10}")
        for r in lodo["table"]:
            print(f"  {r['domain']:<22}{r['n']:>7}{r['vader']['f1']:>10.3f}"
                  f"{r['learned_only']['f1']:>12.3f}{r['model']['f1']:>10.3f}")
        m = lodo["mean_f1"]
        print(f"  {'mean':<22}{'':>7}{m['vader']:>10.3f}{m['learned_only']:>12.3f}"
              f"{m['model']:>10.3f}")
    aspects()
    corrections(examples)


if __name__ == "__main__":
    main()
