"""Publication-date estimation.

Minimal first rule set: a dateline printed in the article's own byline block is the
publication date; otherwise a deterministic fallback (``SOURCE_DATE_EPOCH`` when set).
The full constraint-based resolver replaces this module.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from dateutil import parser as dateparser

from feeds.model import DateEstimate, Evidence, Implies, Precision, Story

FALLBACK_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class DateContext:
    fallback: datetime = FALLBACK_EPOCH


def context_from_env() -> DateContext:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return DateContext(fallback=datetime.fromtimestamp(int(epoch), tz=UTC))
    return DateContext()


def resolve(story: Story, context: DateContext) -> DateEstimate:
    for capture in story.captures:
        if capture.dateline:
            try:
                day = dateparser.parse(capture.dateline, fuzzy=True, default=datetime(2000, 1, 1))
            except (ValueError, OverflowError):
                continue
            point = day.replace(hour=0, minute=0, second=0, microsecond=0, tzinfo=UTC)
            ev = Evidence("dateline", capture.dateline, capture.source, Implies.POINT,
                          point.date(), point.date(), weight=0.9)
            return DateEstimate(point, point, point + timedelta(days=1) - timedelta(seconds=1),
                                Precision.DAY, 0.9, (ev,), "dateline in the byline block")
    fb = context.fallback
    return DateEstimate(fb, fb, fb, Precision.UNKNOWN, 0.0, (), "no date evidence: fallback")
