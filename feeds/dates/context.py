"""What the resolver knows besides the captures themselves."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, date, datetime

from feeds.dates.config import AlmanacEntry, Override, load_almanac, load_overrides
from feeds.errors import FeedsError
from feeds.grammar.dates import EARLIEST_PLAUSIBLE

FALLBACK_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class DateContext:
    fallback: datetime = FALLBACK_EPOCH  # reported when nothing at all dates a story
    captured_at: datetime | None = None  # when the whole input set was captured, if known
    almanac: tuple[AlmanacEntry, ...] = ()
    overrides: tuple[Override, ...] = ()
    # No evidence dates a story before this day (feeds.toml [build].earliest_date, for
    # archives of older pages) or after the capture time plus a day.
    earliest: date = EARLIEST_PLAUSIBLE


def parse_instant(text: str) -> datetime:
    """An ISO 8601 date or timestamp; a naive one is taken as UTC."""
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError as exc:
        raise FeedsError(f"not an ISO 8601 date or time: {text!r}") from exc
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def context_from_env() -> DateContext:
    """Build the context from the environment, so builds are reproducible from it alone.

    ``SOURCE_DATE_EPOCH`` sets the fallback; ``FEEDS_CAPTURED_AT`` (ISO), ``FEEDS_ALMANAC``
    and ``FEEDS_DATES`` (TOML paths) supply the capture time, almanac and overrides.
    """
    env = os.environ
    fallback = FALLBACK_EPOCH
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        fallback = datetime.fromtimestamp(int(epoch), tz=UTC)
    captured = env.get("FEEDS_CAPTURED_AT")
    almanac = env.get("FEEDS_ALMANAC")
    dates = env.get("FEEDS_DATES")
    return DateContext(
        fallback=fallback,
        captured_at=parse_instant(captured) if captured else None,
        almanac=load_almanac(almanac) if almanac else (),
        overrides=load_overrides(dates) if dates else (),
    )
