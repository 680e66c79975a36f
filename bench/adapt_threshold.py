"""Would a per-business threshold help the adaptation learned from staff corrections?

    .venv/bin/python bench/adapt_threshold.py [DOMAIN,DOMAIN,...]

For each domain (default: the four `bench/lodo.py` reports), a model is trained on every other
domain; for 5 seeds, 300 of the domain's texts are given as corrections and up to 3,000 of
the rest are held out. The corrections' out-of-fold probabilities (3 folds, as
`adapt.fit_checked` deals them) choose a threshold for the shipped and the adapted model; the
held-out F1 is printed at the shipped threshold, at that chosen one, and at an oracle one
chosen on the held-out rows themselves (the ceiling of any threshold rule). Mean over seeds.
Measured 2026-12-04: no gain anywhere, and even the oracle stays under issue 9's 0.65 on the
product domains (clothing 0.579, Play 0.594), so no threshold is adapted.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import lodo  # noqa: E402

from reviewwatch.triage import adapt, corpus, features, train, vader  # noqa: E402
from reviewwatch.triage.model import load  # noqa: E402

GRID = [round(0.2 + 0.025 * k, 3) for k in range(29)]  # 0.2 .. 0.9
HELD_MAX = 3000


def _probabilities(model, texts: list[str]) -> list[float]:
    out = []
    for text in texts:
        judged = features.judged(text)
        out.append(model.probability(judged, vader.compound(judged)))
    return out


def _f1_at(ps: list[float], ys: list[bool], threshold: float) -> float:
    tp = sum(p >= threshold and y for p, y in zip(ps, ys, strict=True))
    fp = sum(p >= threshold and not y for p, y in zip(ps, ys, strict=True))
    fn = sum(y and p < threshold for p, y in zip(ps, ys, strict=True))
    return lodo.f1(tp, fp, fn)


def main() -> None:
    domains = sys.argv[1].split(",") if len(sys.argv) > 1 else [
        "clothing_products", "play_apps", "yelp_local_business", "tripadvisor_hotels"]
    examples = corpus.load(lodo.DATA)
    shipped = load()
    print("held-out F1, mean of 5 seeds: shipped threshold / chosen on the corrections' "
          "out-of-fold probabilities / oracle")
    for domain in domains:
        rest = [e for e in examples if e.domain != domain]
        vocab, clf = train._fit(train._rows(rest), [e.label == "negative" for e in rest],
                                [e.domain for e in rest])
        base = lodo._linear(vocab, clf, shipped.threshold, shipped.cue_weight,
                            shipped.cue_features)
        rows = []
        for seed in lodo.SEEDS:
            mine = [e for e in examples if e.domain == domain]
            random.Random(seed).shuffle(mine)
            given, held = mine[:lodo.CORRECTIONS], mine[lodo.CORRECTIONS:][:HELD_MAX]
            texts, negative = [e.text for e in given], [e.label == "negative" for e in given]
            truth = [e.label == "negative" for e in held]
            oof_base, oof_adapted, oof_truth = [], [], []
            for k in range(adapt.CHECK_FOLDS):
                out = [i for i in range(len(texts)) if i % adapt.CHECK_FOLDS == k]
                fit_on = [i for i in range(len(texts)) if i % adapt.CHECK_FOLDS != k]
                tuned = base.adapted(*adapt.fit(base, [texts[i] for i in fit_on],
                                                [negative[i] for i in fit_on]), "fold")
                oof_base += _probabilities(base, [texts[i] for i in out])
                oof_adapted += _probabilities(tuned, [texts[i] for i in out])
                oof_truth += [negative[i] for i in out]
            full = base.adapted(*adapt.fit(base, texts, negative), "full")
            held_texts = [e.text for e in held]
            for name, model, oof in (("shipped", base, oof_base), ("adapted", full, oof_adapted)):
                ps = _probabilities(model, held_texts)
                chosen = max(GRID, key=lambda t, o=oof: (_f1_at(o, oof_truth, t),
                                                         -abs(t - base.threshold)))
                rows.append((name, _f1_at(ps, truth, base.threshold), _f1_at(ps, truth, chosen),
                             max(_f1_at(ps, truth, t) for t in GRID)))
        for name in ("shipped", "adapted"):
            mine = [r[1:] for r in rows if r[0] == name]
            mean = [sum(x[k] for x in mine) / len(mine) for k in range(3)]
            print(f"  {domain:<22} {name:<8} {mean[0]:.3f} / {mean[1]:.3f} / {mean[2]:.3f}")


if __name__ == "__main__":
    main()
