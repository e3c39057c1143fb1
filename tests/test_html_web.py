"""The HTML reader on pages from the whole web: any script, any markup, residue, decoding,
headline and language; one fixture page per behaviour (tests/fixtures/html_web)."""

import json
import shutil
from pathlib import Path

from lxml import etree

from feeds import language
from feeds.build import parse_capture
from feeds.cli import main
from feeds.model import Article, BlockKind
from feeds.parse.htmldoc import Heading, clean, heading, parse
from feeds.sources import read_capture

from .conftest import FIXTURES

WEB = FIXTURES / "html_web"


def read(name: str) -> Article:
    return parse_capture(read_capture(WEB / name))


def body(article: Article) -> str:
    return "\n".join(b.text for b in article.blocks)


def test_an_article_written_between_br_tags_is_read_not_the_sidebar():
    a = read("br_article.html")
    assert a.headline == "Keyboard change arrives in the smaller laptop"
    assert len(a.paragraphs) == 4
    assert a.paragraphs[0].startswith("The maker is expected")
    assert a.paragraphs[-1] == "Prices are not expected to change with the new keyboard"
    assert "forums" not in body(a)


def test_a_japanese_page_without_spaces_is_prose():
    a = read("japanese.html")
    assert a.headline == "商品の改造が商標法違反に！？"
    assert len(a.paragraphs) == 3
    assert a.paragraphs[0].startswith("中古品を買い取って")
    assert "Copyright" not in body(a)
    assert a.language == "ja"


def test_table_rows_keep_a_space_between_cells():
    a = read("table_article.html")
    text = body(a)
    assert "1 4 de março Interlagos" in text
    assert "3 15 de abril Santa Cruz do Sul" in text
    assert a.paragraphs[-1].startswith("A final será disputada")


def test_a_donation_box_and_the_next_story_are_left_out():
    a = read("donation_next_story.html")
    text = body(a)
    assert len(a.paragraphs) == 3
    assert a.paragraphs[-1].startswith("The environment agency warned")
    assert "Donate" not in text and "Support independent" not in text
    assert "New school" not in text and "four hundred pupils" not in text


def test_mojibake_in_an_html_page_is_repaired_and_reported():
    capture = read_capture(WEB / "mojibake.html")
    assert "mis-decoded text (mojibake) repaired" in capture.warnings
    a = parse_capture(capture)
    assert a.headline == "Andrés García gana el maratón de la ciudad"
    assert "Andrés García ganó" in body(a)


def test_a_control_character_after_br_is_removed_before_parsing():
    capture = read_capture(WEB / "control_after_br.html")
    assert "1 control or non-XML characters removed" in capture.warnings
    a = parse_capture(capture)
    assert a.paragraphs[0] == ("The council voted on Tuesday to build a new footbridge over the "
                               "river. Work starts in the spring and should take eighteen "
                               "months to finish.")


def test_an_h1_that_is_the_site_name_is_not_the_headline():
    a = read("h1_site_name.html")
    assert a.site == "Literaturgeflüster"
    assert a.headline == "Ins neue Jahr"
    assert len(a.paragraphs) == 2


def test_a_german_byline_gets_no_english_by():
    a = read("german.html")
    assert a.byline == "Anna Schmidt"
    assert a.language == "de-DE"
    assert all(b.kind is BlockKind.PARAGRAPH for b in a.blocks)


def test_language_detected_from_text_when_the_page_states_none():
    assert read("undeclared_french.html").language == "fr"


def test_language_tags_are_normalised_and_junk_is_dropped():
    assert language.normalise("de_CH") == "de-CH"
    assert language.normalise("EN") == "en"
    assert language.normalise("zh-hant-tw") == "zh-Hant-TW"
    assert language.normalise("lang=") == ""
    assert language.normalise("und") == ""
    assert language.normalise("zz-ZZ") == ""  # not a registered language


def test_a_site_of_one_language_says_it_and_a_mixed_one_says_none():
    assert language.common(["de-DE", "de-DE"]) == "de-DE"
    assert language.common(["de", "de-AT", None]) == "de"
    assert language.common(["de", "en"], "en") == ""
    assert language.common([None, None], "en") == "en"


def _build(tmp_path: Path, pages: dict[str, bytes]) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    for name, data in pages.items():
        (src / name).write_bytes(data)
    out = tmp_path / "out"
    assert main(["build", str(src), "-o", str(out)]) == 0
    return out


def _feeds(out: Path) -> tuple[etree._Element, etree._Element, dict, etree._Element]:
    site = next(p.parent for p in out.glob("*/rss.xml"))
    rss = etree.parse(str(site / "rss.xml")).getroot()
    atom = etree.parse(str(site / "atom.xml")).getroot()
    feed = json.loads((site / "feed.json").read_text())
    opml = etree.parse(str(out / "index.opml")).getroot()
    return rss, atom, feed, opml


XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def test_a_german_site_s_feeds_say_german(tmp_path):
    rss, atom, feed, opml = _feeds(_build(tmp_path, {
        "german.html": (WEB / "german.html").read_bytes()}))
    assert rss.findtext("channel/language") == "de-DE"
    assert atom.get(XML_LANG) == "de-DE"
    assert feed["language"] == "de-DE"
    assert {o.get("language") for o in opml.iter("outline") if o.get("xmlUrl")} == {"de-DE"}


def test_a_site_of_mixed_languages_states_no_language(tmp_path):
    german = (WEB / "german.html").read_bytes()
    english = (
        b"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        b"<title>Council approves new cycle lanes - Lokalblatt</title>"
        b"<meta property='og:site_name' content='Lokalblatt'></head><body><article>"
        b"<h1>Council approves new cycle lanes</h1><p>The council voted on Tuesday to build "
        b"twelve kilometres of new cycle lanes over the next two years.</p><p>Half of the "
        b"cost of about four million euros will be paid by the state, officials said.</p>"
        b"</article></body></html>")
    rss, atom, feed, opml = _feeds(_build(tmp_path, {"de.html": german, "en.html": english}))
    assert rss.find("channel/language") is None
    assert atom.get(XML_LANG) is None
    assert "language" not in feed
    assert not any(o.get("language") for o in opml.iter("outline"))


def test_fixtures_are_in_the_folder(tmp_path):
    """Every fixture page builds, with no page refused."""
    src = tmp_path / "web"
    shutil.copytree(WEB, src)
    out = tmp_path / "out"
    assert main(["build", str(src), "-o", str(out)]) == 0
    assert len(list(out.glob("*/rss.xml"))) >= 5


def test_an_unclosed_noscript_or_button_does_not_swallow_the_article():
    from feeds.model import Capture
    from feeds.parse.htmlparse import parse_html

    paragraphs = "".join(
        f"<p>Paragraph {i} of the article says something long enough to be read as prose "
        f"about the council, the bridge and the river that runs under it.</p>"
        for i in range(20))
    for opener in ("<noscript><div>", "<button class='menu'>"):
        markup = (f"<html><body>{opener}<h1>Council approves the bridge</h1>"
                  f"{paragraphs}</body></html>")
        a = parse_html(Capture(path="p.html", sha256="", text=markup, kind="html"))
        assert len(a.paragraphs) == 20, opener


def test_an_empty_element_marked_as_the_article_body_does_not_hide_the_text():
    from feeds.model import Capture
    from feeds.parse.htmlparse import parse_html

    prose = ("The new government was sworn in on Monday, two weeks after the prime minister "
             "was appointed, and it faces a long list of urgent tasks.")
    markup = (f"<html><body><h1>Big tasks for the new government</h1>"
              f"<div itemprop='articleBody'> </div><p>{prose}</p><p>{prose} Again.</p>"
              f"</body></html>")
    a = parse_html(Capture(path="p.html", sha256="", text=markup, kind="html"))
    assert len(a.paragraphs) == 2


def test_a_short_story_above_a_long_list_of_others_is_the_body():
    from feeds.model import Capture
    from feeds.parse.htmlparse import parse_html

    teaser = ("<div class='item'><h3>Another story about something else entirely</h3><p>A "
              "summary of that other story, long enough to read as a sentence of prose.</p>"
              "</div>")
    markup = ("<html><body><div class='page'><article><h1>Short news item</h1><div>"
              "<p>The only paragraph of this short story says what happened and where it "
              "happened.</p></div></article><div class='items'>" + teaser * 12 +
              "</div></div></body></html>")
    a = parse_html(Capture(path="p.html", sha256="", text=markup, kind="html"))
    assert a.paragraphs == ("The only paragraph of this short story says what happened and "
                            "where it happened.",)


def test_gallery_captions_are_left_out_and_a_figure_caption_stays():
    from feeds.model import Capture
    from feeds.parse.htmlparse import parse_html

    prose = "The river rose two metres overnight and flooded the lower part of the old town."
    markup = (f"<html><body><article><h1>Floods in the old town</h1><p>{prose}</p>"
              f"<figure><img src='a.jpg'><figcaption>The market square at dawn"
              f"</figcaption></figure><div class='photo-gallery'><figure><img src='b.jpg'>"
              f"<figcaption>Photo 1 of 12: sandbags on the bridge</figcaption></figure></div>"
              f"<p>{prose} Again.</p></article></body></html>")
    a = parse_html(Capture(path="p.html", sha256="", text=markup, kind="html"))
    captions = [b.text for b in a.blocks if b.kind is BlockKind.CAPTION]
    assert captions == ["The market square at dawn"]
    assert len(a.paragraphs) == 2


def test_a_kicker_set_apart_in_the_h1_is_left_out_when_og_title_has_only_the_headline():
    a = read("kicker_h1.html")
    assert a.headline == "Ferry service returns after the winter storms"
    assert len(a.paragraphs) == 3


def test_a_kicker_that_the_og_title_has_too_stays_in_the_headline():
    # og:title holds the kicker's words after the headline; the <title> before it.
    a = read("kicker_in_title.html")
    assert a.headline == "Harbour town Ferry service returns after the winter storms"


def test_style_inside_the_h1_is_not_headline_text_and_a_kicker_before_it_is_dropped():
    # og:title is the section's name; the <title> agrees with the h1's last part.
    a = read("style_in_h1.html")
    assert a.headline == "Vaccination stays open in every district until February"
    assert "{" not in a.headline


def test_a_section_label_h1_gives_way_to_the_article_s_h1_that_the_title_ends_with():
    # og:title repeats the section label; the <title> is "Site: Headline".
    a = read("section_label_h1.html")
    assert a.headline == "Council opens the new footbridge over the river"


def test_a_title_with_an_underscore_keyword_tail_is_matched_to_the_h1():
    assert read("keyword_tail_title.html").headline == "城市新建步行桥正式开通"


def test_a_heading_is_cut_into_parts_where_its_markup_cuts_it():
    h1 = parse("<html><body><h1><small>Kicker</small><br> Headline <em>words</em><span>: </span>"
               "<style>.a{}</style>Dek</h1></body></html>").find(".//h1")
    assert heading(h1) == Heading("Kicker Headline words: Dek",
                                  ("Kicker", "Headline", "words", "Dek"))


def test_text_is_composed_but_a_letter_the_page_wrote_precomposed_is_kept():
    # U+09DC (Bengali RRA) is a composition exclusion: plain NFC would split it in two.
    assert clean("বা\u09dcির") == "বা\u09dcির"
    assert clean("\uf900 \u2126") == "\uf900 \u2126"  # singletons NFC maps elsewhere
    assert clean("Andre\u0301s  García") == "Andrés García"


def test_soft_hyphens_and_zero_width_characters_are_not_headline_text():
    assert clean("Mes\u00adsen\u00adger\u00addienste\u2060 sind\u200b frei\ufeff") == (
        "Messengerdienste sind frei")


def test_a_lower_heading_in_parts_takes_the_title_s_dash_between_them():
    # The <h1> is the site's tagline; the h2 sets headline and subtitle apart in its markup.
    a = read("h2_parts_dash.html")
    assert a.headline == "Files from elsewhere - A plan for handling drawings made in other offices"


def test_clean_reads_every_character_as_the_regex_reading_did():
    """The fast path (ASCII text, str.split for whitespace) answers as NFC, the invisible-
    character pattern and a ``\\s+`` pattern did, for every code point, at a text's ends and
    between words."""
    import re
    import sys

    from feeds.parse.htmldoc import nfc
    from feeds.textclean import INVISIBLE

    spaces = re.compile(r"\s+")

    def reference(text: str) -> str:
        return spaces.sub(" ", INVISIBLE.sub("", nfc(text))).strip() if text else ""

    for cp in range(sys.maxunicode + 1):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        text = f" {c}a{c}{c}b "
        assert clean(text) == reference(text), hex(cp)
