"""An HTML page's main text -> ordered blocks, plus the visible byline, dateline and the
related-links list, with navigation, ads, share bars, comments and banners left out.

The rules are structural and generic: element names, ARIA roles, the words of class and
id attributes that page furniture is named with everywhere (``share``, ``cookie``,
``comments``), link density, and where the prose is. The article body is the smallest
element that holds most of the page's prose. Nothing is keyed on one site.

Longer than most modules here: finding the body and removing residue from it interact (a
residue rule runs only inside the chosen body, and the choice depends on what is prose),
so they stay together.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from lxml import etree, html

from feeds import chrome
from feeds.grammar.bylines import (
    BYLINE_RE,
    BYLINE_SPLIT_RE,
    DATE_JOIN_RE,
    DATELINE_LEAD_RE,
    TIME_RE,
    WEEKDAY_RE,
    foreign_by,
)
from feeds.grammar.dates import full_dates, without_dates
from feeds.model import Block, BlockKind
from feeds.parse.htmldoc import BREAK, clean, headline_element, text_of, tokens, word_count
from feeds.parse.textparse import PROSE_END

# Elements that never hold article text.
_DROP_TAGS = frozenset(("script", "style", "noscript", "template", "svg", "iframe", "button",
                        "input", "select", "textarea", "object", "embed", "canvas", "video",
                        "audio", "map", "dialog", "link", "meta"))
# Furniture elements; a <form> too, unless it wraps the page (as old ASP.NET sites do).
_FURNITURE_TAGS = frozenset(("nav", "aside", "footer", "header", "menu", "form"))
_CHROME_TAGS = ("nav", "aside", "footer", "header", "menu")
_ASIDE_TAGS = ("nav", "aside")  # never the article, however much text they hold
_CHROME_ROLES = {"navigation", "banner", "complementary", "contentinfo", "search", "dialog",
                 "alertdialog", "menu", "menubar"}
# Class/id words page furniture goes by.
_CHROME_TEXT = """
    nav navbar navigation menu breadcrumb breadcrumbs sidebar widget footer masthead
    share sharing social sharebar toolbar print
    comment comments respond discussion replies reply
    cookie cookies consent gdpr
    ad ads advert adverts advertisement adslot sponsor sponsored promo promotion
    newsletter subscribe subscription signup paywall regwall
    related recommended recirculation popular trending most-read read-next
    popup modal overlay skip sr-only visually-hidden
    gallery slideshow carousel lightbox
    byline meta tags tag-list author-bio bio copyright
    dek standfirst subheadline sub-headline chapo kicker
"""
# Furniture words that page builders and themes also give to text boxes ("elementor-
# widget-text-editor", "entry-meta"): they mark furniture only where there is little prose.
_WEAK_WORDS = frozenset(("widget", "meta", "toolbar", "print", "masthead", "bio", "tags",
                         "kicker", "dek", "standfirst", "chapo", "subheadline", "byline"))
_BUTTON_WORDS = frozenset(("btn", "button", "cta"))
CTA_MAX_WORDS = 60
_COMMENT_WORDS = frozenset(("comment", "comments", "respond", "discussion", "replies"))
# The attribute test first: the word test builds strings, and few elements have an itemprop.
_ARTICLE_BODY = etree.XPath("descendant-or-self::*[@itemprop][contains(concat(' ', "
                            "normalize-space(@itemprop), ' '), ' articleBody ')]")
_CHROME_WORDS = frozenset(_CHROME_TEXT.split())
# Parts of a class word that name a list of other stories ("jp-relatedposts").
_RELATED_PARTS = ("related", "recommend", "read-next", "recirculation", "more-stories",
                  "also-read", "see-also")
# Furniture a date inside it does not belong to the article: comments, lists, sidebars.
_ELSEWHERE_WORDS = frozenset(("comment", "comments", "respond", "discussion", "replies",
                              "related", "recommended", "sidebar", "widget", "footer"))
_DEK_WORDS = frozenset(("dek", "standfirst", "subtitle", "subheadline", "sub-headline",
                        "chapo", "summary", "intro", "lede", "description"))
_CAPTION_WORDS = frozenset(("caption", "figcaption", "credit"))
_BYLINE_WORDS = frozenset(("byline", "author", "authors", "writer", "contributor", "credits",
                           "by-author", "article-author", "post-author"))
_DATE_WORDS = frozenset(("date", "dateline", "published", "timestamp", "posted", "time",
                         "pubdate", "publish-date", "post-date", "entry-date"))
# "Submitted by Jane Doe on ...", "Posted by Jane Doe at ...": one or two words, then "by".
_BY_RE = re.compile(r"^(?:\w+\s+){1,2}by\s+(?P<who>\S.*)$", re.IGNORECASE)
# "Text and photos: Jane Doe", "Reporting: Jane Doe": a short label, a colon, the names.
_CREDIT_RE = re.compile(r"^(?:\w+\s+){0,3}\w+\s*:\s*(?P<who>\S.*)$")
# ", Staff Writer", ", health correspondent": a job title after the names.
_ROLE_RE = re.compile(
    r",\s*(?:[\w-]+\s+){0,3}(?:writer|editor|correspondent|reporter|columnist|staff|"
    r"contributor|producer|photographer|analyst|critic)s?\b.*$", re.IGNORECASE)
# "By" in other languages, before a name of two or more words: "Von Anna Schmidt",
# "Par Jean Dupont", "Por Ana García", "Door Jan de Vries".
_BY_LEAD_RE = re.compile(r"^(?:\w+\s+){1,2}by\b", re.IGNORECASE)
_INLINE = frozenset(("a", "b", "strong", "em", "i", "span", "small", "br"))
# After a date's clock: its zone ("10:00 BST", "9:12 a.m. ET") or the German "Uhr".
_ZONE_RE = re.compile(r"\s*(?:[A-Z]{2,4}\b|UTC[+-]?\d*|GMT[+-]?\d*|Uhr\b)")
_MODIFIED_RE = re.compile(r"\b(?:updated?|modified|edited|revised)\b", re.IGNORECASE)
_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
_CONTAINERS = frozenset(("html", "body", "main", "article"))
PROSE_MIN_WORDS = 8
LOOSE_MIN_WORDS = 2 * PROSE_MIN_WORDS  # text outside <p> must say more to count as prose
WORDS_PER_SENTENCE = 40  # loose text with fewer sentence ends than this is not prose
# One class first, so the regex engine skips ahead to the next mark (two branches that each
# open with a class are tried at every character, three times slower on a page).
_SENTENCE_END_RE = re.compile(r"[.!?…。！？](?:(?<=[。！？])|(?=[\s\"”’'»)]|$))")
_PROSE_END = (*PROSE_END, "。", "！", "？", "」", "』", "）")
NOSCRIPT_MAX_CHARS = 2000
_SWALLOWING_TAGS = frozenset(("noscript", "button", "object", "canvas", "video", "audio",
                              "map"))
BODY_SHARE = 0.7  # the body is the smallest element holding this share of the prose
PROTECTED_SHARE = 0.2  # a block holding this share of the prose is not furniture by name
LINK_DENSITY_MAX = 0.6


@dataclass(frozen=True)
class Body:
    h1: str
    dek: str  # a visible standfirst under the headline
    blocks: tuple[Block, ...]
    related: tuple[str, ...]
    byline: str  # visible author names, "By" removed
    dateline: str  # visible date text from the byline block
    time: str  # datetime of the article's own <time>, when it is not an "updated" time


def extract(root: html.HtmlElement, titles: tuple[str, ...] = ()) -> Body:
    """Read the main text. ``titles`` are what the page calls itself (title tag, og:title),
    to find the headline on a page without ``<h1>``. Takes ownership of ``root``: the tree
    is pruned as it goes."""
    _drop(root, lambda el: (el.tag in _DROP_TAGS and not _misparsed(el)) or _hidden(el))
    for el in [el for el in root.iter(*_SWALLOWING_TAGS)]:
        el.drop_tag()  # what is left of them is page content: read it as such
    # Each block's prose, kept for the body's second reading: pruning changes only the
    # blocks holding what it removes (``changed``), which are read again.
    sizes: dict[html.HtmlElement, int] = {}
    changed: set[html.HtmlElement] = set()
    prose = _prose_held(root, sizes, changed)  # for the furniture rules; they only prune
    related = _related(root, prose, changed)
    h1 = headline_element(root, titles)
    byline, dateline = _byline(root, h1)
    time = _time(root)
    dek = _dek(h1)
    keep = _protected(root, h1, prose)
    share = {**prose[0], None: prose[1]}
    _drop(root, lambda el: el not in keep and _is_chrome(el, share), changed)
    for box in _cta_boxes(root, keep):
        if box.getparent() is not None:
            _remove(box, changed)
    _drop_other_articles(root, h1, share, changed)
    body, held = _body_root(root, h1, sizes, changed)
    blocks = _blocks(body, h1, held) if body is not None else []
    blocks = [b for b in blocks if not _is_date_line(b.text)]
    return Body(h1=text_of(h1) if h1 is not None else "", dek=dek, blocks=tuple(blocks),
                related=related, byline=byline, dateline=dateline, time=time)


def _drop(root: html.HtmlElement, test: Callable[[html.HtmlElement], bool],
          changed: set[html.HtmlElement] | None = None) -> None:
    doomed = [el for el in root.iter() if isinstance(el.tag, str) and el is not root
              and test(el)]
    for el in doomed:
        if el.getparent() is not None:
            _remove(el, changed)


def _remove(el: html.HtmlElement, changed: set[html.HtmlElement] | None) -> None:
    """Remove ``el`` (its tail text stays, with the parent); with ``changed``, record the
    elements whose text that changes: every ancestor."""
    if changed is not None:
        for anc in el.iterancestors():
            if anc in changed:
                break  # its ancestors were recorded with it
            changed.add(anc)
    el.drop_tree()


def _misparsed(el: html.HtmlElement) -> bool:
    """A ``<noscript>`` or ``<button>`` holding a page's worth of text: an unclosed tag
    made the parser put the rest of the page inside it. What such elements really hold
    (a message for script-less readers, a button label) is short."""
    return el.tag in _SWALLOWING_TAGS and len(el.text_content()) > NOSCRIPT_MAX_CHARS


def _hidden(el: html.HtmlElement) -> bool:
    names = el.keys()  # one call; most elements have no attribute at all
    return bool(names) and (
        "hidden" in names or ("aria-hidden" in names and el.get("aria-hidden") == "true")
        or ("style" in names and bool(_HIDDEN_STYLE_RE.search(el.get("style") or ""))))


def _article_body(root: html.HtmlElement) -> html.HtmlElement | None:
    found = _ARTICLE_BODY(root)
    return found[0] if found else None


@functools.lru_cache(maxsize=4096)
def _raw_names_related(raw: str) -> bool:
    """Pages repeat a few class strings many times: each is read once."""
    low = raw.lower()
    return any(part in low for part in _RELATED_PARTS)


def _protected(root: html.HtmlElement, h1: html.HtmlElement | None,
               prose: tuple[dict, int]) -> set:
    """What furniture rules may not remove: the elements around the headline and the
    marked article body, and anything holding most of the page's prose (a body wrapper
    whose class happens to contain a furniture word), unless it is a comment thread."""
    keep: set = set()
    for anchor in (h1, _article_body(root)):
        if anchor is not None:
            keep.update((anchor, *anchor.iterancestors()))
    held, total = prose
    keep.update(el for el, n in held.items() if n > total / 2 and el.tag not in _ASIDE_TAGS
                and not tokens(el) & _COMMENT_WORDS)
    return keep


def _is_chrome(el: html.HtmlElement, held: dict) -> bool:
    """Furniture by element, ARIA role or class words. A weak class word does not make
    furniture of a block holding a good share of the page's prose (page builders name
    every text box a "widget")."""
    if el.tag in _CONTAINERS:
        return False
    if el.tag in _FURNITURE_TAGS:
        return True
    if not el.keys():
        return False  # no role, class or id: most elements, asked in one call
    if (el.get("role") or "").lower() in _CHROME_ROLES:
        return True
    named = tokens(el) & _CHROME_WORDS
    if not named:
        return False
    return bool(named - _WEAK_WORDS) or held.get(el, 0) < PROTECTED_SHARE * held[None]


def _cta_boxes(root: html.HtmlElement, keep: set) -> list[html.HtmlElement]:
    """Calls to action: a short box with a heading, a line of text and a link drawn as a
    button ("Support independent news ... [Donate now]", "Get our newsletter [Sign up]").
    Found from the buttons up, so the page is not walked box by box."""
    found = []
    for a in root.iter("a"):
        if not tokens(a) & _BUTTON_WORDS:
            continue
        for box in itertools.islice(a.iterancestors(), 3):
            if box in keep or box.tag not in ("div", "section", "aside", "form"):
                continue
            if _words(text_of(box)) > CTA_MAX_WORDS:
                break
            if next(box.iter(*_HEADINGS, "strong"), None) is not None and box.find(
                    ".//p") is not None:
                found.append(box)
                break
    return found


def _drop_other_articles(root: html.HtmlElement, h1: html.HtmlElement | None,
                         held: dict, changed: set[html.HtmlElement]) -> None:
    """With the headline inside an ``<article>``, any ``<article>`` outside it holding
    less prose is another story (the next story, a teaser card), not this one's text."""
    own = next(h1.iterancestors("article"), None) if h1 is not None else None
    if own is None:
        return
    around = set(own.iterancestors())
    for other in list(root.iter("article")):
        if (other is not own and other not in around and other.getparent() is not None
                and held.get(other, 0) < held.get(own, 0)
                and own not in set(other.iterancestors())):
            _remove(other, changed)


# --- related links ---------------------------------------------------------------------


def _related(root: html.HtmlElement, prose: tuple[dict, int],
             changed: set[html.HtmlElement]) -> tuple[str, ...]:
    """Headlines from link lists named or labelled as related; the lists are removed. A
    box holding most of the page's prose is the article ("has-recommendations") instead."""
    found: list[str] = []
    held, total = prose
    boxes = []
    for el in root.iter():  # every element: the class test written out, not called
        if not isinstance(el.tag, str) or el.tag in _CONTAINERS:
            continue
        name, ident = el.get("class"), el.get("id")
        if ((name or ident) and _raw_names_related(f"{name or ''} {ident or ''}")
                and held.get(el, 0) <= total / 2):
            boxes.append(el)
    for label in root.iter(*_HEADINGS, "p", "strong", "span", "div"):
        if (chrome.may_open_related_label(label.text or "")
                and all(c.tag in _INLINE for c in label)
                and chrome.is_related_label(text_of(label))):
            following = label.getnext()
            if following is not None and following.tag in ("ul", "ol"):
                boxes.append(following)
                boxes.append(label)
    for box in boxes:
        if box.getparent() is None or any(a in boxes for a in box.iterancestors()):
            continue
        for a in box.iter("a"):
            title = text_of(a)
            if len(title.split()) >= 3:
                found.append(title)
    for box in boxes:
        if box.getparent() is not None:
            _remove(box, changed)
    return tuple(dict.fromkeys(found))


# --- headline, byline, dates -----------------------------------------------------------




def _near(root: html.HtmlElement, h1: html.HtmlElement | None) -> html.HtmlElement:
    """Where to look for a byline: the article element around the headline, or the page."""
    if h1 is not None:
        for anc in h1.iterancestors():
            if anc.tag in ("article", "main") or anc.tag == "body":
                return anc
    return root


def _byline(root: html.HtmlElement, h1: html.HtmlElement | None) -> tuple[str, str]:
    """Visible author names and date text from the block under the headline."""
    scope = _near(root, h1)
    who = when = ""
    for el in _outside_furniture(scope, scope.tag == "article"):
        if el.tag in ("html", "body", "article", "main"):
            continue
        words = tokens(el)
        if not who and (words & _BYLINE_WORDS or _marked_author(el) or _led_by(el)):
            who = _names(text_of(el))
        if not when and (words & _DATE_WORDS or el.tag == "time"):
            when = _date_text(el)
        if who and when:
            break
    if not when:  # a bare line under the headline: "By Jane Doe | 4 April 2023"
        when = _date_after(h1)
    if not who:
        who = _byline_after(h1)
    return who, when


def _marked_author(el: html.HtmlElement) -> bool:
    return ("author" in (el.get("rel") or "").split()
            or "author" in (el.get("itemprop") or "").split())


def _led_by(el: html.HtmlElement) -> bool:
    """A short element whose text opens "Posted by ...", "Written by ..."."""
    text = el.text
    if not text or (text.isascii() and "by" not in text.lower()):
        return False  # asked of every element near the headline: most hold no "by"
    return bool(_BY_LEAD_RE.match(clean(text))) and _words(text_of(el)) <= 16


def _names(text: str) -> str:
    """Author names from byline text: no "By", no date, no trailing role or separators."""
    m = (BYLINE_RE.match(text) or foreign_by(text) or _BY_RE.match(text)
         or _CREDIT_RE.match(text))
    text = m.group("who") if m else text
    text = _ROLE_RE.sub("", text)
    if dates := full_dates(text):
        text = text[: dates[0].start]
    text = BYLINE_SPLIT_RE.split(text.strip(), maxsplit=1)[0] if "," not in text else text
    text = WEEKDAY_RE.sub(" ", DATELINE_LEAD_RE.sub("", text)).strip(" ,·•|—–-:")
    text = DATE_JOIN_RE.sub("", text)
    if not text or len(text.split()) > 12 or text.endswith("."):
        return ""
    return clean(text)


def _date_text(el: html.HtmlElement) -> str:
    """The published date an element shows, read with the label just before it."""
    parent = el.getparent()
    if el.tag == "time" and _in_sentence(el):
        return ""  # a date mentioned in a sentence is what the story is about
    around = text_of(parent) if el.tag == "time" and parent is not None else ""
    if parent is not None and len(around) <= 160 and full_dates(around):
        el = parent
    text = text_of(el)
    return published_date_text(text) if len(text) <= 160 else ""


def published_date_text(text: str) -> str:
    """The first date in a byline line not labelled as an update, with its time of day:
    "By Jane Doe · 4 April 2023, 10:00 BST · Updated 5 April" -> "4 April 2023, 10:00 BST"."""
    for m in full_dates(text):
        if _MODIFIED_RE.search(text[max(0, m.start - 25): m.start]):
            continue
        end = m.end
        clock = None if m.time else TIME_RE.search(text, end)
        if clock and clock.start() - end <= 5:
            end = clock.end()
        elif m.time and (zone := _ZONE_RE.match(text, end)):
            end = zone.end()
        return text[m.start: end].rstrip()
    return ""


def _short_lines_after(h1: html.HtmlElement | None, limit: int = 6) -> list[html.HtmlElement]:
    if h1 is None:
        return []
    out: list[html.HtmlElement] = []
    for el in h1.itersiblings():
        if len(out) >= limit:
            break
        if isinstance(el.tag, str):
            out.append(el)
    return out


def _dek(h1: html.HtmlElement | None) -> str:
    for el in _short_lines_after(h1):
        if tokens(el) & _DEK_WORDS and 4 <= _words(text_of(el)) <= 80:
            return text_of(el)
    return ""


def _date_after(h1: html.HtmlElement | None) -> str:
    for el in _short_lines_after(h1):
        when = _date_text(el) if _words(text_of(el)) <= 15 else ""
        if when:
            return when
    return ""


def _byline_after(h1: html.HtmlElement | None) -> str:
    for el in _short_lines_after(h1):
        text = text_of(el)
        if BYLINE_RE.match(text) and len(text) <= 160:
            return _names(text)
    return ""


def _in_sentence(el: html.HtmlElement) -> bool:
    """Running text on either side of an element: it is part of a sentence."""
    before = el.getprevious()
    parent = el.getparent()
    lead = before.tail if before is not None else (parent.text if parent is not None else "")
    return _words(lead or "") + _words(el.tail or "") >= 6


def _outside_furniture(el: html.HtmlElement, in_article: bool) -> Iterator[html.HtmlElement]:
    """Elements under ``el`` in document order, not entering comments, lists of other
    stories, sidebars or the page footer."""
    for child in el:
        if not isinstance(child.tag, str):
            continue
        inside = in_article or child.tag == "article"
        if (child.tag in ("nav", "aside") or (child.tag == "footer" and not inside)
                or tokens(child) & _ELSEWHERE_WORDS):
            continue
        yield child
        yield from _outside_furniture(child, inside)


def _elsewhere(el: html.HtmlElement) -> bool:
    """Inside comments, a list of other stories, a sidebar or the page's footer (an
    article's own footer often holds its byline)."""
    chain = (el, *el.iterancestors())
    in_article = any(a.tag == "article" for a in chain)
    return any(a.tag in ("nav", "aside") or (a.tag == "footer" and not in_article)
               or tokens(a) & _ELSEWHERE_WORDS for a in chain)


def _time(root: html.HtmlElement) -> str:
    """The first ``<time datetime>`` outside furniture that is not labelled as an update."""
    for el in root.iter("time"):
        value = clean(el.get("datetime"))
        if not value or "dateModified" in (el.get("itemprop") or ""):
            continue
        if _elsewhere(el):
            continue
        if _in_sentence(el):
            continue  # a date mentioned in a sentence, not the article's own
        parent = el.getparent()
        around = text_of(parent) if parent is not None else ""
        label = (around.split(text_of(el))[0] if text_of(el) else around)[-30:]
        if _MODIFIED_RE.search(label) or _MODIFIED_RE.search(" ".join(tokens(el))):
            continue
        return value
    return ""


# --- body --------------------------------------------------------------------------------


def _is_date_line(text: str) -> bool:
    """A line that is a date and at most a label: "Published 4 April 2023, 10:00"."""
    dates = full_dates(text)
    return bool(dates) and len(text) <= 80 and _words(without_dates(text, dates)) <= 4


def _words(text: str) -> int:
    return word_count(text)


def _prose(el: html.HtmlElement) -> int:
    """Characters of prose a block holds: a whole ``<p>``, or the text written straight
    into any other block (between ``<br>`` tags, beside inline markup), links left out."""
    if el.tag == "p":
        text = text_of(el)
    else:
        if not (el.text or "").strip() and not any(
                (c.tail or "").strip() or (isinstance(c.tag, str) and c.tag not in _BLOCKISH)
                for c in el):
            return 0  # only block children: their text is theirs
        parts = [el.text or ""]
        inline = []
        for child in el:
            if isinstance(child.tag, str) and child.tag not in _BLOCK_TAGS:
                parts.append(child.text_content())
                inline.append(child)
            parts.append(child.tail or "")
        text = clean("".join(parts))
        words = _words(text)
        if words < LOOSE_MIN_WORDS or _sentence_ends(text) * WORDS_PER_SENTENCE < words:
            return 0  # a menu of labels, not sentences (most blocks: links are not counted)
        linked = sum(len(a.text_content()) for child in inline for a in child.iter("a"))
        if linked > LINK_DENSITY_MAX * len(text):
            return 0
    return len(text) if _words(text) >= PROSE_MIN_WORDS else 0


def _sentence_ends(text: str) -> int:
    return len(_SENTENCE_END_RE.findall(text))


def _prose_held(root: html.HtmlElement, sizes: dict[html.HtmlElement, int],
                changed: set[html.HtmlElement]) -> tuple[dict, int]:
    """How much prose (characters of text blocks long enough to be sentences) each element
    holds, and the page's total. A ``<p>`` counts for its ancestors; text written straight
    into a ``<div>`` or a table cell counts for that element too. ``sizes`` keeps each
    block's prose from a reading of this tree, and is read again only for the blocks in
    ``changed`` (a block's prose is read from its own subtree alone)."""
    held: dict[html.HtmlElement, int] = {}
    total = 0
    comments: dict[html.HtmlElement, bool] = {}  # per element: named as a comment thread
    for el in root.iter(*_TEXT_BLOCKS):
        if el in sizes and el not in changed:
            n = sizes[el]
        else:
            n = sizes[el] = _prose(el)
        if not n:
            continue
        chain = list(el.iterancestors()) if el.tag == "p" else [el, *el.iterancestors()]
        if any(a.tag == "a" for a in chain[:3]) or any(_in_comments(a, comments) for a in chain):
            continue  # a teaser inside a link, readers' comments: not the page's prose
        total += n
        for anc in chain:
            held[anc] = held.get(anc, 0) + n
    return held, total


def _in_comments(el: html.HtmlElement, known: dict[html.HtmlElement, bool]) -> bool:
    """Named as a comment thread; blocks share most ancestors, so each is asked once."""
    hit = known.get(el)
    if hit is None:
        hit = known[el] = el.tag not in _CONTAINERS and bool(tokens(el) & _COMMENT_WORDS)
    return hit


def _body_root(root: html.HtmlElement, h1: html.HtmlElement | None,
               sizes: dict[html.HtmlElement, int],
               changed: set[html.HtmlElement]) -> tuple[html.HtmlElement | None, dict]:
    """The article body and how much prose each element holds. Where the prose is
    elsewhere but the headline's own ``<article>`` holds some, that article is the body
    (a short story above a long list of others)."""
    held, total = _prose_held(root, sizes, changed)
    marked = _article_body(root)
    if marked is not None and (held.get(marked, 0) or not total):
        return marked, held  # an empty element marked as the body does not count
    if not total:
        found = root.find(".//body")
        return (found if found is not None else root), held
    depth: dict[html.HtmlElement, int] = {}
    for el in held:
        depth[el] = sum(1 for _ in el.iterancestors())
    enough = [el for el, n in held.items() if n >= BODY_SHARE * total]
    body = max(enough, key=lambda el: depth[el])
    own = next(h1.iterancestors("article"), None) if h1 is not None else None
    if (own is not None and held.get(own, 0) and body is not own
            and body not in set(own.iterancestors()) and own not in set(body.iterancestors())):
        return own, held
    if body.tag in ("li", "dd", "td", "th") and body.getparent() is not None:
        body = body.getparent()  # one list item or cell: read it as a block of its list
    return body, held


def _blocks(body: html.HtmlElement, h1: html.HtmlElement | None, held: dict) -> list[Block]:
    headline = text_of(h1) if h1 is not None else ""
    out: list[Block] = []
    _walk(body, out, held)
    cleaned = []
    for block in out:
        if block.text == headline or chrome.is_chrome(block.text) or not block.text:
            continue
        if block.kind is BlockKind.PARAGRAPH and (BYLINE_RE.match(block.text)
                                                  and len(block.text) <= 160):
            continue
        cleaned.append(block)
    return cleaned


_BLOCK_KIND = {"p": BlockKind.PARAGRAPH, "figcaption": BlockKind.CAPTION,
               "li": BlockKind.LIST_ITEM, "blockquote": BlockKind.QUOTE,
               **{h: BlockKind.HEADING for h in _HEADINGS}}
_SKIP = frozenset(("h1", *_CHROME_TAGS))
_BLOCKISH = frozenset(("p", "div", "section", "article", "ul", "ol", "li", "blockquote",
                       "figure", "figcaption", "table", "h1", *_HEADINGS, "dl", "pre",
                       "tbody", "thead", "tfoot", "tr", "td", "th", "dd", "dt", "main",
                       "center"))
# Everything that starts a new block, for telling a block's own text from its children's.
_BLOCK_TAGS = _BLOCKISH | _SKIP | {"form", "fieldset", "address", "details", "hgroup",
                                   "menu", "dialog", "figure", "body", "html"}
# Blocks whose own text is measured as prose.
_TEXT_BLOCKS = ("p", "div", "td", "th", "li", "dd", "blockquote", "section", "article",
                "pre", "center", "main", "font")
_CELLS = ("td", "th")


def _walk(el: html.HtmlElement, out: list[Block], held: dict) -> None:
    """Blocks in reading order. Text written straight into a container, between its block
    children, is read as paragraphs too (old templates separate them with ``<br><br>``).
    A header or footer is skipped unless it holds most of the prose (an unclosed
    ``<header>`` makes the parser put the article inside it)."""
    run: list[str] = [el.text or ""]
    linked = 0
    for child in el:
        if not isinstance(child.tag, str) or child.tag not in _BLOCKISH | _SKIP:
            if isinstance(child.tag, str):
                run.append(child.text_content())
                linked += sum(len(a.text_content()) for a in child.iter("a"))
            run.append(child.tail or "")
            continue
        out.extend(_loose_paragraphs(run, linked))
        run, linked = [child.tail or ""], 0
        if child.tag in _SKIP and not (child.tag != "h1" and
                                       2 * held.get(child, 0) > held.get(el, 0) > 0):
            continue
        if child.tag == "tr":
            _row(child, out, held)
            continue
        kind = _BLOCK_KIND.get(child.tag)
        if kind is BlockKind.PARAGRAPH and tokens(child) & _CAPTION_WORDS:
            kind = BlockKind.CAPTION
        if kind is BlockKind.LIST_ITEM and any(c.tag in ("p", "ul", "ol") for c in child):
            kind = None  # a list item made of paragraphs: read what is inside
        if kind is not None and not _link_heavy(child):
            out.append(Block(kind, _block_text(child)))
        elif kind is not BlockKind.PARAGRAPH:
            _walk(child, out, held)
    out.extend(_loose_paragraphs(run, linked))


def _row(tr: html.HtmlElement, out: list[Block], held: dict) -> None:
    """A table row: one paragraph of its cells, a space between cells; a layout row
    (cells holding paragraphs or tables) is read cell by cell."""
    cells = [c for c in tr if isinstance(c.tag, str) and c.tag in _CELLS]
    if any(isinstance(g.tag, str) and g.tag in _BLOCKISH for c in cells for g in c):
        for cell in cells:
            _walk(cell, out, held)
        return
    text = clean(" ".join(text_of(c) for c in cells))
    if text and not _link_heavy(tr):
        out.append(Block(BlockKind.PARAGRAPH, text))


def _block_text(el: html.HtmlElement) -> str:
    """A block's text; paragraphs inside it (a quote of several) are joined by a space."""
    if not any(isinstance(c.tag, str) and c.tag in _BLOCKISH for c in el):
        return text_of(el)
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str):
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return clean(" ".join(parts))


def _loose_paragraphs(run: list[str], linked: int = 0) -> list[Block]:
    """Loose text as paragraphs, split at blank lines made of two ``<br>``. A piece that
    reads as a sentence is kept; so is every line of a run that is prose as a whole (an
    article written between ``<br>`` tags, a greeting line included), but not a stray
    label or a run of links."""
    pieces = [t for t in map(clean, re.split(rf"{BREAK}\s*{BREAK}", "".join(run))) if t]
    if not pieces:
        return []
    size = sum(len(t) for t in pieces)
    words = _words(" ".join(pieces))
    prose = (linked <= LINK_DENSITY_MAX * size / 2 and words >= 2 * PROSE_MIN_WORDS
             and _sentence_ends(" ".join(pieces)) * WORDS_PER_SENTENCE >= words)
    return [Block(BlockKind.PARAGRAPH, t) for t in pieces
            if (_words(t) >= PROSE_MIN_WORDS and t.endswith(_PROSE_END))
            or (prose and _words(t) >= 2)]


def _link_heavy(el: html.HtmlElement) -> bool:
    text = text_of(el)
    if not text:
        return True
    linked = sum(len(text_of(a)) for a in el.iter("a"))
    return linked / len(text) > LINK_DENSITY_MAX
