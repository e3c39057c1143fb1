"""Short dated lines in a plain-text capture: the byline date the reader did not file.

A text capture has no markup to say where the byline is, and its reader may have taken the
date line for a paragraph. A short line that is little more than a date ("Stand:
26.10.2023 von Silke Becker", "VON JANE DOE am 21. April 2020") is the page's own date
stamp, not a sentence about an event: the first such line near the headline is a point;
failing that, the first one anywhere is a weaker point. HTML captures are read from their
markup instead (``feeds.parse.htmldates``), so they are skipped here.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date

from feeds.dates.context import DateContext
from feeds.dates.evidence.capture import render_day
from feeds.dates.evidence.common import captures, instant_of, is_update, order_for
from feeds.grammar.dates import find_dates, has_digit
from feeds.model import READ_AS, Article, Evidence, Implies, Precision, Story

NEAR_WEIGHT = 0.78
ANYWHERE_WEIGHT = 0.6
NEAR_PARTS = 8  # the parts right after the headline (dek and first blocks)
LINE_MAX = 120
OTHER_WORDS_MAX = 8  # a stamp has the date and a label or a name, not a sentence
LOWER_WORDS_MAX = 3  # "von jane am": more lower-case words before the date make it prose
LABELLED_MAX = 200  # "Published: 5 Jan 2020 | Author: ... | Filed under: ..."
_WORD = re.compile(r"[^\W\d_]{2,}")
_LABEL_WORDS = (r"(?:published|posted|updated|veröffentlicht|erschienen|publié|publicado|"
                r"pubblicato|gepubliceerd|opublikowano|stand|datum|date|fecha|data)")
_LABEL = re.compile(_LABEL_WORDS + r"\W*(?:on|am|le|el|il|op)?\W*$", re.IGNORECASE)
# Every text _LABEL finds a label in holds one of its words; a line too long to be a stamp
# without a label is passed over at once where none is in it (a list of dated teasers
# would otherwise have each of its lines read for dates, to be refused for its length).
_LABEL_WORD = re.compile(_LABEL_WORDS, re.IGNORECASE)


def _stamp(text: str, article: Article, latest: date | None) -> Evidence | None:
    if len(text) > LABELLED_MAX or not has_digit(text) or "(@" in text:
        return None  # "(@handle)": an embedded post's date, not the page's
    if len(text) > LINE_MAX and not _LABEL_WORD.search(text):
        return None  # too long to be a stamp, and no label to make it one
    dated = [m for m in find_dates(text, order_for(article, text), latest)
             if m.year is not None and m.precision is Precision.DAY]
    if not dated:
        return None
    m = dated[0]
    rest = text[:m.start] + " " + text[m.end:]
    labelled = bool(_LABEL.search(text[max(0, m.start - 30):m.start]))
    words = _WORD.findall(rest)
    lead = _WORD.findall(text[:m.start])
    prose = sum(w[0].islower() for w in lead) > LOWER_WORDS_MAX  # a sentence, not a stamp
    if not labelled and (len(text) > LINE_MAX or len(words) > OTHER_WORDS_MAX or prose):
        return None
    if is_update(text[:m.start]):
        return Evidence("updated", m.text, article.source, Implies.UPPER, None, m.span()[1],
                        weight=0.75, note="a change date on a short line",
                        precision=Precision.DAY)
    return Evidence("dateline", m.text, article.source, Implies.POINT, *m.span(),
                    weight=NEAR_WEIGHT, note="a short dated line near the headline",
                    precision=Precision.DAY, at=instant_of(m))


def _article(article: Article, context: DateContext) -> list[Evidence]:
    if article.dateline or any(key != READ_AS for key, _ in article.metadata):
        return []  # markup or the reader already placed the date
    latest = render_day(article, context)
    parts = [p for p in (article.byline, article.dek, *(b.text for b in article.blocks)) if p]
    for n, part in enumerate(parts):
        ev = _stamp(part, article, latest)
        if ev is None:
            continue
        if n >= NEAR_PARTS and ev.implies is Implies.POINT:
            ev = dataclasses.replace(ev, weight=ANYWHERE_WEIGHT,
                                     note="the first short dated line of the text")
        return [ev]
    return []


def find(story: Story, context: DateContext) -> tuple[Evidence, ...]:
    return tuple(ev for a in captures(story) for ev in _article(a, context))
