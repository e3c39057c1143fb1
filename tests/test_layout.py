"""One layout for every output path and URL: what the build writes is what the no-change
build lists, what ``serve`` types as a feed, and what the feeds link to."""

import json
import os
import shutil
from pathlib import Path

from feeds import serve
from feeds.build import BuildOptions, build
from feeds.publish import layout

from .conftest import FIXTURES

BASE = "http://example.org/feeds/"


def _files(out: Path) -> set[str]:
    """The output's files, without the build state (``.feeds-*``)."""
    return {str(p) for p in out.rglob("*") if p.is_file()
            and not any(part.startswith(".feeds") for part in p.relative_to(out).parts)}


def test_the_written_list_is_every_file_the_build_wrote_in_both_kinds_of_build(tmp_path):
    out = tmp_path / "out"
    options = BuildOptions(inputs=(str(FIXTURES / "captures"),), output=out, base_url=BASE,
                           max_items=2, jobs=1)  # archives too
    full = build(options)
    assert set(full.written) == _files(out)
    assert any("/archive/" in w for w in full.written)
    again = build(options)  # nothing changed: the no-change build lists the same files
    assert again.parsed == 0
    assert list(again.written) == list(full.written)


def test_feed_urls_and_files_agree(tmp_path):
    out = tmp_path / "out"
    inputs = tmp_path / "in"
    shutil.copytree(FIXTURES / "captures", inputs)
    build(BuildOptions(inputs=(str(inputs),), output=out, base_url=BASE, jobs=1))
    urls = layout.Urls(BASE)
    for site in sorted(p.name for p in out.iterdir() if p.is_dir() and p.name[0] != "."):
        page, *feed_urls = urls.feeds(site)
        for url, name in zip(feed_urls, layout.FEED_FILES, strict=True):
            rel = layout.feed(site, name)
            assert url == BASE + rel and (out / rel).is_file()
            assert serve.media_type(name, (out / rel).read_bytes()) != "application/xml"
        feed = json.loads((out / layout.feed(site, "feed.json")).read_text(encoding="utf-8"))
        assert feed["home_page_url"] == page
    assert os.path.isfile(out / layout.OPML) and os.path.isfile(out / layout.INDEX)
