"""RFC 5005: the feed keeps the newest items, archive pages keep the rest, stably."""

import json
from pathlib import Path

import feedparser
import pytest
from lxml import etree

from feeds.cli import main
from feeds.publish.archive import paginate

from .conftest import SEEDS
from .gen import write_captures

BASE = "https://news.example.org/feeds/"
SITE = "gazette-of-testing"
ATOM = "http://www.w3.org/2005/Atom"
FH = "http://purl.org/syndication/history/1.0"
NS = {"atom": ATOM, "fh": FH}
STRICT = etree.XMLParser(recover=False, resolve_entities=False, no_network=True)


def build(out: Path, *inputs: Path) -> None:
    assert main(["build", *map(str, inputs), "-o", str(out), "--base-url", BASE]) == 0


def parse(out: Path, url: str):
    assert url.startswith(BASE), url
    return etree.parse(str(out / url.removeprefix(BASE)), STRICT).getroot()


def links(doc, kind: str) -> dict[str, str]:
    """rel -> href of the feed-level links (RSS keeps them as atom:link in the channel)."""
    parent = doc.find("channel") if kind == "rss" else doc
    return {e.get("rel"): e.get("href") for e in parent.findall("atom:link", NS)}


def entry_ids(doc, kind: str) -> list[str]:
    if kind == "rss":
        return [g.text for g in doc.iterfind("channel/item/guid")]
    return [e.text for e in doc.iterfind("atom:entry/atom:id", NS)]


def marker(doc, kind: str, name: str) -> bool:
    parent = doc.find("channel") if kind == "rss" else doc
    return parent.find(f"fh:{name}", NS) is not None


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    base = tmp_path_factory.mktemp("archive")
    captures = base / "captures"
    write_captures(captures, 120)
    build(base / "out", captures)
    return base


@pytest.mark.parametrize("kind, name", [("rss", "rss.xml"), ("atom", "atom.xml")])
def test_feed_holds_newest_50_and_the_chain_holds_every_item_once(built, kind, name):
    out = built / "out"
    feed_url = f"{BASE}{SITE}/{name}"
    current = parse(out, feed_url)
    assert len(entry_ids(current, kind)) == 50
    assert not marker(current, kind, "complete") and not marker(current, kind, "archive")
    assert links(current, kind)["self"] == feed_url

    seen = list(entry_ids(current, kind))
    url, visited = links(current, kind).get("prev-archive"), []
    while url:
        doc = parse(out, url)
        visited.append(url)
        rels = links(doc, kind)
        assert marker(doc, kind, "archive") and not marker(doc, kind, "complete")
        assert rels["current"] == feed_url and rels["self"] == url
        if len(visited) > 1:  # the page we came from is this page's next-archive
            assert rels["next-archive"] == visited[-2]
        else:
            assert "next-archive" not in rels
        seen += entry_ids(doc, kind)
        url = rels.get("prev-archive")
    assert visited == [f"{BASE}{SITE}/archive/{kind}/2.xml", f"{BASE}{SITE}/archive/{kind}/1.xml"]
    assert len(seen) == len(set(seen)) == 120  # every item, each exactly once


def test_feed_has_the_newest_items_and_archives_are_oldest_first(built):
    folder = built / "out" / SITE

    def dates(path: str) -> list:
        return [e.published_parsed for e in feedparser.parse(str(folder / path)).entries]

    current = dates("atom.xml")
    page2 = dates("archive/atom/2.xml")
    page1 = dates("archive/atom/1.xml")
    assert (len(current), len(page2), len(page1)) == (50, 20, 50)
    assert min(current) > max(page2) and min(page2) > max(page1)
    assert current == sorted(current, reverse=True)


def test_archives_read_cleanly_in_feedparser(built):
    for path in sorted((built / "out" / SITE / "archive").rglob("*.xml")):
        d = feedparser.parse(str(path))
        assert not d.bozo, (path, d.get("bozo_exception"))
        assert {link.rel for link in d.feed.links} >= {"self", "current"}


def test_json_feed_holds_the_same_newest_items(built):
    out = built / "out"
    items = json.loads((out / SITE / "feed.json").read_text())["items"]
    rss = etree.parse(str(out / SITE / "rss.xml"), STRICT).getroot()
    assert [i["id"] for i in items] == entry_ids(rss, "rss")


def test_new_items_only_change_the_newest_archive_page(tmp_path):
    captures = tmp_path / "captures"
    write_captures(captures, 120)
    out = tmp_path / "out"
    build(out, captures)
    archive = out / SITE / "archive"
    before = {p: p.read_bytes() for p in archive.rglob("*.xml")}
    write_captures(captures, 25, start=120)  # 25 newer stories push 25 into the archive
    build(out, captures)
    after = {p: p.read_bytes() for p in archive.rglob("*.xml")}
    for kind in ("rss", "atom"):
        assert after[archive / kind / "1.xml"] == before[archive / kind / "1.xml"]
        assert after[archive / kind / "2.xml"] != before[archive / kind / "2.xml"]
        assert len(entry_ids(etree.fromstring(after[archive / kind / "2.xml"]), kind)) == 45
    write_captures(captures, 10, start=145)  # page 2 fills, page 3 starts
    build(out, captures)
    for kind in ("rss", "atom"):
        assert (archive / kind / "1.xml").read_bytes() == before[archive / kind / "1.xml"]
        assert len(entry_ids(parse(out, f"{BASE}{SITE}/archive/{kind}/3.xml"), kind)) == 5


def test_small_feed_is_complete_and_has_no_archive(tmp_path):
    build(tmp_path, SEEDS)
    for kind, name in (("rss", "rss.xml"), ("atom", "atom.xml")):
        doc = parse(tmp_path, f"{BASE}london-daily/{name}")
        assert marker(doc, kind, "complete")
        assert "prev-archive" not in links(doc, kind)
    assert not (tmp_path / "london-daily" / "archive").exists()


def test_paginate_fills_fixed_pages_oldest_first():
    newest_first = list(range(129, -1, -1))  # 130 "items", 129 the newest
    paging = paginate(newest_first, keep=50, page_size=50)
    assert paging.current == tuple(range(129, 79, -1))
    assert [(p.number, p.items[0], p.items[-1]) for p in paging.pages] == [
        (1, 49, 0), (2, 79, 50)]
    grown = paginate(list(range(139, -1, -1)), keep=50, page_size=50)
    assert grown.pages[0] == paging.pages[0]  # page 1 never changes
    assert paginate([3, 2, 1], keep=50).pages == ()
    with pytest.raises(ValueError):
        paginate([1], keep=0)


def test_prune_removes_archive_pages_and_article_pages_no_longer_needed(tmp_path):
    """Pruning removes items where they are: the others stay on their archive page (a
    shorter page, never re-paged), a page left empty goes, and so do the pruned items'
    article pages."""
    inputs, out = tmp_path / "in", tmp_path / "out"
    paths = write_captures(inputs, 160)
    assert main(["build", str(inputs), "-o", str(out)]) == 0
    site = next(out.glob("*/archive")).parent
    assert sorted(p.name for p in (site / "archive" / "rss").glob("*.xml")) == [
        "1.xml", "2.xml", "3.xml"]
    page1 = {kind: entry_ids(etree.parse(str(site / "archive" / kind / "1.xml")).getroot(),
                             kind) for kind in ("rss", "atom")}
    for path in paths[40:]:
        path.unlink()
    assert main(["build", str(inputs), "-o", str(out), "--prune"]) == 0
    for kind in ("rss", "atom"):  # the 40 oldest were on page 1, and stay there
        assert sorted(p.name for p in (site / "archive" / kind).glob("*.xml")) == ["1.xml"]
        kept = entry_ids(etree.parse(str(site / "archive" / kind / "1.xml")).getroot(), kind)
        assert len(kept) == 40 and kept == [i for i in page1[kind] if i in kept]
    assert not entry_ids(parse(out, f"{BASE}{site.name}/rss.xml"), "rss")
    assert len([p for p in site.glob("*.html") if p.name != "index.html"]) == 40
