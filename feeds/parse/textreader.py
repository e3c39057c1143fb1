"""Plain-text captures -> ``Article``: the reader is chosen by the capture's shape.

Three readers share the line rules of ``textparse``: the header-first rules (``textparse``,
for captures whose headline sits under a short header), the full-page reader by content
and the reader-view reader (both ``textpage``). Choosing among them lives here, apart
from all three, so neither reader imports the other's caller.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime

from feeds import chrome
from feeds.errors import CaptureError
from feeds.grammar.dates import find_dates
from feeds.model import Article, Block, BlockKind
from feeds.parse import textpage
from feeds.parse.textparse import (
    HEADLINE_MAX_CHARS,
    PROSE_END,
    Unit,
    byline_parts,
    find_headline,
    header_first,
    is_prose,
    is_titleish,
    split_lines,
    visible_units,
)


def parse_text(text: str, source: str, captured_at: datetime | None = None) -> Article:
    """Parse one text capture. Raises ``CaptureError`` when no headline can be found.

    Where the article's own lines state no date, the first short dated line of the page
    is kept as a guess (``dated-line``), as the HTML reader does: the resolver weighs it
    below a byline's date, and the user sees it in ``feeds explain``.
    """
    lines = split_lines(text)
    article = _read(lines, source, captured_at)
    return with_page_date(_without_interface(article), lines)


_SENTENCE_END = (".", "!", "?", "…", "。")
SENTENCE_MIN_WORDS = 5  # "Like Loading..." ends in dots, but is no sentence


def _interface_block(block: Block) -> bool:
    text = block.text
    if block.kind is BlockKind.CAPTION or any(c.isdigit() for c in text):
        return False
    if text.endswith(_SENTENCE_END) and len(text.split()) >= SENTENCE_MIN_WORDS:
        return False
    return chrome.is_interface(text) or chrome.is_related_label(text)


def _without_interface(article: Article) -> Article:
    """The article without the blocks that are the page's interface: share and like
    buttons ("Gefällt mir:", "Click to share on Facebook (Opens in new window)"), list
    labels, legal links, ad labels ("Anzeige"), a post's taxonomy line. The readers keep
    such lines while they read (their models were measured with them in place); the body
    a feed shows leaves them out. Captions stay (a credit is part of one), and so do a
    sentence ("Posted on social media by the analysts ...") and any line with a digit (a
    date line is dated evidence and the page's own date guess)."""
    kept = tuple(b for b in article.blocks if not _interface_block(b))
    return article if len(kept) == len(article.blocks) else replace(article, blocks=kept)


def with_page_date(article: Article, lines: list[str]) -> Article:
    if article.dateline and textpage.states_a_date(article.dateline):
        return article
    # The article's own text is read by the resolver anyway; the banner is the day the
    # page was captured, not published.
    body = {b.text for b in article.blocks} | {article.banner}
    for line in lines:
        if line and line not in body and textpage.states_a_date(line):
            return replace(article, metadata=(*article.metadata, ("dated-line", line)))
    return article


def _read(lines: list[str], source: str, captured_at: datetime | None) -> Article:
    """The article, by the reader the capture's shape calls for.

    A full-page capture (a menu before the first paragraph) is read by content
    (``textpage.parse_full_page``); a reader-view capture (every block alone) takes its
    first line as the headline unless the header-first rules find the headline at once
    under a short site line; everything else is read header-first (``textparse``), and a
    header-first reading of a page with a real page's furniture is checked by content.
    """
    units = visible_units(lines)
    if not units:
        raise CaptureError("no text after removing page chrome")
    if textpage.is_full_page(units) and not textpage.is_reader_view(units):
        article = textpage.parse_full_page(units, source, captured_at, [x for x in lines if x])
        if article is not None:
            return article
    if len(units) == 1 and is_titleish(units[0].text) and not is_prose(units[0].text):
        # A reader view of a page whose article did not survive: the title alone.
        return Article(source=source, headline=units[0].text, captured_at=captured_at)
    head = find_headline(units)
    if textpage.is_reader_view(units) and len(units[0].text) <= HEADLINE_MAX_CHARS:
        if head is not None and head[0] > 0 and (
            head[1] == head[0] + 2  # printed twice, as rendered pages print a title
            or (head[0] == 1 and _site_over(units[0].text, units[1].text)
                and _may_head(units[1].text))
            or (head[0] == 1 and len(units) > 2 and byline_parts(units[2].text) != (None, None)
                and _may_head(units[1].text))
        ):
            try:
                return header_first(units, head, source, captured_at)
            except CaptureError:
                pass
        if _dated_title(units):
            return header_first(units, (2, 3, False), source, captured_at)
        return textpage.parse_reader_view(units, source, captured_at)
    try:
        if head is None:
            raise CaptureError("no headline found")
        article = header_first(units, head, source, captured_at)
        if head[1] == head[0] + 2:  # a title printed twice: the header rules' surest case
            return article
        return textpage.reread(units, article, source, captured_at, [x for x in lines if x])
    except CaptureError:
        # Prose first (a cookie notice) hid the page's menus: read it by content.
        article = textpage.parse_full_page(units, source, captured_at, [x for x in lines if x])
        if article is None:
            raise
        return article


def _dated_title(units: list[Unit]) -> bool:
    """Site line, then a dateline, then a title: a blog's header, not a reader view."""
    return (
        len(units) > 3
        and byline_parts(units[1].text) != (None, None)
        and is_titleish(units[2].text)
        and not units[2].text.endswith(PROSE_END)
        and _site_over(units[0].text, units[2].text)
    )


# "Lesezeit: 1 min", "5 min read", "Lesedauer 3 Min.": how long the article takes to read.
_READING_TIME = re.compile(r"\b\d+\s*min(?:\.|\b)", re.IGNORECASE)
READING_TIME_MAX_WORDS = 5
# Marks inside a line that make it a sentence: a headline carries none of them.
_CLAUSE_MARK = re.compile(r"[;,]$|;\s|[.…]$")


def _may_head(line: str) -> bool:
    """Whether the second line of a reader view can be its headline under a site line.
    A reader view prints the page's title first; what follows it may be a byline, a
    dateline, a reading time or the opening sentence, which the header rules would take
    for a headline under a site name ("Podcasts in Plex einbinden" / "Erstellt von Fabian
    am Dienstag 6. Mai 2014"). A headline states no day, and is not a sentence."""
    if byline_parts(line) != (None, None) or _CLAUSE_MARK.search(line):
        return False
    if len(line.split()) <= READING_TIME_MAX_WORDS and _READING_TIME.search(line):
        return False
    return not any(m.year is not None and m.day is not None for m in find_dates(line))


def _site_over(first: str, headline: str) -> bool:
    """A first line that can be a site name above ``headline``: a few words, fewer."""
    words = len(first.split())
    return words <= 4 and words < len(headline.split())
