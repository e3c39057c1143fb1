"""Temporal expressions in the article's own prose.

A reporter writes about things that have happened, so a date in a past-tense sentence is a
lower bound on publication; dates in sentences about the future are skipped rather than
guessed at. Weekday mentions ("on Tuesday") say the reported day was that weekday, which
confirms or contradicts a candidate day. Relative phrases ("September last year") date
events against publication; they explain, they never bound.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from feeds.dates.evidence.common import captures, text_parts
from feeds.dates.evidence.stamps import stamp
from feeds.dates.tense import sentences, tense_at
from feeds.grammar.dates import (
    MONTH_RE,
    MONTHS,
    WEEKDAY_FULL,
    Mention,
    find_dates,
    may_hold_year,
)
from feeds.model import Evidence, Implies, Precision, Story

DAY_WEIGHT = 0.65
MONTH_WEIGHT = 0.6
YEAR_WEIGHT = 0.5
WEEKDAY_WEIGHT = 0.4

# A date right after these words opens or closes a range, or is a target: not an event.
_OPENS_RANGE = re.compile(
    r"\b(by|until|till|before|from|starting|through|between|to|for|and)\s*(?:the\s+)?$",
    re.IGNORECASE,
)
# "in 2008", "since 2015", "back to 1990", "fast forward to 2022, when": years named as
# the time of a past event. "to 2030" or "from 2027" alone often end or start a plan.
_YEAR = re.compile(
    r"\b(?:(?:in|since|during|of)\s+(?:(?:early|mid|late)[-\s]+)?(?P<year>(?:19|20)\d{2})"
    r"|(?:back|forward)\s+to\s+(?P<back>(?:19|20)\d{2})"
    r"|to\s+(?P<when>(?:19|20)\d{2})(?=,?\s+when\b))"
    r"\b(?!\s*(?:%|[-–]\d|per\s?cent|people|units|troops|km|miles|"
    r"tonnes|metres|meters|feet|votes|cases|jobs|homes|members|kilometres))"
)
_WEEKDAY = re.compile(
    r"(?P<before>\b\w+\s+)?\b(?P<wd>" + "|".join(w.capitalize() for w in WEEKDAY_FULL) + r")"
    r"(?P<after>'s|’s|\s+(?:morning|afternoon|evening|night))?\b(?!,?\s+\d)"
)
_RELATIVE = re.compile(
    rf"\b(?:{MONTH_RE}\s+(?:of\s+)?(?P<which>last|this)\s+year"
    r"|(?:earlier\s+|late\s+|later\s+)?(?:last|this)\s+(?:week|weekend|month|year)"
    r"|yesterday|today|tonight|last\s+night"
    r"|(?:a|one|two|three|four|five|six|\d+)\s+(?:days?|weeks?|months?|years?)\s+ago)\b",
    re.IGNORECASE,
)


def _mask(sentence: str, mentions: tuple[Mention, ...]) -> str:
    for m in mentions:
        sentence = sentence[:m.start] + " " * (m.end - m.start) + sentence[m.end:]
    return sentence


def _dates(masked: str, mentions: tuple[Mention, ...], src: str) -> list[Evidence]:
    """Past events dated in full; tense is read with the dates blanked out, so the month
    "May" is not mistaken for the modal verb."""
    found = []
    for m in mentions:
        if m.year is None or _OPENS_RANGE.search(masked[:m.start]):
            continue
        if tense_at(masked, m.start, m.end) != "past":
            continue
        if m.weekday_agrees is False:
            continue  # "Tuesday, 5 April 2023" that is no Tuesday: a typo, trust neither part
        lo, _ = m.span()
        kind, weight = {
            Precision.DAY: ("body-date", DAY_WEIGHT),
            Precision.MONTH: ("body-month", MONTH_WEIGHT),
            Precision.YEAR: ("year", YEAR_WEIGHT),
        }[m.precision]
        found.append(Evidence(kind, m.text, src, Implies.LOWER, lo, None, weight=weight,
                              note="a past event: published on or after it",
                              precision=m.precision))
    return found


_CENTURY = re.compile(r"(?:19|20)\d{2}")  # in every _YEAR match: a far cheaper search


def _years(masked: str, src: str) -> list[Evidence]:
    if not _CENTURY.search(masked):
        return []
    return [
        Evidence("year", m.group(0), src, Implies.LOWER,
                 date(int(m["year"] or m["back"] or m["when"]), 1, 1), None,
                 weight=YEAR_WEIGHT, note="a year in past tense: published on or after it",
                 precision=Precision.YEAR)
        for m in _YEAR.finditer(masked)
        if tense_at(masked, m.start(), m.end()) == "past"
    ]


def _weekdays(masked: str, src: str) -> list[Evidence]:
    if "day" not in masked:  # every weekday name in _WEEKDAY (case-sensitive) ends so
        return []
    found = []
    for m in _WEEKDAY.finditer(masked):
        before = (m["before"] or "").strip().lower()
        if before in ("next", "until", "till", "by", "every", "coming", "each"):
            continue
        if before != "on" and not m["after"]:
            continue
        if tense_at(masked, m.start(), m.end()) == "future":
            continue
        wd = WEEKDAY_FULL.index(m["wd"].lower())
        found.append(Evidence("weekday", m.group(0).strip(), src, Implies.WEEKDAY, weekday=wd,
                              weight=WEEKDAY_WEIGHT,
                              note=f"the reported day was a {m['wd']}; published then or "
                                   "within the following six days"))
    return found


_YESTERDAY = re.compile(r"\byesterday\b", re.IGNORECASE)
ANCHOR_WEIGHT = 0.7
ANCHOR_REACH = 25  # "yesterday" must sit this close to the date it names


def _anchors(sentence: str, mentions: tuple[Mention, ...], src: str) -> list[Evidence]:
    """"yesterday, 14 February 2020": the page appeared the day after that date."""
    found = []
    for m in mentions:
        if m.precision is not Precision.DAY or m.year is None or m.weekday_agrees is False:
            continue
        near = sentence[max(0, m.start - ANCHOR_REACH):m.end + ANCHOR_REACH]
        if _YESTERDAY.search(near):
            day = m.span()[0] + timedelta(days=1)
            found.append(Evidence("body-anchor", near.strip(), src, Implies.POINT, day, day,
                                  weight=ANCHOR_WEIGHT, precision=Precision.DAY,
                                  note="a date called 'yesterday': published the day after"))
    return found


# Every _RELATIVE match holds one of these (ASCII text only: under IGNORECASE a few
# non-ASCII letters match ASCII ones, so other text always goes to the regex).
_RELATIVE_WORDS = ("year", "week", "month", "day", "night", "ago")


# The only letters outside ASCII that IGNORECASE matches to an ASCII one, or whose lower
# case holds one (İ ı ſ K, found by trying every code point): text without them can be
# lowered and searched for the words as plain substrings, with the same answer.
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")
_RELATIVE_GATE = re.compile("|".join(_RELATIVE_WORDS), re.IGNORECASE)


def _has_relative_word(text: str) -> bool:
    """Whether ``text`` holds one of ``_RELATIVE_WORDS`` as IGNORECASE reads it."""
    if not text.isascii() and _FOLDS_TO_ASCII.search(text):
        return _RELATIVE_GATE.search(text) is not None
    low = text.lower()
    return ("day" in low or "year" in low or "week" in low or "month" in low or "night" in low
            or "ago" in low)


def _may_be_relative(text: str) -> bool:
    """Whether ``text`` holds what every ``_RELATIVE`` match holds, as IGNORECASE reads
    it: "last" or "this" with a unit, or "yesterday", "today", "tonight", "ago"."""
    if not text.isascii() and _FOLDS_TO_ASCII.search(text):
        return _RELATIVE.search(text) is not None
    low = text.lower()
    return (("last" in low or "this" in low)
            and ("year" in low or "week" in low or "month" in low or "night" in low)
            or "ago" in low or "today" in low or "yesterday" in low or "tonight" in low)


def _may_be_worded(text: str) -> bool:
    """Whether ``text`` may hold a relative phrase or a weekday, once its dates are blanked
    out: blanking adds no letters, so a word missing here is missing there."""
    if not text.isascii() and _FOLDS_TO_ASCII.search(text):
        return True  # the relative check reads such text by regex: blanks could join words
    return "day" in text or _may_be_relative(text)


def _relatives(masked: str, src: str) -> list[Evidence]:
    if not _may_be_relative(masked):
        return []
    return [Evidence("relative", m.group(0), src, Implies.RELATIVE, weight=0.0,
                     note="dated relative to publication") for m in _RELATIVE.finditer(masked)]


# Every finding below needs a digit or one of _RELATIVE_WORDS (weekday names and relative
# phrases all hold one); a date with a year or a _YEAR match needs a four-digit run or a
# d.m.yy shape besides. Most blocks of a page's chrome, and most paragraphs, have neither.
_DIGIT = re.compile(r"\d")


def _sentence(sentence: str, words: bool, src: str) -> list[Evidence]:
    """The findings of one sentence; ``words``: whether its paragraph holds a relative
    word at all (without one, neither relative phrases nor weekdays can be found)."""
    if not _DIGIT.search(sentence):  # no date, no year: words alone can count
        return [*_relatives(sentence, src), *_weekdays(sentence, src)] if words else []
    if not (words and _may_be_worded(sentence)) and not may_hold_year(sentence):
        return []  # dates without a year count only as blanks in words that are not here
    mentions = find_dates(sentence)
    masked = _mask(sentence, mentions)
    found = [*_relatives(masked, src), *_weekdays(masked, src)] if words else []
    found.extend(_dates(masked, mentions, src))
    found.extend(_anchors(sentence, mentions, src))
    found.extend(_years(masked, src))
    return found


def find(story: Story) -> tuple[Evidence, ...]:
    found: list[Evidence] = []
    for article in captures(story):
        for part in text_parts(article):
            words = _has_relative_word(part)
            if not words and not (_DIGIT.search(part) and may_hold_year(part)):
                continue  # numbers at most, and no year: nothing to find
            if stamp(part, article.source) is not None:
                continue  # the page's own date stamp: see feeds.dates.evidence.stamps
            for sentence in sentences(part):
                found.extend(_sentence(sentence, words, article.source))
    return tuple(found)


def anchor_relative(text: str, published: date) -> str:
    """What a relative phrase means if the story was published on ``published``."""
    t = text.lower()
    m = re.match(rf"{MONTH_RE}\s+(?:of\s+)?(last|this)\s+year", t)
    if m:
        month = MONTHS[m["month"]]
        year = published.year - (m.group(2) == "last")
        return f"{date(year, month, 1):%B %Y}"
    if "last year" in t:
        return str(published.year - 1)
    if "this year" in t:
        return str(published.year)
    if "last month" in t:
        prev = date(published.year - (published.month == 1), (published.month - 2) % 12 + 1, 1)
        return f"{prev:%B %Y}"
    if "yesterday" in t or "last night" in t:
        return (date.fromordinal(published.toordinal() - 1)).isoformat()
    return ""
