"""Evidence collectors: each module reads one kind of source and returns ``Evidence``.

They only report what a span says and which way it points; weighing and combining the
findings is ``feeds.dates.resolve``'s job.
"""

from __future__ import annotations

from feeds.dates.context import DateContext
from feeds.dates.evidence import almanac, body, capture, metadata, override, position, stamps
from feeds.model import Evidence, Story


def collect(story: Story, context: DateContext) -> tuple[Evidence, ...]:
    """All findings for ``story``, duplicates across captures removed, in a stable order."""
    found = (
        *override.find(story, context),
        *metadata.find(story),
        *position.find(story, context),
        *capture.find(story, context),
        *stamps.find(story),
        *almanac.find(story, context),
        *body.find(story),
    )
    seen: set[tuple] = set()
    unique = []
    for ev in found:
        key = (ev.kind, ev.text, ev.implies, ev.earliest, ev.latest, ev.weekday)
        if key not in seen:
            seen.add(key)
            unique.append(ev)
    return tuple(unique)
