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

from feeds.dates.evidence.common import captures, prose_marks
from feeds.dates.evidence.stamps import stamp
from feeds.dates.tense import sentences, tense_at
from feeds.grammar.casefold import ascii_twin, case_blind, lowered, plain_ascii
from feeds.grammar.dates import (
    MONTH_RE,
    MONTHS,
    WEEKDAY_FULL,
    Mention,
    find_dates,
    has_digit,
    may_hold_year,
)
from feeds.model import Evidence, Implies, Precision, Story

DAY_WEIGHT = 0.65
MONTH_WEIGHT = 0.6
YEAR_WEIGHT = 0.5
WEEKDAY_WEIGHT = 0.4

# A date right after these words opens or closes a range, or is a target: not an event.
_OPENS_RANGE = case_blind(
    r"\b(by|until|till|before|from|starting|through|between|to|for|and)\s*(?:the\s+)?$")
# "in 2008", "since 2015", "back to 1990", "fast forward to 2022, when": years named as
# the time of a past event. "to 2030" or "from 2027" alone often end or start a plan.
_YEAR = re.compile(
    r"\b(?:(?:in|since|during|of)\s+(?:(?:early|mid|late)[-\s]+)?(?P<year>(?:19|20)\d{2})"
    r"|(?:back|forward)\s+to\s+(?P<back>(?:19|20)\d{2})"
    r"|to\s+(?P<when>(?:19|20)\d{2})(?=,?\s+when\b))"
    r"\b(?!\s*(?:%|[-–]\d|per\s?cent|people|units|troops|km|miles|"
    r"tonnes|metres|meters|feet|votes|cases|jobs|homes|members|kilometres))"
)
_WEEKDAY_NAMES = tuple(w.capitalize() for w in WEEKDAY_FULL)
_WEEKDAY = re.compile(
    r"(?P<before>\b\w+\s+)?\b(?P<wd>" + "|".join(_WEEKDAY_NAMES) + r")"
    r"(?P<after>'s|’s|\s+(?:morning|afternoon|evening|night))?\b(?!,?\s+\d)"
)
# The two above for plain ASCII text (see feeds.grammar.casefold).
_YEAR_ASCII = ascii_twin(_YEAR)
_WEEKDAY_ASCII = ascii_twin(_WEEKDAY)
_RELATIVE = case_blind(
    rf"\b(?:{MONTH_RE}\s+(?:of\s+)?(?P<which>last|this)\s+year"
    r"|(?:earlier\s+|late\s+|later\s+)?(?:last|this)\s+(?:week|weekend|month|year)"
    r"|yesterday|today|tonight|last\s+night"
    r"|(?:a|one|two|three|four|five|six|\d+)\s+(?:days?|weeks?|months?|years?)\s+ago)\b")


def _mask(sentence: str, mentions: tuple[Mention, ...]) -> str:
    for m in mentions:
        sentence = sentence[:m.start] + " " * (m.end - m.start) + sentence[m.end:]
    return sentence


def _opens_range(masked: str, low: str | None, end: int) -> bool:
    """``_OPENS_RANGE.search(masked[:end])``, read on the last two words before ``end``
    only: a match ends there and spans at most two (a word, then "the"), and the cut falls
    on the space before them, so the word boundary it opens with reads the same."""
    head = masked[:end].rsplit(None, 2)
    cut = len(head[0]) if len(head) == 3 else 0
    return _OPENS_RANGE.search(masked[cut:end], None if low is None else low[cut:end]) is not None


def _dates(masked: str, mentions: tuple[Mention, ...], src: str) -> list[Evidence]:
    """Past events dated in full; tense is read with the dates blanked out, so the month
    "May" is not mistaken for the modal verb."""
    found = []
    dated = [m for m in mentions if m.year is not None]
    # A prefix of the lowered text is the lowered prefix: lower case is read letter by
    # letter (Greek final sigma aside, which no ASCII word tells from another sigma).
    low = lowered(masked) if dated else None
    for m in dated:
        if _opens_range(masked, low, m.start):
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
        for m in (_YEAR_ASCII if plain_ascii(masked) else _YEAR).finditer(masked)
        if tense_at(masked, m.start(), m.end()) == "past"
    ]


def _may_hold_weekday(text: str) -> bool:
    """Whether ``text`` holds a capitalised weekday name, as every ``_WEEKDAY`` match
    does; every name ends "day", so one substring test rules out most text first."""
    return "day" in text and any(name in text for name in _WEEKDAY_NAMES)


def _weekdays(masked: str, src: str) -> list[Evidence]:
    if not _may_hold_weekday(masked):
        return []
    found = []
    for m in (_WEEKDAY_ASCII if plain_ascii(masked) else _WEEKDAY).finditer(masked):
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


def _relative_in(low: str) -> bool:
    """Whether lowered text holds what every ``_RELATIVE`` match holds: "last" or "this"
    with a unit, or "yesterday", "today", "tonight", "ago"."""
    return (("last" in low or "this" in low)
            and ("year" in low or "week" in low or "month" in low or "night" in low)
            or "ago" in low or "today" in low or "yesterday" in low or "tonight" in low)


def _may_be_worded(text: str) -> bool:
    """Whether ``text`` may hold a relative phrase or a weekday, once its dates are blanked
    out: blanking adds no letters, so a word missing here is missing there (and in each
    sentence of it)."""
    low = lowered(text)
    if low is None:
        return True  # the relative check reads such text by regex: blanks could join words
    return _may_hold_weekday(text) or _relative_in(low)


def _relatives(masked: str, src: str) -> list[Evidence]:
    low = lowered(masked)
    if low is not None and not _relative_in(low):
        return []
    return [Evidence("relative", masked[m.start():m.end()], src, Implies.RELATIVE, weight=0.0,
                     note="dated relative to publication")
            for m in _RELATIVE.finditer(masked, low)]


# Every finding below needs a digit or one of marks.RELATIVE_WORDS (weekday names and relative
# phrases all hold one); a date with a year or a _YEAR match needs a four-digit run or a
# d.m.yy shape besides. Most blocks of a page's chrome, and most paragraphs, have neither.
# What a paragraph lacks, each of its sentences lacks: the checks are made once for the
# paragraph, and again for a sentence only where the paragraph passes them.


def _sentence(sentence: str, words: bool, digits: bool, years: bool,
              src: str) -> list[Evidence]:
    """The findings of one sentence; ``words``, ``digits``, ``years``: whether its
    paragraph holds a relative word, a digit, a year's digits (False only where it has
    none; without a relative word, neither relative phrases nor weekdays can be found)."""
    if not (digits and has_digit(sentence)):  # no date, no year: words alone can count
        return [*_relatives(sentence, src), *_weekdays(sentence, src)] if words else []
    if not (words and _may_be_worded(sentence)) and not (years and may_hold_year(sentence)):
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
        for part, words, digits, yearish in prose_marks(article):
            # "days", "holiday", "Chicago": a relative word, but no phrase or weekday
            words = words and _may_be_worded(part)
            # A paragraph with a relative word is read sentence by sentence whatever its
            # digits: whether a sentence may hold a year is asked of that sentence alone.
            years = digits and (words or (may_hold_year(part) if yearish is None else yearish))
            if not words and not years:
                continue  # numbers at most, and no year: nothing to find
            if stamp(part, article.source) is not None:
                continue  # the page's own date stamp: see feeds.dates.evidence.stamps
            for sentence in sentences(part):
                found.extend(_sentence(sentence, words, digits, years, article.source))
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
