"""Structured metadata and marked-up dates: JSON-LD, Open Graph, ``<meta>`` tags,
itemprop, ``<time>``, date-classed elements, the lines around the headline, the URL.

Publishers write these for machines, so a published-time field is strong point evidence.
A modified time can only be on or after publication: it is an upper bound, never a point.
The keys are the ones ``feeds.parse.htmlmeta`` and ``feeds.parse.htmldates`` record.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from dateutil import parser as isoparser

from feeds.dates.context import DateContext
from feeds.dates.evidence.capture import render_day
from feeds.dates.evidence.common import captures, instant_of, is_update, order_for
from feeds.grammar.dates import find_dates
from feeds.model import Article, Evidence, Implies, Precision, Story

PUBLISHED_WEIGHT = 0.9  # JSON-LD, Open Graph, microdata datePublished
META_WEIGHT = 0.85  # another <meta> tag named for the publication time
CREATED_WEIGHT = 0.8  # dateCreated: when the text was begun, often before publication
GENERIC_WEIGHT = 0.78  # a bare "date" meta tag: often the page's, not the article's; a
# visible byline date outweighs it
MODIFIED_WEIGHT = 0.8
TIME_WEIGHT = 0.6  # a bare <time> may date a comment or a related link, not the article
DATE_ELEMENT_WEIGHT = 0.86
NEAR_HEADLINE_WEIGHT = 0.88
ABOVE_HEADLINE_WEIGHT = 0.79  # beside the headline: outweighs a bare "date" meta tag, as a
# byline date does, and stays below a URL, a creation or a change date
URL_WEIGHT = 0.8
UNIX_MIN, UNIX_MAX = 315532800, 4102444800  # 1980 .. 2100: a number that is a timestamp

_MODIFIED = re.compile(r"modif|updat|revis|lastmod|last-modified", re.IGNORECASE)
_PUBLISHED = re.compile(r"publish|pubdate|issued|created|dc\.date|^date$|posted|^meta:|uploaddate",
                        re.IGNORECASE)
_GENERIC = frozenset(("meta:date", "meta:timestamp", "meta:created", "meta:dc.date",
                      "meta:dc:date", "meta:dcterms.date"))
_TIME = re.compile(r"^(?:itemprop:)?(?:time|datetime)$", re.IGNORECASE)
# The first short dated line of the page, chosen by position alone (an edition stamp, a
# teaser): below htmldate's reading of the date markup (asked on such pages too, see
# feeds.parse.htmldate_source), which was right on 4 of the 5 development pages where the two
# disagreed, and below a past event that bounds the date from below.
DATED_LINE_WEIGHT = 0.64
_LINE_KEYS = {"near-headline": NEAR_HEADLINE_WEIGHT, "above-headline": ABOVE_HEADLINE_WEIGHT,
              "date-element": DATE_ELEMENT_WEIGHT, "dated-line": DATED_LINE_WEIGHT}
_URL = re.compile(r"(?:^|:)(?:url|canonical|link)$", re.IGNORECASE)
_URL_DATE = re.compile(
    r"/(?P<y>(?:19|20)\d{2})(?P<s>[/-])(?P<m>0?[1-9]|1[0-2])(?:(?P=s)(?P<d>0?[1-9]|[12]\d|3[01]))?"
    r"(?=(?(d)[/_.-]|/))"  # "/2019/04/", "/2019-04-12-": a month alone only between slashes
)
# "/20200421_report.html", "-20200421-": eight digits that are a date, not an id.
_URL_COMPACT = re.compile(
    r"(?<![\d])(?P<y>(?:19|20)\d{2})(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])(?![\d])")
_URL_DOTTED = re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d{2})(?![\d])")
# "/meldungen/29-10-2021", "/~02-01-2022-land-zahlte": day and month in the page's order
# (month first only on US English pages); an ambiguous one on a page of unknown order is
# left out.
_URL_DASHED = re.compile(r"(?<![\d-])(?P<a>\d{1,2})-(?P<b>\d{1,2})-(?P<y>(?:19|20)\d{2})(?![\d])")


def _instant(value: str, order: bool | None, latest: date | None
             ) -> tuple[date, datetime | None, Precision] | None:
    """A machine-written date: ISO first, a Unix timestamp, then the prose grammar."""
    text = value.strip()
    if re.match(r"^\d{4}-\d{2}-\d{2}", text):
        try:
            parsed = isoparser.isoparse(text)
        except (ValueError, OverflowError):
            parsed = None
        if parsed is not None:
            has_time = len(text) > 10
            at = (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)) if has_time else None
            return parsed.date(), at, Precision.DAY
    if re.fullmatch(r"\d{10}(?:\d{3})?", text):
        seconds = int(text[:10])
        if UNIX_MIN <= seconds <= UNIX_MAX:
            at = datetime.fromtimestamp(seconds, tz=UTC)
            return at.date(), at, Precision.DAY
    for m in find_dates(text, order, latest):
        if m.year is not None and m.precision is Precision.DAY:
            return m.span()[0], instant_of(m), Precision.DAY
    return None


def _month(y: int, mo: int, source: str, text: str, key: str) -> Evidence:
    first = date(y, mo, 1)
    last = date(y + (mo == 12), mo % 12 + 1, 1).toordinal() - 1
    return Evidence("url", text, source, Implies.POINT, first, date.fromordinal(last),
                    weight=URL_WEIGHT - 0.1, note=f"month in the URL path ({key})",
                    precision=Precision.MONTH)


def _dashed(path: str, order: bool | None) -> tuple[str, int, int, int] | None:
    """A "dd-mm-yyyy" in the path: its text, year, month and day, read in the page's order."""
    m = _URL_DASHED.search(path)
    if not m:
        return None
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    if a > 12 >= b or (a <= 12 and b <= 12 and order):
        return m.group(0), y, b, a
    if b > 12 >= a or (a <= 12 and b <= 12 and order is False):
        return m.group(0), y, a, b
    return None


def _from_url(value: str, source: str, key: str, order: bool | None = None) -> Evidence | None:
    path = re.sub(r"^[a-z]+://[^/]*", "", value)
    path = re.sub(r"^/web/\d{8,14}(?:[a-z_]+)?/", "/", path)  # a web archive's own stamp
    month = None
    for pattern in (_URL_DATE, _URL_COMPACT, _URL_DOTTED):
        m = pattern.search(path)
        if not m:
            continue
        y, mo = int(m["y"]), int(m["m"])
        try:
            if m["d"]:
                d = date(y, mo, int(m["d"]))
                return Evidence("url", m.group(0), source, Implies.POINT, d, d, weight=URL_WEIGHT,
                                note=f"date in the URL path ({key})", precision=Precision.DAY)
            month = month or _month(y, mo, source, m.group(0), key)
        except ValueError:
            continue
    dashed = _dashed(path, order)
    if dashed is not None:
        text, y, mo, day = dashed
        try:
            d = date(y, mo, day)
        except ValueError:
            return month
        return Evidence("url", text, source, Implies.POINT, d, d, weight=URL_WEIGHT,
                        note=f"date in the URL path ({key})", precision=Precision.DAY)
    return month


def _from_line(key: str, value: str, article: Article, latest: date | None,
               order: bool | None) -> Evidence | None:
    """A short visible line holding a date: the first date not labelled as a change."""
    base = key.split(":")[0]
    prev = 0
    for m in find_dates(value, order, latest):
        label = value[prev:m.start]
        prev = m.end
        if m.year is None or m.precision is not Precision.DAY:
            continue
        if key.endswith(":updated") or is_update(label):
            return Evidence("updated", m.text, article.source, Implies.UPPER, None,
                            m.span()[1], weight=MODIFIED_WEIGHT - 0.05,
                            note=f"a change date shown on the page ({base})",
                            precision=m.precision)
        kind = "dateline" if base != "date-element" else "date-element"
        where = {"near-headline": "the first dated line under the headline",
                 "above-headline": "a dated line just above the headline",
                 "date-element": "an element marked up as a date",
                 "dated-line": "the first short dated line of the page"}[base]
        weight = _LINE_KEYS[base]
        if m.weekday_agrees is False:
            weight -= 0.2
        return Evidence(kind, m.text, article.source, Implies.POINT, *m.span(), weight=weight,
                        note=where, precision=Precision.DAY, at=instant_of(m))
    return None


HTMLDATE_WEIGHT = 0.65  # one date, no span or reason: below every finding we read ourselves


def _from_pair(key: str, value: str, article: Article, latest: date | None,
               order: bool | None = None) -> Evidence | None:
    source = article.source
    if key == "htmldate":
        try:
            day = date.fromisoformat(value)
        except ValueError:
            return None
        return Evidence("htmldate", value, source, Implies.POINT, day, day,
                        weight=HTMLDATE_WEIGHT, precision=Precision.DAY,
                        note="htmldate (fast mode) on a page that states no day we can read")
    if _URL.search(key):
        return _from_url(value, source, key, order)
    if key.split(":")[0] in _LINE_KEYS:
        return _from_line(key, value, article, latest, order)
    modified = bool(_MODIFIED.search(key))
    if not (modified or _PUBLISHED.search(key) or _TIME.match(key)):
        return None
    found = _instant(value, order, latest)
    if found is None:
        return None
    day, at, precision = found
    text = f"{key}={value.strip()}"
    if modified:
        return Evidence("modified", text, source, Implies.UPPER, None, day, weight=MODIFIED_WEIGHT,
                        note="modified on or after publication", precision=precision)
    if _TIME.match(key):
        return Evidence("time-element", text, source, Implies.POINT, day, day, weight=TIME_WEIGHT,
                        note="a <time> element on the page", precision=precision, at=at)
    low = key.lower()
    weight = (GENERIC_WEIGHT if low in _GENERIC else CREATED_WEIGHT if "created" in low
              else META_WEIGHT if low.startswith("meta:") else PUBLISHED_WEIGHT)
    return Evidence("metadata", text, source, Implies.POINT, day, day, weight=weight,
                    note="published time in structured metadata", precision=precision, at=at)


def _first_lines(evidence: list[Evidence]) -> list[Evidence]:
    """One finding per line kind: the first, as pages print their own date first."""
    seen: set[str] = set()
    out = []
    for ev in evidence:
        tag = ev.note if ev.kind in ("dateline", "date-element") else None
        if tag is not None and tag in seen:
            continue
        if tag is not None:
            seen.add(tag)
        out.append(ev)
    return out


def find(story: Story, context: DateContext | None = None) -> tuple[Evidence, ...]:
    found = []
    for article in captures(story):
        pairs = list(article.metadata)
        if article.url:
            pairs.append(("url", article.url))
        latest = render_day(article, context) if context is not None else None
        order = order_for(article, *(value for _, value in pairs))
        evidence = [ev for key, value in pairs
                    if (ev := _from_pair(key, value, article, latest, order))]
        stated = any(ev.kind == "metadata" for ev in evidence)
        for kind in ("time-element", "date-element"):
            listed = [ev for ev in evidence if ev.kind == kind]
            if len({ev.earliest for ev in listed}) > 1:
                # Several <time>s or date-classed elements naming different days: a header
                # clock, a comment, a change, a list of events or of other stories. Each was
                # judged where it sits, so the first is likely the article's own; it is heard
                # only when nothing states the publication outright.
                evidence = [ev for ev in evidence if ev.kind != kind
                            or (ev is listed[0] and not stated)]
        found.extend(_first_lines(evidence))
    return tuple(found)
