"""The headline ranker's trees, trained by LightGBM, score in plain Python exactly as
LightGBM does (needs the `train` extra; skipped without it)."""

import random

import pytest

np = pytest.importorskip("numpy")
lgb = pytest.importorskip("lightgbm")
pytest.importorskip("sklearn")

from benchmarks.train_textlines import _flat  # noqa: E402
from feeds.parse import textlines  # noqa: E402


def test_flattened_lightgbm_trees_score_as_lightgbm_predicts():
    rng = random.Random(0)
    groups = [rng.randrange(3, 12) for _ in range(60)]
    X = np.array([[rng.choice([0.0, 1.0, rng.random()]) for _ in range(6)]
                  for _ in range(sum(groups))])
    y = np.array([int(row[0] > 0.5 and row[3] < 0.7) for row in X])
    ranker = lgb.LGBMRanker(objective="lambdarank", n_estimators=30, num_leaves=8,
                            min_child_samples=5, verbose=-1, num_threads=1)
    ranker.fit(X, y, group=groups)
    trees = [_flat(t["tree_structure"]) for t in ranker.booster_.dump_model()["tree_info"]]
    score = textlines.tree_scorer(trees)
    for row, want in zip(X.tolist(), ranker.predict(X), strict=True):
        assert score(row) == pytest.approx(want, abs=1e-12)
