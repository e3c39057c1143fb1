"""JSON Feed 1.1 beside RSS and Atom, and the links that lead readers to every feed."""

import json
from datetime import datetime

from lxml import etree, html

from feeds.cli import main

from .conftest import SEEDS

BASE = "https://news.example.org/feeds/"
NS = {"atom": "http://www.w3.org/2005/Atom",
      "content": "http://purl.org/rss/1.0/modules/content/"}
TYPES = {"application/rss+xml": "rss.xml", "application/atom+xml": "atom.xml",
         "application/feed+json": "feed.json"}


def build(out):
    assert main(["build", str(SEEDS), "-o", str(out), "--base-url", BASE]) == 0


def test_json_feed_matches_rss_and_atom(tmp_path):
    build(tmp_path)
    site = tmp_path / "london-daily"
    doc = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    assert doc["version"] == "https://jsonfeed.org/version/1.1"
    assert doc["title"] == "London Daily"
    assert doc["feed_url"] == BASE + "london-daily/feed.json"
    assert doc["home_page_url"] == BASE + "london-daily/"
    assert doc["authors"] == [{"name": "London Daily"}]
    [item] = doc["items"]
    rss_item = etree.parse(str(site / "rss.xml")).find("channel/item")
    entry = etree.parse(str(site / "atom.xml")).find("atom:entry", NS)
    assert item["id"] == rss_item.findtext("guid") == entry.findtext("atom:id", namespaces=NS)
    assert item["url"] == rss_item.findtext("link")
    assert item["title"] == rss_item.findtext("title")
    assert item["summary"] == rss_item.findtext("description")
    assert item["content_html"] == rss_item.findtext("content:encoded", namespaces=NS)
    published = datetime.fromisoformat(item["date_published"])
    assert item["date_published"].endswith("Z") and published.tzinfo is not None
    assert published == datetime.fromisoformat(entry.findtext("atom:published", namespaces=NS))


def test_json_feed_is_deterministic_text(tmp_path):
    build(tmp_path / "a")
    build(tmp_path / "b")
    a = (tmp_path / "a" / "london-daily" / "feed.json").read_bytes()
    assert a == (tmp_path / "b" / "london-daily" / "feed.json").read_bytes()
    text = a.decode("utf-8")
    assert "’" in text  # ensure_ascii=False: readable UTF-8, not \\u escapes
    canonical = json.dumps(json.loads(text), sort_keys=True, ensure_ascii=False, indent=2)
    markup_escaped = canonical.replace("<", "\\u003c").replace(">", "\\u003e")
    assert text == markup_escaped.replace("&", "\\u0026") + "\n"
    assert "<" not in text and "\\u003cp\\u003e" in text  # content_html, escaped for JSON


def test_every_page_discovers_every_feed_and_the_opml(tmp_path):
    build(tmp_path)
    pages = [tmp_path / "index.html", *sorted((tmp_path / "london-daily").glob("*.html"))]
    assert len(pages) == 3  # front page, site page, one article
    for page in pages:
        doc = html.parse(str(page)).getroot()
        alternates = doc.findall(".//head/link[@rel='alternate']")
        assert [e.get("type") for e in alternates] == list(TYPES)  # RSS first
        for e in alternates:
            assert e.get("href") == BASE + "london-daily/" + TYPES[e.get("type")]
            assert e.get("title").startswith("London Daily (")
        outline = doc.find(".//head/link[@rel='outline']")
        assert outline.get("type") == "text/x-opml"
        assert outline.get("href") == BASE + "index.opml"
        visible = {a.get("href") for a in doc.findall(".//body//a")}
        assert BASE + "index.opml" in visible
        assert {BASE + "london-daily/" + name for name in TYPES.values()} <= visible


def test_opml_subscribes_to_rss_and_the_site_page_offers_the_json_feed(tmp_path):
    build(tmp_path)
    outlines = etree.parse(str(tmp_path / "index.opml")).findall("body/outline")
    # one subscription per site: readers import every outline, whatever its format
    assert [o.get("xmlUrl").rsplit("/", 1)[-1] for o in outlines] == ["rss.xml"]
    page = html.parse(str(tmp_path / "london-daily" / "index.html")).getroot()
    assert outlines[0].get("htmlUrl").endswith("/london-daily/")
    links = page.findall(".//link[@type='application/feed+json']")
    assert [link.get("href").rsplit("/", 1)[-1] for link in links] == ["feed.json"]


def test_each_item_is_rendered_once_for_all_three_formats(tmp_path, monkeypatch):
    """RSS, Atom and JSON Feed carry the same content, so a site's feeds render each item's
    HTML once (the same bytes: tests/test_committed_out.py and the test above hold them)."""
    from feeds.publish import render

    calls = []
    real = render.item_html

    def counting(article):
        calls.append(article.headline)
        return real(article)

    monkeypatch.setattr(render, "item_html", counting)
    build(tmp_path)
    assert len(calls) == 1  # the seeds merge into one item, in one site's three feeds
