"""Two capture shapes the header-first rules of ``textparse`` do not fit.

* **Full page** — a browser's "select all + copy" of a real page: tens to hundreds of menu
  lines before the article, teasers, comments and a footer after it. The article's lines
  are found by content (``textlines``), the headline is the title-like line that opens
  them, the standfirst, byline and date lines between the two are set apart, the body
  ends where a comment thread begins, the headlines listed under a "Related" label are
  kept apart, and the site's name is read where the page prints it (``textsite``). A
  header-first capture that carries a real page's furniture is checked by the same
  reader (``reread``): a short menu can end in a byline the header rules would take.
* **Reader view** — every block alone between blank lines, the title first: the first
  line is the headline and every other block is kept.

Longer than most modules here: both shapes share the line units and the handling of the
standfirst, byline, date and related lines around the chosen headline.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import datetime

from feeds import chrome
from feeds.grammar.dates import find_dates
from feeds.model import READ_AS_FULL_PAGE, Article
from feeds.parse import textlines, textparse, textsite

# A run of this many lines with no blank line between them, before the first prose, is a
# menu: the capture is a full page, not a clean header-first capture.
MENU_RUN = 4
HEADER_MAX = 8  # a header-first capture has at most this many lines above its prose
META_ABOVE = 3  # byline or date lines may sit this many lines above the headline
META_BELOW = 6  # ... or this many below the article's first line
# Without a byline block, a date line alone may sit further away (checked on the
# development corpus: the nearest within these windows is right more often than not).
DATE_ABOVE, DATE_BELOW = 30, 60
DATE_LINE_MAX = 120  # characters: longer is a sentence that mentions a date


def is_reader_view(units: list) -> bool:
    """Every block alone between blank lines: a reader-view capture."""
    return len(units) >= 2 and all(u.run_len == 1 for u in units)


def is_full_page(units: list) -> bool:
    """A menu (a run of several short lines), or more lines than a header holds, comes
    before the first prose paragraph."""
    prose = False
    for i, u in enumerate(units):
        if textparse.is_prose(u.text):
            if len(u.text) > 80:
                return False
            prose = True
        if u.run_len >= MENU_RUN or (i >= HEADER_MAX and not prose):
            return True
    return False


class _LazyMeta:
    """``meta[i]``: is line i a byline or dateline? Asked of a few dozen lines per page,
    so each is worked out when first asked."""

    def __init__(self, lines: list[str]) -> None:
        self._lines = lines
        self._known: dict[int, bool] = {}

    def __getitem__(self, i: int) -> bool:
        hit = self._known.get(i)
        if hit is None:
            hit = self._known[i] = _meta(self._lines[i]) != (None, None)
        return hit


class _LazyNav(_LazyMeta):
    """``nav[i]``: is line i a navigation bar? Asked of the headline candidates only."""

    def __getitem__(self, i: int) -> bool:
        hit = self._known.get(i)
        if hit is None:
            hit = self._known[i] = chrome.is_nav(self._lines[i])
        return hit


def _runs(units: list) -> list[tuple[int, bool]]:
    return [(u.run_len, i == 0 or units[i - 1].block != u.block) for i, u in enumerate(units)]


def _meta(line: str) -> tuple[str | None, str | None]:
    return textparse.byline_parts(line)


def _masthead_end(lines: list[str], headline: str) -> int:
    """Index of the headline among ``lines`` (the capture's lines, chrome included)."""
    return next((i for i, line in enumerate(lines) if line == headline), len(lines))


KICKER_MIN_WORDS = 3  # "Suche nach:", "Up next:", "Author:" label a field, not a title


def join_kicker(lines: list[str], h: int) -> tuple[int, str]:
    """A headline line ending in a colon with a title under it is one title printed over
    two lines ("Strike at the plant:" / "Talks break down"): (last line, joined text)."""
    if lines[h].endswith(":") and h + 1 < len(lines) and textparse.is_titleish(lines[h + 1]):
        return h + 1, f"{lines[h]} {lines[h + 1]}"
    return h, lines[h]


def kicker_above(lines: list[str], h: int) -> str:
    """The headline line ``h`` opened by the kicker right above it, when that line is a
    title of a few words ending in a colon ("Strike at the plant:" over the line the
    ranker took); else the line alone."""
    above = lines[h - 1] if h > 0 else ""
    if (above.endswith(":") and len(above.split()) >= KICKER_MIN_WORDS
            and textparse.is_titleish(above[:-1]) and not chrome.is_related_label(above)
            and textparse.is_titleish(lines[h])):
        return f"{above} {lines[h]}"
    return lines[h]


def own_case(headline: str, lines: Sequence[str]) -> str:
    """A headline the page's style set in capitals (CSS ``text-transform``), in the case
    the page prints it elsewhere (a breadcrumb, the title repeated under a share bar): the
    first line holding it letter for letter but for case, not itself in capitals. A
    headline printed only in capitals stays so (it may be written that way)."""
    if not headline.isupper() or len(headline.split()) < 2:
        return headline
    pattern = re.compile(re.escape(headline), re.IGNORECASE)
    for line in lines:
        if len(line) >= len(headline) and not line.isupper() and (m := pattern.search(line)):
            found = m.group(0)
            if not found.isupper() and any(c.isupper() for c in found):
                return found
    return headline


def _short_name(line: str) -> bool:
    """A line that can be an author's name: a few words, no digits, no closing mark."""
    return (
        0 < len(line.split()) <= 4 and len(line) <= 40
        and not any(c.isdigit() for c in line) and not line.endswith(textparse.PROSE_END)
    )


def parse_full_page(units: list, source: str, captured_at: datetime | None,
                    all_lines: list[str] | None = None,
                    probs: Sequence[float] | None = None) -> Article | None:
    """The article of a full-page capture, or None when no line reads as article text.
    ``probs`` may give the line classifier's verdicts, already worked out."""
    lines = [u.text for u in units]
    if probs is None:
        probs = textlines.content_probabilities(lines, _runs(units), textlines.weights())
    cut = textlines.threshold(probs)
    meta = _LazyMeta(lines)
    found = _rank_headlines(units, lines, probs, cut, meta)
    if found is None:
        return None
    first, h, _ = found
    h, headline = join_kicker(lines, h)
    byline = dateline = dek = None
    start = max(first, h + 1)
    for i in range(h + 1, min(start + 3, len(lines))):
        who, when = _meta(lines[i])
        if who is None and when is None:
            if i < first and dek is None and textparse.is_dek(lines[i]):
                dek = lines[i]
            if i >= first and i > h + 1 and not meta[i - 1]:
                break
            continue
        byline, dateline = byline or who, dateline or when
        if byline is None and i > h + 1 and _short_name(lines[i - 1]):
            byline = lines[i - 1]  # a name line above the date, in any script
        start = max(start, i + 1)
    # The byline block may also sit above the headline ("Posted on ... by ..."), or a
    # few lines further down, under a lead image and its caption.
    for i in (*range(h - 1, max(-1, h - META_ABOVE - 1), -1),
              *range(start, min(start + META_BELOW, len(lines)))):
        if byline is not None and dateline is not None:
            break
        if probs[i] >= cut and i >= start and not meta[i]:
            continue  # article text, not a byline block (the body leaves byline lines out)
        who, when = _meta(lines[i])
        byline, dateline = byline or who, dateline or when
    if dateline is None:
        dateline = _nearest_date_line(lines, probs, cut, h, start)
    # The body runs from the headline down: a short lead paragraph that a share bar or a
    # lead image parts from the rest is article text although the article's "first line"
    # (two kept lines close together) comes after it. A name line read as the byline is not.
    skip = {s.casefold() for s in (headline, dek, byline) if s}
    end = chrome.thread_start(lines, start)
    listed = numbered_lists(lines, probs, cut, start, end)
    body = [
        units[i] for i in range(min(start, h + 1), end)
        if ((probs[i] >= cut and not meta[i]) or i in listed)
        and lines[i].casefold() not in skip
    ]
    blocks = tuple(textparse.classify(u.text) for u in body)
    if not blocks and dek is None:
        return None
    return Article(
        source=source,
        headline=own_case(kicker_above(lines, h) if headline == lines[h] else headline,
                          all_lines or lines),
        related=related_lists(lines, probs, cut, start, skip),
        site=textsite.site_name(all_lines or lines, _masthead_end(all_lines or lines, headline)),
        dek=dek,
        byline=byline, dateline=dateline, blocks=blocks, captured_at=captured_at,
        metadata=(READ_AS_FULL_PAGE,),
    )


def _rank_headlines(units: list, lines: list[str], probs: Sequence[float], cut: float,
                    meta: _LazyMeta) -> tuple[int, int, dict[str, float]] | None:
    """The article's first line, its headline's line, and the ranker's score of every
    candidate line (the best score the line's text reached); None when no line reads as
    article text or none can be its headline. The candidates come from around every
    place the article may begin (``textlines.anchors``) above the comment thread under
    the first, and the chosen line's anchor is the article's first line."""
    words = textlines.article_words(lines, probs, cut)
    firsts, cands, feats = textlines.headline_table(
        lines, _runs(units), probs, meta, _LazyNav(lines), Counter(lines), words, cut,
        lambda first: chrome.thread_start(lines, first))
    if not cands:
        return None
    score = textlines.tree_scorer(textlines.weights()["head"])
    scores = [score(row) for row in feats]
    ranked: dict[str, float] = {}
    for i, value in zip(cands, scores, strict=True):
        ranked[lines[i]] = max(value, ranked.get(lines[i], value))
    # The page's interface ("Schreibe eine Antwort", a run of skip links) is never the
    # headline, however the ranker scores it. It is left out here, not from the
    # candidates the ranker is trained on: its figures are measured with those. A
    # navigation trail ("Home / Essays / 2017 / Title") ranks below every other line, so
    # it is taken only on a page whose candidates are all trails, rather than refusing it.
    best = chrome.best_not_interface(
        [lines[i] for i in cands],
        [-1e9 if chrome.is_nav(lines[i]) else v for i, v in zip(cands, scores, strict=True)])
    if best is None:
        return None
    # A title printed twice (a heading and a repeat further down, in both anchors'
    # windows): its first print opens the article.
    best = next(k for k in range(len(cands)) if lines[cands[k]] == lines[cands[best]])
    return firsts[best], cands[best], ranked


# A list item: a number of up to three digits, a closing mark or an ordinal suffix, then
# text ("1. ...", "2) ...", "3a etapa: ...", "(4) ...").
_ITEM = re.compile(r"\(?(\d{1,3})(?:[.):]|[^\W\d_]{1,2}[.):]?)\s+\S")
LIST_MIN_ITEMS = 3  # numbered lines in a row make a list ...
LIST_GAP = 2  # ... when each follows the last within this many lines


def numbered_lists(lines: Sequence[str], probs: Sequence[float], cut: float, start: int,
                   end: int) -> set[int]:
    """Lines of a numbered list that goes on from the article's text: the list opens
    within ``LIST_GAP`` lines under a line kept as article text, between the article's
    first line and ``end``. A ranking, a calendar or the items of a deals post are
    printed as short lines, which the line classifier, trained mostly on prose, drops;
    their numbers counting up one by one (1, 2, 3 ...) mark them as one list, and a list
    that the article's text leads into is part of it, dates in its items included (a
    calendar's lines are not datelines). Lines between the items (a link, a price) are
    kept with them."""
    found: set[int] = set()
    i = start
    while i < end:
        m = _ITEM.match(lines[i])
        led = any(probs[j] >= cut for j in range(max(start, i - LIST_GAP), i))
        if m is None or not led:
            i += 1
            continue
        number, items, j = int(m.group(1)), [i], i + 1
        while j < end and j - items[-1] <= LIST_GAP:
            m = _ITEM.match(lines[j])
            if m is not None and int(m.group(1)) == number + 1:
                items.append(j)
                number += 1
            j += 1
        if len(items) < LIST_MIN_ITEMS:
            i += 1
            continue
        # The last item's own interleaved line (a link under it) goes with it.
        last = items[-1] + 1 if items[-1] + 1 < end and not _ITEM.match(
            lines[items[-1] + 1]) and items[1] - items[0] > 1 else items[-1]
        found.update(range(i, last + 1))
        i = last + 1
    return found


def related_lists(lines: Sequence[str], probs: Sequence[float], cut: float, start: int,
                  skip: set[str]) -> tuple[str, ...]:
    """The other headlines a page lists under a "Related" / "Read more" / "Most read"
    label after the article begins: the title-like lines straight under each label that
    are not article text, kept apart (a menu item or a teaser is not the body, but a
    reader of the feed may want the links). Fewer than ``textparse.RELATED_MIN_RUN``
    titles under a label are no list."""
    found: list[str] = []
    seen = set(skip)
    i = start
    while i < len(lines):
        if probs[i] >= cut or not chrome.is_related_label(lines[i]):
            i += 1
            continue
        j = i + 1
        titles = []
        while (j < len(lines) and probs[j] < cut and not chrome.is_related_label(lines[j])
               and textparse.is_titleish(lines[j])):
            # A teaser's date, author or section line sits among the titles, not in them.
            if _listed_title(lines[j]):
                titles.append(lines[j])
            j += 1
        if len(titles) >= textparse.RELATED_MIN_RUN:
            for t in titles:
                if t.casefold() not in seen:
                    seen.add(t.casefold())
                    found.append(t)
        i = j
    return tuple(found)


TITLE_MIN_WORDS = 3  # a listed headline has this many words; a name or section fewer


def _listed_title(line: str) -> bool:
    """A line of a list of headlines that is a headline: words enough (or CJK letters), not
    a teaser's byline, date or age ("33 minutes ago"), not a navigation bar or a form
    field ("Name *")."""
    worded = sum(1 for w in line.split() if sum(c.isalpha() for c in w) >= 2)
    if worded < TITLE_MIN_WORDS and len(textlines._CJK.findall(line)) < 4:
        return False
    return not (line.endswith("*") or chrome.is_nav(line) or _meta(line) != (None, None)
                or find_dates(line))


def reread(units: list, header: Article, source: str, captured_at: datetime | None,
           all_lines: list[str] | None = None) -> Article:
    """The article the header-first rules read (``header``), or the content reader's when
    those rules took a menu, byline or notice line for the headline: when the content
    reader's headline ranker, on the capture's first ``SCAN_UNITS`` lines (where a
    header-first capture's headline is), does not take the header's pick for a title-like
    line near the article at all, or ranks another line far above it. The margin is
    wide: on short header-first captures the ranker may prefer the site's name or tagline
    (a capture the header rules read well); on real pages whose menus are short a byline,
    a notice or a menu line scores far lower (margin set on the development corpus, where
    no header-first pick it overrules was right).

    Only a capture that carries a real page's furniture (menus, buttons, a footer: at
    least ``CHROME_LINES`` lines of a few words) is read again: a clean header-first
    capture costs no second reading."""
    short = 0
    for u in units:
        if len(u.text.split()) <= CHROME_WORDS:
            short += 1
            if short >= CHROME_LINES:
                break
    else:
        return header
    head = units[:SCAN_UNITS]
    lines = [u.text for u in head]
    probs = textlines.content_probabilities(lines, _runs(head), textlines.weights())
    found = _rank_headlines(head, lines, probs, textlines.threshold(probs), _LazyMeta(lines))
    if found is None:
        return header
    _, h, ranked = found
    mine = ranked.get(header.headline)
    if lines[h] == header.headline or (mine is not None
                                        and ranked[lines[h]] - mine <= RANK_MARGIN):
        return header
    full = parse_full_page(units, source, captured_at, all_lines,
                           probs if len(head) == len(units) else None)
    return full or header


SCAN_UNITS = 5000
CHROME_WORDS, CHROME_LINES = 3, 10
RANK_MARGIN = 2.0


def _nearest_date_line(lines: Sequence[str], probs: Sequence[float], cut: float, h: int,
                       start: int) -> str | None:
    """A date line further from the headline than a byline block sits: many pages print
    the date after a lead image, a share bar or a summary box, or above a kicker and a
    breadcrumb. The nearest one wins, below the headline first at equal distance; article
    text is not a date line. Only the date is taken, never a byline, so far from the
    headline (the resolver trusts such a line less than a byline block, see
    ``feeds.dates.evidence.position``)."""
    below = range(h + 1, min(start + DATE_BELOW, len(lines)))
    above = range(h - 1, max(-1, h - DATE_ABOVE - 1), -1)
    for i in sorted((*below, *above), key=lambda i: (abs(i - h), i < h)):
        if probs[i] >= cut and i >= start:
            continue
        _, when = _meta(lines[i])
        if when is not None or states_a_date(lines[i]):
            return when or lines[i]
    return None


def states_a_date(line: str) -> bool:
    """A short line holding a full date in any language the date grammar reads
    ("Stand: 26.10.2023 von Silke Becker", "Pubblicato il: 30 Settembre 2020", "10.12.19"),
    not a sentence: the byline rules know English labels only."""
    if len(line) > DATE_LINE_MAX or line.endswith((".", "!", "?")) or len(line.split()) > 14:
        return False
    return any(m.day is not None and (m.year is not None or m.short_year)
               for m in find_dates(line))


def parse_reader_view(units: list, source: str, captured_at: datetime | None) -> Article:
    """First line the headline; byline and date lines just under it set apart; every
    other block kept, in order (a repeat of the headline is not a paragraph)."""
    headline = units[0].text
    byline = dateline = None
    rest = units[1:]
    for u in units[1:4]:
        who, when = _meta(u.text)
        if who is None and when is None:
            continue
        byline, dateline = byline or who, dateline or when
        rest = [x for x in rest if x is not u]
    key = headline.casefold()
    blocks = tuple(textparse.classify(u.text) for u in rest if u.text.casefold() != key)
    return Article(
        source=source, headline=headline, byline=byline, dateline=dateline, blocks=blocks,
        captured_at=captured_at,
    )
