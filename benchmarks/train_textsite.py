"""Train the site-name ranker of ``feeds/parse/textsite.py`` and judge it by cross-validation.

    python -m benchmarks.train_textsite --corpus DIR [--folds 5] [--write]

Labels come from a real-page development split (see ``benchmarks/textpages.py``): a
candidate of a full-page text capture is right when it equals the page's ``og:site_name``
(compared without case, spaces or punctuation). Folds are split by site, so a site's
pages never help to name that site; each fold is named by a model trained on the others,
and the share of pages named right (with the threshold under which the ranker says
nothing) is printed. ``--write`` then trains on every page and writes
``feeds/data/textsite.json``. Needs numpy and scikit-learn (training only).
"""

from __future__ import annotations

import argparse
import json
import sys
import zlib
from pathlib import Path
from unittest import mock

import numpy as np
from sklearn.linear_model import LogisticRegression

from benchmarks.textpages import load_rows
from feeds.errors import CaptureError
from feeds.parse import textpage, textparse, textsite

OUT = Path(__file__).resolve().parent.parent / "feeds" / "data" / "textsite.json"
C = 3.0
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
                head = textparse.parse_text(text, r["id"]).headline
        except CaptureError:
            head = ""
        h = textpage._masthead_end(lines, head)
        names, rows = textsite.candidates(lines, h)
        gold = textsite._key(r["site"])
        pages.append({"row": r, "names": names, "X": rows,
                      "y": [int(textsite._key(x) == gold) for x in names],
                      "group": zlib.crc32(gold.encode()) })
    return pages


def train(pages: list[dict]) -> dict:
    """Logistic weights over the candidate rows. Boosted trees ranked no better under
    cross-validation and extrapolated badly (a name found in every place scored low)."""
    X = np.array([row for p in pages for row in p["X"]])
    y = np.array([v for p in pages for v in p["y"]])
    clf = LogisticRegression(C=C, max_iter=5000, fit_intercept=False)
    clf.fit(X, y)
    return {"weights": [round(float(v), 5) for v in clf.coef_[0]]}


def best(w: dict, p: dict) -> tuple[float, int]:
    if not p["names"]:
        return 0.0, -1
    scores = [textsite.score(w, row) for row in p["X"]]
    j = max(range(len(scores)), key=lambda k: (scores[k], -k))
    return scores[j], j


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", required=True, type=Path)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args(argv)
    pages = load(args.corpus, args.limit)
    reach = sum(any(p["y"]) for p in pages) / max(len(pages), 1)
    picks = []  # (score, right) per page, each named by a model that never saw its site
    for k in range(args.folds):
        w = train([p for p in pages if p["group"] % args.folds != k])
        for p in (p for p in pages if p["group"] % args.folds == k):
            s, j = best(w, p)
            picks.append((s, j >= 0 and p["y"][j] == 1))
    print(f"{len(pages)} pages with a site label; the label among the candidates on {reach:.3f}")
    table = {}
    for t in THRESHOLDS:
        right = sum(ok for s, ok in picks if s >= t)
        wrong = sum(not ok for s, ok in picks if s >= t)
        table[t] = right - wrong / 2
        print(f"threshold {t:.2f}: right {right / len(picks):.3f}, wrong {wrong / len(picks):.3f}")
    if args.write:
        # The threshold: the cross-validated best of right answers less half the wrong
        # ones (a wrong name makes a stray feed; None falls back to the folder's name).
        t = max(table, key=lambda t: (table[t], t))
        model = {"features": list(textsite.FEATURES), "threshold": t, **train(pages)}
        OUT.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"wrote {OUT} (threshold {t})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
