"""Date stamps left in the body: "First published on ...", "Last modified on ...".

Many pages print their own publication and update times at the foot of the article, where
the parser files them as body blocks. A block that is nothing but such a label and one
date is the page's stamp, not a reported event: a point, or for updates an upper bound.
"""

from __future__ import annotations

import re

from feeds.dates.evidence.common import captures, prose_marks
from feeds.grammar.dates import find_dates
from feeds.model import Evidence, Implies, Story

_STAMP = re.compile(
    r"^(?:(?:first|last|originally)\s+)?(?P<label>published|posted|updated|modified|edited)"
    r"(?:\s+on)?\s*:?\s*",
    re.IGNORECASE,
)
STAMP_MAX_CHARS = 90
STAMP_WEIGHT = 0.8
STAMP_UPDATED_WEIGHT = 0.75


def stamp(block: str, src: str) -> Evidence | None:
    """A short block that is only a label and a date ("Last modified on 4 Mar 2025"): the
    page's own date stamp, left in the body (often at its foot), not a reported event."""
    if len(block) > STAMP_MAX_CHARS:
        return None
    m = _STAMP.match(block.strip())
    if not m:
        return None
    dated = [d for d in find_dates(block) if d.year is not None]
    if len(dated) != 1:
        return None
    d = dated[0]
    rest = block[m.end():d.start] + " " + block[d.end:]
    rest = re.sub(r"\d{1,2}[:.]\d{2}|\b[ap]\.?m\b\.?|\b[A-Z]{2,5}\b|\bat\b|[^\w\s]", " ", rest)
    if rest.split():
        return None  # more than a stamp: a sentence that happens to start "Published"
    lo, hi = d.span()
    if m["label"].lower() in ("published", "posted"):
        return Evidence("stamp", block.strip(), src, Implies.POINT, lo, hi, weight=STAMP_WEIGHT,
                        note="a publication stamp printed in the body", precision=d.precision)
    return Evidence("updated", block.strip(), src, Implies.UPPER, None, hi,
                    weight=STAMP_UPDATED_WEIGHT, note="an update stamp printed in the body",
                    precision=d.precision)


def find(story: Story) -> tuple[Evidence, ...]:
    # A stamp's date has a year: only a part with a digit can be one.
    return tuple(ev for article in captures(story)
                 for part, _, digits, _ in prose_marks(article)
                 if digits and (ev := stamp(part, article.source)) is not None)
