"""Subword character n-grams beside the word features, measured leave one domain out.

Each word of a text (its `features.tokens`, negation marks kept) is wrapped in boundary
marks ("<word>") and its character 3- to 5-grams become features beside the shipped model's
word and stem n-grams ("<re", "reb", ..., "ted>"), so "rebooted", "reboots" and a
misspelled "rebootd" share evidence. The fit is train.py's (the same NB scaling, class and
source weights, Newton-CG, MIN_COUNT); the threshold, the cue weight and the dilution are
chosen by train.leave_one_domain_out's own rule (the cue prior's n stays the count of the
word features, as the runtime would keep it). Variants:

- `joint`: the char n-grams in the same bag, one 1/sqrt(n) over everything;
- `sep A`: the word block scaled 1/sqrt(n_words) as shipped, the char block A/sqrt(n_chars);
- `oov`: only the char n-grams of words outside the fold's training vocabulary (`sep` scaling);
- `word A`: `sep A` with each distinct word's n-grams counted, a gram two words share
  twice (what a per-word memo would compute at run time);
- `...-nostem`: the same with the light-stem unigrams left out (the char n-grams instead).

    .venv/bin/python bench/char_ngrams.py [--variants base,joint,sep1,sep0.5,oov1]
        [--ns 3,4,5] [--char-min-count 2] [--cache /tmp/char-rows.pkl] [--cost]

~2 min a variant on 2 cores (`base` reproduces the model card: 0.677, nested 0.672).
`--cost` times the char block on short texts instead. Nothing from ../shared is written
into the repository; --cache is a scratch pickle of the featurized rows (not a model file).
Results (none kept): docs/triage.md, "Generalization round 3".
"""

from __future__ import annotations

import argparse
import math
import multiprocessing
import pickle
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from itertools import repeat
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reviewwatch.triage import corpus, features, train  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
NS = (3, 4, 5)
_SKIP = frozenset({"!", "?", "NOT"})
CHAR_MIN_COUNT = train.MIN_COUNT  # --char-min-count


def char_grams(toks: list[str], only: frozenset[str] | None = None,
               ns: tuple[int, ...] = NS) -> list[str]:
    """The distinct char n-grams of a text's distinct words; a negated word's are marked.
    `only`: skip the words in this set (the vocabulary), for the `oov` variant."""
    out: set[str] = set()
    for t in set(toks):
        if t in _SKIP:
            continue
        neg = t.startswith("~")
        w = t[1:] if neg else t
        if only is not None and w in only:
            continue
        s = f"<{w}>"
        p = "k~:" if neg else "k:"
        for n in ns:
            out.update(p + s[i:i + n] for i in range(len(s) - n + 1))
    return sorted(out)


def char_grams_per_word(toks: list[str], ns: tuple[int, ...] = NS) -> list[str]:
    """The char n-grams of each distinct word, not de-duplicated across words (the form a
    per-word memo computes at run time: a gram two words share counts twice)."""
    out: list[str] = []
    for t in sorted(set(toks)):
        if t not in _SKIP:
            out.extend(char_grams([t], ns=ns))
    return out


def load_rows(cache: Path | None):
    if cache and cache.exists():
        return pickle.loads(cache.read_bytes())
    examples = corpus.load(DATA)
    rows = train._rows(examples)
    toks = [features.tokens(features.judged(e.text)) for e in examples]
    y = [e.label == "negative" for e in examples]
    doms = [e.domain for e in examples]
    data = (rows, toks, y, doms)
    if cache:
        cache.write_bytes(pickle.dumps(data))
    return data


_S: dict = {}


def _matrix(words: list[list[str]], chars: list[list[str]], vocab: dict[str, int],
            mode: str, alpha: float):
    import numpy as np
    from scipy.sparse import csr_matrix

    indptr, indices, data = [0], [], []
    for wrow, crow in zip(words, chars, strict=True):
        if mode == "joint":
            n = len(wrow) + len(crow)
            ws = cs = 1.0 / math.sqrt(n) if n else 0.0
        else:
            ws = 1.0 / math.sqrt(len(wrow)) if wrow else 0.0
            cs = alpha / math.sqrt(len(crow)) if crow else 0.0
        for f in wrow:
            j = vocab.get(f)
            if j is not None:
                indices.append(j)
                data.append(ws)
        for f in crow:
            j = vocab.get(f)
            if j is not None:
                indices.append(j)
                data.append(cs)
        indptr.append(len(indices))
    x = csr_matrix((np.array(data), np.array(indices, dtype=np.int64), np.array(indptr)),
                   shape=(len(words), len(vocab)))
    x.sum_duplicates()  # (the `word` variant's repeated grams: one entry, their sum)
    return x


def _fit(words, chars, y, domains, mode, alpha):
    import numpy as np
    from scipy.sparse import diags
    from sklearn.linear_model import LogisticRegression

    counts: dict[str, int] = {}
    for row in (*words, *chars):
        for f in row:
            counts[f] = counts.get(f, 0) + 1
    vocab = {f: i for i, f in enumerate(sorted(
        f for f, n in counts.items()
        if n >= (CHAR_MIN_COUNT if f.startswith("k") else train.MIN_COUNT)))}
    per: dict[str, int] = {}
    for d in domains:
        per[d] = per.get(d, 0) + 1
    weights = np.array([len(words) / (len(per) * per[d]) for d in domains])
    x, truth = _matrix(words, chars, vocab, mode, alpha), np.array(y)
    r = train._ratios(x, truth, weights)
    clf = LogisticRegression(
        C=train.C, max_iter=3000, class_weight="balanced", tol=train.TOL, solver=train.SOLVER)
    clf.fit(x @ diags(r), truth, sample_weight=weights)
    return vocab, clf.coef_[0] * r, float(clf.intercept_[0])


def _fold(name: str):
    rows, toks, y, doms = _S["rows"], _S["toks"], _S["y"], _S["doms"]
    mode, alpha = _S["mode"], _S["alpha"]
    tr = [i for i, d in enumerate(doms) if d != name]
    te = [i for i, d in enumerate(doms) if d == name]
    if mode == "oov":  # the fold's own word vocabulary (unigrams kept by MIN_COUNT)
        seen: dict[str, int] = {}
        for i in tr:
            for f in rows[i]:
                if f.startswith("u:"):
                    seen[f] = seen.get(f, 0) + 1
        known = frozenset(f[2:].lstrip("~") for f, n in seen.items() if n >= train.MIN_COUNT)
        chars = [char_grams(t, known, _S["ns"]) for t in toks]
        mode = "sep"
    elif mode == "none":
        chars = [[] for _ in toks]
    else:
        chars = _S["chars"]
    vocab, coef, b = _fit([rows[i] for i in tr], [chars[i] for i in tr], [y[i] for i in tr],
                          [doms[i] for i in tr], mode, alpha)
    z = _matrix([rows[i] for i in te], [chars[i] for i in te], vocab, mode, alpha) @ coef + b
    return list(zip(te, map(float, z), strict=True)), len(vocab)


def run(variant: str, data, chars_all, examples):
    rows, toks, y, doms = data
    fit_rows = rows
    if variant.endswith("-nostem"):  # the char n-grams instead of the light stems
        variant = variant[:-len("-nostem")]
        fit_rows = [[f for f in row if not f.startswith("s:")] for row in rows]
    if variant == "base":
        mode, alpha = "none", 1.0
    elif variant == "joint":
        mode, alpha = "joint", 1.0
    elif variant.startswith("sep"):
        mode, alpha = "sep", float(variant[3:])
    elif variant.startswith("word"):  # per-word multiset, `sep` scaling
        mode, alpha = "sep", float(variant[4:])
        chars_all = [char_grams_per_word(t, NS) for t in toks]
    elif variant.startswith("oov"):
        mode, alpha = "oov", float(variant[3:])
    else:
        raise SystemExit(f"unknown variant {variant}")
    names = list(dict.fromkeys(doms))
    _S.update(ns=NS, rows=fit_rows, toks=toks, y=y, doms=doms, mode=mode, alpha=alpha,
              chars=chars_all)
    started = time.time()
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork")) as pool:
        results = list(pool.map(_fold, names))
    logits = {i: z for fold, _ in results for i, z in fold}
    sizes = [n for _, n in results]
    original = train._fold_logits
    train._fold_logits = lambda *a, **k: logits
    try:
        lodo = train.leave_one_domain_out(examples, rows=rows)
    finally:
        train._fold_logits = original
    return lodo, time.time() - started, sizes


def cost(data) -> None:
    """The run-time cost of the char block on short texts, beside the shipped model's score of
    the same tokens: the text's distinct n-grams looked up in a table of the fit's size (the
    exact set semantics the LODO runs measured), and a per-word memo of each word's n-gram
    sum (cheaper, but a different feature: n-grams shared by two words count twice)."""
    import timeit

    from reviewwatch.triage import vader
    from reviewwatch.triage.model import load

    sys.path.insert(0, str(ROOT / "bench"))
    import bench_ingest

    bench_ingest.DATA = DATA / "train"
    tiny = [t for t, _ in bench_ingest.load_texts()[:1500] if len(t.encode()) < 150][:1000]
    counts: dict[str, int] = {}
    for t in data[1]:
        for g in char_grams(t):
            counts[g] = counts.get(g, 0) + 1
    table = {g: 0.001 * len(g) for g, n in counts.items() if n >= 2}
    model = load()
    batch = []
    for t in tiny:
        j = features.judged(t)
        batch.append((features.tokens(j), vader.compound(j)))

    def shipped():
        for toks, c in batch:
            model.score_tokens(toks, c, [])

    def exact():
        get = table.get
        for toks, _ in batch:
            grams = char_grams(toks)
            sum(map(get, grams, repeat(0.0))) / math.sqrt(len(grams) or 1)

    memo: dict[str, tuple[float, int]] = {}

    def per_word():
        for toks, _ in batch:
            total = n = 0
            for t in set(toks):
                hit = memo.get(t)
                if hit is None:
                    grams = char_grams([t])
                    hit = memo[t] = (sum(table.get(g, 0.0) for g in grams), len(grams))
                total += hit[0]
                n += hit[1]
            total / math.sqrt(n or 1)

    per_word()  # the memo filled (a warm one, as in a long-running process)
    print(f"{len(table):,} char n-gram weights; {len(batch)} ingest texts < 150 B, "
          "µs a text (best of 5):")
    for name, fn in (("shipped model.score_tokens", shipped), ("char block, exact set", exact),
                     ("char block, per-word memo (warm)", per_word)):
        best = min(timeit.repeat(fn, number=1, repeat=5))
        print(f"  {name:<34}{best / len(batch) * 1e6:>8.1f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--variants", default="base,joint,sep1,sep0.5,oov1")
    ap.add_argument("--cache", type=Path)
    ap.add_argument("--ns", default="3,4,5", help="the char n-gram lengths")
    ap.add_argument("--char-min-count", type=int, default=train.MIN_COUNT)
    ap.add_argument("--cost", action="store_true", help="time the char block on short texts")
    args = ap.parse_args()
    global NS, CHAR_MIN_COUNT
    NS = tuple(int(n) for n in args.ns.split(","))
    CHAR_MIN_COUNT = args.char_min_count
    examples = corpus.load(DATA)
    data = load_rows(args.cache)
    if args.cost:
        cost(data)
        return
    chars_all = [char_grams(t, ns=NS) for t in data[1]]
    print(f"n = {NS}, char min count {CHAR_MIN_COUNT}; {len(examples)} texts; char n-grams "
          "a text: mean "
          f"{sum(map(len, chars_all)) / len(chars_all):.0f} (words' features "
          f"{sum(map(len, data[0])) / len(data[0]):.0f})", flush=True)
    for v in args.variants.split(","):
        lodo, secs, sizes = run(v, data, chars_all, examples)
        m = lodo["mean_f1"]
        print(f"\n== {v}: mean {m['model']:.3f}, nested {m['nested']:.3f}, learned alone "
              f"{m['learned_only']:.3f}; threshold {lodo['threshold']}, cue weight "
              f"{lodo['cue_weight']}, k {lodo['cue_features']}; {secs:.0f} s; fold vocab "
              f"{min(sizes):,}-{max(sizes):,}", flush=True)
        for r in lodo["table"]:
            print(f"  {r['domain']:<22} model {r['model']['f1']:.3f}  nested "
                  f"{r['nested_f1']:.3f}  learned {r['learned_only']['f1']:.3f}", flush=True)


if __name__ == "__main__":
    main()
