"""A small grammar for the dates news pages print.

dateutil's fuzzy parser invents missing parts (the current year, day 1) and cannot say
which span it used; evidence must quote its span and never claim more precision than
the text gives, so absolute dates are matched here with explicit patterns.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from feeds.model import Precision

_MONTH_NAMES = (
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"),
    ("october", "oct"), ("november", "nov"), ("december", "dec"),
)
_WEEKDAY_NAMES = (
    ("monday", "mon"), ("tuesday", "tues", "tue"), ("wednesday", "wed"),
    ("thursday", "thurs", "thur", "thu"), ("friday", "fri"), ("saturday", "sat"),
    ("sunday", "sun"),
)
MONTHS = {name: n for n, names in enumerate(_MONTH_NAMES, start=1) for name in names}
WEEKDAYS = {name: n for n, names in enumerate(_WEEKDAY_NAMES) for name in names}
WEEKDAY_FULL = tuple(names[0] for names in _WEEKDAY_NAMES)


def _alternation(names: dict[str, int]) -> str:
    return "|".join(sorted(names, key=len, reverse=True))


MONTH_RE = rf"(?P<month>{_alternation(MONTHS)})\.?"
WEEKDAY_RE = rf"(?P<wd>{_alternation(WEEKDAYS)})\.?"
_ORD = r"(?:st|nd|rd|th)?"
_WD_PREFIX = rf"(?:{WEEKDAY_RE},?\s+)?"
_TIME = (r"(?:[T ](?P<hh>\d{2}):(?P<mm>\d{2})(?::(?P<ss>\d{2}))?(?:\.\d+)?"
         r"(?P<tz>Z|[+-]\d{2}:?\d{2})?)?")

# Most specific first; each match masks its span so "3 March 2025" is not also "March 2025".
_PATTERNS = tuple(re.compile(p, re.IGNORECASE) for p in (
    rf"\b(?P<year>\d{{4}})-(?P<mnum>\d{{1,2}})-(?P<day>\d{{1,2}})(?!\d){_TIME}",
    rf"\b{_WD_PREFIX}(?:the\s+)?(?P<day>\d{{1,2}}){_ORD}\s+(?:of\s+)?{MONTH_RE},?\s+(?P<year>\d{{4}})\b",
    rf"\b{_WD_PREFIX}{MONTH_RE}\s+(?P<day>\d{{1,2}}){_ORD},?\s+(?P<year>\d{{4}})\b",
    r"\b(?P<day>\d{1,2})\.(?P<mnum>\d{1,2})\.(?P<year>\d{4})\b",
    r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4})\b",
    rf"\b(?:(?:early|mid|late)[-\s]+)?{MONTH_RE},?\s+(?:of\s+)?(?P<year>\d{{4}})\b",
    rf"\b{_WD_PREFIX}(?P<day>\d{{1,2}}){_ORD}\s+(?:of\s+)?{MONTH_RE}(?![\w-])",
    rf"\b{_WD_PREFIX}{MONTH_RE}\s+(?P<day>\d{{1,2}}){_ORD}(?![\d:])\b",
))


@dataclass(frozen=True)
class Mention:
    """A date written in text. ``year`` is None for "March 3"-style dates."""

    start: int
    end: int
    text: str
    year: int | None
    month: int | None
    day: int | None
    weekday: int | None = None  # a weekday printed next to the date
    time: tuple[int, int, int] | None = None
    tz: str | None = None

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        return Precision.MONTH if self.month is not None else Precision.YEAR

    def span(self, year: int | None = None) -> tuple[date, date]:
        """The first and last day the mention can mean (``year`` fills in a missing one)."""
        y = self.year if self.year is not None else year
        if y is None:
            raise ValueError("mention has no year")
        if self.month is None:
            return date(y, 1, 1), date(y, 12, 31)
        if self.day is None:
            last = calendar.monthrange(y, self.month)[1]
            return date(y, self.month, 1), date(y, self.month, last)
        d = date(y, self.month, self.day)
        return d, d

    @property
    def weekday_agrees(self) -> bool | None:
        if self.weekday is None or self.day is None or self.year is None:
            return None
        return date(self.year, self.month or 1, self.day).weekday() == self.weekday


def _valid(year: int | None, month: int | None, day: int | None) -> bool:
    if year is not None and not 1800 <= year <= 2200:
        return False
    if month is None:
        return True
    if not 1 <= month <= 12:
        return False
    if day is None:
        return True
    try:
        date(year if year is not None else 2000, month, day)  # 2000: leap, allows 29 Feb
    except ValueError:
        return False
    return True


def _mention(m: re.Match[str]) -> Mention | None:
    g = m.groupdict()
    month_word = g.get("month")
    year = int(g["year"]) if g.get("year") else None
    if g.get("a"):
        a, b = int(g["a"]), int(g["b"])
        if a > 12 >= b:
            day, month = a, b
        elif b > 12 >= a:
            day, month = b, a
        elif a == b:
            day, month = a, a
        else:
            return None  # 03/04/2025: day-first and month-first sites disagree
    else:
        month = MONTHS[month_word.lower()] if month_word else int(g["mnum"])
        day = int(g["day"]) if g.get("day") else None
    if not _valid(year, month, day):
        return None
    wd = WEEKDAYS[g["wd"].lower()] if g.get("wd") else None
    time = None
    if g.get("hh"):
        time = (int(g["hh"]), int(g["mm"]), int(g["ss"] or 0))
    return Mention(m.start(), m.end(), m.group(0), year, month, day, wd, time, g.get("tz"))


_DIGIT = re.compile(r"\d")  # every pattern above needs one (any Unicode digit, as \d)


def find_dates(text: str) -> tuple[Mention, ...]:
    """Every date mention in ``text``, in order, without overlaps."""
    if not _DIGIT.search(text):  # most sentences: eight regex scans spared
        return ()
    taken: list[tuple[int, int]] = []
    found: list[Mention] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            month_word = m.groupdict().get("month")
            if month_word and not month_word[0].isupper():
                continue  # "may" the verb, "march" the walk
            taken.append((m.start(), m.end()))  # an impossible "31 February 2024" is no month
            mention = _mention(m)
            if mention is not None:
                found.append(mention)
    return tuple(sorted(found, key=lambda x: x.start))


_AGO = re.compile(
    r"\b(?P<n>\d+|an?|one)\s+(?P<unit>minute|min|hour|hr|day|week)s?\s+ago\b", re.IGNORECASE
)
_NAMED = re.compile(r"\b(?P<word>yesterday|today|just now)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Ago:
    """A "3 hours ago" stamp: a day offset from when the page was rendered."""

    text: str
    days: int  # how many days before the render day, at most
    exact: bool  # False when the offset spans several days ("2 weeks ago")


def find_ago(text: str) -> Ago | None:
    m = _AGO.search(text)
    if m:
        n = 1 if m["n"].lower() in ("a", "an", "one") else int(m["n"])
        unit = m["unit"].lower()
        if unit in ("minute", "min"):
            return Ago(m.group(0), 0, True)
        if unit in ("hour", "hr"):
            return Ago(m.group(0), 1 if n >= 24 else 0, n < 12)
        if unit == "day":
            return Ago(m.group(0), n, True)
        return Ago(m.group(0), 7 * n, False)
    m = _NAMED.search(text)
    if m:
        return Ago(m.group(0), 1 if m["word"].lower() == "yesterday" else 0, True)
    return None


def latest_on_or_before(limit: date, month: int, day: int) -> date | None:
    """The last ``month``/``day`` not after ``limit`` (for dates printed without a year)."""
    for year in (limit.year, limit.year - 1, limit.year - 2, limit.year - 3, limit.year - 4):
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        if d <= limit:
            return d
    return None


def weekday_on_or_before(limit: date, weekday: int) -> date:
    return limit - timedelta(days=(limit.weekday() - weekday) % 7)
