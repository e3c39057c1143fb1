"""Date statements in an HTML page's markup, read before the body reader prunes the tree.

Returned as (key, value) pairs for ``Article.metadata``; nothing here decides what a date
means (``feeds.dates.evidence.metadata`` does). What is kept:

* ``meta:<name>`` — a ``<meta>`` tag whose name says it holds a publication or change date
  (the keys htmldate reads, Dublin Core, Parse.ly, Sailthru, ...);
* ``time`` / ``time:updated`` — each ``<time>`` judged on its own: outside comments, lists
  of other stories and sidebars (a class on ``<body>`` or ``<html>`` says nothing about
  one element), not inside a sentence; a label or class saying "updated" makes it a change;
* ``date-element`` — the short text of an element whose class, id or itemprop names a date
  (``post-date``, ``datum``, ``entry-meta``), when it holds one;
* ``near-headline`` — the first short line after the headline that holds a date, and
  ``above-headline`` the last one just before it: where pages print their byline date;
* ``dated-line`` — failing those, the first short dated line outside page furniture.

Longer than most modules here: one pass over the tree collects every kind above, so each
element is judged once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from lxml import etree, html

from feeds.grammar.bylines import UPDATE_RE
from feeds.grammar.dates import find_dates
from feeds.parse.htmldoc import Heading, clean, headline_element, text_of, tokens


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


PUBLISHED_META = _words("""
article.created article_date_original article.published article:published bt:pubdate
citation_date citation_publication_date citation_online_date content_create_date created
cxenseparse:recs:publishtime date date_created date_published datecreated dateposted
datepublished dc.date dc.created dc.date.created dc.date.issued dc.date.publication
dcsext.articlefirstpublished dcterms.created dcterms.date dcterms.issued dc:created
dc:date displaydate doc_date gentime mediator_published_time og:article:published
og:article:published_time og:datepublished og:pubdate og:publish_date og:published_time
og:question:published_time og:regdate originalpublicationdate parsely-pub-date pdate
ptime pubdate publishdate publish_date publish-date published-date published_date
published_time release_date rnews:datepublished sailthru.date
shareaholic:article_published_time timestamp twt-published-at video:release_date
vr:published_time article:post_date
""")
MODIFIED_META = _words("""
article:modified og:updated_time og:modified_time updated_time modified_time
last-modified lastmod dc.date.modified dcterms.modified dc.modified date_modified
datemodified last_updated_date revised eomportal-lastupdate
""")
_DATE_CLASS = _words("""
date datum dateline datetime timestamp time published pubdate publish-date post-date
posted entry-date article-date postdate date-published published-date post-meta
entry-meta article-meta meta-date fecha data date-display created byline
""")
# "pubdate", "article__date", "datePublished", "postdatum": a date word inside a class word.
_DATE_STEM = re.compile(r"date|datum|fecha")
_ELSEWHERE = frozenset(("comment", "comments", "respond", "discussion", "replies", "related",
                        "recommended"))
_BESIDE = frozenset(("sidebar",))  # furniture unless inside the article itself
LINE_MAX = 150  # a byline line; longer text is a paragraph that happens to name a date
FOLLOWING = 40  # elements after the headline looked at
PRECEDING = 15  # and before it
MAX_TIMES = 3
MAX_DATE_ELEMENTS = 2


def scan(root: html.HtmlElement, titles: tuple[str, ...] = (),
         headings: Mapping[html.HtmlElement, Heading] | None = None,
         ) -> tuple[tuple[str, str], ...]:
    """Every date statement worth weighing, in document order within each kind. ``titles``
    (og:title, the title tag) find the headline on a page without ``<h1>``; ``headings``
    are the page's headings the caller has read already (see ``headline_element``)."""
    h1 = headline_element(root, titles, headings)
    walk = _walk(root, h1)
    verdicts: Verdicts = {}
    pairs: list[tuple[str, str]] = []
    pairs += _meta(root)
    pairs += _times(root, verdicts)
    pairs += _date_elements(walk.classed, verdicts)
    pairs += _around_headline(walk, verdicts)
    pairs += _first_dated_line(walk.dated, verdicts)  # weak: decides only when nothing else does
    return tuple(dict.fromkeys(pairs))


@dataclass(frozen=True)
class _Walk:
    classed: list  # elements whose class, id or itemprop may name a date
    dated: list  # (position, element) holding text with a year or a d.m.yy date
    headline_at: int | None  # the headline's position in document order
    headline: html.HtmlElement | None


_SKIP = frozenset(("script", "style", "noscript", "template", "head", "title"))
# What the walk passes over: those tags, and comments and processing instructions, whose
# ``tag`` is the factory function (one set lookup instead of a type test and a lookup).
_PASSED = _SKIP | {etree.Comment, etree.ProcessingInstruction, etree.Entity}
_ATTR_RE = re.compile("dat|time|publi|posted|byline|meta|fecha|created")


def _walk(root: html.HtmlElement, h1: html.HtmlElement | None) -> _Walk:
    """One pass over the page (a Python loop over every element costs about as much as all
    the rest of the scan, so it is done once). A page repeats its class, id and itemprop
    values, so each combination is judged once per page."""
    classed, dated = [], []
    at = None
    inside_h1: set = set(h1.iter()) if h1 is not None else set()
    judged: dict[tuple[str | None, str | None, str | None], bool] = {}
    digits = _DATE_DIGITS.search
    for n, el in enumerate(root.iter()):
        if el.tag in _PASSED:
            continue
        if el is h1:
            at = n
        attrs = (el.get("class"), el.get("id"), el.get("itemprop"))
        hit = judged.get(attrs)
        if hit is None:
            a, b, c = attrs
            hit = judged[attrs] = bool(
                (a or b or c) and _ATTR_RE.search(f"{a} {b} {c}".lower()))
        if hit:
            classed.append(el)
        if el in inside_h1:
            continue
        text = el.text
        if text and digits(text):
            dated.append((n, el))
        tail = el.tail
        if tail and digits(tail):
            parent = el.getparent()
            if parent is not None:
                dated.append((n, parent))
    return _Walk(classed, dated, at, h1)


def _meta(root: html.HtmlElement) -> list[tuple[str, str]]:
    found: dict[str, str] = {}  # the first of each: later ones describe other stories
    for el in root.iter("meta"):
        key = (el.get("name") or el.get("property") or el.get("http-equiv") or "").strip()
        key = key.lower()
        if (key in PUBLISHED_META or key in MODIFIED_META) and key not in found:
            value = clean(el.get("content"))
            if value:
                found[key] = value
    return [(f"meta:{k}", v) for k, v in found.items()]


# Per scan: each element's (elsewhere, inside an <article>) verdict. Most elements asked
# share most of their ancestors, so each ancestor is judged once per page.
Verdicts = dict[html.HtmlElement, tuple[bool, bool]]


def _elsewhere(el: html.HtmlElement, verdicts: Verdicts | None = None) -> bool:
    """Inside comments, a list of other stories, a sidebar, navigation or the page footer.
    ``<html>`` and ``<body>`` are not asked: a ``has-sidebar`` class on them describes the
    layout of the whole page, not where one element sits. Read from the top down: an
    ancestor that is an ``<article>`` makes asides and sidebars below it the article's."""
    known = verdicts if verdicts is not None else {}
    chain = []  # from el up to the first ancestor already judged, or to <body>
    state = (False, False)
    a: html.HtmlElement | None = el
    while a is not None and a.tag not in ("body", "html"):
        hit = known.get(a)
        if hit is not None:
            state = hit
            break
        chain.append(a)
        a = a.getparent()
    elsewhere, inside = state
    for a in reversed(chain):
        tag = a.tag
        inside = inside or tag == "article"
        if not elsewhere:
            if tag == "nav":
                elsewhere = True
            elif not (a.get("class") or a.get("id")):
                elsewhere = not inside and tag in ("aside", "footer")
            else:
                words = tokens(a)
                elsewhere = bool(words & _ELSEWHERE) or (
                    not inside and (tag in ("aside", "footer") or bool(words & _BESIDE)))
        known[a] = (elsewhere, inside)
    return elsewhere


def _in_sentence(el: html.HtmlElement) -> bool:
    before = el.getprevious()
    parent = el.getparent()
    lead = before.tail if before is not None else (parent.text if parent is not None else "")
    return len((lead or "").split()) + len((el.tail or "").split()) >= 6


def _label(el: html.HtmlElement) -> str:
    """The words just before an element and its own class: where "Updated" is said."""
    parent = el.getparent()
    around = text_of(parent) if parent is not None else ""
    own = text_of(el)
    before = around.split(own)[0] if own and own in around else ""
    return f"{before[-30:]} {' '.join(tokens(el))} {el.get('itemprop') or ''}"


def _times(root: html.HtmlElement, verdicts: Verdicts) -> list[tuple[str, str]]:
    found = []
    for el in root.iter("time"):
        value = clean(el.get("datetime")) or text_of(el)
        if not value or not any(c.isdigit() for c in value):
            continue
        if _elsewhere(el, verdicts) or _in_sentence(el):
            continue
        found.append(("time:updated" if UPDATE_RE.search(_label(el)) else "time", value))
        if len(found) >= MAX_TIMES:
            break
    return found


def _date_elements(classed: list, verdicts: Verdicts) -> list[tuple[str, str]]:
    found = []
    for el in classed:
        if not isinstance(el.tag, str) or el.tag in ("time", "meta", "html", "body", "script",
                                                     "style"):
            continue
        words = tokens(el) | set((el.get("itemprop") or "").lower().split())
        if not words & _DATE_CLASS and not any(_DATE_STEM.search(w) for w in words):
            continue
        text = _short_text(el, LINE_MAX)
        if not text or not _DIGIT.search(text):
            text = clean(el.get("title") or el.get("content"))
        if not text or len(text) > LINE_MAX or _elsewhere(el, verdicts):
            continue
        if any(m.year is not None for m in find_dates(text)):
            key = "date-element:updated" if UPDATE_RE.search(_label(el)) and not re.search(
                r"publi|posted|veröffentlicht|erstellt", text, re.IGNORECASE) else "date-element"
            found.append((key, text))
            if len(found) >= MAX_DATE_ELEMENTS:
                break
    return found


_DIGIT = re.compile(r"\d")
# A year, or d.m.yy. Written to open with one digit class: the regex engine then skips
# ahead to the next digit, where "\d{4}|\d[./]..." tries both branches at every character
# (a third of the walk's time, on text that mostly holds no digit at all).
_DATE_DIGITS = re.compile(r"\d(?:\d{3}|[./]\d{1,2}[./]\d\d)")
_STRING_LENGTH = etree.XPath("string-length(.)")


def _short_text(el: html.HtmlElement, limit: int) -> str:
    """The element's text when it is short; "" for a long one, without building it."""
    if _STRING_LENGTH(el) > 4 * limit:  # whitespace collapses, so allow room
        return ""
    text = text_of(el)
    return text if len(text) <= limit else ""


def _dated_texts(dated: list, limit: int) -> Iterator[tuple[html.HtmlElement, str]]:
    """Short elements holding a dated text, in document order: the innermost element,
    widened to its parent while that stays short (so a label beside the date is kept)."""
    seen: set = set()
    for _, el in dated:
        if el in seen or el.tag in _SKIP:
            continue
        seen.add(el)
        text = _short_text(el, limit)
        if not text:
            continue
        parent = el.getparent()
        if parent is not None and parent.tag not in ("body", "html"):
            wider = _short_text(parent, limit)
            if wider:
                el, text = parent, wider
        yield el, text




def _is_dated(text: str, *, day: bool = False) -> bool:
    return any(m.year is not None and (m.day is not None or not day) for m in find_dates(text))


def _around_headline(walk: _Walk, verdicts: Verdicts) -> list[tuple[str, str]]:
    at = walk.headline_at
    if at is None:
        return []
    found = []
    after = [(n, el) for n, el in walk.dated if at < n <= at + FOLLOWING]
    for el, text in _dated_texts(after, LINE_MAX):
        if not _elsewhere(el, verdicts) and _is_dated(text):
            found.append(("near-headline", text))
            break
    home = walk.headline.getparent() if walk.headline is not None else None
    before = [(n, el) for n, el in walk.dated if at - PRECEDING <= n < at]
    for el, text in reversed(list(_dated_texts(before, LINE_MAX))):
        if home is None or not any(a is home for a in el.iterancestors()):
            continue  # only beside the headline, not in the page's header
        if not _elsewhere(el, verdicts) and _is_dated(text):
            found.append(("above-headline", text))
            break
    return found


DATED_LINE_MAX = 80
_FURNITURE = ("nav", "select", "option")  # header, footer, aside: see _outside_article


def _page_header(el: html.HtmlElement) -> bool:
    """In the page's own header or a menu; an article's header holds its byline."""
    chain = [el, *el.iterancestors()]
    if any(a.tag in _FURNITURE for a in chain):
        return True
    return any(a.tag == "header" for a in chain) and not any(a.tag == "article" for a in chain)


def _first_dated_line(dated: list, verdicts: Verdicts) -> list[tuple[str, str]]:
    """The first short element whose text holds a full date, outside page furniture."""
    for el, text in _dated_texts(dated, DATED_LINE_MAX):
        if _elsewhere(el, verdicts) or _page_header(el):
            continue
        if _is_dated(text, day=True):
            return [("dated-line", text)]
    return []
