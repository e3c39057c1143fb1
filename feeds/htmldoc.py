"""HTML text -> an lxml tree, parsed safely, and the text helpers the HTML stages share.

The parser never touches the network, does not lift libxml2's size limits (``huge_tree``
off) and drops comments and processing instructions. libxml2's HTML parser never loads
external entities, so there is no entity switch to turn off (its ``HTMLParser`` has none).
"""

from __future__ import annotations

import re
import unicodedata

from lxml import etree, html

from feeds.errors import CaptureError

_PARSER = html.HTMLParser(
    encoding="utf-8",
    no_network=True,
    huge_tree=False,
    remove_comments=True,
    remove_pis=True,
    default_doctype=False,
)
_SPACE_RE = re.compile(r"\s+")
BREAK = "\u2028"  # stands for <br> in text; whitespace, so clean() turns it into a space


def parse(text: str) -> html.HtmlElement:
    """Parse decoded HTML; raises ``CaptureError`` when there is no document in it."""
    try:
        root = html.fromstring(text.encode("utf-8", errors="replace"), parser=_PARSER)
    except (etree.ParserError, ValueError) as exc:
        raise CaptureError(f"unparseable HTML ({exc})") from exc
    if root is None or not isinstance(root.tag, str):
        raise CaptureError("unparseable HTML")
    for br in root.iter("br"):  # a line break separates words; two of them, paragraphs
        br.tail = BREAK + (br.tail or "")
    return root


def clean(text: str | None) -> str:
    """Collapse whitespace (including no-break and zero-width spaces) to single spaces."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text).replace("\u200b", "").replace("\ufeff", "")
    return _SPACE_RE.sub(" ", text).strip()


def text_of(el: html.HtmlElement) -> str:
    """Text of an element, whitespace collapsed; ``<br>`` counts as a space."""
    return clean(el.text_content())


def tokens(el: html.HtmlElement) -> set[str]:
    """Words of an element's class and id, split on ``-`` and ``_``: ``share-bar`` ->
    {"share", "bar", "share-bar"}."""
    raw = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    out: set[str] = set()
    for word in raw.split():
        out.add(word)
        out.update(w for w in re.split(r"[-_]+", word) if w)
    return out
