import tomllib
from pathlib import Path

import pytest

from feeds.errors import CaptureError
from feeds.model import BlockKind
from feeds.parse.textreader import parse_text

from .conftest import FIXTURES, SEEDS

CASES = sorted((FIXTURES / "captures").glob("*.txt"))
HEADLINE = "NATO treads fine line on Ukraine membership"


def kinds(article, kind):
    return [b.text for b in article.blocks if b.kind is kind]


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_fixture_fields(path: Path):
    expect = tomllib.loads(path.with_suffix(".expect.toml").read_text())
    a = parse_text(path.read_text(encoding="utf-8"), str(path))
    for name in ("site", "tagline", "banner", "headline", "dek", "byline", "dateline"):
        assert getattr(a, name) == expect.get(name), name
    assert len(a.paragraphs) == expect["paragraphs"]
    assert kinds(a, BlockKind.HEADING) == expect["headings"]
    assert kinds(a, BlockKind.CAPTION) == expect["captions"]
    assert len(kinds(a, BlockKind.LIST_ITEM)) == expect["list_items"]
    assert len(a.related) == expect["related"]
    body = a.body_text
    assert a.headline not in body
    for related in a.related:
        assert related not in body


@pytest.mark.parametrize("name", ["000_a6ec30e27da27f0e.txt", "001_7f12dbd531af4082.txt"])
def test_seed_structure(name):
    a = parse_text((SEEDS / name).read_text(encoding="utf-8"), name)
    assert a.headline == HEADLINE
    assert a.site == "London Daily"
    assert a.tagline == "Focus on the big picture."
    assert a.dek == "Even some of Kyiv’s closest partners in the alliance are hesitant."
    assert len(a.paragraphs) >= 20
    assert kinds(a, BlockKind.HEADING) == ["Assistance instead of membership"]
    assert kinds(a, BlockKind.CAPTION) == [
        "NATO Secretary-General Jens Stoltenberg has advocated for greater NATO support to Ukraine"
    ]
    # Order is kept: sub-head after the tenth paragraph, caption after the twelfth.
    order = [b.kind for b in a.blocks]
    assert order.index(BlockKind.HEADING) == 10
    assert order.index(BlockKind.CAPTION) == 13
    assert a.paragraphs[-1].startswith("But, the official said")
    assert len(a.related) == 50
    body = a.body_text
    for chrome in ("Newsletter", "Related Articles", "0:00", "Close", "×", "London Daily"):
        assert chrome not in body


def test_banner_only_on_the_capture_that_prints_it():
    a0 = parse_text((SEEDS / "000_a6ec30e27da27f0e.txt").read_text(), "000")
    a1 = parse_text((SEEDS / "001_7f12dbd531af4082.txt").read_text(), "001")
    assert a0.banner is None
    assert a1.banner == "Sunday, Feb 08, 2026"
    assert a1.dateline is None  # a banner above the headline is not a byline date


def test_headline_kept_once_when_printed_twice():
    text = (
        "Site\n\nA headline here\n\nA headline here\n\nSome first paragraph text here.\n\nMore.\n"
    )
    a = parse_text(text, "x")
    assert a.headline == "A headline here"
    assert a.headline not in a.body_text


def test_no_headline_is_an_error():
    with pytest.raises(CaptureError, match="no headline"):
        parse_text("just one sentence of prose that ends properly.", "x")


def test_chrome_only_is_an_error():
    with pytest.raises(CaptureError):
        parse_text("0:00\n×\nClose\n", "x")


def test_byline_and_date_on_one_line():
    text = (
        "Daily Example\n\nStorm closes the coastal road\n\nBy Ana Ruiz | 4 April 2023\n\n"
        "The road was shut on Tuesday after waves broke over the sea wall.\n\nIt reopened.\n"
    )
    a = parse_text(text, "x")
    assert a.byline == "Ana Ruiz"
    assert a.dateline == "4 April 2023"
    assert a.site == "Daily Example"


def test_crlf_and_bom_are_normalised():
    text = (
        "\ufeffSite Name\r\n\r\nHeadline of the story\r\n\r\n"
        "A first paragraph here.\r\n\r\nA second one.\r\n"
    )
    a = parse_text(text, "x")
    assert a.site == "Site Name"
    assert a.headline == "Headline of the story"


def test_interface_words_with_counters_are_chrome():
    text = (
        "Valley Herald\n\nWater company fined over spills\n\nBy Priya Nair\n\n"
        "The regulator said the company had failed to report discharges.\n\n"
        "Advertisement\n\nThe fine is the largest in the region.\n\n"
        "Share this article\n\nComments (12)\n"
    )
    a = parse_text(text, "x")
    assert [b.text for b in a.blocks] == [
        "The regulator said the company had failed to report discharges.",
        "The fine is the largest in the region.",
    ]


def test_header_first_site_line_is_never_an_interface_word():
    body = "\n\n".join(f"Paragraph {i} of the story goes on with several more words, and ends."
                       for i in range(5))
    page = "{}\n\nCouncil approves the new harbour wall after a long debate\n\nBy Priya Nair\n\n"
    assert parse_text(page.format("Harbour Gazette") + body, "a.txt").site == "Harbour Gazette"
    for first in ("Zum Inhalt wechseln", "Cookie Einstellungen", "Sign in to access the site"):
        assert parse_text(page.format(first) + body, "a.txt").site is None


def test_header_first_site_is_not_the_first_word_of_a_long_menu():
    # A notice line first, then a menu, then the headline: read header-first, and the
    # header is longer than a masthead, so its first line is a section word.
    body = "\n\n".join(f"Paragraph {i} of the story goes on with several more words, and ends."
                       for i in range(5))
    menu = "\n".join(("Log in", "News", "Gardening", "Recipes", "Travel", "Money", "Health"))
    page = ("If JavaScript is disabled in your browser, please use another browser to read "
            f"the page.\n{menu}\nCouncil approves the new harbour wall after a long debate\n\n"
            f"By Priya Nair\n\n{body}")
    a = parse_text(page, "a.txt")
    assert a.headline == "Council approves the new harbour wall after a long debate"
    assert a.site is None
