"""Helpers shared by the evidence collectors."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from feeds.dates.evidence.marks import marked
from feeds.grammar.bylines import UPDATE_RE
from feeds.grammar.dates import Mention
from feeds.model import Article, Story


def day_of(instant: datetime) -> date:
    """The calendar day of an instant in its own zone (the day a page was shown)."""
    return instant.date()


MAX_ZONE_AHEAD = timedelta(hours=14)  # the furthest any zone runs ahead of UTC


def bound_day(instant: datetime) -> date:
    """The last publisher-local day an instant can fall on.

    A capture bounds publication from above, but the publisher's date may be written in a
    zone up to 14 hours ahead of the capture's; the bound must not exclude that day.
    """
    if instant.tzinfo is None:
        return instant.date()
    return (instant.astimezone(UTC) + MAX_ZONE_AHEAD).date()


def text_parts(article: Article) -> tuple[str, ...]:
    """The article's own prose (dek and body), never the related-links list."""
    return tuple(p for p in (article.dek, *(b.text for b in article.blocks)) if p)


_marks: tuple[Article | None, list[tuple[str, bool, bool, bool | None]]] = (None, [])


def prose_marks(article: Article) -> list[tuple[str, bool, bool, bool | None]]:
    """``marks.marked`` of the article's ``text_parts``: each part holding a relative
    word or a digit, with whether it holds each (and a year's digits). Two collectors
    ask it of the same capture in turn, so the last answer is kept."""
    global _marks
    seen, answer = _marks
    if seen is not article:
        answer = marked(text_parts(article))
        _marks = (article, answer)
    return answer


def instant_of(m: Mention) -> datetime | None:
    """The timestamp a mention states, when it states a time of day."""
    if m.time is None or m.year is None or m.month is None or m.day is None:
        return None
    try:
        hh, mm, ss = m.time
        text = f"{m.year:04d}-{m.month:02d}-{m.day:02d}T{hh:02d}:{mm:02d}:{ss:02d}"
        value = datetime.fromisoformat(text + (m.tz or "").replace("Z", "+00:00"))
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


_PUBLISH = re.compile(r"publish|posted|first\s+published|created|issued|veröffentlicht|"
                      r"erstellt|erschienen|publié|publicado|pubblicato|gepubliceerd",
                      re.IGNORECASE)


def is_update(label: str) -> bool:
    """Words before a date that make it a change date, not the publication date."""
    return bool(UPDATE_RE.search(label)) and not _PUBLISH.search(label)


def is_publish(label: str) -> bool:
    """Words before a date that name it the publication date."""
    return bool(_PUBLISH.search(label))


# "03/04/2025" or "3.4.25", not after a digit, slash or dot (_AFTER_NUMBER, tested on each
# match: a pattern that opens with a look-behind is tried at every character, one that
# opens with a digit is not; a shape inside a longer number is all digits, slashes and
# dots, so no shape that stands alone hides in one that does not).
_NUMERIC = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](?:\d{4}|\d{2})(?![\d/])")
_AFTER_NUMBER = re.compile(r"[\d/.]")
GUESS_PARTS = 60  # the blocks looked at for the page's own order


def _numeric_dates(text: str) -> list[re.Match[str]]:
    return [m for m in _NUMERIC.finditer(text)
            if not (m.start() and _AFTER_NUMBER.match(text, m.start() - 1))]


_last: tuple[Article | None, bool | None] = (None, None)


def dayfirst(article: Article) -> bool | None:
    """As ``_dayfirst``; two collectors ask it of the same capture in turn, so the last
    answer is kept."""
    global _last
    seen, answer = _last
    if seen is not article:
        answer = _dayfirst(article)
        _last = (article, answer)
    return answer


# Every text the page's order can change holds this: the grammar's "03/04/2025", "3-4-2025"
# and "3/4/25" and the URL's "03-04-2025". Elsewhere any order reads alike, and working it
# out (a pass over the first blocks of the page) is spared.
_ORDERED = re.compile(r"\d[/-]\d{1,2}[/-]\d")


def order_for(article: Article, *texts: str) -> bool | None:
    """The page's order (``dayfirst``) where one of ``texts`` may need it, else None,
    which reads them alike."""
    if any(_ORDERED.search(t) for t in texts):
        return dayfirst(article)
    return None


def forget() -> None:
    """Drop the kept answers (a benchmark times each capture from a cold start)."""
    global _last, _marks
    _last = (None, None)
    _marks = (None, [])


def _dayfirst(article: Article) -> bool | None:
    """How the page writes "03/04/2025": month first in US English, day first in every
    other language the page declares. Without a declared region, the page's own
    unambiguous numeric dates decide ("25/08/2015" is day first, "08/25/2015" month
    first); with none, it stays unknown and such dates are left out."""
    lang = (article.language or "").lower().replace("_", "-")
    if lang and lang != "en":
        if lang.startswith("en"):
            return lang not in ("en-us", "en-ph")
        return True
    day = month = 0
    parts = (article.byline, article.dateline, article.banner, article.dek,
             *(b.text for b in article.blocks[:GUESS_PARTS]))
    # One pass over the parts joined by line breaks: no match can span one (the pattern
    # holds only digits, dots and slashes), and a line break is neither on either side.
    for m in _numeric_dates("\n".join(p for p in parts if p)):
        a, b = int(m[1]), int(m[2])
        day += a > 12 >= b
        month += b > 12 >= a
    if day != month:
        return day > month
    return None


def captures(story: Story) -> tuple[Article, ...]:
    return story.captures or (story.article,)
