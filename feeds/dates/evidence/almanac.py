"""Events the user has dated in an almanac file, recognised by phrase.

An article that mentions an event was written on or after it (a lower bound); it is also
a candidate for the reported day, which a matching weekday mention can confirm.
"""

from __future__ import annotations

from feeds.dates.context import DateContext
from feeds.dates.evidence.common import captures, text_parts
from feeds.model import Evidence, Implies, Story

ALMANAC_WEIGHT = 0.75


def find(story: Story, context: DateContext) -> tuple[Evidence, ...]:
    found = []
    for entry in context.almanac:
        for article in captures(story):
            hit = next((m for part in (article.headline, *text_parts(article))
                        if (m := entry.pattern.search(part or ""))), None)
            if hit is None:
                continue
            note = f"almanac: {entry.label or entry.pattern.pattern}"
            found.append(Evidence("almanac", hit.group(0), article.source, Implies.LOWER,
                                  entry.when.earliest, entry.when.latest, weight=ALMANAC_WEIGHT,
                                  note=note, precision=entry.when.precision))
            break
    return tuple(found)
