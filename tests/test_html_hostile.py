"""Hostile HTML: random bytes, control characters, NUL, broken tags and lone surrogates in
text and attributes, as files and as web-archive records. Every input gives an article or
a one-line reason; no internal error, and no character XML forbids in what is read."""

import io
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from feeds.build import parse_capture
from feeds.errors import CaptureError
from feeds.model import Article, Capture
from feeds.sources import iter_captures, read_capture

HOSTILE = "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\x9f\ud800\udfff\ufffe\uffff\u2028\u200b\ufeff"
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

char = st.one_of(st.characters(codec="utf-8"), st.sampled_from(HOSTILE),
                 st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF))
text = st.text(char, max_size=40)
words = st.lists(st.sampled_from(("river", "council", "bridge", "voted", "the", "on", "a",
                                  "Tuesday", "build", "新しい", "橋を", "建設")),
                 min_size=1, max_size=20).map(" ".join)
tag = st.sampled_from(("p", "div", "span", "a", "h1", "h2", "br", "table", "tr", "td",
                       "article", "header", "noscript", "script", "li", "ul", "b", "time"))
attr = st.tuples(st.sampled_from(("class", "id", "lang", "content", "href", "style",
                                  "datetime", "hidden", "itemprop")), text)


@st.composite
def fragment(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 25))):
        name = draw(tag)
        attrs = "".join(f' {k}="{v}"' for k, v in draw(st.lists(attr, max_size=2)))
        inner = draw(st.one_of(text, words, words.map(lambda w: w + ".")))
        closing = draw(st.sampled_from((f"</{name}>", "", f"</{name}", "<", "<!--", "&#0;",
                                        "&#xD800;", "&amp")))
        parts.append(f"<{name}{attrs}>{inner}{closing}")
    return "".join(parts)


@st.composite
def page(draw) -> bytes:
    how = draw(st.sampled_from(("page", "page", "page", "bytes")))
    if how == "bytes":
        return draw(st.binary(max_size=600))
    head = draw(st.one_of(text, words))
    markup = (f"<html lang=\"{draw(text)}\"><head><title>{head}</title>"
              f"<meta property=\"og:title\" content=\"{draw(text)}\"></head><body>"
              f"<h1>{head}</h1>{draw(fragment())}<p>{draw(words)}.<br>{draw(text)}</p>"
              f"{draw(fragment())}")
    encoding = draw(st.sampled_from(("utf-8", "utf-16", "latin-1")))
    return markup.encode(encoding, errors="surrogatepass" if encoding == "utf-8"
                         else "replace")


def _checked(capture: Capture) -> None:
    try:
        article = parse_capture(capture)
    except CaptureError as exc:
        reason = str(exc)
        assert reason and "\n" not in reason
        return
    assert isinstance(article, Article)
    for value in (article.headline, article.byline or "", article.language or "",
                  *(b.text for b in article.blocks)):
        assert not _FORBIDDEN.search(value), value


SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


@SETTINGS
@given(page())
def test_any_html_file_gives_an_article_or_a_reason(tmp_path, data):
    path = tmp_path / "page.html"
    path.write_bytes(data)
    try:
        capture = read_capture(path)
    except CaptureError as exc:
        assert "\n" not in str(exc)
        return
    _checked(capture)


@SETTINGS
@given(fragment(), text)
def test_the_reader_takes_any_decoded_text(markup, extra):
    """Text decoded elsewhere may still hold NUL, controls and lone surrogates."""
    _checked(Capture(path="page.html", sha256="", kind="html",
                     text=f"<h1>{extra}</h1><p>{markup}</p><p>text<br>\x07 {extra}</p>"))


@SETTINGS
@given(st.lists(page(), min_size=1, max_size=3))
def test_any_html_in_a_web_archive_gives_articles_or_reasons(tmp_path, pages):
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    for i, data in enumerate(pages):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            f"https://example.org/{i}", "response", payload=io.BytesIO(data),
            http_headers=headers))
    path = tmp_path / "pages.warc"
    path.write_bytes(buffer.getvalue())
    for found in iter_captures(path):
        if isinstance(found, Capture):
            _checked(found)
        else:
            assert found.reason and "\n" not in found.reason


def test_html_whitespace_controls_become_spaces_without_a_warning():
    from feeds.sources.warc import safe_html_text

    # An HTML parser reads VT, FF and NEL as whitespace; XML forbids them: words stay apart.
    assert safe_html_text("a\x0bb\x0cc\x85d \x0c\x0c e") == ("a b c d    e", ())
    assert safe_html_text("plain") == ("plain", ())
