"""The text reader's classifier inference: the fast forms compute what the plain
definitions compute, to the last bit."""

import math
import random
from collections import Counter

import pytest

from feeds.parse import textlines


def _random_tree(rng: random.Random, depth: int, features: int) -> list[list[float]]:
    feature, thresh, left, right, value = [], [], [], [], []

    def grow(d: int) -> int:
        k = len(feature)
        feature.append(rng.randrange(features))
        thresh.append(rng.uniform(-1, 1))
        left.append(-1)
        right.append(-1)
        value.append(rng.uniform(-3, 3))
        if d < depth and rng.random() < 0.8:
            left[k] = grow(d + 1)
            right[k] = grow(d + 1)
        return k

    grow(0)
    return [feature, thresh, left, right, value]


@pytest.mark.parametrize("seed", range(5))
def test_compiled_trees_score_as_the_arrays_do(seed):
    rng = random.Random(seed)
    trees = [_random_tree(rng, rng.randrange(1, 6), 8) for _ in range(30)]
    score = textlines.tree_scorer(trees)
    for _ in range(200):
        row = [rng.choice([rng.uniform(-1, 1), 0.5, 0.0]) for _ in range(8)]
        assert score(row) == textlines.tree_score(trees, row)


def test_trees_with_a_number_no_literal_can_write_are_walked():
    trees = [[[0, -1, -1], [0.5, 0.0, 0.0], [1, -1, -1], [2, -1, -1], [0.0, math.inf, 1.0]]]
    score = textlines.tree_scorer(trees)
    assert score([0.1]) == math.inf
    assert score([0.9]) == 1.0


def _mean(values: list[float]) -> float:
    total = 0.0
    for v in values:
        total += v
    return total / len(values) if values else 0.0


@pytest.mark.parametrize("n", [0, 1, 2, 3, 5, 8, 16, 17, 18, 40])
def test_context_features_are_the_neighbours_means(n):
    rng = random.Random(n)
    probs = [rng.random() for _ in range(n)]
    rows = textlines.context_features(probs)
    for i, row in enumerate(rows):
        expected = [1.0, probs[i]]
        for w in textlines.WINDOWS:
            expected += [_mean(probs[max(0, i - w):i]), _mean(probs[i + 1:i + w + 1])]
        assert row == pytest.approx(expected, abs=1e-12)
    assert len(rows) == n


@pytest.mark.parametrize("n", [1, 2, 7, 17, 60])
def test_window_means_leave_the_line_out(n):
    rng = random.Random(n)
    col = [rng.random() for _ in range(n)]
    for w in textlines.WINDOWS:
        means = textlines._window_means(col, w)
        for i, m in enumerate(means):
            around = col[max(0, i - w):i] + col[i + 1:i + w + 1]
            assert m == pytest.approx(_mean(around), abs=1e-12)


def test_the_article_may_begin_at_the_first_kept_lines_or_at_the_heaviest_run():
    # A two-line notice at the top (kept lines close together), then a long article.
    probs = [0.9, 0.9] + [0.0] * 60 + [0.9] * 10
    lengths = [50, 50] + [10] * 60 + [200] * 10
    assert textlines.anchors(probs, 0.5, lengths) == [(0, 100 / 2000), (62, 1.0)]
    # The first kept lines are the heaviest run: one place only.
    assert textlines.anchors([0.0, 0.9, 0.9, 0.0], 0.5, [5, 80, 80, 5]) == [(1, 1.0)]
    assert textlines.anchors([0.1, 0.2], 0.5, [5, 5]) == []


def test_headline_candidates_come_from_around_every_anchor():
    lines = (["We use cookies to improve your experience on this site today.",
              "By choosing Accept you consent to cookies being stored now."]
             + [f"Menu entry number {i}" for i in range(60)]
             + ["Seabed of the North Sea mapped in record detail"]
             + [f"A long sentence of the article that goes on for a while, part {i}."
                for i in range(10)])
    probs = [0.9, 0.9] + [0.0] * 61 + [0.9] * 10
    runs = [(1, True)] * len(lines)
    flags = [False] * len(lines)
    firsts, cands, rows = textlines.headline_table(
        lines, runs, probs, flags, flags, Counter(lines), frozenset(), 0.5)
    assert set(firsts) == {0, 63}
    assert 62 in cands and 2 in cands  # the title over the article, a line near the notice
    assert all(len(row) == len(textlines.HEAD_FEATURES) for row in rows)
    # Each row's columns are in HEAD_FEATURES order: the anchor's own columns come last.
    share, first = (textlines.HEAD_FEATURES.index(f) for f in ("cluster_share", "first_anchor"))
    notice = (len(lines[0]) + len(lines[1])) / sum(map(len, lines[63:]))
    for anchor, row in zip(firsts, rows, strict=True):
        assert row[first] == (1.0 if anchor == 0 else 0.0)
        assert row[share] == (notice if anchor == 0 else 1.0)


def test_the_shipped_headline_trees_name_the_features_the_rows_hold():
    assert textlines.weights()["head_features"] == list(textlines.HEAD_FEATURES)


def test_a_line_in_a_stack_of_titles_knows_its_place_and_the_byline_block():
    lines = ["Home", "Weather and climate", "So much rain as not in years",
             "The autumn was the wettest since records began, and the mildest",
             "By Jane Roe", "Politics", "It rained on 24 days of October."]
    meta = [False, False, False, False, True, False, False]
    titled = {j: textlines._titleish(t) and not meta[j] for j, t in enumerate(lines)}
    # The kicker: nothing title-like above it, two titles below, the byline three down.
    assert textlines._stack(lines, 1, titled, meta) == (0.0, 2 / 3, 3 / 7, 1.0)
    # The headline: one title above and one below, the byline two down.
    assert textlines._stack(lines, 2, titled, meta) == (1 / 3, 1 / 3, 2 / 7, 1.0)
    # The line under the byline: the byline one up, none below within reach.
    assert textlines._stack(lines, 5, titled, meta) == (0.0, 0.0, 1.0, 1 / 7)
    # Lines outside the candidates' window are judged as they come.
    assert textlines._stack(lines, 2, {}, meta) == (1 / 3, 1 / 3, 2 / 7, 1.0)
