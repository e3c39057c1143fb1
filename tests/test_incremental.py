"""Parallel and incremental builds give the bytes a clean, single-process build gives."""

import json
import os
import random
from pathlib import Path

import pytest
from lxml import etree

from benchmarks.corpus import generate, make_story, render
from feeds.build import BuildOptions, build, load_story

from .test_build import snapshot

BASE = "https://news.example.org/feeds/"


def options(out: Path, *inputs: Path, jobs: int = 1, prune: bool = False) -> BuildOptions:
    return BuildOptions(inputs=tuple(str(i) for i in inputs), output=out, base_url=BASE,
                        jobs=jobs, prune=prune)


@pytest.fixture
def corpus(tmp_path) -> Path:
    """120 captures, one per article, from one site (reader-view captures, which have no
    site line, form a second feed named after the folder): the main feed has over 50."""
    root = tmp_path / "in"
    generate(root, 120, sites=1, seed=7, twice=0.0)
    return root


def by_id(result):
    return {i.id: i for i in result.items}


def placement(out: Path) -> dict[str, str]:
    """Where each item sits: the RSS document (feed or archive page) that lists it."""
    where = {}
    for doc in sorted(out.glob("*/rss.xml")) + sorted(out.glob("*/archive/rss/*.xml")):
        for guid in etree.parse(str(doc)).iterfind("channel/item/guid"):
            assert guid.text not in where, guid.text  # listed once
            where[guid.text] = str(doc.relative_to(out))
    return where


def pages(out: Path) -> dict[str, bytes]:
    """The article pages (everything but feeds, archives and indexes)."""
    return {k: v for k, v in snapshot(out).items()
            if k.endswith(".html") and not k.endswith("index.html")}


def test_jobs_1_and_2_write_identical_bytes(tmp_path):
    root = tmp_path / "in"
    generate(root, 150, sites=3, seed=3)  # with articles captured twice
    one = build(options(tmp_path / "j1", root, jobs=1))
    two = build(options(tmp_path / "j2", root, jobs=2))
    assert snapshot(tmp_path / "j1") == snapshot(tmp_path / "j2")
    assert [i.id for i in one.items] == [i.id for i in two.items]
    assert len(one.items) < 150  # some captures were merged


def test_deleted_or_edited_output_is_repaired(tmp_path, corpus):
    out = tmp_path / "out"
    first = build(options(out, corpus))
    before = snapshot(out)
    page = out / first.items[0].site_slug / f"{first.items[0].slug}.html"
    page.unlink()
    (out / "index.html").write_text("edited")
    again = build(options(out, corpus))
    assert again.parsed == 0
    assert snapshot(out) == before


def test_unchanged_rebuild_parses_nothing(tmp_path, corpus):
    out = tmp_path / "out"
    first = build(options(out, corpus))
    before = snapshot(out)
    again = build(options(out, corpus, jobs=2))
    assert first.parsed == 120 and again.parsed == 0
    assert snapshot(out) == before
    assert [(i.id, i.date.value) for i in again.items] == [
        (i.id, i.date.value) for i in first.items]


def test_incremental_change_add_remove_and_prune(tmp_path, corpus):
    out = tmp_path / "out"
    first = build(options(out, corpus))
    files = sorted(corpus.rglob("*.txt"))
    assert first.parsed == 120 and len(first.items) == 120

    # Change one capture (a paragraph added) and add one new capture.
    changed = files[10]
    text = changed.read_text(encoding="utf-8")
    at = text.rfind("Related Articles")
    changed.write_text(text[:at] + "Officials added one more sentence today.\n\n" + text[at:],
                       encoding="utf-8")
    rng = random.Random(99)
    story = make_story(rng, "Harbour Times", "News for the coast.", 999)
    added = files[0].parent / "added.txt"
    added.write_text(render(story, "full", rng, ["Other headline number one here"] * 3),
                     encoding="utf-8")
    second = build(options(out, corpus))
    assert second.parsed == 2
    old, new = by_id(first), by_id(second)
    assert len(new) == 121 and old.keys() <= new.keys()
    for sid, item in old.items():  # ids, dates and pages of existing items are kept
        assert (new[sid].date.value, new[sid].slug) == (item.date.value, item.slug)
    clean = build(options(tmp_path / "clean", corpus, jobs=2))
    assert pages(out) == pages(tmp_path / "clean")  # the same pages as a clean build ...
    assert placement(out).keys() == placement(tmp_path / "clean").keys()
    assert clean.parsed == 121
    fresh = (new.keys() - old.keys()).pop()  # ... but the item published last comes first
    site = new[fresh].site_slug
    assert next(etree.parse(str(out / site / "rss.xml")).iterfind("channel/item/guid")
                ).text == fresh

    # Remove one capture: its item stays (published items are not withdrawn) ...
    gone = files[20]
    gone_item = next(i for i in second.items
                     if load_story(second, i).article.source == str(gone))
    gone.unlink()
    third = build(options(out, corpus))
    assert third.parsed == 0
    assert gone_item.id in by_id(third)
    assert (out / gone_item.site_slug / f"{gone_item.slug}.html").is_file()

    # ... unless --prune is given; then it goes, and every other item stays where it was.
    where = placement(out)
    fourth = build(options(out, corpus, prune=True))
    assert gone_item.id not in by_id(fourth) and len(fourth.items) == 120
    assert not (out / gone_item.site_slug / f"{gone_item.slug}.html").exists()
    del where[gone_item.id]
    assert placement(out) == where
    build(options(tmp_path / "clean2", corpus))
    assert pages(out) == pages(tmp_path / "clean2")


def test_feed_holds_the_newest_50(tmp_path, corpus):
    out = tmp_path / "out"
    result = build(options(out, corpus))
    for site_slug in {i.site_slug for i in result.items}:
        site_items = [i for i in result.items if i.site_slug == site_slug]  # newest first
        rss = etree.parse(str(out / site_slug / "rss.xml"))
        guids = [g.text for g in rss.iterfind("channel/item/guid")]
        assert guids == [i.id for i in site_items[:50]]
        atom = etree.parse(str(out / site_slug / "atom.xml"))
        assert len(atom.findall("{http://www.w3.org/2005/Atom}entry")) == min(50, len(site_items))
        pages = [p for p in (out / site_slug).glob("*.html") if p.name != "index.html"]
        assert len(pages) == len(site_items)  # every item keeps its page
    assert max(sum(1 for i in result.items if i.site_slug == s)
               for s in {i.site_slug for i in result.items}) > 50


def test_touched_but_unchanged_capture_is_not_parsed(tmp_path, corpus):
    out = tmp_path / "out"
    build(options(out, corpus))
    path = sorted(corpus.rglob("*.txt"))[5]
    os.utime(path, ns=(1, 1))
    again = build(options(out, corpus))
    assert again.parsed == 0


def test_lost_state_or_store_means_a_full_rebuild_with_the_same_bytes(tmp_path, corpus):
    out = tmp_path / "out"
    build(options(out, corpus))
    before = snapshot(out)
    for pack in (out / ".feeds-store").iterdir():
        pack.unlink()
    assert build(options(out, corpus)).parsed == 0  # nothing to do: the store is not needed
    os.utime(sorted(corpus.rglob("*.txt"))[3], ns=(1, 1))  # now something is
    assert build(options(out, corpus)).parsed == 120
    (out / ".feeds-state.json").write_text("not json")
    assert build(options(out, corpus)).parsed == 120
    assert snapshot(out) == before


def test_web_archive_is_state_per_file_and_rebuilds_like_a_clean_build(tmp_path):
    """One WARC holds several captures: a changed archive is read again whole (a record
    gone from it is gone from the output, with or without --prune), an unchanged one is
    not read at all, and the incremental output equals a clean build."""
    from .test_html_input import SITE, page, sample_warc, write_warc

    inputs = tmp_path / "in"
    inputs.mkdir()
    warc = sample_warc(inputs)
    (inputs / "seed.txt").write_text(
        "Town hall roof repaired\n\nThe roof of the town hall was repaired this week after "
        "the storm.\n\nWorkers finished on Friday, the council said in a statement.\n",
        encoding="utf-8")
    out = tmp_path / "out"
    first = build(options(out, inputs))
    assert not first.problems  # the PNG record is skipped, not a problem
    assert any("#" in c.source for i in first.items for c in load_story(first, i).captures)
    links = {i.link for i in first.items}
    assert f"{SITE}/news/ferry" in links  # link_to_original, through the planned build
    again = build(options(out, inputs))
    assert again.parsed == 0
    assert [load_story(again, i).article.body_text for i in again.items] == [
        load_story(first, i).article.body_text for i in first.items]  # from the store

    write_warc(warc, [
        (f"{SITE}/news/ferry", "2024-05-02T08:30:00Z",
         page("Ferry timetable cut for winter", "ferry", "<p>Boats run hourly now.</p>"),
         "text/html"),
        (f"{SITE}/news/lighthouse", "2024-05-04T09:00:00Z",
         page("Lighthouse opens to visitors", "lighthouse"), "text/html; charset=utf-8"),
    ])
    third = build(options(out, inputs))
    assert not third.problems
    assert {load_story(third, i).article.headline for i in third.items} == {
        "Ferry timetable cut for winter", "Lighthouse opens to visitors",
        "Town hall roof repaired"}
    build(options(tmp_path / "clean", inputs, jobs=2))
    assert snapshot(out) == snapshot(tmp_path / "clean")
    assert (out / "harbour-times" / "feed.json").is_file()


def test_archives_and_json_feed_follow_incremental_changes(tmp_path, corpus):
    """Items pushed out of the feed land in RFC 5005 archive pages; items published
    later head the feed whatever their dates; a full archive page is not rewritten."""
    out = tmp_path / "out"
    first = build(options(out, corpus))
    site = max({i.site_slug for i in first.items},
               key=lambda s: sum(i.site_slug == s for i in first.items))
    assert (out / site / "archive" / "rss" / "1.xml").is_file()
    assert (out / site / "archive" / "atom" / "1.xml").is_file()
    assert (out / site / "feed.json").is_file()
    page1 = out / site / "archive" / "rss" / "1.xml"
    before = page1.read_bytes(), page1.stat().st_mtime_ns
    files = sorted(corpus.rglob("*.txt"))
    rng = random.Random(5)
    for n in range(3):
        story = make_story(rng, "Harbour Times", "News for the coast.", 2000 + n)
        (files[0].parent / f"new{n}.txt").write_text(
            render(story, "full", rng, ["Other headline number one here"] * 3),
            encoding="utf-8")
    second = build(options(out, corpus))
    assert second.parsed == 3
    build(options(tmp_path / "clean", corpus))
    assert pages(out) == pages(tmp_path / "clean")
    fresh = by_id(second).keys() - by_id(first).keys()
    window = [g.text for g in etree.parse(str(out / site / "rss.xml")).iterfind(
        "channel/item/guid")]
    assert len(fresh) == 3 and set(window[:3]) == fresh
    feed = json.loads((out / site / "feed.json").read_text(encoding="utf-8"))
    assert [i["id"] for i in feed["items"]] == window
    if page1.read_bytes() == before[0]:
        assert page1.stat().st_mtime_ns == before[1]  # an unchanged page is not rewritten
    old = [g.text for g in etree.fromstring(before[0]).iterfind("channel/item/guid")]
    now = [g.text for g in etree.parse(str(page1)).iterfind("channel/item/guid")]
    assert now[len(now) - len(old):] == old  # the page only grew


def test_problems_and_warnings_are_reported_again_by_a_rebuild(tmp_path):
    """Unchanged inputs are not read again, yet their errors and warnings still show."""
    hostile = Path(__file__).parent / "fixtures" / "hostile"
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("cp1252.txt", "empty.txt", "mojibake.txt"):
        (inputs / name).write_bytes((hostile / name).read_bytes())
    out = tmp_path / "out"
    first = build(options(out, inputs))
    assert first.problems and first.warnings
    (inputs / "mojibake.txt").touch()  # the per-capture path: read again, not parsed
    for again in (build(options(out, inputs)), build(options(out, inputs))):  # + no-op path
        assert again.parsed == 0
        assert again.problems == first.problems and again.warnings == first.warnings
