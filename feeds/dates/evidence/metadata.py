"""Structured metadata: JSON-LD, Open Graph, itemprop, <time datetime>, dates in URLs.

Publishers write these for machines, so a published-time field is strong point evidence.
A modified time can only be on or after publication: it is an upper bound, never a point.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from dateutil import parser as dateparser

from feeds.dates.evidence.common import captures, instant_of
from feeds.dates.grammar import find_dates
from feeds.model import Evidence, Implies, Precision, Story

PUBLISHED_WEIGHT = 0.9
MODIFIED_WEIGHT = 0.8
TIME_WEIGHT = 0.6  # a bare <time> may date a comment or a related link, not the article
URL_WEIGHT = 0.8

_MODIFIED = re.compile(r"modif|updat|revis|lastmod|last-modified", re.IGNORECASE)
_PUBLISHED = re.compile(r"publish|pubdate|issued|created|dc\.date|^date$|posted", re.IGNORECASE)
_TIME = re.compile(r"^(?:itemprop:)?(?:time|datetime)$", re.IGNORECASE)
_URL = re.compile(r"(?:^|:)(?:url|canonical|link)$", re.IGNORECASE)
_URL_DATE = re.compile(
    r"/(?P<y>(?:19|20)\d{2})[/-](?P<m>0?[1-9]|1[0-2])(?:[/-](?P<d>0?[1-9]|[12]\d|3[01]))?(?=[/-])"
)


def _instant(value: str) -> tuple[date, datetime | None, Precision] | None:
    """A machine-written date: ISO first (dateutil), then the prose grammar."""
    text = value.strip()
    if re.match(r"^\d{4}-\d{2}-\d{2}", text):
        try:
            parsed = dateparser.isoparse(text)
        except (ValueError, OverflowError):
            parsed = None
        if parsed is not None:
            has_time = len(text) > 10
            at = (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)) if has_time else None
            return parsed.date(), at, Precision.DAY
    for m in find_dates(text):
        if m.year is not None and m.precision is Precision.DAY:
            return m.span()[0], instant_of(m), Precision.DAY
    return None


def _from_url(value: str, source: str, key: str) -> Evidence | None:
    m = _URL_DATE.search(value)
    if not m:
        return None
    y, mo = int(m["y"]), int(m["m"])
    try:
        if m["d"]:
            d = date(y, mo, int(m["d"]))
            return Evidence("url", m.group(0), source, Implies.POINT, d, d, weight=URL_WEIGHT,
                            note=f"date in the URL path ({key})", precision=Precision.DAY)
        first = date(y, mo, 1)
        last = date(y + (mo == 12), mo % 12 + 1, 1).toordinal() - 1
        return Evidence("url", m.group(0), source, Implies.POINT, first, date.fromordinal(last),
                        weight=URL_WEIGHT - 0.1, note=f"month in the URL path ({key})",
                        precision=Precision.MONTH)
    except ValueError:
        return None


def _from_pair(key: str, value: str, source: str) -> Evidence | None:
    if _URL.search(key):
        return _from_url(value, source, key)
    modified = bool(_MODIFIED.search(key))
    if not (modified or _PUBLISHED.search(key) or _TIME.match(key)):
        return None
    found = _instant(value)
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
    return Evidence("metadata", text, source, Implies.POINT, day, day, weight=PUBLISHED_WEIGHT,
                    note="published time in structured metadata", precision=precision, at=at)


def find(story: Story) -> tuple[Evidence, ...]:
    found = []
    for article in captures(story):
        pairs = list(article.metadata)
        if article.url:
            pairs.append(("url", article.url))
        evidence = [ev for key, value in pairs if (ev := _from_pair(key, value, article.source))]
        times = {ev.earliest for ev in evidence if ev.kind == "time-element"}
        if len(times) > 1:  # several <time>s: header clock, related links; none is known ours
            evidence = [ev for ev in evidence if ev.kind != "time-element"]
        found.extend(evidence)
    return tuple(found)
