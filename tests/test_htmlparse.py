"""The HTML reader on small pages, one behaviour each."""

import pytest

from feeds.errors import CaptureError
from feeds.model import BlockKind, Capture
from feeds.parse.htmlparse import parse_html

PROSE = "This sentence is long enough to be read as a paragraph of the article body."


def read(markup: str, url: str | None = None):
    return parse_html(Capture(path="page.html", sha256="", text=markup, kind="html", url=url))


def test_a_form_wrapping_the_whole_page_is_not_furniture():
    a = read(f"<html><body><form id='aspnetForm'><h1>Headline of the story</h1>"
             f"<p>{PROSE}</p><p>{PROSE} Again.</p></form></body></html>")
    assert len(a.paragraphs) == 2


def test_site_name_h1_gives_way_to_the_heading_that_repeats_the_title():
    a = read("<html><head><title>The slug war | Plot Notes</title></head><body>"
             "<h1>Plot Notes</h1><p class='description'>Notes from plot 14 on the hill</p>"
             "<div class='post'><h3>The slug war</h3><p>By Jo Bloggs</p>"
             f"<p>{PROSE}</p></div></body></html>")
    assert a.headline == "The slug war"
    assert a.byline == "Jo Bloggs"
    assert a.dek is None  # the blog's description sits under the site name, not the post


def test_quote_keeps_its_lead_in_text():
    a = read(f"<html><body><h1>Headline of the story</h1><p>{PROSE}</p>"
             "<blockquote>She said: <p>We will not stop.</p></blockquote></body></html>")
    quotes = [b.text for b in a.blocks if b.kind is BlockKind.QUOTE]
    assert quotes == ["She said: We will not stop."]


def test_metadata_fields_and_original_url():
    a = read(
        "<html lang='en-GB'><head><meta property='og:title' content='Big news | Daily Bugle'>"
        "<meta property='og:site_name' content='Daily Bugle'>"
        "<meta property='og:image' content='https://bugle.example/a.jpg'>"
        "<meta property='article:section' content='City'>"
        "<meta name='keywords' content='crime, city hall'>"
        "<link rel='canonical' href='/news/big-news'></head>"
        f"<body><h1>Big news</h1><p>{PROSE}</p></body></html>",
        url="https://bugle.example/news/big-news?utm=x",
    )
    assert (a.headline, a.site, a.language) == ("Big news", "Daily Bugle", "en-GB")
    assert a.url == "https://bugle.example/news/big-news"
    meta = dict(a.metadata)
    assert meta["image"] == "https://bugle.example/a.jpg" and meta["section"] == "City"
    assert [v for k, v in a.metadata if k == "keyword"] == ["crime", "city hall"]
    assert [v for k, v in a.metadata if k == "url"] == [
        "https://bugle.example/news/big-news?utm=x", "https://bugle.example/news/big-news"]


def test_host_is_the_site_when_the_page_names_none():
    a = read(f"<html><body><h1>Headline of the story</h1><p>{PROSE}</p></body></html>",
             url="https://www.example.org/x")
    assert a.site == "example.org"


def test_unsafe_canonical_is_ignored():
    a = read("<html><head><link rel='canonical' href='javascript:alert(1)'></head>"
             f"<body><h1>Headline of the story</h1><p>{PROSE}</p></body></html>")
    assert a.url is None


def test_update_dates_are_not_publication_dates():
    a = read("<html><body><article><h1>Headline of the story</h1>"
             "<p class='meta'>By Ann Lee · Updated <time datetime='2024-02-03'>3 Feb 2024</time>"
             f"</p><p>{PROSE}</p></article></body></html>")
    keys = [k for k, _ in a.metadata]
    assert "time" not in keys and "byline-date" not in keys and a.dateline is None
    assert a.byline == "Ann Lee"


def test_page_without_text_is_a_capture_error():
    with pytest.raises(CaptureError):
        read("<html><head><title>Nothing here</title></head><body><nav>Home</nav></body></html>")


def test_headline_is_found_without_reading_every_later_heading(monkeypatch):
    """The headline is most often the first heading: the teasers after it are not read."""
    from feeds.parse import htmldoc

    teasers = "".join(f"<h2>Teaser {n}</h2>" for n in range(50))
    root = htmldoc.parse(f"<html><body><h1>The Story</h1>{teasers}<h3>The End</h3></body></html>")
    read = []
    real = htmldoc.heading
    monkeypatch.setattr(htmldoc, "heading", lambda el: read.append(el) or real(el))
    assert htmldoc.headline_element(root, ("The Story",)).tag == "h1"
    assert len(read) == 1
    assert htmldoc.headline_element(root, ("Nothing", "The End")).tag == "h3"
    assert htmldoc.headline_element(root, ("Teaser 7",)).text == "Teaser 7"


@pytest.mark.parametrize("line, who, when", [
    ("By Jane Doe · Nov. 2, 2023, 9:12 a.m. ET", "Jane Doe", "Nov. 2, 2023, 9:12 a.m. ET"),
    ("Von Anna Berg, 19.10.2019, 15:30 Uhr", "Anna Berg", "19.10.2019, 15:30 Uhr"),
    ("Par Luc Roy le 21 juin 2018", "Luc Roy", "21 juin 2018"),
])
def test_a_byline_is_split_at_its_date_in_any_language_and_keeps_its_zone(line, who, when):
    """The shared date grammar finds the byline's date in any language; the date text
    keeps its clock and the zone after it (which the resolver needs)."""
    a = read(f"<html><body><article><h1>Headline of the story</h1>"
             f"<p class='byline'>{line}</p><p>{PROSE}</p><p>{PROSE} Again.</p>"
             f"</article></body></html>")
    assert (a.byline, a.dateline) == (who, when)


def test_a_byline_with_no_name_before_its_date_has_no_author():
    """"By on September 21, 2020" (the name left empty by the site): "on" is no author."""
    a = read(f"<html><body><article><h1>Headline of the story</h1>"
             f"<p class='byline'>By <a href='/author/'></a> on September 21, 2020</p>"
             f"<p>{PROSE}</p><p>{PROSE} Again.</p></article></body></html>")
    assert (a.byline, a.dateline) == (None, "September 21, 2020")
