"""HTML text -> an lxml tree, parsed safely, and the text helpers the HTML stages share.

The parser never touches the network, does not lift libxml2's size limits (``huge_tree``
off) and drops comments and processing instructions. libxml2's HTML parser never loads
external entities, so there is no entity switch to turn off (its ``HTMLParser`` has none).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from lxml import etree, html

from feeds.errors import CaptureError
from feeds.textclean import INVISIBLE, INVISIBLE_CHARS, xml_safe

_PARSER = html.HTMLParser(
    encoding="utf-8",
    no_network=True,
    huge_tree=False,
    remove_comments=True,
    remove_pis=True,
    default_doctype=False,
)
# One element class for every tag, looked up in C: lxml.html's default lookup runs Python
# code for each element touched (a third of the reader's time), to give forms and inputs
# classes this reader never uses.
_PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(
    element=html.HtmlElement, comment=html.HtmlComment, pi=html.HtmlProcessingInstruction,
    entity=html.HtmlEntity))
_DASHES = re.compile(r"[-_]+")
BREAK = "\u2028"  # stands for <br> in text; whitespace, so clean() turns it into a space


def parse(text: str) -> html.HtmlElement:
    """Parse decoded HTML; raises ``CaptureError`` when there is no document in it.

    Characters XML cannot carry (controls, NUL, lone surrogates) are removed first: lxml
    refuses to take them in any string set on the tree later, so one of them anywhere
    would otherwise fail the whole page."""
    try:
        root = html.fromstring(xml_safe(text).encode("utf-8", errors="replace"),
                               parser=_PARSER)
    except (etree.ParserError, ValueError) as exc:
        raise CaptureError(f"unparseable HTML ({exc})") from exc
    if root is None or not isinstance(root.tag, str):
        raise CaptureError("unparseable HTML")
    for br in root.iter("br"):  # a line break separates words; two of them, paragraphs
        br.tail = BREAK + (br.tail or "")
    return root


def clean(text: str | None) -> str:
    """Collapse whitespace (including no-break spaces) to single spaces, remove the
    invisible characters the text reader removes (a soft hyphen made an otherwise equal
    headline differ), and compose accents (NFC) without replacing a letter the page wrote."""
    if not text:
        return ""
    if not text.isascii():  # ASCII text is composed, and holds no invisible character
        text = nfc(text)
        if any(c in text for c in INVISIBLE_CHARS):
            text = INVISIBLE.sub("", text)  # soft hyphens, zero-width spaces, BOM
    # Runs of whitespace (str.split and \s read the same characters as space) to one space.
    return " ".join(text.split())


def nfc(text: str) -> str:
    """NFC, except that a character NFC would replace by another is kept as written.

    NFC composes a letter and its combining accent, which is what is wanted; but it also
    decomposes Unicode's composition exclusions (Bengali and Devanagari nukta letters such
    as U+09DF) and maps singletons (CJK compatibility ideographs, the Ohm sign) to other
    characters, so the text would no longer be the page's own."""
    if unicodedata.is_normalized("NFC", text):
        return text
    out: list[str] = []
    start = 0
    for i, char in enumerate(text):
        if char > "\u02ff" and unicodedata.normalize("NFC", char) != char:
            out += (unicodedata.normalize("NFC", text[start:i]), char)
            start = i + 1
    out.append(unicodedata.normalize("NFC", text[start:]))
    return "".join(out)


def text_of(el: html.HtmlElement) -> str:
    """Text of an element, whitespace collapsed; ``<br>`` counts as a space."""
    return clean(el.text_content())


# Scripts written without spaces between words (Han, kana, Thai, Lao, Myanmar, Khmer):
# there a word is about two characters, so a count of spaces says nothing.
_UNSPACED = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")


def word_count(text: str) -> int:
    """Words in ``text`` in any script: space-separated words, plus one per two characters
    of a script written without spaces."""
    if text.isascii():
        return len(text.split())
    unspaced = len(_UNSPACED.findall(text))
    if not unspaced:
        return len(text.split())
    return len(_UNSPACED.sub(" ", text).split()) + unspaced // 2


def tokens(el: html.HtmlElement) -> frozenset[str]:
    """Words of an element's class and id, split on ``-`` and ``_``: ``share-bar`` ->
    {"share", "bar", "share-bar"}."""
    return _words_of(f"{el.get('class') or ''} {el.get('id') or ''}")


@functools.lru_cache(maxsize=4096)
def _words_of(raw: str) -> frozenset[str]:
    """Pages repeat a few class strings many times: each is split once."""
    out: set[str] = set()
    for word in raw.lower().split():
        out.add(word)
        out.update(w for w in _DASHES.split(word) if w)
    return frozenset(out)


# Elements whose text a reader never sees as words: CSS-in-JS pages put <style> inside the
# <h1> itself.
_UNSEEN = frozenset({"script", "style", "template"})
_HAS_WORD = re.compile(r"\w")


@dataclass(frozen=True)
class Heading:
    """A heading's visible text, and that text cut where its markup cuts it: a kicker, the
    headline and a dek set as separate elements of one ``<h1>`` are three parts, so a title
    that repeats one of them can be matched to it. A part without a letter or digit (a
    ``": "`` span) only joins its neighbours and is not kept."""

    text: str
    parts: tuple[str, ...]


def heading(el: html.HtmlElement) -> Heading:
    """The visible text and element-level parts of a heading (script and style left out)."""
    pieces: list[str] = []
    parts: list[str] = []
    start = 0

    def cut() -> None:
        nonlocal start
        part = clean("".join(pieces[start:]))
        if _HAS_WORD.search(part):
            parts.append(part)
        start = len(pieces)

    walk = etree.iterwalk(el, events=("start", "end"))
    for event, node in walk:
        cut()
        if event == "start":
            if node.tag in _UNSEEN:
                walk.skip_subtree()
            elif node.text:
                pieces.append(node.text)
        elif node is not el and node.tail:
            pieces.append(node.tail)
    return Heading(clean("".join(pieces)), tuple(parts))


def headline_element(root: html.HtmlElement, titles: tuple[str, ...] = (),
                     known: Mapping[html.HtmlElement, Heading] | None = None,
                     ) -> html.HtmlElement | None:
    """The headline element: the first heading that repeats one of the page's titles (most
    trusted title first), else the first ``<h1>`` (inside an article first), which on some
    pages is the site's name. The body reader and the date scan both start from it.
    ``known`` holds headings already read from this tree as it stands (the HTML reader
    reads every heading once for the headline choice), so none is read twice."""
    read: list[tuple[str, html.HtmlElement]] = []
    unread = root.iter("h1", "h2", "h3", "h4")
    seen = known or {}

    def text(el: html.HtmlElement) -> str:
        h = seen.get(el)
        return (h if h is not None else heading(el)).text

    def headings() -> Iterator[tuple[str, html.HtmlElement]]:
        """Each heading's text, read when first asked: the headline is most often the
        first heading, and a page may have hundreds more (teasers, lists)."""
        yield from read
        for el in unread:
            read.append((text(el).casefold(), el))
            yield read[-1]

    for title in dict.fromkeys(clean(t).casefold() for t in titles if t):
        for folded, el in headings():
            if folded == title:
                return el
    for path in (".//article//h1", ".//main//h1", ".//h1"):
        for el in root.iterfind(path):
            if text(el):
                return el
    return None
