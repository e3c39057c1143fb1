"""Manual overrides: the user's word on a story's date beats every inference."""

from __future__ import annotations

from feeds.dates.context import DateContext
from feeds.dates.evidence.common import captures
from feeds.model import Evidence, Implies, Story


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def find(story: Story, context: DateContext) -> tuple[Evidence, ...]:
    keys = {_norm(story.id)} | {_norm(a.headline) for a in captures(story) if a.headline}
    for entry in context.overrides:
        if _norm(entry.key) in keys:
            when = entry.when
            return (Evidence("override", entry.key, "override", Implies.POINT, when.earliest,
                             when.latest, weight=1.0, note="manual override",
                             precision=when.precision, at=when.at),)
    return ()
