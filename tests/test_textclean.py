import html
import unicodedata
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from feeds import textclean
from feeds.build import BuildOptions, build, load_story
from feeds.model import Block, BlockKind, Item
from feeds.publish import Channel, atom_bytes, rss_bytes
from feeds.publish.opml import FeedRef
from feeds.publish.render import article_page, escape


def test_xml_safe_removes_what_xml_forbids_and_keeps_text():
    dirty = "a\x00b\x07c\x1b[31md\x1b[0m\ud800e\ufffef\uffffg\x85h\U0010ffffi\tj\nk\rl"
    assert textclean.xml_safe(dirty) == "abcdefghi\tj\nk\rl"
    assert textclean.count_unsafe(dirty) == 8  # \x85 is a line end to clean_lines


def test_xml_safe_keeps_ordinary_unicode():
    text = "Zürich — “quotes” 🔥 \u200d emoji-joiner, עברית, 中文"
    assert textclean.xml_safe(text) == text


def test_clean_lines_normalises_line_ends_and_whitespace():
    text = "a\r\nb\rc\u2028d\x0ce\n\u00a0 f\t\u3000g \u200b \n"
    assert textclean.clean_lines(text) == ["a", "b", "c", "d", "e", "f g", ""]


_WHITESPACE_HEAVY = st.text(alphabet=st.sampled_from(
    list(" \t\n\r\x0b\x0c\x1c\x1e\x85\xa0\u1680\u2003\u202f\u3000\u2028\u200b\ufeff\x00é\u0301ab")
))


@given(_WHITESPACE_HEAVY)
def test_clean_lines_equals_clean_line_on_every_line(text):
    """The whole-text passes (and the tests that skip them) give what cleaning each line
    alone gives."""
    unified = textclean._LINE_BREAKS.sub("\n", text)
    lines = unicodedata.normalize("NFC", textclean.xml_safe(unified)).split("\n")
    assert textclean.clean_lines(text) == [textclean.clean_line(line) for line in lines]


def test_clean_lines_is_nfc():
    assert textclean.clean_lines("Cafe\u0301") == ["Café"]


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        ("Itâ€™s here", "It’s here"),
        ("CafÃ© owners", "Café owners"),
        ("â€œdealâ€\x9d done", "“deal” done"),
        ("costs â‚¬5", "costs €5"),
    ],
)
def test_mojibake_is_repaired(broken, fixed):
    assert textclean.repair_mojibake(broken) == (fixed, True)


@pytest.mark.parametrize("text", ["Café, naïve, Ångström", "Plain ASCII", "São Paulo, Ærø"])
def test_genuine_text_is_left_alone(text):
    assert textclean.repair_mojibake(text) == (text, False)


def test_printable_escapes_controls_and_undecodable_names():
    assert textclean.printable("bad\nname\x1b[31m\udce9.txt") == "bad\\nname\\x1b[31m\\udce9.txt"
    assert textclean.printable("café.txt") == "café.txt"


def test_render_escape_drops_illegal_characters_and_quotes():
    assert escape('<a href="x">\x00&</a>') == "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;"


def test_feeds_are_safe_even_for_text_that_skipped_the_parser(seed_paths, tmp_path):
    """The guarantee before feedgen does not depend on how the text was parsed."""
    result = build(BuildOptions(inputs=(str(seed_paths[0]),), output=tmp_path,
                                base_url="https://x.example/"))
    [entry] = result.items
    story = load_story(result, entry)
    item = Item(story=story, date=entry.date, slug=entry.slug, site=entry.site,
                site_slug=entry.site_slug, link=entry.link)
    article = story.article
    dirty = replace(article, headline="Bad\x00 \x1b[1mtitle\ud800", byline="A\x07B",
                    blocks=(Block(BlockKind.PARAGRAPH, "P\x0b\ufffe."),))
    item = replace(item, story=replace(item.story, article=dirty))
    channel = Channel("Site\x01", "Desc\x02", "https://x.example/s/", "https://x.example/s/rss.xml",
                      "https://x.example/s/atom.xml", "en", datetime(2024, 1, 1, tzinfo=UTC))
    for data in (rss_bytes(channel, [item]), atom_bytes(channel, [item])):
        root = etree.fromstring(data, etree.XMLParser(recover=False))
        assert "Bad title" in etree.tostring(root, encoding="unicode")
    refs = [FeedRef("Site\x01", channel.rss_url, channel.page_url, "rss")]
    page = article_page(item, refs, "https://x.example/index.opml", "en")
    assert "<h1>Bad title</h1>" in page and "<p>P.</p>" in page


@pytest.mark.parametrize(
    "space", [chr(c) for c in range(0x110000) if chr(c).isspace() and chr(c) != "\n"]
)
def test_clean_lines_handles_every_kind_of_whitespace(space):
    """Each whitespace character alone in a text (no other hint that a pass is needed)
    is still a line end or a space."""
    text = f"Café{space}{space}au lait{space}"
    unified = textclean._LINE_BREAKS.sub("\n", text)
    lines = unicodedata.normalize("NFC", textclean.xml_safe(unified)).split("\n")
    assert textclean.clean_lines(text) == [textclean.clean_line(line) for line in lines]


@given(st.text(st.one_of(st.characters(), st.sampled_from(
    "&<>\"'\x00\x08\x0b\x1b[31m\x7f\x85\x9f\ud800\udfff\ufdd0\ufffe\uffff\U0001fffe\U0001f600"))))
@settings(max_examples=400, deadline=None)
def test_page_escape_is_html_escape_of_xml_safe_text(text):
    # render.escape returns most text after one scan: the same as escaping it in full.
    assert escape(text) == html.escape(textclean.xml_safe(text))


def test_xml_safe_drops_astral_noncharacters_and_keeps_other_astral_text():
    text = "a\U0001fffe😀\U00020000\U0010ffff\U000efffe\U0001fffdb\x01"
    assert textclean.xml_safe(text) == "a😀\U00020000\U0001fffdb"
    assert textclean.xml_safe("😀 only") == "😀 only"


@given(st.lists(st.sampled_from(["plain <p>", "\n", "Ã©tÃ©", "â€™s", "café", "Â ",
                                 "\x80", "ãƒ„", "\u00a0", "naïve", "\r"]), max_size=30)
       .map("".join))
@settings(max_examples=300, deadline=None)
def test_mojibake_repair_is_ftfy_on_the_whole_text(text):
    # ftfy is handed only the lines that are not ASCII: the result is what it gives for
    # the whole text.
    import ftfy

    fixed, repaired = textclean.repair_mojibake(text)
    if textclean._MOJIBAKE_HINT.search(text):
        assert fixed == ftfy.fix_text(text, textclean._FTFY)
    assert repaired == (fixed != text)


def test_text_with_nothing_unsafe_is_returned_as_it_is():
    from feeds import textclean

    text = "Plain “text”, 2020 — é\U0001f600\tend\r\n"
    assert textclean.xml_safe(text) is text
    assert textclean.count_unsafe(text) == 0
    assert textclean.xml_safe("a\x1b[31mb\x00c\ufdd0") == "abc"
    assert textclean.count_unsafe("a\x1b[31mb\x00c\x0c") == 2


def test_unsafe_count_of_text_with_nothing_to_remove_is_that_of_the_full_pass():
    """Text with no character of the one-scan class is answered 0 without the passes."""
    import random

    def full(text):
        text = textclean._LINE_BREAKS.sub("\n", text)
        escapes = len(textclean._ANSI.findall(text)) if "\x1b" in text else 0
        text = textclean._ANSI.sub("", text)
        return escapes + len(textclean._illegal(text).findall(text))

    rng = random.Random(6)
    pieces = ("a", " ", "é", "’", "\r\n", "\r", "\n", "\x0b", "\x0c", "\x1c", "\x85", "\u2028",
              "\x1b[31m", "\x00", "\ufdd0", "\U0001fffe", "\U00020000", "😀", "\ud800", "\t")
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        assert textclean.count_unsafe(text) == full(text), repr(text)


def test_the_byte_reading_of_long_text_finds_what_the_pattern_finds(monkeypatch):
    """Every code point, alone and among other text, read the long-text way (UTF-8
    bytes) as the pattern reads it; and a page of ASCII with one control at its end."""
    import sys

    monkeypatch.setattr(textclean, "LONG_TEXT", 0)
    for cp in range(sys.maxunicode + 1):
        c = chr(cp)
        for text in (c, f"ab{c}é"):
            assert textclean.suspect(text) == (textclean._SUSPECT.search(text) is not None), (
                hex(cp))
    monkeypatch.undo()
    page = "<p>plain text</p>" * 1000
    assert not textclean.suspect(page)
    assert textclean.suspect(page + "\x0b")
    assert textclean.xml_safe(page + "\x0b“") == page + "“"


def test_the_mojibake_hint_read_on_utf8_bytes_finds_what_the_pattern_finds():
    """Every lead letter before every character of Latin-1, Latin Extended-A and the
    Windows-1252 specials, then random text in several scripts (lone surrogates too)."""
    import random

    leads = [chr(c) for c in range(0xBF, 0xF6)]
    after = [chr(c) for c in range(0x20, 0x250)] + list(textclean._CP1252_SPECIALS)
    for a in leads:
        for b in after:
            text = f"x{a}{b}y"
            assert textclean._hints_mojibake(text) is bool(
                textclean._MOJIBAKE_HINT.search(text)), repr(text)
    rng = random.Random(5)
    pieces = ["a", " ", "é", "Ã", "©", "â€™", "\x80", "Ω", "中", "😀", "\ud800", "Â", "\xa0",
              "ô", "õ", "’"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        assert textclean._hints_mojibake(text) is bool(textclean._MOJIBAKE_HINT.search(text))
