"""The HTML reader's fast paths give the answers their plain definitions give.

Each fast path below replaced a simpler definition for speed; these tests pin the two
together on text built to reach the corners (any script's digits, sentence marks at the
end of text, labels in any case), so a later edit cannot let them drift apart.
"""

import random
import re

import pytest

from feeds import chrome
from feeds.parse import htmlbody, htmldates, htmldoc
from feeds.parse.htmldoc import parse
from feeds.parse.htmlmeta import read_meta

_ALPHABET = list("ab 12.0/?!…。！？\"”’'»)\n٣٤٥١٢٠") + ["\u0966", "\uff11"]


def _strings(seed: int, count: int = 20000, longest: int = 14) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, longest)))
            for _ in range(count)]


def test_date_digits_finds_what_the_two_branch_pattern_finds():
    plain = re.compile(r"\d{4}|\d[./]\d{1,2}[./]\d\d")
    for text in _strings(1) + ["in 2019", "19.10.19", "٢٠١٩", "3/4/21", "12.3.4", "1.1.1"]:
        assert bool(htmldates._DATE_DIGITS.search(text)) == bool(plain.search(text)), text


def test_sentence_ends_are_counted_as_the_two_branch_pattern_counts_them():
    plain = re.compile(r"[.!?…](?=[\s\"”’'»)]|$)|[。！？]")
    for text in _strings(2) + ["Done. Next!", "a.b", "终于。好", "end?"]:
        assert htmlbody._SENTENCE_END_RE.findall(text) == plain.findall(text), text


LABELS = ["Related", "related articles", "READ MORE", "Read next:", "Read also",
          "More from the newsroom", "more stories", "You may also like",
          "You might be interested in", "See also", "Most read", "Most popular",
          "Trending now", "Latest news", "Top stories", "Recommended for you"]


@pytest.mark.parametrize("label", LABELS)
def test_every_related_label_opening_is_let_through(label):
    assert chrome.is_related_label(label)
    for lead in ("", "  ", "\n\t"):
        assert chrome.may_open_related_label(lead + label)
        assert chrome.may_open_related_label(lead + label[:3])  # the rest in a child


def test_related_label_opening_rules_out_only_ascii_openings_it_knows():
    assert not chrome.may_open_related_label("Subscribe to our newsletter")
    assert not chrome.may_open_related_label("  Photo: Reuters")
    assert chrome.may_open_related_label("Re")  # too short to judge
    assert chrome.may_open_related_label("\u200bRelated")  # cleaning removes the mark
    assert chrome.may_open_related_label("Éditorial")  # not ASCII: not judged


def test_hidden_reads_the_three_attributes_as_before():
    root = parse('<html><body><div hidden>a</div><p aria-hidden="true">b</p>'
                 '<p aria-hidden="false">c</p><span style="DISPLAY: none">d</span>'
                 '<span style="color:red">e</span><b>f</b></body></html>')
    seen = {el.text: htmlbody._hidden(el) for el in root.iter("div", "p", "span", "b")}
    assert seen == {"a": True, "b": True, "c": False, "d": True, "e": False, "f": False}


def test_microdata_is_read_from_every_itemprop_in_document_order():
    page = ('<html itemscope itemprop="x"><head><meta itemprop="datePublished" '
            'content="2024-05-01"></head><body><span itemprop="author">Ann Lee</span>'
            '<p itemprop="headline description">Words here</p>'
            '<span itemprop="author"><span itemprop="name">Bo Kim</span></span></body></html>')
    meta = read_meta(parse(page))
    assert meta.authors == ("Ann Lee", "Bo Kim")


def test_an_article_body_marked_by_itemprop_is_found_among_other_words():
    root = parse('<html><body><div itemprop="x"></div><div itemprop=" text  articleBody">'
                 '<p>One.</p></div></body></html>')
    found = htmlbody._article_body(root)
    assert found is not None and found.get("itemprop") == " text  articleBody"


_SCAN_PAGE = """<html><head><title>Rain in the valley | Example News</title></head><body>
<header class="site-meta"><h2>Example News</h2><span class="date">1 May 2024</span></header>
<article><h1 class="headline">Rain <span hidden>x</span>in the valley</h1>
<p class="byline">By Ann Lee, <time datetime="2024-05-02">2 May 2024</time></p>
<div class="post-meta" id="meta-1">Posted 02.05.2024</div>
<p>It rained in 2023 as well.</p><h3 class="date">Section</h3>
<!-- 3.5.24 --></article><aside class="sidebar"><div class="date">3 May 2024</div></aside>
</body></html>"""


def _reference_walk(root, h1):
    """The walk as first written: a type test, then three attribute reads per element."""
    classed, dated, at = [], [], None
    inside_h1 = set(h1.iter()) if h1 is not None else set()
    for n, el in enumerate(root.iter()):
        tag = el.tag
        if not isinstance(tag, str) or tag in htmldates._SKIP:
            continue
        if el is h1:
            at = n
        a, b, c = el.get("class"), el.get("id"), el.get("itemprop")
        if (a or b or c) and htmldates._ATTR_RE.search(f"{a} {b} {c}".lower()):
            classed.append(el)
        if el in inside_h1:
            continue
        if el.text and htmldates._DATE_DIGITS.search(el.text):
            dated.append((n, el))
        if el.tail and htmldates._DATE_DIGITS.search(el.tail) and el.getparent() is not None:
            dated.append((n, el.getparent()))
    return classed, dated, at


def test_the_date_walk_judges_each_attribute_combination_as_the_reference_does():
    root = parse(_SCAN_PAGE)
    h1 = next(root.iter("h1"))
    walk = htmldates._walk(root, h1)
    classed, dated, at = _reference_walk(root, h1)
    assert (walk.classed, walk.dated, walk.headline_at) == (classed, dated, at)
    assert len(walk.classed) >= 4 and at is not None  # the page reaches the cases


def test_the_scan_reads_the_headings_it_is_given_and_finds_the_same_dates():
    root = parse(_SCAN_PAGE)
    titles = ("Rain in the valley",)
    read = {h: htmldoc.heading(h) for h in root.iter("h1", "h2", "h3", "h4")}
    assert htmldates.scan(root, titles, read) == htmldates.scan(root, titles)
    # what it is given is what it reads: a heading said to be the title is taken for it
    h3 = next(root.iter("h3"))
    told = {**read, h3: htmldoc.Heading("rain in the valley", ())}
    assert htmldoc.headline_element(root, titles, told) is h3
    assert htmldoc.headline_element(root, titles, read) is next(root.iter("h1"))
