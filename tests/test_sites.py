"""Captures that name no site: which feed they are filed under, and that it holds."""

import shutil
from pathlib import Path

from lxml import etree

from feeds.build import BuildOptions, build
from feeds.build.sites import UNKNOWN, is_generic

from .conftest import FIXTURES, SEEDS

BASE = "https://feeds.example/"
SEED = SEEDS / "000_a6ec30e27da27f0e.txt"
NO_SITE = FIXTURES / "captures" / "reader_view_no_site.txt"
NO_SITE_2 = FIXTURES / "captures" / "reader_view_published_colon.txt"
OTHER_SITE = FIXTURES / "captures" / "wrapped_related.txt"  # "Harbour Times"


def _put(folder: Path, name: str, source: Path, site: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    text = source.read_text()
    if site is not None:
        text = text.replace("London Daily", site, 1)
    (folder / name).write_text(text)
    return folder / name


def _feeds(inputs: Path, out: Path) -> dict[str, set[str]]:
    """site slug -> the headlines its RSS feed lists; and the feed titles in the OPML."""
    result = build(BuildOptions(inputs=(str(inputs),), output=out, base_url=BASE, jobs=1))
    assert not result.problems
    feeds = {}
    for rss in sorted(out.glob("*/rss.xml")):
        doc = etree.parse(str(rss))
        feeds[rss.parent.name] = set(doc.xpath("//item/title/text()"))
    return feeds


def _titles(out: Path) -> set[str]:
    return {o.get("title") for o in etree.parse(str(out / "index.opml")).iter("outline")}


def test_a_folder_named_after_a_site_joins_it(tmp_path):
    """The benchmark case: a reader-view capture in capital-courier/ beside the site's
    own captures is one of them, not a second feed 'capital-courier-xxxxxx'."""
    folder = tmp_path / "in" / "capital-courier"
    _put(folder, "a.txt", SEED, "Capital Courier")
    _put(folder, "b.txt", NO_SITE)
    feeds = _feeds(tmp_path / "in", tmp_path / "out")
    assert list(feeds) == ["capital-courier"]
    assert len(feeds["capital-courier"]) == 2
    assert _titles(tmp_path / "out") == {"Capital Courier"}


def test_a_folder_name_joins_the_site_of_the_same_slug_elsewhere(tmp_path):
    _put(tmp_path / "in" / "site-lines", "a.txt", SEED, "Capital Courier")
    _put(tmp_path / "in" / "capital-courier", "b.txt", NO_SITE)
    feeds = _feeds(tmp_path / "in", tmp_path / "out")
    assert list(feeds) == ["capital-courier"] and len(feeds["capital-courier"]) == 2


def test_a_folder_of_one_site_without_names_is_named_after_it(tmp_path):
    folder = tmp_path / "in" / "cocoa-weekly"
    _put(folder, "a.txt", NO_SITE)
    _put(folder, "b.txt", NO_SITE_2)
    feeds = _feeds(tmp_path / "in", tmp_path / "out")
    assert list(feeds) == ["cocoa-weekly"] and len(feeds["cocoa-weekly"]) == 2


def test_generic_folder_names_never_become_sites(tmp_path):
    for generic in ("html", "text", "captures", "in"):
        inputs = tmp_path / generic / generic
        _put(inputs, "a.txt", NO_SITE)
        _put(inputs, "b.txt", NO_SITE_2)
        out = tmp_path / generic / "out"
        _feeds(inputs, out)
        assert _titles(out) == {UNKNOWN}, generic


def test_a_folder_holding_several_sites_is_not_a_site(tmp_path):
    folder = tmp_path / "in" / "harbour-stories"
    _put(folder, "a.txt", SEED)
    _put(folder, "b.txt", OTHER_SITE)
    _put(folder, "c.txt", NO_SITE)
    _feeds(tmp_path / "in", tmp_path / "out")
    assert _titles(tmp_path / "out") == {"London Daily", "Harbour Times", UNKNOWN}


def test_an_item_never_moves_feeds_when_other_captures_arrive(tmp_path):
    folder = tmp_path / "in" / "cocoa-weekly"
    _put(folder, "a.txt", NO_SITE)
    out = tmp_path / "out"
    first = _feeds(tmp_path / "in", out)
    assert list(first) == ["cocoa-weekly"]
    # Captures of two named sites land in the same folder: a clean build would call it
    # a mixed folder, but the item stays where subscribers found it.
    _put(folder, "b.txt", SEED)
    _put(folder, "c.txt", OTHER_SITE)
    second = _feeds(tmp_path / "in", out)
    assert second["cocoa-weekly"] == first["cocoa-weekly"]
    assert set(second) == {"cocoa-weekly", "london-daily", "harbour-times"}
    shutil.rmtree(folder)
    _put(folder, "a.txt", NO_SITE)
    assert _feeds(tmp_path / "in", out)["cocoa-weekly"] == first["cocoa-weekly"]


def test_generic_names():
    for name in ("html", "HTML", "Text", "captures", "in", "2024-05-01", "001", "x", "  "):
        assert is_generic(name), name
    for name in ("capital-courier", "Harbour Times", "bbc", "le-monde"):
        assert not is_generic(name), name


def test_names_that_make_one_slug_are_one_site(tmp_path):
    folder = tmp_path / "in" / "mixed"
    captures = FIXTURES / "captures"
    for name, source, site in (("a.txt", "byline_dateline.txt", "The Riverside Courier"),
                               ("b.txt", "no_tagline_subheads_list.txt", "Northern Ledger"),
                               ("c.txt", "duplicate_title_questions.txt", "Metro Pulse")):
        text = (captures / source).read_text()
        assert site in text
        folder.mkdir(parents=True, exist_ok=True)
        spelled = "THE RIVERSIDE COURIER" if name == "a.txt" else "The Riverside Courier"
        (folder / name).write_text(text.replace(site, spelled, 1))
    feeds = _feeds(tmp_path / "in", tmp_path / "out")
    assert list(feeds) == ["the-riverside-courier"] and len(feeds["the-riverside-courier"]) == 3
    assert _titles(tmp_path / "out") == {"The Riverside Courier"}  # as most captures spell it


def test_a_new_spelling_of_a_published_site_joins_its_feed(tmp_path):
    folder = tmp_path / "in" / "capital-courier"
    _put(folder, "b.txt", NO_SITE)  # first build: the folder's name is the site
    out = tmp_path / "out"
    first = _feeds(tmp_path / "in", out)
    assert list(first) == ["capital-courier"]
    _put(folder, "a.txt", SEED, "Capital Courier")  # then the site's own name turns up
    second = _feeds(tmp_path / "in", out)
    assert list(second) == ["capital-courier"] and len(second["capital-courier"]) == 2
