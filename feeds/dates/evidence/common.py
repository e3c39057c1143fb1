"""Helpers shared by the evidence collectors."""

from __future__ import annotations

from datetime import UTC, date, datetime

from feeds.dates.grammar import Mention
from feeds.model import Article, Story


def day_of(instant: datetime) -> date:
    """The last calendar day an instant can be read as, in its own zone or in UTC.

    A capture bounds publication from above, so when zones disagree the later day is
    the one that cannot exclude the truth.
    """
    if instant.tzinfo is None:
        return instant.date()
    return max(instant.date(), instant.astimezone(UTC).date())


def text_parts(article: Article) -> tuple[str, ...]:
    """The article's own prose (dek and body), never the related-links list."""
    return tuple(p for p in (article.dek, *(b.text for b in article.blocks)) if p)


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


def captures(story: Story) -> tuple[Article, ...]:
    return story.captures or (story.article,)
