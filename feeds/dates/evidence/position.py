"""Dates the parser found around the headline, read by where they sat.

A date in the article's own byline block (``dateline``) is the publication date, unless
it is labelled as an update. A date in the page chrome above the headline (``banner``) is
the day the page was rendered: an upper bound. Position decides, never the site.
"""

from __future__ import annotations

from datetime import timedelta

from feeds.dates.context import DateContext
from feeds.dates.evidence.capture import render_day
from feeds.dates.evidence.common import captures, instant_of, is_publish, is_update
from feeds.grammar.dates import find_ago, find_dates, latest_on_or_before
from feeds.model import READ_AS_FULL_PAGE, Article, Evidence, Implies, Precision, Story

DATELINE_WEIGHT = 0.88
# A date line the text reader chose by content on a full-page capture (menus, teasers and
# comments carry dates too) is a point as strong as a byline block's, but not a sure one on
# its own: its kind, "page-dateline", caps the confidence unless other evidence agrees.
PAGE_DATELINE = "page-dateline"
YEARLESS_WEIGHT = 0.6  # the year is borrowed from the capture
AGO_WEIGHT = 0.75
UPDATED_WEIGHT = 0.8
BANNER_WEIGHT = 0.9


def _dateline(article: Article, context: DateContext) -> list[Evidence]:
    text = article.dateline or ""
    src = article.source
    kind = PAGE_DATELINE if READ_AS_FULL_PAGE in article.metadata else "dateline"
    found: list[Evidence] = []
    prev = 0
    for m in find_dates(text):
        label = text[prev:m.start]
        prev = m.end
        updated = is_update(label)  # "Updated", "Aktualisiert am", "Mis à jour le"
        if m.year is None:
            anchor = render_day(article, context)
            if anchor is None or m.month is None or m.day is None:
                continue
            day = latest_on_or_before(anchor, m.month, m.day)
            if day is None:
                continue
            lo = hi = day
            weight, note = YEARLESS_WEIGHT, f"printed without a year; year taken from {anchor}"
        else:
            lo, hi = m.span()
            weight, note = DATELINE_WEIGHT, "date in the byline block"
            if kind == PAGE_DATELINE:
                note = "date line the reader found by content near the headline"
        if m.weekday_agrees is False:
            weight, note = YEARLESS_WEIGHT, note + "; its printed weekday does not fit the date"
        if updated:
            found.append(Evidence("updated", m.text, src, Implies.UPPER, None, hi,
                                  weight=UPDATED_WEIGHT, note="labelled as an update",
                                  precision=m.precision))
        else:
            found.append(Evidence(kind, m.text, src, Implies.POINT, lo, hi, weight=weight,
                                  note=note, precision=m.precision, at=instant_of(m)))
    if found or not text:
        return found
    ago = find_ago(text)
    anchor = render_day(article, context)
    if ago is not None and anchor is not None:
        day = anchor - timedelta(days=ago.days)
        if ago.exact:
            found.append(Evidence("dateline", ago.text, src, Implies.POINT, day, day,
                                  weight=AGO_WEIGHT, note=f"relative to the render day {anchor}",
                                  precision=Precision.DAY))
        else:
            found.append(Evidence("dateline", ago.text, src, Implies.POINT, day - timedelta(6),
                                  day, weight=AGO_WEIGHT - 0.1, precision=Precision.WEEK,
                                  note=f"relative to the render day {anchor}"))
    return found


def _banner(article: Article) -> list[Evidence]:
    text = article.banner or ""
    for m in find_dates(text):
        if m.year is not None and is_publish(text[:m.start]) and m.precision is Precision.DAY:
            return [Evidence("dateline", m.text, article.source, Implies.POINT, *m.span(),
                             weight=DATELINE_WEIGHT, precision=m.precision,
                             note="labelled as the publication date above the headline",
                             at=instant_of(m))]
        if m.year is not None:
            return [Evidence("banner", m.text, article.source, Implies.UPPER, None, m.span()[1],
                             weight=BANNER_WEIGHT, precision=m.precision,
                             note="printed above the headline: the day the page was rendered")]
    return []


def find(story: Story, context: DateContext) -> tuple[Evidence, ...]:
    found: list[Evidence] = []
    for article in captures(story):
        found.extend(_dateline(article, context))
        found.extend(_banner(article))
    return tuple(found)
