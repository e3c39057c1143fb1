"""A build hands back text-less entries; a caller that wants an article's text loads it
from the article store, explicitly."""

from dataclasses import fields, replace

import pytest

from feeds.build import BuildOptions, build, load_story, read_articles
from feeds.errors import FeedsError
from feeds.merge import group_stories
from feeds.model import Entry

from .conftest import FIXTURES, SEEDS

BASE = "http://127.0.0.1:8000/"


def _options(out, *inputs) -> BuildOptions:
    return BuildOptions(inputs=tuple(str(p) for p in inputs), output=out, base_url=BASE)


def test_entries_hold_no_text_and_load_the_stories_the_readers_make(tmp_path):
    opts = _options(tmp_path / "out", SEEDS)
    result = build(opts)
    assert result.items and all(type(i) is Entry for i in result.items)
    assert {f.name for f in fields(Entry)}.isdisjoint({"story", "article", "blocks", "text"})
    articles, _, _ = read_articles(sorted(SEEDS.glob("*.txt")), opts)
    expected = {s.id: s for s in group_stories(articles)}
    loaded = {i.id: load_story(result, i) for i in result.items}
    assert loaded == expected
    for entry in result.items:
        assert (entry.headline, entry.source) == (loaded[entry.id].article.headline,
                                                  loaded[entry.id].article.source)


def test_a_build_with_nothing_to_do_returns_the_same_entries(tmp_path):
    opts = _options(tmp_path / "out", SEEDS, FIXTURES / "html" / "french_page.html")
    first = build(opts)
    again = build(opts)
    assert again.parsed == 0 and again.items == first.items
    assert "fr" in {i.language for i in again.items}  # kept too, not only what pages show
    assert [load_story(again, i) for i in again.items] == [
        load_story(first, i) for i in first.items]


def test_loading_after_the_store_is_gone_is_a_clear_error(tmp_path):
    result = build(_options(tmp_path / "out", SEEDS))
    gone = replace(result, store=None)
    with pytest.raises(FeedsError, match=result.items[0].id):
        load_story(gone, result.items[0])


def test_the_public_api_names_entries_and_the_loader():
    import feeds

    assert feeds.Entry is Entry and feeds.load_story is load_story
