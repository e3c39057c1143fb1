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
from feeds.dates.grammar import MONTH_RE, MONTHS, WEEKDAY_FULL, Mention, find_dates
from feeds.model import Evidence, Implies, Precision, Story

DAY_WEIGHT = 0.65
MONTH_WEIGHT = 0.6
YEAR_WEIGHT = 0.5
WEEKDAY_WEIGHT = 0.4

_SENTENCE = re.compile(r"(?<=[.!?…])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")
_FUTURE = re.compile(
    r"\b(will|won't|shall|would|going to|due|scheduled|rescheduled|set to|set for|expected|"
    r"plans? to|planned|planning|next|upcoming|coming|intends?|aims? to|deadline|"
    r"takes effect|comes? into force|is to|are to|postponed|adjourned|deferred|pushed back|"
    r"expires?|ahead of|forecasts?|projected|targets?|promised to|vowed to|hopes? to)\b",
    re.IGNORECASE,
)
_MODAL = re.compile(r"\b(?:may|might|could|should)\b")  # lower case: "May" is a month
_PAST = re.compile(
    r"\b(was|were|had|did|said|told|became|began|took|made|met|won|lost|held|came|went|saw|"
    r"fell|rose|gave|left|ran|led|chose|found|got|sent|spoke|wrote|brought|paid|sold|built|"
    r"struck|hit|shut|set|cut|put|beat|ago|[a-z]{3,}ied|[a-z]{2,}[^e\W]ed|[a-z]{2,}ated)\b",
    re.IGNORECASE,
)
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


def sentences(text: str) -> tuple[str, ...]:
    return tuple(s for s in _SENTENCE.split(text) if s.strip())


_CLAUSE = re.compile(r"[,;:—–()]|\b(?:that|but|and|when|while|which|who|because|although)\b")


def tense(text: str) -> str:
    """"past", "future", "mixed" or "unknown"."""
    future = bool(_FUTURE.search(text) or _MODAL.search(text))
    past = bool(_PAST.search(text))
    if past and future:
        return "mixed"
    return "past" if past else ("future" if future else "unknown")


def tense_at(sentence: str, start: int, end: int) -> str:
    """The tense around a span: its own clause decides, else the whole sentence.

    "NATO pledged in 2008 that Ukraine would join" is past at "2008" although the
    sentence also speaks of the future.
    """
    cuts = [0, *(m.start() for m in _CLAUSE.finditer(sentence)), len(sentence)]
    lo = max(c for c in cuts if c <= start)
    hi = min(c for c in cuts if c >= end)
    own = tense(sentence[lo:hi])
    if own in ("past", "future"):
        return own
    whole = tense(sentence)
    return whole if whole in ("past", "future") else "unknown"


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


def _years(masked: str, src: str) -> list[Evidence]:
    return [
        Evidence("year", m.group(0), src, Implies.LOWER,
                 date(int(m["year"] or m["back"] or m["when"]), 1, 1), None,
                 weight=YEAR_WEIGHT, note="a year in past tense: published on or after it",
                 precision=Precision.YEAR)
        for m in _YEAR.finditer(masked)
        if tense_at(masked, m.start(), m.end()) == "past"
    ]


def _weekdays(masked: str, src: str) -> list[Evidence]:
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


def _relatives(masked: str, src: str) -> list[Evidence]:
    return [Evidence("relative", m.group(0), src, Implies.RELATIVE, weight=0.0,
                     note="dated relative to publication") for m in _RELATIVE.finditer(masked)]


_STAMP = re.compile(
    r"^(?:(?:first|last|originally)\s+)?(?P<label>published|posted|updated|modified|edited)"
    r"(?:\s+on)?\s*:?\s*",
    re.IGNORECASE,
)
STAMP_MAX_CHARS = 90
STAMP_WEIGHT = 0.8
STAMP_UPDATED_WEIGHT = 0.75


def stamp(block: str, src: str) -> Evidence | None:
    """A short block that is only a label and a date ("Last modified on 4 Mar 2025"): the
    page's own date stamp, left in the body (often at its foot), not a reported event."""
    m = _STAMP.match(block.strip())
    if not m or len(block) > STAMP_MAX_CHARS:
        return None
    dated = [d for d in find_dates(block) if d.year is not None]
    if len(dated) != 1:
        return None
    d = dated[0]
    rest = block[m.end():d.start] + " " + block[d.end:]
    rest = re.sub(r"\d{1,2}[:.]\d{2}|\b[ap]\.?m\b\.?|\b[A-Z]{2,5}\b|\bat\b|[^\w\s]", " ", rest)
    if rest.split():
        return None  # more than a stamp: a sentence that happens to start "Published"
    lo, hi = d.span()
    if m["label"].lower() in ("published", "posted"):
        return Evidence("stamp", block.strip(), src, Implies.POINT, lo, hi, weight=STAMP_WEIGHT,
                        note="a publication stamp printed in the body", precision=d.precision)
    return Evidence("updated", block.strip(), src, Implies.UPPER, None, hi,
                    weight=STAMP_UPDATED_WEIGHT, note="an update stamp printed in the body",
                    precision=d.precision)


def find(story: Story) -> tuple[Evidence, ...]:
    found: list[Evidence] = []
    for article in captures(story):
        for part in text_parts(article):
            if (ev := stamp(part, article.source)) is not None:
                found.append(ev)
                continue
            for sentence in sentences(part):
                mentions = find_dates(sentence)
                masked = _mask(sentence, mentions)
                found.extend(_relatives(masked, article.source))
                found.extend(_weekdays(masked, article.source))
                found.extend(_dates(masked, mentions, article.source))
                found.extend(_anchors(sentence, mentions, article.source))
                found.extend(_years(masked, article.source))
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
