"""A date that opens the article's first paragraph: the news dateline.

Agencies and many papers open the first paragraph with the place and day of the report
("Karlsruhe, (12.11.2021). Traditionell ...", "WASHINGTON, March 3, 2025 — ...",
"(18.01.2018) Deutschlands Landwirte ...", "01.02.2022 „Der Arbeitsmarkt ..."): the day
the story was filed, a point. Only the first paragraph is read, and only a full date at
its very start, after at most a place name and a comma. A date later in the paragraph is
an event the story reports, which ``feeds.dates.evidence.body`` reads.
"""

from __future__ import annotations

import re

from feeds.dates.evidence.common import captures, instant_of
from feeds.grammar.dates import find_dates
from feeds.model import Article, BlockKind, Evidence, Implies, Story

LEAD_WEIGHT = 0.75  # below a byline's date: a paragraph may open on an event's day
LEAD_MAX_START = 40  # characters before the date: a place name at most
# Before the date: nothing but punctuation, or a place name and a comma ("Karlsruhe, (").
_PLACED = re.compile(r"(?P<place>[^\W\d_][\w .'’/-]{0,30}),\s*[(\[]?\s*")
_NO_WORD = re.compile(r"[\W_]*")
PLACE_MAX_WORDS = 3


def _is_place(name: str) -> bool:
    """A place name as datelines print it: up to three words, each capitalised but for
    short joining words ("Frankfurt am Main", "Rio de Janeiro"); "The regulator said
    yesterday" is a clause, not a place."""
    words = name.split()
    return (0 < len(words) <= PLACE_MAX_WORDS and words[0][0].isupper()
            and all(w[0].isupper() or (len(w) <= 3 and w.islower()) for w in words))


HEAD_CHARS = 100  # the opening read: room for the place and the longest written date


def _lead(article: Article) -> list[Evidence]:
    first = next((b.text for b in article.blocks if b.kind is BlockKind.PARAGRAPH), "")
    # Cut after a whole word, so a date is never read with half its year ("… 20").
    head = first if len(first) <= HEAD_CHARS else first[:HEAD_CHARS].rsplit(" ", 1)[0]
    mentions = find_dates(head)
    if not mentions:
        return []
    m = mentions[0]
    if m.start > LEAD_MAX_START or m.year is None or m.day is None:
        return []
    before = head[:m.start]
    placed = _PLACED.fullmatch(before)
    if not (_NO_WORD.fullmatch(before) or (placed and _is_place(placed["place"]))):
        return []
    lo, hi = m.span()
    return [Evidence("lead", m.text, article.source, Implies.POINT, lo, hi,
                     weight=LEAD_WEIGHT, precision=m.precision, at=instant_of(m),
                     note="the date that opens the first paragraph")]


def find(story: Story) -> tuple[Evidence, ...]:
    return tuple(ev for article in captures(story) for ev in _lead(article))
