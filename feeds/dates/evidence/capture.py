"""When each capture was taken: the page existed then, so publication is no later.

Every capture of a story bounds the same publication date, so the earliest one wins
when the bounds are intersected.
"""

from __future__ import annotations

from datetime import date

from feeds.dates.context import DateContext
from feeds.dates.evidence.common import bound_day, captures, day_of
from feeds.grammar.dates import find_dates
from feeds.model import Article, Evidence, Implies, Precision, Story

CAPTURE_WEIGHT = 0.95


def banner_day(article: Article) -> date | None:
    """The last day a banner date can mean (the day the page was rendered)."""
    for m in find_dates(article.banner or ""):
        if m.year is not None:
            return m.span()[1]
    return None


def render_day(article: Article, context: DateContext) -> date | None:
    """The day this capture was shown: its capture time, its banner, or the run's."""
    if article.captured_at is not None:
        return day_of(article.captured_at)
    banner = banner_day(article)
    if banner is not None:
        return banner
    return day_of(context.captured_at) if context.captured_at is not None else None


def find(story: Story, context: DateContext) -> tuple[Evidence, ...]:
    found = [
        Evidence("capture", a.captured_at.isoformat(), a.source, Implies.UPPER,
                 latest=bound_day(a.captured_at), weight=CAPTURE_WEIGHT,
                 note="capture time of this copy (allowing for zones ahead of UTC)",
                 precision=Precision.DAY, at=a.captured_at)
        for a in captures(story) if a.captured_at is not None
    ]
    if context.captured_at is not None:
        at = context.captured_at
        found.append(Evidence("capture", at.isoformat(), "context", Implies.UPPER,
                              latest=bound_day(at), weight=CAPTURE_WEIGHT,
                              note="capture time given for the run", precision=Precision.DAY,
                              at=at))
    return tuple(found)
