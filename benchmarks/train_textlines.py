"""Train the line classifier of ``feeds/parse/textlines.py`` and judge it by cross-validation.

    python -m benchmarks.train_textlines --corpus DIR [--folds 5] [--write]

Labels come from a real-page development split (see ``benchmarks/textpages.py``): a line of
a full-page text capture is article text when it is a line of the page's gold body, or,
on pages without one, of its reader-view capture (readability's article, a silver label).
Pages are split into folds; each fold is predicted by models trained on the others, and
the body F1 (Zyte metric) of the lines kept is printed per fold and overall, and the
headline ranker is judged the same way. ``--write`` then trains on every page and writes
``feeds/data/textlines.json``. Needs numpy, scikit-learn and LightGBM (training only;
inference is plain Python).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from benchmarks.realpages import label_names_site
from benchmarks.textpages import load_rows
from feeds import chrome
from feeds.parse import textlines, textparse

HEAD_TREES, HEAD_LEAVES, HEAD_MIN_LEAF = 200, 8, 100
OUT = Path(__file__).resolve().parent.parent / "feeds" / "data" / "textlines.json"


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def page_units(text: str) -> list:
    return textparse.page_units(text)


def labels(units: list, gold: str) -> list[int]:
    gold_lines = {_norm(x) for x in gold.split("\n") if x.strip()}
    joined = " ".join(_norm(gold).split())
    out = []
    for u in units:
        t = _norm(u.text)
        out.append(int(t in gold_lines or (len(t.split()) >= 4 and t in joined)))
    return out


def load(corpus: Path, limit: int) -> list[dict]:
    pages = []
    for r in load_rows(corpus, limit):
        text = (corpus / "text" / f"{r['id']}.txt").read_text(encoding="utf-8")
        units = page_units(text)
        if not units:
            continue
        if r["body"]:
            gold = r["body"]
        else:
            reader = (corpus / "reader" / f"{r['id']}.txt").read_text(encoding="utf-8")
            gold = "\n".join(reader.split("\n")[1:])
        lines = [u.text for u in units]
        runs = [(u.run_len, i == 0 or units[i - 1].block != u.block) for i, u in enumerate(units)]
        pages.append({"row": r, "units": units, "lines": lines, "y": labels(units, gold),
                      "runs": runs, "X1": textlines.base_features(lines, runs)})
    return pages


def _fit(X: np.ndarray, y: np.ndarray) -> list[float]:
    clf = LogisticRegression(C=1.0, max_iter=2000, fit_intercept=False)
    clf.fit(X, y)
    return [round(float(v), 5) for v in clf.coef_[0]]


def train(pages: list[dict]) -> dict[str, list[float]]:
    X = np.array([row for p in pages for row in p["X1"]])
    y = np.array([v for p in pages for v in p["y"]])
    w1 = _fit(X, y)
    X2, y2 = [], []
    for p in pages:
        probs = textlines._apply(w1, p["X1"])
        X2 += textlines.context_features(probs)
        y2 += p["y"]
    w2 = _fit(np.array(X2), np.array(y2))
    return {"stage1": w1, "stage2": w2}


def probs_of(p: dict, model: dict) -> list[float]:
    return textlines._apply(model["stage2"], textlines.context_features(
        textlines._apply(model["stage1"], p["X1"])))


def body_of(p: dict, probs: list[float]) -> str:
    t = textlines.threshold(probs)
    return "\n".join(line for line, q in zip(p["lines"], probs, strict=True) if q >= t)


def head_rows(p: dict, probs: list[float]) -> tuple[list[int], list[list[float]], list[int]]:
    """Candidate indices, their features and labels (1 = the silver headline)."""
    lines = p["lines"]
    cut = textlines.threshold(probs)
    meta = [textparse.byline_parts(t) != (None, None) for t in lines]
    nav = [chrome.is_nav(t) for t in lines]
    bw = textlines.article_words(lines, probs, cut)
    _, idx, X = textlines.headline_table(
        lines, p["runs"], probs, meta, nav, Counter(lines), bw, cut,
        lambda first: next((i for i in range(first, len(lines))
                            if chrome.is_comments_heading(lines[i])), len(lines)))
    gold = _norm(p["row"]["headline"] or "")
    y = [int(_norm(lines[i]) == gold) for i in idx]
    return idx, X, y


def train_head(pages: list[dict]) -> list[list[list[float]]]:
    """Boosted trees ranking each page's headline candidates (a line beats its neighbours
    by combinations of features a linear model cannot weigh: long *and* followed by a
    date). Trained to rank (LambdaRank, the candidates of one page a group), which picks
    the right line more often than a yes/no classifier of lines (0.75 against 0.73 under
    cross-validation by page on the development corpus): only the order within a page
    counts. Written out as flat arrays for ``textlines.tree_score``."""
    import lightgbm as lgb

    X, y, groups = [], [], []
    for p in pages:
        if p["row"]["headline_source"] not in ("h1+og", "h1"):
            continue
        _, Xp, yp = p["head"]
        if any(yp):
            X += Xp
            y += yp
            groups.append(len(yp))
    ranker = lgb.LGBMRanker(
        objective="lambdarank", n_estimators=HEAD_TREES, num_leaves=HEAD_LEAVES,
        learning_rate=0.05, min_child_samples=HEAD_MIN_LEAF, lambdarank_truncation_level=3,
        deterministic=True, force_row_wise=True, num_threads=1, seed=0, verbose=-1,
    )
    ranker.fit(np.array(X), np.array(y), group=groups)
    return [_flat(tree["tree_structure"])
            for tree in ranker.booster_.dump_model()["tree_info"]]


def _flat(root: dict) -> list[list[float]]:
    """One LightGBM tree as arrays (feature, threshold, left, right, value; -1 children at
    a leaf), nodes numbered depth first. LightGBM sends a row left when its value is at
    most the threshold, as ``tree_score`` does."""
    feature: list[float] = []
    thresh: list[float] = []
    left: list[float] = []
    right: list[float] = []
    value: list[float] = []

    def walk(node: dict) -> int:
        k = len(feature)
        feature.append(-2)
        thresh.append(-2.0)
        left.append(-1)
        right.append(-1)
        value.append(0.0)
        if "leaf_value" in node:
            value[k] = float(node["leaf_value"])
            return k
        if node["decision_type"] != "<=":
            raise ValueError(f"unsupported split {node['decision_type']}")
        feature[k] = int(node["split_feature"])
        thresh[k] = float(node["threshold"])
        left[k] = walk(node["left_child"])
        right[k] = walk(node["right_child"])
        return k

    walk(root)
    return [feature, thresh, left, right, value]


def pick(w: list[list[list[float]]], cand: tuple) -> int | None:
    idx, X, _ = cand
    if not idx:
        return None
    scores = [textlines.tree_score(w, row) for row in X]
    return idx[max(range(len(idx)), key=scores.__getitem__)]


def end_to_end(corpus: Path, pages: list[dict], folds: int) -> None:
    """Each fold's captures read by the whole text reader (``benchmarks/textpages.py``)
    with line and headline models trained on the other folds: the reader's figures on
    pages its models never saw."""
    from zyte_evaluate import metrics_from_tp_fp_fns

    from benchmarks import textpages

    per_page: list[dict] = []
    shipped = textlines.weights
    try:
        for k in range(folds):
            rest = [p for i, p in enumerate(pages) if i % folds != k]
            model = dict(train(rest), head=train_head(rest))
            textlines.weights = lambda model=model: model  # type: ignore[assignment]
            held = [p["row"] for i, p in enumerate(pages) if i % folds == k]
            per_page += textpages.score(corpus, "text", held, False)[1]
    finally:
        textlines.weights = shipped  # type: ignore[assignment]
    rows = {p["row"]["id"]: p["row"] for p in pages}
    heads = [p for p in per_page if p["head_row"]]
    fair = [p for p in heads if not label_names_site(rows[p["id"]], p["gold_headline"])]
    bodies = [p for p in per_page if "tp_fp_fn" in p]
    m = metrics_from_tp_fp_fns([p["tp_fp_fn"] for p in bodies])
    print(f"end to end, cross-validated: headline {_share(heads):.3f}, head≠site"
          f" {_share(fair):.3f}, body F1 {m['f1']:.3f},"
          f" {sum(1 for p in bodies if p['f1'] < 0.5)} of {len(bodies)} pages below 0.5")


def _share(pages: list[dict]) -> float:
    return sum(p["head_ok"] for p in pages) / max(len(pages), 1)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", required=True, type=Path)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--end-to-end", action="store_true",
                    help="also read each fold's captures as the build does, with models"
                         " trained on the other folds")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(args.corpus))
    from zyte_evaluate import metrics_from_tp_fp_fns, string_shingle_matching

    pages = load(args.corpus, args.limit)
    scored = []
    for k in range(args.folds):
        held = [p for i, p in enumerate(pages) if i % args.folds == k]
        model = train([p for i, p in enumerate(pages) if i % args.folds != k])
        for p in held:
            p["probs"] = probs_of(p, model)
            p["head"] = head_rows(p, p["probs"])
        fold = [string_shingle_matching(true=p["row"]["body"], pred=body_of(p, p["probs"]))
                for p in held if p["row"]["body"]]
        scored += fold
        print(f"fold {k}: body F1 {metrics_from_tp_fp_fns(fold)['f1']:.3f} on {len(fold)} pages")
    hits = total = reach = fair_hits = fair = 0
    for k in range(args.folds):
        w = train_head([p for i, p in enumerate(pages) if i % args.folds != k])
        for p in (p for i, p in enumerate(pages) if i % args.folds == k):
            if p["row"]["headline_source"] != "h1+og":
                continue
            total += 1
            reach += any(p["head"][2])
            j = pick(w, p["head"])
            hit = j is not None and _norm(p["lines"][j]) == _norm(p["row"]["headline"])
            hits += hit
            if not label_names_site(p["row"], p["row"]["headline"]):
                fair += 1
                fair_hits += hit
    print(f"cross-validated headline {hits / max(total, 1):.3f} on {total} h1+og pages"
          f" (the label among the candidates on {reach / max(total, 1):.3f}),"
          f" {fair_hits / max(fair, 1):.3f} on the {fair} whose label is not the site's name")
    m = metrics_from_tp_fp_fns(scored)
    low = sum(1 for tp, fp, fn in scored if 2 * tp / max(2 * tp + fp + fn, 1e-9) < 0.5)
    print(f"cross-validated body F1 {m['f1']:.3f} (P {m['precision']:.3f}, R {m['recall']:.3f}),"
          f" {low} of {len(scored)} pages below 0.5")
    if args.end_to_end:
        end_to_end(args.corpus, pages, args.folds)
    if args.write:
        model = train(pages)
        for p in pages:
            p["head"] = head_rows(p, probs_of(p, model))
        model["head"] = train_head(pages)
        model["features"] = list(textlines.FEATURES)
        model["head_features"] = list(textlines.HEAD_FEATURES)
        OUT.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
