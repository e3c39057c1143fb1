"""Evidence collectors: each module reads one kind of source and returns ``Evidence``.

They only report what a span says and which way it points; weighing and combining the
findings is ``feeds.dates.resolve``'s job.
"""

from __future__ import annotations

from datetime import date, timedelta

from feeds.dates.context import DateContext
from feeds.dates.evidence import (
    almanac,
    body,
    capture,
    common,
    lead,
    lines,
    metadata,
    override,
    position,
    stamps,
)
from feeds.model import Evidence, Implies, Story


def collect(story: Story, context: DateContext) -> tuple[Evidence, ...]:
    """All findings for ``story``, duplicates across captures removed, in a stable order."""
    found = (
        *override.find(story, context),
        *metadata.find(story, context),
        *position.find(story, context),
        *capture.find(story, context),
        *stamps.find(story),
        *lines.find(story, context),
        *lead.find(story),
        *almanac.find(story, context),
        *body.find(story),
    )
    at: dict[tuple, int] = {}
    unique: list[Evidence] = []
    lo, hi = plausible(story, context)
    for ev in found:
        if not _inside(ev, lo, hi):
            continue
        key = (ev.kind, ev.text, ev.implies, ev.earliest, ev.latest, ev.weekday)
        if key not in at:
            at[key] = len(unique)
            unique.append(ev)
        elif ev.weight > unique[at[key]].weight:  # the same span found twice: the surer
            unique[at[key]] = ev
    return tuple(unique)

def plausible(story: Story, context: DateContext) -> tuple[date, date | None]:
    """The days a publication date may fall on: from ``context.earliest`` to a day after
    the earliest capture time, when one is known."""
    times = [a.captured_at for a in (story.captures or (story.article,)) if a.captured_at]
    if context.captured_at is not None:
        times.append(context.captured_at)
    hi = min(common.bound_day(t) for t in times) + timedelta(days=1) if times else None
    return context.earliest, hi


def _inside(ev: Evidence, lo: date, hi: date | None) -> bool:
    """A finding that claims a day outside the plausible range is a misreading ("19.10.12"
    read as 1912, a copyright year far ahead): it is dropped, never published."""
    if ev.kind in ("override", "capture", "almanac"):
        return True
    if ev.earliest is not None and ev.earliest < lo and ev.implies is not Implies.UPPER:
        return ev.latest is not None and ev.latest >= lo and ev.implies is Implies.POINT
    return not (hi is not None and ev.earliest is not None and ev.earliest > hi)
