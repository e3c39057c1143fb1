"""HTML files and web archives as build inputs: reading, decoding, linking, mixing."""

import io
import shutil
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from feeds.build import parse_capture
from feeds.cli import main
from feeds.model import Capture, Problem
from feeds.sources import discover, iter_captures
from feeds.sources.charset import decode_html

from .conftest import FIXTURES, SEEDS

HTML = FIXTURES / "html"
SITE = "https://harbourtimes.example"
PARAGRAPHS = (
    "The harbour board has agreed to dredge the main channel for the first time in a decade.",
    "Fishing crews had warned that boats were running aground at low tide near the old pier.",
    "The work will start in October and is expected to take about six weeks to complete.",
)


def page(headline: str, topic: str, extra: str = "") -> bytes:
    body = "".join(f"<p>{p.replace('harbour', topic)}</p>" for p in PARAGRAPHS)
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{headline} | Harbour Times</title>"
        "<meta property='og:site_name' content='Harbour Times'></head><body>"
        "<nav><a href='/'>Home</a><a href='/news'>News</a></nav>"
        f"<article><h1>{headline}</h1><p class='byline'>By Ada Quill</p>{body}{extra}"
        "</article><footer>Harbour Times</footer></body></html>"
    ).encode()


def write_warc(path: Path, records: list[tuple[str, str, bytes, str]]) -> Path:
    """records: (uri, WARC-Date, body, content type), written as response records, each
    preceded by its request record as crawlers write them."""
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=path.name.endswith(".gz"))
        for uri, when, body, ctype in records:
            request = writer.create_warc_record(
                uri, "request", payload=io.BytesIO(b""),
                http_headers=StatusAndHeaders("GET / HTTP/1.1", [("Host", "x")],
                                              is_http_request=True),
                warc_headers_dict={"WARC-Date": when})
            writer.write_record(request)
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), http_headers=headers,
                warc_headers_dict={"WARC-Date": when}))
    return path


def sample_warc(tmp_path: Path, name: str = "crawl.warc.gz") -> Path:
    return write_warc(tmp_path / name, [
        (f"{SITE}/news/dredging", "2024-05-01T10:00:00Z",
         page("Harbour channel to be dredged", "harbour"), "text/html; charset=utf-8"),
        (f"{SITE}/news/ferry", "2024-05-02T08:30:00Z",
         page("Ferry timetable cut for winter", "ferry"), "text/html"),
        (f"{SITE}/logo.png", "2024-05-02T08:31:00Z", b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
        (f"{SITE}/news/dredging", "2024-05-03T12:00:00Z",  # the same article, captured again
         page("Harbour channel to be dredged", "harbour", "<p>Update: the work is funded.</p>"),
         "text/html; charset=utf-8"),
        (f"{SITE}/news/lighthouse", "2024-05-04T09:00:00Z",
         page("Lighthouse opens to visitors", "lighthouse"), "text/html; charset=utf-8"),
    ])


def test_warc_builds_one_item_per_article_linking_to_the_originals(tmp_path):
    warc = sample_warc(tmp_path)
    out = tmp_path / "out"
    assert main(["build", str(warc), "-o", str(out)]) == 0
    rss = etree.parse(str(out / "harbour-times" / "rss.xml"))
    links = sorted(rss.xpath("//item/link/text()"))
    assert links == [f"{SITE}/news/dredging", f"{SITE}/news/ferry", f"{SITE}/news/lighthouse"]
    titles = sorted(rss.xpath("//item/title/text()"))
    assert titles == ["Ferry timetable cut for winter", "Harbour channel to be dredged",
                      "Lighthouse opens to visitors"]
    atom = etree.parse(str(out / "harbour-times" / "atom.xml"))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert len(atom.xpath("//a:entry", namespaces=ns)) == 3


def test_warc_records_carry_their_url_and_capture_time(tmp_path):
    found = list(iter_captures(sample_warc(tmp_path), max_bytes=10**6))
    assert all(isinstance(c, Capture) for c in found)  # image and requests passed over
    assert [(c.url.rsplit("/", 1)[-1], c.captured_at) for c in found] == [
        ("dredging", datetime(2024, 5, 1, 10, 0, tzinfo=UTC)),
        ("ferry", datetime(2024, 5, 2, 8, 30, tzinfo=UTC)),
        ("dredging", datetime(2024, 5, 3, 12, 0, tzinfo=UTC)),
        ("lighthouse", datetime(2024, 5, 4, 9, 0, tzinfo=UTC)),
    ]
    assert len({c.path for c in found}) == 4 and all(c.kind == "html" for c in found)
    articles = [parse_capture(c) for c in found]
    assert [a.captured_at for a in articles] == [c.captured_at for c in found]
    assert [a.url for a in articles] == [c.url for c in found]


def test_a_bad_record_costs_only_itself(tmp_path):
    warc = write_warc(tmp_path / "mixed.warc", [
        (f"{SITE}/a", "2024-05-01T10:00:00Z", page("First good page here", "harbour"),
         "text/html"),
        (f"{SITE}/big", "2024-05-01T10:01:00Z", b"<html>" + b"x" * 5000 + b"</html>",
         "text/html"),
        (f"{SITE}/b", "2024-05-01T10:02:00Z", page("Second good page here", "ferry"),
         "text/html"),
    ])
    found = list(iter_captures(warc, max_bytes=4000))
    assert [type(f) for f in found] == [Capture, Problem, Capture]
    assert "too large" in found[1].reason and f"{SITE}/big" in found[1].reason


def test_a_damaged_archive_keeps_what_came_before(tmp_path):
    warc = sample_warc(tmp_path, "cut.warc")
    data = warc.read_bytes()
    warc.write_bytes(data + b"garbage where a record should start\r\n\r\n")
    found = list(iter_captures(warc, max_bytes=10**6))
    assert sum(isinstance(f, Capture) for f in found) == 4
    assert isinstance(found[-1], Problem) and "damaged" in found[-1].reason


def test_mixed_folder_builds_together(tmp_path):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    shutil.copy(next(SEEDS.glob("*.txt")), inputs / "seed.txt")
    shutil.copy(HTML / "jsonld_news.html", inputs / "story.html")
    shutil.copy(HTML / "bare_time.html", inputs / "old.htm")
    sample_warc(inputs)
    (inputs / "notes.md").write_text("not an input")
    paths, problems = discover([str(inputs)])
    assert [p.name for p in paths] == ["crawl.warc.gz", "old.htm", "seed.txt", "story.html"]
    out = tmp_path / "out"
    assert main(["build", str(inputs), "-o", str(out)]) == 0
    feeds = sorted(p.parent.name for p in out.glob("*/rss.xml"))
    # bare_time.html names no site, and "inputs" is a generic folder holding three sites
    assert feeds == ["captures-without-a-site-name", "harbour-times", "london-daily",
                     "northern-post"]


def test_link_to_original_can_be_turned_off(tmp_path):
    config = tmp_path / "feeds.toml"
    config.write_text("[build]\nlink_to_original = false\n")
    out = tmp_path / "out"
    base = "https://mirror.example/"
    assert main(["build", str(sample_warc(tmp_path)), "-o", str(out), "--config", str(config),
                 "--base-url", base]) == 0
    links = etree.parse(str(out / "harbour-times" / "rss.xml")).xpath("//item/link/text()")
    assert links and all(link.startswith(base + "harbour-times/") for link in links)


def test_undeclared_and_declared_legacy_encodings():
    text = "Café “zero waste” — Zoë"
    legacy = f"<html><body><p>{text}</p></body></html>".encode("cp1252")
    assert text in decode_html(legacy)  # no declaration: not UTF-8, so windows-1252
    declared = b"<meta charset='iso-8859-1'>" + legacy
    assert text in decode_html(declared)  # latin-1 labels mean windows-1252, as in browsers
    utf8 = f"<p>{text}</p>".encode()
    assert text in decode_html(utf8)
    assert text in decode_html(utf8, "text/html; charset=UTF-8")
    assert decode_html(b"<meta charset='utf-8'>" + legacy).count("Caf") == 1  # wrong label


def test_html_text_reaches_feeds_as_text_only(tmp_path):
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    source = (HTML / "wp_classic.html").read_text().replace(
        "<p>Opposition councillors", f"<p>{escaped} <b>Opposition</b> councillors")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "page.html").write_text(source)
    out = tmp_path / "out"
    assert main(["build", str(tmp_path / "in"), "-o", str(out)]) == 0
    page_html = next((out / "the-valley-courier").glob("council-*.html")).read_text()
    assert "<script>alert" not in page_html and "&lt;script&gt;alert(1)" in page_html


def test_hostile_pages_are_problems_not_crashes(tmp_path):
    para = "<p>" + "Words that make up a sentence of the article body. " * 3 + "</p>"
    pages = {
        "nested.html": "<html><body><h1>Deep page</h1>" + "<div>" * 3000 + para
                       + "</div>" * 3000 + "</body></html>",
        "json.html": "<html><head><script type='application/ld+json'>" + "[" * 50000
                     + "]" * 50000 + "</script></head><body><h1>Deep json page</h1>" + para
                     + "</body></html>",
        "empty.html": "   ",
        "nobody.html": "<html><head><title>Only a title here</title></head></html>",
        "binary.htm": "\x00\x01\x02<html>",
    }
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in pages.items():
        (folder / name).write_text(text)
    out = tmp_path / "out"
    assert main(["build", str(folder), "-o", str(out)]) == 1  # problems reported, no crash
    assert (out / "index.opml").exists()
