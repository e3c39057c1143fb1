"""`feeds serve` as a feed reader meets it: subscribe, poll with validators, gzip, HEAD,
media types, and no way out of the output folder."""

import gzip
import http.client
import json
import subprocess
import sys
import threading
from email.utils import formatdate, parsedate_to_datetime
from urllib.parse import urlsplit
from urllib.request import Request, urlopen

import feedparser
import pytest
from lxml import etree

from feeds.cli import main
from feeds.serve import accepts_gzip, make_server, media_type, resolve

from .conftest import ROOT, SEEDS
from .gen import write_captures

SITE = "gazette-of-testing"
CHARSET = "; charset=utf-8"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Bind first (port 0), build with the server's URL as base URL, then serve."""
    base = tmp_path_factory.mktemp("serve")
    out = base / "out"
    out.mkdir()
    server = make_server(out, "127.0.0.1", 0, quiet=True)
    captures = write_captures(base / "captures", 60)
    assert main(["build", str(SEEDS), str(captures[0].parent), "-o", str(out),
                 "--base-url", server.url]) == 0
    (base / "secret.txt").write_text("top secret")
    (base / "outside").mkdir()
    (base / "outside" / "inner.txt").write_text("top secret too")
    (out / "leak.txt").symlink_to(base / "secret.txt")
    (out / "leakdir").symlink_to(base / "outside", target_is_directory=True)
    (out / "inside.xml").symlink_to(out / SITE / "rss.xml")  # stays inside: allowed
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.url, out, base
    server.shutdown()
    server.server_close()


def fetch(url, path, method="GET", headers=None):
    """(status, headers, body) with a raw request target: nothing normalises the path."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        conn.request(method, path, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, resp.headers, resp.read()
    finally:
        conn.close()


def opml_feeds(url):
    with urlopen(url + "index.opml", timeout=10) as resp:
        doc = etree.fromstring(resp.read())
    return [o.get("xmlUrl") for o in doc.iter("outline")]


def test_subscribe_to_every_feed_in_the_opml(site):
    url, _, _ = site
    subscribed = opml_feeds(url)
    assert len(subscribed) == 2 and all(f.endswith("/rss.xml") for f in subscribed)  # 2 sites
    feeds = [f.removesuffix("rss.xml") + name for f in subscribed
             for name in ("rss.xml", "atom.xml", "feed.json")]
    assert all(f.startswith(url) for f in feeds)
    ids: dict[str, list[str]] = {}
    for feed_url in feeds:
        kind = feed_url.rsplit("/", 1)[-1]
        if kind == "feed.json":  # feedparser 6 does not read JSON Feed: check it by hand
            with urlopen(feed_url, timeout=10) as resp:
                assert resp.headers["Content-Type"] == "application/feed+json" + CHARSET
                doc = json.load(resp)
            assert doc["version"] == "https://jsonfeed.org/version/1.1"
            assert doc["feed_url"] == feed_url and doc["title"]
            assert all(i["id"] and i["content_html"] and i["url"].startswith(url)
                       for i in doc["items"])
            got = [i["id"] for i in doc["items"]]
        else:
            d = feedparser.parse(feed_url)
            assert d.status == 200 and not d.bozo, d.get("bozo_exception")
            assert d.version == {"rss.xml": "rss20", "atom.xml": "atom10"}[kind]
            assert d.etag and d.modified
            got = [e.id for e in d.entries]
        assert got
        ids.setdefault(feed_url.rsplit("/", 2)[-2], []).append(got)
    for per_format in ids.values():  # one site: the same items, same order, in all formats
        assert per_format[0] == per_format[1] == per_format[2]


def test_feedparser_gets_304_with_etag_and_with_modified(site):
    url, _, _ = site
    feed_url = f"{url}{SITE}/atom.xml"
    first = feedparser.parse(feed_url)
    assert first.status == 200
    assert feedparser.parse(feed_url, etag=first.etag).status == 304
    assert feedparser.parse(feed_url, modified=first.modified).status == 304


@pytest.mark.parametrize("name", ["rss.xml", "atom.xml", "feed.json", "index.html"])
def test_conditional_get_answers_304_without_body(site, name):
    url, _, _ = site
    path = f"/{SITE}/{name}"
    status, headers, body = fetch(url, path)
    assert status == 200 and body
    etag, modified = headers["ETag"], headers["Last-Modified"]
    assert etag.startswith('"') and not etag.startswith("W/")  # strong
    parsedate_to_datetime(modified)
    for cond in ({"If-None-Match": etag}, {"If-Modified-Since": modified},
                 {"If-None-Match": f'"other", W/{etag}'}):
        status, h, body = fetch(url, path, headers=cond)
        assert (status, body) == (304, b""), cond
        assert h["ETag"] == etag
    # A stale validator gets the file again; If-None-Match wins over If-Modified-Since.
    assert fetch(url, path, headers={"If-None-Match": '"stale"'})[0] == 200
    old = formatdate(0, usegmt=True)
    assert fetch(url, path, headers={"If-Modified-Since": old})[0] == 200
    assert fetch(url, path, headers={"If-None-Match": '"stale"', "If-Modified-Since": modified}
                 )[0] == 200


def test_etag_is_a_content_hash(site):
    url, out, _ = site
    a = fetch(url, f"/{SITE}/rss.xml")[1]["ETag"]
    b = fetch(url, "/inside.xml")[1]["ETag"]  # same bytes through a symlink
    c = fetch(url, f"/{SITE}/atom.xml")[1]["ETag"]
    assert a == b != c


def test_gzip_when_accepted(site):
    url, _, _ = site
    path = f"/{SITE}/rss.xml"
    _, plain_h, plain = fetch(url, path)
    status, h, body = fetch(url, path, headers={"Accept-Encoding": "gzip, deflate"})
    assert status == 200 and h["Content-Encoding"] == "gzip"
    assert gzip.decompress(body) == plain and len(body) < len(plain)
    assert h["Vary"] == plain_h["Vary"] == "Accept-Encoding"
    assert int(h["Content-Length"]) == len(body)
    assert h["ETag"] != plain_h["ETag"]  # another representation, another strong tag
    assert fetch(url, path, headers={"Accept-Encoding": "gzip",
                                     "If-None-Match": h["ETag"]})[0] == 304
    assert "Content-Encoding" not in fetch(url, path, headers={"Accept-Encoding": "gzip;q=0"})[1]
    # urllib does not ask for gzip, so it is not sent
    with urlopen(url + SITE + "/rss.xml", timeout=10) as resp:
        assert resp.headers["Content-Encoding"] is None and resp.read() == plain


def test_head_has_headers_and_no_body(site):
    url, _, _ = site
    _, get_h, get_body = fetch(url, f"/{SITE}/atom.xml")
    status, h, body = fetch(url, f"/{SITE}/atom.xml", method="HEAD")
    assert status == 200 and body == b""
    assert int(h["Content-Length"]) == len(get_body)
    for name in ("Content-Type", "ETag", "Last-Modified"):
        assert h[name] == get_h[name]
    with urlopen(Request(url + "index.opml", method="HEAD"), timeout=10) as resp:
        assert resp.status == 200 and resp.read() == b""
    assert fetch(url, "/missing.xml", method="HEAD")[:3:2] == (404, b"")


@pytest.mark.parametrize(
    "path, expected",
    [
        (f"/{SITE}/rss.xml", "application/rss+xml"),
        (f"/{SITE}/atom.xml", "application/atom+xml"),
        (f"/{SITE}/feed.json", "application/feed+json"),
        (f"/{SITE}/archive/rss/1.xml", "application/rss+xml"),  # sniffed by root element
        (f"/{SITE}/archive/atom/1.xml", "application/atom+xml"),
        ("/inside.xml", "application/rss+xml"),
        ("/index.opml", "text/x-opml"),
        ("/index.html", "text/html"),
        ("/", "text/html"),
        (f"/{SITE}/", "text/html"),
    ],
)
def test_content_types(site, path, expected):
    url, _, _ = site
    status, h, _ = fetch(url, path)
    assert status == 200
    assert h["Content-Type"] == expected + CHARSET


def test_folder_serves_its_index_and_gets_its_slash(site):
    url, out, _ = site
    status, _, body = fetch(url, f"/{SITE}/")
    assert status == 200 and body == (out / SITE / "index.html").read_bytes()
    status, h, _ = fetch(url, f"/{SITE}?x=1")
    assert status == 301 and h["Location"] == f"/{SITE}/?x=1"
    status, h, _ = fetch(url, f"//{SITE}")
    assert status == 301 and h["Location"] == f"/{SITE}/"  # not //host/: stays on this server
    assert fetch(url, "/")[2] == (out / "index.html").read_bytes()
    assert fetch(url, f"/{SITE}/archive/")[0] == 404  # no index.html, no listing


def test_every_page_link_resolves(site):
    url, _, _ = site
    with urlopen(f"{url}{SITE}/feed.json", timeout=10) as resp:
        items = json.load(resp)["items"]
    for item in items[:5]:
        with urlopen(item["url"], timeout=10) as page:
            assert page.status == 200


@pytest.mark.parametrize(
    "path",
    [
        "/../secret.txt",
        "/../../../../etc/passwd",
        f"/{SITE}/../../secret.txt",
        f"/{SITE}/../index.html",  # even when it would land inside: no ".." at all
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/%252e%252e/secret.txt",  # decoded once only
        "/..%5csecret.txt",
        "/leak.txt",  # symlink to a file outside
        "/leakdir/inner.txt",  # symlink to a folder outside
        "/.feeds.lock",
        "/nope.xml",
        f"/{SITE}/rss.xml/",
        "/index.html%00.txt",
        "/%ff%fe",
        "http://example.org/../secret.txt",
    ],
)
def test_nothing_outside_the_folder(site, path):
    url, _, _ = site
    status, _, body = fetch(url, path)
    assert status == 404, path
    assert b"secret" not in body


def test_absolute_path_escape(site):
    url, _, base = site
    secret = base / "secret.txt"
    for path in (f"/{secret}", f"//{secret}", f"/%2F{str(secret)[1:]}",
                 "/" + str(secret).replace("/", "%2F")):
        status, _, body = fetch(url, path)
        assert status == 404, path
        assert b"secret" not in body


def test_other_methods_are_refused(site):
    url, _, _ = site
    assert fetch(url, "/index.html", method="POST")[0] == 501


def test_resolve_stays_inside(tmp_path):
    root = tmp_path.resolve()
    (root / "a").mkdir()
    (root / "a" / "b.xml").write_text("<rss/>")
    assert resolve(root, "/a/b.xml") == root / "a" / "b.xml"
    assert resolve(root, "/a/%62.xml") == root / "a" / "b.xml"
    assert resolve(root, "/") == root
    for bad in ("/a/../a/b.xml", "/%2e%2e", "/a/./b.xml", "/.x", "/a\\b.xml", "/missing"):
        assert resolve(root, bad) is None, bad


def test_media_type_and_accept_encoding():
    assert media_type("1.xml", b"<?xml version='1.0'?>\n<rss version='2.0'/>") == (
        "application/rss+xml")
    assert media_type("x.xml", b'<feed xmlns="http://www.w3.org/2005/Atom"/>') == (
        "application/atom+xml")
    assert media_type("x.xml", b"<opml/>") == "text/x-opml"
    assert media_type("x.xml", b"<svg/>") == "application/xml"
    assert media_type("x.xml", b"not xml") == "application/xml"
    assert media_type("x.json", b'{"version": "https://jsonfeed.org/version/1.1"}') == (
        "application/feed+json")
    assert media_type("x.json", b"[]") == "application/json"
    assert accepts_gzip("br, gzip;q=0.5") and accepts_gzip("*") and accepts_gzip("GZIP")
    assert not accepts_gzip("gzip;q=0") and not accepts_gzip("identity") and not accepts_gzip(None)
    assert not accepts_gzip("*;q=1, gzip;q=0")  # the explicit entry wins over *


def test_feeds_serve_command(site):
    """The CLI: port 0 picks a free port and the first line says where."""
    _, out, _ = site
    proc = subprocess.Popen(
        [sys.executable, "-m", "feeds", "serve", str(out), "--port", "0", "--quiet"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        line = proc.stdout.readline()
        assert line.startswith(f"Serving {out}/ at http://127.0.0.1:"), line
        served = line.split(" at ", 1)[1].split()[0]
        d = feedparser.parse(f"{served}{SITE}/rss.xml")
        assert d.status == 200 and not d.bozo and len(d.entries) == 50
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_feeds_serve_missing_folder(tmp_path, capsys):
    assert main(["serve", str(tmp_path / "nope"), "--port", "0"]) == 2
    assert "no such folder" in capsys.readouterr().err
