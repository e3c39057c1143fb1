"""htmldate, in fast mode, as one more evidence source for pages we cannot date ourselves.

Measured on 800 real pages (``benchmarks/html_dates.py --corpus``): our reader finds a
day on all but about one page in ten; htmldate's fast mode, asked only on those, adds
about 30 right days, while on the others it would only repeat or contradict what the page
states. It reports one date with no span, precision or reason, so it is weak evidence
(``feeds.dates.evidence.metadata``), never a replacement for the findings it cannot give.
It is imported only when needed: most pages never pay for it. The first short dated line of
the page (``dated-line``, a guess by position alone) does not count as a stated day: where
it is all we read, htmldate is asked too and outranks it.
"""

from __future__ import annotations

import logging
import re
from datetime import date, datetime, timedelta

from lxml.html import HtmlElement

from feeds.grammar.dates import EARLIEST_PLAUSIBLE, find_dates

ENABLED = True  # benchmarks/html_dates.py measures the resolver without it too
LATEST_WITHOUT_CAPTURE = datetime(2100, 1, 1)  # fixed, so output does not depend on today
_DAY_KEYS = ("meta:", "datePublished", "dateCreated", "article:published_time",
             "itemprop:datePublished", "itemprop:dateCreated", "time", "near-headline",
             "above-headline", "date-element", "byline-date")
_ISO_DAY = re.compile(r"^\s*\d{4}-\d{2}-\d{2}")
_URL_DAY = re.compile(r"(?<!\d)(?:19|20)\d{2}[/-]?(?:0[1-9]|1[0-2])[/-]?(?:0[1-9]|[12]\d|3[01])"
                      r"(?!\d)")


def states_a_day(pairs: tuple[tuple[str, str], ...]) -> bool:
    """Whether the page's own statements already name a publication day we can read."""
    for key, value in pairs:
        if key == "url" and _URL_DAY.search(value):
            return True
        if not key.startswith(_DAY_KEYS) or "modif" in key.lower() or key.endswith(":updated"):
            continue
        if _ISO_DAY.match(value) or any(m.day is not None and m.year is not None
                                        for m in find_dates(value)):
            return True
    return False


def find_day(page: str | HtmlElement, captured_at: datetime | None) -> str | None:
    """htmldate's original publication date (fast mode) within the plausible range, as
    "YYYY-MM-DD", or None when it finds none or is not installed. ``page`` is the HTML
    text or, better, the tree the reader has parsed from it: htmldate then reads that tree
    (copying it before it prunes anything) instead of parsing the page again, which cost
    more than half of its time. On the 892 development pages both give the same day."""
    if not ENABLED:
        return None
    try:
        from htmldate import find_date
    except ImportError:
        return None
    latest = (captured_at.replace(tzinfo=None) + timedelta(days=1) if captured_at
              else LATEST_WITHOUT_CAPTURE)
    logging.getLogger("htmldate").setLevel(logging.ERROR)
    try:
        found = find_date(page, extensive_search=False, original_date=True,
                          min_date=datetime.combine(EARLIEST_PLAUSIBLE, datetime.min.time()),
                          max_date=latest)
    except Exception:  # noqa: BLE001 - a third-party failure is a page it cannot date
        return None
    try:
        return date.fromisoformat(found).isoformat() if found else None
    except ValueError:
        return None
