"""Train the site-name ranker of ``feeds/parse/textsite.py`` and judge it by cross-validation.

    python -m benchmarks.train_textsite --corpus DIR [--folds 5] [--write]

Labels come from a real-page development split (see ``benchmarks/textpages.py``): a
candidate of a full-page text capture is right when it equals the page's ``og:site_name``
(compared without case, spaces or punctuation). Folds are split by site, so a site's
pages never help to name that site; each fold is named by a model trained on the others.
Printed per threshold (under which the ranker says nothing): the share of pages named
right, named by another form of the right name (``example.com`` or ``Example`` for
``Example News``: a fair feed name, but not the label), named wrong, and not named; then
the same for the model fitted on every page. ``--write`` trains on every page and writes
``feeds/data/textsite.json``. Needs numpy, scipy and scikit-learn (training only).
"""

from __future__ import annotations

import argparse
import json
import sys
import zlib
from pathlib import Path
from unittest import mock

import numpy as np
from scipy.optimize import minimize

from benchmarks.textpages import load_rows
from feeds.errors import CaptureError
from feeds.parse import textpage, textparse, textreader, textsite

OUT = Path(__file__).resolve().parent.parent / "feeds" / "data" / "textsite.json"
L2 = 1.0  # chosen by the cross-validated figures below (0.1 and 3.0 ranked no better)
THRESHOLDS = [round(0.05 * k, 2) for k in range(1, 16)]


def load(corpus: Path, limit: int) -> list[dict]:
    """Every text capture with a site label: its candidates, their rows and labels."""
    pages = []
    for r in load_rows(corpus, limit):
        if not r["site"]:
            continue
        text = (corpus / "text" / f"{r['id']}.txt").read_text(encoding="utf-8")
        lines = [x for x in textparse.split_lines(text) if x]
        try:
            # The headline as the reader finds it, without asking the model being trained.
            with mock.patch.object(textsite, "site_name", lambda *_: None):
                head = textreader.parse_text(text, r["id"]).headline
        except CaptureError:
            head = ""
        h = textpage._masthead_end(lines, head)
        names, rows = textsite.candidates(lines, h)
        gold = textsite._key(r["site"])
        pages.append({"row": r, "names": names,
                      "X": np.array(rows, dtype=float).reshape(len(rows), len(textsite.FEATURES)),
                      "y": np.array([int(textsite._key(x) == gold) for x in names]),
                      "form": [_form_of(x, r["site"]) for x in names],
                      "group": zlib.crc32(gold.encode())})
    return pages


def _form_of(name: str, label: str) -> bool:
    """Another form of the labelled name: one holds the other ("BBC" / "BBC News"), or
    one is the other's domain ("example.com" / "Example")."""
    a, b = textsite._key(name), textsite._key(label)
    stems = {textsite._key(x.removeprefix("www.").rsplit(".", 1)[0]) for x in (name, label)
             if textsite._DOMAIN.match(x)}
    return bool(a and b) and (a in b or b in a or a in stems or b in stems)


def train(pages: list[dict], l2: float = L2) -> dict:
    """Weights of a conditional logit: on each page the candidates and "none of them"
    (score 0) compete in one softmax, so the model learns to rank a page's candidates
    against each other and when to name none. Fitted by L-BFGS with an L2 penalty on
    every weight but the first (the bias, which is how much any candidate beats none)."""
    pages = [p for p in pages if len(p["names"])]
    X = np.vstack([p["X"] for p in pages])
    y = np.concatenate([p["y"] for p in pages]).astype(float)
    sizes = np.array([len(p["names"]) for p in pages])
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    page = np.repeat(np.arange(len(pages)), sizes)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        u = X @ w
        m = np.maximum(np.maximum.reduceat(u, starts), 0.0)
        e = np.exp(u - m[page])
        z = np.add.reduceat(e, starts) + np.exp(-m)
        nll = float((m + np.log(z)).sum() - (y * u).sum() + l2 * w[1:] @ w[1:])
        grad = ((e / z[page] - y)[:, None] * X).sum(0)
        grad[1:] += 2 * l2 * w[1:]
        return nll, grad

    fit = minimize(loss, np.zeros(X.shape[1]), jac=True, method="L-BFGS-B",
                   options={"maxiter": 5000})
    return {"weights": [round(float(v), 5) for v in fit.x]}


def best(w: dict, p: dict) -> tuple[float, int]:
    if not p["names"]:
        return 0.0, -1
    probs = textsite.probabilities(w, p["X"].tolist())
    j = max(range(len(probs)), key=lambda k: (probs[k], -k))
    return probs[j], j


def _verdict(p: dict, j: int) -> str:
    return "none" if j < 0 else "right" if p["y"][j] else "form" if p["form"][j] else "wrong"


def report(title: str, picks: list[tuple[float, str]]) -> dict[float, float]:
    """Right, form, wrong per threshold; returns right less wrong per threshold: a wrong
    name makes a stray feed, which costs as much as a right name gains (None falls back
    to the folder's name; another form of the right name is a fair feed name)."""
    n = len(picks)
    print(title)
    table = {}
    for t in THRESHOLDS:
        got = {v: sum(1 for s, x in picks if s >= t and x == v) / n
               for v in ("right", "form", "wrong")}
        table[t] = got["right"] - got["wrong"]
        print(f"  threshold {t:.2f}: right {got['right']:.3f}, other form {got['form']:.3f}, "
              f"wrong {got['wrong']:.3f}, none {1 - sum(got.values()):.3f}")
    return table


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", required=True, type=Path)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--l2", type=float, default=L2)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args(argv)
    pages = load(args.corpus, args.limit)
    reach = sum(any(p["y"]) for p in pages) / max(len(pages), 1)
    picks = []  # (score, verdict) per page, each named by a model that never saw its site
    for k in range(args.folds):
        w = train([p for p in pages if p["group"] % args.folds != k], args.l2)
        for p in (p for p in pages if p["group"] % args.folds == k):
            s, j = best(w, p)
            picks.append((s, _verdict(p, j)))
    print(f"{len(pages)} pages with a site label; the label among the candidates on {reach:.3f}")
    table = report(f"cross-validated ({args.folds} folds split by site):", picks)
    fitted = train(pages, args.l2)
    report("fitted on every page:", [(s, _verdict(p, j)) for p in pages
                                     for s, j in [best(fitted, p)]])
    t = max(table, key=lambda t: (table[t], t))
    print(f"threshold chosen by cross-validation: {t}")
    if args.write:
        model = {"features": list(textsite.FEATURES), "threshold": t, **fitted}
        OUT.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
