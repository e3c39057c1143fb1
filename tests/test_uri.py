"""Links from pages: used only as absolute http(s) URIs, written in their URI form in
every output format; anything else links the item to its own article page."""

import json

import pytest
from lxml import etree

from feeds.cli import main
from feeds.uri import http_uri
from feeds.validate import validate_paths

from .test_html_input import page

NS = {"a": "http://www.w3.org/2005/Atom"}


@pytest.mark.parametrize("text, expected", [
    ("https://example.com/news/a?b=c#d", "https://example.com/news/a?b=c#d"),
    ("HTTP://Example.com", "http://Example.com"),
    ("  https://example.com/x \n", "https://example.com/x"),
    ("https://example.com/ar/مقال-جديد", "https://example.com/ar/"
     "%D9%85%D9%82%D8%A7%D9%84-%D8%AC%D8%AF%D9%8A%D8%AF"),
    ("https://example.com/?q=ü", "https://example.com/?q=%C3%BC"),
    ("http://пример.рф/", "http://xn--e1afmkfd.xn--p1ai/"),
    ("http://[2001:db8::1]:8080/x", "http://[2001:db8::1]:8080/x"),
    ("https://example.com/a%20b", "https://example.com/a%20b"),
])
def test_http_uris_are_kept_in_uri_form(text, expected):
    assert http_uri(text) == expected


@pytest.mark.parametrize("text", [
    None, "", "/news/a", "news/a", "//example.com/a", "ftp://example.com/a",
    "xhttps://example.com/a", "javascript:alert(1)", "https://", "https:///a",
    "https://exa mple.com/", "https://example.com/a b", "https://example.com/a\nb",
    "https://example.com/making.html\u00ba />\n<link rel='shortlink' href=",
    "https://example.com/%zz", "https://example.com:99999/", "https://300.1.1.1/",
    "https://[not-ip]/", "https://example.com/\udcff", "https://example.com/<b>",
    "https://example.com/a#b#c", "https://ex%41mple.com/",
])
def test_anything_else_is_refused(text):
    assert http_uri(text) is None


def _page_with(canonical: str, headline: str, topic: str = "harbour") -> bytes:
    html = page(headline, topic).decode()
    return html.replace("</head>", f'<link rel="canonical" href="{canonical}"></head>').encode()


def test_non_ascii_links_are_written_as_uris_in_every_format(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.html").write_bytes(_page_with("https://news.example/ar/مقال-جديد?ü=1",
                                               "Harbour channel to be dredged"))
    out = tmp_path / "out"
    assert main(["build", str(inputs), "-o", str(out)]) == 0
    uri = ("https://news.example/ar/%D9%85%D9%82%D8%A7%D9%84-%D8%AC%D8%AF%D9%8A%D8%AF"
           "?%C3%BC=1")
    site = out / "harbour-times"
    assert etree.parse(str(site / "rss.xml")).xpath("//item/link/text()") == [uri]
    atom = etree.parse(str(site / "atom.xml"))
    assert atom.xpath("//a:entry/a:link/@href", namespaces=NS) == [uri]
    assert [i["url"] for i in json.loads((site / "feed.json").read_text())["items"]] == [uri]
    article = next(p for p in site.glob("*.html") if p.name != "index.html")
    assert f'rel="canonical" href="{uri}"' in article.read_text()
    for path in out.rglob("*"):
        if path.is_file() and not any(p.startswith(".") for p in path.relative_to(out).parts):
            assert "مقال" not in path.read_text(encoding="utf-8")
    report = validate_paths([out], base_url="http://127.0.0.1:8000/")
    assert report.errors == 0


def test_a_damaged_canonical_url_links_the_item_to_its_page(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    broken = "https://news.example/making.html\u00ba />\n<link rel=&#39;shortlink&#39; href="
    (inputs / "a.html").write_bytes(_page_with(broken, "Harbour channel to be dredged"))
    out = tmp_path / "out"
    assert main(["build", str(inputs), "-o", str(out), "--base-url",
                 "https://feeds.example/"]) == 0
    link = etree.parse(str(out / "harbour-times" / "rss.xml")).xpath("//item/link/text()")
    assert len(link) == 1 and link[0].startswith("https://feeds.example/harbour-times/")
    assert (out / link[0].removeprefix("https://feeds.example/")).is_file()


def test_the_w3c_checker_finds_no_error_in_a_build_with_non_ascii_links(tmp_path):
    """The W3C Feed Validation Service's checker (beside the repository, when it is
    there) on feeds whose pages' canonical URLs hold Arabic, Cyrillic, Japanese and
    German characters and internationalised host names."""
    import subprocess

    from .test_validate_suite import _W3C_SCRIPT, CHECKER, _checker_python

    python = _checker_python() if CHECKER.is_dir() else None
    if python is None:
        pytest.skip("the W3C checker is not beside the repository")
    inputs = tmp_path / "in"
    inputs.mkdir()
    urls = ("https://news.example/ar/مقال-جديد", "https://пример.рф/новости/статья",
            "https://example.de/straße/über-uns?q=größe", "https://例え.jp/記事/1")
    topics = ("ferry", "lighthouse", "marina", "pier")
    for n, (url, topic) in enumerate(zip(urls, topics, strict=True)):
        (inputs / f"{n}.html").write_bytes(_page_with(url, f"A {topic} story told", topic))
    out = tmp_path / "out"
    assert main(["build", str(inputs), "-o", str(out)]) == 0
    files = sorted(out.glob("*/rss.xml")) + sorted(out.glob("*/atom.xml"))
    run = subprocess.run([python, "-c", _W3C_SCRIPT, str(CHECKER), *map(str, files)],
                         capture_output=True, text=True, check=True)
    errors = [(str(path), event[0][0]) for path, line in zip(files, run.stdout.splitlines(),
                                                             strict=True)
              for event in json.loads(line) if event[2]]
    links = etree.parse(str(out / "harbour-times" / "rss.xml")).xpath("//item/link/text()")
    assert len(links) == 4 and all(link.isascii() for link in links)
    assert len(files) == 2 and errors == []
