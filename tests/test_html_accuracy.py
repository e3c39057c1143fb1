"""Field accuracy of the HTML reader on the labelled pages in tests/fixtures/html."""

from pathlib import Path

import pytest

from benchmarks.labelled import Truth, from_article, load_truth, published_day, report, score
from feeds.build import parse_capture
from feeds.sources import read_capture

TRUTH = load_truth()


def extract(truth: Truth):
    return from_article(parse_capture(read_capture(truth.path)))


def test_enough_labelled_pages():
    assert len(TRUTH) >= 25
    assert {Path(p).name for p in map(str, Path(TRUTH[0].path).parent.glob("*.htm*"))} == {
        t.file for t in TRUTH
    }


def test_field_accuracy(capsys):
    s = score(TRUTH, extract)
    with capsys.disabled():
        print("\n" + report("feeds.parse.htmlparse", s))
        for miss in s.misses:
            print("  miss:", miss)
    assert s.headline >= 0.95, s.misses
    assert s.paragraphs >= 0.90, s.misses
    assert s.author == 1.0, s.misses
    assert s.published >= 0.95, s.misses


@pytest.mark.parametrize("truth", TRUTH, ids=lambda t: t.file)
def test_page_yields_an_article(truth):
    article = parse_capture(read_capture(truth.path))
    assert article.blocks and article.headline
    assert all("<" not in b.text or ">" not in b.text for b in article.blocks)


def test_published_day_takes_the_stated_date_first():
    meta = (("time", "2024-01-02"), ("datePublished", "2023-12-31T23:30:00-05:00"))
    assert published_day(meta) == "2023-12-31"
    assert published_day((("byline-date", "Published 4 April 2023, 10:00"),)) == "2023-04-04"
    assert published_day((("dateModified", "2024-01-01"),)) is None
