"""Two more ways to adapt to a new domain from its own unlabelled texts, left one domain out.

1. Feature subsetting (Satpal & Sarawagi 2007): a feature whose share of the left-out
   domain's texts is more than R times its mean share in the training domains (and that is
   in at least a share `min` of them) is a topic word of that domain, and its weight learned
   elsewhere may not carry: scaled by `keep` (0 = dropped). Every domain, the shipped cue
   weight and threshold (0.25, 0.55).
2. Self-training: the base model's own confident calls on the domain (its logit at least m
   from the 0.55 line) taken as corrections, and `adapt.fit` (the pure-Python adaptation a
   business's staff corrections get) fitted on them; F1 of the adapted model on all of the
   domain's texts (whole domain, and 5 draws of 1000 and 200 texts).

    .venv/bin/python bench/unlabelled_adapt.py [--self-training clothing_products,...|all]
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reviewwatch.triage import adapt, corpus, features, train, vader  # noqa: E402
from reviewwatch.triage.model import LinearModel, cue_mass  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
LINE = math.log(0.55 / 0.45)
CUE_WEIGHT = 0.25
SUBSETS = [(r, mn, keep) for r in (2, 3, 5, 10, 30) for mn in (0.002, 0.01, 0.03)
           for keep in (0.0, 0.5)]
MARGINS = (0.5, 1.0, 2.0)
SIZES = (None, 1000, 200)
DRAWS = 5


def f1(t: np.ndarray, p: np.ndarray) -> float:
    tp, wrong = int(np.sum(t & p)), int(np.sum(t ^ p))
    return 2 * tp / (2 * tp + wrong) if tp else 0.0


def subsetting(examples, rows, y, dom, names) -> None:
    cue = LinearModel(0.0, {}, cue_weight=CUE_WEIGHT)
    prior = np.array([cue.cue_prior(cue_mass(e.text), len(r)) for e, r in zip(examples, rows,
                                                                                strict=True)])
    base, moved = {}, {s: {} for s in SUBSETS}
    for d in names:
        tr, te = np.where(dom != d)[0], np.where(dom == d)[0]
        vocab, clf = train._fit([rows[i] for i in tr], y[tr].tolist(), dom[tr].tolist())
        xt = train._matrix([rows[i] for i in te], vocab)
        xs = (train._matrix([rows[i] for i in tr], vocab) > 0).astype(np.float64)
        share_s = sum(np.asarray(xs[dom[tr] == o].mean(axis=0)).ravel() for o in names
                      if o != d) / (len(names) - 1)
        share_t = np.asarray((xt > 0).astype(np.float64).mean(axis=0)).ravel()
        ratio = (share_t + 1e-4) / (share_s + 1e-4)
        base[d] = f1(y[te], xt @ clf.coef + clf.intercept + prior[te] >= LINE)
        for s in SUBSETS:
            r, mn, keep = s
            coef = np.where((ratio > r) & (share_t >= mn), clf.coef * keep, clf.coef)
            moved[s][d] = f1(y[te], xt @ coef + clf.intercept + prior[te] >= LINE)
    print("feature subsetting (R, min share, keep): mean F1, then each domain's change")
    print(f"  none: {np.mean(list(base.values())):.3f} (" +
          ", ".join(f"{d} {f:.3f}" for d, f in base.items()) + ")")
    for s, got in moved.items():
        print(f"  {s}: {np.mean(list(got.values())):.3f} " +
              " ".join(f"{got[d] - base[d]:+.3f}" for d in names))


def self_training(examples, rows, y, dom, domains) -> None:
    print("self-training: adapt.fit on the base model's calls at least m from the line; "
          "F1 (m = 0: no adaptation)")
    for d in domains:
        tr = np.where(dom != d)[0]
        vocab, clf = train._fit([rows[i] for i in tr], y[tr].tolist(), dom[tr].tolist())
        base = LinearModel(clf.intercept, {f: float(clf.coef[j]) for f, j in vocab.items()},
                           0.55, cue_weight=CUE_WEIGHT)
        mine = np.where(dom == d)[0]
        texts = [examples[i].text for i in mine]
        compounds = [vader.compound(features.judged(t)) for t in texts]
        truth = y[mine]

        def logits(model, idx, texts=texts, compounds=compounds):
            p = np.array([model.probability(texts[i], compounds[i]) for i in idx])
            return np.log(np.clip(p, 1e-12, 1 - 1e-12) / np.clip(1 - p, 1e-12, 1))

        z_all = logits(base, range(len(texts)))
        found = []
        for size in SIZES:
            if size is not None and size >= len(texts):
                continue
            draws = [np.arange(len(texts))] if size is None else [
                np.random.default_rng(s).choice(len(texts), size, replace=False)
                for s in range(DRAWS)]
            for m in (0.0, *MARGINS):
                tp = wrong = 0
                for idx in draws:
                    z = z_all[idx]
                    pick = [j for j, v in enumerate(z) if abs(v - LINE) >= m] if m else []
                    calls = [bool(z[j] >= LINE) for j in pick]
                    if m and any(calls) and len(pick) >= adapt.MIN_CORRECTIONS:
                        delta, bias = adapt.fit(base, [texts[idx[j]] for j in pick], calls)
                        z = logits(base.adapted(delta, bias, "self"), idx)
                    p, t = z >= LINE, truth[idx]
                    tp += int(np.sum(p & t))
                    wrong += int(np.sum(p ^ t))
                found.append(f"{size or 'all'} m={m}: {2 * tp / (2 * tp + wrong):.3f}")
        print(f"  {d}: " + ", ".join(found), flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--self-training", default="clothing_products,tripadvisor_hotels")
    args = ap.parse_args()
    examples = corpus.load(DATA)
    rows = train._rows(examples)
    y = np.array([e.label == "negative" for e in examples])
    dom = np.array([e.domain for e in examples])
    names = list(dict.fromkeys(dom.tolist()))
    subsetting(examples, rows, y, dom, names)
    chosen = names if args.self_training == "all" else args.self_training.split(",")
    self_training(examples, rows, y, dom, [d for d in chosen if d])


if __name__ == "__main__":
    main()
