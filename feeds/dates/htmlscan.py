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
"""

from __future__ import annotations

import re

from lxml import html

from feeds.dates.grammar import find_dates
from feeds.htmldoc import clean, text_of, tokens


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
_ELSEWHERE = frozenset(("comment", "comments", "respond", "discussion", "replies", "related",
                        "recommended"))
_BESIDE = frozenset(("sidebar", "widget"))  # furniture unless inside the article itself
_UPDATE = re.compile(r"updat|modif|edit|revis|aktualisiert|geändert|mis\s+à\s+jour|actualiz|"
                     r"aggiorn|bijgewerkt|zuletzt", re.IGNORECASE)
LINE_MAX = 150  # a byline line; longer text is a paragraph that happens to name a date
FOLLOWING = 40  # elements after the headline looked at
MAX_TIMES = 3
MAX_DATE_ELEMENTS = 2


def scan(root: html.HtmlElement, titles: tuple[str, ...] = ()) -> tuple[tuple[str, str], ...]:
    """Every date statement worth weighing, in document order within each kind. ``titles``
    (og:title, the title tag) find the headline on a page without ``<h1>``."""
    pairs: list[tuple[str, str]] = []
    pairs += _meta(root)
    pairs += _times(root)
    pairs += _date_elements(root)
    pairs += _around_headline(root, titles)
    if not any(k in ("near-headline", "date-element") for k, _ in pairs):
        pairs += _first_dated_line(root)
    return tuple(dict.fromkeys(pairs))


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


def _elsewhere(el: html.HtmlElement) -> bool:
    """Inside comments, a list of other stories, a sidebar, navigation or the page footer.
    ``<html>`` and ``<body>`` are not asked: a ``has-sidebar`` class on them describes the
    layout of the whole page, not where one element sits."""
    chain = []
    for a in (el, *el.iterancestors()):
        if a.tag in ("body", "html"):
            break
        chain.append(a)
    in_article = [any(x.tag == "article" for x in chain[n:]) for n in range(len(chain))]
    for a, inside in zip(chain, in_article, strict=True):
        words = tokens(a)
        if a.tag == "nav" or words & _ELSEWHERE:
            return True
        if not inside and (a.tag in ("aside", "footer") or words & _BESIDE):
            return True
    return False


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


def _times(root: html.HtmlElement) -> list[tuple[str, str]]:
    found = []
    for el in root.iter("time"):
        value = clean(el.get("datetime")) or text_of(el)
        if not value or not any(c.isdigit() for c in value):
            continue
        if _elsewhere(el) or _in_sentence(el):
            continue
        found.append(("time:updated" if _UPDATE.search(_label(el)) else "time", value))
        if len(found) >= MAX_TIMES:
            break
    return found


def _date_elements(root: html.HtmlElement) -> list[tuple[str, str]]:
    found = []
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in ("time", "meta", "html", "body", "script",
                                                     "style"):
            continue
        words = tokens(el) | set((el.get("itemprop") or "").lower().split())
        if not words & _DATE_CLASS:
            continue
        text = text_of(el)
        if not text or len(text) > LINE_MAX or not any(c.isdigit() for c in text):
            text = clean(el.get("title") or el.get("content"))
        if not text or len(text) > LINE_MAX or _elsewhere(el):
            continue
        if any(m.year is not None for m in find_dates(text)):
            key = "date-element:updated" if _UPDATE.search(_label(el)) and not re.search(
                r"publi|posted|veröffentlicht|erstellt", text, re.IGNORECASE) else "date-element"
            found.append((key, text))
            if len(found) >= MAX_DATE_ELEMENTS:
                break
    return found


def headline_element(root: html.HtmlElement,
                     titles: tuple[str, ...] = ()) -> html.HtmlElement | None:
    """The heading that repeats one of the page's titles, else the first ``<h1>``."""
    wanted = {clean(t).casefold() for t in titles if t}
    if wanted:
        for el in root.iter("h1", "h2", "h3"):
            if text_of(el).casefold() in wanted:
                return el
    for path in (".//article//h1", ".//main//h1", ".//h1"):
        for el in root.iterfind(path):
            if text_of(el):
                return el
    return None


def _dated_line(el: html.HtmlElement) -> str:
    if not isinstance(el.tag, str) or el.tag in ("script", "style", "noscript", "template"):
        return ""
    text = text_of(el)
    if not text or len(text) > LINE_MAX or not any(c.isdigit() for c in text):
        return ""
    if _elsewhere(el):
        return ""
    return text if any(m.year is not None for m in find_dates(text)) else ""


def _around_headline(root: html.HtmlElement, titles: tuple[str, ...]) -> list[tuple[str, str]]:
    h1 = headline_element(root, titles)
    if h1 is None:
        return []
    found = []
    for el in h1.xpath("following::*[position() <= $n]", n=FOLLOWING):
        text = _dated_line(el)
        if text:
            found.append(("near-headline", text))
            break
    for n, el in enumerate(h1.itersiblings(preceding=True)):
        if n >= 3:
            break
        text = _dated_line(el)
        if text:
            found.append(("above-headline", text))
            break
    return found


DATED_LINE_MAX = 80
_FURNITURE = ("header", "nav", "footer", "aside", "form", "select", "option")


def _first_dated_line(root: html.HtmlElement) -> list[tuple[str, str]]:
    """The first short element whose text holds a full date, outside page furniture."""
    body = root.find("body")
    for el in (body if body is not None else root).iter():
        if not isinstance(el.tag, str) or el.tag in ("script", "style", "noscript", "template"):
            continue
        own = (el.text or "") + "".join(child.tail or "" for child in el)
        if not any(c.isdigit() for c in own):
            continue  # the date is in a child, which comes next
        whole = text_of(el)
        if len(whole) > DATED_LINE_MAX or any(a.tag in _FURNITURE for a in el.iterancestors()):
            continue
        if _elsewhere(el):
            continue
        if any(m.year is not None and m.day is not None for m in find_dates(whole)):
            return [("dated-line", whole)]
    return []
